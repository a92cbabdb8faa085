//! Writing files so that a reader never sees half a file: write a temp file in the same folder,
//! fsync it, then rename it over the target. On any error the temp file is removed and the target
//! is as it was. Only a regular file is ever written over: a folder, FIFO, socket or device
//! (`/dev/null`, even as root) is refused, and so is a read-only file. A symbolic link stays a
//! link: its target is replaced.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Replaces `path` with `contents`, keeping its permissions if it exists. A symbolic link's
/// target is replaced, and the link left as it is.
pub(crate) fn replace(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_checked(path, contents, None)
}

/// [`replace`], only while `path` still holds `before`, the bytes `contents` was made from:
/// compared just before the rename, so that a change made meanwhile is not lost.
pub(crate) fn replace_if_unchanged(path: &Path, before: &[u8], contents: &[u8]) -> io::Result<()> {
    replace_checked(path, contents, Some(before))
}

fn replace_checked(path: &Path, contents: &[u8], before: Option<&[u8]>) -> io::Result<()> {
    let (path, existing) = target(path)?;
    let path = path.as_path();
    let permissions = existing.map(|metadata| metadata.permissions());
    with_temp_file(path, contents, |temp| {
        if let Some(permissions) = permissions {
            fs::set_permissions(temp, permissions)?;
        }
        if let Some(before) = before
            && !holds(path, before)?
        {
            return Err(io::Error::other(
                "the file changed since it was read; not written over",
            ));
        }
        fs::rename(temp, path)
    })
}

/// Whether the file at `path` holds exactly `bytes` (reading at most one byte more).
fn holds(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    use std::io::Read as _;
    let mut current = Vec::with_capacity(bytes.len() + 1);
    File::open(path)?
        .take(bytes.len() as u64 + 1)
        .read_to_end(&mut current)?;
    Ok(current == bytes)
}

/// Creates `path` with `contents`; fails with `AlreadyExists`, touching nothing, if it exists.
pub(crate) fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    with_temp_file(path, contents, |temp| {
        // A hard link never replaces an existing file, unlike a rename.
        fs::hard_link(temp, path)?;
        fs::remove_file(temp)
    })
}

/// What a write to `path` replaces: the path itself, or a link's target, with its metadata
/// when it exists. Refuses anything but a regular file that may be written.
fn target(path: &Path) -> io::Result<(PathBuf, Option<fs::Metadata>)> {
    let path = match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => fs::canonicalize(path)?,
        Ok(_) => path.to_path_buf(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Ok((path.to_path_buf(), None));
        }
        Err(error) => return Err(error),
    };
    let metadata = fs::metadata(&path)?;
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, FIFO, socket or device); not written over",
        ));
    }
    if metadata.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only; not written over",
        ));
    }
    Ok((path, Some(metadata)))
}

/// Whether `a` and `b` name the same existing file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
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

/// A new hidden file beside `path`, named `.tipkit-tmp.<pid>.<n>`: short whatever the length of
/// the target's name.
fn create_temp_beside(path: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    if path.file_name().is_none() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file path",
        ));
    }
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = path.with_file_name(format!(".tipkit-tmp.{}.{n}", std::process::id()));
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
    fn only_regular_files_are_written_over() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("refuse");
        fs::create_dir(dir.join("sub.json")).unwrap();
        let error = replace(&dir.join("sub.json"), b"x").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(dir.join("sub.json").is_dir());
        let error = replace(Path::new("/dev/null"), b"x").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        let file = dir.join("ro.json");
        fs::write(&file, "old").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
        let error = replace(&file, b"new").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(fs::read_to_string(&file).unwrap(), "old");
        assert_eq!(entries(&dir), ["ro.json", "sub.json"]);
    }

    #[test]
    fn a_link_stays_a_link_and_its_target_is_replaced() {
        let dir = scratch("link");
        fs::create_dir(dir.join("real")).unwrap();
        fs::write(dir.join("real/ct.json"), "old").unwrap();
        std::os::unix::fs::symlink("real/ct.json", dir.join("ct.json")).unwrap();
        replace(&dir.join("ct.json"), b"new").unwrap();
        assert!(
            fs::symlink_metadata(dir.join("ct.json"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(dir.join("real/ct.json")).unwrap(), "new");
        assert_eq!(entries(&dir.join("real")), ["ct.json"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written_over() {
        let dir = scratch("changed");
        let file = dir.join("ct.json");
        fs::write(&file, "edited meanwhile").unwrap();
        let error = replace_if_unchanged(&file, b"as read", b"fixed").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::Other);
        assert_eq!(fs::read_to_string(&file).unwrap(), "edited meanwhile");
        assert_eq!(entries(&dir), ["ct.json"]);
        fs::write(&file, "as read").unwrap();
        replace_if_unchanged(&file, b"as read", b"fixed").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "fixed");
    }

    #[test]
    fn a_long_name_gets_a_short_temp_name() {
        let dir = scratch("long");
        let file = dir.join(format!("{}.json", "a".repeat(245)));
        replace(&file, b"x").unwrap();
        replace(&file, b"y").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "y");
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
