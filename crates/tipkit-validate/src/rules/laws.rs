//! `laws`: citations and titles are unique and cited with "§".

use tipkit_model::{Law, Pointer};

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::first_seen::FirstSeen;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// Laws are cited with "§" and a section number, and listed once each.
    ///
    /// ## What it checks
    /// - No citation twice and no title twice.
    /// - Each citation names a section with "§" and a section number: "§ 53a-192a"; other
    ///   states' styles such as "Ch. 265 § 50" are fine.
    ///
    /// The alphabetical order of the titles is `laws-order`; until it was a rule of its own,
    /// this rule reported it too.
    ///
    /// ## Why it matters
    /// A repeated law is a copy-paste slip, and a citation without a section cannot be looked
    /// up.
    ///
    /// ## Example
    /// ```json
    /// { "laws": [
    ///     { "title": "Trafficking in Persons: Class B Felony", "citation": "53a-192a" } ] }
    /// ```
    /// Write `"§ 53a-192a"`.
    id: "laws",
    severity: Error,
    check: Check::Profile {
        reads: Reads::Together(&[Section::Laws]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(laws) = &ctx.profile.laws else {
        return;
    };
    each_repeat(laws, |index, first, field| {
        let at = |index| {
            let law = Pointer::profile().laws().index(index);
            match field {
                Field::Citation => law.citation(),
                Field::Title => law.title(),
            }
        };
        let (what, text) = match field {
            Field::Citation => ("citation", laws[index].citation.as_str()),
            Field::Title => ("title", laws[index].title.as_str()),
        };
        acc.push(
            ctx.report(
                &RULE,
                &at(index),
                format!("the {what} `{text}` is listed twice"),
            )
            .with_related(ctx.related(&at(first), "first listed here")),
        );
    });
}

/// What of a law is repeated.
#[derive(Clone, Copy)]
pub(crate) enum Field {
    Citation,
    Title,
}

/// Calls `found` with each law whose citation or title an earlier one has, the earlier one's
/// index, and which of the two it repeats, in file order.
pub(crate) fn each_repeat(laws: &[Law], mut found: impl FnMut(usize, usize, Field)) {
    let mut citations = FirstSeen::new();
    let mut titles = FirstSeen::new();
    for (index, law) in laws.iter().enumerate() {
        if let Some(first) = citations.earlier(law.citation.as_str(), index) {
            found(index, first, Field::Citation);
        }
        if let Some(first) = titles.earlier(law.title.as_str(), index) {
            found(index, first, Field::Title);
        }
    }
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
    fn a_repeated_title_is_an_error() {
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
