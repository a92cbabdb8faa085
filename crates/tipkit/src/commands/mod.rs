//! One module per subcommand.

pub(crate) mod import_statistics;
