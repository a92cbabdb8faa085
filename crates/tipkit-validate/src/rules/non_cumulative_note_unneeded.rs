//! `non-cumulative-note-unneeded`: the note is set, though every block adds up.

use tipkit_model::{DemographicBlock, Pointer};

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::rules::demographic_bounds::total;
use crate::sections::{Reads, Section};

declare_rule! {
    /// The non-cumulative note is set, though every demographic block adds up exactly.
    ///
    /// ## What it checks
    /// When `demographics.non_cumulative_note` is `true` and every block's sum equals
    /// `hotline_cases.potential_persons_trafficked`, it says the note is unnecessary
    /// (information). Blocks that do not add up without the note are `non-cumulative-note`.
    /// Until this release, `non-cumulative-note` reported it; setting `non-cumulative-note` to
    /// `off` still turns it off, for one release.
    ///
    /// ## Why it matters
    /// The documents print the note only when the figures do not add up: a note where they do
    /// may be a transcription slip, or the document's own; a reviewer checks it.
    ///
    /// ## Example
    /// ```json
    /// { "hotline_cases": { "cases_reported": 10, "potential_persons_trafficked": 20 },
    ///   "demographics": { "gender": { "female": 15, "male": 5 },
    ///                     "non_cumulative_note": true } }
    /// ```
    id: "non-cumulative-note-unneeded",
    severity: Info,
    check: Check::Profile {
        reads: Reads::Together(&[Section::Demographics, Section::HotlineCases]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let (Some(demographics), Some(cases)) = (&ctx.profile.demographics, ctx.profile.hotline_cases)
    else {
        return;
    };
    if !demographics.non_cumulative_note {
        return;
    }
    let persons = cases.potential_persons_trafficked;
    let mut sums = DemographicBlock::ALL
        .iter()
        .filter_map(|&block| total(block, demographics))
        .peekable();
    if sums.peek().is_none() || !sums.all(|sum| sum == u64::from(persons)) {
        return;
    }
    acc.push(
        ctx.report(
            &RULE,
            &Pointer::profile().demographics().non_cumulative_note(),
            format!(
                "every block adds up to the {persons} potential persons trafficked; the non-cumulative note is unnecessary"
            ),
        )
        .with_help("check the document: if it prints no note, set `non_cumulative_note` to false"),
    );
}
