//! What `--config-rev` and `--staged` read from git: `tipkit.toml` at a revision, and the
//! profiles and `tipkit.toml` of the index. Git's output is input too: paths are taken as bytes,
//! object ids must be hex, sizes are checked before reading, and a symbolic link is never
//! followed (its blob is its target's name): a link in the index is a `read-error` finding, a
//! link where the configuration should be is refused.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use anyhow::{Context as _, bail};
use tipkit_validate::{
    BufferFolder, CONFIG_FILE, CONFIG_SIZE_LIMIT, Config, ReadError, visible, visible_path,
};

/// Refuses what git could take for an option, and what cannot be shown.
pub(crate) fn check_rev(rev: &str) -> anyhow::Result<()> {
    if rev.starts_with('-') || rev.is_empty() || rev.contains(char::is_control) {
        bail!("not a revision: {}", visible(rev));
    }
    Ok(())
}

/// `tipkit.toml` of the working folder as it is at `rev`: the defaults when it has none there.
/// The working tree's file is not read. `exclude` is relative to the working folder, where the
/// file would be.
pub(crate) fn config_at_rev(rev: &str) -> anyhow::Result<Config> {
    check_rev(rev)?;
    let shown = PathBuf::from(format!("{rev}:{CONFIG_FILE}"));
    let Some(bytes) = config_blob_at_rev(rev)? else {
        return Ok(Config::default());
    };
    Ok(Config::from_bytes(&shown, &bytes, Path::new(""))?)
}

/// The bytes of `tipkit.toml` at `rev`, `None` when there is none.
pub(crate) fn config_blob_at_rev(rev: &str) -> anyhow::Result<Option<Vec<u8>>> {
    check_rev(rev)?;
    let listing = git(
        &[
            "--literal-pathspecs".as_ref(),
            "ls-tree".as_ref(),
            "-z".as_ref(),
            "-l".as_ref(),
            format!("{rev}^{{tree}}").as_ref(),
            "--".as_ref(),
        ],
        &[PathBuf::from(CONFIG_FILE)],
        64 * 1024,
    )
    .with_context(|| format!("cannot read {CONFIG_FILE} at {} in git", visible(rev)))?;
    let shown = format!("{}:{CONFIG_FILE}", visible(rev));
    let Some(record) = listing.split(|&b| b == 0).find(|r| !r.is_empty()) else {
        return Ok(None);
    };
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
    let meta = record
        .split(|&b| b == b'\t')
        .next()
        .and_then(|meta| std::str::from_utf8(meta).ok())
        .context("unexpected output from git ls-tree")?;
    let fields: Vec<&str> = meta.split_ascii_whitespace().collect();
    let [mode, kind, object, size] = fields.as_slice() else {
        bail!("unexpected output from git ls-tree");
    };
    if *mode == "120000" {
        bail!("{shown} is a symbolic link; not read");
    }
    if *kind != "blob" || !matches!(*mode, "100644" | "100755") {
        bail!("{shown} is not a regular file; not read");
    }
    check_object(object)?;
    let size: u64 = size.parse().context("unexpected size from git ls-tree")?;
    if size > CONFIG_SIZE_LIMIT {
        bail!("{shown} is {size} bytes, over the limit of {CONFIG_SIZE_LIMIT}");
    }
    let bytes = git(
        &["cat-file".as_ref(), "blob".as_ref(), object.as_ref()],
        &[],
        CONFIG_SIZE_LIMIT,
    )?;
    Ok(Some(bytes))
}

fn check_object(object: &str) -> anyhow::Result<()> {
    if object.is_empty() || !object.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("unexpected object id from git");
    }
    Ok(())
}

/// One entry of the index: `git ls-files -s`.
struct IndexEntry {
    mode: String,
    object: String,
    stage: String,
    path: PathBuf,
}

