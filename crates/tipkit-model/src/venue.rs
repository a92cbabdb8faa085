//! Venue labels of the ranked "TOP N SEX/LABOR TRAFFICKING VENUES" lists, with the other spellings
//! seen in published material (`data/venue-vocabulary.json`).

/// What the two venue vocabularies share, for code generic over both. Each vocabulary has the
/// same methods as inherent ones too, so a caller of one needs no import of this trait.
///
/// Iterating a profile's ranked venues:
///
/// ```
/// let ct = tipkit_model::from_str(include_str!("../../../profiles/ct.json")).unwrap();
/// let top: Vec<String> = ct
///     .labor_trafficking_venues
///     .iter()
///     .flatten()
///     .map(|entry| format!("{}. {}", entry.rank, entry.venue.label()))
///     .collect();
/// assert_eq!(top[0], "1. Domestic Work");
/// ```
pub trait Venue: Copy + Eq + 'static {
    /// Every venue of this vocabulary, in vocabulary order.
    const ALL: &'static [Self];
    /// The canonical spelling, as a profile writes it.
    fn label(self) -> &'static str;
    /// Other spellings seen in published material, which an importer maps to this label.
    fn aliases(self) -> &'static [&'static str];

    /// The venue whose label is `text`, exactly.
    fn from_label(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.label() == text)
    }

    /// The venue whose label or alias is `text`: "Hotel-/Motel-Based" gives `Hotel/Motel-Based`.
    ///
    /// ```
    /// use tipkit_model::{SexVenue, Venue};
    ///
    /// fn canonical<V: Venue>(text: &str) -> Option<&'static str> {
    ///     V::from_label_or_alias(text).map(V::label)
    /// }
    /// assert_eq!(canonical::<SexVenue>("Hotel-/Motel-Based"), Some("Hotel/Motel-Based"));
    ///
    /// let venue = SexVenue::from_label_or_alias("Hotel-/Motel-Based").unwrap();
    /// assert_eq!(venue.label(), "Hotel/Motel-Based");
    /// assert_eq!(SexVenue::from_label_or_alias("Domestic Work"), None, "a labor venue");
    /// ```
    fn from_label_or_alias(text: &str) -> Option<Self> {
        Self::from_label(text).or_else(|| {
            Self::ALL
                .iter()
                .copied()
                .find(|v| v.aliases().contains(&text))
        })
    }
}

