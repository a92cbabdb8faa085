//! `tipkit export` over `profiles/`: every table as a snapshot, its row counts, and Python's `csv`
//! module reading the same rows back.

use std::path::{Path, PathBuf};
use std::process::Command;

const TABLES: [&str; 6] = [
    "profiles",
    "hotline_statistics",
    "demographics",
    "venues",
    "laws",
    "efforts",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn export(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tipkit"))
        .current_dir(root())
        .arg("export")
        .args(args)
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn every_table_of_the_profiles() {
    for table in TABLES {
        let output = export(&["--table", table]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.split_terminator('\n').all(|line| line.ends_with('\r')),
            "RFC 4180 ends lines with CRLF"
        );
        insta::assert_snapshot!(format!("csv_{table}"), text.replace("\r\n", "\n"));
    }
}

#[test]
fn row_counts() {
    let expected = [
        ("profiles", 51),
        ("hotline_statistics", 255),
        ("demographics", 7),
        ("venues", 9),
        ("laws", 8),
        ("efforts", 8),
    ];
    for (table, rows) in expected {
        let output = export(&["--table", table, "--format", "jsonl"]);
        let text = String::from_utf8(output.stdout).unwrap();
        assert_eq!(text.lines().count(), rows, "{table}");
    }
}

#[test]
fn jsonl_keeps_numbers_and_nulls() {
    let output = export(&["--table", "profiles", "--format", "jsonl"]);
    let text = String::from_utf8(output.stdout).unwrap();
    let ct: serde_json::Value =
        serde_json::from_str(text.lines().find(|l| l.contains("\"CT\"")).unwrap()).unwrap();
    assert_eq!(
        ct,
        serde_json::json!({"code": "CT", "name": "Connecticut", "region": 1, "status": "published", "cases": 186, "persons": 441})
    );
    let ak: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(ak["cases"], serde_json::Value::Null);
}

#[test]
fn python_reads_the_same_rows_back() {
    let dir = scratch("python");
    let csv = export(&["-o", dir.to_str().unwrap()]);
    assert_eq!(csv.status.code(), Some(0));
    let jsonl = export(&["-o", dir.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(jsonl.status.code(), Some(0));
    let script = "import csv, json, sys\n\
        for table in sys.argv[2:]:\n\
        \x20   with open(f'{sys.argv[1]}/{table}.csv', newline='', encoding='utf-8') as f:\n\
        \x20       rows = list(csv.DictReader(f))\n\
        \x20   print(json.dumps({'table': table, 'rows': rows}))\n";
    let python = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&dir)
        .args(TABLES)
        .output()
        .unwrap();
    assert!(
        python.status.success(),
        "{}",
        String::from_utf8_lossy(&python.stderr)
    );
    for line in String::from_utf8(python.stdout).unwrap().lines() {
        let read: serde_json::Value = serde_json::from_str(line).unwrap();
        let table = read["table"].as_str().unwrap();
        let ours = std::fs::read_to_string(dir.join(format!("{table}.jsonl"))).unwrap();
        let ours: Vec<serde_json::Value> = ours
            .lines()
            .map(|l| {
                // CSV has only text: compare as text, with null as the empty field.
                let row: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(l).unwrap();
                let as_text = row.into_iter().map(|(k, v)| {
                    let text = match v {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    (k, serde_json::Value::String(text))
                });
                serde_json::Value::Object(as_text.collect())
            })
            .collect();
        assert_eq!(read["rows"].as_array().unwrap(), &ours, "{table}");
    }
}

#[test]
fn nothing_is_exported_when_a_profile_does_not_parse() {
    let dir = scratch("broken");
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    std::fs::copy(
        root().join("profiles/ct.json"),
        dir.join("profiles/ct.json"),
    )
    .unwrap();
    std::fs::write(dir.join("profiles/me.json"), "{").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tipkit"))
        .current_dir(&dir)
        .args(["export", "-o", "tables"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!dir.join("tables").exists());
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr));
}
