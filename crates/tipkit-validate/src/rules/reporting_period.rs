//! `reporting-period`: the period runs forward and holds the years it is printed with.

use tipkit_model::Pointer;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// The reporting period runs forward, and the heat map and call types fall inside it.
    ///
    /// ## What it checks
    /// That `reporting_period.start` is not after `.end`, and that `heat_map.year` and
    /// `call_types.year` are years of the period.
    ///
    /// ## Why it matters
    /// The document prints "from December 2012 to December 2016" and charts of 2016: a chart of
    /// a year outside the period describes other data.
    ///
    /// ## Example
    /// ```json
    /// { "reporting_period": { "start": "2016-12", "end": "2012-12" } }
    /// ```
    id: "reporting-period",
    severity: Error,
    check: Check::Profile {
        // Each: a section that did not type is absent, so its year is not compared.
        reads: Reads::Each(&[Section::ReportingPeriod, Section::HeatMap, Section::CallTypes]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(period) = &ctx.profile.reporting_period else {
        return;
    };
    if period.start > period.end {
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().reporting_period().end(),
                format!(
                    "the period ends in {} before it starts in {}",
                    period.end, period.start
                ),
            )
            .with_help("swap `start` and `end`")
            .with_related(ctx.related(
                &Pointer::profile().reporting_period().start(),
                "starts here",
            )),
        );
        return;
    }
    let (first, last) = (period.start.year(), period.end.year());
    // Pointers are built only for a finding.
    let years: [(fn() -> Pointer, _, _); 2] = [
        (
            || Pointer::profile().heat_map().year(),
            "heat map",
            ctx.profile.heat_map.as_ref().map(|m| m.year),
        ),
        (
            || Pointer::profile().call_types().year(),
            "call types chart",
            ctx.profile.call_types.as_ref().map(|c| c.year),
        ),
    ];
    for (pointer, what, year) in years {
        let Some(year) = year else { continue };
        if !(first..=last).contains(&year.get()) {
            acc.push(
                ctx.report(
                    &RULE,
                    &pointer(),
                    format!(
                        "the {what} is of {year}, outside the reporting period {first} to {last}"
                    ),
                )
                .with_related(ctx.related(
                    &Pointer::profile().reporting_period(),
                    "the reporting period",
                )),
            );
        }
    }
}
