//! The main loop: one message at a time, in the order they come, on one thread.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crossbeam_channel::TryRecvError;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentDiagnosticRequest, Formatting, HoverRequest,
    RegisterCapability, Request as _, WorkspaceDiagnosticRefresh,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionProviderCapability,
    CompletionItem, CompletionItemKind, CompletionOptions, CompletionResponse, CompletionTextEdit,
    DiagnosticOptions, DiagnosticServerCapabilities, DidChangeWatchedFilesRegistrationOptions,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, Documentation, FileSystemWatcher,
    FullDocumentDiagnosticReport, GlobPattern, Hover, HoverContents, HoverProviderCapability,
    InitializeParams, InitializeResult, MarkupContent, MarkupKind, OneOf, PublishDiagnosticsParams,
    Registration, RegistrationParams, RelatedFullDocumentDiagnosticReport, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri,
};

use crate::checker::{CONFIG_FILE, Checker, Kind};
use crate::convert::{self, Placed};
use crate::cursor::{self, Place};
use crate::document::Document;
use crate::model;
use crate::position::Encoding;
use crate::uri;

/// Folders of profiles, each with its open profiles whose text changed.
type Changed = BTreeMap<PathBuf, Vec<PathBuf>>;

/// The request that answers what the server holds and the work it did.
const STATUS: &str = "tipkit/status";

/// How the server ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// `exit` after `shutdown`: exit status 0.
    AfterShutdown,
    /// `exit` without `shutdown`, or the client went away: exit status 1.
    WithoutShutdown,
}

impl Ended {
    /// The process's exit status, as the protocol asks.
    pub fn exit_code(self) -> i32 {
        match self {
            Self::AfterShutdown => 0,
            Self::WithoutShutdown => 1,
        }
    }
}

/// An open document and what the server knows of it.
struct Open {
    path: Option<PathBuf>,
    document: Document,
    /// What the server makes of it, once worked out (again after a change of its text, unless
    /// it lies in a folder of profiles, or of a `tipkit.toml`).
    kind: Option<Kind>,
    /// The findings last published for it as a profile, so that only a change is published
    /// again, and they are cleared when it closes or stops being one.
    published: Option<Vec<tipkit_validate::Diagnostic>>,
}

/// What the client said it can do, in `initialize`.
#[derive(Debug, Clone, Copy)]
struct Client {
    /// It pulls diagnostics (`textDocument/diagnostic`): none are pushed.
    pull: bool,
    /// It can be asked to pull again (`workspace/diagnostic/refresh`).
    refresh: bool,
    /// It takes edits for a version of a document (`documentChanges`).
    versioned_edits: bool,
}

struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    client: Client,
    documents: HashMap<Uri, Open>,
    checker: Checker,
    shutdown: bool,
    requests_sent: u64,
    /// How many `publishDiagnostics` were sent: work done, for `tipkit/status`.
    publishes: u64,
    /// Documents whose text changed, not checked yet.
    edited: HashSet<Uri>,
    /// Folders whose files changed on disk or closed, not checked again yet.
    stale: BTreeSet<PathBuf>,
}

