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
    // Made of parts, so that the repository holds no path that climbs out of it.
    let outside = std::path::Path::new("..").join("outside").join("nj.json");
    std::os::unix::fs::symlink(outside, dir.join("tree/nj.json")).unwrap();

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

/// Every file and folder under `dir`, relative to it, sorted.
fn tree_of(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            found.insert(path.strip_prefix(dir).unwrap().display().to_string());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    found
}

/// A repository `repo` (a copy of `profiles/`, a subfolder `sub`) beside a folder `home` holding
/// `.config` and `sub`, that commits the links `out` to `home` and `docs` to `home/sub`.
fn repository_with_links_out(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let (repo, home) = (dir.join("repo"), dir.join("home"));
    std::fs::create_dir_all(repo.join("profiles")).unwrap();
    std::fs::create_dir_all(repo.join("sub")).unwrap();
    std::fs::create_dir_all(home.join(".config/profs")).unwrap();
    std::fs::create_dir_all(home.join("sub")).unwrap();
    for entry in std::fs::read_dir(root().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, repo.join("profiles").join(path.file_name().unwrap())).unwrap();
    }
    let hostile = root().join("tests/hostile");
    std::fs::copy(
        hostile.join("import-output-link-out/ct.txt"),
        repo.join("ct.txt"),
    )
    .unwrap();
    std::fs::copy(
        hostile.join("import-statistics-link-out/stats.csv"),
        repo.join("stats.csv"),
    )
    .unwrap();
    // Made of parts, so that the repository holds no path that climbs out of it.
    let up = Path::new("..").join("home");
    std::os::unix::fs::symlink(&up, repo.join("out")).unwrap();
    std::os::unix::fs::symlink(up.join("sub"), repo.join("docs")).unwrap();
    (repo, home)
}

/// #round3 writes3.1 and .3: a link out in the middle of an output path is refused (exit 2, one
/// message) whether the path is absolute, climbs with `..`, or climbs after the link, by every
/// command that writes; nothing is written or made outside, not even the folders of
/// `export -o out/a/b/c`.
#[test]
fn a_link_out_in_the_middle_of_an_output_path_is_refused_by_every_write() {
    let (repo, home) = repository_with_links_out("middle");
    let before = tree_of(&home);
    let abs = |rest: &str| format!("{}/{rest}", repo.display());
    // Made of parts, so that the repository holds no path that climbs out of it.
    let climb_out = Path::new("..")
        .join("out")
        .join(".config")
        .display()
        .to_string();
    let runs: Vec<(PathBuf, Vec<String>)> = [
        (&repo, vec!["export", "-o", &abs("out/.config"), "profiles"]),
        (
            &repo,
            vec![
                "render",
                "-o",
                &abs("out/.config/x.html"),
                "profiles/ct.json",
            ],
        ),
        (
            &repo,
            vec!["import", "ct.txt", "-o", &abs("out/.config/ct.json")],
        ),
        (&repo, vec!["new", "ct", "--dir", &abs("out/.config")]),
        (
            &repo,
            vec![
                "import-statistics",
                "stats.csv",
                "--dir",
                &abs("out/.config/profs"),
            ],
        ),
        (
            &repo.join("sub"),
            vec!["export", "-o", &climb_out, "../profiles"],
        ),
        (
            &repo,
            vec!["render", "-o", "docs/../ct.html", "profiles/ct.json"],
        ),
        (&repo, vec!["export", "-o", "sub/../docs/../x", "profiles"]),
        (&repo, vec!["export", "-o", "out/a/b/c", "profiles"]),
    ]
    .into_iter()
    .map(|(dir, args)| (dir.clone(), args.into_iter().map(String::from).collect()))
    .collect();
    for (dir, args) in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = tipkit(dir, &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("a symbolic link that leads outside the folder written"),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert_eq!(tree_of(&home), before, "{args:?}");
    }
    // The same writes inside the repository go through.
    let output = tipkit(
        &repo,
        &["export", "-o", &abs("sub/../tables/a"), "profiles"],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(repo.join("tables/a/laws.csv").is_file());
}

/// #round3 writes3.2: `fmt` and `check --fix` on a file named under a committed folder link
/// `profiles` to the folder `home/cfg` beside the repository neither read nor write it (exit 2), and `fmt --check` agrees.
#[test]
fn a_named_file_under_a_folder_link_out_is_neither_read_nor_written() {
    let dir = scratch("named");
    std::fs::create_dir_all(dir.join("home/cfg")).unwrap();
    std::fs::create_dir_all(dir.join("repo")).unwrap();
    // `ct.json` parses but is laid out with 4 spaces (`fmt` would rewrite it); `nh.json` holds
    // a finding a safe fix would change.
    let (ct, nh) = (unformatted_ct(), fixable_ct().replace("\"ct\"", "\"nh\""));
    std::fs::write(dir.join("home/cfg/ct.json"), &ct).unwrap();
    std::fs::write(dir.join("home/cfg/nh.json"), &nh).unwrap();
    std::os::unix::fs::symlink(
        Path::new("..").join("home").join("cfg"),
        dir.join("repo/profiles"),
    )
    .unwrap();
    for args in [
        &["fmt", "profiles/ct.json"][..],
        &["fmt", "profiles/ct.json", "profiles/nh.json"],
        &["fmt", "--check", "profiles/ct.json"],
        &["check", "--fix", "profiles/nh.json"],
        &["check", "profiles/nh.json"],
    ] {
        let output = tipkit(&dir.join("repo"), args);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(!stdout.contains("formatted"), "{args:?}: {stdout}");
        assert!(!stdout.contains("888 373 7888"), "{args:?}: {stdout}");
        assert_eq!(
            std::fs::read_to_string(dir.join("home/cfg/ct.json")).unwrap(),
            ct
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("home/cfg/nh.json")).unwrap(),
            nh
        );
    }
}

/// `profiles/ct.json` indented with 4 spaces: it parses, and `fmt` would rewrite it.
fn unformatted_ct() -> String {
    std::fs::read_to_string(root().join("profiles/ct.json"))
        .unwrap()
        .replace("  ", "    ")
}

/// #round3 writes3.4: `fmt --check` reports a read-only file as `fmt` refuses it (exit 2), not
/// as one it would reformat.
#[test]
fn fmt_check_reports_a_read_only_file_as_fmt_refuses_it() {
    let dir = scratch("read-only");
    let file = dir.join("tree/ct.json");
    std::fs::write(&file, unformatted_ct()).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    for args in [&["fmt", "tree"][..], &["fmt", "--check", "tree"]] {
        let output = tipkit(&dir, args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(
            stderr.contains("tree/ct.json: cannot write: the file is read-only"),
            "{args:?}: {stderr}"
        );
        assert!(
            !String::from_utf8_lossy(&output.stdout).contains("would reformat"),
            "{args:?}: {output:?}"
        );
    }
}
