//! `tipkit diff`: what the data says now that it did not say before, for review. Two files or
//! two folders, or the working tree against a git revision.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use serde_json::Value;
use tipkit_validate::{
    Change, ChangeKind, Diff, DiffSource, Style, Workspace, visible, visible_path, walk,
};

use crate::Outcome;
use crate::git::{git, path_from_bytes};
use crate::output::Color;
use crate::output::markdown::{SHOWN_MESSAGE_CHARS, markdown_text, markdown_text_within};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// OLD and NEW: two profile files or two folders (profiles matched by jurisdiction code).
    /// With `--git`, the files and folders of the working tree to compare; default `profiles/`.
    paths: Vec<PathBuf>,
    /// Compare the working tree with this git revision (read with `git`, no network).
    #[arg(long, value_name = "REV")]
    git: Option<String>,
    /// The configuration the check applies: `tipkit.toml` at this git revision, which the
    /// configuration section compares with NEW's. Default: OLD's (with `--git REV`, REV's).
    #[arg(long, value_name = "REV")]
    config_rev: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// When to colour human output. `NO_COLOR` in the environment always turns colour off.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Exit with 1 when there are changes or files that do not parse, like `git diff --exit-code`.
    #[arg(long)]
    exit_code: bool,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, default_value_t = tipkit_validate::DEFAULT_SIZE_LIMIT)]
    max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// One line per change, grouped by jurisdiction.
    Human,
    /// One section per jurisdiction with tables, for a pull request or `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// The report `schemas/diff-report.schema.json` describes.
    Json,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    let (old, new) = if let Some(rev) = &args.git {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from("profiles")]
        } else {
            args.paths.clone()
        };
        (
            git_side(rev, &paths, args.max_file_size)?,
            disk_side(&paths, args.max_file_size, Place::AsGiven)?,
        )
    } else {
        let [old, new] = args.paths.as_slice() else {
            bail!("give OLD and NEW, two files or two folders, or `--git REV [PATH...]`");
        };
        (
            disk_side(
                std::slice::from_ref(old),
                args.max_file_size,
                Place::WithinRoot,
            )?,
            disk_side(
                std::slice::from_ref(new),
                args.max_file_size,
                Place::WithinRoot,
            )?,
        )
    };
    let mut diff = tipkit_validate::diff_sources(&old, &new);
    diff.config = config_changes(args)?;
    let text = match args.format {
        DiffFormat::Human => {
            let mut sources = Workspace::default();
            for source in old.iter().chain(&new) {
                sources.set_text(source.file.clone(), source.bytes.clone());
            }
            human(&diff, &sources, args.color.style())
        }
        DiffFormat::Markdown => markdown(&diff),
        DiffFormat::Json => {
            let mut text = crate::output::json::to_string_pretty(&diff.report())?;
            text.push('\n');
            text
        }
    };
    crate::output::stream::print(&text)?;
    Ok(if args.exit_code && !diff.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// What changed in `tipkit.toml`: NEW's (the working folder's with `--git`, else the NEW
/// folder's own or its root's) against `--config-rev`'s, or OLD's likewise.
fn config_changes(args: &Args) -> anyhow::Result<Vec<tipkit_validate::ConfigChange>> {
    use super::diff_config::{config_at_rev, disk_config, folder_of, working_config};
    let new = match args.paths.as_slice() {
        [_, new] if args.git.is_none() => disk_config(&folder_of(new)),
        _ => working_config(),
    };
    let old = match (&args.config_rev, &args.git, args.paths.as_slice()) {
        (Some(rev), _, _) | (None, Some(rev), _) => config_at_rev(rev)?,
        (None, None, [old, _]) => disk_config(&folder_of(old)),
        _ => tipkit_validate::ConfigSide::defaults(),
    };
    Ok(tipkit_validate::diff_configs(&old, &new))
}

/// Where a file is within its side, which pairs the copies of a code at the same place.
#[derive(Clone, Copy)]
enum Place {
    /// Its path as walked: the working tree against git, whose paths are alike.
    AsGiven,
    /// Its path within the folder given (a file's name, for a file): OLD against NEW.
    WithinRoot,
}

/// The `*.json` files under `paths`, read.
fn disk_side(paths: &[PathBuf], limit: u64, place: Place) -> anyhow::Result<Vec<DiffSource>> {
    let (files, errors) = walk::files(paths);
    if let Some(error) = errors.first() {
        bail!("{error}");
    }
    files
        .into_iter()
        .map(|file| {
            let bytes = tipkit_validate::read_file(&file, limit)?;
            let within = match place {
                // `./profiles/ct.json` is at `profiles/ct.json`, as git names it.
                Place::AsGiven => Some(file.as_path()),
                Place::WithinRoot => paths
                    .iter()
                    .find_map(|root| file.strip_prefix(root).ok())
                    .filter(|within| !within.as_os_str().is_empty())
                    .or_else(|| file.file_name().map(std::path::Path::new)),
            };
            let place = within.map_or_else(
                || file.clone(),
                |within| {
                    within
                        .components()
                        .filter(|part| *part != std::path::Component::CurDir)
                        .collect()
                },
            );
            Ok(DiffSource { file, place, bytes })
        })
        .collect()
}

/// The `*.json` files under `paths` at revision `rev`, read with `git ls-tree` and
/// `git cat-file`. Git's output is input too: paths are taken as bytes, object ids must be hex,
/// sizes are checked before reading.
fn git_side(rev: &str, paths: &[PathBuf], limit: u64) -> anyhow::Result<Vec<DiffSource>> {
    crate::git::check_rev(rev)?;
    let listing = git(
        &[
            "ls-tree".as_ref(),
            "-r".as_ref(),
            "-z".as_ref(),
            "-l".as_ref(),
            format!("{rev}^{{tree}}").as_ref(),
            "--".as_ref(),
        ],
        paths,
        u64::MAX,
    )
    .with_context(|| format!("cannot list {} in git", visible(rev)))?;
    let mut sources = Vec::new();
    for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
        let Some(tab) = record.iter().position(|&b| b == b'\t') else {
            bail!("unexpected output from git ls-tree");
        };
        let (meta, path) = (&record[..tab], &record[tab + 1..]);
        let meta = std::str::from_utf8(meta).context("unexpected output from git ls-tree")?;
        let fields: Vec<&str> = meta.split_ascii_whitespace().collect();
        let [mode, kind, object, size] = fields.as_slice() else {
            bail!("unexpected output from git ls-tree");
        };
        let path = path_from_bytes(path);
        // Regular files only: a symbolic link's blob is its target's name.
        let regular = *kind == "blob" && matches!(*mode, "100644" | "100755");
        if !regular || !tipkit_model::is_profile_path(&path) {
            continue;
        }
        if object.is_empty() || !object.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("unexpected object id from git ls-tree");
        }
        let file = PathBuf::from(format!("{rev}:{}", path.display()));
        let place = path;
        let size: u64 = size.parse().context("unexpected size from git ls-tree")?;
        if size > limit {
            bail!(
                "{} is {size} bytes, over the limit of {limit} (--max-file-size)",
                visible_path(&file)
            );
        }
        let bytes = git(
            &["cat-file".as_ref(), "blob".as_ref(), object.as_ref()],
            &[],
            limit,
        )?;
        sources.push(DiffSource { file, place, bytes });
    }
    Ok(sources)
}

