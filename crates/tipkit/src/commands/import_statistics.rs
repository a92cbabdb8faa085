//! `tipkit import-statistics`: puts yearly hotline figures from a CSV into the profiles, creating
//! a draft for each jurisdiction that has none. Only `hotline_statistics` changes in an existing
//! profile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tipkit_model::{
    HotlineStatistics, JurisdictionCode, Profile, Source, Year, YearStatistics, statistics_url,
};

use crate::output::stream;
use crate::{Outcome, atomic};

/// The provenance FORMAT.md gives the hotline figures.
const SOURCE_NAME: &str =
    "National Human Trafficking Hotline state statistics pages, as published in early 2017";

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// CSV with the columns `code`, `state`, `year`, `calls`, `cases_reported`.
    csv: PathBuf,
    /// Folder of the profiles to create or update.
    #[arg(long, default_value = "profiles")]
    dir: PathBuf,
    /// The `source.name` to record.
    #[arg(long, default_value = SOURCE_NAME)]
    source_name: String,
}

#[derive(Debug, serde::Deserialize)]
struct Row {
    code: String,
    state: String,
    year: u16,
    calls: u32,
    cases_reported: u32,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    let by_code = read_csv(&args.csv)?;
    let scope = atomic::Scope::output(&args.dir)
        .with_context(|| format!("cannot write in {}", args.dir.display()))?;
    let (mut created, mut updated, mut unchanged, mut failed) = (0, 0, 0, 0);
    // A profile that may not be written (a link out of the folder, a file with other names) is
    // a failure of the run, not a finding.
    let mut unwritable = false;
    for (code, years) in by_code {
        let path = args.dir.join(code.file_name());
        let source = Source::new(&args.source_name, statistics_url(code.jurisdiction().slug));
        let statistics = HotlineStatistics::new(source, years);
        match update(&path, code, statistics, &scope) {
            Ok(Written::Created) => created += 1,
            Ok(Written::Updated) => updated += 1,
            Ok(Written::Unchanged) => unchanged += 1,
            Err(error) => {
                failed += 1;
                unwritable |= error
                    .chain()
                    .any(<dyn std::error::Error>::is::<std::io::Error>);
                stream::error(format!("{}: {error:#}", path.display()));
            }
        }
    }
    stream::line(&format!(
        "{created} created, {updated} updated, {unchanged} unchanged, {failed} failed"
    ));
    Ok(if unwritable {
        Outcome::Broken
    } else if failed == 0 {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

enum Written {
    Created,
    Updated,
    Unchanged,
}

fn update(
    path: &Path,
    code: JurisdictionCode,
    statistics: HotlineStatistics,
    scope: &atomic::Scope,
) -> anyhow::Result<Written> {
    // Where the profile would be written is decided before it is read: a link out of the folder
    // is neither read nor written.
    atomic::resolve(path, scope).context("cannot write")?;
    let existing = match tipkit_validate::read_file(path, tipkit_validate::DEFAULT_SIZE_LIMIT) {
        Ok(bytes) => Some(tipkit_model::from_slice(&bytes).context("left untouched")?),
        Err(tipkit_validate::ReadError::Io { error, .. })
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            None
        }
        Err(error) => bail!("{}", error.reason()),
    };
    let Some(mut profile) = existing else {
        let mut profile = Profile::draft(code);
        profile.hotline_statistics = Some(statistics);
        atomic::create_new(
            path,
            tipkit_model::to_canonical_string(&profile).as_bytes(),
            scope,
        )
        .context("cannot write")?;
        return Ok(Written::Created);
    };
    if profile.state.code != code {
        bail!(
            "holds the profile of {}, not {code}; left untouched",
            profile.state.code
        );
    }
    if profile.hotline_statistics.as_ref() == Some(&statistics) {
        return Ok(Written::Unchanged);
    }
    profile.hotline_statistics = Some(statistics);
    atomic::replace(
        path,
        tipkit_model::to_canonical_string(&profile).as_bytes(),
        scope,
    )
    .context("cannot write")?;
    Ok(Written::Updated)
}

/// The rows of the CSV by jurisdiction, each jurisdiction's years in ascending order.
fn read_csv(path: &Path) -> anyhow::Result<BTreeMap<JurisdictionCode, Vec<YearStatistics>>> {
    let bytes = tipkit_validate::read_file(path, tipkit_validate::DEFAULT_SIZE_LIMIT)?;
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let mut by_code: BTreeMap<JurisdictionCode, Vec<YearStatistics>> = BTreeMap::new();
    let headers = reader
        .headers()
        .with_context(|| format!("{}", path.display()))?
        .clone();
    // Lines counted here, from the bytes: the reader's own count is off by one after CRLF.
    let (mut counted_to, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.with_context(|| format!("{}", path.display()))?;
        let mut start = record
            .position()
            .map_or(counted_to, |p| {
                usize::try_from(p.byte()).unwrap_or(counted_to)
            })
            .clamp(counted_to, bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += bytes[counted_to..start].split(|&b| b == b'\n').count() - 1;
        counted_to = start;
        let at = || format!("{}:{line}", path.display());
        let row: Row = record
            .deserialize(Some(&headers))
            .map_err(|error| anyhow::anyhow!("{}: {}", at(), describe(&error, &headers)))?;
        let Ok(code) = row.code.parse::<JurisdictionCode>() else {
            bail!("{}: unknown jurisdiction code `{}`", at(), row.code);
        };
        let name = code.jurisdiction().name;
        if row.state != name {
            bail!(
                "{}: `{}` is not the name of {code}: expected `{name}`",
                at(),
                row.state
            );
        }
        let year = Year::new(row.year).with_context(at)?;
        if row.cases_reported > row.calls {
            bail!(
                "{}: {} cases reported from {} calls",
                at(),
                row.cases_reported,
                row.calls
            );
        }
        let years = by_code.entry(code).or_default();
        if years.iter().any(|y| y.year == year) {
            bail!("{}: {code} {year} is listed twice", at());
        }
        years.push(YearStatistics::new(year, row.calls, row.cases_reported));
    }
    for years in by_code.values_mut() {
        years.sort_by_key(|y| y.year);
    }
    Ok(by_code)
}

/// A CSV error in words, naming the column rather than its number.
fn describe(error: &csv::Error, headers: &csv::StringRecord) -> String {
    let csv::ErrorKind::Deserialize { err, .. } = error.kind() else {
        return error.to_string();
    };
    let column = err
        .field()
        .and_then(|index| usize::try_from(index).ok())
        .and_then(|index| headers.get(index));
    match column {
        Some(name) => format!("column `{name}`: {}", err.kind()),
        None => err.kind().to_string(),
    }
}
