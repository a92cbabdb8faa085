//! Standard output and standard error: the one place tipkit writes to them. A reader that goes
//! away (a broken pipe: `tipkit rules | head -1`) ends the output quietly, and the command ends
//! as it would have; any other failure (a full disk) is an error. Lines on standard error show
//! input text only through [`tipkit_validate::visible`].

use std::fmt::Display;
use std::io::{self, BufWriter, Write};

/// Standard output, buffered, quiet once its reader is gone.
pub(crate) struct Stdout {
    out: BufWriter<io::Stdout>,
    closed: bool,
}

impl Stdout {
    pub(crate) fn new() -> Self {
        Self {
            out: BufWriter::new(io::stdout()),
            closed: false,
        }
    }

    /// Ends a broken pipe quietly; says what failed otherwise.
    fn outcome<T>(&mut self, result: io::Result<T>, closed: T) -> io::Result<T> {
        match result {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(closed)
            }
            Err(error) => Err(io::Error::new(
                error.kind(),
                format!("cannot write to standard output: {error}"),
            )),
            Ok(value) => Ok(value),
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.out.write(buf);
        self.outcome(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.out.flush();
        self.outcome(result, ())
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        // Normally flushed already; a buffered writer's own drop would hide the error anyway.
        let _ = self.flush();
    }
}

/// Writes `text` to standard output, all of it, and flushes.
pub(crate) fn print(text: &str) -> io::Result<()> {
    let mut out = Stdout::new();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// `error: <message>` on standard error, input shown visibly.
pub(crate) fn error(message: impl Display) {
    line(&format!("error: {message}"));
}

/// One line on standard error, input shown visibly. A standard error that cannot be written to
/// has no one to tell.
pub(crate) fn line(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", tipkit_validate::visible(text));
}