/// A value as one short line: strings as they are, numbers, and objects as JSON.
fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `(+4)` for numbers.
fn difference(change: &Change) -> Option<String> {
    let (old, new) = (change.old.as_i64()?, change.new.as_i64()?);
    Some(format!("{:+}", new - old))
}

fn paint(text: &str, code: &str, style: Style) -> String {
    match style {
        Style::Color => format!("\u{1b}[{code}m{text}\u{1b}[0m"),
        Style::Plain => text.to_owned(),
    }
}

/// One line per change, grouped by jurisdiction; findings as the checks print them.
fn human(diff: &Diff, sources: &Workspace, style: Style) -> String {
    let mut text = super::diff_config::human(&diff.config, style);
    for finding in &diff.findings {
        text.push_str(&tipkit_validate::render(finding, sources, style));
    }
    let mut previous = None;
    for change in &diff.changes {
        // A section per profile: two profiles of one code are two sections.
        if change.starts_profile(previous.replace(change)) {
            let _ = writeln!(
                text,
                "{}",
                paint(
                    &format!("{} ({})", visible(&change.code), visible(&change.file)),
                    "1",
                    style
                )
            );
        }
        let what = visible(&change.what);
        let line = match change.kind {
            ChangeKind::Added if change.pointer.is_empty() => paint(
                &format!("+ {what} added ({})", visible(&show(&change.new))),
                "32",
                style,
            ),
            ChangeKind::Removed if change.pointer.is_empty() => paint(
                &format!("- {what} removed ({})", visible(&show(&change.old))),
                "31",
                style,
            ),
            ChangeKind::Added => paint(
                &format!("+ {what}: {}", visible(&show(&change.new))),
                "32",
                style,
            ),
            ChangeKind::Removed => paint(
                &format!("- {what}: {}", visible(&show(&change.old))),
                "31",
                style,
            ),
            ChangeKind::Changed => {
                let mut line = format!(
                    "~ {what}: {} → {}",
                    visible(&show(&change.old)),
                    visible(&show(&change.new))
                );
                if let Some(d) = difference(change) {
                    let _ = write!(line, " ({d})");
                }
                paint(&line, "33", style)
            }
            ChangeKind::Moved => format!(
                "↕ {what}: moved {} → {}",
                visible(&show(&change.old)),
                visible(&show(&change.new))
            ),
        };
        let _ = writeln!(text, "  {line}");
    }
    let s = diff.summary();
    let _ = writeln!(
        text,
        "tipkit diff: {} profiles compared, {} changed; {} added, {} removed, {} changed, {} moved; {} findings{}",
        s.profiles_compared,
        s.profiles_changed,
        s.added,
        s.removed,
        s.changed,
        s.moved,
        s.findings,
        config_count(s.config_changes)
    );
    text
}

