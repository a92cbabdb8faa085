//! `cargo xtask validate`: the full validator over `profiles/`. It fails on any error, and checks
//! the snapshots of each profile's report and of its rendered Markdown document, so that a change
//! in a profile's findings or data shows up in review.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::bail;
use tipkit_validate::{Diagnostic, Severity, Style};

use crate::project_root;

pub(crate) fn run() -> anyhow::Result<()> {
    let reports = check_profiles()?;
    let mut errors = 0;
    for (_, diagnostics) in &reports {
        for diagnostic in diagnostics {
            if diagnostic.severity == Severity::Error {
                errors += 1;
                eprint!("{}", render(diagnostic));
            }
        }
    }
    eprintln!("{} profiles checked, {errors} errors", reports.len() - 1);
    if errors > 0 {
        bail!("{errors} errors in profiles/");
    }
    crate::ci::cargo(
        &["test", "--package", "xtask", "--quiet", "--", "validate::"],
        &[],
    )
}

/// The findings of each profile, by its path from the workspace root, and last those about the
/// folder as a whole under `profiles/`.
pub(crate) fn check_profiles() -> anyhow::Result<Vec<(PathBuf, Vec<Diagnostic>)>> {
    let folder = Path::new("profiles");
    let mut reports = Vec::new();
    let mut summaries = Vec::new();
    for path in crate::profile_paths()? {
        let shown = folder.join(path.file_name().unwrap_or_default());
        let bytes = tipkit_validate::read_file(&path, tipkit_validate::DEFAULT_SIZE_LIMIT)?;
        let report = tipkit_validate::check_bytes(&shown, &bytes);
        summaries.extend(report.summary);
        reports.push((shown, report.diagnostics));
    }
    let mut about_folder = Vec::new();
    let source = |file: &Path| std::fs::read(project_root().join(file)).ok();
    for diagnostic in
        tipkit_validate::check_folder(folder, &summaries, reports.len() - summaries.len(), &source)
    {
        match reports
            .iter_mut()
            .find(|(file, _)| *file == diagnostic.file)
        {
            Some((_, diagnostics)) => diagnostics.push(diagnostic),
            None => about_folder.push(diagnostic),
        }
    }
    for (_, diagnostics) in &mut reports {
        tipkit_validate::sort(diagnostics);
    }
    reports.push((folder.to_path_buf(), about_folder));
    Ok(reports)
}

pub(crate) fn render(diagnostic: &Diagnostic) -> String {
    let load = |file: &Path| -> Option<Cow<'static, str>> {
        let bytes = std::fs::read(project_root().join(file)).ok()?;
        Some(Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()))
    };
    tipkit_validate::render(diagnostic, &load, Style::Plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(diagnostics: &[Diagnostic]) -> String {
        if diagnostics.is_empty() {
            return "no findings\n".to_owned();
        }
        diagnostics.iter().map(render).collect()
    }

    /// One snapshot per profile, `report@<file>.snap`, and one for the folder as a whole.
    #[test]
    fn report() {
        let reports = check_profiles().unwrap();
        insta::glob!("../../profiles", "*.json", |path| {
            let name = path.file_name().unwrap();
            let (_, diagnostics) = reports
                .iter()
                .find(|(file, _)| file.file_name() == Some(name))
                .unwrap();
            insta::assert_snapshot!(rendered(diagnostics));
        });
        let (_, about_folder) = reports.last().unwrap();
        insta::assert_snapshot!("report_about_the_folder", rendered(about_folder));
    }

    /// Every profile as its published document, in Markdown: a change to a profile's data shows
    /// up in review as a change to the document.
    #[test]
    fn document() {
        insta::glob!("../../profiles", "*.json", |path| {
            let profile = tipkit_model::from_slice(&std::fs::read(path).unwrap()).unwrap();
            insta::assert_snapshot!(tipkit_document::render(
                &profile,
                tipkit_document::Format::Markdown
            ));
        });
    }

    #[test]
    fn connecticut_has_one_info_and_no_profile_an_error() {
        let reports = check_profiles().unwrap();
        for (file, diagnostics) in &reports {
            let errors: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        }
        let (_, ct) = reports
            .iter()
            .find(|(file, _)| file.ends_with("ct.json"))
            .unwrap();
        // The only finding: the yearly figures' 184 against the headline's 186.
        let [finding] = ct.as_slice() else {
            panic!("{ct:#?}")
        };
        assert_eq!(
            (finding.rule, finding.severity),
            ("hotline-statistics", Severity::Info)
        );
        assert!(
            finding.message.contains("184") && finding.message.contains("186"),
            "{}",
            finding.message
        );
    }
}
