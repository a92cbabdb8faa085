//! Structure-aware: valid profiles whose strings (names, titles, URLs, the state's name) are
//! made of arbitrary text and hostile fragments, rendered as Markdown and HTML. Neither may hold a
//! script element, an event handler, or a link or source that is not http(s): the HTML is parsed
//! as a browser parses it, the Markdown first turned into HTML as a CommonMark renderer would.
//! The text form is rendered and imported too, for panics.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tipkit_document::{Format, audit_html, audit_markdown, import, render};

const BASES: [&str; 3] = [
    include_str!("../../profiles/ct.json"),
    include_str!("../../profiles/nh.json"),
    include_str!("../../profiles/dc.json"),
];

/// What breaks out of text, links and attributes, or hides a scheme.
const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:",
    "java\tscript:",
    " javascript:",
    "&#106;avascript:",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://",
    "http://",
    "https://x.org/",
    "<https://x.org>",
    "[x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    ")",
    "(",
    "[",
    "]",
    "](",
    "<",
    ">",
    "\"",
    "'",
    "`",
    "```",
    "&",
    "&lt;",
    "&amp;",
    "\\",
    "*",
    "_",
    "#",
    "!",
    "|",
    "<!--",
    "-->",
    "<![CDATA[",
    "</p>",
    "<style>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)",
    "\n",
    "\r",
    "\t",
    "\u{0}",
    "\u{1b}",
    "\u{202e}",
    "\u{2028}",
    "\n- ",
    "\n    ",
    " ",
];

#[derive(Debug, Arbitrary)]
enum Piece {
    Text(String),
    Fragment(u8),
}

#[derive(Debug, Arbitrary)]
enum Edit {
    /// Replace the n-th string of the profile.
    Text(u16, Vec<Piece>),
    /// Give the n-th law or link a URL.
    Url(u16, Vec<Piece>),
}

#[derive(Debug, Arbitrary)]
struct Input {
    base: u8,
    edits: Vec<Edit>,
}

fn hostile(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces.iter().take(16) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Fragment(i) => out.push_str(FRAGMENTS[usize::from(*i) % FRAGMENTS.len()]),
        }
    }
    out
}

/// Pointers to every string, and to every object that may carry a `url` (laws and links).
fn walk(value: &Value, at: String, strings: &mut Vec<String>, linkable: &mut Vec<String>) {
    match value {
        Value::String(_) => strings.push(at),
        Value::Object(map) => {
            if map.contains_key("citation")
                || (map.contains_key("name")
                    && !map.contains_key("phone")
                    && !map.contains_key("code"))
            {
                linkable.push(at.clone());
            }
            for (key, v) in map {
                walk(
                    v,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    strings,
                    linkable,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{at}/{i}"), strings, linkable);
            }
        }
        _ => {}
    }
}

fuzz_target!(|input: Input| {
    let mut value: Value =
        serde_json::from_str(BASES[usize::from(input.base) % BASES.len()]).unwrap();
    for edit in input.edits.iter().take(12) {
        let (mut strings, mut linkable) = (Vec::new(), Vec::new());
        walk(&value, String::new(), &mut strings, &mut linkable);
        match edit {
            Edit::Text(at, pieces) if !strings.is_empty() => {
                let pointer = &strings[usize::from(*at) % strings.len()];
                if let Some(node) = value.pointer_mut(pointer) {
                    *node = Value::from(hostile(pieces));
                }
            }
            Edit::Url(at, pieces) if !linkable.is_empty() => {
                let pointer = &linkable[usize::from(*at) % linkable.len()];
                if let Some(Value::Object(map)) = value.pointer_mut(pointer) {
                    map.insert("url".to_owned(), Value::from(hostile(pieces)));
                }
            }
            _ => {}
        }
    }
    // Only profiles the model reads: a string whose shape it checks (a phone, a citation, a
    // code) must still have that shape.
    let Ok(profile) = serde_json::from_value::<tipkit_model::Profile>(value) else {
        return;
    };
    let markdown = render(&profile, Format::Markdown);
    let problems = audit_markdown(&markdown);
    assert!(problems.is_empty(), "Markdown: {problems:?}\n{markdown}");
    let html = render(&profile, Format::Html);
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    let problems = audit_html(&html);
    assert!(problems.is_empty(), "HTML: {problems:?}\n{html}");
    let text = render(&profile, Format::Text);
    let _ = import(&text);
});
