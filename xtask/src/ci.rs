//! `cargo xtask ci`: what CI runs. If it passes here, CI passes.

use std::process::Command;

use anyhow::{Context, bail};

use crate::{codegen, debian, interop, project_root, validate, workflows};

pub(crate) fn run() -> anyhow::Result<()> {
    debian::install_missing()?;
    cargo(&["fmt", "--all", "--check"], &[])?;
    let clippy = [
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ];
    cargo(&clippy, &[])?;
    cargo(&["test", "--workspace", "--locked"], &[])?;
    let doc = ["doc", "--package", "tipkit-model", "--no-deps", "--locked"];
    cargo(&doc, &[("RUSTDOCFLAGS", "-D warnings")])?;
    // Downstream programs may build the model without its schema.
    cargo(
        &[
            "check",
            "--package",
            "tipkit-model",
            "--no-default-features",
            "--locked",
        ],
        &[],
    )?;
    let example = [
        "run",
        "--quiet",
        "--package",
        "tipkit-validate",
        "--example",
        "regions",
        "--",
        "profiles",
    ];
    cargo(&example, &[])?;
    step("codegen --check", || codegen::run(codegen::Mode::Check))?;
    step("validate", validate::run)?;
    step("interop", interop::run)?;
    step("workflows", workflows::run)?;
    eprintln!("xtask ci: all steps passed");
    Ok(())
}

fn step(name: &str, f: impl FnOnce() -> anyhow::Result<()>) -> anyhow::Result<()> {
    eprintln!("==> xtask {name}");
    f().with_context(|| format!("step `{name}` failed"))
}

pub(crate) fn cargo(args: &[&str], envs: &[(&str, &str)]) -> anyhow::Result<()> {
    eprintln!("==> cargo {}", args.join(" "));
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(args)
        .envs(envs.iter().copied())
        .current_dir(project_root())
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo {} failed: {status}", args.join(" "));
    }
    Ok(())
}
