//! Reading a published profile in its text form back into a profile.

use tipkit_model::{
    Age, CallTypes, Citation, Citizenship, DemographicBlock, DemographicClass, Demographics,
    EffortList, Gender, HeatMap, HhsRegion, Hotline, HotlineCases, JURISDICTIONS, JurisdictionCode,
    LaborVenue, Law, Link, Phone, Profile, RankedVenue, ReportingPeriod, SexVenue,
    StatewideEfforts, Status, Venue, Year, web_url_problem,
};

use crate::template as t;

/// A document that cannot be read, at a line of its text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ImportError {
    /// The 1-based line of the problem.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn error<T>(line: usize, message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError {
        line,
        message: message.into(),
    })
}

/// Which part of the document the lines belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Top,
    /// The demographics, in this block if any.
    Demographics(Option<DemographicBlock>),
    SexVenues,
    LaborVenues,
    Laws,
    /// The statewide efforts, in this effort list if any.
    Efforts(Option<EffortList>),
    Hotlines,
}

/// The lines every document prints, in print order: headings, required sentences, and the
/// "TOP N" of each venue list. Each is matched once, in this order; a section a draft lacks is
/// one "not yet transcribed" mark in place of all of its marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Title,
    Region,
    Purpose,
    HeatMap,
    CasesReported,
    PersonsTrafficked,
    Demographics,
    Citizenship,
    Gender,
    Age,
    NonCumulative,
    Statistics,
    SexTop,
    SexVenues,
    LaborTop,
    LaborVenues,
    CallTypes,
    Disclaimer,
    Laws,
    Efforts,
    Referral,
    ReferralUrl,
    Collaborations,
    Resources,
    FundingOpportunities,
    Campaigns,
    Hotlines,
    HotlineParagraph,
}

impl Mark {
    const ALL: [Mark; 28] = [
        Mark::Title,
        Mark::Region,
        Mark::Purpose,
        Mark::HeatMap,
        Mark::CasesReported,
        Mark::PersonsTrafficked,
        Mark::Demographics,
        Mark::Citizenship,
        Mark::Gender,
        Mark::Age,
        Mark::NonCumulative,
        Mark::Statistics,
        Mark::SexTop,
        Mark::SexVenues,
        Mark::LaborTop,
        Mark::LaborVenues,
        Mark::CallTypes,
        Mark::Disclaimer,
        Mark::Laws,
        Mark::Efforts,
        Mark::Referral,
        Mark::ReferralUrl,
        Mark::Collaborations,
        Mark::Resources,
        Mark::FundingOpportunities,
        Mark::Campaigns,
        Mark::Hotlines,
        Mark::HotlineParagraph,
    ];

