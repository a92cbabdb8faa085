//! The server end to end, in process: a `TestServer` drives `serve` over an in-memory
//! connection, as a client would, and snapshots what the server sends. On drop it checks that
//! no message from the server was left unread.
#![allow(
    clippy::needless_pass_by_value,
    reason = "messages are written inline with `json!`"
)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};
use tipkit_lsp::Ended;

const WAIT: Duration = Duration::from_secs(20);

#[path = "../../tipkit-validate/tests/common/pairs.rs"]
mod pairs;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn profile(code: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../profiles")
        .join(format!("{code}.json"));
    std::fs::read_to_string(path).unwrap()
}

/// A folder of its own under the temporary folder, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("tipkit-lsp-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join("profiles")).unwrap();
        Self(path)
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn uri(&self, relative: &str) -> String {
        format!("file://{}", self.0.join(relative).display())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct TestServer {
    client: Connection,
    server: Option<JoinHandle<Ended>>,
    unread: VecDeque<Message>,
    next_id: i32,
    root: String,
}

impl TestServer {
    /// Starts a server and initializes it with these client capabilities.
    fn new(root: &Path, capabilities: Value) -> (Self, Value) {
        let (server_end, client) = Connection::memory();
        let server = std::thread::spawn(move || tipkit_lsp::serve(&server_end));
        let mut test = Self {
            client,
            server: Some(server),
            unread: VecDeque::new(),
            next_id: 0,
            root: root.display().to_string(),
        };
        let root_uri = format!("file://{}", root.display());
        let result = test.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": capabilities,
                "workspaceFolders": [{"uri": root_uri, "name": "root"}],
            }),
        );
        test.notify("initialized", json!({}));
        (test, result)
    }

    fn send(&self, message: impl Into<Message>) {
        self.client.sender.send(message.into()).unwrap();
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.to_owned(), params));
    }

    /// Sends a request and waits for its response, keeping the notifications that come first.
    fn request_raw(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.to_owned(), params));
        loop {
            match self.client.receiver.recv_timeout(WAIT).expect("a response") {
                Message::Response(response) if response.id == id => return response,
                other => self.unread.push_back(other),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        response
            .response_result
            .unwrap_or_else(|error| panic!("{method} failed: {error:?}"))
    }

    /// The next message from the server.
    fn next(&mut self) -> Message {
        if let Some(message) = self.unread.pop_front() {
            return message;
        }
        self.client.receiver.recv_timeout(WAIT).expect("a message")
    }

    /// The next `textDocument/publishDiagnostics`, with the root folder replaced by `[ROOT]`.
    fn diagnostics(&mut self) -> Value {
        match self.next() {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                self.redact(&n.params)
            }
            other => panic!("expected diagnostics, got {other:?}"),
        }
    }

    fn redact(&self, value: &Value) -> Value {
        let text = serde_json::to_string(value).unwrap();
        serde_json::from_str(&text.replace(&self.root, "[ROOT]")).unwrap()
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    fn close(&self, uri: &str) {
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }

    fn change(&self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Shuts the server down as a client does; how it ended.
    fn shutdown(mut self) -> Ended {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        if let Some(server) = self.server.take() {
            self.notify("exit", Value::Null);
            let _ = server.join();
        }
        let left: Vec<Message> = self
            .unread
            .drain(..)
            .chain(self.client.receiver.try_iter())
            .collect();
        assert!(left.is_empty(), "messages left unread: {left:#?}");
    }
}

/// What `profiles/ct.json` reports: a note that the yearly figures differ from the headline.
const CLEAN_CT: [&str; 1] = ["hotline-statistics-revised"];

/// The rule codes of published diagnostics.
fn codes(published: &Value) -> Vec<&str> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// Where `needle` starts in `text`, as a protocol position in UTF-16.
fn position_of(text: &str, needle: &str, skip: usize) -> Value {
    let at = text.find(needle).unwrap() + skip;
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[start..at].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

#[test]
fn initialize_negotiates_the_position_encoding() {
    let scratch = Scratch::new("init");
    let (server, result) = TestServer::new(&scratch.0, json!({}));
    insta::assert_json_snapshot!("initialize_utf16", result);
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
    let (server, result) = TestServer::new(
        &scratch.0,
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn open_and_change_publish_the_findings() {
    let scratch = Scratch::new("open");
    let altered = fixture("ct-altered.json");
    scratch.write("profiles/ct.json", &altered);
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, &altered);
    insta::assert_json_snapshot!("open_altered", server.diagnostics());

    // Incremental: the venue mended in place.
    let start = position_of(&altered, "Hotel-/Motel-Based", 5);
    let end = position_of(&altered, "Hotel-/Motel-Based", 7);
    server.change(
        &uri,
        2,
        json!([{"range": {"start": start, "end": end}, "text": "/"}]),
    );
    insta::assert_json_snapshot!("change_incremental", server.diagnostics());

    // Full: the original profile, which has no findings.
    server.change(&uri, 3, json!([{"text": profile("ct")}]));
    let cleared = server.diagnostics();
    assert_eq!(codes(&cleared), CLEAN_CT, "{cleared:#}");
    assert_eq!(cleared["version"], 3);

    server.close(&uri);
    assert_eq!(server.diagnostics()["diagnostics"], json!([]));
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn closing_a_document_clears_its_findings() {
    let scratch = Scratch::new("close");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, "{\"status\": ");
    let found = server.diagnostics();
    assert_eq!(found["diagnostics"][0]["code"], "syntax", "{found:#}");
    server.close(&uri);
    assert_eq!(server.diagnostics()["diagnostics"], json!([]));
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn utf8_clients_get_byte_columns() {
    let scratch = Scratch::new("utf8");
    let altered = fixture("ct-altered.json");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(
        &scratch.0,
        json!({"general": {"positionEncodings": ["utf-8"]}}),
    );
    server.open(&uri, &altered);
    let found = server.diagnostics();
    let line = altered.lines().position(|l| l.contains("888 373")).unwrap();
    let text = altered.lines().nth(line).unwrap();
    let phone = found["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["range"]["start"]["line"] == line)
        .expect("a finding on the phone's line");
    let byte_column = text.find("\"888 373").unwrap();
    assert_eq!(phone["range"]["start"]["character"], byte_column);
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn formatting_gives_the_canonical_bytes() {
    let scratch = Scratch::new("format");
    let minified = fixture("ct-minified.json");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, &minified);
    // Minified, it is not in canonical layout: an info that formatting answers.
    assert_eq!(codes(&server.diagnostics()), ["layout", CLEAN_CT[0]]);
    let params =
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}});
    let edits = server.request("textDocument/formatting", params.clone());
    assert_eq!(edits[0]["newText"], profile("ct"));
    insta::assert_json_snapshot!("formatting_range", edits[0]["range"]);
    // Canonical already: no edit. Not a profile that parses: none either.
    server.change(&uri, 2, json!([{"text": profile("ct")}]));
    assert_eq!(codes(&server.diagnostics()), CLEAN_CT);
    assert_eq!(
        server.request("textDocument/formatting", params.clone()),
        json!([])
    );
    server.change(&uri, 3, json!([{"text": "{"}]));
    assert_eq!(server.diagnostics()["diagnostics"][0]["code"], "syntax");
    assert_eq!(
        server.request("textDocument/formatting", params),
        Value::Null
    );
    server.close(&uri);
    server.diagnostics();
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn hover_shows_key_docs_and_rule_docs() {
    let scratch = Scratch::new("hover");
    let altered = fixture("ct-altered.json");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, &altered);
    server.diagnostics();
    let key = position_of(&altered, "\"potential_persons_trafficked\"", 3);
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": key}),
    );
    insta::assert_json_snapshot!("hover_key", hover);
    let finding = position_of(&altered, "Hotel-/Motel-Based", 2);
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": finding}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("# unknown-value\n\nDefault severity: error."),
        "{text}"
    );
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn completion_offers_keys_and_closed_values() {
    let scratch = Scratch::new("complete");
    let altered = fixture("ct-altered.json");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, &altered);
    server.diagnostics();
    let labels = |items: &Value| -> Vec<String> {
        items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
    };
    let venue = position_of(&altered, "Hotel-/Motel-Based", 3);
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": venue}),
    );
    let venues = labels(&items);
    assert!(
        venues.contains(&"Hotel/Motel-Based".to_owned()),
        "{venues:?}"
    );
    assert!(!venues.contains(&"Domestic Work".to_owned()), "{venues:?}");
    insta::assert_json_snapshot!("completion_venue_first", items[0]);

    let code = position_of(&altered, "\"CT\"", 1);
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": code}),
    );
    let ct = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "CT")
        .unwrap();
    assert_eq!(ct["detail"], "Connecticut");

    // A new key in `state`, which has both of its keys: none left to offer; at the top, none
    // either, since the profile has them all.
    let name = position_of(&altered, "\"name\": \"Conneticut\"", 2);
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": name}),
    );
    assert_eq!(labels(&items), ["name"]);
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// The code actions for `range` of `uri`, of the kinds `only` (all when null).
fn code_actions(server: &mut TestServer, uri: &str, range: Value, only: Value) -> Value {
    let mut context = json!({"diagnostics": []});
    if !only.is_null() {
        context["only"] = only;
    }
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
    );
    server.redact(&actions)
}

