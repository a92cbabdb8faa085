//! Properties of the semantic diff, on random edits of a real profile: a profile against itself
//! is no change, and `diff(a, b)` is the mirror image of `diff(b, a)`.

use proptest::prelude::*;
use serde_json::{Value, json};
use tipkit_validate::{Change, ChangeKind, diff_values};

fn connecticut() -> Value {
    let text = include_str!("../../../profiles/ct.json");
    serde_json::to_value(tipkit_model::from_str(text).unwrap()).unwrap()
}

/// One edit a submission might make.
#[derive(Debug, Clone)]
enum Edit {
    Figure(u32),
    SwapVenues(usize, usize),
    RemoveLaw(usize),
    AddLaw(u8),
    ReorderLaws(usize, usize),
    RenameCampaign(String),
    Publish,
    DropSection(usize),
    ShuffleYears(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0u32..1000).prop_map(Edit::Figure),
        (0usize..5, 0usize..5).prop_map(|(a, b)| Edit::SwapVenues(a, b)),
        (0usize..8).prop_map(Edit::RemoveLaw),
        any::<u8>().prop_map(Edit::AddLaw),
        (0usize..8, 0usize..8).prop_map(|(a, b)| Edit::ReorderLaws(a, b)),
        "[A-Za-z ]{1,12}".prop_map(Edit::RenameCampaign),
        Just(Edit::Publish),
        (0usize..4).prop_map(Edit::DropSection),
        (0usize..10).prop_map(Edit::ShuffleYears),
    ]
}

fn apply(profile: &mut Value, edit: &Edit) {
    match edit {
        Edit::Figure(n) => profile["hotline_cases"]["cases_reported"] = json!(n),
        Edit::SwapVenues(a, b) => {
            let venues = profile["sex_trafficking_venues"].as_array_mut().unwrap();
            if *a < venues.len() && *b < venues.len() {
                let (ra, rb) = (venues[*a]["rank"].clone(), venues[*b]["rank"].clone());
                venues.swap(*a, *b);
                venues[*a]["rank"] = ra;
                venues[*b]["rank"] = rb;
            }
        }
        Edit::RemoveLaw(i) => {
            if let Some(laws) = laws(profile).filter(|laws| *i < laws.len()) {
                laws.remove(*i);
            }
        }
        Edit::AddLaw(n) => {
            if let Some(laws) = laws(profile) {
                laws.push(json!({"title": "Added", "citation": format!("§ 1-{n}")}));
            }
        }
        Edit::ReorderLaws(a, b) => {
            if let Some(laws) = laws(profile).filter(|laws| *a < laws.len() && *b < laws.len()) {
                laws.swap(*a, *b);
            }
        }
        Edit::RenameCampaign(name) => {
            profile["statewide_efforts"]["campaigns"][0]["name"] = json!(name);
        }
        Edit::Publish => {
            let status = if profile["status"] == "draft" {
                "published"
            } else {
                "draft"
            };
            profile["status"] = json!(status);
        }
        Edit::DropSection(i) => {
            let key = ["heat_map", "demographics", "call_types", "laws"][*i];
            profile.as_object_mut().unwrap().remove(key);
        }
        Edit::ShuffleYears(i) => {
            if let Some(years) = profile["hotline_statistics"]["years"]
                .as_array_mut()
                .filter(|years| years.len() > 1)
            {
                let k = i % years.len();
                years.rotate_left(k);
            }
        }
    }
}

fn laws(profile: &mut Value) -> Option<&mut Vec<Value>> {
    profile.get_mut("laws").and_then(Value::as_array_mut)
}

/// A change as the other direction reports it: kind mirrored, old and new swapped; the file
/// and pointer are left out, as they name the other side.
fn mirror(change: &Change) -> (ChangeKind, String, String, String) {
    (
        change.kind.mirror(),
        change.what.clone(),
        change.new.to_string(),
        change.old.to_string(),
    )
}

fn key(change: &Change) -> (ChangeKind, String, String, String) {
    (
        change.kind,
        change.what.clone(),
        change.old.to_string(),
        change.new.to_string(),
    )
}

proptest! {
    #[test]
    fn a_profile_against_itself_is_no_change(edits in prop::collection::vec(edit(), 0..6)) {
        let mut profile = connecticut();
        for e in &edits {
            apply(&mut profile, e);
        }
        prop_assert!(diff_values("CT", "ct.json", &profile, &profile).is_empty());
    }

    #[test]
    fn diffs_mirror_each_other(edits in prop::collection::vec(edit(), 1..6)) {
        let old = connecticut();
        let mut new = old.clone();
        for e in &edits {
            apply(&mut new, e);
        }
        // Only profiles the model reads are diffed.
        prop_assume!(serde_json::from_value::<tipkit_model::Profile>(new.clone()).is_ok());
        let forward = diff_values("CT", "ct.json", &old, &new);
        let backward = diff_values("CT", "ct.json", &new, &old);
        let mut forward: Vec<_> = forward.iter().map(mirror).collect();
        let mut backward: Vec<_> = backward.iter().map(key).collect();
        forward.sort();
        backward.sort();
        prop_assert_eq!(forward, backward);
        prop_assert_eq!(old == new, diff_values("CT", "ct.json", &old, &new).is_empty());
    }
}

#[test]
fn a_rank_swap_is_two_rank_changes_and_no_move() {
    let old = connecticut();
    let mut new = old.clone();
    apply(&mut new, &Edit::SwapVenues(1, 2));
    let changes = diff_values("CT", "ct.json", &old, &new);
    let pointers: Vec<(ChangeKind, &str)> = changes
        .iter()
        .map(|c| (c.kind, c.pointer.as_str()))
        .collect();
    assert_eq!(
        pointers,
        [
            (ChangeKind::Changed, "/sex_trafficking_venues/1/rank"),
            (ChangeKind::Changed, "/sex_trafficking_venues/2/rank"),
        ]
    );
}
