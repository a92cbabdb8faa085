//! Text from input as GitHub's Markdown shows it: made visible, shortened, and escaped so that
//! it can make no HTML, markup, link, autolink or mention, nor end a table cell. The diff's
//! report, its configuration section and the step summary use it.

use tipkit_validate::visible;

/// Text for a Markdown table cell or paragraph: shown, never acting. Control characters are made
/// [`visible`], then [`tipkit_model::markdown_text`] escapes it, so that no input makes HTML,
/// markup, a link, an autolink or a mention, or ends a table cell.
/// Longer text is [`shorten`]ed to [`SHOWN_CHARS`].
pub(crate) fn markdown_text(text: &str) -> String {
    markdown_text_within(text, SHOWN_CHARS)
}

/// [`markdown_text`], [`shorten`]ed to `chars` characters.
pub(crate) fn markdown_text_within(text: &str, chars: usize) -> String {
    tipkit_model::markdown_text(&shorten(&visible(text), chars))
}

/// The most characters of one value, path, key or name the Markdown report shows; the middle
/// of a longer one is left out (`tipkit diff --format json` has it whole).
pub(crate) const SHOWN_CHARS: usize = 200;

/// The most characters of a finding's message the Markdown report shows.
pub(crate) const SHOWN_MESSAGE_CHARS: usize = 500;

/// `text` with its middle replaced by `…` when it has more than `chars` characters.
pub(crate) fn shorten(text: &str, chars: usize) -> std::borrow::Cow<'_, str> {
    let Some((cut, _)) = text.char_indices().nth(chars) else {
        return text.into();
    };
    let head = chars / 2;
    let tail = chars.saturating_sub(head + 1);
    let head_end = text.char_indices().nth(head).map_or(cut, |(at, _)| at);
    let tail_start = text
        .char_indices()
        .rev()
        .nth(tail.saturating_sub(1))
        .map_or(text.len(), |(at, _)| at);
    let tail_start = if tail == 0 { text.len() } else { tail_start };
    format!("{}…{}", &text[..head_end], &text[tail_start..]).into()
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_keeps_both_ends() {
        assert_eq!(shorten("abcdef", 6), "abcdef");
        assert_eq!(shorten("abcdefg", 6), "abc…fg");
        assert_eq!(shorten("ééééééé", 4), "éé…é");
        assert_eq!(shorten(&"x".repeat(1000), 200).chars().count(), 200);
    }
}
