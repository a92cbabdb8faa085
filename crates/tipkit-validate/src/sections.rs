//! The top-level sections of a profile, and the typed profile built from those that type on the
//! thorough path: a section with errors is set aside, so the rules that do not read it still run.

use serde::Deserialize;
use serde_json::{Map, Value};
use tipkit_model::{JurisdictionCode, Profile};

/// A top-level key of a profile: what a rule of one profile declares that it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Schema,
    SchemaVersion,
    Status,
    State,
    HhsRegion,
    ReportingPeriod,
    HeatMap,
    HotlineCases,
    Demographics,
    StateStatisticsUrl,
    HotlineStatistics,
    SexTraffickingVenues,
    LaborTraffickingVenues,
    CallTypes,
    Laws,
    StatewideEfforts,
    Hotlines,
}

impl Section {
    /// Every section, in format order.
    pub(crate) const ALL: [Self; 17] = [
        Self::Schema,
        Self::SchemaVersion,
        Self::Status,
        Self::State,
        Self::HhsRegion,
        Self::ReportingPeriod,
        Self::HeatMap,
        Self::HotlineCases,
        Self::Demographics,
        Self::StateStatisticsUrl,
        Self::HotlineStatistics,
        Self::SexTraffickingVenues,
        Self::LaborTraffickingVenues,
        Self::CallTypes,
        Self::Laws,
        Self::StatewideEfforts,
        Self::Hotlines,
    ];

    /// The section's key in a profile.
    pub(crate) const fn key(self) -> &'static str {
        match self {
            Self::Schema => "$schema",
            Self::SchemaVersion => "schema_version",
            Self::Status => "status",
            Self::State => "state",
            Self::HhsRegion => "hhs_region",
            Self::ReportingPeriod => "reporting_period",
            Self::HeatMap => "heat_map",
            Self::HotlineCases => "hotline_cases",
            Self::Demographics => "demographics",
            Self::StateStatisticsUrl => "state_statistics_url",
            Self::HotlineStatistics => "hotline_statistics",
            Self::SexTraffickingVenues => "sex_trafficking_venues",
            Self::LaborTraffickingVenues => "labor_trafficking_venues",
            Self::CallTypes => "call_types",
            Self::Laws => "laws",
            Self::StatewideEfforts => "statewide_efforts",
            Self::Hotlines => "hotlines",
        }
    }

    /// The section of a top-level key, `None` for a key no profile has.
    pub(crate) fn of_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|section| section.key() == key)
    }

    /// Whether every profile has the section.
    pub(crate) const fn is_required(self) -> bool {
        matches!(
            self,
            Self::SchemaVersion
                | Self::Status
                | Self::State
                | Self::HhsRegion
                | Self::StateStatisticsUrl
                | Self::Hotlines
        )
    }

    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// A set of sections.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sections(u32);

impl Sections {
    /// Every section.
    pub(crate) const ALL: Self = Self((1 << Section::ALL.len()) - 1);

    pub(crate) fn insert(&mut self, section: Section) {
        self.0 |= section.bit();
    }

    pub(crate) const fn contains(self, section: Section) -> bool {
        self.0 & section.bit() != 0
    }

