//! `ranked-venues`: ranked lists are numbered 1, 2, 3 … with no venue twice.

use tipkit_model::{RankedVenue, Venue};

use serde_json::Value;

use crate::Diagnostic;
use crate::context::{FileContext, ProfileContext, Target};
use crate::first_seen::FirstSeen;
use crate::fix::Fix;
use crate::registry::{Check, declare_rule};

declare_rule! {
    /// Venue lists are ranked 1, 2, 3 … in list order, name no venue twice, and hold at most 5.
    ///
    /// ## What it checks
    /// In `sex_trafficking_venues` and `labor_trafficking_venues`: the first rank is 1, each
    /// rank is one more than the one before, no venue is listed twice, and there are at most 5
    /// entries (the documents print a top 5 at most).
    ///
    /// ## Why it matters
    /// A gap or a repeat in a "TOP 5" list means an entry was lost or copied in transcription.
    ///
    /// ## Example
    /// ```json
    /// { "labor_trafficking_venues": [
    ///     { "rank": 1, "venue": "Domestic Work" },
    ///     { "rank": 3, "venue": "Traveling Sales Crews" } ] }
    /// ```
    /// The second entry is rank 2.
    id: "ranked-venues",
    severity: Error,
    fix: Unsafe,
    check: Check::Profile(check),
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    if let Some(list) = &ctx.profile.sex_trafficking_venues {
        check_list(ctx, "sex_trafficking_venues", list, acc);
    }
    if let Some(list) = &ctx.profile.labor_trafficking_venues {
        check_list(ctx, "labor_trafficking_venues", list, acc);
    }
}

fn check_list<V: Venue>(
    ctx: &ProfileContext<'_>,
    key: &str,
    list: &[RankedVenue<V>],
    acc: &mut Vec<Diagnostic>,
) {
    let mut venues = FirstSeen::new();
    for (index, entry) in list.iter().enumerate() {
        let expected = index + 1;
        if usize::try_from(entry.rank).ok() != Some(expected) {
            let message = match index {
                0 => format!("the list starts at rank {}", entry.rank),
                _ => format!("rank {} follows rank {}", entry.rank, list[index - 1].rank),
            };
            let pointer = format!("/{key}/{index}/rank");
            acc.push(
                ctx.report(&RULE, &pointer, message)
                    .with_help(format!(
                        "ranks rise by one in list order from 1: this is rank {expected}"
                    ))
                    .with_fix(Fix::unsafe_value(&ctx.source, &pointer, expected)),
            );
        }
        if let Some(first) = venues.earlier(entry.venue.label(), index) {
            acc.push(
                ctx.report(
                    &RULE,
                    &format!("/{key}/{index}/venue"),
                    format!("`{}` is listed twice", entry.venue.label()),
                )
                .with_help("remove one of the two entries and renumber")
                .with_related(ctx.related(&format!("/{key}/{first}/venue"), "first listed here")),
            );
        }
    }
}

/// A list longer than the top 5, as the schema (`maxItems`) and the typed model refuse it: the
/// finding points at the first entry too many.
pub(crate) fn diagnose_too_many(
    source: &FileContext<'_>,
    pointer: &str,
    found: &Value,
    limit: u64,
) -> Diagnostic {
    let count = found.as_array().map_or(0, Vec::len);
    source
        .report(
            &RULE,
            &format!("{pointer}/{limit}"),
            Target::Value,
            format!("{count} venues are listed; the documents print a top {limit} at most"),
        )
        .with_help(format!("keep the top {limit}"))
}
