//! Profiles that each hold a schema-stage finding and a typed rule's finding in different
//! sections, made from the fixtures' cases: the engine test (`engine_pairs.rs`) checks them with
//! `check_paths`, the language server's (`tipkit-lsp/tests/server.rs`) through the server.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// The rules that word JSON Schema errors.
pub(crate) const SCHEMA_RULES: [&str; 6] = [
    "unknown-key",
    "missing-key",
    "wrong-type",
    "unknown-value",
    "out-of-range",
    "invalid-format",
];

/// One profile made of a schema case and a typed rule's case.
pub(crate) struct Pair {
    /// `<schema rule>.<case>+<typed rule>.<case>`: a folder name.
    pub(crate) name: String,
    pub(crate) schema_rule: &'static str,
    pub(crate) typed_rule: &'static str,
    /// The typed case's file name.
    pub(crate) file: String,
    pub(crate) text: String,
    /// Whether the typed rule's finding is reported beside the schema error: the sections it
    /// reads typed, and its finding is in none the schema case broke. When not, `rules-not-run`
    /// names the rule.
    pub(crate) typed_runs: bool,
    /// Whether a section of the profile does not type: a rule that reads sections each on its
    /// own may then run without a finding that needs it, and `rules-not-run` names it.
    pub(crate) some_refused: bool,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tipkit-validate/tests/fixtures")
}

/// The one profile of a case, `(file name, value)`, when the case is one file and no
/// configuration.
fn single_file(case: &Path) -> Option<(String, Map<String, Value>)> {
    let mut files = std::fs::read_dir(case).ok()?.map(|e| e.unwrap().path());
    let file = files.next()?;
    if files.next().is_some() || file.extension()? != "json" {
        return None;
    }
    let Value::Object(members) = serde_json::from_slice(&std::fs::read(&file).ok()?).ok()? else {
        return None;
    };
    Some((file.file_name()?.to_str()?.to_owned(), members))
}

/// The cases of `rule` but `ok`, each with its one profile.
fn cases(rule: &str) -> Vec<(String, String, Map<String, Value>)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures().join(rule))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs.iter()
        .filter(|dir| dir.file_name().unwrap() != "ok")
        .filter_map(|dir| {
            let case = dir.file_name()?.to_str()?.to_owned();
            let (file, members) = single_file(dir)?;
            Some((case, file, members))
        })
        .collect()
}