/// The empty range at `needle` (plus `skip`) in `text`, in UTF-16.
fn at(text: &str, needle: &str, skip: usize) -> Value {
    let position = position_of(text, needle, skip);
    json!({"start": position, "end": position})
}

/// The whole of `text`, whatever the encoding: it ends with a line break.
fn whole(text: &str) -> Value {
    assert!(text.ends_with('\n'));
    let lines = text.matches('\n').count();
    json!({"start": {"line": 0, "character": 0}, "end": {"line": lines, "character": 0}})
}

#[test]
fn findings_with_fixes_are_quick_fixes() {
    let scratch = Scratch::new("quickfix");
    // The altered profile with a misspelt key, on a line with `§` before it.
    let altered = fixture("ct-altered.json").replace("\"hotlines\"", "\"hotlnes\"");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, init) = TestServer::new(&scratch.0, json!({}));
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.tipkit"])
    );
    server.open(&uri, &altered);
    let published = server.diagnostics();
    let only = json!(["quickfix"]);

    // A venue alias: a safe fix, preferred, for the very diagnostic the client holds.
    let venue = at(&altered, "Hotel-/Motel-Based", 4);
    let actions = code_actions(&mut server, &uri, venue, only.clone());
    insta::assert_json_snapshot!("quick_fix_venue", actions);
    let fixed = &actions[0]["diagnostics"][0];
    assert!(published["diagnostics"].as_array().unwrap().contains(fixed));

    // A misspelt key with one nearest candidate: an unsafe fix, labelled so, not preferred; its
    // range after the `§` of the same line, in UTF-16 code units.
    let key = at(&altered, "\"hotlnes\"", 1);
    let actions = code_actions(&mut server, &uri, key, only);
    insta::assert_json_snapshot!("quick_fix_key", actions);
    let start = position_of(&altered, "\"hotlnes\"", 0);
    assert_eq!(
        actions[0]["edit"]["changes"]["file://[ROOT]/profiles/ct.json"][0]["range"]["start"],
        start
    );

    // A place without a finding has none; a finding without a fix (the missing `hotlines`,
    // reported at the top) neither.
    let name = at(&altered, "\"hhs_region\"", 1);
    assert_eq!(
        code_actions(&mut server, &uri, name, json!(["quickfix"])),
        json!([])
    );
    let top = at(&altered, "{", 0);
    assert_eq!(
        code_actions(&mut server, &uri, top, json!(["quickfix"])),
        json!([])
    );
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// The edit of the one `source.fixAll.tipkit` action in `actions`, with its document's URI.
fn fix_all_edit(actions: &Value) -> (&str, &Value) {
    let actions = actions.as_array().unwrap();
    let fix_all: Vec<&Value> = actions
        .iter()
        .filter(|a| a["kind"] == "source.fixAll.tipkit")
        .collect();
    assert_eq!(fix_all.len(), 1, "{actions:#?}");
    let changes = fix_all[0]["edit"]["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 1);
    let (uri, edits) = changes.iter().next().unwrap();
    assert_eq!(
        edits.as_array().unwrap().len(),
        1,
        "one whole-document edit"
    );
    (uri, &edits[0])
}

#[test]
fn fix_all_gives_back_the_profile_in_either_encoding() {
    let altered = fixture("ct-altered.json");
    let ct = profile("ct");
    for encodings in [json!(["utf-8"]), json!(["utf-16"])] {
        let scratch = Scratch::new("fixall");
        let uri = scratch.uri("profiles/ct.json");
        let (mut server, init) = TestServer::new(
            &scratch.0,
            json!({"general": {"positionEncodings": encodings}}),
        );
        assert_eq!(init["capabilities"]["positionEncoding"], encodings[0]);
        server.open(&uri, &altered);
        server.diagnostics();
        for only in [
            Value::Null,
            json!(["source"]),
            json!(["source.fixAll"]),
            json!(["source.fixAll.tipkit"]),
        ] {
            let actions = code_actions(&mut server, &uri, at(&altered, "{", 0), only.clone());
            let (edited, edit) = fix_all_edit(&actions);
            assert_eq!(edited, "file://[ROOT]/profiles/ct.json");
            assert_eq!(edit["range"], whole(&altered), "{only}");
            assert_eq!(edit["newText"], ct.as_str(), "{only}");
        }
        // Asked for quick fixes only: no fix-all.
        let quick = code_actions(&mut server, &uri, whole(&altered), json!(["quickfix"]));
        assert!(
            quick
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["kind"] == "quickfix")
        );
        assert!(!quick.as_array().unwrap().is_empty());

        // Nothing to fix: no fix-all. A file that does not parse: none either.
        server.change(&uri, 2, json!([{"text": ct}]));
        server.diagnostics();
        assert_eq!(
            code_actions(&mut server, &uri, whole(&ct), Value::Null),
            json!([])
        );
        server.change(&uri, 3, json!([{"text": "{\"state\": "}]));
        server.diagnostics();
        let range =
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 10}});
        assert_eq!(
            code_actions(&mut server, &uri, range, Value::Null),
            json!([])
        );
        assert_eq!(server.shutdown(), Ended::AfterShutdown);
    }
}

