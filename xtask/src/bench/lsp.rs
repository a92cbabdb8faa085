//! `cargo xtask bench lsp`: the editor's latency, `didChange` → `publishDiagnostics`, over
//! standard input and output to the release binary (`tipkit lsp`), as an editor sees it.
//!
//! Two documents: Connecticut's profile in a folder of the 51 profiles (every change re-runs
//! the rules across the folder over the files on disk), and a file with about 500 findings. Each
//! change is one incremental edit of a digit, as typing does; the time runs from writing the
//! change to reading the diagnostics of that version. A few warm-up changes are not counted.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::project_root;

const WARM_UP: usize = 20;
const WAIT: Duration = Duration::from_secs(30);

/// Measures both documents with `changes` changes each; the report, in Markdown.
pub(crate) fn run(tipkit: &Path, changes: usize) -> anyhow::Result<String> {
    let root = project_root();
    let base = root.join("target/bench/lsp");
    let _ = std::fs::remove_dir_all(&base);
    // A repository of its own (a `tipkit.toml`), whose `profiles/` the server checks as a
    // folder of profiles.
    let folder = base.join("profiles");
    std::fs::create_dir_all(&folder)?;
    std::fs::write(base.join("tipkit.toml"), "")?;
    for entry in std::fs::read_dir(root.join("profiles"))? {
        let path = entry?.path();
        if tipkit_model::is_profile_path(&path) {
            std::fs::copy(&path, folder.join(path.file_name().context("a file name")?))?;
        }
    }
    let profiles = std::fs::read_dir(&folder)?.count();
    let many = base.join("many");
    std::fs::create_dir_all(&many)?;
    let (many_text, findings) = many_findings(tipkit, &many)?;

    let ct = std::fs::read_to_string(folder.join("ct.json"))?;
    let mut text = format!(
        "`tipkit lsp` latency, `didChange` → `publishDiagnostics`, over stdio to the release binary, on {}, {}.\n\
         `cargo xtask bench lsp`: {changes} incremental changes per document after {WARM_UP} not counted.\n\n\
         | document | p50 | p99 | max |\n|---|---:|---:|---:|\n",
        super::machine(),
        super::today(),
    );
    let cases = [
        (
            format!("CT's profile in a folder of {profiles}"),
            folder.join("ct.json"),
            ct,
            "\"cases_reported\": 18",
        ),
        (
            format!("a file with {findings} findings"),
            many.join("ct.json"),
            many_text,
            "\"cases_reported\": 18",
        ),
    ];
    for (name, path, content, anchor) in cases {
        let mut times = measure(tipkit, &base, &path, &content, anchor, changes)?;
        times.sort();
        let at = |q: f64| {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss,
                reason = "an index into a few hundred samples"
            )]
            let i = ((times.len() - 1) as f64 * q).round() as usize;
            times[i].as_secs_f64() * 1000.0
        };
        eprintln!("{name}: p50 {:.2} ms, p99 {:.2} ms", at(0.5), at(0.99));
        let _ = writeln!(
            text,
            "| {name} | {:.2} ms | {:.2} ms | {:.2} ms |",
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
    Ok(text)
}

/// Writes a profile with about 500 findings to `folder/ct.json`; its text and how many
/// findings `tipkit check` reports in it.
fn many_findings(tipkit: &Path, folder: &Path) -> anyhow::Result<(String, usize)> {
    let root = project_root();
    let mut profile: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("profiles/ct.json"))?)?;
    // Each law: a wrong type, an unknown key and a missing citation; each year out of range;
    // each hotline a phone of the wrong shape. Five rules, at most 100 findings each.
    profile["laws"] = (0..100).map(|i| json!({"title": i, "note": "x"})).collect();
    profile["hotline_statistics"]["years"] = (0..100)
        .map(|i| json!({"year": 3000 + i, "calls": 1, "cases_reported": 1}))
        .collect();
    profile["hotlines"] = (0..100)
        .map(|i| json!({"name": format!("Hotline {i}"), "phone": format!("555 {i:03}")}))
        .collect();
    let mut text = serde_json::to_string_pretty(&profile)?;
    text.push('\n');
    let path = folder.join("ct.json");
    std::fs::write(&path, &text)?;
    let output = Command::new(tipkit)
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()?;
    let report: Value = serde_json::from_slice(&output.stdout)?;
    let findings = report["diagnostics"].as_array().map_or(0, Vec::len);
    Ok((text, findings))
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
}

impl Client {
    fn start(tipkit: &Path) -> anyhow::Result<Self> {
        let mut child = Command::new(tipkit)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take().context("stdin")?;
        let stdout = child.stdout.take().context("stdout")?;
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        Ok(Self {
            child,
            stdin,
            incoming,
        })
    }

    fn send(&mut self, message: &Value) -> anyhow::Result<()> {
        let body = serde_json::to_string(message)?;
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.stdin.flush()?;
        Ok(())
    }

    /// Waits for the first message that `wanted` accepts.
    fn wait(&self, wanted: impl Fn(&Value) -> bool) -> anyhow::Result<Value> {
        loop {
            let message = self
                .incoming
                .recv_timeout(WAIT)
                .context("the server did not answer")?;
            if wanted(&message) {
                return Ok(message);
            }
        }
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The position (line, UTF-16 column) just after `anchor` in `text`: the digit edited.
fn position_after(text: &str, anchor: &str) -> anyhow::Result<(usize, usize)> {
    let at = text.find(anchor).context("the anchor is in the text")? + anchor.len();
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    Ok((line, text[start..at].chars().map(char::len_utf16).sum()))
}

fn measure(
    tipkit: &Path,
    root: &Path,
    path: &Path,
    text: &str,
    anchor: &str,
    changes: usize,
) -> anyhow::Result<Vec<Duration>> {
    let mut client = Client::start(tipkit)?;
    client.send(
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": uri(root), "capabilities": {},
        }}),
    )?;
    client.wait(|m| m["id"] == 1)?;
    client.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))?;
    let doc = uri(path);
    client.send(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": doc, "languageId": "json", "version": 0, "text": text},
        }}),
    )?;
    let published = |version: usize| {
        let doc = doc.clone();
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == doc.as_str()
                && m["params"]["version"] == version
        }
    };
    client.wait(published(0))?;
    let (line, character) = position_after(text, anchor)?;
    let mut times = Vec::with_capacity(changes);
    for version in 1..=WARM_UP + changes {
        // The last digit of the figure, typed over: 0 to 9 in turn.
        let change = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": doc, "version": version},
            "contentChanges": [{
                "range": {"start": {"line": line, "character": character},
                          "end": {"line": line, "character": character + 1}},
                "text": (version % 10).to_string(),
            }],
        }});
        let start = Instant::now();
        client.send(&change)?;
        client.wait(published(version))?;
        if version > WARM_UP {
            times.push(start.elapsed());
        }
    }
    client.send(&json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))?;
    client.wait(|m| m["id"] == 2)?;
    client.send(&json!({"jsonrpc": "2.0", "method": "exit"}))?;
    let status = client.child.wait()?;
    if !status.success() {
        bail!("tipkit lsp ended with {status} after shutdown and exit");
    }
    Ok(times)
}
