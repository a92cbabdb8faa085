//! Text from data inside Markdown that GitHub renders: shown as written, never as markup, a link
//! or a mention. GitHub parses Markdown with cmark-gfm, whose autolink extension makes links of
//! `scheme://…` (found at the `:`), of `www.…` (at the `w`), and of e-mail addresses (found at
//! the `@` in the text after entities and backslash escapes are decoded); GitHub then makes a
//! mention of every `@name` and `@org/team` left in a text node outside `<code>`, `<pre>` and
//! `<a>`.

use std::fmt::Write as _;

/// An empty HTML comment: it shows nothing and copies as nothing, but ends the text node, so that
/// neither the e-mail autolinker nor GitHub's mention filter finds a name after an `@`.
const NODE_BREAK: &str = "<!-- -->";

/// `text` as Markdown inline content (a paragraph, a heading, a table cell, a link's text) that
/// shows exactly `text`, and that no parser of GitHub's Markdown reads as markup:
///
/// - `&`, `<` and `>` are entities, so no HTML tag, entity or `<…>` autolink starts;
/// - `\`, `` ` ``, `*`, `_`, `~`, `[`, `]`, `#` and `|` are backslash-escaped, so no code span,
///   emphasis, strike-through, link, heading or table cell starts or ends, and so is a `(`
///   after a `]`, so that not even `](` is left to misread;
/// - a `:` before a `/` is escaped, so no `https://…` autolinks, and a `.` after a `w` is
///   escaped, so no `www.…` autolinks;
/// - every `@` is followed by an empty HTML comment, so no e-mail address autolinks and no
///   `@name` mentions anyone;
/// - control and direction characters become numeric references.
///
/// Escape a whole text at once: `https:` and `//evil.example` escaped apart and written one
/// after the other would make a link.
///
/// ```
/// use tipkit_model::markdown_text;
///
/// assert_eq!(markdown_text("a|b"), "a\\|b");
/// assert_eq!(markdown_text("https://evil.example"), "https\\://evil.example");
/// assert_eq!(markdown_text("www.evil.example"), "www\\.evil.example");
/// assert_eq!(markdown_text("cc @org/team"), "cc @<!-- -->org/team");
/// assert_eq!(markdown_text("Hartford, CT: 1-888-373-7888."), "Hartford, CT: 1-888-373-7888.");
/// ```
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut previous = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '(' if previous == Some(']') => out.push_str("\\("),
            ':' if chars.peek() == Some(&'/') => out.push_str("\\:"),
            '.' if matches!(previous, Some('w' | 'W')) => out.push_str("\\."),
            '@' => {
                out.push('@');
                out.push_str(NODE_BREAK);
            }
            c if crate::is_invisible(c) => {
                let _ = write!(out, "&#x{:x};", u32::from(c));
            }
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown_text;

    #[test]
    fn markup_shows_as_itself() {
        assert_eq!(markdown_text("<script>"), "&lt;script&gt;");
        assert_eq!(markdown_text("&#64;"), "&amp;\\#64;");
        assert_eq!(
            markdown_text("[x](javascript:y) *e* _u_ ~s~ `c` # h"),
            "\\[x\\]\\(javascript:y) \\*e\\* \\_u\\_ \\~s\\~ \\`c\\` \\# h"
        );
        assert_eq!(markdown_text("a\\b"), "a\\\\b");
        assert_eq!(markdown_text("a\u{202e}b\r\n"), "a&#x202e;b&#xd;&#xa;");
    }

    #[test]
    fn no_url_autolinks() {
        for (text, shown) in [
            ("https://evil.example/login", "https\\://evil.example/login"),
            ("HTTP://evil.example", "HTTP\\://evil.example"),
            ("ftp://evil.example", "ftp\\://evil.example"),
            ("see www.evil.example", "see www\\.evil.example"),
            ("(www.evil.example)", "(www\\.evil.example)"),
            ("WWW.evil.example", "WWW\\.evil.example"),
            ("https:", "https:"),
            (".evil.example", ".evil.example"),
        ] {
            assert_eq!(markdown_text(text), shown, "{text}");
        }
    }

    #[test]
    fn no_mail_link_or_mention() {
        for (text, shown) in [
            ("admin@evil.example", "admin@<!-- -->evil.example"),
            (
                "mailto:admin@evil.example",
                "mailto:admin@<!-- -->evil.example",
            ),
            ("xmpp:a@evil.example/x", "xmpp:a@<!-- -->evil.example/x"),
            ("cc @octocat", "cc @<!-- -->octocat"),
            ("@org/team", "@<!-- -->org/team"),
            ("@@x", "@<!-- -->@<!-- -->x"),
        ] {
            assert_eq!(markdown_text(text), shown, "{text}");
        }
    }

    #[test]
    fn plain_text_stays_plain() {
        for text in [
            "Connecticut",
            "§ 53a-82: Prostitution, Class A misdemeanor.",
            "Polaris Project (2016), 1-888-373-7888",
            "Hartford.gov",
        ] {
            assert_eq!(markdown_text(text), text);
        }
    }
}
