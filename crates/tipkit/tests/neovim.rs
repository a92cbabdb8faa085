//! `tipkit lsp` with a real client: Neovim 0.7 (Debian's `neovim`), headless, which speaks
//! UTF-16 and negotiates no encoding. `tests/fixtures/neovim/client.lua` opens an altered copy
//! of `profiles/ct.json` and a minified one, applies the fix-all action to the first and saves it,
//! opens a translation beside the profiles (`locales/de.json`), and writes what the server sent
//! as JSON.
//!
//! Without `nvim`, the test fails when `CI` is set and is skipped with a message otherwise.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn has_nvim() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The UTF-16 column (0-based) of a 1-based column that counts Unicode scalar values.
fn utf16_column(line: &str, column: u64) -> u64 {
    let before = usize::try_from(column - 1).unwrap();
    line.chars()
        .take(before)
        .map(|c| c.len_utf16() as u64)
        .sum()
}

#[test]
fn neovim_receives_what_tipkit_check_reports() {
    if !has_nvim() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is missing: .ci/run installs Debian's `neovim` for this test"
        );
        eprintln!("skipped: nvim is not installed (`apt-get install neovim`)");
        return;
    }
    let scratch = std::env::temp_dir().join(format!("tipkit-neovim-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(scratch.join("profiles")).unwrap();
    std::fs::create_dir_all(scratch.join("minified")).unwrap();
    std::fs::create_dir_all(scratch.join("locales")).unwrap();
    // A translation named like a jurisdiction, beside the profiles: no profile.
    std::fs::write(
        scratch.join("locales/de.json"),
        "{\"greeting\": \"Hallo\"}\n",
    )
    .unwrap();
    let fixtures = repository().join("crates/tipkit-lsp/tests/fixtures");
    let altered = scratch.join("profiles/ct.json");
    let minified = scratch.join("minified/ct.json");
    std::fs::copy(fixtures.join("ct-altered.json"), &altered).unwrap();
    std::fs::copy(fixtures.join("ct-minified.json"), &minified).unwrap();

    // The diagnostics are what `tipkit check --format json` reports, in UTF-16 positions, of
    // the altered copy, which the client fixes and writes.
    let text = std::fs::read_to_string(&altered).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let expected = check_report(&altered, &lines);

    let received = run_client(&scratch, &altered, &minified);
    let got: Vec<Value> = received["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| serde_json::json!({"code": d["code"], "range": d["range"]}))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
    // One of them sits after non-ASCII text on its line, where UTF-16 and bytes differ.
    assert!(got.iter().any(|d| {
        let line = lines[usize::try_from(d["range"]["start"]["line"].as_u64().unwrap()).unwrap()];
        !line.is_ascii()
    }));

    let hover = received["hover"].as_str().unwrap();
    let docs = tipkit_model::schema().to_value();
    let description = docs
        .pointer("/$defs/HotlineCases/properties/potential_persons_trafficked/description")
        .and_then(Value::as_str)
        .unwrap();
    assert!(hover.contains(description), "{hover}");

    let completion: Vec<&str> = received["completion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(completion.contains(&"Hotel/Motel-Based"), "{completion:?}");
    for labor in <tipkit_model::LaborVenue as tipkit_model::Venue>::ALL {
        let label = tipkit_model::Venue::label(*labor);
        assert!(!completion.contains(&label), "{completion:?}");
    }

    // Formatting the minified copy: one edit over the whole document, with the canonical bytes.
    let canonical = std::fs::read_to_string(repository().join("profiles/ct.json")).unwrap();
    let edits = received["formatting"].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], canonical.as_str());
    let minified_text = std::fs::read_to_string(&minified).unwrap();
    let width: usize = minified_text.chars().map(char::len_utf16).sum();
    assert_eq!(
        edits[0]["range"],
        serde_json::json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": width}})
    );

    // The altered copy after the `source.fixAll.tipkit` action, written by Neovim, is
    // `profiles/ct.json` byte for byte.
    assert_eq!(
        received["fix_all_kinds"],
        serde_json::json!(["source.fixAll.tipkit"])
    );
    let fixed = std::fs::read_to_string(&altered).unwrap();
    assert!(
        fixed == canonical,
        "the fixed copy differs from profiles/ct.json:\n{fixed}"
    );

    // The translation got no diagnostics, and no hover (issue 23, finding 6).
    assert_eq!(received["locale_diagnostics"], "none", "{received:#}");
    assert_eq!(received["locale_hover"], Value::Null, "{received:#}");

    let _ = std::fs::remove_dir_all(&scratch);
}

/// Runs the Lua client on the two copies; what it received.
fn run_client(scratch: &Path, altered: &Path, minified: &Path) -> Value {
    let out = scratch.join("out.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/neovim/client.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("TIPKIT_BIN", env!("CARGO_BIN_EXE_tipkit"))
        .env("TIPKIT_ROOT", scratch)
        .env("TIPKIT_ALTERED", altered)
        .env("TIPKIT_MINIFIED", minified)
        .env("TIPKIT_LOCALE", scratch.join("locales/de.json"))
        .env("TIPKIT_OUT", &out)
        .current_dir(scratch)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish in time");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let received: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(status.success(), "nvim failed: {received:#}");

    received
}

/// The findings `tipkit check --format json` reports for `altered`: codes and UTF-16 ranges.
fn check_report(altered: &Path, lines: &[&str]) -> Vec<Value> {
    let report = Command::new(env!("CARGO_BIN_EXE_tipkit"))
        .args(["check", "--format", "json"])
        .arg(altered)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    // A finding about the folder as a whole (`coverage`) has no line: not the buffer's.
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["line"].is_null())
        .map(|d| {
            let (line, column) = (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
            let (end_line, end_column) = (
                d["end_line"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
            );
            let at = |line: u64, column: u64| {
                let text = lines[usize::try_from(line - 1).unwrap()];
                serde_json::json!({"line": line - 1, "character": utf16_column(text, column)})
            };
            serde_json::json!({
                "code": d["rule"],
                "range": {"start": at(line, column), "end": at(end_line, end_column)},
            })
        })
        .collect()
}
