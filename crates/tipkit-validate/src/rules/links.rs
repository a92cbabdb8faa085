//! `links`: URLs are absolute https URLs with nothing in them a real URL never holds, and names
//! in a list are unique.

use tipkit_model::{Pointer, UrlProblem, is_https, web_url_problem};

use crate::context::ProfileContext;
use crate::first_seen::FirstSeen;
use crate::fix::Fix;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};
use crate::{Diagnostic, visible};

declare_rule! {
    /// Links are absolute https URLs, and no name is listed twice in one list.
    ///
    /// ## What it checks
    /// - Every `url` of a law, of a statewide effort and of the statistics source is an
    ///   absolute https URL, never a placeholder such as "#", never another scheme
    ///   (`javascript:`, `data:`, `vbscript:`, …).
    /// - No URL holds a character that no real URL holds unescaped: white space, `<`, `>`, `"`,
    ///   `` ` `` or a control character.
    /// - No name appears twice in `collaborations`, `resources`, `funding_opportunities` or
    ///   `campaigns`.
    ///
    /// ## Why it matters
    /// The published documents carry "#" where a link was never filled in; copied into data, a
    /// placeholder looks like a link and leads nowhere. The documents rendered from a profile
    /// are read in browsers: a `javascript:` link runs script when clicked, and a URL with `<`,
    /// `>` or `"` in it is how markup is smuggled out of a link. The renderers never make such a
    /// URL a link; this rule stops it at the source.
    ///
    /// ## Example
    /// ```json
    /// { "statewide_efforts": { "campaigns": [{ "name": "End Demand Connecticut", "url": "#" }] } }
    /// ```
    /// Leave `url` out until the real address is known.
    id: "links",
    severity: Error,
    fix: Unsafe,
    check: Check::Profile {
        reads: Reads::Each(&[Section::HotlineStatistics, Section::Laws, Section::StatewideEfforts]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let profile = ctx.profile;
    if let Some(statistics) = &profile.hotline_statistics {
        check_url(
            ctx,
            || {
                Pointer::profile()
                    .hotline_statistics()
                    .source()
                    .url()
                    .into()
            },
            &statistics.source.url,
            acc,
        );
    }
    for (index, law) in profile.laws.iter().flatten().enumerate() {
        if let Some(url) = &law.url {
            check_url(
                ctx,
                || Pointer::profile().laws().index(index).url().into(),
                url,
                acc,
            );
        }
    }
    if let Some(efforts) = &profile.statewide_efforts {
        for (kind, list) in efforts.lists() {
            let key = kind.key();
            let entry = |index| {
                Pointer::profile()
                    .statewide_efforts()
                    .list(kind)
                    .index(index)
            };
            let mut names = FirstSeen::new();
            for (index, link) in list.iter().enumerate() {
                // Pointers are made only for findings: most links have none.
                if let Some(url) = &link.url {
                    check_url(ctx, || entry(index).url().into(), url, acc);
                }
                if let Some(first) = names.earlier(link.name.as_str(), index) {
                    acc.push(
                        ctx.report(
                            &RULE,
                            &entry(index).name(),
                            format!("`{}` is listed twice in `{key}`", visible(&link.name)),
                        )
                        .with_related(ctx.related(&entry(first).name(), "first listed here")),
                    );
                }
            }
        }
    }
}

fn check_url(
    ctx: &ProfileContext<'_>,
    pointer: impl FnOnce() -> String,
    url: &str,
    acc: &mut Vec<Diagnostic>,
) {
    let shown = visible(url);
    let (message, help) = match web_url_problem(url) {
        None if is_https(url) => return,
        None => (
            format!("`{shown}` is not an https URL"),
            "write the https address of the page",
        ),
        Some(UrlProblem::Placeholder) => (
            format!("`{shown}` is a placeholder, not a link"),
            "leave `url` out until the real address is known",
        ),
        Some(UrlProblem::Scheme) => (
            format!("`{shown}` is not an https URL"),
            "write the full address, starting with https://; other schemes (javascript:, data:, \
             vbscript:, …) are never links",
        ),
        Some(UrlProblem::NoHost) => (
            format!("`{shown}` has no host"),
            "write the full address, starting with https://",
        ),
        Some(problem @ UrlProblem::Character(_)) => (
            format!("`{shown}` {problem}"),
            "percent-encode it (a space is %20, `<` is %3C, `\"` is %22) or fix the address",
        ),
    };
    let pointer = pointer();
    // A plain `http:` address: the https one is probably the same page.
    let fix = match (web_url_problem(url), url.strip_prefix("http:")) {
        (None, Some(rest)) => Fix::unsafe_value(&ctx.source, &pointer, format!("https:{rest}")),
        _ => None,
    };
    acc.push(
        ctx.report(&RULE, &pointer, message)
            .with_help(help)
            .with_fix(fix),
    );
}
