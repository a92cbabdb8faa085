//! Findings as the protocol's diagnostics, and their fixes as its code actions.

use std::path::Path;

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity,
    DocumentChanges, Location, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier,
    Range, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};
use tipkit_validate::{Applicability, Diagnostic, Fix, Severity, visible};

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

/// The kind of the action that applies every safe fix: `source.fixAll.tipkit`.
pub(crate) const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.tipkit");

/// A finding's fix as a quick fix, counted as `applicability` (as `tipkit.toml` has it), for
/// the protocol's `diagnostic` of that finding. Its title is the fix's message, marked when the
/// fix is unsafe; its edits are the fix's, placed in the document's current text, for its
/// `version` when the client takes versioned edits.
pub(crate) fn quick_fix(
    fix: &Fix,
    applicability: Applicability,
    diagnostic: lsp_types::Diagnostic,
    doc: &Placed<'_>,
    version: Option<i32>,
    encoding: Encoding,
) -> CodeAction {
    let mut title = visible(&fix.message).into_owned();
    if applicability == Applicability::Unsafe {
        title.push_str(" (unsafe)");
    }
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            let range = doc
                .lines
                .range(doc.text, edit.range.start, edit.range.end, encoding);
            TextEdit::new(range, edit.replacement.clone())
        })
        .collect();
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(one_document_edit(doc.uri.clone(), version, edits)),
        is_preferred: Some(applicability == Applicability::Safe),
        ..CodeAction::default()
    }
}

/// The action that replaces the whole document with `fixed`, its text after every safe fix.
pub(crate) fn fix_all(
    doc: &Placed<'_>,
    version: Option<i32>,
    fixed: String,
    encoding: Encoding,
) -> CodeAction {
    let whole = doc.lines.range(doc.text, 0, doc.text.len(), encoding);
    CodeAction {
        title: "Apply every safe tipkit fix".to_owned(),
        kind: Some(FIX_ALL),
        edit: Some(one_document_edit(
            doc.uri.clone(),
            version,
            vec![TextEdit::new(whole, fixed)],
        )),
        ..CodeAction::default()
    }
}

/// `edits` of one document: for its `version` when given, so that a client refuses them once
/// the text has changed, else as plain changes.
fn one_document_edit(uri: Uri, version: Option<i32>, edits: Vec<TextEdit>) -> WorkspaceEdit {
    match version {
        Some(version) => WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: Some(version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        },
        None => WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..WorkspaceEdit::default()
        },
    }
}

/// Whether a client that asked for the kinds `only` (all when `None`) wants actions of `kind`:
/// the kinds are hierarchical, so `source` asks for `source.fixAll.tipkit` too.
pub(crate) fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|asked| {
            let (asked, kind) = (asked.as_str(), kind.as_str());
            kind == asked
                || kind
                    .strip_prefix(asked)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_asked_for_cover_their_subkinds() {
        assert!(wanted(None, &FIX_ALL));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &FIX_ALL));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &FIX_ALL));
        assert!(wanted(Some(&[FIX_ALL]), &FIX_ALL));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &FIX_ALL));
        let near_miss = [CodeActionKind::new("source.fix")];
        assert!(!wanted(Some(&near_miss), &FIX_ALL));
        let fix_all = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(!wanted(Some(&fix_all), &CodeActionKind::QUICKFIX));
        assert!(!wanted(Some(&[]), &CodeActionKind::QUICKFIX));
    }

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
