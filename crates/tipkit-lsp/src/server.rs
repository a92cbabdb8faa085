//! The main loop: one message at a time, in the order they come, on one thread.

use std::collections::{BTreeSet, HashMap};
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

use crate::checker::{CONFIG_FILE, Checker};
use crate::convert::{self, Placed};
use crate::cursor::{self, Place};
use crate::document::Document;
use crate::model;
use crate::position::Encoding;
use crate::uri;

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
    /// Whether diagnostics were published for it as a profile, so they must be cleared when it
    /// closes or stops being one.
    published: bool,
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
    let (checker, config_error) = Checker::new(root);
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
    };
    if let Some(error) = config_error {
        server.show_error(&error.to_string());
    }
    server.show_config_warnings();
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
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => self.request(request),
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

    /// The warnings of loading `tipkit.toml` (a rule id that was split), as `tipkit check`
    /// prints them on standard error.
    fn show_config_warnings(&self) {
        for warning in &self.checker.config().warnings {
            self.notify::<lsp_types::notification::ShowMessage>(lsp_types::ShowMessageParams {
                typ: lsp_types::MessageType::WARNING,
                message: tipkit_validate::visible(&warning.to_string()).into_owned(),
            });
        }
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
                    path: path.clone(),
                    document: Document::new(doc.text, doc.version),
                    published: false,
                };
                self.documents.insert(doc.uri, open);
                self.changed(path.as_deref());
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
                    let open = self.documents.remove(&p.text_document.uri);
                    self.show_error(&format!("tipkit: {error}; close and reopen the file"));
                    if let Some(path) = open.and_then(|open| open.path) {
                        self.checker.close(&path);
                        self.changed(Some(&path));
                    }
                    return;
                }
                open.document.version = p.text_document.version;
                let path = open.path.clone();
                self.changed(path.as_deref());
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = notification
                    .extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                else {
                    return;
                };
                let path = self
                    .documents
                    .get(&p.text_document.uri)
                    .and_then(|open| open.path.clone());
                self.changed(path.as_deref());
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                let Some(open) = self.documents.remove(&p.text_document.uri) else {
                    return;
                };
                if open.published && !self.client.pull {
                    self.publish(p.text_document.uri, Vec::new(), None);
                }
                // Its siblings now see it as it is on disk.
                if let Some(path) = &open.path {
                    self.checker.close(path);
                }
                self.changed(open.path.as_deref());
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
                    if let Some(error) = self.checker.reload() {
                        self.show_error(&error.to_string());
                    }
                    self.show_config_warnings();
                    self.recheck(None);
                } else {
                    self.checker.forget(&paths);
                    let folders = paths
                        .iter()
                        .filter_map(|p| p.parent())
                        .map(Path::to_path_buf);
                    self.recheck(Some(&folders.collect()));
                }
            }
            _ => {}
        }
    }

    /// A document's text or a file on disk changed: its folder's findings may have changed.
    fn changed(&mut self, path: Option<&Path>) {
        let folder = path.and_then(Path::parent).map(Path::to_path_buf);
        self.recheck(Some(&folder.into_iter().collect()));
    }

    /// Checks the open documents of `folders` (all when `None`) and publishes their findings,
    /// or asks a client that pulls to pull again.
    fn recheck(&mut self, folders: Option<&BTreeSet<PathBuf>>) {
        if self.client.pull {
            // The client pulls the document it changed; the others only when asked to, which
            // matters when the change can reach them: another open document of the folder, or
            // a new configuration.
            let in_folders = |open: &Open| {
                let folder = open.path.as_deref().and_then(Path::parent);
                folders.is_none_or(|folders| folder.is_some_and(|f| folders.contains(f)))
            };
            let reached = self
                .documents
                .values()
                .filter(|open| in_folders(open))
                .count();
            if self.client.refresh && (folders.is_none() || reached > 1) {
                self.ask::<WorkspaceDiagnosticRefresh>(());
            }
            return;
        }
        let uris: Vec<Uri> = self
            .documents
            .iter()
            .filter(|(_, open)| {
                let folder = open.path.as_deref().and_then(Path::parent);
                folders.is_none_or(|folders| folder.is_some_and(|folder| folders.contains(folder)))
            })
            .map(|(uri, _)| uri.clone())
            .collect();
        let found = self.findings(&uris);
        for (uri, diagnostics) in uris.into_iter().zip(found) {
            let Some(open) = self.documents.get_mut(&uri) else {
                continue;
            };
            if diagnostics.is_none() && !open.published {
                continue;
            }
            open.published = diagnostics.is_some();
            let version = open.document.version;
            self.publish(uri, diagnostics.unwrap_or_default(), Some(version));
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    /// The findings of each open document of `uris` that is a profile (`None` for the others),
    /// checked among their folders.
    fn raw_findings(&mut self, uris: &[Uri]) -> Vec<Option<Vec<tipkit_validate::Diagnostic>>> {
        let mut checked = Vec::new();
        let mut buffers: Vec<(&Path, &str)> = Vec::new();
        for (i, uri) in uris.iter().enumerate() {
            let Some(open) = self.documents.get(uri) else {
                continue;
            };
            let Some(path) = open.path.as_deref() else {
                continue;
            };
            if self.checker.is_profile(path, open.document.text()) {
                checked.push(i);
                buffers.push((path, open.document.text()));
            }
        }
        // The other open profiles of the same folders count for the rules across files.
        let folders: BTreeSet<&Path> = buffers.iter().filter_map(|(p, _)| p.parent()).collect();
        let mut extra = Vec::new();
        for (uri, open) in &self.documents {
            let Some(path) = open.path.as_deref() else {
                continue;
            };
            if !uris.contains(uri)
                && path.parent().is_some_and(|f| folders.contains(f))
                && self.checker.is_profile(path, open.document.text())
            {
                extra.push((path, open.document.text()));
            }
        }
        let asked = buffers.len();
        buffers.extend(extra);
        let mut found = self.checker.check(&buffers);
        found.truncate(asked);
        let mut out = vec![None; uris.len()];
        for (i, diagnostics) in checked.into_iter().zip(found) {
            out[i] = Some(diagnostics);
        }
        out
    }

    /// The findings of each document of `uris`, as the protocol's diagnostics.
    fn findings(&mut self, uris: &[Uri]) -> Vec<Option<Vec<lsp_types::Diagnostic>>> {
        let raw = self.raw_findings(uris);
        let mut other = |path: &Path| self.text_of(path);
        let mut out = Vec::with_capacity(uris.len());
        for (uri, found) in uris.iter().zip(raw) {
            let (Some(open), Some(found)) = (self.documents.get(uri), found) else {
                out.push(None);
                continue;
            };
            let doc = Placed {
                uri: uri.clone(),
                text: open.document.text(),
                lines: open.document.lines(),
            };
            let encoding = self.encoding;
            out.push(Some(
                found
                    .iter()
                    .map(|d| convert::diagnostic(d, &doc, encoding, &mut other))
                    .collect(),
            ));
        }
        out
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
        // A sibling on disk: as the checker's database read it, else from disk.
        let text = if let Some(file) = self.checker.file(path) {
            String::from_utf8(file.bytes().to_vec()).ok()?
        } else {
            let bytes =
                tipkit_validate::read_file(path, tipkit_validate::DEFAULT_SIZE_LIMIT).ok()?;
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
                        published: false,
                    },
                );
            }
        }
        let items = self
            .findings(std::slice::from_ref(uri))
            .pop()
            .flatten()
            .unwrap_or_default();
        if closed {
            self.documents.remove(uri);
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
        let open = self.documents.get(uri)?;
        let path = open.path.as_deref()?;
        if self.checker.is_profile(path, open.document.text()) {
            self.documents.get(uri)
        } else {
            None
        }
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
        let findings = self
            .raw_findings(std::slice::from_ref(&uri))
            .pop()
            .flatten()
            .unwrap_or_default();
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
        self.profile(uri)?;
        let only = params.context.only.as_deref();
        let findings = self
            .raw_findings(std::slice::from_ref(uri))
            .pop()
            .flatten()
            .unwrap_or_default();
        let mut actions = Vec::new();
        if convert::wanted(only, &CodeActionKind::QUICKFIX) {
            actions.extend(self.quick_fixes(uri, &findings, params.range));
        }
        // Fixing to convergence checks the buffer again, up to ten times: only when a finding
        // has a fix to apply, not on every request (clients ask on each move of the cursor).
        let selection = self.checker.selection();
        let fixable = findings.iter().any(|finding| selection.allows(finding));
        if fixable && convert::wanted(only, &convert::FIX_ALL) {
            let open = self.documents.get(uri)?;
            let fixed = open
                .path
                .as_deref()
                .and_then(|path| self.checker.fix_all(path, open.document.text()));
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
        let selection = self.checker.selection();
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
