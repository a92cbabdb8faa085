//! The pre-commit hook of `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from the
//! Python Package Index, under `target/tools/pre-commit/`) as a user runs it: `pre-commit
//! try-repo <hooks> tipkit-check --all-files` in a scratch git repository holding a copy of
//! `profiles/`, clean, then with an untracked broken profile (which the hook ignores: it checks
//! the index), the same profile staged, a rule's error, a schema error, and a staged
//! `tipkit.toml` alone (which runs the hook). A `tipkit` wrapper first on `PATH` records each
//! run, so the test sees that the hook checks the whole folder in one run: the rules across
//! profiles must see every sibling.

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

    let clean = scratch.try_repo(&pre_commit, 0, "clean", true, true)?;
    let checked = format!("{count} files checked: 0 errors");
    ensure!(
        clean.contains(&checked) && clean.contains("Passed"),
        "pre-commit try-repo, clean: no `{checked}` and `Passed` in:\n{clean}"
    );

    // An untracked broken profile is not the commit's: the hook passes. Staged, it fails.
    let stray = scratch.work.join("profiles/zz.json");
    std::fs::write(&stray, "{\"broken\": ")?;
    let untracked = scratch.try_repo(&pre_commit, 0, "an untracked broken profile", true, true)?;
    ensure!(
        untracked.contains(&checked) && !untracked.contains("zz.json"),
        "pre-commit try-repo, an untracked broken profile: not ignored:\n{untracked}"
    );
    git(&scratch.work, &["add", "profiles/zz.json"])?;
    let staged = scratch.try_repo(&pre_commit, 1, "a staged broken profile", false, true)?;
    ensure!(
        staged.contains("profiles/zz.json") && staged.contains("error[syntax]"),
        "pre-commit try-repo, a staged broken profile: no syntax error in it:\n{staged}"
    );
    git(
        &scratch.work,
        &["rm", "--quiet", "--cached", "profiles/zz.json"],
    )?;
    std::fs::remove_file(&stray)?;

    // A rule's error, then a schema error, in Connecticut's profile.
    let ct = scratch.work.join("profiles/ct.json");
    let text = std::fs::read_to_string(&ct)?;
    let second = "\"rank\": 2,\n      \"venue\": \"Online Ad. Venue Unknown\"";
    ensure!(
        text.contains(second) && text.contains("\"rank\": 1,"),
        "profiles/ct.json changed: no ranks 1 and 2 to break"
    );
    // `coverage` speaks when every file's identity types: beside a schema error in a venue list
    // too, since the rules run over every section that types.
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
            true,
        ),
    ] {
        std::fs::write(&ct, edited)?;
        git(&scratch.work, &["add", "."])?;
        let broken = scratch.try_repo(&pre_commit, 1, what, coverage, true)?;
        ensure!(
            broken.contains(finding)
                && broken.contains("- exit code: 1")
                && broken.contains("profiles/ct.json")
                && broken.contains("Failed"),
            "pre-commit try-repo, {what}: no `{finding}` at profiles/ct.json and `Failed` in:\n{broken}"
        );
    }

    // `tipkit.toml` alone staged runs the hook, which reads it from the index.
    std::fs::write(&ct, &text)?;
    git(&scratch.work, &["add", "profiles/ct.json"])?;
    std::fs::write(
        scratch.work.join("tipkit.toml"),
        "[rules]\nrankd-venues = \"off\"\n",
    )?;
    git(&scratch.work, &["add", "tipkit.toml"])?;
    let config = scratch.try_repo(&pre_commit, 1, "tipkit.toml alone", false, false)?;
    ensure!(
        config.contains("unknown rule `rankd-venues`") && config.contains("Failed"),
        "pre-commit try-repo, tipkit.toml alone: the hook did not read it:\n{config}"
    );
    eprintln!(
        "pre-commit: one `tipkit check --staged` over {count} profiles, exit 0 clean and with an \
         untracked broken profile, 1 broken when staged, and run by `tipkit.toml` alone"
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

    /// `pre-commit try-repo <hooks> tipkit-check` in `work`, over all files or (`all_files`
    /// false) the staged ones: the exit code is `expect`, tipkit ran once as
    /// `tipkit check --staged`, and `coverage` does not contradict the folder; `coverage`:
    /// whether a coverage finding must be there at all.
    fn try_repo(
        &self,
        pre_commit: &Path,
        expect: i32,
        what: &str,
        coverage: bool,
        all_files: bool,
    ) -> anyhow::Result<String> {
        std::fs::write(&self.log, "")?;
        let path = std::env::var_os("PATH").unwrap_or_default();
        let paths = std::iter::once(self.bin.clone()).chain(std::env::split_paths(&path));
        let output = Command::new(pre_commit)
            .args(["try-repo", "--color", "never", "--verbose"])
            .args(all_files.then_some("--all-files"))
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
            runs == ["check --staged"],
            "pre-commit try-repo, {what}: tipkit ran {} times ({runs:?}); the hook must run \
             `tipkit check --staged` once, over the whole folder, with no file names",
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
    crate::interop::python_tool(
        "pre-commit",
        PRE_COMMIT,
        "bin/pre-commit",
        "to test the pre-commit hook",
    )
}
