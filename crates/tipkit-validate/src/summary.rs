//! What the rules across profiles keep of each profile: a few values and where they are, so that
//! a folder of any size is checked without keeping its profiles.

use std::path::PathBuf;

use tipkit_model::{Hotline, JurisdictionCode, Status, YearMonth};

use crate::context::{ProfileContext, Target};
use crate::diagnostic::{Diagnostic, Related, Span};
use crate::registry::Rule;

/// A value's place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub(crate) pointer: String,
    pub(crate) span: Option<Span>,
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
    pub(crate) fn new(ctx: &ProfileContext<'_>) -> Self {
        let locate = |pointer: &str| {
            let (pointer, span) = ctx.source.locate(pointer, Target::Value);
            Located { pointer, span }
        };
        let profile = ctx.profile;
        let national = profile
            .hotlines
            .iter()
            .position(|h| h.name == Hotline::NATIONAL_NAME);
        Self {
            file: ctx.source.file.to_path_buf(),
            code: profile.state.code,
            code_at: locate("/state/code"),
            status: profile.status,
            reporting_period: profile
                .reporting_period
                .as_ref()
                .map(|p| (p.start.clone(), p.end.clone())),
            period_at: {
                let (pointer, span) = ctx.source.locate("/reporting_period", Target::Key);
                Located { pointer, span }
            },
            national_phone: national.map(|index| {
                (
                    profile.hotlines[index].phone.to_string(),
                    locate(&format!("/hotlines/{index}/phone")),
                )
            }),
        }
    }

    /// The profile's file.
    pub fn file(&self) -> &std::path::Path {
        &self.file
    }

    /// A finding at a located value of this profile.
    pub(crate) fn report(&self, rule: &Rule, at: &Located, message: String) -> Diagnostic {
        Diagnostic {
            rule: rule.id,
            severity: rule.default_severity,
            file: self.file.clone(),
            pointer: at.pointer.clone(),
            span: at.span,
            message,
            help: None,
            related: Vec::new(),
        }
    }

    /// A located value of this profile, as the related place of another's finding.
    pub(crate) fn related(&self, at: &Located, message: impl Into<String>) -> Related {
        Related {
            file: self.file.clone(),
            pointer: at.pointer.clone(),
            span: at.span,
            message: message.into(),
        }
    }
}

/// The most common value among `values`, the first seen winning a tie.
pub(crate) fn most_common<T: PartialEq>(values: impl IntoIterator<Item = T>) -> Option<T> {
    let mut counted: Vec<(T, usize)> = Vec::new();
    for value in values {
        match counted.iter_mut().find(|(seen, _)| *seen == value) {
            Some((_, count)) => *count += 1,
            None => counted.push((value, 1)),
        }
    }
    let best = counted.iter().map(|(_, count)| *count).max()?;
    counted
        .into_iter()
        .find(|(_, count)| *count == best)
        .map(|(value, _)| value)
}
