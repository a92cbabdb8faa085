//! Finding the profiles to work on: files as given, folders walked recursively for `*.json`,
//! minus excluded paths. A path that cannot be walked is an error; the others are still found.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The files found, in a stable order, and the paths that could not be walked.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) errors: Vec<String>,
}

/// Finds the files under `paths`, skipping those `exclude` matches.
pub(crate) fn find(paths: &[PathBuf], exclude: &[String]) -> Found {
    let mut found = Found::default();
    for path in paths {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                found
                    .errors
                    .push(format!("{}: {}", path.display(), describe(&error)));
                continue;
            }
        };
        if metadata.is_dir() {
            walk(path, exclude, &mut found);
        } else if !is_excluded(path, exclude) {
            found.files.push(path.clone());
        }
    }
    found
}

fn walk(root: &Path, exclude: &[String], found: &mut Found) {
    let mut visited = HashSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        match std::fs::canonicalize(&dir) {
            Ok(real) if !visited.insert(real.clone()) => {
                found.errors.push(format!(
                    "{}: a directory loop through symbolic links (back to {}); not walked again",
                    dir.display(),
                    real.display()
                ));
                continue;
            }
            Ok(_) => {}
            Err(error) => {
                found
                    .errors
                    .push(format!("{}: {}", dir.display(), describe(&error)));
                continue;
            }
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) => {
                found
                    .errors
                    .push(format!("{}: {}", dir.display(), describe(&error)));
                continue;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let mut subdirs = Vec::new();
        for path in paths {
            if is_excluded(&path, exclude) {
                continue;
            }
            if path.is_dir() {
                subdirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                found.files.push(path);
            }
        }
        // Depth first, in name order.
        stack.extend(subdirs.into_iter().rev());
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
