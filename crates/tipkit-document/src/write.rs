//! The three writers of a laid-out document: plain text as the documents are published, Markdown,
//! and one self-contained HTML page.

use std::fmt::Write as _;

use crate::document::{Block, Inline, ListStyle};
use tipkit_model::is_web_scheme;

use crate::template as t;

/// The text form, as in the published documents: one block after another, a blank line apart.
pub(crate) fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        let piece = match block {
            Block::Title(s) | Block::Subheading(s) | Block::Note(s) | Block::Missing(s) => {
                s.clone()
            }
            Block::Heading {
                kicker: Some(kicker),
                text,
            } => format!("{kicker}\n\n{text}"),
            Block::Heading { kicker: None, text } => text.clone(),
            Block::Paragraph(inlines) => inlines.iter().map(text_inline).collect(),
            Block::Figure { value, label } => format!("{value}\n{label}"),
            Block::List { style, items } => {
                list(*style, items, |item| item.iter().map(text_inline).collect())
            }
            // The published text carries no chart.
            Block::Chart(_) => continue,
        };
        out.push_str(&piece);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn text_inline(inline: &Inline) -> String {
    match inline {
        Inline::Text(s) => s.clone(),
        Inline::Link { text, url } => t::link(text, url.as_deref()),
        Inline::Url(url) => t::bare_url(url),
    }
}

fn list(style: ListStyle, items: &[Vec<Inline>], item: impl Fn(&[Inline]) -> String) -> String {
    let lines: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, inlines)| match style {
            ListStyle::Numbers => t::numbered(i, &item(inlines)),
            ListStyle::Bullets => t::bulleted(&item(inlines)),
            ListStyle::Lines => item(inlines),
        })
        .collect();
    lines.join("\n")
}

/// Markdown: headings, lists, and real links where the profile has URLs.
pub(crate) fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        let piece = match block {
            Block::Title(s) => format!("# {}", escape_markdown(s)),
            Block::Heading { kicker, text } => match kicker {
                Some(kicker) => format!("## {} {}", escape_markdown(kicker), escape_markdown(text)),
                None => format!("## {}", escape_markdown(text)),
            },
            Block::Subheading(s) => format!("### {}", escape_markdown(s)),
            Block::Paragraph(inlines) => markdown_inlines(inlines),
            Block::Figure { value, label } => format!("**{value}** {}", escape_markdown(label)),
            Block::List { style, items } => {
                // Markdown has no unmarked list: lines become bullets.
                let style = if *style == ListStyle::Numbers {
                    ListStyle::Numbers
                } else {
                    ListStyle::Bullets
                };
                list(style, items, markdown_inlines)
            }
            Block::Note(s) => format!("<small>{}</small>", escape_markdown(s)),
            Block::Missing(s) => format!("*{}*", escape_markdown(s)),
            Block::Chart(years) => {
                let mut table = format!(
                    "### {}\n\n| Year | Calls | Cases reported |\n|---:|---:|---:|\n",
                    t::HOTLINE_STATISTICS
                );
                for y in years {
                    let _ = writeln!(table, "| {} | {} | {} |", y.year, y.calls, y.cases_reported);
                }
                table.trim_end().to_owned()
            }
        };
        out.push_str(&piece);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Inlines as Markdown. Runs of text are escaped as one text, so that no link forms across two
/// pieces (`https:` then `//…`).
fn markdown_inlines(inlines: &[Inline]) -> String {
    let mut out = String::new();
    let mut text = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(s) if s != "\n" => text.push_str(s),
            other => {
                out.push_str(&escape_markdown(&std::mem::take(&mut text)));
                out.push_str(&markdown_inline(other));
            }
        }
    }
    out.push_str(&escape_markdown(&text));
    out
}

fn markdown_inline(inline: &Inline) -> String {
    match inline {
        Inline::Text(s) if s == "\n" => "  \n".to_owned(),
        Inline::Text(s) => escape_markdown(s),
        Inline::Link {
            text,
            url: Some(url),
        } if is_web_scheme(url) => {
            format!("[{}]({})", escape_markdown(text), markdown_destination(url))
        }
        Inline::Link {
            text,
            url: Some(url),
        } => format!("{} ({})", escape_markdown(text), escape_markdown(url)),
        Inline::Link { text, url: None } => escape_markdown(text),
        Inline::Url(url) if is_web_scheme(url) => format!("<{}>", encode_url(url)),
        Inline::Url(url) => escape_markdown(url),
    }
}

/// Text from data as Markdown shows it, never as markup, a link or a mention: the one escaping
/// that the GitHub step summary and `tipkit diff --format markdown` use too.
fn escape_markdown(text: &str) -> String {
    tipkit_model::markdown_text(text)
}

/// A web URL as a Markdown link destination: percent-encoded where it could end the link, and
/// `&` escaped so that no entity is read into it.
fn markdown_destination(url: &str) -> String {
    encode_url(url).replace('&', "\\&")
}

