//! `missing-key`: a required key is absent.

use crate::Diagnostic;
use crate::context::{FileContext, Target};
use crate::registry::{Check, declare_rule};
use crate::structural::{ProfileSchema, field_name};

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
}

pub(crate) fn diagnose(
    schema: &ProfileSchema,
    source: &FileContext<'_>,
    parent: &str,
    key: &str,
) -> Diagnostic {
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
    source
        .report(
            &RULE,
            parent,
            Target::Key,
            format!("{} lacks the key `{key}`", field_name(parent)),
        )
        .with_help(help)
}
