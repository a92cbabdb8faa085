//! The published form of a state profile: render a profile as the document the public reads,
//! as text, Markdown or a self-contained HTML page; and import the text form back.
//!
//! The boilerplate every document shares lives in one template module, which both the
//! renderers and the importer use.

#[cfg(feature = "audit")]
mod audit;
mod document;
mod import;
mod template;
mod write;

#[cfg(feature = "audit")]
pub use audit::{audit_html, audit_markdown};
pub use import::{ImportError, import};
use tipkit_model::Profile;

/// The output formats of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, as the documents are published.
    Text,
    /// Markdown, with headings, lists and links.
    Markdown,
    /// One self-contained HTML page with a chart of the yearly hotline cases.
    Html,
}

/// Renders a profile as its document. A draft renders what it has and marks each missing
/// section as not yet transcribed.
pub fn render(profile: &Profile, format: Format) -> String {
    let blocks = document::layout(profile);
    match format {
        Format::Text => write::text(&blocks),
        Format::Markdown => write::markdown(&blocks),
        Format::Html => write::html(&blocks),
    }
}
