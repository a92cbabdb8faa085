//! `tipkit check --fix`, `--unsafe-fixes` and `--diff` as users meet them, with the issue's
//! acceptance case: a misspelt copy of `profiles/ct.json` fixed back byte for byte.

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ct() -> String {
    std::fs::read_to_string(root().join("profiles/ct.json")).unwrap()
}

/// A scratch folder holding `files`.
fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-fix-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn tipkit(dir: &Path) -> Command {
    let mut command = Command::new(get_cargo_bin("tipkit"));
    command
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY");
    command
}

/// `profiles/ct.json` with its rank-3 venue written `Hotel-/Motel-Based`, its laws shuffled, its
/// name written `Conneticut` and its hotline number `888 373 7888`.
fn misspelt_ct() -> String {
    let mut profile = tipkit_model::from_str(&ct()).unwrap();
    let laws = profile.laws.as_mut().unwrap();
    laws.swap(0, 3);
    laws.swap(1, 6);
    "Conneticut".clone_into(&mut profile.state.name);
    tipkit_model::to_canonical_string(&profile)
        .replacen(
            "\"venue\": \"Hotel/Motel-Based\"",
            "\"venue\": \"Hotel-/Motel-Based\"",
            1,
        )
        .replacen("\"888-373-7888\"", "\"888 373 7888\"", 1)
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = scratch("diff", &[("ct.json", &misspelt_ct())]);
    assert_cmd_snapshot!(tipkit(&dir).args(["check", "--diff", "ct.json"]));
    assert_eq!(
        std::fs::read_to_string(dir.join("ct.json")).unwrap(),
        misspelt_ct()
    );
}

