//! Each hard limit of a rule, and where the schema holds it, so that an editor refuses what
//! `tipkit check` refuses before the rules run. A limit the schema holds is checked three ways:
//! the generated schema has the keyword, and a copy of Connecticut's profile that breaks only
//! that limit is refused by the schema and by `tipkit check`. A limit the schema cannot hold says
//! why. Every profile and folder rule whose findings are errors is listed here.

use std::path::Path;

use serde_json::{Value, json};
use tipkit_validate::{ProfileSchema, RULES, Severity, check_bytes};

/// A limit the schema holds: rule, the limit in words, where the schema says it (a JSON Pointer
/// into the generated schema, the keyword and its value), and an edit of `ct.json` that breaks it.
struct Held {
    rule: &'static str,
    limit: &'static str,
    schema_at: &'static str,
    keyword: &'static str,
    value: Value,
    breaks: fn(&mut Value),
}

/// A limit the schema cannot hold, and why.
struct NotHeld {
    rule: &'static str,
    limit: &'static str,
    why: &'static str,
}

fn six_venues(profile: &mut Value) {
    let list = profile["sex_trafficking_venues"].as_array_mut().unwrap();
    list.push(json!({"rank": 5, "venue": "Pornography"}));
    assert_eq!(list.len(), 6);
}

fn held() -> Vec<Held> {
    vec![
        Held {
            rule: "ranked-venues",
            limit: "ranks start at 1",
            schema_at: "/$defs/RankedSexVenue/properties/rank",
            keyword: "minimum",
            value: json!(1),
            breaks: |p| p["sex_trafficking_venues"][0]["rank"] = json!(0),
        },
        Held {
            rule: "ranked-venues",
            limit: "ranks start at 1",
            schema_at: "/$defs/RankedLaborVenue/properties/rank",
            keyword: "minimum",
            value: json!(1),
            breaks: |p| p["labor_trafficking_venues"][0]["rank"] = json!(0),
        },
        Held {
            rule: "ranked-venues",
            limit: "ranks rise by one from 1 in a list of at most 5: no rank above 5",
            schema_at: "/$defs/RankedSexVenue/properties/rank",
            keyword: "maximum",
            value: json!(5),
            breaks: |p| p["sex_trafficking_venues"][4]["rank"] = json!(6),
        },
        Held {
            rule: "ranked-venues",
            limit: "ranks rise by one from 1 in a list of at most 5: no rank above 5",
            schema_at: "/$defs/RankedLaborVenue/properties/rank",
            keyword: "maximum",
            value: json!(5),
            breaks: |p| p["labor_trafficking_venues"][3]["rank"] = json!(6),
        },
        Held {
            rule: "ranked-venues",
            limit: "at most 5 entries",
            schema_at: "/properties/sex_trafficking_venues",
            keyword: "maxItems",
            value: json!(5),
            breaks: six_venues,
        },
        Held {
            rule: "ranked-venues",
            limit: "at most 5 entries",
            schema_at: "/properties/labor_trafficking_venues",
            keyword: "maxItems",
            value: json!(5),
            breaks: |p| {
                let list = p["labor_trafficking_venues"].as_array_mut().unwrap();
                for (rank, venue) in [(5, "Carnivals"), (5, "Landscaping")] {
                    list.push(json!({"rank": rank, "venue": venue}));
                }
            },
        },
        Held {
            rule: "laws",
            limit: "each citation names a section with \"§\" and a section number",
            schema_at: "/$defs/Citation",
            keyword: "pattern",
            value: json!("§ ?[0-9]"),
            breaks: |p| p["laws"][0]["citation"] = json!("53a-192a"),
        },
        Held {
            rule: "hotlines",
            limit: "phones are NNN-NNN-NNNN",
            schema_at: "/$defs/Phone",
            keyword: "pattern",
            value: json!("^[0-9]{3}-[0-9]{3}-[0-9]{4}$"),
            breaks: |p| p["hotlines"][0]["phone"] = json!("888.373.7888"),
        },
        Held {
            rule: "state-identity",
            limit: "`hhs_region` is a region, 1 to 10",
            schema_at: "/$defs/HhsRegion",
            keyword: "maximum",
            value: json!(10),
            breaks: |p| p["hhs_region"] = json!(11),
        },
        Held {
            rule: "reporting-period",
            limit: "`heat_map.year` and `call_types.year` are years, 1990 to 2100 (where static)",
            schema_at: "/$defs/Year",
            keyword: "minimum",
            value: json!(1990),
            breaks: |p| p["heat_map"]["year"] = json!(1989),
        },
    ]
}

