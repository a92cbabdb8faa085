//! The hostile-input corpus, `tests/hostile/<case>/`: each case runs one `tipkit` command on a
//! scratch copy of its folder, checks its `case.toml` expectations, and scans everything the
//! command printed or wrote as an attacker's target would: a terminal, a CI log, a document.
//!
//! `case.toml`:
//!
//! ```toml
//! about = "what the case attacks (the issue's point)"
//! args = ["render", "in.json", "--format", "markdown"]  # run in the scratch copy
//! exit = 0
//! stdout = ["must appear"]          # and not_stdout, stderr, not_stderr
//! document = true                   # stdout is a document: scanned for script and links
//! documents = ["out.html"]          # files the command writes, scanned the same way
//! unchanged = ["in.json"]           # files that must stay byte for byte as they were
//! step_summary = true               # set GITHUB_STEP_SUMMARY, scan it as a document
//! summary = ["must appear"]         # in the step summary; and not_summary
//! workflow_commands = true          # stdout may hold `::error file=…` lines of our own
//! env = { SECRET = "hunter2" }      # set for the command
//! never = ["hunter2"]               # in no output: stdout, stderr, step summary, documents
//! [[create]]                        # files made before the run (names git cannot hold)
//! path = "a\n::error::x.json"
//! from = "in.json"                  # or: text = "…", or: repeat = ["[1,", 40000, "1]"]
//!                                   # or: link = "target" (a symbolic link), or: fifo = true
//!                                   # or: hard_link = "file" (another name of a file made)
//! ```
//!
//! A path may climb out of the scratch copy, to a folder beside it named after the case: the
//! scratch parent holds it, and it is removed with the rest.
//!
//! Every case's output is snapshotted (cut at a few thousand characters).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    about: String,
    args: Vec<String>,
    exit: i32,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    not_stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    not_stderr: Vec<String>,
    #[serde(default)]
    document: bool,
    #[serde(default)]
    documents: Vec<String>,
    #[serde(default)]
    unchanged: Vec<String>,
    #[serde(default)]
    step_summary: bool,
    #[serde(default)]
    summary: Vec<String>,
    #[serde(default)]
    not_summary: Vec<String>,
    #[serde(default)]
    workflow_commands: bool,
    #[serde(default)]
    create: Vec<Create>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    never: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Create {
    path: String,
    from: Option<String>,
    text: Option<String>,
    /// Pieces joined in order; a number repeats the piece before it that many times.
    repeat: Option<Vec<toml::Value>>,
    /// A symbolic link to this target, as written.
    link: Option<String>,
    /// A FIFO.
    #[serde(default)]
    fifo: bool,
    /// A hard link to this file, a path in the scratch copy.
    hard_link: Option<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn create(dir: &Path, spec: &Create) {
    let path = dir.join(&spec.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    if let Some(target) = &spec.link {
        #[cfg(unix)]
        std::os::unix::fs::symlink(target, &path).unwrap();
        return;
    }
    if let Some(target) = &spec.hard_link {
        std::fs::hard_link(dir.join(target), &path).unwrap();
        return;
    }
    if spec.fifo {
        let made = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success(), "mkfifo {}", path.display());
        return;
    }
    let bytes = match (&spec.from, &spec.text, &spec.repeat) {
        (Some(from), None, None) => std::fs::read(dir.join(from)).unwrap(),
        (None, Some(text), None) => text.clone().into_bytes(),
        (None, None, Some(pieces)) => {
            let mut out = String::new();
            let mut last = "";
            for piece in pieces {
                match piece {
                    toml::Value::String(s) => {
                        out.push_str(s);
                        last = s;
                    }
                    toml::Value::Integer(n) => {
                        out.push_str(&last.repeat(usize::try_from(*n).unwrap().saturating_sub(1)));
                    }
                    other => panic!("repeat takes strings and counts, not {other:?}"),
                }
            }
            out.into_bytes()
        }
        _ => panic!("{}: give one of from, text, repeat", spec.path),
    };
    std::fs::write(path, bytes).unwrap();
}

/// What no output may hold raw: control characters (but line ends), direction controls, and
/// lines that GitHub would read as workflow commands.
fn scan_stream(
    name: &str,
    what: &str,
    text: &str,
    workflow_commands: bool,
    problems: &mut Vec<String>,
) {
    let mut previous = '\n';
    for c in text.chars() {
        let line_end = c == '\n' || (c == '\r' && previous != '\r');
        if !line_end && tipkit_validate::needs_escape(c) {
            problems.push(format!("{name}: {what} holds a raw {c:?}"));
            break;
        }
        previous = c;
    }
    if text.contains('\r') && text.replace("\r\n", "").contains('\r') {
        problems.push(format!("{name}: {what} holds a lone carriage return"));
    }
    for line in text.lines() {
        if !line.starts_with("::") {
            continue;
        }
        let ours = workflow_commands
            && ["::error file=", "::warning file=", "::notice file="]
                .iter()
                .any(|start| line.starts_with(start));
        if !ours {
            problems.push(format!(
                "{name}: {what} has a line that GitHub reads as a command: {line:?}"
            ));
        }
    }
}

/// What no document may hold: a script element, an event handler, a link to anything but http(s).
/// A page is parsed as a browser parses it, anything else as Markdown turned into HTML (as GitHub
/// and other renderers do); text that merely reads like markup, escaped, is no problem.
fn scan_document(name: &str, what: &str, text: &str, problems: &mut Vec<String>) {
    if text.to_lowercase().contains("<script") {
        problems.push(format!("{name}: {what} holds a <script"));
    }
    let is_page = text
        .trim_start()
        .get(..9)
        .is_some_and(|start| start.eq_ignore_ascii_case("<!doctype"));
    let found = if is_page {
        tipkit_document::audit_html(text)
    } else {
        tipkit_document::audit_markdown(text)
    };
    for problem in found {
        problems.push(format!("{name}: {what} holds {problem}"));
    }
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 3000;
    let visible = tipkit_validate::visible(text).replace("\\n", "\n");
    if visible.chars().count() <= MAX {
        visible
    } else {
        let cut: String = visible.chars().take(MAX).collect();
        format!("{cut}\n… (cut here; the case's expectations check the rest)")
    }
}

#[test]
fn every_hostile_case_is_handled() {
    let corpus = root().join("tests/hostile");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.toml").is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases under {}", corpus.display());
    let scratch_root = std::env::temp_dir().join(format!("tipkit-hostile-{}", std::process::id()));
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for case_dir in &cases {
        let name = case_dir.file_name().unwrap().to_str().unwrap().to_owned();
        let shown = run_case(&name, case_dir, &scratch_root.join(&name), &mut problems);
        seen.insert(name, shown);
    }
    let _ = std::fs::remove_dir_all(&scratch_root);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for (name, shown) in &seen {
        insta::with_settings!({ snapshot_suffix => name.as_str(), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("hostile", shown);
        });
    }
}

