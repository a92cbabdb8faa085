//! The boilerplate of the published documents, in one place. Renderers fill these templates and
//! the importer matches them, so the two cannot drift apart. `{name}` is a placeholder.

pub(crate) const TITLE: &str = "{state}: Efforts to Combat Human Trafficking";
pub(crate) const REGION: &str = "U.S. Department of Health and Human Services Region {roman}";
pub(crate) const PURPOSE: &str = "This state profile summarizes regionally specific data to help promote collaboration and inform and enhance the response to human trafficking in {the_state}. Information was reported to the National Human Trafficking Hotline from {start} to {end}.";
pub(crate) const HEAT_MAP: &str = "The image above is a heat map that reflects the cases reported to the National Human Trafficking Hotline in {year}. Areas in which greater numbers of cases were reported contain more red shading. Areas in {areas} {state} contain red shading. This map only reflects cases in which the location of the potential trafficking was known. Some cases may involve more than one location.";
pub(crate) const CASES_REPORTED: &str = "Cases Reported";
pub(crate) const PERSONS_TRAFFICKED: &str = "Potential Persons Trafficked";
pub(crate) const DEMOGRAPHICS: &str = "DEMOGRAPHICS OF POTENTIAL PERSONS TRAFFICKED:";
pub(crate) const CLASS: &str = "{class}: {count}";
pub(crate) const NON_CUMULATIVE: &str = "*These statistics are non-cumulative. Cases may involve multiple victims and include males and females, foreign nationals and U.S. citizens, adults and minors. In some cases, callers do not provide demographic information.";
pub(crate) const STATISTICS: &str =
    "For more statistics on human trafficking in {the_state}, visit <{url}>.";
pub(crate) const TOP: &str = "TOP {count}";
pub(crate) const SEX_VENUES: &str = "SEX TRAFFICKING VENUES";
pub(crate) const LABOR_VENUES: &str = "LABOR TRAFFICKING VENUES";
pub(crate) const CALL_TYPES: &str =
    "Types of Calls to the National Human Trafficking Hotline in {year}";
pub(crate) const DISCLAIMER: &str = "The data contained in this document are based on aggregated information learned through signals—phone calls, emails, and online tip reports—received by the National Human Trafficking Hotline. The data do not represent actual numbers of cases identified or processed, nor do they represent the entire scope of human trafficking.";
pub(crate) const LAWS: &str = "{state} Human Trafficking Laws (Sex Trafficking, Labor Trafficking, Safe Harbor, Vacating Convictions, etc.)";
pub(crate) const EFFORTS: &str = "{state} Statewide Efforts";
pub(crate) const REFERRAL_MANY: &str = "{count} victim service agencies are listed in the National Human Trafficking Referral Directory in {the_state}.";
pub(crate) const REFERRAL_ONE: &str = "{count} victim service agency is listed in the National Human Trafficking Referral Directory in {the_state}.";
pub(crate) const REFERRAL_DIRECTORY_URL: &str =
    "https://humantraffickinghotline.org/training-resources/referral-directory";
pub(crate) const HOTLINES: &str = "Human Trafficking Hotlines";
pub(crate) const HOTLINE_PARAGRAPH: &str = "The National Hotline serves victims and survivors of human trafficking and the anti-trafficking community across the United States and its territories, 24/7, in more than 200 languages. Contact the confidential hotline to report tips, seek services, ask for help, or receive information and statistics related to human trafficking.";
pub(crate) const HOTLINE_STATISTICS: &str = "Hotline figures by year";
/// How a draft marks a section it does not have yet.
pub(crate) const NOT_YET_TRANSCRIBED: &str = "{section}: not yet transcribed.";

/// Names for the sections a draft may lack, as the "not yet transcribed" marks print them.
pub(crate) const SECTION_REPORTING_PERIOD: &str = "Reporting period";
pub(crate) const SECTION_HEAT_MAP: &str = "Heat map";
pub(crate) const SECTION_HOTLINE_CASES: &str = "Cases reported and potential persons trafficked";
pub(crate) const SECTION_DEMOGRAPHICS: &str = "Demographics of potential persons trafficked";
pub(crate) const SECTION_SEX_VENUES: &str = "Top sex trafficking venues";
pub(crate) const SECTION_LABOR_VENUES: &str = "Top labor trafficking venues";
pub(crate) const SECTION_CALL_TYPES: &str =
    "Types of calls to the National Human Trafficking Hotline";
pub(crate) const SECTION_LAWS: &str = "Human trafficking laws";
pub(crate) const SECTION_EFFORTS: &str = "Statewide efforts";

/// The text form's syntax for list items, links and law lines: the text writer prints with these
/// and the importer reads with these, so the two share one definition.
///
/// A bulleted item: "- item".
pub(crate) const BULLET: &str = "- ";
/// What follows the number of a numbered item: "1. item".
pub(crate) const NUMBER_MARK: &str = ". ";
/// What a link prints in place of a URL it does not have: `[text](#)`.
pub(crate) const NO_URL: &str = "#";
/// Between a law's title and its citation: `<title> | [§ 53a-192a](<url>)`.
pub(crate) const LAW_SEPARATOR: &str = " | ";

