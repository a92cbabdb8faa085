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

/// Every pair of a schema case and a typed rule's case: the typed case with the sections the
/// schema case's findings are in laid over it. When the typed
/// rule reads a broken section, it cannot run, and `rules-not-run` must name it.
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
            let broken_keys: Vec<&str> = broken.iter().map(String::as_str).collect();
            for &typed_rule in &typed_rules {
                for (typed_case, file, typed_profile) in cases(typed_rule) {
                    let typed_at = sections_of(typed_rule, &file, &typed_profile);
                    let mut members = typed_profile.clone();
                    for key in &broken {
                        match schema_profile.get(key) {
                            Some(value) => members.insert(key.clone(), value.clone()),
                            None => members.remove(key),
                        };
                    }
                    let mut text = serde_json::to_string_pretty(&Value::Object(members)).unwrap();
                    text.push('\n');
                    out.push(Pair {
                        name: format!("{schema_rule}.{schema_case}+{typed_rule}.{typed_case}"),
                        schema_rule,
                        typed_rule,
                        file: file.clone(),
                        text,
                        typed_runs: typed_at.is_disjoint(&broken)
                            && tipkit_validate::rule(typed_rule)
                                .unwrap()
                                .runs_without(&broken_keys),
                    });
                }
            }
        }
    }
    out
}

/// What is wrong with the findings of `pair`, as `(rule, message)` of each: `None` when both
/// findings are there (or the typed rule is named by `rules-not-run`).
pub(crate) fn missing(pair: &Pair, found: &[(String, String)]) -> Option<String> {
    let has = |rule: &str| found.iter().any(|(r, _)| r == rule);
    if !has(pair.schema_rule) {
        return Some(format!(
            "{}: no `{}` in {found:?}",
            pair.name, pair.schema_rule
        ));
    }
    let said = if pair.typed_runs {
        has(pair.typed_rule)
    } else {
        let quoted = format!("`{}`", pair.typed_rule);
        found
            .iter()
            .any(|(r, m)| r == "rules-not-run" && m.contains(&quoted))
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
