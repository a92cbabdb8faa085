//! "Check these buffers": the one place the server asks the validator for findings.
//!
//! The checker holds the engine's source database, a `Workspace`: open buffers are set in it and
//! preferred over the disk; the other `*.json` files of a buffer's folder are read from disk once
//! and kept until they change (a watched-file event, or a new time or size when the folder is
//! checked again, for clients that do not watch). A file is checked again only when its text
//! changes, and a folder's rules across profiles only when one of its files does: the same
//! engine, rules and `tipkit.toml` as `tipkit check`.
//! `tipkit.toml` also decides which fixes count (`fixable`, `unfixable`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tipkit_model::{JurisdictionCode, SCHEMA_REFERENCE};
use tipkit_validate::{
    Config, ConfigError, Diagnostic, FixSelection, Options, SourceFile, Workspace,
};

pub(crate) use tipkit_validate::CONFIG_FILE;

/// A file on disk as the database read it: its time and size.
type Stamp = (Option<SystemTime>, u64);

/// Findings for open buffers, over the engine's source database.
#[derive(Default)]
pub struct Checker {
    root: Option<PathBuf>,
    workspace: Workspace,
    /// The paths whose text the database holds from a buffer.
    buffers: HashSet<PathBuf>,
    /// The files on disk the database may hold, as they were when last seen.
    stamps: HashMap<PathBuf, Stamp>,
    holds_profiles: HashMap<PathBuf, bool>,
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("root", &self.root)
            .field("buffers", &self.buffers)
            .finish_non_exhaustive()
    }
}

impl Checker {
    /// A checker for the workspace at `root`, with its `tipkit.toml` when there is one; a
    /// configuration that cannot be used is returned, and the defaults apply.
    pub fn new(root: Option<PathBuf>) -> (Self, Option<ConfigError>) {
        let mut checker = Self {
            root,
            ..Self::default()
        };
        let error = checker.reload();
        (checker, error)
    }

    /// The configuration the checks follow.
    pub fn config(&self) -> &Config {
        self.workspace.config()
    }

    /// Reads `tipkit.toml` again and starts a new database with it.
    pub fn reload(&mut self) -> Option<ConfigError> {
        let (config, error) = match self.root.as_deref().map(Config::discover) {
            None => (Config::default(), None),
            Some(Ok(config)) => (config, None),
            Some(Err(error)) => (Config::default(), Some(error)),
        };
        self.workspace = Workspace::new(&config, &Options::default());
        self.buffers.clear();
        self.stamps.clear();
        self.holds_profiles.clear();
        error
    }

    /// Forgets what it knew of these files on disk: they changed. An open buffer stays.
    pub fn forget(&mut self, paths: &[PathBuf]) {
        for path in paths {
            if !self.buffers.contains(path) {
                self.workspace.forget(path);
            }
            self.stamps.remove(path);
            if let Some(folder) = path.parent() {
                self.holds_profiles.remove(folder);
            }
        }
    }

    /// A buffer was closed: from now on the file is read from disk.
    pub fn close(&mut self, path: &Path) {
        if self.buffers.remove(path) {
            self.workspace.forget(path);
        }
    }

    /// A file the database holds (an open buffer, or a file of a checked folder), with its text
    /// and line index.
    pub fn file(&self, path: &Path) -> Option<&SourceFile> {
        self.workspace.file(path)
    }

