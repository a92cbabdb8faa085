//! What the data says now that it did not say before: a semantic diff of profiles, on the typed
//! model, for review.
//!
//! Lists are matched by identity, not by position: venues by label, laws by citation, statewide
//! efforts by name within their list, hotline statistics by year, hotlines by name, shaded areas
//! by their words. A matched entry whose place among the matched entries changed is a move (a
//! venue whose rank changed is a change of rank instead); anything else is an addition, a removal
//! or a changed value at a JSON Pointer. Profiles are matched by jurisdiction code; copies of a
//! code at the same place on both sides are compared, then the others, and a second profile
//! left over is added or removed, never dropped. A file that does not parse is a finding of [`check_bytes`](crate::check_bytes), and
//! the rest is compared.
//!
//! It lives here, not in `tipkit-model`, because it reuses the checks for files that do not parse
//! and because its report type, like the check report's, has a generated schema.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use tipkit_model::{EffortList, Pointer, VenueList};

use crate::config_diff::ConfigChange;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::ReportedDiagnostic;

/// One file of one side: its name in the report, and its bytes.
#[derive(Debug, Clone)]
pub struct DiffSource {
    /// How the file is named in changes and findings: `profiles/ct.json`, `HEAD:profiles/ct.json`.
    pub file: PathBuf,
    /// Where the file is within its side, alike on both: `profiles/ct.json` for both of the
    /// above. Two copies of a code at the same place are compared with each other first.
    pub place: PathBuf,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// What happened at a place.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Present in NEW only: a profile, a section, a list entry or a key.
    Added,
    /// Present in OLD only.
    Removed,
    /// A different value at the same place (or, in a list, for the same identity).
    Changed,
    /// The same list entry, in another place among the entries both sides have.
    Moved,
}

impl ChangeKind {
    /// The kind of the same change seen from the other side.
    #[must_use]
    pub const fn mirror(self) -> Self {
        match self {
            Self::Added => Self::Removed,
            Self::Removed => Self::Added,
            other => other,
        }
    }

    /// The kind as the report writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
            Self::Moved => "moved",
        }
    }
}

/// One change.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The jurisdiction code: "CT".
    pub code: String,
    /// The file in NEW; in OLD for a removal.
    pub file: String,
    /// What happened.
    pub kind: ChangeKind,
    /// JSON Pointer (RFC 6901) of the place in NEW; in OLD for a removal; "" for a whole profile.
    pub pointer: String,
    /// The place with list entries named by identity: `sex_trafficking_venues[Hotel/Motel-Based].rank`;
    /// "profile" for a whole profile, "second profile" for one beside another of its code.
    pub what: String,
    /// The value in OLD; null when added. For a move, the entry's pointer in OLD.
    pub old: Value,
    /// The value in NEW; null when removed. For a move, the entry's pointer in NEW.
    pub new: Value,
}

impl Change {
    /// Whether this change, after `previous`, is the first of another profile: of another code,
    /// or a second profile of the code added or removed whole (a profile's changes come
    /// together, a whole profile is one change).
    pub fn starts_profile(&self, previous: Option<&Self>) -> bool {
        previous.is_none_or(|previous| {
            previous.code != self.code || previous.pointer.is_empty() || self.pointer.is_empty()
        })
    }
}

/// The counts of a diff.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct DiffSummary {
    /// Profiles in both OLD and NEW that both parse.
    pub profiles_compared: usize,
    /// Profiles with at least one change, added and removed ones included.
    pub profiles_changed: usize,
    /// Changes of kind "added".
    pub added: usize,
    /// Changes of kind "removed".
    pub removed: usize,
    /// Changes of kind "changed".
    pub changed: usize,
    /// Changes of kind "moved".
    pub moved: usize,
    /// Findings about files that do not parse.
    pub findings: usize,
    /// Changes of the configuration (`tipkit.toml`); absent when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub config_changes: usize,
}

/// The JSON report of `tipkit diff --format json`, described by `schemas/diff-report.schema.json`.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
#[schemars(title = "tipkit diff report")]
pub struct DiffReport {
    /// What changed in the configuration (`tipkit.toml`) between OLD and NEW: it changes what
    /// the check checks, so it comes first. Absent when it did not change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub config: Vec<ConfigChange>,
    /// Every change, by jurisdiction code, then in the order of NEW.
    pub changes: Vec<Change>,
    /// Why a file on either side could not be compared: it does not parse as a profile.
    pub findings: Vec<ReportedDiagnostic>,
    /// The counts.
    pub summary: DiffSummary,
}

