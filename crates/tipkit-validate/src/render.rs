//! Diagnostics as people read them: rustc-style code frames.
//!
//! A frame shows only the line of a finding, cut to a window around its span, so that drawing
//! it costs the same on a line of 80 characters and on a one-line file of megabytes. Everything
//! that came from input (the path, the message, the help, the line itself) is shown through
//! [`visible`](fn@crate::visible), so that no control character or direction mark in a file reaches
//! the terminal raw; the underline is placed on the escaped text, and the `-->` line gives the
//! position in the file.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::engine::{SourceFile, Workspace};
use crate::visible::{needs_escape, visible, visible_path};

/// Characters of a line shown on each side of a span, and of the span itself, at most. More than
/// `annotate-snippets` shows in a terminal's width, so that it marks the cut with "...".
const WINDOW: usize = 200;

/// Plain text for tests and logs, or colour for a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// No colour.
    Plain,
    /// ANSI colour.
    Color,
}

/// One line of a file as a frame shows it.
struct Frame {
    /// The line, cut to a window around the span and escaped.
    shown: String,
    /// The span, in `shown`.
    range: Range<usize>,
    line: usize,
    column: usize,
}

impl Frame {
    /// The frame of `span`, or `None` when the file does not have its line.
    fn new(source: &SourceFile, span: Span) -> Option<Self> {
        let line = source.lines().line(span.start_line)?;
        // Byte offsets in the line are byte offsets in the file unless a byte was replaced.
        let (text, exact) = match String::from_utf8_lossy(&source.bytes()[line.clone()]) {
            Cow::Borrowed(text) => (Cow::Borrowed(text), true),
            Cow::Owned(text) => (Cow::Owned(text), false),
        };
        let by_bytes = exact
            && (line.start..=line.end).contains(&span.start)
            && text.is_char_boundary(span.start - line.start);
        let (start, end) = if by_bytes {
            let start = span.start - line.start;
            let mut end = span.end.clamp(span.start, line.end) - line.start;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            (start, end)
        } else {
            // A lossy copy: find the span by its columns.
            let at = |column: usize| {
                text.char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(text.len(), |(i, _)| i)
            };
            let start = at(span.start_column);
            let end = if span.end_line == span.start_line {
                at(span.end_column).max(start)
            } else {
                text.len()
            };
            (start, end)
        };
        let before = last_chars(&text[..start], WINDOW);
        let inside = first_chars(&text[start..end], WINDOW);
        let after = first_chars(&text[end..], WINDOW);
        let mut shown = String::with_capacity(before.len() + inside.len() + after.len() + 16);
        escape_into(before, &mut shown);
        let range_start = shown.len();
        escape_into(inside, &mut shown);
        let range = range_start..shown.len();
        escape_into(after, &mut shown);
        Some(Self {
            shown,
            range,
            line: span.start_line,
            column: span.start_column,
        })
    }
}

/// The last `n` characters of `text`.
fn last_chars(text: &str, n: usize) -> &str {
    match text.char_indices().rev().nth(n) {
        Some((i, c)) => &text[i + c.len_utf8()..],
        None => text,
    }
}

/// The first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// `text` as [`visible`] shows it, but for tabs, which the frame draws as spaces itself.
fn escape_into(text: &str, out: &mut String) {
    let mut buffer = [0; 4];
    for c in text.chars() {
        if c == '\t' || !needs_escape(c) {
            out.push(c);
        } else {
            out.push_str(&visible(c.encode_utf8(&mut buffer)));
        }
    }
}

