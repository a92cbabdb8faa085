//! One call for downstream programs: a folder of profiles, checked, as typed values.

use std::collections::HashSet;
use std::convert::Infallible;
use std::path::{Path, PathBuf};

use tipkit_model::Profile;

use super::driver::check_paths_in;
use super::{Options, Workspace};
use crate::{Config, Diagnostic, ReadError, Severity};

/// A folder of profiles, checked.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Loaded {
    /// The profiles of the files without an error, in file order, with their files.
    pub profiles: Vec<(PathBuf, Profile)>,
    /// Every finding, in output order: the errors of the files left out of `profiles`, and the
    /// warnings and information about any file.
    pub findings: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether some file was left out of `profiles`.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Reads the `*.json` profiles of a folder and of its subfolders, checks them with every rule
/// (each folder's profiles against each other too), and gives the typed profiles of the files
/// without an error and the findings. Only a folder that cannot be read at all is an `Err`.
///
/// ```no_run
/// let loaded = tipkit_validate::load_folder("profiles")?;
/// for (file, profile) in &loaded.profiles {
///     println!("{}: {}", file.display(), profile.state.name);
/// }
/// # Ok::<(), tipkit_validate::ReadError>(())
/// ```
pub fn load_folder(folder: impl AsRef<Path>) -> Result<Loaded, ReadError> {
    let folder = folder.as_ref();
    std::fs::read_dir(folder).map_err(|error| ReadError::io(folder, error))?;
    let mut loaded = Loaded::default();
    let paths = [folder.to_path_buf()];
    let mut workspace = Workspace::new(&Config::default(), &Options::default());
    workspace.keep_profiles = true;
    let checked = check_paths_in(&workspace, &paths, |report| {
        let failed: HashSet<&Path> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.file.as_path())
            .collect();
        for file in report.files {
            if let Some(profile) = report.sources.profile(file)
                && !failed.contains(file.as_path())
            {
                loaded.profiles.push((file.clone(), profile.clone()));
            }
        }
        loaded.findings.extend_from_slice(&report.diagnostics);
        Ok::<(), Infallible>(())
    });
    let Ok(_) = checked;
    Ok(loaded)
}
