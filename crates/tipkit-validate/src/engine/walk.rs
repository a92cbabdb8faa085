//! Finding the profiles to work on: files as given, folders walked recursively for `*.json`,
//! minus excluded paths. Folders come one at a time with their files, so that a check keeps a
//! few folders in memory, not the whole tree. A path that cannot be walked is a [`ReadError`]; the
//! others are still found. Each file and each folder is visited once, however often it is named
//! or linked to; only a link back into its own ancestors is an error.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::{Config, ReadError};

/// One folder's files, sorted by name: the unit the rules across profiles apply to.
#[derive(Debug)]
pub struct Folder {
    /// The folder.
    pub path: PathBuf,
    /// Its files to check: named files in the order named, walked ones sorted.
    pub files: Vec<PathBuf>,
    /// The files were named, not found by walking the whole folder.
    pub named: bool,
}

/// What a walk meets: a folder with its files, or a path it cannot walk.
pub type Step = Result<Folder, ReadError>;

/// The folders under `paths` in depth-first name order, each with its `*.json` files; files given
/// by name come first, grouped by their folder.
pub fn folders(paths: &[PathBuf], config: &Config) -> impl Iterator<Item = Step> {
    let mut given: Vec<Folder> = Vec::new();
    // Where each named file's folder stands in `given`: one look-up per file, however many.
    let mut given_at: HashMap<PathBuf, usize> = HashMap::new();
    let mut given_real = HashSet::new();
    let mut roots = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => roots.push(path.clone()),
            Ok(_) if config.is_excluded(path) => {}
            Ok(_) => {
                // The same file named twice, or by two names, is checked once.
                let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                if !given_real.insert(real) {
                    continue;
                }
                let parent = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
                let at = *given_at.entry(parent.clone()).or_insert_with(|| {
                    given.push(Folder {
                        path: parent,
                        files: Vec::new(),
                        named: true,
                    });
                    given.len() - 1
                });
                given[at].files.push(path.clone());
            }
            Err(error) => errors.push(ReadError::io(path, error)),
        }
    }
    let walk = Walk {
        stack: roots.into_iter().rev().map(|root| (root, None)).collect(),
        visited: HashSet::new(),
        given: given_real,
        config: config.clone(),
    };
    errors
        .into_iter()
        .map(Err)
        .chain(given.into_iter().map(Ok))
        .chain(walk)
}

/// All files under `paths`, for commands that do not need them folder by folder.
pub fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadError>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for step in folders(paths, &Config::default()) {
        match step {
            Ok(folder) => files.extend(folder.files),
            Err(error) => errors.push(error),
        }
    }
    (files, errors)
}

/// A depth-first walk of the roots, in order.
struct Walk {
    /// Folders to walk, each with the real path of the folder it was found in.
    stack: Vec<(PathBuf, Option<PathBuf>)>,
    /// The real paths of the folders walked so far.
    visited: HashSet<PathBuf>,
    /// The real paths of the files given by name, already checked.
    given: HashSet<PathBuf>,
    config: Config,
}

impl Iterator for Walk {
    type Item = Step;

    fn next(&mut self) -> Option<Step> {
        loop {
            let (dir, parent) = self.stack.pop()?;
            let real = match std::fs::canonicalize(&dir) {
                Ok(real) => real,
                Err(error) => return Some(Err(ReadError::io(&dir, error))),
            };
            if parent.as_ref().is_some_and(|p| p.starts_with(&real)) {
                // A link to a folder that holds it: walking it would never end.
                return Some(Err(ReadError::DirectoryLoop {
                    path: dir,
                    back_to: real,
                }));
            }
            if !self.visited.insert(real.clone()) {
                // Walked already, under another name: a link to a sibling, or a root named twice.
                continue;
            }
            return Some(self.list(dir, &real));
        }
    }
}

impl Walk {
    /// One folder's `*.json` files; its subfolders go on the stack.
    fn list(&mut self, dir: PathBuf, real: &Path) -> Step {
        let entries = std::fs::read_dir(&dir).map_err(|error| ReadError::io(&dir, error))?;
        // The entry's type comes with the directory listing; only symbolic links need a stat.
        let mut entries: Vec<(PathBuf, bool)> = entries
            .filter_map(Result::ok)
            .map(|entry| {
                let path = entry.path();
                let is_dir = match entry.file_type() {
                    Ok(kind) if kind.is_symlink() => path.is_dir(),
                    Ok(kind) => kind.is_dir(),
                    Err(_) => path.is_dir(),
                };
                (path, is_dir)
            })
            .collect();
        // By name: the order of the paths, as they share the folder, comparing one part of each.
        entries.sort_unstable_by(|(a, _), (b, _)| a.file_name().cmp(&b.file_name()));
        let mut files = Vec::new();
        let mut subdirs = Vec::new();
        for (path, is_dir) in entries {
            if is_dir {
                if !self.config.is_excluded_folder(&path) {
                    subdirs.push(path);
                }
                continue;
            }
            if self.config.is_excluded(&path) {
                continue;
            }
            if tipkit_model::is_profile_path(&path) {
                let named = !self.given.is_empty()
                    && std::fs::canonicalize(&path).is_ok_and(|p| self.given.contains(&p));
                if !named {
                    files.push(path);
                }
            }
        }
        // Depth first, in name order.
        self.stack.extend(
            subdirs
                .into_iter()
                .rev()
                .map(|subdir| (subdir, Some(real.to_path_buf()))),
        );
        Ok(Folder {
            path: dir,
            files,
            named: false,
        })
    }
}
