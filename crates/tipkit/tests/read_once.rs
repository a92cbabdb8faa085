//! Each profile is read once per `tipkit check`, in every format: the checks, the rules across
//! profiles and the printers all take its text from the engine's source database. Linux only:
//! `strace -f -e trace=openat,open` counts the opens. Without `strace` the test fails in CI (`CI`
//! set) and is skipped loudly elsewhere.

#![cfg(target_os = "linux")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

const FORMATS: [&str; 4] = ["human", "json", "github", "sarif"];

/// `profiles/` with four profiles: two Connecticuts (a `duplicate-jurisdiction` across them),
/// each with 120 campaigns of one name (100 `links` findings "listed twice", each related to the
/// first, and one that counts the rest),
/// and Massachusetts and Maine, Maine with another national hotline (a `hotline-mismatch` in it,
/// related to a place in Connecticut's file).
fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-read-once-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let profiles = dir.join("profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../profiles");
    let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap();
    let mut ct: Value = serde_json::from_str(&read("ct.json")).unwrap();
    ct["statewide_efforts"]["campaigns"] =
        (0..120).map(|_| json!({ "name": "Campaign" })).collect();
    let ct = serde_json::to_string_pretty(&ct).unwrap();
    std::fs::write(profiles.join("ct.json"), &ct).unwrap();
    std::fs::write(profiles.join("ct-copy.json"), &ct).unwrap();
    std::fs::write(profiles.join("ma.json"), read("ma.json")).unwrap();
    let me = read("me.json").replace("888-373-7888", "888-373-7788");
    std::fs::write(profiles.join("me.json"), me).unwrap();
    dir
}

const FILES: [&str; 4] = ["ct.json", "ct-copy.json", "ma.json", "me.json"];

/// How often `tipkit check --format <format> <args>` opens each profile, and its output.
fn opens(dir: &Path, format: &str, args: &[&str]) -> (BTreeMap<&'static str, usize>, String) {
    let trace = dir.join(format!("trace-{format}.txt"));
    let output = Command::new("strace")
        .args(["-f", "-e", "trace=openat,open", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_tipkit"))
        .args(["check", "--format", format, "--color", "never"])
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(1), "{format}: {stdout}");
    let trace = std::fs::read_to_string(&trace).unwrap();
    let mut counts = BTreeMap::new();
    for file in FILES {
        let quoted = format!("\"profiles/{file}\"");
        counts.insert(file, trace.lines().filter(|l| l.contains(&quoted)).count());
    }
    (counts, stdout)
}

fn strace_present() -> bool {
    let found = Command::new("strace").arg("-V").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "strace is missing: install it (`apt-get install strace`) to run this test in CI"
        );
        eprintln!("\n\n**********************************************************************");
        eprintln!("SKIPPED each_profile_is_opened_once_in_every_format: no strace.");
        eprintln!("Install it with `apt-get install strace` to run it.");
        eprintln!("**********************************************************************\n");
    }
    found
}

#[test]
fn each_profile_is_opened_once_in_every_format() {
    if !strace_present() {
        return;
    }
    let dir = folder();
    let once: BTreeMap<&str, usize> = FILES.iter().map(|file| (*file, 1)).collect();
    for format in FORMATS {
        let (counts, stdout) = opens(&dir, format, &["profiles"]);
        assert_eq!(counts, once, "{format}, the folder");
        // The findings are there: a hundred in a file, and across files.
        for rule in ["links", "duplicate-jurisdiction", "hotline-mismatch"] {
            assert!(stdout.contains(rule), "{format}: no {rule}");
        }
        assert!(stdout.matches("listed twice").count() >= 100, "{format}");
        // Named alone, Maine is compared with its siblings, each read once too.
        let (counts, stdout) = opens(&dir, format, &["profiles/me.json"]);
        assert_eq!(counts, once, "{format}, a named file");
        assert!(stdout.contains("hotline-mismatch"), "{format}: {stdout}");
    }
    let (_, human) = opens(&dir, "human", &["profiles/me.json"]);
    // The related place in a sibling is drawn as a code frame, from the database.
    assert!(human.contains("--> profiles/ct"), "{human}");
    std::fs::remove_dir_all(&dir).unwrap();
}