/// The top-level keys of the findings of `rule` in `profile`: the sections they are in.
fn sections_of(rule: &str, file: &str, profile: &Map<String, Value>) -> BTreeSet<String> {
    let text = serde_json::to_string_pretty(profile).unwrap();
    let report = tipkit_validate::check_bytes(Path::new(file), text.as_bytes());
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .filter_map(|d| d.pointer.split('/').nth(1))
        .map(|key| key.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The top-level keys that do not type in `profile`, as the engine sees them: where the schema
/// refused something, but an unknown key inside a section, which is dropped so the section types.
/// With them, the pointers of the unknown keys inside sections.
fn refused_keys(file: &str, profile: &Map<String, Value>) -> (BTreeSet<String>, Vec<String>) {
    let text = serde_json::to_string_pretty(profile).unwrap();
    let report = tipkit_validate::check_bytes(Path::new(file), text.as_bytes());
    let (nested, refusing): (Vec<_>, Vec<_>) = report
        .diagnostics
        .iter()
        .filter(|d| SCHEMA_RULES.contains(&d.rule))
        .partition(|d| d.rule == "unknown-key" && d.pointer.matches('/').count() > 1);
    let keys = refusing
        .iter()
        .filter_map(|d| d.pointer.split('/').nth(1))
        .map(|key| key.replace("~1", "/").replace("~0", "~"))
        .collect();
    (keys, nested.iter().map(|d| d.pointer.clone()).collect())
}

/// Puts the value at `pointer` in `from` at the same place in `into`, when its parent is there.
fn graft(into: &mut Value, from: &Map<String, Value>, pointer: &str) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    let key = key.replace("~1", "/").replace("~0", "~");
    let from = Value::Object(from.clone());
    if let (Some(value), Some(Value::Object(parent))) =
        (from.pointer(pointer), into.pointer_mut(parent))
    {
        parent.insert(key, value.clone());
    }
}

/// Every pair of a schema case and a typed rule's case: the typed case with the sections the
/// schema case's findings are in laid over it. When the typed rule reads a section that does
/// not type, it cannot run, and `rules-not-run` must name it; an unknown key inside a section
/// does not stop it.
pub(crate) fn pairs() -> Vec<Pair> {
    let typed_rules: Vec<&'static str> = tipkit_validate::RULES
        .iter()
        .filter(|rule| rule.scope() == "profile")
        .map(|rule| rule.id)
        .collect();
    let mut out = Vec::new();
    for schema_rule in SCHEMA_RULES {
        for (schema_case, schema_file, schema_profile) in cases(schema_rule) {
            let broken = sections_of(schema_rule, &schema_file, &schema_profile);
            let (refused, nested_unknown) = refused_keys(&schema_file, &schema_profile);
            // A section only an unknown key inside broke types once the key is dropped: the key
            // is grafted into the typed case, whose section stays.
            let laid: BTreeSet<String> = broken.intersection(&refused).cloned().collect();
            let mut refused: Vec<&str> = refused.iter().map(String::as_str).collect();
            let some_refused = !refused.is_empty();
            if !nested_unknown.is_empty() {
                // A key no profile has was dropped: `""` names none, as `runs_without` reads it.
                refused.push("");
            }
            for &typed_rule in &typed_rules {
                for (typed_case, file, typed_profile) in cases(typed_rule) {
                    let typed_at = sections_of(typed_rule, &file, &typed_profile);
                    let mut members = typed_profile.clone();
                    for key in &laid {
                        match schema_profile.get(key) {
                            Some(value) => members.insert(key.clone(), value.clone()),
                            None => members.remove(key),
                        };
                    }
                    let mut members = Value::Object(members);
                    for pointer in &nested_unknown {
                        let section = pointer.split('/').nth(1).unwrap_or_default();
                        if !laid.contains(section) {
                            graft(&mut members, &schema_profile, pointer);
                        }
                    }
                    let mut text = serde_json::to_string_pretty(&members).unwrap();
                    text.push('\n');
                    out.push(Pair {
                        name: format!("{schema_rule}.{schema_case}+{typed_rule}.{typed_case}"),
                        schema_rule,
                        typed_rule,
                        file: file.clone(),
                        text,
                        some_refused,
                        typed_runs: typed_at.is_disjoint(&laid)
                            && tipkit_validate::rule(typed_rule)
                                .unwrap()
                                .runs_without(&refused),
                    });
                }
            }
        }
    }
    out
}

/// What is wrong with the findings of `pair`, as `(rule, message)` of each: `None` when both
/// findings are there (or the typed rule is named by `rules-not-run`, as not having checked
/// everything).
pub(crate) fn missing(pair: &Pair, found: &[(String, String)]) -> Option<String> {
    let has = |rule: &str| found.iter().any(|(r, _)| r == rule);
    if !has(pair.schema_rule) {
        return Some(format!(
            "{}: no `{}` in {found:?}",
            pair.name, pair.schema_rule
        ));
    }
    let quoted = format!("`{}`", pair.typed_rule);
    let not_run = found
        .iter()
        .any(|(r, m)| r == "rules-not-run" && m.contains(&quoted));
    // A rule that reads sections each on its own may need another for a finding (the region
    // of `state-identity` needs `state`): when that one is broken, `rules-not-run` names it.
    let said = if pair.typed_runs {
        has(pair.typed_rule) || (pair.some_refused && not_run)
    } else {
        not_run
    };
    (!said).then(|| {
        let how = if pair.typed_runs {
            "no finding of"
        } else {
            "`rules-not-run` does not name"
        };
        format!("{}: {how} `{}` in {found:?}", pair.name, pair.typed_rule)
    })
}