/// "; 2 configuration changes", or nothing when there are none.
fn config_count(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => "; 1 configuration change".to_owned(),
        n => format!("; {n} configuration changes"),
    }
}

/// GitHub shows a step summary of at most 1 MiB and drops a larger one whole: the Markdown report
/// stays under this many bytes.
pub(crate) const MARKDOWN_BUDGET: usize = 900_000;

/// The Markdown report within [`MARKDOWN_BUDGET`].
fn markdown(diff: &Diff) -> String {
    markdown_within(diff, MARKDOWN_BUDGET)
}

/// The totals, the configuration's table, one line for every changed profile, then each
/// profile's table of changes, tables folded in `<details>`, all within `budget` bytes. Every
/// value is shortened to [`SHOWN_CHARS`]. The list of changed profiles takes at most a third of
/// the room (the rest of it counted); the tables' headings at most half of what is left, in order;
/// their rows share the rest fairly (a small table whole). A closing line says what was left out.
fn markdown_within(diff: &Diff, budget: usize) -> String {
    let s = diff.summary();
    let mut text = format!(
        "## tipkit diff\n\n{} profiles compared, {} changed: {} added, {} removed, {} changed, {} moved; {} findings{}.\n",
        s.profiles_compared,
        s.profiles_changed,
        s.added,
        s.removed,
        s.changed,
        s.moved,
        s.findings,
        config_count(s.config_changes)
    );
    let available = budget.saturating_sub(text.len() + CLOSING_ROOM);
    let profiles: Vec<&[Change]> = diff
        .changes
        // A section per profile: two profiles of one code are two sections.
        .chunk_by(|a, b| !b.starts_profile(Some(a)))
        .collect();
    let mut list = String::new();
    let profiles_unlisted = changed_profiles(&mut list, &profiles, available / 3);
    // The configuration first, as it changes what the check checks.
    let mut sections = Vec::new();
    sections.extend(super::diff_config::markdown_section(&diff.config));
    let list_after = sections.len();
    if !diff.findings.is_empty() {
        sections.push(Section {
            heading: "### Files that do not parse".to_owned(),
            header: "| file | line | rule | message |\n|---|---|---|---|\n",
            noun: ("finding", "findings"),
            rows: diff.findings.iter().map(finding_row).collect(),
        });
    }
    for changes in &profiles {
        sections.push(Section {
            heading: format!(
                "### {} ({})",
                markdown_text(&changes[0].code),
                markdown_text(&changes[0].file)
            ),
            header: "| change | field | old | new | difference |\n|---|---|---|---|---|\n",
            noun: ("change", "changes"),
            rows: changes.iter().map(change_row).collect(),
        });
    }
    let room = budget.saturating_sub(text.len() + list.len() + CLOSING_ROOM);
    let mut overhead = 0;
    let kept = sections
        .iter()
        .take_while(|section| {
            overhead += section.overhead();
            overhead <= room / 2
        })
        .count();
    let overhead: usize = sections[..kept].iter().map(Section::overhead).sum();
    let sizes: Vec<usize> = sections[..kept].iter().map(Section::rows_len).collect();
    let mut rows_left_out = 0;
    for (index, (section, share)) in sections
        .iter()
        .zip(fair_shares(&sizes, room - overhead))
        .enumerate()
    {
        if index == list_after {
            text.push_str(&list);
        }
        rows_left_out += section.write(&mut text, share);
    }
    if kept <= list_after {
        text.push_str(&list);
    }
    let tables_left_out = sections.len() - kept;
    rows_left_out += sections[kept..]
        .iter()
        .map(|section| section.rows.len())
        .sum::<usize>();
    if rows_left_out > 0 || profiles_unlisted > 0 {
        let tables = match tables_left_out {
            0 => String::new(),
            1 => " (1 table whole)".to_owned(),
            n => format!(" ({n} tables whole)"),
        };
        let unlisted = match profiles_unlisted {
            0 => String::new(),
            1 => " and 1 changed profile not listed".to_owned(),
            n => format!(" and {n} changed profiles not listed"),
        };
        let _ = writeln!(
            text,
            "\n**{rows_left_out} rows left out**{tables}{unlisted} to keep this report under {} KB, as GitHub drops a larger summary. `tipkit diff --format json` lists every change.",
            MARKDOWN_BUDGET / 1000
        );
    }
    text
}

