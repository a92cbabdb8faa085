//! `tipkit check --format json` streams its report folder by folder. Its promise, held here on
//! folders with findings of every kind (related places, folder findings, read errors, capped
//! findings, hostile names and keys):
//!
//! - stdout reads back as a `tipkit_validate::CheckReport` (which denies unknown fields), and
//!   passes `schemas/check-report.schema.json`;
//! - its bytes are exactly those of that report written whole by `serde_json::to_string_pretty`,
//!   plus a final newline, with every character that `tipkit_validate::needs_escape` names and
//!   `serde_json` leaves raw (DEL, C1 controls, direction marks, line separators) written as
//!   `\uXXXX` (lowercase hex, UTF-16 units), so the strings a reader gets back are exact;
//! - its summary counts the findings it lists.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::get_cargo_bin;
use tipkit_validate::{CheckReport, Severity};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `profiles/ct.json` as a JSON value, to alter.
fn connecticut() -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("profiles/ct.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A folder with findings of every kind, one kind per subfolder.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-json-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let ct = serde_json::to_string_pretty(&connecticut()).unwrap();
    // Two profiles of one jurisdiction: folder findings with related places.
    write(&dir.join("related/ct.json"), &ct);
    write(&dir.join("related/ct-copy.json"), &ct);
    // 150 copies of one law: 100 `laws` findings, then one that counts the rest.
    let mut capped = connecticut();
    capped["laws"] = serde_json::Value::Array(vec![
        serde_json::json!({"title": "A", "citation": "§ 1"});
        150
    ]);
    write(
        &dir.join("capped/ct.json"),
        &serde_json::to_string_pretty(&capped).unwrap(),
    );
    // Hostile characters in a key (so in a pointer and a message) and in a file name.
    let mut hostile = connecticut();
    hostile["x\u{1b}[31m\u{7f}\u{85}\u{202e}\u{2028}\u{feff}y"] = 1.into();
    write(
        &dir.join("hostile/ct.json"),
        &serde_json::to_string_pretty(&hostile).unwrap(),
    );
    write(
        &dir.join("hostile/evil\n\u{1b}]0;\u{7}\u{202e}\u{9b}.json"),
        "{ \"status\": ",
    );
    // A file that cannot be read: a link to nothing.
    std::fs::create_dir_all(dir.join("unreadable")).unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("unreadable/gone.json")).unwrap();
    dir
}

/// What the printer must write for `report`: see the module's doc comment.
fn expected_bytes(report: &CheckReport) -> String {
    let plain = serde_json::to_string_pretty(report).unwrap();
    let mut out = String::with_capacity(plain.len() + 1);
    for c in plain.chars() {
        // `serde_json` escapes C0 controls in strings; a raw one is the layout's newline.
        if tipkit_validate::needs_escape(c) && u32::from(c) >= 0x20 {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

/// Runs `tipkit check --format json` with `args`, checks its promise, and returns the report.
fn check_json(args: &[&str], exit: i32) -> CheckReport {
    let output = Command::new(get_cargo_bin("tipkit"))
        .current_dir(root())
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(exit), "{args:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let report: CheckReport = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not a CheckReport: {e}\n{stdout}"));
    assert_eq!(stdout, expected_bytes(&report), "{args:?}");
    assert!(
        !stdout.contains(|c| c != '\n' && tipkit_validate::needs_escape(c)),
        "{args:?}: a raw control or direction character"
    );

    let schema = std::fs::read_to_string(root().join("schemas/check-report.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{args:?}: {errors:#?}");

    let of = |severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let summary = report.summary;
    assert_eq!(
        (summary.errors, summary.warnings, summary.infos),
        (
            of(Severity::Error),
            of(Severity::Warning),
            of(Severity::Info)
        ),
        "{args:?}"
    );
    report
}

fn has(
    report: &CheckReport,
    rule: &str,
    what: impl Fn(&tipkit_validate::ReportedDiagnostic) -> bool,
) {
    assert!(
        report.diagnostics.iter().any(|d| d.rule == rule && what(d)),
        "no `{rule}` finding of that kind in {report:#?}"
    );
}

#[test]
fn the_streamed_report_is_the_check_report_byte_for_byte() {
    let dir = scratch();
    let folder = dir.to_str().unwrap();
    let report = check_json(&[folder, "no-such-folder"], 2);
    // A folder finding (about a folder, with no line) and a finding with related places (the
    // report carries the finding; its related places are not part of the report's shape).
    has(&report, "coverage", |d| {
        d.line.is_none() && d.file.ends_with("related")
    });
    has(&report, "duplicate-jurisdiction", |d| {
        d.line.is_some() && d.file.ends_with("ct-copy.json") && d.message.contains("ct.json")
    });
    // Capped: one rule, 100 findings in one file, then the one that counts the rest.
    let laws = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "laws" && d.file.contains("capped"))
        .count();
    assert_eq!(laws, 101, "{report:#?}");
    has(&report, "laws", |d| {
        d.message.contains("more `laws` findings")
    });
    // Hostile characters, exact for a reader.
    has(&report, "unknown-key", |d| {
        d.pointer
            .contains("\u{1b}[31m\u{7f}\u{85}\u{202e}\u{2028}\u{feff}")
    });
    has(&report, "syntax", |d| {
        d.file.contains("evil\n\u{1b}]0;\u{7}\u{202e}\u{9b}")
    });
    // Read errors: a link to nothing, and a path that is not there.
    has(&report, "read-error", |d| d.file.ends_with("gone.json"));
    has(&report, "read-error", |d| d.file == "no-such-folder");

    // Passing profiles with notes only, and a folder with no profile: the empty list.
    check_json(&["crates/tipkit/tests/fixtures/pass"], 0);
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let report = check_json(&[dir.join("empty").to_str().unwrap()], 0);
    assert!(report.diagnostics.is_empty());
    // Every file over the size limit.
    let related = dir.join("related");
    let report = check_json(&["--max-file-size", "100", related.to_str().unwrap()], 2);
    assert_eq!(report.diagnostics.len(), 2, "{report:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}
