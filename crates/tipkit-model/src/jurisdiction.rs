//! Jurisdictions: the 50 states, DC, and the territories and freely associated states of HHS
//! regions II and IX, with their names, statistics-page slugs and HHS regions.

use crate::shapes::HhsRegion;

/// One row of the jurisdiction table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Jurisdiction {
    /// The USPS code, as a profile writes it in `state.code`.
    pub code: JurisdictionCode,
    /// The name a profile writes in `state.name`.
    pub name: &'static str,
    /// The jurisdiction in the hotline's statistics URL, as the hotline's site spells its paths:
    /// the lower-case name with spaces as hyphens, but `district-columbia` for DC (the site
    /// drops "of"; `data/hotline-state-slugs.csv`).
    pub slug: &'static str,
    /// The HHS region the jurisdiction belongs to.
    pub region: HhsRegion,
}

macro_rules! jurisdictions {
    ($($code:ident => $name:literal, $slug:literal, $region:literal;)*) => {
        /// A jurisdiction's USPS code: "CT" for Connecticut.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[allow(clippy::upper_case_acronyms, missing_docs, reason = "the variants are the USPS codes themselves")]
        #[non_exhaustive]
        pub enum JurisdictionCode {
            $($code,)*
        }

        /// Every jurisdiction, ordered by code.
        pub const JURISDICTIONS: &[Jurisdiction] = &[
            $(Jurisdiction {
                code: JurisdictionCode::$code,
                name: $name,
                slug: $slug,
                region: HhsRegion::new_const($region),
            },)*
        ];

        impl JurisdictionCode {
            /// The code as written in a profile: `"CT"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$code => stringify!($code),)*
                }
            }
        }
    };
}

jurisdictions! {
    AK => "Alaska", "alaska", 10;
    AL => "Alabama", "alabama", 4;
    AR => "Arkansas", "arkansas", 6;
    AS => "American Samoa", "american-samoa", 9;
    AZ => "Arizona", "arizona", 9;
    CA => "California", "california", 9;
    CO => "Colorado", "colorado", 8;
    CT => "Connecticut", "connecticut", 1;
    DC => "District of Columbia", "district-columbia", 3;
    DE => "Delaware", "delaware", 3;
    FL => "Florida", "florida", 4;
    FM => "Federated States of Micronesia", "federated-states-of-micronesia", 9;
    GA => "Georgia", "georgia", 4;
    GU => "Guam", "guam", 9;
    HI => "Hawaii", "hawaii", 9;
    IA => "Iowa", "iowa", 7;
    ID => "Idaho", "idaho", 10;
    IL => "Illinois", "illinois", 5;
    IN => "Indiana", "indiana", 5;
    KS => "Kansas", "kansas", 7;
    KY => "Kentucky", "kentucky", 4;
    LA => "Louisiana", "louisiana", 6;
    MA => "Massachusetts", "massachusetts", 1;
    MD => "Maryland", "maryland", 3;
    ME => "Maine", "maine", 1;
    MH => "Marshall Islands", "marshall-islands", 9;
    MI => "Michigan", "michigan", 5;
    MN => "Minnesota", "minnesota", 5;
    MO => "Missouri", "missouri", 7;
    MP => "Northern Mariana Islands", "northern-mariana-islands", 9;
    MS => "Mississippi", "mississippi", 4;
    MT => "Montana", "montana", 8;
    NC => "North Carolina", "north-carolina", 4;
    ND => "North Dakota", "north-dakota", 8;
    NE => "Nebraska", "nebraska", 7;
    NH => "New Hampshire", "new-hampshire", 1;
    NJ => "New Jersey", "new-jersey", 2;
    NM => "New Mexico", "new-mexico", 6;
    NV => "Nevada", "nevada", 9;
    NY => "New York", "new-york", 2;
    OH => "Ohio", "ohio", 5;
    OK => "Oklahoma", "oklahoma", 6;
    OR => "Oregon", "oregon", 10;
    PA => "Pennsylvania", "pennsylvania", 3;
    PR => "Puerto Rico", "puerto-rico", 2;
    PW => "Palau", "palau", 9;
    RI => "Rhode Island", "rhode-island", 1;
    SC => "South Carolina", "south-carolina", 4;
    SD => "South Dakota", "south-dakota", 8;
    TN => "Tennessee", "tennessee", 4;
    TX => "Texas", "texas", 6;
    UT => "Utah", "utah", 8;
    VA => "Virginia", "virginia", 3;
    VI => "Virgin Islands", "virgin-islands", 2;
    VT => "Vermont", "vermont", 1;
    WA => "Washington", "washington", 10;
    WI => "Wisconsin", "wisconsin", 5;
    WV => "West Virginia", "west-virginia", 3;
    WY => "Wyoming", "wyoming", 8;
}

