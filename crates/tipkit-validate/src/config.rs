//! `tipkit.toml`: per rule, another severity or `off`; and paths to leave out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::{registry, suggest};

/// What `tipkit.toml` holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "tipkit configuration (tipkit.toml)")]
pub struct Config {
    /// Paths to leave out of `tipkit check`, as glob patterns relative to the folder of
    /// `tipkit.toml`: `*` matches within a path segment, `**` across segments.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Per rule id, the severity to report its findings at, or `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
}

/// A rule's setting in `tipkit.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Do not report the rule's findings.
    Off,
    /// Report them as information.
    Info,
    /// Report them as warnings.
    Warning,
    /// Report them as errors.
    Error,
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The configuration file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not TOML, or not the shape of a configuration.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A rule id that no rule has.
    #[error("{}:{line}:{column}: unknown rule `{rule}`{}", path.display(), hint.as_deref().map(|h| format!("; {h}")).unwrap_or_default())]
    UnknownRule {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line of the rule id.
        line: usize,
        /// 1-based column of the rule id.
        column: usize,
        /// The id as written.
        rule: String,
        /// "did you mean …".
        hint: Option<String>,
    },
}

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// Parses and checks configuration text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let lines = crate::LineIndex::new(text.as_bytes());
        let config: Self = toml::from_str(text).map_err(|error| {
            let (line, column) = error
                .span()
                .map_or((1, 1), |span| lines.line_column(span.start));
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: error.message().trim().to_owned(),
            }
        })?;
        for rule in config.rules.keys() {
            if registry::rule(rule).is_none() {
                let at = find_key(text, rule).unwrap_or(0);
                let (line, column) = lines.line_column(at);
                let ids = registry::RULES.iter().map(|r| r.id);
                return Err(ConfigError::UnknownRule {
                    path: path.to_path_buf(),
                    line,
                    column,
                    rule: rule.clone(),
                    hint: suggest::did_you_mean(&suggest::nearest(rule, ids)),
                });
            }
        }
        Ok(config)
    }

    /// Applies the rule settings: drops the findings of rules that are off and sets the
    /// severity of the others.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() {
            return;
        }
        diagnostics.retain_mut(|diagnostic| match self.rules.get(diagnostic.rule) {
            None => true,
            Some(RuleLevel::Off) => false,
            Some(RuleLevel::Info) => set(diagnostic, Severity::Info),
            Some(RuleLevel::Warning) => set(diagnostic, Severity::Warning),
            Some(RuleLevel::Error) => set(diagnostic, Severity::Error),
        });
    }
}

fn set(diagnostic: &mut Diagnostic, severity: Severity) -> bool {
    diagnostic.severity = severity;
    true
}

/// Where `key` is written as a key in TOML text: the first line that starts with it.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed.strip_prefix('"').unwrap_or(trimmed);
        if bare.starts_with(key)
            && bare[key.len()..]
                .trim_start_matches('"')
                .trim_start()
                .starts_with('=')
        {
            return Some(offset + indent);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("tipkit.toml"), text)
    }

    #[test]
    fn rules_and_excludes() {
        let config = parse(
            "exclude = [\"profiles/old/**\"]\n[rules]\ncoverage = \"off\"\nlaws = \"warning\"\n",
        )
        .unwrap();
        assert_eq!(config.exclude, ["profiles/old/**"]);
        assert_eq!(config.rules["coverage"], RuleLevel::Off);
        assert_eq!(config.rules["laws"], RuleLevel::Warning);
    }

    #[test]
    fn an_unknown_rule_is_an_error_at_its_line() {
        let error = parse("[rules]\ncoverage = \"off\"\nrankd-venues = \"off\"\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "tipkit.toml:3:1: unknown rule `rankd-venues`; did you mean `ranked-venues`?"
        );
    }

    #[test]
    fn a_bad_level_or_key_is_located() {
        let error = parse("[rules]\nlaws = \"loud\"\n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("tipkit.toml:2:8: unknown variant `loud`"),
            "{error}"
        );
        let error = parse("excludes = []\n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("tipkit.toml:1:1: unknown field `excludes`"),
            "{error}"
        );
    }
}
