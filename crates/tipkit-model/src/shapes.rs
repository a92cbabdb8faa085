//! Values with a shape: strings that follow a pattern and integers with a range. Each type checks
//! its shape when it is deserialized or built, and gives the schema the same pattern or range.

#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "schema")]
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};

/// A value that does not have the shape its type requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// What was expected, in words: "a year and month, YYYY-MM".
    pub expected: &'static str,
    /// The value as given.
    pub found: String,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found `{}`", self.expected, self.found)
    }
}

impl std::error::Error for ShapeError {}

#[cfg(feature = "schema")]
/// The first paragraph of a doc comment, as one line: examples stay out of the schema.
fn description(doc: &[&str]) -> String {
    let lines = doc.iter().map(|line| line.trim());
    lines
        .take_while(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

macro_rules! string_shape {
    (
        $(#[doc = $doc:literal])*
        $name:ident { pattern: $pattern:literal, expected: $expected:literal, check: $check:expr $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The pattern the schema gives for this value (ECMA-262, unanchored where it has no `^`).
            pub const PATTERN: &'static str = $pattern;
            /// What the value must look like, in words.
            pub const EXPECTED: &'static str = $expected;

            /// Checks the shape of `text`.
            pub fn new(text: impl Into<String>) -> Result<Self, ShapeError> {
                let text = text.into();
                let check: fn(&str) -> bool = $check;
                if check(&text) {
                    Ok(Self(text))
                } else {
                    Err(ShapeError { expected: $expected, found: text })
                }
            }

            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Self::new(String::deserialize(deserializer)?).map_err(D::Error::custom)
            }
        }

        #[cfg(feature = "schema")]
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "description": description(&[$($doc),*]),
                    "type": "string",
                    "pattern": $pattern,
                })
            }
        }
    };
}

macro_rules! integer_shape {
    (
        $(#[doc = $doc:literal])*
        $name:ident($int:ty) { min: $min:literal, max: $max:literal, expected: $expected:literal $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name($int);

        impl $name {
            /// The smallest value allowed.
            pub const MIN: $int = $min;
            /// The largest value allowed.
            pub const MAX: $int = $max;

            /// Checks that `value` is in range.
            pub fn new(value: $int) -> Result<Self, ShapeError> {
                if (Self::MIN..=Self::MAX).contains(&value) {
                    Ok(Self(value))
                } else {
                    Err(ShapeError { expected: $expected, found: value.to_string() })
                }
            }

            /// For constants: in a `const`, an out-of-range value fails the build.
            ///
            /// # Panics
            ///
            /// When `value` is out of range.
            pub const fn new_const(value: $int) -> Self {
                assert!(value >= Self::MIN && value <= Self::MAX);
                Self(value)
            }

            /// The number.
            pub const fn get(self) -> $int {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = u64::deserialize(deserializer)?;
                <$int>::try_from(value)
                    .ok()
                    .and_then(|value| Self::new(value).ok())
                    .ok_or_else(|| D::Error::custom(ShapeError { expected: $expected, found: value.to_string() }))
            }
        }

        #[cfg(feature = "schema")]
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "description": description(&[$($doc),*]),
                    "type": "integer",
                    "minimum": $min,
                    "maximum": $max,
                })
            }
        }
    };
}

string_shape! {
    /// A calendar month, "YYYY-MM": "2012-12" for December 2012.
    ///
    /// ```
    /// use tipkit_model::YearMonth;
    ///
    /// let month = YearMonth::new("2012-12").unwrap();
    /// assert_eq!((month.year(), month.month()), (2012, 12));
    /// assert!(YearMonth::new("Dec 2012").is_err());
    /// ```
    YearMonth {
        pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$",
        expected: "a year and month, YYYY-MM (\"2012-12\")",
        check: |s| {
            let b = s.as_bytes();
            b.len() == 7
                && b[..4].iter().all(u8::is_ascii_digit)
                && b[4] == b'-'
                && matches!((b[5], b[6]), (b'0', b'1'..=b'9') | (b'1', b'0'..=b'2'))
        },
    }
}

