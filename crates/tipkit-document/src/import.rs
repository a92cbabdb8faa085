//! Reading a published profile in its text form back into a profile.

use tipkit_model::{
    Age, CallTypes, Citation, Citizenship, Demographics, Gender, HeatMap, HhsRegion, Hotline,
    HotlineCases, JURISDICTIONS, JurisdictionCode, LaborVenue, Law, Link, Phone, Profile,
    RankedVenue, ReportingPeriod, SexVenue, StatewideEfforts, Status, Venue, Year, web_url_problem,
};

use crate::template::{self as t, extract};

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
    Demographics(Block),
    SexVenues,
    LaborVenues,
    Laws,
    Efforts(Option<EffortList>),
    Hotlines,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    None,
    Citizenship,
    Gender,
    Age,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EffortList {
    Collaborations,
    Resources,
    FundingOpportunities,
    Campaigns,
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
            Self::Citizenship => heading(t::CITIZENSHIP),
            Self::Gender => heading(t::GENDER),
            Self::Age => heading(t::AGE),
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
            Self::Collaborations => heading(t::COLLABORATIONS),
            Self::Resources => heading(t::RESOURCES),
            Self::FundingOpportunities => heading(t::FUNDING_OPPORTUNITIES),
            Self::Campaigns => heading(t::CAMPAIGNS),
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

#[derive(Default)]
struct Found {
    /// The next mark the document may print, as an index into [`Mark::ALL`], and the last one
    /// it printed.
    next_mark: usize,
    last_mark: Option<Mark>,
    state: Option<(String, JurisdictionCode)>,
    region: Option<HhsRegion>,
    period: Option<ReportingPeriod>,
    heat_map: Option<HeatMap>,
    cases_reported: Option<u32>,
    persons: Option<u32>,
    demographics: Option<Demographics>,
    url: Option<String>,
    sex: Option<Vec<RankedVenue<SexVenue>>>,
    labor: Option<Vec<RankedVenue<LaborVenue>>>,
    call_types: Option<CallTypes>,
    laws: Option<Vec<Law>>,
    efforts: Option<StatewideEfforts>,
    hotlines: Vec<Hotline>,
    /// A "TOP N" line waiting for its list, with its line.
    top: Option<(usize, usize)>,
    /// The "TOP N" of each list, with its line.
    sex_top: Option<(usize, usize)>,
    labor_top: Option<(usize, usize)>,
    /// A headline number waiting for its label, with its line.
    number: Option<(u32, usize)>,
    marked_missing: bool,
}

impl Found {
    /// Moves past the marks `first..=last` at line `number`: every required mark before them
    /// must have been printed, and none of them may come again.
    fn reach_range(&mut self, first: Mark, last: Mark, number: usize) -> Result<(), ImportError> {
        let (first_index, last_index) = (first as usize, last as usize);
        if first_index < self.next_mark {
            let after = self
                .last_mark
                .map_or_else(String::new, |m| format!(", after {}", m.describe()));
            return error(
                number,
                format!(
                    "{} is repeated or out of place here{after}",
                    first.describe()
                ),
            );
        }
        if let Some(skipped) = Mark::ALL[self.next_mark..first_index]
            .iter()
            .find(|m| m.required())
        {
            return error(
                number,
                format!("expected {} before this line", skipped.expected()),
            );
        }
        self.next_mark = last_index + 1;
        self.last_mark = Some(last);
        Ok(())
    }

    fn reach(&mut self, mark: Mark, number: usize) -> Result<(), ImportError> {
        self.reach_range(mark, mark, number)
    }

    /// Every required mark has been printed by the end of the document.
    fn reached_all(&self, last_line: usize) -> Result<(), ImportError> {
        match Mark::ALL[self.next_mark.min(Mark::ALL.len())..]
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
    found.reached_all(last_line)?;
    check_lists(&found)?;
    finish(found, last_line)
}

#[allow(
    clippy::too_many_lines,
    reason = "one match over the document's lines reads best whole"
)]
fn read_line(
    found: &mut Found,
    part: Part,
    line: &str,
    number: usize,
) -> Result<Part, ImportError> {
    let Some((state, _)) = &found.state else {
        let Some(values) = extract(t::TITLE, &[], line) else {
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
        found.reach(Mark::Title, number)?;
        return Ok(Part::Top);
    };
    let state = state.clone();
    let the_state = t::the_state(&state);
    let known = [("state", state.as_str()), ("the_state", the_state.as_str())];
    let matches = |template: &str| extract(template, &known, line);

    if let Some((value, at)) = found.number.take() {
        match line {
            t::CASES_REPORTED => {
                found.reach(Mark::CasesReported, number)?;
                found.cases_reported = Some(value);
            }
            t::PERSONS_TRAFFICKED => {
                found.reach(Mark::PersonsTrafficked, number)?;
                found.persons = Some(value);
            }
            _ => {
                return error(
                    at,
                    format!(
                        "a number, {value}, with no \"{}\" or \"{}\" after it",
                        t::CASES_REPORTED,
                        t::PERSONS_TRAFFICKED
                    ),
                );
            }
        }
        return Ok(part);
    }
    if let Some(values) = matches(t::NOT_YET_TRANSCRIBED) {
        let section = values[0].1;
        let mut marks = Mark::ALL.iter().filter(|m| m.section() == Some(section));
        let first = marks.next();
        let (Some(&first), Some(&last)) = (first, marks.next_back().or(first)) else {
            return error(
                number,
                format!("`{section}` is not a section of a state profile"),
            );
        };
        found.reach_range(first, last, number)?;
        found.marked_missing = true;
        return Ok(Part::Top);
    }
    if let Some(values) = matches(t::REGION) {
        let Some(region) = t::parse_roman(values[0].1) else {
            return error(
                number,
                format!("`{}` is not an HHS region, I to X", values[0].1),
            );
        };
        found.reach(Mark::Region, number)?;
        found.region = Some(region);
        return Ok(Part::Top);
    }
    if let Some(values) = matches(t::PURPOSE) {
        found.reach(Mark::Purpose, number)?;
        let month = |text: &str| {
            t::parse_month_in_words(text).ok_or_else(|| ImportError {
                line: number,
                message: format!("`{text}` is not a month and year, \"December 2012\""),
            })
        };
        found.period = Some(ReportingPeriod::new(
            month(values[0].1)?,
            month(values[1].1)?,
        ));
        return Ok(Part::Top);
    }
    if let Some(values) = matches(t::HEAT_MAP) {
        found.reach(Mark::HeatMap, number)?;
        let year = parse_year(values[0].1, number)?;
        found.heat_map = Some(HeatMap::new(year, t::split_words(values[1].1)));
        return Ok(Part::Top);
    }
    if !line.is_empty()
        && line.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && part == Part::Top
    {
        let Some(value) = t::parse_number_word(line) else {
            return error(number, format!("`{line}` is too large a count"));
        };
        found.number = Some((value, number));
        return Ok(part);
    }
    if line == t::DEMOGRAPHICS {
        found.reach(Mark::Demographics, number)?;
        found.demographics = Some(Demographics::new(
            Citizenship::default(),
            Gender::default(),
            Age::default(),
            false,
        ));
        return Ok(Part::Demographics(Block::None));
    }
    if let Part::Demographics(block) = part {
        let heading = match line {
            t::CITIZENSHIP => Some((Block::Citizenship, Mark::Citizenship)),
            t::GENDER => Some((Block::Gender, Mark::Gender)),
            t::AGE => Some((Block::Age, Mark::Age)),
            _ => None,
        };
        if let Some((heading, mark)) = heading {
            found.reach(mark, number)?;
            return Ok(Part::Demographics(heading));
        }
        if let (Some(values), Some(d)) = (matches(t::CLASS), found.demographics.as_mut()) {
            let (class, count) = (values[0].1, values[1].1);
            let Some(count) = t::parse_number_word(count) else {
                return error(number, format!("`{count}` is not a count"));
            };
            let slot = match (block, class) {
                (Block::Citizenship, t::US_CITIZEN_OR_LPR) => &mut d.citizenship.us_citizen_or_lpr,
                (Block::Citizenship, t::FOREIGN_NATIONAL) => &mut d.citizenship.foreign_national,
                (Block::Gender, t::FEMALE) => &mut d.gender.female,
                (Block::Gender, t::MALE) => &mut d.gender.male,
                (Block::Gender, t::GENDER_MINORITIES) => &mut d.gender.gender_minorities,
                (Block::Age, t::ADULT) => &mut d.age.adult,
                (Block::Age, t::MINOR) => &mut d.age.minor,
                _ => {
                    return error(
                        number,
                        format!("`{class}` is not a class of this demographic block"),
                    );
                }
            };
            *slot = Some(count);
            return Ok(part);
        }
        if line == t::NON_CUMULATIVE {
            found.reach(Mark::NonCumulative, number)?;
            if let Some(d) = found.demographics.as_mut() {
                d.non_cumulative_note = true;
            }
            return Ok(part);
        }
    }
    if let Some(values) = matches(t::STATISTICS) {
        found.reach(Mark::Statistics, number)?;
        let url = values[0].1;
        check_url(url, number)?;
        found.url = Some(url.to_owned());
        return Ok(Part::Top);
    }
    if let Some(values) = matches(t::TOP) {
        let Some(count) = t::parse_number_word(values[0].1) else {
            return error(number, format!("`{line}` has no count"));
        };
        let mark = if found.next_mark <= Mark::SexTop as usize {
            Mark::SexTop
        } else {
            Mark::LaborTop
        };
        found.reach(mark, number)?;
        found.top = Some((usize::try_from(count).unwrap_or(usize::MAX), number));
        return Ok(Part::Top);
    }
    if line == t::SEX_VENUES {
        found.reach(Mark::SexVenues, number)?;
        found.sex = Some(Vec::new());
        found.sex_top = found.top.take();
        return Ok(Part::SexVenues);
    }
    if line == t::LABOR_VENUES {
        found.reach(Mark::LaborVenues, number)?;
        found.labor = Some(Vec::new());
        found.labor_top = found.top.take();
        return Ok(Part::LaborVenues);
    }
    if matches!(part, Part::SexVenues | Part::LaborVenues)
        && let Some((rank, label)) = line
            .split_once(". ")
            .filter(|(rank, _)| rank.bytes().all(|b| b.is_ascii_digit()))
    {
        let rank: u32 = rank.parse().map_err(|_| ImportError {
            line: number,
            message: format!("`{rank}` is not a rank"),
        })?;
        if part == Part::SexVenues {
            let venue = venue::<SexVenue>(label, "sex", number)?;
            found
                .sex
                .get_or_insert_with(Vec::new)
                .push(RankedVenue::new(rank, venue));
        } else {
            let venue = venue::<LaborVenue>(label, "labor", number)?;
            found
                .labor
                .get_or_insert_with(Vec::new)
                .push(RankedVenue::new(rank, venue));
        }
        return Ok(part);
    }
    if let Some(values) = matches(t::CALL_TYPES) {
        found.reach(Mark::CallTypes, number)?;
        found.call_types = Some(CallTypes::new(parse_year(values[0].1, number)?));
        return Ok(Part::Top);
    }
    if line == t::DISCLAIMER {
        found.reach(Mark::Disclaimer, number)?;
        return Ok(Part::Top);
    }
    if line == t::HOTLINE_PARAGRAPH {
        found.reach(Mark::HotlineParagraph, number)?;
        if found.hotlines.is_empty() {
            return error(
                number,
                format!(
                    "no hotline number under \"{}\" before this line",
                    t::HOTLINES
                ),
            );
        }
        return Ok(Part::Top);
    }
    if matches(t::LAWS).is_some() {
        found.reach(Mark::Laws, number)?;
        found.laws = Some(Vec::new());
        return Ok(Part::Laws);
    }
    if part == Part::Laws
        && let Some(item) = line.strip_prefix("- ")
    {
        let Some((title, citation)) = item.rsplit_once(" | ") else {
            return error(
                number,
                "a law is written \"- <title> | [§ <section>](<url>)\"",
            );
        };
        let (citation, url) = link(citation, number)?;
        let citation = Citation::new(citation).map_err(|e| ImportError {
            line: number,
            message: e.to_string(),
        })?;
        let mut law = Law::new(title, citation);
        law.url = url;
        found.laws.get_or_insert_with(Vec::new).push(law);
        return Ok(part);
    }
    if matches(t::EFFORTS).is_some() {
        found.reach(Mark::Efforts, number)?;
        found.efforts = Some(StatewideEfforts::default());
        return Ok(Part::Efforts(None));
    }
    if let Part::Efforts(list) = part {
        if let Some(values) = matches(t::REFERRAL_MANY).or_else(|| matches(t::REFERRAL_ONE)) {
            found.reach(Mark::Referral, number)?;
            let Some(count) = t::parse_number_word(values[0].1) else {
                return error(number, format!("`{}` is not a number", values[0].1));
            };
            efforts_of(found).referral_directory_agencies = count;
            return Ok(part);
        }
        if line == format!("<{}>", t::REFERRAL_DIRECTORY_URL) {
            found.reach(Mark::ReferralUrl, number)?;
            return Ok(part);
        }
        let heading = match line {
            t::COLLABORATIONS => Some((EffortList::Collaborations, Mark::Collaborations)),
            t::RESOURCES => Some((EffortList::Resources, Mark::Resources)),
            t::FUNDING_OPPORTUNITIES => {
                Some((EffortList::FundingOpportunities, Mark::FundingOpportunities))
            }
            t::CAMPAIGNS => Some((EffortList::Campaigns, Mark::Campaigns)),
            _ => None,
        };
        if let Some((heading, mark)) = heading {
            found.reach(mark, number)?;
            return Ok(Part::Efforts(Some(heading)));
        }
        if let (Some(list), Some(item)) = (list, line.strip_prefix("- ")) {
            let (name, url) = link(item, number)?;
            let efforts = efforts_of(found);
            let mut entry = Link::new(name);
            entry.url = url;
            match list {
                EffortList::Collaborations => efforts.collaborations.push(entry),
                EffortList::Resources => efforts.resources.push(entry),
                EffortList::FundingOpportunities => efforts.funding_opportunities.push(entry),
                EffortList::Campaigns => efforts.campaigns.push(entry),
            }
            return Ok(part);
        }
    }
    if line == t::HOTLINES {
        found.reach(Mark::Hotlines, number)?;
        return Ok(Part::Hotlines);
    }
    if part == Part::Hotlines {
        let (name, phone) = match line.rsplit_once(": ") {
            Some((name, phone)) => (name, phone),
            None => (Hotline::NATIONAL_NAME, line),
        };
        if let Ok(phone) = Phone::new(phone) {
            found.hotlines.push(Hotline::new(name, phone));
            return Ok(part);
        }
    }
    error(
        number,
        format!("this line is not part of a state profile: `{line}`"),
    )
}

fn efforts_of(found: &mut Found) -> &mut StatewideEfforts {
    found.efforts.get_or_insert_with(StatewideEfforts::default)
}

/// `[text](url)` as text and URL, "#" as no URL; anything else is text without a URL. A URL
/// that is not an https: or http: URL, or holds what no real URL holds, is an error.
fn link(text: &str, line: usize) -> Result<(&str, Option<String>), ImportError> {
    let parsed = text
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|rest| rest.rsplit_once("]("));
    Ok(match parsed {
        Some((text, "#")) => (text, None),
        Some((text, url)) => {
            check_url(url, line)?;
            (text, Some(url.to_owned()))
        }
        None => (text, None),
    })
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

fn venue<V: Venue>(label: &str, kind: &str, line: usize) -> Result<V, ImportError> {
    V::from_label_or_alias(t::venue_label(label.trim())).ok_or_else(|| ImportError {
        line,
        message: format!("`{label}` is not a known {kind} trafficking venue"),
    })
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
    let lists = [
        (
            found.sex_top,
            found.sex.as_ref().map(Vec::len),
            t::SEX_VENUES,
        ),
        (
            found.labor_top,
            found.labor.as_ref().map(Vec::len),
            t::LABOR_VENUES,
        ),
    ];
    for (top, listed, heading) in lists {
        if let (Some((announced, at)), Some(listed)) = (top, listed)
            && announced != listed
        {
            return error(
                at,
                format!(
                    "\"TOP {announced}\" announces {announced} {heading}, but {listed} are listed"
                ),
            );
        }
    }
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
    profile.sex_trafficking_venues = found.sex;
    profile.labor_trafficking_venues = found.labor;
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
