//! The formats `tipkit check` prints in.

mod github;
mod human;
mod sarif;

use std::io::Write;

use tipkit_validate::CheckReport;

use crate::commands::check::Checked;

/// How `tipkit check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Code frames for people at a terminal.
    Human,
    /// One JSON document, `schemas/check-report.schema.json`.
    Json,
    /// GitHub Actions workflow commands, and a table in `$GITHUB_STEP_SUMMARY`.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

/// When human output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Color {
    /// On a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Color {
    fn style(self) -> tipkit_validate::Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let on = match self {
            Self::Auto => std::io::stdout().is_terminal(),
            Self::Always => true,
            Self::Never => false,
        };
        if on && !no_color {
            tipkit_validate::Style::Color
        } else {
            tipkit_validate::Style::Plain
        }
    }
}

pub(crate) fn print(format: Format, color: Color, checked: &Checked) -> anyhow::Result<()> {
    for error in &checked.unreadable {
        eprintln!("error: {error}");
    }
    let text = match format {
        Format::Human => human::render(checked, color.style()),
        Format::Json => {
            let report = CheckReport::new(checked.files, &checked.diagnostics);
            let mut text = serde_json::to_string_pretty(&report)?;
            text.push('\n');
            text
        }
        Format::Github => github::render(checked)?,
        Format::Sarif => sarif::render(checked)?,
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}
