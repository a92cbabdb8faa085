//! The rule across the whole checked tree: one profile per jurisdiction. The driver hands it
//! each folder's codes in walk order; it keeps one file of each code, with the place of its code
//! (located once, while its folder's text is at hand), so memory stays small (a few dozen codes)
//! and the findings do not depend on which folder was checked first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tipkit_model::JurisdictionCode;

use super::{RuleSet, Workspace};
use crate::diagnostic::{Diagnostic, Related, Span};
use crate::rules::duplicate_jurisdiction::{RULE, blame, help, is_named_after, message};
use crate::summary::Located;

/// The file and jurisdiction code of each profile of a folder, in file order.
pub(super) type Codes = Vec<(PathBuf, JurisdictionCode)>;

/// The profile of each jurisdiction that later ones are compared with: the first one named after
/// its code, else the first one, in walk order.
pub(super) struct Jurisdictions {
    first: HashMap<JurisdictionCode, First>,
}

/// The profile of a code others are compared with.
struct First {
    file: PathBuf,
    /// The pointer and span of its code.
    at: (String, Option<Span>),
    /// A finding was put on it already: once is enough.
    reported: bool,
}

impl Jurisdictions {
    pub(super) fn new() -> Self {
        Self {
            first: HashMap::new(),
        }
    }

    /// The findings of one folder's profiles (`codes`: file and code, in file order) against the
    /// folders before it, sorted; the folder's files located through `sources`. Pairs inside
    /// the folder are the folder rule's. A finding on a file of an earlier folder has its place
    /// but no code frame: its text is gone.
    pub(super) fn check(
        &mut self,
        codes: &[(PathBuf, JurisdictionCode)],
        sources: &Workspace,
        rules: &RuleSet,
    ) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        // This folder's profile of each code that later folders are compared with.
        let mut fresh: HashMap<JurisdictionCode, &PathBuf> = HashMap::new();
        for (file, code) in codes {
            let kept = fresh.entry(*code).or_insert(file);
            if !is_named_after(kept, *code) && is_named_after(file, *code) {
                *kept = file;
            }
            let Some(first) = self.first.get_mut(code) else {
                continue;
            };
            let (first_blamed, later_blamed) = blame(*code, &first.file, file);
            let (pointer, span) = place(sources, file);
            if later_blamed {
                found.push(
                    Diagnostic::new(
                        &RULE,
                        file.clone(),
                        pointer.clone(),
                        span,
                        message(*code, &first.file),
                    )
                    .with_help(help(*code))
                    .with_related(related(&first.file, &first.at)),
                );
            }
            if first_blamed && !first.reported {
                first.reported = true;
                let (at, at_span) = first.at.clone();
                found.push(
                    Diagnostic::new(&RULE, first.file.clone(), at, at_span, message(*code, file))
                        .with_help(help(*code))
                        .with_related(related(file, &(pointer, span))),
                );
            }
        }
        for (code, file) in fresh {
            // The first profile named after its code, else the first one: the copy in the
            // right place is the one others are compared with.
            let replace = self.first.get(&code).is_none_or(|first| {
                !is_named_after(&first.file, code) && is_named_after(file, code)
            });
            if replace {
                let first = First {
                    file: file.clone(),
                    at: place(sources, file),
                    reported: false,
                };
                self.first.insert(code, first);
            }
        }
        let mut found: Vec<Diagnostic> = found.into_iter().filter_map(|d| rules.admit(d)).collect();
        crate::diagnostic::sort(&mut found);
        found
    }
}

/// The place of the code in `file`, a file of the folder at hand.
fn place(sources: &Workspace, file: &Path) -> (String, Option<Span>) {
    let (pointer, target) = Located::Code.pointer();
    match sources.file(file) {
        Some(source) => source.context().locate(&pointer, target),
        None => (pointer, None),
    }
}

/// The code of the other profile of a pair, as the related place of a finding.
fn related(file: &Path, (pointer, span): &(String, Option<Span>)) -> Related {
    Related {
        file: file.to_path_buf(),
        pointer: pointer.clone(),
        span: *span,
        message: "the other profile".to_owned(),
    }
}
