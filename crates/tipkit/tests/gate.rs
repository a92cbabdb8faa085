//! The gate as a submission meets it (issue 22, findings 1 and 8): `check --config-rev` applies
//! the base's `tipkit.toml`, `diff` shows a changed `tipkit.toml` first, and `check --staged`
//! checks what the commit holds, not the working tree.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use insta_cmd::get_cargo_bin;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A scratch git repository with `profiles/ct.json` committed and tagged `base`.
struct Repo {
    dir: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("tipkit-gate-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("profiles")).unwrap();
        std::fs::copy(
            root().join("profiles/ct.json"),
            dir.join("profiles/ct.json"),
        )
        .unwrap();
        let repo = Self { dir };
        repo.git(&["init", "-q"]);
        repo.git(&["add", "-A"]);
        repo.git(&["commit", "-q", "-m", "base"]);
        repo.git(&["tag", "base"]);
        repo
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&self.dir)
            .status()
            .expect("git is needed for this test");
        assert!(status.success(), "git {args:?}");
    }

    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.dir.join(file), text).unwrap();
    }

    /// `profiles/ct.json` with a hotline number that is not one: a `hotlines` error.
    fn break_ct(&self, file: &str) {
        let text = std::fs::read_to_string(root().join("profiles/ct.json")).unwrap();
        let broken = text.replace("\"888-373-7888\"", "\"1-900-555-0100\"");
        assert_ne!(text, broken);
        self.write(file, &broken);
    }

    fn tipkit(&self, args: &[&str]) -> Output {
        Command::new(get_cargo_bin("tipkit"))
            .args(args)
            .current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .unwrap()
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_submission_that_turns_off_the_failing_rules_still_fails_with_the_base_configuration() {
    let repo = Repo::new("rules-off");
    repo.break_ct("profiles/ct.json");
    repo.write(
        "tipkit.toml",
        "[rules]\nhotlines = \"off\"\nhotline-mismatch = \"off\"\n",
    );
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "submission"]);
    // The submission's own configuration opens the gate...
    assert_eq!(repo.tipkit(&["check"]).status.code(), Some(0));
    // ...the base's does not.
    let checked = repo.tipkit(&["check", "--config-rev", "base"]);
    assert_eq!(checked.status.code(), Some(1), "{}", stdout(&checked));
    assert!(
        stdout(&checked).contains("error[hotlines]"),
        "{}",
        stdout(&checked)
    );
}

#[test]
fn a_submission_that_excludes_the_failing_profile_still_fails_with_the_base_configuration() {
    let repo = Repo::new("exclude");
    repo.break_ct("profiles/ct.json");
    repo.write("tipkit.toml", "exclude = [\"profiles/ct.json\"]\n");
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "submission"]);
    assert_eq!(repo.tipkit(&["check"]).status.code(), Some(0));
    let checked = repo.tipkit(&["check", "--config-rev", "base", "--format", "json"]);
    assert_eq!(checked.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn the_base_configuration_applies_and_its_excludes_are_relative_to_its_folder() {
    let repo = Repo::new("base-config");
    repo.write("tipkit.toml", "exclude = [\"profiles/ct.json\"]\n");
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "exclude ct"]);
    repo.git(&["tag", "-f", "base"]);
    repo.break_ct("profiles/ct.json");
    std::fs::remove_file(repo.dir.join("tipkit.toml")).unwrap();
    let checked = repo.tipkit(&["check", "--config-rev", "base"]);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    assert!(
        stdout(&checked).contains("0 files checked"),
        "{}",
        stdout(&checked)
    );
}

#[test]
fn a_configuration_rev_is_read_safely() {
    let repo = Repo::new("rev-safety");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", repo.dir.join("tipkit.toml")).unwrap();
        repo.git(&["add", "-A"]);
        repo.git(&["commit", "-q", "-m", "a link"]);
        let refused = repo.tipkit(&["check", "--config-rev", "HEAD"]);
        assert_eq!(refused.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains("HEAD:tipkit.toml is a symbolic link; not read"),
            "{stderr}"
        );
        assert!(!stderr.contains("root:"), "{stderr}");
    }
    for rev in ["--output=x", "", "a\u{1b}b"] {
        let refused = repo.tipkit(&["check", &format!("--config-rev={rev}")]);
        assert_eq!(refused.status.code(), Some(2), "{rev:?}");
    }
    let both = repo.tipkit(&["check", "--config-rev", "base", "--config", "tipkit.toml"]);
    assert_eq!(both.status.code(), Some(2));
    let watch = repo.tipkit(&["check", "--config-rev", "base", "--watch"]);
    assert_eq!(watch.status.code(), Some(2));
}

