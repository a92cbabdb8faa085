//! `hotline-statistics-total`: the yearly cases add up to within 5% of the headline.

use tipkit_model::Pointer;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::rules::hotline_statistics::{TOLERANCE_PERCENT, YearlySum};
use crate::sections::{Reads, Section};

declare_rule! {
    /// The yearly hotline cases of the reporting period add up to within 5% of the headline.
    ///
    /// ## What it checks
    /// That the cases of the reporting period's calendar years in `hotline_statistics` add up
    /// to within 5% of `hotline_cases.cases_reported` (warning). Checked only when every year
    /// of the period is present. A smaller difference is `hotline-statistics-revised`. Until
    /// this release, `hotline-statistics` reported it; setting `hotline-statistics` to `off` or
    /// lower still turns it off or lowers it, for one release.
    ///
    /// ## Why it matters
    /// The yearly figures and the headline come from the same hotline: a larger gap means one
    /// of them was transcribed wrong or belongs to another state.
    ///
    /// ## Example
    /// ```json
    /// { "reporting_period": { "start": "2012-12", "end": "2013-12" },
    ///   "hotline_cases": { "cases_reported": 186, "potential_persons_trafficked": 441 },
    ///   "hotline_statistics": { "years": [
    ///     { "year": 2012, "calls": 102, "cases_reported": 27 },
    ///     { "year": 2013, "calls": 108, "cases_reported": 29 } ] } }
    /// ```
    id: "hotline-statistics-total",
    severity: Warning,
    check: Check::Profile {
        reads: Reads::Together(&[
            Section::HotlineStatistics,
            Section::ReportingPeriod,
            Section::HotlineCases,
        ]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(YearlySum { sum, headline, first, last }) =
        YearlySum::of(ctx.profile).filter(YearlySum::far)
    else {
        return;
    };
    acc.push(
        ctx.report(
            &RULE,
            &Pointer::profile().hotline_cases().cases_reported(),
            format!(
                "{headline} cases reported, but the yearly figures for {first} to {last} add up to {sum}, more than {TOLERANCE_PERCENT}% apart"
            ),
        )
        .with_help("check both figures against their sources")
        .with_related(ctx.related(
            &Pointer::profile().hotline_statistics().years(),
            "the yearly figures",
        )),
    );
}
