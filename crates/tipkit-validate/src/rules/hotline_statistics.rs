//! `hotline-statistics`: yearly figures are unique, ascending and consistent.

use std::collections::HashSet;

use tipkit_model::{Pointer, Profile};

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// Yearly hotline figures are unique, ascending and consistent.
    ///
    /// ## What it checks
    /// Years are unique and ascending, and no year has more cases reported than calls. How
    /// the yearly cases compare with the headline is `hotline-statistics-total` (more than 5%
    /// apart, a warning) and `hotline-statistics-revised` (closer, information); until they
    /// were rules of their own, this rule reported them too.
    ///
    /// ## Why it matters
    /// A year listed twice or out of order is a transcription slip, and a case is reported in
    /// a call: more cases than calls means two figures were swapped.
    ///
    /// ## Example
    /// ```json
    /// { "hotline_statistics": { "years": [
    ///     { "year": 2013, "calls": 108, "cases_reported": 29 },
    ///     { "year": 2012, "calls": 102, "cases_reported": 127 } ] } }
    /// ```
    id: "hotline-statistics",
    severity: Error,
    check: Check::Profile {
        reads: Reads::Together(&[Section::HotlineStatistics]),
        check,
    },
}

/// How far the yearly sum may be from the headline figure, in percent.
pub(crate) const TOLERANCE_PERCENT: u64 = 5;

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(statistics) = &ctx.profile.hotline_statistics else {
        return;
    };
    let years = &statistics.years;
    for (index, year) in years.iter().enumerate() {
        // Pointers are made only for findings.
        let at = || Pointer::profile().hotline_statistics().years().index(index);
        if let Some(before) = index.checked_sub(1).map(|i| years[i].year)
            && year.year <= before
        {
            let message = if year.year == before {
                format!("{} is listed twice", year.year)
            } else {
                format!(
                    "{} comes after {before}; years are in ascending order",
                    year.year
                )
            };
            acc.push(ctx.report(&RULE, &at().year(), message));
        }
        if year.cases_reported > year.calls {
            acc.push(
                ctx.report(
                    &RULE,
                    &at().cases_reported(),
                    format!(
                        "{} cases reported from {} calls in {}",
                        year.cases_reported, year.calls, year.year
                    ),
                )
                .with_help(
                    "each case is reported in a call: check whether the two figures are swapped",
                )
                .with_related(ctx.related(&at().calls(), "the calls")),
            );
        }
    }
}

/// The cases of the reporting period's calendar years, added up, and the headline figure.
pub(crate) struct YearlySum {
    pub(crate) sum: u64,
    pub(crate) headline: u64,
    pub(crate) first: u16,
    pub(crate) last: u16,
}

impl YearlySum {
    /// The sum, when the profile has a period, a headline and every year of the period.
    pub(crate) fn of(profile: &Profile) -> Option<Self> {
        let (Some(statistics), Some(period), Some(cases)) = (
            &profile.hotline_statistics,
            &profile.reporting_period,
            profile.hotline_cases,
        ) else {
            return None;
        };
        let years = &statistics.years;
        let period_years = period.start.year()..=period.end.year();
        let listed: HashSet<_> = years.iter().map(|s| s.year.get()).collect();
        if !period_years.clone().all(|y| listed.contains(&y)) {
            return None;
        }
        let sum = years
            .iter()
            .filter(|s| period_years.contains(&s.year.get()))
            .map(|s| u64::from(s.cases_reported))
            .sum();
        Some(Self {
            sum,
            headline: u64::from(cases.cases_reported),
            first: period.start.year(),
            last: period.end.year(),
        })
    }

    /// Whether the sum is more than [`TOLERANCE_PERCENT`] from the headline.
    pub(crate) fn far(&self) -> bool {
        self.sum.abs_diff(self.headline) * 100 > self.headline * TOLERANCE_PERCENT
    }
}
