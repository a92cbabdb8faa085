//! `cargo xtask validate`: every profile under `profiles/` parses into the model, passes the
//! schema, and is in canonical form.

use anyhow::bail;
use tipkit_validate::ProfileSchema;

pub(crate) fn run() -> anyhow::Result<()> {
    let paths = crate::profile_paths()?;
    let mut failures = 0;
    for path in &paths {
        let problems = check(&std::fs::read(path)?);
        for problem in &problems {
            eprintln!("{}: {problem}", path.display());
        }
        failures += usize::from(!problems.is_empty());
    }
    eprintln!("{} profiles checked, {failures} failed", paths.len());
    if failures > 0 {
        bail!("{failures} profiles failed validation");
    }
    Ok(())
}

fn check(bytes: &[u8]) -> Vec<String> {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(error) => return vec![format!("not JSON: {error}")],
    };
    let mut problems: Vec<String> = ProfileSchema::get()
        .errors(&value)
        .map(|error| format!("schema: {}: {error}", error.instance_path().as_str()))
        .collect();
    match tipkit_model::from_slice(bytes) {
        Ok(profile) if tipkit_model::to_canonical_string(&profile).as_bytes() != bytes => {
            problems.push("not in canonical form: run `tipkit fmt`".to_owned());
        }
        Ok(_) => {}
        Err(error) => problems.push(format!("model: {error}")),
    }
    problems
}
