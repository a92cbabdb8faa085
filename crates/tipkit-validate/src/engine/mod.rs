//! The engine: the source database ([`Workspace`]), the one driver ([`check_paths`]), the walk
//! that finds files ([`walk`]), the rule set the configuration decides ([`RuleSet`]) and the
//! loader for downstream programs ([`load_folder`]).

mod buffers;
mod driver;
mod load;
mod rule_set;
mod tree;
pub mod walk;
mod workspace;

use std::path::PathBuf;

pub use buffers::{BufferFolder, check_buffers};
pub use driver::{FolderReport, Totals, check_paths};
pub use load::{Loaded, load_folder};
pub(crate) use rule_set::ALL_RULES;
pub use rule_set::RuleSet;
pub use workspace::{SourceFile, Workspace};

/// How files are read.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files larger than this many bytes are reported, not read.
    pub size_limit: u64,
    /// The folder paths are relative to; empty for the working folder. Findings name files
    /// relative to it.
    pub root: PathBuf,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            size_limit: crate::DEFAULT_SIZE_LIMIT,
            root: PathBuf::new(),
        }
    }
}

#[cfg(test)]
mod tests;
