//! Finding the profiles to work on: files as given, folders walked recursively for `*.json`,
//! minus excluded paths. Folders come one at a time with their files, so that a check keeps a
//! few folders in memory, not the whole tree. A path that cannot be walked is a [`ReadError`]; the
//! others are still found. Each file and each folder is visited once, however often it is named
//! or linked to; only a link back into its own ancestors is an error.
//!
//! Reads stay inside the tree: a symbolic link is followed only when its target lies inside the
//! checked paths ([`admit`], the one decision), so that a submission cannot have the runner's
//! files read and shown (`profiles/nj.json -> /proc/self/environ`). Nothing inside a `.git`
//! folder is read, named or linked to: `.git/config` may hold the CI job's token. A walk does not
//! enter `.git`; it does enter other hidden folders (`.github`, `.data`), so that no profile a
//! submission adds escapes the check.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

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
    /// Its files that may not be read: symbolic links out of the checked paths ([`admit`]),
    /// sorted by name. They are not among `files`.
    pub refused: Vec<ReadError>,
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
    let inside = Roots::new(paths.iter().filter_map(|path| root_of(path).ok()));
    for path in paths {
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => roots.push(path.clone()),
            Ok(_) if config.is_excluded(path) => {}
            Ok(_) => {
                let real = match admit(path, &inside) {
                    Ok(real) => real,
                    Err(error) => {
                        errors.push(error);
                        continue;
                    }
                };
                // The same file named twice, or by two names, is checked once.
                if !given_real.insert(real) {
                    continue;
                }
                let parent = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
                let at = *given_at.entry(parent.clone()).or_insert_with(|| {
                    given.push(Folder {
                        path: parent,
                        files: Vec::new(),
                        named: true,
                        refused: Vec::new(),
                    });
                    given.len() - 1
                });
                given[at].files.push(path.clone());
            }
            Err(error) => errors.push(ReadError::io(path, error)),
        }
    }
    let shown_roots = roots
        .iter()
        .filter_map(|root| Some((root_of(root).ok()?, root.clone())))
        .collect();
    let walk = Walk {
        stack: roots.into_iter().rev().map(|root| (root, None)).collect(),
        visited: HashMap::new(),
        shown_roots,
        given: given_real,
        config: config.clone(),
        inside,
        refused: Vec::new(),
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
            Ok(folder) => {
                files.extend(folder.files);
                errors.extend(folder.refused);
            }
            Err(error) => errors.push(error),
        }
    }
    (files, errors)
}

/// Where a named path lies: its real folder and its own name, its last part not followed when it
/// is a symbolic link (so that a link named, or a `profiles` folder replaced by a link, does not
/// widen the tree to its target). A path that does not end in a name (`.`, `..`, `/`) is
/// resolved whole. Parts not made yet are taken as named.
///
/// The one rule on links on the way, for every read and every write: the path is walked part by
/// part, and each symbolic link met must lead inside the real folder that holds it (`/tmp ->
/// private/tmp` does; a committed `out` to the folder beside the repository does not), or the path is refused with
/// [`LinkOut`]. A `..` goes up from where the link before it led,
/// never lexically over a link.
pub fn root_of(path: &Path) -> std::io::Result<PathBuf> {
    let mut parts: Vec<Component> = path.components().collect();
    let name = match parts.last() {
        Some(Component::Normal(name)) => {
            let name = *name;
            parts.pop();
            Some(name)
        }
        _ => None,
    };
    let mut real = if path.has_root() {
        PathBuf::from("/")
    } else {
        std::fs::canonicalize(".")?
    };
    for part in parts {
        match part {
            Component::Prefix(_) | Component::CurDir => {}
            Component::RootDir => real = PathBuf::from("/"),
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(part) => {
                let next = real.join(part);
                real = match std::fs::symlink_metadata(&next) {
                    Ok(metadata) if metadata.file_type().is_symlink() => {
                        let target = std::fs::canonicalize(&next)?;
                        if !target.starts_with(&real) {
                            return Err(std::io::Error::new(
                                std::io::ErrorKind::PermissionDenied,
                                LinkOut,
                            ));
                        }
                        target
                    }
                    _ => next,
                };
            }
        }
    }
    Ok(match name {
        Some(name) => real.join(name),
        None => real,
    })
}

