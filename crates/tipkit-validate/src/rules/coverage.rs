//! `coverage`: jurisdictions without a profile in a folder.

use std::collections::HashSet;

use tipkit_model::JurisdictionCode;

use crate::Diagnostic;
use crate::context::FolderContext;
use crate::registry::{Check, declare_rule};

declare_rule! {
    /// Lists the jurisdictions that have no profile in a folder.
    ///
    /// ## What it checks
    /// Which of the 50 states, DC, and the territories and freely associated states of HHS
    /// regions II and IX have no profile in the folder.
    ///
    /// ## Why it matters
    /// It shows what is left to transcribe. It is information, never a failure: no document
    /// is at hand for some jurisdictions. It speaks only when a whole folder is checked, not
    /// when some of its files are named, and only when every file in it reads as a profile: a
    /// file that does not could be the profile it would call missing.
    ///
    /// ## Example
    /// A folder with the 50 states and DC lacks AS, FM, GU, MH, MP, PR, PW and VI.
    id: "coverage",
    severity: Info,
    check: Check::Folder { facts: &[], check },
}

fn check(ctx: &FolderContext<'_>, acc: &mut Vec<Diagnostic>) {
    if !ctx.whole_and_read() {
        return;
    }
    let present: HashSet<JurisdictionCode> = ctx.profiles.iter().map(|p| p.code).collect();
    let missing: Vec<&str> = JurisdictionCode::all()
        .filter(|code| !present.contains(code))
        .map(JurisdictionCode::as_str)
        .collect();
    if missing.is_empty() || ctx.profiles.is_empty() {
        return;
    }
    let message = format!(
        "{} of {} jurisdictions have no profile here: {}",
        missing.len(),
        JurisdictionCode::all().len(),
        missing.join(", ")
    );
    let diagnostic = Diagnostic::new(
        &RULE,
        ctx.folder.to_path_buf(),
        String::new(),
        None,
        message,
    );
    acc.push(diagnostic.with_help("`tipkit new <code>` writes a draft to start from"));
}
