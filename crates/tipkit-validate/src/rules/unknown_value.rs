//! `unknown-value`: a value outside a closed list: venue, jurisdiction code, status, version.

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use tipkit_model::{Pointer, VenueList};

use crate::Diagnostic;
use crate::context::FileContext;
use crate::fix::{Applicability, Fix};
use crate::registry::{Check, SchemaErrors, declare_rule};
use crate::structural::SchemaError;
use crate::wording::{describe_value, field_name, must_be, nearest, suggest};

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
    let diagnostic = diagnostic.with_fix(enum_fix(error.source, pointer, text, options));
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
        .with_fix(
            (Pointer::profile().schema_version() == error.pointer)
                .then(|| Fix::safe_value(error.source, error.pointer, expected))
                .flatten(),
        )
}

/// A venue alias becomes its label (safe); a value with one nearest option becomes it (unsafe).
fn enum_fix(source: &FileContext<'_>, pointer: &str, text: &str, options: &Value) -> Option<Fix> {
    if let Some(label) = venue_list(pointer).and_then(|list| list.label_for(text)) {
        return Fix::safe_value(source, pointer, label);
    }
    // A code one letter off is as near to other codes as to the right one: the name tells.
    if Pointer::profile().state().code() == pointer {
        return None;
    }
    let options = options.as_array()?.iter().filter_map(Value::as_str);
    match nearest(text, options).as_slice() {
        [only] => {
            let edit = crate::fix::value_edit(source, pointer, serde_json::to_string(only).ok()?)?;
            Fix::new(Applicability::Unsafe, format!("write `{only}`"), vec![edit])
        }
        _ => None,
    }
}

/// The venue list an entry at `pointer` is in, if any.
fn venue_list(pointer: &str) -> Option<VenueList> {
    VenueList::ALL.into_iter().find(|&list| {
        pointer
            .strip_prefix(Pointer::profile().venues(list).as_str())
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

fn noun(pointer: &str) -> String {
    if let Some(list) = venue_list(pointer) {
        format!("{} trafficking venue", list.kind())
    } else if Pointer::profile().state().code() == pointer {
        "jurisdiction code".to_owned()
    } else if Pointer::profile().status() == pointer {
        "status".to_owned()
    } else {
        "value".to_owned()
    }
}

/// For a venue: the label an alias stands for, or the list a venue of the other kind belongs to.
fn venue_help(pointer: &str, text: &str) -> Option<String> {
    let list = venue_list(pointer)?;
    if let Some(label) = list.label_for(text) {
        return Some(format!(
            "`{text}` is another spelling of `{label}`: write `{label}`"
        ));
    }
    let other = list.other();
    if other.labels().contains(&text) {
        return Some(format!(
            "`{text}` is a {} trafficking venue: move it to `{}`",
            other.kind(),
            other.key()
        ));
    }
    suggest(text, list.labels().iter().copied())
}
