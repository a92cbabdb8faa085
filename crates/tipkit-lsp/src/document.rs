//! An open document: the client's text, kept in step with its full and incremental changes.

use lsp_types::TextDocumentContentChangeEvent;

use crate::position::{Encoding, Lines};

/// The text of one open document and its line index.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    lines: Lines,
    /// The client's version of the text.
    pub version: i32,
}

impl Document {
    /// A document opened with `text`.
    pub fn new(text: String, version: i32) -> Self {
        let lines = Lines::new(&text);
        Self {
            text,
            lines,
            version,
        }
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line index of the current text.
    pub fn lines(&self) -> &Lines {
        &self.lines
    }

    /// Applies the changes in order: a change without a range replaces the whole text; a
    /// range is read in `encoding` and clamped, so no change can fail. Each ranged change costs
    /// a pass over the text, so a message with more than [`CHANGE_BUDGET`] bytes of such work
    /// (a million one-letter edits on a large buffer) is refused whole, before any is applied.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<(), TooManyChanges> {
        let ranged = changes.iter().filter(|c| c.range.is_some()).count();
        let added: usize = changes.iter().map(|c| c.text.len()).sum();
        let work = ranged.saturating_mul(self.text.len().saturating_add(added));
        if work > CHANGE_BUDGET {
            return Err(TooManyChanges {
                changes: changes.len(),
            });
        }
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let a = self.lines.offset(&self.text, range.start, encoding);
                    let b = self.lines.offset(&self.text, range.end, encoding);
                    self.text.replace_range(a.min(b)..a.max(b), &change.text);
                }
            }
            self.lines = Lines::new(&self.text);
        }
        Ok(())
    }
}

/// The most bytes of text one `didChange` may make the server go over: a second's work or so.
pub const CHANGE_BUDGET: usize = 1 << 30;

/// A `didChange` whose changes would take too long to apply one by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{changes} changes in one message are too many to apply to a text this large")]
pub struct TooManyChanges {
    /// How many changes the message held.
    pub changes: usize,
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range};

    use super::*;

    fn insert(line: u32, character: u32, text: &str) -> TextDocumentContentChangeEvent {
        let at = Position::new(line, character);
        TextDocumentContentChangeEvent {
            range: Some(Range::new(at, at)),
            range_length: None,
            text: text.to_owned(),
        }
    }

    /// A flood of tiny edits on a large buffer would take hours one by one: refused whole, in
    /// time independent of its size, and the text stays as it was.
    #[test]
    fn a_flood_of_edits_on_a_large_text_is_refused_whole() {
        let text = "é".repeat(1 << 20);
        let mut document = Document::new(text.clone(), 1);
        let flood: Vec<_> = (0..2000).map(|i| insert(0, i, "x")).collect();
        let refused = document.apply(flood, Encoding::Utf16);
        assert_eq!(refused, Err(TooManyChanges { changes: 2000 }));
        assert_eq!(document.text(), text);
        let few: Vec<_> = (0..3).map(|i| insert(0, i, "x")).collect();
        document.apply(few, Encoding::Utf16).unwrap();
        assert!(document.text().starts_with("xxxé"));
    }

    /// An edit that splits a character (inside a surrogate pair, inside UTF-8 bytes) lands at
    /// the character's start: the text stays UTF-8.
    #[test]
    fn edits_inside_a_character_land_at_its_start() {
        let mut document = Document::new("a😀b".to_owned(), 1);
        document
            .apply(vec![insert(0, 2, "|")], Encoding::Utf16)
            .unwrap();
        assert_eq!(document.text(), "a|😀b");
        document
            .apply(vec![insert(0, 4, "|")], Encoding::Utf8)
            .unwrap();
        assert_eq!(document.text(), "a||😀b");
    }
}
