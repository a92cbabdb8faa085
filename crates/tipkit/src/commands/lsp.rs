//! `tipkit lsp`: the language server, over standard input and output.

use crate::Outcome;

pub(crate) fn run() -> Outcome {
    // The protocol's exit status: 0 after `shutdown`, 1 otherwise.
    match tipkit_lsp::run_stdio() {
        tipkit_lsp::Ended::AfterShutdown => Outcome::Clean,
        tipkit_lsp::Ended::WithoutShutdown => Outcome::Findings,
    }
}
