//! `cargo xtask bench`: tipkit against its peers, on the same synthetic profiles, in one run.
//!
//! It generates published profiles varied from `profiles/ct.json`, one folder per edition with the
//! 51 jurisdictions, under `target/bench/corpus/`; builds tipkit in release; installs ajv-cli (npm)
//! and check-jsonschema (pip) under `target/`; then times, interleaved round by round:
//! `tipkit check --format json`, ajv-cli, check-jsonschema, and a single-thread read + parse floor.
//! It reports medians, ratios and peak memory, and saves them to `target/bench/results.md`.
//!
//! Then the worst cases of issue 11 (`--worst-cases-only` runs just these), each file at a size
//! N and at 10×N, timed once with `tipkit check` in the human format: a one-line `hotlines` list
//! of 40,000 wrong items, 160,000 campaign names, 80,000 laws, and a 5 MB file of a million
//! findings. Linear time shows as a ratio near 10. `--worst-scale 0.1` shrinks N, for a quick
//! look. Then files of findings at the size limit (16 MiB): one, and eight at once, with their
//! peak memory. Timed assertions do not belong in tests: this is where speed is measured.
//!
//! Then the language server's latency (`bench/lsp.rs`); `cargo xtask bench lsp` runs just that.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::project_root;

mod lsp;

/// Profiles per edition: the 50 states and DC, as in `profiles/`.
const PER_EDITION: usize = 51;
/// Above this many files, the peers are not run: check-jsonschema alone would take many minutes,
/// and the file list no longer fits on a command line.
const PEER_LIMIT: usize = 10_000;

#[derive(Debug)]
pub(crate) struct Options {
    pub(crate) sizes: Vec<usize>,
    pub(crate) invalid_percent: u32,
    pub(crate) rounds: usize,
    /// Run only the worst cases, not tipkit against its peers.
    pub(crate) worst_cases_only: bool,
    /// A factor on the worst cases' sizes N.
    pub(crate) worst_scale: f64,
    /// Run only the language server's latency (`bench lsp`).
    pub(crate) lsp_only: bool,
    /// Changes timed per document in the language server's latency.
    pub(crate) lsp_changes: usize,
    /// Time only tipkit against this other tipkit binary (an older build), interleaved.
    pub(crate) against: Option<PathBuf>,
}

impl Options {
    pub(crate) fn parse(args: &[&str]) -> anyhow::Result<Self> {
        let mut options = Self {
            sizes: vec![51, 10_000, 100_000],
            invalid_percent: 0,
            rounds: 5,
            worst_cases_only: false,
            worst_scale: 1.0,
            lsp_only: false,
            lsp_changes: 300,
            against: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .copied()
                    .with_context(|| format!("{arg} needs a value"))
            };
            match *arg {
                "--sizes" => {
                    options.sizes = value()?
                        .split(',')
                        .map(str::parse)
                        .collect::<Result<_, _>>()?;
                }
                "--invalid" => options.invalid_percent = value()?.parse()?,
                "--rounds" => options.rounds = value()?.parse()?,
                "--worst-cases-only" => options.worst_cases_only = true,
                "--worst-scale" => options.worst_scale = value()?.parse()?,
                "lsp" => options.lsp_only = true,
                "--lsp-changes" => options.lsp_changes = value()?.parse()?,
                "--against" => options.against = Some(PathBuf::from(value()?)),
                other => bail!(
                    "unknown option {other}; options: --sizes 51,10000,100000 --invalid PERCENT --rounds N --worst-cases-only --worst-scale FACTOR --lsp-changes N --against TIPKIT; or `lsp` alone"
                ),
            }
        }
        Ok(options)
    }
}

/// The commands timed, each on the same files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    Tipkit,
    Floor,
    Ajv,
    CheckJsonschema,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Self::Tipkit => "tipkit check --format json",
            Self::Floor => "parse-only floor (read + serde_json, 1 thread)",
            Self::Ajv => "ajv-cli",
            Self::CheckJsonschema => "check-jsonschema",
        }
    }
}

