//! Helpers shared by the fixture tests (`fixtures.rs`, `fixing.rs`).

use std::path::{Path, PathBuf};

/// `tests/fixtures/`: one folder per rule, one per case inside it.
pub(crate) fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The entries of `dir`, sorted by path.
pub(crate) fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}
