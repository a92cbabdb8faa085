//! `tipkit new <code>`: a draft skeleton for a jurisdiction, never over an existing file.

use std::path::PathBuf;

use anyhow::{Context, bail};
use tipkit_model::{JURISDICTIONS, JurisdictionCode, Profile};

use crate::output::stream;
use crate::{Outcome, atomic};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The jurisdiction's USPS code: `ct`, `NH`, `pr`.
    code: String,
    /// The folder to write `<code>.json` in.
    #[arg(long, default_value = "profiles")]
    dir: PathBuf,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    let Ok(code) = args.code.parse::<JurisdictionCode>() else {
        let codes: Vec<&str> = JURISDICTIONS.iter().map(|j| j.code.as_str()).collect();
        bail!(
            "`{}` is not a jurisdiction code; the codes are {}",
            args.code,
            codes.join(", ")
        );
    };
    let path = args.dir.join(code.file_name());
    let text = tipkit_model::to_canonical_string(&Profile::draft(code));
    let scope = atomic::Scope::output(&args.dir)
        .with_context(|| format!("cannot write in {}", args.dir.display()))?;
    match atomic::create_new(&path, text.as_bytes(), &scope) {
        Ok(()) => {
            stream::print(&format!(
                "wrote {} ({}, a draft)\n",
                tipkit_validate::visible_path(&path),
                code.jurisdiction().name
            ))?;
            Ok(Outcome::Clean)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            stream::error(format!(
                "{} exists; `tipkit new` never overwrites a profile",
                path.display()
            ));
            Ok(Outcome::Findings)
        }
        Err(error) => Err(error).with_context(|| format!("cannot write {}", path.display())),
    }
}
