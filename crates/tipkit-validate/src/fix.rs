//! Fixes: text edits that a finding carries, and the applier behind `tipkit check --fix`.
//!
//! A [`Fix`] is one or more edits on byte ranges of the file as it was checked. Edits replace a
//! value whole, quotes included, with text written as the canonical writer writes it, so the
//! rest of the file stays byte for byte and a canonical file stays canonical. [`apply_fixes`]
//! applies the fixes a [`FixSelection`] allows, pass after pass, until nothing changes.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use crate::context::FileContext;
use crate::diagnostic::{Diagnostic, Span};

/// How sure a fix is.
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
pub enum Applicability {
    /// The intent is certain and nothing else changes: `tipkit check --fix` applies it.
    Safe,
    /// Probably right, but a person should look: applied with `--fix --unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    /// As written in output: `safe`, `unsafe`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

/// Which fixes a rule's findings carry, as `tipkit rules` and `docs/rules.md` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    /// Safe fixes only.
    Safe,
    /// Unsafe fixes only.
    Unsafe,
    /// Safe fixes for some findings, unsafe ones for others.
    SafeOrUnsafe,
}

impl FixAvailability {
    /// As written in output: `safe`, `unsafe`, `safe or unsafe`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
            Self::SafeOrUnsafe => "safe or unsafe",
        }
    }
}

/// The `fix:` of a rule's declaration: none, or the one given.
pub(crate) const fn availability(given: &[FixAvailability]) -> Option<FixAvailability> {
    match given {
        [one] => Some(*one),
        _ => None,
    }
}

/// One text edit: the bytes of `range` become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced, in the file as checked.
    pub range: Range<usize>,
    /// Their lines and columns.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A fix of one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Whether `--fix` alone applies it.
    pub applicability: Applicability,
    /// What it does: "write `Hotel/Motel-Based`".
    pub message: String,
    /// The edits, in file order, none overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix of `edits`; none when there is no edit.
    pub(crate) fn new(
        applicability: Applicability,
        message: impl Into<String>,
        mut edits: Vec<Edit>,
    ) -> Option<Self> {
        if edits.is_empty() {
            return None;
        }
        edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
        Some(Self {
            applicability,
            message: message.into(),
            edits,
        })
    }

    /// A safe fix that writes `value` as the JSON value at `pointer`.
    pub(crate) fn safe_value(
        source: &FileContext<'_>,
        pointer: &str,
        value: impl serde::Serialize,
    ) -> Option<Self> {
        Self::value(Applicability::Safe, source, pointer, value)
    }

    /// An unsafe fix that writes `value` as the JSON value at `pointer`.
    pub(crate) fn unsafe_value(
        source: &FileContext<'_>,
        pointer: &str,
        value: impl serde::Serialize,
    ) -> Option<Self> {
        Self::value(Applicability::Unsafe, source, pointer, value)
    }

    fn value(
        applicability: Applicability,
        source: &FileContext<'_>,
        pointer: &str,
        value: impl serde::Serialize,
    ) -> Option<Self> {
        let value = serde_json::to_value(value).ok()?;
        let edit = value_edit(source, pointer, value.to_string())?;
        let shown = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned);
        Self::new(applicability, format!("write `{shown}`"), vec![edit])
    }

    /// Whether an edit overlaps one of `taken` (non-overlapping ranges by start), or starts
    /// where one starts (two insertions at one place): a look-up per edit, whatever the number.
    fn overlaps(&self, taken: &BTreeMap<usize, usize>) -> bool {
        self.edits.iter().any(|edit| {
            let Range { start, end } = edit.range;
            let before = taken.range(..=start).next_back();
            let after = taken.range(start..).next();
            before
                .is_some_and(|(&other_start, &other_end)| other_start == start || start < other_end)
                || after.is_some_and(|(&other_start, _)| other_start == start || other_start < end)
        })
    }
}

