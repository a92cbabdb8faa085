//! Every rule, by id. Adding a rule: write `rules/<name>.rs` with `declare_rule!`, add it to
//! `rules/mod.rs` and to [`RULES`], add a fixture folder `tests/fixtures/<id>/`, and run
//! `cargo insta test` and `cargo xtask codegen`.

use crate::Diagnostic;
use crate::context::{FolderContext, ProfileContext};
use crate::diagnostic::Severity;
use crate::rules;

/// A rule: its id, its default severity, its documentation and its check.
pub struct Rule {
    /// Stable kebab-case id: `ranked-venues`.
    pub id: &'static str,
    /// The severity of its main finding. Some rules also report at a lower level, as their
    /// docs say.
    pub default_severity: Severity,
    /// The doc comment, one line per element.
    pub(crate) doc_lines: &'static [&'static str],
    pub(crate) check: Check,
}

/// How a rule runs.
pub(crate) enum Check {
    /// Found by a stage of the pipeline (syntax, span index, schema); the rule documents it.
    Stage,
    /// Runs on one profile that passed the schema.
    Profile(fn(&ProfileContext<'_>, &mut Vec<Diagnostic>)),
    /// Runs on the profiles of one folder.
    Folder(fn(&FolderContext<'_>, &mut Vec<Diagnostic>)),
}

impl Rule {
    /// The first paragraph of the docs: what the rule checks, in one sentence.
    pub fn summary(&self) -> String {
        let lines = self.doc_lines.iter().map(|line| line.trim());
        lines
            .take_while(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The docs, as Markdown: what it checks, why it matters, and an example.
    pub fn docs(&self) -> String {
        let mut text = String::new();
        for line in self.doc_lines {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text
    }

    /// What the rule looks at: "file", "profile" or "folder".
    pub fn scope(&self) -> &'static str {
        match self.check {
            Check::Stage => "file",
            Check::Profile(_) => "profile",
            Check::Folder(_) => "folder",
        }
    }
}

/// Declares a rule file's `RULE`, taking its docs from the doc comment.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* id: $id:literal, severity: $severity:ident, check: $check:expr $(,)?) => {
        pub(crate) static RULE: $crate::registry::Rule = $crate::registry::Rule {
            id: $id,
            default_severity: $crate::Severity::$severity,
            doc_lines: &[$($doc),*],
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// Every rule: structural ones first, then per profile, then across profiles.
pub static RULES: &[&Rule] = &[
    &rules::read_error::RULE,
    &rules::syntax::RULE,
    &rules::duplicate_key::RULE,
    &rules::unknown_key::RULE,
    &rules::missing_key::RULE,
    &rules::wrong_type::RULE,
    &rules::unknown_value::RULE,
    &rules::out_of_range::RULE,
    &rules::invalid_format::RULE,
    &rules::state_identity::RULE,
    &rules::state_statistics_url::RULE,
    &rules::reporting_period::RULE,
    &rules::demographic_bounds::RULE,
    &rules::non_cumulative_note::RULE,
    &rules::cases_vs_persons::RULE,
    &rules::ranked_venues::RULE,
    &rules::laws::RULE,
    &rules::links::RULE,
    &rules::hotlines::RULE,
    &rules::unsafe_text::RULE,
    &rules::hotline_statistics::RULE,
    &rules::completeness::RULE,
    &rules::duplicate_jurisdiction::RULE,
    &rules::period_mismatch::RULE,
    &rules::hotline_mismatch::RULE,
    &rules::coverage::RULE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

/// The rules of one profile, each with its check.
pub(crate) fn profile_rules()
-> impl Iterator<Item = (&'static Rule, fn(&ProfileContext<'_>, &mut Vec<Diagnostic>))> {
    RULES.iter().filter_map(|rule| match rule.check {
        Check::Profile(check) => Some((*rule, check)),
        _ => None,
    })
}

/// The rules across the profiles of a folder, each with its check.
pub(crate) fn folder_rules()
-> impl Iterator<Item = (&'static Rule, fn(&FolderContext<'_>, &mut Vec<Diagnostic>))> {
    RULES.iter().filter_map(|rule| match rule.check {
        Check::Folder(check) => Some((*rule, check)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "{} is registered twice", rule.id);
            assert!(
                rule.id
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{} is not kebab-case",
                rule.id
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RULES {
            let docs = rule.docs();
            assert!(!rule.summary().is_empty(), "{} has no summary", rule.id);
            for section in ["## What it checks", "## Why it matters", "## Example"] {
                assert!(docs.contains(section), "{} lacks `{section}`", rule.id);
            }
        }
    }
}
