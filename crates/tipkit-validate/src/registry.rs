//! Every rule, by id, and what each one owns. Each rule is one file in `rules/` that declares
//! its `RULE` with [`declare_rule!`]: its id, severity, docs (the doc comment), its check, and
//! for the rules that word schema errors, the JSON Schema keywords it owns. `rules/mod.rs` lists
//! the files once, and that list is [`RULES`]. How to add one: `CONTRIBUTING.md`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Diagnostic;
use crate::context::{FolderContext, ProfileContext};
use crate::diagnostic::Severity;
use crate::sections::{Reads, Section, Sections};
use crate::structural::SchemaError;
use crate::summary::Fact;

pub use crate::rules::RULES;

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
    /// The schema errors the rule words, if any.
    pub(crate) schema_errors: Option<SchemaErrors>,
    /// The fixes its findings carry, when some do.
    pub fix: Option<crate::FixAvailability>,
}

/// How a rule runs.
pub(crate) enum Check {
    /// Found by a stage of the pipeline (reading, syntax, span index, schema); the rule words it.
    Stage,
    /// Runs on one profile, when the sections it `reads` typed.
    Profile { reads: Reads, check: ProfileCheck },
    /// Runs on the summaries of the profiles of one folder, which keep the `facts` it reads.
    Folder {
        facts: &'static [Fact],
        check: fn(&FolderContext<'_>, &mut Vec<Diagnostic>),
    },
}

/// The schema errors a rule words: those of the JSON Schema keywords it owns (`"required"`,
/// `"maxItems"` …, as `jsonschema` names them). Each keyword has one owner; the schema stage
/// hands each error to the owner of its keyword.
pub(crate) struct SchemaErrors {
    /// The keywords; [`ANY_OTHER_KEYWORD`] stands for every keyword no rule owns.
    pub(crate) keywords: &'static [&'static str],
    /// Words one error of these keywords.
    pub(crate) diagnose: Diagnose,
}

/// How a rule words one schema error.
pub(crate) type Diagnose = fn(&SchemaError<'_, '_>, &mut Vec<Diagnostic>);

/// Stands for the keywords no rule owns, so that every schema error has a rule.
pub(crate) const ANY_OTHER_KEYWORD: &str = "*";

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

    /// The rule's documentation as `tipkit explain` prints it and the language server shows it
    /// on hover: a heading with the id, the default severity and scope, then [`Rule::docs`].
    pub fn explanation(&self) -> String {
        let mut out = format!(
            "# {}\n\nDefault severity: {}. Scope: {}.\n\n",
            self.id,
            self.default_severity,
            self.scope()
        );
        out.push_str(&self.docs());
        out
    }

    /// Whether the rule runs on a profile whose top-level `keys` did not type (a key no profile
    /// has was left out): a rule of one profile runs when the sections it reads typed. The
    /// other rules do not read sections.
    pub fn runs_without(&self, keys: &[&str]) -> bool {
        let Check::Profile { reads, .. } = self.check else {
            return true;
        };
        let mut failed = Sections::default();
        let mut dropped = false;
        for key in keys {
            match Section::of_key(key) {
                Some(section) => failed.insert(section),
                None => dropped = true,
            }
        }
        reads.runs(failed, dropped)
    }

    /// What the rule looks at: "file", "profile" or "folder".
    pub fn scope(&self) -> &'static str {
        match self.check {
            Check::Stage => "file",
            Check::Profile { .. } => "profile",
            Check::Folder { .. } => "folder",
        }
    }
}

/// Declares a rule file's `RULE`, taking its docs from the doc comment.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        id: $id:literal,
        severity: $severity:ident,
        $(fix: $fix:ident,)?
        check: $check:expr
        $(, schema_errors: $schema_errors:expr)?
        $(,)?
    ) => {
        pub(crate) static RULE: $crate::registry::Rule = $crate::registry::Rule {
            id: $id,
            default_severity: $crate::Severity::$severity,
            doc_lines: &[$($doc),*],
            check: $check,
            schema_errors: $crate::registry::declare_rule!(@optional $($schema_errors)?),
            fix: $crate::fix::availability(&[$($crate::FixAvailability::$fix)?]),
        };
    };
    (@optional) => { None };
    (@optional $value:expr) => { Some($value) };
}
pub(crate) use declare_rule;

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

