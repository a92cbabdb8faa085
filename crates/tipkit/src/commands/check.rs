//! `tipkit check`: validate profiles and report the findings for people or for CI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tipkit_validate::{Config, Diagnostic, ProfileSummary, Severity};

use crate::Outcome;
use crate::output::{self, Color, Format};
use crate::walk;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files and folders to check; folders are walked for `*.json`. Default: `profiles/`.
    paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour human output. `NO_COLOR` in the environment always turns colour off.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Make warnings fail the check too.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// The configuration file. Default: `tipkit.toml` in the working folder, if there is one.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, default_value_t = tipkit_validate::DEFAULT_SIZE_LIMIT)]
    max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    /// Warnings fail the check.
    Warnings,
}

/// What a check found: findings in output order, the files checked, and the paths that could not
/// be read.
pub(crate) struct Checked {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) files: usize,
    pub(crate) unreadable: Vec<String>,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    let config = match &args.config {
        Some(path) => Config::load(path)?,
        None if Path::new("tipkit.toml").is_file() => Config::load(Path::new("tipkit.toml"))?,
        None => Config::default(),
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("profiles")]
    } else {
        args.paths.clone()
    };
    let checked = check(&paths, &config, args.max_file_size);
    output::print(args.format, args.color, &checked)?;
    let fails = |d: &Diagnostic| {
        d.severity == Severity::Error
            || (args.deny == Some(Deny::Warnings) && d.severity == Severity::Warning)
    };
    Ok(if !checked.unreadable.is_empty() {
        Outcome::Broken
    } else if checked.diagnostics.iter().any(fails) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Checks every profile under `paths`: each file on its own, in parallel, then the profiles of
/// each folder against each other.
pub(crate) fn check(paths: &[PathBuf], config: &Config, max_file_size: u64) -> Checked {
    let found = walk::find(paths, &config.exclude);
    let reports: Vec<_> = found
        .files
        .par_iter()
        .map(|path| {
            tipkit_validate::read_file(path, max_file_size)
                .map(|bytes| tipkit_validate::check_bytes(path, &bytes))
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut unreadable = found.errors;
    let mut by_folder: BTreeMap<&Path, Vec<ProfileSummary>> = BTreeMap::new();
    for (path, report) in found.files.iter().zip(reports) {
        match report {
            Ok(report) => {
                diagnostics.extend(report.diagnostics);
                if let Some(summary) = report.summary {
                    by_folder
                        .entry(path.parent().unwrap_or(Path::new("")))
                        .or_default()
                        .push(summary);
                }
            }
            Err(error) => unreadable.push(error.to_string()),
        }
    }
    for (folder, summaries) in &by_folder {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        diagnostics.extend(tipkit_validate::check_folder(folder, summaries));
    }
    config.apply(&mut diagnostics);
    tipkit_validate::sort(&mut diagnostics);
    Checked {
        diagnostics,
        files: found.files.len(),
        unreadable,
    }
}
