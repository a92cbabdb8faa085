//! Reliability: the bad-input corpus, limits, unreadable paths, and writes that never lose a file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tipkit(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tipkit"));
    command.current_dir(dir).env_remove("NO_COLOR");
    command
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("tipkit-reliability-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Exit status and findings of `tipkit check --format json`, one line each.
fn outcome(output: &Output) -> String {
    let mut text = format!("exit {}\n", output.status.code().unwrap_or(-1));
    if let Ok(report) = serde_json::from_slice::<serde_json::Value>(&output.stdout) {
        for d in report["diagnostics"].as_array().unwrap() {
            let _ = writeln!(
                text,
                "  {}[{}] {}:{}: {}",
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap()
            );
        }
    }
    for line in String::from_utf8_lossy(&output.stderr).lines() {
        let _ = writeln!(text, "  stderr: {line}");
    }
    text
}

#[test]
fn every_file_of_the_bad_input_corpus_gets_a_located_error() {
    let corpus = root().join("tests/bad-input");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| tipkit_model::is_profile_path(p))
        .collect();
    files.sort();
    let mut report = String::new();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let output = tipkit(&corpus)
            .args(["check", "--format", "json", name])
            .output()
            .unwrap();
        let errors: Vec<serde_json::Value> =
            serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["severity"] == "error")
                .cloned()
                .collect();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name}: {}",
            outcome(&output)
        );
        assert!(
            errors
                .iter()
                .all(|d| d["line"].is_u64() && d["column"].is_u64()),
            "{name}: an error without a place"
        );
        assert!(!errors.is_empty(), "{name}");
        let _ = write!(report, "{name}: {}", outcome(&output));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn a_million_levels_of_nesting() {
    let dir = scratch("deep");
    let depth = 1_000_000;
    std::fs::write(
        dir.join("deep.json"),
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
    )
    .unwrap();
    let output = tipkit(&dir)
        .args(["check", "--format", "json", "deep.json"])
        .output()
        .unwrap();
    insta::assert_snapshot!(outcome(&output));
}

