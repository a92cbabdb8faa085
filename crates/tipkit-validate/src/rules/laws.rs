//! `laws`: citations and titles are unique and cited with "§"; titles are alphabetical.

use tipkit_model::Pointer;

use crate::context::ProfileContext;
use crate::first_seen::FirstSeen;
use crate::fix::{Applicability, Fix, reorder_edit};
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};
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
    check: Check::Profile {
        reads: Reads::Together(&[Section::Laws]),
        check,
    },
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
                    &Pointer::profile().laws().index(index).citation(),
                    format!("the citation `{}` is listed twice", law.citation),
                )
                .with_related(ctx.related(
                    &Pointer::profile().laws().index(first).citation(),
                    "first listed here",
                )),
            );
        }
        if let Some(first) = titles.earlier(law.title.as_str(), index) {
            acc.push(
                ctx.report(
                    &RULE,
                    &Pointer::profile().laws().index(index).title(),
                    format!("the title `{}` is listed twice", law.title),
                )
                .with_related(ctx.related(
                    &Pointer::profile().laws().index(first).title(),
                    "first listed here",
                )),
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
                &Pointer::profile().laws().index(index).title(),
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
    let edit = reorder_edit(&ctx.source, &Pointer::profile().laws(), &order)?;
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

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::RULE;
    use crate::Severity;
    use crate::rules::testing::{check_rule, ct_with};

    fn with_laws(laws: &[(&str, &str)]) -> Vec<(String, Severity, String)> {
        let list: Vec<Value> = laws
            .iter()
            .map(|&(title, citation)| json!({ "title": title, "citation": citation }))
            .collect();
        let text = ct_with(|p| p["laws"] = Value::Array(list));
        check_rule(&RULE, &text)
            .into_iter()
            .map(|d| (d.pointer, d.severity, d.message))
            .collect()
    }

    #[test]
    fn titles_are_ordered_without_regard_to_case() {
        assert!(with_laws(&[("apple", "§ 1"), ("Banana", "§ 2"), ("cherry", "§ 3")]).is_empty());
    }

    #[test]
    fn only_the_first_title_out_of_order_is_reported_as_a_warning() {
        let found = with_laws(&[("C", "§ 1"), ("B", "§ 2"), ("A", "§ 3")]);
        assert_eq!(
            found,
            [(
                "/laws/1/title".to_owned(),
                Severity::Warning,
                "`B` comes before `C` in alphabetical order".to_owned()
            )]
        );
    }

    #[test]
    fn a_repeated_title_is_an_error_and_not_an_order_problem() {
        let found = with_laws(&[("Same", "§ 1"), ("Same", "§ 2")]);
        assert_eq!(
            found,
            [(
                "/laws/1/title".to_owned(),
                Severity::Error,
                "the title `Same` is listed twice".to_owned()
            )]
        );
    }

    #[test]
    fn a_repeated_citation_and_title_are_two_findings_in_file_order() {
        let found = with_laws(&[("Same", "§ 1"), ("Same", "§ 1")]);
        let pointers: Vec<&str> = found.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(pointers, ["/laws/1/title", "/laws/1/citation"]);
    }

    #[test]
    fn no_laws_is_not_this_rule_s_business() {
        let text = ct_with(|p| {
            p.as_object_mut().unwrap().remove("laws");
        });
        assert!(check_rule(&RULE, &text).is_empty());
    }
}