/// An edit that replaces the value at `pointer` (quotes included) with `replacement`; none when
/// the file has no such value.
pub(crate) fn value_edit(
    source: &FileContext<'_>,
    pointer: &str,
    replacement: String,
) -> Option<Edit> {
    let range = source.spans().get(source.bytes(), pointer)?.value;
    Some(edit(source, range, replacement))
}

/// An edit that puts the items of the list at `list` in `order` (item `order[k]` comes k-th),
/// keeping the text between items where it was; none when an item cannot be located.
pub(crate) fn reorder_edit(
    source: &FileContext<'_>,
    list: &tipkit_model::Pointer,
    order: &[usize],
) -> Option<Edit> {
    let items = (0..order.len())
        .map(|index| {
            Some(
                source
                    .spans()
                    .get(source.bytes(), &list.clone().index(index))?
                    .value,
            )
        })
        .collect::<Option<Vec<_>>>()?;
    let (start, end) = (items.first()?.start, items.last()?.end);
    let text = std::str::from_utf8(source.bytes().get(start..end)?).ok()?;
    let mut replacement = String::with_capacity(text.len());
    for (k, &index) in order.iter().enumerate() {
        replacement.push_str(text.get(items[index].start - start..items[index].end - start)?);
        if let Some(next) = items.get(k + 1) {
            replacement.push_str(text.get(items[k].end - start..next.start - start)?);
        }
    }
    Some(edit(source, start..end, replacement))
}

/// An edit of `range`, located.
pub(crate) fn edit(source: &FileContext<'_>, range: Range<usize>, replacement: String) -> Edit {
    Edit {
        span: source.lines().span(range.start, range.end),
        range,
        replacement,
    }
}

impl Diagnostic {
    /// The same finding with a fix, when there is one.
    pub(crate) fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
}

/// Which fixes to apply: by applicability, and by rule as `tipkit.toml` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixSelection {
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Rules whose unsafe fixes count as safe (`fixable` in `tipkit.toml`).
    pub fixable: BTreeSet<String>,
    /// Rules whose fixes are never applied (`unfixable`).
    pub unfixable: BTreeSet<String>,
}

/// The rule ids, and for one release the rules split off each ([`crate::config::split_off`]).
fn with_split_off(ids: &[String]) -> BTreeSet<String> {
    let split = ids
        .iter()
        .flat_map(|id| crate::config::split_off(id))
        .map(|&part| part.to_owned());
    ids.iter().cloned().chain(split).collect()
}

impl FixSelection {
    /// The fixes `tipkit.toml` allows, with unsafe ones when `unsafe_fixes`.
    pub fn new(config: &crate::Config, unsafe_fixes: bool) -> Self {
        Self {
            unsafe_fixes,
            fixable: with_split_off(&config.fixable),
            unfixable: with_split_off(&config.unfixable),
        }
    }

    /// Whether the fix of `diagnostic` is applied.
    pub fn allows(&self, diagnostic: &Diagnostic) -> bool {
        diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| self.allows_rule(diagnostic.rule, fix.applicability))
    }

    /// Whether a fix of `rule` with `applicability` is applied.
    pub fn allows_rule(&self, rule: &str, applicability: Applicability) -> bool {
        !self.unfixable.contains(rule)
            && (self.unsafe_fixes
                || applicability == Applicability::Safe
                || self.fixable.contains(rule))
    }

    /// How a fix of `rule` with `applicability` counts under `tipkit.toml`, whatever
    /// `unsafe_fixes` says: none for an `unfixable` rule, safe for a `fixable` one.
    pub fn configured(&self, rule: &str, applicability: Applicability) -> Option<Applicability> {
        if self.unfixable.contains(rule) {
            None
        } else if self.fixable.contains(rule) {
            Some(Applicability::Safe)
        } else {
            Some(applicability)
        }
    }

    /// Applies the fixes this selection allows to `bytes`, checked as the file at `path` with
    /// the rules `rules` runs (`tipkit.toml`'s), to convergence: what `tipkit check --fix` writes
    /// and what the language server's fix-all gives.
    pub fn fix_file(&self, path: &Path, bytes: &[u8], rules: &crate::RuleSet) -> FixOutcome {
        let recheck = |bytes: &[u8]| crate::check_bytes_for_fixes(path, bytes, rules);
        apply_fixes(bytes, recheck, self)
    }
}

