//! The one driver: walk, read, check in parallel, run the rules across profiles, folder by
//! folder.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::tree::{Codes, Jurisdictions};
use super::walk;
use super::{Options, Workspace};
use crate::rules::duplicate_jurisdiction::RULE;

use crate::{Config, Diagnostic, Summary};

/// The findings of one folder, as [`check_paths`] hands them over.
pub struct FolderReport<'a> {
    /// The folder, as findings name it ("." for the working folder), or the path that could not
    /// be walked.
    pub folder: &'a Path,
    /// The files checked, in file order: siblings read only to compare with are not among them.
    pub files: &'a [PathBuf],
    /// The findings, in output order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many paths could not be read.
    pub unreadable: usize,
    /// The files' text and indexes, for code frames.
    pub sources: &'a Workspace,
}

/// The counts of a whole check.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    /// Files checked and findings by severity.
    pub summary: Summary,
    /// How many paths could not be read.
    pub unreadable: usize,
}

/// Checks every profile under `paths` (files as given, folders walked for `*.json`, minus what
/// `config` excludes) with the rules `config` enables, folder by folder: its files read once and
/// checked, then its profiles against each other, batches of folders in parallel. Each folder's
/// findings go to `emit`, in walk order and output order, with the files' text for code frames;
/// then they are forgotten, so memory holds two batches (of 256 files or so, more when one
/// folder holds more), whatever the size of the tree. Files named on their own are compared with
/// their siblings on disk (read once each), and findings speak only about them. A path that
/// cannot be read is a `read-error` finding. `emit`'s first error stops the check.
pub fn check_paths<E>(
    paths: &[PathBuf],
    config: &Config,
    options: &Options,
    emit: impl FnMut(&FolderReport<'_>) -> Result<(), E>,
) -> Result<Totals, E> {
    check_paths_in(&Workspace::new(config, options), paths, emit)
}

/// How many files a batch of folders holds at least, unless the walk ends or [`BATCH_BYTES`] is
/// reached first: enough to keep every thread busy, few enough to keep memory small.
pub(super) const BATCH_FILES: usize = 256;

/// How many bytes of files a batch of folders holds at most, unless one folder holds more: the
/// two batches held at once keep their files' text and indexes until they are printed.
pub(super) const BATCH_BYTES: u64 = 64 << 20;

/// How many bytes of files are being checked at once, at most: a file of millions of findings
/// takes some 40 times its size while it is checked, so big files are checked one at a time
/// (one larger than this waits until nothing else is checked). Files under [`SMALL_FILE`]
/// never wait.
const CHECKED_BYTES: usize = 16 << 20;

/// A file this small is checked without waiting for [`CHECKED_BYTES`].
const SMALL_FILE: usize = 1 << 20;

/// The bytes being checked at once, in the whole process: see [`CHECKED_BYTES`].
static CHECKING: Budget = Budget::new(CHECKED_BYTES);

/// A number of bytes that holders share, each waiting until there is room for its share.
pub(super) struct Budget {
    limit: usize,
    used: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
}

/// A share of a [`Budget`], given back when dropped.
pub(super) struct Share<'b> {
    budget: &'b Budget,
    bytes: usize,
}

impl Budget {
    const fn new(limit: usize) -> Self {
        Self {
            limit,
            used: std::sync::Mutex::new(0),
            freed: std::sync::Condvar::new(),
        }
    }

    /// Waits for room for `bytes` (for all of the budget when more, and nothing else is held).
    pub(super) fn take(&self, bytes: usize) -> Share<'_> {
        let bytes = bytes.min(self.limit);
        let mut used = self
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while *used + bytes > self.limit {
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        *used += bytes;
        Share {
            budget: self,
            bytes,
        }
    }
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        let mut used = self
            .budget
            .used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

/// Room to check a file of `bytes`: none needed for a small one.
pub(super) fn room_to_check(bytes: usize) -> Option<Share<'static>> {
    (bytes >= SMALL_FILE).then(|| CHECKING.take(bytes))
}

