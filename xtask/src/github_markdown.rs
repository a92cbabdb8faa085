//! The Markdown that GitHub shows, rendered by GitHub's own parser: cmark-gfm, from the Python
//! Package Index (`cmarkgfm`, under `target/tools/cmarkgfm/`). A profile whose texts, status and
//! folder name hold URLs, `www.` addresses, e-mail addresses and `@mentions` goes through the
//! three writers that GitHub renders: `check --format github`'s step summary, `diff --format
//! markdown` and `render --format markdown`. None may turn data into a link or a mention: the
//! summary and the diff hold no link at all, the document only the profile's own links, and the
//! hostile text still shows as written.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail, ensure};
use serde_json::Value;

use crate::project_root;

const CMARKGFM: &str = "cmarkgfm==2025.10.22";

/// Every form that cmark-gfm autolinks or GitHub mentions, and entity spellings of them, in
/// three parts of under 200 characters, so that the diff, which shortens longer values in the
/// middle, shows each whole.
const HOSTILE: [&str; 3] = [
    "x https://evil.example/login www.evil.example (www.evil.example) \
     HTTP://EVIL.example/a ftp://evil.example admin@evil.example mailto:admin@evil.example",
    "xmpp:a@evil.example/x cc @octocat @org/team &#64;octocat https&#58;//evil.example \
     *www.evil.example* _https://evil.example_ ~www.evil.example~",
    "first.last+tag@mail.evil.example <https://evil.example> [x](https://evil.example) \
     ![x](https://evil.example/i.png) http://[::1]/ @a-b/c-d.e",
];

/// What `github_markdown.py` found in one rendered file.
struct Scanned {
    links: Vec<String>,
    mentions: Vec<String>,
    text: String,
}

