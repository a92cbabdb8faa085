//! "Check these buffers": the one place the server asks the validator for findings.
//!
//! Each file is governed by its own `tipkit.toml`: the nearest one in its folder or above, up to
//! its repository's root (the folder holding `.git`) or the client's root, never above, as
//! `tipkit check` run from that repository reads it; without one, the defaults. Each governing folder (its *base*) has its own source
//! database, a `Workspace`, with that configuration: open buffers are set in it and preferred over
//! the disk; the other `*.json` files of a buffer's folder are read from disk once and kept until
//! they change (a watched-file event, or a new time or size when the folder is looked at again,
//! for clients that do not watch). A file is checked again only when its text changes, and a
//! folder's rules across profiles only when one of its files does.
//!
//! Only profiles are served: a `*.json` file not excluded by its `tipkit.toml` that lies under
//! the `profiles/` folder of its base, or whose `$schema` names the profile schema (checked
//! alone, then: the other files of its folder need not be profiles). A file named like a
//! jurisdiction (`de.json` among translations) is not enough.
//!
//! What no open document needs is forgotten: a folder's files when its last buffer closes, a
//! base's database when its last one does.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use tipkit_model::SCHEMA_REFERENCE;
use tipkit_validate::{
    Config, ConfigError, Diagnostic, FixSelection, Options, SourceFile, Workspace,
};

pub(crate) use tipkit_validate::CONFIG_FILE;

/// The folder of profiles under a base, as `tipkit check` run there checks it.
const PROFILES_FOLDER: &str = "profiles";

/// How often, at most, a folder is looked at on disk for clients that do not report changes to
/// watched files: looking costs a `stat` of each of its files.
const LOOK_AGAIN: Duration = Duration::from_secs(2);

/// A file on disk as the database read it: its time and size.
type Stamp = (Option<SystemTime>, u64);

/// What the server makes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Not a profile: nothing is published for it, and it takes no part in any folder's rules.
    NotProfile,
    /// A profile in a folder of profiles: checked with the rules across that folder.
    InFolder,
    /// A profile by its `$schema` alone, outside a folder of profiles: checked on its own.
    Alone,
}

/// One base's configuration and source database.
struct Scope {
    workspace: Workspace,
    /// Its `tipkit.toml` as read, to notice a change for clients that do not watch it.
    config_stamp: Option<Stamp>,
    /// The paths whose text the database holds from a buffer.
    buffers: HashSet<PathBuf>,
    /// The files on disk the database may hold, as they were when last seen.
    stamps: HashMap<PathBuf, Stamp>,
    /// When each folder was last looked at on disk.
    looked: HashMap<PathBuf, Instant>,
    /// Each folder's findings across profiles as last returned, to tell which files they
    /// changed for.
    across: HashMap<PathBuf, Vec<Diagnostic>>,
}

/// Findings for open buffers, over one source database per governing `tipkit.toml`.
#[derive(Default)]
pub struct Checker {
    /// The client's root folder: the base of a file in no repository and under no
    /// `tipkit.toml`, when the file is inside it.
    root: Option<PathBuf>,
    scopes: HashMap<PathBuf, Scope>,
    /// The base of each folder asked about, found once.
    bases: HashMap<PathBuf, PathBuf>,
    /// Configurations that could not be used (the defaults apply), not reported yet.
    errors: Vec<ConfigError>,
    /// Warnings of configurations read, not reported yet.
    warnings: Vec<String>,
    /// The client reports changes to watched files: the disk need not be looked at.
    watching: bool,
    /// How many files' findings were computed for publishing: work done, for tests.
    findings_computed: usize,
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("root", &self.root)
            .field("bases", &self.scopes.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// What the checker holds, to see that it forgets what no open document needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Held {
    /// Configurations (bases) with a source database.
    pub configurations: usize,
    /// Files the databases hold, buffers and files on disk.
    pub files: usize,
    /// Folders whose findings across profiles are kept.
    pub folders: usize,
    /// Buffers set in the databases.
    pub buffers: usize,
    /// How many files' findings were computed for publishing.
    pub findings_computed: usize,
}

impl Checker {
    /// A checker for a client whose root folder is `root`.
    pub fn new(root: Option<PathBuf>) -> Self {
        Self {
            root,
            ..Self::default()
        }
    }

    /// The client reports changes to watched files (`**/*.json`, `**/tipkit.toml`).
    pub fn set_watching(&mut self, watching: bool) {
        self.watching = watching;
    }