/// [`check_paths`] with the configuration, options and settings of `template`.
///
/// Folders are checked in batches: the folders of a batch in parallel, each in a database of
/// its own (its files read and checked, then its rules across profiles). A thread walks and
/// checks the next batch while this one hands each folder of the last to `emit`, in walk order.
/// So the rules across profiles run in parallel too, and printing overlaps checking.
pub(crate) fn check_paths_in<E>(
    template: &Workspace,
    paths: &[PathBuf],
    mut emit: impl FnMut(&FolderReport<'_>) -> Result<(), E>,
) -> Result<Totals, E> {
    let root = &template.options().root;
    let on_disk: Vec<PathBuf> = paths.iter().map(|path| root.join(path)).collect();
    let mut steps = walk::folders(&on_disk, template.config());
    let mut totals = Totals::default();
    // One profile per jurisdiction in the whole tree: each folder against those before it, in
    // walk order, as they are handed over.
    let mut jurisdictions = Jurisdictions::new();
    let mut hand_over = |batch: Vec<Checked>| {
        for mut folder in batch {
            let across = jurisdictions.check(&folder.codes, &folder.sources, template.rules());
            if !across.is_empty() {
                let found = std::mem::take(&mut folder.diagnostics);
                folder.diagnostics = super::workspace::merge(found, across);
            }
            totals
                .summary
                .add(&Summary::count(folder.files.len(), &folder.diagnostics));
            totals.unreadable += folder.unreadable;
            emit(&FolderReport {
                folder: if folder.path.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    &folder.path
                },
                files: &folder.files,
                diagnostics: std::mem::take(&mut folder.diagnostics),
                unreadable: folder.unreadable,
                sources: &folder.sources,
            })?;
        }
        Ok(())
    };
    let stop = &AtomicBool::new(false);
    if rayon::current_thread_index().is_some() {
        // On a thread of the pool, waiting for a thread that waits for the pool could wait for
        // ever: the batches are checked in turn, here.
        while let Some(batch) = next_batch(&mut steps) {
            hand_over(check_batch(template, batch, root, stop))?;
        }
        return Ok(totals);
    }
    let handed = std::thread::scope(|scope| {
        // No room in the channel: the thread checks one batch while this one hands over another.
        let (checked, receive) = std::sync::mpsc::sync_channel(0);
        let walker = scope.spawn(move || {
            while let Some(batch) = next_batch(&mut steps) {
                if checked
                    .send(check_batch(template, batch, root, stop))
                    .is_err()
                {
                    break; // `emit` failed
                }
            }
        });
        let handed = receive.into_iter().try_for_each(&mut hand_over);
        // After an error, the folders of the batch being checked that have not started never do.
        stop.store(handed.is_err(), Ordering::Relaxed);
        if let Err(panic) = walker.join() {
            std::panic::resume_unwind(panic);
        }
        handed
    });
    handed.map(|()| totals)
}

/// The next steps of the walk, until they hold [`BATCH_FILES`] files or [`BATCH_BYTES`] bytes
/// (one folder may hold many more); `None` at its end.
fn next_batch(steps: &mut impl Iterator<Item = walk::Step>) -> Option<Vec<walk::Step>> {
    next_batch_by(steps, |file| std::fs::metadata(file).map_or(0, |m| m.len()))
}

/// [`next_batch`], with the size of each file as `size` says.
fn next_batch_by(
    steps: &mut impl Iterator<Item = walk::Step>,
    size: impl Fn(&Path) -> u64,
) -> Option<Vec<walk::Step>> {
    let mut batch = Vec::new();
    let (mut files, mut bytes) = (0, 0);
    while files < BATCH_FILES
        && bytes < BATCH_BYTES
        && let Some(step) = steps.next()
    {
        if let Ok(folder) = &step {
            bytes += folder.files.iter().map(|file| size(file)).sum::<u64>();
        }
        files += step.as_ref().map_or(1, |folder| folder.files.len().max(1));
        batch.push(step);
    }
    (!batch.is_empty()).then_some(batch)
}

/// The folders of a batch, each checked in a database of its own, in parallel; none once `stop`
/// is set.
fn check_batch(
    template: &Workspace,
    batch: Vec<walk::Step>,
    root: &Path,
    stop: &AtomicBool,
) -> Vec<Checked> {
    batch
        .into_par_iter()
        .filter(|_| !stop.load(Ordering::Relaxed))
        .map(|step| {
            let mut sources = template.empty_like();
            // Each folder is forgotten once its findings are out.
            sources.transient = true;
            Checked::new(sources, step, root)
        })
        .collect()
}

/// One step of the walk, checked: a folder, or a path that cannot be walked.
struct Checked {
    path: PathBuf,
    files: Vec<PathBuf>,
    diagnostics: Vec<Diagnostic>,
    unreadable: usize,
    sources: Workspace,
    /// The jurisdiction code of each profile, for the rule across the whole tree.
    codes: Codes,
}

