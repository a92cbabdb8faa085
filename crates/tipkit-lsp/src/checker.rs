//! "Check these buffers": the one place the server asks the validator for findings.
//!
//! Each buffer is checked on its own (`check_bytes`), then the rules across profiles run over
//! its folder: the other open buffers, and the folder's other `*.json` files as they are on
//! disk (their summaries are kept until the file's size or time changes, or `reload`).
//! `tipkit.toml` at the workspace root applies, as in `tipkit check`, to the findings and to
//! which fixes count (`fixable`, `unfixable`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tipkit_model::{JurisdictionCode, SCHEMA_REFERENCE};
use tipkit_validate::{
    Config, ConfigError, DEFAULT_SIZE_LIMIT, Diagnostic, FixSelection, ProfileSummary,
};

/// The file name of the configuration, at the workspace root.
pub(crate) const CONFIG_FILE: &str = "tipkit.toml";

/// Findings for open buffers, with what it keeps of the files on disk.
#[derive(Debug, Default)]
pub struct Checker {
    root: Option<PathBuf>,
    config: Config,
    on_disk: HashMap<PathBuf, OnDisk>,
    holds_profiles: HashMap<PathBuf, bool>,
}

#[derive(Debug)]
struct OnDisk {
    stamp: (Option<SystemTime>, u64),
    summary: Option<ProfileSummary>,
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

    /// The configuration file, when there is a workspace root.
    pub fn config_path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|root| root.join(CONFIG_FILE))
    }

    /// Reads `tipkit.toml` again and forgets what it knew of the files on disk.
    pub fn reload(&mut self) -> Option<ConfigError> {
        self.on_disk.clear();
        self.holds_profiles.clear();
        self.config = Config::default();
        let path = self.config_path().filter(|path| path.is_file())?;
        match Config::load(&path) {
            Ok(config) => {
                self.config = config;
                None
            }
            Err(error) => Some(error),
        }
    }

    /// Forgets what it knew of these files on disk: they changed.
    pub fn forget(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.on_disk.remove(path);
            if let Some(folder) = path.parent() {
                self.holds_profiles.remove(folder);
            }
        }
    }

    /// Whether the server serves `path` with `text`: a `*.json` file not excluded by
    /// `tipkit.toml`, whose `$schema` names the profile schema, or named as a profile is
    /// (`ct.json`), or in a folder that holds a file so named.
    pub fn is_profile(&mut self, path: &Path, text: &str) -> bool {
        if path.extension().is_none_or(|e| e != "json") || self.config.is_excluded(path) {
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
        let mut found: Vec<Vec<Diagnostic>> = Vec::with_capacity(buffers.len());
        let mut folders: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
        let mut summaries: Vec<Option<ProfileSummary>> = Vec::with_capacity(buffers.len());
        for (i, (path, text)) in buffers.iter().enumerate() {
            let report = tipkit_validate::check_bytes(path, text.as_bytes());
            found.push(report.diagnostics);
            summaries.push(report.summary);
            folders
                .entry(path.parent().unwrap_or(Path::new("")))
                .or_default()
                .push(i);
        }
        let open: HashMap<&Path, &str> = buffers.iter().copied().collect();
        let source = |path: &Path| match open.get(path) {
            Some(text) => Some(text.as_bytes().to_vec()),
            None => tipkit_validate::read_file(path, DEFAULT_SIZE_LIMIT).ok(),
        };
        for (folder, members) in folders {
            let mut profiles: Vec<ProfileSummary> = members
                .iter()
                .filter_map(|&i| summaries[i].clone())
                .collect();
            profiles.extend(self.disk_summaries(folder, &open));
            profiles.sort_by(|a, b| a.file().cmp(b.file()));
            let named: Vec<PathBuf> = members.iter().map(|&i| buffers[i].0.into()).collect();
            for diagnostic in tipkit_validate::check_named(folder, &profiles, &named, &source) {
                if let Some(&i) = members.iter().find(|&&i| buffers[i].0 == diagnostic.file) {
                    found[i].push(diagnostic);
                }
            }
        }
        for diagnostics in &mut found {
            self.config.apply(diagnostics);
            tipkit_validate::sort(diagnostics);
        }
        found
    }

    /// The fixes `tipkit.toml` allows: safe ones, and the unsafe ones of `fixable` rules.
    pub fn selection(&self) -> FixSelection {
        FixSelection::new(&self.config, false)
    }

    /// `text`, the buffer of `path`, after its safe fixes, applied to convergence by the same
    /// function and recheck as `tipkit check --fix`; none when nothing changes, the text does not
    /// parse, or the fixes do not settle (which `check --fix` reports as a bug, writing nothing).
    pub fn fix_all(&self, path: &Path, text: &str) -> Option<String> {
        let outcome = self
            .selection()
            .fix_file(path, text.as_bytes(), &self.config);
        if !outcome.converged || !outcome.changed() {
            return None;
        }
        String::from_utf8(outcome.bytes).ok()
    }

    /// The summaries of the profiles of `folder` on disk that are not open.
    fn disk_summaries(
        &mut self,
        folder: &Path,
        open: &HashMap<&Path, &str>,
    ) -> Vec<ProfileSummary> {
        let listed = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let Ok(entries) = std::fs::read_dir(listed) else {
            return Vec::new();
        };
        let mut summaries = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let path = folder.join(entry.file_name());
            if path.extension().is_none_or(|e| e != "json")
                || open.contains_key(path.as_path())
                || self.config.is_excluded(&path)
            {
                continue;
            }
            let Ok(metadata) = std::fs::metadata(&path) else {
                continue;
            };
            if !metadata.is_file() {
                continue;
            }
            let stamp = (metadata.modified().ok(), metadata.len());
            let cached = self.on_disk.get(&path).filter(|known| known.stamp == stamp);
            let summary = if let Some(known) = cached {
                known.summary.clone()
            } else {
                let summary = tipkit_validate::read_file(&path, DEFAULT_SIZE_LIMIT)
                    .ok()
                    .and_then(|bytes| tipkit_validate::check_bytes(&path, &bytes).summary);
                self.on_disk.insert(
                    path,
                    OnDisk {
                        stamp,
                        summary: summary.clone(),
                    },
                );
                summary
            };
            summaries.extend(summary);
        }
        summaries
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
