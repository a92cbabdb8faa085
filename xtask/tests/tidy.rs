//! Tidy: the repository stands alone. No code, script or configuration it holds reads outside it
//! (the project's shared material sits beside the repository on the machine it was written on,
//! and a clone has none of it), so `cargo test` passes on a fresh clone.
//!
//! Every file git tracks or would track (`git ls-files --cached --others --exclude-standard`),
//! but Markdown prose, snapshots of output, and the hostile and broken inputs (run on scratch
//! copies), is searched for relative paths that climb with `..`. Such a path must land inside
//! the repository, on something that exists, from the file's folder, its package's folder, the
//! root or `profiles/` (the folders a path can be relative to here). A path that lands nowhere
//! from all of them, such as a reference to the shared folder beside the repository, fails the
//! test, and so does an absolute path to something that exists in the folder that holds the
//! repository (a made-up path in a test, such as `/tmp/x` in a clone under `/tmp/`, is not one).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// Tracked files and new files not ignored, relative to the root. Fails loudly without git.
fn files(root: &Path) -> Vec<PathBuf> {
    let output = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output()
        .expect("the tidy test needs git, to list the repository's files");
    assert!(
        output.status.success(),
        "git ls-files failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
        .stdout
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .filter(|path| root.join(path).is_file())
        .collect()
}

/// Whether `path` is code, a script or configuration, as opposed to prose, recorded output or
/// hostile input.
fn is_searched(path: &Path) -> bool {
    let text = path.to_string_lossy();
    let data = ["tests/hostile/", "tests/bad-input/"];
    if data.iter().any(|d| text.starts_with(d)) || path == Path::new(file!()) {
        return false;
    }
    !matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "snap" | "txt" | "csv" | "svg" | "png")
    )
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')
}

/// The relative paths in `line` that climb with `..`: each as (how many folders it climbs above
/// where it starts, what it names from there).
fn climbing_paths(line: &str) -> Vec<(&str, usize, PathBuf)> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(is_path_char) {
        let token_len = rest[start..]
            .find(|c| !is_path_char(c))
            .unwrap_or(rest.len() - start);
        let token = &rest[start..start + token_len];
        rest = &rest[start + token_len..];
        if !token.split('/').any(|segment| segment == "..") {
            continue;
        }
        let mut climbs = 0;
        let mut names: Vec<&str> = Vec::new();
        for segment in token.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    if names.pop().is_none() {
                        climbs += 1;
                    }
                }
                name => names.push(name),
            }
        }
        if climbs > 0 {
            found.push((token, climbs, names.iter().collect()));
        }
    }
    found
}

/// Where a path in `file` may start: its folder, its package's folder, the root, and `profiles/`
/// (a profile's `$schema`, `../schemas/…`, is relative to its folder, wherever a copy lives).
fn bases_of(root: &Path, file: &Path) -> Vec<PathBuf> {
    let folder = file.parent().unwrap_or(Path::new("")).to_path_buf();
    let package = folder
        .ancestors()
        .find(|dir| root.join(dir).join("Cargo.toml").is_file())
        .unwrap_or(Path::new(""))
        .to_path_buf();
    vec![folder, package, PathBuf::new(), PathBuf::from("profiles")]
}

/// Whether climbing `climbs` folders from `base` and then naming `names` stays in the repository
/// and lands on something that exists.
fn lands_inside(root: &Path, base: &Path, climbs: usize, names: &Path) -> bool {
    let depth = base.components().count();
    if climbs > depth {
        return false;
    }
    let mut target = base.to_path_buf();
    for _ in 0..climbs {
        target.pop();
    }
    root.join(target).join(names).exists()
}

#[test]
fn no_file_reads_outside_the_repository() {
    let root = root();
    // The folder that holds the repository, unless that is `/` itself.
    let beside = root
        .parent()
        .filter(|parent| parent.parent().is_some())
        .map(|parent| format!("{}/", parent.display()));
    let files = files(&root);
    assert!(
        files.iter().any(|f| f == Path::new("Cargo.toml")),
        "no files listed under {}",
        root.display()
    );
    let mut problems = Vec::new();
    let mut searched = 0;
    for file in files.iter().filter(|f| is_searched(f)) {
        let Ok(text) = std::fs::read_to_string(root.join(file)) else {
            continue; // not text
        };
        searched += 1;
        let bases = bases_of(&root, file);
        for (number, line) in text.lines().enumerate() {
            let at = format!("{}:{}", file.display(), number + 1);
            for (token, climbs, names) in climbing_paths(line) {
                if !bases
                    .iter()
                    .any(|base| lands_inside(&root, base, climbs, &names))
                {
                    problems.push(format!("{at}: `{token}` leads outside the repository"));
                }
            }
            if let Some(beside) = beside.as_deref() {
                for (found, _) in line.match_indices(beside) {
                    // A path into the folder beside that leads somewhere: a made-up path in a
                    // test, e.g. when the repository is cloned into /tmp/, is not a read.
                    let rest = &line[found..];
                    let path = &rest[..rest.find(|c| !is_path_char(c)).unwrap_or(rest.len())];
                    let into = Path::new(path);
                    if path.len() > beside.len() && into.exists() && !into.starts_with(&root) {
                        problems.push(format!(
                            "{at}: `{path}`, an absolute path into {beside}, outside the repository"
                        ));
                    }
                }
            }
        }
    }
    assert!(searched > 100, "only {searched} files searched");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_path_to_the_shared_folder_is_caught() {
    let root = root();
    let file = Path::new("crates/tipkit-validate/tests/schema.rs");
    let bases = bases_of(&root, file);
    // Built from parts, so that this file does not itself name the folder beside the repository.
    let outside = ["..", "shared", "profile-format", "ct.json"].join("/");
    let line = format!("let reference = root().join(\"{outside}\");");
    let [(token, climbs, names)] = &climbing_paths(&line)[..] else {
        panic!("one path in {line}");
    };
    assert_eq!(*token, outside);
    assert!(
        !bases
            .iter()
            .any(|base| lands_inside(&root, base, *climbs, names))
    );
    for fine in [
        r#"include_str!("../../../data/hhs-regions.json")"#,
        r#"concat!(env!("CARGO_MANIFEST_DIR"), "/../..")"#,
        r#"tipkit-model = { path = "../tipkit-model" }"#,
        "for i in 0..n { x[..i].len(); }",
    ] {
        let file = Path::new("crates/tipkit-model/src/jurisdiction.rs");
        let bases = bases_of(&root, file);
        for (token, climbs, names) in climbing_paths(fine) {
            assert!(
                bases
                    .iter()
                    .any(|base| lands_inside(&root, base, climbs, &names)),
                "{token} in {fine}"
            );
        }
    }
    let escapes = climbing_paths(r#""../../../../../etc/passwd""#);
    let (_, climbs, names) = &escapes[0];
    let bases = bases_of(&root, Path::new("crates/tipkit/tests/cli.rs"));
    assert!(
        !bases
            .iter()
            .any(|base| lands_inside(&root, base, *climbs, names))
    );
}
