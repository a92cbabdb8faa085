//! One JSON document, `schemas/check-report.schema.json`, written as the findings come: the
//! same bytes `serde_json::to_string_pretty` gives for the whole `CheckReport`, then a newline,
//! with every character that [`tipkit_validate::needs_escape`] names written as a `\uXXXX`
//! escape. `tests/json_report.rs` holds it to that.

use std::io::Write;

use serde_json::ser::{Formatter, PrettyFormatter};
use tipkit_validate::{Diagnostic, ReportedDiagnostic, Summary, Workspace};

use super::Printer;
use super::stream::Stdout;

pub(crate) struct Json {
    out: Stdout,
    written: usize,
}

impl Default for Json {
    fn default() -> Self {
        Self {
            out: Stdout::new(),
            written: 0,
        }
    }
}

/// `text` with every line but the first indented by `width` spaces.
fn indented(text: &str, width: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(width)))
}

/// Pretty JSON whose bytes hold no raw control, C1 or direction character: `serde_json` escapes
/// C0 controls itself, this formatter the rest. A JSON reader gets the exact strings back.
pub(crate) fn to_string_pretty<T: serde::Serialize>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, Visible(PrettyFormatter::new()));
    value.serialize(&mut serializer)?;
    Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
}

/// A formatter that writes what would act instead of show as `\uXXXX`.
struct Visible<F>(F);

impl<F: Formatter> Formatter for Visible<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if tipkit_validate::needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

impl Printer for Json {
    fn folder(&mut self, diagnostics: &[Diagnostic], _: &Workspace) -> anyhow::Result<()> {
        for diagnostic in diagnostics {
            let item = to_string_pretty(&ReportedDiagnostic::from(diagnostic))?;
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
        let summary = to_string_pretty(&summary)?;
        write!(
            self.out,
            "{closing}  \"summary\": {}\n}}\n",
            indented(&summary, 2)
        )?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::to_string_pretty;

    #[test]
    fn controls_and_direction_marks_are_escaped_and_read_back_exactly() {
        let text = "a\u{1b}[31m\u{85}\u{202e}b\u{7f}\n\u{2028}é";
        let json = to_string_pretty(&serde_json::json!({ "message": text })).unwrap();
        assert!(
            !json.contains(|c| c != '\n' && tipkit_validate::needs_escape(c)),
            "{json}"
        );
        assert!(json.contains("\\u202e") && json.contains("\\u0085") && json.contains('é'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["message"], text);
        let plain = serde_json::json!({ "a": [1, "b"], "c": {} });
        assert_eq!(
            to_string_pretty(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
    }
}