#[test]
fn clients_that_take_versioned_edits_get_them_for_the_version_they_have() {
    let scratch = Scratch::new("versioned");
    let altered = fixture("ct-altered.json");
    let uri = scratch.uri("profiles/ct.json");
    let capabilities = json!({"workspace": {"workspaceEdit": {"documentChanges": true}}});
    let (mut server, _) = TestServer::new(&scratch.0, capabilities);
    server.open(&uri, &profile("ct"));
    server.diagnostics();
    server.change(&uri, 7, json!([{"text": altered}]));
    server.diagnostics();
    let venue = at(&altered, "Hotel-/Motel-Based", 4);
    let actions = code_actions(&mut server, &uri, venue, Value::Null);
    let kinds: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["kind"])
        .collect();
    assert_eq!(kinds, ["quickfix", "source.fixAll.tipkit"]);
    for action in actions.as_array().unwrap() {
        let edit = &action["edit"];
        assert!(edit.get("changes").is_none(), "{edit:#}");
        let document = &edit["documentChanges"][0];
        assert_eq!(
            document["textDocument"],
            json!({"uri": "file://[ROOT]/profiles/ct.json", "version": 7})
        );
        assert_eq!(document["edits"].as_array().unwrap().len(), 1);
    }
    assert_eq!(
        actions[1]["edit"]["documentChanges"][0]["edits"][0]["newText"],
        profile("ct")
    );
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn quick_fixes_count_columns_in_the_clients_encoding() {
    let altered = fixture("ct-altered.json");
    // The phone's line has `§` (two bytes, one UTF-16 unit) before the phone.
    let line = altered.lines().position(|l| l.contains("888 373")).unwrap();
    let text = altered.lines().nth(line).unwrap();
    let byte = text.find("\"888 373").unwrap();
    let utf16: usize = text[..byte].chars().map(char::len_utf16).sum();
    assert_ne!(byte, utf16);
    let width = "\"888 373 7888\"".len();
    for (encoding, column) in [("utf-8", byte), ("utf-16", utf16)] {
        let scratch = Scratch::new("columns");
        let uri = scratch.uri("profiles/ct.json");
        let (mut server, _) = TestServer::new(
            &scratch.0,
            json!({"general": {"positionEncodings": [encoding]}}),
        );
        server.open(&uri, &altered);
        server.diagnostics();
        let position = json!({"line": line, "character": column + 1});
        let range = json!({"start": position, "end": position});
        let actions = code_actions(&mut server, &uri, range, json!(["quickfix"]));
        assert_eq!(actions.as_array().unwrap().len(), 1, "{actions:#}");
        let edit = &actions[0]["edit"]["changes"]["file://[ROOT]/profiles/ct.json"][0];
        assert_eq!(edit["newText"], "\"888-373-7888\"");
        assert_eq!(
            edit["range"],
            json!({
                "start": {"line": line, "character": column},
                "end": {"line": line, "character": column + width},
            }),
            "{encoding}"
        );
        assert_eq!(
            actions[0]["diagnostics"][0]["range"], edit["range"],
            "{encoding}"
        );
        assert_eq!(server.shutdown(), Ended::AfterShutdown);
    }
}

