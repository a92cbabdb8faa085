//! The round trip with the real Connecticut document, and with every profile.

use std::path::{Path, PathBuf};

use tipkit_document::{Format, import, render};
use tipkit_model::Profile;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/documents/ct.txt")).unwrap()
}

fn profile(code: &str) -> Profile {
    let text = std::fs::read_to_string(root().join(format!("profiles/{code}.json"))).unwrap();
    tipkit_model::from_str(&text).unwrap()
}

fn profiles() -> Vec<(String, Profile)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("profiles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                tipkit_model::from_str(&text).unwrap(),
            )
        })
        .collect()
}

/// A line with runs of white space folded to one space, and trimmed.
fn normalized(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn importing_the_seed_gives_connecticut() {
    let imported = import(&seed()).unwrap();
    let mut expected = profile("ct");
    expected.hotline_statistics = None;
    assert_eq!(imported, expected);
}

#[test]
fn rendering_connecticut_reproduces_the_seed() {
    let rendered = render(&profile("ct"), Format::Text);
    let rendered: Vec<String> = rendered.lines().map(normalized).collect();
    let seed = seed();
    let lines: Vec<String> = seed
        .lines()
        .map(normalized)
        .filter(|l| !l.is_empty())
        .collect();
    let missing: Vec<&String> = lines
        .iter()
        .filter(|line| !rendered.contains(line))
        .collect();
    let exact = lines.len() - missing.len();
    println!(
        "{exact} of {} non-empty lines of the seed render exactly",
        lines.len()
    );
    assert_eq!(missing, Vec::<&String>::new());
    assert_eq!((exact, lines.len()), (63, 63));
    // The documents' spelling of the hotline's label `Hotel/Motel-Based`.
    assert!(rendered.contains(&"3. Hotel-/Motel-Based".to_owned()));
}

#[test]
fn import_of_render_gives_back_every_profile() {
    for (file, profile) in profiles() {
        let text = render(&profile, Format::Text);
        let imported = import(&text).unwrap_or_else(|e| panic!("{file}: {e}\n{text}"));
        // The document does not carry the yearly figures.
        let mut expected = profile;
        expected.hotline_statistics = None;
        assert_eq!(imported, expected, "{file}");
    }
}

#[test]
fn formats_of_connecticut_and_a_draft() {
    for code in ["ct", "nh"] {
        let profile = profile(code);
        insta::assert_snapshot!(format!("{code}_text"), render(&profile, Format::Text));
        insta::assert_snapshot!(
            format!("{code}_markdown"),
            render(&profile, Format::Markdown)
        );
        insta::assert_snapshot!(format!("{code}_html"), render(&profile, Format::Html));
    }
}

#[test]
fn a_document_that_cannot_be_read_gets_an_error_at_its_line() {
    let seed = seed();
    let cases = [
        ("not a profile", "hello\n".to_owned()),
        (
            "unknown venue",
            seed.replace("2. Online Ad. Venue Unknown", "2. Online Bazaar"),
        ),
        ("top count", seed.replace("TOP 4", "TOP 3")),
        ("bad citation", seed.replace("[§ 54-234](#)", "[54-234](#)")),
        (
            "stray line",
            seed.replace("CAMPAIGNS", "CAMPAIGNS\nsomething else"),
        ),
        (
            "cut short",
            seed[..seed.find("Human Trafficking Hotlines").unwrap()].to_owned(),
        ),
    ];
    let errors: Vec<String> = cases
        .iter()
        .map(|(name, text)| format!("{name}: {}", import(text).unwrap_err()))
        .collect();
    insta::assert_snapshot!(errors.join("\n"));
}

#[test]
fn number_words_and_singular_agencies_round_trip() {
    let mut ct = profile("ct");
    for count in [0, 1, 2, 12, 35] {
        ct.statewide_efforts
            .as_mut()
            .unwrap()
            .referral_directory_agencies = count;
        let text = render(&ct, Format::Text);
        let back = import(&text).unwrap();
        assert_eq!(
            back.statewide_efforts.unwrap().referral_directory_agencies,
            count,
            "{text}"
        );
    }
}

/// The seed with its line `number` (1-based) taken out.
fn without_line(seed: &str, line: &str) -> (String, usize) {
    let lines: Vec<&str> = seed.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == line)
        .unwrap_or_else(|| panic!("the seed has no line {line:?}"));
    let mut kept = lines.clone();
    kept.remove(at);
    (kept.join("\n"), at + 1)
}

