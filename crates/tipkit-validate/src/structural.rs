//! The structural stage: the profile schema, compiled once, and each of its errors handed to the
//! rule that owns its keyword (`schema_errors` in the rule's declaration), which words it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::cap::Capped;
use crate::context::{FileContext, Target};
use crate::registry::{self, Rule};
use crate::sections::Sections;
use crate::wording::field_name;
use crate::{Diagnostic, Severity};

/// The profile schema, generated from `tipkit-model` and compiled.
pub struct ProfileSchema {
    schema: Value,
    validator: jsonschema::Validator,
    /// The schema without the `items` of the lists in [`Self::lists`]: their items are checked
    /// one by one, so that a list of millions of wrong items never makes millions of errors at
    /// once (the `jsonschema` crate collects every error before it hands out the first).
    shallow: jsonschema::Validator,
    lists: Vec<List>,
}

/// A list the schema reaches through `properties` alone, and the schema of its items.
struct List {
    /// The object keys that lead to it from the root.
    path: Vec<String>,
    items: jsonschema::Validator,
}

/// The keywords of a schema node through which a list's items may be checked apart: none of
/// them looks at a list's items or makes another node's errors depend on them.
const PLAIN_KEYWORDS: &[&str] = &[
    "$schema",
    "$ref",
    "$defs",
    "title",
    "description",
    "type",
    "properties",
    "additionalProperties",
    "required",
    "items",
    "maxItems",
    "minItems",
];

impl ProfileSchema {
    /// The compiled schema, built on first use and shared after.
    pub fn get() -> &'static Self {
        static SCHEMA: OnceLock<ProfileSchema> = OnceLock::new();
        SCHEMA.get_or_init(|| Self::compile(tipkit_model::schema().to_value()))
    }

    /// Compiles a profile schema.
    ///
    /// # Panics
    ///
    /// When `schema` is not a valid draft 2020-12 schema: the generated schema always is.
    pub fn compile(schema: Value) -> Self {
        let build = |schema: &Value| {
            jsonschema::draft202012::options()
                .build(schema)
                .expect("the generated profile schema compiles")
        };
        let validator = build(&schema);
        let mut shallow = schema.clone();
        let mut lists = Vec::new();
        for (path, location) in plain_lists(&schema) {
            let Some(items) = shallow
                .pointer_mut(&location)
                .and_then(Value::as_object_mut)
                .and_then(|node| node.remove("items"))
            else {
                continue;
            };
            let mut items = match items {
                Value::Object(items) => items,
                // `items: true` or `false`: a schema of its own.
                other => [("allOf".to_owned(), Value::Array(vec![other]))]
                    .into_iter()
                    .collect(),
            };
            if let Some(defs) = schema.get("$defs") {
                items.insert("$defs".to_owned(), defs.clone());
            }
            lists.push(List {
                path,
                items: build(&Value::Object(items)),
            });
        }
        let shallow = build(&shallow);
        Self {
            schema,
            validator,
            shallow,
            lists,
        }
    }

    /// Every place `instance` breaks the schema.
    pub fn errors<'i>(
        &'i self,
        instance: &'i Value,
    ) -> impl Iterator<Item = jsonschema::ValidationError<'i>> {
        self.validator.iter_errors(instance)
    }

    /// Whether `instance` passes the schema.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.validator.is_valid(instance)
    }

    /// The subschema that applies at an instance pointer, following `$ref`s.
    pub(crate) fn at(&self, pointer: &str) -> Option<&Value> {
        let mut schema = self.resolve(&self.schema);
        for token in pointer.split('/').skip(1) {
            let token = tipkit_model::pointer::unescape(token);
            schema = match (
                schema.get("properties").and_then(|p| p.get(token.as_ref())),
                schema.get("items"),
            ) {
                (Some(property), _) => self.resolve(property),
                (None, Some(items)) if token.parse::<usize>().is_ok() => self.resolve(items),
                _ => return None,
            };
        }
        Some(schema)
    }

    /// Removes from `instance`, at any depth, every key the schema refuses as unknown (an
    /// object's key that its `properties` do not list, where `additionalProperties` is `false`):
    /// `unknown-key` reported each, and without them the section types. Whether it removed any.
    pub(crate) fn drop_unknown_keys(&self, instance: &mut Value) -> bool {
        self.drop_unknown_keys_under(instance, self.resolve(&self.schema))
    }

    /// [`Self::drop_unknown_keys`] of `value` against `schema`. It recurses as deep as the
    /// schema's `properties` and `items` lead, a few levels, whatever the file nests.
    fn drop_unknown_keys_under(&self, value: &mut Value, schema: &Value) -> bool {
        let mut dropped = false;
        match value {
            Value::Object(members) => {
                let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                    return false;
                };
                if schema.get("additionalProperties") == Some(&Value::Bool(false))
                    && schema.get("patternProperties").is_none()
                {
                    let before = members.len();
                    members.retain(|key, _| properties.contains_key(key));
                    dropped = members.len() != before;
                }
                for (key, member) in members.iter_mut() {
                    if let Some(property) = properties.get(key) {
                        dropped |= self.drop_unknown_keys_under(member, self.resolve(property));
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items").filter(|s| s.is_object()) {
                    let item_schema = self.resolve(item_schema);
                    for item in items {
                        dropped |= self.drop_unknown_keys_under(item, item_schema);
                    }
                }
            }
            _ => {}
        }
        dropped
    }

    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference
                .strip_prefix('#')
                .and_then(|pointer| value_at(&self.schema, pointer))
                .unwrap_or(schema),
            None => schema,
        }
    }
}

