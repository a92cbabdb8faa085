//! `syntax`: the file is not JSON.

use crate::Diagnostic;
use crate::context::FileContext;
use crate::registry::{Check, declare_rule};

/// How deep `serde_json` lets a document nest.
const NESTING_LIMIT: usize = 127;

declare_rule! {
    /// The file is a JSON document: UTF-8 text without a byte order mark, well formed.
    ///
    /// ## What it checks
    /// That the file is not empty, is valid UTF-8 with no byte order mark, and is well-formed
    /// JSON: no trailing commas, no comments, no unquoted keys, nesting at most 127 levels deep.
    ///
    /// ## Why it matters
    /// Nothing else can be checked, and no other tool can read the file.
    ///
    /// ## Example
    /// ```json
    /// { "status": "draft", }
    /// ```
    /// The comma after the last member is not JSON: remove it.
    id: "syntax",
    severity: Error,
    check: Check::Stage,
}

/// The file as text, or the finding that says why it cannot be read as JSON text.
pub(crate) fn check<'b>(
    source: &FileContext<'_>,
    bytes: &'b [u8],
) -> Result<&'b str, Box<Diagnostic>> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        let message = "the file starts with a byte order mark (BOM)".to_owned();
        let diagnostic = source.report_bytes(&RULE, 0..3, message);
        return Err(Box::new(
            diagnostic.with_help("save the file as UTF-8 without a BOM"),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let at = error.valid_up_to();
        let end = (at + error.error_len().unwrap_or(1)).min(bytes.len());
        let message = format!(
            "the file is not UTF-8: byte 0x{:02X} is invalid here",
            bytes[at]
        );
        let diagnostic = source.report_bytes(&RULE, at..end, message);
        Box::new(diagnostic.with_help("save the file as UTF-8"))
    })?;
    if text.trim().is_empty() {
        let diagnostic = source.report_bytes(&RULE, 0..0, "the file is empty".to_owned());
        let help = "a profile is a JSON object; `tipkit new <code>` writes a draft to start from";
        return Err(Box::new(diagnostic.with_help(help)));
    }
    Ok(text)
}

/// The finding for a `serde_json` syntax error.
pub(crate) fn diagnose(
    source: &FileContext<'_>,
    text: &str,
    error: &serde_json::Error,
) -> Diagnostic {
    let mut at = source
        .lines()
        .offset_of_byte_column(error.line(), error.column())
        .min(text.len());
    // serde_json may point inside a multi-byte character: step back to its first byte.
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let reason = error.to_string();
    let reason = reason
        .rfind(" at line ")
        .map_or(reason.as_str(), |cut| &reason[..cut]);
    if reason == "trailing comma" {
        // `serde_json` points past the comma, at the bracket; point at the comma.
        at = text[..at].rfind(',').unwrap_or(at);
    }
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    let (message, help) = match reason {
        "trailing comma" => (
            "a comma after the last member".to_owned(),
            "remove the comma".to_owned(),
        ),
        "recursion limit exceeded" => (
            format!("nested more than {NESTING_LIMIT} levels deep"),
            "a profile nests four levels deep at most".to_owned(),
        ),
        _ if text[at..].starts_with("//") || text[at..].starts_with("/*") => (
            "a comment".to_owned(),
            "JSON has no comments: remove it".to_owned(),
        ),
        reason if reason.starts_with("EOF while parsing") => (
            format!("the file ends too soon: {reason}"),
            "the file may be cut short: compare it with its source".to_owned(),
        ),
        reason => (
            format!("not valid JSON: {reason}"),
            "see https://www.json.org for the syntax".to_owned(),
        ),
    };
    source.report_bytes(&RULE, at..end, message).with_help(help)
}
