//! What the rules across profiles keep of each profile: a few values and their pointers, so that
//! a folder of any size is checked without keeping its profiles. A finding is located in its
//! file only when there is one.
//!
//! Every summary names its profile: its file and jurisdiction code. The other facts are kept
//! only when a rule across profiles declares that it reads them (`Check::Folder { facts, .. }`).

use std::collections::HashMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};

use tipkit_model::{Hotline, JurisdictionCode, Pointer, Profile, Status, YearMonth};

use crate::context::Target;
use crate::registry;
use crate::sections::{Section, Sections};

/// A fact of one profile that a rule across profiles reads, besides its file and code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fact {
    /// `status`: [`ProfileSummary::status`].
    Status,
    /// `reporting_period`: [`ProfileSummary::reporting_period`].
    ReportingPeriod,
    /// The national hotline's phone number: [`ProfileSummary::national_phone`].
    NationalPhone,
}

/// A value's place in a file: made a pointer, and located, only when a finding needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Located {
    /// `state.code`.
    Code,
    /// The `reporting_period` key.
    ReportingPeriod,
    /// The phone number of the hotline at this index.
    HotlinePhone(usize),
}

impl Located {
    /// The place's pointer, and what of it a finding points at.
    pub(crate) fn pointer(self) -> (String, Target) {
        let profile = Pointer::profile();
        match self {
            Self::Code => (profile.state().code().into(), Target::Value),
            Self::ReportingPeriod => (profile.reporting_period().to_string(), Target::Key),
            Self::HotlinePhone(index) => (
                profile.hotlines().index(index).phone().into(),
                Target::Value,
            ),
        }
    }
}

/// The facts of one profile that rules across profiles compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSummary {
    pub(crate) file: PathBuf,
    pub(crate) code: JurisdictionCode,
    pub(crate) code_at: Located,
    /// [`Fact::Status`].
    pub(crate) status: Option<Status>,
    /// [`Fact::ReportingPeriod`], when the profile has one.
    pub(crate) reporting_period: Option<(YearMonth, YearMonth)>,
    pub(crate) period_at: Located,
    /// [`Fact::NationalPhone`], when the profile lists the national hotline.
    pub(crate) national_phone: Option<(String, Located)>,
}

impl ProfileSummary {
    /// The facts of `profile` that the registered rules across profiles read, of the sections
    /// that `typed`: a fact of a section that did not is not known. The state must have typed.
    pub(crate) fn typed(profile: &Profile, file: &Path, typed: Sections) -> Self {
        let read = |fact| match fact {
            Fact::Status => typed.contains(Section::Status),
            Fact::ReportingPeriod => typed.contains(Section::ReportingPeriod),
            Fact::NationalPhone => typed.contains(Section::Hotlines),
        };
        Self::keeping(profile, file, |fact| {
            read(fact) && registry::folder_facts().any(|f| f == fact)
        })
    }

    /// The facts of `profile` that `keep` names, besides its file and code.
    pub(crate) fn keeping(profile: &Profile, file: &Path, keep: impl Fn(Fact) -> bool) -> Self {
        let national = || {
            let index = profile
                .hotlines
                .iter()
                .position(|h| h.name == Hotline::NATIONAL_NAME)?;
            Some((
                profile.hotlines[index].phone.to_string(),
                Located::HotlinePhone(index),
            ))
        };
        Self {
            file: file.to_path_buf(),
            code: profile.state.code,
            code_at: Located::Code,
            status: keep(Fact::Status).then_some(profile.status),
            reporting_period: profile
                .reporting_period
                .as_ref()
                .filter(|_| keep(Fact::ReportingPeriod))
                .map(|p| (p.start.clone(), p.end.clone())),
            period_at: Located::ReportingPeriod,
            national_phone: keep(Fact::NationalPhone).then(national).flatten(),
        }
    }

    /// The profile's file.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

/// The most common value among `values`, the first seen winning a tie.
pub(crate) fn most_common<T: Hash + Eq>(values: impl IntoIterator<Item = T>) -> Option<T> {
    // Each value's count and the index it was first seen at.
    let mut counted: HashMap<T, (usize, usize)> = HashMap::new();
    for (index, value) in values.into_iter().enumerate() {
        counted.entry(value).or_insert((0, index)).0 += 1;
    }
    counted
        .into_iter()
        .max_by_key(|&(_, (count, first))| (count, std::cmp::Reverse(first)))
        .map(|(value, _)| value)
}

#[cfg(test)]
mod tests {
    use super::most_common;

    #[test]
    fn the_most_common_value_wins_and_the_first_seen_breaks_a_tie() {
        assert_eq!(most_common(["b", "a", "a", "b", "c"]), Some("b"));
        assert_eq!(most_common(["c", "a", "a"]), Some("a"));
        assert_eq!(most_common(Vec::<&str>::new()), None);
    }
}
