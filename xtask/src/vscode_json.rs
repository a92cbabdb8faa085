//! VS Code's JSON language service (npm `vscode-json-languageservice`) on the schema and the
//! profiles, driven by `xtask/node/vscode-json.mjs`: validation, problem lines, hover text and
//! completion, as an editor user sees them. Versions are pinned by `xtask/node/package-lock.json`
//! and installed with `npm ci` under `target/tools/vscode-json/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::project_root;

pub(crate) fn run() -> anyhow::Result<()> {
    let modules = install()?;
    let root = project_root();
    let status = Command::new("node")
        .arg(root.join("xtask/node/vscode-json.mjs"))
        .arg(&modules)
        .arg(&root)
        .status()
        .context("cannot run node: install Node.js 20 or later to test the schema in VS Code's JSON service")?;
    if !status.success() {
        bail!("VS Code's JSON language service disagrees with the schema's promises: {status}");
    }
    Ok(())
}

/// `npm ci` of the pinned packages under `target/tools/vscode-json/`, again when the lock changes.
fn install() -> anyhow::Result<PathBuf> {
    let root = project_root();
    let dir = root.join("target/tools/vscode-json");
    let lock = std::fs::read(root.join("xtask/node/package-lock.json"))?;
    let installed = std::fs::read(dir.join("package-lock.json")).ok();
    if installed.as_deref() == Some(lock.as_slice()) && dir.join("node_modules").is_dir() {
        return Ok(dir);
    }
    std::fs::create_dir_all(&dir)?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(root.join("xtask/node").join(file), dir.join(file))?;
    }
    npm_ci(&dir)?;
    Ok(dir)
}

fn npm_ci(dir: &Path) -> anyhow::Result<()> {
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--silent"])
        .current_dir(dir)
        .status()
        .context(
            "cannot run npm: install Node.js and npm to test the schema in VS Code's JSON service",
        )?;
    if !status.success() {
        bail!("npm ci in {} failed: {status}", dir.display());
    }
    Ok(())
}