    /// The section whose "not yet transcribed" mark stands for this line in a draft.
    fn section(self) -> Option<&'static str> {
        Some(match self {
            Self::Purpose => t::SECTION_REPORTING_PERIOD,
            Self::HeatMap => t::SECTION_HEAT_MAP,
            Self::CasesReported | Self::PersonsTrafficked => t::SECTION_HOTLINE_CASES,
            Self::Demographics
            | Self::Citizenship
            | Self::Gender
            | Self::Age
            | Self::NonCumulative => t::SECTION_DEMOGRAPHICS,
            Self::SexTop | Self::SexVenues => t::SECTION_SEX_VENUES,
            Self::LaborTop | Self::LaborVenues => t::SECTION_LABOR_VENUES,
            Self::CallTypes | Self::Disclaimer => t::SECTION_CALL_TYPES,
            Self::Laws => t::SECTION_LAWS,
            Self::Efforts
            | Self::Referral
            | Self::ReferralUrl
            | Self::Collaborations
            | Self::Resources
            | Self::FundingOpportunities
            | Self::Campaigns => t::SECTION_EFFORTS,
            Self::Title
            | Self::Region
            | Self::Statistics
            | Self::Hotlines
            | Self::HotlineParagraph => return None,
        })
    }

    /// The fine-print note is the only line a document may leave out.
    fn required(self) -> bool {
        self != Mark::NonCumulative
    }

    /// The line, as an error message names it.
    fn describe(self) -> String {
        let sentence = |template: &str| {
            let template = t::fill(
                template,
                &[
                    ("count", "<N>"),
                    ("state", "<State>"),
                    ("the_state", "<State>"),
                ],
            );
            let words: Vec<&str> = template.split(' ').take(6).collect();
            format!("the sentence \"{} …\"", words.join(" "))
        };
        let heading = |template: &str| {
            format!(
                "the heading \"{}\"",
                t::fill(
                    template,
                    &[("state", "<State>"), ("year", "<year>"), ("count", "<N>")]
                )
            )
        };
        match self {
            Self::Title => heading(t::TITLE),
            Self::Region => format!("the line \"{}\"", t::REGION.replace("{roman}", "<I to X>")),
            Self::Purpose => sentence(t::PURPOSE),
            Self::HeatMap => sentence(t::HEAT_MAP),
            Self::CasesReported => format!("a number over \"{}\"", t::CASES_REPORTED),
            Self::PersonsTrafficked => format!("a number over \"{}\"", t::PERSONS_TRAFFICKED),
            Self::Demographics => heading(t::DEMOGRAPHICS),
            Self::Citizenship => heading(DemographicBlock::Citizenship.label()),
            Self::Gender => heading(DemographicBlock::Gender.label()),
            Self::Age => heading(DemographicBlock::Age.label()),
            Self::NonCumulative => sentence(t::NON_CUMULATIVE),
            Self::Statistics => sentence(t::STATISTICS),
            Self::SexTop | Self::LaborTop => heading(t::TOP),
            Self::SexVenues => heading(t::SEX_VENUES),
            Self::LaborVenues => heading(t::LABOR_VENUES),
            Self::CallTypes => heading(t::CALL_TYPES),
            Self::Disclaimer => sentence(t::DISCLAIMER),
            Self::Laws => heading(t::LAWS),
            Self::Efforts => heading(t::EFFORTS),
            Self::Referral => sentence(t::REFERRAL_MANY),
            Self::ReferralUrl => format!("the line \"<{}>\"", t::REFERRAL_DIRECTORY_URL),
            Self::Collaborations => heading(EffortList::Collaborations.label()),
            Self::Resources => heading(EffortList::Resources.label()),
            Self::FundingOpportunities => heading(EffortList::FundingOpportunities.label()),
            Self::Campaigns => heading(EffortList::Campaigns.label()),
            Self::Hotlines => heading(t::HOTLINES),
            Self::HotlineParagraph => sentence(t::HOTLINE_PARAGRAPH),
        }
    }

    /// What an error says is missing: the line, or the mark of its section.
    fn expected(self) -> String {
        let first_of_section = self.section().is_some_and(|section| {
            Mark::ALL
                .iter()
                .find(|m| m.section() == Some(section))
                .is_some_and(|&first| first == self)
        });
        match self.section() {
            Some(section) if first_of_section => format!(
                "{} (or \"{}\")",
                self.describe(),
                t::fill(t::NOT_YET_TRANSCRIBED, &[("section", section)])
            ),
            _ => self.describe(),
        }
    }
}

/// What the document has said so far: where it is in the order of its lines, and each part of
/// the profile read so far.
#[derive(Default)]
struct Found {
    order: Order,
    state: Option<(String, JurisdictionCode)>,
    region: Option<HhsRegion>,
    period: Option<ReportingPeriod>,
    heat_map: Option<HeatMap>,
    /// A headline number waiting for its label, with its line.
    number: Option<(u32, usize)>,
    cases_reported: Option<u32>,
    persons: Option<u32>,
    demographics: Option<Demographics>,
    url: Option<String>,
    /// A "TOP N" line waiting for its list, with its line.
    top: Option<(usize, usize)>,
    sex: VenueList<SexVenue>,
    labor: VenueList<LaborVenue>,
    call_types: Option<CallTypes>,
    laws: Option<Vec<Law>>,
    efforts: Option<StatewideEfforts>,
    hotlines: Vec<Hotline>,
    marked_missing: bool,
}

