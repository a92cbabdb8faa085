//! Writing files so that a reader never sees half a file: write a temp file in the same folder,
//! fsync it, then rename it over the target. On any error the temp file is removed and the target
//! is as it was.
//!
//! Writes stay inside: [`admit`] is the one decision on where a write may go, for every command
//! that writes. The target is resolved once, through every symbolic link on the way, and the
//! write goes to that real path; it must lie inside the [`Scope`] the command writes in (the
//! output folder, or the checked tree for `fmt` and `--fix`), so that a link a repository
//! commits (`tables/laws.csv -> ~/.bashrc`) cannot have a file written elsewhere on the machine.
//! On the way to it, however the path is written (absolute, with `..`), every link must lead
//! inside the folder that holds it ([`walk::root_of`], the rule reads follow too): a committed
//! `out` to the folder beside the repository is refused in `$PWD/out/.config` as in `out/.config`.
//! Only a regular file with one name is ever written over: a folder, FIFO, socket or device
//! (`/dev/null`, even as root), a read-only file, and a file with other names (hard links, which
//! a rename would split) are refused. A symbolic link inside the scope stays a link: its target
//! is replaced. The file written keeps the owner, group and mode of the one it replaces, or is
//! not written.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt as _;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use tipkit_validate::walk::{self, Roots};

/// Where a command may write: real folders, resolved once when the command starts.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    roots: Roots,
    /// The output folder, for [`Scope::create_folder`].
    folder: Option<PathBuf>,
}

impl Scope {
    /// The folder `dir` a command writes its files in (`export -o`, `new --dir`,
    /// `import-statistics --dir`, the folder of `render -o`'s file). Its own name is not followed
    /// when it is a link, parts of it not made yet are taken as named, and every link on the way
    /// must lead inside the folder that holds it ([`walk::root_of`], the one rule for every path
    /// read or written), however the path is written: relative, absolute, or with `..`.
    pub(crate) fn output(dir: &Path) -> io::Result<Self> {
        let root = root_of(dir)?;
        Ok(Self {
            roots: Roots::new([root.clone()]),
            folder: Some(root),
        })
    }

    /// The folder of the file `path` (`render -o`, `import -o`).
    pub(crate) fn folder_of(path: &Path) -> io::Result<Self> {
        Self::output(parent(path))
    }

    /// The checked tree, as the walk that read the files resolved it ([`walk::root_of`] each
    /// path): `fmt` and `--fix` write only the files they were allowed to read.
    pub(crate) fn tree(paths: &[PathBuf]) -> Self {
        Self {
            roots: Roots::new(paths.iter().filter_map(|path| walk::root_of(path).ok())),
            folder: None,
        }
    }

    /// Makes the output folder's parts that do not exist yet, one by one along its real path,
    /// so that none is made through a link: a part that is (or turns, meanwhile, into) a link
    /// is refused.
    pub(crate) fn create_folder(&self) -> io::Result<()> {
        let Some(folder) = &self.folder else {
            return Ok(());
        };
        if fs::symlink_metadata(folder).is_ok() {
            return Ok(());
        }
        let parts: Vec<&Path> = folder.ancestors().collect();
        for part in parts.into_iter().rev() {
            match fs::symlink_metadata(part) {
                Ok(metadata) if metadata.is_dir() => continue,
                Ok(metadata) if metadata.file_type().is_symlink() => return Err(outside()),
                Ok(_) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "a part of the folder is a file",
                    ));
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
            match fs::create_dir(part) {
                Ok(()) => {}
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(error),
            }
            if !fs::symlink_metadata(part)?.is_dir() {
                return Err(outside());
            }
        }
        Ok(())
    }
}

/// [`walk::root_of`], a link out on the way refused as every write refuses a link out.
fn root_of(path: &Path) -> io::Result<PathBuf> {
    walk::root_of(path).map_err(|error| {
        if matches!(error.get_ref(), Some(inner) if inner.is::<walk::LinkOut>()) {
            outside()
        } else {
            error
        }
    })
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

fn outside() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "a symbolic link that leads outside the folder written; not written through",
    )
}

/// Where a write to a path goes, as [`admit`] decided: the real path, and what it replaces.
#[derive(Debug)]
pub(crate) struct Target {
    path: PathBuf,
    existing: Option<fs::Metadata>,
}

