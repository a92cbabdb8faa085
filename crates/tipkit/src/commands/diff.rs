//! `tipkit diff`: what the data says now that it did not say before, for review. Two files or
//! two folders, or the working tree against a git revision.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail};
use serde_json::Value;
use tipkit_validate::{
    Change, ChangeKind, Diff, DiffSource, Style, Workspace, visible, visible_path, walk,
};

use crate::Outcome;
use crate::output::Color;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// OLD and NEW: two profile files or two folders (profiles matched by jurisdiction code).
    /// With `--git`, the files and folders of the working tree to compare; default `profiles/`.
    paths: Vec<PathBuf>,
    /// Compare the working tree with this git revision (read with `git`, no network).
    #[arg(long, value_name = "REV")]
    git: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// When to colour human output. `NO_COLOR` in the environment always turns colour off.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Exit with 1 when there are changes or files that do not parse, like `git diff --exit-code`.
    #[arg(long)]
    exit_code: bool,
    /// Files larger than this many bytes are reported, not read.
    #[arg(long, default_value_t = tipkit_validate::DEFAULT_SIZE_LIMIT)]
    max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// One line per change, grouped by jurisdiction.
    Human,
    /// One section per jurisdiction with tables, for a pull request or `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// The report `schemas/diff-report.schema.json` describes.
    Json,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<Outcome> {
    let (old, new) = if let Some(rev) = &args.git {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from("profiles")]
        } else {
            args.paths.clone()
        };
        (
            git_side(rev, &paths, args.max_file_size)?,
            disk_side(&paths, args.max_file_size)?,
        )
    } else {
        let [old, new] = args.paths.as_slice() else {
            bail!("give OLD and NEW, two files or two folders, or `--git REV [PATH...]`");
        };
        (
            disk_side(std::slice::from_ref(old), args.max_file_size)?,
            disk_side(std::slice::from_ref(new), args.max_file_size)?,
        )
    };
    let diff = tipkit_validate::diff_sources(&old, &new);
    let text = match args.format {
        DiffFormat::Human => {
            let mut sources = Workspace::default();
            for source in old.iter().chain(&new) {
                sources.set_text(source.file.clone(), source.bytes.clone());
            }
            human(&diff, &sources, args.color.style())
        }
        DiffFormat::Markdown => markdown(&diff),
        DiffFormat::Json => {
            let mut text = crate::output::json::to_string_pretty(&diff.report())?;
            text.push('\n');
            text
        }
    };
    crate::output::stream::print(&text)?;
    Ok(if args.exit_code && !diff.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The `*.json` files under `paths`, read.
fn disk_side(paths: &[PathBuf], limit: u64) -> anyhow::Result<Vec<DiffSource>> {
    let (files, errors) = walk::files(paths);
    if let Some(error) = errors.first() {
        bail!("{error}");
    }
    files
        .into_iter()
        .map(|file| {
            let bytes = tipkit_validate::read_file(&file, limit)?;
            Ok(DiffSource { file, bytes })
        })
        .collect()
}

/// The `*.json` files under `paths` at revision `rev`, read with `git ls-tree` and
/// `git cat-file`. Git's output is input too: paths are taken as bytes, object ids must be hex,
/// sizes are checked before reading.
fn git_side(rev: &str, paths: &[PathBuf], limit: u64) -> anyhow::Result<Vec<DiffSource>> {
    if rev.starts_with('-') || rev.is_empty() || rev.contains(char::is_control) {
        bail!("not a revision: {}", visible(rev));
    }
    let listing = git(
        &[
            "ls-tree".as_ref(),
            "-r".as_ref(),
            "-z".as_ref(),
            "-l".as_ref(),
            format!("{rev}^{{tree}}").as_ref(),
            "--".as_ref(),
        ],
        paths,
        u64::MAX,
    )
    .with_context(|| format!("cannot list {} in git", visible(rev)))?;
    let mut sources = Vec::new();
    for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
        let Some(tab) = record.iter().position(|&b| b == b'\t') else {
            bail!("unexpected output from git ls-tree");
        };
        let (meta, path) = (&record[..tab], &record[tab + 1..]);
        let meta = std::str::from_utf8(meta).context("unexpected output from git ls-tree")?;
        let fields: Vec<&str> = meta.split_ascii_whitespace().collect();
        let [mode, kind, object, size] = fields.as_slice() else {
            bail!("unexpected output from git ls-tree");
        };
        let path = path_from_bytes(path);
        // Regular files only: a symbolic link's blob is its target's name.
        let regular = *kind == "blob" && matches!(*mode, "100644" | "100755");
        if !regular || !tipkit_model::is_profile_path(&path) {
            continue;
        }
        if object.is_empty() || !object.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("unexpected object id from git ls-tree");
        }
        let file = PathBuf::from(format!("{rev}:{}", path.display()));
        let size: u64 = size.parse().context("unexpected size from git ls-tree")?;
        if size > limit {
            bail!(
                "{} is {size} bytes, over the limit of {limit} (--max-file-size)",
                visible_path(&file)
            );
        }
        let bytes = git(
            &["cat-file".as_ref(), "blob".as_ref(), object.as_ref()],
            &[],
            limit,
        )?;
        sources.push(DiffSource { file, bytes });
    }
    Ok(sources)
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt as _;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Runs git with `args` then `paths`, and returns at most `limit` bytes of its output.
fn git(args: &[&std::ffi::OsStr], paths: &[PathBuf], limit: u64) -> anyhow::Result<Vec<u8>> {
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

/// A value as one short line: strings as they are, numbers, and objects as JSON.
fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `(+4)` for numbers.
fn difference(change: &Change) -> Option<String> {
    let (old, new) = (change.old.as_i64()?, change.new.as_i64()?);
    Some(format!("{:+}", new - old))
}

fn paint(text: &str, code: &str, style: Style) -> String {
    match style {
        Style::Color => format!("\u{1b}[{code}m{text}\u{1b}[0m"),
        Style::Plain => text.to_owned(),
    }
}

/// One line per change, grouped by jurisdiction; findings as the checks print them.
fn human(diff: &Diff, sources: &Workspace, style: Style) -> String {
    let mut text = String::new();
    for finding in &diff.findings {
        text.push_str(&tipkit_validate::render(finding, sources, style));
    }
    let mut previous = None;
    for change in &diff.changes {
        // A section per profile: two profiles of one code are two sections.
        if change.starts_profile(previous.replace(change)) {
            let _ = writeln!(
                text,
                "{}",
                paint(
                    &format!("{} ({})", visible(&change.code), visible(&change.file)),
                    "1",
                    style
                )
            );
        }
        let what = visible(&change.what);
        let line = match change.kind {
            ChangeKind::Added if change.pointer.is_empty() => paint(
                &format!("+ {what} added ({})", visible(&show(&change.new))),
                "32",
                style,
            ),
            ChangeKind::Removed if change.pointer.is_empty() => paint(
                &format!("- {what} removed ({})", visible(&show(&change.old))),
                "31",
                style,
            ),
            ChangeKind::Added => paint(
                &format!("+ {what}: {}", visible(&show(&change.new))),
                "32",
                style,
            ),
            ChangeKind::Removed => paint(
                &format!("- {what}: {}", visible(&show(&change.old))),
                "31",
                style,
            ),
            ChangeKind::Changed => {
                let mut line = format!(
                    "~ {what}: {} → {}",
                    visible(&show(&change.old)),
                    visible(&show(&change.new))
                );
                if let Some(d) = difference(change) {
                    let _ = write!(line, " ({d})");
                }
                paint(&line, "33", style)
            }
            ChangeKind::Moved => format!(
                "↕ {what}: moved {} → {}",
                visible(&show(&change.old)),
                visible(&show(&change.new))
            ),
        };
        let _ = writeln!(text, "  {line}");
    }
    let s = diff.summary();
    let _ = writeln!(
        text,
        "tipkit diff: {} profiles compared, {} changed; {} added, {} removed, {} changed, {} moved; {} findings",
        s.profiles_compared, s.profiles_changed, s.added, s.removed, s.changed, s.moved, s.findings
    );
    text
}

/// Text for a Markdown table cell or paragraph: shown, never acting. Control characters are made
/// [`visible`]; every ASCII punctuation character is escaped, so that no input makes a link, an
/// autolink, HTML, emphasis or code, or ends a table cell; `<`, `>` and `&` become entities.
pub(crate) fn markdown_text(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// One section per jurisdiction, with a table of its changes.
fn markdown(diff: &Diff) -> String {
    let s = diff.summary();
    let mut text = format!(
        "## tipkit diff\n\n{} profiles compared, {} changed: {} added, {} removed, {} changed, {} moved; {} findings.\n",
        s.profiles_compared, s.profiles_changed, s.added, s.removed, s.changed, s.moved, s.findings
    );
    if !diff.findings.is_empty() {
        text.push_str("\n### Files that do not parse\n\n| file | line | rule | message |\n|---|---|---|---|\n");
        for finding in &diff.findings {
            let line = finding.span.map_or(String::new(), |s| {
                format!("{}:{}", s.start_line, s.start_column)
            });
            let _ = writeln!(
                text,
                "| {} | {line} | {} | {} |",
                markdown_text(&finding.file.display().to_string()),
                markdown_text(finding.rule),
                markdown_text(&finding.message)
            );
        }
    }
    let mut previous = None;
    for change in &diff.changes {
        // A section per profile: two profiles of one code are two sections.
        if change.starts_profile(previous.replace(change)) {
            let _ = write!(
                text,
                "\n### {} ({})\n\n| change | field | old | new | difference |\n|---|---|---|---|---|\n",
                markdown_text(&change.code),
                markdown_text(&change.file)
            );
        }
        let what = if change.pointer.is_empty() {
            change.what.clone() // "profile" or "second profile", ours
        } else {
            markdown_text(&change.what)
        };
        let _ = writeln!(
            text,
            "| {} | {what} | {} | {} | {} |",
            change.kind.as_str(),
            markdown_text(&show(&change.old)),
            markdown_text(&show(&change.new)),
            difference(change)
                .map(|d| markdown_text(&d))
                .unwrap_or_default()
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::markdown_text;

    #[test]
    fn markdown_text_makes_no_link_html_or_cell_break() {
        assert_eq!(markdown_text("a|b"), "a\\|b");
        assert_eq!(markdown_text("<script>"), "&lt;script&gt;");
        assert_eq!(
            markdown_text("[x](https://e.x)"),
            "\\[x\\]\\(https\\:\\/\\/e\\.x\\)"
        );
        assert_eq!(markdown_text("`c`"), "\\`c\\`");
        assert_eq!(markdown_text("a\r\nb"), "a\\\\r\\\\nb");
    }
}
