//! One file per rule: its docs, its check and its messages. [`crate::registry::RULES`] lists
//! them.

pub(crate) mod duplicate_key;
pub(crate) mod invalid_format;
pub(crate) mod missing_key;
pub(crate) mod out_of_range;
pub(crate) mod read_error;
pub(crate) mod syntax;
pub(crate) mod unknown_key;
pub(crate) mod unknown_value;
pub(crate) mod wrong_type;

pub(crate) mod cases_vs_persons;
pub(crate) mod completeness;
pub(crate) mod demographic_bounds;
pub(crate) mod hotline_statistics;
pub(crate) mod hotlines;
pub(crate) mod laws;
pub(crate) mod layout;
pub(crate) mod links;
pub(crate) mod non_cumulative_note;
pub(crate) mod ranked_venues;
pub(crate) mod reporting_period;
pub(crate) mod state_identity;
pub(crate) mod state_statistics_url;
pub(crate) mod unsafe_text;

pub(crate) mod coverage;
pub(crate) mod duplicate_jurisdiction;
pub(crate) mod hotline_mismatch;
pub(crate) mod period_mismatch;