/// Why [`root_of`] refuses a path: the error inside its [`std::io::Error`].
#[derive(Debug, thiserror::Error)]
#[error("a symbolic link on the way leads outside the folder that holds it; not followed")]
pub struct LinkOut;

/// Where the checked paths lie, real paths ([`root_of`] each): a path lies inside when one of
/// its ancestors is one of them, a look-up per ancestor however many paths were named.
#[derive(Debug, Clone, Default)]
pub struct Roots(HashSet<PathBuf>);

impl Roots {
    /// The roots at these real paths.
    pub fn new(real: impl IntoIterator<Item = PathBuf>) -> Self {
        Self(real.into_iter().collect())
    }

    /// Whether the real path `real` lies inside one of the roots.
    pub fn hold(&self, real: &Path) -> bool {
        real.ancestors().any(|ancestor| self.0.contains(ancestor))
    }
}

/// The one decision on following a path to read it: resolved through every symbolic link, it
/// must not lie in a `.git` folder, must lie inside `inside` (the [`root_of`] each checked path)
/// and be a regular file or a folder. Gives the real path; the error names `path` and says
/// nothing of the target, so nothing of it is shown. Only the file system's metadata is read,
/// never the target itself.
pub fn admit(path: &Path, inside: &Roots) -> Result<PathBuf, ReadError> {
    let real = std::fs::canonicalize(path).map_err(|error| ReadError::io(path, error))?;
    if real
        .components()
        .any(|part| is_git_folder(part.as_os_str()))
    {
        return Err(ReadError::InGitFolder {
            path: path.to_path_buf(),
        });
    }
    if !inside.hold(&real) {
        return Err(ReadError::OutsideTree {
            path: path.to_path_buf(),
        });
    }
    let metadata = std::fs::metadata(&real).map_err(|error| ReadError::io(path, error))?;
    if !metadata.is_file() && !metadata.is_dir() {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    Ok(real)
}

/// Whether a folder of this name is git's own (`.git`, in any case: some file systems ignore it).
fn is_git_folder(name: &std::ffi::OsStr) -> bool {
    name.eq_ignore_ascii_case(".git")
}

/// A depth-first walk of the roots, in order.
struct Walk {
    /// Folders to walk, each with the real path of the folder it was found in.
    stack: Vec<(PathBuf, Option<PathBuf>)>,
    /// The real paths of the folders walked so far, each with the path it was walked as.
    visited: HashMap<PathBuf, PathBuf>,
    /// The real path ([`root_of`]) of each folder named, with the name it was given.
    shown_roots: Vec<(PathBuf, PathBuf)>,
    /// The real paths of the files given by name, already checked.
    given: HashSet<PathBuf>,
    config: Config,
    /// Where each checked path lies ([`root_of`]): no link is followed out of them.
    inside: Roots,
    /// Links to folders out of the tree in the last folder listed, reported after it.
    refused: Vec<ReadError>,
}

impl Iterator for Walk {
    type Item = Step;

    fn next(&mut self) -> Option<Step> {
        loop {
            if let Some(refused) = self.refused.pop() {
                return Some(Err(refused));
            }
            let (dir, parent) = self.stack.pop()?;
            let real = match admit(&dir, &self.inside) {
                Ok(real) => real,
                Err(error) => return Some(Err(error)),
            };
            if parent.as_ref().is_some_and(|p| p.starts_with(&real)) {
                // A link to a folder that holds it: walking it would never end.
                return Some(Err(ReadError::DirectoryLoop {
                    back_to: self.shown(&real),
                    path: dir,
                }));
            }
            if self.visited.contains_key(&real) {
                // Walked already, under another name: a link to a sibling, or a root named twice.
                continue;
            }
            self.visited.insert(real.clone(), dir.clone());
            return Some(self.list(dir, &real));
        }
    }
}

impl Walk {
    /// The folder at the real path `real` as the findings name paths: as it was walked, or under
    /// the checked path that holds it; never the runner's absolute path.
    fn shown(&self, real: &Path) -> Option<PathBuf> {
        if let Some(walked) = self.visited.get(real) {
            return Some(walked.clone());
        }
        self.shown_roots
            .iter()
            .find_map(|(root, given)| real.strip_prefix(root).ok().map(|rest| given.join(rest)))
    }

    /// One folder's `*.json` files; its subfolders go on the stack.
    fn list(&mut self, dir: PathBuf, real: &Path) -> Step {
        let entries = std::fs::read_dir(&dir).map_err(|error| ReadError::io(&dir, error))?;
        // The entry's type comes with the directory listing; only symbolic links need a stat.
        let mut entries: Vec<(PathBuf, Option<bool>)> = entries
            .filter_map(Result::ok)
            .map(|entry| {
                let path = entry.path();
                let is_dir = match entry.file_type() {
                    Ok(kind) if kind.is_symlink() => None,
                    Ok(kind) => Some(kind.is_dir()),
                    Err(_) => Some(path.is_dir()),
                };
                (path, is_dir)
            })
            .collect();
        // By name: the order of the paths, as they share the folder, comparing one part of each.
        entries.sort_unstable_by(|(a, _), (b, _)| a.file_name().cmp(&b.file_name()));
        let mut files = Vec::new();
        let mut subdirs = Vec::new();
        let mut refused = Vec::new();
        let mut refused_files = Vec::new();
        for (path, is_dir) in entries {
            let is_dir = match is_dir {
                Some(is_dir) => is_dir,
                None => match self.follow(&path) {
                    Link::Folder => true,
                    Link::File => false,
                    Link::Passed => continue,
                    Link::RefusedFolder(error) => {
                        refused.push(error);
                        continue;
                    }
                    Link::RefusedFile(error) => {
                        refused_files.push(error);
                        continue;
                    }
                },
            };
            if is_dir {
                let git = path.file_name().is_some_and(is_git_folder);
                if !git && !self.config.is_excluded_folder(&path) {
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
        // Reported after the folder, in name order.
        self.refused.extend(refused.into_iter().rev());
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
            refused: refused_files,
        })
    }

    /// Where the symbolic link `path` leads, when it may be followed ([`admit`]). A link out of
    /// the tree, or into a `.git` folder, is refused when it would be walked or read: it leads
    /// to a folder, or it is named as a profile and not excluded. Any other link is a file: a dangling one, or one to a FIFO,
    /// is reported when read, as a file would be.
    fn follow(&self, path: &Path) -> Link {
        match admit(path, &self.inside) {
            Ok(real) if real.is_dir() => Link::Folder,
            Err(error @ (ReadError::OutsideTree { .. } | ReadError::InGitFolder { .. })) => {
                if path.is_dir() {
                    if self.config.is_excluded_folder(path) {
                        Link::Passed
                    } else {
                        Link::RefusedFolder(error)
                    }
                } else if !self.config.is_excluded(path) && tipkit_model::is_profile_path(path) {
                    Link::RefusedFile(error)
                } else {
                    Link::Passed
                }
            }
            Ok(_) | Err(_) => Link::File,
        }
    }
}

/// What a walk does with a symbolic link.
enum Link {
    /// Walks it as a folder.
    Folder,
    /// Takes it as a file (read, or reported when it cannot be).
    File,
    /// Neither walks nor reads it: out of the tree, and excluded or not a profile.
    Passed,
    /// Reports it: a link to a folder out of the tree.
    RefusedFolder(ReadError),
    /// Reports it among the folder's files: a profile's link out of the tree.
    RefusedFile(ReadError),
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;
    use std::path::{Path, PathBuf};

    use super::{Roots, admit, folders, root_of};
    use crate::{Config, ReadError};

    /// A fresh folder `tree` with `profiles/ct.json` in it, and a file `outside/secret.json`
    /// beside it.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tipkit-walk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("tree/profiles")).unwrap();
        std::fs::create_dir_all(dir.join("outside")).unwrap();
        std::fs::write(dir.join("tree/profiles/ct.json"), "{}").unwrap();
        std::fs::write(dir.join("outside/secret.json"), "SECRET=hunter2").unwrap();
        dir
    }

    /// `rest` after climbing `levels` folders: a link's target out of the scratch tree.
    fn up(levels: usize, rest: &str) -> PathBuf {
        let mut path = PathBuf::new();
        for _ in 0..levels {
            path.push("..");
        }
        path.join(rest)
    }

    fn inside(dir: &Path) -> Roots {
        Roots::new([root_of(&dir.join("tree")).unwrap()])
    }

    #[test]
    fn a_link_to_a_file_inside_the_tree_is_followed() {
        let dir = scratch("inside");
        let link = dir.join("tree/profiles/nj.json");
        symlink("ct.json", &link).unwrap();
        let real = admit(&link, &inside(&dir)).unwrap();
        assert!(real.ends_with("tree/profiles/ct.json"), "{real:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_out_of_the_tree_is_refused() {
        let dir = scratch("outside");
        let link = dir.join("tree/profiles/nj.json");
        symlink(up(2, "outside/secret.json"), &link).unwrap();
        let error = admit(&link, &inside(&dir)).unwrap_err();
        assert!(matches!(error, ReadError::OutsideTree { .. }), "{error:?}");
        assert!(!error.to_string().contains("secret"), "{error}");
        let environ = dir.join("tree/profiles/ny.json");
        symlink("/proc/self/environ", &environ).unwrap();
        let error = admit(&environ, &inside(&dir)).unwrap_err();
        assert!(matches!(error, ReadError::OutsideTree { .. }), "{error:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_to_a_fifo_inside_the_tree_is_not_a_file() {
        let dir = scratch("fifo");
        let fifo = dir.join("tree/profiles/pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|status| status.success()) {
            return; // no mkfifo here
        }
        let link = dir.join("tree/profiles/nj.json");
        symlink("pipe", &link).unwrap();
        let error = admit(&link, &inside(&dir)).unwrap_err();
        assert!(matches!(error, ReadError::NotAFile { .. }), "{error:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_named_is_where_it_lies_not_where_it_leads() {
        let dir = scratch("named");
        let link = dir.join("tree/profiles/nj.json");
        symlink(up(2, "outside/secret.json"), &link).unwrap();
        let root = root_of(&link).unwrap();
        assert!(root.ends_with("tree/profiles/nj.json"), "{root:?}");
        // Named on its own, the link is refused; named with its target's folder, followed.
        let steps: Vec<_> = folders(std::slice::from_ref(&link), &Config::default()).collect();
        assert!(
            matches!(steps.as_slice(), [Err(ReadError::OutsideTree { .. })]),
            "{steps:?}"
        );
        let both = [link.clone(), dir.join("outside")];
        let steps: Vec<_> = folders(&both, &Config::default()).collect();
        assert!(steps.iter().all(Result::is_ok), "{steps:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn nothing_in_a_git_folder_is_walked_or_read() {
        let dir = scratch("git");
        let tree = dir.join("tree");
        std::fs::create_dir_all(tree.join(".git")).unwrap();
        std::fs::write(tree.join(".git/config"), "[core]").unwrap();
        std::fs::write(tree.join(".git/leak.json"), "[core]").unwrap();
        std::fs::create_dir_all(tree.join(".data")).unwrap();
        std::fs::write(tree.join(".data/ny.json"), "{}").unwrap();
        symlink(up(1, ".git/config"), tree.join("profiles/nj.json")).unwrap();
        symlink(up(1, ".git"), tree.join("profiles/gitdir")).unwrap();
        let steps: Vec<_> = folders(std::slice::from_ref(&tree), &Config::default()).collect();
        let files: Vec<&PathBuf> = steps
            .iter()
            .filter_map(|step| step.as_ref().ok())
            .flat_map(|folder| &folder.files)
            .collect();
        // Other hidden folders are walked: no profile escapes the check.
        assert_eq!(
            files,
            [&tree.join(".data/ny.json"), &tree.join("profiles/ct.json")]
        );
        let refused: Vec<&Path> = steps
            .iter()
            .flat_map(|step| match step {
                Ok(folder) => folder.refused.iter().collect(),
                Err(error) => vec![error],
            })
            .inspect(|error| assert!(matches!(error, ReadError::InGitFolder { .. }), "{error:?}"))
            .map(ReadError::path)
            .collect();
        assert_eq!(
            refused,
            [tree.join("profiles/nj.json"), tree.join("profiles/gitdir")]
        );
        // Named directly, a file in `.git` or `.git` itself is refused too.
        for named in [tree.join(".git/config"), tree.join(".git")] {
            let steps: Vec<_> = folders(std::slice::from_ref(&named), &Config::default()).collect();
            assert!(
                matches!(steps.as_slice(), [Err(ReadError::InGitFolder { .. })]),
                "{steps:?}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_directory_loop_names_the_folder_as_the_walk_did() {
        let dir = scratch("loop");
        std::fs::create_dir_all(dir.join("tree/profiles/east")).unwrap();
        symlink("..", dir.join("tree/profiles/east/loop")).unwrap();
        let profiles = dir.join("tree/profiles");
        let steps: Vec<_> = folders(std::slice::from_ref(&profiles), &Config::default()).collect();
        let looped = steps.iter().find_map(|step| match step {
            Err(ReadError::DirectoryLoop { back_to, .. }) => Some(back_to.clone()),
            _ => None,
        });
        // The folder as it was walked, not its real path (which may differ, here or on a runner).
        assert_eq!(looped, Some(Some(profiles)), "{steps:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_walk_reports_links_out_of_the_tree_and_reads_none() {
        let dir = scratch("walk");
        let profiles = dir.join("tree/profiles");
        symlink(up(2, "outside/secret.json"), profiles.join("nj.json")).unwrap();
        symlink(up(2, "outside"), profiles.join("more")).unwrap();
        symlink(up(2, "outside/secret.json"), profiles.join("notes.txt")).unwrap();
        let steps: Vec<_> = folders(&[dir.join("tree")], &Config::default()).collect();
        let files: Vec<&PathBuf> = steps
            .iter()
            .filter_map(|step| step.as_ref().ok())
            .flat_map(|folder| &folder.files)
            .collect();
        assert_eq!(files, [&profiles.join("ct.json")]);
        let refused: Vec<&Path> = steps
            .iter()
            .flat_map(|step| match step {
                Ok(folder) => folder.refused.iter().collect(),
                Err(error) => vec![error],
            })
            .inspect(|error| assert!(matches!(error, ReadError::OutsideTree { .. })))
            .map(ReadError::path)
            .collect();
        assert_eq!(refused, [profiles.join("nj.json"), profiles.join("more")]);
        // A `profiles` folder that is itself a link out of the tree is not walked either.
        let replaced = dir.join("tree/data");
        symlink(up(1, "outside"), &replaced).unwrap();
        let steps: Vec<_> = folders(&[dir.join("tree/data")], &Config::default()).collect();
        assert!(
            matches!(steps.as_slice(), [Err(ReadError::OutsideTree { .. })]),
            "{steps:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_folders_siblings_are_read_only_inside_it() {
        // The language server's reads, and those of a file named on its own: a buffer's folder.
        let dir = scratch("siblings");
        let profiles = dir.join("tree/profiles");
        symlink(up(2, "outside/secret.json"), profiles.join("nj.json")).unwrap();
        symlink("ct.json", profiles.join("ri.json")).unwrap();
        let mut workspace = crate::Workspace::default();
        workspace.set_text(profiles.join("ny.json"), "{}");
        let findings = workspace.folder_findings(&profiles.join("ny.json"));
        assert!(workspace.file(&profiles.join("nj.json")).is_none());
        assert!(workspace.file(&profiles.join("ri.json")).is_some());
        assert!(
            findings.iter().all(|d| !d.file.ends_with("nj.json")),
            "{findings:#?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
