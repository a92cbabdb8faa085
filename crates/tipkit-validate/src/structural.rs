//! The structural stage: the profile schema, compiled once, and its errors turned into located
//! findings under the rule ids of `rules/`.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::cap::Capped;
use crate::context::FileContext;
use crate::rules::{
    invalid_format, missing_key, out_of_range, ranked_venues, unknown_key, unknown_value,
    wrong_type,
};

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
                .and_then(|pointer| self.schema.pointer(pointer))
                .unwrap_or(schema),
            None => schema,
        }
    }
}

/// Checks `instance` against the schema; true when it passes.
pub(crate) fn check(instance: &Value, source: &FileContext<'_>, acc: &mut Capped) -> bool {
    let schema = ProfileSchema::get();
    let before = acc.total();
    for error in schema.errors(instance) {
        diagnose(schema, &error, instance, source, acc);
    }
    acc.total() == before
}

fn diagnose(
    schema: &ProfileSchema,
    error: &jsonschema::ValidationError<'_>,
    root: &Value,
    source: &FileContext<'_>,
    acc: &mut Capped,
) {
    let pointer = error.instance_path().as_str();
    let instance = root.pointer(pointer).unwrap_or(&Value::Null);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                acc.push(unknown_key::diagnose(schema, source, pointer, key));
            }
        }
        ValidationErrorKind::Required { property } => {
            acc.push(missing_key::diagnose(
                schema,
                source,
                pointer,
                property.as_str().unwrap_or(""),
            ));
        }
        ValidationErrorKind::Type { .. } => {
            acc.push(wrong_type::diagnose(schema, source, pointer, instance));
        }
        ValidationErrorKind::Enum { options } => {
            acc.push(unknown_value::diagnose_enum(
                source, pointer, instance, options,
            ));
        }
        ValidationErrorKind::Constant { expected_value } => {
            acc.push(unknown_value::diagnose_const(
                source,
                pointer,
                instance,
                expected_value,
            ));
        }
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::Maximum { .. } => {
            acc.push(out_of_range::diagnose(schema, source, pointer, instance));
        }
        // Only the ranked venue lists have a length limit.
        ValidationErrorKind::MaxItems { limit } => {
            acc.push(ranked_venues::diagnose_too_many(
                source, pointer, instance, *limit,
            ));
        }
        ValidationErrorKind::Pattern { pattern } => {
            acc.push(invalid_format::diagnose(source, pointer, instance, pattern));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // A documented enum is a `oneOf` of constants: report it as one list of values.
            if let Some(options) = constants(context) {
                acc.push(unknown_value::diagnose_enum(
                    source, pointer, instance, &options,
                ));
                return;
            }
            // Otherwise report the branch that came closest, not every branch.
            if let Some(branch) = context.iter().min_by_key(|errors| errors.len()) {
                for error in branch {
                    diagnose(schema, error, root, source, acc);
                }
            }
        }
        _ => acc.push(wrong_type::diagnose_other(
            source,
            pointer,
            &error.to_string(),
        )),
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

/// How a finding names the place of a value: "`calls`" for `/hotline_statistics/years/0/calls`.
pub(crate) fn field_name(pointer: &str) -> String {
    let mut tokens = pointer.rsplit('/');
    match tokens.next() {
        None | Some("") if pointer.is_empty() => "the profile".to_owned(),
        Some(last) if last.parse::<usize>().is_ok() => {
            format!("item {last} of `{}`", tokens.next().unwrap_or_default())
        }
        Some(last) => format!("`{}`", tipkit_model::pointer::unescape(last)),
        None => "the profile".to_owned(),
    }
}

/// "`calls` must be a non-negative integer, found the string \"22\"".
pub(crate) fn must_be(pointer: &str, expected: impl std::fmt::Display, found: &Value) -> String {
    format!(
        "{} must be {expected}, found {}",
        field_name(pointer),
        describe_value(found)
    )
}

/// How a finding describes a JSON value: "the string \"22\"", "a list", "3.5".
pub(crate) fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string {}", Value::String(s.clone())),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