/// The most passes [`apply_fixes`] makes. Each pass applies every fix that does not overlap an
/// earlier one; a fix that needs more passes than this does not converge, which is a bug. The
/// check given to it must keep every fix ([`check_bytes_for_fixes`](crate::check_bytes_for_fixes)),
/// past [`FINDINGS_PER_RULE`](crate::FINDINGS_PER_RULE) too.
pub const MAX_FIX_PASSES: usize = 10;

/// What [`apply_fixes`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    /// The fixed bytes: the input when nothing was applied.
    pub bytes: Vec<u8>,
    /// How many fixes were applied, per rule.
    pub applied: BTreeMap<&'static str, usize>,
    /// Passes that changed the bytes.
    pub passes: usize,
    /// False when fixes were still to apply after [`MAX_FIX_PASSES`], when a pass gave back
    /// bytes an earlier pass had already given (fixes undoing each other), or a pass would have
    /// left bytes that are not JSON (that pass is not kept).
    pub converged: bool,
    /// The findings of the fixed bytes.
    pub remaining: Vec<Diagnostic>,
}

impl FixOutcome {
    /// Whether any fix was applied.
    pub fn changed(&self) -> bool {
        self.passes > 0
    }

    /// How many fixes were applied.
    pub fn fixed(&self) -> usize {
        self.applied.values().sum()
    }
}

/// Applies the fixes that `selection` allows to `bytes`. `recheck` gives the findings of some
/// bytes (the check of the file, with the configuration applied, keeping every fix). Each pass applies the fixes
/// that do not overlap, in file order; the rest wait for the next pass, which starts from a new
/// check. Passes repeat until no fix is left to apply, at most [`MAX_FIX_PASSES`]. Bytes that
/// are not JSON are never touched, and a pass that would make them so is dropped.
pub fn apply_fixes(
    bytes: &[u8],
    recheck: impl Fn(&[u8]) -> Vec<Diagnostic>,
    selection: &FixSelection,
) -> FixOutcome {
    let mut current = bytes.to_vec();
    let mut diagnostics = recheck(&current);
    let mut applied = BTreeMap::new();
    let mut passes = 0;
    let mut seen = std::collections::HashSet::from([fingerprint(bytes)]);
    let mut converged = true;
    if !is_json(bytes) {
        return FixOutcome {
            bytes: current,
            applied,
            passes,
            converged,
            remaining: diagnostics,
        };
    }
    loop {
        let mut wanted: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| selection.allows(d))
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|fix| !introduces_unsafe_text(&current, fix))
            })
            .collect();
        if wanted.is_empty() {
            break;
        }
        if passes == MAX_FIX_PASSES {
            converged = false;
            break;
        }
        wanted.sort_by_key(|d| d.fix.as_ref().map(|f| f.edits[0].range.start));
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        let mut edits: Vec<&Edit> = Vec::new();
        let mut counted: BTreeMap<&'static str, usize> = BTreeMap::new();
        for diagnostic in wanted {
            let Some(fix) = &diagnostic.fix else { continue };
            if fix.overlaps(&taken) || fix.edits.iter().any(|e| e.range.end > current.len()) {
                continue;
            }
            taken.extend(fix.edits.iter().map(|e| (e.range.start, e.range.end)));
            edits.extend(&fix.edits);
            *counted.entry(diagnostic.rule).or_default() += 1;
        }
        edits.sort_by_key(|edit| edit.range.start);
        let next = splice(&current, &edits);
        if next == current {
            // Fixes that change nothing would be offered forever.
            converged = false;
            break;
        }
        if !is_json(&next) || !seen.insert(fingerprint(&next)) {
            converged = false;
            break;
        }
        for (rule, count) in counted {
            *applied.entry(rule).or_default() += count;
        }
        passes += 1;
        current = next;
        diagnostics = recheck(&current);
    }
    FixOutcome {
        bytes: current,
        applied,
        passes,
        converged,
        remaining: diagnostics,
    }
}

