//! `tipkit.toml`: per rule, another severity or `off`; and paths to leave out.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::{LineIndex, ReadError, RuleSet, registry, wording};

/// Rules that no configuration turns off or lowers, with the reason.
const LOCKED: [(&str, &str); 2] = [
    (
        "syntax",
        "a file that is not JSON cannot be checked at all, so it always fails the check",
    ),
    (
        "read-error",
        "a file that cannot be read was not checked, so it always fails the check",
    ),
];

/// Rules that reported at several severities, split into rules of one severity each: the old id
/// names the first part still, and the others are rules of their own. For one release, setting
/// the old id to `off` or to a lower level turns off or lowers the others too (never raises
/// them), and `fixable`/`unfixable` of the old id cover them; loading says so with a warning.
const SPLIT: [(&str, &[&str]); 4] = [
    (
        "hotline-statistics",
        &["hotline-statistics-total", "hotline-statistics-revised"],
    ),
    ("laws", &["laws-order"]),
    ("non-cumulative-note", &["non-cumulative-note-unneeded"]),
    ("completeness", &["sections-to-transcribe"]),
];

/// The rules split off the rule `id`, for one release ([`SPLIT`]).
pub(crate) fn split_off(id: &str) -> &'static [&'static str] {
    SPLIT
        .iter()
        .find(|(old, _)| *old == id)
        .map_or(&[], |(_, parts)| parts)
}

/// The largest `tipkit.toml` read: a real one is a few lines.
const SIZE_LIMIT: u64 = 1024 * 1024;

/// The largest configuration read, from disk or from git.
pub const CONFIG_SIZE_LIMIT: u64 = SIZE_LIMIT;

/// What `tipkit.toml` holds.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "tipkit configuration (tipkit.toml)")]
pub struct Config {
    /// Paths to leave out of `tipkit check`, as glob patterns relative to the folder of
    /// `tipkit.toml`: `*` and `?` match within a path segment, `**` across segments,
    /// `{a,b}` either.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Per rule id, the severity to report its findings at, or `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// Rule ids whose unsafe fixes `tipkit check --fix` applies as if they were safe.
    #[serde(default)]
    pub fixable: Vec<String>,
    /// Rule ids whose fixes are never applied.
    #[serde(default)]
    pub unfixable: Vec<String>,
    /// The folder `exclude` is relative to: the configuration file's; empty for the working
    /// folder.
    #[serde(skip)]
    pub folder: PathBuf,
    /// The `exclude` patterns, compiled.
    #[serde(skip)]
    matcher: Exclude,
    /// What loading found that still works but will not for long: print them.
    #[serde(skip)]
    pub warnings: Vec<ConfigWarning>,
}

/// A configuration that works, with something to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigWarning {
    /// A rule id that since named several rules, as [`SPLIT`] lists.
    #[error(
        "{}:{line}:{column}: `{rule}` was split into `{rule}`, {}, each of one severity; for \
         this release, `{rule}` also turns off or lowers the rules split off it (never raises \
         them): name them in `[rules]` to keep that",
        path.display(),
        wording::quoted_list(parts.iter())
    )]
    SplitRule {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line of the rule id.
        line: usize,
        /// 1-based column of the rule id.
        column: usize,
        /// The rule id, as written.
        rule: String,
        /// The rules split off it.
        parts: &'static [&'static str],
    },
}

/// A rule's setting in `tipkit.toml`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, schemars::JsonSchema,
)]
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

impl From<crate::Severity> for RuleLevel {
    fn from(severity: crate::Severity) -> Self {
        match severity {
            crate::Severity::Info => Self::Info,
            crate::Severity::Warning => Self::Warning,
            crate::Severity::Error => Self::Error,
        }
    }
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{0}")]
    Read(ReadError),
    /// A symbolic link that leads outside the folder it is in and the working folder: not read,
    /// so that a submission cannot have a file of the runner read and quoted in an error.
    #[error("{}: a symbolic link that leads outside its folder; not read", path.display())]
    OutsideFolder {
        /// The link.
        path: PathBuf,
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
    /// A rule that cannot be turned off or lowered.
    #[error("{}:{line}:{column}: `{rule}` cannot be turned off or lowered: {why}", path.display())]
    Locked {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line of the rule id.
        line: usize,
        /// 1-based column of the rule id.
        column: usize,
        /// The rule id.
        rule: String,
        /// Why it stays an error.
        why: &'static str,
    },
}

/// The configuration file's name: `tipkit check` looks for it in the working folder, the
/// language server at the workspace root.
pub const CONFIG_FILE: &str = "tipkit.toml";

impl Config {
    /// The [`CONFIG_FILE`] of `folder`, read and checked, when there is one; the default
    /// configuration when there is none.
    pub fn discover(folder: &Path) -> Result<Self, ConfigError> {
        let path = folder.join(CONFIG_FILE);
        // A link is there even when it leads nowhere: [`Config::load`] says why it is not read.
        if path.symlink_metadata().is_ok() {
            Self::load(&path)
        } else {
            Ok(Self::default())
        }
    }

