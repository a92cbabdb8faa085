//! `tipkit lsp`: a language server for state profiles, on rust-analyzer's synchronous
//! `lsp-server`. Every rule live as the profile is typed (pushed, or pulled when the client
//! pulls), the rules across a folder over its open buffers and files on disk, each fix as a quick
//! fix and fix-all as `tipkit check --fix`, formatting as `tipkit fmt`, hover and completion
//! from the model. One thread handles messages in order.

mod checker;
mod convert;
mod cursor;
mod document;
mod model;
mod position;
mod server;
mod transport;
mod uri;

pub use checker::Checker;
pub use convert::rule_docs_url;
pub use document::{CHANGE_BUDGET, Document, TooManyChanges};
pub use position::{Encoding, Lines};
pub use server::{Ended, serve};
pub use transport::MessageReader;

/// Serves the client on standard input and output until it exits or goes away.
pub fn run_stdio() -> Ended {
    let (connection, writer) = transport::stdio();
    let ended = serve(&connection);
    drop(connection);
    let _ = writer.join();
    ended
}
