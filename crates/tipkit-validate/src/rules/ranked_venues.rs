//! `ranked-venues`: ranked lists are numbered 1, 2, 3 … with no venue twice.

use jsonschema::error::ValidationErrorKind;
use tipkit_model::{Pointer, RankedVenue, Venue, VenueList};

use crate::Diagnostic;
use crate::context::{ProfileContext, Target};
use crate::first_seen::FirstSeen;
use crate::fix::Fix;
use crate::registry::{Check, SchemaErrors, declare_rule};
use crate::sections::{Reads, Section};
use crate::structural::SchemaError;

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
    check: Check::Profile {
        reads: Reads::Each(&[Section::SexTraffickingVenues, Section::LaborTraffickingVenues]),
        check,
    },
    // Only the ranked venue lists have a length limit.
    schema_errors: SchemaErrors { keywords: &["maxItems"], diagnose: diagnose_too_many },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    if let Some(list) = &ctx.profile.sex_trafficking_venues {
        check_list(ctx, VenueList::Sex, list, acc);
    }
    if let Some(list) = &ctx.profile.labor_trafficking_venues {
        check_list(ctx, VenueList::Labor, list, acc);
    }
}

fn check_list<V: Venue>(
    ctx: &ProfileContext<'_>,
    kind: VenueList,
    list: &[RankedVenue<V>],
    acc: &mut Vec<Diagnostic>,
) {
    let at = |index| Pointer::profile().venues(kind).index(index);
    let mut venues = FirstSeen::new();
    for (index, entry) in list.iter().enumerate() {
        let expected = index + 1;
        if usize::try_from(entry.rank).ok() != Some(expected) {
            let message = match index {
                0 => format!("the list starts at rank {}", entry.rank),
                _ => format!("rank {} follows rank {}", entry.rank, list[index - 1].rank),
            };
            let pointer = at(index).rank();
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
                    &at(index).venue(),
                    format!("`{}` is listed twice", entry.venue.label()),
                )
                .with_help("remove one of the two entries and renumber")
                .with_related(ctx.related(&at(first).venue(), "first listed here")),
            );
        }
    }
}

/// A list longer than the top 5, as the schema (`maxItems`) and the typed model refuse it: the
/// finding points at the first entry too many.
fn diagnose_too_many(error: &SchemaError<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let ValidationErrorKind::MaxItems { limit } = *error.kind else {
        return acc.push(error.report_as_said(&RULE));
    };
    let (source, pointer) = (error.source, error.pointer);
    let count = error.found.as_array().map_or(0, Vec::len);
    acc.push(
        source
            .report(
                &RULE,
                &format!("{pointer}/{limit}"),
                Target::Value,
                format!("{count} venues are listed; the documents print a top {limit} at most"),
            )
            .with_help(format!("keep the top {limit}")),
    );
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::RULE;
    use crate::rules::testing::{check_rule, ct_with};

    fn labor(venues: &[(u64, &str)]) -> String {
        let list: Vec<Value> = venues
            .iter()
            .map(|&(rank, venue)| json!({ "rank": rank, "venue": venue }))
            .collect();
        ct_with(|p| p["labor_trafficking_venues"] = Value::Array(list))
    }

    fn messages(text: &str) -> Vec<String> {
        check_rule(&RULE, text)
            .into_iter()
            .map(|d| format!("{}: {}", d.pointer, d.message))
            .collect()
    }

    #[test]
    fn a_list_that_starts_at_two_is_off_by_one_at_every_entry() {
        let text = labor(&[(2, "Domestic Work"), (3, "Agriculture")]);
        assert_eq!(
            messages(&text),
            [
                "/labor_trafficking_venues/0/rank: the list starts at rank 2",
                "/labor_trafficking_venues/1/rank: rank 3 follows rank 2",
            ]
        );
    }

    #[test]
    fn a_repeated_venue_points_back_at_its_first_entry() {
        let text = labor(&[
            (1, "Domestic Work"),
            (2, "Agriculture"),
            (3, "Domestic Work"),
        ]);
        let found = check_rule(&RULE, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message, "`Domestic Work` is listed twice");
        assert_eq!(found[0].related[0].pointer, "/labor_trafficking_venues/0/venue");
    }

    #[test]
    fn an_empty_list_is_fine() {
        assert!(messages(&labor(&[])).is_empty());
    }

    /// The schema's `maxItems`, which this rule owns: found before the typed model, so the
    /// profile check does not run, and pointed at the first entry too many.
    #[test]
    fn a_sixth_venue_is_reported_by_this_rule_from_the_schema_stage() {
        let text = labor(&[
            (1, "Domestic Work"),
            (2, "Agriculture"),
            (3, "Traveling Sales Crews"),
            (4, "Restaurants/Food Service"),
            (5, "Health and Beauty Services"),
            (5, "Domestic Work"),
        ]);
        assert_eq!(
            messages(&text),
            ["/labor_trafficking_venues/5: 6 venues are listed; the documents print a top 5 at most"]
        );
    }
}
