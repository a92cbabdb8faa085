//! The document-sync path: random incremental edits, at any position (inside multi-byte
//! characters, past line ends, past the end), in both encodings, never panic, and the server's
//! text equals the client's, computed here by a separate slow conversion.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use proptest::prelude::*;
use tipkit_lsp::{Document, Encoding, Lines};

/// Each line's first byte and its characters, line endings left out: `\n`, `\r\n`, `\r`.
fn split_lines(text: &str) -> Vec<(usize, Vec<char>)> {
    let mut lines = vec![(0, Vec::new())];
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {}
            '\n' | '\r' => lines.push((at + 1, Vec::new())),
            c => lines.last_mut().unwrap().1.push(c),
        }
    }
    lines
}

/// The byte offset the protocol means by `position`: the last character boundary of the line
/// whose column does not pass it; the end for a line past the last.
fn slow_offset(text: &str, position: Position, encoding: Encoding) -> usize {
    let lines = split_lines(text);
    let Some((start, chars)) = lines.get(position.line as usize) else {
        return text.len();
    };
    let mut bytes = 0;
    let mut units = 0;
    for c in chars {
        units += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units > position.character as usize {
            break;
        }
        bytes += c.len_utf8();
    }
    start + bytes
}

fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "{", "\"", " ", "é", "§", "😀", "\n", "\r\n", "\r", "—", "x\u{301}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
}

fn position() -> impl Strategy<Value = Position> {
    (0u32..8, 0u32..24).prop_map(|(line, character)| Position::new(line, character))
}

fn edit() -> impl Strategy<Value = (Position, Position, String)> {
    (position(), position(), text())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn incremental_edits_keep_the_clients_text(
        initial in text(),
        edits in prop::collection::vec(edit(), 1..8),
        utf8 in any::<bool>(),
    ) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let mut document = Document::new(initial.clone(), 1);
        let mut client = initial;
        for (start, end, inserted) in edits {
            let a = slow_offset(&client, start, encoding);
            let b = slow_offset(&client, end, encoding);
            client.replace_range(a.min(b)..a.max(b), &inserted);
            document.apply(
                vec![TextDocumentContentChangeEvent {
                    range: Some(Range::new(start, end)),
                    range_length: None,
                    text: inserted,
                }],
                encoding,
            ).unwrap();
            prop_assert_eq!(document.text(), client.as_str());
        }
    }

    #[test]
    fn offsets_and_positions_agree(text in text(), at in position(), utf8 in any::<bool>()) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let lines = Lines::new(&text);
        let offset = lines.offset(&text, at, encoding);
        prop_assert_eq!(offset, slow_offset(&text, at, encoding));
        for (boundary, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let back = lines.offset(&text, lines.position(&text, boundary, encoding), encoding);
            // The one boundary that has no position of its own: between `\r` and `\n`.
            let inside_crlf = text[..boundary].ends_with('\r') && text[boundary..].starts_with('\n');
            if !inside_crlf {
                prop_assert_eq!(back, boundary);
            }
        }
    }
}
