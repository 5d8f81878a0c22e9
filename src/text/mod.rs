//! What ingest, extraction and the output writers all stand on: what text may reach a terminal,
//! and a few plain readings of a line.

pub mod safe;

/// Fold whitespace runs (newlines included) into single spaces: a message for one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of a Form 8-K item heading: "Item 5.02 Departure of …" or "ITEM 2.02." gives
/// "5.02" / "2.02"; None for any other line. Ingest keeps an 8-K's items by it, extraction
/// titles an 8-K by its first one.
pub fn form_item_number(line: &str) -> Option<&str> {
    let t = line.trim_start();
    t.get(..5).filter(|p| p.eq_ignore_ascii_case("item "))?;
    let num = t.get(5..)?.trim_start();
    let end = num
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(num.len());
    let n = num.get(..end)?.trim_end_matches('.');
    (n.len() >= 3 && n.contains('.')).then_some(n)
}
