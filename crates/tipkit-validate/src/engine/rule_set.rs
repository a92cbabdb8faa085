//! Which rules run, and at which severity: decided from the configuration before any check.

use std::collections::BTreeMap;

use crate::config::RuleLevel;
use crate::diagnostic::{Diagnostic, Severity};
use crate::registry::Rule;

/// The rules that run, each at its severity. The default runs every rule at its own severity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSet {
    /// The rules set to something else than their default, by id.
    levels: BTreeMap<&'static str, RuleLevel>,
}

/// Every rule at its default severity.
pub(crate) static ALL_RULES: RuleSet = RuleSet {
    levels: BTreeMap::new(),
};

impl RuleSet {
    /// Every rule at its default severity.
    pub fn all() -> Self {
        Self::default()
    }

    /// Sets `rule` to `level`. `off` keeps its check from running.
    pub fn set(&mut self, rule: &'static Rule, level: RuleLevel) {
        self.levels.insert(rule.id, level);
    }

    /// The level the rule with this id is set to, when not its default.
    pub(crate) fn level(&self, rule: &str) -> Option<RuleLevel> {
        self.levels.get(rule).copied()
    }

    /// Whether the rule with this id runs.
    pub fn runs(&self, rule: &str) -> bool {
        self.levels.get(rule) != Some(&RuleLevel::Off)
    }

    /// A finding as this set reports it: `None` when its rule is off, else at the rule's
    /// configured severity.
    pub(crate) fn admit(&self, mut diagnostic: Diagnostic) -> Option<Diagnostic> {
        match self.levels.get(diagnostic.rule) {
            None => {}
            Some(RuleLevel::Off) => return None,
            Some(RuleLevel::Info) => diagnostic.severity = Severity::Info,
            Some(RuleLevel::Warning) => diagnostic.severity = Severity::Warning,
            Some(RuleLevel::Error) => diagnostic.severity = Severity::Error,
        }
        Some(diagnostic)
    }
}
