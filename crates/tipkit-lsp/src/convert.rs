//! Findings as the protocol's diagnostics, and a rule's documentation as `tipkit explain`
//! prints it.

use std::path::Path;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Range, Uri,
};
use tipkit_validate::{Diagnostic, Rule, Severity, visible};

use crate::position::{Encoding, Lines};

/// Where `docs/rules.md` is published, from the `repository` of the crate's manifest; `None`
/// while the manifest names no repository.
const REPOSITORY: Option<&str> = option_env!("CARGO_PKG_REPOSITORY");

/// The link to a rule's section of `docs/rules.md` in the repository at `repository`: its
/// heading is the rule id, so the anchor is the id.
pub fn rule_docs_url(repository: &str, rule: &str) -> Option<Uri> {
    let repository = repository.trim_end_matches('/');
    if repository.is_empty() {
        return None;
    }
    format!("{repository}/blob/main/docs/rules.md#{rule}")
        .parse()
        .ok()
}

/// A rule's documentation, as `tipkit explain` prints it.
pub(crate) fn explain(rule: &Rule) -> String {
    let mut out = format!(
        "# {}\n\nDefault severity: {}. Scope: {}.\n\n",
        rule.id,
        rule.default_severity,
        rule.scope()
    );
    out.push_str(&rule.docs());
    out
}

/// A file's text and how to reach it, to place a range in it.
pub(crate) struct Placed<'a> {
    /// The file's URI, as the client knows it.
    pub(crate) uri: Uri,
    /// Its text.
    pub(crate) text: &'a str,
    /// Its lines.
    pub(crate) lines: &'a Lines,
}

/// One finding in a document, as the protocol's diagnostic. `other` places a related finding
/// in another file, when it can.
pub(crate) fn diagnostic(
    finding: &Diagnostic,
    doc: &Placed<'_>,
    encoding: Encoding,
    other: &mut dyn FnMut(&Path) -> Option<(Uri, String)>,
) -> lsp_types::Diagnostic {
    let range = |placed: &Placed<'_>, span: Option<tipkit_validate::Span>| {
        span.map_or_else(Range::default, |s| {
            placed.lines.range(placed.text, s.start, s.end, encoding)
        })
    };
    let mut message = visible(&finding.message).into_owned();
    if let Some(help) = &finding.help {
        message.push_str("\nhelp: ");
        message.push_str(&visible(help));
    }
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let location = if related.file == finding.file {
                Location::new(doc.uri.clone(), range(doc, related.span))
            } else {
                let (uri, text) = other(&related.file)?;
                let lines = Lines::new(&text);
                let placed = Placed {
                    uri,
                    text: &text,
                    lines: &lines,
                };
                Location::new(placed.uri.clone(), range(&placed, related.span))
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: visible(&related.message).into_owned(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(doc, finding.span),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.to_owned())),
        code_description: REPOSITORY
            .and_then(|repository| rule_docs_url(repository, finding.rule))
            .map(|href| CodeDescription { href }),
        source: Some("tipkit".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_links_point_at_the_rules_heading() {
        let url = rule_docs_url("https://example.test/tipkit/", "ranked-venues").unwrap();
        assert_eq!(
            url.as_str(),
            "https://example.test/tipkit/blob/main/docs/rules.md#ranked-venues"
        );
        assert_eq!(rule_docs_url("", "syntax"), None);
        // Every rule id is its own anchor in docs/rules.md: a lower-case kebab-case heading.
        for rule in tipkit_validate::RULES {
            assert!(
                rule.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                rule.id
            );
        }
    }
}
