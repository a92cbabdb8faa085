//! The source database: each file's bytes, its indexes and its findings, by path.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use tipkit_model::{JurisdictionCode, Profile};

use super::{Options, RuleSet};
use crate::context::{FileContext, Indexes};
use crate::diagnostic::Diagnostic;
use crate::source::LineIndex;
use crate::spans::SpanIndex;
use crate::summary::ProfileSummary;
use crate::{Config, FileReport};

/// One file's bytes as the database holds them, with the indexes that locate findings in them,
/// each built at most once.
#[derive(Debug)]
pub struct SourceFile {
    path: Arc<Path>,
    bytes: Vec<u8>,
    indexes: Indexes,
}

impl SourceFile {
    fn new(path: Arc<Path>, bytes: Vec<u8>) -> Self {
        Self {
            path,
            bytes,
            indexes: Indexes::default(),
        }
    }

    /// The path findings name the file by.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The file's text, invalid UTF-8 replaced.
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }

    /// The file's line index, built on first use.
    pub fn lines(&self) -> LineIndex<'_> {
        self.indexes.lines(&self.bytes)
    }

    /// The file's span index, built on first use.
    pub fn spans(&self) -> &SpanIndex {
        self.indexes.spans(&self.bytes)
    }

    pub(crate) fn context(&self) -> FileContext<'_> {
        FileContext::new(&self.path, &self.bytes, &self.indexes)
    }
}

/// One file: its source or why it could not be read, and its check, done at most once.
struct Entry {
    source: Result<SourceFile, Diagnostic>,
    /// Set by a caller (an unsaved buffer), not read from disk.
    buffer: bool,
    checked: OnceLock<Checked>,
}

/// A file's report, and its profile when it reached the typed model and is kept (boxed: most
/// entries keep none, and entries move).
struct Checked {
    report: FileReport,
    profile: Option<Box<Profile>>,
}

impl Entry {
    fn check(&self, rules: &RuleSet, keep_profile: bool) -> &Checked {
        self.checked.get_or_init(|| match &self.source {
            Ok(source) => {
                let (report, profile) = crate::check_source(source.context(), rules);
                let profile = profile.filter(|_| keep_profile).map(Box::new);
                Checked { report, profile }
            }
            Err(read_error) => Checked {
                report: FileReport {
                    diagnostics: vec![read_error.clone()],
                    summary: None,
                },
                profile: None,
            },
        })
    }
}

/// The source database: files by path, each with its bytes (read from disk once, or set by a
/// caller for an unsaved buffer), its line and span indexes (built at most once, on first use)
/// and its findings (computed once, until its bytes change), and each folder's findings across
/// its profiles (computed once, until one of its files changes).
///
/// Paths are as findings name them: relative to [`Options::root`] or absolute. Printers and
/// folder rules locate findings and draw code frames through it, never reading a file again.
///
/// ```no_run
/// use std::path::Path;
/// use tipkit_validate::{Config, Options, Workspace};
///
/// let mut workspace = Workspace::new(&Config::default(), &Options::default());
/// workspace.set_text("profiles/ct.json", b"{}".to_vec()); // an unsaved editor buffer
/// let findings = workspace.folder_findings(Path::new("profiles/ct.json"));
/// let lines = workspace.file(Path::new("profiles/ct.json")).unwrap().lines();
/// ```
pub struct Workspace {
    config: Config,
    rules: RuleSet,
    options: Options,
    /// Keyed by the path its source holds too.
    files: HashMap<Arc<Path>, Entry>,
    /// Each folder's findings across profiles, by folder.
    folders: HashMap<PathBuf, Vec<Diagnostic>>,
    /// How many of `files` are buffers set by a caller.
    buffers: usize,
    /// Keep the typed profile of each file, for [`crate::load_folder`].
    pub(crate) keep_profiles: bool,
    /// The driver's: each folder is forgotten once its findings are out, so the rules across
    /// profiles may take the summaries, and the printers the findings, instead of copying them.
    pub(crate) transient: bool,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new(&Config::default(), &Options::default())
    }
}

impl Workspace {
    /// An empty database whose checks run the rules `config` enables.
    pub fn new(config: &Config, options: &Options) -> Self {
        Self {
            config: config.clone(),
            rules: config.rule_set(),
            options: options.clone(),
            files: HashMap::new(),
            folders: HashMap::new(),
            buffers: 0,
            keep_profiles: false,
            transient: false,
        }
    }

