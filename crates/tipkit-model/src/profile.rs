//! One state profile: the data behind an HHS `<State>: Efforts to Combat Human Trafficking`
//! document. Fields are declared in the order FORMAT.md and `ct.json` give them, which is the order
//! canonical serialization writes.

use serde::{Deserialize, Serialize};

use crate::jurisdiction::JurisdictionCode;
use crate::shapes::{Citation, HhsRegion, Phone, SchemaVersion, Year, YearMonth};
use crate::venue::{LaborVenue, SexVenue};

/// An optional key is left out, never `null`: a key that is present holds a value. serde alone
/// would read `null` as an absent key, and the canonical form would then drop a key the editor
/// wrote; refusing it here keeps `check`, `fmt`, `render`, `export` and the schema in agreement.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Every struct of the model is an object, never an array. serde's derived `Deserialize` for a
/// struct also reads a sequence, filling the fields in order, which the schema refuses and which
/// `tipkit check`'s fast path would then miss. So each struct derives with
/// `#[serde(remote = "Self")]`, which makes the derived code inherent functions, and its trait
/// impls, written here, run that code through [`MapOnly`]. schemars would name such a type
/// "Self", so each also carries `schemars(rename)`: the schema is unchanged.
macro_rules! objects_only {
    ($($name:ident $(<$param:ident>)?),* $(,)?) => {$(
        impl$(<$param: Serialize>)? Serialize for $name$(<$param>)? {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, serializer)
            }
        }

        impl<'de $(, $param: Deserialize<'de>)?> Deserialize<'de> for $name$(<$param>)? {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $name::deserialize(MapOnly(deserializer))
            }
        }
    )*};
}

objects_only!(
    Profile,
    State,
    ReportingPeriod,
    HeatMap,
    HotlineCases,
    Demographics,
    Citizenship,
    Gender,
    Age,
    HotlineStatistics,
    Source,
    YearStatistics,
    RankedVenue<V>,
    CallTypes,
    Law,
    StatewideEfforts,
    Link,
    Hotline,
);

/// A deserializer that reads a struct as a map: `serde_json`'s `deserialize_map` refuses anything
/// but `{` with "invalid type: sequence, expected struct …", at no cost to a well-formed file.
/// The derived code asks only for a struct; any other request is read as a map too.
struct MapOnly<D>(D);

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for MapOnly<D> {
    type Error = D::Error;

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(visitor)
    }

    fn deserialize_any<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// A count of cases, calls or people: a non-negative integer.
pub type Count = u32;

/// A state profile: the data behind one `<State>: Efforts to Combat Human Trafficking` document.
/// Sections a draft may leave out are optional here; a published profile must have them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Profile"))]
#[cfg_attr(feature = "schema", schemars(title = "State profile"))]
#[non_exhaustive]
pub struct Profile {
    /// Path or URL of this JSON Schema, for editors. Kept as written.
    #[serde(
        rename = "$schema",
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub schema: Option<String>,
    /// Version of the profile format.
    pub schema_version: SchemaVersion,
    /// "draft" may leave out the sections marked (P) in the format; "published" must have them
    /// all.
    pub status: Status,
    /// The jurisdiction the profile is about.
    pub state: State,
    /// The HHS region the document is issued for ("Region I" is 1).
    pub hhs_region: HhsRegion,
    /// The months the hotline figures cover: "from December 2012 to December 2016".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub reporting_period: Option<ReportingPeriod>,
    /// The heat map of cases reported in one year, and the areas it shades.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub heat_map: Option<HeatMap>,
    /// The two headline figures of the document.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub hotline_cases: Option<HotlineCases>,
    /// "DEMOGRAPHICS OF POTENTIAL PERSONS TRAFFICKED": citizenship, gender and age. A block may
    /// omit a class it has no figure for.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub demographics: Option<Demographics>,
    /// "For more statistics ... visit `https://humantraffickinghotline.org/state/<slug>`".
    pub state_statistics_url: String,
    /// Yearly hotline figures for the jurisdiction, with their source.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub hotline_statistics: Option<HotlineStatistics>,
    /// "TOP N SEX TRAFFICKING VENUES", in the order the document ranks them: at most 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "top_venues")] // refuses null too
    #[cfg_attr(feature = "schema", schemars(length(max = TOP_VENUES)))]
    pub sex_trafficking_venues: Option<Vec<RankedVenue<SexVenue>>>,
    /// "TOP N LABOR TRAFFICKING VENUES", in the order the document ranks them: at most 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "top_venues")] // refuses null too
    #[cfg_attr(feature = "schema", schemars(length(max = TOP_VENUES)))]
    pub labor_trafficking_venues: Option<Vec<RankedVenue<LaborVenue>>>,
    /// `Types of Calls to the National Human Trafficking Hotline in <year>`.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub call_types: Option<CallTypes>,
    /// The state's human trafficking laws, in the order the document prints them.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub laws: Option<Vec<Law>>,
    /// The "Statewide Efforts" section.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub statewide_efforts: Option<StatewideEfforts>,
    /// Hotlines: at least the National Human Trafficking Hotline, 888-373-7888.
    pub hotlines: Vec<Hotline>,
}

