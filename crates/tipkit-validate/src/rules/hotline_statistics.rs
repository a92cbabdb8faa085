//! `hotline-statistics`: yearly figures are ordered, consistent, and agree with the headline.

use std::collections::HashSet;

use tipkit_model::Pointer;

use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};
use crate::{Diagnostic, Severity};

declare_rule! {
    /// Yearly hotline figures are unique, ascending, consistent, and agree with the headline.
    ///
    /// ## What it checks
    /// - Years are unique and ascending, and no year has more cases reported than calls
    ///   (error).
    /// - The cases of the reporting period's calendar years add up to within 5% of
    ///   `hotline_cases.cases_reported` (warning). A smaller difference is information, with
    ///   both figures: Connecticut's yearly cases for 2012–2016 add up to 184 against 186 in
    ///   the document. Checked only when every year of the period is present.
    ///
    /// ## Why it matters
    /// The yearly figures and the headline come from the same hotline: a larger gap means one
    /// of them was transcribed wrong or belongs to another state.
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
        reads: Reads::Together(&[Section::HotlineStatistics, Section::ReportingPeriod, Section::HotlineCases]),
        check,
    },
}

/// How far the yearly sum may be from the headline figure, in percent.
const TOLERANCE_PERCENT: u64 = 5;

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
    let (Some(period), Some(cases)) = (&ctx.profile.reporting_period, ctx.profile.hotline_cases)
    else {
        return;
    };
    let period_years = period.start.year()..=period.end.year();
    let listed: HashSet<_> = years.iter().map(|s| s.year.get()).collect();
    let covered = period_years.clone().all(|y| listed.contains(&y));
    if !covered {
        return;
    }
    let sum: u64 = years
        .iter()
        .filter(|s| period_years.contains(&s.year.get()))
        .map(|s| u64::from(s.cases_reported))
        .sum();
    let headline = u64::from(cases.cases_reported);
    let (first, last) = (period.start.year(), period.end.year());
    if sum == headline {
        return;
    }
    if sum.abs_diff(headline) * 100 > headline * TOLERANCE_PERCENT {
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().hotline_cases().cases_reported(),
                format!(
                    "{headline} cases reported, but the yearly figures for {first} to {last} add up to {sum}, more than {TOLERANCE_PERCENT}% apart"
                ),
            )
            .with_severity(Severity::Warning)
            .with_help("check both figures against their sources")
            .with_related(ctx.related(&Pointer::profile().hotline_statistics().years(), "the yearly figures")),
        );
    } else {
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().hotline_cases().cases_reported(),
                format!(
                    "the yearly cases for {first}–{last} add up to {sum}; the headline says {headline}, within {TOLERANCE_PERCENT}%"
                ),
            )
            .with_severity(Severity::Info)
            .with_help(
                "the hotline revises the figures of past years, so the two may differ a little; \
                 nothing to fix when each matches its source",
            )
            .with_related(ctx.related(&Pointer::profile().hotline_statistics().years(), "the yearly figures")),
        );
    }
}
