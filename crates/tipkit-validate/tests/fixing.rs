//! Fixes: each fixable rule's fixture cases fixed, as a diff (ruff's style); every fixture and
//! every file of the hostile and bad-input corpora fixed until nothing changes, within the limit
//! and without losing a fact; mutations of a real profile undone byte for byte; and, for any
//! input, repeated keys included, no value lost that an applied fix's finding does not name.

use std::collections::BTreeSet;
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
        let (outcome, named) = fix_naming(path, &bytes, &every_fix());
        let shown = path.display();
        let lost = lost_values(&bytes, &outcome.bytes, &named);
        assert!(lost.is_empty(), "{shown}: lost {lost:?}");
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

/// A JSON document as written: every member of an object, a repeated key's too, which
/// `serde_json::Value` drops.
enum Written {
    Scalar(String),
    List(Vec<Written>),
    Members(Vec<(String, Written)>),
}

impl<'de> serde::Deserialize<'de> for Written {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Written;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Written, E> {
                Ok(Written::Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Written, E> {
                Ok(Written::Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Written, E> {
                Ok(Written::Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Written, E> {
                Ok(Written::Scalar(Value::from(v).to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Written, E> {
                Ok(Written::Scalar(Value::from(v).to_string()))
            }
            fn visit_unit<E>(self) -> Result<Written, E> {
                Ok(Written::Scalar("null".to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Written, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Written::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Written, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Written::Members(members))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Every (key path, scalar) of a document, repeated keys included, the path with list indexes
/// written `*`: a fix that reorders a list keeps them all.
fn written_values(written: &Written, at: &str, out: &mut Vec<(String, String)>) {
    match written {
        Written::Scalar(text) => out.push((at.to_owned(), text.clone())),
        Written::List(items) => {
            for item in items {
                written_values(item, &format!("{at}/*"), out);
            }
        }
        Written::Members(members) => {
            for (key, value) in members {
                written_values(
                    value,
                    &format!("{at}/{}", tipkit_model::pointer::escape(key)),
                    out,
                );
            }
        }
    }
}

/// A pointer with its list indexes written `*`.
fn any_index(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|part| {
            if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Rules whose fixes only move text, changing no value: they name nothing.
const MOVES_ONLY: [&str; 2] = ["layout", "laws"];

/// `selection`'s fixes applied to `bytes` as `fix_file` applies them, with the pointers (list
/// indexes as `*`) of every finding whose fix a pass could apply, but for those that only move text.
fn fix_naming(
    path: &Path,
    bytes: &[u8],
    selection: &FixSelection,
) -> (FixOutcome, BTreeSet<String>) {
    let rules = RuleSet::all();
    let named = std::cell::RefCell::new(BTreeSet::new());
    let recheck = |b: &[u8]| {
        let found = check_bytes_for_fixes(path, b, &rules);
        named.borrow_mut().extend(
            found
                .iter()
                .filter(|d| selection.allows(d) && !MOVES_ONLY.contains(&d.rule))
                .map(|d| any_index(&d.pointer)),
        );
        found
    };
    let outcome = apply_fixes(bytes, recheck, selection);
    assert_eq!(
        outcome,
        selection.fix_file(path, bytes, &rules),
        "fix_file applies the same fixes"
    );
    (outcome, named.into_inner())
}

/// What `before` holds that `after` lost, outside the pointers in `named` (and below them):
/// every (key path, value) as written, repeated keys included, counted.
fn lost_values(before: &[u8], after: &[u8], named: &BTreeSet<String>) -> Vec<(String, String)> {
    let values = |bytes: &[u8]| {
        let mut out = Vec::new();
        if let Ok(written) = serde_json::from_slice::<Written>(bytes) {
            written_values(&written, "", &mut out);
        }
        out
    };
    let is_named = |pointer: &str| {
        named.iter().any(|n| {
            pointer == n
                || pointer
                    .strip_prefix(n.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    let mut kept: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for value in values(after) {
        *kept.entry(value).or_default() += 1;
    }
    let mut lost = Vec::new();
    for value in values(before) {
        if is_named(&value.0) {
            continue;
        }
        match kept.get_mut(&value) {
            Some(count) if *count > 0 => *count -= 1,
            _ => lost.push(value),
        }
    }
    lost
}

/// The case: a second `"laws"` of one law after the eight.
fn ct_with_a_second_laws() -> String {
    let text = ct_text();
    let profile: Value = serde_json::from_str(&text).unwrap();
    let one = serde_json::to_string(&profile["laws"][0]).unwrap();
    text.replacen(
        "  \"statewide_efforts\"",
        &format!("  \"laws\": [{one}],\n  \"statewide_efforts\""),
        1,
    )
}

/// Fixing a file with a duplicate key would keep only its last value (8 laws become 1): no
/// layout fix is offered, nothing is applied, and the duplicate key is still reported.
#[test]
fn no_fix_drops_the_first_of_a_duplicate_key() {
    for broken in [
        ct_with_a_second_laws(),
        ct_text().replacen(
            "\"status\": \"published\",",
            "\"status\": \"published\", \"status\": \"draft\",",
            1,
        ),
    ] {
        for selection in [FixSelection::default(), every_fix()] {
            let outcome =
                selection.fix_file(Path::new("ct.json"), broken.as_bytes(), &RuleSet::all());
            assert_eq!(String::from_utf8_lossy(&outcome.bytes), broken);
            assert!(!outcome.changed());
            assert!(outcome.remaining.iter().any(|d| d.rule == "duplicate-key"));
            let layout = outcome
                .remaining
                .iter()
                .find(|d| d.rule == "layout")
                .unwrap();
            assert!(layout.fix.is_none());
            assert!(
                layout
                    .help
                    .as_deref()
                    .unwrap()
                    .starts_with("fix the duplicate key first")
            );
        }
    }
}

/// A duplicate key inserted into the (mutated) profile: a whole section again, shorter, or a
/// member again with another value; before the first or after it.
#[derive(Debug, Clone)]
struct Duplicate {
    pick: usize,
    section: bool,
    after: bool,
}

fn duplicate() -> impl Strategy<Value = Duplicate> {
    (any::<usize>(), any::<bool>(), any::<bool>()).prop_map(|(pick, section, after)| Duplicate {
        pick,
        section,
        after,
    })
}

fn insert_duplicate(text: &str, d: &Duplicate) -> String {
    if d.section {
        let Ok(Value::Object(members)) = serde_json::from_str::<Value>(text) else {
            return text.to_owned();
        };
        let (key, value) = members.iter().nth(d.pick % members.len()).unwrap();
        let other = match value {
            Value::Array(items) => Value::Array(items.iter().take(d.pick % 2).cloned().collect()),
            Value::Object(inner) => Value::Object(
                inner
                    .iter()
                    .skip(1)
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
            Value::String(_) => Value::from("draft"),
            _ => Value::from(7),
        };
        let member = format!("{}: {other}", Value::from(key.as_str()));
        if d.after {
            let end = text.rfind('}').unwrap();
            format!("{},\n  {member}\n}}\n", text[..end].trim_end())
        } else {
            text.replacen('{', &format!("{{\n  {member},"), 1)
        }
    } else {
        let lines: Vec<&str> = text.lines().collect();
        let members: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                lines[i].trim_start().starts_with('"')
                    && lines[i].contains("\": ")
                    && lines[i].ends_with(',')
            })
            .collect();
        let Some(&line) = members.get(d.pick % members.len().max(1)) else {
            return text.to_owned();
        };
        let (key, _) = lines[line].split_once("\": ").unwrap();
        let again = format!("{key}\": \"another {}\",", d.pick % 10);
        let mut edited = lines.clone();
        edited.insert(line + usize::from(d.after), &again);
        edited.join("\n") + "\n"
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// For any input, `--fix --unsafe-fixes` keeps every key path and value as written,
    /// repeated keys included, that no applied fix's finding names.
    #[test]
    fn every_fix_keeps_every_value_it_does_not_name(
        m in mutation(),
        other in prop::option::of(prop::sample::select(vec!["nh", "dc"])),
        duplicates in prop::collection::vec(duplicate(), 0..3),
        reindent in any::<bool>(),
    ) {
        // Connecticut with the mutations the fixes undo, or another profile as it is.
        let (name, mut text) = match other {
            Some(code) => (
                format!("{code}.json"),
                std::fs::read_to_string(root().join(format!("profiles/{code}.json"))).unwrap(),
            ),
            None => ("ct.json".to_owned(), mutate(&ct_text(), &m)),
        };
        for d in &duplicates {
            text = insert_duplicate(&text, d);
        }
        if reindent {
            text = text.replace("\n  ", "\n   ");
        }
        let (outcome, named) = fix_naming(Path::new(&name), text.as_bytes(), &every_fix());
        prop_assert!(!named.contains(""), "a fix names the whole file");
        let lost = lost_values(text.as_bytes(), &outcome.bytes, &named);
        prop_assert!(lost.is_empty(), "lost {lost:?}, naming {named:?}");
    }
}
