//! `out-of-range`: a number outside its range.

use serde_json::Value;

use crate::Diagnostic;
use crate::registry::{Check, SchemaErrors, declare_rule};
use crate::structural::SchemaError;
use crate::wording::field_name;

declare_rule! {
    /// Numbers lie in their ranges: HHS regions 1 to 10, years 1990 to 2100, counts from 0.
    ///
    /// ## What it checks
    /// The minimum and maximum the format gives each number.
    ///
    /// ## Why it matters
    /// There is no Region XI, and a negative count is a typo.
    ///
    /// ## Example
    /// ```json
    /// { "hhs_region": 11 }
    /// ```
    id: "out-of-range",
    severity: Error,
    check: Check::Stage,
    schema_errors: SchemaErrors { keywords: &["minimum", "maximum"], diagnose },
}

fn diagnose(error: &SchemaError<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let (pointer, found) = (error.pointer, error.found);
    let range = error.schema.at(pointer);
    let bound = |key: &str| range.and_then(|r| r.get(key)).map(Value::to_string);
    let expected = match (bound("minimum"), bound("maximum")) {
        (Some(min), Some(max)) => format!("from {min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "in range".to_owned(),
    };
    acc.push(error.report(
        &RULE,
        format!("{} is {found}, but must be {expected}", field_name(pointer)),
    ));
}
