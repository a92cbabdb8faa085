//! The one driver: walk, read, check in parallel, run the rules across profiles, folder by
//! folder.

use std::path::{Path, PathBuf};

use super::walk;
use super::{Options, Workspace};
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
/// `config` excludes) with the rules `config` enables, one folder at a time: its files read once
/// and checked in parallel, then its profiles against each other. Each folder's findings go to
/// `emit`, in output order, with the files' text for code frames; then the database forgets
/// them, so memory holds one folder. Files named on their own are compared with their siblings
/// on disk (read once each), and findings speak only about them. A path that cannot be read is a
/// `read-error` finding. `emit`'s first error stops the check.
pub fn check_paths<E>(
    paths: &[PathBuf],
    config: &Config,
    options: &Options,
    emit: impl FnMut(&FolderReport<'_>) -> Result<(), E>,
) -> Result<Totals, E> {
    check_paths_in(&mut Workspace::new(config, options), paths, emit)
}

/// [`check_paths`] with the configuration and options of `workspace`, which it clears.
pub(crate) fn check_paths_in<E>(
    workspace: &mut Workspace,
    paths: &[PathBuf],
    mut emit: impl FnMut(&FolderReport<'_>) -> Result<(), E>,
) -> Result<Totals, E> {
    workspace.clear();
    workspace.transient = true;
    let root = workspace.options().root.clone();
    let config = workspace.config().clone();
    let mut totals = Totals::default();
    let on_disk: Vec<PathBuf> = paths.iter().map(|path| root.join(path)).collect();
    for step in walk::folders(&on_disk, &config) {
        let report = match step {
            Ok(mut folder) => {
                let files: Vec<PathBuf> = folder
                    .files
                    .drain(..)
                    .map(|file| shown(&root, file))
                    .collect();
                check_folder(workspace, &shown(&root, folder.path), files, folder.named)
            }
            Err(error) => {
                let path = shown(&root, error.path().to_path_buf());
                let diagnostics = vec![error.named(&path).diagnostic()];
                (path, Vec::new(), diagnostics, 1)
            }
        };
        let (folder, files, diagnostics, unreadable) = report;
        totals
            .summary
            .add(&Summary::count(files.len(), &diagnostics));
        totals.unreadable += unreadable;
        emit(&FolderReport {
            folder: if folder.as_os_str().is_empty() {
                Path::new(".")
            } else {
                &folder
            },
            files: &files,
            diagnostics,
            unreadable,
            sources: workspace,
        })?;
        workspace.clear();
    }
    Ok(totals)
}

/// One folder's findings: the folder, its files, the findings, how many files were unreadable.
fn check_folder(
    workspace: &mut Workspace,
    folder: &Path,
    mut files: Vec<PathBuf>,
    named: bool,
) -> (PathBuf, Vec<PathBuf>, Vec<Diagnostic>, usize) {
    if named {
        // Named files come in command-line order; output and the rules across files want file
        // order. A walk gives them in that order.
        files.sort();
    }
    workspace.load(&files);
    let siblings = if named {
        workspace.list_folder(folder).map(|listed| {
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
    let across = workspace.folder_rules(folder, &files, siblings.as_deref());
    let (diagnostics, unreadable) = workspace.findings(&files, across);
    (folder.to_path_buf(), files, diagnostics, unreadable)
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