/// "- item".
pub(crate) fn bulleted(item: &str) -> String {
    format!("{BULLET}{item}")
}

/// The item of a bulleted line.
pub(crate) fn read_bulleted(line: &str) -> Option<&str> {
    line.strip_prefix(BULLET)
}

/// "3. item", for the item at 0-based `index`.
pub(crate) fn numbered(index: usize, item: &str) -> String {
    format!("{}{NUMBER_MARK}{item}", index + 1)
}

/// The number (as written, digits only, maybe empty) and the item of a numbered line.
pub(crate) fn read_numbered(line: &str) -> Option<(&str, &str)> {
    line.split_once(NUMBER_MARK)
        .filter(|(number, _)| number.bytes().all(|b| b.is_ascii_digit()))
}

/// `[text](url)`, or `[text](#)` without a URL.
pub(crate) fn link(text: &str, url: Option<&str>) -> String {
    format!("[{text}]({})", url.unwrap_or(NO_URL))
}

/// The text and the URL of `[text](url)` (`None` for "#"); `None` when it is not a link.
pub(crate) fn read_link(text: &str) -> Option<(&str, Option<&str>)> {
    let (text, url) = text
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|rest| rest.rsplit_once("]("))?;
    Some((text, (url != NO_URL).then_some(url)))
}

/// A URL printed as itself: `<https://…>`.
pub(crate) fn bare_url(url: &str) -> String {
    format!("<{url}>")
}

/// The title and the citation of a law line (the item of its bullet).
pub(crate) fn read_law(item: &str) -> Option<(&str, &str)> {
    item.rsplit_once(LAW_SEPARATOR)
}

/// Jurisdictions whose names take "the" inside a sentence: "in the District of Columbia".
const NAMES_WITH_THE: &[&str] = &[
    "District of Columbia",
    "Federated States of Micronesia",
    "Marshall Islands",
    "Northern Mariana Islands",
    "Virgin Islands",
];

/// A jurisdiction's name as a sentence prints it after "in": "the District of Columbia",
/// "Connecticut". Templates call it `{the_state}`.
pub(crate) fn the_state(name: &str) -> String {
    if NAMES_WITH_THE.contains(&name) {
        format!("the {name}")
    } else {
        name.to_owned()
    }
}

/// Venue labels that the documents print in another spelling: (label in data, printed).
/// Connecticut's document prints "3. Hotel-/Motel-Based" for the hotline's `Hotel/Motel-Based`.
const PRINTED_VENUES: &[(&str, &str)] = &[("Hotel/Motel-Based", "Hotel-/Motel-Based")];

/// How the documents print a venue label.
pub(crate) fn printed_venue(label: &str) -> &str {
    PRINTED_VENUES
        .iter()
        .find(|(data, _)| *data == label)
        .map_or(label, |(_, printed)| printed)
}

/// The venue label of a printed venue: either spelling gives the label.
pub(crate) fn venue_label(printed: &str) -> &str {
    PRINTED_VENUES
        .iter()
        .find(|(_, p)| *p == printed)
        .map_or(printed, |(data, _)| data)
}

/// Fills the placeholders of `template`.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The values of the placeholders of `template` in `line`, if the line is that template, after
/// filling in the `known` ones. Each placeholder takes the shortest text that lets the rest match.
pub(crate) fn extract<'l>(
    template: &str,
    known: &[(&str, &str)],
    line: &'l str,
) -> Option<Vec<(String, &'l str)>> {
    let template = fill(template, known);
    let mut names = Vec::new();
    let mut literals = Vec::new();
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}')?;
        literals.push(&rest[..open]);
        names.push(rest[open + 1..close].to_owned());
        rest = &rest[close + 1..];
    }
    literals.push(rest);
    let mut line_rest = line.strip_prefix(literals[0])?;
    let mut values = Vec::new();
    for (index, name) in names.into_iter().enumerate() {
        let literal = literals[index + 1];
        let is_last = index + 2 == literals.len();
        let end = if is_last {
            if !line_rest.ends_with(literal) {
                return None;
            }
            line_rest.len() - literal.len()
        } else if literal.is_empty() {
            return None;
        } else {
            line_rest.find(literal)?
        };
        values.push((name, &line_rest[..end]));
        line_rest = &line_rest[end + literal.len()..];
    }
    if literals.len() == 1 && !line_rest.is_empty() {
        return None;
    }
    Some(values)
}

/// Number words for small counts, as the documents print them: "Two victim service agencies".
const NUMBER_WORDS: &[&str] = &[
    "No",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
    "Twenty",
];

/// "Two" for 2; digits past twenty.
pub(crate) fn number_word(count: u32) -> String {
    usize::try_from(count)
        .ok()
        .and_then(|i| NUMBER_WORDS.get(i))
        .map_or_else(|| count.to_string(), |word| (*word).to_owned())
}

