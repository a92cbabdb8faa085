//! Positions: the client's (line, character in its encoding) and byte offsets into the text.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says: the line starts are the
//! validator's [`LineTable`], so a finding has the same line here as in `tipkit check`. A position past the end of
//! its line or of the text, or inside a character, is clamped: to the line's end, the text's
//! end, or the start of that character. Nothing here panics on any position.

use lsp_types::{Position, PositionEncodingKind, Range};
use tipkit_validate::LineTable;

/// How the client counts characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

impl Encoding {
    /// The encoding to use with a client that offers `offered` (most preferred first): UTF-8
    /// when offered, else UTF-16, which every client must understand.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
            Self::Utf8
        } else {
            Self::Utf16
        }
    }

    /// The encoding as the protocol names it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts.
#[derive(Debug, Clone)]
pub struct Lines {
    table: LineTable,
}

impl Lines {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        Self {
            table: LineTable::new(text.as_bytes()),
        }
    }

    fn starts(&self) -> &[usize] {
        self.table.line_starts()
    }

    /// The byte range of line `line`, without its line ending.
    fn line(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts()[line];
        let mut end = self.starts().get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The byte offset of `position`, clamped into the text and onto a character boundary.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Ok(line) = usize::try_from(position.line) else {
            return text.len();
        };
        if line >= self.starts().len() {
            return text.len();
        }
        let (start, end) = self.line(text, line);
        let wanted = position.character as usize;
        let content = &text[start..end];
        if content.is_ascii() {
            return start + wanted.min(content.len());
        }
        let mut units = 0;
        for (at, c) in content.char_indices() {
            let next = units + encoding.width(c);
            if next > wanted {
                return start + at;
            }
            units = next;
        }
        end
    }

    /// The position of byte `offset`, clamped into the text and onto a character boundary.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts().partition_point(|&start| start <= offset) - 1;
        let start = self.starts()[line];
        let before = &text[start..offset];
        let character = if before.is_ascii() {
            before.len()
        } else {
            before.chars().map(|c| encoding.width(c)).sum()
        };
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of the bytes `start..end`.
    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, start, encoding),
            self.position(text, end.max(start), encoding),
        )
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_in_the_clients_encoding() {
        let text = "{\n  \"a\": \"é😀x\"\r\n}\r";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            lines.position(text, x, Encoding::Utf8),
            Position::new(1, 14)
        );
        assert_eq!(
            lines.position(text, x, Encoding::Utf16),
            Position::new(1, 11)
        );
        assert_eq!(lines.offset(text, Position::new(1, 11), Encoding::Utf16), x);
        assert_eq!(lines.offset(text, Position::new(1, 14), Encoding::Utf8), x);
    }

    #[test]
    fn positions_inside_a_character_or_past_the_end_are_clamped() {
        let text = "é😀\nab";
        let lines = Lines::new(text);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(lines.offset(text, Position::new(0, 2), Encoding::Utf16), 2);
        // Inside the UTF-8 bytes of "é".
        assert_eq!(lines.offset(text, Position::new(0, 1), Encoding::Utf8), 0);
        assert_eq!(lines.offset(text, Position::new(0, 99), Encoding::Utf8), 6);
        assert_eq!(
            lines.offset(text, Position::new(9, 0), Encoding::Utf8),
            text.len()
        );
        assert_eq!(
            lines.position(text, 1, Encoding::Utf16),
            Position::new(0, 0)
        );
        assert_eq!(
            lines.position(text, 999, Encoding::Utf16),
            Position::new(1, 2)
        );
    }

    #[test]
    fn utf8_is_chosen_when_offered() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