    /// Reads and checks a configuration file. A symbolic link is followed only inside the folder
    /// it is in or the working folder ([`crate::walk::admit`]), never into a `.git` folder.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        contain(path)?;
        let bytes = crate::read_file(path, SIZE_LIMIT).map_err(ConfigError::Read)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut config = Self::parse(path, &text)?;
        config.folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let working = std::env::current_dir().unwrap_or_default();
        config.matcher.folder = normalize(&working.join(&config.folder));
        config.matcher.working = working;
        Ok(config)
    }

    /// Checks configuration bytes read from elsewhere than the disk (a git revision, the git
    /// index), named `shown` in errors, with `exclude` relative to `folder` (as a path relative
    /// to the working folder, where the file would be in the tree).
    pub fn from_bytes(shown: &Path, bytes: &[u8], folder: &Path) -> Result<Self, ConfigError> {
        let size = bytes.len() as u64;
        if size > SIZE_LIMIT {
            return Err(ConfigError::Read(ReadError::TooLarge {
                path: shown.to_path_buf(),
                size,
                limit: SIZE_LIMIT,
            }));
        }
        let mut config = Self::parse(shown, &String::from_utf8_lossy(bytes))?;
        folder.clone_into(&mut config.folder);
        let working = std::env::current_dir().unwrap_or_default();
        config.matcher.folder = normalize(&working.join(folder));
        config.matcher.working = working;
        Ok(config)
    }

    /// Parses and checks configuration text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let lines = LineIndex::new(text.as_bytes());
        let mut config: Self = toml::from_str(text).map_err(|error| {
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
        for (rule, level) in &config.rules {
            let locked = LOCKED.iter().find(|(id, _)| id == rule);
            if let (Some((_, why)), RuleLevel::Off | RuleLevel::Info | RuleLevel::Warning) =
                (locked, level)
            {
                let (line, column) = lines.line_column(find_key(text, rule).unwrap_or(0));
                return Err(ConfigError::Locked {
                    path: path.to_path_buf(),
                    line,
                    column,
                    rule: rule.clone(),
                    why,
                });
            }
            if registry::rule(rule).is_none() {
                return Err(unknown_rule(path, &lines, find_key(text, rule), rule));
            }
        }
        for rule in config.fixable.iter().chain(&config.unfixable) {
            if registry::rule(rule).is_none() {
                let at = text.find(&format!("\"{rule}\""));
                return Err(unknown_rule(path, &lines, at, rule));
            }
        }
        let named = config
            .rules
            .keys()
            .chain(&config.fixable)
            .chain(&config.unfixable);
        let mut warned = std::collections::BTreeSet::new();
        for rule in named {
            let parts = split_off(rule);
            if parts.is_empty() || !warned.insert(rule.clone()) {
                continue;
            }
            let at = find_key(text, rule).or_else(|| text.find(&format!("\"{rule}\"")));
            let (line, column) = lines.line_column(at.unwrap_or(0));
            config.warnings.push(ConfigWarning::SplitRule {
                path: path.to_path_buf(),
                line,
                column,
                rule: rule.clone(),
                parts,
            });
        }
        for pattern in &config.exclude {
            if let Err(error) = glob(pattern) {
                let at = text.find(&format!("\"{pattern}\"")).unwrap_or(0);
                let (line, column) = lines.line_column(at);
                return Err(ConfigError::Parse {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message: format!("`{pattern}` is not a glob pattern: {}", error.kind()),
                });
            }
        }
        let mut set = GlobSetBuilder::new();
        for pattern in &config.exclude {
            if let Ok(glob) = glob(pattern) {
                set.add(glob);
            }
        }
        config.matcher.set = set.build().unwrap_or_else(|_| GlobSet::empty());
        Ok(config)
    }

    /// Whether an `exclude` pattern matches `path` (as given: relative to the working folder,
    /// or absolute), taken relative to the configuration's folder. A path outside that folder
    /// never matches. Matching takes time linear in the path, whatever the patterns.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.matcher.matches(path, false)
    }

    /// Whether a folder is left out: it matches, or everything under it does (`old/**`).
    pub fn is_excluded_folder(&self, path: &Path) -> bool {
        self.matcher.matches(path, false) || self.matcher.matches(path, true)
    }

