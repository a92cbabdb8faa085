//! Fixes: each fixable rule's fixture cases fixed, as a diff (ruff's style); every fixture and
//! every file of the hostile and bad-input corpora fixed until nothing changes, within the limit
//! and without losing a fact; and mutations of a real profile undone byte for byte.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;
use tipkit_validate::{
    Diagnostic, FixOutcome, FixSelection, RULES, RuleSet, apply_fixes, check_bytes,
    check_bytes_for_fixes,
};

mod common;
use common::{fixtures_dir, sorted_entries};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fix(path: &Path, bytes: &[u8], selection: &FixSelection) -> FixOutcome {
    let rules = RuleSet::all();
    apply_fixes(bytes, |b| check_bytes_for_fixes(path, b, &rules), selection)
}

fn every_fix() -> FixSelection {
    FixSelection {
        unsafe_fixes: true,
        ..FixSelection::default()
    }
}

/// A unified diff of the change, as the snapshot shows it.
fn diff(name: &str, before: &[u8], after: &[u8]) -> String {
    let (before, after) = (
        String::from_utf8_lossy(before),
        String::from_utf8_lossy(after),
    );
    similar::TextDiff::from_lines(before.as_ref(), after.as_ref())
        .unified_diff()
        .context_radius(2)
        .header(name, name)
        .to_string()
}

#[test]
fn each_fixable_rule_fixes_its_fixtures() {
    for rule in RULES.iter().filter(|rule| rule.fix.is_some()) {
        // Only this rule's fixes, safe and unsafe.
        let selection = FixSelection {
            unsafe_fixes: true,
            unfixable: RULES
                .iter()
                .filter(|other| other.id != rule.id)
                .map(|other| other.id.to_owned())
                .collect(),
            ..FixSelection::default()
        };
        let mut fixed_some = false;
        for case in sorted_entries(&fixtures_dir().join(rule.id)) {
            let case_name = case.file_name().unwrap().to_string_lossy().into_owned();
            let mut snapshot = String::new();
            for path in sorted_entries(&case) {
                let bytes = std::fs::read(&path).unwrap();
                let outcome = fix(&path, &bytes, &selection);
                assert!(outcome.converged, "{}", path.display());
                if outcome.changed() {
                    let name = format!("{case_name}/{}", path.file_name().unwrap().display());
                    snapshot.push_str(&diff(&name, &bytes, &outcome.bytes));
                }
            }
            if case_name == "ok" {
                assert!(snapshot.is_empty(), "{}: ok changed:\n{snapshot}", rule.id);
            } else if !snapshot.is_empty() {
                fixed_some = true;
                insta::assert_snapshot!(format!("{}@{case_name}", rule.id), snapshot);
            }
        }
        assert!(
            fixed_some,
            "{} declares fixes, but no fixture case is fixed",
            rule.id
        );
    }
}

/// Every regular file under `dir`, never through a symbolic link, never a device or FIFO.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for path in sorted_entries(dir) {
        let Ok(metadata) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if metadata.is_dir() {
            files_under(&path, out);
        } else if metadata.is_file() && metadata.len() <= tipkit_validate::DEFAULT_SIZE_LIMIT {
            out.push(path);
        }
    }
}

/// The scalar values of a document: fixes rewrite and reorder them, never drop one.
fn facts(value: &Value) -> usize {
    match value {
        Value::Array(items) => items.iter().map(facts).sum(),
        Value::Object(members) => members.values().map(facts).sum(),
        _ => 1,
    }
}

fn has_fix(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.fix.is_some())
}

#[test]
fn fixes_converge_on_every_fixture_and_corpus_file() {
    let mut files = Vec::new();
    files_under(&fixtures_dir(), &mut files);
    for folder in ["tests/hostile", "tests/bad-input", "profiles"] {
        files_under(&root().join(folder), &mut files);
    }
    assert!(files.len() > 100, "only {} files", files.len());
    let mut fixed = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let before = check_bytes(path, &bytes).diagnostics;
        let outcome = fix(path, &bytes, &every_fix());
        let shown = path.display();
        assert!(
            outcome.converged,
            "{shown}: no fixed point within the limit"
        );
        if !has_fix(&before) {
            assert_eq!(
                outcome.bytes, bytes,
                "{shown}: changed without a fixable finding"
            );
            continue;
        }
        let Ok(old) = serde_json::from_slice::<Value>(&bytes) else {
            assert_eq!(outcome.bytes, bytes, "{shown}: not JSON, yet changed");
            continue;
        };
        let new: Value = serde_json::from_slice(&outcome.bytes)
            .unwrap_or_else(|e| panic!("{shown}: the fixed file does not parse: {e}"));
        assert_eq!(facts(&old), facts(&new), "{shown}: a fact was lost");
        assert!(
            !has_fix(&check_bytes(path, &outcome.bytes).diagnostics),
            "{shown}: fixes remain after the fixed point"
        );
        fixed += usize::from(outcome.changed());
    }
    assert!(fixed > 5, "only {fixed} files were fixed");
}

