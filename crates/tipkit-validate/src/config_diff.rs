//! What changed in `tipkit.toml` between the two sides of a diff: rules turned off, lowered or
//! raised, `exclude` patterns added or removed, other settings changed, and a configuration
//! that cannot be used. A reviewer sees it first, since it changes what the check checks.

use std::collections::HashSet;

use serde_json::Value;

use crate::config::split_off;
use crate::{Config, RuleLevel, RuleSet, Severity, registry};

/// What changed in the configuration. The order is the report's: what weakens the check first.
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
#[serde(rename_all = "kebab-case")]
pub enum ConfigChangeKind {
    /// The configuration of one side cannot be used (its message is the value): a check with it
    /// stops.
    Unusable,
    /// A rule turned off: its findings are no longer reported.
    RuleOff,
    /// A rule reported at a lower severity: what failed the check may pass.
    RuleLowered,
    /// An `exclude` pattern added: the paths it matches are no longer checked.
    ExcludeAdded,
    /// A rule reported at a higher severity, or turned on again.
    RuleRaised,
    /// An `exclude` pattern removed.
    ExcludeRemoved,
    /// Another setting changed (`fixable`, `unfixable`): the values are the lists.
    SettingChanged,
}

impl ConfigChangeKind {
    /// The kind as the report writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unusable => "unusable",
            Self::RuleOff => "rule-off",
            Self::RuleLowered => "rule-lowered",
            Self::ExcludeAdded => "exclude-added",
            Self::RuleRaised => "rule-raised",
            Self::ExcludeRemoved => "exclude-removed",
            Self::SettingChanged => "setting-changed",
        }
    }

    /// Whether the change can let through what failed before.
    pub const fn weakens(self) -> bool {
        matches!(
            self,
            Self::Unusable | Self::RuleOff | Self::RuleLowered | Self::ExcludeAdded
        )
    }
}

/// One change of the configuration.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ConfigChange {
    /// The configuration file of the side the change is about (NEW's, OLD's for a removal or
    /// an unusable OLD); "" for the defaults, when that side has no file.
    pub file: String,
    /// What happened.
    pub kind: ConfigChangeKind,
    /// The rule id, the `exclude` pattern, the setting's name, or for `unusable` the file.
    pub key: String,
    /// The value in OLD: a rule's level (its default when not set), a list, a message; null
    /// when absent.
    pub old: Value,
    /// The value in NEW, likewise.
    pub new: Value,
}

/// One side's configuration: how its file is named ("" for none: the defaults), and the
/// configuration or why it cannot be used.
#[derive(Debug, Clone)]
pub struct ConfigSide {
    /// The file, as changes name it: `tipkit.toml`, `HEAD:tipkit.toml`; "" for the defaults.
    pub file: String,
    /// The configuration, or the message of why it cannot be used.
    pub config: Result<Config, String>,
}

impl ConfigSide {
    /// The defaults: no file.
    pub fn defaults() -> Self {
        Self {
            file: String::new(),
            config: Ok(Config::default()),
        }
    }
}

/// What changed from `old`'s configuration to `new`'s, in report order (by kind, then key).
pub fn diff_configs(old: &ConfigSide, new: &ConfigSide) -> Vec<ConfigChange> {
    let (old_config, new_config) = match (&old.config, &new.config) {
        (Ok(old), Ok(new)) => (old, new),
        (old_config, new_config) => {
            let mut changes = Vec::new();
            if let Err(message) = old_config {
                changes.push(unusable(
                    &old.file,
                    Value::from(message.as_str()),
                    Value::Null,
                ));
            }
            if let Err(message) = new_config {
                changes.push(unusable(
                    &new.file,
                    Value::Null,
                    Value::from(message.as_str()),
                ));
            }
            return changes;
        }
    };
    let change = |file: &str, kind, key: &str, old: Value, new: Value| ConfigChange {
        file: file.to_owned(),
        kind,
        key: key.to_owned(),
        old,
        new,
    };
    let mut changes = rule_changes(old_config, &new.file, new_config);
    let (old_patterns, new_patterns): (HashSet<&String>, HashSet<&String>) = (
        old_config.exclude.iter().collect(),
        new_config.exclude.iter().collect(),
    );
    let mut reported = HashSet::new();
    for pattern in &new_config.exclude {
        // A pattern written twice is one change.
        if !old_patterns.contains(pattern) && reported.insert(pattern) {
            let new_pattern = Value::from(pattern.as_str());
            changes.push(change(
                &new.file,
                ConfigChangeKind::ExcludeAdded,
                pattern,
                Value::Null,
                new_pattern,
            ));
        }
    }
    for pattern in &old_config.exclude {
        if !new_patterns.contains(pattern) && reported.insert(pattern) {
            let old_pattern = Value::from(pattern.as_str());
            changes.push(change(
                &old.file,
                ConfigChangeKind::ExcludeRemoved,
                pattern,
                old_pattern,
                Value::Null,
            ));
        }
    }
    for (name, before, after) in [
        ("fixable", &old_config.fixable, &new_config.fixable),
        ("unfixable", &old_config.unfixable, &new_config.unfixable),
    ] {
        let (mut sorted_before, mut sorted_after) = (before.clone(), after.clone());
        sorted_before.sort();
        sorted_after.sort();
        if sorted_before != sorted_after {
            changes.push(change(
                &new.file,
                ConfigChangeKind::SettingChanged,
                name,
                Value::from(before.clone()),
                Value::from(after.clone()),
            ));
        }
    }
    changes.sort_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
    changes
}

