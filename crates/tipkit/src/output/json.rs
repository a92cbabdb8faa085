//! One JSON document, `schemas/check-report.schema.json`, written as the findings come: the
//! same bytes `serde_json::to_string_pretty` gives for the whole `CheckReport`.

use std::io::Write;

use tipkit_validate::{Diagnostic, ReportedDiagnostic, Summary};

use super::Printer;

pub(crate) struct Json {
    out: std::io::BufWriter<std::io::Stdout>,
    written: usize,
}

impl Default for Json {
    fn default() -> Self {
        Self {
            out: std::io::BufWriter::new(std::io::stdout()),
            written: 0,
        }
    }
}

/// `text` with every line but the first indented by `width` spaces.
fn indented(text: &str, width: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(width)))
}

impl Printer for Json {
    fn folder(&mut self, diagnostics: &[Diagnostic]) -> anyhow::Result<()> {
        for diagnostic in diagnostics {
            let item = serde_json::to_string_pretty(&ReportedDiagnostic::from(diagnostic))?;
            let opening = if self.written == 0 {
                "{\n  \"diagnostics\": [\n    "
            } else {
                ",\n    "
            };
            write!(self.out, "{opening}{}", indented(&item, 4))?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: Summary, _unreadable: usize) -> anyhow::Result<()> {
        let closing = if self.written == 0 {
            "{\n  \"diagnostics\": [],\n"
        } else {
            "\n  ],\n"
        };
        let summary = serde_json::to_string_pretty(&summary)?;
        write!(
            self.out,
            "{closing}  \"summary\": {}\n}}\n",
            indented(&summary, 2)
        )?;
        self.out.flush()?;
        Ok(())
    }
}
