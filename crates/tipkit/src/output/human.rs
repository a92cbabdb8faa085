//! Code frames for errors and warnings, one line per piece of information, and a summary.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use tipkit_validate::{Severity, Style, Summary};

use crate::commands::check::Checked;

pub(crate) fn render(checked: &Checked, style: Style) -> String {
    let load = |file: &Path| -> Option<Cow<'static, str>> {
        let bytes = std::fs::read(file).ok()?;
        Some(Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()))
    };
    let mut out = String::new();
    for diagnostic in &checked.diagnostics {
        if diagnostic.severity == Severity::Info {
            let at = match diagnostic.span {
                Some(span) => format!(
                    "{}:{}:{}",
                    diagnostic.file.display(),
                    span.start_line,
                    span.start_column
                ),
                None => diagnostic.file.display().to_string(),
            };
            let _ = writeln!(
                out,
                "info[{}]: {at}: {}",
                diagnostic.rule, diagnostic.message
            );
        } else {
            out.push_str(&tipkit_validate::render(diagnostic, &load, style));
        }
    }
    let summary = Summary::count(checked.files, &checked.diagnostics);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let _ = write!(
        out,
        "{} checked: {}, {}, {}",
        plural(summary.files, "file"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
    );
    if !checked.unreadable.is_empty() {
        let _ = write!(
            out,
            "; {} could not be read",
            plural(checked.unreadable.len(), "path")
        );
    }
    out.push('\n');
    out
}
