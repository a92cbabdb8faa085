//! Finding the profiles to work on: files as given, folders walked recursively for `*.json`,
//! minus excluded paths. Folders come one at a time with their files, so that a check keeps one
//! folder in memory, not the whole tree. A path that cannot be walked is an error; the others are
//! still found.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One folder's files, sorted by name: the unit the rules across profiles apply to.
#[derive(Debug)]
pub(crate) struct Folder {
    pub(crate) path: PathBuf,
    pub(crate) files: Vec<PathBuf>,
    /// The files were named, not found by walking the whole folder.
    pub(crate) named: bool,
}

/// What a walk meets: a folder with its files, or a path it cannot walk.
pub(crate) type Step = Result<Folder, String>;

/// The folders under `paths` in depth-first name order, each with its `*.json` files; files given
/// by name come first, grouped by their folder.
pub(crate) fn folders(paths: &[PathBuf], exclude: &[String]) -> impl Iterator<Item = Step> {
    let mut given: Vec<Folder> = Vec::new();
    let mut roots = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => roots.push(path.clone()),
            Ok(_) if is_excluded(path, exclude) => {}
            Ok(_) => {
                let parent = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
                match given.iter_mut().find(|f| f.path == parent) {
                    Some(folder) => folder.files.push(path.clone()),
                    None => given.push(Folder {
                        path: parent,
                        files: vec![path.clone()],
                        named: true,
                    }),
                }
            }
            Err(error) => errors.push(format!("{}: {}", path.display(), describe(&error))),
        }
    }
    let walks = roots
        .into_iter()
        .flat_map(|root| Walk::new(root, exclude.to_vec()));
    errors
        .into_iter()
        .map(Err)
        .chain(given.into_iter().map(Ok))
        .chain(walks)
}

/// All files under `paths`, for commands that do not need them folder by folder.
pub(crate) fn files(paths: &[PathBuf], exclude: &[String]) -> (Vec<PathBuf>, Vec<String>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for step in folders(paths, exclude) {
        match step {
            Ok(folder) => files.extend(folder.files),
            Err(error) => errors.push(error),
        }
    }
    (files, errors)
}

/// A depth-first walk of one root.
struct Walk {
    stack: Vec<PathBuf>,
    visited: HashSet<PathBuf>,
    exclude: Vec<String>,
}

impl Walk {
    fn new(root: PathBuf, exclude: Vec<String>) -> Self {
        Self {
            stack: vec![root],
            visited: HashSet::new(),
            exclude,
        }
    }
}

impl Iterator for Walk {
    type Item = Step;

    fn next(&mut self) -> Option<Step> {
        let dir = self.stack.pop()?;
        match std::fs::canonicalize(&dir) {
            Ok(real) if !self.visited.insert(real.clone()) => {
                return Some(Err(format!(
                    "{}: a directory loop through symbolic links (back to {}); not walked again",
                    dir.display(),
                    real.display()
                )));
            }
            Ok(_) => {}
            Err(error) => return Some(Err(format!("{}: {}", dir.display(), describe(&error)))),
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) => return Some(Err(format!("{}: {}", dir.display(), describe(&error)))),
        };
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
        entries.sort();
        let mut files = Vec::new();
        let mut subdirs = Vec::new();
        for (path, is_dir) in entries {
            if is_excluded(&path, &self.exclude) {
                continue;
            }
            if is_dir {
                subdirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
        // Depth first, in name order.
        self.stack.extend(subdirs.into_iter().rev());
        Some(Ok(Folder {
            path: dir,
            files,
            named: false,
        }))
    }
}

fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// Whether a glob of `exclude` matches `path`, as tipkit shows it.
pub(crate) fn is_excluded(path: &Path, exclude: &[String]) -> bool {
    let shown = path.to_string_lossy();
    let shown = shown.strip_prefix("./").unwrap_or(&shown);
    exclude.iter().any(|pattern| glob_matches(pattern, shown))
}

/// `*` and `?` within a path segment, `**` across segments.
fn glob_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let path: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments_match(&pattern, &path)
}

fn segments_match(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| segments_match(rest, &path[skip..])),
        Some((first, rest)) => path.split_first().is_some_and(|(segment, path_rest)| {
            segment_matches(first.as_bytes(), segment.as_bytes()) && segments_match(rest, path_rest)
        }),
    }
}

fn segment_matches(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|skip| segment_matches(rest, &text[skip..])),
        Some((b'?', rest)) => !text.is_empty() && segment_matches(rest, &text[1..]),
        Some((c, rest)) => text.first() == Some(c) && segment_matches(rest, &text[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::glob_matches;

    #[test]
    fn globs() {
        assert!(glob_matches("profiles/old/**", "profiles/old/2016/ct.json"));
        assert!(glob_matches("**/draft-*.json", "profiles/a/draft-ct.json"));
        assert!(glob_matches("profiles/?t.json", "profiles/ct.json"));
        assert!(!glob_matches("profiles/*.json", "profiles/old/ct.json"));
        assert!(!glob_matches("old/**", "profiles/old/ct.json"));
    }
}