/// Where the timed programs are.
struct Programs {
    tipkit: PathBuf,
    floor: PathBuf,
    ajv: PathBuf,
    check_jsonschema: PathBuf,
    schema: PathBuf,
}

impl Programs {
    fn command(&self, tool: Tool, dir: &Path, files: &[PathBuf]) -> Command {
        match tool {
            Tool::Tipkit => {
                let mut command = Command::new(&self.tipkit);
                command
                    .args(["check", "--format", "json", "--config"])
                    .arg(dir.join(CORPUS_CONFIG))
                    .arg(dir);
                command
            }
            Tool::Floor => {
                let mut command = Command::new(&self.floor);
                command.arg(dir);
                command
            }
            Tool::Ajv => {
                let mut command = Command::new(&self.ajv);
                command
                    .args([
                        "validate",
                        "--spec=draft2020",
                        "--strict=false",
                        "--all-errors",
                        "-s",
                    ])
                    .arg(&self.schema)
                    .arg("-d")
                    .arg(format!("{}/**/*.json", dir.display()));
                command
            }
            Tool::CheckJsonschema => {
                let mut command = Command::new(&self.check_jsonschema);
                command.arg("--schemafile").arg(&self.schema).args(files);
                command
            }
        }
    }
}

struct Sample {
    wall: Duration,
    peak_kib: u64,
}

/// The medians of one tool at one size.
struct Row {
    files: usize,
    tool: Tool,
    wall: Duration,
    peak_kib: u64,
}

pub(crate) fn run(options: &Options) -> anyhow::Result<()> {
    let root = project_root();
    crate::ci::cargo(
        &[
            "build",
            "--release",
            "--locked",
            "--package",
            "tipkit",
            "--package",
            "xtask",
        ],
        &[],
    )?;
    let tipkit = root.join("target/release/tipkit");
    if let Some(other) = &options.against {
        return against(options, &tipkit, other);
    }
    let latency = lsp::run(&tipkit, options.lsp_changes)?;
    if options.lsp_only {
        let out = root.join("target/bench/lsp.md");
        std::fs::write(&out, &latency)?;
        println!("{latency}\nsaved to {}", out.display());
        return Ok(());
    }
    let time = ensure_gnu_time()?;
    let worst = worst_cases(&tipkit, &time, options.worst_scale)?;
    if options.worst_cases_only {
        let out = root.join("target/bench/worst-cases.md");
        let worst = format!("{worst}\n{latency}");
        std::fs::write(&out, &worst)?;
        println!("{worst}\nsaved to {}", out.display());
        return Ok(());
    }
    let programs = Programs {
        tipkit,
        floor: root.join("target/release/parse-floor"),
        ajv: install_ajv()?,
        check_jsonschema: crate::interop::install()?,
        schema: root.join("schemas/state-profile.schema.json"),
    };
    let mut rows = Vec::new();
    for &size in &options.sizes {
        let corpus = generate(size, options.invalid_percent)?;
        let files = json_files(&corpus)?;
        let mut tools = vec![Tool::Tipkit, Tool::Floor];
        let mut rounds = options.rounds;
        if files.len() <= PEER_LIMIT {
            tools.extend([Tool::Ajv, Tool::CheckJsonschema]);
        } else {
            rounds = rounds.min(3);
        }
        let mut samples: Vec<Vec<Sample>> = tools.iter().map(|_| Vec::new()).collect();
        // Interleaved: a burst of load on this shared machine hits every tool alike.
        for round in 1..=rounds {
            for (&tool, samples) in tools.iter().zip(&mut samples) {
                let sample = measure(&time, &programs.command(tool, &corpus, &files))?;
                eprintln!(
                    "{} profiles, round {round}: {} {:.3} s",
                    files.len(),
                    tool.name(),
                    sample.wall.as_secs_f64()
                );
                samples.push(sample);
            }
        }
        for (&tool, samples) in tools.iter().zip(&samples) {
            let (wall, peak_kib) = median(samples);
            rows.push(Row {
                files: files.len(),
                tool,
                wall,
                peak_kib,
            });
        }
    }
    let mut report = report(options, &rows);
    report.push('\n');
    report.push_str(&worst);
    report.push('\n');
    report.push_str(&latency);
    let out = root.join("target/bench/results.md");
    std::fs::write(&out, &report)?;
    println!("{report}\nsaved to {}", out.display());
    Ok(())
}