/// Writes the list of changed profiles within `room` bytes; returns how many did not fit, which
/// its last line counts.
fn changed_profiles(text: &mut String, profiles: &[&[Change]], room: usize) -> usize {
    if profiles.is_empty() {
        return 0;
    }
    let start = text.len();
    text.push_str("\n### Changed profiles\n\n");
    let mut listed = 0;
    for changes in profiles {
        let line = format!(
            "- {} ({}): {}\n",
            markdown_text(&changes[0].code),
            markdown_text(&changes[0].file),
            profile_changes(changes)
        );
        if text.len() - start + line.len() + MORE_ROOM > room {
            break;
        }
        text.push_str(&line);
        listed += 1;
    }
    let unlisted = profiles.len() - listed;
    if unlisted > 0 {
        let _ = writeln!(
            text,
            "- …and {unlisted} more changed profiles (`tipkit diff --format json` lists them)"
        );
    }
    unlisted
}

/// Room kept for the closing line.
const CLOSING_ROOM: usize = 400;

/// Room kept for the line that counts the changed profiles not listed.
const MORE_ROOM: usize = 100;

/// `7000 changes: 7000 moved`, or `profile added`.
fn profile_changes(changes: &[Change]) -> String {
    if let [only] = changes
        && only.pointer.is_empty()
    {
        return format!("{} {}", only.what, only.kind.as_str());
    }
    let kinds: Vec<String> = [
        ChangeKind::Added,
        ChangeKind::Removed,
        ChangeKind::Changed,
        ChangeKind::Moved,
    ]
    .into_iter()
    .filter_map(|kind| {
        let n = changes.iter().filter(|c| c.kind == kind).count();
        (n > 0).then(|| format!("{n} {}", kind.as_str()))
    })
    .collect();
    let noun = if changes.len() == 1 {
        "change"
    } else {
        "changes"
    };
    format!("{} {noun}: {}", changes.len(), kinds.join(", "))
}

