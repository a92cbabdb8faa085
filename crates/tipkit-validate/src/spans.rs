//! The span index: for each JSON Pointer in a document, the byte ranges of its key and value.
//!
//! `serde_json::Value` keeps no positions and silently keeps the last of two equal keys, so this
//! small scanner reads the same bytes again. It keeps its own stack, so deep nesting cannot
//! overflow the call stack, and it records duplicate keys.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

/// Where one node of the document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key, quotes included, for a member of an object.
    pub key: Option<Range<usize>>,
    /// The value.
    pub value: Range<usize>,
}

/// A key written twice in one object. `serde_json` keeps the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The pointer both keys name.
    pub pointer: String,
    /// The first occurrence of the key.
    pub first: Range<usize>,
    /// The later occurrence.
    pub again: Range<usize>,
}

/// Pointer to spans, for one document.
///
/// A list's items that are not containers take four bytes each (where they start, by list),
/// not a pointer of their own: a file of millions of items stays small.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    /// Every node but the scalar items of lists.
    nodes: HashMap<String, NodeSpan>,
    /// Where each item of each list starts, by the list's pointer.
    items: HashMap<String, Vec<u32>>,
    duplicates: Vec<DuplicateKey>,
    /// The document's bytes' length: the end of a scalar item is found again in them.
    len: usize,
}

/// Deeper documents are not indexed. `serde_json` refuses them before this stage.
pub(crate) const MAX_DEPTH: usize = 128;

enum Frame {
    Object {
        pointer_len: usize,
        seen: HashMap<String, Range<usize>>,
    },
    Array {
        pointer_len: usize,
        next: usize,
        /// Where each item starts, while the offsets fit in 32 bits.
        starts: Vec<u32>,
    },
}

impl SpanIndex {
    /// Indexes a document. Meant for bytes `serde_json` has accepted; on anything else it stops
    /// at the first surprise and keeps what it has read.
    pub fn build(bytes: &[u8]) -> Self {
        let mut index = Self {
            len: bytes.len(),
            ..Self::default()
        };
        let mut scanner = Scanner { bytes, pos: 0 };
        let _ = scanner.scan(&mut index);
        index
    }

    /// The spans of the node at `pointer`. `bytes` are the document's: the end of a list's
    /// scalar item is read from them again.
    pub fn get(&self, bytes: &[u8], pointer: &str) -> Option<NodeSpan> {
        if let Some(node) = self.nodes.get(pointer) {
            return Some(node.clone());
        }
        let (list, index) = pointer.rsplit_once('/')?;
        let canonical = !index.starts_with('+') && (index == "0" || !index.starts_with('0'));
        let index: usize = index.parse().ok().filter(|_| canonical)?;
        let start = usize::try_from(*self.items.get(list)?.get(index)?).ok()?;
        if bytes.len() != self.len {
            return None;
        }
        let mut scanner = Scanner { bytes, pos: start };
        scanner.skip_scalar()?;
        Some(NodeSpan {
            key: None,
            value: start..scanner.pos,
        })
    }

    /// Where each item of the list at `pointer` starts, when the list's items are indexed so.
    pub(crate) fn item_starts(&self, pointer: &str) -> &[u32] {
        self.items.get(pointer).map_or(&[], Vec::as_slice)
    }