/// Renders one diagnostic, ending with a blank line. `sources` holds the text of the files, for
/// their code frames; a file it does not hold is shown by name and position only.
pub fn render(diagnostic: &Diagnostic, sources: &Workspace, style: Style) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let frame = |file: &Path, span: Option<Span>| Frame::new(sources.file(file)?, span?);
    let message = visible(&diagnostic.message);
    let help = diagnostic.help.as_deref().map(visible);
    let primary = frame(&diagnostic.file, diagnostic.span);
    let related: Vec<(Cow<'_, str>, Option<Frame>)> = diagnostic
        .related
        .iter()
        .map(|r| (visible(&r.message), frame(&r.file, r.span)))
        .collect();
    // Each frame's `-->` line names a marker, replaced after rendering by the path and the
    // position in the file: `annotate-snippets` would count columns in the escaped, cut line.
    let mut headers: Vec<(String, String)> = Vec::new();
    let title = level.primary_title(message.as_ref()).id(diagnostic.rule);
    let group = match &primary {
        Some(frame) => title.element(snippet(
            &mut headers,
            &diagnostic.file,
            frame,
            AnnotationKind::Primary,
        )),
        None => Group::with_title(title)
            .element(Level::NOTE.message(format!("in {}", at(&diagnostic.file, diagnostic.span)))),
    };
    let mut groups = vec![match &help {
        Some(help) => group.element(Level::HELP.message(help.as_ref())),
        None => group,
    }];
    let mut trailer = String::new();
    for (place, (note, frame)) in diagnostic.related.iter().zip(&related) {
        match frame {
            Some(frame) => groups.push(Level::NOTE.secondary_title(note.as_ref()).element(
                snippet(&mut headers, &place.file, frame, AnnotationKind::Context),
            )),
            None => {
                let _ = writeln!(trailer, "note: {note} ({})", at(&place.file, place.span));
            }
        }
    }
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Color => Renderer::styled(),
    };
    let mut out = renderer.render(&groups);
    for (marker, header) in &headers {
        replace_header(&mut out, marker, header);
    }
    out.push('\n');
    out.push_str(&trailer);
    out.push('\n');
    out
}

/// The snippet of a frame, its `-->` line naming a marker that `headers` maps to the real one.
fn snippet<'a>(
    headers: &mut Vec<(String, String)>,
    file: &Path,
    frame: &'a Frame,
    kind: AnnotationKind,
) -> Snippet<'a, Annotation<'a>> {
    let marker = format!("\0{}\0", headers.len());
    headers.push((marker.clone(), header(file, frame)));
    Snippet::source(frame.shown.as_str())
        .line_start(frame.line)
        .path(marker)
        .annotation(kind.span(frame.range.clone()))
}

/// "ct.json:12:16", the path escaped. The marker paths hold a NUL, which no escaped text does.
fn header(file: &Path, frame: &Frame) -> String {
    format!("{}:{}:{}", visible_path(file), frame.line, frame.column)
}

/// "ct.json:12:16", or the path alone for a finding with no span.
fn at(file: &Path, span: Option<Span>) -> String {
    match span {
        Some(span) => format!(
            "{}:{}:{}",
            visible_path(file),
            span.start_line,
            span.start_column
        ),
        None => visible_path(file).into_owned(),
    }
}

