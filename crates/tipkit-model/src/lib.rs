//! The typed model of an HHS state profile, `<State>: Efforts to Combat Human Trafficking`.
//!
//! A profile is one JSON file, `profiles/<code>.json`. This crate reads and writes it and
//! generates its JSON Schema. It does no I/O: callers hand it bytes and get bytes back.
//!
//! A downstream program that loads a profile and lists its venues:
//!
//! ```
//! use tipkit_model::Profile;
//!
//! let text = include_str!("../../../profiles/ct.json");
//! let profile: Profile = tipkit_model::from_str(text)?;
//!
//! let jurisdiction = profile.state.code.jurisdiction();
//! assert_eq!(jurisdiction.name, "Connecticut");
//! assert_eq!(jurisdiction.region.get(), 1);
//!
//! for entry in profile.sex_trafficking_venues.iter().flatten() {
//!     println!("{}. {}", entry.rank, entry.venue.label());
//! }
//! # Ok::<(), tipkit_model::ParseError>(())
//! ```
//!
//! Serialization is canonical: keys in the order of the format, 2-space indentation, and a
//! trailing newline, so that `to_canonical_string(&from_str(text)?)` reproduces a canonical file
//! byte for byte.

mod jurisdiction;
mod lists;
mod markdown;
pub mod pointer;
mod profile;
mod shapes;
mod url;
mod venue;

pub use jurisdiction::{
    JURISDICTIONS, Jurisdiction, JurisdictionCode, UnknownName, is_statistics_url, statistics_url,
};
pub use lists::{DemographicBlock, DemographicClass, EffortList, VenueList};
pub use markdown::markdown_text;
pub use pointer::Pointer;
pub use profile::{
    Age, CallTypes, Citizenship, Count, Demographics, Gender, HeatMap, Hotline, HotlineCases,
    HotlineStatistics, Law, Link, Profile, RankedVenue, ReportingPeriod, Source, State,
    StatewideEfforts, Status, TOP_VENUES, YearStatistics,
};
pub use shapes::{Citation, HhsRegion, Phone, SchemaVersion, ShapeError, Year, YearMonth};
pub use url::{UrlProblem, is_forbidden_in_url, is_https, is_web_scheme, web_url_problem};
pub use venue::{LaborVenue, SexVenue, Venue};

use std::fmt;
use std::path::Path;

/// Where the profile schema lives, relative to a file in `profiles/`. New profiles carry it as
/// `$schema`, so an editor gives completion and hover docs.
pub const SCHEMA_REFERENCE: &str = "../schemas/state-profile.schema.json";

/// The extension of a profile's file name, without its dot: profiles are `*.json`.
pub const PROFILE_EXTENSION: &str = "json";

/// Whether a path names a profile by its extension: `ct.json`, not `ct.txt` or `json`. This is
/// the one test of a name that the walkers, the diff and the tools share; it reads nothing.
///
/// ```
/// use std::path::Path;
///
/// assert!(tipkit_model::is_profile_path(Path::new("profiles/ct.json")));
/// assert!(!tipkit_model::is_profile_path(Path::new("profiles/README.md")));
/// assert!(!tipkit_model::is_profile_path(Path::new("json")));
/// ```
pub fn is_profile_path(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == PROFILE_EXTENSION)
}

/// The first characters that make a spreadsheet read a cell as a formula, as OWASP lists them
/// ("CSV Injection"): `=`, `+`, `-`, `@`, a tab and a carriage return. The `unsafe-text` rule
/// rejects text that begins with one, and `tipkit export` disarms such a CSV cell.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would run `text` as a formula: it begins with one of
/// [`FORMULA_STARTS`].
///
/// ```
/// assert!(tipkit_model::starts_formula("=HYPERLINK(\"https://evil.example\")"));
/// assert!(tipkit_model::starts_formula("\t=1+1"));
/// assert!(!tipkit_model::starts_formula("§ 53a-82"));
/// ```
pub fn starts_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// Whether a character acts instead of showing: a control character, a direction mark or
/// override, a line or paragraph separator, a byte order mark. Whatever prints text from a
/// profile (a terminal, a log, a document) must show such a character escaped, never raw.
///
/// ```
/// assert!(tipkit_model::is_invisible('\u{202e}'));
/// assert!(tipkit_model::is_invisible('\u{1b}'));
/// assert!(!tipkit_model::is_invisible('§'));
/// ```
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'
                ..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
        )
}