/// The lists whose items can be checked one by one: each list schema reached from the root
/// through `properties` and `$ref`s to definitions used once, all of plain keywords: the object
/// keys that lead to it, and where its schema is in `schema`.
fn plain_lists(schema: &Value) -> Vec<(Vec<String>, String)> {
    let text = schema.to_string();
    let used_once = |reference: &str| text.matches(&format!("\"{reference}\"")).count() == 1;
    let mut found = Vec::new();
    // (node, its location in `schema`, the keys that lead to it); no recursion, no cycle: a
    // definition used once cannot lead back to itself.
    let mut todo = vec![(schema, String::new(), Vec::<String>::new())];
    while let Some((node, location, path)) = todo.pop() {
        let Some(object) = node.as_object() else {
            continue;
        };
        if !object
            .keys()
            .all(|key| PLAIN_KEYWORDS.contains(&key.as_str()))
        {
            continue;
        }
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            // A `$ref` beside `properties` or `items` would apply both: not plain.
            let alone = !object.contains_key("properties") && !object.contains_key("items");
            if let Some(pointer) = reference.strip_prefix('#')
                && alone
                && used_once(reference)
                && let Some(target) = value_at(schema, pointer)
                && !std::ptr::eq(target, schema)
            {
                todo.push((target, pointer.to_owned(), path));
            }
            continue;
        }
        if object.contains_key("items") {
            found.push((path.clone(), location.clone()));
        }
        for (key, property) in object
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let mut path = path.clone();
            path.push(key.clone());
            let location = format!(
                "{location}/properties/{}",
                tipkit_model::pointer::escape(key)
            );
            todo.push((property, location, path));
        }
    }
    found.sort();
    found
}

/// The value at a JSON Pointer, as [`Value::pointer`] finds it, without a copy of each token.
fn value_at<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let tokens = pointer.strip_prefix('/')?;
    tokens
        .split('/')
        .try_fold(root, |value, token| match value {
            Value::Object(map) => map.get(tipkit_model::pointer::unescape(token).as_ref()),
            Value::Array(items) => {
                let canonical =
                    !token.starts_with('+') && (token == "0" || !token.starts_with('0'));
                items.get(token.parse::<usize>().ok().filter(|_| canonical)?)
            }
            _ => None,
        })
}

/// One schema error, as the rule that owns its keyword sees it.
pub(crate) struct SchemaError<'e, 'f> {
    pub(crate) schema: &'e ProfileSchema,
    pub(crate) source: &'e FileContext<'f>,
    /// Where the refused value is.
    pub(crate) pointer: &'e str,
    /// The refused value, `null` when there is none.
    pub(crate) found: &'e Value,
    /// What the schema says is wrong.
    pub(crate) kind: &'e ValidationErrorKind,
    /// The error in the schema validator's own words.
    pub(crate) said: &'e dyn std::fmt::Display,
}

