//! `duplicate-key`: one object names a key twice.

use crate::cap::Capped;
use crate::context::{FileContext, Target};
use crate::registry::{Check, declare_rule};

declare_rule! {
    /// No object names a key twice.
    ///
    /// ## What it checks
    /// That each key appears once in its object.
    ///
    /// ## Why it matters
    /// JSON readers keep one of the two values, most of them the last, and drop the other
    /// without a word. Schema validators never see the first one.
    ///
    /// ## Example
    /// ```json
    /// { "hhs_region": 1, "hhs_region": 2 }
    /// ```
    id: "duplicate-key",
    severity: Error,
    check: Check::Stage,
}

pub(crate) fn check(source: &FileContext<'_>, acc: &mut Capped) {
    for duplicate in source.spans().duplicates() {
        let key = &source.lines().bytes()[duplicate.again.clone()];
        let key = String::from_utf8_lossy(key);
        let first = source
            .lines()
            .span(duplicate.first.start, duplicate.first.end);
        let mut diagnostic = source
            .report_bytes(
                &RULE,
                duplicate.again.clone(),
                format!("the key {key} is written twice"),
            )
            .with_help("keep one of the two; readers silently drop one of them");
        diagnostic.pointer.clone_from(&duplicate.pointer);
        let mut related = source.related(&duplicate.pointer, Target::Key, "first written here");
        related.span = Some(first);
        acc.push(diagnostic.with_related(related));
    }
}