/// `--against`: this tipkit and another build of it, `tipkit check --format json` on the same
/// corpora, interleaved round by round (the other first in odd rounds); medians and ratio.
fn against(options: &Options, tipkit: &Path, other: &Path) -> anyhow::Result<()> {
    let time = ensure_gnu_time()?;
    let mut text = format!(
        "This tipkit against {} on {}, {}.\n`cargo xtask bench --against … --sizes {} --invalid {} --rounds {}`; medians.\n\n\
         | profiles | this | peak RSS | other | peak RSS | this ÷ other |\n|---:|---:|---:|---:|---:|---:|\n",
        other.display(),
        today(),
        machine(),
        options
            .sizes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(","),
        options.invalid_percent,
        options.rounds,
    );
    for &size in &options.sizes {
        let corpus = generate(size, options.invalid_percent)?;
        let mut samples = [Vec::new(), Vec::new()];
        for round in 1..=options.rounds {
            let order = if round % 2 == 1 { [1, 0] } else { [0, 1] };
            for which in order {
                let program = [tipkit, other][which];
                let mut command = Command::new(program);
                command
                    .args(["check", "--format", "json", "--config"])
                    .arg(corpus.join(CORPUS_CONFIG))
                    .arg(&corpus);
                let sample = measure(&time, &command)?;
                eprintln!(
                    "{size} profiles, round {round}: {} {:.3} s",
                    program.display(),
                    sample.wall.as_secs_f64()
                );
                samples[which].push(sample);
            }
        }
        let (this, this_kib) = median(&samples[0]);
        let (that, that_kib) = median(&samples[1]);
        #[allow(clippy::cast_precision_loss, reason = "sizes far below 2^52")]
        let _ = writeln!(
            text,
            "| {size} | {:.3} s | {:.0} MB | {:.3} s | {:.0} MB | {:.3} |",
            this.as_secs_f64(),
            this_kib as f64 / 1024.0,
            that.as_secs_f64(),
            that_kib as f64 / 1024.0,
            this.as_secs_f64() / that.as_secs_f64(),
        );
    }
    let out = project_root().join("target/bench/against.md");
    std::fs::write(&out, &text)?;
    println!("{text}\nsaved to {}", out.display());
    Ok(())
}

#[allow(clippy::cast_precision_loss, reason = "sizes and times far below 2^52")]
fn report(options: &Options, rows: &[Row]) -> String {
    let sizes: Vec<String> = options.sizes.iter().map(ToString::to_string).collect();
    let mut text = format!(
        "Benchmark of {}, on {}.\n`cargo xtask bench --sizes {} --invalid {} --rounds {}`; medians.\n\n",
        today(),
        machine(),
        sizes.join(","),
        options.invalid_percent,
        options.rounds,
    );
    text.push_str(
        "| profiles | tool | median wall | peak RSS | wall ÷ tipkit |\n|---:|---|---:|---:|---:|\n",
    );
    for row in rows {
        let tipkit = rows
            .iter()
            .find(|r| r.files == row.files && r.tool == Tool::Tipkit)
            .map_or(row.wall, |r| r.wall);
        let _ = writeln!(
            text,
            "| {} | {} | {:.3} s | {:.0} MB | {:.2} |",
            row.files,
            row.tool.name(),
            row.wall.as_secs_f64(),
            row.peak_kib as f64 / 1024.0,
            row.wall.as_secs_f64() / tipkit.as_secs_f64(),
        );
    }
    let tipkit_at = |files: usize| {
        rows.iter()
            .find(|r| r.files == files && r.tool == Tool::Tipkit)
    };
    if let (Some(small), Some(large)) = (tipkit_at(10_000), tipkit_at(100_000)) {
        let _ = writeln!(
            text,
            "\nScaling of tipkit from 10,000 to 100,000 profiles: time ×{:.2}, peak RSS ×{:.2}.",
            large.wall.as_secs_f64() / small.wall.as_secs_f64(),
            large.peak_kib as f64 / small.peak_kib as f64,
        );
    }
    text
}

