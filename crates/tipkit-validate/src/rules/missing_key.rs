//! `missing-key`: a required key is absent.

use jsonschema::error::ValidationErrorKind;

use crate::Diagnostic;
use crate::context::Target;
use crate::registry::{Check, SchemaErrors, declare_rule};
use crate::structural::SchemaError;
use crate::wording::field_name;

declare_rule! {
    /// Every key the format requires is present.
    ///
    /// ## What it checks
    /// That each object has the keys its section requires: a profile always has
    /// `schema_version`, `status`, `state`, `hhs_region`, `state_statistics_url` and `hotlines`.
    /// Sections a draft may leave out are checked by `completeness` instead.
    ///
    /// ## Why it matters
    /// Readers of the data rely on these keys.
    ///
    /// ## Example
    /// ```json
    /// { "state": { "name": "Connecticut" } }
    /// ```
    /// `state` lacks `code`.
    id: "missing-key",
    severity: Error,
    check: Check::Stage,
    schema_errors: SchemaErrors { keywords: &["required"], diagnose },
}

/// The finding for a key missing from the object at `error.pointer`.
fn diagnose(error: &SchemaError<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let ValidationErrorKind::Required { property } = error.kind else {
        return acc.push(error.report_as_said(&RULE));
    };
    let (schema, source, parent) = (error.schema, error.source, error.pointer);
    let key = property.as_str().unwrap_or("");
    // The field's own description, beside its `$ref`; the referenced type has none of its own.
    let field = schema
        .at(parent)
        .and_then(|s| s.get("properties")?.get(key));
    let described = field
        .or_else(|| schema.at(&format!("{parent}/{}", tipkit_model::pointer::escape(key))))
        .and_then(|s| s.get("description"))
        .and_then(|d| d.as_str());
    let help = match described {
        Some(description) => format!("add `\"{key}\"`: {description}"),
        None => format!("add `\"{key}\"`"),
    };
    acc.push(
        source
            .report(
                &RULE,
                parent,
                Target::Key,
                format!("{} lacks the key `{key}`", field_name(parent)),
            )
            .with_help(help),
    );
}
