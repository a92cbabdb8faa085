//! `invalid-format`: a string without the shape its key requires.

use serde_json::Value;
use tipkit_model::{Citation, Phone, YearMonth};

use crate::Diagnostic;
use crate::context::{FileContext, Target};
use crate::registry::{Check, Rule, declare_rule};
use crate::rules::{hotlines, laws};
use crate::structural::must_be;

declare_rule! {
    /// Months are written YYYY-MM.
    ///
    /// ## What it checks
    /// That `reporting_period.start` and `.end` are a year and month, "2012-12". Phone numbers
    /// and citations have shapes too; findings about them are reported under the rules that own
    /// them, `hotlines` and `laws`.
    ///
    /// ## Why it matters
    /// Periods are compared across profiles, and "Dec 2012" cannot be.
    ///
    /// ## Example
    /// ```json
    /// { "reporting_period": { "start": "2012-12", "end": "2016-13" } }
    /// ```
    id: "invalid-format",
    severity: Error,
    check: Check::Stage,
}

/// Each shaped string: its pattern, what it looks like in words, and the rule that owns it.
static SHAPES: &[(&str, &str, &Rule)] = &[
    (YearMonth::PATTERN, YearMonth::EXPECTED, &RULE),
    (Phone::PATTERN, Phone::EXPECTED, &hotlines::RULE),
    (Citation::PATTERN, Citation::EXPECTED, &laws::RULE),
];

pub(crate) fn diagnose(
    source: &FileContext<'_>,
    pointer: &str,
    found: &Value,
    pattern: &str,
) -> Diagnostic {
    let (expected, rule) = SHAPES
        .iter()
        .find(|(shape, _, _)| *shape == pattern)
        .map_or((pattern, &RULE), |&(_, expected, rule)| (expected, rule));
    source.report(
        rule,
        pointer,
        Target::Value,
        must_be(pointer, expected, found),
    )
}