/// Where a write to `path` goes: its real path, resolved once through every symbolic link,
/// which must lie inside `scope`.
pub(crate) fn resolve(path: &Path, scope: &Scope) -> io::Result<PathBuf> {
    let (Some(Component::Normal(_)), Some(_)) = (path.components().next_back(), path.file_name())
    else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file path",
        ));
    };
    let named = root_of(path)?;
    let real = match fs::symlink_metadata(&named) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            fs::canonicalize(&named).map_err(|error| match error.kind() {
                io::ErrorKind::NotFound => io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "a symbolic link to nothing; not written through",
                ),
                _ => error,
            })?
        }
        _ => named,
    };
    if !scope.roots.hold(&real) {
        return Err(outside());
    }
    Ok(real)
}

/// The one decision on writing `path`: resolved once through every symbolic link, it must lie
/// inside `scope` and be absent or a regular, writable file with no other name. Gives the real
/// path the write then goes to, so that nothing is resolved twice.
pub(crate) fn admit(path: &Path, scope: &Scope) -> io::Result<Target> {
    let real = resolve(path, scope)?;
    let existing = match fs::metadata(&real) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Ok(Target {
                path: real,
                existing: None,
            });
        }
        Err(error) => return Err(error),
    };
    if !existing.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, FIFO, socket or device); not written over",
        ));
    }
    if existing.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only; not written over",
        ));
    }
    if existing.nlink() > 1 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the file has {} names (hard links); not written over, so that no name keeps the old text",
                existing.nlink()
            ),
        ));
    }
    Ok(Target {
        path: real,
        existing: Some(existing),
    })
}

/// Replaces `path` with `contents` inside `scope` ([`admit`]), keeping its owner, group and
/// mode if it exists. A symbolic link's target is replaced, and the link left as it is.
pub(crate) fn replace(path: &Path, contents: &[u8], scope: &Scope) -> io::Result<()> {
    replace_checked(path, contents, None, scope)
}

/// [`replace`], only while `path` still holds `before`, the bytes `contents` was made from:
/// compared just before the rename, so that a change made meanwhile is not lost.
pub(crate) fn replace_if_unchanged(
    path: &Path,
    before: &[u8],
    contents: &[u8],
    scope: &Scope,
) -> io::Result<()> {
    replace_checked(path, contents, Some(before), scope)
}

