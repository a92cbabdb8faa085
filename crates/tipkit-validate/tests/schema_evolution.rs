//! Schema evolution: within one `schema_version`, the generated schema may only grow. A change
//! that would reject a profile the previous schema accepted (a new required key, a removed key or
//! enum value, a narrowed range, a changed type or pattern) needs a new `schema_version`.
//!
//! The previous schema and profiles written against it are kept in
//! `tests/fixtures/schema-evolution/v<version>/`. After a deliberate version bump, copy the new
//! schema and a few profiles there as the next version's fixture, and empty `RULE_LIMITS`.
//!
//! One kind of narrowing rejects no profile that tipkit accepted: the schema taking over a limit
//! that a rule already refused as an error, so that an editor agrees with `tipkit check` (rank 0
//! was a `ranked-venues` error before the schema said `minimum: 1`). Such a change is listed in
//! `RULE_LIMITS` with the rule that refused it; `rule_limits.rs` holds the schema to each limit.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/schema-evolution/v1")
}

fn previous_schema() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(fixture().join("state-profile.schema.json")).unwrap(),
    )
    .unwrap()
}

/// Every way `new` rejects what `old` accepted, as "<schema path>: <what changed>".
fn breaking_changes(old: &Value, new: &Value) -> Vec<String> {
    if schema_version(old) != schema_version(new) {
        return Vec::new();
    }
    let mut changes = Vec::new();
    compare(old, new, old, new, "#", &mut changes);
    changes
}

fn schema_version(root: &Value) -> Option<&Value> {
    root.pointer("/properties/schema_version/const")
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
    {
        Some(pointer) => root.pointer(pointer).unwrap_or(schema),
        None => schema,
    }
}

/// The values a schema allows when it is a closed list: `enum`, `const`, or a `oneOf` of consts.
fn closed_values(schema: &Value) -> Option<Vec<Value>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.clone());
    }
    if let Some(value) = schema.get("const") {
        return Some(vec![value.clone()]);
    }
    let branches = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))?
        .as_array()?;
    branches.iter().map(|b| b.get("const").cloned()).collect()
}