#[test]
fn a_deleted_heading_or_sentence_is_an_error_at_its_line() {
    let seed = seed();
    let ct = profile("ct");
    let referral = seed
        .lines()
        .find(|l| l.starts_with("Two victim service agencies"))
        .unwrap()
        .to_owned();
    let purpose = seed
        .lines()
        .find(|l| l.starts_with("This state profile summarizes"))
        .unwrap()
        .to_owned();
    let deleted = [
        "U.S. Department of Health and Human Services Region I",
        purpose.as_str(),
        "Cases Reported",
        "DEMOGRAPHICS OF POTENTIAL PERSONS TRAFFICKED:",
        "Citizenship",
        "Gender",
        "Age",
        "TOP 5",
        "SEX TRAFFICKING VENUES",
        "TOP 4",
        "LABOR TRAFFICKING VENUES",
        "Types of Calls to the National Human Trafficking Hotline in 2016",
        "Connecticut Human Trafficking Laws (Sex Trafficking, Labor Trafficking, Safe Harbor, Vacating Convictions, etc.)",
        "Connecticut Statewide Efforts",
        referral.as_str(),
        "<https://humantraffickinghotline.org/training-resources/referral-directory>",
        "COLLABORATIONS (Coalitions, Task Forces, Working Groups)",
        "RESOURCES (State Research, Publications, Trainings)",
        "FUNDING OPPORTUNITIES",
        "CAMPAIGNS",
        "Human Trafficking Hotlines",
        "888-373-7888",
    ];
    let mut shown = Vec::new();
    for line in deleted {
        let (text, at) = without_line(&seed, line);
        let error = import(&text).expect_err(line);
        // The error names the line that came where the deleted one was expected: the next
        // heading or sentence, after the items of a list whose heading is gone.
        assert!(
            error.line + 1 >= at && error.line <= at + 5,
            "without {line:?} (line {at}): {error}"
        );
        let short: String = line.chars().take(40).collect();
        shown.push(format!("without {short:?}: {error}"));
    }
    insta::assert_snapshot!(shown.join("\n"));
    // Nothing of this is lost: the seed itself still reads whole.
    let mut expected = ct;
    expected.hotline_statistics = None;
    assert_eq!(import(&seed).unwrap(), expected);
}

#[test]
fn a_count_that_disagrees_with_its_list_is_an_error_at_its_line() {
    let seed = seed();
    for (from, to) in [("TOP 5", "TOP 6"), ("TOP 4", "TOP 3")] {
        let error = import(&seed.replace(from, to)).unwrap_err();
        let at = seed.lines().position(|l| l.trim() == from).unwrap() + 1;
        assert_eq!(error.line, at, "{error}");
    }
}

#[test]
fn import_refuses_urls_that_are_not_web_addresses() {
    let seed = seed();
    for url in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://x.com/a b",
    ] {
        let text = seed.replace("[§ 54-234](#)", &format!("[§ 54-234]({url})"));
        let error = import(&text).unwrap_err();
        let at = seed.lines().position(|l| l.contains("§ 54-234]")).unwrap() + 1;
        assert_eq!(error.line, at, "{url}: {error}");
        assert!(
            error.message.contains("links only to https: and http:"),
            "{error}"
        );
    }
    let text = seed.replace(
        "<https://humantraffickinghotline.org/state/connecticut>",
        "<javascript:alert(1)>",
    );
    assert!(import(&text).is_err());
}

#[test]
fn a_draft_of_dc_says_the_district_of_columbia() {
    let dc = profile("dc");
    let text = render(&dc, Format::Text);
    assert!(
        text.contains("human trafficking in the District of Columbia, visit"),
        "{text}"
    );
    assert!(!text.contains("in District of Columbia"), "{text}");
    let mut expected = dc;
    expected.hotline_statistics = None;
    assert_eq!(import(&text).unwrap(), expected);
}

#[test]
fn the_chart_draws_a_forty_million_case_year() {
    let mut ct = profile("ct");
    let statistics = ct.hotline_statistics.as_mut().unwrap();
    statistics.years[0].cases_reported = 40_000_000;
    let html = render(&ct, Format::Html);
    assert!(html.contains("40000000 cases"), "{html}");
    // The tallest bar fills the chart's height between its margins.
    assert!(html.contains("height=\"136\""), "{html}");
}
