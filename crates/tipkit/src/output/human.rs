//! Code frames for errors and warnings, one line per piece of information, and a summary.

use std::io::Write;

use tipkit_validate::{
    Applicability, Diagnostic, Fix, Severity, Style, Summary, Workspace, visible, visible_path,
};

use super::Printer;
use super::fold::{Folds, Show};
use super::stream::Stdout;

pub(crate) struct Human {
    style: Style,
    out: Stdout,
    /// Print every piece of information on its own line, none folded.
    verbose: bool,
    /// Findings with a safe fix, and with an unsafe one.
    fixable: (usize, usize),
}

impl Human {
    pub(crate) fn new(style: Style, verbose: bool) -> Self {
        Self {
            style,
            out: Stdout::new(),
            verbose,
            fixable: (0, 0),
        }
    }
}

impl Printer for Human {
    fn folder(&mut self, diagnostics: &[Diagnostic], sources: &Workspace) -> anyhow::Result<()> {
        let folds = Folds::new(diagnostics, self.verbose);
        for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
            match fix.applicability {
                Applicability::Safe => self.fixable.0 += 1,
                Applicability::Unsafe => self.fixable.1 += 1,
            }
        }
        for (index, diagnostic) in diagnostics.iter().enumerate() {
            match folds.show(diagnostics, index) {
                Show::Own => {}
                Show::Folded(line) => {
                    self.out.write_all(line.as_bytes())?;
                    continue;
                }
                Show::Hidden => continue,
            }
            if diagnostic.severity == Severity::Info {
                let file = visible_path(&diagnostic.file);
                let message = visible(&diagnostic.message);
                match diagnostic.span {
                    Some(span) => writeln!(
                        self.out,
                        "info[{}]: {file}:{}:{}: {message}",
                        diagnostic.rule, span.start_line, span.start_column
                    )?,
                    None => writeln!(self.out, "info[{}]: {file}: {message}", diagnostic.rule)?,
                }
                if let Some(fix) = &diagnostic.fix {
                    writeln!(self.out, "  = {}", fix_note(fix))?;
                }
            } else {
                let mut frame = tipkit_validate::render(diagnostic, sources, self.style);
                if let Some(fix) = &diagnostic.fix {
                    frame = with_fix_line(&frame, fix);
                }
                self.out.write_all(frame.as_bytes())?;
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: Summary, unreadable: usize) -> anyhow::Result<()> {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            self.out,
            "{} checked: {}, {}, {}",
            plural(summary.files, "file"),
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.infos, "info"),
        )?;
        if unreadable > 0 {
            write!(
                self.out,
                "; {} could not be read",
                plural(unreadable, "path")
            )?;
        }
        writeln!(self.out)?;
        match self.fixable {
            (0, 0) => {}
            (safe, 0) => writeln!(self.out, "{safe} fixable with `--fix`")?,
            (0, more) => writeln!(self.out, "{more} fixable with `--fix --unsafe-fixes`")?,
            (safe, more) => writeln!(
                self.out,
                "{safe} fixable with `--fix` ({more} more with `--unsafe-fixes`)"
            )?,
        }
        self.out.flush()?;
        Ok(())
    }
}

/// "fix (safe): write `Connecticut`", input shown visibly.
fn fix_note(fix: &Fix) -> String {
    format!(
        "fix ({}): {}",
        fix.applicability.as_str(),
        visible(&fix.message)
    )
}

/// A code frame with a `= fix` line after its help, or at its end, aligned with its `=` and `|`
/// lines.
fn with_fix_line(frame: &str, fix: &Fix) -> String {
    let body = frame.trim_end_matches('\n');
    let trailing = &frame[body.len()..];
    let lines: Vec<String> = body.lines().map(without_escapes).collect();
    let after = lines
        .iter()
        .position(|line| line.trim_start().starts_with("= help:"))
        .unwrap_or(lines.len() - 1);
    let indent = lines[..=after]
        .iter()
        .rev()
        .find_map(|line| {
            let text = line.trim_start_matches(' ');
            (text.starts_with('=') || text.starts_with('|')).then(|| line.len() - text.len())
        })
        .unwrap_or(0);
    let mut out = String::with_capacity(frame.len() + 80);
    for (index, line) in body.lines().enumerate() {
        out.push_str(line);
        out.push('\n');
        if index == after {
            out.push_str(&" ".repeat(indent));
            out.push_str("= ");
            out.push_str(&fix_note(fix));
            out.push('\n');
        }
    }
    out.pop();
    out.push_str(trailing);
    out
}

/// A line without its colour escapes (`ESC [ … m`).
fn without_escapes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