/// Replaces `marker:line:column` in `out` with `header`.
fn replace_header(out: &mut String, marker: &str, header: &str) {
    let Some(start) = out.find(marker) else {
        return;
    };
    let rest = &out[start + marker.len()..];
    let position = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    out.replace_range(start..start + marker.len() + position, header);
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::LineIndex;

    fn finding(text: &str, range: Range<usize>, message: &str) -> Diagnostic {
        let span = LineIndex::new(text.as_bytes()).span(range.start, range.end);
        Diagnostic {
            rule: "syntax",
            severity: Severity::Error,
            file: PathBuf::from("ct.json"),
            pointer: String::new(),
            span: Some(span),
            message: message.to_owned(),
            help: Some("help\u{1b}[2J".to_owned()),
            related: Vec::new(),
            fix: None,
        }
    }

    fn rendered(text: &str, range: Range<usize>, message: &str) -> String {
        let diagnostic = finding(text, range, message);
        let mut sources = Workspace::default();
        sources.set_text("ct.json", text.as_bytes());
        render(&diagnostic, &sources, Style::Plain)
    }

    #[test]
    fn control_characters_in_the_line_message_and_help_are_escaped() {
        let text = "{\"a\u{1b}[31m\u{7}\u{202e}\u{8}b\": x}";
        let x = text.find('x').unwrap();
        let out = rendered(text, x..x + 1, "bad\n::error::forged");
        assert!(!out.chars().any(|c| c != '\n' && needs_escape(c)), "{out}");
        assert!(out.contains("bad\\n::error::forged"), "{out}");
        assert!(
            out.contains(r#"{"a\u{1b}[31m\u{7}\u{202e}\u{8}b": x}"#),
            "{out}"
        );
        assert!(out.contains("help\\u{1b}[2J"), "{out}");
        // The header gives the column in the file; the caret sits under the escaped `x`.
        assert!(out.contains(" --> ct.json:1:16\n"), "{out}");
        let line = out.lines().find(|l| l.starts_with("1 |")).unwrap();
        let caret = out.lines().find(|l| l.trim_end().ends_with('^')).unwrap();
        assert_eq!(line.find(" x}"), Some(caret.find('^').unwrap() - 1));
    }

    /// A lone `\r` ends a line, as in the editor: the frame shows the line after it, and
    /// prints no `\r` (issue 23, finding 10).
    #[test]
    fn a_lone_carriage_return_ends_the_line_of_the_frame() {
        let text = "{\"a\":\r x}";
        let x = text.find('x').unwrap();
        let out = rendered(text, x..x + 1, "bad");
        assert!(out.contains(" --> ct.json:2:2\n"), "{out}");
        assert!(out.contains("2 |  x}"), "{out}");
        assert!(!out.contains('\r'), "{out}");
    }

    #[test]
    fn tabs_are_kept_for_the_frame_to_draw() {
        let text = "{\n\t\"a\": x\n}";
        let x = text.find('x').unwrap();
        let out = rendered(text, x..x + 1, "m");
        assert!(out.contains(" --> ct.json:2:7\n"), "{out}");
        assert!(!out.contains("\\t"), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let text = format!("[{}2{}]", "1,".repeat(100_000), ",1".repeat(100_000));
        let at = text.find('2').unwrap();
        let out = rendered(&text, at..at + 1, "m");
        assert!(out.len() < 1000, "{out}");
        assert!(out.contains(" --> ct.json:1:200002\n"), "{out}");
        assert!(out.contains("...1,1,1"), "{out}");
    }

    #[test]
    fn a_line_with_invalid_bytes_is_framed_by_columns() {
        let text = b"{\n  \"a\xff\": x\r\n}";
        let x = text.iter().position(|&b| b == b'x').unwrap();
        let span = LineIndex::new(text).span(x, x + 1);
        let diagnostic = Diagnostic {
            span: Some(span),
            ..finding("", 0..0, "m")
        };
        let mut sources = Workspace::default();
        sources.set_text("ct.json", text.to_vec());
        let out = render(&diagnostic, &sources, Style::Plain);
        assert!(out.contains(" --> ct.json:2:9\n"), "{out}");
        let line = out.lines().find(|l| l.starts_with("2 |")).unwrap();
        let caret = out.lines().find(|l| l.trim_end().ends_with('^')).unwrap();
        let columns = |text: &str, at: usize| text[..at].chars().count();
        assert_eq!(
            columns(line, line.find(" x").unwrap()),
            columns(caret, caret.find('^').unwrap()) - 1,
            "{out}"
        );
    }

    #[test]
    fn a_file_the_database_does_not_hold_is_shown_by_position() {
        let diagnostic = finding("{\n  \"a\": x\n}", 9..10, "m");
        let out = render(&diagnostic, &Workspace::default(), Style::Plain);
        assert!(out.contains("in ct.json:2:8"), "{out}");
    }
}
