//! `laws-order`: laws are listed in the alphabetical order of their titles.

use tipkit_model::Pointer;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::fix::{Applicability, Fix, reorder_edit};
use crate::registry::{Check, declare_rule};
use crate::rules::laws::each_repeat;
use crate::sections::{Reads, Section};

declare_rule! {
    /// Laws are listed in the alphabetical order of their titles, as the documents print them.
    ///
    /// ## What it checks
    /// That each title comes after the one before it in alphabetical order, without regard to
    /// case; only the first out of order is reported. The fix sorts the list, and is offered
    /// when no citation or title is listed twice (`laws`). Until this release, `laws` reported
    /// it; setting `laws` to `off` or lower still turns it off or lowers it, for one release.
    ///
    /// ## Why it matters
    /// An out-of-order title is often a law transcribed into the wrong line.
    ///
    /// ## Example
    /// ```json
    /// { "laws": [
    ///     { "title": "Trafficking in Persons", "citation": "§ 53a-192a" },
    ///     { "title": "Action for Damages", "citation": "§ 52-571i" } ] }
    /// ```
    id: "laws-order",
    severity: Warning,
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
    let out_of_order = laws
        .windows(2)
        .position(|pair| lowercase(&pair[0].title).gt(lowercase(&pair[1].title)));
    let Some(before) = out_of_order else {
        return;
    };
    let index = before + 1;
    let mut repeats = false;
    each_repeat(laws, |_, _, _| repeats = true);
    acc.push(
        ctx.report(
            &RULE,
            &Pointer::profile().laws().index(index).title(),
            format!(
                "`{}` comes before `{}` in alphabetical order",
                laws[index].title, laws[before].title
            ),
        )
        .with_help(
            "the documents list laws by title, alphabetically: check the order against the document",
        )
        .with_fix((!repeats).then(|| sort_fix(ctx, laws)).flatten()),
    );
}

/// Puts the laws in the alphabetical order of their titles: safe when no law is listed twice.
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
    use crate::rules::testing::{check_rule, ct_with};

    fn with_laws(laws: &[(&str, &str)]) -> Vec<(String, String, bool)> {
        let list: Vec<Value> = laws
            .iter()
            .map(|&(title, citation)| json!({ "title": title, "citation": citation }))
            .collect();
        let text = ct_with(|p| p["laws"] = Value::Array(list));
        check_rule(&RULE, &text)
            .into_iter()
            .map(|d| (d.pointer, d.message, d.fix.is_some()))
            .collect()
    }

    #[test]
    fn titles_are_ordered_without_regard_to_case() {
        assert!(with_laws(&[("apple", "§ 1"), ("Banana", "§ 2"), ("cherry", "§ 3")]).is_empty());
    }

    #[test]
    fn only_the_first_title_out_of_order_is_reported_with_a_fix() {
        let found = with_laws(&[("C", "§ 1"), ("B", "§ 2"), ("A", "§ 3")]);
        assert_eq!(
            found,
            [(
                "/laws/1/title".to_owned(),
                "`B` comes before `C` in alphabetical order".to_owned(),
                true
            )]
        );
    }

    #[test]
    fn a_repeated_law_keeps_the_sort_from_being_fixed() {
        let found = with_laws(&[("C", "§ 1"), ("B", "§ 1")]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].2, "no fix while a citation is listed twice");
    }
}
