//! `cargo xtask fuzz <target> [seconds]`: seeds the target's corpus from the profiles and the
//! fixtures, then runs it with cargo-fuzz (installed if missing). The toolchain is stable;
//! `RUSTC_BOOTSTRAP=1` lets cargo-fuzz pass the sanitizer flags it needs.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use crate::project_root;

const TARGETS: [&str; 3] = ["check_bytes", "mutate_profile", "render_documents"];

pub(crate) fn run(target: &str, seconds: u32) -> anyhow::Result<()> {
    if !TARGETS.contains(&target) {
        bail!(
            "no fuzz target `{target}`; the targets are {}",
            TARGETS.join(", ")
        );
    }
    let root = project_root();
    let corpus = root.join("fuzz/corpus").join(target);
    std::fs::create_dir_all(&corpus)?;
    // The structure-aware targets build their inputs from the profiles themselves.
    if target == "check_bytes" {
        seed(&root.join("profiles"), &corpus)?;
        seed(&root.join("tests/bad-input"), &corpus)?;
        seed(&root.join("crates/tipkit-validate/tests/fixtures"), &corpus)?;
    }
    let has_cargo_fuzz = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_cargo_fuzz {
        crate::ci::cargo(&["install", "--locked", "cargo-fuzz"], &[])?;
    }
    let status = Command::new("cargo")
        .args(["fuzz", "run", "-O", target, "--"])
        .arg(format!("-max_total_time={seconds}"))
        .args(["-max_len=65536", "-timeout=10", "-print_final_stats=1"])
        .env("RUSTC_BOOTSTRAP", "1")
        .current_dir(root.join("fuzz"))
        .status()
        .context("cannot run cargo fuzz")?;
    if !status.success() {
        bail!(
            "fuzz target {target} failed: see fuzz/artifacts/{target}/; add the input as a regression fixture"
        );
    }
    Ok(())
}

/// Copies every file under `from` into the flat corpus folder `to`.
fn seed(from: &Path, to: &Path) -> anyhow::Result<()> {
    let mut stack = vec![from.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(project_root())?
                    .to_string_lossy()
                    .replace('/', "__");
                std::fs::copy(&path, to.join(name))?;
            }
        }
    }
    Ok(())
}