#[test]
fn tipkit_toml_decides_which_fixes_are_offered() {
    let scratch = Scratch::new("fixconfig");
    scratch.write(
        "tipkit.toml",
        "fixable = [\"unknown-key\"]\nunfixable = [\"hotlines\"]\n",
    );
    let uri = scratch.uri("profiles/ct.json");
    let ct = profile("ct");
    // A misspelt key (made safe by `fixable`) and a hotline number (made `unfixable`).
    let altered = ct
        .replace("\"hhs_region\"", "\"hhs_regon\"")
        .replace("888-373-7888", "888 373 7888");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, &altered);
    let found = server.diagnostics();
    assert_eq!(
        codes(&found),
        [
            "missing-key",
            "unknown-key",
            "hotline-statistics-revised",
            "rules-not-run",
            "hotlines"
        ],
        "{found:#}"
    );
    let actions = code_actions(&mut server, &uri, whole(&altered), Value::Null);
    let quick: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .collect();
    assert_eq!(quick.len(), 1, "{actions:#}");
    assert_eq!(quick[0]["title"], "rename it `hhs_region`");
    assert_eq!(quick[0]["isPreferred"], true);
    // Fix-all applies the key, as `check --fix` would, and leaves the phone.
    let (_, edit) = fix_all_edit(&actions);
    assert_eq!(edit["newText"], ct.replace("888-373-7888", "888 373 7888"));
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn pull_diagnostics_when_the_client_pulls() {
    let scratch = Scratch::new("pull");
    let altered = fixture("ct-altered.json");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, init) = TestServer::new(
        &scratch.0,
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
    );
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "tipkit"
    );
    server.open(&uri, &altered);
    let report = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(report["kind"], "full");
    let codes: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    insta::assert_json_snapshot!("pull_codes", codes);
    // Nothing was pushed: the drop check holds the server to it.
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn a_client_that_pulls_is_asked_to_pull_again_when_a_sibling_changes() {
    let scratch = Scratch::new("refresh");
    let ct = profile("ct");
    let capabilities = json!({
        "textDocument": {"diagnostic": {}},
        "workspace": {"diagnostics": {"refreshSupport": true}},
    });
    let (mut server, _) = TestServer::new(&scratch.0, capabilities);
    server.open(&scratch.uri("profiles/ct.json"), &ct);
    // Alone in its folder: the client pulls it itself, nothing to refresh.
    let report = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": scratch.uri("profiles/copy.json")}}),
    );
    assert_eq!(
        report["items"],
        json!([]),
        "a file that is neither open nor on disk"
    );
    server.open(&scratch.uri("profiles/copy.json"), &ct);
    match server.next() {
        Message::Request(request) => assert_eq!(request.method, "workspace/diagnostic/refresh"),
        other => panic!("expected a refresh, got {other:?}"),
    }
    // The copy, not named after its code, carries the finding.
    let report = server.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": scratch.uri("profiles/copy.json")}}),
    );
    let codes: Vec<&str> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "duplicate-jurisdiction",
            "state-identity",
            "hotline-statistics-revised"
        ]
    );
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn folder_rules_see_open_buffers_and_files_on_disk() {
    let scratch = Scratch::new("folder");
    let ct = profile("ct");
    scratch.write("profiles/ct.json", &ct);
    scratch.write("profiles/ma.json", &profile("ma"));
    // A copy of CT under another name: the same jurisdiction twice.
    let copy = scratch.uri("profiles/copy.json");
    let ct_uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&ct_uri, &ct);
    assert_eq!(codes(&server.diagnostics()), CLEAN_CT);
    server.open(&copy, &ct);
    // The copy holds the finding; CT's findings are as they were, so only the copy is
    // published (the drop check holds it).
    let found = server.diagnostics();
    assert!(found["uri"].as_str().unwrap().ends_with("/copy.json"));
    insta::assert_json_snapshot!("duplicate_jurisdiction", found);
    // Editing the copy into another jurisdiction clears its finding.
    let edited = ct
        .replace("\"CT\"", "\"RI\"")
        .replace("Connecticut", "Rhode Island");
    server.change(&copy, 2, json!([{"text": edited}]));
    let copy_now = server.diagnostics();
    assert!(
        !codes(&copy_now).contains(&"duplicate-jurisdiction"),
        "{copy_now:#}"
    );
    server.close(&copy);
    assert_eq!(server.diagnostics()["diagnostics"], json!([]));
    // CT's findings are as they were: nothing more is published (the drop check holds it).
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn a_sibling_changed_on_disk_is_seen() {
    let scratch = Scratch::new("disk");
    let ct = profile("ct");
    // An open copy, not named after its code: the finding is on it once `ct.json` appears.
    let uri = scratch.uri("profiles/copy.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, &ct);
    let alone = ["state-identity", "hotline-statistics-revised"];
    assert_eq!(codes(&server.diagnostics()), alone);
    scratch.write("profiles/ct.json", &ct);
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": scratch.uri("profiles/ct.json"), "type": 1}]}),
    );
    let found = server.diagnostics();
    assert_eq!(
        codes(&found),
        [
            "duplicate-jurisdiction",
            "state-identity",
            "hotline-statistics-revised"
        ]
    );
    // The related place is in the file on disk, which the client has not opened.
    let related = &found["diagnostics"][0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], "file://[ROOT]/profiles/ct.json");
    assert_eq!(related["range"]["start"]["line"], 6);
    std::fs::remove_file(scratch.0.join("profiles/ct.json")).unwrap();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": scratch.uri("profiles/ct.json"), "type": 3}]}),
    );
    assert_eq!(codes(&server.diagnostics()), alone);
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn tipkit_toml_applies_and_a_change_to_it_rechecks() {
    let scratch = Scratch::new("config");
    let altered = profile("ct").replace("Connecticut\"", "Conneticut\"");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, &altered);
    let found = server.diagnostics();
    assert_eq!(
        codes(&found),
        ["state-identity", "hotline-statistics-revised"],
        "{found:#}"
    );
    assert_eq!(found["diagnostics"][0]["severity"], 1);
    scratch.write("tipkit.toml", "[rules]\nstate-identity = \"warning\"\n");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": scratch.uri("tipkit.toml"), "type": 1}]}),
    );
    let found = server.diagnostics();
    assert_eq!(found["diagnostics"][0]["severity"], 2, "{found:#}");
    scratch.write("tipkit.toml", "[rules]\nstate-identity = \"off\"\n");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": scratch.uri("tipkit.toml"), "type": 2}]}),
    );
    assert_eq!(codes(&server.diagnostics()), CLEAN_CT);
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// A rule id that was split, in `tipkit.toml`, is shown as a warning, as `tipkit check` prints
/// it; for this release it still turns off what was split off it.
#[test]
fn a_split_rule_id_in_tipkit_toml_is_a_warning() {
    let scratch = Scratch::new("split");
    scratch.write("tipkit.toml", "[rules]\nlaws = \"off\"\n");
    let uri = scratch.uri("profiles/ct.json");
    let ct = profile("ct");
    let shuffled = ct.replacen("Action for Damages", "Zaction for Damages", 1);
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    // Each file's configuration is read when a file it governs is first opened.
    server.open(&uri, &shuffled);
    match server.next() {
        Message::Notification(n) if n.method == "window/showMessage" => {
            assert_eq!(n.params["type"], 2, "a warning: {n:?}");
            let message = n.params["message"].as_str().unwrap();
            assert!(message.contains("`laws` was split"), "{message}");
        }
        other => panic!("expected a message, got {other:?}"),
    }
    let found = server.diagnostics();
    assert_eq!(
        codes(&found),
        CLEAN_CT,
        "`laws-order` is off with `laws`: {found:#}"
    );
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[test]
fn bad_requests_never_end_the_server() {
    let scratch = Scratch::new("robust");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    let unknown = server.request_raw("tipkit/unknown", json!({}));
    assert_eq!(
        unknown.response_result.unwrap_err().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    server.notify("tipkit/unknownNotification", json!({"x": 1}));
    server.notify("textDocument/didChange", json!({"nonsense": true}));
    let bad = server.request_raw("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(
        bad.response_result.unwrap_err().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    // Requests for a document that is not open.
    let position = json!({"line": 0, "character": 0});
    for method in ["textDocument/hover", "textDocument/completion"] {
        let answer = server.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": position}),
        );
        assert_eq!(answer, Value::Null, "{method}");
    }
    let far = json!({"start": {"line": 99, "character": 99}, "end": {"line": 0, "character": 0}});
    assert_eq!(
        code_actions(&mut server, &uri, far.clone(), Value::Null),
        Value::Null
    );
    // Edits far out of range, and inside a character, are clamped.
    server.open(&uri, "\"é\"");
    assert_eq!(server.diagnostics()["diagnostics"][0]["code"], "wrong-type");
    server.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 2}, "end": {"line": 99, "character": 99}}, "text": "x"}]),
    );
    server.diagnostics();
    // A reversed range far out of the text: clamped, and nothing to fix.
    assert_eq!(code_actions(&mut server, &uri, far, Value::Null), json!([]));
    // After shutdown, requests are refused and `exit` ends the server with success.
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    let late = server.request_raw("textDocument/hover", json!({}));
    assert_eq!(
        late.response_result.unwrap_err().code,
        lsp_server::ErrorCode::InvalidRequest as i32
    );
    server.notify("exit", Value::Null);
    assert_eq!(
        server.server.take().unwrap().join().unwrap(),
        Ended::AfterShutdown
    );
}

