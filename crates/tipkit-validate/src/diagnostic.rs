//! What a check finds: a rule, a severity, a place in a file, and words for the editor.

use std::fmt;
use std::path::PathBuf;

/// How serious a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a check.
    Info,
    /// Probably wrong; fails a check only with `--deny warnings`.
    Warning,
    /// Wrong; fails a check.
    Error,
}

impl Severity {
    /// The severity as written in output and configuration.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file: a byte range, and the 1-based line and column of each end. Columns count
/// Unicode scalar values, so "§" is one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Line of `start`.
    pub start_line: usize,
    /// Column of `start`.
    pub start_column: usize,
    /// Line of `end`.
    pub end_line: usize,
    /// Column of `end`.
    pub end_column: usize,
}

/// A second place that explains the finding: "first listed here".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The file of that place.
    pub file: PathBuf,
    /// Its JSON Pointer.
    pub pointer: String,
    /// Where it is, when it can be located.
    pub span: Option<Span>,
    /// What it is.
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The id of the rule that found it: `ranked-venues`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The file it is in, or the folder for a finding about a whole folder.
    pub file: PathBuf,
    /// The JSON Pointer (RFC 6901) of the offending key or value; "" for the root.
    pub pointer: String,
    /// Where it is. Only a finding about a whole folder has none.
    pub span: Option<Span>,
    /// What is wrong, naming the offending values.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places that explain it.
    pub related: Vec<Related>,
    /// The edits that fix it, when the answer is known.
    pub fix: Option<crate::fix::Fix>,
}

impl Diagnostic {
    /// The order output is printed in: by file, then by position, then by rule.
    pub fn sort_key(&self) -> (&std::path::Path, usize, usize, &'static str, &str) {
        let (start, end) = self.span.map_or((0, 0), |s| (s.start, s.end));
        (&self.file, start, end, self.rule, &self.message)
    }
}

/// Sorts diagnostics into output order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
