//! `tipkit schema`: the JSON Schemas tipkit reads and writes, as committed under `schemas/`.

use crate::Outcome;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Which schema.
    #[arg(value_enum, default_value_t = Which::Profile)]
    which: Which,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Which {
    /// A state profile: `schemas/state-profile.schema.json`.
    Profile,
    /// The report of `tipkit check --format json`: `schemas/check-report.schema.json`.
    CheckReport,
    /// `tipkit.toml`: `schemas/tipkit-config.schema.json`.
    Config,
    /// The report of `tipkit diff --format json`: `schemas/diff-report.schema.json`.
    DiffReport,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    let text = match args.which {
        Which::Profile => tipkit_model::schema_text(),
        Which::CheckReport => tipkit_validate::check_report_schema_text(),
        Which::Config => tipkit_validate::config_schema_text(),
        Which::DiffReport => tipkit_validate::diff_report_schema_text(),
    };
    crate::output::stream::print(&text)?;
    Ok(Outcome::Clean)
}