/// Where the document is in [`Mark::ALL`]: the next mark it may print, and the last one it
/// printed.
#[derive(Default)]
struct Order {
    next: usize,
    last: Option<Mark>,
}

impl Order {
    /// Moves past the marks `first..=last` at line `number`: every required mark before them
    /// must have been printed, and none of them may come again.
    fn reach_range(&mut self, first: Mark, last: Mark, number: usize) -> Result<(), ImportError> {
        let (first_index, last_index) = (first as usize, last as usize);
        if first_index < self.next {
            let after = self
                .last
                .map_or_else(String::new, |m| format!(", after {}", m.describe()));
            return error(
                number,
                format!(
                    "{} is repeated or out of place here{after}",
                    first.describe()
                ),
            );
        }
        if let Some(skipped) = Mark::ALL[self.next..first_index]
            .iter()
            .find(|m| m.required())
        {
            return error(
                number,
                format!("expected {} before this line", skipped.expected()),
            );
        }
        self.next = last_index + 1;
        self.last = Some(last);
        Ok(())
    }

    fn reach(&mut self, mark: Mark, number: usize) -> Result<(), ImportError> {
        self.reach_range(mark, mark, number)
    }

    /// Every required mark has been printed by the end of the document.
    fn reached_all(&self, last_line: usize) -> Result<(), ImportError> {
        match Mark::ALL[self.next.min(Mark::ALL.len())..]
            .iter()
            .find(|m| m.required())
        {
            Some(missing) => error(
                last_line.max(1),
                format!("the document ends without {}", missing.expected()),
            ),
            None => Ok(()),
        }
    }
}

/// A venue list: the "TOP N" over it, with its line, and its venues, once its heading came.
struct VenueList<V> {
    top: Option<(usize, usize)>,
    venues: Option<Vec<RankedVenue<V>>>,
}

impl<V> Default for VenueList<V> {
    fn default() -> Self {
        Self {
            top: None,
            venues: None,
        }
    }
}

impl<V: Venue> VenueList<V> {
    /// The heading: the list starts, under the "TOP N" before it.
    fn start(&mut self, top: Option<(usize, usize)>) {
        self.top = top;
        self.venues = Some(Vec::new());
    }

    /// `<rank>. <venue>`, in the printed spelling or the label.
    fn push(&mut self, rank: u32, label: &str, kind: &str, line: usize) -> Result<(), ImportError> {
        let venue =
            V::from_label_or_alias(t::venue_label(label.trim())).ok_or_else(|| ImportError {
                line,
                message: format!("`{label}` is not a known {kind} trafficking venue"),
            })?;
        self.venues
            .get_or_insert_with(Vec::new)
            .push(RankedVenue::new(rank, venue));
        Ok(())
    }

    /// The "TOP N" announces as many venues as the list has.
    fn check(&self, heading: &str) -> Result<(), ImportError> {
        match (self.top, &self.venues) {
            (Some((announced, at)), Some(venues)) if announced != venues.len() => error(
                at,
                format!(
                    "\"TOP {announced}\" announces {announced} {heading}, but {} are listed",
                    venues.len()
                ),
            ),
            _ => Ok(()),
        }
    }
}

/// Reads a published profile in its text form, as in the published documents. Every heading and
/// required sentence of the template must be there, in order, and every URL must be an https: or
/// http: URL; otherwise the error names the line. Venues may be in their printed spelling or
/// their label ("Hotel-/Motel-Based" or "Hotel/Motel-Based"), counts in words or digits. The
/// hotline's yearly figures are not in the document, so the profile has none.
pub fn import(text: &str) -> Result<Profile, ImportError> {
    let mut found = Found::default();
    let mut part = Part::Top;
    let mut last_line = 0;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        last_line = number;
        part = read_line(&mut found, part, line, number)?;
    }
    found.order.reached_all(last_line)?;
    check_lists(&found)?;
    finish(found, last_line)
}

/// One non-empty line of the document, with the state's names that its templates take.
struct Line<'a> {
    text: &'a str,
    number: usize,
    state: &'a str,
    the_state: &'a str,
}

