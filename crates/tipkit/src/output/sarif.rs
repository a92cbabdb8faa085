//! SARIF 2.1.0: the rules with their help and default levels, one result per finding, and the
//! invocation, which did not succeed when a path could not be read.

use std::fmt::Write as _;
use std::io::Write as _;

use serde_json::{Value, json};
use tipkit_validate::{Diagnostic, RULES, Rule, Severity, Workspace};

use super::Printer;
use super::stream::Stdout;

/// SARIF is one document whose rules come before its results: findings wait until the end.
#[derive(Default)]
pub(crate) struct Sarif {
    diagnostics: Vec<Diagnostic>,
}

impl Printer for Sarif {
    fn folder(&mut self, diagnostics: &[Diagnostic], _: &Workspace) -> anyhow::Result<()> {
        self.diagnostics.extend_from_slice(diagnostics);
        Ok(())
    }

    fn finish(
        self: Box<Self>,
        _summary: tipkit_validate::Summary,
        _unreadable: usize,
    ) -> anyhow::Result<()> {
        let mut out = Stdout::new();
        out.write_all(render(&self.diagnostics)?.as_bytes())?;
        out.flush()?;
        Ok(())
    }
}

fn render(diagnostics: &[Diagnostic]) -> anyhow::Result<String> {
    // The rules the results refer to, in registry order.
    let used: Vec<&Rule> = RULES
        .iter()
        .copied()
        .filter(|rule| diagnostics.iter().any(|d| d.rule == rule.id))
        .collect();
    let rules: Vec<Value> = used
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": rule.summary() },
                "help": { "text": rule.docs(), "markdown": rule.docs() },
                "defaultConfiguration": { "level": level(rule.default_severity) },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics.iter().map(|d| result(d, &used)).collect();
    // Paths that could not be read: the run is not the whole check it claims to be.
    let unread: Vec<Value> = diagnostics
        .iter()
        .filter(|d| d.rule == tipkit_validate::ReadError::RULE)
        .map(|d| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", d.file.display(), d.message) },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": uri(&d.file.display().to_string()) }
                } }],
                "descriptor": { "id": d.rule },
            })
        })
        .collect();
    let mut invocation = json!({ "executionSuccessful": unread.is_empty() });
    if !unread.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(unread);
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "tipkit",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = super::json::to_string_pretty(&log)?;
    text.push('\n');
    Ok(text)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(diagnostic: &Diagnostic, rules: &[&Rule]) -> Value {
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut physical =
        json!({ "artifactLocation": { "uri": uri(&diagnostic.file.display().to_string()) } });
    if let Some(span) = diagnostic.span {
        physical["region"] = json!({
            "startLine": span.start_line,
            "startColumn": span.start_column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
        });
    }
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "ruleIndex": rules.iter().position(|r| r.id == diagnostic.rule),
        "level": level(diagnostic.severity),
        "message": { "text": text },
        "locations": [{ "physicalLocation": physical }],
    });
    if let Some(fix) = &diagnostic.fix {
        result["fixes"] = json!([fix_object(diagnostic, fix)]);
    }
    result
}

/// A SARIF `fix`: one artifact change, its replacements located by bytes and by lines and
/// columns.
fn fix_object(diagnostic: &Diagnostic, fix: &tipkit_validate::Fix) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|edit| {
            json!({
                "deletedRegion": {
                    "startLine": edit.span.start_line,
                    "startColumn": edit.span.start_column,
                    "endLine": edit.span.end_line,
                    "endColumn": edit.span.end_column,
                    "byteOffset": edit.range.start,
                    "byteLength": edit.range.end - edit.range.start,
                },
                "insertedContent": { "text": edit.replacement },
            })
        })
        .collect();
    json!({
        "description": { "text": format!("{} ({})", fix.message, fix.applicability.as_str()) },
        "artifactChanges": [{
            "artifactLocation": { "uri": uri(&diagnostic.file.display().to_string()) },
            "replacements": replacements,
        }],
    })
}

/// A relative URI reference for a path: forward slashes, reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            b'\\' => out.push('/'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}