    /// The configuration the checks follow.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// How files are read.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The rules the checks run.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Sets a file's bytes, as an editor holds them: preferred over the file on disk until
    /// [`forget`](Self::forget). Its findings and its folder's are computed again when asked.
    pub fn set_text(&mut self, path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) {
        let path: Arc<Path> = path.into().into();
        self.folders.remove(&folder_of(&path));
        let source = SourceFile::new(Arc::clone(&path), bytes.into());
        let entry = Entry {
            source: Ok(source),
            buffer: true,
            checked: OnceLock::new(),
        };
        if !self.files.insert(path, entry).is_some_and(|old| old.buffer) {
            self.buffers += 1;
        }
    }

    /// Holds a file that may not be read: its findings are the read error's.
    pub(crate) fn refuse(&mut self, error: &crate::ReadError) {
        let path: Arc<Path> = error.path().into();
        let entry = Entry {
            source: Err(error.diagnostic()),
            buffer: false,
            checked: OnceLock::new(),
        };
        self.files.insert(path, entry);
    }

    /// Forgets what the database holds of a file: the next use reads it from disk again.
    pub fn forget(&mut self, path: &Path) {
        self.folders.remove(&folder_of(path));
        if self.files.remove(path).is_some_and(|old| old.buffer) {
            self.buffers -= 1;
        }
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.files.clear();
        self.folders.clear();
        self.buffers = 0;
    }

    /// A file the database holds, with its text and indexes; `None` when it holds none or the
    /// file could not be read.
    pub fn file(&self, path: &Path) -> Option<&SourceFile> {
        self.files.get(path)?.source.as_ref().ok()
    }

    /// Forgets every file of `folder` and its findings across profiles: a language server
    /// whose client closed the folder's last document.
    pub fn forget_folder(&mut self, folder: &Path) {
        self.folders.remove(folder);
        let mut buffers = 0;
        self.files.retain(|file, entry| {
            let keep = folder_of(file) != folder;
            buffers += usize::from(!keep && entry.buffer);
            keep
        });
        self.buffers -= buffers;
    }

    /// The findings of `path` alone, those across its folder's profiles that are about it
    /// included, in output order: [`folder_findings`](Self::folder_findings) narrowed to one
    /// file, without copying the other files' findings. The folder is read and its rules across
    /// profiles run again only when one of its files changed.
    pub fn file_findings(&mut self, path: &Path) -> Vec<Diagnostic> {
        let folder = folder_of(path);
        if !self.folders.contains_key(&folder) || !self.files.contains_key(path) {
            let files = self.folder_files(&folder);
            self.load(&files);
            let found = self.folder_rules(&folder, &files, Some(&[]));
            self.folders.insert(folder.clone(), found);
        }
        let (rules, keep_profiles) = (&self.rules, self.keep_profiles);
        let Some(entry) = self.files.get(path) else {
            return Vec::new();
        };
        let own = entry.check(rules, keep_profiles).report.diagnostics.clone();
        let across = self.folders[&folder]
            .iter()
            .filter(|d| d.file == path)
            .cloned()
            .collect();
        merge(own, across)
    }

    /// The `*.json` files of `folder`, sorted: those on disk and its open buffers.
    fn folder_files(&self, folder: &Path) -> Vec<PathBuf> {
        let mut files: HashSet<PathBuf> = self.list_folder(folder).unwrap_or_default();
        files.extend(
            self.files
                .iter()
                .filter(|(file, entry)| entry.buffer && folder_of(file) == folder)
                .map(|(file, _)| file.to_path_buf()),
        );
        let mut files: Vec<PathBuf> = files.into_iter().collect();
        files.sort();
        files
    }

    /// The findings across the profiles of `folder`, when they are computed and current.
    pub fn folder_across(&self, folder: &Path) -> Option<&[Diagnostic]> {
        self.folders.get(folder).map(Vec::as_slice)
    }

    /// How many files the database holds, and how many folders' findings across profiles.
    pub fn held(&self) -> (usize, usize) {
        (self.files.len(), self.folders.len())
    }

