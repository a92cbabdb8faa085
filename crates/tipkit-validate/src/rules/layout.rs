//! `layout`: the file is in canonical form, as `tipkit fmt` writes it.

use std::io;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::fix::{Applicability, Fix, edit, introduces_unsafe_text};
use crate::registry::{Check, declare_rule};

declare_rule! {
    /// The file is in canonical form: keys in format order, 2-space indentation, a final newline.
    ///
    /// ## What it checks
    /// That the file is byte for byte what `tipkit fmt` writes for its profile. The finding
    /// points at the first byte that differs. Its fix is what `tipkit fmt` does.
    ///
    /// ## Why it matters
    /// Tools write profiles in canonical form, so a review diff shows only what changed. A file
    /// laid out by hand turns the next tool-written change into a diff of every line.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": 1, "status": "draft" }
    /// ```
    /// Written on one line: `tipkit fmt` puts each key on its own line.
    id: "layout",
    severity: Info,
    fix: Safe,
    check: Check::Profile(check),
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let bytes = ctx.source.bytes();
    // Compared as it is written, so a canonical file costs no copy.
    let mut compare = Compare {
        expected: bytes,
        at: 0,
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut compare, Pretty::default());
    let written = serde::Serialize::serialize(ctx.profile, &mut serializer);
    if written.is_ok() && &bytes[compare.at..] == b"\n" {
        return;
    }
    let canonical = tipkit_model::to_canonical_string(ctx.profile);
    let (range, replacement) = smallest_change(bytes, canonical.as_bytes());
    let at = range.start.min(bytes.len().saturating_sub(1));
    let fix = Fix::new(
        Applicability::Safe,
        "lay the file out as `tipkit fmt` does",
        vec![edit(&ctx.source, range, replacement)],
    )
    // Not offered when it would write `\u202e` or `\u003d…` unescaped: `unsafe-text` says why.
    .filter(|fix| !introduces_unsafe_text(bytes, fix));
    acc.push(
        ctx.source
            .report_bytes(
                &RULE,
                at..(at + 1).min(bytes.len()),
                "the file is not laid out in canonical form".to_owned(),
            )
            .with_help("run `tipkit fmt` or `tipkit check --fix`")
            .with_fix(fix),
    );
}

/// The bytes of `old` to replace, and with what, to make it `new`: all but the common prefix
/// and suffix, at character boundaries.
fn smallest_change(old: &[u8], new: &[u8]) -> (std::ops::Range<usize>, String) {
    let boundary = |b: u8| b & 0xC0 != 0x80; // not a UTF-8 continuation byte
    let mut prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    while prefix > 0
        && !(old.get(prefix).is_none_or(|&b| boundary(b))
            && new.get(prefix).is_none_or(|&b| boundary(b)))
    {
        prefix -= 1;
    }
    let room = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while suffix > 0 && !boundary(old[old.len() - suffix]) {
        suffix -= 1;
    }
    let replacement = String::from_utf8_lossy(&new[prefix..new.len() - suffix]).into_owned();
    (prefix..old.len() - suffix, replacement)
}

/// A writer that compares what is written with `expected`.
/// Deepest indentation [`Pretty`] writes in one piece.
const DEEPEST: usize = 32;
/// A comma, a line break and the indentation of [`DEEPEST`] levels.
const BREAK: &[u8; 2 + 2 * DEEPEST] = b",\n                                                                ";

/// `serde_json`'s `PrettyFormatter` with two spaces (what [`tipkit_model::to_canonical_string`]
/// writes), byte for byte, but a line break and its indentation in one write: fewer, larger
/// writes to compare.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma when `comma`) and the indentation of the current depth.
    fn line<W: ?Sized + io::Write>(&self, writer: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        if self.depth <= DEEPEST {
            return writer.write_all(&BREAK[from..2 + 2 * self.depth]);
        }
        writer.write_all(&BREAK[from..2])?;
        for _ in 0..self.depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + io::Write>(&mut self, writer: &mut W, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(open)
    }

    fn end<W: ?Sized + io::Write>(&mut self, writer: &mut W, close: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(writer, false)?;
        }
        writer.write_all(close)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, !first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.begin(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, !first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A writer that holds what is written to the file's bytes, and fails at the first difference,
/// which ends the serialization there.
struct Compare<'a> {
    expected: &'a [u8],
    at: usize,
}

impl io::Write for Compare<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let end = self.at + buf.len();
        let same = match self.expected.get(self.at..end) {
            // Most writes are a few bytes (punctuation, indentation): compared here, not
            // through a call to `memcmp`.
            Some(expected) if buf.len() <= 16 => expected.iter().zip(buf).all(|(a, b)| a == b),
            Some(expected) => expected == buf,
            None => false,
        };
        if !same {
            return Err(io::ErrorKind::InvalidData.into());
        }
        self.at = end;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.write(buf).map(drop)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_writes_what_serde_json_writes() {
        let deep = (0..40).fold(serde_json::json!([1, {}, []]), |v, i| {
            serde_json::json!({ "k": v, "n": i, "e": [], "o": {} })
        });
        for value in [
            deep,
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!("a\u{1}\"b§"),
        ] {
            let mut out = Vec::new();
            let mut serializer = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
            serde::Serialize::serialize(&value, &mut serializer).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
        let ct = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/ct.json")).unwrap();
        let profile = tipkit_model::from_slice(&ct).unwrap();
        let mut compare = Compare { expected: &ct, at: 0 };
        let mut serializer = serde_json::Serializer::with_formatter(&mut compare, Pretty::default());
        serde::Serialize::serialize(&profile, &mut serializer).unwrap();
        assert_eq!(&ct[compare.at..], b"\n");
    }

    #[test]
    fn the_smallest_change_keeps_whole_characters() {
        let (range, text) = smallest_change("a§b".as_bytes(), "a¶b".as_bytes());
        assert_eq!((range, text.as_str()), (1..3, "¶"));
        let (range, text) = smallest_change(b"{\"a\":1}", b"{\n  \"a\": 1\n}\n");
        assert_eq!((range, text.as_str()), (1..7, "\n  \"a\": 1\n}\n"));
        let (range, text) = smallest_change(b"abc", b"abc\n");
        assert_eq!((range, text.as_str()), (3..3, "\n"));
    }
}
