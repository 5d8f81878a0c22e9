//! What both ingest and the output writers stand on: what text may reach a terminal.

pub mod safe;