    /// The findings of the folder of `path`, in output order: those of each of its `*.json`
    /// files (its open buffers, and its files on disk, each read once) and those across them.
    pub fn folder_findings(&mut self, path: &Path) -> Vec<Diagnostic> {
        let folder = folder_of(path);
        let files = self.folder_files(&folder);
        self.load(&files);
        if !self.folders.contains_key(&folder) {
            let found = self.folder_rules(&folder, &files, Some(&[]));
            self.folders.insert(folder.clone(), found);
        }
        let across = self.folders[&folder].clone();
        self.findings(&files, across).0
    }

    /// Reads the files it does not hold yet, and checks every file of `files` not checked yet,
    /// in parallel.
    pub(crate) fn load(&mut self, files: &[PathBuf]) {
        let missing: Vec<&PathBuf> = if self.files.is_empty() {
            files.iter().collect()
        } else {
            files
                .iter()
                .filter(|file| !self.files.contains_key(file.as_path()))
                .collect()
        };
        let read = read_and_check(&self.rules, &self.options, self.keep_profiles, &missing);
        self.files.extend(read);
        if self.buffers == 0 {
            return;
        }
        // Buffers set by a caller, not checked yet.
        let unchecked: Vec<&Entry> = files
            .iter()
            .map(|file| &self.files[file.as_path()])
            .filter(|entry| entry.checked.get().is_none())
            .collect();
        unchecked.into_par_iter().for_each(|entry| {
            entry.check(&self.rules, self.keep_profiles);
        });
    }

    /// An empty database with the same configuration, options and settings.
    pub(crate) fn empty_like(&self) -> Self {
        Self {
            config: self.config.clone(),
            rules: self.rules.clone(),
            options: self.options.clone(),
            files: HashMap::new(),
            folders: HashMap::new(),
            buffers: 0,
            keep_profiles: self.keep_profiles,
            transient: self.transient,
        }
    }

    /// A checked file's profile, when it reached the typed model.
    pub(crate) fn profile(&self, file: &Path) -> Option<&Profile> {
        self.files[file]
            .check(&self.rules, self.keep_profiles)
            .profile
            .as_deref()
    }

    /// The rules across the profiles of `folder`, over its loaded `files`. `siblings`: the
    /// folder's other files (loaded too), there to compare with, so that findings speak only
    /// about `files`; `None` when the folder could not be listed, so `files` are only part of
    /// it; empty when `files` are all of it.
    pub(crate) fn folder_rules(
        &mut self,
        folder: &Path,
        files: &[PathBuf],
        siblings: Option<&[PathBuf]>,
    ) -> Vec<Diagnostic> {
        let shown = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let mut profiles = self.summaries(files);
        let Some(siblings) = siblings else {
            return crate::check_named(shown, &profiles, files, self);
        };
        if siblings.is_empty() {
            let not_profiles = files.len() - profiles.len();
            return crate::check_folder(shown, &profiles, not_profiles, self);
        }
        profiles.extend(self.summaries(siblings));
        profiles.sort_by(|a, b| a.file().cmp(b.file()));
        crate::check_named(shown, &profiles, files, self)
    }

    /// The jurisdiction code of each of the loaded `files` that reached the typed model, in
    /// their order: for the rule across the whole tree, before the folder rules take the
    /// summaries.
    pub(crate) fn codes(&self, files: &[PathBuf]) -> Vec<(PathBuf, JurisdictionCode)> {
        files
            .iter()
            .filter_map(|file| {
                let checked = self.files.get(file.as_path())?.checked.get()?;
                let summary = checked.report.summary.as_ref()?;
                Some((file.clone(), summary.code))
            })
            .collect()
    }

    /// The summaries of the loaded `files` that reached the typed model, in their order: taken
    /// out of their reports in a transient workspace, copied otherwise.
    fn summaries(&mut self, files: &[PathBuf]) -> Vec<ProfileSummary> {
        let (rules, keep_profiles) = (&self.rules, self.keep_profiles);
        let mut out = Vec::with_capacity(files.len());
        for file in files {
            let Some(entry) = self.files.get_mut(file.as_path()) else {
                continue;
            };
            entry.check(rules, keep_profiles);
            let checked = entry.checked.get_mut().expect("checked just now");
            let summary = if self.transient {
                checked.report.summary.take()
            } else {
                checked.report.summary.clone()
            };
            out.extend(summary);
        }
        out
    }

