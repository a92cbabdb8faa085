//! GitHub Actions workflow commands, escaped as GitHub requires, and a Markdown summary in
//! `$GITHUB_STEP_SUMMARY`: GitHub shows at most 10 annotations of each type per step, so the
//! summary holds the counts, one line per file with findings, and every finding in a folded table,
//! within the 1 MiB GitHub accepts. Input text is made visible first, then escaped for the command
//! or for Markdown and HTML.

use std::fmt::Write as _;
use std::io::Write;

use tipkit_validate::{Diagnostic, Severity, Summary, Workspace, visible, visible_path};

use super::Printer;
use super::stream::Stdout;
use crate::output::markdown::{SHOWN_CHARS, SHOWN_MESSAGE_CHARS, shorten};

pub(crate) struct Github {
    out: Stdout,
    /// `$GITHUB_STEP_SUMMARY`, when set, and what goes into it.
    step_summary: Option<(std::io::BufWriter<std::fs::File>, StepSummary)>,
}

impl Github {
    pub(crate) fn new() -> anyhow::Result<Self> {
        let step_summary = match std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            Some(path) => {
                let file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?;
                Some((
                    std::io::BufWriter::new(file),
                    StepSummary::new(SUMMARY_BUDGET),
                ))
            }
            None => None,
        };
        Ok(Self {
            out: Stdout::new(),
            step_summary,
        })
    }
}

