//! The generated schema against real and broken profiles, with the `jsonschema` crate.
//!
//! `profiles/ct.json` is the repository's copy of the format's reference profile; its facts are
//! held to their sources inside the repository: the published document by
//! `crates/tipkit-document/tests/round_trip.rs` (importing `tests/fixtures/documents/ct.txt` gives
//! it), and the yearly figures by `crates/tipkit/tests/import_statistics.rs` (importing
//! `data/hotline-state-statistics-2012-2016.csv` leaves it unchanged).

use std::path::{Path, PathBuf};

use tipkit_validate::ProfileSchema;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| tipkit_model::is_profile_path(path))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_profile_parses_passes_the_schema_and_is_canonical() {
    let paths = json_files("profiles");
    assert_eq!(paths.len(), 51, "one profile per state and DC");
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = ProfileSchema::get()
            .errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        let profile =
            tipkit_model::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let again = tipkit_model::to_canonical_string(&profile);
        assert_eq!(again, text, "{} is not canonical", path.display());
        assert_eq!(tipkit_model::from_str(&again).unwrap(), profile);
        assert_eq!(
            profile.schema.as_deref(),
            Some(tipkit_model::SCHEMA_REFERENCE)
        );
    }
}

#[test]
fn the_schema_rejects_each_broken_file() {
    let paths = json_files("tests/fixtures/schema-rejects");
    assert!(paths.len() >= 4);
    for path in paths {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(
            !ProfileSchema::get().is_valid(&value),
            "{} passes",
            path.display()
        );
        assert!(tipkit_model::from_slice(&std::fs::read(&path).unwrap()).is_err());
    }
}