/// The result of a diff: changes, and findings about files that could not be compared.
#[derive(Debug, Clone, Default)]
pub struct Diff {
    /// What changed in the configuration: set by the caller, who reads it ([`crate::diff_configs`]).
    pub config: Vec<ConfigChange>,
    /// Every change, by jurisdiction code, then in the order of NEW.
    pub changes: Vec<Change>,
    /// The findings of files that do not parse, OLD's first.
    pub findings: Vec<Diagnostic>,
    /// Profiles in both OLD and NEW that both parse.
    pub profiles_compared: usize,
}

impl Diff {
    /// Whether there is anything to report.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.findings.is_empty() && self.config.is_empty()
    }

    /// The counts.
    pub fn summary(&self) -> DiffSummary {
        let count = |kind| self.changes.iter().filter(|c| c.kind == kind).count();
        let mut previous = None;
        let mut profiles_changed = 0;
        for change in &self.changes {
            profiles_changed += usize::from(change.starts_profile(previous));
            previous = Some(change);
        }
        DiffSummary {
            profiles_compared: self.profiles_compared,
            profiles_changed,
            added: count(ChangeKind::Added),
            removed: count(ChangeKind::Removed),
            changed: count(ChangeKind::Changed),
            moved: count(ChangeKind::Moved),
            findings: self.findings.len(),
            config_changes: self.config.len(),
        }
    }

    /// The JSON report.
    pub fn report(&self) -> DiffReport {
        DiffReport {
            config: self.config.clone(),
            changes: self.changes.clone(),
            findings: self.findings.iter().map(ReportedDiagnostic::from).collect(),
            summary: self.summary(),
        }
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
const fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// `schemas/diff-report.schema.json`.
pub fn diff_report_schema_text() -> String {
    crate::report::schema_text::<DiffReport>()
}

/// One copy of a profile: its file, its place within its side, and its value.
struct Copy<'a> {
    file: &'a Path,
    place: &'a Path,
    /// Whether its file is named exactly after its code: `ct.json` for CT.
    named: bool,
    value: Value,
}

/// One side's profiles by code; findings for the files that do not parse.
struct Side<'a> {
    /// Every profile of each code: the main one first (named exactly after its code, `ct.json`,
    /// nearest the top, then by path), then the others by path, so that both sides order them
    /// alike.
    profiles: BTreeMap<String, Vec<Copy<'a>>>,
    /// Codes (from the file name) of files that do not parse: not reported as added or removed.
    broken: Vec<String>,
}

fn read_side<'a>(sources: &'a [DiffSource], findings: &mut Vec<Diagnostic>) -> Side<'a> {
    let mut side = Side {
        profiles: BTreeMap::new(),
        broken: Vec::new(),
    };
    // By path, so that the disk and git sides, listed in different orders, agree.
    let mut sources: Vec<&DiffSource> = sources.iter().collect();
    sources.sort_by(|a, b| a.place.cmp(&b.place).then_with(|| a.file.cmp(&b.file)));
    for source in sources {
        if let Ok(profile) = tipkit_model::from_slice(&source.bytes) {
            let code = profile.state.code;
            let named = source
                .place
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| code.is_file_name(name));
            let value = serde_json::to_value(&profile).expect("a profile always serializes");
            side.profiles
                .entry(code.to_string())
                .or_default()
                .push(Copy {
                    file: source.file.as_path(),
                    place: source.place.as_path(),
                    named,
                    value,
                });
        } else {
            let diagnostics = crate::check_bytes(&source.file, &source.bytes).diagnostics;
            let errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
            findings.extend(
                diagnostics
                    .into_iter()
                    .filter(|d| !errors || d.severity == Severity::Error),
            );
            let stem = source.file.file_stem().unwrap_or_default();
            side.broken.push(stem.to_string_lossy().to_uppercase());
        }
    }
    for copies in side.profiles.values_mut() {
        let main = copies
            .iter()
            .enumerate()
            .min_by_key(|(_, copy)| (!copy.named, copy.place.components().count()))
            .map_or(0, |(index, _)| index);
        let main = copies.remove(main);
        copies.insert(0, main);
    }
    side
}

