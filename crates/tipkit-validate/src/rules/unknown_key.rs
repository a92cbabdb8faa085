//! `unknown-key`: a key the format does not have.

use jsonschema::error::ValidationErrorKind;

use crate::Diagnostic;
use crate::context::Target;
use crate::diagnostic::escape_pointer_token;
use crate::registry::{Check, SchemaErrors, declare_rule};
use crate::structural::SchemaError;
use crate::wording::{field_name, quoted_list, suggest};

declare_rule! {
    /// Every key is one the format defines.
    ///
    /// ## What it checks
    /// That each object has only the keys of its section, and suggests the nearest one for a
    /// misspelt key.
    ///
    /// ## Why it matters
    /// A misspelt key is data that nothing reads: the section it was meant for looks missing.
    ///
    /// ## Example
    /// ```json
    /// { "hotline": [{ "name": "National Human Trafficking Hotline", "phone": "888-373-7888" }] }
    /// ```
    /// `hotline` should be `hotlines`.
    id: "unknown-key",
    severity: Error,
    check: Check::Stage,
    schema_errors: SchemaErrors { keywords: &["additionalProperties"], diagnose },
}

/// One finding per unknown key of the object at `error.pointer`.
fn diagnose(error: &SchemaError<'_, '_>, acc: &mut Vec<Diagnostic>) {
    match error.kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                acc.push(diagnose_key(error, key));
            }
        }
        _ => acc.push(error.report_as_said(&RULE)),
    }
}

fn diagnose_key(error: &SchemaError<'_, '_>, key: &str) -> Diagnostic {
    let (schema, source, parent) = (error.schema, error.source, error.pointer);
    let mut pointer = parent.to_owned();
    pointer.push('/');
    escape_pointer_token(key, &mut pointer);
    let allowed: Vec<&str> = schema
        .at(parent)
        .and_then(|s| s.get("properties"))
        .and_then(|p| p.as_object())
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let help = suggest(key, allowed.iter().copied())
        .unwrap_or_else(|| format!("the keys here are {}", quoted_list(&allowed)));
    source
        .report(
            &RULE,
            &pointer,
            Target::Key,
            format!("unknown key `{key}` in {}", field_name(parent)),
        )
        .with_help(help)
}