fn not_held() -> Vec<NotHeld> {
    let relation = "compares two values of one file; JSON Schema checks each value by itself";
    vec![
        NotHeld {
            rule: "ranked-venues",
            limit: "each rank is one more than the one before; no venue twice",
            why: relation,
        },
        NotHeld {
            rule: "reporting-period",
            limit: "start <= end; the heat map's and the call chart's years fall inside the period",
            why: relation,
        },
        NotHeld {
            rule: "hotline-statistics",
            limit: "years unique and ascending; cases_reported <= calls",
            why: relation,
        },
        NotHeld {
            rule: "demographic-bounds",
            limit: "no count or block sum exceeds potential_persons_trafficked",
            why: relation,
        },
        NotHeld {
            rule: "non-cumulative-note",
            limit: "the note is true when the blocks' sums differ",
            why: relation,
        },
        NotHeld {
            rule: "laws",
            limit: "no citation or title twice",
            why: "uniqueItems compares whole entries, not one key of them",
        },
        NotHeld {
            rule: "links",
            limit: "a url is an absolute https URL, never a placeholder; no name twice in a list",
            why: "the rule's URL check (a host, no white space, no \"#\") and its placeholder \
                  wording stay in one place; a pattern in the schema would also make the typed \
                  model refuse such a file, so that `fmt` and `render` could not read it",
        },
        NotHeld {
            rule: "state-identity",
            limit: "`state.name` and `hhs_region` are those of `state.code`; the file is <code>.json",
            why: "the name and region depend on the code (a table of 59 branches would turn one \
                  clear message into a `oneOf` failure), and the file name is not in the file",
        },
        NotHeld {
            rule: "state-statistics-url",
            limit: "the URL is the hotline's page of the jurisdiction",
            why: "the slug depends on `state.code`",
        },
        NotHeld {
            rule: "hotlines",
            limit: "the National Human Trafficking Hotline is listed with 888-373-7888",
            why: "a `contains` could say it, but the typed model would then have to refuse such \
                  a profile, and the folder rule `hotline-mismatch` (profiles disagreeing on the \
                  number) could never see one: a change of the rule set, not made here",
        },
        NotHeld {
            rule: "completeness",
            limit: "a published profile has every section marked (P)",
            why: "the typed model must read a published profile with a section missing, so that \
                  `render` marks it \"not yet transcribed\" and `fmt` formats it; the schema may \
                  refuse only what the model refuses",
        },
        NotHeld {
            rule: "unsafe-text",
            limit: "no text begins with `=`, `+`, `-` or `@` or holds a control character",
            why: "a pattern would make the typed model refuse such a file, so that `fmt` and \
                  `render` could not read it, and the schema's message would not say which \
                  character or why",
        },
        NotHeld {
            rule: "duplicate-jurisdiction",
            limit: "one profile per code in a folder",
            why: "a rule across files",
        },
        NotHeld {
            rule: "hotline-mismatch",
            limit: "profiles of a folder agree on the national hotline",
            why: "a rule across files",
        },
    ]
}

fn connecticut() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../profiles/ct.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_schema_holds_each_limit_it_can_express() {
    let schema = tipkit_model::schema().to_value();
    let base = connecticut();
    assert!(ProfileSchema::get().is_valid(&base));
    for limit in held() {
        let what = format!("{} ({}) at {}", limit.rule, limit.limit, limit.schema_at);
        let at = schema
            .pointer(limit.schema_at)
            .unwrap_or_else(|| panic!("{what}: no such place in the schema"));
        assert_eq!(at.get(limit.keyword), Some(&limit.value), "{what}");

        let mut broken = base.clone();
        (limit.breaks)(&mut broken);
        assert!(
            !ProfileSchema::get().is_valid(&broken),
            "{what}: the schema accepts the break"
        );
        let text = serde_json::to_string_pretty(&broken).unwrap();
        let report = check_bytes(Path::new("ct.json"), text.as_bytes());
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            "{what}: tipkit check accepts the break"
        );
    }
}

#[test]
fn every_error_rule_is_listed_with_where_its_limits_are_held() {
    let listed: Vec<&str> = held()
        .iter()
        .map(|l| l.rule)
        .chain(not_held().iter().map(|l| l.rule))
        .collect();
    for rule in RULES {
        if rule.scope() != "file" && rule.default_severity == Severity::Error {
            assert!(
                listed.contains(&rule.id),
                "rule `{}` is not in tests/rule_limits.rs: list where the schema holds its \
                 limits, or why it cannot",
                rule.id
            );
        }
    }
    for id in listed {
        assert!(tipkit_validate::rule(id).is_some(), "`{id}` is not a rule");
    }
    for limit in not_held() {
        assert!(!limit.limit.is_empty() && !limit.why.is_empty());
    }
}