/// The copies of one code on both sides, paired: first those at the same place, then the rest
/// in order; `(old, new)` indices, in NEW's order, then OLD's copies left over.
fn pair_copies(olds: &[Copy<'_>], news: &[Copy<'_>]) -> Vec<(Option<usize>, Option<usize>)> {
    let old_at: HashMap<&Path, usize> = olds
        .iter()
        .enumerate()
        .map(|(index, old)| (old.place, index))
        .collect();
    let mut partner_of_new: Vec<Option<usize>> = news
        .iter()
        .map(|new| old_at.get(new.place).copied())
        .collect();
    let mut paired_old = vec![false; olds.len()];
    for old in partner_of_new.iter().flatten() {
        paired_old[*old] = true;
    }
    let mut old_rest = (0..olds.len()).filter(|&i| !paired_old[i]);
    for partner in &mut partner_of_new {
        if partner.is_none() {
            *partner = old_rest.next();
        }
    }
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = partner_of_new
        .iter()
        .enumerate()
        .map(|(new, old)| (*old, Some(new)))
        .collect();
    pairs.extend(old_rest.map(|old| (Some(old), None)));
    pairs
}

/// The `what` of a whole profile added or removed beside another of its code.
const SECOND_PROFILE: &str = "second profile";

/// Compares the profiles of OLD with those of NEW, matched by jurisdiction code. A second
/// profile of a code is never dropped: copies at the same place are compared, then the others,
/// main ones first, in path order, and those left over are added (or removed).
pub fn diff_sources(old: &[DiffSource], new: &[DiffSource]) -> Diff {
    let mut diff = Diff::default();
    let old = read_side(old, &mut diff.findings);
    let new = read_side(new, &mut diff.findings);
    let mut codes: Vec<&String> = old.profiles.keys().chain(new.profiles.keys()).collect();
    codes.sort();
    codes.dedup();
    let none = Vec::new();
    for code in codes {
        let olds = old.profiles.get(code).unwrap_or(&none);
        let news = new.profiles.get(code).unwrap_or(&none);
        for pair in pair_copies(olds, news) {
            match pair {
                (Some(o), Some(n)) => {
                    diff.profiles_compared += 1;
                    let mut walk = Walk {
                        code,
                        old_file: &olds[o].file.display().to_string(),
                        new_file: &news[n].file.display().to_string(),
                        changes: &mut diff.changes,
                    };
                    walk.value(&olds[o].value, &news[n].value, &Place::root());
                }
                (Some(o), None) => {
                    let second = o > 0 || !news.is_empty();
                    if second || !new.broken.contains(code) {
                        let copy = &olds[o];
                        let mut change =
                            whole_profile(code, copy.file, ChangeKind::Removed, &copy.value);
                        if second {
                            SECOND_PROFILE.clone_into(&mut change.what);
                        }
                        diff.changes.push(change);
                    }
                }
                (None, Some(n)) => {
                    let second = n > 0 || !olds.is_empty();
                    if second || !old.broken.contains(code) {
                        let copy = &news[n];
                        let mut change =
                            whole_profile(code, copy.file, ChangeKind::Added, &copy.value);
                        if second {
                            SECOND_PROFILE.clone_into(&mut change.what);
                        }
                        diff.changes.push(change);
                    }
                }
                (None, None) => {}
            }
        }
    }
    diff
}

/// Compares two profiles, given as values of the typed model (`serde_json::to_value(&profile)`).
pub fn diff_values(code: &str, file: &str, old: &Value, new: &Value) -> Vec<Change> {
    let mut changes = Vec::new();
    Walk {
        code,
        old_file: file,
        new_file: file,
        changes: &mut changes,
    }
    .value(old, new, &Place::root());
    changes
}

/// A whole profile added or removed: its status is the value.
fn whole_profile(code: &str, file: &Path, kind: ChangeKind, profile: &Value) -> Change {
    let status = profile.get("status").cloned().unwrap_or(Value::Null);
    let (old, new) = match kind {
        ChangeKind::Removed => (status, Value::Null),
        _ => (Value::Null, status),
    };
    Change {
        code: code.to_owned(),
        file: file.display().to_string(),
        kind,
        pointer: String::new(),
        what: "profile".to_owned(),
        old,
        new,
    }
}

/// A place in both files: its pointer in OLD and in NEW, its shape (the pointer without list
/// indices, which picks how a list is matched) and its readable name.
#[derive(Debug, Clone)]
struct Place {
    old: Pointer,
    new: Pointer,
    shape: Pointer,
    what: String,
}

impl Place {
    fn root() -> Self {
        Self {
            old: Pointer::root(),
            new: Pointer::root(),
            shape: Pointer::root(),
            what: String::new(),
        }
    }

    fn key(&self, key: &str) -> Self {
        Self {
            old: self.old.clone().key(key),
            new: self.new.clone().key(key),
            shape: self.shape.clone().key(key),
            what: if self.what.is_empty() {
                key.to_owned()
            } else {
                format!("{}.{key}", self.what)
            },
        }
    }

