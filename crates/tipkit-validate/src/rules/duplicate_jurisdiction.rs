//! `duplicate-jurisdiction`: two profiles of one jurisdiction in the checked tree.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use tipkit_model::JurisdictionCode;

use crate::context::FolderContext;
use crate::registry::{Check, declare_rule};
use crate::summary::ProfileSummary;
use crate::{Diagnostic, visible_path};

declare_rule! {
    /// The checked tree holds one profile per jurisdiction.
    ///
    /// ## What it checks
    /// That no two profiles under the checked paths have the same `state.code`, in one folder
    /// or in two (`profiles/ct.json` and `profiles/zz/ct.json`). The finding names both files
    /// and is reported on the one whose file name is not its code's (`ct-copy.json`), or on
    /// both when neither or both are. A file named on its own is compared with the other
    /// profiles of its folder and with the other files named. The language server sees one
    /// folder at a time: it compares a document with the profiles of its own folder only.
    ///
    /// ## Why it matters
    /// Two profiles of one state disagree sooner or later, and readers cannot tell which one
    /// is right: a second copy in another folder could carry a changed hotline number past
    /// review and into `tipkit export`. A copied file whose code was not changed shows up
    /// here too.
    ///
    /// ## Example
    /// `profiles/ct.json` and `profiles/ct-copy.json` both with `"code": "CT"`: the finding is
    /// on `ct-copy.json`.
    id: "duplicate-jurisdiction",
    severity: Error,
    check: Check::Folder { facts: &[], check },
}

fn check(ctx: &FolderContext<'_>, acc: &mut Vec<Diagnostic>) {
    // The profile of each code the others are compared with: the first named after its code,
    // else the first.
    let mut first_of: HashMap<JurisdictionCode, &ProfileSummary> = HashMap::new();
    for profile in ctx.profiles {
        let first = first_of.entry(profile.code).or_insert(profile);
        if !is_named_after(&first.file, profile.code) && is_named_after(&profile.file, profile.code)
        {
            *first = profile;
        }
    }
    // The first profiles already reported with a pair: once is enough.
    let mut reported = HashSet::new();
    for profile in ctx.profiles {
        let first = first_of[&profile.code];
        if std::ptr::eq(first, profile) {
            continue;
        }
        let (first_blamed, later_blamed) = blame(profile.code, &first.file, &profile.file);
        if later_blamed && ctx.speaks_about(profile) {
            acc.push(finding(ctx, profile, first));
        }
        if first_blamed && ctx.speaks_about(first) && reported.insert(profile.code) {
            acc.push(finding(ctx, first, profile));
        }
    }
}

/// The finding on `profile`, naming `other`, of the same code.
fn finding(ctx: &FolderContext<'_>, profile: &ProfileSummary, other: &ProfileSummary) -> Diagnostic {
    ctx.report(
        &RULE,
        profile,
        &profile.code_at,
        message(profile.code, &other.file),
    )
    .with_help(help(profile.code))
    .with_related(ctx.related(other, &other.code_at, "the other profile"))
}

/// Which of two profiles of `code` a finding is on, `(first, later)`: the one whose file name
/// is not the code's, or both when neither or both are.
pub(crate) fn blame(code: JurisdictionCode, first: &Path, later: &Path) -> (bool, bool) {
    match (is_named_after(first, code), is_named_after(later, code)) {
        (true, false) => (false, true),
        (false, true) => (true, false),
        _ => (true, true),
    }
}

/// Whether `file` is named after `code`: `ct.json` for CT.
pub(crate) fn is_named_after(file: &Path, code: JurisdictionCode) -> bool {
    file.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| code.is_file_name(name))
}

/// The message of a finding on one profile of `code`, naming the other.
pub(crate) fn message(code: JurisdictionCode, other: &Path) -> String {
    format!("{code} has another profile: {}", visible_path(other))
}

/// The help of a finding on a profile of `code`.
pub(crate) fn help(code: JurisdictionCode) -> String {
    format!(
        "keep one profile per jurisdiction, in `{}`: merge the two, or correct the code",
        code.file_name()
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use tipkit_model::JurisdictionCode;

    use super::blame;

    #[test]
    fn the_copy_whose_name_is_not_its_code_is_blamed() {
        let ct = JurisdictionCode::CT;
        let at = |a: &str, b: &str| blame(ct, Path::new(a), Path::new(b));
        assert_eq!(at("p/ct-copy.json", "p/ct.json"), (true, false));
        assert_eq!(at("p/ct.json", "p/zz.json"), (false, true));
        assert_eq!(at("p/ct.json", "p/zz/ct.json"), (true, true));
        assert_eq!(at("p/a.json", "p/b.json"), (true, true));
    }
}