    /// The node at `pointer`, or its nearest ancestor that exists, with that ancestor's pointer.
    pub fn nearest<'p>(&self, bytes: &[u8], mut pointer: &'p str) -> Option<(&'p str, NodeSpan)> {
        loop {
            if let Some(node) = self.get(bytes, pointer) {
                return Some((pointer, node));
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }

    /// Keys written twice in one object, in document order.
    pub fn duplicates(&self) -> &[DuplicateKey] {
        &self.duplicates
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    #[allow(
        clippy::too_many_lines,
        reason = "one state machine reads best in one place"
    )]
    fn scan(&mut self, index: &mut SpanIndex) -> Option<()> {
        let mut pointer = String::new();
        let mut stack: Vec<Frame> = Vec::new();
        self.skip_whitespace();
        let mut key: Option<Range<usize>> = None;
        loop {
            // A value starts here; `pointer` names it.
            let start = self.pos;
            let opening = *self.bytes.get(self.pos)?;
            if matches!(opening, b'{' | b'[') {
                self.pos += 1;
                let node = NodeSpan {
                    key: key.take(),
                    value: start..start,
                };
                index.nodes.insert(pointer.clone(), node);
                item_starts(&mut stack, start);
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                let (object, pointer_len) = (opening == b'{', pointer.len());
                stack.push(if object {
                    Frame::Object {
                        pointer_len,
                        seen: HashMap::new(),
                    }
                } else {
                    Frame::Array {
                        pointer_len,
                        next: 0,
                        starts: Vec::new(),
                    }
                });
                self.skip_whitespace();
                let closing = if object { b'}' } else { b']' };
                if self.peek()? == closing {
                    self.pos += 1;
                    close(&mut stack, &mut pointer, index, self.pos);
                } else if object {
                    key = Some(self.member_key(&mut stack, &mut pointer, index)?);
                    continue;
                } else {
                    push_index(&mut stack, &mut pointer);
                    continue;
                }
            } else {
                self.skip_scalar()?;
                if !item_starts(&mut stack, start) {
                    index.nodes.insert(
                        pointer.clone(),
                        NodeSpan {
                            key: key.take(),
                            value: start..self.pos,
                        },
                    );
                }
            }
            // After a value: a separator, or the end of one or more containers.
            loop {
                let Some(frame) = stack.last() else {
                    return Some(());
                };
                let pointer_len = match frame {
                    Frame::Object { pointer_len, .. } | Frame::Array { pointer_len, .. } => {
                        *pointer_len
                    }
                };
                pointer.truncate(pointer_len);
                self.skip_whitespace();
                match self.peek()? {
                    b',' => {
                        self.pos += 1;
                        self.skip_whitespace();
                        if matches!(frame, Frame::Object { .. }) {
                            key = Some(self.member_key(&mut stack, &mut pointer, index)?);
                        } else {
                            push_index(&mut stack, &mut pointer);
                        }
                        break;
                    }
                    b'}' | b']' => {
                        self.pos += 1;
                        close(&mut stack, &mut pointer, index, self.pos);
                    }
                    _ => return None,
                }
            }
        }
    }

    /// Reads `"key":` and leaves `pointer` naming the member's value.
    fn member_key(
        &mut self,
        stack: &mut [Frame],
        pointer: &mut String,
        index: &mut SpanIndex,
    ) -> Option<Range<usize>> {
        let start = self.pos;
        if self.peek()? != b'"' {
            return None;
        }
        self.skip_string()?;
        let range = start..self.pos;
        let raw = &self.bytes[range.clone()];
        let name: String = if raw.contains(&b'\\') {
            serde_json::from_slice(raw).ok()?
        } else {
            std::str::from_utf8(&raw[1..raw.len() - 1]).ok()?.to_owned()
        };
        pointer.push('/');
        pointer.push_str(&tipkit_model::pointer::escape(&name));
        if let Some(Frame::Object { seen, .. }) = stack.last_mut() {
            match seen.entry(name) {
                Entry::Occupied(first) => index.duplicates.push(DuplicateKey {
                    pointer: pointer.clone(),
                    first: first.get().clone(),
                    again: range.clone(),
                }),
                Entry::Vacant(slot) => {
                    slot.insert(range.clone());
                }
            }
        }
        self.skip_whitespace();
        if self.peek()? != b':' {
            return None;
        }
        self.pos += 1;
        self.skip_whitespace();
        Some(range)
    }

    /// Skips a string, number or literal.
    fn skip_scalar(&mut self) -> Option<()> {
        if self.peek()? == b'"' {
            return self.skip_string();
        }
        while self.pos < self.bytes.len()
            && !matches!(
                self.bytes[self.pos],
                b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'
            )
        {
            self.pos += 1;
        }
        Some(())
    }

    fn skip_string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            match *self.bytes.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }

    fn skip_whitespace(&mut self) {
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
}

fn push_index(stack: &mut [Frame], pointer: &mut String) {
    if let Some(Frame::Array { next, .. }) = stack.last_mut() {
        use std::fmt::Write as _;
        let _ = write!(pointer, "/{next}");
        *next += 1;
    }
}

/// Records that an item of the innermost list starts at `start`; false when the innermost
/// container is not a list, or the offset does not fit (then the item is a node of its own).
fn item_starts(stack: &mut [Frame], start: usize) -> bool {
    let Some(Frame::Array { starts, next, .. }) = stack.last_mut() else {
        return false;
    };
    match u32::try_from(start) {
        Ok(start) if starts.len() + 1 == *next => {
            starts.push(start);
            true
        }
        _ => false,
    }
}

