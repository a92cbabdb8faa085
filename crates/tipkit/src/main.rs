//! The tipkit command: check, format and draft HHS state profiles.

mod atomic;
mod commands;
mod fixing;
mod git;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Typed, checked data for the HHS state profiles "Efforts to Combat Human Trafficking".
#[derive(Debug, Parser)]
#[command(
    version,
    about,
    after_help = "Exit status: 0 no errors, 1 findings that fail, 2 usage error or a path that cannot be read."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check profiles: structure, consistency rules, and rules across the profiles of a folder.
    Check(commands::check::Args),
    /// Compare profiles by meaning: two files, two folders, or the working tree with `--git REV`.
    Diff(commands::diff::Args),
    /// Print a rule's documentation.
    Explain(commands::explain::ExplainArgs),
    /// List the rules.
    Rules,
    /// Rewrite profiles in canonical form: key order, 2-space indentation, trailing newline.
    Fmt(commands::fmt::Args),
    /// Write a draft profile for a jurisdiction to `profiles/<code>.json`.
    New(commands::new::Args),
    /// Print a JSON Schema: of a profile (the default), of the check or diff report, or of tipkit.toml.
    Schema(commands::schema::Args),
    /// Render a profile as its published document: text, Markdown or HTML.
    Render(commands::publish::RenderArgs),
    /// Read a published document in its text form into a profile.
    Import(commands::publish::ImportArgs),
    /// Export tidy tables over all the profiles, as CSV or JSON Lines.
    Export(commands::export::Args),
    /// Put yearly hotline figures from a CSV into the profiles, drafting missing ones.
    ImportStatistics(commands::import_statistics::Args),
    /// Serve profiles to an editor: the language server, over standard input and output.
    Lsp,
}

/// How a command ended; the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing failed: 0.
    Clean,
    /// Findings that fail: 1.
    Findings,
    /// A usage error, or a path that could not be read: 2.
    Broken,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Diff(args) => commands::diff::run(args),
        Command::Explain(args) => commands::explain::explain(args),
        Command::Rules => commands::explain::rules(),
        Command::Fmt(args) => commands::fmt::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Render(args) => commands::publish::render(args),
        Command::Import(args) => commands::publish::import(args),
        Command::Export(args) => commands::export::run(args),
        Command::ImportStatistics(args) => commands::import_statistics::run(args),
        Command::Lsp => Ok(commands::lsp::run()),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Broken) => ExitCode::from(2),
        Err(error) => {
            // The text may quote input (a path, a serde error's value): shown visibly.
            output::stream::error(format!("{error:#}"));
            ExitCode::from(2)
        }
    }
}
