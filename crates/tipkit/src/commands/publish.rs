//! `tipkit render` and `tipkit import`: a profile as the published document, and a published
//! document, in its text form, as a profile.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tipkit_document::Format as DocumentFormat;

use crate::output::stream;
use crate::{Outcome, atomic};

#[derive(Debug, clap::Args)]
pub(crate) struct RenderArgs {
    /// The profile to render.
    profile: PathBuf,
    /// The document's format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the document to this file instead of standard output (`-` for standard output).
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
    /// Write the profile to this file instead of standard output (`-` for standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub(crate) fn render(args: &RenderArgs) -> anyhow::Result<Outcome> {
    let bytes = tipkit_validate::read_file(&args.profile, tipkit_validate::DEFAULT_SIZE_LIMIT)?;
    let profile = match tipkit_model::from_slice(&bytes) {
        Ok(profile) => profile,
        Err(error) => {
            stream::error(format!(
                "{}:{error}; `tipkit check` says more",
                args.profile.display()
            ));
            return Ok(Outcome::Findings);
        }
    };
    let Some(profile) = shown_visibly(profile) else {
        stream::error(format!(
            "{}: a value holds a control character where the document cannot show it escaped; \
             nothing rendered; `tipkit check` says where",
            args.profile.display()
        ));
        return Ok(Outcome::Findings);
    };
    let format = match args.format {
        Format::Text => DocumentFormat::Text,
        Format::Markdown => DocumentFormat::Markdown,
        Format::Html => DocumentFormat::Html,
    };
    emit(
        &tipkit_document::render(&profile, format),
        args.output.as_ref(),
        &args.profile,
    )
}

pub(crate) fn import(args: &ImportArgs) -> anyhow::Result<Outcome> {
    let bytes = tipkit_validate::read_file(&args.document, tipkit_validate::DEFAULT_SIZE_LIMIT)?;
    let text = String::from_utf8_lossy(&bytes);
    match tipkit_document::import(&text) {
        Ok(profile) => emit(
            &tipkit_model::to_canonical_string(&profile),
            args.output.as_ref(),
            &args.document,
        ),
        Err(error) => {
            stream::error(format!(
                "{}:{}: {}; nothing written",
                args.document.display(),
                error.line,
                error.message
            ));
            Ok(Outcome::Findings)
        }
    }
}

/// The profile with every string in it [`tipkit_validate::visible`]: a control character, a
/// line break or a direction override in data reaches the document (and so a terminal or a CI
/// log) as a visible escape, never raw. `check` flags such strings; a valid profile is unchanged.
/// `None` when the escaped profile no longer reads: then nothing is rendered, never the raw one.
fn shown_visibly(profile: tipkit_model::Profile) -> Option<tipkit_model::Profile> {
    fn walk(value: &mut serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) => match tipkit_validate::visible(s) {
                std::borrow::Cow::Borrowed(_) => false,
                std::borrow::Cow::Owned(shown) => {
                    *s = shown;
                    true
                }
            },
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |c, v| walk(v) | c),
            serde_json::Value::Object(map) => map.values_mut().fold(false, |c, v| walk(v) | c),
            _ => false,
        }
    }
    let mut value = serde_json::to_value(&profile).ok()?;
    if !walk(&mut value) {
        return Some(profile);
    }
    // A string whose shape the model checks (a phone number, a citation) holds no control
    // character once read, so the escaped profile reads back.
    serde_json::from_value(value).ok()
}

/// Prints `text`, or writes it atomically to `output` (`-` is standard output). The input is
/// never written over.
fn emit(text: &str, output: Option<&PathBuf>, input: &Path) -> anyhow::Result<Outcome> {
    match output.filter(|path| path.as_os_str() != "-") {
        Some(path) if atomic::same_file(path, input) => {
            stream::error(format!(
                "-o {} is the input; nothing written (name another file)",
                path.display()
            ));
            Ok(Outcome::Broken)
        }
        Some(path) => {
            atomic::Scope::folder_of(path)
                .and_then(|scope| atomic::replace(path, text.as_bytes(), &scope))
                .with_context(|| format!("cannot write {}", path.display()))?;
            stream::line(&format!("wrote {}", path.display()));
            Ok(Outcome::Clean)
        }
        None => {
            stream::print(text)?;
            Ok(Outcome::Clean)
        }
    }
}
