//! `hotline-mismatch`: profiles of one folder give different national hotline numbers.

use crate::Diagnostic;
use crate::context::FolderContext;
use crate::registry::{Check, declare_rule};
use crate::summary::most_common;

declare_rule! {
    /// The profiles of a folder agree on the national hotline's number.
    ///
    /// ## What it checks
    /// That every profile in a folder gives the National Human Trafficking Hotline the number
    /// most of them give.
    ///
    /// ## Why it matters
    /// There is one national hotline. A profile that gives another number is wrong, and the
    /// number is what a reader in danger dials. A file named on its own is compared with the
    /// other profiles of its folder.
    ///
    /// ## Example
    /// 50 profiles with `"phone": "888-373-7888"`, one with `"888-373-7788"`.
    id: "hotline-mismatch",
    severity: Error,
    check: Check::Folder(check),
}

fn check(ctx: &FolderContext<'_>, acc: &mut Vec<Diagnostic>) {
    let phones = || {
        ctx.profiles
            .iter()
            .filter_map(|p| Some((p, p.national_phone.as_ref()?)))
    };
    let Some(usual) = most_common(phones().map(|(_, (phone, _))| phone)) else {
        return;
    };
    let Some((example, (_, example_at))) = phones().find(|(_, (phone, _))| phone == usual) else {
        return;
    };
    for (profile, (phone, at)) in phones() {
        if phone != usual && ctx.speaks_about(profile) {
            acc.push(
                ctx.report(
                    &RULE,
                    profile,
                    at,
                    format!(
                        "the national hotline is {phone} here, but {usual} in the other profiles"
                    ),
                )
                .with_help(format!("write `{usual}`"))
                .with_related(ctx.related(example, example_at, "as here")),
            );
        }
    }
}
