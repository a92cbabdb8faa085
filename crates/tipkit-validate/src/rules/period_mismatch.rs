//! `period-mismatch`: published profiles of one folder cover different periods.

use crate::Diagnostic;
use crate::context::FolderContext;
use crate::registry::{Check, declare_rule};
use crate::summary::most_common;
use tipkit_model::Status;

declare_rule! {
    /// The published profiles of a folder cover the same reporting period.
    ///
    /// ## What it checks
    /// That every published profile in a folder has the reporting period most of them have.
    ///
    /// ## Why it matters
    /// A folder is one edition of the documents. A profile from another edition, or a typo in
    /// one date, makes its figures incomparable with the others'. A file named on its own is
    /// compared with the other profiles of its folder.
    ///
    /// ## Example
    /// Most profiles: `"reporting_period": { "start": "2012-12", "end": "2016-12" }`; one:
    /// `{ "start": "2012-12", "end": "2015-12" }`.
    id: "period-mismatch",
    severity: Warning,
    check: Check::Folder(check),
}

fn check(ctx: &FolderContext<'_>, acc: &mut Vec<Diagnostic>) {
    let published = || {
        ctx.profiles
            .iter()
            .filter(|p| p.status == Status::Published)
    };
    let Some(usual) = most_common(published().filter_map(|p| p.reporting_period.as_ref())) else {
        return;
    };
    let Some(example) = published().find(|p| p.reporting_period.as_ref() == Some(usual)) else {
        return;
    };
    for profile in published() {
        let Some(period) = &profile.reporting_period else {
            continue;
        };
        if period != usual && ctx.speaks_about(profile) {
            acc.push(
                ctx.report(&RULE, profile, &profile.period_at, format!("the reporting period {} to {} differs from the folder's {} to {}", period.0, period.1, usual.0, usual.1))
                    .with_help("check the period against the document; profiles of other editions belong in another folder")
                    .with_related(ctx.related(example, &example.period_at, "the folder's period")),
            );
        }
    }
}