/// The check of a rule of one profile.
pub(crate) type ProfileCheck = fn(&ProfileContext<'_>, &mut Vec<Diagnostic>);

/// The rules of one profile, each with what it reads and its check.
pub(crate) fn profile_rules() -> impl Iterator<Item = (&'static Rule, Reads, ProfileCheck)> {
    RULES.iter().filter_map(|rule| match rule.check {
        Check::Profile { reads, check } => Some((*rule, reads, check)),
        _ => None,
    })
}

/// The rules across the profiles of a folder, each with its check.
pub(crate) fn folder_rules()
-> impl Iterator<Item = (&'static Rule, fn(&FolderContext<'_>, &mut Vec<Diagnostic>))> {
    RULES.iter().filter_map(|rule| match rule.check {
        Check::Folder { check, .. } => Some((*rule, check)),
        _ => None,
    })
}

/// The facts the rules across profiles read, each as often as a rule declares it.
pub(crate) fn folder_facts() -> impl Iterator<Item = Fact> {
    RULES.iter().flat_map(|rule| match rule.check {
        Check::Folder { facts, .. } => facts.iter().copied(),
        _ => [].iter().copied(),
    })
}

/// The rule that words the schema errors of `keyword`.
pub(crate) fn schema_error_owner(keyword: &str) -> &'static Rule {
    static OWNERS: OnceLock<HashMap<&'static str, &'static Rule>> = OnceLock::new();
    let owners = OWNERS.get_or_init(|| {
        let mut owners = HashMap::new();
        for &rule in RULES {
            for &keyword in rule.schema_errors.iter().flat_map(|errors| errors.keywords) {
                owners.insert(keyword, rule);
            }
        }
        owners
    });
    owners
        .get(keyword)
        .or_else(|| owners.get(ANY_OTHER_KEYWORD))
        .copied()
        .expect("a rule owns the keywords no other rule owns")
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

    #[test]
    fn every_fact_is_read_by_a_rule() {
        use crate::summary::Fact;
        for fact in [Fact::Status, Fact::ReportingPeriod, Fact::NationalPhone] {
            assert!(folder_facts().any(|f| f == fact), "no rule reads {fact:?}");
        }
    }

    #[test]
    fn each_schema_keyword_has_one_owner() {
        let mut owner = HashMap::new();
        for rule in RULES {
            for &keyword in rule.schema_errors.iter().flat_map(|e| e.keywords) {
                if let Some(other) = owner.insert(keyword, rule.id) {
                    panic!("`{keyword}` is owned by both {other} and {}", rule.id);
                }
            }
        }
        assert!(
            owner.contains_key(ANY_OTHER_KEYWORD),
            "no rule words other keywords"
        );
    }

    /// The keywords of the generated schema that can fail, each worded by a rule of its own,
    /// not in the schema's words: a keyword the schema starts to use needs an owner.
    #[test]
    fn every_keyword_of_the_schema_has_a_rule() {
        // Annotations and structure: they hold no constraint of their own.
        const NOT_CHECKS: [&str; 11] = [
            "$schema",
            "$defs",
            "$ref",
            "title",
            "description",
            "enumDescriptions",
            "properties",
            "items",
            "format",
            "oneOf",
            "anyOf",
        ];
        fn keywords(schema: &serde_json::Value, found: &mut std::collections::BTreeSet<String>) {
            let Some(object) = schema.as_object() else {
                return;
            };
            for (keyword, value) in object {
                found.insert(keyword.clone());
                match keyword.as_str() {
                    "properties" | "$defs" => value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .for_each(|(_, s)| keywords(s, found)),
                    "oneOf" | "anyOf" => value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .for_each(|s| keywords(s, found)),
                    _ => keywords(value, found),
                }
            }
        }
        let mut found = std::collections::BTreeSet::new();
        keywords(&tipkit_model::schema().to_value(), &mut found);
        let owned: Vec<&str> = RULES
            .iter()
            .filter_map(|rule| rule.schema_errors.as_ref())
            .flat_map(|errors| errors.keywords.iter().copied())
            .collect();
        for keyword in found.iter().filter(|k| !NOT_CHECKS.contains(&k.as_str())) {
            assert!(
                owned.contains(&keyword.as_str()),
                "no rule owns the schema keyword `{keyword}`"
            );
        }
    }
}
