//! `period-mismatch`: published profiles of one folder cover different periods.

use crate::Diagnostic;
use crate::context::FolderContext;
use crate::registry::{Check, declare_rule};
use crate::summary::{Fact, most_common};
use tipkit_model::Status;

declare_rule! {
    /// The published profiles of a folder cover the same reporting period.
    ///
    /// ## What it checks
    /// That every published profile in a folder has the reporting period most of them have.
    ///
    /// ## Why it matters
    /// A folder is one edition of the documents. A profile from another edition, or a typo in
    /// one date, makes its figures incomparable with the others'. A file named on its own is
    /// compared with the other profiles of its folder.
    ///
    /// ## Example
    /// Most profiles: `"reporting_period": { "start": "2012-12", "end": "2016-12" }`; one:
    /// `{ "start": "2012-12", "end": "2015-12" }`.
    id: "period-mismatch",
    severity: Warning,
    check: Check::Folder { facts: &[Fact::Status, Fact::ReportingPeriod], check },
}

fn check(ctx: &FolderContext<'_>, acc: &mut Vec<Diagnostic>) {
    let published = || {
        ctx.profiles
            .iter()
            .filter(|p| p.status == Some(Status::Published))
    };
    let Some(usual) = most_common(published().filter_map(|p| p.reporting_period.as_ref())) else {
        return;
    };
    let Some(example) = published().find(|p| p.reporting_period.as_ref() == Some(usual)) else {
        return;
    };
    for profile in published() {
        let Some(period) = &profile.reporting_period else {
            continue;
        };
        if period != usual && ctx.speaks_about(profile) {
            acc.push(
                ctx.report(&RULE, profile, &profile.period_at, format!("the reporting period {} to {} differs from the folder's {} to {}", period.0, period.1, usual.0, usual.1))
                    .with_help("check the period against the document; profiles of other editions belong in another folder")
                    .with_related(ctx.related(example, &example.period_at, "the folder's period")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::RULE;
    use crate::rules::testing::{check_folder_rule, ct_with};

    fn profile(code: &str, status: &str, end: &str) -> String {
        ct_with(|p| {
            p["state"]["code"] = json!(code);
            p["status"] = json!(status);
            p["reporting_period"]["end"] = json!(end);
        })
    }

    #[test]
    fn only_published_profiles_set_and_follow_the_folder_s_period() {
        let files = [
            ("ct.json", profile("CT", "published", "2016-12")),
            ("ma.json", profile("MA", "published", "2016-12")),
            ("me.json", profile("ME", "published", "2015-12")),
            // Drafts may be of another edition: neither counted nor reported.
            ("nh.json", profile("NH", "draft", "2014-12")),
            ("ri.json", profile("RI", "draft", "2014-12")),
            ("vt.json", profile("VT", "draft", "2014-12")),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let found = check_folder_rule(&RULE, &files);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].file.to_str(), Some("me.json"));
        assert_eq!(
            found[0].message,
            "the reporting period 2012-12 to 2015-12 differs from the folder's 2012-12 to 2016-12"
        );
    }
}
