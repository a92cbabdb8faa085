//! `tipkit import-statistics` on a copy of `profiles/`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn copy_of_profiles(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-import-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn import(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tipkit"))
        .arg("import-statistics")
        .arg(root().join("data/hotline-state-statistics-2012-2016.csv"))
        .arg("--dir")
        .arg(dir)
        .output()
        .unwrap()
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_committed_profiles_are_what_the_import_gives() {
    let dir = copy_of_profiles("noop");
    let output = import(&dir);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "0 created, 0 updated, 51 unchanged, 0 failed\n"
    );
}

#[test]
fn drafts_are_recreated_and_only_statistics_change() {
    let dir = copy_of_profiles("update");
    std::fs::remove_file(dir.join("vt.json")).unwrap();
    let ct = read(dir.join("ct.json"));
    std::fs::write(
        dir.join("ct.json"),
        ct.replace("\"calls\": 193", "\"calls\": 1"),
    )
    .unwrap();

    let output = import(&dir);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "1 created, 1 updated, 49 unchanged, 0 failed\n"
    );
    assert_eq!(
        read(dir.join("vt.json")),
        read(root().join("profiles/vt.json"))
    );
    assert_eq!(read(dir.join("ct.json")), ct);
}

#[test]
fn a_profile_that_does_not_parse_is_reported_and_left_untouched() {
    let dir = copy_of_profiles("broken");
    std::fs::write(dir.join("me.json"), "{ not json").unwrap();
    let output = import(&dir);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("me.json: left untouched: 1:3: key must be a string"),
        "{stderr}"
    );
    assert_eq!(read(dir.join("me.json")), "{ not json");
}
