//! `tipkit fmt`: rewrite profiles in canonical form. Only a file that parses into the model is
//! rewritten, atomically; any other is reported and left as it is.

use std::path::PathBuf;

use crate::{Outcome, atomic, walk};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files and folders to format; folders are walked for `*.json`. Default: `profiles/`.
    paths: Vec<PathBuf>,
    /// List the files that are not in canonical form, change nothing, and fail if there are any.
    #[arg(long)]
    check: bool,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, default_value_t = tipkit_validate::DEFAULT_SIZE_LIMIT)]
    max_file_size: u64,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("profiles")]
    } else {
        args.paths.clone()
    };
    let (files, errors) = walk::files(&paths, &[]);
    let mut broken = !errors.is_empty();
    for error in &errors {
        eprintln!("error: {error}");
    }
    let (mut changed, mut failed) = (0, 0);
    for path in &files {
        let bytes = match tipkit_validate::read_file(path, args.max_file_size) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("error: {error}");
                broken = true;
                continue;
            }
        };
        let profile = match tipkit_model::from_slice(&bytes) {
            Ok(profile) => profile,
            Err(error) => {
                eprintln!(
                    "error: {}:{error}; left untouched (`tipkit check` says more)",
                    path.display()
                );
                failed += 1;
                continue;
            }
        };
        let canonical = tipkit_model::to_canonical_string(&profile);
        if canonical.as_bytes() == bytes {
            continue;
        }
        changed += 1;
        if args.check {
            println!("would reformat {}", path.display());
        } else if let Err(error) = atomic::replace(path, canonical.as_bytes()) {
            eprintln!(
                "error: {}: cannot write: {error}; left as it was",
                path.display()
            );
            broken = true;
        } else {
            println!("formatted {}", path.display());
        }
    }
    let verb = if args.check {
        "would be reformatted"
    } else {
        "reformatted"
    };
    eprintln!(
        "{} files: {changed} {verb}, {failed} could not be parsed",
        files.len()
    );
    if broken {
        Outcome::Broken
    } else if failed > 0 || (args.check && changed > 0) {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}
