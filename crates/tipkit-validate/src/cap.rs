//! Bounded output: at most [`FINDINGS_PER_RULE`] findings of one rule in one file, then one
//! closing finding that says how many more there were. The cap is applied here, before any
//! printer, so that every format gets it.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity, sort};
use crate::engine::{ALL_RULES, RuleSet};
use crate::wording::{plural, thousands};

/// How many findings of one rule one file shows; the rest are counted in a closing finding.
pub const FINDINGS_PER_RULE: usize = 100;

/// Findings as they are found, keeping the first [`FINDINGS_PER_RULE`] of each rule in each
/// file, in output order, in memory bounded by the cap whatever the number found. The rule set
/// is applied as they come: a finding of a rule that is off is dropped (a stage of the pipeline
/// finds what it finds), the others take their configured severity.
pub(crate) struct Capped<'r> {
    rules: &'r RuleSet,
    /// Keep every finding that carries a fix, past the cap too: the check behind `--fix`, which
    /// would otherwise need a pass per hundred fixes (quadratic time on a file with many).
    keep_fixes: bool,
    /// By file, then by rule: a finding finds its bucket without a copy of its path.
    buckets: HashMap<PathBuf, HashMap<&'static str, Bucket>>,
    total: usize,
}

impl Default for Capped<'static> {
    fn default() -> Self {
        Self::new(&ALL_RULES)
    }
}

#[derive(Default)]
struct Bucket {
    kept: Vec<Diagnostic>,
    /// `kept` is the first [`FINDINGS_PER_RULE`] in output order, sorted: a later finding is
    /// counted at once, not kept to be sorted.
    full: bool,
    /// Findings past the cap that carry a fix, when fixes are kept.
    fixes: Vec<Diagnostic>,
    /// The first finding past the cap, in output order: where the closing finding points.
    first_omitted: Option<Diagnostic>,
    omitted: usize,
    omitted_severity: Option<Severity>,
}

impl<'r> Capped<'r> {
    /// Findings reported as `rules` says.
    pub(crate) fn new(rules: &'r RuleSet) -> Self {
        Self {
            rules,
            keep_fixes: false,
            buckets: HashMap::new(),
            total: 0,
        }
    }

    /// Findings reported as `rules` says, keeping every one that carries a fix.
    pub(crate) fn keeping_fixes(rules: &'r RuleSet) -> Self {
        Self {
            keep_fixes: true,
            ..Self::new(rules)
        }
    }

    /// Adds one finding.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.total += 1;
        let Some(diagnostic) = self.rules.admit(diagnostic) else {
            return;
        };
        let rules = match self.buckets.get_mut(diagnostic.file.as_path()) {
            Some(rules) => rules,
            None => self.buckets.entry(diagnostic.file.clone()).or_default(),
        };
        let bucket = rules.entry(diagnostic.rule).or_default();
        let after_the_kept = bucket.full
            && bucket
                .kept
                .last()
                .is_some_and(|last| last.sort_key() < diagnostic.sort_key());
        if after_the_kept {
            bucket.omit(diagnostic, self.keep_fixes);
            return;
        }
        bucket.full = false;
        bucket.kept.push(diagnostic);
        if bucket.kept.len() >= 2 * FINDINGS_PER_RULE {
            bucket.trim(self.keep_fixes);
        }
    }

    /// Adds findings.
    pub(crate) fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in diagnostics {
            self.push(diagnostic);
        }
    }

    /// The severity `diagnostic` is reported at; `None` when its rule is off.
    pub(crate) fn admitted(&self, diagnostic: &Diagnostic) -> Option<Severity> {
        self.rules.admit(diagnostic.clone()).map(|d| d.severity)
    }

    /// Counts findings without making them, when each would only be counted: `findings` of
    /// `file`, each a rule and the severity [`Self::admitted`] gave it, all at `start` or after,
    /// past the first [`FINDINGS_PER_RULE`] of their rule. False, counting nothing, when one of
    /// them could be shown, or could carry a fix that is kept.
    pub(crate) fn count_past_the_cap(
        &mut self,
        file: &std::path::Path,
        start: usize,
        findings: &[(&'static str, Option<Severity>)],
    ) -> bool {
        if self.keep_fixes {
            return false;
        }
        let Some(rules) = self.buckets.get_mut(file) else {
            return false;
        };
        let past = |rules: &HashMap<&'static str, Bucket>, rule| {
            rules.get(rule).is_some_and(|bucket: &Bucket| {
                bucket.full
                    && bucket.first_omitted.is_some()
                    && bucket
                        .kept
                        .last()
                        .and_then(|last| last.span)
                        .is_some_and(|last| last.start < start)
            })
        };
        let all_past = findings
            .iter()
            .all(|&(rule, severity)| severity.is_none() || past(rules, rule));
        if !all_past {
            return false;
        }
        self.total += findings.len();
        for &(rule, severity) in findings {
            if let (Some(severity), Some(bucket)) = (severity, rules.get_mut(rule)) {
                bucket.omitted += 1;
                bucket.omitted_severity = bucket.omitted_severity.max(Some(severity));
            }
        }
        true
    }

    /// How many findings were added, kept or not, of rules on or off.
    #[cfg(test)]
    pub(crate) fn total(&self) -> usize {
        self.total
    }

    /// The findings kept, each capped rule closed by a finding that counts the rest, in output
    /// order: the one sort of these findings.
    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for mut bucket in self.buckets.into_values().flat_map(HashMap::into_values) {
            bucket.trim(self.keep_fixes);
            out.append(&mut bucket.kept);
            out.append(&mut bucket.fixes);
            if let (Some(first), Some(severity)) = (bucket.first_omitted, bucket.omitted_severity) {
                out.push(closing(first, severity, bucket.omitted));
            }
        }
        sort(&mut out);
        out
    }
}

