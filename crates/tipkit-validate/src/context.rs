//! What a rule sees: one file with its spans, one typed profile, or the profiles of a folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tipkit_model::Profile;

use crate::diagnostic::{Diagnostic, Related, Span};
use crate::engine::Workspace;
use crate::registry::Rule;
use crate::sections::Sections;
use crate::source::{LineIndex, LineTable};
use crate::spans::SpanIndex;
use crate::summary::{Located, ProfileSummary};

/// Which part of a member a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    /// The member's key: for unknown or duplicate keys, and for whole sections.
    Key,
    /// The member's value.
    Value,
}

/// The indexes that locate findings in a file's bytes, each built at most once, on first use:
/// a file without findings never needs them. A source database keeps them with the bytes.
#[derive(Debug, Default)]
pub(crate) struct Indexes {
    lines: OnceLock<LineTable>,
    spans: OnceLock<SpanIndex>,
}

impl Indexes {
    /// The line index of `bytes`, the bytes these indexes are of.
    pub(crate) fn lines<'a>(&'a self, bytes: &'a [u8]) -> LineIndex<'a> {
        LineIndex::with_table(bytes, self.lines.get_or_init(|| LineTable::new(bytes)))
    }

    /// The span index of `bytes`, the bytes these indexes are of.
    pub(crate) fn spans(&self, bytes: &[u8]) -> &SpanIndex {
        self.spans.get_or_init(|| SpanIndex::build(bytes))
    }

    /// Drops the span index, which the next use builds again.
    pub(crate) fn forget_spans(&mut self) {
        self.spans.take();
    }
}

/// One file: its name and bytes, and the indexes that locate findings in it.
#[derive(Clone, Copy)]
pub(crate) struct FileContext<'a> {
    pub(crate) file: &'a Path,
    bytes: &'a [u8],
    indexes: &'a Indexes,
}

impl<'a> FileContext<'a> {
    pub(crate) fn new(file: &'a Path, bytes: &'a [u8], indexes: &'a Indexes) -> Self {
        Self {
            file,
            bytes,
            indexes,
        }
    }

    /// The file's bytes.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The file's lines, indexed on first use.
    pub(crate) fn lines(&self) -> LineIndex<'a> {
        self.indexes.lines(self.bytes)
    }

    /// The file's span index, built on first use.
    pub(crate) fn spans(&self) -> &'a SpanIndex {
        self.indexes.spans(self.bytes)
    }

    /// The span of `pointer`, or of its nearest existing ancestor, with the pointer it names.
    pub(crate) fn locate(&self, pointer: &str, target: Target) -> (String, Option<Span>) {
        let Some((found, node)) = self.spans().nearest(self.bytes, pointer) else {
            return (pointer.to_owned(), None);
        };
        let is_container = matches!(self.bytes.get(node.value.start), Some(b'{' | b'['));
        let range = if found == pointer && target == Target::Value && !is_container {
            node.value
        } else if let Some(key) = node.key {
            key
        } else {
            // The root or a list item: its first character.
            node.value.start..node.value.start + 1
        };
        (
            found.to_owned(),
            Some(self.lines().span(range.start, range.end)),
        )
    }

    /// A finding of `rule` at its default severity, at `pointer`.
    pub(crate) fn report(
        &self,
        rule: &Rule,
        pointer: &str,
        target: Target,
        message: String,
    ) -> Diagnostic {
        let (pointer, span) = self.locate(pointer, target);
        Diagnostic::new(rule, self.file.to_path_buf(), pointer, span, message)
    }

    /// A finding of `rule` at a byte range, for problems found before there is a document.
    pub(crate) fn report_bytes(
        &self,
        rule: &Rule,
        range: std::ops::Range<usize>,
        message: String,
    ) -> Diagnostic {
        let span = self.lines().span(range.start, range.end);
        Diagnostic::new(
            rule,
            self.file.to_path_buf(),
            String::new(),
            Some(span),
            message,
        )
    }

    /// A second place in this file that explains a finding.
    pub(crate) fn related(
        &self,
        pointer: &str,
        target: Target,
        message: impl Into<String>,
    ) -> Related {
        let (pointer, span) = self.locate(pointer, target);
        Related {
            file: self.file.to_path_buf(),
            pointer,
            span,
            message: message.into(),
        }
    }
}

