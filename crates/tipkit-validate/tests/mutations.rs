//! Random mutations of valid profiles, structural and byte-level: the validator never panics,
//! every finding's span lies inside the file, every pointer resolves in the document or names
//! its nearest existing parent, no rule shows more than its cap of findings in a file, and the
//! typed model accepts nothing the schema refuses, `null`s included.

use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;
use tipkit_model::pointer;

fn base(index: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = ["profiles/ct.json", "profiles/nh.json", "profiles/dc.json"];
    std::fs::read_to_string(root.join(files[index % files.len()])).unwrap()
}

/// Every pointer of a document, in document order.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, &format!("{at}/{}", pointer::escape(key)), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, &format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the node at a pointer with another value.
    Replace(usize, Value),
    /// Remove the node at a pointer from its parent.
    Remove(usize),
    /// Rename a key by appending text to it.
    Rename(usize, String),
    /// Wrap the node in a list.
    Wrap(usize),
    /// Set an optional section to `null`, which serde would read as absent and the schema refuses.
    NullSection(usize),
}

/// Optional keys inside sections, which a mutation may add as `null` to any object.
const OPTIONAL_INNER: [&str; 8] = [
    "url",
    "us_citizen_or_lpr",
    "foreign_national",
    "female",
    "male",
    "gender_minorities",
    "adult",
    "minor",
];

const OPTIONAL: [&str; 11] = [
    "/$schema",
    "/reporting_period",
    "/heat_map",
    "/hotline_cases",
    "/demographics",
    "/hotline_statistics",
    "/sex_trafficking_venues",
    "/labor_trafficking_venues",
    "/call_types",
    "/laws",
    "/statewide_efforts",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        (-1e30f64..1e30).prop_map(Value::from),
        "[ -~§é\u{0}\n]{0,12}".prop_map(Value::from),
        Just(Value::from("Hotel-/Motel-Based")),
        Just(Value::from("XX")),
        Just(serde_json::json!({})),
        Just(serde_json::json!([])),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), scalar()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), "[a-z_/~]{1,3}").prop_map(|(at, s)| Mutation::Rename(at, s)),
        any::<usize>().prop_map(Mutation::Wrap),
        any::<usize>().prop_map(Mutation::NullSection),
    ]
}