impl Checked {
    fn new(mut sources: Workspace, step: walk::Step, root: &Path) -> Self {
        let (path, files, diagnostics, unreadable, codes) = match step {
            Ok(folder) => {
                let mut files: Vec<PathBuf> = folder
                    .files
                    .into_iter()
                    .map(|file| shown(root, file))
                    .collect();
                if !folder.refused.is_empty() {
                    // Among the folder's files, reported and never read.
                    for error in folder.refused {
                        let file = shown(root, error.path().to_path_buf());
                        sources.refuse(&error.named(&file));
                        files.push(file);
                    }
                    files.sort();
                }
                if folder.named {
                    // Named files come in command-line order; output and the rules across files
                    // want file order. A walk gives them in that order.
                    files.sort();
                }
                check_folder(&mut sources, shown(root, folder.path), files, folder.named)
            }
            Err(error) => {
                let path = shown(root, error.path().to_path_buf());
                let diagnostic = error.named(&path).diagnostic();
                (path, Vec::new(), vec![diagnostic], 1, Vec::new())
            }
        };
        Self {
            path,
            files,
            diagnostics,
            unreadable,
            sources,
            codes,
        }
    }
}

/// One folder's findings: the folder, its files, the findings, how many files were unreadable,
/// and the code of each profile (when `duplicate-jurisdiction` runs).
fn check_folder(
    workspace: &mut Workspace,
    folder: PathBuf,
    files: Vec<PathBuf>,
    named: bool,
) -> (PathBuf, Vec<PathBuf>, Vec<Diagnostic>, usize, Codes) {
    workspace.load(&files);
    let codes = if workspace.rules().runs(RULE.id) {
        workspace.codes(&files)
    } else {
        Vec::new()
    };
    let siblings = if named {
        workspace.list_folder(&folder).map(|listed| {
            let mut siblings: Vec<PathBuf> = listed
                .into_iter()
                .filter(|file| files.binary_search(file).is_err())
                .collect();
            siblings.sort();
            siblings
        })
    } else {
        Some(Vec::new())
    };
    if let Some(siblings) = &siblings {
        workspace.load(siblings);
    }
    let across = workspace.folder_rules(&folder, &files, siblings.as_deref());
    let (diagnostics, unreadable) = workspace.findings(&files, across);
    (folder, files, diagnostics, unreadable, codes)
}

/// `path` as findings name it: relative to `root` when under it.
fn shown(root: &Path, path: PathBuf) -> PathBuf {
    if root.as_os_str().is_empty() {
        return path;
    }
    match path.strip_prefix(root) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => path,
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::{BATCH_BYTES, BATCH_FILES, Budget, next_batch_by, walk};

    /// Folders of one file each, `file_mib` MiB as the batching sees them.
    fn batches(folders: usize, files_each: usize, file_mib: u64) -> Vec<usize> {
        let mut steps = (0..folders).map(|i| {
            Ok(walk::Folder {
                path: PathBuf::from(format!("f{i}")),
                files: (0..files_each)
                    .map(|j| PathBuf::from(format!("f{i}/{j}.json")))
                    .collect(),
                named: false,
            })
        });
        let size = |_: &Path| file_mib << 20;
        std::iter::from_fn(|| next_batch_by(&mut steps, size).map(|batch| batch.len())).collect()
    }

    #[test]
    fn a_batch_is_bounded_by_bytes_as_well_as_by_files() {
        // Eight files of 16 MiB in folders of their own: four to a batch, not all eight.
        assert_eq!(BATCH_BYTES, 64 << 20);
        assert_eq!(batches(8, 1, 16), [4, 4]);
        // Small files: the count of files bounds the batch.
        assert_eq!(
            batches(600, 1, 0),
            [BATCH_FILES, BATCH_FILES, 600 - 2 * BATCH_FILES]
        );
        // One folder of eight big files is one batch: its rules need them all.
        assert_eq!(batches(2, 8, 16), [1, 1]);
    }

    #[test]
    fn a_share_of_the_budget_waits_for_room() {
        let budget = Budget::new(16);
        let first = budget.take(10);
        let given_back = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                let _share = budget.take(10);
                given_back.load(Ordering::SeqCst)
            });
            given_back.store(true, Ordering::SeqCst);
            drop(first);
            assert!(
                second.join().unwrap(),
                "the second share came before the first was given back"
            );
        });
        // A share larger than the budget is all of it, given when nothing else is held.
        let all = budget.take(100);
        assert_eq!(all.bytes, 16);
    }
}
