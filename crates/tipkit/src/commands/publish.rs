//! `tipkit render` and `tipkit import`: a profile as the published document, and a published
//! document, in its text form, as a profile.

use std::path::PathBuf;

use anyhow::Context;
use tipkit_document::Format as DocumentFormat;

use crate::{Outcome, atomic};

#[derive(Debug, clap::Args)]
pub(crate) struct RenderArgs {
    /// The profile to render.
    profile: PathBuf,
    /// The document's format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the document to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Plain text, as the documents are published.
    Text,
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// A published profile in its text form.
    document: PathBuf,
    /// Write the profile to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub(crate) fn render(args: &RenderArgs) -> anyhow::Result<Outcome> {
    let bytes = tipkit_validate::read_file(&args.profile, tipkit_validate::DEFAULT_SIZE_LIMIT)?;
    let profile = match tipkit_model::from_slice(&bytes) {
        Ok(profile) => profile,
        Err(error) => {
            eprintln!(
                "error: {}:{error}; `tipkit check` says more",
                args.profile.display()
            );
            return Ok(Outcome::Findings);
        }
    };
    let format = match args.format {
        Format::Text => DocumentFormat::Text,
        Format::Markdown => DocumentFormat::Markdown,
        Format::Html => DocumentFormat::Html,
    };
    emit(
        &tipkit_document::render(&profile, format),
        args.output.as_ref(),
    )
}

pub(crate) fn import(args: &ImportArgs) -> anyhow::Result<Outcome> {
    let bytes = tipkit_validate::read_file(&args.document, tipkit_validate::DEFAULT_SIZE_LIMIT)?;
    let text = String::from_utf8_lossy(&bytes);
    match tipkit_document::import(&text) {
        Ok(profile) => emit(
            &tipkit_model::to_canonical_string(&profile),
            args.output.as_ref(),
        ),
        Err(error) => {
            eprintln!(
                "error: {}:{}: {}; nothing written",
                tipkit_validate::visible_path(&args.document),
                error.line,
                tipkit_validate::visible(&error.message)
            );
            Ok(Outcome::Findings)
        }
    }
}

/// Prints `text`, or writes it atomically to `output`.
fn emit(text: &str, output: Option<&PathBuf>) -> anyhow::Result<Outcome> {
    match output {
        Some(path) => {
            atomic::replace(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(Outcome::Clean)
}
