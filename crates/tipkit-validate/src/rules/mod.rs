//! One file per rule: its docs, its check and its messages, declared with
//! [`declare_rule!`](crate::registry::declare_rule). The list below is the one place that names
//! them: it makes each file a module and lists its `RULE` in [`RULES`].

/// Makes each rule file a module and lists the rules in [`RULES`], in this order.
macro_rules! rules {
    ($($rule:ident),* $(,)?) => {
        $(pub(crate) mod $rule;)*

        /// Every rule, in output order for `tipkit rules` and `docs/rules.md`: the stages of one
        /// file first, then the rules of one profile, then those across profiles.
        pub static RULES: &[&crate::registry::Rule] = &[$(&$rule::RULE),*];
    };
}

rules! {
    // The stages of one file: reading, syntax, span index, schema.
    read_error,
    syntax,
    duplicate_key,
    unknown_key,
    missing_key,
    wrong_type,
    unknown_value,
    out_of_range,
    invalid_format,
    rules_not_run,
    // One profile.
    state_identity,
    state_statistics_url,
    schema_reference,
    reporting_period,
    demographic_bounds,
    non_cumulative_note,
    non_cumulative_note_unneeded,
    cases_vs_persons,
    ranked_venues,
    laws,
    laws_order,
    links,
    hotlines,
    unsafe_text,
    hotline_statistics,
    hotline_statistics_total,
    hotline_statistics_revised,
    completeness,
    sections_to_transcribe,
    layout,
    // Across the profiles of a folder.
    duplicate_jurisdiction,
    period_mismatch,
    hotline_mismatch,
    coverage,
}

#[cfg(test)]
pub(crate) mod testing;
