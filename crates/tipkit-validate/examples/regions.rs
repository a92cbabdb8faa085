//! A downstream program: reads a folder of profiles, checked, and prints, for each HHS region,
//! its jurisdictions with the cases reported to the hotline in their latest year, and the top
//! venues where a profile has them. A file with an error is left out, and said so.
//!
//! `cargo run -p tipkit-validate --example regions -- profiles`

use std::collections::BTreeMap;

use tipkit_model::Profile;
use tipkit_validate::Severity;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "profiles".to_owned());
    let loaded = tipkit_validate::load_folder(&folder)?;
    for finding in loaded
        .findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        eprintln!(
            "left out: {}: {}",
            tipkit_validate::visible_path(&finding.file),
            tipkit_validate::visible(&finding.message)
        );
    }
    let mut by_region: BTreeMap<u8, Vec<&Profile>> = BTreeMap::new();
    for (_, profile) in &loaded.profiles {
        by_region
            .entry(profile.hhs_region.get())
            .or_default()
            .push(profile);
    }
    for (region, profiles) in &by_region {
        println!("HHS Region {region}");
        for profile in profiles {
            let latest = profile
                .hotline_statistics
                .as_ref()
                .and_then(|s| s.years.last());
            let cases = latest.map_or("no yearly figures".to_owned(), |y| {
                format!("{} cases in {}", y.cases_reported, y.year)
            });
            println!(
                "  {} {:<22} {cases}",
                profile.state.code, profile.state.name
            );
            for entry in profile.sex_trafficking_venues.iter().flatten().take(3) {
                println!("       sex venue {}: {}", entry.rank, entry.venue.label());
            }
        }
    }
    Ok(())
}
