//! Whether a file's bytes are its profile's canonical form, told while serializing the profile
//! and without writing it: each piece that `serde_json::to_string_pretty` would write is
//! compared with the bytes at that place, and the first difference stops it.
//!
//! It handles the shapes the model has (objects, arrays, strings, integers, booleans, null);
//! anything else stops it too. So a `true` is certain and a `false` only says "compare the
//! long way", which the caller does.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

/// Whether `bytes` are exactly what [`tipkit_model::to_canonical_string`] writes for `value`.
/// `false` when they differ, or when `value` has a shape this does not handle. Its field names
/// must need no escape, as the model's do.
pub(super) fn written_as(value: &impl Serialize, bytes: &[u8]) -> bool {
    let mut cursor = Cursor {
        bytes,
        at: 0,
        depth: 0,
    };
    value.serialize(&mut cursor).is_ok() && &bytes[cursor.at..] == b"\n"
}

/// Whether `serde_json` escapes a byte of `text`: a control character, a quote or a backslash.
/// Eight bytes at a time: most strings are too short for a vectorized loop.
fn escaped(text: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether a byte of `word` is below `n` (exact for n <= 0x80).
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH != 0;
    let has = |word: u64, b: u8| below(word ^ (ONES * u64::from(b)), 1);
    let mut words = text.chunks_exact(8);
    let hit = |word: u64| below(word, 0x20) || has(word, b'"') || has(word, b'\\');
    if words.by_ref().any(|chunk| hit(u64::from_ne_bytes(chunk.try_into().expect("8 bytes")))) {
        return true;
    }
    words
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// `a == b`, without a call to `memcmp` for the short pieces most are.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let half = |s: &[u8], at: usize| u32::from_ne_bytes(s[at..at + 4].try_into().expect("4 bytes"));
    match n {
        // Two words, or two halves, that overlap cover the piece.
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        4..8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        0..4 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

/// Where the comparison is in the bytes, and how deep in the value.
struct Cursor<'b> {
    bytes: &'b [u8],
    at: usize,
    depth: usize,
}

/// The comparison stopped: the bytes differ here, or the value has a shape not handled.
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not the canonical form")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Self
    }
}

impl<'b> Cursor<'b> {
    /// The next bytes are `expected`: step over them.
    fn expect(&mut self, expected: &[u8]) -> Result<(), Stop> {
        let end = self.at + expected.len();
        if !self.bytes.get(self.at..end).is_some_and(|at| same(at, expected)) {
            return Err(Stop);
        }
        self.at = end;
        Ok(())
    }

    /// A line break, after a comma when `comma`, and two spaces a level.
    fn line(&mut self, comma: bool) -> Result<(), Stop> {
        let start = self.at + usize::from(comma);
        let end = start + 1 + 2 * self.depth;
        match self.bytes.get(self.at..end) {
            Some([b',', b'\n', indent @ ..]) if comma && indent.iter().all(|&b| b == b' ') => {}
            Some([b'\n', indent @ ..]) if !comma && indent.iter().all(|&b| b == b' ') => {}
            _ => return Err(Stop),
        }
        self.at = end;
        Ok(())
    }

    /// `text` in quotes, then `after`.
    fn quoted(&mut self, text: &str, after: &[u8]) -> Result<(), Stop> {
        let end = self.at + text.len() + 2 + after.len();
        let Some([b'"', rest @ ..]) = self.bytes.get(self.at..end) else {
            return Err(Stop);
        };
        let (inside, rest) = rest.split_at(text.len());
        if !same(inside, text.as_bytes()) || rest[0] != b'"' || !same(&rest[1..], after) {
            return Err(Stop);
        }
        self.at = end;
        Ok(())
    }

    fn string(&mut self, text: &str) -> Result<(), Stop> {
        self.string_then(text, b"")
    }

    /// A string, then `after`.
    fn string_then(&mut self, text: &str, after: &[u8]) -> Result<(), Stop> {
        if escaped(text.as_bytes()) {
            let quoted = serde_json::to_string(text).map_err(|_| Stop)?;
            self.expect(quoted.as_bytes())?;
            return self.expect(after);
        }
        self.quoted(text, after)
    }

