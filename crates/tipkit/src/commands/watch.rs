//! `tipkit check --watch`: the same check, with the same printer, again after every save of a
//! profile under the paths or of the configuration (which each run reads anew), the screen
//! cleared between runs when standard output is a terminal. Ctrl-C ends it.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::Context;
use notify::event::{AccessKind, AccessMode, Event, EventKind};
use notify::{RecursiveMode, Watcher};

use crate::Outcome;
use crate::output::stream;

/// How long the files must be quiet after a change before the check runs again: one save is
/// often several events (write, close, rename).
const DEBOUNCE: Duration = Duration::from_millis(100);

/// Clears the screen and puts the cursor at its top left.
const CLEAR: &str = "\x1b[2J\x1b[H";

/// Runs `check` now, then again after each change to a profile under `paths` (none: `profiles/`,
/// as `check` does) or to `config` (none: `tipkit.toml` in the working folder). It stops only
/// when the process is interrupted, or with an error of the watcher itself; an error of one run
/// (an unreadable `tipkit.toml`) is shown, and the watch goes on.
pub(crate) fn run(
    paths: &[PathBuf],
    config: Option<&Path>,
    mut check: impl FnMut() -> anyhow::Result<Outcome>,
) -> anyhow::Result<Outcome> {
    let default_paths = [PathBuf::from("profiles")];
    let paths = if paths.is_empty() {
        &default_paths[..]
    } else {
        paths
    };
    let config = config.unwrap_or(Path::new(tipkit_validate::CONFIG_FILE));
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).context("cannot watch for changes")?;
    for (folder, mode) in folders(paths, config) {
        watcher
            .watch(&folder, mode)
            .with_context(|| format!("cannot watch {}", folder.display()))?;
    }
    // Besides every `*.json`, the files named on their own and the configuration.
    let names: BTreeSet<OsString> = paths
        .iter()
        .filter(|path| !path.is_dir())
        .chain([&config.to_path_buf()])
        .filter_map(|path| path.file_name().map(ToOwned::to_owned))
        .collect();
    let clear = std::io::stdout().is_terminal();
    loop {
        if clear {
            stream::print(CLEAR)?;
        }
        if let Err(error) = check() {
            stream::error(format!("{error:#}"));
        }
        stream::line("watching for changes; Ctrl-C to stop");
        // Read anew each run, as the check does: a change to a file it excludes is no change.
        let excludes = tipkit_validate::Config::load(config).ok();
        wait_for_change(&events, |path| {
            path.file_name().is_some_and(|name| names.contains(name))
                || (tipkit_model::is_profile_path(path)
                    && !excludes.as_ref().is_some_and(|c| left_out(c, path)))
        })?;
    }
}

/// Whether the check leaves `path` out: it, or a folder above it, is excluded.
fn left_out(config: &tipkit_validate::Config, path: &Path) -> bool {
    config.is_excluded(path)
        || path
            .ancestors()
            .skip(1)
            .any(|folder| config.is_excluded_folder(folder))
}

/// The folders to watch, each once: a folder named, with all below it; for anything else (a
/// file, or a path not there yet) and for the configuration, the folder that holds it, since
/// editors often save by writing a new file and renaming it over the old one, which a watch on
/// the old file would miss. A folder inside one watched whole is left out.
fn folders(paths: &[PathBuf], config: &Path) -> Vec<(PathBuf, RecursiveMode)> {
    let holder = |path: &Path| match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut whole: Vec<PathBuf> = Vec::new();
    let mut flat: Vec<PathBuf> = Vec::new();
    for path in paths.iter().map(PathBuf::as_path).chain([config]) {
        if path.is_dir() && path != config {
            whole.push(path.to_path_buf());
        } else if holder(path).is_dir() {
            flat.push(holder(path));
        }
    }
    // Compared by their real paths, however they are named.
    let real = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut kept: Vec<(PathBuf, PathBuf, RecursiveMode)> = Vec::new();
    let candidates = whole
        .into_iter()
        .map(|p| (p, RecursiveMode::Recursive))
        .chain(flat.into_iter().map(|p| (p, RecursiveMode::NonRecursive)));
    for (path, mode) in candidates {
        let real_path = real(&path);
        let covered = kept.iter().any(|(_, other, other_mode)| {
            *other == real_path
                || (*other_mode == RecursiveMode::Recursive && real_path.starts_with(other))
        });
        if !covered {
            kept.retain(|(_, other, _)| {
                !(mode == RecursiveMode::Recursive && other.starts_with(&real_path))
            });
            kept.push((path, real_path, mode));
        }
    }
    kept.into_iter()
        .map(|(path, _, mode)| (path, mode))
        .collect()
}

/// Waits for a change to a file that `wanted` names, then until the files are quiet for
/// [`DEBOUNCE`]. Reading a file (as each check does) is no change.
fn wait_for_change(
    events: &Receiver<notify::Result<Event>>,
    wanted: impl Fn(&Path) -> bool,
) -> anyhow::Result<()> {
    loop {
        match events.recv().context("the file watcher stopped")? {
            Ok(event) if is_change(event.kind) && event.paths.iter().any(|p| wanted(p)) => break,
            Ok(_) => {}
            Err(error) => stream::error(format!("watching for changes: {error}")),
        }
    }
    loop {
        match events.recv_timeout(DEBOUNCE) {
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => return Ok(()),
            Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the file watcher stopped"),
        }
    }
}

/// Whether an event changes what a check would read: not an open, a read or a change of
/// attributes alone.
fn is_change(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(access) => access == AccessKind::Close(AccessMode::Write),
        EventKind::Modify(notify::event::ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_inside_one_watched_whole_is_watched_once() {
        let root = std::env::temp_dir().join(format!("tipkit-watch-{}", std::process::id()));
        let inner = root.join("profiles");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(inner.join("ct.json"), "{}").unwrap();
        let config = root.join(tipkit_validate::CONFIG_FILE);
        let watched = folders(
            &[inner.clone(), inner.join("ct.json"), root.clone()],
            &config,
        );
        assert_eq!(watched, [(root.clone(), RecursiveMode::Recursive)]);
        let watched = folders(&[inner.join("ct.json")], &config);
        assert_eq!(
            watched,
            [
                (inner, RecursiveMode::NonRecursive),
                (root.clone(), RecursiveMode::NonRecursive)
            ]
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_change_to_an_excluded_file_is_no_change() {
        let root = std::env::temp_dir().join(format!("tipkit-watch-ex-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        let file = root.join("tipkit.toml");
        std::fs::write(&file, "exclude = [\"old\", \"drafts/*.json\"]\n").unwrap();
        let config = tipkit_validate::Config::load(&file).unwrap();
        assert!(left_out(&config, &root.join("old/deep/ct.json")));
        assert!(left_out(&config, &root.join("drafts/ct.json")));
        assert!(!left_out(&config, &root.join("profiles/ct.json")));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn reading_is_no_change() {
        use notify::event::{CreateKind, DataChange, MetadataKind, ModifyKind};
        assert!(!is_change(EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Any
        ))));
        assert!(is_change(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_change(EventKind::Create(CreateKind::File)));
    }
}
