//! Writing files so that a reader never sees half a file: write a temp file in the same folder,
//! fsync it, then rename it over the target. On any error the temp file is removed and the target
//! is as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Replaces `path` with `contents`, keeping its permissions if it exists.
pub(crate) fn replace(path: &Path, contents: &[u8]) -> io::Result<()> {
    let permissions = match fs::metadata(path) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    with_temp_file(path, contents, |temp| {
        if let Some(permissions) = permissions {
            fs::set_permissions(temp, permissions)?;
        }
        fs::rename(temp, path)
    })
}

/// Creates `path` with `contents`; fails with `AlreadyExists`, touching nothing, if it exists.
pub(crate) fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    with_temp_file(path, contents, |temp| {
        // A hard link never replaces an existing file, unlike a rename.
        fs::hard_link(temp, path)?;
        fs::remove_file(temp)
    })
}

fn with_temp_file(
    path: &Path,
    contents: &[u8],
    commit: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let (temp, mut file) = create_temp_beside(path)?;
    let result = file
        .write_all(contents)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            commit(&temp)
        })
        .and_then(|()| sync_parent(path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn create_temp_beside(path: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?
        .to_string_lossy();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = path.with_file_name(format!(".{name}.{}.{n}.tipkit-tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error),
        }
    }
}

fn sync_parent(path: &Path) -> io::Result<()> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    File::open(parent)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tipkit-atomic-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replace_keeps_permissions_and_leaves_no_temp_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("replace");
        let file = dir.join("ct.json");
        fs::write(&file, "old").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&file, b"new").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(
            fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(entries(&dir), ["ct.json"]);
    }

    #[test]
    fn create_new_refuses_to_overwrite() {
        let dir = scratch("create");
        let file = dir.join("ct.json");
        fs::write(&file, "mine").unwrap();
        let error = create_new(&file, b"theirs").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
        assert_eq!(entries(&dir), ["ct.json"]);
    }

    #[test]
    fn a_failed_commit_leaves_the_original_intact() {
        let dir = scratch("fail");
        let file = dir.join("ct.json");
        fs::write(&file, "original").unwrap();
        let result = with_temp_file(&file, b"half", |_| Err(io::Error::other("injected")));
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&file).unwrap(), "original");
        assert_eq!(entries(&dir), ["ct.json"]);
    }
}
