//! What the model says about a place in a profile: a key's documentation (the schema's
//! `description`, the text editors show from `$schema`), the keys an object may hold, and the
//! closed sets of values, walked from `tipkit_model::schema()` by JSON Pointer.

use std::sync::OnceLock;

use serde_json::Value;
use tipkit_model::JurisdictionCode;

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| tipkit_model::schema().to_value())
}

/// Follows `$ref`s (`#/$defs/Name`) to the schema they name.
fn resolve(mut node: &Value) -> &Value {
    for _ in 0..16 {
        let Some(target) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(found) = target
            .strip_prefix('#')
            .and_then(|pointer| schema().pointer(pointer))
        else {
            break;
        };
        node = found;
    }
    node
}

fn description(node: &Value) -> Option<&str> {
    node.get("description")
        .or_else(|| resolve(node).get("description"))
        .and_then(Value::as_str)
}

/// The schema at `pointer` (a pointer into a profile), unresolved, so that its own
/// `description` is kept.
fn at(pointer: &str) -> Option<&'static Value> {
    let mut node = schema();
    if pointer.is_empty() {
        return Some(node);
    }
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = tipkit_model::pointer::unescape(token);
        let here = resolve(node);
        node = match here.get("properties").and_then(|p| p.get(token.as_ref())) {
            Some(property) => property,
            None if token.parse::<usize>().is_ok() => here.get("items")?,
            None => return None,
        };
    }
    Some(node)
}

/// The documentation of the key at `pointer`.
pub(crate) fn key_docs(pointer: &str) -> Option<&'static str> {
    at(pointer).and_then(description)
}

/// A key or value to offer, with its documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Offer {
    /// The key or value.
    pub(crate) label: String,
    /// A short note beside it: the jurisdiction's name for a code.
    pub(crate) detail: Option<String>,
    /// Its documentation.
    pub(crate) docs: Option<String>,
}

/// The keys the object at `pointer` may hold, in schema order, leaving out `present`.
pub(crate) fn keys(pointer: &str, present: &[String]) -> Vec<Offer> {
    let Some(properties) = at(pointer)
        .map(resolve)
        .and_then(|node| node.get("properties"))
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    properties
        .iter()
        .filter(|(key, _)| !present.contains(key))
        .map(|(key, node)| Offer {
            label: key.clone(),
            detail: None,
            docs: description(node).map(str::to_owned),
        })
        .collect()
}

/// The values the model allows at `pointer`, when it allows a closed set of strings.
pub(crate) fn values(pointer: &str) -> Vec<Offer> {
    let Some(node) = at(pointer).map(resolve) else {
        return Vec::new();
    };
    let Some(options) = node.get("enum").and_then(Value::as_array) else {
        return Vec::new();
    };
    let notes = node.get("enumDescriptions").and_then(Value::as_array);
    let is_code = schema()
        .pointer("/$defs/JurisdictionCode")
        .is_some_and(|codes| std::ptr::eq(codes, node));
    options
        .iter()
        .enumerate()
        .filter_map(|(i, option)| {
            let label = option.as_str()?.to_owned();
            let described = notes
                .and_then(|notes| notes.get(i))
                .and_then(Value::as_str)
                .map(str::to_owned);
            let name = is_code
                .then(|| label.parse::<JurisdictionCode>().ok())
                .flatten()
                .map(|code| code.jurisdiction().name.to_owned());
            Some(Offer {
                docs: described.or_else(|| name.clone()),
                detail: name,
                label,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_come_from_the_schema() {
        assert_eq!(
            key_docs("/state/code"),
            Some("The jurisdiction's USPS code: \"CT\".")
        );
        assert!(key_docs("/hotline_cases/potential_persons_trafficked").is_some());
        assert_eq!(key_docs("/nope"), None);
    }

    #[test]
    fn venues_are_offered_by_list() {
        let sex = values("/sex_trafficking_venues/0/venue");
        assert!(sex.iter().any(|o| o.label == "Hotel/Motel-Based"));
        let labor = values("/labor_trafficking_venues/0/venue");
        assert!(!labor.iter().any(|o| o.label == "Hotel/Motel-Based"));
        assert!(!sex.iter().any(|o| labor.iter().any(|l| l.label == o.label)));
    }

    #[test]
    fn codes_come_with_their_names() {
        let codes = values("/state/code");
        let ct = codes.iter().find(|o| o.label == "CT").unwrap();
        assert_eq!(ct.detail.as_deref(), Some("Connecticut"));
        let present = ["status".to_owned()];
        let keys = keys("", &present);
        assert!(keys.iter().any(|o| o.label == "state"));
        assert!(!keys.iter().any(|o| o.label == "status"));
    }
}
