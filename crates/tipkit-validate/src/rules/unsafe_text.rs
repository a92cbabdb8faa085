//! `unsafe-text`: no text field starts a formula or holds a control character.

use tipkit_model::{Pointer, Profile, starts_formula};

use crate::context::ProfileContext;
use crate::registry::{Check, declare_rule};
use crate::sections::{Reads, Section, Sections};
use crate::visible::any_needs_escape;
use crate::{Diagnostic, needs_escape, visible};

declare_rule! {
    /// No text begins with `=`, `+`, `-`, `@`, a tab or a carriage return, or holds a control
    /// character or a direction control.
    ///
    /// ## What it checks
    /// Every text field of a profile: names, titles, citations, shaded areas, URLs and
    /// `$schema`.
    /// - It must not begin with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list):
    ///   a spreadsheet runs such a cell as a formula. No name, title or address in this data
    ///   begins with one.
    /// - It must not hold a control character (tab, line end, escape, …) or an invisible
    ///   direction control (U+202E and its kin).
    ///
    /// ## Why it matters
    /// Profiles come from people we do not know, and their text ends up in terminals, CI logs,
    /// documents and spreadsheets. `=HYPERLINK(…)` in a table becomes a live formula in the
    /// analyst's spreadsheet (tipkit's CSV disarms it with a leading `'`, but other tools read
    /// the JSON directly); an escape sequence can rewrite a terminal line, and U+202E makes a
    /// name read backwards. Rejecting them at the source keeps every later reader safe.
    ///
    /// ## Example
    /// ```json
    /// { "laws": [{ "title": "=HYPERLINK(\"https://evil.example/\",\"Read the law\")", "citation": "§ 53a-82" }] }
    /// ```
    /// Write the title as the document prints it.
    id: "unsafe-text",
    severity: Error,
    check: Check::Profile {
        reads: Reads::Each(&Section::ALL),
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    each_text(ctx.profile, ctx.typed, &mut |pointer, text| {
        if starts_formula(text) || any_needs_escape(text) {
            report(ctx, &pointer(), text, acc);
        }
    });
}

const FORMULA_HELP: &str = "write the text as the document prints it; no name, title or URL \
    here begins with `=`, `+`, `-`, `@`, a tab or a carriage return";

const CONTROL_HELP: &str = "remove it: text is printed as written, and an invisible character \
    can rewrite a terminal line or reorder the text around it";

fn report(ctx: &ProfileContext<'_>, pointer: &str, text: &str, acc: &mut Vec<Diagnostic>) {
    let shown = visible(text);
    // A tab or carriage return first is reported once, as a formula start.
    let mut rest = text.chars();
    if starts_formula(text) {
        let first = rest.next().map(String::from).unwrap_or_default();
        let message = format!(
            "`{shown}` begins with `{}`, which a spreadsheet runs as a formula",
            visible(&first)
        );
        acc.push(ctx.report(&RULE, pointer, message).with_help(FORMULA_HELP));
    }
    if let Some(c) = rest.find(|&c| needs_escape(c)) {
        let kind = match c {
            c if c.is_control() => "control character",
            '\u{2028}' | '\u{2029}' => "line separator",
            '\u{feff}' => "zero-width no-break space",
            _ => "direction control",
        };
        let message = format!("`{shown}` holds the {kind} U+{:04X}", u32::from(c));
        acc.push(ctx.report(&RULE, pointer, message).with_help(CONTROL_HELP));
    }
}

/// Calls `visit` with each text field of the `typed` sections of `profile` and a way to make its
/// JSON Pointer (made only for findings: most fields have none).
fn each_text(
    profile: &Profile,
    typed: Sections,
    visit: &mut dyn FnMut(&dyn Fn() -> String, &str),
) {
    if let Some(schema) = &profile.schema {
        visit(&|| Pointer::profile().schema().into(), schema);
    }
    if typed.contains(Section::State) {
        visit(
            &|| Pointer::profile().state().name().into(),
            &profile.state.name,
        );
    }
    if let Some(heat_map) = &profile.heat_map {
        for (i, area) in heat_map.shaded_areas.iter().enumerate() {
            visit(
                &|| Pointer::profile().heat_map().shaded_areas().index(i).into(),
                area,
            );
        }
    }
    if typed.contains(Section::StateStatisticsUrl) {
        visit(
            &|| Pointer::profile().state_statistics_url().into(),
            &profile.state_statistics_url,
        );
    }
    if let Some(statistics) = &profile.hotline_statistics {
        let source = &statistics.source;
        visit(
            &|| {
                Pointer::profile()
                    .hotline_statistics()
                    .source()
                    .name()
                    .into()
            },
            &source.name,
        );
        visit(
            &|| {
                Pointer::profile()
                    .hotline_statistics()
                    .source()
                    .url()
                    .into()
            },
            &source.url,
        );
    }
    for (i, law) in profile.laws.iter().flatten().enumerate() {
        let at = || Pointer::profile().laws().index(i);
        visit(&|| at().title().into(), &law.title);
        visit(&|| at().citation().into(), law.citation.as_str());
        if let Some(url) = &law.url {
            visit(&|| at().url().into(), url);
        }
    }
    if let Some(efforts) = &profile.statewide_efforts {
        for (list, links) in efforts.lists() {
            for (i, link) in links.iter().enumerate() {
                let at = || Pointer::profile().statewide_efforts().list(list).index(i);
                visit(&|| at().name().into(), &link.name);
                if let Some(url) = &link.url {
                    visit(&|| at().url().into(), url);
                }
            }
        }
    }
    // A required section that did not type holds a placeholder: the optional ones are absent.
    let hotlines = if typed.contains(Section::Hotlines) {
        profile.hotlines.as_slice()
    } else {
        &[]
    };
    for (i, hotline) in hotlines.iter().enumerate() {
        visit(
            &|| Pointer::profile().hotlines().index(i).name().into(),
            &hotline.name,
        );
    }
}
