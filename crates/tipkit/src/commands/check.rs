//! `tipkit check`: validate profiles and report the findings for people or for CI.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tipkit_validate::{Config, Diagnostic, Summary};

use crate::Outcome;
use crate::output::{self, Color, Format};
use crate::walk;

#[derive(Debug, Clone, clap::Args)]
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
    /// Print every piece of information on its own line. Without it, human output folds the
    /// same information about several files of a folder into one line.
    #[arg(long)]
    verbose: bool,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, default_value_t = tipkit_validate::DEFAULT_SIZE_LIMIT)]
    max_file_size: u64,
    /// Check again on every save of a profile under the paths, and of `tipkit.toml`, until
    /// Ctrl-C.
    #[arg(long)]
    watch: bool,
    #[command(flatten)]
    fixes: crate::fixing::FixArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    /// Warnings fail the check.
    Warnings,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    if args.watch {
        let once = Args {
            watch: false,
            ..args.clone()
        };
        return super::watch::run(&once.paths, once.config.as_deref(), || run(&once));
    }
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
    let fixed = if args.fixes.wanted() {
        let fixed = crate::fixing::run(&args.fixes, &paths, &config, args.max_file_size)?;
        if args.fixes.diff_only() {
            return Ok(fixed.diff_outcome());
        }
        Some(fixed)
    } else {
        None
    };
    let mut printer = output::printer(args.format, args.color, args.verbose)?;
    let checked = check(&paths, &config, args.max_file_size, &mut |diagnostics| {
        printer.folder(&crate::fixing::as_configured(diagnostics, &config))
    })?;
    printer.finish(checked.summary, checked.unreadable)?;
    let denied_warnings = args.deny == Some(Deny::Warnings) && checked.summary.warnings > 0;
    Ok(
        if checked.unreadable > 0 || fixed.is_some_and(|f| f.broken()) {
            Outcome::Broken
        } else if checked.summary.errors > 0 || denied_warnings {
            Outcome::Findings
        } else {
            Outcome::Clean
        },
    )
}

/// The counts of a check, and how many paths could not be read.
pub(crate) struct Checked {
    pub(crate) summary: Summary,
    pub(crate) unreadable: usize,
}

/// Checks every profile under `paths`, one folder at a time: its files in parallel, then its
/// profiles against each other; each folder's findings go to `emit`, in output order. Memory
/// holds one folder, not the tree. A path that cannot be read is a `read-error` finding, in
/// every format, and counted in `unreadable`.
pub(crate) fn check(
    paths: &[PathBuf],
    config: &Config,
    max_file_size: u64,
    emit: &mut dyn FnMut(&[Diagnostic]) -> anyhow::Result<()>,
) -> anyhow::Result<Checked> {
    let mut summary = Summary::default();
    let mut unreadable = 0;
    for step in walk::folders(paths, config) {
        let mut folder = match step {
            Ok(folder) => folder,
            Err(error) => {
                unreadable += 1;
                let diagnostics = [error.diagnostic()];
                summary.add(&Summary::count(0, &diagnostics));
                emit(&diagnostics)?;
                continue;
            }
        };
        if folder.named {
            // Named files come in command-line order; the rules across files want file order.
            folder.files.sort();
        }
        let reports: Vec<_> = folder
            .files
            .par_iter()
            .map(|path| {
                tipkit_validate::read_file(path, max_file_size)
                    .map(|bytes| tipkit_validate::check_bytes(path, &bytes))
            })
            .collect();
        let mut diagnostics = Vec::new();
        let mut summaries = Vec::new();
        for report in reports {
            match report {
                Ok(report) => {
                    diagnostics.extend(report.diagnostics);
                    summaries.extend(report.summary);
                }
                Err(error) => {
                    unreadable += 1;
                    diagnostics.push(error.diagnostic());
                }
            }
        }
        let shown = if folder.path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &folder.path
        };
        diagnostics.extend(folder_rules(
            &folder,
            shown,
            summaries,
            config,
            max_file_size,
        ));
        config.apply(&mut diagnostics);
        tipkit_validate::sort(&mut diagnostics);
        summary.add(&Summary::count(folder.files.len(), &diagnostics));
        emit(&diagnostics)?;
    }
    Ok(Checked {
        summary,
        unreadable,
    })
}

/// The rules across profiles over `folder`. Walked, it is whole. Named files are compared with
/// their siblings on disk (the folder's other `*.json` files that are not excluded, read for
/// their summaries only): the findings speak about the named files alone, and about the folder
/// only when the named files are all of it.
fn folder_rules(
    folder: &walk::Folder,
    shown: &Path,
    mut summaries: Vec<tipkit_validate::ProfileSummary>,
    config: &Config,
    max_file_size: u64,
) -> Vec<Diagnostic> {
    let source = |path: &Path| tipkit_validate::read_file(path, max_file_size).ok();
    let siblings = if folder.named {
        siblings(folder, config)
    } else {
        Some(Vec::new())
    };
    let Some(siblings) = siblings else {
        // The folder cannot be listed: compare the named files with each other only.
        return tipkit_validate::check_named(shown, &summaries, &folder.files, &source);
    };
    if siblings.is_empty() {
        let not_profiles = folder.files.len() - summaries.len();
        return tipkit_validate::check_folder(shown, &summaries, not_profiles, &source);
    }
    summaries.par_extend(siblings.par_iter().filter_map(|path| {
        let bytes = tipkit_validate::read_file(path, max_file_size).ok()?;
        tipkit_validate::check_bytes(path, &bytes).summary
    }));
    summaries.sort_by(|a, b| a.file().cmp(b.file()));
    tipkit_validate::check_named(shown, &summaries, &folder.files, &source)
}

/// The `*.json` files beside the named files of `folder`, as a walk of it would find them, that
/// were not named; `None` when the folder cannot be listed.
fn siblings(folder: &walk::Folder, config: &Config) -> Option<Vec<PathBuf>> {
    let dir = if folder.path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &folder.path
    };
    let entries = std::fs::read_dir(dir).ok()?;
    let named: std::collections::HashSet<&Path> =
        folder.files.iter().map(PathBuf::as_path).collect();
    let siblings = entries
        .filter_map(Result::ok)
        .map(|entry| folder.path.join(entry.file_name()))
        .filter(|path| {
            tipkit_model::is_profile_path(path)
                && !named.contains(path.as_path())
                && !config.is_excluded(path)
                && path.is_file()
        })
        .collect();
    Some(siblings)
}
