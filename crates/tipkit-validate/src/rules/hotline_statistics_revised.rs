//! `hotline-statistics-revised`: the yearly cases differ a little from the headline.

use tipkit_model::Pointer;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::rules::hotline_statistics::{TOLERANCE_PERCENT, YearlySum};
use crate::sections::{Reads, Section};

declare_rule! {
    /// The yearly hotline cases of the reporting period differ from the headline by 5% or less.
    ///
    /// ## What it checks
    /// When the cases of the reporting period's calendar years in `hotline_statistics` add up
    /// to a figure other than `hotline_cases.cases_reported`, but within 5% of it, it says so
    /// with both figures (information): Connecticut's yearly cases for 2012–2016 add up to 184
    /// against 186 in the document. A larger difference is `hotline-statistics-total`. Until
    /// this release, `hotline-statistics` reported it; setting `hotline-statistics` to `off`
    /// still turns it off, for one release.
    ///
    /// ## Why it matters
    /// The hotline revises the figures of past years, so a small gap is expected: there is
    /// nothing to fix when each figure matches its source, and a reviewer sees both.
    ///
    /// ## Example
    /// ```json
    /// { "reporting_period": { "start": "2012-12", "end": "2013-12" },
    ///   "hotline_cases": { "cases_reported": 57, "potential_persons_trafficked": 120 },
    ///   "hotline_statistics": { "years": [
    ///     { "year": 2012, "calls": 102, "cases_reported": 27 },
    ///     { "year": 2013, "calls": 108, "cases_reported": 29 } ] } }
    /// ```
    id: "hotline-statistics-revised",
    severity: Info,
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
    let Some(YearlySum { sum, headline, first, last }) = YearlySum::of(ctx.profile)
        .filter(|yearly| yearly.sum != yearly.headline && !yearly.far())
    else {
        return;
    };
    acc.push(
        ctx.report(
            &RULE,
            &Pointer::profile().hotline_cases().cases_reported(),
            format!(
                "the yearly cases for {first}–{last} add up to {sum}; the headline says {headline}, within {TOLERANCE_PERCENT}%"
            ),
        )
        .with_help(
            "the hotline revises the figures of past years, so the two may differ a little; \
             nothing to fix when each matches its source",
        )
        .with_related(ctx.related(
            &Pointer::profile().hotline_statistics().years(),
            "the yearly figures",
        )),
    );
}