impl YearMonth {
    /// The year: 2012 for "2012-12".
    pub fn year(&self) -> u16 {
        self.0[..4].parse().unwrap_or_default()
    }

    /// The month, 1 to 12: 12 for "2012-12".
    pub fn month(&self) -> u8 {
        self.0[5..].parse().unwrap_or_default()
    }
}

string_shape! {
    /// A North American phone number, NNN-NNN-NNNN: "888-373-7888".
    Phone {
        pattern: "^[0-9]{3}-[0-9]{3}-[0-9]{4}$",
        expected: "a phone number, NNN-NNN-NNNN (\"888-373-7888\")",
        check: |s| {
            let b = s.as_bytes();
            b.len() == 12
                && b.iter().enumerate().all(|(i, c)| {
                    if i == 3 || i == 7 { *c == b'-' } else { c.is_ascii_digit() }
                })
        },
    }
}

string_shape! {
    /// A statute citation that names a section with "§" and a section number: "§ 53a-192a", or
    /// "Ch. 265 § 50" in other states' styles.
    Citation {
        pattern: "§ ?[0-9]",
        expected: "a citation with \"§\" and a section number (\"§ 53a-192a\")",
        check: |s| {
            s.match_indices('§').any(|(at, sign)| {
                let rest = &s[at + sign.len()..];
                let rest = rest.strip_prefix(' ').unwrap_or(rest);
                rest.starts_with(|c: char| c.is_ascii_digit())
            })
        },
    }
}

integer_shape! {
    /// An HHS region, 1 to 10 ("Region I" is 1).
    HhsRegion(u8) { min: 1, max: 10, expected: "an HHS region from 1 to 10" }
}

integer_shape! {
    /// A calendar year.
    Year(u16) { min: 1990, max: 2100, expected: "a year from 1990 to 2100" }
}

/// The version of the profile format. Only version 1 exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SchemaVersion;

impl SchemaVersion {
    /// The one version this model reads and writes.
    pub const CURRENT: u64 = 1;
}

impl Serialize for SchemaVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(Self::CURRENT)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            Self::CURRENT => Ok(Self),
            other => Err(D::Error::custom(ShapeError {
                expected: "schema_version 1",
                found: other.to_string(),
            })),
        }
    }
}

#[cfg(feature = "schema")]
impl JsonSchema for SchemaVersion {
    fn schema_name() -> Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The version of the profile format. Only version 1 exists.",
            "const": Self::CURRENT,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month() {
        assert!(YearMonth::new("2012-12").is_ok());
        for bad in [
            "2012-13",
            "2012-00",
            "2012-1",
            "12-2012",
            "2012/12",
            "２０１２-12",
        ] {
            assert!(YearMonth::new(bad).is_err(), "{bad}");
        }
        let month = YearMonth::new("2016-09").unwrap();
        assert_eq!((month.year(), month.month()), (2016, 9));
    }

    #[test]
    fn phone() {
        assert!(Phone::new("888-373-7888").is_ok());
        for bad in [
            "8883737888",
            "888.373.7888",
            "(888) 373-7888",
            "888-373-788",
        ] {
            assert!(Phone::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn citation() {
        for good in ["§ 53a-192a", "Ch. 265 § 50", "§46a-4b"] {
            assert!(Citation::new(good).is_ok(), "{good}");
        }
        for bad in ["53a-192a", "§ ", "§", "Sec. 12", "§ a"] {
            assert!(Citation::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ranges() {
        assert!(HhsRegion::new(0).is_err());
        assert!(HhsRegion::new(11).is_err());
        assert_eq!(HhsRegion::new(10).map(HhsRegion::get), Ok(10));
        assert!(Year::new(2016).is_ok());
        assert!(Year::new(1776).is_err());
    }

    #[test]
    fn out_of_range_integers_are_errors_not_wraps() {
        assert!(serde_json::from_str::<HhsRegion>("257").is_err());
        assert!(serde_json::from_str::<HhsRegion>("-1").is_err());
        assert!(serde_json::from_str::<SchemaVersion>("2").is_err());
    }
}