/// One of the worst cases of issue 11: a file of `n` repeated items.
struct WorstCase {
    name: &'static str,
    /// N at scale 1: the size the issue reported.
    n: usize,
    /// The file's text with `n` items.
    text: fn(&Value, usize) -> String,
}

const WORST_CASES: [WorstCase; 4] = [
    WorstCase {
        name: "one-line `hotlines` of wrong items",
        n: 40_000,
        text: |_, n| format!("{{\"hotlines\": [{}1]}}", "1,".repeat(n - 1)),
    },
    WorstCase {
        name: "campaign names (`links`)",
        n: 160_000,
        text: |base, n| {
            let mut profile = base.clone();
            profile["statewide_efforts"]["campaigns"] = (0..n)
                .map(|i| json!({ "name": format!("Campaign {i}") }))
                .collect();
            profile.to_string()
        },
    },
    WorstCase {
        name: "laws (`laws`)",
        n: 80_000,
        text: |base, n| {
            let mut profile = base.clone();
            profile["laws"] = (0..n)
                .map(|i| json!({ "title": format!("Law {i:08}"), "citation": format!("§ {i}") }))
                .collect();
            profile.to_string()
        },
    },
    WorstCase {
        name: "a million findings (`wrong-type`)",
        n: 1_000_000,
        text: |_, n| format!("{{\"hotlines\": [{}\"1\"]}}", "\"1\", ".repeat(n - 1)),
    },
];

/// Times `tipkit check` (human format) once on each worst case at N and at 10×N: the table.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "sizes and times far below 2^52"
)]
fn worst_cases(tipkit: &Path, time: &Path, scale: f64) -> anyhow::Result<String> {
    let root = project_root();
    let dir = root.join("target/bench/worst");
    std::fs::create_dir_all(&dir)?;
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("profiles/ct.json"))?)?;
    let mut text = format!(
        "Worst cases of issue 11 on {}, {}: `tipkit check` in the human format, once each, \
         with `--worst-scale {scale}`.\n\n\
         | case | N | size | time at N | peak RSS | size at 10×N | time at 10×N | peak RSS | time ratio |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        today(),
        machine(),
    );
    for case in &WORST_CASES {
        let n = ((case.n as f64 * scale) as usize).max(10);
        let mut samples = Vec::new();
        for size in [n, 10 * n] {
            let file = dir.join("ct.json");
            let content = (case.text)(&base, size);
            std::fs::write(&file, &content)?;
            let mut command = Command::new(tipkit);
            command
                .args(["check", "--max-file-size", "1000000000"])
                .arg(&file);
            let sample = measure(time, &command)?;
            eprintln!(
                "{} at {size}: {:.3} s",
                case.name,
                sample.wall.as_secs_f64()
            );
            samples.push((content.len(), sample));
        }
        let [(small_bytes, small), (large_bytes, large)] = &samples[..] else {
            unreachable!("two sizes");
        };
        let _ = writeln!(
            text,
            "| {} | {n} | {:.1} MB | {:.3} s | {:.0} MB | {:.1} MB | {:.3} s | {:.0} MB | ×{:.1} |",
            case.name,
            *small_bytes as f64 / 1e6,
            small.wall.as_secs_f64(),
            small.peak_kib as f64 / 1024.0,
            *large_bytes as f64 / 1e6,
            large.wall.as_secs_f64(),
            large.peak_kib as f64 / 1024.0,
            large.wall.as_secs_f64() / small.wall.as_secs_f64(),
        );
    }
    text.push('\n');
    text.push_str(&files_of_findings(tipkit, time)?);
    Ok(text)
}

