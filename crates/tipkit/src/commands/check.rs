//! `tipkit check`: validate profiles and report the findings for people or for CI.

use std::path::{Path, PathBuf};

use tipkit_validate::{Config, Options};

use crate::Outcome;
use crate::output::{self, Color, Format};

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
    #[arg(long, conflicts_with = "config_rev")]
    config: Option<PathBuf>,
    /// Read `tipkit.toml` of the working folder as it is at this git revision (none there: the
    /// defaults), not from the working tree. In CI on a pull request, the base: what the base
    /// configures is what is checked.
    #[arg(long, value_name = "REV")]
    config_rev: Option<String>,
    /// Check the profiles and `tipkit.toml` as the git index holds them (what `git commit`
    /// would commit): untracked files and unstaged edits change nothing. For a pre-commit hook.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    staged: bool,
    /// Print every piece of information on its own line. Without it, human output folds the
    /// same information about several files of a folder into one line.
    #[arg(long)]
    verbose: bool,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, default_value_t = tipkit_validate::DEFAULT_SIZE_LIMIT)]
    max_file_size: u64,
    /// Check again on every save of a profile under the paths, and of `tipkit.toml`, until
    /// Ctrl-C. Not with `--config-rev` or `--staged`, which read git, not the saved files.
    #[arg(long, conflicts_with_all = ["config_rev", "staged"])]
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
    let config = if let Some(rev) = &args.config_rev {
        crate::git::config_at_rev(rev)?
    } else if args.staged {
        crate::git::staged_config(args.config.as_deref())?
    } else {
        match &args.config {
            Some(path) => Config::load(path)?,
            None => Config::discover(Path::new(""))?,
        }
    };
    for warning in &config.warnings {
        output::stream::line(&format!("warning: {warning}"));
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("profiles")]
    } else {
        args.paths.clone()
    };
    let options = Options {
        size_limit: args.max_file_size,
        ..Options::default()
    };
    if args.staged {
        return staged(args, &paths, &config, &options);
    }
    let fixed = if args.fixes.wanted() {
        let fixed = crate::fixing::run(&args.fixes, &paths, &config, &options)?;
        if args.fixes.diff_only() {
            return Ok(fixed.diff_outcome());
        }
        Some(fixed)
    } else {
        None
    };
    let mut printer = output::printer(args.format, args.color, args.verbose)?;
    let totals = tipkit_validate::check_paths(&paths, &config, &options, |folder| {
        let diagnostics = crate::fixing::as_configured(&folder.diagnostics, &config);
        printer.folder(&diagnostics, folder.sources)
    })?;
    printer.finish(totals.summary, totals.unreadable)?;
    Ok(outcome(args, totals, fixed.is_some_and(|f| f.broken())))
}

/// `--staged`: the profiles of the git index under `paths`, folder by folder.
fn staged(
    args: &Args,
    paths: &[PathBuf],
    config: &Config,
    options: &Options,
) -> anyhow::Result<Outcome> {
    let mut printer = output::printer(args.format, args.color, args.verbose)?;
    let mut failed = None;
    let folders = crate::git::staged_profiles(paths, config, options.size_limit)?
        .map_while(|folder| folder.map_err(|error| failed = Some(error)).ok());
    let totals = tipkit_validate::check_buffers(config, options, folders, |folder| {
        let diagnostics = crate::fixing::as_configured(&folder.diagnostics, config);
        printer.folder(&diagnostics, folder.sources)
    })?;
    if let Some(error) = failed {
        return Err(error);
    }
    printer.finish(totals.summary, totals.unreadable)?;
    Ok(outcome(args, totals, false))
}

fn outcome(args: &Args, totals: tipkit_validate::Totals, broken: bool) -> Outcome {
    let denied_warnings = args.deny == Some(Deny::Warnings) && totals.summary.warnings > 0;
    if totals.unreadable > 0 || broken {
        Outcome::Broken
    } else if totals.summary.errors > 0 || denied_warnings {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}
