//! A rendered document read as a browser reads it, for what could run or mislead: script
//! elements, event handlers, and links or sources that are not `https:` or `http:`. Markdown is
//! first turned into HTML as a `CommonMark` renderer would (pulldown-cmark, every extension on).
//! The hostile-input tests and the `render_documents` fuzz target hold the writers to it.

use pulldown_cmark::{Options, Parser, html};
use scraper::Html;

/// Elements that run code, embed other documents, or redirect the page's links.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "object", "embed", "applet", "base", "form",
];

/// Attributes whose value is a URL the browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "background",
    "lowsrc",
    "ping",
    "cite",
    "manifest",
];

/// What a page (HTML) could run or mislead with; empty when it is safe.
pub fn audit_html(page: &str) -> Vec<String> {
    let document = Html::parse_document(page);
    let mut problems = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if FORBIDDEN_ELEMENTS.contains(&name) {
            problems.push(format!("a <{name}> element"));
        }
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_ascii_lowercase();
            if attribute.starts_with("on") {
                problems.push(format!("an event handler {attribute}= on <{name}>"));
            }
            if URL_ATTRIBUTES.contains(&attribute.as_str()) && !is_safe_target(value) {
                problems.push(format!(
                    "<{name} {attribute}=\"{value}\">: not an http(s) URL"
                ));
            }
            if name == "meta" && attribute == "http-equiv" && value.eq_ignore_ascii_case("refresh")
            {
                problems.push("a <meta http-equiv=\"refresh\">".to_owned());
            }
        }
    }
    problems
}

/// What a Markdown document, rendered to HTML, could run or mislead with.
pub fn audit_markdown(markdown: &str) -> Vec<String> {
    let mut page = String::new();
    html::push_html(&mut page, Parser::new_ext(markdown, Options::all()));
    audit_html(&page)
}

/// A link a document may hold: `https:` or `http:` exactly at the start, or a fragment of the
/// page itself ("#", the documents' placeholder).
fn is_safe_target(value: &str) -> bool {
    value.starts_with('#') || tipkit_model::is_web_scheme(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_runs() {
        assert!(audit_html("<p><a href=\"https://x.org\">x</a></p>").is_empty());
        assert_eq!(audit_html("<script>alert(1)</script>").len(), 1);
        assert_eq!(audit_html("<img src=x onerror=alert(1)>").len(), 2);
        assert_eq!(
            audit_html("<a href=\" javascript:alert(1)\">x</a>").len(),
            1
        );
        assert!(audit_markdown("[x](#) <https://x.org>").is_empty());
        assert_eq!(audit_markdown("[x](javascript:alert(1))").len(), 1);
        assert_eq!(audit_markdown("<script>alert(1)</script>").len(), 1);
        assert!(audit_markdown("&lt;script&gt; \\](javascript:alert(1))").is_empty());
    }
}
