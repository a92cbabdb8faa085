//! `invalid-format`: a string without the shape its key requires.

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use tipkit_model::{Citation, Hotline, Phone, YearMonth};

use crate::Diagnostic;
use crate::context::FileContext;
use crate::fix::Fix;
use crate::registry::{Check, Rule, SchemaErrors, declare_rule};
use crate::rules::{hotlines, laws};
use crate::structural::SchemaError;
use crate::wording::must_be;

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
    schema_errors: SchemaErrors { keywords: &["pattern"], diagnose },
}

/// Each shaped string: its pattern, what it looks like in words, and the rule that owns it.
static SHAPES: &[(&str, &str, &Rule)] = &[
    (YearMonth::PATTERN, YearMonth::EXPECTED, &RULE),
    (Phone::PATTERN, Phone::EXPECTED, &hotlines::RULE),
    (Citation::PATTERN, Citation::EXPECTED, &laws::RULE),
];

fn diagnose(error: &SchemaError<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let ValidationErrorKind::Pattern { pattern } = error.kind else {
        return acc.push(error.report_as_said(&RULE));
    };
    let pattern = pattern.as_str();
    let (expected, rule) = SHAPES
        .iter()
        .find(|(shape, _, _)| *shape == pattern)
        .map_or((pattern, &RULE), |&(_, expected, rule)| (expected, rule));
    let fix = national_phone_fix(error.source, error.pointer, error.found, pattern);
    acc.push(
        error
            .report(rule, must_be(error.pointer, expected, error.found))
            .with_fix(fix),
    );
}

/// The national hotline's number written another way ("888 373 7888", "(888) 373-7888",
/// "1-888-373-7888"): write it as the format does.
fn national_phone_fix(
    source: &FileContext<'_>,
    pointer: &str,
    found: &Value,
    pattern: &str,
) -> Option<Fix> {
    let text = found.as_str().filter(|_| pattern == Phone::PATTERN)?;
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let national: String = Hotline::NATIONAL_PHONE
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let only_punctuation = text
        .chars()
        .all(|c| c.is_ascii_digit() || " -.()+".contains(c));
    let same = digits == national || digits.strip_prefix('1') == Some(national.as_str());
    (same && only_punctuation)
        .then(|| Fix::safe_value(source, pointer, Hotline::NATIONAL_PHONE))
        .flatten()
}