fn finding_row(finding: &tipkit_validate::Diagnostic) -> String {
    let line = finding.span.map_or(String::new(), |s| {
        format!("{}:{}", s.start_line, s.start_column)
    });
    format!(
        "| {} | {line} | {} | {} |\n",
        markdown_text(&finding.file.display().to_string()),
        markdown_text(finding.rule),
        markdown_text_within(&finding.message, SHOWN_MESSAGE_CHARS)
    )
}

fn change_row(change: &Change) -> String {
    let what = if change.pointer.is_empty() {
        change.what.clone() // "profile" or "second profile", ours
    } else {
        markdown_text(&change.what)
    };
    format!(
        "| {} | {what} | {} | {} | {} |\n",
        change.kind.as_str(),
        markdown_text(&show(&change.old)),
        markdown_text(&show(&change.new)),
        difference(change)
            .map(|d| markdown_text(&d))
            .unwrap_or_default()
    )
}

/// A heading and its table, folded.
pub(super) struct Section {
    /// The heading, and any paragraph under it.
    pub(super) heading: String,
    pub(super) header: &'static str,
    /// What a row is, one and many.
    pub(super) noun: (&'static str, &'static str),
    pub(super) rows: Vec<String>,
}

impl Section {
    /// The bytes of everything but the rows, at most.
    fn overhead(&self) -> usize {
        self.heading.len() + self.header.len() + 100
    }

    fn rows_len(&self) -> usize {
        self.rows.iter().map(String::len).sum()
    }

    /// Writes the section with as many rows as fit in `share` bytes, in order; returns how many
    /// were left out.
    fn write(&self, text: &mut String, share: usize) -> usize {
        let mut used = 0;
        let kept = self
            .rows
            .iter()
            .take_while(|row| {
                used += row.len();
                used <= share
            })
            .count();
        let total = self.rows.len();
        let noun = if total == 1 { self.noun.0 } else { self.noun.1 };
        let shown = if kept == total {
            format!("{total} {noun}")
        } else {
            format!("{kept} of {total} {noun} shown")
        };
        let _ = write!(
            text,
            "\n{}\n\n<details><summary>{shown}</summary>\n\n",
            self.heading
        );
        if kept > 0 {
            text.push_str(self.header);
            for row in &self.rows[..kept] {
                text.push_str(row);
            }
            text.push('\n');
        }
        text.push_str("</details>\n");
        total - kept
    }
}

