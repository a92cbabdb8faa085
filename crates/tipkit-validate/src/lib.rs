//! Structural and consistency checks of state profiles, each finding located at a line and
//! column.
//!
//! One pipeline, each stage feeding the next:
//!
//! 1. bytes: UTF-8, no byte order mark, not empty (`syntax`);
//! 2. JSON syntax, with `serde_json` (`syntax`);
//! 3. the span index: pointer to key and value ranges, and duplicate keys (`duplicate-key`);
//! 4. the schema generated from `tipkit-model`, with the `jsonschema` crate;
//! 5. the typed model;
//! 6. the rules of one profile;
//! 7. the rules across the profiles of a folder, on a small summary of each.
//!
//! Checks never fail: they return findings. Only reading a file can fail, with a [`ReadError`].
//!
//! [`check_paths`] is the one driver (walk, read, check, folder rules, configuration), over the
//! source database [`Workspace`]; [`load_folder`] reads a folder of profiles into typed values.

mod cap;
mod config;
mod config_diff;
mod context;
mod diagnostic;
mod diff;
mod engine;
mod first_seen;
mod fix;
mod read;
mod registry;
mod render;
mod report;
mod rules;
mod sections;
mod source;
mod spans;
mod structural;
mod summary;
mod visible;
mod wording;

use std::path::Path;

use serde_json::Value;
use tipkit_model::Profile;

pub use cap::FINDINGS_PER_RULE;
pub use config::{CONFIG_FILE, CONFIG_SIZE_LIMIT, Config, ConfigError, ConfigWarning, RuleLevel};
pub use config_diff::{ConfigChange, ConfigChangeKind, ConfigSide, diff_configs};
pub use diagnostic::{Diagnostic, Related, Severity, Span, sort};
pub use diff::{
    Change, ChangeKind, Diff, DiffReport, DiffSource, DiffSummary, diff_report_schema_text,
    diff_sources, diff_values,
};
pub use engine::{
    BufferFolder, FolderReport, Loaded, Options, RuleSet, SourceFile, Totals, Workspace,
    check_buffers, check_paths, load_folder, walk,
};
pub use fix::{
    Applicability, Edit, Fix, FixAvailability, FixOutcome, FixSelection, MAX_FIX_PASSES,
    apply_fixes,
};
pub use read::{DEFAULT_SIZE_LIMIT, ReadError, read_file};
pub use registry::{RULES, Rule, rule};
pub use render::{Style, render};
pub use report::{
    CheckReport, ReportedDiagnostic, ReportedEdit, ReportedFix, Summary, check_report_schema_text,
    config_schema_text,
};
pub use source::{LineIndex, LineTable};
pub use spans::{DuplicateKey, NodeSpan, SpanIndex};
pub use structural::ProfileSchema;
pub use summary::ProfileSummary;
pub use visible::{needs_escape, visible, visible_path};

use cap::Capped;
use context::{FileContext, FolderContext, Indexes, ProfileContext};
use sections::{PartProfile, Section, Sections};

/// The findings of one file, and what the rules across profiles need of it.
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    /// Findings, in output order.
    pub diagnostics: Vec<Diagnostic>,
    /// Present when the file reached the typed model.
    pub summary: Option<ProfileSummary>,
}

/// Checks one file's bytes with every rule. `file` names it in findings; its name is checked
/// against the code.
///
/// A well-formed profile takes the fast path: one parse, straight into the typed model, which
/// refuses what the schema refuses, repeated keys and `null`s included (the mutation tests hold
/// the two to that). Anything else takes the thorough path, which finds and words every problem.
/// Findings are located only when there are some, and each rule shows at most
/// [`FINDINGS_PER_RULE`] of them in a file, then one that counts the rest.
pub fn check_bytes(file: &Path, bytes: &[u8]) -> FileReport {
    check_bytes_with(file, bytes, &engine::ALL_RULES)
}

/// [`check_bytes`] with the rules of `rules` only, each at its severity: a rule that is off
/// does not run.
pub fn check_bytes_with(file: &Path, bytes: &[u8], rules: &RuleSet) -> FileReport {
    let indexes = Indexes::default();
    check_source(FileContext::new(file, bytes, &indexes), rules).0
}

/// [`check_bytes_with`] for [`apply_fixes`]: every finding that carries a fix is kept, past
/// [`FINDINGS_PER_RULE`] too, so that one pass applies them all (linear time on a file with
/// many).
pub fn check_bytes_for_fixes(file: &Path, bytes: &[u8], rules: &RuleSet) -> Vec<Diagnostic> {
    let indexes = Indexes::default();
    let source = FileContext::new(file, bytes, &indexes);
    check_source_into(source, rules, Capped::keeping_fixes(rules))
        .0
        .diagnostics
}

/// The check of one file, locating findings through `source`'s indexes; with the profile,
/// when the file is one.
pub(crate) fn check_source(
    source: FileContext<'_>,
    rules: &RuleSet,
) -> (FileReport, Option<Profile>) {
    check_source_into(source, rules, Capped::new(rules))
}

