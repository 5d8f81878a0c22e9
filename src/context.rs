//! The text around a record's source, for a reader: the sentence a figure, comparison, event or
//! risk was read from, or the table row of a table cell. The viewer shows it under a table so
//! that reading a number's context needs no jump.
//!
//! A record's source is the narrow span of what was read (a figure is "$79 million"); its
//! context is the whole sentence (or sentences, when the span crosses a stop) of the block that
//! holds it, or the span's lines when it is in a table or in no block.

use crate::document::{BlockKind, Document, Source};
use crate::extract::sentence;

/// How far from the span a sentence is looked for: a real sentence is a few hundred bytes, and
/// the bound keeps a paragraph without stops (a hostile file) from costing its whole length on
/// every keystroke.
const REACH: usize = 1_500;

/// The context of `src` in `doc`: a span of `doc.text` that holds `src`, with its first line.
pub fn around(doc: &Document, src: Source) -> Source {
    let text = &doc.text;
    let start = src.start.min(text.len());
    let end = src.end.clamp(start, text.len());
    let lines = || {
        let first = doc.line_of(start);
        let last = doc.line_of(end.saturating_sub(1).max(start));
        doc.source(doc.line_range(first).start, doc.line_range(last).end)
    };
    let i = doc.blocks.partition_point(|b| b.start <= start);
    let Some(block) = i.checked_sub(1).map(|i| &doc.blocks[i]) else {
        return lines();
    };
    if start > block.end || matches!(block.kind, BlockKind::Table | BlockKind::PageBreak) {
        return lines();
    }
    let from = floor_char(text, start.saturating_sub(REACH).max(block.start));
    let to = ceil_char(text, end.saturating_add(REACH).min(block.end.max(end)));
    let mut hit: Option<(usize, usize)> = None;
    for (a, b) in sentence::sentences(text, from, to) {
        if b >= start && a <= end.max(start + 1) {
            hit = Some(hit.map_or((a, b), |(x, _)| (x, b)));
        } else if a > end {
            break;
        }
    }
    match hit {
        Some((a, b)) => doc.source(a.min(start), b.max(end)),
        None => lines(),
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> crate::Release {
        crate::sample()
    }

    #[test]
    fn a_figure_s_context_is_its_sentence() {
        let r = sample();
        let doc = &r.document;
        let fig = r
            .highlights
            .iter()
            .find(|f| f.metric == "revenue" && f.text == "$79 million")
            .expect("the sample's headline revenue");
        let c = around(doc, fig.source);
        let s = &doc.text[c.start..c.end];
        assert!(
            s.starts_with("Revenues for the fourth quarter of fiscal 2006"),
            "{s}"
        );
        assert!(s.ends_with("third quarter of fiscal 2006."), "{s}");
        assert!(c.start <= fig.source.start && fig.source.end <= c.end);
        assert_eq!(c.line, doc.line_of(c.start));
    }

    #[test]
    fn a_table_cell_s_context_is_its_row_and_a_bad_span_is_safe() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/corpus/apple-q1-fy2011-ex991.htm"
        );
        let bytes = std::fs::read(path).expect("the corpus release");
        let r = crate::load_bytes(&bytes, "apple.htm").expect("loads");
        let doc = &r.document;
        let cell = r
            .highlights
            .iter()
            .find(|f| {
                let i = doc.blocks.partition_point(|b| b.start <= f.source.start);
                i > 0 && doc.blocks[i - 1].kind == BlockKind::Table
            })
            .expect("a figure read from a table");
        let c = around(doc, cell.source);
        assert_eq!(doc.line_of(c.start), cell.source.line);
        assert_eq!(&doc.text[c.start..c.end], doc.line(cell.source.line));
        // Past the end, or reversed: an empty span at the end, never a panic.
        let far = Source {
            line: 1,
            start: usize::MAX - 1,
            end: 3,
        };
        let c = around(doc, far);
        assert!(c.start <= c.end && c.end <= doc.text.len());
    }
}
