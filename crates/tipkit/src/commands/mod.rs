//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod diff;
mod diff_config;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod fmt;
pub(crate) mod import_statistics;
pub(crate) mod lsp;
pub(crate) mod new;
pub(crate) mod publish;
pub(crate) mod schema;
pub(crate) mod watch;