/// The entries of the index under `paths` (relative to the working folder, literal), in git's
/// order; `must_match`: a path that names nothing in the index is an error, as a missing path
/// is on disk, said in one line ("profiles/zz.json is not in the git index").
fn index_entries(paths: &[PathBuf], must_match: bool) -> anyhow::Result<Vec<IndexEntry>> {
    let args: Vec<&OsStr> = ["--literal-pathspecs", "ls-files", "--stage", "-z", "--"]
        .map(OsStr::new)
        .to_vec();
    let listing = git(&args, paths, u64::MAX).context("cannot list the git index")?;
    let mut entries = Vec::new();
    for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        // `<mode> SP <object> SP <stage> TAB <path>`
        let Some(tab) = record.iter().position(|&b| b == b'\t') else {
            bail!("unexpected output from git ls-files");
        };
        let meta =
            std::str::from_utf8(&record[..tab]).context("unexpected output from git ls-files")?;
        let fields: Vec<&str> = meta.split_ascii_whitespace().collect();
        let [mode, object, stage] = fields.as_slice() else {
            bail!("unexpected output from git ls-files");
        };
        check_object(object)?;
        entries.push(IndexEntry {
            mode: (*mode).to_owned(),
            object: (*object).to_owned(),
            stage: (*stage).to_owned(),
            path: path_from_bytes(&record[tab + 1..]),
        });
    }
    if must_match {
        for path in paths {
            if !in_index(path, &entries)? {
                bail!("{} is not in the git index", visible_path(path));
            }
        }
    }
    Ok(entries)
}

/// Whether `path` names an entry of the index, or a folder of some: found among `entries` as git
/// names them, or else (`./x`, a path up from here, an absolute path) as git itself decides.
fn in_index(path: &Path, entries: &[IndexEntry]) -> anyhow::Result<bool> {
    let plain: PathBuf = path
        .components()
        .filter(|part| !matches!(part, std::path::Component::CurDir))
        .collect();
    if plain.as_os_str().is_empty() || entries.iter().any(|entry| entry.path.starts_with(&plain)) {
        return Ok(true);
    }
    let status = Command::new("git")
        .args(["--literal-pathspecs", "ls-files", "--error-unmatch", "--"])
        .arg(path)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("cannot run git")?;
    Ok(status.success())
}

/// Why an entry of the index is not read, if it is not: a link, a merge conflict.
fn unreadable(entry: &IndexEntry) -> Option<&'static str> {
    if entry.stage != "0" {
        Some("a merge conflict in the git index, not read")
    } else if entry.mode == "120000" {
        Some("a symbolic link in the git index, not followed")
    } else if !matches!(entry.mode.as_str(), "100644" | "100755") {
        Some("not a regular file in the git index, not read")
    } else {
        None
    }
}

/// `tipkit.toml` of the working folder (or `path`) as the index holds it: the defaults when it
/// holds none. The working tree's file is not read.
pub(crate) fn staged_config(path: Option<&Path>) -> anyhow::Result<Config> {
    let named = path.is_some();
    let path = path.map_or_else(|| PathBuf::from(CONFIG_FILE), Path::to_path_buf);
    let entries = index_entries(std::slice::from_ref(&path), named)?;
    let Some(entry) = entries.iter().find(|entry| entry.path == path) else {
        return Ok(Config::default());
    };
    let shown = PathBuf::from(format!(":{}", path.display()));
    if let Some(why) = unreadable(entry) {
        bail!("{} {why}", visible_path(&shown));
    }
    let mut blobs = Blobs::start()?;
    let bytes = blobs
        .read(&entry.object, CONFIG_SIZE_LIMIT)?
        .map_err(|size| {
            anyhow::anyhow!("{} is {size} bytes, over the limit", visible_path(&shown))
        })?;
    blobs.finish()?;
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(Config::from_bytes(&shown, &bytes, &folder)?)
}

/// The profiles of the index under `paths` that `config` does not exclude, folder by folder,
/// each read when its folder's turn comes, at most `limit` bytes each.
pub(crate) fn staged_profiles(
    paths: &[PathBuf],
    config: &Config,
    limit: u64,
) -> anyhow::Result<impl Iterator<Item = anyhow::Result<BufferFolder>>> {
    let mut folders: BTreeMap<PathBuf, Vec<IndexEntry>> = BTreeMap::new();
    for entry in index_entries(paths, true)? {
        if !tipkit_model::is_profile_path(&entry.path) || excluded(config, &entry.path) {
            continue;
        }
        let folder = entry
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let files = folders.entry(folder).or_default();
        // A conflict lists a path once per stage: one finding.
        if files.last().is_none_or(|last| last.path != entry.path) {
            files.push(entry);
        }
    }
    let mut blobs = Blobs::start()?;
    Ok(folders.into_iter().map(move |(folder, entries)| {
        let mut files = Vec::with_capacity(entries.len());
        for entry in entries {
            let bytes = if let Some(why) = unreadable(&entry) {
                Err(ReadError::io(&entry.path, std::io::Error::other(why)))
            } else {
                blobs
                    .read(&entry.object, limit)?
                    .map_err(|size| ReadError::TooLarge {
                        path: entry.path.clone(),
                        size,
                        limit,
                    })
            };
            files.push((entry.path, bytes));
        }
        Ok(BufferFolder { folder, files })
    }))
}

