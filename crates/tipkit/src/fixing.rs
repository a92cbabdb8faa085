//! `tipkit check --fix`, `--unsafe-fixes` and `--diff`: apply the fixes the findings carry, file
//! by file, before the check reports what is left. Only a file that is JSON is touched; each
//! changed file is written atomically, or with `--diff` shown as a unified diff and left alone.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use similar::TextDiff;
use tipkit_validate::{
    Config, Diagnostic, FixOutcome, FixSelection, Options, visible, visible_path,
};

use crate::output::stream::{self, Stdout};
use crate::{Outcome, atomic};

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct FixArgs {
    /// Apply the safe fixes, write each changed file, then check again and report what is left.
    #[arg(long)]
    fix: bool,
    /// With `--fix` or `--diff`: apply the unsafe fixes too, which a person should look at.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a unified diff of what `--fix` would change and write nothing; fail when there is
    /// something to fix.
    #[arg(long)]
    diff: bool,
}

impl FixArgs {
    /// Whether fixes are applied or shown before the check.
    pub(crate) fn wanted(&self) -> bool {
        self.fix || self.diff
    }

    /// Whether only the diff is printed, not the check.
    pub(crate) fn diff_only(&self) -> bool {
        self.diff
    }
}

/// What fixing did: with `--diff`, whether anything would change.
pub(crate) struct Fixed {
    changed: usize,
    broken: bool,
}

impl Fixed {
    /// The exit of `--diff`: like `fmt --check`, a failure when there is something to fix.
    pub(crate) fn diff_outcome(&self) -> Outcome {
        if self.broken {
            Outcome::Broken
        } else if self.changed > 0 {
            Outcome::Findings
        } else {
            Outcome::Clean
        }
    }

    /// Whether a file could not be fixed as it should (written, or fixed within the limit).
    pub(crate) fn broken(&self) -> bool {
        self.broken
    }
}

/// Applies or shows the fixes of every file under `paths`: the engine reads and checks each
/// file once, and only a file with a finding whose fix the selection allows is fixed.
pub(crate) fn run(
    args: &FixArgs,
    paths: &[PathBuf],
    config: &Config,
    options: &Options,
) -> anyhow::Result<Fixed> {
    let selection = FixSelection::new(config, args.unsafe_fixes);
    let mut fixed = Fixed {
        changed: 0,
        broken: false,
    };
    let scope = atomic::Scope::tree(paths);
    let mut out = Stdout::new();
    // Read errors are the check's to report.
    tipkit_validate::check_paths(paths, config, options, |folder| -> anyhow::Result<()> {
        if args.diff {
            // `--diff` prints no check: a path it could not read, as `--fix` could not, is said
            // here, so that the two refuse the same files.
            for unread in folder
                .diagnostics
                .iter()
                .filter(|d| d.rule == tipkit_validate::ReadError::RULE)
            {
                stream::error(format!(
                    "{}: {}; not fixed",
                    visible_path(&unread.file),
                    unread.message
                ));
                fixed.broken = true;
            }
        }
        let fixable: BTreeSet<&Path> = folder
            .diagnostics
            .iter()
            .filter(|d| selection.allows(d))
            .map(|d| d.file.as_path())
            .collect();
        let outcomes: Vec<(&Path, &[u8], FixOutcome)> = fixable
            .into_par_iter()
            .filter_map(|path| {
                let before = folder.sources.file(path)?.bytes();
                let outcome = selection.fix_file(path, before, folder.sources.rules());
                Some((path, before, outcome))
            })
            .collect();
        for (path, before, outcome) in outcomes {
            // `--diff` shows a change only where `--fix` would write it: one decision for both.
            if outcome.changed()
                && let Err(error) = atomic::admit(path, &scope)
            {
                stream::error(format!(
                    "{}: cannot write: {error}; not fixed",
                    visible_path(path)
                ));
                fixed.broken = true;
                continue;
            }
            fixed.write(args, &mut out, path, before, &outcome, &scope)?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(fixed)
}

impl Fixed {
    /// Writes or shows the outcome of fixing `path`.
    fn write(
        &mut self,
        args: &FixArgs,
        out: &mut Stdout,
        path: &Path,
        before: &[u8],
        outcome: &FixOutcome,
        scope: &atomic::Scope,
    ) -> anyhow::Result<()> {
        if !outcome.converged {
            stream::error(format!(
                "{}: the fixes did not settle within {} passes; nothing written (this is a bug in tipkit)",
                visible_path(path),
                tipkit_validate::MAX_FIX_PASSES
            ));
            self.broken = true;
            return Ok(());
        }
        if !outcome.changed() {
            return Ok(());
        }
        self.changed += 1;
        if args.diff {
            out.write_all(unified_diff(path, before, &outcome.bytes).as_bytes())?;
        } else if let Err(error) = atomic::replace_if_unchanged(path, before, &outcome.bytes, scope)
        {
            stream::error(format!(
                "{}: cannot write: {error}; left as it was",
                visible_path(path)
            ));
            self.broken = true;
        } else {
            let count = outcome.fixed();
            let noun = if count == 1 { "finding" } else { "findings" };
            stream::line(&format!("fixed {count} {noun} in {}", visible_path(path)));
        }
        Ok(())
    }
}

/// The findings with their fixes as `tipkit.toml` has them: none for an `unfixable` rule, safe
/// for a `fixable` one, so that every format shows what `--fix` would do.
pub(crate) fn as_configured<'d>(
    diagnostics: &'d [Diagnostic],
    config: &Config,
) -> Cow<'d, [Diagnostic]> {
    if config.fixable.is_empty() && config.unfixable.is_empty() {
        return Cow::Borrowed(diagnostics);
    }
    let selection = FixSelection::new(config, false);
    let mut diagnostics = diagnostics.to_vec();
    for diagnostic in &mut diagnostics {
        let rule = diagnostic.rule;
        if let Some(fix) = &mut diagnostic.fix {
            match selection.configured(rule, fix.applicability) {
                None => diagnostic.fix = None,
                Some(applicability) => fix.applicability = applicability,
            }
        }
    }
    Cow::Owned(diagnostics)
}

/// A unified diff of `path` from `before` to `after`, with three lines of context; every line
/// shown visibly.
fn unified_diff(path: &Path, before: &[u8], after: &[u8]) -> String {
    let (before, after) = (
        String::from_utf8_lossy(before),
        String::from_utf8_lossy(after),
    );
    // A hostile file can change many lines: past the time limit the diff is coarser, never wrong.
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_lines(before.as_ref(), after.as_ref());
    let name = visible_path(path);
    let mut text = format!("--- {name}\n+++ {name}\n");
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        text.push_str(&hunk.header().to_string());
        text.push('\n');
        for change in hunk.iter_changes() {
            let sign = match change.tag() {
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
                similar::ChangeTag::Equal => ' ',
            };
            let line = change.value();
            text.push(sign);
            text.push_str(&visible(line.strip_suffix('\n').unwrap_or(line)));
            text.push('\n');
            if change.missing_newline() {
                text.push_str("\\ No newline at end of file\n");
            }
        }
    }
    text
}
