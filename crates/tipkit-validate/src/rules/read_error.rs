//! `read-error`: a file or folder that could not be read.

use crate::Diagnostic;
use crate::ReadError;
use crate::registry::{Check, declare_rule};

declare_rule! {
    /// A file or folder could not be read, so nothing in it was checked.
    ///
    /// ## What it checks
    /// That every path to check can be read: it exists, it may be read, it is a regular file
    /// or a folder (not a FIFO, socket or device), a file is no larger than `--max-file-size`
    /// (16 MiB by default), a folder does not lead back into itself through a symbolic link,
    /// and a symbolic link leads inside the checked paths: a link to `/proc/self/environ`, or
    /// to any file or folder elsewhere on the machine, is reported and never read, and nothing
    /// of its target is shown. Nothing inside a `.git` folder is read either, named or linked to
    /// (`.git/config` may hold the CI job's token). It cannot be turned off or lowered in
    /// `tipkit.toml`, and `tipkit check` exits with status 2 when it is found.
    ///
    /// ## Why it matters
    /// A file that was not read was not checked: a report without it would look clean. The
    /// finding is in every format, so that a CI job that reads JSON or SARIF sees it too.
    ///
    /// ## Example
    /// ```text
    /// tipkit check profiles/huge.json --max-file-size 1000
    /// ```
    /// `profiles/huge.json` is larger than 1000 bytes: it is reported, not read.
    id: "read-error",
    severity: Error,
    check: Check::Stage,
}

/// The finding for a path that could not be read: about the whole path, so without a span.
pub(crate) fn diagnostic(error: &ReadError) -> Diagnostic {
    let help = match error {
        ReadError::TooLarge { .. } => "a profile is a few kilobytes: is this the right file?",
        ReadError::DirectoryLoop { .. } => "remove the symbolic link, or exclude it in tipkit.toml",
        ReadError::NotAFile { .. } => "name a profile file or a folder of profiles",
        ReadError::OutsideTree { .. } => {
            "only the checked paths are read: put the file or folder itself there, not a link"
        }
        ReadError::InGitFolder { .. } => {
            "git's own files are not profiles: name or link a file of the working tree"
        }
        ReadError::Io { .. } => "check that the path exists and that you may read it",
    };
    Diagnostic::new(
        &RULE,
        error.path().to_path_buf(),
        String::new(),
        None,
        error.reason(),
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_error_names_this_rule() {
        assert_eq!(super::RULE.id, crate::ReadError::RULE);
    }
}
