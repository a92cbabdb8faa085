//! `hotlines`: the national hotline is listed, and phones are NNN-NNN-NNNN.

use tipkit_model::{Hotline, Pointer};

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section};

declare_rule! {
    /// The National Human Trafficking Hotline is listed with 888-373-7888; phones are
    /// NNN-NNN-NNNN.
    ///
    /// ## What it checks
    /// That `hotlines` lists "National Human Trafficking Hotline" with the number 888-373-7888,
    /// and that every phone number is written NNN-NNN-NNNN.
    ///
    /// ## Why it matters
    /// The hotline is the one thing a reader in danger needs from the document. A wrong digit
    /// sends them elsewhere.
    ///
    /// ## Example
    /// ```json
    /// { "hotlines": [{ "name": "National Human Trafficking Hotline", "phone": "888-373-7880" }] }
    /// ```
    id: "hotlines",
    severity: Error,
    fix: Safe,
    check: Check::Profile {
        reads: Reads::Together(&[Section::Hotlines]),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let hotlines = &ctx.profile.hotlines;
    let national = hotlines
        .iter()
        .position(|h| h.name == Hotline::NATIONAL_NAME);
    match national {
        Some(index) if hotlines[index].phone.as_str() != Hotline::NATIONAL_PHONE => acc.push(
            ctx.report(
                &RULE,
                &Pointer::profile().hotlines().index(index).phone(),
                format!(
                    "the national hotline is {}, not {}",
                    Hotline::NATIONAL_PHONE,
                    hotlines[index].phone
                ),
            )
            .with_help(format!("write `{}`", Hotline::NATIONAL_PHONE)),
        ),
        Some(_) => {}
        None => acc.push(
            ctx.report_key(
                &RULE,
                &Pointer::profile().hotlines(),
                format!("the {} is not listed", Hotline::NATIONAL_NAME),
            )
            .with_help(format!(
                "add {{ \"name\": \"{}\", \"phone\": \"{}\" }}",
                Hotline::NATIONAL_NAME,
                Hotline::NATIONAL_PHONE
            )),
        ),
    }
}
