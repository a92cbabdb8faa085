//! GitHub Actions workflow commands, escaped as GitHub requires, and a Markdown table of every
//! finding in `$GITHUB_STEP_SUMMARY`: GitHub shows at most 10 annotations of each type per step.

use std::fmt::Write as _;
use std::io::Write as _;

use tipkit_validate::{Diagnostic, Severity, Summary};

use crate::commands::check::Checked;

pub(crate) fn render(checked: &Checked) -> anyhow::Result<String> {
    let mut out = String::new();
    for diagnostic in &checked.diagnostics {
        out.push_str(&command(diagnostic));
        out.push('\n');
    }
    let summary = Summary::count(checked.files, &checked.diagnostics);
    let _ = writeln!(
        out,
        "tipkit: {} files checked, {} errors, {} warnings, {} infos",
        summary.files, summary.errors, summary.warnings, summary.infos
    );
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        file.write_all(step_summary(&checked.diagnostics, summary).as_bytes())?;
    }
    Ok(out)
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
        escape_property(&diagnostic.file.display().to_string())
    )];
    if let Some(span) = diagnostic.span {
        properties.push(format!("line={}", span.start_line));
        properties.push(format!("col={}", span.start_column));
        properties.push(format!("endLine={}", span.end_line));
        properties.push(format!("endColumn={}", span.end_column));
    }
    properties.push(format!("title={}", escape_property(diagnostic.rule)));
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        let _ = write!(message, "\nhelp: {help}");
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

fn step_summary(diagnostics: &[Diagnostic], summary: Summary) -> String {
    let mut out = format!(
        "### tipkit check\n\n{} files checked: {} errors, {} warnings, {} infos.\n\n",
        summary.files, summary.errors, summary.warnings, summary.infos
    );
    if diagnostics.is_empty() {
        return out;
    }
    out.push_str("| severity | file | line | rule | message |\n|---|---|---|---|---|\n");
    for d in diagnostics {
        let line = d.span.map_or(String::new(), |s| {
            format!("{}:{}", s.start_line, s.start_column)
        });
        let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
        let _ = writeln!(
            out,
            "| {} | {} | {line} | `{}` | {} |",
            d.severity,
            cell(&d.file.display().to_string()),
            d.rule,
            cell(&d.message)
        );
    }
    out
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
}
