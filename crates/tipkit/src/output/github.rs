//! GitHub Actions workflow commands, escaped as GitHub requires, and a Markdown table of every
//! finding in `$GITHUB_STEP_SUMMARY`: GitHub shows at most 10 annotations of each type per step.
//! Input text is made visible first, then escaped for the command or for Markdown and HTML.

use std::fmt::Write as _;
use std::io::Write;

use tipkit_validate::{Diagnostic, Severity, Summary, Workspace, visible, visible_path};

use super::Printer;
use super::stream::Stdout;

pub(crate) struct Github {
    out: Stdout,
    /// `$GITHUB_STEP_SUMMARY`, when set: every finding goes to its table.
    step_summary: Option<std::io::BufWriter<std::fs::File>>,
}

impl Github {
    pub(crate) fn new() -> anyhow::Result<Self> {
        let step_summary = match std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            Some(path) => {
                let file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?;
                let mut file = std::io::BufWriter::new(file);
                file.write_all(b"### tipkit check\n\n| severity | file | line | rule | message |\n|---|---|---|---|---|\n")?;
                Some(file)
            }
            None => None,
        };
        Ok(Self {
            out: Stdout::new(),
            step_summary,
        })
    }
}

impl Printer for Github {
    fn folder(&mut self, diagnostics: &[Diagnostic], _: &Workspace) -> anyhow::Result<()> {
        for diagnostic in diagnostics {
            writeln!(self.out, "{}", command(diagnostic))?;
            if let Some(file) = &mut self.step_summary {
                file.write_all(table_row(diagnostic).as_bytes())?;
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: Summary, _unreadable: usize) -> anyhow::Result<()> {
        let counts = format!(
            "{} files checked, {} errors, {} warnings, {} infos",
            summary.files, summary.errors, summary.warnings, summary.infos
        );
        writeln!(self.out, "tipkit: {counts}")?;
        self.out.flush()?;
        if let Some(mut file) = self.step_summary {
            writeln!(file, "\n{counts}.\n")?;
            file.flush()?;
        }
        Ok(())
    }
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
fn command(diagnostic: &Diagnostic) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = vec![format!(
        "file={}",
        escape_property(&visible_path(&diagnostic.file))
    )];
    if let Some(span) = diagnostic.span {
        properties.push(format!("line={}", span.start_line));
        properties.push(format!("col={}", span.start_column));
        properties.push(format!("endLine={}", span.end_line));
        properties.push(format!("endColumn={}", span.end_column));
    }
    properties.push(format!("title={}", escape_property(diagnostic.rule)));
    let mut message = visible(&diagnostic.message).into_owned();
    if let Some(help) = &diagnostic.help {
        let _ = write!(message, "\nhelp: {}", visible(help));
    }
    format!(
        "::{kind} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message: `%`, CR and LF.
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property: as data, plus `:` and `,`.
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One finding as a row of the step summary's Markdown table.
fn table_row(d: &Diagnostic) -> String {
    let line = d.span.map_or(String::new(), |s| {
        format!("{}:{}", s.start_line, s.start_column)
    });
    format!(
        "| {} | {} | {line} | `{}` | {} |\n",
        d.severity,
        cell(&visible_path(&d.file)),
        d.rule,
        cell(&visible(&d.message))
    )
}

/// Visible text as the content of a Markdown table cell: [`tipkit_model::markdown_text`], so
/// that it shows as itself and never as HTML, markup, a link or a mention.
fn cell(text: &str) -> String {
    tipkit_model::markdown_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colons_commas_percent_signs_and_newlines_survive() {
        let message = "a: b, 100% done\r\nnext line";
        let escaped = escape_data(message);
        assert_eq!(escaped, "a: b, 100%25 done%0D%0Anext line");
        let unescaped = escaped
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%");
        assert_eq!(unescaped, message);
        assert_eq!(escape_property("dir,a:b%.json"), "dir%2Ca%3Ab%25.json");
    }

    #[test]
    fn table_cells_hold_no_markup() {
        let shown = cell(&visible(
            "a|b\r<img src=x onerror=alert(1)> *x* [l](javascript:y) `c`",
        ));
        for markup in ["<", ">", "\r", "&#"] {
            assert!(!shown.contains(markup), "{markup} in {shown}");
        }
        for c in ['|', '*', '[', '`'] {
            assert_eq!(
                shown.matches(c).count(),
                shown.matches(&format!("\\{c}")).count(),
                "{c} unescaped in {shown}"
            );
        }
        assert_eq!(
            cell("rank 4 follows rank 2: 50%, ok."),
            "rank 4 follows rank 2: 50%, ok."
        );
        assert_eq!(
            cell("https://evil.example/login admin@evil.example"),
            "https\\://evil.example/login admin@<!-- -->evil.example"
        );
    }
}
