//! `cargo xtask validate`: the full validator over `profiles/`. It fails on any error, and checks
//! the snapshots of each profile's report and of its rendered Markdown document, so that a change
//! in a profile's findings or data shows up in review.

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};

use anyhow::bail;
use tipkit_validate::{Config, Diagnostic, Options, Severity, Style};

use crate::project_root;

pub(crate) fn run() -> anyhow::Result<()> {
    let reports = check_profiles()?;
    let mut errors = 0;
    for (_, findings) in &reports {
        for (diagnostic, rendered) in findings {
            if diagnostic.severity == Severity::Error {
                errors += 1;
                eprint!("{rendered}");
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

/// A finding, and its code frame as `tipkit check` prints it.
pub(crate) type Finding = (Diagnostic, String);

/// The findings of each profile, by its path from the workspace root, and last those about the
/// folder as a whole under `profiles/`: the check of `tipkit check profiles`, with the
/// repository's `tipkit.toml` when it has one.
pub(crate) fn check_profiles() -> anyhow::Result<Vec<(PathBuf, Vec<Finding>)>> {
    let root = project_root();
    let config = Config::discover(&root)?;
    let folder = Path::new("profiles");
    let options = Options {
        root,
        ..Options::default()
    };
    let mut reports: Vec<(PathBuf, Vec<Finding>)> = Vec::new();
    let mut about_folder = Vec::new();
    let checked = tipkit_validate::check_paths(&[folder.into()], &config, &options, |report| {
        let first = reports.len();
        reports.extend(report.files.iter().map(|file| (file.clone(), Vec::new())));
        let at: HashMap<&Path, usize> = report
            .files
            .iter()
            .enumerate()
            .map(|(index, file)| (file.as_path(), first + index))
            .collect();
        for diagnostic in &report.diagnostics {
            let rendered = tipkit_validate::render(diagnostic, report.sources, Style::Plain);
            let finding = (diagnostic.clone(), rendered);
            match at.get(diagnostic.file.as_path()) {
                Some(&index) => reports[index].1.push(finding),
                None => about_folder.push(finding),
            }
        }
        Ok::<_, Infallible>(())
    });
    let Ok(_) = checked;
    reports.push((folder.to_path_buf(), about_folder));
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(findings: &[Finding]) -> String {
        if findings.is_empty() {
            return "no findings\n".to_owned();
        }
        findings
            .iter()
            .map(|(_, rendered)| rendered.as_str())
            .collect()
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
        for (file, findings) in &reports {
            let errors: Vec<_> = findings
                .iter()
                .filter(|(d, _)| d.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        }
        let (_, ct) = reports
            .iter()
            .find(|(file, _)| file.ends_with("ct.json"))
            .unwrap();
        // The only finding: the yearly figures' 184 against the headline's 186.
        let [(finding, _)] = ct.as_slice() else {
            panic!("{ct:#?}")
        };
        assert_eq!(
            (finding.rule, finding.severity),
            ("hotline-statistics-revised", Severity::Info)
        );
        assert!(
            finding.message.contains("184") && finding.message.contains("186"),
            "{}",
            finding.message
        );
    }
}