macro_rules! venues {
    ($(#[$meta:meta])* $enum:ident { $($variant:ident => $label:literal, [$($alias:literal),*];)* }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[allow(missing_docs, reason = "each variant is documented by its label")]
        #[non_exhaustive]
        pub enum $enum {
            $(#[serde(rename = $label)] $variant,)*
        }

        impl $enum {
            /// Every venue of this vocabulary, in vocabulary order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The labels of this vocabulary, in vocabulary order.
            pub const LABELS: &'static [&'static str] = &[$($label,)*];

            /// The canonical spelling, as a profile writes it.
            pub const fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)*
                }
            }

            /// Other spellings seen in published material, which an importer maps to this label.
            pub const fn aliases(self) -> &'static [&'static str] {
                match self {
                    $(Self::$variant => &[$($alias,)*],)*
                }
            }

            /// The venue whose label is `text`, exactly.
            pub fn from_label(text: &str) -> Option<Self> {
                <Self as Venue>::from_label(text)
            }

            /// The venue whose label or alias is `text`.
            pub fn from_label_or_alias(text: &str) -> Option<Self> {
                <Self as Venue>::from_label_or_alias(text)
            }
        }

        impl Venue for $enum {
            const ALL: &'static [Self] = Self::ALL;

            fn label(self) -> &'static str {
                Self::label(self)
            }

            fn aliases(self) -> &'static [&'static str] {
                Self::aliases(self)
            }
        }

        impl std::fmt::Display for $enum {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

venues! {
    /// A sex trafficking venue, as the profile's "TOP N SEX TRAFFICKING VENUES" list names it.
    SexVenue {
        CommercialFrontBrothels => "Commercial-Front Brothels", ["Commercial-Fronted Brothels", "Commercial Front Brothels"];
        HotelMotelBased => "Hotel/Motel-Based", ["Hotel-/Motel-Based", "Hotel/Motel-Based Commercial Sex", "Hotel-Motel Based"];
        ResidentialBrothels => "Residential Brothels", ["Residence-Based Commercial Sex"];
        OnlineAdVenueUnknown => "Online Ad. Venue Unknown", ["Online Ad Venue Unknown", "Online Advertisements", "Internet-Based Commercial Sex"];
        StreetBased => "Street-Based", ["Street-Based Commercial Sex", "Outdoor Solicitation"];
        HostessStripClubBased => "Hostess/Strip Club-Based", ["Hostess/Strip Club", "Bars, Strip Clubs, and Cantinas"];
        TruckStopBased => "Truck Stop-Based", ["Truck Stop"];
        Pornography => "Pornography", [];
        EscortServices => "Escort Services", ["Escort/Delivery Service"];
        IllicitMassageSpaBusiness => "Illicit Massage/Spa Business", ["Illicit Massage Businesses", "Illicit Massage, Health, and Beauty"];
        BarClub => "Bar/Club", ["Bar/Club/Cantina"];
        PersonalSexualServitude => "Personal Sexual Servitude", [];
        RemoteInteractiveSexualActs => "Remote Interactive Sexual Acts", [];
        OtherVenues => "Other Venues", ["Other"];
    }
}

venues! {
    /// A labor trafficking venue or industry, as the profile's "TOP N LABOR TRAFFICKING VENUES"
    /// list names it.
    LaborVenue {
        DomesticWork => "Domestic Work", [];
        Agriculture => "Agriculture", ["Agriculture/Farms", "Agriculture and Animal Husbandry", "Agriculture and Farms"];
        TravelingSalesCrews => "Traveling Sales Crews", [];
        RestaurantsFoodService => "Restaurants/Food Service", ["Restaurant/Food Service", "Restaurants and Food Service"];
        HealthAndBeautyServices => "Health and Beauty Services", ["Health & Beauty Services"];
        PeddlingRings => "Peddling Rings", [];
        BeggingRings => "Begging Rings", [];
        Construction => "Construction", ["Construction/Day Labor"];
        Landscaping => "Landscaping", [];
        Hospitality => "Hospitality", ["Hotels and Hospitality", "Hospitality Industry"];
        FactoriesManufacturing => "Factories/Manufacturing", ["Factories", "Factories and Manufacturing"];
        Carnivals => "Carnivals", [];
        ForestryLogging => "Forestry/Logging", ["Forestry and Logging", "Forestry & Logging"];
        CommercialCleaningServices => "Commercial Cleaning Services", ["Janitorial/Commercial Cleaning Services"];
        HealthCare => "Health Care", ["Health Services"];
        ArtsEntertainment => "Arts/Entertainment", ["Arts and Entertainment"];
        RecreationalFacilities => "Recreational Facilities", [];
        IllicitActivities => "Illicit Activities", [];
        OtherIndustries => "Other Industries", ["Other"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_against_data<V: Venue>(entries: &serde_json::Value) {
        let entries = entries.as_array().unwrap();
        assert_eq!(entries.len(), V::ALL.len());
        for (venue, entry) in V::ALL.iter().zip(entries) {
            assert_eq!(venue.label(), entry["label"]);
            let aliases: Vec<&str> = entry["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect();
            assert_eq!(venue.aliases(), aliases.as_slice());
        }
    }

    #[test]
    fn vocabularies_match_the_shared_data() {
        let text = include_str!("../../../data/venue-vocabulary.json");
        let data: serde_json::Value = serde_json::from_str(text).unwrap();
        check_against_data::<SexVenue>(&data["sex_trafficking"]);
        check_against_data::<LaborVenue>(&data["labor_trafficking"]);
    }

    #[test]
    fn aliases_map_to_labels() {
        assert_eq!(
            SexVenue::from_label_or_alias("Hotel-/Motel-Based"),
            Some(SexVenue::HotelMotelBased)
        );
        assert_eq!(SexVenue::from_label("Hotel-/Motel-Based"), None);
        assert_eq!(
            LaborVenue::from_label_or_alias("Other"),
            Some(LaborVenue::OtherIndustries)
        );
    }
}