/// Closes the innermost container, which ends at `end`.
fn close(stack: &mut Vec<Frame>, pointer: &mut String, index: &mut SpanIndex, end: usize) {
    match stack.pop() {
        Some(Frame::Object { pointer_len, .. }) => pointer.truncate(pointer_len),
        Some(Frame::Array {
            pointer_len,
            mut starts,
            ..
        }) => {
            pointer.truncate(pointer_len);
            if !starts.is_empty() {
                starts.shrink_to_fit();
                index.items.insert(pointer.clone(), starts);
            }
        }
        None => {}
    }
    if let Some(node) = index.nodes.get_mut(pointer.as_str()) {
        node.value.end = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<'a>(source: &'a str, range: &Range<usize>) -> &'a str {
        &source[range.clone()]
    }

    #[test]
    fn keys_and_values_of_nested_members() {
        let source = r#"{"a": [1, {"b~/c": "x\"y"}], "d": {}, "e": []}"#;
        let index = SpanIndex::build(source.as_bytes());
        assert_eq!(
            text(source, &index.get(source.as_bytes(), "").unwrap().value),
            source
        );
        assert_eq!(
            text(source, &index.get(source.as_bytes(), "/a").unwrap().value),
            r#"[1, {"b~/c": "x\"y"}]"#
        );
        assert_eq!(
            text(
                source,
                &index.get(source.as_bytes(), "/a").unwrap().key.unwrap()
            ),
            r#""a""#
        );
        assert_eq!(
            text(source, &index.get(source.as_bytes(), "/a/0").unwrap().value),
            "1"
        );
        let escaped = index.get(source.as_bytes(), "/a/1/b~0~1c").unwrap();
        assert_eq!(text(source, &escaped.value), r#""x\"y""#);
        assert_eq!(
            text(source, &index.get(source.as_bytes(), "/d").unwrap().value),
            "{}"
        );
        assert_eq!(
            text(source, &index.get(source.as_bytes(), "/e").unwrap().value),
            "[]"
        );
        assert!(index.duplicates().is_empty());
    }

    #[test]
    fn duplicate_keys_are_recorded_per_object() {
        let source = r#"{"a": {"x": 1}, "a": {"x": 2}, "b": 1}"#;
        let index = SpanIndex::build(source.as_bytes());
        assert_eq!(
            index.duplicates().len(),
            1,
            "the inner x keys are in different objects"
        );
        let duplicate = &index.duplicates()[0];
        assert_eq!(duplicate.pointer, "/a");
        assert_eq!((duplicate.first.start, duplicate.again.start), (1, 16));
        assert_eq!(
            text(source, &index.get(source.as_bytes(), "/a/x").unwrap().value),
            "2",
            "the last one wins"
        );
    }

    #[test]
    fn a_list_s_scalar_items_are_found_by_their_index_alone() {
        let source = r#"{"a": [1, "x]", {"b": 2}, true], "a": [null]}"#;
        let index = SpanIndex::build(source.as_bytes());
        let bytes = source.as_bytes();
        // The last `a` wins, as in `serde_json`.
        assert_eq!(
            text(source, &index.get(bytes, "/a/0").unwrap().value),
            "null"
        );
        assert!(index.get(bytes, "/a/1").is_none());
        let index = SpanIndex::build(br#"[1, "x]", {"b": 2}, true]"#);
        let source = r#"[1, "x]", {"b": 2}, true]"#;
        let bytes = source.as_bytes();
        assert_eq!(
            text(source, &index.get(bytes, "/1").unwrap().value),
            r#""x]""#
        );
        assert_eq!(
            text(source, &index.get(bytes, "/2").unwrap().value),
            r#"{"b": 2}"#
        );
        assert_eq!(text(source, &index.get(bytes, "/3").unwrap().value), "true");
        for not_an_index in ["/01", "/+1", "/-1", "/4", "/1/0"] {
            assert!(index.get(bytes, not_an_index).is_none(), "{not_an_index}");
        }
        assert_eq!(index.nearest(bytes, "/1/0").map(|(p, _)| p), Some("/1"));
        assert!(index.get(b"[0, 0, 0, 0]", "/1").is_none(), "other bytes");
    }

    #[test]
    fn escaped_keys_are_decoded() {
        let source = r#"{"\u0061": 1}"#;
        assert!(
            SpanIndex::build(source.as_bytes())
                .get(source.as_bytes(), "/a")
                .is_some()
        );
    }

    #[test]
    fn deep_nesting_stops_at_the_depth_limit() {
        let depth = 200_000;
        let source = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let index = SpanIndex::build(source.as_bytes());
        assert!(index.get(source.as_bytes(), "").is_some());
        assert!(
            index
                .get(source.as_bytes(), &"/0".repeat(MAX_DEPTH))
                .is_some()
        );
        assert!(
            index
                .get(source.as_bytes(), &"/0".repeat(MAX_DEPTH + 1))
                .is_none()
        );
    }

    #[test]
    fn nearest_falls_back_to_an_ancestor() {
        let source = r#"{"a": {"b": 1}}"#;
        let index = SpanIndex::build(source.as_bytes());
        assert_eq!(
            index.nearest(source.as_bytes(), "/a/zz/0").map(|(p, _)| p),
            Some("/a")
        );
        assert_eq!(
            index.nearest(source.as_bytes(), "/zz").map(|(p, _)| p),
            Some("")
        );
    }

    #[test]
    fn garbage_does_not_panic() {
        for source in ["", "{", "[1,", r#"{"a"#, r#"{"a" 1}"#, "\"", "}", "[}"] {
            let _ = SpanIndex::build(source.as_bytes());
        }
    }
}
