//! One folder of fixtures per rule, `fixtures/<rule-id>/<case>/`: each case is checked as a
//! folder of profiles, and the findings of that rule are snapshotted as a user sees them.
//! Cases named `ok` must give no finding of the rule; every other case must give one. A case
//! with a `tipkit.toml` is checked with that configuration.

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use tipkit_validate::{
    Config, Diagnostic, Options, RULES, Style, check_bytes, check_paths, render,
};

mod common;
use common::{fixtures_dir, sorted_entries};

/// Checks one case folder through the driver, as `tipkit check` would from the rule's folder:
/// every finding, and those of `rule` rendered. File names are relative to the rule's folder.
fn check_case(rule_dir: &Path, case: &str, rule: &str) -> (Vec<Diagnostic>, String) {
    let config_file = rule_dir.join(case).join("tipkit.toml");
    let config = if config_file.is_file() {
        Config::load(&config_file).unwrap()
    } else {
        Config::default()
    };
    let options = Options {
        root: rule_dir.to_path_buf(),
        ..Options::default()
    };
    let mut diagnostics = Vec::new();
    let mut rendered = String::new();
    let checked = check_paths(&[PathBuf::from(case)], &config, &options, |folder| {
        for diagnostic in folder.diagnostics.iter().filter(|d| d.rule == rule) {
            rendered.push_str(&render(diagnostic, folder.sources, Style::Plain));
        }
        diagnostics.extend_from_slice(&folder.diagnostics);
        Ok::<_, Infallible>(())
    });
    let Ok(_) = checked;
    if rendered.is_empty() {
        rendered.push_str("no findings\n");
    }
    (diagnostics, rendered)
}

#[test]
fn every_rule_has_fixtures_and_every_fixture_a_rule() {
    for rule in RULES {
        assert!(
            fixtures_dir().join(rule.id).join("ok").is_dir(),
            "{} has no passing fixture `ok/`",
            rule.id
        );
    }
    for dir in sorted_entries(&fixtures_dir()) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            tipkit_validate::rule(&name).is_some(),
            "fixtures/{name} is not a rule id"
        );
    }
}

#[test]
fn each_fixture_triggers_its_rule() {
    let mut failures = Vec::new();
    for rule in RULES {
        let rule_dir = fixtures_dir().join(rule.id);
        for case_dir in sorted_entries(&rule_dir) {
            let case = case_dir.file_name().unwrap().to_string_lossy().into_owned();
            let (all, rendered) = check_case(&rule_dir, &case, rule.id);
            let found: Vec<Diagnostic> =
                all.iter().filter(|d| d.rule == rule.id).cloned().collect();
            if case == "ok" {
                let errors: Vec<&Diagnostic> = all
                    .iter()
                    .filter(|d| d.severity == tipkit_validate::Severity::Error)
                    .collect();
                if !found.is_empty() || !errors.is_empty() {
                    failures.push(format!("{}/ok: {found:#?} {errors:#?}", rule.id));
                }
            } else if found.is_empty() {
                failures.push(format!("{}/{case} does not trigger {}", rule.id, rule.id));
            }
            insta::assert_snapshot!(format!("{}__{case}", rule.id), rendered);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// One id, one severity: without a configuration, every finding of every case is at its rule's
/// default severity, so that a level in `tipkit.toml` applies to exactly the findings it names.
#[test]
fn every_finding_is_at_its_rule_s_default_severity() {
    let mut failures = Vec::new();
    for rule in RULES {
        let rule_dir = fixtures_dir().join(rule.id);
        for case_dir in sorted_entries(&rule_dir) {
            if case_dir.join("tipkit.toml").exists() {
                continue;
            }
            let case = case_dir.file_name().unwrap().to_string_lossy().into_owned();
            let (all, _) = check_case(&rule_dir, &case, rule.id);
            for finding in all {
                let default = tipkit_validate::rule(finding.rule)
                    .unwrap()
                    .default_severity;
                if finding.severity != default {
                    failures.push(format!(
                        "{}/{case}: {} at {}, not {default}: {}",
                        rule.id, finding.rule, finding.severity, finding.message
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_snapshot_belongs_to_a_fixture() {
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    for path in sorted_entries(&snapshots) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(case) = name
            .strip_prefix("fixtures__")
            .and_then(|n| n.strip_suffix(".snap"))
        else {
            continue;
        };
        let (rule, case) = case.split_once("__").unwrap();
        assert!(
            fixtures_dir().join(rule).join(case).is_dir(),
            "{name} has no fixture: delete it"
        );
    }
}

#[test]
fn deep_nesting_is_a_located_syntax_error() {
    let depth = 200_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let report = check_bytes(Path::new("deep.json"), text.as_bytes());
    let [diagnostic] = report.diagnostics.as_slice() else {
        panic!("{:#?}", report.diagnostics)
    };
    assert_eq!(diagnostic.rule, "syntax");
    let span = diagnostic.span.unwrap();
    assert_eq!(
        (span.start_line, span.start_column),
        (1, 128),
        "the bracket that opens level 128"
    );
    assert_eq!(diagnostic.message, "nested more than 127 levels deep");
}
