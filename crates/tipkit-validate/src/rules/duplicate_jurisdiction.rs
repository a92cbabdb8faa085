//! `duplicate-jurisdiction`: two profiles of one jurisdiction in a folder.

use crate::Diagnostic;
use crate::context::FolderContext;
use crate::first_seen::FirstSeen;
use crate::registry::{Check, declare_rule};

declare_rule! {
    /// A folder holds one profile per jurisdiction.
    ///
    /// ## What it checks
    /// That no two profiles in one folder have the same `state.code`.
    ///
    /// ## Why it matters
    /// Two profiles of one state disagree sooner or later, and readers cannot tell which one
    /// is right. A copied file whose code was not changed shows up here too.
    ///
    /// ## Example
    /// `profiles/ct.json` and `profiles/ct-copy.json` both with `"code": "CT"`.
    id: "duplicate-jurisdiction",
    severity: Error,
    check: Check::Folder(check),
}

fn check(ctx: &FolderContext<'_>, acc: &mut Vec<Diagnostic>) {
    let mut codes = FirstSeen::new();
    for (index, profile) in ctx.profiles.iter().enumerate() {
        let Some(first) = codes.earlier(profile.code, index) else {
            continue;
        };
        let first = &ctx.profiles[first];
        acc.push(
            ctx.report(
                &RULE,
                profile,
                &profile.code_at,
                format!(
                    "a second profile of {}: {} has one already",
                    profile.code,
                    first.file.display()
                ),
            )
            .with_help("keep one profile per jurisdiction: merge the two, or correct the code")
            .with_related(ctx.related(first, &first.code_at, "the first profile")),
        );
    }
}