    fn unsigned(&mut self, mut value: u64) -> Result<(), Stop> {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (value % 10) as u8;
            value /= 10;
            if value == 0 {
                break;
            }
        }
        self.expect(&digits[start..])
    }

    fn signed(&mut self, value: i64) -> Result<(), Stop> {
        if value < 0 {
            self.expect(b"-")?;
        }
        self.unsigned(value.unsigned_abs())
    }

    /// An array or an object opens.
    fn open<'c>(&'c mut self, bracket: &[u8]) -> Result<Compound<'c, 'b>, Stop> {
        self.expect(bracket)?;
        self.depth += 1;
        Ok(Compound {
            cursor: self,
            first: true,
        })
    }
}

/// The members of an open array or object.
struct Compound<'c, 'b> {
    cursor: &'c mut Cursor<'b>,
    first: bool,
}

impl Compound<'_, '_> {
    fn member(&mut self) -> Result<(), Stop> {
        let comma = !std::mem::take(&mut self.first);
        self.cursor.line(comma)
    }

    fn close(self, bracket: &[u8]) -> Result<(), Stop> {
        self.cursor.depth -= 1;
        if !self.first {
            self.cursor.line(false)?;
        }
        self.cursor.expect(bracket)
    }
}

impl<'c, 'b> ser::Serializer for &'c mut Cursor<'b> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Compound<'c, 'b>;
    type SerializeTuple = Impossible<(), Stop>;
    type SerializeTupleStruct = Impossible<(), Stop>;
    type SerializeTupleVariant = Impossible<(), Stop>;
    type SerializeMap = Impossible<(), Stop>;
    type SerializeStruct = Compound<'c, 'b>;
    type SerializeStructVariant = Impossible<(), Stop>;

    fn serialize_bool(self, value: bool) -> Result<(), Stop> {
        self.expect(if value { b"true" } else { b"false" })
    }

    fn serialize_i8(self, value: i8) -> Result<(), Stop> {
        self.signed(value.into())
    }

    fn serialize_i16(self, value: i16) -> Result<(), Stop> {
        self.signed(value.into())
    }

    fn serialize_i32(self, value: i32) -> Result<(), Stop> {
        self.signed(value.into())
    }

    fn serialize_i64(self, value: i64) -> Result<(), Stop> {
        self.signed(value)
    }

    fn serialize_u8(self, value: u8) -> Result<(), Stop> {
        self.unsigned(value.into())
    }

    fn serialize_u16(self, value: u16) -> Result<(), Stop> {
        self.unsigned(value.into())
    }

    fn serialize_u32(self, value: u32) -> Result<(), Stop> {
        self.unsigned(value.into())
    }

    fn serialize_u64(self, value: u64) -> Result<(), Stop> {
        self.unsigned(value)
    }

    fn serialize_f32(self, _: f32) -> Result<(), Stop> {
        Err(Stop)
    }

    fn serialize_f64(self, _: f64) -> Result<(), Stop> {
        Err(Stop)
    }

    fn serialize_char(self, value: char) -> Result<(), Stop> {
        self.string(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result<(), Stop> {
        self.string(value)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        Err(Stop)
    }

    fn serialize_none(self) -> Result<(), Stop> {
        self.expect(b"null")
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Stop> {
        self.expect(b"null")
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        self.expect(b"null")
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Stop> {
        self.string(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Stop> {
        Err(Stop)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        self.open(b"[")
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        self.open(b"{")
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop)
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Stop> {
        self.member()?;
        value.serialize(&mut *self.cursor)
    }

    fn end(self) -> Result<(), Stop> {
        self.close(b"]")
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        self.member()?;
        // Field names: the model's need no escape (a test reads them all from the schema).
        debug_assert!(!escaped(key.as_bytes()), "{key}");
        self.cursor.quoted(key, b": ")?;
        value.serialize(&mut *self.cursor)
    }

    fn end(self) -> Result<(), Stop> {
        self.close(b"}")
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::written_as;

    /// Every value is its canonical form, and no byte taken out or changed is.
    fn agrees_with_serde_json(value: &impl Serialize) {
        let mut canonical = serde_json::to_string_pretty(value).unwrap().into_bytes();
        canonical.push(b'\n');
        let shown = String::from_utf8_lossy(&canonical).into_owned();
        assert!(written_as(value, &canonical), "{shown}");
        for at in 0..canonical.len() {
            let mut shorter = canonical.clone();
            shorter.remove(at);
            assert!(!written_as(value, &shorter), "without byte {at} of {shown}");
            let mut changed = canonical.clone();
            changed[at] = if changed[at] == b' ' { b'\t' } else { b' ' };
            assert!(!written_as(value, &changed), "byte {at} changed in {shown}");
        }
        canonical.push(b'\n');
        assert!(!written_as(value, &canonical));
    }

    #[derive(Serialize)]
    struct Node {
        inner: Vec<Node>,
        n: u32,
        empty: Vec<u8>,
        object: Empty,
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        flag: Option<bool>,
        letter: char,
        signed: i64,
        unsigned: u64,
        unit: (),
        none: Option<u8>,
    }

    #[derive(Serialize)]
    struct Empty {}

    #[test]
    fn it_says_canonical_exactly_when_serde_json_writes_the_bytes() {
        let ct = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles/ct.json"));
        agrees_with_serde_json(&tipkit_model::from_slice(&ct.unwrap()).unwrap());
        let deep = (0..6u32).fold(Vec::new(), |inner, n| {
            vec![Node {
                inner,
                n,
                empty: Vec::new(),
                object: Empty {},
                text: ["a\u{1}\"b\\§\n", "plain", ""][n as usize % 3].to_owned(),
                flag: (n % 2 == 0).then_some(n % 4 == 0),
                letter: 'x',
                signed: [i64::MIN, -i64::from(n) * 1_000_000_007, 0][n as usize % 3],
                unsigned: u64::MAX - u64::from(n),
                unit: (),
                none: None,
            }]
        });
        agrees_with_serde_json(&deep);
    }

    #[test]
    fn escaped_finds_every_byte_serde_json_escapes() {
        for b in 0..=u8::MAX {
            let expected = serde_json::to_string(&char::from(b).to_string()).unwrap().len() > 3
                && b < 0x80;
            for at in 0..20 {
                let mut text = [b'a'; 20];
                text[at] = b;
                assert_eq!(super::escaped(&text[..]), expected, "byte {b:#04x} at {at}");
                assert_eq!(super::escaped(&text[at..]), expected, "byte {b:#04x} first");
            }
        }
    }

    #[test]
    fn no_field_name_of_the_model_is_escaped() {
        fn names(value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                        out.extend(properties.keys().cloned());
                    }
                    map.values().for_each(|inner| names(inner, out));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|inner| names(inner, out)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        names(&tipkit_model::schema().to_value(), &mut found);
        assert!(found.iter().any(|name| name == "$schema") && found.len() > 50, "{found:?}");
        for name in found {
            assert!(!super::escaped(name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn same_compares_pieces_of_every_length() {
        let a: Vec<u8> = (0..40).collect();
        for n in 0..40 {
            assert!(super::same(&a[..n], &a[..n]));
            assert!(!super::same(&a[..n], &a[..=n]));
            for at in 0..n {
                let mut b = a[..n].to_vec();
                b[at] ^= 0x20;
                assert!(!super::same(&a[..n], &b), "{n} bytes, byte {at} differs");
            }
        }
    }

    #[test]
    fn shapes_it_does_not_handle_say_compare_the_long_way() {
        assert!(!written_as(&1.5, b"1.5\n"));
        assert!(!written_as(&(1, 2), b"[\n  1,\n  2\n]\n"));
        let map = serde_json::json!({ "a": 1 });
        assert!(!written_as(&map, b"{\n  \"a\": 1\n}\n"));
    }
}