/// 2 for "Two" (any case), or the number for digits.
pub(crate) fn parse_number_word(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Ok(n) = text.replace(',', "").parse() {
        return Some(n);
    }
    let found = NUMBER_WORDS
        .iter()
        .position(|w| w.eq_ignore_ascii_case(text))?;
    u32::try_from(found).ok()
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "December 2012" for "2012-12".
pub(crate) fn month_in_words(month: &tipkit_model::YearMonth) -> String {
    format!(
        "{} {}",
        MONTHS[usize::from(month.month().clamp(1, 12)) - 1],
        month.year()
    )
}

/// "2012-12" for "December 2012".
pub(crate) fn parse_month_in_words(text: &str) -> Option<tipkit_model::YearMonth> {
    let (month, year) = text.trim().split_once(' ')?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? + 1;
    let year: u16 = year.trim().parse().ok()?;
    tipkit_model::YearMonth::new(format!("{year:04}-{month:02}")).ok()
}

const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/// "I" for region 1.
pub(crate) fn roman(region: tipkit_model::HhsRegion) -> &'static str {
    ROMAN[usize::from(region.get()) - 1]
}

/// 1 for "I".
pub(crate) fn parse_roman(text: &str) -> Option<tipkit_model::HhsRegion> {
    let index = ROMAN.iter().position(|r| *r == text.trim())?;
    tipkit_model::HhsRegion::new(u8::try_from(index + 1).ok()?).ok()
}

/// "central", "central and southwest", "a, b and c".
pub(crate) fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The words of "a, b and c".
pub(crate) fn split_words(text: &str) -> Vec<String> {
    text.split(", ")
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_and_extract_are_inverse() {
        let line = fill(
            STATISTICS,
            &[("the_state", "New Hampshire"), ("url", "https://x.org/nh")],
        );
        assert_eq!(
            line,
            "For more statistics on human trafficking in New Hampshire, visit <https://x.org/nh>."
        );
        let values = extract(STATISTICS, &[], &line).unwrap();
        assert_eq!(
            values,
            [
                ("the_state".to_owned(), "New Hampshire"),
                ("url".to_owned(), "https://x.org/nh")
            ]
        );
        assert!(extract(STATISTICS, &[], "For more statistics, see elsewhere.").is_none());
        assert!(extract(CASES_REPORTED, &[], "Cases Reported").is_some());
        assert!(extract(CASES_REPORTED, &[], "Cases Reported!").is_none());
    }

    #[test]
    fn known_values_disambiguate() {
        let line = "… Areas in central and southwest Connecticut contain red shading. …";
        let template = "… Areas in {areas} {state} contain red shading. …";
        let values = extract(template, &[("state", "Connecticut")], line).unwrap();
        assert_eq!(values, [("areas".to_owned(), "central and southwest")]);
    }

    #[test]
    fn names_that_take_the_and_printed_venues() {
        assert_eq!(
            the_state("District of Columbia"),
            "the District of Columbia"
        );
        assert_eq!(the_state("Connecticut"), "Connecticut");
        assert_eq!(printed_venue("Hotel/Motel-Based"), "Hotel-/Motel-Based");
        assert_eq!(
            printed_venue("Residential Brothels"),
            "Residential Brothels"
        );
        assert_eq!(venue_label("Hotel-/Motel-Based"), "Hotel/Motel-Based");
        assert_eq!(venue_label("Hotel/Motel-Based"), "Hotel/Motel-Based");
    }

    #[test]
    fn list_link_and_law_syntax_read_back() {
        assert_eq!(read_bulleted(&bulleted("x")), Some("x"));
        assert_eq!(read_numbered(&numbered(2, "Bars")), Some(("3", "Bars")));
        assert_eq!(read_numbered("A. Bars"), None);
        let with = link("Task Force", Some("https://x.org"));
        assert_eq!(with, "[Task Force](https://x.org)");
        assert_eq!(
            read_link(&with),
            Some(("Task Force", Some("https://x.org")))
        );
        assert_eq!(read_link(&link("Plan", None)), Some(("Plan", None)));
        assert_eq!(read_link("Plan"), None);
        let law = format!("Trafficking{LAW_SEPARATOR}{}", link("§ 1", None));
        assert_eq!(read_law(&law), Some(("Trafficking", "[§ 1](#)")));
        assert_eq!(bare_url("https://x.org"), "<https://x.org>");
    }

    #[test]
    fn words_and_numbers() {
        assert_eq!(number_word(2), "Two");
        assert_eq!(number_word(21), "21");
        assert_eq!(parse_number_word("Two"), Some(2));
        assert_eq!(parse_number_word("1,204"), Some(1204));
        let month = tipkit_model::YearMonth::new("2012-12").unwrap();
        assert_eq!(month_in_words(&month), "December 2012");
        assert_eq!(parse_month_in_words("December 2012"), Some(month));
        assert_eq!(
            join_words(&["central".into(), "southwest".into()]),
            "central and southwest"
        );
        assert_eq!(split_words("a, b and c"), ["a", "b", "c"]);
    }
}
