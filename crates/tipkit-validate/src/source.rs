//! Lines and columns of a file's bytes.

use std::borrow::Cow;

use crate::diagnostic::Span;

/// Characters are counted from a checkpoint every this many bytes, so that a column costs the
/// same on a line of 80 bytes and on a one-line file of megabytes.
const CHECKPOINT: usize = 64;

/// Where each line of a file starts, to turn byte offsets into lines and columns, each in
/// constant time whatever the length of the line. A view of a file's bytes and their
/// [`LineTable`]: [`LineIndex::new`] builds the table, a source database keeps it.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    bytes: &'a [u8],
    table: Cow<'a, LineTable>,
}

/// The line starts and character checkpoints of some bytes, without the bytes. A line ends at
/// `\n`, `\r\n` or a lone `\r`, as the Language Server Protocol counts them, so the CLI and the
/// language server give every byte the same line.
#[derive(Debug, Clone)]
pub struct LineTable {
    line_starts: Vec<usize>,
    /// The characters before each multiple of [`CHECKPOINT`].
    chars_before: Vec<usize>,
}

impl LineTable {
    /// Indexes the lines of `bytes`.
    pub fn new(bytes: &[u8]) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        let mut chars_before = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut chars = 0;
        chars_before.push(0);
        for chunk in bytes.chunks(CHECKPOINT) {
            chars += count_chars(chunk);
            chars_before.push(chars);
        }
        Self {
            line_starts,
            chars_before,
        }
    }

    /// The byte offset where each line starts, the first at 0.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            table: Cow::Owned(LineTable::new(bytes)),
        }
    }

    /// The index of `bytes` with a table built before, from the same bytes.
    pub fn with_table(bytes: &'a [u8], table: &'a LineTable) -> Self {
        Self {
            bytes,
            table: Cow::Borrowed(table),
        }
    }

    /// The characters before a byte offset.
    fn chars_to(&self, offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT;
        self.table.chars_before[checkpoint]
            + count_chars(&self.bytes[checkpoint * CHECKPOINT..offset])
    }

    /// The bytes indexed.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalar values; an
    /// invalid byte counts as one.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.bytes.len());
        let line_starts = &self.table.line_starts;
        let line = line_starts.partition_point(|&start| start <= offset);
        let start = line_starts[line - 1];
        let column = self.chars_to(offset) - self.chars_to(start) + 1;
        (line, column)
    }

    /// The byte range of a 1-based line, without its line end (`\n`, `\r\n` or `\r`).
    pub fn line(&self, number: usize) -> Option<std::ops::Range<usize>> {
        let line_starts = &self.table.line_starts;
        let start = *line_starts.get(number.checked_sub(1)?)?;
        let end = line_starts
            .get(number)
            .map_or(self.bytes.len(), |next| next - 1);
        let end = if end > start && self.bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        Some(start..end)
    }

    /// The byte offset of a 1-based line and byte column, as `serde_json` reports them: its
    /// lines end only at `\n`, so they are counted here, once, for the one error of a file.
    pub fn offset_of_byte_column(&self, line: usize, column: usize) -> usize {
        let start = if line <= 1 {
            Some(0)
        } else {
            self.bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .nth(line - 2)
                .map(|(i, _)| i + 1)
        };
        let Some(start) = start else {
            return self.bytes.len();
        };
        (start + column.saturating_sub(1)).min(self.bytes.len())
    }

    /// The span of a byte range.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (start_line, start_column) = self.line_column(start);
        let (end_line, end_column) = self.line_column(end);
        Span {
            start,
            end,
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }
}

/// Counts Unicode scalar values, counting each byte of an invalid sequence as one.
fn count_chars(bytes: &[u8]) -> usize {
    // Every byte that is not a UTF-8 continuation byte starts a character (or is invalid).
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let text = "{\n  \"citation\": \"§ 52\"\n}";
        let index = LineIndex::new(text.as_bytes());
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(2), (2, 1));
        let digits = text.find("52").unwrap();
        assert_eq!(
            index.line_column(digits),
            (2, 18),
            "§ is one column, two bytes"
        );
        assert_eq!(index.line_column(text.len()), (3, 2));
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_checkpoints() {
        let text = format!("{}§{}x", "a".repeat(3000), "é".repeat(2000));
        let index = LineIndex::new(text.as_bytes());
        let x = text.find('x').unwrap();
        assert_eq!(index.line_column(x), (1, 3000 + 1 + 2000 + 1));
        let text = format!("{}\n{}x", "a".repeat(5000), "b".repeat(700));
        let index = LineIndex::new(text.as_bytes());
        assert_eq!(index.line_column(text.len() - 1), (2, 701));
    }

    #[test]
    fn lines_are_ranges_without_their_line_end() {
        let index = LineIndex::new(b"ab\r\ncd\n\n");
        assert_eq!(index.line(1), Some(0..2));
        assert_eq!(index.line(2), Some(4..6));
        assert_eq!(index.line(3), Some(7..7));
        assert_eq!(index.line(5), None);
        assert_eq!(index.line(0), None);
    }

    #[test]
    fn byte_columns_map_back_to_offsets() {
        let index = LineIndex::new(b"ab\ncd");
        assert_eq!(index.offset_of_byte_column(2, 2), 4);
        assert_eq!(index.offset_of_byte_column(9, 1), 5);
        // serde_json's lines end only at `\n`.
        let index = LineIndex::new(b"a\rb\ncd");
        assert_eq!(index.offset_of_byte_column(2, 2), 5);
    }

    /// `\n`, `\r\n` and a lone `\r` each end a line, as the editor shows them (issue 23,
    /// finding 10).
    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let index = LineIndex::new(b"a\rb\r\nc\nd\r\re");
        assert_eq!(index.line_column(2), (2, 1));
        assert_eq!(index.line_column(5), (3, 1));
        assert_eq!(index.line_column(7), (4, 1));
        assert_eq!(index.line_column(10), (6, 1));
        assert_eq!(index.line(1), Some(0..1));
        assert_eq!(index.line(2), Some(2..3));
        assert_eq!(index.line(4), Some(7..8));
        assert_eq!(index.line(5), Some(9..9));
    }
}
