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
    /// range is read in `encoding` and clamped, so no change can fail.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
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
    }
}