/// One profile, typed whole or in part: a rule runs only when the sections it reads typed.
pub(crate) struct ProfileContext<'a> {
    pub(crate) source: FileContext<'a>,
    pub(crate) profile: &'a Profile,
    /// The sections that typed; the others are absent, or placeholders when required: a rule
    /// that reads sections each on its own checks only these.
    pub(crate) typed: Sections,
}

impl ProfileContext<'_> {
    /// A finding at the value of `pointer`.
    pub(crate) fn report(&self, rule: &Rule, pointer: &str, message: String) -> Diagnostic {
        self.source.report(rule, pointer, Target::Value, message)
    }

    /// A finding at the key of `pointer`: for whole sections.
    pub(crate) fn report_key(&self, rule: &Rule, pointer: &str, message: String) -> Diagnostic {
        self.source.report(rule, pointer, Target::Key, message)
    }

    /// A second place in this file that explains a finding.
    pub(crate) fn related(&self, pointer: &str, message: impl Into<String>) -> Related {
        self.source.related(pointer, Target::Value, message)
    }
}

/// A located place: the pointer found and its span.
type Place = (String, Option<Span>);

/// The profiles of one folder.
pub(crate) struct FolderContext<'a> {
    pub(crate) folder: &'a Path,
    pub(crate) profiles: &'a [ProfileSummary],
    /// Where the files are, with their indexes: a finding is located without reading again.
    pub(crate) sources: &'a Workspace,
    /// The files named, when only some of the folder's files were: the others are there to
    /// compare with, and no finding speaks about them or about the folder. `None`: all of them.
    pub(crate) named: Option<HashSet<&'a Path>>,
    /// How many of the folder's files did not reach the typed model, so have no summary.
    pub(crate) not_profiles: usize,
}

impl<'a> FolderContext<'a> {
    pub(crate) fn new(
        folder: &'a Path,
        profiles: &'a [ProfileSummary],
        sources: &'a Workspace,
        named: Option<HashSet<&'a Path>>,
    ) -> Self {
        Self {
            folder,
            profiles,
            sources,
            named,
            not_profiles: 0,
        }
    }

    /// Whether the whole folder is checked, so that a finding may speak about the folder.
    pub(crate) fn whole(&self) -> bool {
        self.named.is_none()
    }

    /// Whether every file of the folder was checked and reached the typed model: only then does
    /// a finding about what the folder lacks hold.
    pub(crate) fn whole_and_read(&self) -> bool {
        self.whole() && self.not_profiles == 0
    }

    /// Whether findings may speak about `profile`: it was checked, not only compared with.
    pub(crate) fn speaks_about(&self, profile: &ProfileSummary) -> bool {
        self.named
            .as_ref()
            .is_none_or(|named| named.contains(profile.file.as_path()))
    }

    /// The pointer and span of a value of `profile`, through the file's indexes in the
    /// database.
    fn locate(&self, profile: &ProfileSummary, at: &Located) -> Place {
        let (pointer, target) = at.pointer();
        match self.sources.file(&profile.file) {
            Some(source) => source.context().locate(&pointer, target),
            None => (pointer, None),
        }
    }

    /// A finding at a value of `profile`.
    pub(crate) fn report(
        &self,
        rule: &Rule,
        profile: &ProfileSummary,
        at: &Located,
        message: String,
    ) -> Diagnostic {
        let (pointer, span) = self.locate(profile, at);
        Diagnostic::new(rule, profile.file.clone(), pointer, span, message)
    }

    /// A value of `profile`, as the related place of another finding.
    pub(crate) fn related(
        &self,
        profile: &ProfileSummary,
        at: &Located,
        message: impl Into<String>,
    ) -> Related {
        let (pointer, span) = self.locate(profile, at);
        Related {
            file: profile.file.clone(),
            pointer,
            span,
            message: message.into(),
        }
    }
}

impl Diagnostic {
    /// A finding of `rule` at its default severity (a rule reports at one severity), with no
    /// help and no related place yet.
    pub(crate) fn new(
        rule: &Rule,
        file: PathBuf,
        pointer: String,
        span: Option<Span>,
        message: String,
    ) -> Self {
        Self {
            rule: rule.id,
            severity: rule.default_severity,
            file,
            pointer,
            span,
            message,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// The same finding with a help text.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same finding with a related place.
    pub(crate) fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }
}
