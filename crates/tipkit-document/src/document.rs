//! A profile laid out as the published document: a list of blocks that the text, Markdown and
//! HTML writers each print in their own way.

use tipkit_model::{
    DemographicBlock, Demographics, Hotline, Profile, RankedVenue, StatewideEfforts, Venue,
    YearStatistics,
};

use crate::template::{self as t, fill};

/// A piece of running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    /// Plain text.
    Text(String),
    /// A link; `None` where the document prints a placeholder.
    Link { text: String, url: Option<String> },
    /// A URL printed as itself: `<https://…>`.
    Url(String),
}

/// How the text form marks a list's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListStyle {
    /// "- item".
    Bullets,
    /// "1. item", numbered from 1.
    Numbers,
    /// One item per line, unmarked; other formats show bullets.
    Lines,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// The document's title.
    Title(String),
    /// A section heading, with the small line above it some headings have ("TOP 5").
    Heading {
        kicker: Option<String>,
        text: String,
    },
    /// A heading inside a section.
    Subheading(String),
    Paragraph(Vec<Inline>),
    /// A headline figure: "186" over "Cases Reported".
    Figure {
        value: String,
        label: String,
    },
    /// A list.
    List {
        style: ListStyle,
        items: Vec<Vec<Inline>>,
    },
    /// A fine-print note.
    Note(String),
    /// Yearly hotline figures, drawn as a chart where the format can.
    Chart(Vec<YearStatistics>),
    /// A section a draft does not have yet.
    Missing(String),
}

fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

/// Lays out a profile as the document prints it.
#[allow(
    clippy::too_many_lines,
    reason = "the sections in print order read best as one list"
)]
pub(crate) fn layout(profile: &Profile) -> Vec<Block> {
    let state = profile.state.name.as_str();
    let the_state = t::the_state(state);
    let the_state = the_state.as_str();
    let mut blocks = vec![
        Block::Title(fill(t::TITLE, &[("state", state)])),
        Block::Paragraph(text(fill(
            t::REGION,
            &[("roman", t::roman(profile.hhs_region))],
        ))),
    ];
    let b = &mut blocks;
    section(
        b,
        profile.reporting_period.as_ref(),
        t::SECTION_REPORTING_PERIOD,
        |b, period| {
            let (start, end) = (
                t::month_in_words(&period.start),
                t::month_in_words(&period.end),
            );
            let purpose = fill(
                t::PURPOSE,
                &[("the_state", the_state), ("start", &start), ("end", &end)],
            );
            b.push(Block::Paragraph(text(purpose)));
        },
    );
    section(
        b,
        profile.heat_map.as_ref(),
        t::SECTION_HEAT_MAP,
        |b, map| {
            let (year, areas) = (map.year.to_string(), t::join_words(&map.shaded_areas));
            let paragraph = fill(
                t::HEAT_MAP,
                &[("year", &year), ("areas", &areas), ("state", state)],
            );
            b.push(Block::Paragraph(text(paragraph)));
        },
    );
    section(
        b,
        profile.hotline_cases.as_ref(),
        t::SECTION_HOTLINE_CASES,
        |b, cases| {
            for (value, label) in [
                (cases.cases_reported, t::CASES_REPORTED),
                (cases.potential_persons_trafficked, t::PERSONS_TRAFFICKED),
            ] {
                b.push(Block::Figure {
                    value: value.to_string(),
                    label: label.to_owned(),
                });
            }
        },
    );
    section(
        b,
        profile.demographics.as_ref(),
        t::SECTION_DEMOGRAPHICS,
        demographics,
    );
    let (before, after) = t::STATISTICS
        .split_once("<{url}>")
        .unwrap_or((t::STATISTICS, ""));
    b.push(Block::Paragraph(vec![
        Inline::Text(fill(before, &[("the_state", the_state)])),
        Inline::Url(profile.state_statistics_url.clone()),
        Inline::Text(after.to_owned()),
    ]));
    if let Some(statistics) = &profile.hotline_statistics {
        b.push(Block::Chart(statistics.years.clone()));
    }
    section(
        b,
        profile.sex_trafficking_venues.as_deref(),
        t::SECTION_SEX_VENUES,
        |b, list| {
            venues(b, t::SEX_VENUES, list);
        },
    );
    section(
        b,
        profile.labor_trafficking_venues.as_deref(),
        t::SECTION_LABOR_VENUES,
        |b, list| {
            venues(b, t::LABOR_VENUES, list);
        },
    );
    section(
        b,
        profile.call_types.as_ref(),
        t::SECTION_CALL_TYPES,
        |b, calls| {
            let heading = fill(t::CALL_TYPES, &[("year", &calls.year.to_string())]);
            b.push(Block::Heading {
                kicker: None,
                text: heading,
            });
            b.push(Block::Note(t::DISCLAIMER.to_owned()));
        },
    );
    section(b, profile.laws.as_deref(), t::SECTION_LAWS, |b, laws| {
        b.push(Block::Heading {
            kicker: None,
            text: fill(t::LAWS, &[("state", state)]),
        });
        let items = laws
            .iter()
            .map(|law| {
                let citation = Inline::Link {
                    text: law.citation.to_string(),
                    url: law.url.clone(),
                };
                vec![
                    Inline::Text(format!("{}{}", law.title, t::LAW_SEPARATOR)),
                    citation,
                ]
            })
            .collect();
        b.push(Block::List {
            style: ListStyle::Bullets,
            items,
        });
    });
    section(
        b,
        profile.statewide_efforts.as_ref(),
        t::SECTION_EFFORTS,
        |b, efforts| {
            statewide_efforts(b, state, efforts);
        },
    );
    hotlines(b, &profile.hotlines);
    blocks
}