fn types(schema: &Value) -> Option<Vec<&str>> {
    match schema.get("type")? {
        Value::String(t) => Some(vec![t.as_str()]),
        Value::Array(ts) => Some(ts.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "one keyword after another reads best in one place"
)]
fn compare(
    old_root: &Value,
    new_root: &Value,
    old: &Value,
    new: &Value,
    at: &str,
    out: &mut Vec<String>,
) {
    let (old, new) = (resolve(old_root, old), resolve(new_root, new));
    if let Some(new_types) = types(new) {
        match types(old) {
            Some(old_types) => {
                for t in old_types.iter().filter(|t| {
                    !(new_types.contains(t) || **t == "integer" && new_types.contains(&"number"))
                }) {
                    out.push(format!("{at}: type `{t}` no longer allowed"));
                }
            }
            None => out.push(format!("{at}: a type is now required ({new_types:?})")),
        }
    }
    if let Some(new_values) = closed_values(new) {
        match closed_values(old) {
            Some(old_values) => {
                for value in old_values.iter().filter(|v| !new_values.contains(v)) {
                    out.push(format!("{at}: value {value} removed"));
                }
            }
            None => out.push(format!("{at}: now a closed list of values")),
        }
    }
    for key in [
        "minimum",
        "exclusiveMinimum",
        "minLength",
        "minItems",
        "minProperties",
    ] {
        if let Some(new_bound) = new.get(key).and_then(Value::as_f64)
            && old
                .get(key)
                .and_then(Value::as_f64)
                .is_none_or(|old_bound| new_bound > old_bound)
        {
            out.push(format!("{at}: `{key}` raised to {new_bound}"));
        }
    }
    for key in [
        "maximum",
        "exclusiveMaximum",
        "maxLength",
        "maxItems",
        "maxProperties",
    ] {
        if let Some(new_bound) = new.get(key).and_then(Value::as_f64)
            && old
                .get(key)
                .and_then(Value::as_f64)
                .is_none_or(|old_bound| new_bound < old_bound)
        {
            out.push(format!("{at}: `{key}` lowered to {new_bound}"));
        }
    }
    if let Some(pattern) = new.get("pattern")
        && old.get("pattern") != Some(pattern)
    {
        out.push(format!("{at}: pattern changed to {pattern}"));
    }
    let required = |s: &Value| -> Vec<String> {
        s.get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    let old_required = required(old);
    for key in required(new).iter().filter(|k| !old_required.contains(k)) {
        out.push(format!("{at}: key `{key}` is now required"));
    }
    let closed = |s: &Value| s.get("additionalProperties") == Some(&Value::Bool(false));
    if closed(new) && !closed(old) {
        out.push(format!("{at}: unknown keys are now refused"));
    }
    let empty = serde_json::Map::new();
    let old_properties = old
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let new_properties = new
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (key, old_property) in old_properties {
        match new_properties.get(key) {
            Some(new_property) => compare(
                old_root,
                new_root,
                old_property,
                new_property,
                &format!("{at}/{key}"),
                out,
            ),
            None if closed(new) => out.push(format!("{at}: key `{key}` removed")),
            None => {}
        }
    }
    if let (Some(old_items), Some(new_items)) = (old.get("items"), new.get("items")) {
        compare(
            old_root,
            new_root,
            old_items,
            new_items,
            &format!("{at}/items"),
            out,
        );
    }
}

/// Narrowings within this version that reject only files a rule already refused as an error:
/// (the change as `breaking_changes` words it, the rule). Nothing else may narrow the schema.
const RULE_LIMITS: &[(&str, &str)] = &[
    (
        "#/sex_trafficking_venues: `maxItems` lowered to 5",
        "ranked-venues",
    ),
    (
        "#/sex_trafficking_venues/items/rank: `minimum` raised to 1",
        "ranked-venues",
    ),
    (
        "#/sex_trafficking_venues/items/rank: `maximum` lowered to 5",
        "ranked-venues",
    ),
    (
        "#/labor_trafficking_venues: `maxItems` lowered to 5",
        "ranked-venues",
    ),
    (
        "#/labor_trafficking_venues/items/rank: `minimum` raised to 1",
        "ranked-venues",
    ),
    (
        "#/labor_trafficking_venues/items/rank: `maximum` lowered to 5",
        "ranked-venues",
    ),
];

#[test]
fn the_schema_only_grows_within_a_version() {
    let current = tipkit_model::schema().to_value();
    let changes = breaking_changes(&previous_schema(), &current);
    let unexplained: Vec<&String> = changes
        .iter()
        .filter(|change| !RULE_LIMITS.iter().any(|(limit, _)| limit == change))
        .collect();
    assert!(
        unexplained.is_empty(),
        "these schema changes reject profiles the previous schema accepted; bump `schema_version`:\n{}",
        unexplained
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (limit, rule) in RULE_LIMITS {
        assert!(
            changes.contains(&(*limit).to_owned()),
            "`{limit}` is no longer a change: remove it"
        );
        assert!(
            tipkit_validate::rule(rule).is_some(),
            "`{rule}` is not a rule"
        );
    }
}

/// Each rule limit the schema took over rejects a file the previous schema accepted, and
/// `tipkit check` refuses that file with an error, as the rule did.
#[test]
fn rule_limits_refuse_only_what_tipkit_refused() {
    let previous = tipkit_validate::ProfileSchema::compile(previous_schema());
    let ct = fixture().join("profiles/ct.json");
    let base: Value = serde_json::from_str(&std::fs::read_to_string(ct).unwrap()).unwrap();
    let sex = base["sex_trafficking_venues"].as_array().unwrap();
    let six = [
        sex.as_slice(),
        &[json!({"rank": 6, "venue": "Pornography"})],
    ]
    .concat();
    let edits = [
        ("rank 0", "/sex_trafficking_venues/0/rank", json!(0)),
        ("rank 6", "/labor_trafficking_venues/0/rank", json!(6)),
        ("six venues", "/sex_trafficking_venues", Value::Array(six)),
    ];
    for (what, pointer, value) in edits {
        let mut profile = base.clone();
        *profile.pointer_mut(pointer).unwrap() = value;
        assert!(
            previous.is_valid(&profile),
            "{what}: the previous schema refuses it"
        );
        let text = serde_json::to_string_pretty(&profile).unwrap();
        let report = tipkit_validate::check_bytes(Path::new("ct.json"), text.as_bytes());
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.severity == tipkit_validate::Severity::Error),
            "{what}: tipkit check accepts it"
        );
    }
}

#[test]
fn profiles_of_the_previous_version_pass_the_current_schema() {
    let schema = tipkit_validate::ProfileSchema::get();
    let mut checked = 0;
    for entry in std::fs::read_dir(fixture().join("profiles")).unwrap() {
        let path = entry.unwrap().path();
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = schema.errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 2);
}

/// The previous schema with one change applied at a JSON Pointer.
fn changed(pointer: &str, change: impl FnOnce(&mut Value)) -> Value {
    let mut schema = previous_schema();
    change(
        schema
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("no {pointer}")),
    );
    schema
}

