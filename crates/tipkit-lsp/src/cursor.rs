//! What the cursor is on: a key or a value, and at which JSON Pointer. Hover and completion
//! work on text being typed, so this scanner reads any text: it never fails, takes each byte
//! once, and keeps its own stack (no recursion). A string without its closing quote ends at
//! the end of its line.

use std::ops::Range;

/// What is at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    /// A key or a value, and where.
    pub(crate) place: Place,
    /// The token under the cursor (a string with its quotes, or a literal); an empty range at
    /// the cursor when there is none.
    pub(crate) token: Range<usize>,
}

/// The role of the text at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// A key of the object at `object` (a JSON Pointer); `key` is the key under the cursor, if
    /// any; `present` the object's other keys.
    Key {
        /// The object's pointer.
        object: String,
        /// The key under the cursor.
        key: Option<String>,
        /// The object's other keys, before and after the cursor.
        present: Vec<String>,
    },
    /// A value, at this pointer.
    Value(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open(u8),
    Close,
    Colon,
    Comma,
    String { closed: bool },
    Literal,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    range: Range<usize>,
}

fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let kind = match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b @ (b'{' | b'[') => {
                i += 1;
                Kind::Open(b)
            }
            b'}' | b']' => {
                i += 1;
                Kind::Close
            }
            b':' => {
                i += 1;
                Kind::Colon
            }
            b',' => {
                i += 1;
                Kind::Comma
            }
            b'"' => {
                i += 1;
                let mut closed = false;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            closed = true;
                            break;
                        }
                        b'\n' | b'\r' => break,
                        _ => i += 1,
                    }
                }
                i = i.min(bytes.len());
                Kind::String { closed }
            }
            _ => {
                while i < bytes.len() && !b" \t\n\r{}[]:,\"".contains(&bytes[i]) {
                    i += 1;
                }
                Kind::Literal
            }
        };
        out.push(Token {
            kind,
            range: start..i,
        });
    }
    out
}

/// The text of a string token, unescaped; as written when its escapes are broken.
fn string_value(text: &str, range: &Range<usize>) -> String {
    let raw = &text[range.clone()];
    if let Ok(value) = serde_json::from_str::<String>(raw) {
        return value;
    }
    let inner = raw.strip_prefix('"').unwrap_or(raw);
    inner.strip_suffix('"').unwrap_or(inner).to_owned()
}

fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", tipkit_model::pointer::escape(token))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Key,
    Colon,
    Value,
    Comma,
}

#[derive(Debug)]
struct Frame {
    pointer: String,
    object: bool,
    /// The current key of an object, or index of an array.
    member: String,
    index: usize,
    expect: Expect,
    /// The index of the opening token.
    open: usize,
}

impl Frame {
    fn value_pointer(&self) -> String {
        if self.object {
            child(&self.pointer, &self.member)
        } else {
            child(&self.pointer, &self.index.to_string())
        }
    }
}

/// What is at byte `offset` of `text`; `None` between tokens where neither a key nor a value
/// may go (after a value, before its comma), or outside the document's value.
pub(crate) fn at(text: &str, offset: usize) -> Option<Cursor> {
    let tokens = tokens(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root_done = false;
    for (i, token) in tokens.iter().enumerate() {
        let inside = token.range.start < offset
            && (offset < token.range.end
                || (offset == token.range.end
                    && matches!(token.kind, Kind::String { closed: false } | Kind::Literal)));
        if token.range.start >= offset && !inside {
            break;
        }
        if inside && matches!(token.kind, Kind::String { .. } | Kind::Literal) {
            return Some(place_here(
                text,
                &tokens,
                &stack,
                root_done,
                token.range.clone(),
            ));
        }
        step(text, &tokens, i, &mut stack, &mut root_done);
    }
    let cursor = place_here(text, &tokens, &stack, root_done, offset..offset);
    // Between tokens, only where a key or value may start.
    match (&cursor, stack.last()) {
        (_, None) if root_done => None,
        (_, Some(frame)) if matches!(frame.expect, Expect::Colon | Expect::Comma) => None,
        _ => Some(cursor),
    }
}

fn place_here(
    text: &str,
    tokens: &[Token],
    stack: &[Frame],
    _root_done: bool,
    token: Range<usize>,
) -> Cursor {
    let place = match stack.last() {
        None => Place::Value(String::new()),
        Some(frame) if frame.object && frame.expect == Expect::Key => {
            let key = (!token.is_empty()).then(|| string_value(text, &token));
            let present = keys_of(text, tokens, frame.open)
                .into_iter()
                .filter(|(range, _)| *range != token)
                .map(|(_, key)| key)
                .collect();
            Place::Key {
                object: frame.pointer.clone(),
                key,
                present,
            }
        }
        Some(frame) if frame.object && frame.expect == Expect::Colon => Place::Key {
            object: frame.pointer.clone(),
            key: Some(frame.member.clone()),
            present: Vec::new(),
        },
        Some(frame) => Place::Value(frame.value_pointer()),
    };
    Cursor { place, token }
}

/// The keys of the object opened by token `open`, with their token ranges.
fn keys_of(text: &str, tokens: &[Token], open: usize) -> Vec<(Range<usize>, String)> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Kind::String { .. }
                if depth == 1 && tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Colon) =>
            {
                keys.push((token.range.clone(), string_value(text, &token.range)));
            }
            _ => {}
        }
    }
    keys
}

