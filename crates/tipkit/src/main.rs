//! The tipkit command: check, format and draft HHS state profiles.

mod atomic;
mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Typed, checked data for the HHS state profiles "Efforts to Combat Human Trafficking".
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Put yearly hotline figures from a CSV into the profiles, drafting missing ones.
    ImportStatistics(commands::import_statistics::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::ImportStatistics(args) => commands::import_statistics::run(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
