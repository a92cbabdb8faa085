//! SARIF 2.1.0: the rules with their help and default levels, one result per finding, and the
//! invocation, which did not succeed when a path could not be read. A run stays within what code
//! scanning takes: at most [`MAX_RESULTS`] results, the most severe first, and [`MAX_BYTES`]; a
//! notification of the invocation says how many findings were left out.

use std::fmt::Write as _;
use std::io::Write as _;

use serde_json::{Value, json};
use tipkit_validate::{Diagnostic, RULES, Rule, Severity, Workspace};

use super::Printer;
use super::stream::Stdout;

/// Code scanning shows at most 5,000 results of a run, the most severe first (and refuses more
/// than 25,000): GitHub's "SARIF results exceed limit".
const MAX_RESULTS: usize = 5_000;

/// Code scanning refuses a SARIF file over 10 MB ("SARIF file is too large"); this leaves room.
const MAX_BYTES: usize = 9_000_000;

/// SARIF is one document whose rules come before its results: findings wait until the end. Only
/// the [`MAX_RESULTS`] first of each severity are kept, in order; the others are counted.
#[derive(Default)]
pub(crate) struct Sarif {
    /// Errors, warnings and infos, each with its place in the output order.
    kept: [Vec<(usize, Diagnostic)>; 3],
    /// Paths that could not be read, for the invocation.
    unread: Vec<Diagnostic>,
    seen: usize,
}

impl Sarif {
    fn add(&mut self, diagnostic: &Diagnostic) {
        if diagnostic.rule == tipkit_validate::ReadError::RULE && self.unread.len() < MAX_RESULTS {
            self.unread.push(diagnostic.clone());
        }
        let kept = &mut self.kept[rank(diagnostic.severity)];
        if kept.len() < MAX_RESULTS {
            kept.push((self.seen, diagnostic.clone()));
        }
        self.seen += 1;
    }

    /// The document: the most severe findings first, as many as fit both limits, in output order.
    fn render(self, max_results: usize, max_bytes: usize) -> anyhow::Result<String> {
        let mut chosen: Vec<(usize, Diagnostic)> =
            self.kept.into_iter().flatten().take(max_results).collect();
        loop {
            let mut ordered: Vec<&(usize, Diagnostic)> = chosen.iter().collect();
            ordered.sort_by_key(|(seen, _)| *seen);
            let results: Vec<&Diagnostic> = ordered.into_iter().map(|(_, d)| d).collect();
            let text = render(&results, &self.unread, self.seen - results.len())?;
            if text.len() <= max_bytes || chosen.is_empty() {
                return Ok(text);
            }
            // Drop the least severe, in proportion to the excess, and at least one.
            let keep = chosen.len() * max_bytes / text.len() * 9 / 10;
            chosen.truncate(keep.min(chosen.len() - 1));
        }
    }
}

/// Errors first, then warnings, then infos.
fn rank(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl Printer for Sarif {
    fn folder(&mut self, diagnostics: &[Diagnostic], _: &Workspace) -> anyhow::Result<()> {
        for diagnostic in diagnostics {
            self.add(diagnostic);
        }
        Ok(())
    }

    fn finish(
        self: Box<Self>,
        _summary: tipkit_validate::Summary,
        _unreadable: usize,
    ) -> anyhow::Result<()> {
        let mut out = Stdout::new();
        out.write_all(self.render(MAX_RESULTS, MAX_BYTES)?.as_bytes())?;
        out.flush()?;
        Ok(())
    }
}

/// The log of `diagnostics`, the findings `unread` paths, and a notice of `left_out` findings.
fn render(
    diagnostics: &[&Diagnostic],
    unread: &[Diagnostic],
    left_out: usize,
) -> anyhow::Result<String> {
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
    let mut notifications: Vec<Value> = unread
        .iter()
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
    if left_out > 0 {
        notifications.push(json!({
            "level": "warning",
            "message": { "text": format!(
                "{left_out} of {} findings are left out of this run: code scanning takes at most \
                 {MAX_RESULTS} results and 10 MB, so the most severe are kept. \
                 `tipkit check --format json` lists every finding.",
                left_out + diagnostics.len()
            ) },
            "descriptor": { "id": "results-left-out" },
        }));
    }
    let mut invocation = json!({ "executionSuccessful": unread.is_empty() });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(file: usize, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: "ranked-venues",
            severity,
            file: format!("profiles/part-{file}/ct.json").into(),
            pointer: "/sex_trafficking_venues/1/rank".into(),
            span: None,
            message: "rank 4 follows rank 2 in `sex_trafficking_venues`: the ranks must count up \
                      from 1 without a gap"
                .into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// `files` files of `each` findings, the first of each file an error, the rest infos.
    fn sarif_of(files: usize, each: usize) -> Sarif {
        let mut sarif = Sarif::default();
        for f in 0..files {
            for i in 0..each {
                let severity = if i == 0 {
                    Severity::Error
                } else {
                    Severity::Info
                };
                sarif.add(&finding(f, severity));
            }
        }
        sarif
    }

    fn results(text: &str) -> (Vec<Value>, Value) {
        let log: Value = serde_json::from_str(text).unwrap();
        let run = &log["runs"][0];
        (
            run["results"].as_array().unwrap().clone(),
            run["invocations"][0].clone(),
        )
    }

    #[test]
    fn two_thousand_files_of_fifty_findings_stay_within_code_scanning() {
        let text = sarif_of(2000, 50).render(MAX_RESULTS, MAX_BYTES).unwrap();
        assert!(text.len() <= MAX_BYTES, "{} bytes", text.len());
        let (results, invocation) = results(&text);
        assert_eq!(results.len(), MAX_RESULTS);
        // Every error is kept, and the results keep the output order.
        let errors = results.iter().filter(|r| r["level"] == "error").count();
        assert_eq!(errors, 2000);
        assert_eq!(results[0]["level"], "error");
        assert_eq!(results[1]["level"], "note");
        let notice = invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap();
        assert!(
            notice.starts_with("95000 of 100000 findings are left out"),
            "{notice}"
        );
        assert!(notice.contains("`tipkit check --format json`"));
        assert_eq!(invocation["executionSuccessful"], true);
    }

    #[test]
    fn a_byte_limit_drops_the_least_severe_first() {
        let text = sarif_of(20, 5).render(MAX_RESULTS, 20_000).unwrap();
        assert!(text.len() <= 20_000, "{} bytes", text.len());
        let (results, invocation) = results(&text);
        assert!(!results.is_empty() && results.len() < 100);
        assert_eq!(results.iter().filter(|r| r["level"] == "error").count(), 20);
        let notice = invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap();
        assert!(notice.contains(&format!("{} of 100 findings", 100 - results.len())));
        // The notice is valid SARIF.
        let schema = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/sarif-schema-2.1.0.json"
        );
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
        let log: Value = serde_json::from_str(&text).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn nothing_left_out_no_notice() {
        let text = sarif_of(2, 3).render(MAX_RESULTS, MAX_BYTES).unwrap();
        let (results, invocation) = results(&text);
        assert_eq!(results.len(), 6);
        assert!(invocation.get("toolExecutionNotifications").is_none());
    }
}
