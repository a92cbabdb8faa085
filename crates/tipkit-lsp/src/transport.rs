//! The protocol over standard input and output. Unlike `lsp_server::Connection::stdio`, a
//! malformed message is reported on standard error and skipped, never the end of the server:
//! the reader finds the next `Content-Length:` header and goes on from there.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::bounded;
use lsp_server::{Connection, Message};

/// The largest message read: a profile of the largest size checked, escaped, fits.
const MESSAGE_LIMIT: usize = 64 * 1024 * 1024;

/// How many messages are read ahead of the server, at most.
const READ_AHEAD: usize = 16;

/// A connection over standard input and output, and the thread that writes to standard
/// output: join it after the connection is dropped, so that every message is written.
pub(crate) fn stdio() -> (Connection, thread::JoinHandle<()>) {
    // Messages read ahead while the server checks: a burst of changes is checked at once.
    let (to_server, from_client) = bounded::<Message>(READ_AHEAD);
    let (to_client, outgoing) = bounded::<Message>(0);
    thread::Builder::new()
        .name("tipkit-lsp-reader".to_owned())
        .spawn(move || {
            let mut input = MessageReader::new(io::stdin().lock());
            while let Some(message) = input.next_message() {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if to_server.send(message).is_err() || exit {
                    break;
                }
            }
        })
        .expect("a thread can be started");
    let writer = thread::Builder::new()
        .name("tipkit-lsp-writer".to_owned())
        .spawn(move || {
            let mut output = io::stdout().lock();
            for message in outgoing {
                if message
                    .write(&mut output)
                    .and_then(|()| output.flush())
                    .is_err()
                {
                    break;
                }
            }
        })
        .expect("a thread can be started");
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, writer)
}

/// Messages read from a byte stream. A malformed frame (a `Content-Length` missing, not a
/// number, a byte short or long, or over [`MESSAGE_LIMIT`]) is reported on standard error and
/// skipped: the reader looks for the next `Content-Length:` header and goes on from there, so a
/// client that miscounts once is answered again at its next message.
pub struct MessageReader<R> {
    input: R,
    /// Bytes read too far (past the end of a frame that was too long), read again first.
    back: Vec<u8>,
    /// Whether the next byte starts a frame's headers; else the next `Content-Length:` is
    /// looked for first.
    in_step: bool,
}

/// What ended a frame that is not a message.
enum Malformed {
    /// No usable `Content-Length` header: looked for again after it.
    Header(&'static str),
    /// The body is not a message.
    Body(String),
}

const CONTENT_LENGTH: &[u8] = b"content-length:";

/// The longest header line: a longer one is not a header.
const HEADER_LIMIT: usize = 1024;

impl<R: BufRead> MessageReader<R> {
    /// A reader of the messages of `input`.
    pub fn new(input: R) -> Self {
        Self {
            input,
            back: Vec::new(),
            in_step: true,
        }
    }

    /// The next well-formed message; `None` at the end of the input or on a read error.
    pub fn next_message(&mut self) -> Option<Message> {
        loop {
            match self.frame() {
                Ok(Ok(message)) => return Some(message),
                Ok(Err(Malformed::Header(why))) => {
                    complain(&format!("skipped a malformed message: {why}"));
                    self.in_step = false;
                }
                Ok(Err(Malformed::Body(why))) => {
                    complain(&format!("skipped a malformed message: {why}"));
                    self.in_step = false;
                }
                Err(_) => return None,
            }
        }
    }

    /// The next byte, `None` at the end of the input.
    fn byte(&mut self) -> io::Result<Option<u8>> {
        if let Some(b) = self.back.pop() {
            return Ok(Some(b));
        }
        let buffer = self.input.fill_buf()?;
        let Some(&b) = buffer.first() else {
            return Ok(None);
        };
        self.input.consume(1);
        Ok(Some(b))
    }

    /// Skips to just after the next `Content-Length:` (in any case); false at the end.
    fn find_content_length(&mut self) -> io::Result<bool> {
        let mut matched = 0;
        while let Some(b) = self.byte()? {
            let b = b.to_ascii_lowercase();
            if b == CONTENT_LENGTH[matched] {
                matched += 1;
                if matched == CONTENT_LENGTH.len() {
                    return Ok(true);
                }
            } else {
                matched = usize::from(b == CONTENT_LENGTH[0]);
            }
        }
        Ok(false)
    }

