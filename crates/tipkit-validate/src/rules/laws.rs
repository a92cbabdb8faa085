//! `laws`: citations and titles are unique and cited with "§"; titles are alphabetical.

use crate::context::ProfileContext;
use crate::first_seen::FirstSeen;
use crate::fix::{Applicability, Fix, reorder_edit};
use crate::registry::{Check, declare_rule};
use crate::{Diagnostic, Severity};

declare_rule! {
    /// Laws are cited with "§" and a section number, listed once each, in alphabetical order.
    ///
    /// ## What it checks
    /// - No citation twice and no title twice (error).
    /// - Each citation names a section with "§" and a section number: "§ 53a-192a"; other
    ///   states' styles such as "Ch. 265 § 50" are fine (error).
    /// - Titles are in alphabetical order, as the documents print them (warning).
    ///
    /// ## Why it matters
    /// A repeated law is a copy-paste slip, a citation without a section cannot be looked up,
    /// and an out-of-order title is often a law transcribed into the wrong line.
    ///
    /// ## Example
    /// ```json
    /// { "laws": [
    ///     { "title": "Trafficking in Persons: Class B Felony", "citation": "53a-192a" } ] }
    /// ```
    /// Write `"§ 53a-192a"`.
    id: "laws",
    severity: Error,
    fix: Safe,
    check: Check::Profile(check),
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(laws) = &ctx.profile.laws else {
        return;
    };
    let mut citations = FirstSeen::new();
    let mut titles = FirstSeen::new();
    let findings_before = acc.len();
    for (index, law) in laws.iter().enumerate() {
        if let Some(first) = citations.earlier(law.citation.as_str(), index) {
            acc.push(
                ctx.report(
                    &RULE,
                    &format!("/laws/{index}/citation"),
                    format!("the citation `{}` is listed twice", law.citation),
                )
                .with_related(ctx.related(&format!("/laws/{first}/citation"), "first listed here")),
            );
        }
        if let Some(first) = titles.earlier(law.title.as_str(), index) {
            acc.push(
                ctx.report(
                    &RULE,
                    &format!("/laws/{index}/title"),
                    format!("the title `{}` is listed twice", law.title),
                )
                .with_related(ctx.related(&format!("/laws/{first}/title"), "first listed here")),
            );
        }
    }
    let out_of_order = laws
        .windows(2)
        .position(|pair| lowercase(&pair[0].title).gt(lowercase(&pair[1].title)));
    if let Some(before) = out_of_order {
        let index = before + 1;
        acc.push(
            ctx.report(
                &RULE,
                &format!("/laws/{index}/title"),
                format!("`{}` comes before `{}` in alphabetical order", laws[index].title, laws[before].title),
            )
            .with_severity(Severity::Warning)
            .with_help("the documents list laws by title, alphabetically: check the order against the document")
            .with_fix((acc.len() == findings_before).then(|| sort_fix(ctx, laws)).flatten()),
        );
    }
}

/// Puts the laws in the alphabetical order of their titles: safe when the order is the only
/// finding.
fn sort_fix(ctx: &ProfileContext<'_>, laws: &[tipkit_model::Law]) -> Option<Fix> {
    let mut order: Vec<usize> = (0..laws.len()).collect();
    order.sort_by(|&a, &b| lowercase(&laws[a].title).cmp(lowercase(&laws[b].title)));
    let edit = reorder_edit(&ctx.source, "/laws", &order)?;
    Fix::new(
        Applicability::Safe,
        "list the laws in the alphabetical order of their titles",
        vec![edit],
    )
}

/// A title's bytes with ASCII letters in lower case, compared without allocating.
fn lowercase(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes().map(|b| b.to_ascii_lowercase())
}
