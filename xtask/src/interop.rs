//! `cargo xtask interop`: the clients users run, on what tipkit publishes for them.
//!
//! - check-jsonschema, an independent validator, agrees with us on
//!   `schemas/state-profile.schema.json`: it accepts every profile and rejects every file under
//!   `tests/fixtures/schema-rejects/`. Editors and other CI tools use that file without tipkit.
//! - VS Code's JSON language service validates, hovers and completes with it (`vscode_json.rs`).
//! - pre-commit runs the hook of `.pre-commit-hooks.yaml` over whole folders (`pre_commit.rs`).
//! - cmark-gfm, GitHub's Markdown parser, makes no link or mention from data in the step summary,
//!   `diff --format markdown` and `render --format markdown` (`github_markdown.rs`).
//!
//! Each installs its client under `target/tools/`, from npm or the Python Package Index; a
//! missing `python3`, `node`, `npm` or `git` is an error, never a skipped test.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::project_root;

const CHECK_JSONSCHEMA: &str = "check-jsonschema==0.39.0";

pub(crate) fn run() -> anyhow::Result<()> {
    let tool = install()?;
    let root = project_root();
    let schema = root.join("schemas/state-profile.schema.json");

    let profiles = crate::profile_paths()?;
    let status = check_jsonschema(&tool, &schema, &profiles)?;
    if !status {
        bail!("check-jsonschema rejects a profile that tipkit accepts");
    }

    let mut rejects: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/schema-rejects"))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    rejects.sort();
    if rejects.is_empty() {
        bail!("tests/fixtures/schema-rejects/ is empty");
    }
    for reject in &rejects {
        if check_jsonschema(&tool, &schema, std::slice::from_ref(reject))? {
            bail!(
                "check-jsonschema accepts {}, which must fail",
                reject.display()
            );
        }
    }
    eprintln!(
        "check-jsonschema accepts {} profiles and rejects {} bad files",
        profiles.len(),
        rejects.len()
    );
    eprintln!("==> VS Code's JSON language service");
    crate::vscode_json::run()?;
    eprintln!("==> pre-commit try-repo");
    crate::pre_commit::run()?;
    eprintln!("==> GitHub's Markdown (cmark-gfm)");
    crate::github_markdown::run()?;
    Ok(())
}

/// Installs check-jsonschema in a virtual environment under `target/`, once.
pub(crate) fn install() -> anyhow::Result<PathBuf> {
    python_tool(
        "check-jsonschema",
        CHECK_JSONSCHEMA,
        "bin/check-jsonschema",
        "to check the schema with check-jsonschema",
    )
}

/// `program` (`bin/…`) of a virtual environment under `target/tools/<name>/` that holds
/// `requirement` from the Python package index, made once: again only when the requirement changes. `why` says what
/// Python is needed for, when it is missing.
pub(crate) fn python_tool(
    name: &str,
    requirement: &str,
    program: &str,
    why: &str,
) -> anyhow::Result<PathBuf> {
    let venv = project_root().join("target/tools").join(name);
    let marker = venv.join(".installed");
    if std::fs::read_to_string(&marker).is_ok_and(|installed| installed == requirement) {
        return Ok(venv.join(program));
    }
    run_ok(Command::new("python3").arg("-m").arg("venv").arg(&venv))
        .with_context(|| format!("install Python 3 {why}"))?;
    run_ok(Command::new(venv.join("bin/pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        requirement,
    ]))?;
    std::fs::write(&marker, requirement)?;
    Ok(venv.join(program))
}

fn check_jsonschema(tool: &Path, schema: &Path, files: &[PathBuf]) -> anyhow::Result<bool> {
    let output = Command::new(tool)
        .arg("--schemafile")
        .arg(schema)
        .args(files)
        .output()
        .context("cannot run check-jsonschema")?;
    match output.status.code() {
        Some(0) => Ok(true),
        Some(1) => Ok(false),
        _ => bail!(
            "check-jsonschema failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

fn run_ok(command: &mut Command) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed: {status}");
    }
    Ok(())
}