/// Whether a profile is a draft or published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Status {
    /// Being transcribed: sections may be missing.
    Draft,
    /// Complete: every section is present.
    Published,
}

impl Status {
    /// The status as a profile writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
        }
    }
}

/// The status a profile writes: `"draft"` or `"published"`.
///
/// ```
/// use tipkit_model::Status;
///
/// assert_eq!("published".parse::<Status>(), Ok(Status::Published));
/// assert!("final".parse::<Status>().is_err());
/// ```
impl std::str::FromStr for Status {
    type Err = crate::UnknownName;

    fn from_str(text: &str) -> Result<Self, crate::UnknownName> {
        [Self::Draft, Self::Published]
            .into_iter()
            .find(|status| status.as_str() == text)
            .ok_or(crate::UnknownName { expected: "status" })
    }
}

/// The jurisdiction a profile is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "State"))]
#[non_exhaustive]
pub struct State {
    /// The jurisdiction's name: "Connecticut".
    pub name: String,
    /// The jurisdiction's USPS code: "CT".
    pub code: JurisdictionCode,
}

/// The months the hotline figures cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "ReportingPeriod"))]
#[non_exhaustive]
pub struct ReportingPeriod {
    /// First month: "2012-12" for December 2012.
    pub start: YearMonth,
    /// Last month: "2016-12" for December 2016.
    pub end: YearMonth,
}

/// The heat map of the cases reported in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "HeatMap"))]
#[non_exhaustive]
pub struct HeatMap {
    /// The year the map reflects.
    pub year: Year,
    /// The areas with red shading, in words: "central", "southwest".
    pub shaded_areas: Vec<String>,
}

/// The two headline figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "HotlineCases"))]
#[non_exhaustive]
pub struct HotlineCases {
    /// "Cases Reported".
    pub cases_reported: Count,
    /// "Potential Persons Trafficked".
    pub potential_persons_trafficked: Count,
}

/// "DEMOGRAPHICS OF POTENTIAL PERSONS TRAFFICKED". A block may omit a class it has no figure for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Demographics"))]
#[non_exhaustive]
pub struct Demographics {
    /// The "Citizenship" block.
    pub citizenship: Citizenship,
    /// The "Gender" block.
    pub gender: Gender,
    /// The "Age" block.
    pub age: Age,
    /// Whether the document prints "These statistics are non-cumulative ...".
    pub non_cumulative_note: bool,
}

/// The "Citizenship" block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Citizenship"))]
#[non_exhaustive]
pub struct Citizenship {
    /// "U.S. Citizen/Legal Permanent Resident".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub us_citizen_or_lpr: Option<Count>,
    /// "Foreign National".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub foreign_national: Option<Count>,
}

/// The "Gender" block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Gender"))]
#[non_exhaustive]
pub struct Gender {
    /// "Female".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub female: Option<Count>,
    /// "Male".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub male: Option<Count>,
    /// "Gender Minorities".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub gender_minorities: Option<Count>,
}

/// The "Age" block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Age"))]
#[non_exhaustive]
pub struct Age {
    /// "Adult".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub adult: Option<Count>,
    /// "Minor".
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub minor: Option<Count>,
}

/// Yearly figures from the hotline, with their source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "HotlineStatistics"))]
#[non_exhaustive]
pub struct HotlineStatistics {
    /// Where the figures come from.
    pub source: Source,
    /// One entry per calendar year, in ascending order.
    pub years: Vec<YearStatistics>,
}

/// Where a set of figures comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Source"))]
#[non_exhaustive]
pub struct Source {
    /// The source, in words.
    pub name: String,
    /// Where the source was published.
    pub url: String,
}

/// The hotline's figures for one calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "YearStatistics"))]
#[non_exhaustive]
pub struct YearStatistics {
    /// The calendar year.
    pub year: Year,
    /// Calls to the hotline about the jurisdiction.
    pub calls: Count,
    /// Cases reported to the hotline in the jurisdiction.
    pub cases_reported: Count,
}

/// One entry of a ranked venue list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Ranked{V}"))]
#[non_exhaustive]
pub struct RankedVenue<V> {
    /// The rank, from 1 to 5: 1 for the first entry, rising by one in list order.
    #[serde(deserialize_with = "rank")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = TOP_VENUES)))]
    pub rank: Count,
    /// The venue's label.
    pub venue: V,
}

/// The most entries a ranked venue list has: the documents print a top 5 at most. The schema
/// says so too, so that an editor refuses what `tipkit check` refuses.
pub const TOP_VENUES: u32 = 5;

/// A rank from 1 to [`TOP_VENUES`].
fn rank<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Count, D::Error> {
    let rank = Count::deserialize(deserializer)?;
    if (1..=TOP_VENUES).contains(&rank) {
        Ok(rank)
    } else {
        Err(serde::de::Error::custom(format_args!(
            "a rank from 1 to {TOP_VENUES}, found {rank}"
        )))
    }
}