impl Bucket {
    /// Keeps the first findings in output order and counts the others; with `keep_fixes`, the
    /// others that carry a fix are kept aside.
    fn trim(&mut self, keep_fixes: bool) {
        if self.kept.len() <= FINDINGS_PER_RULE {
            return;
        }
        sort(&mut self.kept);
        let omitted: Vec<Diagnostic> = self.kept.drain(FINDINGS_PER_RULE..).collect();
        for diagnostic in omitted {
            self.omit(diagnostic, keep_fixes);
        }
        self.full = true;
    }

    /// Counts a finding past the first [`FINDINGS_PER_RULE`]; with `keep_fixes`, one that
    /// carries a fix is kept aside.
    fn omit(&mut self, diagnostic: Diagnostic, keep_fixes: bool) {
        if keep_fixes && diagnostic.fix.is_some() {
            self.fixes.push(diagnostic);
            return;
        }
        self.omitted += 1;
        self.omitted_severity = self.omitted_severity.max(Some(diagnostic.severity));
        let earlier = self
            .first_omitted
            .as_ref()
            .is_some_and(|first| first.sort_key() <= diagnostic.sort_key());
        if !earlier {
            self.first_omitted = Some(diagnostic);
        }
    }
}

/// "… and 39,900 more `wrong-type` findings in this file", at the first one not shown.
fn closing(first: Diagnostic, severity: Severity, omitted: usize) -> Diagnostic {
    Diagnostic {
        severity,
        message: format!(
            "… and {} more `{}` {} in this file",
            thousands(omitted),
            first.rule,
            plural(omitted, "finding"),
        ),
        help: Some(format!(
            "only the first {FINDINGS_PER_RULE} findings of a rule are shown for each file: fix them and check again"
        )),
        related: Vec::new(),
        fix: None,
        ..first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn finding(rule: &'static str, start: usize) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::Error,
            file: PathBuf::from("ct.json"),
            pointer: tipkit_model::Pointer::profile()
                .hotlines()
                .index(start)
                .to_string(),
            span: Some(Span {
                start,
                end: start + 1,
                start_line: 1,
                start_column: start + 1,
                end_line: 1,
                end_column: start + 2,
            }),
            message: format!("finding {start}"),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn the_first_findings_in_output_order_are_kept_and_the_rest_counted() {
        let mut capped = Capped::default();
        // Found in reverse order: the cap keeps the first in the file, not the first found.
        for start in (0..1000).rev() {
            capped.push(finding("wrong-type", start));
        }
        capped.push(finding("laws", 5));
        assert_eq!(capped.total(), 1001);
        let out = capped.finish();
        let wrong_type: Vec<&Diagnostic> = out.iter().filter(|d| d.rule == "wrong-type").collect();
        assert_eq!(wrong_type.len(), FINDINGS_PER_RULE + 1);
        assert_eq!(wrong_type[0].message, "finding 0");
        assert_eq!(wrong_type[99].message, "finding 99");
        let closing = wrong_type[100];
        assert_eq!(
            closing.message,
            "… and 900 more `wrong-type` findings in this file"
        );
        assert_eq!(closing.pointer, "/hotlines/100");
        assert_eq!(out.iter().filter(|d| d.rule == "laws").count(), 1);
    }

    #[test]
    fn a_rule_under_the_cap_has_no_closing_finding() {
        let mut capped = Capped::default();
        capped.extend((0..FINDINGS_PER_RULE).map(|i| finding("laws", i)));
        assert_eq!(capped.finish().len(), FINDINGS_PER_RULE);
    }
}
