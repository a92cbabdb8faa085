//! `tipkit diff` as reviewers meet it: every fixture pair of `tests/fixtures/diff/` in the three
//! formats, the JSON report against its schema, the Markdown through a `CommonMark` renderer, the
//! acceptance scenario on `profiles/`, and `--git`.

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/diff")
}

fn tipkit(dir: &Path) -> Command {
    let mut command = Command::new(get_cargo_bin("tipkit"));
    command
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY");
    command
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas/diff-report.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// The JSON report of `args`, checked against the schema.
fn json_report(dir: &Path, args: &[&str]) -> Value {
    let output = tipkit(dir)
        .arg("diff")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<String> = schema()
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    report
}

/// Renders Markdown as GitHub does (tables on) and returns the HTML.
fn render_markdown(text: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

#[test]
fn fixture_pairs_in_every_format() {
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "{cases:?}");
    for case in &cases {
        let old = format!("{case}/old");
        let new = format!("{case}/new");
        for format in ["human", "markdown", "json"] {
            let mut command = tipkit(&fixtures());
            command.args([
                "diff",
                &old,
                &new,
                "--exit-code",
                "--color",
                "never",
                "--format",
                format,
            ]);
            assert_cmd_snapshot!(format!("{case}-{format}"), command);
        }
        json_report(&fixtures(), &[&old, &new]);
        let markdown = tipkit(&fixtures())
            .args(["diff", &old, &new, "--format", "markdown"])
            .output()
            .unwrap();
        let html = render_markdown(&String::from_utf8(markdown.stdout).unwrap());
        assert!(html.contains("<table>"), "{case}: {html}");
        assert!(!html.contains("<a "), "{case}: {html}");
    }
}

#[test]
fn a_profile_against_itself_is_no_change() {
    let mut command = tipkit(&root());
    command.args(["diff", "profiles", "profiles", "--exit-code"]);
    assert_cmd_snapshot!(command, @r"
    success: true
    exit_code: 0
    ----- stdout -----
    tipkit diff: 51 profiles compared, 0 changed; 0 added, 0 removed, 0 changed, 0 moved; 0 findings

    ----- stderr -----
    ");
}

/// Copies `profiles/` to a scratch folder and edits it as a submission would.
fn submission(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let edit = |file: &str, change: &dyn Fn(&mut Value)| {
        let path = dir.join(file);
        let mut value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        change(&mut value);
        std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap() + "\n").unwrap();
    };
    edit("ct.json", &|ct| {
        ct["hotline_cases"]["cases_reported"] = json!(190);
        let venues = ct["sex_trafficking_venues"].as_array_mut().unwrap();
        venues.swap(1, 2);
        venues[1]["rank"] = json!(2);
        venues[2]["rank"] = json!(3);
        ct["laws"]
            .as_array_mut()
            .unwrap()
            .push(json!({"title": "A Law Added in Review", "citation": "§ 53a-192z"}));
        ct["statewide_efforts"]["campaigns"]
            .as_array_mut()
            .unwrap()
            .remove(0);
    });
    edit("tx.json", &|tx| {
        tx["status"] = json!("published");
        tx["call_types"] = json!({"year": 2016});
    });
    dir
}

#[test]
fn acceptance_lists_exactly_the_submitted_changes() {
    let new = submission("acceptance");
    let report = json_report(&root(), &["profiles", new.to_str().unwrap()]);
    let changes: Vec<(&str, &str, &str)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
                c["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("CT", "changed", "/hotline_cases/cases_reported"),
            ("CT", "changed", "/sex_trafficking_venues/1/rank"),
            ("CT", "changed", "/sex_trafficking_venues/2/rank"),
            ("CT", "added", "/laws/8"),
            ("CT", "removed", "/statewide_efforts/campaigns/0"),
            ("TX", "changed", "/status"),
            ("TX", "added", "/call_types"),
        ]
    );
    let first = &report["changes"][0];
    assert_eq!((&first["old"], &first["new"]), (&json!(186), &json!(190)));
    assert_eq!(
        report["changes"][1]["what"],
        "sex_trafficking_venues[Hotel/Motel-Based].rank"
    );

    let markdown = tipkit(&root())
        .args([
            "diff",
            "profiles",
            new.to_str().unwrap(),
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let html = render_markdown(&String::from_utf8(markdown.stdout).unwrap());
    assert_eq!(html.matches("<table>").count(), 2, "{html}");
    assert!(
        html.contains("<td>186</td>") && html.contains("<td>190</td>"),
        "{html}"
    );
    assert!(html.contains("<td>+4</td>"), "{html}");
    std::fs::remove_dir_all(new).unwrap();
}

#[test]
fn hostile_strings_make_no_link_html_or_cell_in_markdown() {
    let dir = std::env::temp_dir().join(format!("tipkit-diff-{}-hostile", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for side in ["old", "new"] {
        std::fs::create_dir_all(dir.join(side)).unwrap();
        std::fs::copy(
            root().join("profiles/ct.json"),
            dir.join(side).join("ct.json"),
        )
        .unwrap();
    }
    let path = dir.join("new/ct.json");
    let mut ct: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    ct["statewide_efforts"]["campaigns"][0]["name"] = json!(
        "x | y <script>alert(1)</script> [click](https://evil.example) `code` www.evil.example\r\n| a | b |"
    );
    std::fs::write(&path, serde_json::to_string_pretty(&ct).unwrap()).unwrap();
    let output = tipkit(&dir)
        .args(["diff", "old", "new", "--format", "markdown"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let html = render_markdown(&text);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<a "), "{html}");
    assert!(!html.contains("<code>"), "{html}");
    // Every row of the table has its five cells: none was split.
    for row in html.split("<tr>").skip(2) {
        assert_eq!(row.matches("<td").count(), 5, "{row}");
    }
    let human = tipkit(&dir).args(["diff", "old", "new"]).output().unwrap();
    assert!(
        !human.stdout.contains(&b'\r'),
        "a raw CR reached the terminal"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn git_mode_compares_the_working_tree_with_a_revision() {
    let dir = std::env::temp_dir().join(format!("tipkit-diff-{}-git", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    std::fs::copy(
        root().join("profiles/ct.json"),
        dir.join("profiles/ct.json"),
    )
    .unwrap();
    // Git's output is input too: a committed name that would forge a workflow command.
    let hostile_name = dir.join("profiles/tx\n::error::forged.json");
    std::fs::copy(root().join("profiles/tx.json"), &hostile_name).unwrap();
    let git = |args: &[&str]| {
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
            .current_dir(&dir)
            .status()
            .expect("git is needed for this test");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "old"]);
    let path = dir.join("profiles/ct.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("\"cases_reported\": 186", "\"cases_reported\": 190"),
    )
    .unwrap();
    std::fs::remove_file(&hostile_name).unwrap();
    let report = json_report(&dir, &["--git", "HEAD"]);
    assert_eq!(report["changes"].as_array().unwrap().len(), 2, "{report}");
    assert_eq!(
        report["changes"][0]["pointer"],
        "/hotline_cases/cases_reported"
    );
    assert_eq!(report["changes"][1]["kind"], "removed");
    assert_eq!(
        report["changes"][1]["file"],
        "HEAD:profiles/tx\n::error::forged.json"
    );
    let human = tipkit(&dir)
        .args(["diff", "--git", "HEAD"])
        .output()
        .unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(
        human.contains("TX (HEAD:profiles/tx\\n::error::forged.json)"),
        "{human}"
    );
    assert!(!human.lines().any(|line| line.starts_with("::")), "{human}");
    let refused = tipkit(&dir)
        .args(["diff", "--git", "--output=x"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    std::fs::remove_dir_all(dir).unwrap();
}

/// #22.5 and #22.4 on `--git`: a second Connecticut in a subfolder is a second profile added
/// (and `--exit-code` fails), whichever order git and the disk list the copies in; a link out
/// of the tree on the working-tree side is refused and nothing of its target is printed.
#[test]
fn git_mode_lists_a_second_profile_and_refuses_links_out_of_the_tree() {
    let dir = std::env::temp_dir().join(format!("tipkit-diff-{}-second", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("repo/profiles/zz")).unwrap();
    let repo = dir.join("repo");
    let ct = std::fs::read_to_string(root().join("profiles/ct.json")).unwrap();
    std::fs::write(repo.join("profiles/ct.json"), &ct).unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(&repo)
            .status()
            .expect("git is needed for this test");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    let with_900 = ct.replace(
        "\"hotlines\": [",
        "\"hotlines\": [\n    { \"name\": \"Help\", \"phone\": \"900-555-0100\" },",
    );
    assert_ne!(with_900, ct);
    std::fs::write(repo.join("profiles/zz/ct.json"), &with_900).unwrap();
    let report = json_report(&repo, &["--git", "HEAD"]);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report:#}");
    assert_eq!(changes[0]["file"], "profiles/zz/ct.json");
    assert_eq!(changes[0]["kind"], "added");
    assert_eq!(changes[0]["what"], "second profile");
    let output = tipkit(&repo)
        .args(["diff", "--git", "HEAD", "--exit-code"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let human = String::from_utf8(output.stdout).unwrap();
    assert!(
        human.contains(
            "CT (profiles/zz/ct.json)
  + second profile added"
        ),
        "{human}"
    );
    // Both copies committed, then the one in the subfolder changed: the change is shown.
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "second"]);
    std::fs::write(
        repo.join("profiles/zz/ct.json"),
        with_900.replace("900-555-0100", "900-555-0199"),
    )
    .unwrap();
    let report = json_report(&repo, &["--git", "HEAD"]);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report:#}");
    assert_eq!(changes[0]["file"], "profiles/zz/ct.json");
    assert_eq!(changes[0]["new"], "900-555-0199");
    // A link out of the tree on the working-tree side.
    std::fs::write(dir.join("secret.json"), "SECRET=hunter2\n").unwrap();
    let out_of_the_tree = Path::new("..").join("..").join("secret.json");
    std::os::unix::fs::symlink(out_of_the_tree, repo.join("profiles/nj.json")).unwrap();
    for format in ["human", "markdown", "json"] {
        let output = tipkit(&repo)
            .args(["diff", "--git", "HEAD", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        let all = [output.stdout, output.stderr].concat();
        let all = String::from_utf8_lossy(&all);
        assert!(!all.contains("hunter2"), "{format}: {all}");
        assert!(all.contains("outside the checked paths"), "{format}: {all}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// #22 round 2, diff2.2: `profiles/ct.json` changed and its old text copied to
/// `profiles/CT.json`: the change of `ct.json` is shown, and `CT.json` is the second profile.
#[test]
fn git_mode_compares_the_copy_at_the_same_path() {
    let dir = std::env::temp_dir().join(format!("tipkit-diff-{}-same-path", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    let ct = std::fs::read_to_string(root().join("profiles/ct.json")).unwrap();
    std::fs::write(dir.join("profiles/ct.json"), &ct).unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(&dir)
            .status()
            .expect("git is needed for this test");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    let changed = ct.replace("\"cases_reported\": 186", "\"cases_reported\": 999");
    assert_ne!(changed, ct);
    std::fs::write(dir.join("profiles/ct.json"), changed).unwrap();
    std::fs::write(dir.join("profiles/CT.json"), &ct).unwrap();
    let output = tipkit(&dir)
        .args(["diff", "--git", "HEAD", "--exit-code"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let human = String::from_utf8(output.stdout).unwrap();
    assert!(
        human.contains("CT (profiles/ct.json)\n  ~ hotline_cases.cases_reported: 186 → 999 (+813)"),
        "{human}"
    );
    assert!(
        human.contains("CT (profiles/CT.json)\n  + second profile added"),
        "{human}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
