//! Unit tests of one rule: `check_rule(&RULE, json)` gives that rule's findings on one profile,
//! `check_folder_rule(&RULE, files)` on a folder of them. A rule file's tests start from
//! Connecticut's profile ([`ct_with`]) and change what they test.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use tipkit_model::Profile;

use crate::Diagnostic;
use crate::registry::{Check, Rule};
use crate::summary::{Fact, ProfileSummary};

/// Connecticut's profile: clean, published, every section present.
pub(crate) const CT: &str = include_str!("../../../../profiles/ct.json");

/// Connecticut's profile as JSON text, after `change`.
pub(crate) fn ct_with(change: impl FnOnce(&mut Value)) -> String {
    let mut profile: Value = serde_json::from_str(CT).expect("ct.json is JSON");
    change(&mut profile);
    serde_json::to_string_pretty(&profile).expect("a Value serializes")
}

/// The findings of `rule` alone when `json` is checked as one file: named `<code>.json` after
/// its `state.code`, as in `profiles/`, or `profile.json` when it has none.
pub(crate) fn check_rule(rule: &Rule, json: &str) -> Vec<Diagnostic> {
    let name = file_name(json);
    only(
        rule,
        crate::check_bytes(Path::new(&name), json.as_bytes()).diagnostics,
    )
}

/// The findings of `rule` alone when `files` (name and text) are checked as one folder: each
/// file, then the folder, whose summaries keep only the facts `rule` declares.
pub(crate) fn check_folder_rule(rule: &Rule, files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let texts: HashMap<PathBuf, &str> = files
        .iter()
        .map(|&(name, json)| (PathBuf::from(name), json))
        .collect();
    let mut diagnostics = Vec::new();
    let mut summaries = Vec::new();
    // A folder rule sees only the facts it declares: a test fails if it reads another.
    let facts: &[Fact] = match rule.check {
        Check::Folder { facts, .. } => facts,
        _ => &[],
    };
    for &(name, json) in files {
        let report = crate::check_bytes(Path::new(name), json.as_bytes());
        diagnostics.extend(report.diagnostics);
        if report.summary.is_some() {
            let value: Value = serde_json::from_str(json).expect("a summarized file is JSON");
            let profile = <Profile as Deserialize>::deserialize(&value)
                .expect("a summarized file is a profile");
            let keep = |fact| facts.contains(&fact);
            summaries.push(ProfileSummary::keeping(&profile, Path::new(name), keep));
        }
    }
    let mut sources = crate::Workspace::new(&crate::Config::default(), &crate::Options::default());
    for (file, text) in &texts {
        sources.set_text(file.clone(), text.as_bytes());
    }
    let not_profiles = files.len() - summaries.len();
    diagnostics.extend(crate::check_folder(
        Path::new(""),
        &summaries,
        not_profiles,
        &sources,
    ));
    only(rule, diagnostics)
}

fn only(rule: &Rule, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter(|d| d.rule == rule.id)
        .collect()
}

fn file_name(json: &str) -> String {
    let value: Option<Value> = serde_json::from_str(json).ok();
    match value
        .as_ref()
        .and_then(|v| v.pointer("/state/code")?.as_str())
    {
        Some(code) => format!("{}.json", code.to_lowercase()),
        None => "profile.json".to_owned(),
    }
}
