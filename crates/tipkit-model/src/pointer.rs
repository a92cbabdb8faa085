//! JSON Pointers (RFC 6901) into a profile, built from the model's field names.
//!
//! [`Pointer::profile`] starts a typed path: each step is a method named after a field of the
//! model, so a misspelt field does not compile, and a test walks every path these methods can
//! build against [`schema()`](crate::schema). Keys from data (an unknown key, a diff of two
//! values) go through [`Pointer::key`], which escapes `~` as `~0` and `/` as `~1`.
//!
//! ```
//! use tipkit_model::Pointer;
//!
//! let at = Pointer::profile().hotline_statistics().years().index(2).cases_reported();
//! assert_eq!(at.as_str(), "/hotline_statistics/years/2/cases_reported");
//! assert_eq!(Pointer::root().key("a/b~c").as_str(), "/a~1b~0c");
//! ```

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::ops::Deref;

use crate::lists::{DemographicBlock, DemographicClass, EffortList, VenueList};

/// A JSON Pointer: `""` for the whole document, `"/laws/0/title"` for a place in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The whole document, `""`, as an untyped pointer.
    pub const fn root() -> Self {
        Self(String::new())
    }

    /// The whole profile, as a typed path: its methods are the fields of [`Profile`](crate::Profile).
    pub const fn profile() -> ProfileAt {
        ProfileAt(Self::root())
    }

    /// The member `key` of the object here, escaped.
    #[must_use]
    pub fn key(mut self, key: &str) -> Self {
        self.0.push('/');
        self.0.push_str(&escape(key));
        self
    }

    /// The item `index` of the array here.
    #[must_use]
    pub fn index(mut self, index: usize) -> Self {
        let _ = write!(self.0, "/{index}");
        self
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pointer as owned text.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The tokens of a pointer written as text, unescaped: `"/a~1b/0"` gives `a/b`, `0`.
    pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
        pointer.split('/').skip(1).map(unescape)
    }
}

