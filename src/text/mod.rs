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

/// A number alone on its line: "$24,746", "(0.9)%", "5.6%", "12".
pub fn is_lone_figure(t: &str) -> bool {
    let t = t.trim().trim_end_matches('*');
    !t.is_empty()
        && t.len() <= 20
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '$' | ',' | '.' | '(' | ')' | '%' | '-' | ' ')
        })
}

/// Whether lines read as PDF-extracted text: many of them are a number alone (a statement
/// table one cell per line). Text-era exhibits set their tables in aligned columns, so there a
/// lone number is rare (at most 2 % of lines in the corpus; 39 % and more in PDF text). Ingest
/// reflows such text; search's raw-byte prefilter knows its words may be reordered.
pub fn is_pdf_lines<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let (mut n, mut lone) = (0usize, 0usize);
    for l in lines {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        n += 1;
        if is_lone_figure(t) {
            lone += 1;
        }
    }
    lone >= 20 && lone * 100 >= n * 15
}