impl SchemaError<'_, '_> {
    /// A finding of `rule` at the refused value.
    pub(crate) fn report(&self, rule: &Rule, message: String) -> Diagnostic {
        self.source
            .report(rule, self.pointer, Target::Value, message)
    }

    /// A finding of `rule` in the validator's words, for an error the rule has no words of its
    /// own for.
    pub(crate) fn report_as_said(&self, rule: &Rule) -> Diagnostic {
        let message = format!("{}: {}", field_name(self.pointer), self.said);
        self.report(rule, message)
    }
}

/// What the schema refused in a profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Refused {
    /// The top-level sections it refuses something in, unknown keys aside.
    pub(crate) sections: Sections,
    /// Whether it refused a key as unknown somewhere: [`ProfileSchema::drop_unknown_keys`] then
    /// lets the section type.
    pub(crate) unknown_keys: bool,
}

impl Refused {
    fn note(&mut self, error: &jsonschema::ValidationError<'_>, section_pointer: &str) {
        if is_unknown_key(error) {
            self.unknown_keys = true;
        } else {
            self.sections.note(section_pointer);
        }
    }
}

/// Whether `error` refuses keys as unknown, and nothing else.
fn is_unknown_key(error: &jsonschema::ValidationError<'_>) -> bool {
    matches!(
        error.kind(),
        ValidationErrorKind::AdditionalProperties { .. }
    )
}

/// Checks `instance` against the schema; what it refuses.
pub(crate) fn check(instance: &Value, source: &FileContext<'_>, acc: &mut Capped) -> Refused {
    check_with(ProfileSchema::get(), instance, source, acc)
}

/// [`check`] against `schema`: the errors outside the lists, then each list's items one by one,
/// each item's errors worded and capped before the next item is checked.
fn check_with(
    schema: &ProfileSchema,
    instance: &Value,
    source: &FileContext<'_>,
    acc: &mut Capped,
) -> Refused {
    let mut refused = Refused::default();
    let mut found = Vec::new();
    for error in schema.shallow.iter_errors(instance) {
        refused.note(&error, error.instance_path().as_str());
        let at = Item::root(instance);
        dispatch(schema, &error, error.kind(), at, source, &mut found);
        acc.extend(found.drain(..));
    }
    for list in &schema.lists {
        let Some((pointer, Value::Array(items))) = members(instance, &list.path) else {
            continue;
        };
        let mut at = Item {
            value: instance,
            pointer,
        };
        let list_len = at.pointer.len();
        let starts = source.spans().item_starts(&at.pointer);
        let mut seen = Seen::default();
        let mut shape = String::new();
        // The item before, and whether it passed: an item equal to it has its errors.
        let mut previous: Option<(&Value, bool)> = None;
        for (index, item) in items.iter().enumerate() {
            let mut errors = None;
            match previous {
                Some((before, valid)) if before == item => {
                    if valid {
                        continue;
                    }
                }
                _ => {
                    let valid = list.items.is_valid(item);
                    previous = Some((item, valid));
                    if valid {
                        continue;
                    }
                    let pulled: Vec<_> = list.items.iter_errors(item).collect();
                    for error in &pulled {
                        refused.note(error, &at.pointer[..list_len]);
                    }
                    shape_of(&pulled, &mut shape);
                    errors = Some(pulled);
                }
            }
            // An item whose errors are worded as an earlier one's were, once every rule they
            // go to shows its first findings already, is only counted.
            let start = starts
                .get(index)
                .and_then(|&start| usize::try_from(start).ok());
            if let (Some(findings), Some(start)) = (seen.get(&shape), start)
                && acc.count_past_the_cap(source.file, start, findings)
            {
                continue;
            }
            at.pointer.truncate(list_len);
            at.pointer.push('/');
            at.pointer.push_str(itoa(index, &mut [0; 20]));
            at.value = item;
            let errors = errors.unwrap_or_else(|| list.items.iter_errors(item).collect());
            for error in &errors {
                count_pull();
                dispatch(
                    schema,
                    error,
                    error.kind(),
                    at.borrowed(),
                    source,
                    &mut found,
                );
            }
            let findings = found.iter().map(|d| (d.rule, acc.admitted(d))).collect();
            seen.remember(&shape, findings);
            acc.extend(found.drain(..));
        }
    }
    refused
}