impl JurisdictionCode {
    /// This code's row of the jurisdiction table: a jurisdiction's name, slug and region.
    ///
    /// ```
    /// use tipkit_model::JurisdictionCode;
    ///
    /// let nh = JurisdictionCode::NH.jurisdiction();
    /// assert_eq!((nh.name, nh.slug, nh.region.get()), ("New Hampshire", "new-hampshire", 1));
    ///
    /// // Every jurisdiction of HHS Region IX, San Francisco:
    /// let region_ix: Vec<&str> = tipkit_model::JURISDICTIONS
    ///     .iter()
    ///     .filter(|j| j.region.get() == 9)
    ///     .map(|j| j.code.as_str())
    ///     .collect();
    /// assert_eq!(region_ix, ["AS", "AZ", "CA", "FM", "GU", "HI", "MH", "MP", "NV", "PW"]);
    /// ```
    pub fn jurisdiction(self) -> &'static Jurisdiction {
        // The table is generated in enum order, so the discriminant is the row.
        &JURISDICTIONS[self as usize]
    }

    /// Every code, in table order.
    pub fn all() -> impl ExactSizeIterator<Item = Self> {
        JURISDICTIONS.iter().map(|j| j.code)
    }

    /// The file a profile of this jurisdiction lives in: `ct.json`.
    pub fn file_name(self) -> String {
        format!(
            "{}.{}",
            self.as_str().to_ascii_lowercase(),
            crate::PROFILE_EXTENSION
        )
    }

    /// Whether `name` is [`file_name`](Self::file_name), without building it.
    pub fn is_file_name(self, name: &str) -> bool {
        name.split_once('.').is_some_and(|(stem, extension)| {
            extension == crate::PROFILE_EXTENSION
                && stem
                    .bytes()
                    .eq(self.as_str().bytes().map(|b| b.to_ascii_lowercase()))
        })
    }
}

/// A text that names no jurisdiction, or no status.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownName {
    /// What the text should have named: `"jurisdiction code"`, `"status"`.
    pub expected: &'static str,
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a {}", self.expected)
    }
}

impl std::error::Error for UnknownName {}

/// The code for a case-insensitive USPS code (`"ct"`, `"CT"`).
///
/// ```
/// use tipkit_model::JurisdictionCode;
///
/// assert_eq!("ct".parse::<JurisdictionCode>(), Ok(JurisdictionCode::CT));
/// assert!("XX".parse::<JurisdictionCode>().is_err());
/// ```
impl std::str::FromStr for JurisdictionCode {
    type Err = UnknownName;

    fn from_str(code: &str) -> Result<Self, UnknownName> {
        JURISDICTIONS
            .iter()
            .find(|j| j.code.as_str().eq_ignore_ascii_case(code))
            .map(|j| j.code)
            .ok_or(UnknownName {
                expected: "jurisdiction code",
            })
    }
}

impl std::fmt::Display for JurisdictionCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where every jurisdiction's page of hotline statistics is, before its slug.
const STATISTICS_PAGES: &str = "https://humantraffickinghotline.org/state/";

/// The URL of a jurisdiction's page of hotline statistics.
pub fn statistics_url(slug: &str) -> String {
    format!("{STATISTICS_PAGES}{slug}")
}

/// Whether `url` is [`statistics_url`]`(slug)`, without building it.
pub fn is_statistics_url(url: &str, slug: &str) -> bool {
    url.strip_prefix(STATISTICS_PAGES) == Some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_statistics_urls_are_recognized_as_built() {
        for row in JURISDICTIONS {
            assert!(row.code.is_file_name(&row.code.file_name()));
            assert!(is_statistics_url(&statistics_url(row.slug), row.slug));
        }
        let ct = JurisdictionCode::CT;
        for other in [
            "CT.json",
            "ct.json.json",
            "ct.jsn",
            "ct",
            "c.json",
            "cta.json",
            ".json",
        ] {
            assert!(!ct.is_file_name(other), "{other}");
        }
        assert!(!is_statistics_url(
            "https://humantraffickinghotline.org/state/connecticut/",
            "connecticut"
        ));
        assert!(!is_statistics_url(
            "http://humantraffickinghotline.org/state/connecticut",
            "connecticut"
        ));
    }

    #[test]
    fn rows_are_in_enum_order() {
        for (index, row) in JURISDICTIONS.iter().enumerate() {
            assert_eq!(row.code as usize, index, "{} is out of order", row.code);
        }
    }

    #[test]
    fn slugs_match_the_hotlines_pages() {
        let text = include_str!("../../../data/hotline-state-slugs.csv");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("code,slug"));
        let mut listed = Vec::new();
        for line in lines {
            let (code, slug) = line.split_once(',').unwrap();
            let code = code.parse::<JurisdictionCode>().unwrap();
            assert_eq!(code.jurisdiction().slug, slug, "{code}");
            listed.push(code);
        }
        // The collection of the hotline's pages has the 50 states and DC; the territories, which
        // it lacks, keep the name rule.
        assert_eq!(listed.len(), 51);
        for row in JURISDICTIONS.iter().filter(|j| !listed.contains(&j.code)) {
            assert_eq!(row.slug, row.name.to_lowercase().replace(' ', "-"));
        }
    }

    #[test]
    fn regions_match_the_shared_data() {
        let text = include_str!("../../../data/hhs-regions.json");
        let data: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut listed = 0;
        for region in data["regions"].as_array().unwrap() {
            let number = region["region"].as_u64().unwrap();
            for member in region["members"].as_array().unwrap() {
                let code = member
                    .as_str()
                    .unwrap()
                    .parse::<JurisdictionCode>()
                    .unwrap();
                assert_eq!(
                    u64::from(code.jurisdiction().region.get()),
                    number,
                    "{code}"
                );
                listed += 1;
            }
        }
        assert_eq!(listed, JURISDICTIONS.len());
    }

    #[test]
    fn names_match_the_hotline_statistics() {
        let text = include_str!("../../../data/hotline-state-statistics-2012-2016.csv");
        for line in text.lines().skip(1) {
            let mut fields = line.split(',');
            let (code, name) = (fields.next().unwrap(), fields.next().unwrap());
            assert_eq!(
                code.parse::<JurisdictionCode>()
                    .unwrap()
                    .jurisdiction()
                    .name,
                name
            );
        }
    }
}