pub(crate) fn run() -> anyhow::Result<()> {
    let python = install()?;
    crate::ci::cargo(
        &["build", "--package", "tipkit", "--locked", "--quiet"],
        &[],
    )?;
    let tipkit = project_root().join("target/debug/tipkit");
    let dir = project_root().join("target/tmp/github-markdown");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(dir.join("old"))?;
    // A folder name that cmark-gfm would autolink, as the step summary and the diff print it.
    let new = dir.join("www.evil.example");
    std::fs::create_dir_all(&new)?;

    let ct = std::fs::read_to_string(project_root().join("profiles/ct.json"))?;
    std::fs::write(dir.join("old/ct.json"), &ct)?;
    std::fs::write(new.join("ct.json"), hostile_profile(&ct, false)?)?;
    // A profile that does not parse: the schema's finding quotes its status.
    std::fs::create_dir_all(dir.join("status"))?;
    std::fs::write(dir.join("status/ct.json"), hostile_profile(&ct, true)?)?;
    std::fs::write(dir.join("control.md"), HOSTILE.join(" "))?;

    let markdown = |args: &[&str], name: &str| -> anyhow::Result<()> {
        let output = Command::new(&tipkit)
            .args(args)
            .current_dir(&dir)
            .output()
            .with_context(|| format!("cannot run {}", tipkit.display()))?;
        ensure!(
            output.status.success(),
            "tipkit {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::write(dir.join(name), output.stdout)?;
        Ok(())
    };
    markdown(
        &["render", "old/ct.json", "--format", "markdown"],
        "render-base.md",
    )?;
    markdown(
        &["render", "www.evil.example/ct.json", "--format", "markdown"],
        "render.md",
    )?;
    markdown(
        &["diff", "old", "www.evil.example", "--format", "markdown"],
        "diff.md",
    )?;
    let summary = dir.join("summary.md");
    let status = Command::new(&tipkit)
        .args(["check", "www.evil.example", "status", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .status()?;
    ensure!(
        status.code() == Some(1),
        "tipkit check of the hostile profile: {status}, expected exit 1"
    );

    let names = [
        "control.md",
        "render-base.md",
        "render.md",
        "diff.md",
        "summary.md",
    ];
    let scanned = scan(&python, &dir, &names)?;
    judge(&scanned)
}

/// What the scan of `control.md`, `render-base.md`, `render.md`, `diff.md` and `summary.md` must
/// show.
fn judge(scanned: &[Scanned]) -> anyhow::Result<()> {
    let [control, base, render, diff, summary] = scanned else {
        bail!("github_markdown.py reported {} files", scanned.len());
    };

    // The scan finds what it must refuse: raw hostile text links and mentions.
    ensure!(
        control.links.len() >= 6 && control.mentions.len() >= 2,
        "cmark-gfm made {:?} and mentions {:?} of the raw hostile text: the scan sees too little",
        control.links,
        control.mentions
    );
    for (name, found) in [
        ("render", render),
        ("diff", diff),
        ("step summary", summary),
    ] {
        ensure!(
            found.mentions.is_empty(),
            "{name}: GitHub would mention {:?}",
            found.mentions
        );
        for shown in ["admin@evil.example", "@octocat", "www.evil.example"] {
            ensure!(
                found.text.contains(shown),
                "{name}: `{shown}` is not shown as written"
            );
        }
    }
    ensure!(
        diff.links.is_empty() && summary.links.is_empty(),
        "links made from data: diff {:?}, step summary {:?}",
        diff.links,
        summary.links
    );
    ensure!(
        render.links == base.links,
        "render: links {:?}, the profile's own are {:?}",
        render.links,
        base.links
    );
    eprintln!(
        "cmark-gfm: no link or mention from data in the step summary, the diff and the document \
         ({} links of the profile's own)",
        base.links.len()
    );
    Ok(())
}

/// Connecticut's profile with hostile text in a field of each kind the writers print: the status
/// (quoted by the schema's finding, all three parts) if `status`, a shaded area, a source name, a law's link text, a
/// campaign, a hotline's name; one text begins with `=`, so that `unsafe-text` quotes it too.
fn hostile_profile(ct: &str, status: bool) -> anyhow::Result<String> {
    let mut profile: Value = serde_json::from_str(ct)?;
    if status {
        profile["status"] = Value::String(HOSTILE.join(" "));
    }
    for (pointer, text) in [
        ("/heat_map/shaded_areas/0", HOSTILE[0].to_owned()),
        ("/hotline_statistics/source/name", HOSTILE[1].to_owned()),
        ("/laws/0/title", HOSTILE[2].to_owned()),
        (
            "/statewide_efforts/collaborations/0/name",
            format!("={}", HOSTILE[0]),
        ),
        ("/hotlines/0/name", HOSTILE[1].to_owned()),
    ] {
        let Some(field) = profile.pointer_mut(pointer) else {
            bail!("profiles/ct.json has no {pointer}");
        };
        *field = Value::String(text);
    }
    Ok(serde_json::to_string_pretty(&profile)? + "\n")
}

fn scan(python: &Path, dir: &Path, names: &[&str]) -> anyhow::Result<Vec<Scanned>> {
    let script = project_root().join("xtask/src/github_markdown.py");
    let output = Command::new(python)
        .arg(&script)
        .args(names)
        .current_dir(dir)
        .output()
        .context("cannot run github_markdown.py")?;
    ensure!(
        output.status.success(),
        "github_markdown.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout)?;
    let strings = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    names
        .iter()
        .map(|name| {
            let Some(file) = report.get(*name) else {
                bail!("github_markdown.py did not report {name}");
            };
            Ok(Scanned {
                links: strings(&file["links"]),
                mentions: strings(&file["mentions"]),
                text: file["text"].as_str().unwrap_or_default().to_owned(),
            })
        })
        .collect()
}

/// Installs cmarkgfm in a virtual environment under `target/`, once, and returns its Python.
fn install() -> anyhow::Result<PathBuf> {
    crate::interop::python_tool(
        "cmarkgfm",
        CMARKGFM,
        "bin/python",
        "to test Markdown with cmark-gfm",
    )
}