/// Serves one client over `connection` until it exits or goes away. Answers `initialize`
/// first; everything else is answered or ignored as the protocol says, and never ends the
/// server.
pub fn serve(connection: &Connection) -> Ended {
    let Ok((id, params)) = connection.initialize_start() else {
        return Ended::WithoutShutdown;
    };
    // The protocol names it `workspace.diagnostics`; lsp-types 0.97 reads `diagnostic`.
    let workspace = &params["capabilities"]["workspace"];
    let refresh = [&workspace["diagnostics"], &workspace["diagnostic"]]
        .iter()
        .any(|d| d["refreshSupport"] == serde_json::Value::Bool(true));
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let capabilities = &params.capabilities;
    let encoding = Encoding::negotiate(
        capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref()),
    );
    let pull = capabilities
        .text_document
        .as_ref()
        .is_some_and(|text| text.diagnostic.is_some());
    let versioned_edits = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.workspace_edit.as_ref())
        .and_then(|edit| edit.document_changes)
        == Some(true);
    let watch = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        == Some(true);
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|folder| uri::to_path(&folder.uri))
        .or_else(|| {
            #[allow(deprecated)] // older clients send only this
            params.root_uri.as_ref().and_then(uri::to_path)
        });
    let result = InitializeResult {
        capabilities: server_capabilities(encoding, pull),
        server_info: Some(ServerInfo {
            name: "tipkit".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let _ = connection.sender.send(Response::new_ok(id, result).into());
    let mut checker = Checker::new(root);
    checker.set_watching(watch);
    let mut server = Server {
        connection,
        encoding,
        client: Client {
            pull,
            refresh,
            versioned_edits,
        },
        documents: HashMap::new(),
        checker,
        shutdown: false,
        requests_sent: 0,
        publishes: 0,
        edited: HashSet::new(),
        stale: BTreeSet::new(),
    };
    if watch {
        server.watch_files();
    }
    server.run()
}

fn server_capabilities(encoding: Encoding, pull: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_owned()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, convert::FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        diagnostic_provider: pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("tipkit".to_owned()),
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                work_done_progress_options: lsp_types::WorkDoneProgressOptions::default(),
            })
        }),
        ..ServerCapabilities::default()
    }
}

