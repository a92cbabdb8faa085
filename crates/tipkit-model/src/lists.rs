//! The profile's fixed lists, spelled once: the demographic blocks and their classes, the four
//! effort lists and the two venue lists, each with its key in the format and its label in the
//! document.

use crate::profile::{Count, Demographics, Link, Profile, StatewideEfforts};
use crate::venue::{LaborVenue, SexVenue};

/// A block of "DEMOGRAPHICS OF POTENTIAL PERSONS TRAFFICKED".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DemographicBlock {
    /// "Citizenship".
    Citizenship,
    /// "Gender".
    Gender,
    /// "Age".
    Age,
}

impl DemographicBlock {
    /// Every block, in format order.
    pub const ALL: [Self; 3] = [Self::Citizenship, Self::Gender, Self::Age];

    /// The block's key in `demographics`: `"citizenship"`.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Citizenship => "citizenship",
            Self::Gender => "gender",
            Self::Age => "age",
        }
    }

    /// The block's heading, as the document prints it: `"Citizenship"`.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Citizenship => "Citizenship",
            Self::Gender => "Gender",
            Self::Age => "Age",
        }
    }

    /// The block's classes, in format order.
    pub const fn classes(self) -> &'static [DemographicClass] {
        use DemographicClass as C;
        match self {
            Self::Citizenship => &[C::UsCitizenOrLpr, C::ForeignNational],
            Self::Gender => &[C::Female, C::Male, C::GenderMinorities],
            Self::Age => &[C::Adult, C::Minor],
        }
    }

    /// The block's classes that have a count in `demographics`, with their counts.
    ///
    /// ```
    /// use tipkit_model::DemographicBlock;
    ///
    /// let ct = tipkit_model::from_str(include_str!("../../../profiles/ct.json")).unwrap();
    /// let gender = DemographicBlock::Gender.counts(&ct.demographics.unwrap());
    /// let keys: Vec<&str> = gender.iter().map(|(class, _)| class.key()).collect();
    /// assert_eq!(keys, ["female", "male", "gender_minorities"]);
    /// ```
    pub fn counts(self, demographics: &Demographics) -> Vec<(DemographicClass, Count)> {
        self.classes()
            .iter()
            .filter_map(|&class| Some((class, class.count(demographics)?)))
            .collect()
    }
}

/// A class of a demographic block: one count of "DEMOGRAPHICS OF POTENTIAL PERSONS TRAFFICKED".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DemographicClass {
    /// "U.S. Citizen/Legal Permanent Resident".
    UsCitizenOrLpr,
    /// "Foreign National".
    ForeignNational,
    /// "Female".
    Female,
    /// "Male".
    Male,
    /// "Gender Minorities".
    GenderMinorities,
    /// "Adult".
    Adult,
    /// "Minor".
    Minor,
}

impl DemographicClass {
    /// Every class, block by block, in format order.
    pub const ALL: [Self; 7] = [
        Self::UsCitizenOrLpr,
        Self::ForeignNational,
        Self::Female,
        Self::Male,
        Self::GenderMinorities,
        Self::Adult,
        Self::Minor,
    ];

    /// The class's key in its block: `"us_citizen_or_lpr"`.
    pub const fn key(self) -> &'static str {
        match self {
            Self::UsCitizenOrLpr => "us_citizen_or_lpr",
            Self::ForeignNational => "foreign_national",
            Self::Female => "female",
            Self::Male => "male",
            Self::GenderMinorities => "gender_minorities",
            Self::Adult => "adult",
            Self::Minor => "minor",
        }
    }

    /// The class as the document prints it: `"U.S. Citizen/Legal Permanent Resident"`.
    pub const fn label(self) -> &'static str {
        match self {
            Self::UsCitizenOrLpr => "U.S. Citizen/Legal Permanent Resident",
            Self::ForeignNational => "Foreign National",
            Self::Female => "Female",
            Self::Male => "Male",
            Self::GenderMinorities => "Gender Minorities",
            Self::Adult => "Adult",
            Self::Minor => "Minor",
        }
    }

    /// The block the class belongs to.
    pub const fn block(self) -> DemographicBlock {
        match self {
            Self::UsCitizenOrLpr | Self::ForeignNational => DemographicBlock::Citizenship,
            Self::Female | Self::Male | Self::GenderMinorities => DemographicBlock::Gender,
            Self::Adult | Self::Minor => DemographicBlock::Age,
        }
    }

    /// The class's count in `demographics`, if the profile has one.
    pub const fn count(self, demographics: &Demographics) -> Option<Count> {
        let (c, g, a) = (
            &demographics.citizenship,
            &demographics.gender,
            &demographics.age,
        );
        match self {
            Self::UsCitizenOrLpr => c.us_citizen_or_lpr,
            Self::ForeignNational => c.foreign_national,
            Self::Female => g.female,
            Self::Male => g.male,
            Self::GenderMinorities => g.gender_minorities,
            Self::Adult => a.adult,
            Self::Minor => a.minor,
        }
    }

    /// The class's count in `demographics`, to set it.
    pub fn count_mut(self, demographics: &mut Demographics) -> &mut Option<Count> {
        let d = demographics;
        match self {
            Self::UsCitizenOrLpr => &mut d.citizenship.us_citizen_or_lpr,
            Self::ForeignNational => &mut d.citizenship.foreign_national,
            Self::Female => &mut d.gender.female,
            Self::Male => &mut d.gender.male,
            Self::GenderMinorities => &mut d.gender.gender_minorities,
            Self::Adult => &mut d.age.adult,
            Self::Minor => &mut d.age.minor,
        }
    }
}

