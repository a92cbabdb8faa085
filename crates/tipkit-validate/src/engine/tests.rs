//! The engine's promises: rules that are off never run, a change recomputes only what depends
//! on it, the loader gives the clean profiles, folders come out in walk order.

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use super::*;
use crate::{Config, Diagnostic, RAN};

const CT: &str = include_str!("../../../../profiles/ct.json");
const MA: &str = include_str!("../../../../profiles/ma.json");
const ME: &str = include_str!("../../../../profiles/me.json");

/// Maine with another national hotline number than the others: a `hotline-mismatch`.
fn me_mismatched() -> String {
    ME.replace("888-373-7888", "888-373-7788")
}

/// A folder of three profiles, Maine's national hotline wrong, under the system's temp folder.
fn folder_on_disk(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tipkit-engine-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ct.json"), CT).unwrap();
    std::fs::write(dir.join("ma.json"), MA).unwrap();
    std::fs::write(dir.join("me.json"), me_mismatched()).unwrap();
    dir
}

/// The checks that ran under `under`, with what they ran on, since `since` checks ran.
fn ran_under(under: &Path, since: usize) -> Vec<(&'static str, PathBuf)> {
    RAN.lock().unwrap()[since..]
        .iter()
        .filter(|(_, on)| on.starts_with(under))
        .cloned()
        .collect()
}

fn checks_so_far() -> usize {
    RAN.lock().unwrap().len()
}

fn check(paths: &[PathBuf], config: &Config) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let checked = check_paths(paths, config, &Options::default(), |folder| {
        found.extend_from_slice(&folder.diagnostics);
        Ok::<_, Infallible>(())
    });
    let Ok(_) = checked;
    found
}