/// A profile that could not be read: bad JSON, or JSON that is not a profile.
#[derive(Debug)]
pub struct ParseError {
    inner: serde_json::Error,
}

impl ParseError {
    /// The 1-based line of the problem.
    pub fn line(&self) -> usize {
        self.inner.line()
    }

    /// The 1-based column of the problem, in bytes.
    pub fn column(&self) -> usize {
        self.inner.column()
    }

    /// Whether the bytes are not JSON at all, as opposed to JSON that is not a profile.
    pub fn is_syntax(&self) -> bool {
        !matches!(self.inner.classify(), serde_json::error::Category::Data)
    }

    /// The message without its position.
    pub fn message(&self) -> String {
        let text = self.inner.to_string();
        match text.rfind(" at line ") {
            Some(at) => text[..at].to_owned(),
            None => text,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line(), self.column(), self.message())
    }
}

/// The message already says all the `serde_json` error says, so it is not a separate source.
impl std::error::Error for ParseError {}

/// Reads a profile from JSON text.
///
/// ```
/// let profile = tipkit_model::from_str(include_str!("../../../profiles/nh.json"))?;
/// assert_eq!(profile.state.name, "New Hampshire");
///
/// let error = tipkit_model::from_str(r#"{"schema_version": 1, "status": "final"}"#).unwrap_err();
/// assert_eq!(error.line(), 1);
/// assert!(error.message().starts_with("unknown variant `final`"));
/// # Ok::<(), tipkit_model::ParseError>(())
/// ```
pub fn from_str(text: &str) -> Result<Profile, ParseError> {
    serde_json::from_str(text).map_err(|inner| ParseError { inner })
}

/// Reads a profile from JSON bytes.
pub fn from_slice(bytes: &[u8]) -> Result<Profile, ParseError> {
    serde_json::from_slice(bytes).map_err(|inner| ParseError { inner })
}