    /// Configurations read since the last call that could not be used.
    pub fn take_errors(&mut self) -> Vec<ConfigError> {
        std::mem::take(&mut self.errors)
    }

    /// The warnings of configurations read since the last call (a rule id that was split).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// A `tipkit.toml` changed, appeared or went: every configuration is read again when next
    /// needed, and every file checked again.
    pub fn reload(&mut self) {
        self.scopes.clear();
        self.bases.clear();
    }

    /// What the checker holds now.
    pub fn held(&self) -> Held {
        let mut held = Held {
            configurations: self.scopes.len(),
            findings_computed: self.findings_computed,
            ..Held::default()
        };
        for scope in self.scopes.values() {
            let (files, folders) = scope.workspace.held();
            held.files += files;
            held.folders += folders;
            held.buffers += scope.buffers.len();
        }
        held
    }

    /// The folder whose `tipkit.toml` governs files of `folder`: the nearest with one, up to the
    /// repository's root (the folder holding `.git`) or the client's root, whichever comes
    /// first, never above; else that root. A `tipkit.toml` above the client's root (a checkout
    /// with no `.git` inside a folder with one) governs nothing in it: `tipkit check` run from
    /// the checkout does not read it. Outside the client's root, the nearest up to the
    /// repository's root; else none (empty): the defaults, and no folder of profiles.
    fn base_of(&mut self, folder: &Path) -> PathBuf {
        if let Some(base) = self.bases.get(folder) {
            return base.clone();
        }
        let root = self.root.as_deref().filter(|root| folder.starts_with(root));
        let base = governing_folder(folder, root).unwrap_or_default();
        self.bases.insert(folder.to_path_buf(), base.clone());
        base
    }

    /// The scope of `path`, its configuration read when first needed; and its base.
    fn scope(&mut self, path: &Path) -> (&mut Scope, PathBuf) {
        let base = self.base_of(path.parent().unwrap_or(Path::new("")));
        if !self.scopes.contains_key(&base) {
            let (config, stamp) = if base.as_os_str().is_empty() {
                (Config::default(), None)
            } else {
                let file = base.join(CONFIG_FILE);
                let stamp = stamp(&file);
                let config = if stamp.is_some() {
                    Config::load(&file).unwrap_or_else(|error| {
                        self.errors.push(error);
                        Config::default()
                    })
                } else {
                    Config::default()
                };
                self.warnings
                    .extend(config.warnings.iter().map(ToString::to_string));
                (config, stamp)
            };
            let scope = Scope {
                workspace: Workspace::new(&config, &Options::default()),
                config_stamp: stamp,
                buffers: HashSet::new(),
                stamps: HashMap::new(),
                looked: HashMap::new(),
                across: HashMap::new(),
            };
            self.scopes.insert(base.clone(), scope);
        }
        (self.scopes.get_mut(&base).expect("inserted"), base)
    }

    /// The configuration that governs `path`.
    pub fn config(&mut self, path: &Path) -> &Config {
        self.scope(path).0.workspace.config()
    }

    /// What the server makes of `path` with `text`.
    pub(crate) fn kind(&mut self, path: &Path, text: &str) -> Kind {
        if !tipkit_model::is_profile_path(path) {
            return Kind::NotProfile;
        }
        let (scope, base) = self.scope(path);
        if scope.workspace.config().is_excluded(path) {
            return Kind::NotProfile;
        }
        if !base.as_os_str().is_empty() && path.starts_with(base.join(PROFILES_FOLDER)) {
            Kind::InFolder
        } else if names_profile_schema(text) {
            Kind::Alone
        } else {
            Kind::NotProfile
        }
    }

    /// Sets the text of an open profile in a folder of profiles.
    pub(crate) fn set_buffer(&mut self, path: &Path, text: &str) {
        let (scope, _) = self.scope(path);
        let held = scope.workspace.file(path).map(SourceFile::bytes);
        if !scope.buffers.contains(path) || held != Some(text.as_bytes()) {
            scope.workspace.set_text(path, text.as_bytes());
            scope.buffers.insert(path.to_path_buf());
        }
    }

    /// A buffer was closed, or stopped being a profile: from now on the file is read from disk.
    /// A folder with no buffer left is forgotten, and a base with none left.
    pub fn close(&mut self, path: &Path) {
        let base = self.base_of(path.parent().unwrap_or(Path::new("")));
        let Some(scope) = self.scopes.get_mut(&base) else {
            return;
        };
        if scope.buffers.remove(path) {
            scope.workspace.forget(path);
        }
        let folder = path.parent().unwrap_or(Path::new(""));
        if !scope.buffers.iter().any(|b| b.parent() == Some(folder)) {
            scope.workspace.forget_folder(folder);
            scope.stamps.retain(|file, _| file.parent() != Some(folder));
            scope.looked.remove(folder);
            scope.across.remove(folder);
        }
        if scope.buffers.is_empty() {
            self.scopes.remove(&base);
            self.bases.retain(|_, b| *b != base);
        }
    }