    pub(crate) const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The sections of both sets.
    pub(crate) const fn and(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// The sections of either set.
    pub(crate) const fn or(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Adds the section a JSON Pointer is in, if any.
    pub(crate) fn note(&mut self, pointer: &str) {
        let key = pointer
            .strip_prefix('/')
            .map(|rest| rest.split('/').next().unwrap_or(rest));
        if let Some(section) = key
            .map(tipkit_model::pointer::unescape)
            .and_then(|k| Section::of_key(&k))
        {
            self.insert(section);
        }
    }

    /// The sections of this set that are not in `other`.
    pub(crate) const fn without(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// The sections of this set, in format order.
    pub(crate) fn iter(self) -> impl Iterator<Item = Section> + Clone {
        Section::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    /// The set of `sections`.
    pub(crate) const fn of(sections: &[Section]) -> Self {
        let mut bits = 0;
        let mut i = 0;
        while i < sections.len() {
            bits |= sections[i].bit();
            i += 1;
        }
        Self(bits)
    }
}

/// What a rule of one profile reads, and so when it runs.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reads {
    /// These sections together: it runs when all of them typed.
    Together(&'static [Section]),
    /// Each of these sections on its own: it runs when one of them typed, and checks only those
    /// that did (`ProfileContext::typed`).
    Each(&'static [Section]),
    /// The whole file as it is: it runs only when every section typed and no key was dropped.
    Whole,
}

impl Reads {
    /// The sections a rule reads.
    pub(crate) const fn sections(self) -> Sections {
        match self {
            Self::Together(sections) | Self::Each(sections) => Sections::of(sections),
            Self::Whole => Sections::ALL,
        }
    }

    /// Whether the rule runs when `failed` did not type (and, for [`Reads::Whole`], unknown
    /// keys were dropped when `dropped`).
    pub(crate) fn runs(self, failed: Sections, dropped: bool) -> bool {
        let read = self.sections();
        match self {
            Self::Together(_) => read.and(failed).is_empty(),
            Self::Each(_) => read.and(failed) != read,
            Self::Whole => failed.is_empty() && !dropped,
        }
    }
}

/// A profile typed section by section from a value that broke the schema somewhere.
pub(crate) struct PartProfile {
    /// The sections that typed, a placeholder for each required one that did not.
    pub(crate) profile: Profile,
    /// The sections that are there (or required) and did not type.
    pub(crate) failed: Sections,
    /// Whether keys the format does not know were left out.
    pub(crate) dropped: bool,
}

impl PartProfile {
    /// A profile that typed whole.
    pub(crate) fn whole(profile: Profile) -> Self {
        Self {
            profile,
            failed: Sections::default(),
            dropped: false,
        }
    }

    /// Whether every section typed and no key was left out.
    pub(crate) fn is_whole(&self) -> bool {
        self.failed.is_empty() && !self.dropped
    }

    /// Types each section of `root` on its own, setting aside the sections the schema
    /// `refused` and those that do not type (the model refuses what the schema refuses, so the
    /// two agree but when the schema's errors were not all listed). `None` when `root` is not an
    /// object. With each section that did not type, `on_failure` gets it and a profile of
    /// placeholders holding it, which fails to type as it did.
    pub(crate) fn build(
        root: Value,
        refused: Sections,
        mut on_failure: impl FnMut(Section, &Value),
    ) -> Option<Self> {
        let Value::Object(members) = root else {
            return None;
        };
        let mut typed = placeholders().clone();
        let mut failed = Sections::default();
        let mut present = Sections::default();
        let mut dropped = false;
        for (key, value) in members {
            let Some(section) = Section::of_key(&key) else {
                dropped = true;
                continue;
            };
            present.insert(section);
            let mut alone = placeholders().clone();
            alone.insert(key.clone(), value);
            let alone = Value::Object(alone);
            let reads = <Profile as Deserialize>::deserialize(&alone).is_ok();
            if !reads {
                on_failure(section, &alone);
            }
            let reads = reads && !refused.contains(section);
            if !reads {
                failed.insert(section);
            }
            let Value::Object(mut alone) = alone else {
                unreachable!("built as an object")
            };
            if reads && let Some(value) = alone.remove(&key) {
                typed.insert(key, value);
            }
        }
        for section in Section::ALL {
            if section.is_required() && !present.contains(section) {
                failed.insert(section);
            }
        }
        let profile = <Profile as Deserialize>::deserialize(&Value::Object(typed)).ok()?;
        Some(Self {
            profile,
            failed,
            dropped,
        })
    }
}

/// The required sections of a draft: what stands in for one that did not type.
fn placeholders() -> &'static Map<String, Value> {
    static PLACEHOLDERS: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    PLACEHOLDERS.get_or_init(|| {
        let draft = Profile::draft(JurisdictionCode::CT);
        let Ok(Value::Object(mut members)) = serde_json::to_value(&draft) else {
            unreachable!("a profile serializes to an object")
        };
        members.retain(|key, _| Section::of_key(key).is_some_and(Section::is_required));
        members
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_section_is_a_key_of_the_canonical_profile() {
        let ct: Value = serde_json::from_str(include_str!("../../../profiles/ct.json")).unwrap();
        let keys: Vec<&str> = ct.as_object().unwrap().keys().map(String::as_str).collect();
        let sections: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys, sections);
    }

    #[test]
    fn a_section_with_an_error_is_set_aside_and_the_others_type() {
        let mut ct: Value =
            serde_json::from_str(include_str!("../../../profiles/ct.json")).unwrap();
        ct["sex_trafficking_venues"][0]["rank"] = json!(7);
        ct["extra"] = json!(1);
        let mut seen = Vec::new();
        let part = PartProfile::build(ct, Sections::default(), |section, _| {
            seen.push(section);
        })
        .unwrap();
        assert_eq!(seen, [Section::SexTraffickingVenues]);
        assert_eq!(part.failed, Sections::of(&[Section::SexTraffickingVenues]));
        assert!(part.dropped);
        assert!(part.profile.sex_trafficking_venues.is_none());
        assert!(part.profile.labor_trafficking_venues.is_some());
    }

    #[test]
    fn a_section_the_schema_refused_is_set_aside_though_it_types() {
        let ct: Value = serde_json::from_str(include_str!("../../../profiles/ct.json")).unwrap();
        let refused = Sections::of(&[Section::Laws]);
        let part = PartProfile::build(ct, refused, |_, _| panic!("every section types")).unwrap();
        assert_eq!(part.failed, refused);
        assert!(part.profile.laws.is_none());
    }

    #[test]
    fn a_missing_required_section_did_not_type() {
        let part =
            PartProfile::build(json!({ "laws": [] }), Sections::default(), |_, _| {}).unwrap();
        assert!(part.failed.contains(Section::State));
        assert!(!part.failed.contains(Section::Laws));
        assert!(PartProfile::build(json!([]), Sections::default(), |_, _| {}).is_none());
    }

    #[test]
    fn a_rule_runs_on_what_typed() {
        const VENUES: [Section; 2] = [
            Section::SexTraffickingVenues,
            Section::LaborTraffickingVenues,
        ];
        let failed = Sections::of(&[Section::SexTraffickingVenues]);
        assert!(Reads::Each(&VENUES).runs(failed, false));
        assert!(!Reads::Together(&VENUES).runs(failed, false));
        assert!(Reads::Together(&[Section::Laws]).runs(failed, true));
        assert!(!Reads::Whole.runs(Sections::default(), true));
        assert!(!Reads::Each(&[Section::SexTraffickingVenues]).runs(failed, false));
    }
}
