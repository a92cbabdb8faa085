//! `hotline-mismatch`: profiles of one folder give different national hotline numbers.

use crate::Diagnostic;
use crate::context::FolderContext;
use crate::registry::{Check, declare_rule};
use crate::summary::{Fact, most_common};

declare_rule! {
    /// The profiles of a folder agree on the national hotline's number.
    ///
    /// ## What it checks
    /// That every profile in a folder gives the National Human Trafficking Hotline the number
    /// most of them give.
    ///
    /// ## Why it matters
    /// There is one national hotline. A profile that gives another number is wrong, and the
    /// number is what a reader in danger dials. A file named on its own is compared with the
    /// other profiles of its folder.
    ///
    /// ## Example
    /// 50 profiles with `"phone": "888-373-7888"`, one with `"888-373-7788"`.
    id: "hotline-mismatch",
    severity: Error,
    check: Check::Folder { facts: &[Fact::NationalPhone], check },
}

fn check(ctx: &FolderContext<'_>, acc: &mut Vec<Diagnostic>) {
    let phones = || {
        ctx.profiles
            .iter()
            .filter_map(|p| Some((p, p.national_phone.as_ref()?)))
    };
    let Some(usual) = most_common(phones().map(|(_, (phone, _))| phone)) else {
        return;
    };
    let Some((example, (_, example_at))) = phones().find(|(_, (phone, _))| phone == usual) else {
        return;
    };
    for (profile, (phone, at)) in phones() {
        if phone != usual && ctx.speaks_about(profile) {
            acc.push(
                ctx.report(
                    &RULE,
                    profile,
                    at,
                    format!(
                        "the national hotline is {phone} here, but {usual} in the other profiles"
                    ),
                )
                .with_help(format!("write `{usual}`"))
                .with_related(ctx.related(example, example_at, "as here")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::RULE;
    use crate::rules::testing::{check_folder_rule, ct_with};

    /// A profile of `code` whose national hotline is `phone`.
    fn profile(code: &str, phone: &str) -> String {
        ct_with(|p| {
            p["state"]["code"] = json!(code);
            p["hotlines"][0]["phone"] = json!(phone);
        })
    }

    #[test]
    fn the_odd_one_out_is_reported_with_a_profile_that_has_the_usual_number() {
        let (a, b, c) = (
            profile("CT", "888-373-7888"),
            profile("ME", "888-373-7788"),
            profile("MA", "888-373-7888"),
        );
        let found = check_folder_rule(&RULE, &[("ct.json", &a), ("me.json", &b), ("ma.json", &c)]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file.to_str(), Some("me.json"));
        assert_eq!(found[0].pointer, "/hotlines/0/phone");
        assert_eq!(
            found[0].message,
            "the national hotline is 888-373-7788 here, but 888-373-7888 in the other profiles"
        );
        assert_eq!(found[0].related[0].file.to_str(), Some("ct.json"));
        assert!(found[0].span.is_some() && found[0].related[0].span.is_some());
    }

    #[test]
    fn on_a_tie_the_first_profile_s_number_is_the_usual_one() {
        let (a, b) = (
            profile("CT", "888-373-7788"),
            profile("ME", "888-373-7888"),
        );
        let found = check_folder_rule(&RULE, &[("ct.json", &a), ("me.json", &b)]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file.to_str(), Some("me.json"));
    }

    #[test]
    fn a_profile_without_the_national_hotline_is_left_to_the_hotlines_rule() {
        let without = ct_with(|p| {
            p["state"]["code"] = json!("ME");
            p["hotlines"][0]["name"] = json!("Another Hotline");
            p["hotlines"][0]["phone"] = json!("800-555-0100");
        });
        let found = check_folder_rule(&RULE, &[("ct.json", &profile("CT", "888-373-7888")), ("me.json", &without)]);
        assert!(found.is_empty(), "{found:#?}");
    }
}