#[test]
fn a_rule_set_to_off_never_runs() {
    let dir = folder_on_disk("off");
    let all = check(std::slice::from_ref(&dir), &Config::default());
    assert!(all.iter().any(|d| d.rule == "hotline-mismatch"), "{all:#?}");
    let text = "[rules]\nhotline-mismatch = \"off\"\nlaws = \"off\"\nstate-identity = \"info\"\n";
    let config = Config::parse(Path::new("tipkit.toml"), text).unwrap();
    let since = checks_so_far();
    let found = check(std::slice::from_ref(&dir), &config);
    let ran = ran_under(&dir, since);
    for off in ["hotline-mismatch", "laws"] {
        assert!(
            !ran.iter().any(|(rule, _)| *rule == off),
            "{off} ran: {ran:?}"
        );
        assert!(!found.iter().any(|d| d.rule == off), "{found:#?}");
    }
    // The other rules did run: on each file, and across the folder.
    for file in ["ct.json", "ma.json", "me.json"] {
        let on = dir.join(file);
        assert!(ran.contains(&("ranked-venues", on)), "{ran:?}");
    }
    assert!(
        ran.contains(&("duplicate-jurisdiction", dir.clone())),
        "{ran:?}"
    );
    // A rule set to another level runs at that level.
    let ran_state_identity = ran.iter().filter(|(rule, _)| *rule == "state-identity");
    assert_eq!(ran_state_identity.count(), 3);
    let levels = |found: &[Diagnostic]| -> Vec<crate::Severity> {
        found
            .iter()
            .filter(|d| d.rule == "state-identity")
            .map(|d| d.severity)
            .collect()
    };
    assert!(levels(&found).iter().all(|s| *s == crate::Severity::Info));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_bytes_with_runs_only_the_rules_on() {
    let file = Path::new("check-bytes-with-off/ct.json");
    let mut rules = RuleSet::all();
    rules.set(crate::rule("ranked-venues").unwrap(), crate::RuleLevel::Off);
    let since = checks_so_far();
    let broken = CT.replace("\"rank\": 3", "\"rank\": 4");
    let report = crate::check_bytes_with(file, broken.as_bytes(), &rules);
    assert!(report.diagnostics.iter().all(|d| d.rule != "ranked-venues"));
    let ran = ran_under(Path::new("check-bytes-with-off"), since);
    assert!(
        !ran.iter().any(|(rule, _)| *rule == "ranked-venues"),
        "{ran:?}"
    );
    assert!(ran.iter().any(|(rule, _)| *rule == "laws"), "{ran:?}");
    let all = crate::check_bytes(file, broken.as_bytes());
    assert!(all.diagnostics.iter().any(|d| d.rule == "ranked-venues"));
}

#[test]
fn a_change_recomputes_its_file_and_its_folder_only() {
    // Not on disk: the folder is its open buffers.
    let folder = Path::new("engine-test-buffers-only");
    let mut workspace = Workspace::default();
    workspace.set_text(folder.join("ct.json"), CT);
    workspace.set_text(folder.join("ma.json"), MA);
    workspace.set_text(folder.join("me.json"), me_mismatched());
    let first = workspace.folder_findings(&folder.join("ct.json"));
    let mismatch: Vec<&Diagnostic> = first
        .iter()
        .filter(|d| d.rule == "hotline-mismatch")
        .collect();
    assert_eq!(mismatch.len(), 1, "{first:#?}");
    assert_eq!(mismatch[0].file, folder.join("me.json"));
    // Located in the buffer, with its related place in another.
    let span = mismatch[0].span.unwrap();
    let me = workspace.file(&folder.join("me.json")).unwrap();
    assert_eq!(&me.bytes()[span.start..span.end], b"\"888-373-7788\"");
    assert_eq!(
        me.lines().line_column(span.start),
        (span.start_line, span.start_column)
    );
    assert!(mismatch[0].related[0].span.is_some());

    // Asked again, nothing runs again.
    let since = checks_so_far();
    assert_eq!(workspace.folder_findings(&folder.join("ma.json")), first);
    assert_eq!(ran_under(folder, since), []);

    // Maine fixed: its checks and the folder's run again, no other file's.
    workspace.set_text(folder.join("me.json"), ME);
    let since = checks_so_far();
    let fixed = workspace.folder_findings(&folder.join("me.json"));
    assert!(
        !fixed.iter().any(|d| d.rule == "hotline-mismatch"),
        "{fixed:#?}"
    );
    let ran = ran_under(folder, since);
    assert!(
        ran.contains(&("ranked-venues", folder.join("me.json"))),
        "{ran:?}"
    );
    assert!(
        ran.contains(&("hotline-mismatch", folder.to_path_buf())),
        "{ran:?}"
    );
    let others = ran
        .iter()
        .filter(|(_, on)| on != &folder.join("me.json") && on != folder);
    assert_eq!(others.count(), 0, "{ran:?}");

    // Forgotten, a file that is not on disk is gone from its folder.
    workspace.forget(&folder.join("me.json"));
    let without = workspace.folder_findings(&folder.join("ct.json"));
    assert!(without.iter().all(|d| d.file != folder.join("me.json")));
    assert!(workspace.file(&folder.join("me.json")).is_none());
}

#[test]
fn an_open_buffer_is_preferred_over_the_file_on_disk() {
    let dir = folder_on_disk("buffer");
    let mut workspace = Workspace::default();
    let on_disk = workspace.folder_findings(&dir.join("ct.json"));
    assert!(on_disk.iter().any(|d| d.rule == "hotline-mismatch"));
    workspace.set_text(dir.join("me.json"), ME);
    let edited = workspace.folder_findings(&dir.join("ct.json"));
    assert!(
        !edited.iter().any(|d| d.rule == "hotline-mismatch"),
        "{edited:#?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_loader_gives_the_clean_profiles_and_the_findings() {
    let dir = folder_on_disk("load");
    std::fs::write(dir.join("broken.json"), "{").unwrap();
    let loaded = load_folder(&dir).unwrap();
    let files: Vec<&Path> = loaded
        .profiles
        .iter()
        .map(|(file, _)| file.as_path())
        .collect();
    assert_eq!(files, [dir.join("ct.json"), dir.join("ma.json")]);
    assert!(loaded.has_errors());
    let rules: Vec<&str> = loaded
        .findings
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .map(|d| d.rule)
        .collect();
    assert_eq!(
        rules,
        ["syntax", "hotline-mismatch", "hotlines"],
        "{:#?}",
        loaded.findings
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(load_folder(&dir).is_err());
}

#[test]
fn folders_come_out_in_walk_order_across_batches_and_stop_at_an_error() {
    let root = std::env::temp_dir().join(format!("tipkit-engine-{}-batches", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    // 150 folders of three profiles, and one of more files than a batch: four batches. The
    // root, with no profile, is a folder too.
    let large_files = super::driver::BATCH_FILES + 10;
    let mut expected = vec![(root.clone(), 0)];
    for index in 0..150 {
        let folder = root.join(format!("edition-{index:03}"));
        std::fs::create_dir_all(&folder).unwrap();
        for (name, text) in [("ct.json", CT), ("ma.json", MA), ("me.json", ME)] {
            std::fs::write(folder.join(name), text).unwrap();
        }
        expected.push((folder.clone(), 3));
        if index == 20 {
            let large = folder.join("large");
            std::fs::create_dir_all(&large).unwrap();
            for file in 0..large_files {
                std::fs::write(large.join(format!("p{file:04}.json")), CT).unwrap();
            }
            expected.push((large, large_files));
        }
    }
    let all_files = 150 * 3 + large_files;
    let mut seen = Vec::new();
    let paths = [root.clone()];
    let checked = check_paths(&paths, &Config::default(), &Options::default(), |folder| {
        seen.push((folder.folder.to_path_buf(), folder.files.len()));
        Ok::<_, Infallible>(())
    });
    let Ok(totals) = checked;
    assert_eq!(seen, expected);
    assert_eq!(totals.summary.files, all_files);
    // The first error of `emit` stops the check there: the batches after the next are never
    // checked.
    let since = checks_so_far();
    let mut emitted = 0;
    let stopped = check_paths(&paths, &Config::default(), &Options::default(), |_| {
        emitted += 1;
        if emitted == 5 { Err("stop") } else { Ok(()) }
    });
    assert_eq!((stopped.map(|_| ()), emitted), (Err("stop"), 5));
    let checked_files = ran_under(&root, since)
        .into_iter()
        .filter(|(rule, _)| *rule == "ranked-venues")
        .count();
    assert!(
        checked_files < all_files - large_files,
        "{checked_files} of {all_files}"
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn checks_run_from_the_thread_pool_check_in_turn() {
    use rayon::prelude::*;
    let dir = folder_on_disk("in-pool");
    let alone = check(std::slice::from_ref(&dir), &Config::default());
    // More checks than threads, each from a thread of the pool: none may wait for the pool.
    let threads = rayon::current_num_threads();
    let from_pool: Vec<Vec<Diagnostic>> = (0..4 * threads)
        .into_par_iter()
        .map(|_| check(std::slice::from_ref(&dir), &Config::default()))
        .collect();
    assert!(from_pool.iter().all(|found| *found == alone));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// #22.5: one profile per jurisdiction in the whole tree, across folders and batches, in walk
/// order; the rule's level in `tipkit.toml` applies to it, and `off` keeps it quiet.
#[test]
fn a_second_profile_in_another_folder_is_found_across_batches() {
    let dir = std::env::temp_dir().join(format!("tipkit-engine-{}-tree", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // `a/ct.json` first, then folders enough to fill batches, then `zz/ct-copy.json`.
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("a/ct.json"), CT).unwrap();
    for folder in 0..super::driver::BATCH_FILES / 8 + 2 {
        let sub = dir.join(format!("m{folder:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for file in 0..8 {
            std::fs::write(sub.join(format!("p{file}.json")), MA).unwrap();
        }
    }
    std::fs::create_dir_all(dir.join("zz")).unwrap();
    std::fs::write(dir.join("zz/ct-copy.json"), CT).unwrap();
    let found = check(std::slice::from_ref(&dir), &Config::default());
    let duplicates: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.rule == "duplicate-jurisdiction" && d.message.starts_with("CT"))
        .collect();
    // On the copy not named after its code only, naming the other.
    assert_eq!(duplicates.len(), 1, "{duplicates:#?}");
    assert_eq!(duplicates[0].file, dir.join("zz/ct-copy.json"));
    assert!(duplicates[0].span.is_some());
    assert!(
        duplicates[0].message.contains("a/ct.json"),
        "{duplicates:#?}"
    );
    assert_eq!(duplicates[0].related[0].file, dir.join("a/ct.json"));
    let warn = Config::parse(
        Path::new("tipkit.toml"),
        "[rules]\nduplicate-jurisdiction = \"warning\"\n",
    )
    .unwrap();
    let found = check(std::slice::from_ref(&dir), &warn);
    assert!(
        found
            .iter()
            .any(|d| d.rule == "duplicate-jurisdiction" && d.severity == crate::Severity::Warning)
    );
    let off = Config::parse(
        Path::new("tipkit.toml"),
        "[rules]\nduplicate-jurisdiction = \"off\"\n",
    )
    .unwrap();
    let found = check(std::slice::from_ref(&dir), &off);
    assert!(!found.iter().any(|d| d.rule == "duplicate-jurisdiction"));
}

/// A schema-stage rule's level never changes which other rules run: with `unknown-key` at its
/// default, lowered or off, the same rules run on a profile with an extra key, and the
/// `state-identity` error is found each time.
#[test]
fn a_lowered_or_disabled_rule_never_changes_which_others_run() {
    let text = CT
        .replacen("\"name\": \"Connecticut\"", "\"name\": \"Texas\"", 1)
        .replacen(
            "\"schema_version\": 1,",
            "\"schema_version\": 1, \"extra\": 1,",
            1,
        );
    let dir = std::env::temp_dir().join(format!("tipkit-engine-{}-lowered", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ct.json"), text).unwrap();
    let mut runs = Vec::new();
    for level in ["error", "warning", "off"] {
        let toml = format!("[rules]\nunknown-key = \"{level}\"\n");
        let config = Config::parse(Path::new("tipkit.toml"), &toml).unwrap();
        let since = checks_so_far();
        let found = check(std::slice::from_ref(&dir), &config);
        let mut ran: Vec<&str> = ran_under(&dir, since).iter().map(|(r, _)| *r).collect();
        ran.sort_unstable();
        assert!(
            found
                .iter()
                .any(|d| d.rule == "state-identity" && d.severity == crate::Severity::Error),
            "{level}: {found:#?}"
        );
        assert_eq!(
            found.iter().any(|d| d.rule == "unknown-key"),
            level != "off",
            "{found:#?}"
        );
        runs.push(ran);
    }
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A schema rule set to `off` hides no error of a rule that reads a neighbour section: with
/// `out-of-range = "off"`, a region of 11 leaves `hhs_region` untyped, and `state-identity`
/// still checks the name against the code; an unknown key inside `state` is dropped so `state`
/// types.
#[test]
fn a_refused_neighbour_section_hides_no_state_identity_error() {
    let texas = CT.replacen("\"name\": \"Connecticut\"", "\"name\": \"Texas\"", 1);
    let cases = [
        (
            "out-of-range",
            texas.replacen("\"hhs_region\": 1,", "\"hhs_region\": 11,", 1),
        ),
        (
            "unknown-key",
            texas.replacen("\"code\": \"CT\"", "\"code\": \"CT\", \"extra2\": \"x\"", 1),
        ),
    ];
    for (rule, text) in cases {
        assert_ne!(text, texas, "{rule}: the case changed nothing");
        let dir = std::env::temp_dir().join(format!("tipkit-engine-{}-{rule}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ct.json"), &text).unwrap();
        for level in ["error", "warning", "off"] {
            let toml = format!("[rules]\n{rule} = \"{level}\"\n");
            let config = Config::parse(Path::new("tipkit.toml"), &toml).unwrap();
            let found = check(std::slice::from_ref(&dir), &config);
            let identity: Vec<&str> = found
                .iter()
                .filter(|d| d.rule == "state-identity" && d.severity == crate::Severity::Error)
                .map(|d| d.message.as_str())
                .collect();
            assert_eq!(
                identity,
                ["`Texas` is not the name of CT"],
                "{rule} = {level}: {found:#?}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// `completeness` checks the sections that typed when others did not: a published profile
/// without `statewide_efforts` is reported though `laws` and `heat_map` broke the schema, and
/// they, there but not typed, are not reported missing. `reporting-period` compares the year of
/// `call_types` though `heat_map` did not type.
#[test]
fn completeness_and_reporting_period_check_beside_a_refused_section() {
    let mut ct: serde_json::Value = serde_json::from_str(CT).unwrap();
    assert_eq!(ct["status"], "published");
    ct.as_object_mut().unwrap().remove("statewide_efforts");
    ct["heat_map"]["year"] = serde_json::json!("x");
    ct["laws"][0]["title"] = serde_json::json!(7);
    ct["call_types"]["year"] = serde_json::json!(1999);
    let text = serde_json::to_string_pretty(&ct).unwrap();
    let report = crate::check_bytes(Path::new("ct.json"), text.as_bytes());
    let messages = |rule: &str| -> Vec<String> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.message.clone())
            .collect()
    };
    assert_eq!(
        messages("completeness"),
        ["a published profile lacks `statewide_efforts`"],
        "{:#?}",
        report.diagnostics
    );
    assert_eq!(
        messages("reporting-period").len(),
        1,
        "{:#?}",
        report.diagnostics
    );
    assert!(report.diagnostics.iter().any(|d| d.rule == "wrong-type"));
}
