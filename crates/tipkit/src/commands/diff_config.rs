//! The configuration section of `tipkit diff`: which `tipkit.toml` each side has, read as
//! `tipkit check` would, and what changed between them, drawn first in every format.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tipkit_validate::{
    CONFIG_FILE, Config, ConfigChange, ConfigChangeKind, ConfigSide, Style, visible,
};

use super::diff::Section;
use crate::output::markdown::{SHOWN_MESSAGE_CHARS, markdown_text, markdown_text_within};

/// A side's configuration on disk: `tipkit.toml` in `folder`, else in the folder above it (the
/// root of a tree whose profiles are in `folder`), else the defaults.
pub(super) fn disk_config(folder: &Path) -> ConfigSide {
    let above = folder.parent().unwrap_or(Path::new(""));
    for place in [folder, above] {
        let path = place.join(CONFIG_FILE);
        if path.symlink_metadata().is_ok() {
            return loaded(&path);
        }
    }
    ConfigSide::defaults()
}

/// The folder a path given to `diff` checks: a folder itself, a file's folder.
pub(super) fn folder_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    }
}

/// `tipkit.toml` in the working folder, as `tipkit check` reads it.
pub(super) fn working_config() -> ConfigSide {
    let path = Path::new(CONFIG_FILE);
    if path.symlink_metadata().is_ok() {
        loaded(path)
    } else {
        ConfigSide::defaults()
    }
}

/// A configuration on disk; a symbolic link is not followed (a submission could point it at any
/// file of the runner, whose text an error would quote).
fn loaded(path: &Path) -> ConfigSide {
    let file = path.display().to_string();
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let config = if link {
        Err(format!("{file}: a symbolic link; not read"))
    } else {
        Config::load(path).map_err(|error| error.to_string())
    };
    ConfigSide { file, config }
}

/// `tipkit.toml` of the working folder at `rev`, read from git as `check --config-rev` does;
/// a revision git cannot read is an error, a file that is not a usable configuration is a
/// change.
pub(super) fn config_at_rev(rev: &str) -> anyhow::Result<ConfigSide> {
    let Some(bytes) = crate::git::config_blob_at_rev(rev)? else {
        return Ok(ConfigSide::defaults());
    };
    let file = format!("{rev}:{CONFIG_FILE}");
    Ok(ConfigSide {
        config: Config::from_bytes(Path::new(&file), &bytes, Path::new(""))
            .map_err(|error| error.to_string()),
        file,
    })
}

/// A value as one short line: strings as they are, lists as JSON.
fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// What a change is, in words.
fn describe(kind: ConfigChangeKind) -> &'static str {
    match kind {
        ConfigChangeKind::Unusable => "configuration that cannot be used",
        ConfigChangeKind::RuleOff => "rule turned off",
        ConfigChangeKind::RuleLowered => "rule lowered",
        ConfigChangeKind::ExcludeAdded => "exclude added",
        ConfigChangeKind::RuleRaised => "rule raised",
        ConfigChangeKind::ExcludeRemoved => "exclude removed",
        ConfigChangeKind::SettingChanged => "setting changed",
    }
}

fn file_name(file: &str) -> &str {
    if file.is_empty() { "defaults" } else { file }
}

/// The section for people: one line per change, `!` for what weakens the check.
pub(super) fn human(changes: &[ConfigChange], style: Style) -> String {
    let mut text = String::new();
    let Some(first) = changes.first() else {
        return text;
    };
    let heading = format!(
        "configuration ({}): what is checked changed",
        visible(file_name(&first.file))
    );
    let _ = writeln!(text, "{}", paint(&heading, "1", style));
    for change in changes {
        let mark = if change.kind.weakens() { '!' } else { '~' };
        let mut line = format!("{mark} {}: {}", describe(change.kind), visible(&change.key));
        let (old, new) = (show(&change.old), show(&change.new));
        match change.kind {
            ConfigChangeKind::ExcludeAdded | ConfigChangeKind::ExcludeRemoved => {}
            ConfigChangeKind::Unusable => {
                let _ = write!(
                    line,
                    ": {}",
                    visible(if new.is_empty() { &old } else { &new })
                );
            }
            _ => {
                let _ = write!(line, ": {} → {}", visible(&old), visible(&new));
            }
        }
        let code = if change.kind.weakens() { "31" } else { "33" };
        let _ = writeln!(text, "  {}", paint(&line, code, style));
    }
    text
}

fn paint(text: &str, code: &str, style: Style) -> String {
    match style {
        Style::Color => format!("\u{1b}[{code}m{text}\u{1b}[0m"),
        Style::Plain => text.to_owned(),
    }
}

/// The section for a pull request: a table, every value escaped and shortened, folded and cut
/// like the profiles' tables. An `exclude` pattern is shown once.
pub(super) fn markdown_section(changes: &[ConfigChange]) -> Option<Section> {
    let first = changes.first()?;
    let heading = format!(
        "### Configuration ({})\n\nWhat is checked changed. With `--config-rev`, a check applies the base's configuration, not this one.",
        markdown_text(file_name(&first.file))
    );
    let rows = changes
        .iter()
        .map(|change| {
            let what = if change.kind.weakens() {
                format!("**{}**", describe(change.kind))
            } else {
                describe(change.kind).to_owned()
            };
            let (old, new) = match change.kind {
                ConfigChangeKind::ExcludeAdded | ConfigChangeKind::ExcludeRemoved => {
                    (String::new(), String::new())
                }
                // A message, which may name a long path.
                ConfigChangeKind::Unusable => (
                    markdown_text_within(&show(&change.old), SHOWN_MESSAGE_CHARS),
                    markdown_text_within(&show(&change.new), SHOWN_MESSAGE_CHARS),
                ),
                _ => (
                    markdown_text(&show(&change.old)),
                    markdown_text(&show(&change.new)),
                ),
            };
            format!(
                "| {what} | {} | {old} | {new} |\n",
                markdown_text(&change.key)
            )
        })
        .collect();
    Some(Section {
        heading,
        header: "| change | rule, pattern or setting | old | new |\n|---|---|---|---|\n",
        noun: ("configuration change", "configuration changes"),
        rows,
    })
}