/// Writes a profile in canonical form: keys in format order, 2-space indentation, trailing
/// newline.
///
/// ```
/// let text = include_str!("../../../profiles/ct.json");
/// let profile = tipkit_model::from_str(text)?;
/// assert_eq!(tipkit_model::to_canonical_string(&profile), text);
/// # Ok::<(), tipkit_model::ParseError>(())
/// ```
pub fn to_canonical_string(profile: &Profile) -> String {
    let mut text = serde_json::to_string_pretty(profile)
        .expect("a profile always serializes: string keys only");
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of a profile. This is the one place its settings are chosen.
#[cfg(feature = "schema")]
pub fn schema() -> schemars::Schema {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .with(|settings| {
            let transform = schemars::transform::RecursiveTransform(forbid_null_where_optional);
            settings.transforms.push(Box::new(transform));
        })
        .into_generator()
        .into_root_schema_for::<Profile>();
    if let Some(root) = schema.as_object_mut() {
        let mut value = serde_json::Value::Object(std::mem::take(root));
        descriptions_for_editors(&mut value);
        if let serde_json::Value::Object(map) = value {
            *root = map;
        }
    }
    schema
}

/// Puts descriptions where editors read them. VS Code's JSON service
/// (vscode-json-languageservice) merges a `$ref`'s target over the property that holds it, so the
/// target's description hides the field's own; and for a `oneOf` of constants it shows the
/// description of the matching branch. So a definition that a described field refers to keeps
/// no description of its own (the fields say what they hold), a documented list of strings is
/// an `enum` with `enumDescriptions` (VS Code's keyword for the text of each value), and a
/// description is one line per paragraph. `cargo xtask interop` checks the hover text with the
/// real service.
#[cfg(feature = "schema")]
fn descriptions_for_editors(root: &mut serde_json::Value) {
    use serde_json::Value;
    let mut described_refs = Vec::new();
    visit(root, &mut |node| {
        if let Some(Value::String(text)) = node.get_mut("description") {
            *text = one_line_per_paragraph(text);
            if let Some(Value::String(target)) = node.get("$ref") {
                described_refs.push(target.clone());
            }
        }
        documented_strings_as_enum(node);
    });
    for target in described_refs {
        let pointer = target.strip_prefix('#').unwrap_or_default();
        if let Some(Value::Object(definition)) = root.pointer_mut(pointer) {
            definition.shift_remove("description");
        }
    }
}

/// Calls `f` on every object of a schema, depth first.
#[cfg(feature = "schema")]
fn visit(
    value: &mut serde_json::Value,
    f: &mut impl FnMut(&mut serde_json::Map<String, serde_json::Value>),
) {
    match value {
        serde_json::Value::Object(map) => {
            f(map);
            for child in map.values_mut() {
                visit(child, f);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                visit(item, f);
            }
        }
        _ => {}
    }
}

/// `{"oneOf": [{"description": …, "type": "string", "const": …}, …]}`, as schemars writes a
/// documented unit enum, becomes `{"enum": […], "enumDescriptions": […]}`.
#[cfg(feature = "schema")]
fn documented_strings_as_enum(schema: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value;
    let Some(Value::Array(branches)) = schema.get("oneOf") else {
        return;
    };
    let mut values = Vec::new();
    let mut descriptions = Vec::new();
    for branch in branches {
        let Some(branch) = branch.as_object() else {
            return;
        };
        let known = |key: &String| matches!(key.as_str(), "const" | "type" | "description");
        if branch.get("type") != Some(&Value::from("string")) || !branch.keys().all(known) {
            return;
        }
        let Some(value) = branch.get("const") else {
            return;
        };
        values.push(value.clone());
        descriptions.push(
            branch
                .get("description")
                .cloned()
                .unwrap_or_else(|| Value::from("")),
        );
    }
    schema.shift_remove("oneOf");
    schema.insert("enum".to_owned(), Value::Array(values));
    schema.insert("enumDescriptions".to_owned(), Value::Array(descriptions));
}

/// A doc comment's line breaks within a paragraph become spaces.
#[cfg(feature = "schema")]
fn one_line_per_paragraph(text: &str) -> String {
    text.split("\n\n")
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// An optional key is left out, never `null`: serde would read `null` as absent, and the
/// canonical form would then drop a key the editor wrote.
#[cfg(feature = "schema")]
fn forbid_null_where_optional(schema: &mut schemars::Schema) {
    use serde_json::Value;
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for property in properties.values_mut().filter_map(Value::as_object_mut) {
        if let Some(Value::Array(types)) = property.get_mut("type") {
            types.retain(|t| t != "null");
            if let [only] = types.as_slice() {
                let only = only.clone();
                property.insert("type".to_owned(), only);
            }
        }
        let nullable_ref = match property.get("anyOf") {
            Some(Value::Array(branches))
                if branches.len() == 2 && branches[1]["type"] == "null" =>
            {
                Some(branches[0].clone())
            }
            _ => None,
        };
        if let Some(Value::Object(kept)) = nullable_ref {
            property.remove("anyOf");
            property.extend(kept);
        }
    }
}

/// The schema as the committed `schemas/state-profile.schema.json` holds it.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&tipkit_model::schema_text()).unwrap();
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["additionalProperties"], false);
/// ```
#[cfg(feature = "schema")]
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a schema always serializes");
    text.push('\n');
    text
}

