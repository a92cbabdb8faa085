//! `links`: URLs are absolute https URLs, and names in a list are unique.

use tipkit_model::Link;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};

declare_rule! {
    /// Links are absolute https URLs, and no name is listed twice in one list.
    ///
    /// ## What it checks
    /// - Every `url` of a law, of a statewide effort and of the statistics source is an
    ///   absolute https URL, never a placeholder such as "#".
    /// - No name appears twice in `collaborations`, `resources`, `funding_opportunities` or
    ///   `campaigns`.
    ///
    /// ## Why it matters
    /// The published documents carry "#" where a link was never filled in; copied into data, a
    /// placeholder looks like a link and leads nowhere.
    ///
    /// ## Example
    /// ```json
    /// { "statewide_efforts": { "campaigns": [{ "name": "End Demand Connecticut", "url": "#" }] } }
    /// ```
    /// Leave `url` out until the real address is known.
    id: "links",
    severity: Error,
    check: Check::Profile(check),
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let profile = ctx.profile;
    if let Some(statistics) = &profile.hotline_statistics {
        check_url(
            ctx,
            || "/hotline_statistics/source/url".to_owned(),
            &statistics.source.url,
            acc,
        );
    }
    for (index, law) in profile.laws.iter().flatten().enumerate() {
        if let Some(url) = &law.url {
            check_url(ctx, || format!("/laws/{index}/url"), url, acc);
        }
    }
    if let Some(efforts) = &profile.statewide_efforts {
        let lists: [(&str, &[Link]); 4] = [
            ("collaborations", &efforts.collaborations),
            ("resources", &efforts.resources),
            ("funding_opportunities", &efforts.funding_opportunities),
            ("campaigns", &efforts.campaigns),
        ];
        for (key, list) in lists {
            for (index, link) in list.iter().enumerate() {
                // Pointers are made only for findings: most links have none.
                let at = |field: &str| format!("/statewide_efforts/{key}/{index}/{field}");
                if let Some(url) = &link.url {
                    check_url(ctx, || at("url"), url, acc);
                }
                if let Some(first) = list[..index].iter().position(|l| l.name == link.name) {
                    acc.push(
                        ctx.report(
                            &RULE,
                            &at("name"),
                            format!("`{}` is listed twice in `{key}`", link.name),
                        )
                        .with_related(ctx.related(
                            &format!("/statewide_efforts/{key}/{first}/name"),
                            "first listed here",
                        )),
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
    if is_absolute_https(url) {
        return;
    }
    let (message, help) = if url.trim().is_empty() || url.starts_with('#') {
        (
            format!("`{url}` is a placeholder, not a link"),
            "leave `url` out until the real address is known",
        )
    } else {
        (
            format!("`{url}` is not an absolute https URL"),
            "write the full address, starting with https://",
        )
    };
    acc.push(ctx.report(&RULE, &pointer(), message).with_help(help));
}

/// `https://` followed by a host, and no white space.
fn is_absolute_https(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && host.contains('.') && !url.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::is_absolute_https;

    #[test]
    fn absolute_https_urls() {
        assert!(is_absolute_https(
            "https://humantraffickinghotline.org/state/connecticut"
        ));
        for bad in [
            "#",
            "",
            "http://example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "/state/ct",
        ] {
            assert!(!is_absolute_https(bad), "{bad}");
        }
    }
}