/// A key as a token of a JSON Pointer: `~` as `~0`, `/` as `~1`.
pub fn escape(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

/// A token of a JSON Pointer as the key it stands for: `~1` as `/`, `~0` as `~`.
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

impl Deref for Pointer {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Pointer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(pointer: Pointer) -> Self {
        pointer.0
    }
}

impl PartialEq<str> for Pointer {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Pointer {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A place in a profile of a known shape: a step of a typed path.
pub trait At: Sized {
    /// The typed place at `pointer`.
    fn from_pointer(pointer: Pointer) -> Self;
    /// The pointer to this place.
    fn into_pointer(self) -> Pointer;
    /// Every pointer a typed path can build from here, this one first, with each list at
    /// index 0: what the schema test checks.
    fn every(self, out: &mut Vec<Pointer>);
}

impl At for Pointer {
    fn from_pointer(pointer: Pointer) -> Self {
        pointer
    }

    fn into_pointer(self) -> Pointer {
        self
    }

    fn every(self, out: &mut Vec<Pointer>) {
        out.push(self);
    }
}

/// An array of places of type `T`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListAt<T>(Pointer, std::marker::PhantomData<fn() -> T>);

impl<T: At> ListAt<T> {
    /// The item `index`.
    pub fn index(self, index: usize) -> T {
        T::from_pointer(self.0.index(index))
    }
}

impl<T: At> At for ListAt<T> {
    fn from_pointer(pointer: Pointer) -> Self {
        Self(pointer, std::marker::PhantomData)
    }

    fn into_pointer(self) -> Pointer {
        self.0
    }

    fn every(self, out: &mut Vec<Pointer>) {
        out.push(self.0.clone());
        self.index(0).every(out);
    }
}

impl<T> Deref for ListAt<T> {
    type Target = Pointer;

    fn deref(&self) -> &Pointer {
        &self.0
    }
}

impl<T> From<ListAt<T>> for Pointer {
    fn from(list: ListAt<T>) -> Self {
        list.0
    }
}

impl<T> fmt::Display for ListAt<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The key of a field: its name, or the name given where the format spells it otherwise.
macro_rules! key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $key:literal) => {
        $key
    };
}

/// One typed place per struct of the model, with one method per field, in format order.
macro_rules! places {
    ($(
        $(#[$meta:meta])*
        $place:ident { $($field:ident $(= $key:literal)? => $child:ty),* $(,)? }
    )*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $place(Pointer);

        impl $place {
            $(
                #[doc = concat!("`", key!($field $($key)?), "`.")]
                pub fn $field(self) -> $child {
                    <$child as At>::from_pointer(self.0.key(key!($field $($key)?)))
                }
            )*
        }

        impl At for $place {
            fn from_pointer(pointer: Pointer) -> Self {
                Self(pointer)
            }

            fn into_pointer(self) -> Pointer {
                self.0
            }

            fn every(self, out: &mut Vec<Pointer>) {
                out.push(self.0.clone());
                $(self.clone().$field().every(out);)*
            }
        }

        impl Deref for $place {
            type Target = Pointer;

            fn deref(&self) -> &Pointer {
                &self.0
            }
        }

        impl From<$place> for Pointer {
            fn from(place: $place) -> Self {
                place.0
            }
        }

        impl fmt::Display for $place {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

places! {
    /// A [`Profile`](crate::Profile).
    ProfileAt {
        schema = "$schema" => Pointer,
        schema_version => Pointer,
        status => Pointer,
        state => StateAt,
        hhs_region => Pointer,
        reporting_period => ReportingPeriodAt,
        heat_map => HeatMapAt,
        hotline_cases => HotlineCasesAt,
        demographics => DemographicsAt,
        state_statistics_url => Pointer,
        hotline_statistics => HotlineStatisticsAt,
        sex_trafficking_venues => ListAt<RankedVenueAt>,
        labor_trafficking_venues => ListAt<RankedVenueAt>,
        call_types => CallTypesAt,
        laws => ListAt<LawAt>,
        statewide_efforts => StatewideEffortsAt,
        hotlines => ListAt<HotlineAt>,
    }
    /// A [`State`](crate::State).
    StateAt { name => Pointer, code => Pointer }
    /// A [`ReportingPeriod`](crate::ReportingPeriod).
    ReportingPeriodAt { start => Pointer, end => Pointer }
    /// A [`HeatMap`](crate::HeatMap).
    HeatMapAt { year => Pointer, shaded_areas => ListAt<Pointer> }
    /// A [`HotlineCases`](crate::HotlineCases).
    HotlineCasesAt { cases_reported => Pointer, potential_persons_trafficked => Pointer }
    /// A [`Demographics`](crate::Demographics).
    DemographicsAt {
        citizenship => CitizenshipAt,
        gender => GenderAt,
        age => AgeAt,
        non_cumulative_note => Pointer,
    }
    /// A [`Citizenship`](crate::Citizenship).
    CitizenshipAt { us_citizen_or_lpr => Pointer, foreign_national => Pointer }
    /// A [`Gender`](crate::Gender).
    GenderAt { female => Pointer, male => Pointer, gender_minorities => Pointer }
    /// An [`Age`](crate::Age).
    AgeAt { adult => Pointer, minor => Pointer }
    /// A [`HotlineStatistics`](crate::HotlineStatistics).
    HotlineStatisticsAt { source => SourceAt, years => ListAt<YearStatisticsAt> }
    /// A [`Source`](crate::Source).
    SourceAt { name => Pointer, url => Pointer }
    /// A [`YearStatistics`](crate::YearStatistics).
    YearStatisticsAt { year => Pointer, calls => Pointer, cases_reported => Pointer }
    /// A [`RankedVenue`](crate::RankedVenue).
    RankedVenueAt { rank => Pointer, venue => Pointer }
    /// A [`CallTypes`](crate::CallTypes).
    CallTypesAt { year => Pointer }
    /// A [`Law`](crate::Law).
    LawAt { title => Pointer, citation => Pointer, url => Pointer }
    /// A [`StatewideEfforts`](crate::StatewideEfforts).
    StatewideEffortsAt {
        referral_directory_agencies => Pointer,
        collaborations => ListAt<LinkAt>,
        resources => ListAt<LinkAt>,
        funding_opportunities => ListAt<LinkAt>,
        campaigns => ListAt<LinkAt>,
    }
    /// A [`Link`](crate::Link).
    LinkAt { name => Pointer, url => Pointer }
    /// A [`Hotline`](crate::Hotline).
    HotlineAt { name => Pointer, phone => Pointer }
}

impl ProfileAt {
    /// The ranked venue list `list`.
    pub fn venues(self, list: VenueList) -> ListAt<RankedVenueAt> {
        match list {
            VenueList::Sex => self.sex_trafficking_venues(),
            VenueList::Labor => self.labor_trafficking_venues(),
        }
    }
}

impl DemographicsAt {
    /// The block `block`: `/demographics/gender`.
    pub fn block(self, block: DemographicBlock) -> Pointer {
        match block {
            DemographicBlock::Citizenship => self.citizenship().into(),
            DemographicBlock::Gender => self.gender().into(),
            DemographicBlock::Age => self.age().into(),
        }
    }

    /// The count of `class`: `/demographics/gender/female`.
    pub fn class(self, class: DemographicClass) -> Pointer {
        use DemographicClass as C;
        match class {
            C::UsCitizenOrLpr => self.citizenship().us_citizen_or_lpr(),
            C::ForeignNational => self.citizenship().foreign_national(),
            C::Female => self.gender().female(),
            C::Male => self.gender().male(),
            C::GenderMinorities => self.gender().gender_minorities(),
            C::Adult => self.age().adult(),
            C::Minor => self.age().minor(),
        }
    }
}

impl StatewideEffortsAt {
    /// The effort list `list`: `/statewide_efforts/campaigns`.
    pub fn list(self, list: EffortList) -> ListAt<LinkAt> {
        match list {
            EffortList::Collaborations => self.collaborations(),
            EffortList::Resources => self.resources(),
            EffortList::FundingOpportunities => self.funding_opportunities(),
            EffortList::Campaigns => self.campaigns(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_escaped_and_unescaped() {
        let pointer = Pointer::root().key("a/b~c").index(0).key("~1");
        assert_eq!(pointer, "/a~1b~0c/0/~01");
        let tokens: Vec<_> = Pointer::tokens(&pointer).collect();
        assert_eq!(tokens, ["a/b~c", "0", "~1"]);
        assert_eq!(Pointer::tokens("").count(), 0);
    }

    #[test]
    fn typed_paths_spell_the_format() {
        let profile = Pointer::profile();
        assert_eq!(profile.clone().schema(), "/$schema");
        assert_eq!(
            profile.clone().laws().index(3).citation(),
            "/laws/3/citation"
        );
        assert_eq!(
            profile
                .statewide_efforts()
                .list(EffortList::Campaigns)
                .index(1)
                .url(),
            "/statewide_efforts/campaigns/1/url"
        );
    }

    /// The place a pointer names in the schema, following `$ref`s and `items`.
    #[cfg(feature = "schema")]
    fn in_schema<'s>(
        schema: &'s serde_json::Value,
        pointer: &str,
    ) -> Option<&'s serde_json::Value> {
        let resolve = |mut node: &'s serde_json::Value| {
            while let Some(target) = node.get("$ref").and_then(|t| t.as_str()) {
                node = schema.pointer(target.strip_prefix('#')?)?;
            }
            Some(node)
        };
        let mut node = resolve(schema)?;
        for token in Pointer::tokens(pointer) {
            node = if token.parse::<usize>().is_ok() {
                resolve(node.get("items")?)?
            } else {
                resolve(node.get("properties")?.get(token.as_ref())?)?
            };
        }
        Some(node)
    }

    /// Every place the schema describes, with each list at index 0.
    #[cfg(feature = "schema")]
    fn schema_places(schema: &serde_json::Value, at: Pointer, out: &mut Vec<Pointer>) {
        let node = in_schema(schema, &at).unwrap();
        out.push(at.clone());
        if let Some(properties) = node.get("properties").and_then(|p| p.as_object()) {
            for key in properties.keys() {
                schema_places(schema, at.clone().key(key), out);
            }
        }
        if node.get("items").is_some() {
            schema_places(schema, at.index(0), out);
        }
    }

    /// The typed paths and the schema describe the same places, in the same order: a field
    /// misspelt, missing or added on one side only fails here.
    #[cfg(feature = "schema")]
    #[test]
    fn typed_paths_are_the_places_of_the_schema() {
        let schema = crate::schema().to_value();
        let mut typed = Vec::new();
        Pointer::profile().every(&mut typed);
        let mut described = Vec::new();
        schema_places(&schema, Pointer::root(), &mut described);
        assert_eq!(typed, described);
        assert!(typed.len() > 50, "{} places", typed.len());
    }

    #[cfg(feature = "schema")]
    #[test]
    fn places_chosen_by_list_are_in_the_schema() {
        let schema = crate::schema().to_value();
        let mut pointers: Vec<Pointer> = Vec::new();
        for block in DemographicBlock::ALL {
            pointers.push(Pointer::profile().demographics().block(block));
        }
        for class in DemographicClass::ALL {
            let pointer = Pointer::profile().demographics().class(class);
            assert_eq!(
                pointer,
                Pointer::profile()
                    .demographics()
                    .block(class.block())
                    .key(class.key())
            );
            pointers.push(pointer);
        }
        for list in EffortList::ALL {
            let pointer = Pointer::profile().statewide_efforts().list(list);
            assert_eq!(Pointer::tokens(&pointer).last().unwrap(), list.key());
            pointers.push(pointer.into());
        }
        for list in VenueList::ALL {
            let pointer = Pointer::profile().venues(list);
            assert_eq!(Pointer::tokens(&pointer).last().unwrap(), list.key());
            pointers.push(pointer.into());
        }
        for pointer in pointers {
            assert!(in_schema(&schema, &pointer).is_some(), "{pointer}");
        }
    }
}