/// One of the four lists of the "Statewide Efforts" section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum EffortList {
    /// "COLLABORATIONS (Coalitions, Task Forces, Working Groups)".
    Collaborations,
    /// "RESOURCES (State Research, Publications, Trainings)".
    Resources,
    /// "FUNDING OPPORTUNITIES".
    FundingOpportunities,
    /// "CAMPAIGNS".
    Campaigns,
}

impl EffortList {
    /// Every list, in format order.
    pub const ALL: [Self; 4] = [
        Self::Collaborations,
        Self::Resources,
        Self::FundingOpportunities,
        Self::Campaigns,
    ];

    /// The list's key in `statewide_efforts`: `"funding_opportunities"`.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Collaborations => "collaborations",
            Self::Resources => "resources",
            Self::FundingOpportunities => "funding_opportunities",
            Self::Campaigns => "campaigns",
        }
    }

    /// The list's heading, as the document prints it: `"FUNDING OPPORTUNITIES"`.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Collaborations => "COLLABORATIONS (Coalitions, Task Forces, Working Groups)",
            Self::Resources => "RESOURCES (State Research, Publications, Trainings)",
            Self::FundingOpportunities => "FUNDING OPPORTUNITIES",
            Self::Campaigns => "CAMPAIGNS",
        }
    }

    /// The list's entries in `efforts`.
    pub fn links(self, efforts: &StatewideEfforts) -> &[Link] {
        match self {
            Self::Collaborations => &efforts.collaborations,
            Self::Resources => &efforts.resources,
            Self::FundingOpportunities => &efforts.funding_opportunities,
            Self::Campaigns => &efforts.campaigns,
        }
    }

    /// The list's entries in `efforts`, to add to.
    pub fn links_mut(self, efforts: &mut StatewideEfforts) -> &mut Vec<Link> {
        match self {
            Self::Collaborations => &mut efforts.collaborations,
            Self::Resources => &mut efforts.resources,
            Self::FundingOpportunities => &mut efforts.funding_opportunities,
            Self::Campaigns => &mut efforts.campaigns,
        }
    }
}

impl StatewideEfforts {
    /// The four lists of efforts, in format order.
    ///
    /// ```
    /// let ct = tipkit_model::from_str(include_str!("../../../profiles/ct.json")).unwrap();
    /// for (list, links) in ct.statewide_efforts.unwrap().lists() {
    ///     println!("{}: {} entries", list.label(), links.len());
    /// }
    /// ```
    pub fn lists(&self) -> [(EffortList, &[Link]); 4] {
        EffortList::ALL.map(|list| (list, list.links(self)))
    }
}

/// One of the two ranked venue lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum VenueList {
    /// "TOP N SEX TRAFFICKING VENUES", of [`SexVenue`]s.
    Sex,
    /// "TOP N LABOR TRAFFICKING VENUES", of [`LaborVenue`]s.
    Labor,
}

impl VenueList {
    /// Both lists, in format order.
    pub const ALL: [Self; 2] = [Self::Sex, Self::Labor];

