//! `tipkit explain <rule>` and `tipkit rules`: the rules' own documentation.

use std::fmt::Write as _;

use anyhow::bail;
use tipkit_validate::RULES;

use crate::Outcome;

#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// A rule id, as `tipkit rules` lists them: `ranked-venues`.
    rule: String,
}

pub(crate) fn explain(args: &ExplainArgs) -> anyhow::Result<Outcome> {
    let Some(rule) = tipkit_validate::rule(&args.rule) else {
        let known: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let near: Vec<&str> = known
            .iter()
            .copied()
            .filter(|id| id.contains(&args.rule) || args.rule.contains(id))
            .collect();
        let hint = if near.is_empty() {
            "`tipkit rules` lists them".to_owned()
        } else {
            format!("did you mean `{}`?", near.join("`, `"))
        };
        bail!("no rule `{}`: {hint}", args.rule);
    };
    crate::output::stream::print(&rule.explanation())?;
    Ok(Outcome::Clean)
}

pub(crate) fn rules() -> anyhow::Result<Outcome> {
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in RULES {
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {:7}  {:14}  {}",
            rule.id,
            rule.default_severity.as_str(),
            rule.scope(),
            rule.fix
                .map_or("-", tipkit_validate::FixAvailability::as_str),
            rule.summary()
        );
    }
    crate::output::stream::print(&out)?;
    Ok(Outcome::Clean)
}
