//! `unknown-value`: a value outside a closed list: venue, jurisdiction code, status, version.

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use tipkit_model::{LaborVenue, SexVenue, Venue};

use crate::Diagnostic;
use crate::registry::{Check, SchemaErrors, declare_rule};
use crate::structural::SchemaError;
use crate::wording::{describe_value, field_name, must_be, suggest};

declare_rule! {
    /// Closed lists hold only their values: venues, jurisdiction codes, status, schema version.
    ///
    /// ## What it checks
    /// That a venue is a label of `data/venue-vocabulary.json`, a code is a jurisdiction's USPS
    /// code, `status` is `draft` or `published`, and `schema_version` is 1. For a venue spelt as
    /// published material sometimes spells it, it names the label to write.
    ///
    /// ## Why it matters
    /// Profiles are compared across states by these values: "Hotel-/Motel-Based" and
    /// "Hotel/Motel-Based" would count as two venues.
    ///
    /// ## Example
    /// ```json
    /// { "sex_trafficking_venues": [{ "rank": 1, "venue": "Hotel-/Motel-Based" }] }
    /// ```
    /// Write `Hotel/Motel-Based`.
    id: "unknown-value",
    severity: Error,
    check: Check::Stage,
    schema_errors: SchemaErrors { keywords: &["enum", "const"], diagnose },
}

fn diagnose(error: &SchemaError<'_, '_>, acc: &mut Vec<Diagnostic>) {
    acc.push(match error.kind {
        ValidationErrorKind::Enum { options } => diagnose_enum(error, options),
        ValidationErrorKind::Constant { expected_value } => diagnose_const(error, expected_value),
        _ => error.report_as_said(&RULE),
    });
}

fn diagnose_enum(error: &SchemaError<'_, '_>, options: &Value) -> Diagnostic {
    let (pointer, found) = (error.pointer, error.found);
    let noun = noun(pointer);
    let message = match found {
        Value::String(text) => format!("`{text}` is not a known {noun}"),
        other => format!(
            "{} must be a {noun}, found {}",
            field_name(pointer),
            describe_value(other)
        ),
    };
    let diagnostic = error.report(&RULE, message);
    let Value::String(text) = found else {
        return diagnostic;
    };
    if let Some(help) = venue_help(pointer, text) {
        return diagnostic.with_help(help);
    }
    let options: Vec<&str> = options
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    match suggest(text, options.iter().copied()) {
        Some(help) => diagnostic.with_help(help),
        None if options.len() <= 5 => {
            diagnostic.with_help(format!("write one of: {}", options.join(", ")))
        }
        None => diagnostic,
    }
}

fn diagnose_const(error: &SchemaError<'_, '_>, expected: &Value) -> Diagnostic {
    error
        .report(&RULE, must_be(error.pointer, expected, error.found))
        .with_help(format!(
            "this tipkit reads version {expected} of the format"
        ))
}

fn noun(pointer: &str) -> &'static str {
    if pointer.starts_with("/sex_trafficking_venues/") {
        "sex trafficking venue"
    } else if pointer.starts_with("/labor_trafficking_venues/") {
        "labor trafficking venue"
    } else if pointer == "/state/code" {
        "jurisdiction code"
    } else if pointer == "/status" {
        "status"
    } else {
        "value"
    }
}

/// For a venue: the label an alias stands for, or the list a venue of the other kind belongs to.
fn venue_help(pointer: &str, text: &str) -> Option<String> {
    if pointer.starts_with("/sex_trafficking_venues/") {
        venue_help_in::<SexVenue, LaborVenue>(text, "labor", "labor_trafficking_venues")
    } else if pointer.starts_with("/labor_trafficking_venues/") {
        venue_help_in::<LaborVenue, SexVenue>(text, "sex", "sex_trafficking_venues")
    } else {
        None
    }
}

/// Help for `text` in a list of `V`s, whose other kind is `Other`, listed under `other_list`.
fn venue_help_in<V: Venue + std::fmt::Display, Other: Venue>(
    text: &str,
    other_kind: &str,
    other_list: &str,
) -> Option<String> {
    if let Some(venue) = V::from_label_or_alias(text) {
        return Some(format!(
            "`{text}` is another spelling of `{venue}`: write `{venue}`"
        ));
    }
    if Other::from_label(text).is_some() {
        return Some(format!(
            "`{text}` is a {other_kind} trafficking venue: move it to `{other_list}`"
        ));
    }
    suggest(text, V::ALL.iter().map(|v| v.label()))
}