    /// One header line without its line end, `None` at the end of the input; `Err` inside when
    /// it is longer than a header can be.
    fn line(&mut self) -> io::Result<Option<Result<Vec<u8>, ()>>> {
        let mut line = Vec::new();
        loop {
            match self.byte()? {
                None if line.is_empty() => return Ok(None),
                None | Some(b'\n') => break,
                Some(b) => {
                    line.push(b);
                    if line.len() > HEADER_LIMIT {
                        // Read again from its last `Content-Length:`, or the last bytes that
                        // may begin one: the header that follows junk may be there.
                        let from = last_content_length(&line)
                            .map_or(line.len() + 1 - CONTENT_LENGTH.len(), |at| {
                                at - CONTENT_LENGTH.len()
                            });
                        self.back.extend(line[from..].iter().rev());
                        return Ok(Some(Err(())));
                    }
                }
            }
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(Some(Ok(line)))
    }

    /// One frame: headers up to an empty line, then `Content-Length` bytes, as a message.
    /// The outer `Err` is the end of the input.
    fn frame(&mut self) -> io::Result<Result<Message, Malformed>> {
        let mut length: Option<Option<usize>> = None;
        if !self.in_step {
            if !self.find_content_length()? {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let Some(Ok(value)) = self.line()? else {
                return Ok(Err(Malformed::Header(
                    "a Content-Length too long to be one",
                )));
            };
            // The text skipped may hold `Content-Length:` too: the real header is the last
            // on the line, and when its value is no number the next one is looked for.
            let Some(value) = parse_length(after_last_content_length(&value)) else {
                return Ok(Err(Malformed::Header(
                    "a Content-Length that is not a number",
                )));
            };
            length = Some(Some(value));
            self.in_step = true;
        }
        let mut any = length.is_some();
        loop {
            let Some(line) = self.line()? else {
                return Err(io::ErrorKind::UnexpectedEof.into());
            };
            let Ok(line) = line else {
                return Ok(Err(Malformed::Header("a header line too long")));
            };
            if line.is_empty() {
                if any {
                    break;
                }
                continue;
            }
            any = true;
            // After a frame counted short, its last bytes (which may hold the same text) come
            // before the header: the last `Content-Length:` of the line is the header.
            if let Some(at) = last_content_length(&line) {
                length = Some(parse_length(&line[at..]));
            } else if !line.contains(&b':') {
                return Ok(Err(Malformed::Header("a header line that is not a header")));
            }
        }
        let length = match length {
            None => return Ok(Err(Malformed::Header("no Content-Length"))),
            Some(None) => {
                return Ok(Err(Malformed::Header(
                    "a Content-Length that is not a number",
                )));
            }
            Some(Some(length)) if length > MESSAGE_LIMIT => {
                return Ok(Err(Malformed::Header("a message over the size limit")));
            }
            Some(Some(length)) => length,
        };
        let body = self.body(length)?;
        Ok(self.message(&body))
    }

    /// `length` bytes, in chunks as they come.
    fn body(&mut self, length: usize) -> io::Result<Vec<u8>> {
        let mut body = Vec::with_capacity(length.min(1 << 20));
        while body.len() < length && !self.back.is_empty() {
            body.push(self.back.pop().expect("not empty"));
        }
        let rest = (length - body.len()) as u64;
        let read = self.input.by_ref().take(rest).read_to_end(&mut body)?;
        if (read as u64) < rest {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(body)
    }

    /// The message of a body. A body that holds a message and then more (a length counted
    /// too long) gives the message, and the rest is read again, as the start of the next frame.
    fn message(&mut self, body: &[u8]) -> Result<Message, Malformed> {
        let mut values =
            serde_json::Deserializer::from_slice(body).into_iter::<serde_json::Value>();
        let value = match values.next() {
            Some(Ok(value)) => value,
            Some(Err(error)) => return Err(Malformed::Body(error.to_string())),
            None => return Err(Malformed::Body("an empty body".to_owned())),
        };
        let end = values.byte_offset();
        let message = serde_json::from_value::<Message>(value)
            .map_err(|error| Malformed::Body(error.to_string()))?;
        let rest = &body[end..];
        if !rest.is_empty() {
            self.back.extend(rest.iter().rev());
            self.in_step = false;
        }
        Ok(message)
    }
}

/// Where the value of the last `Content-Length:` (in any case) of `line` starts.
fn last_content_length(line: &[u8]) -> Option<usize> {
    line.windows(CONTENT_LENGTH.len())
        .rposition(|w| w.eq_ignore_ascii_case(CONTENT_LENGTH))
        .map(|at| at + CONTENT_LENGTH.len())
}

/// The rest of a line read after a `Content-Length:`, from its last `Content-Length:` on.
fn after_last_content_length(rest: &[u8]) -> &[u8] {
    last_content_length(rest).map_or(rest, |at| &rest[at..])
}

fn parse_length(value: &[u8]) -> Option<usize> {
    std::str::from_utf8(value).ok()?.trim().parse().ok()
}

fn complain(message: &str) {
    eprintln!("tipkit lsp: {}", tipkit_validate::visible(message));
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

    fn frame(length: usize, body: &str) -> String {
        format!("Content-Length: {length}\r\n\r\n{body}")
    }

    /// The methods of the messages read from `input`, to its end.
    fn methods(input: &str) -> Vec<String> {
        let mut reader = MessageReader::new(io::BufReader::new(input.as_bytes()));
        std::iter::from_fn(|| reader.next_message())
            .map(|message| match message {
                Message::Notification(n) => n.method,
                Message::Request(r) => r.method,
                Message::Response(_) => "response".to_owned(),
            })
            .collect()
    }

    fn did_open(text: &str) -> String {
        serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": "file:///p/ct.json", "languageId": "json",
                "version": 1, "text": text}},
        })
        .to_string()
    }

