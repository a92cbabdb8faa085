//! `unknown-key`: a key the format does not have.

use crate::Diagnostic;
use crate::context::{FileContext, Target};
use crate::diagnostic::escape_pointer_token;
use crate::fix::{Applicability, Fix};
use crate::registry::{Check, declare_rule};
use crate::structural::{ProfileSchema, field_name};
use crate::suggest;

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
    fix: Unsafe,
    check: Check::Stage,
}

pub(crate) fn diagnose(
    schema: &ProfileSchema,
    source: &FileContext<'_>,
    parent: &str,
    key: &str,
) -> Diagnostic {
    let mut pointer = parent.to_owned();
    pointer.push('/');
    escape_pointer_token(key, &mut pointer);
    let allowed: Vec<&str> = schema
        .at(parent)
        .and_then(|s| s.get("properties"))
        .and_then(|p| p.as_object())
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let suggestions = suggest::nearest(key, allowed.iter().copied());
    let fix = rename_fix(source, parent, &pointer, &suggestions);
    let help = suggest::did_you_mean(&suggestions).unwrap_or_else(|| {
        let listed: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
        format!("the keys here are {}", listed.join(", "))
    });
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
    escape_pointer_token(only, &mut target);
    if source.spans().get(&target).is_some() {
        return None;
    }
    let range = source.spans().get(pointer)?.key.clone()?;
    let edit = crate::fix::edit(source, range, serde_json::to_string(only).ok()?);
    Fix::new(
        Applicability::Unsafe,
        format!("rename it `{only}`"),
        vec![edit],
    )
}