fn ct_text() -> String {
    std::fs::read_to_string(root().join("profiles/ct.json")).unwrap()
}

/// The acceptance case: the rank-3 venue as an alias, the laws shuffled, the name and
/// the hotline number misspelt. Safe fixes alone give the file back.
#[test]
fn safe_fixes_restore_the_misspelt_connecticut() {
    let original = ct_text();
    let mut profile = tipkit_model::from_str(&original).unwrap();
    let laws = profile.laws.as_mut().unwrap();
    laws.reverse();
    laws.swap(0, 3);
    "Conneticut".clone_into(&mut profile.state.name);
    let broken = tipkit_model::to_canonical_string(&profile)
        .replacen("\"Hotel/Motel-Based\"", "\"Hotel-/Motel-Based\"", 1)
        .replacen("\"888-373-7888\"", "\"888 373 7888\"", 1);
    let outcome = fix(
        Path::new("ct.json"),
        broken.as_bytes(),
        &FixSelection::default(),
    );
    assert_eq!(String::from_utf8(outcome.bytes).unwrap(), original);
    assert!(outcome.converged);
    assert_eq!(
        outcome.passes, 1,
        "the profile's rules run beside the schema's findings: one pass fixes both"
    );
}

/// The mutations the fixes undo, each applied or not.
#[derive(Debug, Clone)]
struct Mutation {
    aliases: Vec<bool>,
    ranks: Vec<u32>,
    laws: Vec<usize>,
    name: Option<String>,
    region: Option<u8>,
    slug: Option<String>,
    phone: Option<usize>,
    note_off: bool,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (
        prop::collection::vec(any::<bool>(), 9),
        prop::collection::vec(1u32..=5, 9),
        Just((0..8).collect::<Vec<usize>>()).prop_shuffle(),
        prop::option::of("[A-Za-z ]{1,20}"),
        prop::option::of(1u8..=10),
        prop::option::of("[a-z-]{1,20}"),
        prop::option::of(0usize..4),
        any::<bool>(),
    )
        .prop_map(
            |(aliases, ranks, laws, name, region, slug, phone, note_off)| Mutation {
                aliases,
                ranks,
                laws,
                name,
                region,
                slug,
                phone,
                note_off,
            },
        )
}

fn mutate(original: &str, m: &Mutation) -> String {
    use tipkit_model::Venue;
    let mut profile = tipkit_model::from_str(original).unwrap();
    let sex = profile.sex_trafficking_venues.as_mut().unwrap();
    for (entry, rank) in sex.iter_mut().zip(&m.ranks) {
        entry.rank = *rank;
    }
    let labor = profile.labor_trafficking_venues.as_mut().unwrap();
    for (entry, rank) in labor.iter_mut().zip(&m.ranks[5..]) {
        entry.rank = *rank;
    }
    let laws = profile.laws.as_mut().unwrap();
    let shuffled: Vec<_> = m.laws.iter().map(|&i| laws[i].clone()).collect();
    *laws = shuffled;
    if let Some(name) = &m.name {
        profile.state.name.clone_from(name);
    }
    if let Some(region) = m.region {
        profile.hhs_region = tipkit_model::HhsRegion::new(region).unwrap();
    }
    if let Some(slug) = &m.slug {
        profile.state_statistics_url = tipkit_model::statistics_url(slug);
    }
    if m.note_off {
        profile.demographics.as_mut().unwrap().non_cumulative_note = false;
    }
    let mut text = tipkit_model::to_canonical_string(&profile);
    // What the model cannot hold: venues spelt as aliases, the hotline number written another
    // way.
    let venues = profile
        .sex_trafficking_venues
        .iter()
        .flatten()
        .map(|e| e.venue.label())
        .chain(
            profile
                .labor_trafficking_venues
                .iter()
                .flatten()
                .map(|e| e.venue.label()),
        );
    for (label, alias) in venues.zip(&m.aliases) {
        let aliases = tipkit_model::SexVenue::from_label(label)
            .map(Venue::aliases)
            .or_else(|| tipkit_model::LaborVenue::from_label(label).map(Venue::aliases))
            .unwrap_or_default();
        if let (true, Some(alias)) = (*alias, aliases.first()) {
            let (from, to) = (
                serde_json::to_string(label).unwrap(),
                serde_json::to_string(alias).unwrap(),
            );
            text = text.replacen(
                &format!("\"venue\": {from}"),
                &format!("\"venue\": {to}"),
                1,
            );
        }
    }
    if let Some(style) = m.phone {
        let written = [
            "888 373 7888",
            "(888) 373-7888",
            "1-888-373-7888",
            "888.373.7888",
        ][style];
        text = text.replacen("\"888-373-7888\"", &format!("\"{written}\""), 1);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_fix_undoes_the_mutations(m in mutation()) {
        let original = ct_text();
        let broken = mutate(&original, &m);
        let outcome = fix(Path::new("ct.json"), broken.as_bytes(), &every_fix());
        prop_assert!(outcome.converged);
        prop_assert_eq!(String::from_utf8(outcome.bytes).unwrap(), original);
    }
}
