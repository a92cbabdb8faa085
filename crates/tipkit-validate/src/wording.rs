//! How findings word things: names of places, values, lists of candidates and "did you mean".
//! Every rule words its messages with these, so that findings read alike.

use serde_json::Value;

/// A name or value as findings quote it: "`hotlines`".
pub(crate) fn quoted(text: impl std::fmt::Display) -> String {
    format!("`{text}`")
}

/// Names as findings list them: "`a`, `b`, `c`".
pub(crate) fn quoted_list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let quoted: Vec<String> = items.into_iter().map(quoted).collect();
    quoted.join(", ")
}

/// `39900` as "39,900".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `word` as `count` of it is written: "finding" for 1, "findings" otherwise.
pub(crate) fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// How a finding names the place of a value: "`calls`" for `/hotline_statistics/years/0/calls`.
pub(crate) fn field_name(pointer: &str) -> String {
    let mut tokens = pointer.rsplit('/');
    match tokens.next() {
        None | Some("") if pointer.is_empty() => "the profile".to_owned(),
        Some(last) if last.parse::<usize>().is_ok() => {
            format!("item {last} of `{}`", tokens.next().unwrap_or_default())
        }
        Some(last) => quoted(tipkit_model::pointer::unescape(last)),
        None => "the profile".to_owned(),
    }
}

/// "`calls` must be a non-negative integer, found the string \"22\"".
pub(crate) fn must_be(pointer: &str, expected: impl std::fmt::Display, found: &Value) -> String {
    format!(
        "{} must be {expected}, found {}",
        field_name(pointer),
        describe_value(found)
    )
}

/// How a finding describes a JSON value: "the string \"22\"", "a list", "3.5".
pub(crate) fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string {}", Value::String(s.clone())),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The candidates nearest to `found`, best first, at most three; none when nothing is close.
/// Case is ignored, and a swap of two neighbours is one edit: "nmae" is one edit from "name".
pub(crate) fn nearest<'c>(
    found: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Vec<&'c str> {
    let found_lower = found.to_lowercase();
    let limit = (found.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::osa_distance(&found_lower, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|&(d, _)| d <= limit)
        .collect();
    scored.sort_by_key(|&(d, candidate)| (d, candidate));
    scored
        .into_iter()
        .take(3)
        .map(|(_, candidate)| candidate)
        .collect()
}

/// "did you mean `a`?" or "did you mean `a`, `b` or `c`?"
pub(crate) fn did_you_mean(suggestions: &[&str]) -> Option<String> {
    let (last, rest) = suggestions.split_last()?;
    Some(if rest.is_empty() {
        format!("did you mean `{last}`?")
    } else {
        format!("did you mean {} or `{last}`?", quoted_list(rest))
    })
}

/// "did you mean …" for the candidates nearest to `found`, if any is close.
pub(crate) fn suggest<'c>(
    found: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    did_you_mean(&nearest(found, candidates))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested_best_first() {
        let keys = ["hotlines", "hotline_cases", "hotline_statistics", "laws"];
        assert_eq!(nearest("hotline", keys), ["hotlines"]);
        assert_eq!(nearest("publihsed", ["draft", "published"]), ["published"]);
        assert_eq!(nearest("ct", ["CT", "CA"]), ["CT", "CA"]);
        assert!(nearest("zzzzzz", keys).is_empty());
        assert_eq!(
            nearest("nmae", ["name", "code"]),
            ["name"],
            "a swap is one edit"
        );
        assert_eq!(
            nearest("ßtatus", ["status"]),
            ["status"],
            "distances count characters, not bytes"
        );
    }

    #[test]
    fn suggestions_read_as_a_question() {
        assert_eq!(did_you_mean(&["a"]).unwrap(), "did you mean `a`?");
        assert_eq!(
            did_you_mean(&["a", "b", "c"]).unwrap(),
            "did you mean `a`, `b` or `c`?"
        );
        assert_eq!(did_you_mean(&[]), None);
        assert_eq!(suggest("lwas", ["laws"]).unwrap(), "did you mean `laws`?");
    }

    #[test]
    fn places_and_values_are_named_as_a_reader_sees_them() {
        assert_eq!(field_name(""), "the profile");
        assert_eq!(field_name("/hotline_statistics/years/0/calls"), "`calls`");
        assert_eq!(field_name("/laws/3"), "item 3 of `laws`");
        assert_eq!(field_name("/a~1b~0c"), "`a/b~c`");
        assert_eq!(describe_value(&Value::from("22")), "the string \"22\"");
        assert_eq!(describe_value(&serde_json::json!([1])), "a list");
        assert_eq!(
            must_be("/hhs_region", "an integer", &Value::from(1.5)),
            "`hhs_region` must be an integer, found 1.5"
        );
        assert_eq!(quoted_list(["a", "b"]), "`a`, `b`");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(39_900), "39,900");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn plurals_take_an_s() {
        assert_eq!(plural(1, "finding"), "finding");
        assert_eq!(plural(0, "finding"), "findings");
        assert_eq!(plural(2, "finding"), "findings");
    }
}
