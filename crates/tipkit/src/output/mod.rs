//! The formats `tipkit check` prints in. Printers take findings one folder at a time, so that a
//! check of any size holds the findings of two batches of folders at once (the engine's); only
//! SARIF, one document with the rules the results refer to, keeps them all until the end.

mod fold;
mod github;
mod human;
pub(crate) mod json;
pub(crate) mod markdown;
mod sarif;
pub(crate) mod stream;

use tipkit_validate::{Diagnostic, Summary, Workspace};

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
    pub(crate) fn style(self) -> tipkit_validate::Style {
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

/// Prints findings as they come, then the summary.
pub(crate) trait Printer {
    /// One folder's findings, in output order, and the files' text for code frames.
    fn folder(&mut self, diagnostics: &[Diagnostic], sources: &Workspace) -> anyhow::Result<()>;
    /// The end of the check: the counts, and how many paths could not be read.
    fn finish(self: Box<Self>, summary: Summary, unreadable: usize) -> anyhow::Result<()>;
}

/// `verbose`: human output prints every piece of information on its own line.
pub(crate) fn printer(
    format: Format,
    color: Color,
    verbose: bool,
) -> anyhow::Result<Box<dyn Printer>> {
    Ok(match format {
        Format::Human => Box::new(human::Human::new(color.style(), verbose)),
        Format::Json => Box::new(json::Json::default()),
        Format::Github => Box::new(github::Github::new()?),
        Format::Sarif => Box::new(sarif::Sarif::default()),
    })
}