    fn entry(&self, old: usize, new: usize, identity: &str) -> Self {
        Self {
            old: self.old.clone().index(old),
            new: self.new.clone().index(new),
            shape: self.shape.clone(),
            what: format!("{}[{identity}]", self.what),
        }
    }
}

/// How the entries of the list at `shape` are identified: by which key, or by the whole value.
/// Each identity below is the field of a list's first entry (`/laws/0/citation`): the list is
/// what comes before `/0/`, the key what comes after.
fn identity_key(shape: &str) -> Option<String> {
    let p = Pointer::profile;
    let venues = VenueList::ALL.map(|list| p().venues(list).index(0).venue());
    let efforts = EffortList::ALL.map(|list| p().statewide_efforts().list(list).index(0).name());
    let others = [
        p().laws().index(0).citation(),
        p().hotline_statistics().years().index(0).year(),
        p().hotlines().index(0).name(),
    ];
    let identities = venues.into_iter().chain(others).chain(efforts);
    identities.into_iter().find_map(|identity| {
        let (list, key) = identity.rsplit_once("/0/")?;
        (list == shape).then(|| key.to_owned())
    })
}

/// Whether the list at `shape` is ranked, and the key of its entries' rank.
fn rank_key(shape: &str) -> Option<String> {
    VenueList::ALL.into_iter().find_map(|list| {
        let rank = Pointer::profile().venues(list).index(0).rank();
        let (list, key) = rank.rsplit_once("/0/")?;
        (list == shape).then(|| key.to_owned())
    })
}

fn identity(entry: &Value, key: Option<&str>) -> String {
    let value = key.and_then(|k| entry.get(k)).unwrap_or(entry);
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

struct Walk<'a> {
    code: &'a str,
    old_file: &'a str,
    new_file: &'a str,
    changes: &'a mut Vec<Change>,
}