#[test]
fn fix_gives_back_connecticut_byte_for_byte() {
    let dir = scratch("acceptance", &[("ct.json", &misspelt_ct())]);
    assert_cmd_snapshot!(tipkit(&dir).args(["check", "--fix", "ct.json"]));
    assert_eq!(std::fs::read_to_string(dir.join("ct.json")).unwrap(), ct());
    let leftovers = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(leftovers, 1, "no temp files");
    // Nothing left to fix: `--diff` is quiet and passes.
    let again = tipkit(&dir)
        .args(["check", "--diff", "ct.json"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());
}

#[test]
fn a_file_that_does_not_parse_is_never_touched() {
    let broken = ct().replacen("\"Connecticut\"", "\"Conneticut\"", 1)[..400].to_owned();
    let dir = scratch("broken", &[("ct.json", &broken)]);
    let output = tipkit(&dir)
        .args(["check", "--fix", "--unsafe-fixes", "ct.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.join("ct.json")).unwrap(),
        broken
    );
}

/// A rank gap has an unsafe fix: shown and counted, applied only with `--unsafe-fixes`.
#[test]
fn unsafe_fixes_wait_for_unsafe_fixes() {
    let gap = ct().replacen("\"rank\": 3,", "\"rank\": 7,", 1).replacen(
        "\"rank\": 4,",
        "\"rank\": 3,",
        1,
    );
    let gap = gap.replacen("\"rank\": 7,", "\"rank\": 4,", 1);
    let gap = gap.replacen("\"Connecticut\"", "\"Conneticut\"", 1);
    let dir = scratch("unsafe", &[("ct.json", &gap)]);
    assert_cmd_snapshot!("unsafe_findings", tipkit(&dir).args(["check", "ct.json"]));
    assert_cmd_snapshot!(
        "unsafe_fix_safe_only",
        tipkit(&dir).args(["check", "--fix", "ct.json"])
    );
    assert_cmd_snapshot!(
        "unsafe_fix_with_unsafe",
        tipkit(&dir).args(["check", "--fix", "--unsafe-fixes", "ct.json"])
    );
    assert_eq!(std::fs::read_to_string(dir.join("ct.json")).unwrap(), ct());
}

#[test]
fn configuration_marks_rules_unfixable_or_their_unsafe_fixes_safe() {
    let gap = ct().replacen("\"rank\": 5,", "\"rank\": 4,", 1).replacen(
        "\"Connecticut\"",
        "\"Conneticut\"",
        1,
    );
    let config = "fixable = [\"ranked-venues\"]\nunfixable = [\"state-identity\"]\n";
    let dir = scratch("config", &[("ct.json", &gap), ("tipkit.toml", config)]);
    // Shown as `--fix` would apply them: the rank fix safe, the name fix gone.
    assert_cmd_snapshot!(
        "config_fixes_shown",
        tipkit(&dir).args(["check", "ct.json"])
    );
    let output = tipkit(&dir)
        .args(["check", "--fix", "ct.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the name is left");
    let fixed = std::fs::read_to_string(dir.join("ct.json")).unwrap();
    assert_eq!(fixed, ct().replacen("\"Connecticut\"", "\"Conneticut\"", 1));
    std::fs::write(dir.join("tipkit.toml"), "unfixable = [\"state-identiy\"]\n").unwrap();
    assert_cmd_snapshot!(
        "config_unknown_unfixable",
        tipkit(&dir).args(["check", "--fix", "ct.json"])
    );
}

fn validator(schema: &Path) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(validator: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn json_and_sarif_carry_the_fixes_and_pass_their_schemas() {
    let dir = scratch("formats", &[("ct.json", &misspelt_ct())]);
    let json = tipkit(&dir)
        .args(["check", "--format", "json", "ct.json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let check_report = validator(&root().join("schemas/check-report.schema.json"));
    assert_eq!(errors(&check_report, &report), Vec::<String>::new());
    // The venue alias's fix; the profile's rules run beside it and carry fixes of their own.
    let alias = |d: &&serde_json::Value| d["rule"] == "unknown-value";
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let fix = &diagnostics.iter().find(alias).unwrap()["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["edits"][0]["replacement"], "\"Hotel/Motel-Based\"");
    let (start, end) = (
        fix["edits"][0]["start"].as_u64().unwrap(),
        fix["edits"][0]["end"].as_u64().unwrap(),
    );
    let text = misspelt_ct();
    assert_eq!(
        &text[usize::try_from(start).unwrap()..usize::try_from(end).unwrap()],
        "\"Hotel-/Motel-Based\""
    );

    let sarif = tipkit(&dir)
        .args(["check", "--format", "sarif", "ct.json"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let official = validator(&root().join("tests/sarif-schema-2.1.0.json"));
    assert_eq!(errors(&official, &sarif), Vec::<String>::new());
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-value")
        .unwrap();
    let change = &result["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "ct.json");
    let replacement = &change["replacements"][0];
    assert_eq!(
        replacement["insertedContent"]["text"],
        "\"Hotel/Motel-Based\""
    );
    assert_eq!(replacement["deletedRegion"]["byteOffset"], start);
}

/// Hostile trees (#11's standard on `--fix`): a link to a file outside the folders checked is not
/// read nor written through; a FIFO and a device named `*.json` are reported and left as they are; a
/// read-only file is reported, not rewritten. Each is a failure (exit 2), said on stderr.
#[test]
fn fix_writes_only_regular_files_inside_the_tree() {
    use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
    let misspelt = misspelt_ct();
    let dir = scratch("hostile-tree", &[]);
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    std::fs::create_dir_all(dir.join("tree")).unwrap();
    std::fs::write(dir.join("outside/ct.json"), &misspelt).unwrap();
    // `tree/ct.json` links to the sibling folder's file: up one, then into `outside/`.
    let outside = Path::new("..").join("outside/ct.json");
    std::os::unix::fs::symlink(outside, dir.join("tree/ct.json")).unwrap();
    let fifo = dir.join("tree/x.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo is needed by this test");
    std::os::unix::fs::symlink("/dev/null", dir.join("tree/null.json")).unwrap();
    std::fs::write(dir.join("tree/ri.json"), &misspelt).unwrap();
    std::fs::set_permissions(
        dir.join("tree/ri.json"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let output = tipkit(&dir)
        .args(["check", "--fix", "--unsafe-fixes", "tree"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    // The link out of the tree is not even read (#22.4): a read-error, not a fix.
    assert!(
        stdout.contains("a symbolic link that leads outside the checked paths; not read")
            && stdout.contains("in tree/ct.json"),
        "{stdout}"
    );
    assert!(
        stderr.contains("tree/ri.json: cannot write: the file is read-only"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("outside/ct.json")).unwrap(),
        misspelt
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("tree/ri.json")).unwrap(),
        misspelt
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(
        std::fs::symlink_metadata(dir.join("tree/ct.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// A file with thousands of fixable findings, far past the hundred a check shows of a rule, is
/// fixed whole in one run (one pass per overlap, not one per hundred fixes), and `--diff` shows
/// all of it.
#[test]
fn thousands_of_fixes_are_applied_in_one_run() {
    let text = ct();
    let profile = tipkit_model::from_str(&text).unwrap();
    let mut many = profile.clone();
    let law = profile.laws.as_ref().unwrap()[0].clone();
    many.laws = Some(
        (0..3000)
            .map(|i| {
                let mut law = law.clone();
                law.title = format!("Law {i:05}");
                law.citation = tipkit_model::Citation::new(format!("§ {i}")).unwrap();
                law.url = Some(format!("http://example.org/{i}"));
                law
            })
            .collect(),
    );
    let many = tipkit_model::to_canonical_string(&many);
    let dir = scratch("many", &[("ct.json", &many)]);
    let output = tipkit(&dir)
        .args(["check", "--diff", "--unsafe-fixes", "ct.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&output.stdout);
    let added = |l: &&str| l.starts_with('+') && l.contains("\"https://example.org/");
    assert_eq!(diff.lines().filter(added).count(), 3000);
    let output = tipkit(&dir)
        .args(["check", "--fix", "--unsafe-fixes", "ct.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("fixed 3000 findings in ct.json"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("ct.json")).unwrap(),
        many.replace("\"http://", "\"https://")
    );
}