    /// The list's key in a profile: `"sex_trafficking_venues"`.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Sex => "sex_trafficking_venues",
            Self::Labor => "labor_trafficking_venues",
        }
    }

    /// The kind of trafficking, in one word: `"sex"`, `"labor"`.
    pub const fn kind(self) -> &'static str {
        match self {
            Self::Sex => "sex",
            Self::Labor => "labor",
        }
    }

    /// The other list.
    #[must_use]
    pub const fn other(self) -> Self {
        match self {
            Self::Sex => Self::Labor,
            Self::Labor => Self::Sex,
        }
    }

    /// The labels of the list's vocabulary, in vocabulary order.
    pub const fn labels(self) -> &'static [&'static str] {
        match self {
            Self::Sex => SexVenue::LABELS,
            Self::Labor => LaborVenue::LABELS,
        }
    }

    /// The label that `text` is or stands for, in this list's vocabulary: `"Hotel-/Motel-Based"`
    /// gives `"Hotel/Motel-Based"` in the sex list.
    pub fn label_for(self, text: &str) -> Option<&'static str> {
        match self {
            Self::Sex => SexVenue::from_label_or_alias(text).map(SexVenue::label),
            Self::Labor => LaborVenue::from_label_or_alias(text).map(LaborVenue::label),
        }
    }

    /// The list's entries in `profile` as (rank, label), or `None` if it has no such list.
    pub fn entries(self, profile: &Profile) -> Option<Vec<(Count, &'static str)>> {
        match self {
            Self::Sex => profile
                .sex_trafficking_venues
                .as_ref()
                .map(|list| list.iter().map(|e| (e.rank, e.venue.label())).collect()),
            Self::Labor => profile
                .labor_trafficking_venues
                .as_ref()
                .map(|list| list.iter().map(|e| (e.rank, e.venue.label())).collect()),
        }
    }
}

#[cfg(all(test, feature = "schema"))]
mod tests {
    use super::*;

    /// The keys of a definition's properties, in order.
    fn properties(schema: &serde_json::Value, definition: &str) -> Vec<String> {
        schema["$defs"][definition]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn keys_are_the_schemas_in_format_order() {
        let schema = crate::schema().to_value();
        let blocks: Vec<String> = DemographicBlock::ALL.map(|b| b.key().to_owned()).to_vec();
        assert_eq!(properties(&schema, "Demographics")[..3], blocks);
        for (block, definition) in
            DemographicBlock::ALL
                .iter()
                .zip(["Citizenship", "Gender", "Age"])
        {
            let classes: Vec<String> = block.classes().iter().map(|c| c.key().to_owned()).collect();
            assert_eq!(properties(&schema, definition), classes);
            assert!(block.classes().iter().all(|c| c.block() == *block));
        }
        let every: Vec<DemographicClass> = DemographicBlock::ALL
            .iter()
            .flat_map(|b| b.classes().iter().copied())
            .collect();
        assert_eq!(every, DemographicClass::ALL);
        let efforts: Vec<String> = EffortList::ALL.map(|l| l.key().to_owned()).to_vec();
        assert_eq!(properties(&schema, "StatewideEfforts")[1..], efforts);
        let top: Vec<String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        for list in VenueList::ALL {
            assert!(top.contains(&list.key().to_owned()), "{}", list.key());
            assert!(list.key().starts_with(list.kind()));
            let enumerated = &schema["$defs"][if list == VenueList::Sex {
                "SexVenue"
            } else {
                "LaborVenue"
            }]["enum"];
            assert_eq!(enumerated, &serde_json::json!(list.labels()));
        }
    }

    #[test]
    fn counts_and_entries_read_the_profile() {
        let mut ct = crate::from_str(include_str!("../../../profiles/ct.json")).unwrap();
        let mut demographics = ct.demographics.unwrap();
        *DemographicClass::Minor.count_mut(&mut demographics) = Some(7);
        assert_eq!(demographics.age.minor, Some(7));
        assert_eq!(DemographicClass::Minor.count(&demographics), Some(7));
        let efforts = ct.statewide_efforts.as_mut().unwrap();
        EffortList::Campaigns
            .links_mut(efforts)
            .push(Link::new("x"));
        assert_eq!(efforts.campaigns.last().unwrap().name, "x");
        let sex = VenueList::Sex.entries(&ct).unwrap();
        assert_eq!(
            sex[0],
            (
                1,
                ct.sex_trafficking_venues.as_ref().unwrap()[0].venue.label()
            )
        );
        assert_eq!(
            VenueList::Sex.label_for("Hotel-/Motel-Based"),
            Some("Hotel/Motel-Based")
        );
        assert_eq!(VenueList::Labor.label_for("Hotel-/Motel-Based"), None);
    }
}