impl Walk<'_> {
    fn push(&mut self, kind: ChangeKind, place: &Place, old: Value, new: Value) {
        let (file, pointer) = match kind {
            ChangeKind::Removed => (self.old_file, &place.old),
            _ => (self.new_file, &place.new),
        };
        self.changes.push(Change {
            code: self.code.to_owned(),
            file: file.to_owned(),
            kind,
            pointer: pointer.to_string(),
            what: place.what.clone(),
            old,
            new,
        });
    }

    fn value(&mut self, old: &Value, new: &Value, place: &Place) {
        match (old, new) {
            (Value::Object(old), Value::Object(new)) => self.object(old, new, place),
            (Value::Array(old), Value::Array(new)) => self.list(old, new, place),
            (old, new) if old != new => {
                self.push(ChangeKind::Changed, place, old.clone(), new.clone());
            }
            _ => {}
        }
    }

    fn object(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, place: &Place) {
        for (key, new_value) in new {
            let inner = place.key(key);
            match old.get(key) {
                Some(old_value) => self.value(old_value, new_value, &inner),
                None => self.push(ChangeKind::Added, &inner, Value::Null, new_value.clone()),
            }
        }
        for (key, old_value) in old {
            if !new.contains_key(key) {
                let inner = place.key(key);
                self.push(ChangeKind::Removed, &inner, old_value.clone(), Value::Null);
            }
        }
    }

    fn list(&mut self, old: &[Value], new: &[Value], place: &Place) {
        let key = identity_key(&place.shape);
        let key = key.as_deref();
        // The n-th entry of an identity in OLD matches the n-th one in NEW.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut old_index: HashMap<(String, usize), usize> = HashMap::new();
        for (i, entry) in old.iter().enumerate() {
            let id = identity(entry, key);
            let n = seen.entry(id.clone()).or_default();
            old_index.insert((id, *n), i);
            *n += 1;
        }
        seen.clear();
        let mut pairs = Vec::new();
        let mut matched_old = vec![false; old.len()];
        let mut added = Vec::new();
        for (j, entry) in new.iter().enumerate() {
            let id = identity(entry, key);
            let n = seen.entry(id.clone()).or_default();
            match old_index.get(&(id.clone(), *n)) {
                Some(&i) => {
                    matched_old[i] = true;
                    pairs.push((i, j, id));
                }
                None => added.push((j, id)),
            }
            *n += 1;
        }
        // A move: the entry's place among the matched entries differs.
        let mut by_old: Vec<usize> = pairs.iter().map(|(i, _, _)| *i).collect();
        by_old.sort_unstable();
        let rank_key = rank_key(&place.shape);
        for (place_among_new, (i, j, id)) in pairs.iter().enumerate() {
            let inner = place.entry(*i, *j, id);
            let place_among_old = by_old
                .binary_search(i)
                .expect("every pair's index is listed");
            let rank_changed = rank_key
                .as_deref()
                .is_some_and(|rank| old[*i].get(rank) != new[*j].get(rank));
            if place_among_old != place_among_new && !rank_changed {
                self.push(
                    ChangeKind::Moved,
                    &inner,
                    Value::String(inner.old.to_string()),
                    Value::String(inner.new.to_string()),
                );
            }
            self.value(&old[*i], &new[*j], &inner);
        }
        for (j, id) in added {
            let inner = place.entry(j, j, &id);
            self.push(ChangeKind::Added, &inner, Value::Null, new[j].clone());
        }
        for (i, entry) in old.iter().enumerate() {
            if !matched_old[i] {
                let inner = place.entry(i, i, &identity(entry, key));
                self.push(ChangeKind::Removed, &inner, entry.clone(), Value::Null);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{ChangeKind, DiffSource, diff_sources};
    use crate::rules::testing::ct_with;

    fn source(file: &str, text: &str) -> DiffSource {
        let place = file.split_once(':').map_or(file, |(_, place)| place);
        DiffSource {
            file: PathBuf::from(file),
            place: PathBuf::from(place),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_second_profile_of_a_code_is_never_dropped() {
        let ct = ct_with(|_| {});
        let other = ct_with(|p| p["hotline_cases"]["cases_reported"] = serde_json::json!(190));
        let old = [source("HEAD:p/ct.json", &ct)];
        // Listed in either order, the copy in another folder is a second profile added.
        for new in [
            [source("p/zz/ct.json", &other), source("p/ct.json", &ct)],
            [source("p/ct.json", &ct), source("p/zz/ct.json", &other)],
        ] {
            let diff = diff_sources(&old, &new);
            assert_eq!(diff.changes.len(), 1, "{:#?}", diff.changes);
            let change = &diff.changes[0];
            assert_eq!(
                (change.kind, change.file.as_str(), change.what.as_str()),
                (ChangeKind::Added, "p/zz/ct.json", "second profile")
            );
            assert_eq!(diff.summary().profiles_changed, 1);
        }
    }

    #[test]
    fn both_sides_pair_the_copies_of_a_code_alike() {
        let ct = ct_with(|_| {});
        let other = ct_with(|p| p["hotline_cases"]["cases_reported"] = serde_json::json!(190));
        // The git side lists by path, the disk side in walk order: the same pairs either way.
        let old = [
            source("HEAD:p/a/ct.json", &ct),
            source("HEAD:p/ct.json", &ct),
        ];
        let new = [source("p/ct.json", &ct), source("p/a/ct.json", &other)];
        let diff = diff_sources(&old, &new);
        assert_eq!(diff.changes.len(), 1, "{:#?}", diff.changes);
        assert_eq!(diff.changes[0].file, "p/a/ct.json");
        assert_eq!(diff.changes[0].kind, ChangeKind::Changed);
        assert_eq!(diff.profiles_compared, 2);
    }

    /// #22 round 2, diff2.2: `profiles/ct.json` changed and its old text copied to
    /// `profiles/CT.json`: the change of `ct.json` is shown, `CT.json` is the second profile.
    #[test]
    fn copies_at_the_same_place_are_compared_first() {
        let ct = ct_with(|_| {});
        let ct_999 = ct_with(|p| p["hotline_cases"]["cases_reported"] = serde_json::json!(999));
        let old = [source("HEAD:p/ct.json", &ct)];
        let new = [source("p/CT.json", &ct), source("p/ct.json", &ct_999)];
        let diff = diff_sources(&old, &new);
        assert_eq!(diff.changes.len(), 2, "{:#?}", diff.changes);
        let changed = &diff.changes[0];
        assert_eq!(
            (changed.kind, changed.file.as_str(), changed.new.clone()),
            (ChangeKind::Changed, "p/ct.json", serde_json::json!(999))
        );
        let second = &diff.changes[1];
        assert_eq!(
            (second.kind, second.file.as_str(), second.what.as_str()),
            (ChangeKind::Added, "p/CT.json", "second profile")
        );
        // A copy moved elsewhere is still compared with the one it replaces.
        let moved = [source("p/ct/ct.json", &ct_999)];
        let diff = diff_sources(&old, &moved);
        assert_eq!(diff.changes.len(), 1, "{:#?}", diff.changes);
        assert_eq!(diff.changes[0].kind, ChangeKind::Changed);
    }
}