/// Whether `fix` would write into `bytes` raw what `unsafe-text` refuses and they did not hold
/// raw at its place: a control character other than a line break or tab, a direction control,
/// or a string that a spreadsheet runs as a formula (one of [`tipkit_model::FORMULA_STARTS`]
/// first, a tab or carriage return as JSON writes it, `\t` or `\r`). The layout fix would, by
/// writing `\u202e`, `\u003d` or `\u0009` in their shortest form.
pub(crate) fn introduces_unsafe_text(bytes: &[u8], fix: &Fix) -> bool {
    fix.edits.iter().any(|edit| {
        let replaced = bytes
            .get(edit.range.clone())
            .map_or(std::borrow::Cow::Borrowed(""), String::from_utf8_lossy);
        unsafe_text_count(&edit.replacement) > unsafe_text_count(&replaced)
    })
}

/// How many raw characters of `text` `unsafe-text` would refuse, and how many strings in it
/// begin with a formula character as JSON writes it.
fn unsafe_text_count(text: &str) -> usize {
    let controls = text
        .chars()
        .filter(|&c| crate::needs_escape(c) && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    let formulas = text
        .match_indices('"')
        .filter(|&(at, _)| {
            let rest = &text[at + 1..];
            formula_starts_in_json()
                .iter()
                .any(|start| rest.starts_with(start.as_str()))
        })
        .count();
    controls + formulas
}

/// Each of [`tipkit_model::FORMULA_STARTS`] as `serde_json` writes it inside a string: `=` as
/// itself, a tab as `\t`.
fn formula_starts_in_json() -> &'static [String] {
    static STARTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    STARTS.get_or_init(|| {
        tipkit_model::FORMULA_STARTS
            .iter()
            .map(|&c| {
                let quoted = serde_json::to_string(&c).unwrap_or_default();
                quoted.trim_matches('"').to_owned()
            })
            .collect()
    })
}

