//! `layout`: the file is in canonical form, as `tipkit fmt` writes it.

mod canonical;

use crate::Diagnostic;
use crate::context::ProfileContext;
use crate::fix::{Applicability, Fix, edit, introduces_unsafe_text};
use crate::registry::{Check, declare_rule};
use crate::sections::Reads;

declare_rule! {
    /// The file is in canonical form: keys in format order, 2-space indentation, a final newline.
    ///
    /// ## What it checks
    /// That the file is byte for byte what `tipkit fmt` writes for its profile. The finding
    /// points at the first byte that differs. Its fix is what `tipkit fmt` does, offered only
    /// when `tipkit fmt` would rewrite the file: never on a file with a duplicate key, whose
    /// rewrite would keep only the last value (fix the duplicate key first).
    ///
    /// ## Why it matters
    /// Tools write profiles in canonical form, so a review diff shows only what changed. A file
    /// laid out by hand turns the next tool-written change into a diff of every line.
    ///
    /// ## Example
    /// ```json
    /// { "schema_version": 1, "status": "draft" }
    /// ```
    /// Written on one line: `tipkit fmt` puts each key on its own line.
    id: "layout",
    severity: Info,
    fix: Safe,
    check: Check::Profile {
        reads: Reads::Whole,
        check,
    },
}

fn check(ctx: &ProfileContext<'_>, acc: &mut Vec<Diagnostic>) {
    let bytes = ctx.source.bytes();
    if canonical::written_as(ctx.profile, bytes) {
        return;
    }
    let canonical = tipkit_model::to_canonical_string(ctx.profile);
    if canonical.as_bytes() == bytes {
        return;
    }
    let (range, replacement) = smallest_change(bytes, canonical.as_bytes());
    let at = range.start.min(bytes.len().saturating_sub(1));
    let refusal = refusal(bytes, ctx);
    let fix = match refusal {
        Some(_) => None,
        None => Fix::new(
            Applicability::Safe,
            "lay the file out as `tipkit fmt` does",
            vec![edit(&ctx.source, range, replacement)],
        )
        // Not offered when it would write `\u202e` or `\u003d…` unescaped: `unsafe-text` says why.
        .filter(|fix| !introduces_unsafe_text(bytes, fix)),
    };
    acc.push(
        ctx.source
            .report_bytes(
                &RULE,
                at..(at + 1).min(bytes.len()),
                "the file is not laid out in canonical form".to_owned(),
            )
            .with_help(refusal.unwrap_or("run `tipkit fmt` or `tipkit check --fix`"))
            .with_fix(fix),
    );
}

/// Why no layout fix is offered, as its help says; none when `tipkit fmt` would rewrite the file.
/// A rewrite of the profile as read keeps only the last value of a duplicate key: the 8 laws of
/// a first `"laws"` would be lost to a second of 1.
fn refusal(bytes: &[u8], ctx: &ProfileContext<'_>) -> Option<&'static str> {
    if !ctx.source.spans().duplicates().is_empty() {
        Some("fix the duplicate key first: a rewrite would keep only its last value")
    } else if tipkit_model::from_slice(bytes).is_err() {
        Some("fix the errors first: `tipkit fmt` lays out only a file it can read")
    } else {
        None
    }
}

/// The bytes of `old` to replace, and with what, to make it `new`: all but the common prefix
/// and suffix, at character boundaries.
fn smallest_change(old: &[u8], new: &[u8]) -> (std::ops::Range<usize>, String) {
    let boundary = |b: u8| b & 0xC0 != 0x80; // not a UTF-8 continuation byte
    let mut prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    while prefix > 0
        && !(old.get(prefix).is_none_or(|&b| boundary(b))
            && new.get(prefix).is_none_or(|&b| boundary(b)))
    {
        prefix -= 1;
    }
    let room = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while suffix > 0 && !boundary(old[old.len() - suffix]) {
        suffix -= 1;
    }
    let replacement = String::from_utf8_lossy(&new[prefix..new.len() - suffix]).into_owned();
    (prefix..old.len() - suffix, replacement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_change_keeps_whole_characters() {
        let (range, text) = smallest_change("a§b".as_bytes(), "a¶b".as_bytes());
        assert_eq!((range, text.as_str()), (1..3, "¶"));
        let (range, text) = smallest_change(b"{\"a\":1}", b"{\n  \"a\": 1\n}\n");
        assert_eq!((range, text.as_str()), (1..7, "\n  \"a\": 1\n}\n"));
        let (range, text) = smallest_change(b"abc", b"abc\n");
        assert_eq!((range, text.as_str()), (3..3, "\n"));
    }
}
