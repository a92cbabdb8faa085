//! A downstream program: reads a folder of profiles and prints, for each HHS region, its
//! jurisdictions with the cases reported to the hotline in their latest year, and the top venues
//! where a profile has them.
//!
//! `cargo run -p tipkit-model --example regions -- profiles`

use std::collections::BTreeMap;
use std::path::PathBuf;

use tipkit_model::Profile;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "profiles".to_owned()),
    );
    let mut by_region: BTreeMap<u8, Vec<Profile>> = BTreeMap::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths.iter().filter(|p| tipkit_model::is_profile_path(p)) {
        let profile = tipkit_model::from_slice(&std::fs::read(path)?)
            .map_err(|error| format!("{}:{error}", path.display()))?;
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
