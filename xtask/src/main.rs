//! Project automation, run as `cargo xtask <task>`:
//!
//! - `codegen [--check]`: regenerate the committed generated files, or check they are fresh;
//! - `validate`: check every profile under `profiles/`;
//! - `interop`: the schema and the pre-commit hook with the real clients (check-jsonschema, VS
//!   Code's JSON language service, pre-commit), and the Markdown GitHub shows with its parser
//!   (cmark-gfm), installed under `target/tools/`; `interop github-markdown` runs only the last;
//! - `ci`: everything CI runs, in order;
//! - `fuzz <target> [seconds]`: run a cargo-fuzz target, its corpus seeded from the fixtures;
//! - `bench [--sizes 51,10000,100000] [--invalid PERCENT] [--rounds N] [--worst-cases-only]
//!   [--worst-scale FACTOR] [--lsp-changes N]`: tipkit against its peers, the worst cases of
//!   issue 11, and the language server's latency; `bench lsp` runs only the latency;
//!   `bench --against OTHER_TIPKIT` times only tipkit against another build of it.

mod bench;
mod ci;
mod codegen;
mod debian;
mod fuzz;
mod github_markdown;
mod interop;
mod pre_commit;
mod validate;
mod vscode_json;
mod workflows;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <codegen [--check] | validate | interop [pre-commit | github-markdown] | workflows | ci | fuzz <target> [seconds] | bench [options]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["codegen"] => codegen::run(codegen::Mode::Write),
        ["codegen", "--check"] => codegen::run(codegen::Mode::Check),
        ["validate"] => validate::run(),
        ["interop"] => interop::run(),
        ["interop", "pre-commit"] => pre_commit::run(),
        ["interop", "github-markdown"] => github_markdown::run(),
        ["workflows"] => workflows::run(),
        ["ci"] => ci::run(),
        ["bench", options @ ..] => bench::Options::parse(options).and_then(|o| bench::run(&o)),
        ["fuzz", target] => fuzz::run(target, 600),
        ["fuzz", target, seconds] => {
            if let Ok(seconds) = seconds.parse() {
                fuzz::run(target, seconds)
            } else {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

/// The profile files under `profiles/`, sorted.
fn profile_paths() -> anyhow::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(project_root().join("profiles"))? {
        let path = entry?.path();
        if tipkit_model::is_profile_path(&path) {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}
