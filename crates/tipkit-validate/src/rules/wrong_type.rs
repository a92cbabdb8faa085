//! `wrong-type`: a value of the wrong JSON type.

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::Diagnostic;
use crate::context::{FileContext, Target};
use crate::registry::{ANY_OTHER_KEYWORD, Check, SchemaErrors, declare_rule};
use crate::structural::SchemaError;
use crate::wording::{field_name, must_be};

declare_rule! {
    /// Every value has the type its key requires.
    ///
    /// ## What it checks
    /// That counts are whole numbers, names and citations are strings, lists are lists, and
    /// sections are objects.
    ///
    /// ## Why it matters
    /// A count written as a string, `"186"`, sorts and sums as text in every downstream tool.
    ///
    /// ## Example
    /// ```json
    /// { "hotline_cases": { "cases_reported": "186", "potential_persons_trafficked": 441 } }
    /// ```
    /// Write `186`, without quotes.
    id: "wrong-type",
    severity: Error,
    check: Check::Stage,
    // Also the schema errors no other rule words, in the validator's words.
    schema_errors: SchemaErrors { keywords: &["type", ANY_OTHER_KEYWORD], diagnose },
}

fn diagnose(error: &SchemaError<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let ValidationErrorKind::Type { .. } = error.kind else {
        return acc.push(error.report_as_said(&RULE));
    };
    let (pointer, found) = (error.pointer, error.found);
    let expected = error
        .schema
        .at(pointer)
        .map_or("another type".to_owned(), expected_type);
    let message = must_be(pointer, &expected, found);
    let diagnostic = error.report(&RULE, message);
    acc.push(match found {
        Value::String(text)
            if expected.contains("integer") && text.trim().parse::<u64>().is_ok() =>
        {
            diagnostic.with_help(format!("write the number without quotes: {}", text.trim()))
        }
        Value::Number(n) if expected.contains("integer") && n.is_f64() => {
            diagnostic.with_help("counts are whole numbers")
        }
        _ => diagnostic,
    });
}

/// An error the typed model describes in its own words.
fn diagnose_other(source: &FileContext<'_>, pointer: &str, message: &str) -> Diagnostic {
    source.report(
        &RULE,
        pointer,
        Target::Value,
        format!("{}: {message}", field_name(pointer)),
    )
}

/// A value the schema lets through but the typed model refuses: JSON Schema counts `22.0` and
/// `1e23` as integers, a count does not.
pub(crate) fn diagnose_typed(
    source: &FileContext<'_>,
    pointer: &str,
    found: Option<&Value>,
    message: &str,
) -> Diagnostic {
    match found {
        Some(Value::Number(number)) if message.contains("expected u32") => source
            .report(
                &RULE,
                pointer,
                Target::Value,
                format!(
                    "{} must be a whole number from 0 to {}, found {number}",
                    field_name(pointer),
                    u32::MAX
                ),
            )
            .with_help("write the count as digits only, without a decimal point or an exponent"),
        _ => diagnose_other(source, pointer, message),
    }
}

fn expected_type(schema: &Value) -> String {
    let non_negative = schema.get("minimum").and_then(Value::as_u64) == Some(0);
    match schema.get("type").and_then(Value::as_str) {
        Some("integer") if non_negative => "a non-negative integer".to_owned(),
        Some("integer") => "an integer".to_owned(),
        Some("number") => "a number".to_owned(),
        Some("string") => "a string".to_owned(),
        Some("boolean") => "true or false".to_owned(),
        Some("array") => "a list".to_owned(),
        Some("object") => "an object".to_owned(),
        _ if schema.get("enum").is_some() => "one of the listed values".to_owned(),
        _ => "another type".to_owned(),
    }
}