fn step(text: &str, tokens: &[Token], i: usize, stack: &mut Vec<Frame>, root_done: &mut bool) {
    let token = &tokens[i];
    let value_done = |stack: &mut Vec<Frame>, root_done: &mut bool| match stack.last_mut() {
        Some(frame) => frame.expect = Expect::Comma,
        None => *root_done = true,
    };
    match token.kind {
        Kind::Open(b) => {
            let pointer = match stack.last() {
                Some(frame) => frame.value_pointer(),
                None => String::new(),
            };
            stack.push(Frame {
                pointer,
                object: b == b'{',
                member: String::new(),
                index: 0,
                expect: if b == b'{' {
                    Expect::Key
                } else {
                    Expect::Value
                },
                open: i,
            });
        }
        Kind::Close => {
            stack.pop();
            value_done(stack, root_done);
        }
        Kind::Colon => {
            if let Some(frame) = stack.last_mut().filter(|f| f.object) {
                frame.expect = Expect::Value;
            }
        }
        Kind::Comma => {
            if let Some(frame) = stack.last_mut() {
                if frame.object {
                    frame.expect = Expect::Key;
                } else {
                    frame.index += 1;
                    frame.expect = Expect::Value;
                }
            }
        }
        Kind::String { .. } => match stack.last_mut() {
            Some(frame) if frame.object && frame.expect == Expect::Key => {
                frame.member = string_value(text, &token.range);
                frame.expect = Expect::Colon;
            }
            _ => value_done(stack, root_done),
        },
        Kind::Literal => value_done(stack, root_done),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(marked: &str) -> Option<Cursor> {
        let offset = marked.find('|').unwrap();
        let text = marked.replace('|', "");
        at(&text, offset)
    }

    #[test]
    fn keys_and_values_are_found_by_pointer() {
        let c = cursor(r#"{"state": {"na|me": "x", "code": "CT"}}"#).unwrap();
        assert_eq!(
            c.place,
            Place::Key {
                object: "/state".into(),
                key: Some("name".into()),
                present: vec!["code".into()]
            }
        );
        let c = cursor(r#"{"sex_trafficking_venues": [{"rank": 1}, {"venue": "Ho|"}]}"#).unwrap();
        assert_eq!(
            c.place,
            Place::Value("/sex_trafficking_venues/1/venue".into())
        );
        let c = cursor(r#"{"a~/b": |}"#).unwrap();
        assert_eq!(c.place, Place::Value("/a~0~1b".into()));
    }

    #[test]
    fn text_being_typed_still_has_a_place() {
        let c = cursor("{\"state\": {\"code\": \"C|\n").unwrap();
        assert_eq!(c.place, Place::Value("/state/code".into()));
        let c = cursor("{\"status\": \"draft\", |").unwrap();
        assert!(matches!(c.place, Place::Key { ref object, .. } if object.is_empty()));
        assert_eq!(cursor(r#"{"a": 1 | }"#), None);
    }
}