fn check_source_into<'r>(
    source: FileContext<'_>,
    rules: &'r RuleSet,
    mut found: Capped<'r>,
) -> (FileReport, Option<Profile>) {
    let text = match rules::syntax::check(&source, source.bytes()) {
        Ok(text) => text,
        Err(diagnostic) => {
            let report = FileReport {
                diagnostics: vec![*diagnostic],
                summary: None,
            };
            return (report, None);
        }
    };
    // serde refuses a repeated field itself, and the model refuses `null` as the schema does.
    let part = match serde_json::from_str::<Profile>(text) {
        Ok(profile) => Some(PartProfile::whole(profile)),
        Err(_) => thorough(&source, text, &mut found),
    };
    let Some(part) = part else {
        let report = FileReport {
            diagnostics: found.finish(),
            summary: None,
        };
        return (report, None);
    };
    let typed = Sections::ALL.without(part.failed);
    let ctx = ProfileContext {
        source,
        profile: &part.profile,
        typed,
    };
    let mut diagnostics = Vec::new();
    let mut not_run = rules::rules_not_run::NotRun::default();
    for (rule, reads, check) in registry::profile_rules() {
        if !rules.runs(rule.id) {
            continue;
        }
        // Gated on what typed, never on what was found: a rule set to `off` changes nothing.
        not_run.note(rule, reads, part.failed, part.dropped);
        if reads.runs(part.failed, part.dropped) {
            ran(rule, source.file);
            check(&ctx, &mut diagnostics);
            found.extend(diagnostics.drain(..));
        }
    }
    found.extend(not_run.diagnose(&source, part.failed, part.dropped));
    // A file whose identity did not type cannot be summarised.
    let summary = typed
        .contains(Section::State)
        .then(|| ProfileSummary::typed(&part.profile, source.file, typed));
    let report = FileReport {
        diagnostics: found.finish(),
        summary,
    };
    // Only a profile that typed whole is handed on: a part would read as a smaller profile.
    let whole = part.is_whole().then_some(part.profile);
    (report, whole)
}

/// The thorough path: JSON syntax, repeated keys, the schema, then the typed model, section by
/// section: what does not type is set aside, so that the rules that do not read it still run.
/// Keys the schema refuses as unknown are dropped first, at any depth, so a stray key inside a
/// section does not stop the rules that read it.
/// It parses the text once, to a `Value`, which the schema reads, then the typed model.
fn thorough(source: &FileContext<'_>, text: &str, found: &mut Capped) -> Option<PartProfile> {
    let mut value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            found.push(rules::syntax::diagnose(source, text, &error));
            return None;
        }
    };
    rules::duplicate_key::check(source, found);
    let refused = structural::check(&value, source, found);
    // `unknown-key` reported them, at whatever level: without them, their section types.
    let dropped = refused.unknown_keys && ProfileSchema::get().drop_unknown_keys(&mut value);
    let refused = refused.sections;
    let mut part = PartProfile::build(value, refused, |section, alone| {
        if refused.contains(section) {
            return;
        }
        // The schema and the model disagree, e.g. on `3.0` as a count: the path is tracked
        // only for this, as it costs.
        if let Err(error) = serde_path_to_error::deserialize::<_, Profile>(alone) {
            let pointer = to_pointer(error.path());
            let message = error.inner().to_string();
            found.push(rules::wrong_type::diagnose_typed(
                source,
                &pointer,
                alone.pointer(&pointer),
                &message,
            ));
        }
    })?;
    part.dropped |= dropped;
    Some(part)
}

/// Checks the profiles of one folder against each other, with the rules `sources` runs. Pass
/// the summaries in file order, and how many of the folder's files did not reach the typed model
/// (`not_profiles`): a rule about the folder as a whole (`coverage`) speaks only when it sees
/// every file. Findings are located through the files `sources` holds.
pub fn check_folder(
    folder: &Path,
    profiles: &[ProfileSummary],
    not_profiles: usize,
    sources: &Workspace,
) -> Vec<Diagnostic> {
    run_folder_rules(folder, profiles, None, not_profiles, sources)
}

/// Checks the `named` files of a folder against the folder's other profiles: `profiles` holds
/// the summaries of all of them, in file order. Findings speak only about named files, never
/// about the folder as a whole (`coverage`), since not all of it was checked.
pub fn check_named(
    folder: &Path,
    profiles: &[ProfileSummary],
    named: &[std::path::PathBuf],
    sources: &Workspace,
) -> Vec<Diagnostic> {
    run_folder_rules(folder, profiles, Some(named), 0, sources)
}

fn run_folder_rules(
    folder: &Path,
    profiles: &[ProfileSummary],
    named: Option<&[std::path::PathBuf]>,
    not_profiles: usize,
    sources: &Workspace,
) -> Vec<Diagnostic> {
    let named = named.map(|files| files.iter().map(std::path::PathBuf::as_path).collect());
    let mut ctx = FolderContext::new(folder, profiles, sources, named);
    ctx.not_profiles = not_profiles;
    let mut found = Capped::new(sources.rules());
    let mut diagnostics = Vec::new();
    for (rule, check) in registry::folder_rules() {
        if sources.rules().runs(rule.id) {
            ran(rule, folder);
            check(&ctx, &mut diagnostics);
            found.extend(diagnostics.drain(..));
        }
    }
    found.finish()
}

/// Each check of a rule that ran, with the file or folder it ran on: the tests prove with it
/// that a rule set to `off` never runs, and that a change recomputes only what depends on it.
#[cfg(test)]
pub(crate) static RAN: std::sync::Mutex<Vec<(&'static str, std::path::PathBuf)>> =
    std::sync::Mutex::new(Vec::new());

#[cfg(test)]
fn ran(rule: &Rule, on: &Path) {
    RAN.lock().unwrap().push((rule.id, on.to_path_buf()));
}

#[cfg(not(test))]
#[inline]
fn ran(_: &Rule, _: &Path) {}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&tipkit_model::pointer::escape(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}
