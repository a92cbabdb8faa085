//! `sections-to-transcribe`: what a draft still lacks.

use tipkit_model::{Pointer, Status};

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};
use crate::wording::quoted_list;

declare_rule! {
    /// Lists the sections a draft profile still lacks.
    ///
    /// ## What it checks
    /// For a profile that is not `"status": "published"`, which of `reporting_period`,
    /// `heat_map`, `hotline_cases`, `demographics`, `sex_trafficking_venues`,
    /// `labor_trafficking_venues`, `call_types`, `laws` and `statewide_efforts` it lacks, in
    /// one finding. A published profile that lacks one is `completeness`. Until this release,
    /// `completeness` reported it; setting `completeness` to `off` still turns it off, for one
    /// release.
    ///
    /// ## Why it matters
    /// It shows what is left to transcribe before the profile can be published.
    ///
    /// ## Example
    /// ```json
    /// { "status": "draft", "state": { "name": "Maine", "code": "ME" } }
    /// ```
    id: "sections-to-transcribe",
    severity: Info,
    check: Check::Profile {
        reads: Reads::Together(&[Section::Status, Section::ReportingPeriod, Section::HeatMap, Section::HotlineCases, Section::Demographics, Section::SexTraffickingVenues, Section::LaborTraffickingVenues, Section::CallTypes, Section::Laws, Section::StatewideEfforts]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    // A draft, and any status a later format adds, lists what is still to transcribe.
    if ctx.profile.status == Status::Published {
        return;
    }
    let missing = ctx.profile.missing_sections();
    if missing.is_empty() {
        return;
    }
    acc.push(ctx.report(
        &RULE,
        &Pointer::profile().status(),
        format!(
            "draft: {} of 9 sections still to transcribe: {}",
            missing.len(),
            quoted_list(&missing)
        ),
    ));
}