impl Printer for Github {
    fn folder(&mut self, diagnostics: &[Diagnostic], _: &Workspace) -> anyhow::Result<()> {
        for diagnostic in diagnostics {
            writeln!(self.out, "{}", command(diagnostic))?;
            if let Some((_, summary)) = &mut self.step_summary {
                summary.add(diagnostic);
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: Summary, _unreadable: usize) -> anyhow::Result<()> {
        let counts = format!(
            "{} files checked, {} errors, {} warnings, {} infos",
            summary.files, summary.errors, summary.warnings, summary.infos
        );
        writeln!(self.out, "tipkit: {counts}")?;
        self.out.flush()?;
        if let Some((mut file, step_summary)) = self.step_summary {
            file.write_all(step_summary.finish(&counts).as_bytes())?;
            file.flush()?;
        }
        Ok(())
    }
}

/// GitHub drops a step summary over 1 MiB whole: the summary stays under this many bytes.
const SUMMARY_BUDGET: usize = 900_000;

/// The step summary, built as findings come: a count per file with findings, and the table rows
/// that fit in the budget (the rest only counted), so that memory stays within the budget too.
struct StepSummary {
    budget: usize,
    /// Each file with findings, made visible, and its errors, warnings and infos.
    files: Vec<(String, [usize; 3])>,
    rows: String,
    rows_left_out: usize,
}

impl StepSummary {
    fn new(budget: usize) -> Self {
        Self {
            budget,
            files: Vec::new(),
            rows: String::new(),
            rows_left_out: 0,
        }
    }

    fn add(&mut self, d: &Diagnostic) {
        let file = visible_path(&d.file).into_owned();
        let counts = match self.files.last_mut() {
            Some((last, counts)) if *last == file => counts,
            _ => {
                self.files.push((file, [0; 3]));
                &mut self.files.last_mut().expect("just pushed").1
            }
        };
        counts[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
        let row = table_row(d);
        if self.rows_left_out == 0 && self.rows.len() + row.len() <= self.budget {
            self.rows.push_str(&row);
        } else {
            self.rows_left_out += 1;
        }
    }

    /// The summary: the counts, the files, then the findings folded; rows are dropped from the
    /// end until it fits, and a closing line says how many.
    fn finish(self, counts: &str) -> String {
        let mut text = format!("### tipkit check\n\n{counts}.\n");
        if self.files.is_empty() {
            text.push('\n');
            return text;
        }
        text.push_str(
            "\n| file with findings | errors | warnings | infos |\n|---|---:|---:|---:|\n",
        );
        let mut files_left_out = 0;
        for (file, [errors, warnings, infos]) in &self.files {
            let file = cell(&shorten(file, SHOWN_CHARS));
            let line = format!("| {file} | {errors} | {warnings} | {infos} |\n");
            // The list of files takes at most half the budget.
            if files_left_out == 0 && text.len() + line.len() <= self.budget / 2 {
                text.push_str(&line);
            } else {
                files_left_out += 1;
            }
        }
        if files_left_out > 0 {
            let _ = writeln!(text, "\n…and {files_left_out} more files with findings.");
        }
        let room = self
            .budget
            .saturating_sub(text.len() + SUMMARY_FRAME + SUMMARY_CLOSING);
        let mut rows = self.rows;
        let mut left_out = self.rows_left_out;
        if rows.len() > room {
            let cut = rows[..room].rfind('\n').map_or(0, |i| i + 1);
            left_out += rows[cut..].matches('\n').count();
            rows.truncate(cut);
        }
        let total = rows.matches('\n').count() + left_out;
        let shown = if left_out == 0 {
            format!("Every finding ({total})")
        } else {
            format!("{} of {total} findings", total - left_out)
        };
        let _ = write!(
            text,
            "\n<details><summary>{shown}</summary>\n\n| severity | file | line | rule | message |\n|---|---|---|---|---|\n{rows}\n</details>\n"
        );
        if left_out > 0 {
            let _ = writeln!(
                text,
                "\n**{left_out} findings left out** to keep this summary under {} KB, as GitHub drops a larger one. `tipkit check --format json` lists every finding.",
                SUMMARY_BUDGET / 1000
            );
        }
        text.push('\n');
        text
    }
}

/// Bytes of the folded table around its rows, and of the closing line, at most.
const SUMMARY_FRAME: usize = 200;
const SUMMARY_CLOSING: usize = 300;

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
fn command(diagnostic: &Diagnostic) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = vec![format!(
        "file={}",
        escape_property(&visible_path(&diagnostic.file))
    )];
    if let Some(span) = diagnostic.span {
        properties.push(format!("line={}", span.start_line));
        properties.push(format!("col={}", span.start_column));
        properties.push(format!("endLine={}", span.end_line));
        properties.push(format!("endColumn={}", span.end_column));
    }
    properties.push(format!("title={}", escape_property(diagnostic.rule)));
    let mut message = visible(&diagnostic.message).into_owned();
    if let Some(help) = &diagnostic.help {
        let _ = write!(message, "\nhelp: {}", visible(help));
    }
    format!(
        "::{kind} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message: `%`, CR and LF.
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property: as data, plus `:` and `,`.
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One finding as a row of the step summary's Markdown table.
fn table_row(d: &Diagnostic) -> String {
    let line = d.span.map_or(String::new(), |s| {
        format!("{}:{}", s.start_line, s.start_column)
    });
    format!(
        "| {} | {} | {line} | `{}` | {} |\n",
        d.severity,
        cell(&shorten(&visible_path(&d.file), SHOWN_CHARS)),
        d.rule,
        cell(&shorten(&visible(&d.message), SHOWN_MESSAGE_CHARS))
    )
}

/// Visible text as the content of a Markdown table cell: [`tipkit_model::markdown_text`], so
/// that it shows as itself and never as HTML, markup, a link or a mention.
fn cell(text: &str) -> String {
    tipkit_model::markdown_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colons_commas_percent_signs_and_newlines_survive() {
        let message = "a: b, 100% done\r\nnext line";
        let escaped = escape_data(message);
        assert_eq!(escaped, "a: b, 100%25 done%0D%0Anext line");
        let unescaped = escaped
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%");
        assert_eq!(unescaped, message);
        assert_eq!(escape_property("dir,a:b%.json"), "dir%2Ca%3Ab%25.json");
    }

    fn finding(file: &str, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: "ranked-venues",
            severity,
            file: file.into(),
            pointer: "/sex_trafficking_venues/1/rank".into(),
            span: None,
            message: "rank 4 follows rank 2 in `sex_trafficking_venues`: the ranks must count up from 1 without a gap".into(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    fn summary_of(files: usize, each: usize, budget: usize) -> String {
        let mut summary = StepSummary::new(budget);
        for f in 0..files {
            for i in 0..each {
                let severity = if i % 2 == 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                summary.add(&finding(&format!("profiles/part-{f}/ct.json"), severity));
            }
        }
        summary.finish("counts")
    }

    #[test]
    fn two_thousand_files_of_fifty_findings_fit_github() {
        let text = summary_of(2000, 50, SUMMARY_BUDGET);
        assert!(text.len() < SUMMARY_BUDGET, "{} bytes", text.len());
        // Every file is listed with its counts, and the cut is said.
        for f in [0, 1999] {
            assert!(text.contains(&format!("| profiles/part-{f}/ct.json | 25 | 25 | 0 |\n")));
        }
        assert!(text.contains(" of 100000 findings</summary>"));
        assert!(text.contains("findings left out** to keep this summary under 900 KB"));
        assert!(text.contains("`tipkit check --format json`"));
    }

    #[test]
    fn a_small_budget_drops_rows_from_the_end_and_says_so() {
        let whole = summary_of(3, 2, SUMMARY_BUDGET);
        assert!(whole.contains("<summary>Every finding (6)</summary>"));
        assert!(!whole.contains("left out"));
        let cut = summary_of(3, 2, 1500);
        assert!(cut.len() < 1500, "{} bytes:\n{cut}", cut.len());
        assert!(cut.contains("| profiles/part-2/ct.json | 1 | 1 | 0 |"));
        assert!(cut.contains(" of 6 findings</summary>"), "{cut}");
        assert!(cut.contains("findings left out**"));
        // Too small even for the list of files: the rest of it is counted.
        let tiny = summary_of(300, 1, 8000);
        assert!(tiny.len() < 8000, "{} bytes", tiny.len());
        assert!(tiny.contains("more files with findings."));
        assert!(tiny.contains(" of 300 findings</summary>"));
    }

    /// #22 round 2, diff2.1: a path of 3.5 KB of `&` is shortened in the middle in the list of
    /// files and in the table, so that long paths do not crowd out the findings.
    #[test]
    fn long_paths_are_shortened() {
        let long = format!("{}/ct.json", vec!["&".repeat(250); 14].join("/"));
        let mut summary = StepSummary::new(SUMMARY_BUDGET);
        summary.add(&finding(&long, Severity::Error));
        summary.add(&finding(
            &long.replace("ct.json", "ny.json"),
            Severity::Error,
        ));
        let text = summary.finish("counts");
        assert!(text.len() < 8000, "{} bytes", text.len());
        assert_eq!(text.matches('…').count(), 4, "{text}");
        assert!(text.contains("&amp;/ct.json | 1 | 0 | 0 |"), "{text}");
        assert!(text.contains(" of 2 findings") || text.contains("Every finding (2)"));
    }

    #[test]
    fn no_finding_no_table() {
        let summary = StepSummary::new(SUMMARY_BUDGET);
        assert_eq!(
            summary.finish("1 files checked"),
            "### tipkit check\n\n1 files checked.\n\n"
        );
    }

    #[test]
    fn table_cells_hold_no_markup() {
        let shown = cell(&visible(
            "a|b\r<img src=x onerror=alert(1)> *x* [l](javascript:y) `c`",
        ));
        for markup in ["<", ">", "\r", "&#"] {
            assert!(!shown.contains(markup), "{markup} in {shown}");
        }
        for c in ['|', '*', '[', '`'] {
            assert_eq!(
                shown.matches(c).count(),
                shown.matches(&format!("\\{c}")).count(),
                "{c} unescaped in {shown}"
            );
        }
        assert_eq!(
            cell("rank 4 follows rank 2: 50%, ok."),
            "rank 4 follows rank 2: 50%, ok."
        );
        assert_eq!(
            cell("https://evil.example/login admin@evil.example"),
            "https\\://evil.example/login admin@<!-- -->evil.example"
        );
    }
}