/// A section the profile has, laid out by `lay`; or the mark of a section still to transcribe.
fn section<T: ?Sized>(
    blocks: &mut Vec<Block>,
    value: Option<&T>,
    name: &str,
    lay: impl FnOnce(&mut Vec<Block>, &T),
) {
    match value {
        Some(value) => lay(blocks, value),
        None => blocks.push(missing(name)),
    }
}

fn demographics(blocks: &mut Vec<Block>, d: &Demographics) {
    blocks.push(Block::Heading {
        kicker: None,
        text: t::DEMOGRAPHICS.to_owned(),
    });
    for block in DemographicBlock::ALL {
        blocks.push(Block::Subheading(block.label().to_owned()));
        let items = block
            .counts(d)
            .into_iter()
            .map(|(class, count)| {
                text(fill(
                    t::CLASS,
                    &[("class", class.label()), ("count", &count.to_string())],
                ))
            })
            .collect();
        blocks.push(Block::List {
            style: ListStyle::Lines,
            items,
        });
    }
    if d.non_cumulative_note {
        blocks.push(Block::Note(t::NON_CUMULATIVE.to_owned()));
    }
}

fn statewide_efforts(blocks: &mut Vec<Block>, state: &str, efforts: &StatewideEfforts) {
    blocks.push(Block::Heading {
        kicker: None,
        text: fill(t::EFFORTS, &[("state", state)]),
    });
    let count = efforts.referral_directory_agencies;
    let sentence = if count == 1 {
        t::REFERRAL_ONE
    } else {
        t::REFERRAL_MANY
    };
    let sentence = fill(
        sentence,
        &[
            ("count", &t::number_word(count)),
            ("the_state", &t::the_state(state)),
        ],
    );
    blocks.push(Block::Paragraph(vec![
        Inline::Text(sentence),
        Inline::Text("\n".to_owned()),
        Inline::Url(t::REFERRAL_DIRECTORY_URL.to_owned()),
    ]));
    for (list, links) in efforts.lists() {
        blocks.push(Block::Subheading(list.label().to_owned()));
        let items = links
            .iter()
            .map(|link| {
                vec![Inline::Link {
                    text: link.name.clone(),
                    url: link.url.clone(),
                }]
            })
            .collect();
        blocks.push(Block::List {
            style: ListStyle::Bullets,
            items,
        });
    }
}

/// The national hotline as the documents print it, by its number alone; others with their names.
fn hotlines(blocks: &mut Vec<Block>, hotlines: &[Hotline]) {
    blocks.push(Block::Heading {
        kicker: None,
        text: t::HOTLINES.to_owned(),
    });
    for hotline in hotlines {
        let line = if hotline.name == Hotline::NATIONAL_NAME {
            hotline.phone.to_string()
        } else {
            format!("{}: {}", hotline.name, hotline.phone)
        };
        blocks.push(Block::Paragraph(text(line)));
    }
    blocks.push(Block::Paragraph(text(t::HOTLINE_PARAGRAPH)));
}

fn missing(section: &str) -> Block {
    Block::Missing(fill(t::NOT_YET_TRANSCRIBED, &[("section", section)]))
}

fn venues<V: Venue>(blocks: &mut Vec<Block>, heading: &str, list: &[RankedVenue<V>]) {
    let kicker = fill(t::TOP, &[("count", &list.len().to_string())]);
    blocks.push(Block::Heading {
        kicker: Some(kicker),
        text: heading.to_owned(),
    });
    let items = list
        .iter()
        .map(|entry| text(t::printed_venue(entry.venue.label())))
        .collect();
    blocks.push(Block::List {
        style: ListStyle::Numbers,
        items,
    });
}