    /// Forgets what it knew of these files on disk: they changed. An open buffer stays.
    pub fn forget(&mut self, paths: &[PathBuf]) {
        for path in paths {
            let folder = path.parent().unwrap_or(Path::new(""));
            let Some(scope) = self
                .bases
                .get(folder)
                .and_then(|base| self.scopes.get_mut(base))
            else {
                continue;
            };
            if !scope.buffers.contains(path) {
                scope.workspace.forget(path);
            }
            scope.stamps.remove(path);
        }
    }

    /// A file a database holds (an open buffer, or a file of a checked folder), with its text
    /// and line index.
    pub fn file(&self, path: &Path) -> Option<&SourceFile> {
        let folder = path.parent()?;
        let base = self.bases.get(folder)?;
        self.scopes.get(base)?.workspace.file(path)
    }

    /// The findings of the files of a folder of profiles that changed: each of `changed`
    /// (profiles of the folder whose buffers are set), and each other file whose findings across
    /// the folder's profiles are not the ones returned last. `probe`, any open profile of the
    /// folder, names it when nothing of it is open that changed (a file closed, or changed on
    /// disk). A change costs its own file's check and the folder's rules across profiles, never
    /// a copy of every file's findings.
    pub(crate) fn recheck(
        &mut self,
        probe: &Path,
        changed: &[PathBuf],
    ) -> Vec<(PathBuf, Vec<Diagnostic>)> {
        self.reread_config_if_changed(probe);
        // The client watches files under its root folder only.
        let watching = self.watching && self.root.as_ref().is_some_and(|r| probe.starts_with(r));
        let folder = probe.parent().unwrap_or(Path::new("")).to_path_buf();
        let (scope, _) = self.scope(probe);
        if !watching {
            scope.notice_changes_on_disk(&folder);
        }
        let mut out = Vec::new();
        for path in changed {
            out.push((path.clone(), scope.workspace.file_findings(path)));
        }
        if changed.is_empty() {
            scope.workspace.file_findings(probe);
        }
        let across = scope
            .workspace
            .folder_across(&folder)
            .unwrap_or_default()
            .to_vec();
        let before = scope
            .across
            .insert(folder, across.clone())
            .unwrap_or_default();
        let (before, after) = (by_file(&before), by_file(&across));
        let mut touched: Vec<&Path> = before
            .keys()
            .chain(after.keys())
            .copied()
            .filter(|file| before.get(file) != after.get(file))
            .filter(|file| !changed.iter().any(|c| c == file))
            .collect();
        touched.sort_unstable();
        touched.dedup();
        for file in touched {
            out.push((file.to_path_buf(), scope.workspace.file_findings(file)));
        }
        self.findings_computed += out.len();
        out
    }

    /// For clients that do not say so: when the `tipkit.toml` that governs `path` changed,
    /// every configuration is read again, the buffers kept.
    fn reread_config_if_changed(&mut self, path: &Path) {
        let watching = self.watching && self.root.as_ref().is_some_and(|r| path.starts_with(r));
        let (scope, base) = self.scope(path);
        if watching || base.as_os_str().is_empty() {
            return;
        }
        if stamp(&base.join(CONFIG_FILE)) == scope.config_stamp {
            return;
        }
        let buffers: Vec<(PathBuf, Vec<u8>)> =
            self.scopes
                .values()
                .flat_map(|scope| {
                    scope.buffers.iter().filter_map(|b| {
                        Some((b.clone(), scope.workspace.file(b)?.bytes().to_vec()))
                    })
                })
                .collect();
        self.reload();
        for (buffer, bytes) in buffers {
            let (scope, _) = self.scope(&buffer);
            scope.workspace.set_text(&buffer, bytes);
            scope.buffers.insert(buffer);
        }
    }

    /// The findings of a profile checked on its own.
    pub(crate) fn alone_findings(&mut self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let (scope, _) = self.scope(path);
        tipkit_validate::check_bytes_with(path, text.as_bytes(), scope.workspace.rules())
            .diagnostics
    }