/// The findings the items of one list were worded into, by the shape of their errors: which
/// rules and severities an item's errors make depends on nothing else.
#[derive(Default)]
struct Seen {
    shapes: HashMap<String, Findings>,
    /// The last shape looked up and its findings: a list of one mistake repeated needs no hash.
    last: Option<(String, Findings)>,
}

/// The rules an item's findings are of, each with the severity it is reported at (`None`: off).
type Findings = Vec<(&'static str, Option<Severity>)>;

impl Seen {
    /// Enough for the few shapes a list of repeated mistakes has.
    const SHAPES: usize = 64;

    fn get(&mut self, shape: &str) -> Option<&Findings> {
        if self.last.as_ref().is_none_or(|(last, _)| last != shape) {
            let findings = self.shapes.get(shape)?.clone();
            self.last = Some((shape.to_owned(), findings));
        }
        self.last.as_ref().map(|(_, findings)| findings)
    }

    fn remember(&mut self, shape: &str, findings: Findings) {
        if self.shapes.len() < Self::SHAPES {
            self.shapes.insert(shape.to_owned(), findings);
        }
    }
}

/// An item's errors, where they are in it and what they say, without the values found, into
/// `shape`.
fn shape_of(errors: &[jsonschema::ValidationError<'_>], shape: &mut String) {
    use std::fmt::Write as _;
    shape.clear();
    for error in errors {
        let _ = write!(
            shape,
            "{}\0{:?}\0",
            error.instance_path().as_str(),
            error.kind()
        );
    }
}

/// The value at the end of `keys`, through objects only, with its pointer.
fn members<'v>(root: &'v Value, keys: &[String]) -> Option<(String, &'v Value)> {
    let mut pointer = String::new();
    let mut value = root;
    for key in keys {
        value = value.as_object()?.get(key)?;
        pointer.push('/');
        pointer.push_str(&tipkit_model::pointer::escape(key));
    }
    Some((pointer, value))
}

/// `n` in decimal, written into `buffer`.
fn itoa(mut n: usize, buffer: &mut [u8; 20]) -> &str {
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buffer[start..]).unwrap_or("0")
}

/// The value a validator was run on, and where it is in the profile.
#[derive(Clone, Copy)]
struct Item<'v, P> {
    value: &'v Value,
    pointer: P,
}

impl<'v> Item<'v, &'static str> {
    fn root(value: &'v Value) -> Self {
        Self { value, pointer: "" }
    }
}

impl<'v> Item<'v, String> {
    fn borrowed(&self) -> Item<'v, &str> {
        Item {
            value: self.value,
            pointer: &self.pointer,
        }
    }
}

#[cfg(test)]
thread_local! {
    /// How many errors of list items this thread worded, for the tests.
    static WORDED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn count_pull() {
    WORDED.set(WORDED.get() + 1);
}

#[cfg(not(test))]
#[inline]
fn count_pull() {}

/// Hands `error` to the rule that owns its keyword; a `oneOf` or `anyOf` error is handed on as
/// the errors of the branch that came closest.
fn dispatch(
    schema: &ProfileSchema,
    error: &jsonschema::ValidationError<'_>,
    kind: &ValidationErrorKind,
    at: Item<'_, &str>,
    source: &FileContext<'_>,
    acc: &mut Vec<Diagnostic>,
) {
    if let ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } =
        kind
    {
        // A documented enum is a `oneOf` of constants: report it as one list of values.
        if let Some(options) = constants(context) {
            let kind = ValidationErrorKind::Enum {
                options: Arc::new(options),
            };
            return dispatch(schema, error, &kind, at, source, acc);
        }
        // Otherwise report the branch that came closest, not every branch.
        if let Some(branch) = context.iter().min_by_key(|errors| errors.len()) {
            for error in branch {
                dispatch(schema, error, error.kind(), at, source, acc);
            }
        }
        return;
    }
    let inside = error.instance_path().as_str();
    let pointer = if at.pointer.is_empty() {
        Cow::Borrowed(inside)
    } else {
        Cow::Owned(format!("{}{inside}", at.pointer))
    };
    let error = SchemaError {
        schema,
        source,
        pointer: &pointer,
        found: value_at(at.value, inside).unwrap_or(&Value::Null),
        kind,
        said: error,
    };
    let owner = registry::schema_error_owner(kind.keyword());
    if let Some(errors) = &owner.schema_errors {
        (errors.diagnose)(&error, acc);
    }
}