    /// The findings of the loaded `files` (sorted, so their reports follow each other in
    /// output order) merged with `across`, the findings across them, sorted too: no sort again.
    /// With how many of `files` could not be read. A transient workspace hands its findings
    /// over, since it forgets the folder next; another copies them.
    pub(crate) fn findings(
        &mut self,
        files: &[PathBuf],
        across: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, usize) {
        let (rules, keep_profiles, transient) = (&self.rules, self.keep_profiles, self.transient);
        let mut unreadable = 0;
        let mut of_files = Vec::new();
        for file in files {
            let entry = self
                .files
                .get_mut(file.as_path())
                .expect("the files are loaded");
            unreadable += usize::from(entry.source.is_err());
            entry.check(rules, keep_profiles);
            let found = &mut entry.checked.get_mut().expect("checked just now").report;
            if transient {
                of_files.append(&mut found.diagnostics);
            } else {
                of_files.extend(found.diagnostics.iter().cloned());
            }
        }
        (merge(of_files, across), unreadable)
    }

    /// The `*.json` files of a folder that a walk would check (not excluded, regular files, links
    /// only to a file of the folder), as paths under it; `None` when it cannot be listed.
    pub(crate) fn list_folder(&self, folder: &Path) -> Option<HashSet<PathBuf>> {
        let on_disk = self.options.root.join(folder);
        let dir = if on_disk.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &on_disk
        };
        let entries = std::fs::read_dir(dir).ok()?;
        // A link is read only when it leads to a file of the folder itself (`walk::admit`).
        let inside = super::walk::Roots::new([std::fs::canonicalize(dir).ok()?]);
        let files = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let file = folder.join(entry.file_name());
                let real = self.options.root.join(&file);
                let regular = match entry.file_type() {
                    Ok(kind) if kind.is_symlink() => {
                        super::walk::admit(&real, &inside).is_ok_and(|target| target.is_file())
                    }
                    _ => real.is_file(),
                };
                let wanted = tipkit_model::is_profile_path(&file)
                    && !self.config.is_excluded(&real)
                    && regular;
                wanted.then_some(file)
            })
            .collect();
        Some(files)
    }
}

/// Reads `files` from disk, each once, and checks them, in parallel.
fn read_and_check(
    rules: &RuleSet,
    options: &Options,
    keep_profiles: bool,
    files: &[&PathBuf],
) -> Vec<(Arc<Path>, Entry)> {
    files
        .par_iter()
        .map(|file| {
            let mut entry = read_file(options, file);
            let size = entry.source.as_ref().map_or(0, |source| source.bytes.len());
            let room = super::driver::room_to_check(size);
            entry.check(rules, keep_profiles);
            if let (Some(_), Ok(source)) = (room, &mut entry.source) {
                // A big file's span index is built again if a rule across profiles asks.
                source.indexes.forget_spans();
            }
            let path = match &entry.source {
                Ok(source) => Arc::clone(&source.path),
                Err(_) => file.as_path().into(),
            };
            (path, entry)
        })
        .collect()
}

/// A file from disk, read once.
fn read_file(options: &Options, file: &Path) -> Entry {
    let on_disk = if options.root.as_os_str().is_empty() {
        Cow::Borrowed(file)
    } else {
        Cow::Owned(options.root.join(file))
    };
    let source = match crate::read_file(&on_disk, options.size_limit) {
        Ok(bytes) => Ok(SourceFile::new(file.into(), bytes)),
        Err(error) => Err(error.named(file).diagnostic()),
    };
    Entry {
        source,
        buffer: false,
        checked: OnceLock::new(),
    }
}

/// The folder of a file, as its path says: "" for a bare name.
fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Two runs in output order as one; on a tie the first run's finding comes first.
pub(super) fn merge(first: Vec<Diagnostic>, second: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if second.is_empty() {
        return first;
    }
    let mut out = Vec::with_capacity(first.len() + second.len());
    let mut second = second.into_iter().peekable();
    for diagnostic in first {
        while let Some(next) = second.next_if(|next| next.sort_key() < diagnostic.sort_key()) {
            out.push(next);
        }
        out.push(diagnostic);
    }
    out.extend(second);
    out
}
