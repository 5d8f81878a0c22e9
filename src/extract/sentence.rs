//! Prose units and sentences of a Document, as byte spans into `Document::text`.
//!
//! Events and risks are read sentence by sentence. A sentence never crosses a block boundary,
//! except where a paragraph was cut by a page break mid-sentence (text-era exhibits). Sentence
//! ends are found with care for abbreviations: "Inc." "Mr." "U.S." "Feb." are usually not ends.

use crate::document::{BlockKind, Document};

/// A run of prose (paragraph, list item or heading), possibly joined across a page break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
}

/// Every sentence of the document's prose (tables left out) with its doc byte offset.
pub(crate) fn prose_sentences(doc: &Document) -> Vec<(usize, &str)> {
    units(doc)
        .into_iter()
        .filter(|u| u.kind != BlockKind::Table)
        .flat_map(|u| sentences(&doc.text, u.start, u.end))
        .filter_map(|(s, e)| Some((s, doc.text.get(s..e)?)))
        .collect()
}

/// The prose units of a document, in order. Tables and page breaks are left out.
pub fn units(doc: &Document) -> Vec<Unit> {
    let len = doc.text.len();
    if doc.blocks.is_empty() {
        return vec![Unit {
            start: 0,
            end: len,
            kind: BlockKind::Paragraph,
        }];
    }
    let mut out: Vec<Unit> = Vec::new();
    let mut after_break = false;
    for b in &doc.blocks {
        let (start, end) = (b.start.min(len), b.end.min(len));
        match b.kind {
            BlockKind::PageBreak => {
                after_break = true;
                continue;
            }
            BlockKind::Table => {
                after_break = false;
                out.push(Unit {
                    start,
                    end,
                    kind: BlockKind::Table,
                });
                continue;
            }
            _ => {}
        }
        let text = doc.text.get(start..end).unwrap_or("");
        // A paragraph that stops mid-sentence goes on in the next one: across a page break,
        // or in double-spaced PDF text where every line stands alone.
        let next_start = text.trim_start();
        if b.kind == BlockKind::Paragraph
            && (next_start.starts_with(|c: char| c.is_lowercase())
                || !after_break && next_start.starts_with(|c: char| c.is_ascii_digit() || c == '('))
            && let Some(prev) = out.last_mut()
            && matches!(prev.kind, BlockKind::Paragraph | BlockKind::ListItem)
            && !doc
                .text
                .get(prev.start..prev.end)
                .unwrap_or("")
                .trim_end()
                .ends_with(['.', '!', '?', ':', ';', '"', '”'])
        {
            prev.end = end;
            after_break = false;
            continue;
        }
        after_break = false;
        out.push(Unit {
            start,
            end,
            kind: b.kind,
        });
    }
    out.retain(|u| u.kind != BlockKind::Table);
    out
}

/// Words after which a period never ends a sentence (titles, months, states, "No.").
const NEVER_END: &[&str] = &[
    "mr", "mrs", "ms", "dr", "messrs", "st", "jr", "sr", "no", "nos", "vs", "v", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mass", "calif", "conn",
    "fla", "ill", "wash", "penn", "ariz", "colo", "tenn", "approx", "e.g", "i.e", "fig", "dept",
    "gov", "sen", "rep", "prof", "gen", "col", "lt", "capt", "ave", "blvd",
];

/// Words after which a period ends a sentence only when a sentence clearly starts next
/// ("Sonus Networks, Inc. All other ..." ends; "Alcoa Inc. ("Alcoa") received" does not).
const AMBIGUOUS_END: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "l.p", "u.s", "n.a", "plc", "s.a", "u.k", "a.g", "n.v",
];

const STARTERS: &[&str] = &[
    "The",
    "This",
    "These",
    "That",
    "Those",
    "All",
    "In",
    "On",
    "As",
    "At",
    "We",
    "Our",
    "It",
    "Its",
    "For",
    "A",
    "An",
    "Any",
    "If",
    "While",
    "With",
    "Such",
    "Additional",
    "Further",
    "Readers",
    "Investors",
    "Copies",
    "More",
    "There",
    "Please",
    "Information",
    "Other",
];

