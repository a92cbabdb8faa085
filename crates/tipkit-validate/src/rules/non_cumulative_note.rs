//! `non-cumulative-note`: blocks that do not add up carry the non-cumulative note.

use tipkit_model::{DemographicBlock, Pointer};

use crate::context::ProfileContext;
use crate::fix::Fix;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};
use crate::rules::demographic_bounds::total;
use crate::Diagnostic;

declare_rule! {
    /// Demographic blocks that do not add up to the persons trafficked carry the non-cumulative
    /// note.
    ///
    /// ## What it checks
    /// When a block's sum differs from `hotline_cases.potential_persons_trafficked`, or the
    /// blocks' sums differ from each other, `demographics.non_cumulative_note` must be `true`.
    /// When every block adds up exactly, the note is unnecessary: that is
    /// `non-cumulative-note-unneeded`; until it was a rule of its own, this rule reported it
    /// too.
    ///
    /// ## Why it matters
    /// The documents print "These statistics are non-cumulative ..." because cases involve
    /// several victims and callers often give no demographics. Without the note, readers take
    /// 161 women and 15 men out of 441 persons for an error.
    ///
    /// ## Example
    /// ```json
    /// { "hotline_cases": { "cases_reported": 186, "potential_persons_trafficked": 441 },
    ///   "demographics": { "citizenship": { "us_citizen_or_lpr": 76, "foreign_national": 47 },
    ///                     "gender": { "female": 161, "male": 15 },
    ///                     "age": { "adult": 124, "minor": 56 },
    ///                     "non_cumulative_note": false } }
    /// ```
    id: "non-cumulative-note",
    severity: Error,
    fix: Unsafe,
    check: Check::Profile {
        reads: Reads::Together(&[Section::Demographics, Section::HotlineCases]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(demographics) = &ctx.profile.demographics else {
        return;
    };
    let persons = ctx
        .profile
        .hotline_cases
        .map(|c| u64::from(c.potential_persons_trafficked));
    let sums = DemographicBlock::ALL.map(|block| (block.key(), total(block, demographics)));
    let sums = sums
        .iter()
        .filter_map(|&(block, sum)| Some((block, sum?)));
    let Some((_, first)) = sums.clone().next() else {
        return;
    };
    let equal_to_each_other = sums.clone().all(|(_, s)| s == first);
    let equal_to_persons = persons.is_none_or(|p| sums.clone().all(|(_, s)| s == p));
    let pointer = || Pointer::profile().demographics().non_cumulative_note();
    if (!equal_to_each_other || !equal_to_persons) && !demographics.non_cumulative_note {
        let against = persons.map_or(String::new(), |p| {
            format!(" against {p} potential persons trafficked")
        });
        acc.push(
            ctx.report(
                &RULE,
                &pointer(),
                format!(
                    "the blocks add up to {}{against}, but the non-cumulative note is off",
                    sums.map(|(block, s)| format!("{block} {s}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .with_help("set `non_cumulative_note` to true, as the document prints the note")
            .with_fix(Fix::unsafe_value(&ctx.source, &pointer(), true)),
        );
    }
}
