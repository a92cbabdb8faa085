//! `rules-not-run`: the rules that could not run because a section they read did not type.

use crate::Diagnostic;
use crate::context::{FileContext, Target};
use crate::registry::{Check, Rule, declare_rule};
use crate::sections::{Reads, Section, Sections};
use crate::wording::{plural, quoted_list};

declare_rule! {
    /// Says which rules did not check a section, because that section did not pass the schema.
    ///
    /// ## What it checks
    /// Nothing of its own. A section of a profile that breaks the schema (a rank of 7, a key
    /// misspelt inside `state`, a missing `hotlines`) cannot be read as typed data, so the
    /// rules that read it cannot run on it; every other rule still runs. This finding, once per
    /// file, names the rules that did not run (or ran only on the other sections) and the
    /// sections they could not read. `layout` also waits for keys the format does not know to go.
    ///
    /// ## Why it matters
    /// Without it, a clean report of the other rules would read as if the whole file had been
    /// checked: the findings of those rules would only show once the schema errors are fixed.
    ///
    /// ## Example
    /// ```json
    /// { "sex_trafficking_venues": [ { "rank": 7, "venue": "Hotel/Motel-Based" } ] }
    /// ```
    /// `out-of-range` reports the rank, and this finding says that `ranked-venues`,
    /// `completeness` and `layout` did not check `sex_trafficking_venues`.
    id: "rules-not-run",
    severity: Info,
    check: Check::Stage,
}

/// The rules of one file that did not run, or ran on part of what they read.
#[derive(Default)]
pub(crate) struct NotRun {
    rules: Vec<&'static str>,
    sections: Sections,
    waited_for_unknown_keys: bool,
}

impl NotRun {
    /// Notes `rule`, which reads `reads`, when it cannot run on all of it.
    pub(crate) fn note(&mut self, rule: &Rule, reads: Reads, failed: Sections, dropped: bool) {
        let missed = reads.sections().and(failed);
        let whole_waits = matches!(reads, Reads::Whole) && dropped;
        if !missed.is_empty() || whole_waits {
            self.rules.push(rule.id);
            self.sections = self.sections.or(missed);
            self.waited_for_unknown_keys |= whole_waits;
        }
    }

    /// The one finding of the file, when a rule did not run.
    pub(crate) fn diagnose(
        &self,
        source: &FileContext<'_>,
        failed: Sections,
        dropped: bool,
    ) -> Option<Diagnostic> {
        if self.rules.is_empty() {
            return None;
        }
        let rules = quoted_list(&self.rules);
        let keys: Vec<&str> = self.sections.iter().map(Section::key).collect();
        let mut why = Vec::new();
        if !keys.is_empty() {
            why.push(format!(
                "{} {} not pass the schema",
                quoted_list(&keys),
                if keys.len() == 1 { "does" } else { "do" }
            ));
        }
        if self.waited_for_unknown_keys && dropped {
            why.push("the profile has keys the format does not know".to_owned());
        }
        let message = format!(
            "{} {} did not check everything, as {}: {rules}",
            self.rules.len(),
            plural(self.rules.len(), "rule"),
            why.join(", and ")
        );
        // At the first section set aside that the file holds, else at the root.
        let present = |key: &&str| source.spans().get(source.bytes(), &format!("/{key}")).is_some();
        let at = failed
            .iter()
            .map(Section::key)
            .find(present)
            .map_or(String::new(), |key| {
                tipkit_model::Pointer::root().key(key).into_string()
            });
        Some(
            source
                .report(&RULE, &at, Target::Key, message)
                .with_help("fix the errors above and check again: these rules then check it all"),
        )
    }
}
