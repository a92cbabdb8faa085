//! Structural and consistency checks of state profiles.

mod schema;

pub use schema::ProfileSchema;
