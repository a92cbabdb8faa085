//! Reading a profile's bytes, with a size limit, refusing what is not a regular file. A path
//! that cannot be read is a `read-error` finding ([`ReadError::diagnostic`]).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::Diagnostic;

/// The default size limit: 16 MiB, a thousand times a real profile.
pub const DEFAULT_SIZE_LIMIT: u64 = 16 * 1024 * 1024;

/// A file or folder that could not be read. Its text names the path as given: show it with
/// [`visible`](fn@crate::visible).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused: missing, permission denied.
    #[error("{}: {}", path.display(), self.reason())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why; part of the message, not a separate source, so that it is said once.
        error: std::io::Error,
    },
    /// A FIFO, socket or device: reading it could block or never end.
    #[error("{}: {}", path.display(), self.reason())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A symbolic link whose target lies outside the paths being checked: not read, so that a
    /// submission cannot show the runner's files (`/proc/self/environ`, a token) in a report.
    #[error("{}: {}", path.display(), self.reason())]
    OutsideTree {
        /// The link.
        path: PathBuf,
    },
    /// Inside a `.git` folder (named, or reached through a symbolic link): git's own files, among
    /// them `.git/config`, where `actions/checkout` keeps the job's token. Never read.
    #[error("{}: {}", path.display(), self.reason())]
    InGitFolder {
        /// The path as named or found.
        path: PathBuf,
    },
    /// Larger than the limit; not loaded.
    #[error("{}: {}", path.display(), self.reason())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A folder reached again through a symbolic link, inside itself.
    #[error("{}: {}", path.display(), self.reason())]
    DirectoryLoop {
        /// The link.
        path: PathBuf,
        /// The folder it leads back to, as the walk named it (never the runner's absolute
        /// path); `None` when the walk met it under no name.
        back_to: Option<PathBuf>,
    },
}

impl ReadError {
    /// The id of the rule of its finding.
    pub const RULE: &'static str = "read-error";

    /// An error of the operating system about `path`.
    pub fn io(path: &Path, error: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            error,
        }
    }

    /// The same error about `path`: the name findings give a path read under another.
    pub(crate) fn named(mut self, name: &Path) -> Self {
        match &mut self {
            Self::Io { path, .. }
            | Self::NotAFile { path }
            | Self::OutsideTree { path }
            | Self::InGitFolder { path }
            | Self::TooLarge { path, .. }
            | Self::DirectoryLoop { path, .. } => name.clone_into(path),
        }
        self
    }

    /// The path that could not be read.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::NotAFile { path }
            | Self::OutsideTree { path }
            | Self::InGitFolder { path }
            | Self::TooLarge { path, .. }
            | Self::DirectoryLoop { path, .. } => path,
        }
    }

    /// Why, without the path.
    pub fn reason(&self) -> String {
        match self {
            Self::Io { error, .. } => format!("cannot read: {}", describe(error)),
            Self::NotAFile { .. } => {
                "not a regular file (a folder, FIFO, socket or device)".to_owned()
            }
            Self::OutsideTree { .. } => {
                "a symbolic link that leads outside the checked paths; not read".to_owned()
            }
            Self::InGitFolder { .. } => "inside a `.git` folder, which is never read".to_owned(),
            Self::TooLarge { size, limit, .. } => {
                format!("{size} bytes, more than the limit of {limit} bytes; not read")
            }
            Self::DirectoryLoop { back_to, .. } => format!(
                "a directory loop through symbolic links (back to {}); not walked again",
                back_to.as_deref().map_or_else(
                    || "a folder that holds it".into(),
                    |path| path.display().to_string()
                )
            ),
        }
    }

    /// The `read-error` finding for this path, so that it is in every report format.
    pub fn diagnostic(&self) -> Diagnostic {
        crate::rules::read_error::diagnostic(self)
    }
}

/// An operating system error in words, without its number.
fn describe(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// Reads a file of at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |error| ReadError::io(path, error);
    // The type first, from the path: opening a FIFO would block.
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: metadata.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0) + 1);
    File::open(path)
        .map_err(io)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        // The file grew while it was read.
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}