fn replace_checked(
    path: &Path,
    contents: &[u8],
    before: Option<&[u8]>,
    scope: &Scope,
) -> io::Result<()> {
    let target = admit(path, scope)?;
    let path = target.path.as_path();
    with_temp_file(path, contents, target.existing.as_ref(), |temp| {
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

/// Replaces every file of `files` inside `scope`, all or none where it can be helped: every
/// target is admitted, then every temp file written, before the first rename. Fails with the
/// path that could not be written.
pub(crate) fn replace_all(
    files: &[(PathBuf, Vec<u8>)],
    scope: &Scope,
) -> Result<(), (PathBuf, io::Error)> {
    let mut targets: Vec<Target> = Vec::with_capacity(files.len());
    for (path, _) in files {
        let target = admit(path, scope).map_err(|error| (path.clone(), error))?;
        if targets.iter().any(|other| other.path == target.path) {
            let error = io::Error::new(
                io::ErrorKind::InvalidInput,
                "a symbolic link to another file written in this run; not written over",
            );
            return Err((path.clone(), error));
        }
        targets.push(target);
    }
    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    let remove = |temps: &[PathBuf]| {
        for temp in temps {
            let _ = fs::remove_file(temp);
        }
    };
    for ((path, contents), target) in files.iter().zip(&targets) {
        match write_temp(&target.path, contents, target.existing.as_ref()) {
            Ok(temp) => temps.push(temp),
            Err(error) => {
                remove(&temps);
                return Err((path.clone(), error));
            }
        }
    }
    for (at, ((path, _), target)) in files.iter().zip(&targets).enumerate() {
        if let Err(error) = fs::rename(&temps[at], &target.path) {
            remove(&temps[at..]);
            return Err((path.clone(), error));
        }
    }
    for target in &targets {
        sync_parent(&target.path).map_err(|error| (target.path.clone(), error))?;
    }
    Ok(())
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

/// Creates `path` inside `scope` ([`admit`]) with `contents`; fails with `AlreadyExists`,
/// touching nothing, if it exists.
pub(crate) fn create_new(path: &Path, contents: &[u8], scope: &Scope) -> io::Result<()> {
    let target = resolve(path, scope)?;
    if fs::symlink_metadata(&target).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    with_temp_file(&target, contents, None, |temp| {
        // A hard link never replaces an existing file, unlike a rename.
        fs::hard_link(temp, &target)?;
        fs::remove_file(temp)
    })
}

/// Whether `a` and `b` name the same existing file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

fn with_temp_file(
    path: &Path,
    contents: &[u8],
    existing: Option<&fs::Metadata>,
    commit: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let temp = write_temp(path, contents, existing)?;
    let result = commit(&temp).and_then(|()| sync_parent(path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A temp file beside `path` holding `contents`, synced, with the owner, group and mode of
/// `existing` when there is one.
fn write_temp(
    path: &Path,
    contents: &[u8],
    existing: Option<&fs::Metadata>,
) -> io::Result<PathBuf> {
    let (temp, mut file) = create_temp_beside(path)?;
    let result = file
        .write_all(contents)
        .and_then(|()| match existing {
            Some(existing) => keep_owner_and_mode(&file, existing),
            None => Ok(()),
        })
        .and_then(|()| file.sync_all());
    drop(file);
    match result {
        Ok(()) => Ok(temp),
        Err(error) => {
            let _ = fs::remove_file(&temp);
            Err(error)
        }
    }
}

/// Gives `file` the owner, group and mode of `existing`; fails when the owner or group cannot
/// be kept (only root may give a file to another user).
fn keep_owner_and_mode(file: &File, existing: &fs::Metadata) -> io::Result<()> {
    let made = file.metadata()?;
    if (made.uid(), made.gid()) != (existing.uid(), existing.gid()) {
        std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid())).map_err(
            |error| {
                io::Error::new(
                    error.kind(),
                    format!(
                        "cannot keep the file's owner and group ({}:{}): {error}; not written over",
                        existing.uid(),
                        existing.gid()
                    ),
                )
            },
        )?;
    }
    // After the owner: a change of owner clears the set-user-ID and set-group-ID bits.
    file.set_permissions(existing.permissions())
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

    fn within(dir: &Path) -> Scope {
        Scope::tree(&[dir.to_path_buf()])
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
        replace(&file, b"new", &within(&dir)).unwrap();
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
        let error = replace(&dir.join("sub.json"), b"x", &within(&dir)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(dir.join("sub.json").is_dir());
        let error = replace(Path::new("/dev/null"), b"x", &within(Path::new("/dev"))).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        let file = dir.join("ro.json");
        fs::write(&file, "old").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
        let error = replace(&file, b"new", &within(&dir)).unwrap_err();
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
        replace(&dir.join("ct.json"), b"new", &within(&dir)).unwrap();
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
        let error = replace_if_unchanged(&file, b"as read", b"fixed", &within(&dir)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::Other);
        assert_eq!(fs::read_to_string(&file).unwrap(), "edited meanwhile");
        assert_eq!(entries(&dir), ["ct.json"]);
        fs::write(&file, "as read").unwrap();
        replace_if_unchanged(&file, b"as read", b"fixed", &within(&dir)).unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "fixed");
    }

    #[test]
    fn a_long_name_gets_a_short_temp_name() {
        let dir = scratch("long");
        let file = dir.join(format!("{}.json", "a".repeat(245)));
        replace(&file, b"x", &within(&dir)).unwrap();
        replace(&file, b"y", &within(&dir)).unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "y");
    }

    #[test]
    fn create_new_refuses_to_overwrite() {
        let dir = scratch("create");
        let file = dir.join("ct.json");
        fs::write(&file, "mine").unwrap();
        let error = create_new(&file, b"theirs", &within(&dir)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
        assert_eq!(entries(&dir), ["ct.json"]);
    }

    #[test]
    fn a_failed_commit_leaves_the_original_intact() {
        let dir = scratch("fail");
        let file = dir.join("ct.json");
        fs::write(&file, "original").unwrap();
        let result = with_temp_file(&file, b"half", None, |_| Err(io::Error::other("injected")));
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&file).unwrap(), "original");
        assert_eq!(entries(&dir), ["ct.json"]);
    }

    #[test]
    fn a_link_out_of_the_scope_is_not_written_through() {
        let dir = scratch("out");
        fs::create_dir_all(dir.join("repo/profiles")).unwrap();
        fs::create_dir(dir.join("outside")).unwrap();
        fs::write(dir.join("outside/victim.json"), "victim").unwrap();
        let profiles = dir.join("repo/profiles");
        // Made of parts, so that the repository holds no path that climbs out of it.
        let up: PathBuf = ["..", ".."].iter().collect();
        std::os::unix::fs::symlink(
            up.join("outside").join("victim.json"),
            profiles.join("ct.json"),
        )
        .unwrap();
        std::os::unix::fs::symlink(up.join("outside"), profiles.join("more")).unwrap();
        let scope = within(&profiles);
        for path in [profiles.join("ct.json"), profiles.join("more/victim.json")] {
            let error = replace(&path, b"pwned", &scope).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::PermissionDenied, "{path:?}");
            assert!(
                error.to_string().contains("leads outside the folder"),
                "{error}"
            );
        }
        let error = create_new(&profiles.join("more/nh.json"), b"pwned", &scope).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        let error = replace_all(&[(profiles.join("ct.json"), b"pwned".to_vec())], &scope)
            .unwrap_err()
            .1;
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(
            fs::read_to_string(dir.join("outside/victim.json")).unwrap(),
            "victim"
        );
        assert_eq!(entries(&dir.join("outside")), ["victim.json"]);
        assert_eq!(entries(&profiles), ["ct.json", "more"]);
    }

    #[test]
    fn an_output_folder_that_is_a_link_out_is_not_written_in() {
        let dir = scratch("output");
        fs::create_dir(dir.join("outside")).unwrap();
        std::os::unix::fs::symlink("outside", dir.join("tables")).unwrap();
        let scope = Scope::output(&dir.join("tables")).unwrap();
        let error = replace(&dir.join("tables/laws.csv"), b"x", &scope).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert!(entries(&dir.join("outside")).is_empty());
        // A folder not made yet is taken as named.
        let scope = Scope::output(&dir.join("new/tables")).unwrap();
        fs::create_dir_all(dir.join("new/tables")).unwrap();
        replace(&dir.join("new/tables/laws.csv"), b"x", &scope).unwrap();
    }

    /// A repository with a link `out` to the folder `home` beside it, holding `.config`.
    fn repository_with_a_link_out(name: &str) -> (PathBuf, PathBuf) {
        let dir = scratch(name);
        let (repo, home) = (dir.join("repo"), dir.join("home"));
        fs::create_dir_all(repo.join("sub")).unwrap();
        fs::create_dir_all(home.join(".config")).unwrap();
        fs::create_dir_all(home.join("sub")).unwrap();
        let up: PathBuf = ["..", "home"].iter().collect();
        std::os::unix::fs::symlink(&up, repo.join("out")).unwrap();
        std::os::unix::fs::symlink(up.join("sub"), repo.join("docs")).unwrap();
        (repo, home)
    }

    #[test]
    fn a_link_out_in_the_middle_of_an_output_path_is_refused_however_the_path_is_written() {
        let (repo, home) = repository_with_a_link_out("middle");
        let up_and_back: PathBuf = ["sub", "..", "out", ".config"].iter().collect();
        let after_the_link: PathBuf = ["docs", ".."].iter().collect();
        for dir in [
            repo.join("out/.config"),
            repo.join(&up_and_back),
            repo.join("sub/../out/.config/profs"),
            repo.join(&after_the_link),
        ] {
            let error = Scope::output(&dir).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::PermissionDenied, "{dir:?}");
            assert!(
                error.to_string().contains("leads outside the folder"),
                "{error}"
            );
        }
        // The file path itself is held to the same rule, whatever scope it is given.
        let scope = Scope::output(&repo).unwrap();
        for path in [
            repo.join("out/.config/x.html"),
            repo.join(&after_the_link).join("ct.html"),
        ] {
            let error = replace(&path, b"pwned", &scope).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::PermissionDenied, "{path:?}");
        }
        assert!(entries(&home.join(".config")).is_empty());
        assert!(entries(&home.join("sub")).is_empty());
        assert_eq!(entries(&home), [".config", "sub"]);
        // A link that stays inside the folder holding it is followed.
        fs::create_dir(repo.join("real")).unwrap();
        std::os::unix::fs::symlink("real", repo.join("inside")).unwrap();
        let scope = Scope::output(&repo.join("sub/../inside/tables")).unwrap();
        scope.create_folder().unwrap();
        replace(&repo.join("inside/tables/laws.csv"), b"x", &scope).unwrap();
        assert_eq!(entries(&repo.join("real/tables")), ["laws.csv"]);
    }

    #[test]
    fn a_named_file_under_a_folder_link_out_is_out_of_the_tree() {
        let (repo, home) = repository_with_a_link_out("tree");
        fs::write(home.join("ct.json"), "victim").unwrap();
        let named = repo.join("out/ct.json");
        let scope = Scope::tree(std::slice::from_ref(&named));
        let error = replace(&named, b"pwned", &scope).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(fs::read_to_string(home.join("ct.json")).unwrap(), "victim");
        let (files, errors) = walk::files(std::slice::from_ref(&named));
        assert!(files.is_empty());
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn the_output_folder_is_made_only_after_it_is_admitted_and_one_part_at_a_time() {
        let (repo, home) = repository_with_a_link_out("create");
        assert!(Scope::output(&repo.join("out/a/b/c")).is_err());
        assert_eq!(entries(&home), [".config", "sub"]);
        let scope = Scope::output(&repo.join("tables/a/b")).unwrap();
        assert!(!repo.join("tables").exists());
        admit(&repo.join("tables/a/b/laws.csv"), &scope).unwrap();
        assert!(!repo.join("tables").exists());
        scope.create_folder().unwrap();
        assert!(repo.join("tables/a/b").is_dir());
        // A link made meanwhile where a folder was to be made is not made through.
        let scope = Scope::output(&repo.join("late/x")).unwrap();
        std::os::unix::fs::symlink(
            ["..", "home"].iter().collect::<PathBuf>(),
            repo.join("late"),
        )
        .unwrap();
        assert!(scope.create_folder().is_err());
        assert!(!home.join("x").exists());
    }

    #[test]
    fn a_file_with_other_names_is_refused() {
        let dir = scratch("hard-link");
        let file = dir.join("ct.json");
        fs::write(&file, "old").unwrap();
        fs::hard_link(&file, dir.join("ct-copy.json")).unwrap();
        let error = replace(&file, b"new", &within(&dir)).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(
            error.to_string().contains("2 names (hard links)"),
            "{error}"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "old");
        assert_eq!(fs::read_to_string(dir.join("ct-copy.json")).unwrap(), "old");
        assert_eq!(entries(&dir), ["ct-copy.json", "ct.json"]);
    }

    #[test]
    fn replace_keeps_owner_group_and_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("owner");
        let file = dir.join("ct.json");
        fs::write(&file, "old").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o664)).unwrap();
        // nobody:nogroup; only root may give a file away, so elsewhere only the mode is tested.
        let given = std::os::unix::fs::chown(&file, Some(65534), Some(65534)).is_ok();
        replace(&file, b"new", &within(&dir)).unwrap();
        let metadata = fs::metadata(&file).unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(metadata.permissions().mode() & 0o7777, 0o664);
        if given {
            assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
        }
        assert_eq!(entries(&dir), ["ct.json"]);
    }

    #[test]
    fn replace_all_writes_nothing_when_one_target_cannot_be_written() {
        let dir = scratch("all");
        fs::write(dir.join("profiles.csv"), "earlier").unwrap();
        fs::write(dir.join("venues.csv"), "earlier").unwrap();
        fs::create_dir(dir.join("laws.csv")).unwrap();
        let files: Vec<(PathBuf, Vec<u8>)> = ["profiles.csv", "laws.csv", "venues.csv"]
            .iter()
            .map(|name| (dir.join(name), b"new".to_vec()))
            .collect();
        let (path, error) = replace_all(&files, &within(&dir)).unwrap_err();
        assert_eq!(path, dir.join("laws.csv"));
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            fs::read_to_string(dir.join("profiles.csv")).unwrap(),
            "earlier"
        );
        assert_eq!(
            fs::read_to_string(dir.join("venues.csv")).unwrap(),
            "earlier"
        );
        assert_eq!(entries(&dir), ["laws.csv", "profiles.csv", "venues.csv"]);
        // Two names of one file would be written twice, the first text lost: refused too.
        fs::remove_dir(dir.join("laws.csv")).unwrap();
        std::os::unix::fs::symlink("profiles.csv", dir.join("laws.csv")).unwrap();
        let (path, error) = replace_all(&files, &within(&dir)).unwrap_err();
        assert_eq!(path, dir.join("laws.csv"));
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            fs::read_to_string(dir.join("profiles.csv")).unwrap(),
            "earlier"
        );
        fs::remove_file(dir.join("laws.csv")).unwrap();
        replace_all(&files, &within(&dir)).unwrap();
        for name in ["profiles.csv", "laws.csv", "venues.csv"] {
            assert_eq!(fs::read_to_string(dir.join(name)).unwrap(), "new");
        }
        assert_eq!(entries(&dir), ["laws.csv", "profiles.csv", "venues.csv"]);
    }
}
