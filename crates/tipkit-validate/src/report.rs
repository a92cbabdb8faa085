//! The JSON report of a check: the stable shape `tipkit check --format json` prints, and
//! `schemas/check-report.schema.json` describes.

use crate::diagnostic::{Diagnostic, Severity};

/// The report of one `tipkit check`.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
#[schemars(title = "tipkit check report")]
pub struct CheckReport {
    /// Every finding, sorted by file, then position.
    pub diagnostics: Vec<ReportedDiagnostic>,
    /// The counts.
    pub summary: Summary,
}

/// One finding.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ReportedDiagnostic {
    /// The rule id: `ranked-venues`. `tipkit explain <rule>` documents it.
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// The file, as given or found; a folder for findings about a whole folder.
    pub file: String,
    /// The JSON Pointer (RFC 6901) of the offending key or value; "" for the root.
    pub pointer: String,
    /// 1-based line where the finding starts; null for findings about a whole folder.
    pub line: Option<usize>,
    /// 1-based column, in Unicode scalar values.
    pub column: Option<usize>,
    /// 1-based line where the finding ends.
    pub end_line: Option<usize>,
    /// 1-based column where it ends, exclusive.
    pub end_column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when known.
    pub help: Option<String>,
    /// The edits that fix it, when the answer is known: `tipkit check --fix` applies them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<ReportedFix>,
}

/// The fix of a finding.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ReportedFix {
    /// `safe`: applied by `--fix`; `unsafe`: only with `--fix --unsafe-fixes`.
    pub applicability: crate::fix::Applicability,
    /// What it does.
    pub message: String,
    /// Text edits on the file as checked, in file order, none overlapping.
    pub edits: Vec<ReportedEdit>,
}

/// One text edit: the bytes from `start` to `end` become `replacement`.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ReportedEdit {
    /// Byte offset of the first byte replaced.
    pub start: usize,
    /// Byte offset one past the last byte replaced.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in Unicode scalar values.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, exclusive.
    pub end_column: usize,
    /// The new text.
    pub replacement: String,
}

impl From<&crate::fix::Fix> for ReportedFix {
    fn from(fix: &crate::fix::Fix) -> Self {
        Self {
            applicability: fix.applicability,
            message: fix.message.clone(),
            edits: fix
                .edits
                .iter()
                .map(|edit| ReportedEdit {
                    start: edit.range.start,
                    end: edit.range.end,
                    line: edit.span.start_line,
                    column: edit.span.start_column,
                    end_line: edit.span.end_line,
                    end_column: edit.span.end_column,
                    replacement: edit.replacement.clone(),
                })
                .collect(),
        }
    }
}

/// The counts of a check.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Files checked, including files that could not be read.
    pub files: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
}

impl Summary {
    /// Adds another part's counts to these.
    pub fn add(&mut self, other: &Self) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }

    /// Counts the findings of `diagnostics` over `files` files.
    pub fn count(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let of = |severity| {
            diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        Self {
            files,
            errors: of(Severity::Error),
            warnings: of(Severity::Warning),
            infos: of(Severity::Info),
        }
    }
}

impl From<&Diagnostic> for ReportedDiagnostic {
    fn from(diagnostic: &Diagnostic) -> Self {
        let span = diagnostic.span;
        Self {
            rule: diagnostic.rule.to_owned(),
            severity: diagnostic.severity,
            file: diagnostic.file.display().to_string(),
            pointer: diagnostic.pointer.clone(),
            line: span.map(|s| s.start_line),
            column: span.map(|s| s.start_column),
            end_line: span.map(|s| s.end_line),
            end_column: span.map(|s| s.end_column),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            fix: diagnostic.fix.as_ref().map(ReportedFix::from),
        }
    }
}

impl CheckReport {
    /// The report of `diagnostics` over `files` files.
    pub fn new(files: usize, diagnostics: &[Diagnostic]) -> Self {
        Self {
            diagnostics: diagnostics.iter().map(ReportedDiagnostic::from).collect(),
            summary: Summary::count(files, diagnostics),
        }
    }
}

/// A JSON Schema (draft 2020-12) of a type, as the committed files hold it.
pub(crate) fn schema_text<T: schemars::JsonSchema>() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}

/// `schemas/check-report.schema.json`.
pub fn check_report_schema_text() -> String {
    schema_text::<CheckReport>()
}

/// `schemas/tipkit-config.schema.json`.
pub fn config_schema_text() -> String {
    schema_text::<crate::config::Config>()
}
