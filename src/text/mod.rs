//! What both ingest and the output writers stand on: what text may reach a terminal.

pub mod safe;

/// Fold whitespace runs (newlines included) into single spaces: a message for one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