/// Whether `config` leaves out `path` or a folder above it.
fn excluded(config: &Config, path: &Path) -> bool {
    config.is_excluded(path)
        || path
            .ancestors()
            .skip(1)
            .filter(|folder| !folder.as_os_str().is_empty())
            .any(|folder| config.is_excluded_folder(folder))
}

/// `git cat-file --batch`: blobs by object id, one at a time.
struct Blobs {
    child: Child,
    input: Option<ChildStdin>,
    output: BufReader<ChildStdout>,
}

impl Blobs {
    fn start() -> anyhow::Result<Self> {
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"].map(OsStr::new))
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot run git")?;
        let input = child.stdin.take();
        let output = BufReader::new(child.stdout.take().context("cannot run git")?);
        Ok(Self {
            child,
            input,
            output,
        })
    }

    /// The blob `object`, or its size when it is over `limit` (then skipped, not kept).
    fn read(&mut self, object: &str, limit: u64) -> anyhow::Result<Result<Vec<u8>, u64>> {
        let input = self.input.as_mut().context("git cat-file has ended")?;
        writeln!(input, "{object}")?;
        input.flush()?;
        // `<object> SP <type> SP <size> LF`, or `<object> SP missing LF`.
        let mut header = Vec::new();
        (&mut self.output)
            .take(256)
            .read_until(b'\n', &mut header)?;
        let header = std::str::from_utf8(&header).context("unexpected output from git cat-file")?;
        let fields: Vec<&str> = header.split_ascii_whitespace().collect();
        let [_, "blob", size] = fields.as_slice() else {
            bail!("unexpected output from git cat-file for a blob of the index");
        };
        let size: u64 = size.parse().context("unexpected size from git cat-file")?;
        if size > limit {
            // Skipped in pieces, with its line feed: never held.
            let skipped =
                std::io::copy(&mut (&mut self.output).take(size + 1), &mut std::io::sink())?;
            if skipped != size + 1 {
                bail!("git cat-file ended early");
            }
            return Ok(Err(size));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size)?);
        (&mut self.output).take(size).read_to_end(&mut bytes)?;
        let mut line_feed = [0];
        self.output.read_exact(&mut line_feed)?;
        if bytes.len() as u64 != size || line_feed != [b'\n'] {
            bail!("unexpected output from git cat-file");
        }
        Ok(Ok(bytes))
    }

    fn finish(mut self) -> anyhow::Result<()> {
        drop(self.input.take());
        let status = self.child.wait()?;
        if !status.success() {
            bail!("git cat-file failed");
        }
        Ok(())
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        drop(self.input.take());
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
pub(crate) fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt as _;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
pub(crate) fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Runs git with `args` then `paths`, and returns at most `limit` bytes of its output.
pub(crate) fn git(
    args: &[&std::ffi::OsStr],
    paths: &[PathBuf],
    limit: u64,
) -> anyhow::Result<Vec<u8>> {
    let mut child = Command::new("git")
        .args(args)
        .args(paths)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run git")?;
    let mut out = Vec::new();
    let stdout = child.stdout.take().expect("stdout is piped");
    stdout.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    let mut err = Vec::new();
    if let Some(stderr) = child.stderr.take() {
        stderr.take(4096).read_to_end(&mut err)?;
    }
    let status = child.wait()?;
    if !status.success() {
        bail!(
            "git failed: {}",
            visible(String::from_utf8_lossy(&err).trim())
        );
    }
    if out.len() as u64 > limit {
        bail!("git output over the limit of {limit} bytes");
    }
    Ok(out)
}
