//! Which strings the profiles may hold as web addresses: the one test that the `links` rule, the
//! importer and the document writers share.

use std::fmt;

/// Why a string is not a web address that a document may link to. Displayed as a predicate:
/// "`<url>` {problem}".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// Empty, or "#": the documents' placeholder for a link never filled in.
    Placeholder,
    /// A scheme other than `https:` and `http:` (`javascript:`, `data:`, …), or none at all.
    Scheme,
    /// No host after `https://`.
    NoHost,
    /// A character that no real URL holds unescaped: white space, `<`, `>`, `"`, `` ` ``, or a
    /// control character.
    Character(char),
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Placeholder => f.write_str("is a placeholder, not a link"),
            Self::Scheme => f.write_str("is not an https: or http: URL"),
            Self::NoHost => f.write_str("has no host"),
            Self::Character(c) => write!(f, "holds {}, which no real URL holds", char_name(*c)),
        }
    }
}

fn char_name(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c if c.is_whitespace() && !c.is_control() => format!("the space U+{:04X}", u32::from(c)),
        '<' | '>' | '"' | '`' => format!("an unescaped `{c}`"),
        c => format!("the control character U+{:04X}", u32::from(c)),
    }
}

/// Whether `c` never appears unescaped in a real URL.
pub fn is_forbidden_in_url(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`')
}

/// The scheme of `url` when it is `https` or `http` (any case), with the rest after `://`.
fn web_scheme(url: &str) -> Option<(&'static str, &str)> {
    ["https://", "http://"].into_iter().find_map(|prefix| {
        let head = url.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| (prefix.trim_end_matches("://"), &url[prefix.len()..]))
    })
}

/// What stops `url` from being a web address a document may link to, or `None` when it is one:
/// `https:` or `http:`, a host, and no white space, `<`, `>`, `"`, `` ` `` or control character.
///
/// ```
/// use tipkit_model::{UrlProblem, web_url_problem};
/// assert_eq!(web_url_problem("https://www.cga.ct.gov/2017/pub/chap_952.htm"), None);
/// assert_eq!(web_url_problem("javascript:alert(1)"), Some(UrlProblem::Scheme));
/// assert_eq!(web_url_problem("https://x.org/a b"), Some(UrlProblem::Character(' ')));
/// ```
pub fn web_url_problem(url: &str) -> Option<UrlProblem> {
    if url.trim().is_empty() || url.starts_with('#') {
        return Some(UrlProblem::Placeholder);
    }
    let Some((_, rest)) = web_scheme(url) else {
        return Some(UrlProblem::Scheme);
    };
    if let Some(c) = url.chars().find(|&c| is_forbidden_in_url(c)) {
        return Some(UrlProblem::Character(c));
    }
    if rest.split(['/', '?', '#']).next().unwrap_or("").is_empty() {
        return Some(UrlProblem::NoHost);
    }
    None
}

/// Whether a document may make `url` a link: it starts with `https:` or `http:` (any case).
/// Characters that would break out of a link are escaped by the writers, so the scheme alone
/// decides.
pub fn is_web_scheme(url: &str) -> bool {
    web_scheme(url).is_some()
}

/// Whether `url` starts with `https://` (any case).
pub fn is_https(url: &str) -> bool {
    web_scheme(url).is_some_and(|(scheme, _)| scheme == "https")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls() {
        for good in [
            "https://humantraffickinghotline.org/state/connecticut",
            "HTTPS://example.org",
            "http://www.cga.ct.gov/current/pub/chap_925.htm",
            "https://en.wikipedia.org/wiki/Fair_(disambiguation)",
        ] {
            assert_eq!(web_url_problem(good), None, "{good}");
        }
        for (bad, problem) in [
            ("#", UrlProblem::Placeholder),
            ("", UrlProblem::Placeholder),
            ("javascript:alert(1)", UrlProblem::Scheme),
            (" https://x.org", UrlProblem::Scheme),
            ("data:text/html,<script>", UrlProblem::Scheme),
            ("vbscript:msgbox", UrlProblem::Scheme),
            ("/state/ct", UrlProblem::Scheme),
            ("https://", UrlProblem::NoHost),
            ("https:///path", UrlProblem::NoHost),
            ("https://x.com/)<script>", UrlProblem::Character('<')),
            ("https://exa mple.org", UrlProblem::Character(' ')),
            ("https://x.org/\u{1b}[31m", UrlProblem::Character('\u{1b}')),
            ("https://x.org/a\"b", UrlProblem::Character('"')),
            ("https://x.org/a`b", UrlProblem::Character('`')),
        ] {
            assert_eq!(web_url_problem(bad), Some(problem), "{bad}");
        }
        assert!(is_https("https://x.org") && !is_https("http://x.org"));
        assert!(is_web_scheme("http://x") && !is_web_scheme("java\tscript:x"));
    }
}
