//! `demographic-bounds`: no demographic figure exceeds the persons trafficked.

use tipkit_model::{DemographicBlock, Demographics, Pointer};

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// No demographic count, and no block's sum, exceeds the potential persons trafficked.
    ///
    /// ## What it checks
    /// Each count in `demographics.citizenship`, `.gender` and `.age`, and the sum of each block,
    /// against `hotline_cases.potential_persons_trafficked`.
    ///
    /// ## Why it matters
    /// The blocks describe the potential persons trafficked: a block that counts more people
    /// than there are holds a typo.
    ///
    /// ## Example
    /// ```json
    /// { "hotline_cases": { "cases_reported": 186, "potential_persons_trafficked": 441 },
    ///   "demographics": { "gender": { "female": 1610, "male": 15 } } }
    /// ```
    id: "demographic-bounds",
    severity: Error,
    check: Check::Profile {
        reads: Reads::Together(&[Section::Demographics, Section::HotlineCases]),
        check,
    },
}

/// The sum of a block's counts; `None` when it has none.
pub(crate) fn total(block: DemographicBlock, demographics: &Demographics) -> Option<u64> {
    block
        .classes()
        .iter()
        .filter_map(|class| class.count(demographics))
        .map(u64::from)
        .reduce(|sum, count| sum + count)
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let (Some(demographics), Some(cases)) = (&ctx.profile.demographics, &ctx.profile.hotline_cases)
    else {
        return;
    };
    let persons = cases.potential_persons_trafficked;
    let persons_at = || {
        Pointer::profile()
            .hotline_cases()
            .potential_persons_trafficked()
    };
    for block in DemographicBlock::ALL {
        let mut any_count_over = false;
        for &class in block.classes() {
            let Some(count) = class.count(demographics) else {
                continue;
            };
            if count > persons {
                any_count_over = true;
                acc.push(
                    ctx.report(
                        &RULE,
                        &Pointer::profile().demographics().class(class),
                        format!(
                            "{} is {count}, more than the {persons} potential persons trafficked",
                            class.key()
                        ),
                    )
                    .with_related(ctx.related(&persons_at(), "the potential persons trafficked")),
                );
            }
        }
        let total = total(block, demographics).unwrap_or(0);
        if !any_count_over && total > u64::from(persons) {
            let terms: Vec<String> = block
                .counts(demographics)
                .iter()
                .map(|(_, c)| c.to_string())
                .collect();
            acc.push(
                ctx.report_key(&RULE, &Pointer::profile().demographics().block(block), format!("the {} block adds up to {} = {total}, more than the {persons} potential persons trafficked", block.key(), terms.join(" + ")))
                    .with_related(ctx.related(&persons_at(), "the potential persons trafficked")),
            );
        }
    }
}
