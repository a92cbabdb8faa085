//! The Debian packages some tests drive: headless Chromium (the browser test), Neovim 0.7 (the
//! editor test) and strace (the read-once test). `cargo xtask ci` installs the missing ones with
//! `apt-get` when it can, so that a fresh Debian machine runs every test; each of those tests
//! fails without its tool when `CI` is set.

use std::process::Command;

use anyhow::{Context, bail};

/// Each tool: the command the tests run, and the package that has it.
const TOOLS: [(&str, &str); 3] = [
    ("chromium", "chromium"),
    ("nvim", "neovim"),
    ("strace", "strace"),
];

/// Installs the packages of the tools not on the `PATH`. Without `apt-get`, or not as root, it
/// says what is missing and leaves it to the tests to fail or skip.
pub(crate) fn install_missing() -> anyhow::Result<()> {
    let missing: Vec<&str> = TOOLS
        .iter()
        .filter(|(command, _)| !on_path(command))
        .map(|&(_, package)| package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0");
    if !on_path("apt-get") || !root {
        eprintln!(
            "!! {} missing: install {} (Debian: `apt-get install {0}`); the tests that drive them fail in CI",
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "them" },
        );
        return Ok(());
    }
    eprintln!("==> apt-get install {}", missing.join(" "));
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq"];
    install.extend(&missing);
    apt(&install)
}

fn apt(args: &[&str]) -> anyhow::Result<()> {
    let status = Command::new("apt-get")
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(std::process::Stdio::null())
        .status()
        .context("cannot run apt-get")?;
    if !status.success() {
        bail!("apt-get {} failed: {status}", args.join(" "));
    }
    Ok(())
}

fn on_path(command: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(command).is_file()))
}
