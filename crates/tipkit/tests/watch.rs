//! `tipkit check --watch` as a user meets it: a report at once, a new report after a profile is
//! saved with a new mistake, and after `tipkit.toml` changes. This tests behaviour, not speed:
//! each report may take many seconds to come on a busy machine.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use insta_cmd::get_cargo_bin;
use tipkit_validate::CheckReport;

/// How long a report may take to come.
const PATIENCE: Duration = Duration::from_secs(30);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The watcher, killed when the test ends however it ends.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The JSON reports on the watcher's standard output, one by one: each ends with a line `}`.
fn reports(child: &mut Child) -> Receiver<CheckReport> {
    let stdout = child.stdout.take().unwrap();
    let (sender, reports) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            text.push_str(&line);
            text.push('\n');
            if line == "}" {
                let report = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("not a report: {e}\n{text}"));
                if sender.send(report).is_err() {
                    return;
                }
                text.clear();
            }
        }
    });
    reports
}

fn next(reports: &Receiver<CheckReport>, waiting_for: &str) -> CheckReport {
    let start = Instant::now();
    reports
        .recv_timeout(PATIENCE)
        .unwrap_or_else(|e| panic!("no report {waiting_for} after {:?}: {e}", start.elapsed()))
}

fn rules(report: &CheckReport) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

/// Writes `text` over `path` as editors do: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let temporary = path.with_extension("swp");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

#[test]
fn a_save_with_a_new_mistake_brings_a_report_with_that_finding() {
    let dir = std::env::temp_dir().join(format!("tipkit-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    let profile = dir.join("profiles/ct.json");
    let ct = std::fs::read_to_string(root().join("profiles/ct.json")).unwrap();
    std::fs::write(&profile, &ct).unwrap();

    let mut child = Command::new(get_cargo_bin("tipkit"))
        .current_dir(&dir)
        .args(["check", "--watch", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let reports = reports(&mut child);
    let watching = Watching(child);

    let first = next(&reports, "at the start");
    assert!(!rules(&first).contains(&"ranked-venues"), "{first:#?}");

    // Rank 2 of the sex trafficking venues becomes a second rank 1.
    let broken = ct.replacen("\"rank\": 2", "\"rank\": 1", 1);
    assert_ne!(broken, ct);
    save(&profile, &broken);
    let second = next(&reports, "after the save");
    assert!(rules(&second).contains(&"ranked-venues"), "{second:#?}");
    assert_eq!(second.summary.files, 1);

    // `tipkit.toml` is read anew: the rule turned off, its finding is gone.
    std::fs::write(
        dir.join("tipkit.toml"),
        "[rules]\nranked-venues = \"off\"\n",
    )
    .unwrap();
    let mut third = next(&reports, "after tipkit.toml changed");
    // Writing a file may come as more than one change; the last report counts.
    while let Ok(later) = reports.recv_timeout(Duration::from_secs(1)) {
        third = later;
    }
    assert!(!rules(&third).contains(&"ranked-venues"), "{third:#?}");

    drop(watching);
    let _ = std::fs::remove_dir_all(&dir);
}