impl<'a> Line<'a> {
    /// The values of `template`'s other placeholders, if this line is that template.
    fn matches(&self, template: &str) -> Option<Vec<(String, &'a str)>> {
        let known = [("state", self.state), ("the_state", self.the_state)];
        t::extract(template, &known, self.text)
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, ImportError> {
        error(self.number, message)
    }
}

/// What a part makes of a line: `None` when the line is not its own; otherwise the part the next
/// lines belong to, or the error at this line.
type Read = Option<Result<Part, ImportError>>;

/// The readers of the parts of the document after its title, one per part, in print order but
/// for the headline figures (a number waits for its label on the next line, whatever that line
/// is). A line goes to the first reader that takes it; each reader checks its marks' order.
const PARTS: [fn(&mut Found, Part, &Line<'_>) -> Read; 12] = [
    read_figures,
    read_not_yet_transcribed,
    read_region,
    read_purpose,
    read_heat_map,
    read_demographics,
    read_statistics,
    read_venue_lists,
    read_call_types,
    read_laws,
    read_efforts,
    read_hotlines,
];

fn read_line(
    found: &mut Found,
    part: Part,
    text: &str,
    number: usize,
) -> Result<Part, ImportError> {
    let Some((state, _)) = &found.state else {
        return read_title(found, text, number);
    };
    let state = state.clone();
    let the_state = t::the_state(&state);
    let line = Line {
        text,
        number,
        state: &state,
        the_state: &the_state,
    };
    PARTS
        .iter()
        .find_map(|read| read(found, part, &line))
        .unwrap_or_else(|| {
            line.error(format!(
                "this line is not part of a state profile: `{text}`"
            ))
        })
}

/// `<State>: Efforts to Combat Human Trafficking`, the first line.
fn read_title(found: &mut Found, text: &str, number: usize) -> Result<Part, ImportError> {
    let Some(values) = t::extract(t::TITLE, &[], text) else {
        return error(
            number,
            format!(
                "expected the title, \"{}\"",
                t::TITLE.replace("{state}", "<State>")
            ),
        );
    };
    let name = values[0].1;
    let Some(jurisdiction) = JURISDICTIONS.iter().find(|j| j.name == name) else {
        return error(
            number,
            format!("`{name}` is not the name of a state or territory"),
        );
    };
    found.state = Some((name.to_owned(), jurisdiction.code));
    found.order.reach(Mark::Title, number)?;
    Ok(Part::Top)
}

/// The headline figures: a number on its own line, then its label on the next.
fn read_figures(found: &mut Found, part: Part, line: &Line<'_>) -> Read {
    if let Some((value, at)) = found.number.take() {
        return Some(
            match line.text {
                t::CASES_REPORTED => found
                    .order
                    .reach(Mark::CasesReported, line.number)
                    .map(|()| found.cases_reported = Some(value)),
                t::PERSONS_TRAFFICKED => found
                    .order
                    .reach(Mark::PersonsTrafficked, line.number)
                    .map(|()| found.persons = Some(value)),
                _ => error(
                    at,
                    format!(
                        "a number, {value}, with no \"{}\" or \"{}\" after it",
                        t::CASES_REPORTED,
                        t::PERSONS_TRAFFICKED
                    ),
                ),
            }
            .map(|()| part),
        );
    }
    let text = line.text;
    if part != Part::Top || !text.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    Some(match t::parse_number_word(text) {
        Some(value) => {
            found.number = Some((value, line.number));
            Ok(part)
        }
        None => line.error(format!("`{text}` is too large a count")),
    })
}

/// `<Section>: not yet transcribed.`, in place of all the marks of a section a draft lacks.
fn read_not_yet_transcribed(found: &mut Found, _: Part, line: &Line<'_>) -> Read {
    let section = line.matches(t::NOT_YET_TRANSCRIBED)?[0].1;
    let mut marks = Mark::ALL.iter().filter(|m| m.section() == Some(section));
    let first = marks.next();
    let (Some(&first), Some(&last)) = (first, marks.next_back().or(first)) else {
        return Some(line.error(format!("`{section}` is not a section of a state profile")));
    };
    Some(found.order.reach_range(first, last, line.number).map(|()| {
        found.marked_missing = true;
        Part::Top
    }))
}

fn read_region(found: &mut Found, _: Part, line: &Line<'_>) -> Read {
    let roman = line.matches(t::REGION)?[0].1;
    let Some(region) = t::parse_roman(roman) else {
        return Some(line.error(format!("`{roman}` is not an HHS region, I to X")));
    };
    Some(found.order.reach(Mark::Region, line.number).map(|()| {
        found.region = Some(region);
        Part::Top
    }))
}

fn read_purpose(found: &mut Found, _: Part, line: &Line<'_>) -> Read {
    let values = line.matches(t::PURPOSE)?;
    let mut read = || {
        found.order.reach(Mark::Purpose, line.number)?;
        let month = |text: &str| {
            t::parse_month_in_words(text).ok_or_else(|| ImportError {
                line: line.number,
                message: format!("`{text}` is not a month and year, \"December 2012\""),
            })
        };
        found.period = Some(ReportingPeriod::new(
            month(values[0].1)?,
            month(values[1].1)?,
        ));
        Ok(Part::Top)
    };
    Some(read())
}

fn read_heat_map(found: &mut Found, _: Part, line: &Line<'_>) -> Read {
    let values = line.matches(t::HEAT_MAP)?;
    let mut read = || {
        found.order.reach(Mark::HeatMap, line.number)?;
        let year = parse_year(values[0].1, line.number)?;
        found.heat_map = Some(HeatMap::new(year, t::split_words(values[1].1)));
        Ok(Part::Top)
    };
    Some(read())
}

/// The mark of each demographic block's heading (the model spells the headings).
const BLOCK_MARKS: [(DemographicBlock, Mark); 3] = [
    (DemographicBlock::Citizenship, Mark::Citizenship),
    (DemographicBlock::Gender, Mark::Gender),
    (DemographicBlock::Age, Mark::Age),
];

/// "DEMOGRAPHICS …", then each block's heading and `<class>: <count>` lines, and the fine print.
fn read_demographics(found: &mut Found, part: Part, line: &Line<'_>) -> Read {
    if line.text == t::DEMOGRAPHICS {
        return Some(
            found
                .order
                .reach(Mark::Demographics, line.number)
                .map(|()| {
                    found.demographics = Some(Demographics::new(
                        Citizenship::default(),
                        Gender::default(),
                        Age::default(),
                        false,
                    ));
                    Part::Demographics(None)
                }),
        );
    }
    let Part::Demographics(block) = part else {
        return None;
    };
    if let Some(&(heading, mark)) = BLOCK_MARKS.iter().find(|b| b.0.label() == line.text) {
        return Some(
            found
                .order
                .reach(mark, line.number)
                .map(|()| Part::Demographics(Some(heading))),
        );
    }
    if let (Some(values), Some(d)) = (line.matches(t::CLASS), found.demographics.as_mut()) {
        let (class, count) = (values[0].1, values[1].1);
        let Some(count) = t::parse_number_word(count) else {
            return Some(line.error(format!("`{count}` is not a count")));
        };
        let Some(&class) = DemographicClass::ALL
            .iter()
            .find(|c| Some(c.block()) == block && c.label() == class)
        else {
            return Some(line.error(format!(
                "`{class}` is not a class of this demographic block"
            )));
        };
        *class.count_mut(d) = Some(count);
        return Some(Ok(part));
    }
    if line.text == t::NON_CUMULATIVE {
        return Some(
            found
                .order
                .reach(Mark::NonCumulative, line.number)
                .map(|()| {
                    if let Some(d) = found.demographics.as_mut() {
                        d.non_cumulative_note = true;
                    }
                    part
                }),
        );
    }
    None
}

fn read_statistics(found: &mut Found, _: Part, line: &Line<'_>) -> Read {
    let url = line.matches(t::STATISTICS)?[0].1;
    let mut read = || {
        found.order.reach(Mark::Statistics, line.number)?;
        check_url(url, line.number)?;
        found.url = Some(url.to_owned());
        Ok(Part::Top)
    };
    Some(read())
}

/// `TOP <N>` over each venue list's heading, then its numbered venues.
fn read_venue_lists(found: &mut Found, part: Part, line: &Line<'_>) -> Read {
    if let Some(values) = line.matches(t::TOP) {
        let Some(count) = t::parse_number_word(values[0].1) else {
            return Some(line.error(format!("`{}` has no count", line.text)));
        };
        let mark = if found.order.next <= Mark::SexTop as usize {
            Mark::SexTop
        } else {
            Mark::LaborTop
        };
        return Some(found.order.reach(mark, line.number).map(|()| {
            found.top = Some((usize::try_from(count).unwrap_or(usize::MAX), line.number));
            Part::Top
        }));
    }
    let heading = match line.text {
        t::SEX_VENUES => Some((Mark::SexVenues, Part::SexVenues)),
        t::LABOR_VENUES => Some((Mark::LaborVenues, Part::LaborVenues)),
        _ => None,
    };
    if let Some((mark, list)) = heading {
        return Some(found.order.reach(mark, line.number).map(|()| {
            let top = found.top.take();
            if list == Part::SexVenues {
                found.sex.start(top);
            } else {
                found.labor.start(top);
            }
            list
        }));
    }
    if !matches!(part, Part::SexVenues | Part::LaborVenues) {
        return None;
    }
    let (rank, label) = t::read_numbered(line.text)?;
    let mut read = || {
        let rank: u32 = rank.parse().map_err(|_| ImportError {
            line: line.number,
            message: format!("`{rank}` is not a rank"),
        })?;
        if part == Part::SexVenues {
            found.sex.push(rank, label, "sex", line.number)?;
        } else {
            found.labor.push(rank, label, "labor", line.number)?;
        }
        Ok(part)
    };
    Some(read())
}

/// The call types heading and the disclaimer under it.
fn read_call_types(found: &mut Found, _: Part, line: &Line<'_>) -> Read {
    if line.text == t::DISCLAIMER {
        return Some(
            found
                .order
                .reach(Mark::Disclaimer, line.number)
                .map(|()| Part::Top),
        );
    }
    let year = line.matches(t::CALL_TYPES)?[0].1;
    let mut read = || {
        found.order.reach(Mark::CallTypes, line.number)?;
        found.call_types = Some(CallTypes::new(parse_year(year, line.number)?));
        Ok(Part::Top)
    };
    Some(read())
}

/// The laws heading, then one `- <title> | <citation link>` line per law.
fn read_laws(found: &mut Found, part: Part, line: &Line<'_>) -> Read {
    if line.matches(t::LAWS).is_some() {
        return Some(found.order.reach(Mark::Laws, line.number).map(|()| {
            found.laws = Some(Vec::new());
            Part::Laws
        }));
    }
    if part != Part::Laws {
        return None;
    }
    let item = t::read_bulleted(line.text)?;
    let mut read = || {
        let Some((title, citation)) = t::read_law(item) else {
            let written = format!(
                "<title>{}{}",
                t::LAW_SEPARATOR,
                t::link("§ <section>", Some("<url>"))
            );
            return line.error(format!("a law is written \"{}\"", t::bulleted(&written)));
        };
        let (citation, url) = link(citation, line.number)?;
        let citation = Citation::new(citation).map_err(|e| ImportError {
            line: line.number,
            message: e.to_string(),
        })?;
        let mut law = Law::new(title, citation);
        law.url = url;
        found.laws.get_or_insert_with(Vec::new).push(law);
        Ok(part)
    };
    Some(read())
}

/// The mark of each effort list's heading (the model spells the headings).
const LIST_MARKS: [(EffortList, Mark); 4] = [
    (EffortList::Collaborations, Mark::Collaborations),
    (EffortList::Resources, Mark::Resources),
    (EffortList::FundingOpportunities, Mark::FundingOpportunities),
    (EffortList::Campaigns, Mark::Campaigns),
];

/// The statewide efforts heading, the referral sentence and URL, then each effort list's
/// heading and its `- <link>` lines.
fn read_efforts(found: &mut Found, part: Part, line: &Line<'_>) -> Read {
    if line.matches(t::EFFORTS).is_some() {
        return Some(found.order.reach(Mark::Efforts, line.number).map(|()| {
            found.efforts = Some(StatewideEfforts::default());
            Part::Efforts(None)
        }));
    }
    let Part::Efforts(list) = part else {
        return None;
    };
    if let Some(values) = line
        .matches(t::REFERRAL_MANY)
        .or_else(|| line.matches(t::REFERRAL_ONE))
    {
        let mut read = || {
            found.order.reach(Mark::Referral, line.number)?;
            let Some(count) = t::parse_number_word(values[0].1) else {
                return line.error(format!("`{}` is not a number", values[0].1));
            };
            efforts_of(found).referral_directory_agencies = count;
            Ok(part)
        };
        return Some(read());
    }
    if line.text == t::bare_url(t::REFERRAL_DIRECTORY_URL) {
        return Some(
            found
                .order
                .reach(Mark::ReferralUrl, line.number)
                .map(|()| part),
        );
    }
    if let Some(&(heading, mark)) = LIST_MARKS.iter().find(|l| l.0.label() == line.text) {
        return Some(
            found
                .order
                .reach(mark, line.number)
                .map(|()| Part::Efforts(Some(heading))),
        );
    }
    let (list, item) = (list?, t::read_bulleted(line.text)?);
    let mut read = || {
        let (name, url) = link(item, line.number)?;
        let mut entry = Link::new(name);
        entry.url = url;
        list.links_mut(efforts_of(found)).push(entry);
        Ok(part)
    };
    Some(read())
}

/// The hotlines heading, one phone line per hotline (`<name>: <phone>`, the national hotline by
/// its number alone), and the paragraph after them.
fn read_hotlines(found: &mut Found, part: Part, line: &Line<'_>) -> Read {
    match line.text {
        t::HOTLINE_PARAGRAPH => {
            return Some(
                found
                    .order
                    .reach(Mark::HotlineParagraph, line.number)
                    .and_then(|()| {
                        if found.hotlines.is_empty() {
                            return line.error(format!(
                                "no hotline number under \"{}\" before this line",
                                t::HOTLINES
                            ));
                        }
                        Ok(Part::Top)
                    }),
            );
        }
        t::HOTLINES => {
            return Some(
                found
                    .order
                    .reach(Mark::Hotlines, line.number)
                    .map(|()| Part::Hotlines),
            );
        }
        _ => {}
    }
    if part != Part::Hotlines {
        return None;
    }
    let (name, phone) = line
        .text
        .rsplit_once(": ")
        .unwrap_or((Hotline::NATIONAL_NAME, line.text));
    let phone = Phone::new(phone).ok()?;
    found.hotlines.push(Hotline::new(name, phone));
    Some(Ok(part))
}

fn efforts_of(found: &mut Found) -> &mut StatewideEfforts {
    found.efforts.get_or_insert_with(StatewideEfforts::default)
}

/// A link's text and URL ("#" is no URL; text that is not a link is text without a URL). A URL
/// that is not an https: or http: URL, or holds what no real URL holds, is an error.
fn link(text: &str, line: usize) -> Result<(&str, Option<String>), ImportError> {
    match t::read_link(text) {
        Some((text, Some(url))) => {
            check_url(url, line)?;
            Ok((text, Some(url.to_owned())))
        }
        Some((text, None)) => Ok((text, None)),
        None => Ok((text, None)),
    }
}

fn check_url(url: &str, line: usize) -> Result<(), ImportError> {
    match web_url_problem(url) {
        Some(problem) => error(
            line,
            format!("`{url}` {problem}; a profile links only to https: and http: URLs"),
        ),
        None => Ok(()),
    }
}

fn parse_year(text: &str, line: usize) -> Result<Year, ImportError> {
    text.parse::<u16>()
        .ok()
        .and_then(|y| Year::new(y).ok())
        .ok_or_else(|| ImportError {
            line,
            message: format!("`{text}` is not a year"),
        })
}

/// No number is left without its label, and each "TOP N" announces as many venues as its list
/// has.
fn check_lists(found: &Found) -> Result<(), ImportError> {
    if let Some((value, at)) = found.number {
        return error(at, format!("a number, {value}, with no label after it"));
    }
    if let Some((_, at)) = found.top {
        return error(
            at,
            format!(
                "\"TOP …\" with no \"{}\" or \"{}\" after it",
                t::SEX_VENUES,
                t::LABOR_VENUES
            ),
        );
    }
    found.sex.check(t::SEX_VENUES)?;
    found.labor.check(t::LABOR_VENUES)?;
    Ok(())
}

fn finish(found: Found, last_line: usize) -> Result<Profile, ImportError> {
    let Some((name, code)) = found.state else {
        return error(
            last_line.max(1),
            "no title line \"<State>: Efforts to Combat Human Trafficking\"",
        );
    };
    let Some(region) = found.region else {
        return error(
            last_line,
            format!(
                "no region line, \"{}\"",
                t::REGION.replace("{roman}", "<I to X>")
            ),
        );
    };
    let Some(url) = found.url else {
        return error(
            last_line,
            "no statistics line, \"For more statistics on human trafficking in … visit <…>.\"",
        );
    };
    if found.hotlines.is_empty() {
        return error(last_line, format!("no hotline under \"{}\"", t::HOTLINES));
    }
    let hotline_cases = match (found.cases_reported, found.persons) {
        (Some(cases), Some(persons)) => Some(HotlineCases::new(cases, persons)),
        (None, None) => None,
        _ => {
            return error(
                last_line,
                format!(
                    "only one of \"{}\" and \"{}\"",
                    t::CASES_REPORTED,
                    t::PERSONS_TRAFFICKED
                ),
            );
        }
    };
    let mut profile = Profile::draft(code);
    profile.state.name = name;
    profile.hhs_region = region;
    profile.reporting_period = found.period;
    profile.heat_map = found.heat_map;
    profile.hotline_cases = hotline_cases;
    profile.demographics = found.demographics;
    profile.state_statistics_url = url;
    profile.sex_trafficking_venues = found.sex.venues;
    profile.labor_trafficking_venues = found.labor.venues;
    profile.call_types = found.call_types;
    profile.laws = found.laws;
    profile.statewide_efforts = found.efforts;
    profile.hotlines = found.hotlines;
    let complete = profile.missing_sections().is_empty();
    if complete && !found.marked_missing {
        profile.status = Status::Published;
    }
    Ok(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../tests/fixtures/documents/ct.txt");

    fn error_of(from: &str, to: &str) -> String {
        assert!(SEED.contains(from), "{from}");
        import(&SEED.replace(from, to)).unwrap_err().to_string()
    }

    #[test]
    fn each_part_words_its_own_mistakes() {
        let law = "- Development of Response System for Victims of Trafficking in Persons: Contracts | [§ 54-234](#)";
        assert_eq!(
            error_of(law, "- A law without its citation"),
            "line 77: a law is written \"- <title> | [§ <section>](<url>)\""
        );
        assert_eq!(
            error_of("Female: 161", "Foreign National: 161"),
            "line 33: `Foreign National` is not a class of this demographic block"
        );
        assert_eq!(
            error_of("186\nCases Reported", "186\nCases"),
            "line 16: a number, 186, with no \"Cases Reported\" or \"Potential Persons Trafficked\" after it"
        );
    }

    #[test]
    fn every_block_and_effort_list_of_the_model_has_its_mark() {
        let blocks: Vec<DemographicBlock> = BLOCK_MARKS.iter().map(|b| b.0).collect();
        assert_eq!(blocks, DemographicBlock::ALL);
        let lists: Vec<EffortList> = LIST_MARKS.iter().map(|l| l.0).collect();
        assert_eq!(lists, EffortList::ALL);
    }
}