/// The biggest file `check` reads by default (16 MiB), all of wrong `hotlines` items: one, eight
/// in one folder, and eight in folders of their own. Timed once each, `--format json`.
#[allow(clippy::cast_precision_loss, reason = "sizes and times far below 2^52")]
fn files_of_findings(tipkit: &Path, time: &Path) -> anyhow::Result<String> {
    let dir = project_root().join("target/bench/findings");
    let _ = std::fs::remove_dir_all(&dir);
    let (head, tail) = ("{\"hotlines\": [", "1]}");
    let items = (16 << 20) / 2 - head.len() - tail.len();
    let file = format!("{head}{}{tail}", "1,".repeat(items));
    let one = dir.join("one");
    let together = dir.join("eight-together");
    let apart = dir.join("eight-apart");
    std::fs::create_dir_all(&one)?;
    std::fs::create_dir_all(&together)?;
    std::fs::write(one.join("ct.json"), &file)?;
    for i in 0..8 {
        std::fs::write(together.join(format!("p{i}.json")), &file)?;
        let folder = apart.join(format!("f{i}"));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join("ct.json"), &file)?;
    }
    let mut text = format!(
        "Files of findings: {:.1} MB each, {} wrong `hotlines` items, \
         `tipkit check --format json`, once each.\n\n\
         | case | time | peak RSS |\n|---|---:|---:|\n",
        file.len() as f64 / 1e6,
        items + 1,
    );
    for (name, path) in [
        ("one file of findings", &one),
        ("eight in one folder", &together),
        ("eight in folders of their own", &apart),
    ] {
        let mut command = Command::new(tipkit);
        command.args(["check", "--format", "json"]).arg(path);
        let sample = measure(time, &command)?;
        eprintln!("{name}: {:.3} s", sample.wall.as_secs_f64());
        let _ = writeln!(
            text,
            "| {name} | {:.3} s | {:.0} MB |",
            sample.wall.as_secs_f64(),
            sample.peak_kib as f64 / 1024.0,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(text)
}

/// Wall time by the clock here, peak RSS by GNU time.
fn measure(time: &Path, command: &Command) -> anyhow::Result<Sample> {
    let rss_file = project_root().join("target/bench/rss.txt");
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(ToOwned::to_owned).collect();
    let mut timed = Command::new(time);
    timed
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(program)
        .args(args);
    timed.stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let status = timed.status().context("cannot run the timed command")?;
    let wall = start.elapsed();
    // Findings exit 1, and ajv-cli exits 2 for a file that is not JSON; a signal is a broken run.
    if !matches!(status.code(), Some(0..=2)) {
        bail!("{command:?} failed: {status}");
    }
    let text = std::fs::read_to_string(&rss_file)?;
    let peak_kib = text
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .next_back()
        .unwrap_or(0);
    Ok(Sample { wall, peak_kib })
}

fn median(samples: &[Sample]) -> (Duration, u64) {
    let mut walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
    let mut peaks: Vec<u64> = samples.iter().map(|s| s.peak_kib).collect();
    walls.sort();
    peaks.sort_unstable();
    (walls[walls.len() / 2], peaks[peaks.len() / 2])
}

/// The configuration tipkit checks a corpus with: its folders are editions of the same 51
/// jurisdictions, so `duplicate-jurisdiction`, which holds a checked tree to one profile per
/// jurisdiction, is off (the peers do not check it either).
const CORPUS_CONFIG: &str = "tipkit.toml";

fn write_corpus_config(dir: &Path) -> std::io::Result<()> {
    std::fs::write(
        dir.join(CORPUS_CONFIG),
        "[rules]\nduplicate-jurisdiction = \"off\"\n",
    )
}

/// `size` profiles in folders of 51, under `target/bench/corpus/`; made once, then reused.
fn generate(size: usize, invalid_percent: u32) -> anyhow::Result<PathBuf> {
    let root = project_root();
    let dir = root.join(format!(
        "target/bench/corpus/{size}-invalid-{invalid_percent}"
    ));
    let done = dir.join(".complete");
    if done.exists() {
        write_corpus_config(&dir)?;
        return Ok(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("profiles/ct.json"))?)?;
    let mut drafts = Vec::new();
    for path in crate::profile_paths()? {
        drafts.push(serde_json::from_str::<Value>(&std::fs::read_to_string(
            path,
        )?)?);
    }
    let editions = size.div_ceil(PER_EDITION);
    let mut written = 0;
    for edition in 0..editions {
        let folder = dir.join(format!("edition-{edition:05}"));
        std::fs::create_dir_all(&folder)?;
        for draft in &drafts {
            if written == size {
                break;
            }
            let mut profile = published(&base, draft, edition);
            // Spread evenly: file n is invalid when the running share of invalid files grows.
            let share = |n: usize| n * invalid_percent as usize / 100;
            let invalid = share(written + 1) > share(written);
            if invalid {
                corrupt(&mut profile, written);
            }
            let mut text = serde_json::to_string_pretty(&profile)?;
            text.push('\n');
            if invalid && written % 4 == 3 {
                text.truncate(text.len() / 2);
            }
            std::fs::write(
                folder.join(format!(
                    "{}.json",
                    draft["state"]["code"]
                        .as_str()
                        .unwrap_or("xx")
                        .to_lowercase()
                )),
                text,
            )?;
            written += 1;
        }
    }
    write_corpus_config(&dir)?;
    std::fs::write(&done, "")?;
    Ok(dir)
}

/// A published profile for a draft's jurisdiction: Connecticut's sections, the draft's identity
/// and yearly figures, and headline figures that agree with them.
fn published(base: &Value, draft: &Value, edition: usize) -> Value {
    let mut profile = base.clone();
    for key in [
        "state",
        "hhs_region",
        "state_statistics_url",
        "hotline_statistics",
    ] {
        profile[key] = draft[key].clone();
    }
    let cases: u64 = draft["hotline_statistics"]["years"]
        .as_array()
        .map_or(0, |years| {
            years
                .iter()
                .filter_map(|y| y["cases_reported"].as_u64())
                .sum()
        });
    let persons = cases * 441 / 186 + (edition % 5) as u64;
    profile["hotline_cases"] =
        json!({ "cases_reported": cases, "potential_persons_trafficked": persons });
    let scale = |n: u64| n * persons / 441;
    let demographics = &mut profile["demographics"];
    for block in ["citizenship", "gender", "age"] {
        if let Some(classes) = demographics[block].as_object_mut() {
            for count in classes.values_mut() {
                *count = json!(scale(count.as_u64().unwrap_or(0)));
            }
        }
    }
    profile
}

/// One of the mistakes editors make, by turns.
fn corrupt(profile: &mut Value, n: usize) {
    match n % 4 {
        0 => profile["labor_trafficking_venues"][2]["rank"] = json!(5),
        1 => {
            if let Some(map) = profile.as_object_mut() {
                map.insert("hotline".to_owned(), json!([]));
            }
        }
        2 => profile["hotline_cases"]["cases_reported"] = json!("186"),
        _ => {} // cut short when written
    }
}

fn json_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for edition in std::fs::read_dir(dir)? {
        let edition = edition?.path();
        if edition.is_dir() {
            for file in std::fs::read_dir(&edition)? {
                files.push(file?.path());
            }
        }
    }
    files.sort();
    Ok(files)
}

/// ajv-cli from npm, under `target/bench/node/`, once.
fn install_ajv() -> anyhow::Result<PathBuf> {
    let prefix = project_root().join("target/bench/node");
    let ajv = prefix.join("node_modules/.bin/ajv");
    if !ajv.exists() {
        std::fs::create_dir_all(&prefix)?;
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&prefix)
            .arg("ajv-cli@5.0.0")
            .status()
            .context("cannot run npm")?;
        if !status.success() {
            bail!("npm install ajv-cli failed: {status}");
        }
    }
    Ok(ajv)
}

/// GNU time, for peak memory; Debian's package `time` where it is missing.
fn ensure_gnu_time() -> anyhow::Result<PathBuf> {
    let time = PathBuf::from("/usr/bin/time");
    if !time.exists() {
        let status = Command::new("apt-get")
            .args(["install", "-y", "-qq", "time"])
            .status()?;
        if !status.success() {
            bail!("/usr/bin/time is missing and apt-get install time failed");
        }
    }
    Ok(time)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    format!("{cores} cores, {cpu}")
}

fn today() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}
