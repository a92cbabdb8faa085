//! `out-of-range`: a number outside its range.

use serde_json::Value;

use crate::Diagnostic;
use crate::context::{FileContext, Target};
use crate::registry::{Check, declare_rule};
use crate::structural::{ProfileSchema, field_name};

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
}

pub(crate) fn diagnose(
    schema: &ProfileSchema,
    source: &FileContext<'_>,
    pointer: &str,
    found: &Value,
) -> Diagnostic {
    let range = schema.at(pointer);
    let bound = |key: &str| range.and_then(|r| r.get(key)).map(Value::to_string);
    let expected = match (bound("minimum"), bound("maximum")) {
        (Some(min), Some(max)) => format!("from {min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "in range".to_owned(),
    };
    source.report(
        &RULE,
        pointer,
        Target::Value,
        format!("{} is {found}, but must be {expected}", field_name(pointer)),
    )
}
