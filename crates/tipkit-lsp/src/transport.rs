//! The protocol over standard input and output. Unlike `lsp_server::Connection::stdio`, a
//! malformed message is reported on standard error and skipped, never the end of the server.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::bounded;
use lsp_server::{Connection, Message};

/// The largest message read: a profile of the largest size checked, escaped, fits.
const MESSAGE_LIMIT: usize = 64 * 1024 * 1024;

/// A connection over standard input and output, and the thread that writes to standard
/// output: join it after the connection is dropped, so that every message is written.
pub(crate) fn stdio() -> (Connection, thread::JoinHandle<()>) {
    let (to_server, from_client) = bounded::<Message>(0);
    let (to_client, outgoing) = bounded::<Message>(0);
    thread::Builder::new()
        .name("tipkit-lsp-reader".to_owned())
        .spawn(move || {
            let mut input = io::stdin().lock();
            while let Some(message) = read(&mut input) {
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

/// The next well-formed message; `None` at the end of the input. Malformed ones are skipped.
pub fn read(input: &mut impl BufRead) -> Option<Message> {
    loop {
        match read_frame(input) {
            Ok(Some(body)) => match serde_json::from_slice::<Message>(&body) {
                Ok(message) => return Some(message),
                Err(error) => complain(&format!("skipped a malformed message: {error}")),
            },
            Err(error) if error.kind() == io::ErrorKind::InvalidData => {
                complain(&format!("skipped a malformed message: {error}"));
            }
            Ok(None) | Err(_) => return None,
        }
    }
}

fn complain(message: &str) {
    eprintln!("tipkit lsp: {}", tipkit_validate::visible(message));
}

/// One message's body: headers up to an empty line, then `Content-Length` bytes.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        // A header line is short: a longer one is not a header.
        let read = input.by_ref().take(1024).read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        let header = String::from_utf8_lossy(&line);
        let header = header.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if any {
                break;
            }
            continue;
        }
        any = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "no Content-Length",
        ));
    };
    if length > MESSAGE_LIMIT {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "message too large",
        ));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_messages_are_skipped() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{oops\
             X-Junk: 1\r\n\r\n\
             Content-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let mut reader = io::BufReader::new(input.as_bytes());
        let message = read(&mut reader).unwrap();
        assert!(matches!(message, Message::Notification(n) if n.method == "initialized"));
        assert!(read(&mut reader).is_none());
    }
}