impl Profile {
    /// The sections a draft may leave out and a published profile must have, that this profile
    /// lacks, by key, in format order.
    ///
    /// ```
    /// use tipkit_model::{JurisdictionCode, Profile};
    ///
    /// let draft = Profile::draft(JurisdictionCode::ME);
    /// assert_eq!(draft.missing_sections().len(), 9);
    /// let ct = tipkit_model::from_str(include_str!("../../../profiles/ct.json")).unwrap();
    /// assert!(ct.missing_sections().is_empty());
    /// ```
    pub fn missing_sections(&self) -> Vec<&'static str> {
        let sections = [
            ("reporting_period", self.reporting_period.is_some()),
            ("heat_map", self.heat_map.is_some()),
            ("hotline_cases", self.hotline_cases.is_some()),
            ("demographics", self.demographics.is_some()),
            (
                "sex_trafficking_venues",
                self.sex_trafficking_venues.is_some(),
            ),
            (
                "labor_trafficking_venues",
                self.labor_trafficking_venues.is_some(),
            ),
            ("call_types", self.call_types.is_some()),
            ("laws", self.laws.is_some()),
            ("statewide_efforts", self.statewide_efforts.is_some()),
        ];
        sections
            .iter()
            .filter(|(_, present)| !present)
            .map(|&(key, _)| key)
            .collect()
    }

    /// A draft holding what is known of every jurisdiction without its document: identity, HHS
    /// region, statistics URL and the national hotline.
    ///
    /// ```
    /// use tipkit_model::{JurisdictionCode, Profile, Status};
    ///
    /// let draft = Profile::draft(JurisdictionCode::PR);
    /// assert_eq!((draft.state.name.as_str(), draft.hhs_region.get()), ("Puerto Rico", 2));
    /// assert_eq!(draft.status, Status::Draft);
    /// assert_eq!(draft.state_statistics_url, "https://humantraffickinghotline.org/state/puerto-rico");
    /// ```
    pub fn draft(code: JurisdictionCode) -> Self {
        let jurisdiction = code.jurisdiction();
        Self {
            schema: Some(SCHEMA_REFERENCE.to_owned()),
            schema_version: SchemaVersion,
            status: Status::Draft,
            state: State {
                name: jurisdiction.name.to_owned(),
                code,
            },
            hhs_region: jurisdiction.region,
            reporting_period: None,
            heat_map: None,
            hotline_cases: None,
            demographics: None,
            state_statistics_url: statistics_url(jurisdiction.slug),
            hotline_statistics: None,
            sex_trafficking_venues: None,
            labor_trafficking_venues: None,
            call_types: None,
            laws: None,
            statewide_efforts: None,
            hotlines: vec![Hotline::national()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CT: &str = include_str!("../../../profiles/ct.json");

    #[test]
    fn effort_lists_are_named_as_the_format_writes_them() {
        let profile = from_str(CT).unwrap();
        let efforts = profile.statewide_efforts.as_ref().unwrap();
        let value = serde_json::to_value(&profile).unwrap();
        let mut written: Vec<&str> = value["statewide_efforts"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| v.is_array())
            .map(|(k, _)| k.as_str())
            .collect();
        let mut listed: Vec<&str> = efforts.lists().iter().map(|(list, _)| list.key()).collect();
        // The map's order depends on serde_json's features; the names are what must agree.
        written.sort_unstable();
        listed.sort_unstable();
        assert_eq!(listed, written);
        for (list, links) in efforts.lists() {
            assert_eq!(
                links.len(),
                value["statewide_efforts"][list.key()]
                    .as_array()
                    .unwrap()
                    .len()
            );
        }
    }

    #[test]
    fn null_in_an_optional_key_is_refused_not_read_as_absent() {
        let mut value: serde_json::Value = serde_json::from_str(CT).unwrap();
        for (object, key) in [
            ("/laws/0", "url"),
            ("/statewide_efforts/campaigns/0", "url"),
            ("", "heat_map"),
            ("/demographics/gender", "male"),
            ("", "laws"),
            ("", "$schema"),
        ] {
            let mut edited = value.clone();
            let members = edited.pointer_mut(object).unwrap().as_object_mut().unwrap();
            members.insert(key.to_owned(), serde_json::Value::Null);
            let error = from_str(&edited.to_string()).unwrap_err();
            assert!(error.message().contains("null"), "{object}/{key}: {error}");
        }
        // Absent is still fine.
        value["demographics"]["gender"]
            .as_object_mut()
            .unwrap()
            .remove("male");
        assert!(from_str(&value.to_string()).is_ok());
    }

    /// Every place of a profile that holds an object, with list indices as `0`.
    const OBJECT_PLACES: [&str; 22] = [
        "",
        "/state",
        "/reporting_period",
        "/heat_map",
        "/hotline_cases",
        "/demographics",
        "/demographics/citizenship",
        "/demographics/gender",
        "/demographics/age",
        "/hotline_statistics",
        "/hotline_statistics/source",
        "/hotline_statistics/years/0",
        "/sex_trafficking_venues/0",
        "/labor_trafficking_venues/0",
        "/call_types",
        "/laws/0",
        "/statewide_efforts",
        "/statewide_efforts/collaborations/0",
        "/statewide_efforts/resources/0",
        "/statewide_efforts/funding_opportunities/0",
        "/statewide_efforts/campaigns/0",
        "/hotlines/0",
    ];

    /// The pointers of every object in `value`, depth first.
    fn object_pointers(value: &serde_json::Value, at: String, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    object_pointers(child, format!("{at}/{key}"), found);
                }
                found.push(at);
            }
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    object_pointers(item, format!("{at}/{index}"), found);
                }
            }
            _ => {}
        }
    }

    /// serde's derived struct also reads an array, filling the fields in order; the schema
    /// refuses one, and so must the model, or `tipkit check`'s fast path misses it.
    #[test]
    fn an_array_is_refused_wherever_an_object_belongs() {
        let value: serde_json::Value = serde_json::from_str(CT).unwrap();
        let mut pointers = Vec::new();
        object_pointers(&value, String::new(), &mut pointers);
        let mut places: Vec<String> = pointers
            .iter()
            .map(|pointer| {
                let segments = pointer.split('/').map(|segment| {
                    if segment.parse::<usize>().is_ok() {
                        "0"
                    } else {
                        segment
                    }
                });
                segments.collect::<Vec<_>>().join("/")
            })
            .collect();
        places.sort();
        places.dedup();
        let mut expected = OBJECT_PLACES.map(str::to_owned).to_vec();
        expected.sort();
        assert_eq!(places, expected, "ct.json holds every kind of object");
        for pointer in &pointers {
            let node = value.pointer(pointer).unwrap().as_object().unwrap();
            // In field order, as a struct's `visit_seq` would read them, and empty, which a
            // struct of optional fields would read as all absent.
            let in_order = serde_json::Value::Array(node.values().cloned().collect());
            for array in [in_order, serde_json::json!([])] {
                let mut edited = value.clone();
                *edited.pointer_mut(pointer).unwrap() = array.clone();
                let error = from_str(&edited.to_string()).unwrap_err();
                assert!(
                    error
                        .message()
                        .starts_with("invalid type: sequence, expected struct "),
                    "{pointer} = {array}: {error}"
                );
                assert!(from_slice(edited.to_string().as_bytes()).is_err());
            }
        }
    }

    #[test]
    fn every_profile_parses() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../profiles");
        let mut read = 0;
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if is_profile_path(&path) {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Err(error) = from_str(&text) {
                    panic!("{}: {error}", path.display());
                }
                read += 1;
            }
        }
        assert!(read > 50, "{read} profiles");
    }

    #[test]
    fn canonical_form_round_trips_byte_for_byte() {
        let profile = from_str(CT).unwrap();
        assert_eq!(to_canonical_string(&profile), CT);
    }

    #[test]
    fn keys_come_out_in_format_order_whatever_order_they_went_in() {
        let shuffled = r#"{"hotlines": [{"phone": "888-373-7888", "name": "National Human Trafficking Hotline"}],
            "state_statistics_url": "https://humantraffickinghotline.org/state/maine",
            "hhs_region": 1, "state": {"code": "ME", "name": "Maine"}, "status": "draft", "schema_version": 1}"#;
        let text = to_canonical_string(&from_str(shuffled).unwrap());
        assert_eq!(
            text,
            to_canonical_string(&Profile {
                schema: None,
                ..Profile::draft(JurisdictionCode::ME)
            })
        );
        assert!(text.starts_with("{\n  \"schema_version\": 1,\n  \"status\": \"draft\""));
    }

    #[test]
    fn unknown_keys_are_errors_and_schema_is_kept_as_written() {
        let error = from_str(&CT.replace("\"hotlines\"", "\"hotline\"")).unwrap_err();
        assert!(!error.is_syntax());
        assert!(
            error.message().contains("unknown field `hotline`"),
            "{error}"
        );
        let moved = CT.replace(
            "../schemas/state-profile.schema.json",
            "https://example.org/s.json",
        );
        assert_eq!(
            from_str(&moved).unwrap().schema.as_deref(),
            Some("https://example.org/s.json")
        );
    }

    /// VS Code shows a `$ref` target's description instead of the field's: no field that has
    /// its own may refer to a definition that has one (`cargo xtask interop` tries the editor).
    #[cfg(feature = "schema")]
    #[test]
    fn fields_keep_their_own_description_for_editors() {
        let schema = schema().to_value();
        let mut stack = vec![&schema];
        let mut described = 0;
        while let Some(node) = stack.pop() {
            match node {
                serde_json::Value::Object(map) => {
                    if let (Some(target), Some(_)) = (map.get("$ref"), map.get("description")) {
                        let target = target.as_str().unwrap().trim_start_matches('#');
                        let definition = schema.pointer(target).unwrap();
                        assert_eq!(definition.get("description"), None, "{target}");
                        described += 1;
                    }
                    stack.extend(map.values());
                }
                serde_json::Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
        assert!(described > 10);
        assert_eq!(
            schema["$defs"]["Status"]["enum"],
            serde_json::json!(["draft", "published"])
        );
        assert_eq!(
            schema["$defs"]["Status"]["enumDescriptions"][1],
            "Complete: every section is present."
        );
        assert!(
            !schema["properties"]["status"]["description"]
                .as_str()
                .unwrap()
                .contains('\n')
        );
    }

    #[test]
    fn ranks_and_venue_lists_are_refused_where_the_schema_refuses_them() {
        let rank_zero = CT.replacen("\"rank\": 1,", "\"rank\": 0,", 1);
        let error = from_str(&rank_zero).unwrap_err();
        assert!(
            error.message().contains("a rank from 1 to 5, found 0"),
            "{error}"
        );
        let rank_six = CT.replacen("\"rank\": 1,", "\"rank\": 6,", 1);
        assert!(from_str(&rank_six).is_err());
        let entry = "{\n      \"rank\": 1,\n      \"venue\": \"Pornography\"\n    },\n    ";
        let six = CT.replacen(
            "\"sex_trafficking_venues\": [\n    ",
            &format!("\"sex_trafficking_venues\": [\n    {entry}"),
            1,
        );
        let error = from_str(&six).unwrap_err();
        assert!(error.message().contains("6 venues, at most 5"), "{error}");
    }

    #[test]
    fn a_draft_is_what_every_jurisdiction_has_without_its_document() {
        let draft = Profile::draft(JurisdictionCode::DC);
        assert_eq!(draft.state.name, "District of Columbia");
        assert_eq!(draft.hhs_region.get(), 3);
        assert_eq!(
            draft.state_statistics_url,
            "https://humantraffickinghotline.org/state/district-columbia"
        );
        assert_eq!(draft.hotlines, [Hotline::national()]);
    }
}
