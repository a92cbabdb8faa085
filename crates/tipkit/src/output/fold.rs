//! Folding for human output: information findings of one rule with one message, in several
//! files of a folder, print as one line that names the files, so that fifty identical lines do
//! not bury the one that matters. Errors and warnings are never folded; `--verbose` folds
//! nothing.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use tipkit_validate::{Diagnostic, Severity, visible, visible_path};

/// How many files a folded line names; it counts the rest.
const NAMED: usize = 10;

/// What to print for one finding.
pub(super) enum Show {
    /// The finding, as usual.
    Own,
    /// The folded line of its group, in place of the group's first finding.
    Folded(String),
    /// Nothing: the group's folded line stands for it.
    Hidden,
}

/// The folded groups of one folder's findings.
pub(super) struct Folds {
    /// For each finding of a group, the index of the group's first finding.
    first_of: HashMap<usize, usize>,
    /// Each group's members, by the index of its first finding.
    members: HashMap<usize, Vec<usize>>,
}

impl Folds {
    pub(super) fn new(diagnostics: &[Diagnostic], verbose: bool) -> Self {
        let mut groups: HashMap<(&str, &str, Option<&Path>), Vec<usize>> = HashMap::new();
        if !verbose {
            for (index, d) in diagnostics.iter().enumerate() {
                if d.severity == Severity::Info && d.span.is_some() {
                    let key = (d.rule, d.message.as_str(), d.file.parent());
                    groups.entry(key).or_default().push(index);
                }
            }
        }
        let mut folds = Self {
            first_of: HashMap::new(),
            members: HashMap::new(),
        };
        for members in groups.into_values().filter(|m| m.len() > 1) {
            for &index in &members {
                folds.first_of.insert(index, members[0]);
            }
            folds.members.insert(members[0], members);
        }
        folds
    }

    /// What to print for `diagnostics[index]`.
    pub(super) fn show(&self, diagnostics: &[Diagnostic], index: usize) -> Show {
        match self.first_of.get(&index) {
            None => Show::Own,
            Some(&first) if first != index => Show::Hidden,
            Some(_) => {
                let files: Vec<&Path> = self.members[&index]
                    .iter()
                    .map(|&i| diagnostics[i].file.as_path())
                    .collect();
                Show::Folded(folded_line(&diagnostics[index], &files))
            }
        }
    }
}

/// `info[completeness]: draft: 9 of 9 sections … (50 files in profiles: ak, al, …)`.
fn folded_line(first: &Diagnostic, files: &[&Path]) -> String {
    let mut line = format!(
        "info[{}]: {} ({} files",
        first.rule,
        visible(&first.message),
        files.len()
    );
    if let Some(folder) = files[0].parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = write!(line, " in {}", visible_path(folder));
    }
    line.push_str(": ");
    let names = short_names(files);
    line.push_str(&names[..names.len().min(NAMED)].join(", "));
    if names.len() > NAMED {
        let _ = write!(
            line,
            " and {} more; --verbose lists each",
            names.len() - NAMED
        );
    }
    line.push_str(")\n");
    line
}

/// The files' names without `.json`, or their full names where that would make two alike.
fn short_names(files: &[&Path]) -> Vec<String> {
    let name =
        |file: &Path| visible_path(Path::new(file.file_name().unwrap_or_default())).into_owned();
    let short: Vec<String> = files
        .iter()
        .map(|file| {
            if tipkit_model::is_profile_path(file) {
                visible_path(Path::new(file.file_stem().unwrap_or_default())).into_owned()
            } else {
                name(file)
            }
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    if short.iter().all(|s| seen.insert(s.as_str())) {
        short
    } else {
        files.iter().map(|file| name(file)).collect()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use tipkit_validate::Span;

    use super::*;

    fn finding(severity: Severity, file: &str, message: &str) -> Diagnostic {
        let at = Span {
            start: 0,
            end: 1,
            start_line: 1,
            start_column: 1,
            end_line: 1,
            end_column: 2,
        };
        Diagnostic {
            rule: "completeness",
            severity,
            file: PathBuf::from(file),
            pointer: String::new(),
            span: Some(at),
            message: message.to_owned(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    fn printed(diagnostics: &[Diagnostic], verbose: bool) -> Vec<String> {
        let folds = Folds::new(diagnostics, verbose);
        (0..diagnostics.len())
            .filter_map(|index| match folds.show(diagnostics, index) {
                Show::Own => Some(format!("own {}", diagnostics[index].file.display())),
                Show::Folded(line) => Some(line),
                Show::Hidden => None,
            })
            .collect()
    }

    #[test]
    fn the_same_information_folds_into_its_first_place() {
        let diagnostics = [
            finding(Severity::Info, "p/ak.json", "draft"),
            finding(Severity::Info, "p/al.json", "draft"),
            finding(Severity::Info, "p/ct.json", "184 against 186"),
            finding(Severity::Info, "p/dc.json", "draft"),
        ];
        assert_eq!(
            printed(&diagnostics, false),
            [
                "info[completeness]: draft (3 files in p: ak, al, dc)\n",
                "own p/ct.json"
            ]
        );
        assert_eq!(printed(&diagnostics, true).len(), 4);
    }

    #[test]
    fn errors_and_warnings_never_fold() {
        let diagnostics = [
            finding(Severity::Error, "p/ak.json", "bad"),
            finding(Severity::Error, "p/al.json", "bad"),
            finding(Severity::Warning, "p/ak.json", "odd"),
            finding(Severity::Warning, "p/al.json", "odd"),
        ];
        assert_eq!(printed(&diagnostics, false).len(), 4);
    }

    #[test]
    fn many_files_are_counted_and_names_stay_apart_and_visible() {
        let many: Vec<Diagnostic> = (0..12)
            .map(|n| finding(Severity::Info, &format!("p/{n:02}.json"), "draft"))
            .collect();
        assert_eq!(
            printed(&many, false),
            [
                "info[completeness]: draft (12 files in p: 00, 01, 02, 03, 04, 05, 06, 07, 08, 09 and 2 more; --verbose lists each)\n"
            ]
        );
        let alike = [
            finding(Severity::Info, "ak", "draft\u{1b}[2J"),
            finding(Severity::Info, "ak.json", "draft\u{1b}[2J"),
            finding(Severity::Info, "a\nb.json", "draft\u{1b}[2J"),
        ];
        assert_eq!(
            printed(&alike, false),
            ["info[completeness]: draft\\u{1b}[2J (3 files: ak, ak.json, a\\nb.json)\n"]
        );
    }
}