#[test]
fn exit_without_shutdown_is_a_failure() {
    let scratch = Scratch::new("exit");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.notify("exit", Value::Null);
    assert_eq!(
        server.server.take().unwrap().join().unwrap(),
        Ended::WithoutShutdown
    );
}

#[test]
fn a_client_that_goes_away_ends_the_server() {
    let (server_end, client) = Connection::memory();
    let server = std::thread::spawn(move || tipkit_lsp::serve(&server_end));
    drop(client);
    assert_eq!(server.join().unwrap(), Ended::WithoutShutdown);
}

impl TestServer {
    /// What the server holds and the work it did (`tipkit/status`), once every message sent
    /// before is handled; the diagnostics published meanwhile are kept unread.
    fn status(&mut self) -> Value {
        self.request("tipkit/status", Value::Null)
    }

    /// The diagnostics published and not read yet, leaving other messages.
    fn published(&mut self) -> Vec<Value> {
        let (published, other): (Vec<Message>, Vec<Message>) =
            self.unread.drain(..).partition(|m| {
                matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics")
            });
        self.unread.extend(other);
        published
            .into_iter()
            .map(|m| match m {
                Message::Notification(n) => self.redact(&n.params),
                _ => unreachable!(),
            })
            .collect()
    }
}

/// Finding 6 of issue 23: a translation named like a jurisdiction (`locales/de.json`), and any
/// JSON beside it, is no profile: nothing is published for it, not even on hover. A file whose
/// `$schema` names the profile schema is one wherever it lies, checked on its own; when its
/// `$schema` goes, its findings are cleared.
#[test]
fn only_profiles_are_served() {
    let scratch = Scratch::new("only-profiles");
    std::fs::create_dir_all(scratch.0.join("locales")).unwrap();
    let greeting = r#"{"greeting": "Hallo"}"#;
    scratch.write("locales/de.json", greeting);
    scratch.write("locales/ct.json", greeting);
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&scratch.uri("locales/de.json"), greeting);
    server.open(&scratch.uri("locales/ct.json"), greeting);
    server.open(&scratch.uri("package.json"), greeting);
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": scratch.uri("locales/de.json")},
               "position": {"line": 0, "character": 3}}),
    );
    assert_eq!(hover, Value::Null);
    assert_eq!(server.published(), Vec::<Value>::new());

    let marked = format!(
        "{{\"$schema\": \"../schemas/state-profile.schema.json\", {}",
        &greeting[1..]
    );
    let uri = scratch.uri("locales/marked.json");
    server.open(&uri, &marked);
    let found = server.diagnostics();
    assert!(codes(&found).contains(&"unknown-key"), "{found:#}");
    server.change(&uri, 2, json!([{"text": greeting}]));
    assert_eq!(server.diagnostics()["diagnostics"], json!([]));
    server.status();
    assert_eq!(server.published(), Vec::<Value>::new());

    // In the folder of profiles, a file is a profile whatever its name.
    server.open(&scratch.uri("profiles/draft.json"), greeting);
    assert!(codes(&server.diagnostics()).contains(&"unknown-key"));
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// Finding 7 of issue 23: each file follows the `tipkit.toml` of its own repository, not the
/// one of the folder the server started in; a change to it is read again.
#[test]
fn each_file_follows_its_own_tipkit_toml() {
    let scratch = Scratch::new("own-config");
    let misranked = profile("ct").replacen("\"rank\": 2,", "\"rank\": 4,", 1);
    for repo in ["quiet", "other"] {
        std::fs::create_dir_all(scratch.0.join(repo).join(".git")).unwrap();
        std::fs::create_dir_all(scratch.0.join(repo).join("profiles")).unwrap();
    }
    scratch.write("quiet/tipkit.toml", "[rules]\nranked-venues = \"off\"\n");
    // A nearer tipkit.toml above the repository does not count.
    scratch.write("tipkit.toml", "[rules]\nranked-venues = \"off\"\n");
    let (mut server, _) = TestServer::new(&scratch.0.join("quiet"), json!({}));
    server.open(&scratch.uri("quiet/profiles/ct.json"), &misranked);
    let quiet = server.diagnostics();
    assert!(!codes(&quiet).contains(&"ranked-venues"), "{quiet:#}");
    let other_uri = scratch.uri("other/profiles/ct.json");
    server.open(&other_uri, &misranked);
    let other = server.diagnostics();
    assert!(codes(&other).contains(&"ranked-venues"), "{other:#}");

    // The other repository turns it off: read again on the watched-file event.
    scratch.write("other/tipkit.toml", "[rules]\nranked-venues = \"off\"\n");
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": scratch.uri("other/tipkit.toml"), "type": 1}]}),
    );
    let other = server.diagnostics();
    assert_eq!(other["uri"], other_uri.replace(&server.root, "[ROOT]"));
    assert!(!codes(&other).contains(&"ranked-venues"), "{other:#}");
    server.status();
    assert_eq!(
        server.published(),
        Vec::<Value>::new(),
        "quiet is unchanged"
    );
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// Round 3 of issue 23, lsp3 finding 2: a `tipkit.toml` above the client's root does not govern
/// a checkout with no `.git` below it, as `tipkit check` run in the checkout does not read it.
#[test]
fn a_tipkit_toml_above_the_client_root_governs_nothing() {
    let scratch = Scratch::new("above-root");
    let misranked = profile("ct").replacen("\"rank\": 2,", "\"rank\": 4,", 1);
    std::fs::create_dir_all(scratch.0.join("P/D/profiles")).unwrap();
    scratch.write("P/tipkit.toml", "[rules]\nranked-venues = \"off\"\n");
    let (mut server, _) = TestServer::new(&scratch.0.join("P/D"), json!({}));
    server.open(&scratch.uri("P/D/profiles/ct.json"), &misranked);
    let found = server.diagnostics();
    assert!(codes(&found).contains(&"ranked-venues"), "{found:#}");
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// Finding 9 of issue 23: opening and closing a profile in each of many repositories leaves
/// nothing held; closing one folder's last document forgets that folder's files only.
#[test]
fn folders_with_no_open_document_are_forgotten() {
    let scratch = Scratch::new("forgotten");
    let ct = profile("ct");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    let empty = server.status()["checker"].clone();
    for i in 0..20 {
        let repo = format!("repo{i}");
        std::fs::create_dir_all(scratch.0.join(&repo).join(".git")).unwrap();
        std::fs::create_dir_all(scratch.0.join(&repo).join("profiles")).unwrap();
        for code in ["ct", "ma", "ri"] {
            scratch.write(&format!("{repo}/profiles/{code}.json"), &profile(code));
        }
        let uri = scratch.uri(&format!("{repo}/profiles/ct.json"));
        server.open(&uri, &ct);
        server.diagnostics();
        let held = server.status()["checker"].clone();
        assert_eq!(held["configurations"], 1, "{held:#}");
        assert_eq!(held["files"], 3, "{held:#}");
        server.close(&uri);
        server.diagnostics();
    }
    let mut after = server.status()["checker"].clone();
    after["findings_computed"] = empty["findings_computed"].clone();
    assert_eq!(after, empty);

    // Two folders of one repository: closing one forgets its files, not the other's.
    std::fs::create_dir_all(scratch.0.join("profiles/archive")).unwrap();
    scratch.write("profiles/ma.json", &profile("ma"));
    scratch.write("profiles/archive/ri.json", &profile("ri"));
    scratch.write("profiles/archive/ma.json", &profile("ma"));
    server.open(&scratch.uri("profiles/ct.json"), &ct);
    server.open(&scratch.uri("profiles/archive/ct.json"), &ct);
    server.diagnostics();
    server.diagnostics();
    assert_eq!(server.status()["checker"]["files"], 5);
    server.close(&scratch.uri("profiles/archive/ct.json"));
    server.diagnostics();
    assert_eq!(server.status()["checker"]["files"], 2);
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// The documents opened by `opening_many_documents_costs_each_its_own_check`.
const MANY: usize = 1000;

/// Finding 9 of issue 23: opening a document checks its folder once and publishes what
/// changed, not every open document of the folder again: 1,000 documents opened, 1,000
/// publishes and 1,000 files checked (it was 500,500 publishes).
#[test]
fn opening_many_documents_costs_each_its_own_check() {
    let scratch = Scratch::new("many");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    for i in 0..MANY {
        let text = format!("{{\"status\": \"draft\", \"note{i}\": {i}}}");
        server.open(&scratch.uri(&format!("profiles/p{i:04}.json")), &text);
    }
    let status = server.status();
    assert_eq!(server.published().len(), MANY);
    assert_eq!(status["publishes"], MANY);
    assert_eq!(status["checker"]["findings_computed"], MANY);
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// The same findings on a changed text may fall on other columns: the changed document is
/// published again, only its unchanged siblings are not.
#[test]
fn a_changed_document_is_published_even_with_the_same_findings() {
    let scratch = Scratch::new("same-findings");
    let uri = scratch.uri("profiles/x.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, "\"é\"");
    let before = server.diagnostics();
    assert_eq!(before["diagnostics"][0]["range"]["end"]["character"], 3);
    server.change(&uri, 2, json!([{"text": "\"ab\""}]));
    let after = server.diagnostics();
    assert_eq!(codes(&after), codes(&before));
    assert_eq!(after["diagnostics"][0]["range"]["end"]["character"], 4);
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// Finding 7 of issue 23, for a client that does not watch files: a `tipkit.toml` changed on
/// disk is read again at the next change of a document it governs.
#[test]
fn a_changed_tipkit_toml_is_seen_without_a_watched_file_event() {
    let scratch = Scratch::new("config-unwatched");
    let misranked = profile("ct").replacen("\"rank\": 2,", "\"rank\": 4,", 1);
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    server.open(&uri, &misranked);
    assert!(codes(&server.diagnostics()).contains(&"ranked-venues"));
    scratch.write("tipkit.toml", "[rules]\nranked-venues = \"off\"\n");
    server.change(&uri, 2, json!([{"text": misranked}]));
    let found = server.diagnostics();
    assert!(!codes(&found).contains(&"ranked-venues"), "{found:#}");
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

/// Schema-stage findings never hide the typed rules in the editor either: each profile of
/// `pairs` (a schema case and a typed rule's case in one profile) gets both findings, or
/// `rules-not-run` names the typed rule when it reads the section the schema refused.
#[test]
fn a_schema_finding_and_a_typed_rule_s_finding_are_published_together() {
    let scratch = Scratch::new("pairs");
    // The pairs of a file named as a profile (`ct.json`) or naming the profile schema (every
    // file under `profiles/` is served).
    let is_served = |pair: &&pairs::Pair| {
        pair.file.len() == "ct.json".len() || pair.text.contains("state-profile.schema.json")
    };
    let all = pairs::pairs();
    let pairs: Vec<&pairs::Pair> = all.iter().filter(is_served).collect();
    assert!(pairs.len() > 100, "only {} pairs", pairs.len());
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    let mut failures = Vec::new();
    for (index, pair) in pairs.into_iter().enumerate() {
        let folder = format!("profiles/{index}");
        std::fs::create_dir_all(scratch.0.join(&folder)).unwrap();
        let relative = format!("{folder}/{}", pair.file);
        scratch.write(&relative, &pair.text);
        let uri = scratch.uri(&relative);
        server.open(&uri, &pair.text);
        let published = server.diagnostics();
        let found: Vec<(String, String)> = published["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let rule = d["code"].as_str().unwrap_or_default().to_owned();
                (rule, d["message"].as_str().unwrap_or_default().to_owned())
            })
            .collect();
        failures.extend(pairs::missing(pair, &found));
        server.close(&uri);
        assert_eq!(server.diagnostics()["diagnostics"], json!([]));
    }
    assert!(
        failures.is_empty(),
        "{} failures: {failures:#?}",
        failures.len()
    );
}

/// Issue 23, finding 2: fix-on-save must not delete data. A second `"laws"` of one law after
/// the eight, or `"status"` written twice: the layout fix would keep only the last value, so
/// neither fix-all nor a quick fix is offered, and the duplicate key stays reported.
#[test]
fn no_fix_all_on_a_file_with_a_duplicate_key() {
    let ct = profile("ct");
    let first_law =
        serde_json::to_string(&serde_json::from_str::<Value>(&ct).unwrap()["laws"][0]).unwrap();
    let second_laws = ct.replacen(
        "  \"statewide_efforts\"",
        &format!("  \"laws\": [{first_law}],\n  \"statewide_efforts\""),
        1,
    );
    let status_twice = ct.replacen(
        "\"status\": \"published\",",
        "\"status\": \"published\", \"status\": \"draft\",",
        1,
    );
    let scratch = Scratch::new("duplicate-key-fix-all");
    let uri = scratch.uri("profiles/ct.json");
    let (mut server, _) = TestServer::new(&scratch.0, json!({}));
    for (version, text) in [second_laws, status_twice].iter().enumerate() {
        if version == 0 {
            server.open(&uri, text);
        } else {
            server.change(&uri, 2, json!([{"text": text}]));
        }
        assert!(codes(&server.diagnostics()).contains(&"duplicate-key"));
        assert_eq!(
            code_actions(&mut server, &uri, whole(text), Value::Null),
            json!([]),
            "no fix of any kind"
        );
    }
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}

#[cfg(unix)]
#[test]
fn a_closed_document_in_git_or_linked_into_it_is_never_read() {
    let scratch = Scratch::new("git");
    std::fs::create_dir_all(scratch.0.join(".git")).unwrap();
    scratch.write(".git/leak.json", "{\"hunter2\": 1}\n");
    std::os::unix::fs::symlink(
        Path::new("..").join(".git/leak.json"),
        scratch.0.join("profiles/nj.json"),
    )
    .unwrap();
    let (mut server, _) = TestServer::new(
        &scratch.0,
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
    );
    for closed in ["profiles/nj.json", ".git/leak.json"] {
        let report = server.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": scratch.uri(closed)}}),
        );
        assert_eq!(report["items"], json!([]), "{closed}: {report}");
    }
    assert_eq!(server.shutdown(), Ended::AfterShutdown);
}
