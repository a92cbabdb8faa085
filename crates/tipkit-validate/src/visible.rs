//! The one way text from input (values, messages, file names) reaches a terminal, a log or a
//! report: control characters and invisible direction marks are shown as escapes, never raw, so
//! that no input can colour a terminal, reorder a line, or start a line of its own.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// `text` with every character that would act instead of show written as an escape: `\n`, `\r`,
/// `\t`, and `\u{…}` for the other control characters (C0, DEL, C1), the bidirectional controls
/// and the line and paragraph separators. Borrowed when there is nothing to escape.
///
/// ```
/// use tipkit_validate::visible;
/// assert_eq!(visible("Hartford"), "Hartford");
/// assert_eq!(visible("a\n::error::x"), "a\\n::error::x");
/// assert_eq!(visible("\u{1b}[31mred\u{202e}"), "\\u{1b}[31mred\\u{202e}");
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
    let first = if printable_ascii(text) {
        None
    } else {
        text.find(needs_escape)
    };
    let Some(first) = first else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// A path as [`visible`] text: lossy for bytes that are not UTF-8, escaped for the rest.
pub fn visible_path(path: &Path) -> Cow<'_, str> {
    match path.to_string_lossy() {
        Cow::Borrowed(text) => visible(text),
        Cow::Owned(text) => Cow::Owned(visible(&text).into_owned()),
    }
}

/// Whether `c` must be escaped to be shown: it would move the cursor, end a line, start a
/// terminal escape, or change the direction of the text around it.
pub fn needs_escape(c: char) -> bool {
    tipkit_model::is_invisible(c)
}

/// Whether a character of `text` [needs an escape](needs_escape). Printable ASCII, most text,
/// is told from its bytes, without decoding a character.
pub(crate) fn any_needs_escape(text: &str) -> bool {
    !printable_ascii(text) && text.contains(needs_escape)
}

/// Whether `text` is all printable ASCII, which needs no escape.
fn printable_ascii(text: &str) -> bool {
    // No early exit, so that the loop is vectorized.
    text.bytes()
        .fold(true, |all, b| all & (b' '..=b'~').contains(&b))
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(visible("Connecticut, CT"), Cow::Borrowed(_)));
        assert!(matches!(visible("Zoë – Ω"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_control_is_escaped() {
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            let shown = visible(&c.to_string()).into_owned();
            assert!(shown.starts_with('\\'), "{c:?} shown as {shown:?}");
            assert!(!shown.chars().any(needs_escape), "{c:?} shown as {shown:?}");
        }
    }

    #[test]
    fn any_needs_escape_agrees_with_each_character() {
        for c in (0u32..0x3000)
            .chain(0xfe00..0x10000)
            .filter_map(char::from_u32)
        {
            let text = format!("Hartford {c} CT");
            assert_eq!(any_needs_escape(&text), needs_escape(c), "{c:?}");
        }
    }

    #[test]
    fn bidi_and_separators_are_escaped() {
        assert_eq!(
            visible("a\u{202e}b\u{2066}c\u{2028}"),
            "a\\u{202e}b\\u{2066}c\\u{2028}"
        );
    }

    #[test]
    fn no_input_starts_a_line() {
        let shown = visible("x\r\n::error file=README.md::forged\u{85}::warning::y");
        assert!(!shown.contains(['\n', '\r', '\u{85}']));
    }

    #[cfg(unix)]
    #[test]
    fn paths_that_are_not_utf8_are_shown_lossily() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"a\xff\n.json"));
        assert_eq!(visible_path(path), "a\u{fffd}\\n.json");
    }
}
