//! `schema-reference`: `$schema` names the profile schema.

use tipkit_model::{Pointer, SCHEMA_REFERENCE};

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::fix::{Applicability, Fix};
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// `$schema`, when present, names the profile schema.
    ///
    /// ## What it checks
    /// That the last part of `$schema`, a path or URL, is `state-profile.schema.json` (warning).
    /// A near spelling of it is fixed in place (safe); another schema is replaced by the
    /// reference `tipkit new` writes, `../schemas/state-profile.schema.json` (unsafe: the file
    /// may live elsewhere).
    ///
    /// ## Why it matters
    /// Editors check a file against the schema `$schema` names: with another one, or none they
    /// can find, the editor shows no mistakes while the data editor types.
    ///
    /// ## Example
    /// ```json
    /// { "$schema": "https://example.org/tipkit/state-profile.shema.json" }
    /// ```
    id: "schema-reference",
    severity: Warning,
    fix: SafeOrUnsafe,
    check: Check::Profile {
        reads: Reads::Together(&[Section::Schema]),
        check,
    },
}

/// The file `$schema` names.
fn schema_file() -> &'static str {
    SCHEMA_REFERENCE.rsplit('/').next().unwrap_or(SCHEMA_REFERENCE)
}

/// How many edits away a file name may be and still be a misspelling of the schema's.
const NEAR: usize = 3;

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(reference) = &ctx.profile.schema else {
        return;
    };
    let expected = schema_file();
    let (folder, named) = match reference.rsplit_once('/') {
        Some((folder, named)) => (Some(folder), named),
        None => (None, reference.as_str()),
    };
    if named == expected {
        return;
    }
    let pointer = Pointer::profile().schema();
    let near = strsim::osa_distance(&named.to_lowercase(), expected) <= NEAR;
    let (applicability, replacement) = if near {
        let fixed = folder.map_or_else(|| expected.to_owned(), |f| format!("{f}/{expected}"));
        (Applicability::Safe, fixed)
    } else {
        (Applicability::Unsafe, SCHEMA_REFERENCE.to_owned())
    };
    let edit = serde_json::to_string(&replacement)
        .ok()
        .and_then(|json| crate::fix::value_edit(&ctx.source, &pointer, json));
    let fix = Fix::new(
        applicability,
        format!("write `{replacement}`"),
        edit.into_iter().collect(),
    );
    acc.push(
        ctx.report(
            &RULE,
            &pointer,
            format!("`$schema` is `{reference}`, which is not the profile schema `{expected}`"),
        )
        .with_help(format!(
            "editors check this file against the schema `$schema` names: write `{replacement}`"
        ))
        .with_fix(fix),
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::RULE;
    use crate::fix::Applicability;
    use crate::rules::testing::{check_rule, ct_with};

    #[test]
    fn the_profile_schema_anywhere_passes() {
        for reference in [
            "../schemas/state-profile.schema.json",
            "https://example.org/tipkit/state-profile.schema.json",
            "state-profile.schema.json",
        ] {
            let text = ct_with(|p| p["$schema"] = json!(reference));
            assert!(check_rule(&RULE, &text).is_empty(), "{reference}");
        }
        let text = ct_with(|p| {
            p.as_object_mut().unwrap().remove("$schema");
        });
        assert!(check_rule(&RULE, &text).is_empty(), "no `$schema` at all");
    }

    #[test]
    fn a_misspelt_file_name_is_fixed_in_its_folder() {
        let text = ct_with(|p| p["$schema"] = json!("https://example.org/tipkit/state-profile.shema.json"));
        let found = check_rule(&RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(
            fix.edits[0].replacement,
            "\"https://example.org/tipkit/state-profile.schema.json\""
        );
    }

    #[test]
    fn another_schema_gets_the_usual_reference_as_an_unsafe_fix() {
        let text = ct_with(|p| p["$schema"] = json!("https://json-schema.org/draft/2020-12/schema"));
        let found = check_rule(&RULE, &text);
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(
            found[0].message,
            "`$schema` is `https://json-schema.org/draft/2020-12/schema`, which is not the profile \
             schema `state-profile.schema.json`"
        );
    }
}
