//! `completeness`: a published profile has every section.

use tipkit_model::{Pointer, Status};

use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};
use crate::Diagnostic;

declare_rule! {
    /// A published profile has every section of the document.
    ///
    /// ## What it checks
    /// That a profile with `"status": "published"` has `reporting_period`, `heat_map`,
    /// `hotline_cases`, `demographics`, `sex_trafficking_venues`, `labor_trafficking_venues`,
    /// `call_types`, `laws` and `statewide_efforts`. What a draft still lacks is
    /// `sections-to-transcribe`; until it was a rule of its own, this rule reported it too.
    ///
    /// ## Why it matters
    /// Published profiles are rendered as documents; a missing section is a missing page.
    ///
    /// ## Example
    /// ```json
    /// { "status": "published", "state": { "name": "Maine", "code": "ME" } }
    /// ```
    id: "completeness",
    severity: Error,
    check: Check::Profile {
        // Each: a section that did not type is not missing, so it is left out; the others are
        // still checked.
        reads: Reads::Each(&[Section::Status, Section::ReportingPeriod, Section::HeatMap, Section::HotlineCases, Section::Demographics, Section::SexTraffickingVenues, Section::LaborTraffickingVenues, Section::CallTypes, Section::Laws, Section::StatewideEfforts]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    if !ctx.typed.contains(Section::Status) {
        return;
    }
    let mut missing = ctx.profile.missing_sections();
    // A section there that did not type is absent from the profile, not from the file.
    missing.retain(|key| Section::of_key(key).is_some_and(|s| ctx.typed.contains(s)));
    if missing.is_empty() {
        return;
    }
    if ctx.profile.status != Status::Published {
        return;
    }
    for section in missing {
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().status(),
                format!("a published profile lacks `{section}`"),
            )
            .with_help(format!(
                "transcribe `{section}` from the document, or set the status to draft"
            )),
        );
    }
}
