//! Each stage of the pipeline on Connecticut's profile, and the whole check: where the time of
//! one file goes, and the driver on a folder. `cargo bench -p tipkit-validate`.

use std::path::Path;

use tipkit_model::Profile;
use tipkit_validate::{LineIndex, ProfileSchema, SpanIndex};

const CT: &str = include_str!("../../../profiles/ct.json");

fn main() {
    divan::main();
}

#[divan::bench]
fn utf8_validation() -> usize {
    std::str::from_utf8(divan::black_box(CT.as_bytes())).map_or(0, str::len)
}

#[divan::bench]
fn parse_to_value() -> serde_json::Value {
    serde_json::from_str(divan::black_box(CT)).unwrap()
}

#[divan::bench]
fn parse_to_typed_model() -> Profile {
    tipkit_model::from_str(divan::black_box(CT)).unwrap()
}

#[divan::bench]
fn span_index() -> SpanIndex {
    SpanIndex::build(divan::black_box(CT.as_bytes()))
}

#[divan::bench]
fn line_index() -> usize {
    LineIndex::new(divan::black_box(CT.as_bytes()))
        .line_column(CT.len() / 2)
        .0
}

#[divan::bench]
fn schema_validation(bencher: divan::Bencher<'_, '_>) {
    let value: serde_json::Value = serde_json::from_str(CT).unwrap();
    let schema = ProfileSchema::get();
    bencher.bench(|| schema.is_valid(divan::black_box(&value)));
}

#[divan::bench]
fn typed_model_from_value(bencher: divan::Bencher<'_, '_>) {
    let value: serde_json::Value = serde_json::from_str(CT).unwrap();
    bencher.bench(|| serde_json::from_value::<Profile>(divan::black_box(value.clone())).unwrap());
}

#[divan::bench]
fn canonical_serialization(bencher: divan::Bencher<'_, '_>) {
    let profile = tipkit_model::from_str(CT).unwrap();
    bencher.bench(|| tipkit_model::to_canonical_string(divan::black_box(&profile)));
}

/// The whole pipeline on a valid profile: the fast path.
#[divan::bench]
fn check_valid_profile() -> usize {
    tipkit_validate::check_bytes(Path::new("ct.json"), divan::black_box(CT.as_bytes()))
        .diagnostics
        .len()
}

/// The whole pipeline on a profile with a finding: the thorough path, located.
#[divan::bench]
fn check_profile_with_an_error(bencher: divan::Bencher<'_, '_>) {
    let broken = CT.replace("\"rank\": 3", "\"rank\": 4");
    bencher.bench(|| {
        tipkit_validate::check_bytes(Path::new("ct.json"), divan::black_box(broken.as_bytes()))
            .diagnostics
            .len()
    });
}

/// The whole pipeline on a profile that breaks the schema.
#[divan::bench]
fn check_profile_with_a_schema_error(bencher: divan::Bencher<'_, '_>) {
    let broken = CT.replace("\"hotlines\"", "\"hotline\"");
    bencher.bench(|| {
        tipkit_validate::check_bytes(Path::new("ct.json"), divan::black_box(broken.as_bytes()))
            .diagnostics
            .len()
    });
}

/// The whole pipeline on a profile with a repeated key: the thorough path that passes the
/// schema and reads the typed model from the value.
#[divan::bench]
fn check_profile_with_a_repeated_key(bencher: divan::Bencher<'_, '_>) {
    let broken = CT.replacen("\"status\": ", "\"status\": \"draft\", \"status\": ", 1);
    bencher.bench(|| {
        tipkit_validate::check_bytes(Path::new("ct.json"), divan::black_box(broken.as_bytes()))
            .diagnostics
            .len()
    });
}

/// The driver on the repository's `profiles/`: walk, read, check in parallel, the rules across
/// profiles; what `tipkit check` does before printing.
#[divan::bench]
fn check_paths_on_the_profiles() -> usize {
    let options = tipkit_validate::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."),
        ..tipkit_validate::Options::default()
    };
    let mut findings = 0;
    let checked = tipkit_validate::check_paths(
        &["profiles".into()],
        &tipkit_validate::Config::default(),
        &options,
        |folder| {
            findings += folder.diagnostics.len();
            Ok::<_, std::convert::Infallible>(())
        },
    );
    let Ok(_) = checked;
    findings
}
