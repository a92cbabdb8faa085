//! The structural stage: the profile schema, compiled once, and each of its errors handed to the
//! rule that owns its keyword (`schema_errors` in the rule's declaration), which words it.

use std::sync::{Arc, OnceLock};

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::Diagnostic;
use crate::cap::Capped;
use crate::context::{FileContext, Target};
use crate::registry::{self, Rule};
use crate::sections::Sections;
use crate::wording::field_name;

/// The profile schema, generated from `tipkit-model` and compiled.
pub struct ProfileSchema {
    schema: Value,
    validator: jsonschema::Validator,
}

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
        let validator = jsonschema::draft202012::options()
            .build(&schema)
            .expect("the generated profile schema compiles");
        Self { schema, validator }
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

/// Checks `instance` against the schema; the top-level sections it refuses something in.
pub(crate) fn check(instance: &Value, source: &FileContext<'_>, acc: &mut Capped) -> Sections {
    let schema = ProfileSchema::get();
    let mut refused = Sections::default();
    let mut found = Vec::new();
    for error in schema.errors(instance) {
        refused.note(error.instance_path().as_str());
        dispatch(schema, &error, error.kind(), instance, source, &mut found);
        acc.extend(found.drain(..));
    }
    refused
}

/// Hands `error` to the rule that owns its keyword; a `oneOf` or `anyOf` error is handed on as
/// the errors of the branch that came closest.
fn dispatch(
    schema: &ProfileSchema,
    error: &jsonschema::ValidationError<'_>,
    kind: &ValidationErrorKind,
    root: &Value,
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
            return dispatch(schema, error, &kind, root, source, acc);
        }
        // Otherwise report the branch that came closest, not every branch.
        if let Some(branch) = context.iter().min_by_key(|errors| errors.len()) {
            for error in branch {
                dispatch(schema, error, error.kind(), root, source, acc);
            }
        }
        return;
    }
    let pointer = error.instance_path().as_str();
    let error = SchemaError {
        schema,
        source,
        pointer,
        found: value_at(root, pointer).unwrap_or(&Value::Null),
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

    use super::{FileContext, ProfileSchema, dispatch, value_at};
    use crate::context::Indexes;

    /// What the rules make of `text`'s errors against `schema`: rule and message.
    fn worded(schema: Value, text: &str) -> Vec<(&'static str, String)> {
        let schema = ProfileSchema::compile(schema);
        let instance: Value = serde_json::from_str(text).unwrap();
        let indexes = Indexes::default();
        let source = FileContext::new(Path::new("x.json"), text.as_bytes(), &indexes);
        let mut found = Vec::new();
        for error in schema.errors(&instance) {
            dispatch(
                &schema,
                &error,
                error.kind(),
                &instance,
                &source,
                &mut found,
            );
        }
        found.into_iter().map(|d| (d.rule, d.message)).collect()
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