/// Runs one case in `dir`, a scratch copy of its folder; returns what a user saw.
fn run_case(name: &str, case_dir: &Path, dir: &Path, problems: &mut Vec<String>) -> String {
    let case: Case = toml::from_str(&std::fs::read_to_string(case_dir.join("case.toml")).unwrap())
        .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
    let _ = std::fs::remove_dir_all(dir);
    copy_dir(case_dir, dir);
    std::fs::remove_file(dir.join("case.toml")).unwrap();
    for spec in &case.create {
        create(dir, spec);
    }
    let before: Vec<(String, Vec<u8>)> = case
        .unchanged
        .iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(f)).unwrap()))
        .collect();
    let summary = dir.join("step-summary.md");
    let mut command = Command::new(env!("CARGO_BIN_EXE_tipkit"));
    command
        .args(&case.args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .envs(&case.env);
    if case.step_summary {
        command.env("GITHUB_STEP_SUMMARY", &summary);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or(-1);
    if code != case.exit {
        problems.push(format!(
            "{name}: exit {code}, expected {}\n{stderr}",
            case.exit
        ));
    }
    check_streams(name, &case, &stdout, &stderr, problems);
    if case.document {
        scan_document(name, "stdout", &stdout, problems);
    }
    let mut written: Vec<(String, PathBuf)> = case
        .documents
        .iter()
        .map(|d| (d.clone(), dir.join(d)))
        .collect();
    if case.step_summary {
        let text = std::fs::read_to_string(&summary).unwrap_or_default();
        for needle in &case.summary {
            if !text.contains(needle.as_str()) {
                problems.push(format!("{name}: the step summary lacks {needle:?}"));
            }
        }
        for needle in &case.not_summary {
            if text.contains(needle.as_str()) {
                problems.push(format!("{name}: the step summary holds {needle:?}"));
            }
        }
        written.push(("step summary".to_owned(), summary));
    }
    for (what, path) in &written {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                for needle in &case.never {
                    if text.contains(needle.as_str()) {
                        problems.push(format!("{name}: {what} holds {needle:?}"));
                    }
                }
                scan_stream(name, what, &text, false, problems);
                scan_document(name, what, &text, problems);
            }
            Err(e) => problems.push(format!("{name}: {what} was not written: {e}")),
        }
    }
    for (file, bytes) in &before {
        if std::fs::read(dir.join(file)).ok().as_ref() != Some(bytes) {
            problems.push(format!("{name}: {file} changed"));
        }
    }
    let mut shown = format!(
        "{}\n$ tipkit {}\nexit {code}\n",
        case.about,
        case.args.join(" ")
    );
    let _ = write!(
        shown,
        "--- stdout\n{}\n--- stderr\n{}",
        excerpt(&stdout),
        excerpt(&stderr)
    );
    shown
}

/// The case's expectations on what the command printed, and the scan of both streams.
fn check_streams(name: &str, case: &Case, stdout: &str, stderr: &str, problems: &mut Vec<String>) {
    for (stream, text, must, must_not) in [
        ("stdout", stdout, &case.stdout, &case.not_stdout),
        ("stderr", stderr, &case.stderr, &case.not_stderr),
    ] {
        for needle in must {
            if !text.contains(needle.as_str()) {
                problems.push(format!("{name}: {stream} lacks {needle:?}"));
            }
        }
        for needle in must_not.iter().chain(&case.never) {
            if text.contains(needle.as_str()) {
                problems.push(format!("{name}: {stream} holds {needle:?}"));
            }
        }
        scan_stream(name, stream, text, case.workflow_commands, problems);
    }
}
