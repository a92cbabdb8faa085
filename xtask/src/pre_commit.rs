//! The pre-commit hook of `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from the
//! Python Package Index, under `target/tools/pre-commit/`) as a user runs it: `pre-commit
//! try-repo <hooks> tipkit-check --all-files` in a scratch git repository holding a copy of
//! `profiles/`, clean, then with a rule's error, then with a schema error. A `tipkit` wrapper first on `PATH` records each run, so the
//! test sees that the hook checks the whole folder in one run: the rules across profiles must see
//! every sibling.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail, ensure};

use crate::project_root;

const PRE_COMMIT: &str = "pre-commit==4.7.0";

pub(crate) fn run() -> anyhow::Result<()> {
    let pre_commit = install()?;
    crate::ci::cargo(
        &["build", "--package", "tipkit", "--locked", "--quiet"],
        &[],
    )?;
    let scratch = Scratch::new(&project_root().join("target/debug/tipkit"))?;
    let count = scratch.codes.len();

    let clean = scratch.try_repo(&pre_commit, 0, "clean", true)?;
    let checked = format!("{count} files checked: 0 errors");
    ensure!(
        clean.contains(&checked) && clean.contains("Passed"),
        "pre-commit try-repo, clean: no `{checked}` and `Passed` in:\n{clean}"
    );

    // A rule's error, then a schema error, in Connecticut's profile.
    let ct = scratch.work.join("profiles/ct.json");
    let text = std::fs::read_to_string(&ct)?;
    let second = "\"rank\": 2,\n      \"venue\": \"Online Ad. Venue Unknown\"";
    ensure!(
        text.contains(second) && text.contains("\"rank\": 1,"),
        "profiles/ct.json changed: no ranks 1 and 2 to break"
    );
    // `coverage` speaks only when every file reads as a profile: after the schema error, not at all.
    for (edited, what, finding, coverage) in [
        (
            text.replacen(second, &second.replace('2', "3"), 1),
            "rank 3 after rank 1 in profiles/ct.json",
            "rank 3 follows rank 1",
            true,
        ),
        (
            text.replacen("\"rank\": 1,", "\"rank\": 0,", 1),
            "rank 0 in profiles/ct.json",
            "`rank` is 0, but must be from 1 to 5",
            false,
        ),
    ] {
        std::fs::write(&ct, edited)?;
        git(&scratch.work, &["add", "."])?;
        let broken = scratch.try_repo(&pre_commit, 1, what, coverage)?;
        ensure!(
            broken.contains(finding)
                && broken.contains("- exit code: 1")
                && broken.contains("profiles/ct.json")
                && broken.contains("Failed"),
            "pre-commit try-repo, {what}: no `{finding}` at profiles/ct.json and `Failed` in:\n{broken}"
        );
    }
    eprintln!(
        "pre-commit: one `tipkit check` over {count} profiles, exit 0 clean and 1 broken, with the finding"
    );
    Ok(())
}

/// Two scratch git repositories under `target/tmp/pre-commit-interop/`: `hooks` holds this
/// repository's `.pre-commit-hooks.yaml`, `work` a copy of `profiles/`; `bin/tipkit` records
/// each run in `log`, then runs the real one.
struct Scratch {
    dir: PathBuf,
    hooks: PathBuf,
    work: PathBuf,
    bin: PathBuf,
    log: PathBuf,
    /// The codes of the profiles copied, upper case.
    codes: Vec<String>,
}

impl Scratch {
    fn new(tipkit: &Path) -> anyhow::Result<Self> {
        let root = project_root();
        let dir = root.join("target/tmp/pre-commit-interop");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        let (hooks, work, bin) = (dir.join("hooks"), dir.join("work"), dir.join("bin"));
        let log = dir.join("tipkit-runs.log");
        let profiles = work.join("profiles");
        for dir in [&hooks, &profiles, &bin] {
            std::fs::create_dir_all(dir)?;
        }

        std::fs::copy(
            root.join(".pre-commit-hooks.yaml"),
            hooks.join(".pre-commit-hooks.yaml"),
        )?;
        let mut codes = Vec::new();
        for path in crate::profile_paths()? {
            let name = path.file_name().context("a profile has a name")?;
            std::fs::copy(&path, profiles.join(name))?;
            let code = name
                .to_string_lossy()
                .trim_end_matches(".json")
                .to_uppercase();
            codes.push(code);
        }
        for repository in [&hooks, &work] {
            git(repository, &["init", "--quiet"])?;
            git(repository, &["add", "."])?;
            git(repository, &["commit", "--quiet", "-m", "scratch"])?;
        }

        let wrapper = bin.join("tipkit");
        let script = format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            tipkit.display()
        );
        std::fs::write(&wrapper, script)?;
        make_executable(&wrapper)?;
        Ok(Self {
            dir,
            hooks,
            work,
            bin,
            log,
            codes,
        })
    }

    /// `pre-commit try-repo <hooks> tipkit-check --all-files` in `work`: the exit code is
    /// `expect`, tipkit ran once as `tipkit check`, and `coverage` does not contradict the
    /// folder; `coverage`: whether a coverage finding must be there at all.
    fn try_repo(
        &self,
        pre_commit: &Path,
        expect: i32,
        what: &str,
        coverage: bool,
    ) -> anyhow::Result<String> {
        std::fs::write(&self.log, "")?;
        let path = std::env::var_os("PATH").unwrap_or_default();
        let paths = std::iter::once(self.bin.clone()).chain(std::env::split_paths(&path));
        let output = Command::new(pre_commit)
            .args(["try-repo", "--color", "never", "--verbose", "--all-files"])
            .arg(&self.hooks)
            .arg("tipkit-check")
            .current_dir(&self.work)
            .env("PATH", std::env::join_paths(paths)?)
            .env("PRE_COMMIT_HOME", self.dir.join("cache"))
            .env("NO_COLOR", "1")
            .output()
            .context("cannot run pre-commit")?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let code = output.status.code();
        eprintln!(
            "--- pre-commit try-repo, {what}: exit {code:?}\n{}",
            excerpt(&text)
        );
        ensure!(
            code == Some(expect),
            "pre-commit try-repo, {what}: exit {code:?}, expected {expect}:\n{text}"
        );
        let runs = std::fs::read_to_string(&self.log)?;
        let runs: Vec<&str> = runs.lines().collect();
        ensure!(
            runs == ["check"],
            "pre-commit try-repo, {what}: tipkit ran {} times ({runs:?}); the hook must run \
             `tipkit check` once, over the whole folder, with no file names",
            runs.len()
        );
        check_coverage(&text, &self.codes, coverage)
            .with_context(|| format!("pre-commit try-repo, {what}"))?;
        Ok(text)
    }
}

/// A `coverage` finding lists jurisdictions with no profile: none of them may have one here.
/// `expected`: whether there must be one (there is none when a file does not read as a profile).
fn check_coverage(output: &str, codes: &[String], expected: bool) -> anyhow::Result<()> {
    let mut seen = false;
    for line in output.lines().filter(|l| l.contains("[coverage]")) {
        seen = true;
        let listed = line.rsplit_once(": ").map_or("", |(_, codes)| codes);
        for code in listed.split(", ").map(str::trim) {
            ensure!(
                !codes.iter().any(|c| c == code),
                "coverage says {code} has no profile, but profiles/{}.json is in the folder: {line}",
                code.to_lowercase()
            );
        }
    }
    ensure!(
        seen == expected,
        "coverage finding expected: {expected}, found: {seen}, in the output:\n{output}"
    );
    Ok(())
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