/// The values of branches that are each one constant, as an `enum` would list them.
fn constants(branches: &[Vec<jsonschema::ValidationError<'static>>]) -> Option<Value> {
    let mut options = Vec::new();
    for branch in branches {
        match branch.as_slice() {
            [error] => match error.kind() {
                ValidationErrorKind::Constant { expected_value } => {
                    options.push(Value::clone(expected_value));
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    Some(Value::Array(options))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{Value, json};

    use super::{FileContext, ProfileSchema, check_with, value_at};
    use crate::cap::Capped;
    use crate::context::Indexes;

    /// What the rules make of `text`'s errors against `schema`: rule and message.
    fn worded(schema: Value, text: &str) -> Vec<(&'static str, String)> {
        let schema = ProfileSchema::compile(schema);
        let instance: Value = serde_json::from_str(text).unwrap();
        let indexes = Indexes::default();
        let source = FileContext::new(Path::new("x.json"), text.as_bytes(), &indexes);
        let mut found = Capped::default();
        check_with(&schema, &instance, &source, &mut found);
        found
            .finish()
            .into_iter()
            .map(|d| (d.rule, d.message))
            .collect()
    }

    #[test]
    fn a_one_of_of_constants_is_worded_as_one_list_of_values() {
        let schema = json!({ "oneOf": [{ "const": "draft" }, { "const": "published" }] });
        assert_eq!(
            worded(schema, r#""publihsed""#),
            [(
                "unknown-value",
                "`publihsed` is not a known value".to_owned()
            )]
        );
    }

    #[test]
    fn an_any_of_is_worded_by_its_closest_branch() {
        let schema = json!({ "anyOf": [
            { "type": "object", "required": ["a", "b"] },
            { "type": "object", "required": ["a"] },
        ] });
        assert_eq!(
            worded(schema, "{}"),
            [("missing-key", "the profile lacks the key `a`".to_owned())]
        );
    }

    #[test]
    fn a_keyword_no_rule_owns_is_worded_in_the_validator_s_words() {
        let schema = json!({ "type": "array", "uniqueItems": true });
        let found = worded(schema, "[1, 1]");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "wrong-type");
        assert!(found[0].1.starts_with("the profile: "), "{found:?}");
    }

    /// The findings of `text` against the profile schema, capped: by the lists' items one by
    /// one (`split`), or from every error of the whole schema at once, as before.
    fn capped(text: &str, split: bool) -> Vec<crate::Diagnostic> {
        let schema = ProfileSchema::get();
        let instance: Value = serde_json::from_str(text).unwrap();
        let indexes = Indexes::default();
        let source = FileContext::new(Path::new("x.json"), text.as_bytes(), &indexes);
        let mut found = Capped::default();
        if split {
            check_with(schema, &instance, &source, &mut found);
        } else {
            for error in schema.errors(&instance) {
                let mut worded = Vec::new();
                let at = super::Item::root(&instance);
                super::dispatch(schema, &error, error.kind(), at, &source, &mut worded);
                found.extend(worded);
            }
        }
        found.finish()
    }

    /// Hotlines of repeated and mixed mistakes, and a few elsewhere.
    fn many_mistakes(n: usize) -> String {
        let items: Vec<String> = (0..n)
            .map(|i| match i % 7 {
                0..=2 => "1".to_owned(),
                3 => r#"{"name": "x"}"#.to_owned(),
                4 => format!(r#"{{"name": "x", "phone": "1-{i}", "extra{}": 1}}"#, i % 3),
                5 if i > n / 2 => "[]".to_owned(),
                _ => format!(r#""{i}""#),
            })
            .collect();
        format!(
            r#"{{"schema_version": 2, "status": "x", "laws": [1, {{}}, "a"], "hotlines": [{}]}}"#,
            items.join(", ")
        )
    }

    #[test]
    fn the_lists_items_one_by_one_give_what_the_whole_schema_gives() {
        for n in [0, 1, 50, 400, 3000] {
            let text = many_mistakes(n);
            let (split, whole) = (capped(&text, true), capped(&text, false));
            let show = |found: &[crate::Diagnostic]| -> Vec<String> {
                found
                    .iter()
                    .map(|d| {
                        format!(
                            "{} {:?} {} {} {:?}",
                            d.rule, d.severity, d.pointer, d.message, d.span
                        )
                    })
                    .collect()
            };
            assert_eq!(show(&split), show(&whole), "{n} items");
            if n == 3000 {
                let closing: Vec<&str> = split
                    .iter()
                    .filter(|d| d.message.starts_with("… and"))
                    .map(|d| d.rule)
                    .collect();
                assert_eq!(
                    closing,
                    ["wrong-type", "missing-key", "hotlines", "unknown-key"],
                    "the cap is reached for several rules at once"
                );
            }
        }
    }

    #[test]
    fn past_the_cap_an_item_like_an_earlier_one_is_counted_not_worded() {
        let n = 10_000;
        let text = format!(r#"{{"hotlines": [{}1]}}"#, "1, ".repeat(n - 1));
        super::WORDED.set(0);
        let found = capped(&text, true);
        let worded = super::WORDED.get();
        assert!(
            worded <= 2 * crate::FINDINGS_PER_RULE,
            "{worded} errors worded for {n} items"
        );
        let closing = found.iter().rfind(|d| d.rule == "wrong-type").unwrap();
        assert_eq!(
            closing.message,
            "… and 9,900 more `wrong-type` findings in this file"
        );
        assert_eq!(closing.pointer, "/hotlines/100");
    }

    #[test]
    fn unknown_keys_are_dropped_at_any_depth_and_nothing_else() {
        let text = include_str!("../../../profiles/ct.json");
        let clean: Value = serde_json::from_str(text).unwrap();
        let mut value = clean.clone();
        value["extra"] = json!(1);
        value["state"]["extra2"] = json!("x");
        value["hotlines"][0]["note"] = json!({ "deep": [1] });
        value["laws"][0]["why"] = json!(null);
        let indexes = Indexes::default();
        let source = FileContext::new(Path::new("ct.json"), text.as_bytes(), &indexes);
        let refused = super::check(&value, &source, &mut Capped::default());
        assert!(refused.unknown_keys);
        assert!(refused.sections.is_empty(), "{refused:?}");
        assert!(ProfileSchema::get().drop_unknown_keys(&mut value));
        assert_eq!(value, clean);
        assert!(!ProfileSchema::get().drop_unknown_keys(&mut value));
    }

    #[test]
    fn a_section_with_an_unknown_key_and_another_error_is_refused() {
        let text = include_str!("../../../profiles/ct.json");
        let mut value: Value = serde_json::from_str(text).unwrap();
        value["state"]["extra2"] = json!("x");
        value["hhs_region"] = json!(11);
        let indexes = Indexes::default();
        let source = FileContext::new(Path::new("ct.json"), text.as_bytes(), &indexes);
        let refused = super::check(&value, &source, &mut Capped::default());
        assert_eq!(
            refused.sections,
            crate::sections::Sections::of(&[crate::sections::Section::HhsRegion])
        );
    }

    #[test]
    fn value_at_finds_what_value_pointer_finds() {
        let root = serde_json::json!({"a/b": {"~c": [0, 1, {"": 2}]}, "": [3], "n": null});
        for pointer in [
            "",
            "/",
            "/a~1b",
            "/a~1b/~0c",
            "/a~1b/~0c/1",
            "/a~1b/~0c/2/",
            "/a~1b/~0c/01",
            "/a~1b/~0c/+1",
            "/a~1b/~0c/9",
            "//0",
            "/n",
            "/n/x",
            "a",
            "/x/y",
        ] {
            assert_eq!(value_at(&root, pointer), root.pointer(pointer), "{pointer}");
        }
    }
}