    /// The rules a check runs, each at its severity: decided before any check, so that a rule
    /// set to `off` never runs.
    pub fn rule_set(&self) -> RuleSet {
        let mut set = RuleSet::all();
        for (id, level) in &self.rules {
            if let Some(rule) = registry::rule(id) {
                set.set(rule, *level);
            }
            // For one release, the rules split off an id follow it down, never up, unless
            // named themselves.
            for part in split_off(id)
                .iter()
                .filter(|p| !self.rules.contains_key(**p))
            {
                if let Some(rule) = registry::rule(part) {
                    let default = RuleLevel::from(rule.default_severity);
                    if *level < default {
                        set.set(rule, *level);
                    }
                }
            }
        }
        set
    }
}

/// One `exclude` pattern: `*` and `?` stop at `/`, matching takes linear time.
/// Refuses a configuration file that leads, through symbolic links, outside the folder it is in
/// and the working folder, or into a `.git` folder; the error names only `path`.
fn contain(path: &Path) -> Result<(), ConfigError> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let folders = [
        std::fs::canonicalize(folder).ok(),
        std::env::current_dir().and_then(std::fs::canonicalize).ok(),
    ];
    let inside = crate::walk::Roots::new(folders.into_iter().flatten());
    match crate::walk::admit(path, &inside) {
        Ok(_) => Ok(()),
        Err(ReadError::OutsideTree { .. }) => Err(ConfigError::OutsideFolder {
            path: path.to_path_buf(),
        }),
        Err(error) => Err(ConfigError::Read(error)),
    }
}

fn glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    GlobBuilder::new(pattern.trim_start_matches("./"))
        .literal_separator(true)
        .backslash_escape(true)
        .build()
}

/// The `exclude` patterns of a configuration, ready to match paths.
#[derive(Debug, Clone)]
struct Exclude {
    working: PathBuf,
    folder: PathBuf,
    set: GlobSet,
}

impl Default for Exclude {
    fn default() -> Self {
        Self {
            working: PathBuf::new(),
            folder: PathBuf::new(),
            set: GlobSet::empty(),
        }
    }
}

impl Exclude {
    /// `below`: whether the pattern matches all that is below `path` (`path/`).
    fn matches(&self, path: &Path, below: bool) -> bool {
        if self.set.is_empty() {
            return false;
        }
        let absolute = normalize(&self.working.join(path));
        let Ok(relative) = absolute.strip_prefix(&self.folder) else {
            return false;
        };
        if below {
            let mut text = relative.as_os_str().to_owned();
            text.push("/");
            self.set.is_match(Path::new(&text))
        } else {
            self.set.is_match(relative)
        }
    }
}