    /// Whether the server serves `path` with `text`: a `*.json` file not excluded by
    /// `tipkit.toml`, whose `$schema` names the profile schema, or named as a profile is
    /// (`ct.json`), or in a folder that holds a file so named.
    pub fn is_profile(&mut self, path: &Path, text: &str) -> bool {
        if !tipkit_model::is_profile_path(path) || self.config().is_excluded(path) {
            return false;
        }
        let named_as_profile = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_profile_name);
        if named_as_profile || names_profile_schema(text) {
            return true;
        }
        let Some(folder) = path.parent() else {
            return false;
        };
        *self
            .holds_profiles
            .entry(folder.to_path_buf())
            .or_insert_with(|| folder_holds_profiles(folder))
    }

    /// The findings of each buffer (path and text), in the order given, after `tipkit.toml`.
    pub fn check(&mut self, buffers: &[(&Path, &str)]) -> Vec<Vec<Diagnostic>> {
        let mut folders: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
        for (i, &(path, text)) in buffers.iter().enumerate() {
            let held = self.workspace.file(path).map(SourceFile::bytes);
            if !self.buffers.contains(path) || held != Some(text.as_bytes()) {
                self.workspace.set_text(path, text.as_bytes());
                self.buffers.insert(path.to_path_buf());
            }
            folders
                .entry(path.parent().unwrap_or(Path::new("")))
                .or_default()
                .push(i);
        }
        let mut found = vec![Vec::new(); buffers.len()];
        for (folder, members) in folders {
            self.notice_changes_on_disk(folder);
            for diagnostic in self.workspace.folder_findings(buffers[members[0]].0) {
                if let Some(&i) = members.iter().find(|&&i| buffers[i].0 == diagnostic.file) {
                    found[i].push(diagnostic);
                }
            }
        }
        found
    }

    /// The fixes `tipkit.toml` allows: safe ones, and the unsafe ones of `fixable` rules.
    pub fn selection(&self) -> FixSelection {
        FixSelection::new(self.config(), false)
    }

    /// `text`, the buffer of `path`, after its safe fixes, applied to convergence by the same
    /// function and recheck as `tipkit check --fix`; none when nothing changes, the text does not
    /// parse, or the fixes do not settle (which `check --fix` reports as a bug, writing nothing).
    pub fn fix_all(&self, path: &Path, text: &str) -> Option<String> {
        let outcome = self
            .selection()
            .fix_file(path, text.as_bytes(), self.workspace.rules());
        if !outcome.converged || !outcome.changed() {
            return None;
        }
        String::from_utf8(outcome.bytes).ok()
    }

    /// Forgets the files of `folder` on disk whose time or size changed since the database read
    /// them, for clients that do not report changes to watched files.
    fn notice_changes_on_disk(&mut self, folder: &Path) {
        let listed = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let Ok(entries) = std::fs::read_dir(listed) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = folder.join(entry.file_name());
            if !tipkit_model::is_profile_path(&path) || self.buffers.contains(&path) {
                continue;
            }
            let Ok(metadata) = std::fs::metadata(&path) else {
                continue;
            };
            let stamp = (metadata.modified().ok(), metadata.len());
            if self.stamps.insert(path.clone(), stamp) != Some(stamp) {
                self.workspace.forget(&path);
            }
        }
    }
}

/// Whether the text's `$schema` names the profile schema, wherever it lives.
fn names_profile_schema(text: &str) -> bool {
    let schema_file = SCHEMA_REFERENCE
        .rsplit('/')
        .next()
        .unwrap_or(SCHEMA_REFERENCE);
    let Some(at) = text.find("\"$schema\"") else {
        return false;
    };
    let rest = text[at + "\"$schema\"".len()..].trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return false;
    };
    let Some(value) = rest.trim_start().strip_prefix('"') else {
        return false;
    };
    value
        .split('"')
        .next()
        .is_some_and(|value| value.ends_with(schema_file))
}

fn folder_holds_profiles(folder: &Path) -> bool {
    let listed = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let Ok(entries) = std::fs::read_dir(listed) else {
        return false;
    };
    entries
        .filter_map(Result::ok)
        .any(|entry| entry.file_name().to_str().is_some_and(is_profile_name))
}

/// Whether a file is named as a profile is: `ct.json`.
fn is_profile_name(name: &str) -> bool {
    JurisdictionCode::all().any(|code| code.file_name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_reference_marks_a_profile() {
        assert!(names_profile_schema(
            r#"{ "$schema" : "https://x.test/schemas/state-profile.schema.json" }"#
        ));
        assert!(!names_profile_schema(r#"{"$schema": "other.json"}"#));
        assert!(!names_profile_schema(r#"{"$schema": 1}"#));
    }
}