/// `bytes` with sorted, non-overlapping `edits` applied.
fn splice(bytes: &[u8], edits: &[&Edit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for edit in edits {
        out.extend_from_slice(&bytes[at..edit.range.start]);
        out.extend_from_slice(edit.replacement.as_bytes());
        at = edit.range.end;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

fn is_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn ct() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../profiles/ct.json"
        ))
        .unwrap()
    }

    fn fix_all(bytes: &[u8], unsafe_fixes: bool) -> FixOutcome {
        let selection = FixSelection {
            unsafe_fixes,
            ..FixSelection::default()
        };
        apply_fixes(
            bytes,
            |b| crate::check_bytes_for_fixes(Path::new("ct.json"), b, &crate::engine::ALL_RULES),
            &selection,
        )
    }

    #[test]
    fn a_clean_file_is_left_alone() {
        let outcome = fix_all(&ct(), true);
        assert_eq!(outcome.bytes, ct());
        assert!(!outcome.changed());
        assert!(outcome.converged);
    }

    #[test]
    fn bytes_that_are_not_json_are_never_touched() {
        let outcome = fix_all(b"{\"state\": ", true);
        assert_eq!(outcome.bytes, b"{\"state\": ");
        assert!(!outcome.changed());
    }

    #[test]
    fn every_fix_of_a_pass_is_applied() {
        let text = ct();
        let text = String::from_utf8(text).unwrap();
        let broken = text
            .replace("\"Connecticut\"", "\"Conneticut\"")
            .replace("\"hhs_region\": 1", "\"hhs_region\": 3");
        let outcome = fix_all(broken.as_bytes(), false);
        assert_eq!(String::from_utf8(outcome.bytes).unwrap(), text);
        assert_eq!(outcome.applied.get("state-identity"), Some(&2));
        assert!(outcome.converged);
    }

    #[test]
    fn more_fixes_than_a_check_shows_at_once_are_all_applied() {
        let mut profile = tipkit_model::from_slice(&ct()).unwrap();
        let law = profile.laws.as_ref().unwrap()[0].clone();
        let laws: Vec<_> = (0..1500)
            .map(|i| {
                let mut law = law.clone();
                law.title = format!("Law {i:05}");
                law.citation = tipkit_model::Citation::new(format!("§ {i}")).unwrap();
                law.url = Some(format!("http://example.org/{i}"));
                law
            })
            .collect();
        profile.laws = Some(laws);
        let text = tipkit_model::to_canonical_string(&profile);
        let outcome = fix_all(text.as_bytes(), true);
        assert!(outcome.converged);
        assert_eq!(outcome.applied.get("links"), Some(&1500));
        let fixed = String::from_utf8(outcome.bytes).unwrap();
        assert_eq!(fixed, text.replace("\"http://", "\"https://"));
    }

    /// A fix that flips `[1]` and `[2]` forever: a bug the applier reports, writing nothing.
    #[test]
    fn fixes_that_undo_each_other_do_not_converge() {
        let flip = |bytes: &[u8]| {
            let to = if bytes == b"[1]" { "2" } else { "1" };
            let span = crate::LineIndex::new(bytes).span(1, 2);
            vec![Diagnostic {
                rule: "laws",
                severity: crate::Severity::Error,
                file: "x.json".into(),
                pointer: "/0".to_owned(),
                span: Some(span),
                message: "flip".to_owned(),
                help: None,
                related: Vec::new(),
                fix: Some(Fix {
                    applicability: Applicability::Safe,
                    message: "flip".to_owned(),
                    edits: vec![Edit {
                        range: 1..2,
                        span,
                        replacement: to.to_owned(),
                    }],
                }),
            }]
        };
        let outcome = apply_fixes(b"[1]", flip, &FixSelection::default());
        assert!(!outcome.converged);
        assert!(outcome.passes <= 2, "{} passes", outcome.passes);
    }

    /// The layout fix of a minified file whose strings hold `\u202e` and `\u003d` escaped would
    /// write them raw: a direction control and a formula in the file. It is not applied; the
    /// other fixes are.
    #[test]
    fn a_fix_never_writes_what_unsafe_text_refuses() {
        let profile: serde_json::Value = serde_json::from_slice(&ct()).unwrap();
        let minified = serde_json::to_string(&profile)
            .unwrap()
            .replacen("Connecticut", "Conneticut", 1)
            .replacen(
                "\"Display of Notice",
                "\"\\u003d1+Display \\u202eof Notice",
                1,
            );
        let outcome = fix_all(minified.as_bytes(), true);
        assert!(outcome.converged);
        let fixed = String::from_utf8(outcome.bytes).unwrap();
        assert!(fixed.contains("\"Connecticut\""));
        assert!(!fixed.contains('\u{202e}'), "{fixed}");
        assert!(!fixed.contains("\"=1"), "{fixed}");
        assert!(fixed.contains("\\u003d1+Display \\u202eof"));
        assert_eq!(outcome.applied.get("layout"), None);
    }

    /// A tab or carriage return first in a string starts a formula as `=` does (the one list,
    /// `tipkit_model::FORMULA_STARTS`): the layout fix would write `\u0009` and `\u000d` as `\t`
    /// and `\r`, so it is not applied.
    #[test]
    fn a_fix_never_writes_a_tab_or_carriage_return_formula_start() {
        for (escaped, shortest) in [("\\u0009", "\"\\t"), ("\\u000d", "\"\\r")] {
            let profile: serde_json::Value = serde_json::from_slice(&ct()).unwrap();
            let minified = serde_json::to_string(&profile).unwrap().replacen(
                "\"Display of Notice",
                &format!("\"{escaped}Display of Notice"),
                1,
            );
            let outcome = fix_all(minified.as_bytes(), true);
            let fixed = String::from_utf8(outcome.bytes).unwrap();
            assert!(!fixed.contains(shortest), "{fixed}");
            assert!(fixed.contains(escaped), "{fixed}");
            assert_eq!(outcome.applied.get("layout"), None);
        }
    }

    #[test]
    fn every_formula_start_counts_as_json_writes_it() {
        for start in tipkit_model::FORMULA_STARTS {
            let written = serde_json::to_string(&format!("{start}1")).unwrap();
            assert_eq!(unsafe_text_count(&written), 1, "{written}");
        }
        assert_eq!(unsafe_text_count("\"\\u0009x\""), 0);
        assert_eq!(unsafe_text_count("\"x\" \"\\n\""), 0);
    }

    /// Conflicting fixes: of two fixes on overlapping bytes (and two insertions at one place)
    /// the first in file order is applied, the other waits for the next pass, and neither is lost.
    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let finding = |range: Range<usize>, replacement: &str| {
            let span = crate::LineIndex::new(b"[11, 22]").span(range.start, range.end);
            Diagnostic {
                rule: "laws",
                severity: crate::Severity::Error,
                file: "x.json".into(),
                pointer: String::new(),
                span: Some(span),
                message: String::new(),
                help: None,
                related: Vec::new(),
                fix: Some(Fix {
                    applicability: Applicability::Safe,
                    message: String::new(),
                    edits: vec![Edit {
                        range,
                        span,
                        replacement: replacement.to_owned(),
                    }],
                }),
            }
        };
        // Each pass offers what is still to do, as a re-check would.
        let recheck = |bytes: &[u8]| match bytes {
            b"[11, 22]" => vec![
                finding(1..3, "1"),
                finding(2..6, "9, 2"),
                finding(5..5, " "),
                finding(5..5, "  "),
            ],
            b"[1,  22]" => vec![finding(1..2, "3")],
            _ => Vec::new(),
        };
        let outcome = apply_fixes(b"[11, 22]", recheck, &FixSelection::default());
        assert!(outcome.converged);
        // Pass 1: `1..3` and one insertion at 5; `2..6` overlaps, the second insertion at 5 too.
        assert_eq!(outcome.bytes, b"[3,  22]");
        assert_eq!(outcome.passes, 2);
        assert_eq!(outcome.applied.get("laws"), Some(&3));
    }

    #[test]
    fn configuration_decides_how_a_fix_counts() {
        let mut selection = FixSelection::default();
        selection.fixable.insert("links".to_owned());
        selection.unfixable.insert("laws".to_owned());
        assert_eq!(
            selection.configured("links", Applicability::Unsafe),
            Some(Applicability::Safe)
        );
        assert_eq!(selection.configured("laws", Applicability::Safe), None);
        assert_eq!(
            selection.configured("unknown-key", Applicability::Unsafe),
            Some(Applicability::Unsafe)
        );
    }

    #[test]
    fn selection_follows_applicability_and_configuration() {
        let mut selection = FixSelection::default();
        assert!(selection.allows_rule("laws", Applicability::Safe));
        assert!(!selection.allows_rule("links", Applicability::Unsafe));
        selection.fixable.insert("links".to_owned());
        assert!(selection.allows_rule("links", Applicability::Unsafe));
        selection.unfixable.insert("laws".to_owned());
        selection.unsafe_fixes = true;
        assert!(!selection.allows_rule("laws", Applicability::Safe));
    }
}