/// `path` without `.` and with `..` applied, as written: symbolic links are not followed.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A rule id the registry does not know, at byte `at` of the file (its start when not found).
fn unknown_rule(path: &Path, lines: &LineIndex<'_>, at: Option<usize>, rule: &str) -> ConfigError {
    let (line, column) = lines.line_column(at.unwrap_or(0));
    ConfigError::UnknownRule {
        path: path.to_path_buf(),
        line,
        column,
        rule: rule.to_owned(),
        hint: wording::suggest(rule, registry::RULES.iter().map(|r| r.id)),
    }
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
        assert_eq!(config.folder, PathBuf::new());
        assert_eq!(config.rules["coverage"], RuleLevel::Off);
        assert_eq!(config.rules["laws"], RuleLevel::Warning);
    }

    /// The severity a finding of `rule` is reported at under `config`, `None` when off.
    fn reported(config: &Config, rule: &str) -> Option<crate::Severity> {
        let rule = registry::rule(rule).unwrap();
        let finding =
            crate::Diagnostic::new(rule, PathBuf::new(), String::new(), None, String::new());
        config.rule_set().admit(finding).map(|d| d.severity)
    }

    #[test]
    fn a_level_applies_to_exactly_the_rule_it_names() {
        use crate::Severity::{Error, Info, Warning};
        let config = parse("[rules]\nhotline-statistics = \"error\"\n").unwrap();
        assert_eq!(reported(&config, "hotline-statistics"), Some(Error));
        assert_eq!(reported(&config, "hotline-statistics-total"), Some(Warning));
        assert_eq!(reported(&config, "hotline-statistics-revised"), Some(Info));
    }

    #[test]
    fn an_old_id_turns_off_or_lowers_what_was_split_off_it_with_a_warning() {
        use crate::Severity::{Error, Info};
        let config = parse("[rules]\nlaws = \"off\"\n").unwrap();
        assert_eq!(reported(&config, "laws-order"), None);
        let config = parse("[rules]\ncompleteness = \"warning\"\nlaws = \"info\"\n").unwrap();
        assert_eq!(reported(&config, "laws-order"), Some(Info));
        assert_eq!(reported(&config, "sections-to-transcribe"), Some(Info));
        let warnings: Vec<String> = config.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[1]
                .starts_with("tipkit.toml:3:1: `laws` was split into `laws`, `laws-order`, each"),
            "{warnings:?}"
        );
        let config = parse("[rules]\nlaws = \"off\"\nlaws-order = \"error\"\n").unwrap();
        assert_eq!(
            reported(&config, "laws-order"),
            Some(Error),
            "named, it is as set"
        );
        assert!(
            parse("[rules]\nlaws-order = \"off\"\n")
                .unwrap()
                .warnings
                .is_empty()
        );
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
    fn fixable_and_unfixable_name_rules() {
        let config = parse("fixable = [\"links\"]\nunfixable = [\"laws\"]\n").unwrap();
        assert_eq!(
            (config.fixable, config.unfixable),
            (vec!["links".to_owned()], vec!["laws".to_owned()])
        );
        let error = parse("unfixable = [\"lasw\"]\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "tipkit.toml:1:14: unknown rule `lasw`; did you mean `laws`?"
        );
    }

    #[test]
    fn syntax_and_read_error_cannot_be_lowered() {
        let error = parse("[rules]\nlaws = \"off\"\nsyntax = \"off\"\n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("tipkit.toml:3:1: `syntax` cannot be turned off or lowered: "),
            "{error}"
        );
        let error = parse("[rules]\n\"read-error\" = \"warning\"\n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("tipkit.toml:2:1: `read-error`"),
            "{error}"
        );
        assert!(parse("[rules]\nsyntax = \"error\"\n").is_ok());
    }

    #[test]
    fn excludes_are_relative_to_the_config_folder_and_take_braces() {
        let mut config =
            parse("exclude = [\"old/{a,b}/**\", \"*a*a*a*a*a*a*a*a*a*a*a*b\"]\n").unwrap();
        config.matcher.working = PathBuf::from("/srv/repo");
        config.matcher.folder = PathBuf::from("/srv/repo/profiles");
        let exclude = |path: &str| config.is_excluded(Path::new(path));
        assert!(exclude("profiles/old/a/ct.json"));
        assert!(config.is_excluded_folder(Path::new("profiles/old/a")));
        assert!(!config.is_excluded_folder(Path::new("profiles/old")));
        assert!(exclude("./profiles/old/b/x/ct.json"));
        assert!(exclude("/srv/repo/profiles/old/b/ct.json"));
        assert!(!exclude("profiles/old/c/ct.json"));
        assert!(!exclude("old/a/ct.json"), "outside the folder");
        assert!(!exclude(&format!("profiles/{}", "a".repeat(40))));
        assert!(exclude(&format!("profiles/{}b", "a".repeat(40))));
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_configuration_is_read_only_inside_its_folder() {
        let dir = std::env::temp_dir().join(format!("tipkit-config-link-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("tree/.git")).unwrap();
        std::fs::create_dir_all(dir.join("outside")).unwrap();
        std::fs::write(dir.join("outside/cred.toml"), "registry = \"hunter2\"\n").unwrap();
        std::fs::write(dir.join("tree/base.toml"), "[rules]\nlinks = \"off\"\n").unwrap();
        std::fs::write(dir.join("tree/.git/config"), "[core]\n").unwrap();
        let link = |name: &str, target: &Path| {
            let path = dir.join("tree").join(name);
            std::os::unix::fs::symlink(target, &path).unwrap();
            path
        };
        let out = link("tipkit.toml", &Path::new("..").join("outside/cred.toml"));
        let error = Config::load(&out).unwrap_err();
        assert!(
            matches!(error, ConfigError::OutsideFolder { .. }),
            "{error:?}"
        );
        assert!(!error.to_string().contains("registry"), "{error}");
        let error = Config::discover(&dir.join("tree")).unwrap_err();
        assert!(
            matches!(error, ConfigError::OutsideFolder { .. }),
            "{error:?}"
        );
        let git = link("git.toml", Path::new(".git/config"));
        let error = Config::load(&git).unwrap_err();
        assert!(
            matches!(error, ConfigError::Read(ReadError::InGitFolder { .. })),
            "{error:?}"
        );
        // A link to a file of its own folder is followed.
        let inside = link("other.toml", Path::new("base.toml"));
        assert!(Config::load(&inside).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_bad_glob_is_located() {
        let error = parse("exclude = [\n  \"ok/**\",\n  \"a/{b\",\n]\n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("tipkit.toml:3:3: `a/{b` is not a glob"),
            "{error}"
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