    /// The fixes the `tipkit.toml` of `path` allows: safe ones, and the unsafe ones of
    /// `fixable` rules.
    pub fn selection(&mut self, path: &Path) -> FixSelection {
        FixSelection::new(self.config(path), false)
    }

    /// The findings of one open profile of a folder of profiles, whose buffer is set.
    pub(crate) fn file_findings(&mut self, path: &Path) -> Vec<Diagnostic> {
        self.reread_config_if_changed(path);
        let (scope, _) = self.scope(path);
        scope.workspace.file_findings(path)
    }

    /// `text`, the buffer of `path`, after its safe fixes, applied to convergence by the same
    /// function and recheck as `tipkit check --fix`; none when nothing changes, the text does not
    /// parse, or the fixes do not settle (which `check --fix` reports as a bug, writing nothing).
    pub fn fix_all(&mut self, path: &Path, text: &str) -> Option<String> {
        let selection = self.selection(path);
        let (scope, _) = self.scope(path);
        let outcome = selection.fix_file(path, text.as_bytes(), scope.workspace.rules());
        if !outcome.converged || !outcome.changed() {
            return None;
        }
        String::from_utf8(outcome.bytes).ok()
    }
}

impl Scope {
    /// Forgets the files of `folder` on disk whose time or size changed since the database read
    /// them, for clients that do not report changes to watched files; at most every
    /// [`LOOK_AGAIN`].
    fn notice_changes_on_disk(&mut self, folder: &Path) {
        let now = Instant::now();
        if self
            .looked
            .get(folder)
            .is_some_and(|then| now.duration_since(*then) < LOOK_AGAIN)
        {
            return;
        }
        self.looked.insert(folder.to_path_buf(), now);
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
            let Some(stamp) = stamp(&path) else {
                continue;
            };
            if self.stamps.insert(path.clone(), stamp) != Some(stamp) {
                self.workspace.forget(&path);
            }
        }
    }
}

/// The nearest of `folder` and its parents that holds a `tipkit.toml` or `.git`, never above
/// `root` (a parent of `folder`), which is the answer when none below it does.
fn governing_folder(folder: &Path, root: Option<&Path>) -> Option<PathBuf> {
    for dir in folder.ancestors() {
        if dir.join(CONFIG_FILE).is_file() || dir.join(".git").exists() || Some(dir) == root {
            return Some(dir.to_path_buf());
        }
    }
    None
}

/// Findings by the file they are about.
fn by_file(findings: &[Diagnostic]) -> HashMap<&Path, Vec<&Diagnostic>> {
    let mut out: HashMap<&Path, Vec<&Diagnostic>> = HashMap::new();
    for finding in findings {
        out.entry(finding.file.as_path()).or_default().push(finding);
    }
    out
}

/// The time and size of a file, `None` when it is not there.
fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    metadata
        .is_file()
        .then(|| (metadata.modified().ok(), metadata.len()))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Round 3, lsp3 finding 2: a `tipkit.toml` above the client's root does not govern a
    /// checkout with no `.git`; one inside the root, or a `.git`, still does.
    #[test]
    fn the_search_for_tipkit_toml_stops_at_the_client_root() {
        let top = std::env::temp_dir().join(format!("tipkit-lsp-base-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&top);
        let checkout = top.join("P").join("D");
        let folder = checkout.join("profiles");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(top.join("P").join(CONFIG_FILE), "").unwrap();
        let mut checker = Checker::new(Some(checkout.clone()));
        assert_eq!(checker.base_of(&folder), checkout);
        // Outside the client's root, the nearest is found as before.
        let mut rootless = Checker::new(None);
        assert_eq!(rootless.base_of(&folder), top.join("P"));
        // A `.git` or a `tipkit.toml` below the root is nearer.
        std::fs::create_dir_all(folder.join(".git")).unwrap();
        assert_eq!(
            Checker::new(Some(checkout.clone())).base_of(&folder),
            folder
        );
        std::fs::remove_dir_all(folder.join(".git")).unwrap();
        std::fs::write(checkout.join(CONFIG_FILE), "").unwrap();
        assert_eq!(Checker::new(Some(top.clone())).base_of(&folder), checkout);
        std::fs::remove_dir_all(&top).unwrap();
    }

    #[test]
    fn the_schema_reference_marks_a_profile() {
        assert!(names_profile_schema(
            r#"{ "$schema" : "https://x.test/schemas/state-profile.schema.json" }"#
        ));
        assert!(!names_profile_schema(r#"{"$schema": "other.json"}"#));
        assert!(!names_profile_schema(r#"{"$schema": 1}"#));
    }
}
