//! What a write keeps and refuses, as `tipkit check --fix` and `--diff` meet it (#23.3): the
//! owner, group and mode of the file fixed; a file with other names (hard links) refused with a
//! message; `--diff` refusing exactly the files `--fix` refuses.

use std::collections::BTreeSet;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use insta_cmd::get_cargo_bin;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `profiles/ct.json` with its hotline number written `888 373 7888`: a safe fix puts it back.
fn fixable_ct() -> String {
    std::fs::read_to_string(root().join("profiles/ct.json"))
        .unwrap()
        .replacen("\"888-373-7888\"", "\"888 373 7888\"", 1)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-writes-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("tree")).unwrap();
    dir
}

fn tipkit(dir: &Path, args: &[&str]) -> Output {
    Command::new(get_cargo_bin("tipkit"))
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args)
        .output()
        .unwrap()
}

/// As root (as in CI containers), `--fix` on a file of `nobody:nogroup` leaves it theirs, with
/// its mode; as anyone else only the mode can be tested.
#[test]
fn fix_keeps_the_owner_group_and_mode() {
    let dir = scratch("owner");
    let file = dir.join("tree/ct.json");
    std::fs::write(&file, fixable_ct()).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let given = std::os::unix::fs::chown(&file, Some(65534), Some(65534)).is_ok();
    let output = tipkit(&dir, &["check", "--fix", "tree"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("fixed 1 finding in tree/ct.json"),
        "{stderr}"
    );
    let metadata = std::fs::metadata(&file).unwrap();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"888-373-7888\"")
    );
    assert_eq!(metadata.permissions().mode() & 0o7777, 0o640);
    if given {
        assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
    }
}

/// The paths a run said it would not fix or read: on stderr (`--diff`, and `--fix` for what it
/// cannot write) or as the check's read-error findings (`--fix`).
fn refused(output: &Output) -> BTreeSet<String> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let said = stderr.lines().filter_map(|line| {
        let (path, reason) = line.strip_prefix("error: ")?.split_once(": ")?;
        (reason.contains("not fixed") || reason.contains("not read")).then(|| path.to_owned())
    });
    let found = stdout
        .split("error[read-error]")
        .skip(1)
        .filter_map(|finding| {
            let (_, rest) = finding.split_once("= note: in ")?;
            Some(rest.lines().next()?.to_owned())
        });
    said.chain(found).collect()
}

/// A hard-linked profile is refused by `--fix` (so that its other name cannot keep the old text)
/// and by `--diff` alike, and so are a read-only file and a link out of the tree: the two
/// commands refuse the same files, with exit 2, and neither changes any.
#[test]
fn diff_refuses_exactly_what_fix_refuses() {
    let dir = scratch("agree");
    let ct = fixable_ct();
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    std::fs::write(dir.join("tree/ct.json"), &ct).unwrap();
    std::fs::hard_link(dir.join("tree/ct.json"), dir.join("outside/ct-copy.json")).unwrap();
    std::fs::write(dir.join("tree/ri.json"), ct.replace("\"ct\"", "\"ri\"")).unwrap();
    std::fs::set_permissions(
        dir.join("tree/ri.json"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    std::fs::write(dir.join("outside/nj.json"), &ct).unwrap();
    std::os::unix::fs::symlink("../outside/nj.json", dir.join("tree/nj.json")).unwrap();

    let diff = tipkit(&dir, &["check", "--diff", "tree"]);
    let fix = tipkit(&dir, &["check", "--fix", "tree"]);
    assert_eq!(diff.status.code(), Some(2));
    assert_eq!(fix.status.code(), Some(2));
    let expected: BTreeSet<String> = ["tree/ct.json", "tree/nj.json", "tree/ri.json"]
        .map(String::from)
        .into();
    assert_eq!(refused(&diff), expected, "{diff:?}");
    assert_eq!(refused(&fix), expected, "{fix:?}");
    assert!(
        String::from_utf8_lossy(&fix.stderr).contains(
            "tree/ct.json: cannot write: the file has 2 names (hard links); not written over"
        ),
        "{fix:?}"
    );
    assert!(
        !String::from_utf8_lossy(&diff.stdout).contains("+++"),
        "{diff:?}"
    );
    for file in ["tree/ct.json", "outside/ct-copy.json", "outside/nj.json"] {
        assert_eq!(
            std::fs::read_to_string(dir.join(file)).unwrap(),
            ct,
            "{file}"
        );
    }
}
