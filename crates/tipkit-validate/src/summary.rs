//! What the rules across profiles keep of each profile: a few values and their pointers, so that
//! a folder of any size is checked without keeping its profiles. A finding is located in its
//! file only when there is one.

use std::collections::HashMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};

use tipkit_model::{Hotline, JurisdictionCode, Pointer, Profile, Status, YearMonth};

use crate::context::Target;

/// A value's place in a file, located when a finding needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub(crate) pointer: String,
    pub(crate) target: Target,
}

impl Located {
    fn value(pointer: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            target: Target::Value,
        }
    }
}

/// The facts of one profile that rules across profiles compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSummary {
    pub(crate) file: PathBuf,
    pub(crate) code: JurisdictionCode,
    pub(crate) code_at: Located,
    pub(crate) status: Status,
    pub(crate) reporting_period: Option<(YearMonth, YearMonth)>,
    pub(crate) period_at: Located,
    pub(crate) national_phone: Option<(String, Located)>,
}

impl ProfileSummary {
    pub(crate) fn new(profile: &Profile, file: &Path) -> Self {
        let national = profile
            .hotlines
            .iter()
            .position(|h| h.name == Hotline::NATIONAL_NAME);
        Self {
            file: file.to_path_buf(),
            code: profile.state.code,
            code_at: Located::value(Pointer::profile().state().code()),
            status: profile.status,
            reporting_period: profile
                .reporting_period
                .as_ref()
                .map(|p| (p.start.clone(), p.end.clone())),
            period_at: Located {
                pointer: Pointer::profile().reporting_period().to_string(),
                target: Target::Key,
            },
            national_phone: national.map(|index| {
                (
                    profile.hotlines[index].phone.to_string(),
                    Located::value(Pointer::profile().hotlines().index(index).phone()),
                )
            }),
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
