//! Diagnostics as people read them: rustc-style code frames.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity, Span};

/// Plain text for tests and logs, or colour for a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// No colour.
    Plain,
    /// ANSI colour.
    Color,
}

/// Renders one diagnostic, ending with a blank line. `source` gives the text of a file, for its code frame; a file it
/// cannot give is shown by name and position only.
pub fn render(
    diagnostic: &Diagnostic,
    source: &dyn Fn(&Path) -> Option<Cow<'static, str>>,
    style: Style,
) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let primary_text = source(&diagnostic.file);
    let path = diagnostic.file.display().to_string();
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule);
    let mut groups = Vec::new();
    let mut trailer = String::new();
    match (&primary_text, diagnostic.span) {
        (Some(text), Some(span)) => {
            let range = byte_range(text, span);
            let group = title.element(
                Snippet::source(text.as_ref())
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(range)),
            );
            groups.push(with_help(group, diagnostic.help.as_deref()));
        }
        (_, span) => {
            let at = match span {
                Some(span) => format!("{path}:{}:{}", span.start_line, span.start_column),
                None => path.clone(),
            };
            let group = Group::with_title(title).element(Level::NOTE.message(format!("in {at}")));
            groups.push(with_help(group, diagnostic.help.as_deref()));
        }
    }
    let related_texts: Vec<(String, Option<Cow<'static, str>>)> = diagnostic
        .related
        .iter()
        .map(|related| (related.file.display().to_string(), source(&related.file)))
        .collect();
    for (related, (related_path, text)) in diagnostic.related.iter().zip(&related_texts) {
        match (text, related.span) {
            (Some(text), Some(span)) => {
                let range = byte_range(text, span);
                groups.push(
                    Level::NOTE
                        .secondary_title(related.message.as_str())
                        .element(
                            Snippet::source(text.as_ref())
                                .path(related_path.as_str())
                                .annotation(AnnotationKind::Context.span(range)),
                        ),
                );
            }
            (_, span) => {
                let at = span.map_or(related_path.clone(), |s| {
                    format!("{related_path}:{}:{}", s.start_line, s.start_column)
                });
                let _ = writeln!(trailer, "note: {} ({at})", related.message);
            }
        }
    }
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Color => Renderer::styled(),
    };
    let mut out = renderer.render(&groups);
    out.push('\n');
    out.push_str(&trailer);
    out.push('\n');
    out
}

fn with_help<'a>(group: Group<'a>, help: Option<&'a str>) -> Group<'a> {
    match help {
        Some(help) => group.element(Level::HELP.message(help)),
        None => group,
    }
}

/// The byte range of a span in `text`, found by line and column so that it holds even when the
/// text shown is a lossy copy of the file's bytes.
fn byte_range(text: &str, span: Span) -> std::ops::Range<usize> {
    let start = offset(text, span.start_line, span.start_column);
    let end = offset(text, span.end_line, span.end_column).max(start);
    start..end
}

fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[line_start..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}
