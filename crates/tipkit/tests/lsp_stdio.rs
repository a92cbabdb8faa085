//! `tipkit lsp` over real standard input and output: malformed frames and bodies are skipped,
//! an unknown method is answered with `MethodNotFound`, and `shutdown` then `exit` end the process
//! with status 0; `exit` alone with status 1.

use std::io::Write as _;
use std::process::{Command, Stdio};

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// The bodies of the messages in `output`, in order.
fn messages(output: &[u8]) -> Vec<serde_json::Value> {
    let text = String::from_utf8_lossy(output);
    text.split("Content-Length: ")
        .filter_map(|part| part.split_once("\r\n\r\n"))
        .map(|(_, body)| serde_json::from_str(body).unwrap())
        .collect()
}

fn run(input: &str) -> (Option<i32>, Vec<serde_json::Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tipkit"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (output.status.code(), messages(&output.stdout))
}

const INITIALIZE: &str =
    r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;

#[test]
fn malformed_messages_are_skipped_and_shutdown_exits_zero() {
    let input = [
        "Content-Length: 7\r\n\r\n{broken".to_owned(),
        "X-No-Length: 1\r\n\r\n".to_owned(),
        frame(r#"{"jsonrpc":"2.0","id":"x","params":[]}"#),
        frame(INITIALIZE),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        frame(r#"{"jsonrpc":"2.0","id":2,"method":"tipkit/nothing","params":{}}"#),
        frame(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    let (status, messages) = run(&input);
    assert_eq!(status, Some(0), "{messages:#?}");
    let ids: Vec<&serde_json::Value> = messages.iter().map(|m| &m["id"]).collect();
    assert_eq!(ids, [1, 2, 3], "{messages:#?}");
    assert_eq!(messages[1]["error"]["code"], -32601);
    assert_eq!(messages[2]["result"], serde_json::Value::Null);
}

#[test]
fn exit_without_shutdown_exits_one() {
    let input = [
        frame(INITIALIZE),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    assert_eq!(run(&input).0, Some(1));
}

/// A client that counts characters, not bytes, on text holding "§" sends one frame short: the
/// server skips it and answers the next request (issue 23, finding 8).
#[test]
fn a_client_that_miscounts_is_answered_at_its_next_request() {
    let open = serde_json::json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": "file:///nowhere/profiles/ct.json",
            "languageId": "json", "version": 1, "text": "{\"name\": \"§ 1\"}"}},
    })
    .to_string();
    let miscounted = format!("Content-Length: {}\r\n\r\n{open}", open.chars().count());
    let input = [
        frame(INITIALIZE),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        miscounted,
        "Content-Length: twelve\r\n\r\n{}".to_owned(),
        frame(r#"{"jsonrpc":"2.0","id":2,"method":"tipkit/nothing","params":{}}"#),
        frame(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    let (status, messages) = run(&input);
    assert_eq!(status, Some(0), "{messages:#?}");
    let ids: Vec<&serde_json::Value> = messages.iter().map(|m| &m["id"]).collect();
    assert_eq!(ids, [1, 2, 3], "{messages:#?}");
}

/// A frame counted 30 bytes short whose skipped tail says `Content-Length:` (its text does):
/// the header of the next request, on the same line, is found and the request answered
/// (round 3 of issue 23, lsp3 finding 1).
#[test]
fn skipped_text_that_names_a_header_does_not_hide_the_next_one() {
    let open = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///nowhere/profiles/ct.json","languageId":"json","version":1,"text":"abc Content-Length:"}}}"#;
    let short = format!("Content-Length: {}\r\n\r\n{open}", open.len() - 30);
    let input = [
        frame(INITIALIZE),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        short,
        frame(
            r#"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere/profiles/ct.json"},"position":{"line":0,"character":1}}}"#,
        ),
        frame(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    let (status, messages) = run(&input);
    assert_eq!(status, Some(0), "{messages:#?}");
    let ids: Vec<&serde_json::Value> = messages.iter().map(|m| &m["id"]).collect();
    assert_eq!(ids, [1, 2, 3], "{messages:#?}");
}

/// A profile whose first lines end with a lone `\r`: `tipkit check --format json` and the
/// language server give each finding the same line (issue 23, finding 10).
#[test]
fn a_lone_carriage_return_ends_the_same_line_for_check_and_the_server() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tipkit-lsp/tests/fixtures/ct-altered.json");
    let text = std::fs::read_to_string(fixtures)
        .unwrap()
        .replacen('\n', "\r", 5);
    let folder = std::env::temp_dir().join(format!("tipkit-lone-cr-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("profiles")).unwrap();
    let file = folder.join("profiles/ct.json");
    std::fs::write(&file, &text).unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_tipkit"))
        .args(["check", "--format", "json"])
        .arg(&file)
        .current_dir(&folder)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut from_check: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        // Findings about the whole folder (`coverage`) have no line, and no document.
        .filter_map(|d| Some((d["rule"].as_str()?.to_owned(), d["line"].as_u64()? - 1)))
        .collect();

    let open = serde_json::json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": format!("file://{}", file.display()),
            "languageId": "json", "version": 1, "text": text}},
    })
    .to_string();
    let input = [
        frame(INITIALIZE),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        frame(&open),
        frame(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    let (_, messages) = run(&input);
    let _ = std::fs::remove_dir_all(&folder);
    let published = messages
        .iter()
        .find(|m| m["method"] == "textDocument/publishDiagnostics")
        .expect("diagnostics");
    let mut from_server: Vec<(String, u64)> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let line = d["range"]["start"]["line"].as_u64().unwrap();
            (d["code"].as_str().unwrap().to_owned(), line)
        })
        .collect();
    from_check.sort();
    from_server.sort();
    assert!(
        from_check.iter().any(|(_, line)| *line > 5),
        "{from_check:?}"
    );
    assert_eq!(from_check, from_server);
}
