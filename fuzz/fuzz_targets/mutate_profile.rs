//! Structure-aware: valid profiles with arbitrary edits to their JSON values, then the whole
//! pipeline, the canonical round trip, and the rules across profiles.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const BASES: [&str; 2] = [
    include_str!("../../profiles/ct.json"),
    include_str!("../../profiles/nh.json"),
];

#[derive(Debug, Arbitrary)]
enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Count(u32),
    Float(f64),
    Text(String),
}

#[derive(Debug, Arbitrary)]
enum Edit {
    Replace(u16, Scalar),
    Remove(u16),
    Rename(u16, String),
    Duplicate(u16),
    Wrap(u16),
}

#[derive(Debug, Arbitrary)]
struct Input {
    base: bool,
    pretty: bool,
    edits: Vec<Edit>,
}

fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            pointers(
                v,
                format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                out,
            )
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
}

fn apply(value: &mut Value, edit: &Edit) {
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    let pick = |at: u16| all[usize::from(at) % all.len()].clone();
    match edit {
        Edit::Replace(at, scalar) => {
            if let Some(node) = value.pointer_mut(&pick(*at)) {
                *node = match scalar {
                    Scalar::Null => Value::Null,
                    Scalar::Bool(b) => Value::from(*b),
                    Scalar::Int(i) => Value::from(*i),
                    Scalar::Count(c) => Value::from(*c),
                    Scalar::Float(f) => {
                        serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
                    }
                    Scalar::Text(t) => Value::from(t.as_str()),
                };
            }
        }
        Edit::Wrap(at) | Edit::Duplicate(at) => {
            if let Some(node) = value.pointer_mut(&pick(*at)) {
                let copy = node.clone();
                *node = match edit {
                    Edit::Wrap(_) => Value::Array(vec![copy]),
                    _ => Value::Array(vec![copy.clone(), copy]),
                };
            }
        }
        Edit::Remove(at) | Edit::Rename(at, _) => {
            let pointer = pick(*at);
            let Some((parent, key)) = pointer.rsplit_once('/') else {
                return;
            };
            let key = key.replace("~1", "/").replace("~0", "~");
            if let Some(Value::Object(map)) = value.pointer_mut(parent) {
                if let Some(old) = map.remove(&key) {
                    if let Edit::Rename(_, suffix) = edit {
                        map.insert(format!("{key}{suffix}"), old);
                    }
                }
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let mut value: Value = serde_json::from_str(BASES[usize::from(input.base)]).unwrap();
    for edit in input.edits.iter().take(16) {
        apply(&mut value, edit);
    }
    let text = if input.pretty {
        serde_json::to_string_pretty(&value).unwrap()
    } else {
        value.to_string()
    };
    let report = tipkit_validate::check_bytes(std::path::Path::new("ct.json"), text.as_bytes());
    for diagnostic in &report.diagnostics {
        let span = diagnostic.span.expect("a file's findings have a span");
        assert!(span.end <= text.len());
        assert!(
            value.pointer(&diagnostic.pointer).is_some(),
            "{diagnostic:?}"
        );
    }
    // The fast path trusts the typed model to refuse what the schema refuses, repeated keys and
    // nulls included.
    if tipkit_model::from_str(&text).is_ok() {
        assert!(
            tipkit_validate::SpanIndex::build(text.as_bytes())
                .duplicates()
                .is_empty()
        );
        assert!(
            tipkit_validate::ProfileSchema::get().is_valid(&value),
            "the model accepts what the schema refuses"
        );
    }
    if let Ok(profile) = tipkit_model::from_str(&text) {
        let canonical = tipkit_model::to_canonical_string(&profile);
        assert_eq!(tipkit_model::from_str(&canonical).unwrap(), profile);
    }
    if let Some(summary) = report.summary {
        let _ = tipkit_validate::check_folder(
            std::path::Path::new("."),
            &[summary.clone(), summary],
            0,
            &tipkit_validate::Workspace::default(),
        );
    }
});
