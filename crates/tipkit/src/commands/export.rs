//! `tipkit export`: tidy tables over all the profiles, as CSV (RFC 4180) or JSON Lines.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tipkit_model::{Link, Profile, Venue};

use crate::output::stream;
use crate::{Outcome, atomic, walk};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Comma-separated values, RFC 4180, with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// The tables, each with one row per …
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Table {
    /// … jurisdiction: code, name, region, status, cases, persons.
    Profiles,
    /// … jurisdiction and year: calls, cases reported.
    #[value(name = "hotline_statistics")]
    HotlineStatistics,
    /// … jurisdiction, block and class: count.
    Demographics,
    /// … jurisdiction, kind and rank: venue.
    Venues,
    /// … jurisdiction and law: title, citation.
    Laws,
    /// … jurisdiction, list and name: url.
    Efforts,
}

const TABLES: [Table; 6] = [
    Table::Profiles,
    Table::HotlineStatistics,
    Table::Demographics,
    Table::Venues,
    Table::Laws,
    Table::Efforts,
];

/// A cell: text, a count, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cell {
    Text(String),
    Number(u64),
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

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Empty, Into::into)
    }
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Self::Profiles => "profiles",
            Self::HotlineStatistics => "hotline_statistics",
            Self::Demographics => "demographics",
            Self::Venues => "venues",
            Self::Laws => "laws",
            Self::Efforts => "efforts",
        }
    }

    fn header(self) -> &'static [&'static str] {
        match self {
            Self::Profiles => &["code", "name", "region", "status", "cases", "persons"],
            Self::HotlineStatistics => &["code", "year", "calls", "cases_reported"],
            Self::Demographics => &["code", "block", "class", "count"],
            Self::Venues => &["code", "kind", "rank", "venue"],
            Self::Laws => &["code", "title", "citation"],
            Self::Efforts => &["code", "list", "name", "url"],
        }
    }

    /// The rows of one profile.
    fn rows(self, profile: &Profile, rows: &mut Vec<Vec<Cell>>) {
        let code = Cell::from(profile.state.code.as_str());
        let row = |cells: Vec<Cell>| [vec![code.clone()], cells].concat();
        match self {
            Self::Profiles => {
                let cases = profile.hotline_cases;
                rows.push(row(vec![
                    profile.state.name.as_str().into(),
                    u32::from(profile.hhs_region.get()).into(),
                    profile.status.as_str().into(),
                    cases.map(|c| c.cases_reported).into(),
                    cases.map(|c| c.potential_persons_trafficked).into(),
                ]));
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
                let (c, g, a) = (d.citizenship, d.gender, d.age);
                let classes = [
                    ("citizenship", "us_citizen_or_lpr", c.us_citizen_or_lpr),
                    ("citizenship", "foreign_national", c.foreign_national),
                    ("gender", "female", g.female),
                    ("gender", "male", g.male),
                    ("gender", "gender_minorities", g.gender_minorities),
                    ("age", "adult", a.adult),
                    ("age", "minor", a.minor),
                ];
                for (block, class, count) in classes {
                    if let Some(count) = count {
                        rows.push(row(vec![block.into(), class.into(), count.into()]));
                    }
                }
            }
            Self::Venues => {
                for entry in profile.sex_trafficking_venues.iter().flatten() {
                    rows.push(row(vec![
                        "sex".into(),
                        entry.rank.into(),
                        entry.venue.label().into(),
                    ]));
                }
                for entry in profile.labor_trafficking_venues.iter().flatten() {
                    rows.push(row(vec![
                        "labor".into(),
                        entry.rank.into(),
                        entry.venue.label().into(),
                    ]));
                }
            }
            Self::Laws => {
                for law in profile.laws.iter().flatten() {
                    rows.push(row(vec![
                        law.title.as_str().into(),
                        law.citation.as_str().into(),
                    ]));
                }
            }
            Self::Efforts => {
                let Some(e) = &profile.statewide_efforts else {
                    return;
                };
                let lists: [(&str, &[Link]); 4] = [
                    ("collaborations", &e.collaborations),
                    ("resources", &e.resources),
                    ("funding_opportunities", &e.funding_opportunities),
                    ("campaigns", &e.campaigns),
                ];
                for (list, links) in lists {
                    for link in links {
                        rows.push(row(vec![
                            list.into(),
                            link.name.as_str().into(),
                            link.url.as_deref().into(),
                        ]));
                    }
                }
            }
        }
    }
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
    for table in tables {
        let mut rows = Vec::new();
        for profile in &profiles {
            table.rows(profile, &mut rows);
        }
        let text = match args.format {
            Format::Csv => csv(table.header(), &rows)?,
            Format::Jsonl => jsonl(table.header(), &rows),
        };
        match output {
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                let extension = if args.format == Format::Csv {
                    "csv"
                } else {
                    "jsonl"
                };
                let path = dir.join(format!("{}.{extension}", table.name()));
                if files.iter().any(|input| atomic::same_file(&path, input)) {
                    bail!(
                        "{} is one of the profiles read; nothing more written",
                        path.display()
                    );
                }
                atomic::replace(&path, text.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                stream::line(&format!("wrote {} ({} rows)", path.display(), rows.len()));
            }
            None => stream::print(&text)?,
        }
    }
    Ok(Outcome::Clean)
}

/// The files under `paths` and their profiles; `None`, after saying why, when any cannot be read: a table with
/// rows missing would look complete.
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
    for path in &files {
        match read(path) {
            Ok(profile) => profiles.push(profile),
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

/// RFC 4180: CRLF line ends, fields quoted where they hold a comma, a quote or a line end.
fn csv(header: &[&str], rows: &[Vec<Cell>]) -> anyhow::Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => n.to_string(),
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
                    Cell::Empty => serde_json::Value::Null,
                };
                ((*key).to_owned(), value)
            })
            .collect();
        let _ = writeln!(out, "{}", serde_json::Value::Object(object));
    }
    out
}
