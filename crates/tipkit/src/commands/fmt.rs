//! `tipkit fmt`: rewrite profiles in canonical form. Only a file that parses into the model is
//! rewritten, atomically; any other is reported and left as it is. A symbolic link's target
//! inside the formatted tree is rewritten and the link kept; a link out of it, a read-only file,
//! a file with other names (hard links), or anything but a regular file, is reported and left as
//! it is ([`atomic::admit`]); `--check` reports such a file the same way, not as one to reformat.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use tipkit_validate::{visible_path, walk};

use crate::output::stream::{self, Stdout};
use crate::{Outcome, atomic};

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

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("profiles")]
    } else {
        args.paths.clone()
    };
    let (files, errors) = walk::files(&paths);
    let scope = atomic::Scope::tree(&paths);
    let mut broken = !errors.is_empty();
    for error in &errors {
        stream::error(error);
    }
    let mut out = Stdout::new();
    let (mut changed, mut failed, mut unwritten) = (0, 0, 0);
    for path in &files {
        let bytes = match tipkit_validate::read_file(path, args.max_file_size) {
            Ok(bytes) => bytes,
            Err(error) => {
                stream::error(error);
                broken = true;
                continue;
            }
        };
        let profile = match tipkit_model::from_slice(&bytes) {
            Ok(profile) => profile,
            Err(error) => {
                stream::error(format!(
                    "{}:{error}; left untouched (`tipkit check` says more)",
                    path.display()
                ));
                failed += 1;
                continue;
            }
        };
        let canonical = tipkit_model::to_canonical_string(&profile);
        if canonical.as_bytes() == bytes {
            continue;
        }
        if args.check
            && let Err(error) = atomic::admit(path, &scope)
        {
            // What `fmt` would refuse, `--check` reports the same way.
            stream::error(format!(
                "{}: cannot write: {error}; `tipkit fmt` would leave it as it is",
                path.display()
            ));
            unwritten += 1;
            broken = true;
        } else if args.check {
            changed += 1;
            writeln!(out, "would reformat {}", visible_path(path))?;
        } else if let Err(error) = atomic::replace(path, canonical.as_bytes(), &scope) {
            stream::error(format!(
                "{}: cannot write: {error}; left as it was",
                path.display()
            ));
            unwritten += 1;
            broken = true;
        } else {
            changed += 1;
            writeln!(out, "formatted {}", visible_path(path))?;
        }
    }
    out.flush()?;
    let verb = if args.check {
        "would be reformatted"
    } else {
        "reformatted"
    };
    let mut counts = format!(
        "{} files: {changed} {verb}, {failed} could not be parsed",
        files.len()
    );
    if unwritten > 0 {
        let _ = write!(counts, ", {unwritten} could not be written");
    }
    stream::line(&counts);
    Ok(if broken {
        Outcome::Broken
    } else if failed > 0 || (args.check && changed > 0) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
