//! `unknown-value`: a value outside a closed list: venue, jurisdiction code, status, version.

use serde_json::Value;
use tipkit_model::{LaborVenue, SexVenue, Venue};

use crate::Diagnostic;
use crate::context::{FileContext, Target};
use crate::fix::{Applicability, Fix};
use crate::registry::{Check, declare_rule};
use crate::structural::{describe_value, field_name, must_be};
use crate::suggest;

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
    fix: SafeOrUnsafe,
    check: Check::Stage,
}

pub(crate) fn diagnose_enum(
    source: &FileContext<'_>,
    pointer: &str,
    found: &Value,
    options: &Value,
) -> Diagnostic {
    let noun = noun(pointer);
    let message = match found {
        Value::String(text) => format!("`{text}` is not a known {noun}"),
        other => format!(
            "{} must be a {noun}, found {}",
            field_name(pointer),
            describe_value(other)
        ),
    };
    let diagnostic = source.report(&RULE, pointer, Target::Value, message);
    let Value::String(text) = found else {
        return diagnostic;
    };
    let diagnostic = diagnostic.with_fix(enum_fix(source, pointer, text, options));
    if let Some(help) = venue_help(pointer, text) {
        return diagnostic.with_help(help);
    }
    let options: Vec<&str> = options
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    match suggest::did_you_mean(&suggest::nearest(text, options.iter().copied())) {
        Some(help) => diagnostic.with_help(help),
        None if options.len() <= 5 => {
            diagnostic.with_help(format!("write one of: {}", options.join(", ")))
        }
        None => diagnostic,
    }
}

pub(crate) fn diagnose_const(
    source: &FileContext<'_>,
    pointer: &str,
    found: &Value,
    expected: &Value,
) -> Diagnostic {
    source
        .report(
            &RULE,
            pointer,
            Target::Value,
            must_be(pointer, expected, found),
        )
        .with_help(format!(
            "this tipkit reads version {expected} of the format"
        ))
        .with_fix(
            (pointer == "/schema_version")
                .then(|| Fix::safe_value(source, pointer, expected))
                .flatten(),
        )
}

/// A venue alias becomes its label (safe); a value with one nearest option becomes it (unsafe).
fn enum_fix(source: &FileContext<'_>, pointer: &str, text: &str, options: &Value) -> Option<Fix> {
    let alias = if pointer.starts_with("/sex_trafficking_venues/") {
        SexVenue::from_label_or_alias(text).map(Venue::label)
    } else if pointer.starts_with("/labor_trafficking_venues/") {
        LaborVenue::from_label_or_alias(text).map(Venue::label)
    } else {
        None
    };
    if let Some(label) = alias {
        return Fix::safe_value(source, pointer, label);
    }
    // A code one letter off is as near to other codes as to the right one: the name tells.
    if pointer == "/state/code" {
        return None;
    }
    let options = options.as_array()?.iter().filter_map(Value::as_str);
    match suggest::nearest(text, options).as_slice() {
        [only] => {
            let edit = crate::fix::value_edit(source, pointer, serde_json::to_string(only).ok()?)?;
            Fix::new(Applicability::Unsafe, format!("write `{only}`"), vec![edit])
        }
        _ => None,
    }
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
    suggest::did_you_mean(&suggest::nearest(text, V::ALL.iter().map(|v| v.label())))
}
