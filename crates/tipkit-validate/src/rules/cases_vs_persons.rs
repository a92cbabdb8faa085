//! `cases-vs-persons`: fewer persons trafficked than cases reported.

use tipkit_model::Pointer;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// There are at least as many potential persons trafficked as cases reported.
    ///
    /// ## What it checks
    /// That `hotline_cases.potential_persons_trafficked` is not less than `.cases_reported`.
    ///
    /// ## Why it matters
    /// Each case involves at least one potential victim, so fewer persons than cases usually
    /// means the two headline figures were swapped.
    ///
    /// ## Example
    /// ```json
    /// { "hotline_cases": { "cases_reported": 441, "potential_persons_trafficked": 186 } }
    /// ```
    id: "cases-vs-persons",
    severity: Warning,
    check: Check::Profile {
        reads: Reads::Together(&[Section::HotlineCases]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(cases) = ctx.profile.hotline_cases else {
        return;
    };
    if cases.potential_persons_trafficked < cases.cases_reported {
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile()
                    .hotline_cases()
                    .potential_persons_trafficked(),
                format!(
                    "{} potential persons trafficked is fewer than the {} cases reported",
                    cases.potential_persons_trafficked, cases.cases_reported
                ),
            )
            .with_help("check whether the two headline figures are swapped")
            .with_related(ctx.related(
                &Pointer::profile().hotline_cases().cases_reported(),
                "the cases reported",
            )),
        );
    }
}