/// Sentences of `text[start..end]` as absolute byte spans, trimmed of surrounding whitespace.
pub fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let bytes = slice.as_bytes();
    let mut out = Vec::new();
    let mut sent_start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            // Closing quotes and brackets belong to the sentence they close.
            let mut j = i + 1;
            loop {
                let rest = &slice[j..];
                if let Some(ch) = rest.chars().next()
                    && matches!(ch, '"' | '”' | '’' | ')' | '\'')
                {
                    j += ch.len_utf8();
                    continue;
                }
                break;
            }
            let rest = &slice[j..];
            let ws = rest.len() - rest.trim_start().len();
            let next = rest.trim_start();
            let is_end = if next.is_empty() {
                true
            } else if ws == 0 {
                false
            } else {
                c != b'.' || period_ends(&slice[..i], next)
            };
            if is_end {
                push_trimmed(slice, start, sent_start, j, &mut out);
                sent_start = j;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(slice, start, sent_start, bytes.len(), &mut out);
    out
}

/// The longest a sentence is read as one: a real one is a few hundred bytes; one longer is a
/// run-on (a paragraph without stops, a list flattened into a line, a hostile file). Every rule
/// that reads a sentence looks back and ahead within it, so an unbounded sentence would cost
/// the square of its length; cut at this bound, the cost of a paragraph stays linear.
pub(crate) const MAX_SENTENCE: usize = 2_000;

/// `spans` (sentences of `text`, in order) with any longer than [`MAX_SENTENCE`] cut into
/// pieces no longer than it: at the last clause mark (";", ",") in the piece's second half,
/// else at its last whitespace, else at a character boundary.
pub(crate) fn bounded(text: &str, spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if spans.iter().all(|&(s, e)| e - s <= MAX_SENTENCE) {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len());
    for (mut s, e) in spans {
        while e - s > MAX_SENTENCE {
            let mut limit = s + MAX_SENTENCE;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let piece = &text[s..limit];
            let mut half = piece.len() / 2;
            while !piece.is_char_boundary(half) {
                half -= 1;
            }
            let cut = piece[half..]
                .rfind([';', ','])
                .map(|i| half + i + 1)
                .or_else(|| piece.rfind(char::is_whitespace).filter(|&i| i > 0))
                .map_or(limit, |i| s + i);
            out.push((s, cut));
            s = cut;
            // The next piece starts at its first non-space.
            let rest = &text[s..e];
            s += rest.len() - rest.trim_start().len();
        }
        if e > s {
            out.push((s, e));
        }
    }
    out
}

fn push_trimmed(slice: &str, base: usize, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let Some(part) = slice.get(s..e) else {
        return;
    };
    let lead = part.len() - part.trim_start().len();
    let t = part.trim();
    if !t.is_empty() {
        out.push((base + s + lead, base + s + lead + t.len()));
    }
}

/// Does the period at the end of `before` end a sentence, given the text `next` after it?
fn period_ends(before: &str, next: &str) -> bool {
    let Some(first) = next.chars().next() else {
        return true;
    };
    if first.is_lowercase() || matches!(first, ',' | ';' | '(' | '.') {
        return false;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let w = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() {
        return true;
    }
    // A number ("$1.2") or a single initial ("J.") is not an end.
    if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
        return false;
    }
    if NEVER_END.contains(&w) {
        return false;
    }
    if AMBIGUOUS_END.contains(&w) {
        let next_word: &str = next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return STARTERS.contains(&next_word);
    }
    true
}

/// The text with runs of whitespace folded to one space and page markers dropped.
pub fn normalize(s: &str) -> String {
    s.split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("<page>"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s, 0, s.len())
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let s = "Sonus Networks, Inc. (Nasdaq: SONS) reported. Mr. Ahmed said so. \
                 It sold in the U.S. market. WESTFORD, Mass., Feb. 28 came. \
                 Sonus is a mark of Sonus Networks, Inc. All other names are marks.";
        assert_eq!(
            split(s),
            vec![
                "Sonus Networks, Inc. (Nasdaq: SONS) reported.",
                "Mr. Ahmed said so.",
                "It sold in the U.S. market.",
                "WESTFORD, Mass., Feb. 28 came.",
                "Sonus is a mark of Sonus Networks, Inc.",
                "All other names are marks.",
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let s = "He said \"it is done.\" Then he left. Revenue was $1.2 billion.";
        assert_eq!(
            split(s),
            vec![
                "He said \"it is done.\"",
                "Then he left.",
                "Revenue was $1.2 billion."
            ]
        );
    }
}