#[test]
fn breaking_changes_are_caught() {
    let old = previous_schema();
    let cases = [
        (
            "a new required key",
            changed("/required", |r| {
                r.as_array_mut().unwrap().push(json!("laws"));
            }),
        ),
        (
            "a removed venue",
            changed("/$defs/SexVenue/enum", |e| {
                e.as_array_mut().unwrap().retain(|v| v != "Pornography");
            }),
        ),
        (
            "a narrowed range",
            changed("/$defs/HhsRegion/maximum", |m| *m = json!(9)),
        ),
        (
            "a removed key",
            changed("/properties", |p| {
                p.as_object_mut().unwrap().remove("call_types");
            }),
        ),
        (
            "a changed type",
            changed("/$defs/HotlineCases/properties/cases_reported", |c| {
                c["type"] = json!("string");
            }),
        ),
        (
            "a removed status",
            changed("/$defs/Status/oneOf", |o| {
                o.as_array_mut().unwrap().pop();
            }),
        ),
        (
            "a stricter pattern",
            changed("/$defs/Phone/pattern", |p| {
                *p = json!("^888-[0-9]{3}-[0-9]{4}$");
            }),
        ),
    ];
    for (what, new) in &cases {
        let changes = breaking_changes(&old, new);
        assert!(!changes.is_empty(), "{what} was not caught");
    }
    let report: Vec<String> = cases
        .iter()
        .map(|(what, new)| format!("{what}: {}", breaking_changes(&old, new).join("; ")))
        .collect();
    insta::assert_snapshot!(report.join("\n"));
}

#[test]
fn additions_are_not_breaking() {
    let old = previous_schema();
    let grown = changed("/properties", |p| {
        p.as_object_mut()
            .unwrap()
            .insert("editor_notes".to_owned(), json!({"type": "string"}));
    });
    assert_eq!(breaking_changes(&old, &grown), Vec::<String>::new());
    let more_venues = changed("/$defs/SexVenue/enum", |e| {
        e.as_array_mut().unwrap().push(json!("Bus Stations"));
    });
    assert_eq!(breaking_changes(&old, &more_venues), Vec::<String>::new());
}

#[test]
fn a_version_bump_allows_breaking_changes() {
    let mut bumped = changed("/required", |r| {
        r.as_array_mut().unwrap().push(json!("laws"));
    });
    bumped["properties"]["schema_version"]["const"] = json!(2);
    assert_eq!(
        breaking_changes(&previous_schema(), &bumped),
        Vec::<String>::new()
    );
}
