//! `state-statistics-url`: the statistics URL is the jurisdiction's page.

use tipkit_model::{Pointer, is_statistics_url, statistics_url};

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::fix::Fix;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// The statistics URL is the hotline's page for the jurisdiction.
    ///
    /// ## What it checks
    /// That `state_statistics_url` is `https://humantraffickinghotline.org/state/<slug>`, where
    /// the slug is the name in lower case with spaces as hyphens, as the hotline's site spells
    /// its paths: `new-hampshire`. The site drops "of": DC's page is `district-columbia`.
    ///
    /// ## Why it matters
    /// Readers follow the link for more figures; a copied profile often keeps another state's.
    ///
    /// ## Example
    /// ```json
    /// { "state": { "name": "New Hampshire", "code": "NH" },
    ///   "state_statistics_url": "https://humantraffickinghotline.org/state/new_hampshire" }
    /// ```
    id: "state-statistics-url",
    severity: Error,
    fix: Safe,
    check: Check::Profile {
        reads: Reads::Together(&[Section::State, Section::StateStatisticsUrl]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let slug = ctx.profile.state.code.jurisdiction().slug;
    if !is_statistics_url(&ctx.profile.state_statistics_url, slug) {
        let expected = statistics_url(slug);
        acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().state_statistics_url(),
                format!(
                    "`{}` is not the statistics page of {}",
                    ctx.profile.state_statistics_url, ctx.profile.state.name
                ),
            )
            .with_help(format!("write `{expected}`"))
            .with_fix(Fix::safe_value(
                &ctx.source,
                &Pointer::profile().state_statistics_url(),
                &expected,
            )),
        );
    }
}
