//! The structural stage: the profile JSON Schema, compiled once per process.

use std::sync::OnceLock;

use serde_json::Value;

/// The profile schema, generated from `tipkit-model` and compiled.
pub struct ProfileSchema {
    validator: jsonschema::Validator,
}

impl ProfileSchema {
    /// The compiled schema, built on first use and shared after.
    pub fn get() -> &'static Self {
        static SCHEMA: OnceLock<ProfileSchema> = OnceLock::new();
        SCHEMA.get_or_init(|| Self::compile(&tipkit_model::schema().to_value()))
    }

    /// Compiles a profile schema.
    ///
    /// # Panics
    ///
    /// When `schema` is not a valid draft 2020-12 schema: the generated schema always is.
    pub fn compile(schema: &Value) -> Self {
        let validator = jsonschema::draft202012::options()
            .build(schema)
            .expect("the generated profile schema compiles");
        Self { validator }
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
}