/// A submission that weakens the configuration, and one profile change, as `diff` shows them.
fn weakened(name: &str) -> Repo {
    let repo = Repo::new(name);
    repo.write(
        "tipkit.toml",
        "exclude = [\"old/**\"]\n[rules]\ncoverage = \"off\"\n",
    );
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "configure"]);
    repo.git(&["tag", "-f", "base"]);
    repo.write(
        "tipkit.toml",
        "# |<script>| [x](https://evil.example) @org/team\nexclude = [\"profiles/ct.json\", \"a|b\\r\"]\nfixable = [\"links\"]\n[rules]\nhotlines = \"off\"\nlaws = \"warning\"\n",
    );
    let text = std::fs::read_to_string(repo.dir.join("profiles/ct.json")).unwrap();
    repo.write(
        "profiles/ct.json",
        &text.replace("\"cases_reported\": 186", "\"cases_reported\": 190"),
    );
    repo
}

#[test]
fn diff_shows_a_changed_configuration_first_in_every_format() {
    let repo = weakened("diff");
    let human = repo.tipkit(&["diff", "--git", "base", "--exit-code"]);
    assert_eq!(human.status.code(), Some(1));
    insta::assert_snapshot!("config-section-human", stdout(&human));
    let markdown = repo.tipkit(&["diff", "--git", "base", "--format", "markdown"]);
    insta::assert_snapshot!("config-section-markdown", stdout(&markdown));
    let mut html = String::new();
    let text = stdout(&markdown);
    let parser = pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut html, parser);
    assert!(!html.contains("<a ") && !html.contains("<script"), "{html}");
    assert_eq!(html.matches("<table>").count(), 2, "{html}");
    let json = repo.tipkit(&["diff", "--git", "base", "--format", "json"]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/diff-report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let kinds: Vec<(&str, &str)> = report["config"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["key"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("rule-off", "hotlines"),
            ("rule-lowered", "laws"),
            ("exclude-added", "a|b\r"),
            ("exclude-added", "profiles/ct.json"),
            ("rule-raised", "coverage"),
            ("exclude-removed", "old/**"),
            ("setting-changed", "fixable"),
        ]
    );
    assert_eq!(report["summary"]["config_changes"], 7);
    // `--config-rev` names the configuration the check applied: here the same as the base's.
    let same = repo.tipkit(&[
        "diff",
        "--git",
        "base",
        "--config-rev",
        "HEAD",
        "--format",
        "json",
    ]);
    let same: Value = serde_json::from_slice(&same.stdout).unwrap();
    let without_file = |report: &Value| {
        let mut changes = report["config"].clone();
        for change in changes.as_array_mut().unwrap() {
            change.as_object_mut().unwrap().remove("file");
        }
        changes
    };
    assert_eq!(without_file(&same), without_file(&report));
    assert_eq!(same["config"][5]["file"], "HEAD:tipkit.toml");
}

#[test]
fn a_configuration_change_alone_fails_diff_exit_code() {
    let repo = Repo::new("exit-code");
    repo.write("tipkit.toml", "[rules]\nhotlines = \"off\"\n");
    let changed = repo.tipkit(&["diff", "--git", "base", "--exit-code"]);
    assert_eq!(changed.status.code(), Some(1), "{}", stdout(&changed));
    assert!(
        stdout(&changed).contains("; 1 configuration change\n"),
        "{}",
        stdout(&changed)
    );
    std::fs::remove_file(repo.dir.join("tipkit.toml")).unwrap();
    let clean = repo.tipkit(&["diff", "--git", "base", "--exit-code"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
}

#[test]
fn diff_of_two_folders_compares_their_configurations() {
    let repo = Repo::new("folders");
    for side in ["old", "new"] {
        std::fs::create_dir_all(repo.dir.join(side).join("profiles")).unwrap();
        std::fs::copy(
            root().join("profiles/ct.json"),
            repo.dir.join(side).join("profiles/ct.json"),
        )
        .unwrap();
    }
    // NEW's own, in its root (the folder above the profiles).
    repo.write("new/tipkit.toml", "[rules]\nhotlines = \"off\"\n");
    let report = repo.tipkit(&["diff", "old/profiles", "new/profiles", "--format", "json"]);
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["config"][0]["kind"], "rule-off");
    assert_eq!(report["config"][0]["file"], "new/tipkit.toml");
    // A configuration that cannot be used is a change too, never a silent default.
    repo.write("new/profiles/tipkit.toml", "[rules]\nhotlinez = \"off\"\n");
    let report = repo.tipkit(&["diff", "old/profiles", "new/profiles", "--format", "json"]);
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["config"][0]["kind"], "unusable", "{report}");
}

