//! The tipkit command as users meet it: each subcommand and format, exit codes, colour, and bad
//! paths, as insta snapshots of exit status, stdout and stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `tipkit` run in `tests/fixtures/`, so that paths in its output are short and stable.
fn tipkit() -> Command {
    let mut command = Command::new(get_cargo_bin("tipkit"));
    command
        .current_dir(fixtures())
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY");
    command
}

/// A scratch folder holding copies of fixture folders.
fn scratch(name: &str, folders: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for folder in folders {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        for entry in std::fs::read_dir(fixtures().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.join(folder).join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn check_human_pass() {
    assert_cmd_snapshot!(tipkit().args(["check", "pass"]));
}

#[test]
fn check_human_fail() {
    assert_cmd_snapshot!(tipkit().args(["check", "fail"]));
}

#[test]
fn check_json_pass() {
    assert_cmd_snapshot!(tipkit().args(["check", "pass", "--format", "json"]));
}

#[test]
fn check_json_fail() {
    assert_cmd_snapshot!(tipkit().args(["check", "fail", "--format", "json"]));
}

#[test]
fn check_github_pass() {
    assert_cmd_snapshot!(tipkit().args(["check", "pass", "--format", "github"]));
}

#[test]
fn check_github_fail() {
    assert_cmd_snapshot!(tipkit().args(["check", "fail", "--format", "github"]));
}

#[test]
fn check_sarif_pass() {
    assert_cmd_snapshot!(tipkit().args(["check", "pass", "--format", "sarif"]));
}

#[test]
fn check_sarif_fail() {
    assert_cmd_snapshot!(tipkit().args(["check", "fail", "--format", "sarif"]));
}

#[test]
fn sarif_passes_the_official_schema() {
    let schema = std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for folder in ["pass", "fail"] {
        let output = tipkit()
            .args(["check", folder, "--format", "sarif"])
            .output()
            .unwrap();
        let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{folder}: {errors:#?}");
        assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    }
    // A path that cannot be read: a result, and an invocation that did not succeed.
    let output = tipkit()
        .args(["check", "pass", "no-such-folder", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "unreadable: {errors:#?}");
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["descriptor"]["id"],
        "read-error"
    );
}

#[test]
fn github_messages_survive_escaping() {
    let output = tipkit()
        .args(["check", "fail", "--format", "github"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.contains("title=unknown-key"))
        .unwrap();
    let (_, message) = line.split_once("::").unwrap().1.split_once("::").unwrap();
    let unescaped = message
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%");
    assert!(
        // The key's newline is shown, not kept: no input starts a line of an annotation.
        unescaped.starts_with("unknown key `a:b,c%d\\ne` in the profile\nhelp: "),
        "{unescaped}"
    );
}

#[test]
fn github_step_summary_gets_a_table_of_every_finding() {
    let summary =
        std::env::temp_dir().join(format!("tipkit-step-summary-{}.md", std::process::id()));
    std::fs::write(&summary, "earlier step\n").unwrap();
    let output = tipkit()
        .args(["check", "fail", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(std::fs::read_to_string(&summary).unwrap());
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let coloured = tipkit()
        .args(["check", "fail", "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b["));
    let no_color = tipkit()
        .args(["check", "fail", "--color", "always"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains('\x1b'));
    let piped = tipkit().args(["check", "fail"]).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&piped.stdout).contains('\x1b'),
        "not a terminal"
    );
}

#[test]
fn check_deny_warnings() {
    assert_cmd_snapshot!("check_warn", tipkit().args(["check", "warn"]));
    assert_cmd_snapshot!(
        "check_warn_denied",
        tipkit().args(["check", "warn", "--deny", "warnings"])
    );
}

#[test]
fn check_missing_path_still_checks_the_others() {
    assert_cmd_snapshot!(tipkit().args(["check", "pass/ct.json", "no-such-folder"]));
}

#[test]
fn check_named_files_are_compared_with_their_siblings() {
    let dir = scratch("siblings", &["pass"]);
    std::fs::copy(dir.join("pass/ct.json"), dir.join("pass/ct-copy.json")).unwrap();
    // One file named: no finding about the folder, and the copy meets its original on disk.
    assert_cmd_snapshot!(
        "check_named_file",
        tipkit().current_dir(&dir).args(["check", "pass/ct.json"])
    );
    // The copy comes first in the folder: it meets the profile after it.
    assert_cmd_snapshot!(
        "check_named_first_of_two",
        tipkit()
            .current_dir(&dir)
            .args(["check", "pass/ct-copy.json"])
    );
    // Every file named: the folder is checked whole, as `tipkit check pass`.
    assert_cmd_snapshot!(
        "check_named_all_files",
        tipkit().current_dir(&dir).args([
            "check",
            "pass/ct.json",
            "pass/nh.json",
            "pass/ct-copy.json",
            "pass/ct.json"
        ])
    );
}

#[test]
fn check_verbose_lists_each_piece_of_information() {
    let dir = scratch("verbose", &["pass"]);
    for code in ["me", "vt"] {
        let made = tipkit()
            .current_dir(&dir)
            .args(["new", code, "--dir", "pass"])
            .output()
            .unwrap();
        assert!(made.status.success(), "{made:?}");
    }
    assert_cmd_snapshot!(
        "check_folded",
        tipkit().current_dir(&dir).args(["check", "pass"])
    );
    assert_cmd_snapshot!(
        "check_verbose",
        tipkit()
            .current_dir(&dir)
            .args(["check", "pass", "--verbose"])
    );
}

#[test]
fn check_unreadable_file_next_to_a_good_one() {
    let dir = scratch("unreadable", &["pass"]);
    std::os::unix::fs::symlink("/nonexistent/profile.json", dir.join("pass/aa.json")).unwrap();
    let fifo = dir.join("pass/zz.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    assert_cmd_snapshot!(tipkit().current_dir(&dir).args(["check", "pass"]));
}

#[test]
fn check_with_config() {
    let dir = scratch("config", &["fail"]);
    std::fs::write(
        dir.join("tipkit.toml"),
        "exclude = [\"fail/ma.json\"]\n[rules]\nranked-venues = \"warning\"\ncoverage = \"off\"\n",
    )
    .unwrap();
    assert_cmd_snapshot!(
        "check_config_applied",
        tipkit().current_dir(&dir).args(["check", "fail"])
    );
    std::fs::write(dir.join("other.toml"), "[rules]\nranked-venue = \"off\"\n").unwrap();
    assert_cmd_snapshot!(
        "check_config_unknown_rule",
        tipkit()
            .current_dir(&dir)
            .args(["check", "fail", "--config", "other.toml"])
    );
}

#[test]
fn check_defaults_to_profiles() {
    let output = tipkit()
        .current_dir(root())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 51);
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn explain_and_rules() {
    assert_cmd_snapshot!(
        "explain_ranked_venues",
        tipkit().args(["explain", "ranked-venues"])
    );
    assert_cmd_snapshot!("explain_unknown", tipkit().args(["explain", "venues"]));
    assert_cmd_snapshot!("rules", tipkit().args(["rules"]));
}

#[test]
fn schema_is_the_committed_file() {
    for (which, file) in [
        ("profile", "state-profile.schema.json"),
        ("check-report", "check-report.schema.json"),
        ("config", "tipkit-config.schema.json"),
        ("diff-report", "diff-report.schema.json"),
    ] {
        let output = tipkit().args(["schema", which]).output().unwrap();
        let committed = std::fs::read(root().join("schemas").join(file)).unwrap();
        assert!(
            output.stdout == committed,
            "tipkit schema {which} differs from schemas/{file}"
        );
    }
}

#[test]
fn fmt_check_lists_files_and_changes_nothing() {
    let dir = scratch("fmt-check", &["messy", "pass"]);
    let before = std::fs::read(dir.join("messy/me.json")).unwrap();
    assert_cmd_snapshot!(
        tipkit()
            .current_dir(&dir)
            .args(["fmt", "--check", "messy", "pass"])
    );
    assert_eq!(std::fs::read(dir.join("messy/me.json")).unwrap(), before);
}

#[test]
fn fmt_rewrites_a_messy_file_and_is_idempotent() {
    let dir = scratch("fmt", &["messy"]);
    let value = |path: &Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    };
    let me = dir.join("messy/me.json");
    let broken_before = std::fs::read(dir.join("messy/broken.json")).unwrap();
    let data_before = value(&me);
    assert_cmd_snapshot!(tipkit().current_dir(&dir).args(["fmt", "messy"]));
    let once = std::fs::read_to_string(&me).unwrap();
    insta::assert_snapshot!("fmt_messy_result", once);
    assert_eq!(value(&me), data_before, "fmt never changes the data");
    assert_eq!(
        std::fs::read(dir.join("messy/broken.json")).unwrap(),
        broken_before,
        "left untouched"
    );
    let again = tipkit()
        .current_dir(&dir)
        .args(["fmt", "messy/me.json"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&me).unwrap(),
        once,
        "a second run changes nothing"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("messy"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temp files: {leftovers:?}");
}

#[test]
fn new_writes_a_draft_and_refuses_to_overwrite() {
    let dir = scratch("new", &[]);
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    assert_cmd_snapshot!(
        "new_written",
        tipkit().current_dir(&dir).args(["new", "pr"])
    );
    let written = std::fs::read_to_string(dir.join("profiles/pr.json")).unwrap();
    insta::assert_snapshot!("new_pr_json", written);
    assert_cmd_snapshot!("new_exists", tipkit().current_dir(&dir).args(["new", "PR"]));
    assert_eq!(
        std::fs::read_to_string(dir.join("profiles/pr.json")).unwrap(),
        written
    );
    assert_cmd_snapshot!(
        "new_unknown_code",
        tipkit().current_dir(&dir).args(["new", "xx"])
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_cmd_snapshot!(
        "usage_bad_format",
        tipkit().args(["check", "--format", "xml"])
    );
}

#[test]
fn render_and_import() {
    let root = root();
    assert_cmd_snapshot!(
        "render_draft_text",
        tipkit().args(["render", "pass/nh.json"])
    );
    assert_cmd_snapshot!(
        "render_broken",
        tipkit().args(["render", "messy/broken.json"])
    );
    let imported = tipkit()
        .arg("import")
        .arg(root.join("tests/fixtures/documents/ct.txt"))
        .output()
        .unwrap();
    assert_eq!(imported.status.code(), Some(0));
    let ct = std::fs::read_to_string(root.join("profiles/ct.json")).unwrap();
    let mut expected: serde_json::Value = serde_json::from_str(&ct).unwrap();
    expected
        .as_object_mut()
        .unwrap()
        .remove("hotline_statistics");
    let got: serde_json::Value = serde_json::from_slice(&imported.stdout).unwrap();
    assert_eq!(
        got, expected,
        "the document carries everything but the yearly figures"
    );
}

#[test]
fn import_writes_atomically_and_never_half_a_profile() {
    let dir = scratch("import", &[]);
    std::fs::create_dir_all(&dir).unwrap();
    let seed = std::fs::read_to_string(root().join("tests/fixtures/documents/ct.txt")).unwrap();
    std::fs::write(
        dir.join("broken.txt"),
        seed.replace("1. Domestic Work", "1. Domestic Chores"),
    )
    .unwrap();
    std::fs::write(dir.join("ct.json"), "previous contents\n").unwrap();
    assert_cmd_snapshot!(
        "import_unreadable_document",
        tipkit()
            .current_dir(&dir)
            .args(["import", "broken.txt", "-o", "ct.json"])
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ct.json")).unwrap(),
        "previous contents\n"
    );
    std::fs::write(dir.join("good.txt"), &seed).unwrap();
    let output = tipkit()
        .current_dir(&dir)
        .args(["import", "good.txt", "-o", "ct.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.join("ct.json")).unwrap();
    assert!(tipkit_model_parses(&written));
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "no temp files left: {names:?}");
}

fn tipkit_model_parses(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v["state"]["code"] == "CT")
}
