//! Schema-stage findings never hide the typed rules: for every pair of a schema case and a typed
//! rule's case among the fixtures, one profile holding both in different sections gets both
//! findings in one run of `check_paths` (or `rules-not-run` names the typed rule, when it reads
//! the section the schema refused).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::PathBuf;

use tipkit_validate::{Config, Options, check_paths};

#[path = "common/pairs.rs"]
mod pairs;

#[test]
fn a_schema_finding_and_a_typed_rule_s_finding_are_reported_in_one_run() {
    let pairs = pairs::pairs();
    let running = pairs.iter().filter(|pair| pair.typed_runs).count();
    assert!(
        running > pairs.len() / 2,
        "only {running} of {} pairs",
        pairs.len()
    );
    let root = std::env::temp_dir().join(format!("tipkit-pairs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for pair in &pairs {
        std::fs::create_dir_all(root.join(&pair.name)).unwrap();
        std::fs::write(root.join(&pair.name).join(&pair.file), &pair.text).unwrap();
    }
    let options = Options {
        root: root.clone(),
        ..Options::default()
    };
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let checked = check_paths(
        &[PathBuf::from(".")],
        &Config::default(),
        &options,
        |folder| {
            for d in &folder.diagnostics {
                let name = d.file.components().next().unwrap().as_os_str();
                let name = name.to_string_lossy().into_owned();
                found
                    .entry(name)
                    .or_default()
                    .push((d.rule.to_owned(), d.message.clone()));
            }
            Ok::<_, Infallible>(())
        },
    );
    let Ok(_) = checked;
    let _ = std::fs::remove_dir_all(&root);
    let failures: Vec<String> = pairs
        .iter()
        .filter_map(|pair| {
            let found = found.get(&pair.name).map_or(&[][..], Vec::as_slice);
            pairs::missing(pair, found)
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures: {failures:#?}",
        failures.len()
    );
}
