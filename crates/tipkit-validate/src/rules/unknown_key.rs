//! `unknown-key`: a key the format does not have.

use jsonschema::error::ValidationErrorKind;

use crate::Diagnostic;
use crate::context::{FileContext, Target};
use crate::fix::{Applicability, Fix};
use crate::registry::{Check, SchemaErrors, declare_rule};
use crate::structural::SchemaError;
use crate::wording::{did_you_mean, field_name, nearest, quoted_list};

declare_rule! {
    /// Every key is one the format defines.
    ///
    /// ## What it checks
    /// That each object has only the keys of its section, and suggests the nearest one for a
    /// misspelt key. The other rules then read the profile without the unknown keys, so a
    /// stray key inside a section stops none of them.
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
    fix: Unsafe,
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
    pointer.push_str(&tipkit_model::pointer::escape(key));
    let allowed: Vec<&str> = schema
        .at(parent)
        .and_then(|s| s.get("properties"))
        .and_then(|p| p.as_object())
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let suggestions = nearest(key, allowed.iter().copied());
    let fix = rename_fix(source, parent, &pointer, &suggestions);
    let help = did_you_mean(&suggestions)
        .unwrap_or_else(|| format!("the keys here are {}", quoted_list(&allowed)));
    source
        .report(
            &RULE,
            &pointer,
            Target::Key,
            format!("unknown key `{key}` in {}", field_name(parent)),
        )
        .with_help(help)
        .with_fix(fix)
}

/// A misspelt key with one nearest key, not present already, becomes it (unsafe).
fn rename_fix(
    source: &FileContext<'_>,
    parent: &str,
    pointer: &str,
    suggestions: &[&str],
) -> Option<Fix> {
    let [only] = suggestions else { return None };
    let mut target = parent.to_owned();
    target.push('/');
    target.push_str(&tipkit_model::pointer::escape(only));
    if source.spans().get(source.bytes(), &target).is_some() {
        return None;
    }
    let range = source.spans().get(source.bytes(), pointer)?.key?;
    let edit = crate::fix::edit(source, range, serde_json::to_string(only).ok()?);
    Fix::new(
        Applicability::Unsafe,
        format!("rename it `{only}`"),
        vec![edit],
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::RULE;
    use crate::rules::testing::{check_rule, ct_with};

    #[test]
    fn a_misspelt_nested_key_is_found_at_its_key_with_the_nearest_one() {
        let text = ct_with(|p| p["hotline_cases"]["cases_reportd"] = json!(1));
        let found = check_rule(&RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        let finding = &found[0];
        assert_eq!(finding.pointer, "/hotline_cases/cases_reportd");
        assert_eq!(
            finding.message,
            "unknown key `cases_reportd` in `hotline_cases`"
        );
        assert_eq!(
            finding.help.as_deref(),
            Some("did you mean `cases_reported`?")
        );
        let span = finding.span.as_ref().expect("located");
        assert_eq!(&text[span.start..span.end], "\"cases_reportd\"");
    }

    #[test]
    fn a_key_near_nothing_lists_the_keys_of_its_object() {
        let text = ct_with(|p| p["state"]["zzzzzzzz"] = json!(1));
        let found = check_rule(&RULE, &text);
        assert_eq!(
            found[0].help.as_deref(),
            Some("the keys here are `name`, `code`")
        );
    }

    #[test]
    fn slashes_and_tildes_in_a_key_are_escaped_in_its_pointer() {
        let text = ct_with(|p| p["a/b~c"] = json!(1));
        let found = check_rule(&RULE, &text);
        assert_eq!(found[0].pointer, "/a~1b~0c");
        assert_eq!(found[0].message, "unknown key `a/b~c` in the profile");
    }

    #[test]
    fn each_unknown_key_of_one_object_is_its_own_finding() {
        let text = ct_with(|p| {
            p["state"]["one"] = json!(1);
            p["state"]["two"] = json!(2);
        });
        let pointers: Vec<String> = check_rule(&RULE, &text)
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(pointers, ["/state/one", "/state/two"]);
    }
}