/// A ranked venue list of at most [`TOP_VENUES`] entries.
fn top_venues<'de, D, V>(deserializer: D) -> Result<Option<Vec<RankedVenue<V>>>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    let list = Vec::<RankedVenue<V>>::deserialize(deserializer)?;
    if list.len() > TOP_VENUES as usize {
        return Err(serde::de::Error::custom(format_args!(
            "{} venues, at most {TOP_VENUES}",
            list.len()
        )));
    }
    Ok(Some(list))
}

/// `Types of Calls to the National Human Trafficking Hotline in <year>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "CallTypes"))]
#[non_exhaustive]
pub struct CallTypes {
    /// The year the chart covers.
    pub year: Year,
}

/// One of the state's human trafficking laws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Law"))]
#[non_exhaustive]
pub struct Law {
    /// The law's title, as printed: "Trafficking in Persons: Class B Felony".
    pub title: String,
    /// The statute citation: "§ 53a-192a".
    pub citation: Citation,
    /// Where the statute can be read: an absolute https URL.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<String>,
}

/// The "Statewide Efforts" section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "StatewideEfforts"))]
#[non_exhaustive]
pub struct StatewideEfforts {
    /// Victim service agencies listed in the National Human Trafficking Referral Directory.
    pub referral_directory_agencies: Count,
    /// "COLLABORATIONS (Coalitions, Task Forces, Working Groups)".
    pub collaborations: Vec<Link>,
    /// "RESOURCES (State Research, Publications, Trainings)".
    pub resources: Vec<Link>,
    /// "FUNDING OPPORTUNITIES".
    pub funding_opportunities: Vec<Link>,
    /// "CAMPAIGNS".
    pub campaigns: Vec<Link>,
}

/// A named entry that may link somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Link"))]
#[non_exhaustive]
pub struct Link {
    /// The name, as printed.
    pub name: String,
    /// Where it links: an absolute https URL.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<String>,
}

/// A hotline and its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(remote = "Self")]
#[cfg_attr(feature = "schema", schemars(rename = "Hotline"))]
#[non_exhaustive]
pub struct Hotline {
    /// The hotline's name: "National Human Trafficking Hotline".
    pub name: String,
    /// Its number: "888-373-7888".
    pub phone: Phone,
}

impl Hotline {
    /// The name of the national hotline.
    pub const NATIONAL_NAME: &'static str = "National Human Trafficking Hotline";
    /// The number of the national hotline.
    pub const NATIONAL_PHONE: &'static str = "888-373-7888";

    /// A hotline and its number.
    pub fn new(name: impl Into<String>, phone: Phone) -> Self {
        Self {
            name: name.into(),
            phone,
        }
    }

    /// The National Human Trafficking Hotline, 888-373-7888.
    pub fn national() -> Self {
        Self {
            name: Self::NATIONAL_NAME.to_owned(),
            phone: Phone::new(Self::NATIONAL_PHONE)
                .expect("the national number has the phone shape"),
        }
    }
}

// Constructors: the structs are `#[non_exhaustive]`, so that a new optional key is not a breaking
// change for downstream programs; these are how code outside this crate builds them.

impl State {
    /// A jurisdiction as its table names it.
    pub fn of(code: JurisdictionCode) -> Self {
        Self {
            name: code.jurisdiction().name.to_owned(),
            code,
        }
    }
}

impl ReportingPeriod {
    /// The months from `start` to `end`.
    pub fn new(start: YearMonth, end: YearMonth) -> Self {
        Self { start, end }
    }
}

impl HeatMap {
    /// The heat map of `year`, shading `shaded_areas`.
    pub fn new(year: Year, shaded_areas: Vec<String>) -> Self {
        Self { year, shaded_areas }
    }
}

impl HotlineCases {
    /// The two headline figures.
    pub fn new(cases_reported: Count, potential_persons_trafficked: Count) -> Self {
        Self {
            cases_reported,
            potential_persons_trafficked,
        }
    }
}

impl Demographics {
    /// The three blocks and the note flag.
    pub fn new(
        citizenship: Citizenship,
        gender: Gender,
        age: Age,
        non_cumulative_note: bool,
    ) -> Self {
        Self {
            citizenship,
            gender,
            age,
            non_cumulative_note,
        }
    }
}

impl HotlineStatistics {
    /// Yearly figures with their source.
    pub fn new(source: Source, years: Vec<YearStatistics>) -> Self {
        Self { source, years }
    }
}

impl Source {
    /// A source and where it was published.
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: url.into(),
        }
    }
}

impl YearStatistics {
    /// One year's figures.
    pub fn new(year: Year, calls: Count, cases_reported: Count) -> Self {
        Self {
            year,
            calls,
            cases_reported,
        }
    }
}

impl<V> RankedVenue<V> {
    /// A venue at a rank.
    pub fn new(rank: Count, venue: V) -> Self {
        Self { rank, venue }
    }
}

impl CallTypes {
    /// The call types chart of `year`.
    pub fn new(year: Year) -> Self {
        Self { year }
    }
}

impl Law {
    /// A law with its citation and no URL.
    pub fn new(title: impl Into<String>, citation: Citation) -> Self {
        Self {
            title: title.into(),
            citation,
            url: None,
        }
    }
}

impl Link {
    /// A named entry with no URL.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: None,
        }
    }
}