/// Splits `room` among parts of the given sizes: the smaller ones whole, the rest alike.
fn fair_shares(sizes: &[usize], room: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| sizes[i]);
    let mut shares = vec![0; sizes.len()];
    let mut left = room;
    for (done, &i) in order.iter().enumerate() {
        let share = (left / (sizes.len() - done)).min(sizes[i]);
        shares[i] = share;
        left -= share;
    }
    shares
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde_json::Value;
    use tipkit_validate::DiffSource;

    use super::{MARKDOWN_BUDGET, fair_shares, markdown, markdown_text, markdown_within};

    fn profile(code: &str) -> Value {
        let path = format!("{}/../../profiles/{code}.json", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn source(name: &str, profile: &Value) -> DiffSource {
        DiffSource {
            file: PathBuf::from(name),
            place: PathBuf::from(name),
            bytes: serde_json::to_vec_pretty(profile).unwrap(),
        }
    }

    /// Connecticut with `n` laws sorted in, and New York with one new figure.
    fn laws_sorted_in(n: usize) -> tipkit_validate::Diff {
        let ct_old = profile("ct");
        let mut ct_new = ct_old.clone();
        let laws = ct_new["laws"].as_array_mut().unwrap();
        for i in 0..n {
            laws.push(serde_json::json!({
                "title": format!("An Act Concerning Trafficking in Persons and the Protection of Victims, part {i}"),
                "citation": format!("§ 99-{i}"),
            }));
        }
        let ny_old = profile("ny");
        let mut ny_new = ny_old.clone();
        ny_new["hotline_statistics"]["years"][0]["calls"] = Value::from(999_999);
        tipkit_validate::diff_sources(
            &[source("ct.json", &ct_old), source("ny.json", &ny_old)],
            &[source("ct.json", &ct_new), source("ny.json", &ny_new)],
        )
    }

    #[test]
    fn seven_thousand_laws_sorted_in_leave_room_for_new_york() {
        let diff = laws_sorted_in(7000);
        let uncut = markdown_within(&diff, usize::MAX).len();
        assert!(
            uncut > MARKDOWN_BUDGET,
            "{uncut} bytes: not a test of the cut"
        );
        let text = markdown(&diff);
        assert!(text.len() < MARKDOWN_BUDGET, "{} bytes", text.len());
        // Every changed profile is listed, NY's change is shown whole, and the cut is said.
        assert!(text.contains("- CT (ct.json): "), "{}", &text[..2000]);
        assert!(text.contains("- NY (ny.json): 1 change: 1 changed"));
        assert!(
            text.contains(
                "| changed | hotline\\_statistics.years\\[2012\\].calls | 696 | 999999 | "
            )
        );
        assert!(text.contains("999999"));
        assert!(text.contains("rows left out"));
        assert!(text.contains("`tipkit diff --format json`"));
    }

    #[test]
    fn a_small_budget_cuts_rows_never_profiles() {
        let diff = laws_sorted_in(40);
        let whole = markdown(&diff);
        assert!(!whole.contains("left out"), "{whole}");
        assert!(whole.contains("<details><summary>40 changes</summary>"));
        let cut = markdown_within(&diff, 2000);
        assert!(cut.len() < 2000, "{} bytes:\n{cut}", cut.len());
        assert!(cut.contains("- CT (ct.json): 40 changes: 40 added"));
        assert!(cut.contains("<details><summary>1 change"));
        assert!(cut.contains("999999"));
        assert!(cut.contains(" of 40 changes shown</summary>"));
        // Too small for any row or line: the list counts the profiles it leaves out.
        let tiny = markdown_within(&diff, 10);
        assert!(tiny.contains("- …and 2 more changed profiles"), "{tiny}");
        assert!(tiny.contains("41 rows left out** (2 tables whole) and 2 changed profiles"));
    }

    /// The 2016 figures of every profile, `calls` raised by `more`.
    fn calls_2016(profile: &mut Value, more: i64) {
        let years = profile["hotline_statistics"]["years"]
            .as_array_mut()
            .unwrap();
        let year = years.iter_mut().find(|y| y["year"] == 2016).unwrap();
        year["calls"] = Value::from(year["calls"].as_i64().unwrap() + more);
    }

    /// #22 round 2, diff2.1a: 4,500 `exclude` patterns of 200 `&` each and CT's `calls` changed:
    /// the configuration's table is cut like the others, and CT's change is shown.
    #[test]
    fn a_huge_configuration_change_leaves_room_for_the_profiles() {
        let ct_old = profile("ct");
        let mut ct_new = ct_old.clone();
        calls_2016(&mut ct_new, 7);
        let mut diff = tipkit_validate::diff_sources(
            &[source("ct.json", &ct_old)],
            &[source("ct.json", &ct_new)],
        );
        diff.config = (0..4500)
            .map(|i| {
                let pattern = format!("{}{i}", "&".repeat(200));
                tipkit_validate::ConfigChange {
                    file: "tipkit.toml".to_owned(),
                    kind: tipkit_validate::ConfigChangeKind::ExcludeAdded,
                    key: pattern.clone(),
                    old: Value::Null,
                    new: Value::from(pattern),
                }
            })
            .collect();
        let text = markdown(&diff);
        assert!(text.len() < MARKDOWN_BUDGET, "{} bytes", text.len());
        assert!(
            text.contains(
                "| changed | hotline\\_statistics.years\\[2016\\].calls | 193 | 200 | +7 |"
            )
        );
        assert!(text.contains(" of 4500 configuration changes shown</summary>"));
        assert!(text.contains("rows left out"));
        // A pattern is shown once, shortened in the middle.
        let row = text
            .lines()
            .find(|l| l.starts_with("| **exclude added**"))
            .unwrap();
        assert_eq!(row.matches("&amp;").count(), 198, "{row}");
        assert!(row.contains('…'));
    }

    /// #22 round 2, diff2.1b: every profile changed, in folders 14 deep of 250 `&` each, and
    /// NY's 2016 `calls` raised by 1000: paths are shortened, headings and the list count, and
    /// NY's row is shown.
    #[test]
    fn long_paths_leave_room_for_every_change() {
        let folders = vec!["&".repeat(250); 14].join("/");
        let root = format!("{}/../../profiles", env!("CARGO_MANIFEST_DIR"));
        let (mut old, mut new) = (Vec::new(), Vec::new());
        for entry in std::fs::read_dir(root).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            let before: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut after = before.clone();
            calls_2016(&mut after, if name == "ny.json" { 1000 } else { 1 });
            let file = format!("profiles/{folders}/{}/{name}", &name[..2]);
            old.push(source(&file, &before));
            new.push(source(&file, &after));
        }
        let diff = tipkit_validate::diff_sources(&old, &new);
        assert_eq!(diff.summary().profiles_changed, 51);
        let uncut = markdown_within(&diff, usize::MAX);
        assert!(!uncut.contains("left out"), "every row fits");
        let text = markdown(&diff);
        assert!(text.len() < MARKDOWN_BUDGET, "{} bytes", text.len());
        assert!(text.contains(
            "| changed | hotline\\_statistics.years\\[2016\\].calls | 941 | 1941 | +1000 |"
        ));
        let ny = text.lines().find(|l| l.starts_with("- NY (")).unwrap();
        assert!(ny.len() < 1200 && ny.contains('…'), "{ny}");
        // A budget too small for every line counts the rest.
        let cut = markdown_within(&diff, 40_000);
        assert!(cut.len() < 40_000, "{} bytes", cut.len());
        assert!(cut.contains("more changed profiles (`tipkit diff --format json` lists them)"));
        assert!(cut.contains("changed profiles not listed"));
    }

    #[test]
    fn fair_shares_give_small_parts_all_they_need() {
        assert_eq!(fair_shares(&[10, 1000, 20], 100), vec![10, 70, 20]);
        assert_eq!(fair_shares(&[500, 500], 100), vec![50, 50]);
        assert_eq!(fair_shares(&[1, 2], 100), vec![1, 2]);
        assert_eq!(fair_shares(&[], 100), Vec::<usize>::new());
    }

    #[test]
    fn markdown_text_makes_no_link_html_or_cell_break() {
        assert_eq!(markdown_text("a|b"), "a\\|b");
        assert_eq!(markdown_text("<script>"), "&lt;script&gt;");
        assert_eq!(
            markdown_text("[x](https://e.x) a@e.x"),
            "\\[x\\]\\(https\\://e.x) a@<!-- -->e.x"
        );
        assert_eq!(markdown_text("`c`"), "\\`c\\`");
        assert_eq!(markdown_text("a\r\nb"), "a\\\\r\\\\nb");
    }
}
