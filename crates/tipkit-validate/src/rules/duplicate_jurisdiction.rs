//! `duplicate-jurisdiction`: two profiles of one jurisdiction in a folder.

use std::collections::HashMap;

use crate::context::FolderContext;
use crate::registry::{Check, declare_rule};
use crate::{Diagnostic, visible_path};

declare_rule! {
    /// A folder holds one profile per jurisdiction.
    ///
    /// ## What it checks
    /// That no two profiles in one folder have the same `state.code`.
    ///
    /// ## Why it matters
    /// Two profiles of one state disagree sooner or later, and readers cannot tell which one
    /// is right. A copied file whose code was not changed shows up here too. A file named on
    /// its own is compared with the other profiles of its folder.
    ///
    /// ## Example
    /// `profiles/ct.json` and `profiles/ct-copy.json` both with `"code": "CT"`.
    id: "duplicate-jurisdiction",
    severity: Error,
    check: Check::Folder { facts: &[], check },
}

fn check(ctx: &FolderContext<'_>, acc: &mut Vec<Diagnostic>) {
    // The first profile of each code, and the first one not checked itself, only compared with.
    let mut first_of = HashMap::new();
    let mut first_unchecked = HashMap::new();
    for profile in ctx.profiles {
        first_of.entry(profile.code).or_insert(profile);
        if !ctx.speaks_about(profile) {
            first_unchecked.entry(profile.code).or_insert(profile);
        }
    }
    for profile in ctx.profiles.iter().filter(|p| ctx.speaks_about(p)) {
        // A later profile reports the pair with the first; the first itself is reported only
        // with a profile that is not checked, which reports nothing.
        let (first, label) = match first_of.get(&profile.code) {
            Some(first) if !std::ptr::eq(*first, profile) => (*first, "the first profile"),
            _ => match first_unchecked.get(&profile.code) {
                Some(other) => (*other, "the other profile"),
                None => continue,
            },
        };
        acc.push(
            ctx.report(
                &RULE,
                profile,
                &profile.code_at,
                format!(
                    "a second profile of {}: {} has one already",
                    profile.code,
                    visible_path(&first.file)
                ),
            )
            .with_help("keep one profile per jurisdiction: merge the two, or correct the code")
            .with_related(ctx.related(first, &first.code_at, label)),
        );
    }
}
