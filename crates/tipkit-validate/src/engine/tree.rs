//! The rule across the whole checked tree: one profile per jurisdiction. The driver hands it
//! each folder's codes in walk order; it keeps the first file of each code, so memory stays
//! small (a few dozen codes) and the findings do not depend on which folder was checked first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tipkit_model::JurisdictionCode;

use super::{RuleSet, Workspace};
use crate::diagnostic::{Diagnostic, Related};
use crate::rules::duplicate_jurisdiction::{RULE, blame, help, is_named_after, message};
use crate::summary::Located;

/// The file and jurisdiction code of each profile of a folder, in file order.
pub(super) type Codes = Vec<(PathBuf, JurisdictionCode)>;

/// The profile of each jurisdiction that later ones are compared with: the first one named after
/// its code, else the first one, in walk order.
pub(super) struct Jurisdictions {
    /// Its file, and whether a finding was put on it already (once is enough).
    first: HashMap<JurisdictionCode, (PathBuf, bool)>,
}

impl Jurisdictions {
    pub(super) fn new() -> Self {
        Self {
            first: HashMap::new(),
        }
    }

    /// The findings of one folder's profiles (`codes`: file and code, in file order) against the
    /// folders before it, sorted; the folder's files located through `sources`. Pairs inside
    /// the folder are the folder rule's. A finding on a file of an earlier folder, whose text
    /// is gone, has no span: it names the file and the pointer.
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
            let Some((first, reported)) = self.first.get_mut(code) else {
                continue;
            };
            let (first_blamed, later_blamed) = blame(*code, first, file);
            if later_blamed {
                let (pointer, span) = place(sources, file);
                found.push(
                    Diagnostic::new(&RULE, file.clone(), pointer, span, message(*code, first))
                        .with_help(help(*code))
                        .with_related(elsewhere(first)),
                );
            }
            if first_blamed && !*reported {
                *reported = true;
                let (pointer, span) = place(sources, file);
                let related = Related {
                    file: file.clone(),
                    pointer,
                    span,
                    message: "the other profile".to_owned(),
                };
                let at = elsewhere(first);
                found.push(
                    Diagnostic::new(&RULE, first.clone(), at.pointer, None, message(*code, file))
                        .with_help(help(*code))
                        .with_related(related),
                );
            }
        }
        for (code, file) in fresh {
            // The first profile named after its code, else the first one: the copy in the
            // right place is the one others are compared with.
            let replace = self.first.get(&code).is_none_or(|(first, _)| {
                !is_named_after(first, code) && is_named_after(file, code)
            });
            if replace {
                self.first.insert(code, (file.clone(), false));
            }
        }
        let mut found: Vec<Diagnostic> = found.into_iter().filter_map(|d| rules.admit(d)).collect();
        crate::diagnostic::sort(&mut found);
        found
    }
}

/// The place of the code in `file`, a file of the folder at hand.
fn place(sources: &Workspace, file: &Path) -> (String, Option<crate::Span>) {
    let (pointer, target) = Located::Code.pointer();
    match sources.file(file) {
        Some(source) => source.context().locate(&pointer, target),
        None => (pointer, None),
    }
}

/// The code of `file`, a file of an earlier folder, as a related place without a span.
fn elsewhere(file: &Path) -> Related {
    Related {
        file: file.to_path_buf(),
        pointer: Located::Code.pointer().0,
        span: None,
        message: "the other profile".to_owned(),
    }
}
