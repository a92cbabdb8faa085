//! The VS Code extension trusts no repository (issue 23, finding 5): `tipkit.path`, the program
//! it runs, comes from the user's settings only, never a folder's `.vscode/settings.json`, and
//! the manifest says what the extension does in a folder not trusted.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(repository().join("editors/vscode/package.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn tipkit_path_is_read_from_user_settings_only() {
    let setting = &manifest()["contributes"]["configuration"]["properties"]["tipkit.path"];
    assert_eq!(
        setting["scope"], "machine",
        "a workspace may not name the program: {setting:#}"
    );
    // The code reads the user's value itself too, and refuses a relative path.
    let code = std::fs::read_to_string(repository().join("editors/vscode/extension.js")).unwrap();
    assert!(code.contains(".inspect('path')") && code.contains(".globalValue"));
    assert!(
        !code.contains(".get('path')"),
        "`get` would take a workspace's value"
    );
    assert!(code.contains("path.isAbsolute(command)"));
}

#[test]
fn untrusted_folders_get_diagnostics_from_the_tipkit_on_path() {
    let trust = &manifest()["capabilities"]["untrustedWorkspaces"];
    assert_eq!(trust["supported"], "limited", "{trust:#}");
    assert_eq!(trust["restrictedConfigurations"], json!(["tipkit.path"]));
    let description = trust["description"].as_str().unwrap();
    assert!(
        description.contains("diagnostics and fixes") && description.contains("PATH"),
        "{description}"
    );
}

/// Every file under `dir` that `keep` takes, outside build output and installed packages.
fn files(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if matches!(
            entry.file_name().to_str(),
            Some("target" | "node_modules" | ".git")
        ) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            files(&path, keep, out);
        } else if kind.is_file() && keep(&path) {
            out.push(path);
        }
    }
}

/// Nothing the repository holds or writes sets `tipkit.path` for a folder: no `settings.json`
/// names it, and no Rust code writes it.
#[test]
fn no_folder_setting_names_the_program() {
    let mut settings = Vec::new();
    files(
        &repository(),
        &|path| path.ends_with("settings.json"),
        &mut settings,
    );
    let mut rust = Vec::new();
    for folder in ["crates", "xtask"] {
        files(
            &repository().join(folder),
            &|path| {
                path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests/vscode.rs")
            },
            &mut rust,
        );
    }
    assert!(rust.len() > 20, "{} Rust files", rust.len());
    for path in settings.iter().chain(&rust) {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            !text.contains("tipkit.path"),
            "{} names `tipkit.path`",
            path.display()
        );
    }
}
