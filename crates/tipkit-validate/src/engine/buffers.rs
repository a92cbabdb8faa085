//! Checking files given as bytes, never read from disk: the git index's, for
//! `tipkit check --staged`.

use std::path::PathBuf;

use super::{FolderReport, Options, Totals, Workspace};
use crate::{Config, ReadError, Summary};

/// One folder of files given as bytes, each with its bytes or why it could not be read.
#[derive(Debug)]
pub struct BufferFolder {
    /// The folder, as findings name it: "" for the working folder.
    pub folder: PathBuf,
    /// Its files, as findings name them, in file order.
    pub files: Vec<(PathBuf, Result<Vec<u8>, ReadError>)>,
}

/// Checks folders of files given as bytes, as [`check_paths`](crate::check_paths) checks folders
/// on disk: each folder's files checked, then the rules across its profiles, over exactly the
/// files given, with nothing read from disk. Folders come one at a time from `folders` and are
/// forgotten once `emit` has them. A file given with a [`ReadError`] is a `read-error` finding.
pub fn check_buffers<E>(
    config: &Config,
    options: &Options,
    folders: impl IntoIterator<Item = BufferFolder>,
    mut emit: impl FnMut(&FolderReport<'_>) -> Result<(), E>,
) -> Result<Totals, E> {
    let template = Workspace::new(config, options);
    let mut totals = Totals::default();
    for BufferFolder { folder, files } in folders {
        let mut sources = template.empty_like();
        sources.transient = true;
        let mut readable = Vec::with_capacity(files.len());
        let mut unreadable = Vec::new();
        let mut all = Vec::with_capacity(files.len());
        for (file, bytes) in files {
            all.push(file.clone());
            match bytes {
                Ok(bytes) => {
                    sources.set_text(file.clone(), bytes);
                    readable.push(file);
                }
                Err(error) => unreadable.push(error.named(&file).diagnostic()),
            }
        }
        readable.sort();
        all.sort();
        sources.load(&readable);
        let across = sources.folder_rules(&folder, &readable, Some(&[]));
        let (mut diagnostics, _) = sources.findings(&readable, across);
        let unreadable_count = unreadable.len();
        if !unreadable.is_empty() {
            diagnostics.extend(unreadable);
            crate::sort(&mut diagnostics);
        }
        totals.summary.add(&Summary::count(all.len(), &diagnostics));
        totals.unreadable += unreadable_count;
        emit(&FolderReport {
            folder: if folder.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                &folder
            },
            files: &all,
            diagnostics,
            unreadable: unreadable_count,
            sources: &sources,
        })?;
    }
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{BufferFolder, check_buffers};
    use crate::{Config, Options, ReadError};

    #[test]
    fn files_given_as_bytes_are_checked_as_a_folder_without_the_disk() {
        let ct =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../profiles/ct.json"))
                .unwrap();
        // No such folder on disk: nothing may be read from it.
        let folder = PathBuf::from("no-such-folder");
        let files = vec![
            (folder.join("ct.json"), Ok(ct.clone())),
            (folder.join("copy.json"), Ok(ct)),
            (
                folder.join("link.json"),
                Err(ReadError::io(
                    Path::new("x"),
                    std::io::Error::other("a symbolic link in the git index, not followed"),
                )),
            ),
        ];
        let mut seen = Vec::new();
        let totals = check_buffers(
            &Config::default(),
            &Options::default(),
            [BufferFolder { folder, files }],
            |report| {
                seen.extend(
                    report
                        .diagnostics
                        .iter()
                        .map(|d| (d.rule, d.file.display().to_string())),
                );
                Ok::<_, ()>(())
            },
        )
        .unwrap();
        assert_eq!(totals.summary.files, 3);
        assert_eq!(totals.unreadable, 1);
        // The rules across profiles ran over the files given.
        assert!(
            seen.iter()
                .any(|(rule, _)| *rule == "duplicate-jurisdiction"),
            "{seen:?}"
        );
        assert!(
            seen.contains(&("read-error", "no-such-folder/link.json".to_owned())),
            "{seen:?}"
        );
    }
}
