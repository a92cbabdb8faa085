//! "Did you mean …": the nearest valid values to a wrong one.

/// The candidates nearest to `found`, best first, at most three; none when nothing is close.
pub(crate) fn nearest<'c>(
    found: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Vec<&'c str> {
    let found_lower = found.to_lowercase();
    let limit = (found.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|candidate| (distance(&found_lower, &candidate.to_lowercase()), candidate))
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
    let quoted: Vec<String> = rest.iter().map(|s| format!("`{s}`")).collect();
    Some(if quoted.is_empty() {
        format!("did you mean `{last}`?")
    } else {
        format!("did you mean {} or `{last}`?", quoted.join(", "))
    })
}

/// Edit distance over characters, counting a swap of two neighbours as one edit (optimal string
/// alignment): "nmae" is one edit from "name".
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let width = b.len() + 1;
    let mut d = vec![0; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
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
    }

    #[test]
    fn suggestions_read_as_a_question() {
        assert_eq!(did_you_mean(&["a"]).unwrap(), "did you mean `a`?");
        assert_eq!(
            did_you_mean(&["a", "b", "c"]).unwrap(),
            "did you mean `a`, `b` or `c`?"
        );
        assert_eq!(did_you_mean(&[]), None);
    }
}
