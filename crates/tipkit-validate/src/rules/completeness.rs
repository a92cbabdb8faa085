//! `completeness`: a published profile has every section.

use tipkit_model::{Pointer, Status};

use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};
use crate::wording::quoted_list;
use crate::{Diagnostic, Severity};

declare_rule! {
    /// A published profile has every section of the document.
    ///
    /// ## What it checks
    /// That a profile with `"status": "published"` has `reporting_period`, `heat_map`,
    /// `hotline_cases`, `demographics`, `sex_trafficking_venues`, `labor_trafficking_venues`,
    /// `call_types`, `laws` and `statewide_efforts` (error). For a draft it lists the sections
    /// still to transcribe (info).
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
        reads: Reads::Together(&[Section::Status, Section::ReportingPeriod, Section::HeatMap, Section::HotlineCases, Section::Demographics, Section::SexTraffickingVenues, Section::LaborTraffickingVenues, Section::CallTypes, Section::Laws, Section::StatewideEfforts]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let missing = ctx.profile.missing_sections();
    if missing.is_empty() {
        return;
    }
    if ctx.profile.status == Status::Published {
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
    } else {
        // A draft, and any status a later format adds, lists what is still to transcribe.
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().status(),
                format!(
                    "draft: {} of 9 sections still to transcribe: {}",
                    missing.len(),
                    quoted_list(&missing)
                ),
            )
            .with_severity(Severity::Info),
        );
    }
}