impl Server<'_> {
    fn run(&mut self) -> Ended {
        loop {
            // Changes are checked once the messages that came meanwhile are read: a burst of
            // them (a thousand documents opened) costs one check of each folder, not one each.
            let message = if self.edited.is_empty() && self.stale.is_empty() {
                self.connection.receiver.recv().ok()
            } else {
                match self.connection.receiver.try_recv() {
                    Ok(message) => Some(message),
                    Err(TryRecvError::Empty) => {
                        let _ = catch_unwind(AssertUnwindSafe(|| self.flush()));
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => None,
                }
            };
            let Some(message) = message else {
                break;
            };
            match message {
                Message::Request(request) => {
                    let _ = catch_unwind(AssertUnwindSafe(|| self.flush()));
                    self.request(request);
                }
                Message::Notification(notification) if notification.method == "exit" => {
                    return if self.shutdown {
                        Ended::AfterShutdown
                    } else {
                        Ended::WithoutShutdown
                    };
                }
                Message::Notification(notification) if !self.shutdown => {
                    // A notification has no answer: one that fails is dropped.
                    let _ = catch_unwind(AssertUnwindSafe(|| self.notification(notification)));
                }
                Message::Notification(_) | Message::Response(_) => {}
            }
        }
        Ended::WithoutShutdown
    }

    /// Checks what changed since the last time and publishes what that changed.
    fn flush(&mut self) {
        let edited = std::mem::take(&mut self.edited).into_iter().collect();
        let stale = std::mem::take(&mut self.stale);
        self.refresh(edited, true, stale);
    }

    fn send(&self, message: impl Into<Message>) {
        // A client that is gone ends the loop through the receiver.
        let _ = self.connection.sender.send(message.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_owned(), params));
    }

    fn ask<R: lsp_types::request::Request>(&mut self, params: R::Params) {
        self.requests_sent += 1;
        let id = RequestId::from(format!("tipkit-{}", self.requests_sent));
        self.send(Request::new(id, R::METHOD.to_owned(), params));
    }

    fn show_error(&self, message: &str) {
        self.notify::<lsp_types::notification::ShowMessage>(lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: tipkit_validate::visible(message).into_owned(),
        });
    }

    fn watch_files(&mut self) {
        let watchers = [format!("**/{CONFIG_FILE}"), "**/*.json".to_owned()]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        self.ask::<RegisterCapability>(RegistrationParams {
            registrations: vec![Registration {
                id: "tipkit-watch".to_owned(),
                method: DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        });
    }

    /// What the server holds and the work it did, for tests and for a user who wonders.
    fn status(&self) -> serde_json::Value {
        let held = self.checker.held();
        serde_json::json!({
            "documents": self.documents.len(),
            "publishes": self.publishes,
            "checker": held,
        })
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutdown {
            let message = "the server is shutting down".to_owned();
            self.send(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                message,
            ));
            return;
        }
        let response = match catch_unwind(AssertUnwindSafe(|| self.answer(request))) {
            Ok(response) => response,
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "the request failed inside the server".to_owned(),
            ),
        };
        self.send(response);
    }

    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(serde_json::Value::Null)
            }
            STATUS => Ok(self.status()),
            Formatting::METHOD => params(request).map(|p| to_json(&self.format(&p))),
            HoverRequest::METHOD => params(request).map(|p| to_json(&self.hover(&p))),
            Completion::METHOD => params(request).map(|p| to_json(&self.complete(&p))),
            CodeActionRequest::METHOD => params(request).map(|p| to_json(&self.code_actions(&p))),
            DocumentDiagnosticRequest::METHOD => {
                params(request).map(|p| to_json(&self.pull_diagnostics(&p)))
            }
            method => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method `{}`", tipkit_validate::visible(method)),
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = notification
                    .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return;
                };
                let doc = p.text_document;
                let path = uri::to_path(&doc.uri);
                let open = Open {
                    path,
                    document: Document::new(doc.text, doc.version),
                    kind: None,
                    published: None,
                };
                if let Some(old) = self.documents.insert(doc.uri.clone(), open)
                    && let Some(path) = old.path
                {
                    self.checker.close(&path);
                }
                self.edit(doc.uri);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) else {
                    return;
                };
                let Some(open) = self.documents.get_mut(&p.text_document.uri) else {
                    return;
                };
                if let Err(error) = open.document.apply(p.content_changes, self.encoding) {
                    // Its text is no longer the client's: forgotten, as if closed.
                    self.show_error(&format!("tipkit: {error}; close and reopen the file"));
                    self.closed(&p.text_document.uri);
                    return;
                }
                open.document.version = p.text_document.version;
                if open.kind != Some(Kind::InFolder) {
                    open.kind = None;
                }
                self.edit(p.text_document.uri);
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = notification
                    .extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                else {
                    return;
                };
                let saved = uri::to_path(&p.text_document.uri);
                if saved
                    .as_deref()
                    .and_then(Path::file_name)
                    .is_some_and(|n| n == CONFIG_FILE)
                {
                    self.reload();
                }
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                self.closed(&p.text_document.uri);
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(p) = notification.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    DidChangeWatchedFiles::METHOD,
                ) else {
                    return;
                };
                let paths: Vec<PathBuf> = p
                    .changes
                    .iter()
                    .filter_map(|c| uri::to_path(&c.uri))
                    .collect();
                if paths
                    .iter()
                    .any(|p| p.file_name().is_some_and(|n| n == CONFIG_FILE))
                {
                    self.reload();
                } else {
                    self.checker.forget(&paths);
                    let folders = paths.iter().filter_map(|p| p.parent());
                    self.stale.extend(folders.map(Path::to_path_buf));
                }
            }
            _ => {}
        }
    }

    /// A document's text changed (or it was opened): checked with the others that changed
    /// before the next message that waits.
    fn edit(&mut self, uri: Uri) {
        self.edited.insert(uri);
    }

    /// A document closed (or its text lost): its findings are cleared, the checker forgets it,
    /// and its folder's other documents now see the file as it is on disk.
    fn closed(&mut self, uri: &Uri) {
        let Some(open) = self.documents.remove(uri) else {
            return;
        };
        if open.published.is_some() && !self.client.pull {
            self.publish(uri.clone(), Vec::new(), None);
        }
        let Some(path) = &open.path else {
            return;
        };
        self.checker.close(path);
        if open.kind == Some(Kind::InFolder)
            && let Some(folder) = path.parent()
        {
            self.stale.insert(folder.to_path_buf());
        }
    }

    /// A `tipkit.toml` changed: every configuration is read again and every document checked
    /// again.
    fn reload(&mut self) {
        self.checker.reload();
        for open in self.documents.values_mut() {
            open.kind = None;
        }
        let uris = self.documents.keys().cloned().collect();
        let stale = std::mem::take(&mut self.stale);
        self.refresh(uris, false, stale);
    }

    /// The documents of `uris` changed (or were opened): each is sorted out (a profile in a
    /// folder of profiles, one on its own, or none), its text set, and what changed published.
    fn refresh(&mut self, uris: Vec<Uri>, edited: bool, stale: BTreeSet<PathBuf>) {
        let mut folders: Changed = BTreeMap::new();
        let mut alone = Vec::new();
        for uri in uris {
            let Some(open) = self.documents.get_mut(&uri) else {
                continue;
            };
            let Some(path) = open.path.clone() else {
                continue;
            };
            let kind = *open
                .kind
                .get_or_insert_with(|| self.checker.kind(&path, open.document.text()));
            match kind {
                Kind::InFolder => {
                    self.checker.set_buffer(&path, open.document.text());
                    let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
                    folders.entry(folder).or_default().push(path);
                }
                Kind::Alone | Kind::NotProfile => alone.push(uri),
            }
        }
        self.report_config_errors();
        for folder in stale {
            folders.entry(folder).or_default();
        }
        if self.client.pull {
            // The client pulls the document it changed; the others only when asked to, which
            // matters when the change can reach them: another open document of the folder.
            let reached = self
                .documents
                .values()
                .filter(|open| {
                    open.kind == Some(Kind::InFolder)
                        && open
                            .path
                            .as_deref()
                            .and_then(Path::parent)
                            .is_some_and(|f| folders.contains_key(f))
                })
                .count();
            if self.client.refresh && reached > 1 {
                self.ask::<WorkspaceDiagnosticRefresh>(());
            }
            return;
        }
        for uri in alone {
            let found = self.raw_findings(&uri);
            self.publish_if_changed(&uri, found, edited);
        }
        self.recheck_folders(&folders, edited);
    }

    /// Checks the folders again and publishes the findings of each of their open profiles whose
    /// findings changed: each changed file's own, and those of the files whose findings across
    /// the folder's profiles changed; never every open document of the folder again.
    fn recheck_folders(&mut self, folders: &Changed, edited: bool) {
        if self.client.pull {
            if self.client.refresh {
                self.ask::<WorkspaceDiagnosticRefresh>(());
            }
            return;
        }
        for (folder, changed) in folders {
            let probe = changed.first().cloned().or_else(|| {
                self.documents.values().find_map(|open| {
                    let path = open.path.as_ref()?;
                    (open.kind == Some(Kind::InFolder) && path.parent() == Some(folder.as_path()))
                        .then(|| path.clone())
                })
            });
            let Some(probe) = probe else {
                continue;
            };
            for (path, found) in self.checker.recheck(&probe, changed) {
                let uri = self.documents.iter().find_map(|(uri, open)| {
                    (open.kind == Some(Kind::InFolder) && open.path.as_ref() == Some(&path))
                        .then(|| uri.clone())
                });
                if let Some(uri) = uri {
                    let edited = edited && changed.contains(&path);
                    self.publish_if_changed(&uri, Some(found), edited);
                }
            }
        }
    }

    /// Publishes the findings of a document (`None`: not a profile) unless they are the ones
    /// published last and its text did not change (`edited`): the same findings may fall on
    /// other columns of a changed text.
    fn publish_if_changed(
        &mut self,
        uri: &Uri,
        found: Option<Vec<tipkit_validate::Diagnostic>>,
        edited: bool,
    ) {
        let Some(open) = self.documents.get(uri) else {
            return;
        };
        if open.published == found && !(edited && found.is_some()) {
            return;
        }
        let version = open.document.version;
        let diagnostics = found
            .as_deref()
            .map(|found| self.convert(uri, found))
            .unwrap_or_default();
        if let Some(open) = self.documents.get_mut(uri) {
            open.published = found;
        }
        self.publish(uri.clone(), diagnostics, Some(version));
    }

    fn publish(&mut self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.publishes += 1;
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    /// The configurations read since the last time that cannot be used (the defaults apply),
    /// as errors, and their warnings (a rule id that was split), as `tipkit check` prints them.
    fn report_config_errors(&mut self) {
        for error in self.checker.take_errors() {
            self.show_error(&error.to_string());
        }
        for warning in self.checker.take_warnings() {
            self.notify::<lsp_types::notification::ShowMessage>(lsp_types::ShowMessageParams {
                typ: lsp_types::MessageType::WARNING,
                message: tipkit_validate::visible(&warning).into_owned(),
            });
        }
    }

    /// The findings of an open document, `None` when it is not a profile: checked among its
    /// folder when it lies in a folder of profiles, else on its own.
    fn raw_findings(&mut self, uri: &Uri) -> Option<Vec<tipkit_validate::Diagnostic>> {
        let open = self.documents.get_mut(uri)?;
        let path = open.path.clone()?;
        let kind = *open
            .kind
            .get_or_insert_with(|| self.checker.kind(&path, open.document.text()));
        let found = match kind {
            Kind::NotProfile => None,
            Kind::Alone => Some(self.checker.alone_findings(&path, open.document.text())),
            Kind::InFolder => {
                self.checker.set_buffer(&path, open.document.text());
                Some(self.checker.file_findings(&path))
            }
        };
        self.report_config_errors();
        found
    }

    /// Findings of the document `uri`, as the protocol's diagnostics.
    fn convert(
        &self,
        uri: &Uri,
        found: &[tipkit_validate::Diagnostic],
    ) -> Vec<lsp_types::Diagnostic> {
        let Some(open) = self.documents.get(uri) else {
            return Vec::new();
        };
        let doc = Placed {
            uri: uri.clone(),
            text: open.document.text(),
            lines: open.document.lines(),
        };
        let mut other = |path: &Path| self.text_of(path);
        found
            .iter()
            .map(|d| convert::diagnostic(d, &doc, self.encoding, &mut other))
            .collect()
    }

    /// The URI and text of a file a finding mentions: the open document's, else the file's.
    fn text_of(&self, path: &Path) -> Option<(Uri, String)> {
        if let Some((uri, open)) = self
            .documents
            .iter()
            .find(|(_, open)| open.path.as_deref() == Some(path))
        {
            return Some((uri.clone(), open.document.text().to_owned()));
        }
        // A sibling on disk: as the checker's database read it, else from disk, as the walk
        // reads (`walk::admit`): a link only to a file of its own folder, nothing in `.git`.
        let text = if let Some(file) = self.checker.file(path) {
            String::from_utf8(file.bytes().to_vec()).ok()?
        } else {
            use tipkit_validate::walk;
            let folder = path
                .parent()
                .filter(|folder| !folder.as_os_str().is_empty());
            let folder = std::fs::canonicalize(folder.unwrap_or(Path::new("."))).ok()?;
            let real = walk::admit(path, &walk::Roots::new([folder])).ok()?;
            let bytes =
                tipkit_validate::read_file(&real, tipkit_validate::DEFAULT_SIZE_LIMIT).ok()?;
            String::from_utf8(bytes).ok()?
        };
        Some((uri::from_path(path)?, text))
    }

    fn pull_diagnostics(
        &mut self,
        params: &lsp_types::DocumentDiagnosticParams,
    ) -> DocumentDiagnosticReportResult {
        let uri = &params.text_document.uri;
        let closed = !self.documents.contains_key(uri);
        if closed {
            // A closed document is checked as it is on disk.
            if let Some((_, text)) = uri::to_path(uri).and_then(|path| self.text_of(&path)) {
                let path = uri::to_path(uri);
                self.documents.insert(
                    uri.clone(),
                    Open {
                        path,
                        document: Document::new(text, 0),
                        kind: None,
                        published: None,
                    },
                );
            }
        }
        let items = self
            .raw_findings(uri)
            .map(|found| self.convert(uri, &found))
            .unwrap_or_default();
        if closed {
            // Checked as on disk, it is no buffer: its database forgets it.
            if let Some(path) = self.documents.remove(uri).and_then(|open| open.path) {
                self.checker.close(&path);
            }
        }
        DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            },
        ))
    }

    /// An open document that is a profile.
    fn profile(&mut self, uri: &Uri) -> Option<&Open> {
        let open = self.documents.get_mut(uri)?;
        let path = open.path.as_deref()?;
        let kind = *open
            .kind
            .get_or_insert_with(|| self.checker.kind(path, open.document.text()));
        (kind != Kind::NotProfile)
            .then(|| self.documents.get(uri))
            .flatten()
    }

    fn format(&mut self, params: &lsp_types::DocumentFormattingParams) -> Option<Vec<TextEdit>> {
        let encoding = self.encoding;
        let open = self.profile(&params.text_document.uri)?;
        let text = open.document.text();
        let profile = tipkit_model::from_str(text).ok()?;
        let canonical = tipkit_model::to_canonical_string(&profile);
        if canonical == text {
            return Some(Vec::new());
        }
        let range = open.document.lines().range(text, 0, text.len(), encoding);
        Some(vec![TextEdit::new(range, canonical)])
    }

    fn hover(&mut self, params: &lsp_types::HoverParams) -> Option<Hover> {
        let encoding = self.encoding;
        let place = &params.text_document_position_params;
        let uri = place.text_document.uri.clone();
        let open = self.profile(&uri)?;
        let text = open.document.text();
        let lines = open.document.lines().clone();
        let offset = lines.offset(text, place.position, encoding);
        let mut parts = Vec::new();
        let mut range = None;
        if let Some(cursor) = cursor::at(text, offset)
            && let Place::Key {
                object,
                key: Some(key),
                ..
            } = &cursor.place
        {
            let pointer = format!("{object}/{}", tipkit_model::pointer::escape(key));
            if let Some(docs) = model::key_docs(&pointer) {
                parts.push(format!("**{key}**\n\n{docs}"));
                range = Some(lines.range(text, cursor.token.start, cursor.token.end, encoding));
            }
        }
        let text = text.to_owned();
        let findings = self.raw_findings(&uri).unwrap_or_default();
        let mut rules: Vec<&str> = Vec::new();
        for finding in &findings {
            let Some(span) = finding.span else { continue };
            if span.start <= offset && offset <= span.end && !rules.contains(&finding.rule) {
                rules.push(finding.rule);
                if let Some(rule) = tipkit_validate::rule(finding.rule) {
                    parts.push(rule.explanation());
                }
                range.get_or_insert_with(|| lines.range(&text, span.start, span.end, encoding));
            }
        }
        if parts.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range,
        })
    }

    /// The quick fixes of the findings in the range, and the fix-all action, as `only` asks;
    /// every fix worked out on the text the client has now.
    fn code_actions(
        &mut self,
        params: &lsp_types::CodeActionParams,
    ) -> Option<Vec<CodeActionOrCommand>> {
        let uri = &params.text_document.uri;
        let path = self.profile(uri)?.path.clone()?;
        let only = params.context.only.as_deref();
        let findings = self.raw_findings(uri).unwrap_or_default();
        let mut actions = Vec::new();
        if convert::wanted(only, &CodeActionKind::QUICKFIX) {
            actions.extend(self.quick_fixes(uri, &findings, params.range));
        }
        // Fixing to convergence checks the buffer again, up to ten times: only when a finding
        // has a fix to apply, not on every request (clients ask on each move of the cursor).
        let selection = self.checker.selection(&path);
        let fixable = findings.iter().any(|finding| selection.allows(finding));
        if fixable && convert::wanted(only, &convert::FIX_ALL) {
            let text = self.documents.get(uri)?.document.text().to_owned();
            let fixed = self.checker.fix_all(&path, &text);
            let open = self.documents.get(uri)?;
            if let Some(fixed) = fixed {
                let doc = Placed {
                    uri: uri.clone(),
                    text: open.document.text(),
                    lines: open.document.lines(),
                };
                let version = self.client.versioned_edits.then_some(open.document.version);
                actions.push(convert::fix_all(&doc, version, fixed, self.encoding));
            }
        }
        Some(
            actions
                .into_iter()
                .map(CodeActionOrCommand::CodeAction)
                .collect(),
        )
    }

    /// A quick fix for each finding with a fix that touches `range`, unless `tipkit.toml` marks
    /// its rule `unfixable`.
    fn quick_fixes(
        &mut self,
        uri: &Uri,
        findings: &[tipkit_validate::Diagnostic],
        range: lsp_types::Range,
    ) -> Vec<lsp_types::CodeAction> {
        let encoding = self.encoding;
        let Some(path) = self.documents.get(uri).and_then(|open| open.path.clone()) else {
            return Vec::new();
        };
        let selection = self.checker.selection(&path);
        let Some(open) = self.documents.get(uri) else {
            return Vec::new();
        };
        let text = open.document.text();
        let lines = open.document.lines();
        let version = self.client.versioned_edits.then_some(open.document.version);
        let (start, end) = (
            lines.offset(text, range.start, encoding),
            lines.offset(text, range.end, encoding),
        );
        let doc = Placed {
            uri: uri.clone(),
            text,
            lines,
        };
        let mut other = |path: &Path| self.text_of(path);
        let mut actions = Vec::new();
        for finding in findings {
            let (Some(span), Some(fix)) = (finding.span, &finding.fix) else {
                continue;
            };
            if span.start > end.max(start) || start.min(end) > span.end {
                continue;
            }
            let Some(applicability) = selection.configured(finding.rule, fix.applicability) else {
                continue;
            };
            let diagnostic = convert::diagnostic(finding, &doc, encoding, &mut other);
            actions.push(convert::quick_fix(
                fix,
                applicability,
                diagnostic,
                &doc,
                version,
                encoding,
            ));
        }
        actions
    }

    fn complete(&mut self, params: &lsp_types::CompletionParams) -> Option<CompletionResponse> {
        let encoding = self.encoding;
        let place = &params.text_document_position;
        let open = self.profile(&place.text_document.uri)?;
        let text = open.document.text();
        let lines = open.document.lines();
        let offset = lines.offset(text, place.position, encoding);
        let cursor = cursor::at(text, offset)?;
        let range = lines.range(text, cursor.token.start, cursor.token.end, encoding);
        let in_token = !cursor.token.is_empty();
        let (offers, kind) = match &cursor.place {
            Place::Key {
                object, present, ..
            } => (model::keys(object, present), CompletionItemKind::PROPERTY),
            Place::Value(pointer) => (model::values(pointer), CompletionItemKind::ENUM_MEMBER),
        };
        let is_key = kind == CompletionItemKind::PROPERTY;
        let items = offers
            .into_iter()
            .enumerate()
            .map(|(i, offer)| {
                let quoted = serde_json::to_string(&offer.label).unwrap_or_default();
                let new_text = if is_key && !in_token {
                    format!("{quoted}: ")
                } else {
                    quoted.clone()
                };
                CompletionItem {
                    label: offer.label,
                    kind: Some(kind),
                    detail: offer.detail,
                    documentation: offer.docs.map(|docs| {
                        Documentation::MarkupContent(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: docs,
                        })
                    }),
                    sort_text: Some(format!("{i:04}")),
                    filter_text: in_token.then_some(quoted),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
                    ..CompletionItem::default()
                }
            })
            .collect();
        Some(CompletionResponse::Array(items))
    }
}

type Failure = (ErrorCode, String);

fn params<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, Failure> {
    serde_json::from_value(request.params).map_err(|error| {
        (
            ErrorCode::InvalidParams,
            format!("invalid parameters: {error}"),
        )
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