fn apply(value: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(value, "", &mut all);
    let pick = |at: usize| all[at % all.len()].clone();
    match mutation {
        Mutation::NullSection(at) => {
            if let Some(object) = value.as_object_mut() {
                object.insert(OPTIONAL[at % OPTIONAL.len()][1..].to_owned(), Value::Null);
            }
        }
        Mutation::Replace(at, new) => {
            if let Some(node) = value.pointer_mut(&pick(*at)) {
                *node = new.clone();
            }
        }
        Mutation::Wrap(at) => {
            if let Some(node) = value.pointer_mut(&pick(*at)) {
                *node = Value::Array(vec![node.take()]);
            }
        }
        Mutation::Remove(at) | Mutation::Rename(at, _) => {
            let pointer = pick(*at);
            let Some((parent, key)) = pointer.rsplit_once('/') else {
                return;
            };
            let key = pointer::unescape(key);
            match value.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    if let Some(old) = map.remove(key.as_ref())
                        && let Mutation::Rename(_, suffix) = mutation
                    {
                        map.insert(format!("{key}{suffix}"), old);
                    }
                }
                Some(Value::Array(items)) => {
                    if let Ok(index) = key.parse::<usize>()
                        && index < items.len()
                        && matches!(mutation, Mutation::Remove(_))
                    {
                        items.remove(index);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The properties every finding must have, for any input.
fn check_invariants(bytes: &[u8]) {
    let report = tipkit_validate::check_bytes(Path::new("ct.json"), bytes);
    let parsed: Option<Value> = serde_json::from_slice(bytes).ok();
    let lines = bytes.split(|&b| b == b'\n').count();
    for d in &report.diagnostics {
        let span = d.span.expect("a file's findings have a span");
        assert!(
            span.start <= span.end && span.end <= bytes.len(),
            "{d:?} is outside {} bytes",
            bytes.len()
        );
        assert!(
            span.start_line >= 1 && span.end_line <= lines && span.start_column >= 1,
            "{d:?}"
        );
        assert!(
            tipkit_validate::rule(d.rule).is_some(),
            "{} is not a registered rule",
            d.rule
        );
        match &parsed {
            Some(value) => assert!(
                value.pointer(&d.pointer).is_some(),
                "{} does not resolve: {d:?}",
                d.pointer
            ),
            None => assert_eq!(d.pointer, "", "{d:?}"),
        }
    }
    let mut per_rule = std::collections::HashMap::new();
    for d in &report.diagnostics {
        *per_rule.entry(d.rule).or_insert(0) += 1;
    }
    for (rule, count) in per_rule {
        assert!(
            count <= tipkit_validate::FINDINGS_PER_RULE + 1,
            "{count} findings of {rule} in one file"
        );
    }
    // The fast path trusts the typed model to refuse what the schema refuses, repeated keys and
    // nulls included.
    if serde_json::from_slice::<tipkit_model::Profile>(bytes).is_ok() {
        let value = parsed.as_ref().expect("what the model reads is JSON");
        let repeated = tipkit_validate::SpanIndex::build(bytes)
            .duplicates()
            .to_vec();
        assert!(
            repeated.is_empty(),
            "the model accepts repeated keys: {repeated:?}"
        );
        let errors: Vec<String> = tipkit_validate::ProfileSchema::get()
            .errors(value)
            .map(|e| e.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "the model accepts what the schema refuses: {errors:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn long_arrays(file in 0usize..3, at in any::<usize>(), times in 1000usize..4000, item in prop::option::of(scalar()), pretty in any::<bool>()) {
        // A list repeated to thousands of items, or thousands of one odd item: no panic, the cap
        // holds, and the model and the schema agree.
        let mut value: Value = serde_json::from_str(&base(file)).unwrap();
        let mut all = Vec::new();
        pointers(&value, "", &mut all);
        let arrays: Vec<&String> = all.iter().filter(|p| value.pointer(p).is_some_and(Value::is_array)).collect();
        let pointer = arrays[at % arrays.len()].clone();
        let node = value.pointer_mut(&pointer).unwrap();
        let items = match (item, node.as_array()) {
            (Some(item), _) => vec![item; times],
            (None, Some(items)) if !items.is_empty() => items.iter().cycle().take(times).cloned().collect(),
            (None, _) => vec![Value::Null; times],
        };
        *node = Value::Array(items);
        let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { value.to_string() };
        check_invariants(text.as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn structural_mutations(file in 0usize..3, mutations in prop::collection::vec(mutation(), 1..6), pretty in any::<bool>()) {
        let mut value: Value = serde_json::from_str(&base(file)).unwrap();
        for mutation in &mutations {
            apply(&mut value, mutation);
        }
        let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { value.to_string() };
        check_invariants(text.as_bytes());
    }

    #[test]
    fn byte_mutations(file in 0usize..3, edits in prop::collection::vec((any::<usize>(), 0usize..8, prop::collection::vec(any::<u8>(), 0..6)), 1..5)) {
        let mut bytes = base(file).into_bytes();
        for (at, delete, insert) in edits {
            let at = at % (bytes.len() + 1);
            let end = (at + delete).min(bytes.len());
            bytes.splice(at..end, insert);
        }
        check_invariants(&bytes);
    }

    #[test]
    fn repeated_keys(file in 0usize..3, at in any::<usize>()) {
        // Repeat one member of some object, as an editor's copy and paste would.
        let text = base(file);
        let lines: Vec<&str> = text.lines().collect();
        let candidates: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].trim_start().starts_with('"') && lines[i].contains("\": ") && lines[i].ends_with(','))
            .collect();
        let line = candidates[at % candidates.len()];
        let mut edited = lines.clone();
        edited.insert(line, lines[line]);
        let edited = edited.join("\n");
        prop_assert!(serde_json::from_str::<tipkit_model::Profile>(&edited).is_err(), "serde refuses a repeated field");
        check_invariants(edited.as_bytes());
    }

    #[test]
    fn nulls(file in 0usize..3, at in any::<usize>(), inner in any::<usize>(), anywhere in any::<bool>(), pretty in any::<bool>()) {
        // A null at any node, required or optional, or as an optional key added to any object:
        // the model and the schema both refuse it.
        let mut value: Value = serde_json::from_str(&base(file)).unwrap();
        let mut all = Vec::new();
        pointers(&value, "", &mut all);
        let objects: Vec<&String> = all.iter().filter(|p| value.pointer(p).is_some_and(Value::is_object)).collect();
        if anywhere {
            let pointer = all[1 + at % (all.len() - 1)].clone();
            *value.pointer_mut(&pointer).unwrap() = Value::Null;
        } else {
            let object = objects[at % objects.len()].clone();
            let key = OPTIONAL_INNER[inner % OPTIONAL_INNER.len()];
            value.pointer_mut(&object).unwrap().as_object_mut().unwrap().insert(key.to_owned(), Value::Null);
        }
        let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { value.to_string() };
        prop_assert!(serde_json::from_str::<tipkit_model::Profile>(&text).is_err(), "the model reads a null: {text}");
        prop_assert!(!tipkit_validate::ProfileSchema::get().is_valid(&value), "the schema accepts a null: {text}");
        let report = tipkit_validate::check_bytes(Path::new("ct.json"), text.as_bytes());
        prop_assert!(report.diagnostics.iter().any(|d| d.severity == tipkit_validate::Severity::Error));
        check_invariants(text.as_bytes());
    }

    #[test]
    fn truncations(file in 0usize..3, keep in any::<usize>()) {
        let bytes = base(file).into_bytes();
        let keep = keep % (bytes.len() + 1);
        check_invariants(&bytes[..keep]);
    }
}