#[test]
fn staged_checks_the_index_not_untracked_files_or_unstaged_edits() {
    let repo = Repo::new("staged");
    // Untracked: a broken profile; unstaged: a broken edit of a tracked one.
    repo.write("profiles/zz.json", "{\"broken\": ");
    repo.break_ct("profiles/ct.json");
    assert_eq!(repo.tipkit(&["check"]).status.code(), Some(1));
    let staged = repo.tipkit(&["check", "--staged"]);
    assert_eq!(staged.status.code(), Some(0), "{}", stdout(&staged));
    assert!(
        stdout(&staged).contains("1 file checked"),
        "{}",
        stdout(&staged)
    );
    // Staged, the broken profile fails.
    repo.git(&["add", "profiles/zz.json"]);
    let staged = repo.tipkit(&["check", "--staged", "--format", "json"]);
    assert_eq!(staged.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&staged.stdout).unwrap();
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["profiles/zz.json"], "{report}");
}

#[test]
fn staged_reads_the_configuration_from_the_index() {
    let repo = Repo::new("staged-config");
    repo.break_ct("profiles/ct.json");
    repo.git(&["add", "profiles/ct.json"]);
    // An unstaged configuration that would hide the error changes nothing.
    repo.write("tipkit.toml", "exclude = [\"profiles/ct.json\"]\n");
    assert_eq!(repo.tipkit(&["check"]).status.code(), Some(0));
    assert_eq!(repo.tipkit(&["check", "--staged"]).status.code(), Some(1));
    // Staged, it is what the commit holds.
    repo.git(&["add", "tipkit.toml"]);
    assert_eq!(repo.tipkit(&["check", "--staged"]).status.code(), Some(0));
    // ...unless the base decides.
    let based = repo.tipkit(&["check", "--staged", "--config-rev", "base"]);
    assert_eq!(based.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn a_staged_link_is_a_read_error_that_prints_nothing_of_its_target() {
    let repo = Repo::new("staged-link");
    std::os::unix::fs::symlink("/etc/passwd", repo.dir.join("profiles/nj.json")).unwrap();
    repo.git(&["add", "profiles/nj.json"]);
    let staged = repo.tipkit(&["check", "--staged"]);
    assert_eq!(staged.status.code(), Some(2));
    let text = stdout(&staged);
    assert!(text.contains("error[read-error]"), "{text}");
    assert!(text.contains("a symbolic link in the git index"), "{text}");
    assert!(!text.contains("root"), "{text}");
    let fixes = repo.tipkit(&["check", "--staged", "--fix"]);
    assert_eq!(
        fixes.status.code(),
        Some(2),
        "--fix writes the working tree"
    );
}

#[test]
fn staged_skips_a_blob_over_the_size_limit_without_reading_it() {
    let repo = Repo::new("staged-size");
    repo.git(&["add", "profiles/ct.json"]);
    let staged = repo.tipkit(&["check", "--staged", "--max-file-size", "100"]);
    assert_eq!(staged.status.code(), Some(2));
    assert!(
        stdout(&staged).contains("more than the limit of 100 bytes"),
        "{}",
        stdout(&staged)
    );
}

#[test]
fn staged_paths_that_name_nothing_in_the_index_are_errors() {
    let repo = Repo::new("staged-missing");
    repo.write("profiles/zz.json", "{}");
    let missing = repo.tipkit(&["check", "--staged", "profiles/zz.json"]);
    assert_eq!(missing.status.code(), Some(2));
    // One line in words, not git's message with its line break escaped.
    assert_eq!(
        String::from_utf8_lossy(&missing.stderr),
        "error: profiles/zz.json is not in the git index\n"
    );
    let config = repo.tipkit(&["check", "--staged", "--config", "other.toml"]);
    assert_eq!(config.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&config.stderr),
        "error: other.toml is not in the git index\n"
    );
    // A path git names otherwise is still found.
    let absolute = repo.dir.join("profiles/ct.json");
    for path in ["./profiles/ct.json", "profiles", absolute.to_str().unwrap()] {
        let found = repo.tipkit(&["check", "--staged", path]);
        assert_eq!(found.status.code(), Some(0), "{path}: {found:?}");
    }
    // Without a staged `tipkit.toml`, the defaults.
    assert_eq!(repo.tipkit(&["check", "--staged"]).status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn diff_does_not_follow_a_linked_configuration() {
    let repo = Repo::new("diff-link");
    let secret = repo.dir.join("secret.toml");
    std::fs::write(&secret, "[rules]\nsecret-token-value = \"off\"\n").unwrap();
    std::os::unix::fs::symlink(&secret, repo.dir.join("tipkit.toml")).unwrap();
    let diff = repo.tipkit(&["diff", "--git", "base", "--format", "markdown"]);
    let text = stdout(&diff);
    assert!(text.contains("a symbolic link"), "{text}");
    assert!(!text.contains("secret"), "{text}");
}
