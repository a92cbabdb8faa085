//! Generated files: one function writes them and checks them, so `cargo xtask codegen`, its
//! `--check` and the freshness test cannot disagree.

use std::path::Path;

use anyhow::bail;

use crate::project_root;

/// The one command that regenerates every generated file.
pub(crate) const REGENERATE: &str = "cargo xtask codegen";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Write,
    Check,
}

/// Every generated file: its path from the workspace root and its contents.
fn generated_files() -> Vec<(&'static str, String)> {
    vec![(
        "schemas/state-profile.schema.json",
        tipkit_model::schema_text(),
    )]
}

pub(crate) fn run(mode: Mode) -> anyhow::Result<()> {
    let mut stale = Vec::new();
    for (path, contents) in generated_files() {
        if !ensure_file_contents(&project_root().join(path), &contents, mode)? {
            stale.push(path);
        }
    }
    if !stale.is_empty() {
        bail!(
            "stale generated files: {}. Run `{REGENERATE}` and commit the result.",
            stale.join(", ")
        );
    }
    Ok(())
}

/// Whether `path` holds `contents` (line endings aside); in write mode, makes it so.
fn ensure_file_contents(path: &Path, contents: &str, mode: Mode) -> anyhow::Result<bool> {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    if current.replace("\r\n", "\n") == contents {
        return Ok(true);
    }
    match mode {
        Mode::Check => Ok(false),
        Mode::Write => {
            std::fs::write(path, contents)?;
            eprintln!("updated {}", path.display());
            Ok(true)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_files_are_fresh() {
        if let Err(error) = super::run(super::Mode::Check) {
            panic!("{error}");
        }
    }
}