#[test]
fn a_file_over_the_size_limit_is_reported_not_read() {
    let dir = scratch("large");
    // A sparse 100 MB file: made in an instant, never read.
    std::fs::File::create(dir.join("large.json"))
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    std::fs::copy(root().join("profiles/nh.json"), dir.join("nh.json")).unwrap();
    let output = tipkit(&dir)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    insta::assert_snapshot!(outcome(&output));
    let limited = tipkit(&dir)
        .args([
            "check",
            "--format",
            "json",
            "--max-file-size",
            "1000",
            "nh.json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        limited.status.code(),
        Some(2),
        "nh.json is larger than 1000 bytes"
    );
}

#[test]
fn a_directory_loop_through_symlinks() {
    let dir = scratch("loop");
    std::fs::create_dir_all(dir.join("profiles/old")).unwrap();
    std::fs::copy(
        root().join("profiles/nh.json"),
        dir.join("profiles/nh.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", dir.join("profiles/old/again")).unwrap();
    let output = tipkit(&dir)
        .args(["check", "--format", "json", "profiles"])
        .output()
        .unwrap();
    let text = outcome(&output).replace(dir.to_str().unwrap(), "<dir>");
    insta::assert_snapshot!(text);
}

#[test]
fn a_permission_denied_file_next_to_a_good_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("denied");
    std::fs::copy(root().join("profiles/nh.json"), dir.join("nh.json")).unwrap();
    std::fs::copy(root().join("profiles/vt.json"), dir.join("vt.json")).unwrap();
    std::fs::set_permissions(dir.join("vt.json"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut command = tipkit(&dir);
    // Root reads any file; run as nobody where we are root and can.
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    if is_root {
        let can_drop = Command::new("setpriv")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !can_drop {
            eprintln!(
                "SKIPPED a_permission_denied_file_next_to_a_good_one: root without setpriv reads every file"
            );
            return;
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(dir.join("nh.json"), std::fs::Permissions::from_mode(0o644))
            .unwrap();
        let binary = std::fs::read(env!("CARGO_BIN_EXE_tipkit")).unwrap();
        let copy = dir.join("tipkit-bin");
        std::fs::write(&copy, binary).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&copy)
            .current_dir(&dir);
    }
    let output = command
        .args(["check", "--format", "json", "nh.json", "vt.json"])
        .output()
        .unwrap();
    // The copy of the binary is large: never leave it behind in the temp folder.
    let _ = std::fs::remove_dir_all(&dir);
    insta::assert_snapshot!(outcome(&output));
}

/// A folder of non-canonical copies of every profile.
fn messy_profiles(dir: &Path) -> Vec<(PathBuf, serde_json::Value)> {
    let mut written = Vec::new();
    for entry in std::fs::read_dir(root().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let target = dir.join(path.file_name().unwrap());
        std::fs::write(&target, value.to_string()).unwrap();
        written.push((target, value));
    }
    written
}

fn assert_intact(files: &[(PathBuf, serde_json::Value)]) {
    for (path, value) in files {
        let text = std::fs::read_to_string(path).unwrap();
        let now: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(&now, value, "{} lost data", path.display());
    }
}

#[test]
fn a_writer_killed_midway_leaves_every_file_whole() {
    let dir = scratch("killed");
    let mut files = Vec::new();
    for round in 0..8 {
        let sub = dir.join(format!("copy-{round}"));
        std::fs::create_dir_all(&sub).unwrap();
        files.extend(messy_profiles(&sub));
    }
    let mut child = tipkit(&dir)
        .args(["fmt", "."])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(40));
    let _ = child.kill();
    let _ = child.wait();
    // Each file is either as it was or fully rewritten; no profile is half-written.
    assert_intact(&files);
}

#[test]
fn two_fmt_runs_at_once_end_with_valid_files() {
    let dir = scratch("concurrent");
    let files = messy_profiles(&dir);
    let children: Vec<_> = (0..2)
        .map(|_| {
            tipkit(&dir)
                .args(["fmt", "."])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().code().is_some_and(|c| c <= 1));
    }
    assert_intact(&files);
    let check = tipkit(&dir).args(["fmt", "--check", "."]).output().unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("tipkit-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Whether this process runs as root, where writing over `/dev/null` would succeed if tipkit
/// let it.
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[test]
fn output_onto_a_fifo_or_a_device_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("fifo");
    std::fs::copy(root().join("profiles/nh.json"), dir.join("nh.json")).unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.join("out.md"))
        .status()
        .expect("mkfifo (coreutils) is needed for this test");
    assert!(made.success());
    for target in ["out.md", "/dev/null"] {
        let output = tipkit(&dir)
            .args(["render", "nh.json", "--format", "markdown", "-o", target])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{target}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{target}: {stderr}");
    }
    let fifo = std::fs::symlink_metadata(dir.join("out.md")).unwrap();
    assert!(fifo.file_type().is_fifo(), "the FIFO was replaced");
    let null = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(
        null.file_type().is_char_device(),
        "/dev/null was replaced (root: {})",
        is_root()
    );
}

#[test]
fn fmt_on_a_symlink_formats_its_target_and_keeps_the_link() {
    let dir = scratch("symlink-fmt");
    std::fs::create_dir_all(dir.join("real")).unwrap();
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("profiles/nh.json")).unwrap())
            .unwrap();
    std::fs::write(dir.join("real/nh.json"), value.to_string()).unwrap();
    std::os::unix::fs::symlink("real/nh.json", dir.join("nh.json")).unwrap();
    // Named alone, the link leads outside the paths given (#22.4): refused, nothing read.
    let output = tipkit(&dir).args(["fmt", "nh.json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("outside the checked paths"));
    // Named with the folder of its target, it is followed.
    let output = tipkit(&dir)
        .args(["fmt", "nh.json", "real"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let link = std::fs::symlink_metadata(dir.join("nh.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link became a file");
    assert_eq!(
        std::fs::read_to_string(dir.join("real/nh.json")).unwrap(),
        std::fs::read_to_string(root().join("profiles/nh.json")).unwrap(),
        "the target is in canonical form"
    );
    let names: Vec<String> = std::fs::read_dir(dir.join("real"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["nh.json"], "no temp file left");
}

#[test]
fn fmt_reports_a_read_only_file_and_counts_only_what_it_wrote() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("read-only");
    let files = messy_profiles(&dir);
    let locked = dir.join("nh.json");
    let before = std::fs::read(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = tipkit(&dir).args(["fmt", "."]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("nh.json: cannot write: the file is read-only"),
        "{stderr}"
    );
    let written = files.len() - 1;
    assert!(
        stderr.contains(&format!(
            "{} files: {written} reformatted, 0 could not be parsed, 1 could not be written",
            files.len()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&locked).unwrap(), before);
    assert_intact(&files);
}

#[test]
fn a_symlink_to_a_sibling_folder_is_walked_once_and_is_no_error() {
    let dir = scratch("sibling");
    std::fs::create_dir_all(dir.join("profiles/a")).unwrap();
    std::fs::copy(
        root().join("profiles/nh.json"),
        dir.join("profiles/a/nh.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink("a", dir.join("profiles/b")).unwrap();
    let output = tipkit(&dir)
        .args(["check", "--format", "json", "profiles"])
        .output()
        .unwrap();
    let text = outcome(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        !text.contains("loop") && !text.contains("duplicate"),
        "{text}"
    );
}

/// Runs `tipkit args` with its standard output closed before it writes: a reader gone away.
fn with_broken_pipe(dir: &Path, args: &[&str]) -> Output {
    let mut child = tipkit(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_broken_pipe_ends_quietly() {
    let dir = scratch("pipe");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("profiles/ct.json")).unwrap())
            .unwrap();
    std::fs::write(dir.join("ct.json"), value.to_string()).unwrap();
    let document = "import.txt";
    std::fs::copy(
        root().join("tests/fixtures/documents/ct.txt"),
        dir.join(document),
    )
    .unwrap();
    let commands: [&[&str]; 11] = [
        &["rules"],
        &["schema"],
        &["explain", "ranked-venues"],
        &["render", "ct.json", "--format", "html"],
        &["export", "ct.json", "--table", "laws"],
        &["import", document],
        &["fmt", "--check", "ct.json"],
        &["check", "--format", "json", "ct.json"],
        &["check", "--format", "sarif", "ct.json"],
        &["check", "--format", "github", "ct.json"],
        &["check", "ct.json"],
    ];
    for args in commands {
        let output = with_broken_pipe(&dir, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_ne!(output.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(
            output.status.code().is_some(),
            "{args:?}: killed by a signal"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_full_disk_on_standard_output_is_a_clean_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full is needed for this test");
    let output = tipkit(&root()).arg("rules").stdout(full).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: cannot write to standard output"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