    #[test]
    fn malformed_messages_are_skipped() {
        let input = format!(
            "{}X-Junk: 1\r\n\r\n{}",
            frame(5, "{oops"),
            frame(GOOD.len(), GOOD)
        );
        assert_eq!(methods(&input), ["initialized"]);
    }

    /// A client that counts characters, not bytes, on text holding "§": the frame is short, its
    /// last bytes come before the next header, and the next message is read.
    #[test]
    fn a_frame_counted_short_is_skipped_and_the_next_is_read() {
        let open = did_open("§ §");
        let short = frame(open.chars().count(), &open);
        assert_eq!(
            methods(&format!("{short}{}", frame(GOOD.len(), GOOD))),
            ["initialized"]
        );
        // Short by more than a header's worth: the rest of the body is skipped too.
        let far = frame(open.len() - 40, &open);
        assert_eq!(
            methods(&format!("{far}{}", frame(GOOD.len(), GOOD))),
            ["initialized"]
        );
    }

    /// A frame a byte long swallows the first byte of the next header: its message is read,
    /// and so is the next.
    #[test]
    fn a_frame_counted_long_gives_its_message_and_the_next() {
        let open = did_open("text");
        let long = frame(open.len() + 1, &open);
        assert_eq!(
            methods(&format!("{long}{}", frame(GOOD.len(), GOOD))),
            ["textDocument/didOpen", "initialized"]
        );
    }

    #[test]
    fn a_length_that_is_not_a_number_or_missing_is_skipped() {
        let input = format!(
            "Content-Length: twelve\r\n\r\n{GOOD}Content-Type: x\r\n\r\n{GOOD}{}",
            frame(GOOD.len(), GOOD)
        );
        assert_eq!(methods(&input), ["initialized"]);
    }

    /// A length over the limit is refused before any of the body is read into memory: the
    /// reader looks for the next header, even when the length promised far more than follows.
    #[test]
    fn a_frame_over_the_limit_is_refused_and_the_next_is_read() {
        let input = format!(
            "{}{}",
            frame(usize::MAX, "{\"big\": 1}"),
            frame(GOOD.len(), GOOD)
        );
        assert_eq!(methods(&input), ["initialized"]);
        let input = format!(
            "{}{}",
            frame(MESSAGE_LIMIT + 1, &"x".repeat(4096)),
            frame(GOOD.len(), GOOD)
        );
        assert_eq!(methods(&input), ["initialized"]);
    }

    /// Round 3, lsp3 finding 1: the bytes skipped after a frame counted short hold the text
    /// `Content-Length:` (a document that says it), on the line of the next real header: the
    /// header is found, and the next request answered.
    #[test]
    fn a_header_after_skipped_text_that_names_one_is_found() {
        let open = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///p/ct.json","languageId":"json","version":1,"text":"abc Content-Length:"}}}"#;
        let hover = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///p/ct.json"},"position":{"line":0,"character":1}}}"#;
        let input = format!(
            "{}{}",
            frame(open.len() - 30, open),
            frame(hover.len(), hover)
        );
        assert_eq!(methods(&input), ["textDocument/hover"]);
        // With a number after the text's header, and in any case.
        let open = open.replace("abc Content-Length:", "content-length: 12");
        let input = format!(
            "{}{}",
            frame(open.len() - 28, &open),
            frame(hover.len(), hover)
        );
        assert_eq!(methods(&input), ["textDocument/hover"]);
        // Read in step, a line that holds two: the last is the header.
        let input = format!(
            "X-Junk: Content-Length: 3 Content-Length: {}\r\n\r\n{GOOD}",
            GOOD.len()
        );
        assert_eq!(methods(&input), ["initialized"]);
    }

    /// A header line too long to be one is skipped, and a header its last bytes begin is read.
    #[test]
    fn a_header_that_starts_at_the_end_of_a_line_too_long_is_found() {
        let straddling = HEADER_LIMIT - 30..HEADER_LIMIT;
        for junk in straddling.chain([3 * HEADER_LIMIT]) {
            let input = format!(
                "X-Long: {}{}{}",
                "y".repeat(junk),
                frame(GOOD.len(), GOOD),
                frame(GOOD.len(), GOOD)
            );
            assert_eq!(methods(&input), ["initialized", "initialized"], "{junk}");
        }
        // Lines of headers or digits too long end, and the next frame is read.
        for junk in [
            "Content-Length:".repeat(500),
            format!("Content-Length: {}", "9".repeat(5000)),
        ] {
            let input = format!("{junk}\r\n\r\n{}", frame(GOOD.len(), GOOD));
            assert_eq!(methods(&input), ["initialized"]);
        }
    }

    #[test]
    fn a_header_line_too_long_is_skipped() {
        let input = format!(
            "X-Long: {}\r\n{}",
            "y".repeat(5000),
            frame(GOOD.len(), GOOD)
        );
        assert_eq!(methods(&input), ["initialized"]);
    }
}