/// `url` with every character that could end or change a link in Markdown or HTML
/// percent-encoded: white space, controls, `<>"'` and backticks, brackets, parentheses,
/// backslashes, and every non-ASCII character (as its UTF-8 bytes).
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        let keep = c.is_ascii_graphic()
            && !matches!(
                c,
                '<' | '>' | '"' | '\'' | '`' | '(' | ')' | '[' | ']' | '{' | '}' | '\\' | '|' | '^'
            );
        if keep {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// One self-contained HTML page: no external assets, readable on a phone, with an inline SVG
/// chart of the yearly hotline cases.
pub(crate) fn html(blocks: &[Block]) -> String {
    let title = blocks
        .iter()
        .find_map(|b| {
            if let Block::Title(s) = b {
                Some(s.as_str())
            } else {
                None
            }
        })
        .unwrap_or("");
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Title(s) => {
                let _ = writeln!(body, "<h1>{}</h1>", escape_html(s));
            }
            Block::Heading { kicker, text } => {
                let kicker = kicker
                    .as_deref()
                    .map(|k| format!("<small>{}</small> ", escape_html(k)))
                    .unwrap_or_default();
                let _ = writeln!(body, "<h2>{kicker}{}</h2>", escape_html(text));
            }
            Block::Subheading(s) => {
                let _ = writeln!(body, "<h3>{}</h3>", escape_html(s));
            }
            Block::Paragraph(inlines) => {
                let _ = writeln!(
                    body,
                    "<p>{}</p>",
                    inlines.iter().map(html_inline).collect::<String>()
                );
            }
            Block::Figure { value, label } => {
                let _ = writeln!(
                    body,
                    "<p class=\"figure\"><strong>{}</strong> {}</p>",
                    escape_html(value),
                    escape_html(label)
                );
            }
            Block::List { style, items } => {
                let tag = if *style == ListStyle::Numbers {
                    "ol"
                } else {
                    "ul"
                };
                let _ = writeln!(body, "<{tag}>");
                for item in items {
                    let _ = writeln!(
                        body,
                        "<li>{}</li>",
                        item.iter().map(html_inline).collect::<String>()
                    );
                }
                let _ = writeln!(body, "</{tag}>");
            }
            Block::Note(s) => {
                let _ = writeln!(body, "<p class=\"note\">{}</p>", escape_html(s));
            }
            Block::Missing(s) => {
                let _ = writeln!(body, "<p class=\"missing\">{}</p>", escape_html(s));
            }
            Block::Chart(years) => body.push_str(&chart(years)),
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape_html(title)
    )
}

/// The page runs no script and loads nothing: its styles and its SVG chart are inline.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = "\
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.2; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid #8b1a1a; }
h2 small { display: block; font-size: 0.8rem; color: #8b1a1a; }
h3 { font-size: 1rem; margin-bottom: 0.25rem; }
.figure strong { font-size: 2rem; color: #8b1a1a; margin-right: 0.5rem; }
.note { font-size: 0.85rem; color: #555; }
.missing { font-style: italic; color: #8a6d00; background: #fff8e1; padding: 0.5rem; }
figure { margin: 1rem 0; }
svg { width: 100%; height: auto; }
a { color: #0b5394; overflow-wrap: anywhere; }
";

fn html_inline(inline: &Inline) -> String {
    match inline {
        Inline::Text(s) if s == "\n" => "<br>".to_owned(),
        Inline::Text(s) => escape_html(s),
        Inline::Link {
            text,
            url: Some(url),
        } if is_web_scheme(url) => format!(
            "<a href=\"{}\">{}</a>",
            escape_html(&encode_url(url)),
            escape_html(text)
        ),
        Inline::Link {
            text,
            url: Some(url),
        } => format!("{} ({})", escape_html(text), escape_html(url)),
        Inline::Link { text, url: None } => escape_html(text),
        Inline::Url(url) if is_web_scheme(url) => format!(
            "<a href=\"{}\">{}</a>",
            escape_html(&encode_url(url)),
            escape_html(url)
        ),
        Inline::Url(url) => escape_html(url),
    }
}

/// Text from data as HTML shows it: the five markup characters as entities, and control and
/// direction characters as numeric references.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if tipkit_model::is_invisible(c) => {
                let _ = write!(out, "&#x{:x};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A bar chart of the cases reported each year.
fn chart(years: &[tipkit_model::YearStatistics]) -> String {
    let (width, height, top, bottom) = (320u64, 180u64, 20u64, 24u64);
    let max = years
        .iter()
        .map(|y| u64::from(y.cases_reported))
        .max()
        .unwrap_or(0)
        .max(1);
    let n = u64::try_from(years.len()).unwrap_or(u64::MAX).max(1);
    let slot = width / n;
    let bar = slot * 3 / 5;
    let mut svg = format!(
        "<figure>\n<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Cases reported to the hotline each year\">\n"
    );
    for (i, year) in (0u64..).zip(years) {
        let h = (height - top - bottom) * u64::from(year.cases_reported) / max;
        let x = i * slot + (slot - bar) / 2;
        let y = height - bottom - h;
        let middle = x + bar / 2;
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" fill=\"#8b1a1a\"><title>{}: {} cases</title></rect>\
             <text x=\"{middle}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>\
             <text x=\"{middle}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
            year.year,
            year.cases_reported,
            y.saturating_sub(4),
            year.cases_reported,
            height - 6,
            year.year,
        );
    }
    svg.push_str("</svg>\n<figcaption>Cases reported to the National Human Trafficking Hotline, by year</figcaption>\n</figure>\n");
    svg
}