/// The rules whose level changed: each rule named, and those split off an old id it names, which
/// follow it (`laws = "off"` turns off `laws-order` too).
fn rule_changes(old_config: &Config, new_file: &str, new_config: &Config) -> Vec<ConfigChange> {
    let mut ids: Vec<&str> = old_config
        .rules
        .keys()
        .chain(new_config.rules.keys())
        .flat_map(|id| std::iter::once(id.as_str()).chain(split_off(id).iter().copied()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let (old_rules, new_rules) = (old_config.rule_set(), new_config.rule_set());
    let mut changes = Vec::new();
    for id in ids {
        let (before, after) = (level(&old_rules, id), level(&new_rules, id));
        if before == after {
            continue;
        }
        let kind = if after == RuleLevel::Off {
            ConfigChangeKind::RuleOff
        } else if rank(after) < rank(before) {
            ConfigChangeKind::RuleLowered
        } else {
            ConfigChangeKind::RuleRaised
        };
        changes.push(ConfigChange {
            file: new_file.to_owned(),
            kind,
            key: id.to_owned(),
            old: level_name(before).into(),
            new: level_name(after).into(),
        });
    }
    changes
}

fn unusable(file: &str, old: Value, new: Value) -> ConfigChange {
    ConfigChange {
        file: file.to_owned(),
        kind: ConfigChangeKind::Unusable,
        key: file.to_owned(),
        old,
        new,
    }
}

/// A rule's level in a check: as set (by its id, or by an old id it was split off), or its
/// default severity.
fn level(rules: &RuleSet, id: &str) -> RuleLevel {
    if let Some(level) = rules.level(id) {
        return level;
    }
    match registry::rule(id).map(|rule| rule.default_severity) {
        Some(Severity::Info) => RuleLevel::Info,
        Some(Severity::Warning) => RuleLevel::Warning,
        Some(Severity::Error) | None => RuleLevel::Error,
    }
}

const fn rank(level: RuleLevel) -> u8 {
    match level {
        RuleLevel::Off => 0,
        RuleLevel::Info => 1,
        RuleLevel::Warning => 2,
        RuleLevel::Error => 3,
    }
}

const fn level_name(level: RuleLevel) -> &'static str {
    match level {
        RuleLevel::Off => "off",
        RuleLevel::Info => "info",
        RuleLevel::Warning => "warning",
        RuleLevel::Error => "error",
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn side(file: &str, text: &str) -> ConfigSide {
        ConfigSide {
            file: file.to_owned(),
            config: Config::parse(Path::new(file), text).map_err(|e| e.to_string()),
        }
    }

    fn kinds(changes: &[ConfigChange]) -> Vec<(&str, &str, String, String)> {
        changes
            .iter()
            .map(|c| {
                (
                    c.kind.as_str(),
                    c.key.as_str(),
                    c.old.to_string(),
                    c.new.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn rules_off_lowered_raised_and_excludes_are_changes() {
        let old = side(
            "HEAD:tipkit.toml",
            "exclude = [\"old/**\"]\n[rules]\ncoverage = \"warning\"\n",
        );
        let new = side(
            "tipkit.toml",
            "exclude = [\"profiles/ct.json\"]\nfixable = [\"links\"]\n[rules]\nhotlines = \"off\"\nlaws = \"warning\"\ncoverage = \"error\"\n",
        );
        let changes = diff_configs(&old, &new);
        assert_eq!(
            kinds(&changes),
            [
                ("rule-off", "hotlines", "\"error\"".into(), "\"off\"".into()),
                (
                    "rule-lowered",
                    "laws",
                    "\"error\"".into(),
                    "\"warning\"".into()
                ),
                (
                    "exclude-added",
                    "profiles/ct.json",
                    "null".into(),
                    "\"profiles/ct.json\"".into()
                ),
                (
                    "rule-raised",
                    "coverage",
                    "\"warning\"".into(),
                    "\"error\"".into()
                ),
                (
                    "exclude-removed",
                    "old/**",
                    "\"old/**\"".into(),
                    "null".into()
                ),
                (
                    "setting-changed",
                    "fixable",
                    "[]".into(),
                    "[\"links\"]".into()
                ),
            ]
        );
        assert!(changes.iter().take(3).all(|c| c.kind.weakens()));
        assert_eq!(changes[0].file, "tipkit.toml");
        assert_eq!(changes[4].file, "HEAD:tipkit.toml");
    }

    #[test]
    fn the_same_levels_written_or_not_are_no_change() {
        let old = ConfigSide::defaults();
        let new = side("tipkit.toml", "[rules]\nhotlines = \"error\"\n");
        assert!(diff_configs(&old, &new).is_empty());
        assert!(diff_configs(&new, &new).is_empty());
    }

    #[test]
    fn an_unusable_side_is_one_change() {
        let old = ConfigSide::defaults();
        let new = side("tipkit.toml", "[rules]\nhotlinez = \"off\"\n");
        let changes = diff_configs(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].kind, ConfigChangeKind::Unusable);
        assert!(
            changes[0].new.as_str().unwrap().contains("unknown rule"),
            "{:?}",
            changes[0]
        );
    }

    /// #22 round 2, diff2.3: an old id turns off what was split off it too, and the diff says so.
    #[test]
    fn an_old_id_lists_what_it_turns_off_too() {
        let old = ConfigSide::defaults();
        let new = side("tipkit.toml", "[rules]\nlaws = \"off\"\n");
        assert_eq!(
            kinds(&diff_configs(&old, &new)),
            [
                ("rule-off", "laws", "\"error\"".into(), "\"off\"".into()),
                (
                    "rule-off",
                    "laws-order",
                    "\"warning\"".into(),
                    "\"off\"".into()
                ),
            ]
        );
        // Named itself, a part keeps its own level.
        let own = side(
            "tipkit.toml",
            "[rules]\nlaws = \"off\"\nlaws-order = \"warning\"\n",
        );
        assert_eq!(diff_configs(&old, &own).len(), 1);
    }
}
