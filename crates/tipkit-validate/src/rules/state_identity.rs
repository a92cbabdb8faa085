//! `state-identity`: name, code, region and file name agree.

use tipkit_model::Pointer;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::fix::Fix;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// The state's name, code, HHS region and file name agree.
    ///
    /// ## What it checks
    /// That `state.name` is the name of `state.code`, `hhs_region` is that jurisdiction's HHS
    /// region, and the file is named `<code>.json` in lower case. The name and the file name
    /// need only `state`: they are checked though `hhs_region` breaks the schema.
    ///
    /// ## Why it matters
    /// Profiles are found by file name and joined by code; a profile filed under the wrong
    /// name or region lands in the wrong place in every report.
    ///
    /// ## Example
    /// ```json
    /// { "state": { "name": "Connecticut", "code": "CT" }, "hhs_region": 2 }
    /// ```
    /// Connecticut is in Region I: `"hhs_region": 1`.
    id: "state-identity",
    severity: Error,
    fix: Safe,
    check: Check::Profile {
        // Each: the name, code and file name need only `state`, so a refused `hhs_region`
        // does not stop them; the region is checked when both typed.
        reads: Reads::Each(&[Section::State, Section::HhsRegion]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    // Without `state` there is no jurisdiction to hold the rest to.
    if !ctx.typed.contains(Section::State) {
        return;
    }
    let state = &ctx.profile.state;
    let jurisdiction = state.code.jurisdiction();
    if state.name != jurisdiction.name {
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().state().name(),
                format!("`{}` is not the name of {}", state.name, state.code),
            )
            .with_help(format!("write `{}`", jurisdiction.name))
            .with_related(ctx.related(&Pointer::profile().state().code(), "the code"))
            .with_fix(Fix::safe_value(
                &ctx.source,
                &Pointer::profile().state().name(),
                jurisdiction.name,
            )),
        );
    }
    if ctx.typed.contains(Section::HhsRegion) && ctx.profile.hhs_region != jurisdiction.region {
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().hhs_region(),
                format!(
                    "{} is in HHS region {}, not {}",
                    jurisdiction.name, jurisdiction.region, ctx.profile.hhs_region
                ),
            )
            .with_help(format!("write `{}`", jurisdiction.region))
            .with_fix(Fix::safe_value(
                &ctx.source,
                &Pointer::profile().hhs_region(),
                jurisdiction.region,
            )),
        );
    }
    if let Some(name) = ctx.source.file.file_name().and_then(|n| n.to_str())
        && !state.code.is_file_name(name)
    {
        let expected = state.code.file_name();
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().state().code(),
                format!("the profile of {} is in `{name}`", state.code),
            )
            .with_help(format!("rename the file to `{expected}`")),
        );
    }
}
