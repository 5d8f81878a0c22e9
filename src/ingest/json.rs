//! irview's own JSON (the output of `irview json`), read back as a Release.
//!
//! A JSON release is a file users pass around, so it is as untrusted as a release from the
//! internet: every string in it is cleaned as the other formats clean their text (escape
//! sequences and control characters removed), and nothing derived from the Document's text is
//! trusted. Line starts are rebuilt from the cleaned text, blocks from their line numbers, and
//! every span (an item's source, a table cell) is checked against the cleaned text: a span out
//! of range, off a character boundary, or on a line the cleaning changed is dropped, its row kept
//! with a line-only source.

use crate::document::{Document, Source};
use crate::error::Error;
use crate::ingest::clean;
use crate::release::Release;
use serde_json::Value;
use std::borrow::Cow;

/// The widest a cell may span: as HTML tables are read (a larger one is a hostile file's way to
/// make a table millions of columns wide).
const MAX_COLSPAN: usize = 100;

pub fn ingest(text: &str, name: &str) -> Result<Release, Error> {
    let text = text.trim_start_matches('\u{feff}');
    match ingest_clean(text) {
        Some(r) => Ok(r),
        None => ingest_tree(text, name),
    }
}

/// Every string cleaned in a JSON tree, then the tree read as a Release.
fn ingest_tree(text: &str, name: &str) -> Result<Release, Error> {
    let bad = |e: serde_json::Error| Error::input(name, format!("not an irview JSON release: {e}"));
    let mut v: Value = serde_json::from_str(text).map_err(bad)?;
    // The Document's text is cleaned apart from the other strings: its spans must follow it.
    let raw = match v.pointer_mut("/document/text") {
        Some(Value::String(s)) => Some(std::mem::take(s)),
        _ => None,
    };
    // Every other string, whatever field holds it, so a field added later cannot be missed.
    clean_strings(&mut v);
    let mut r: Release = serde_json::from_value(v).map_err(bad)?;
    if let Some(raw) = raw {
        let map = clean_document(&mut r.document, raw, false);
        check_spans(&mut r, &map);
    }
    Ok(r)
}

/// The usual case, a file irview wrote (its cache entries above all): read straight into the
/// Release, every string, whatever field holds it, checked on the way against the cleaning
/// `clean_strings` would give it; then the Document cleaned and every span checked as below.
/// The same Release the tree walk makes, without the tree (most of the time it takes). None
/// when a string would change or the file does not parse: the tree walk then does it all again
/// (cleans, or says what is wrong).
fn ingest_clean(text: &str) -> Option<Release> {
    use serde::Deserialize;
    let dirty = std::cell::Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let mut r = Release::deserialize(super::checked::Checked {
        inner: &mut de,
        dirty: &dirty,
    })
    .ok()?;
    de.end().ok()?;
    if dirty.get() {
        return None;
    }
    let raw = std::mem::take(&mut r.document.text);
    // Not dirty: the text, like every string, is one cleaning leaves as it is.
    let map = clean_document(&mut r.document, raw, true);
    check_spans(&mut r, &map);
    Some(r)
}

/// Clean every string in a JSON tree (enum tags and numbers as text included: a valid one is
/// already clean, so only a hostile one changes).
fn clean_strings(v: &mut Value) {
    match v {
        Value::String(s) => {
            if let Cow::Owned(c) = clean::clean_text(s) {
                *s = c;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(clean_strings),
        Value::Object(o) => o.values_mut().for_each(clean_strings),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// How offsets of the text as read map to offsets of the cleaned text. Cleaning works line by
/// line and keeps every line, so line numbers stay true; offsets on an unchanged line move by
/// what the lines before it lost, and offsets on a changed line have no true place.
struct OffsetMap {
    /// Per line of the text as read: its start there, its length there, its start in the
    /// cleaned text, and whether cleaning left it as it was. Empty when nothing changed.
    lines: Vec<(usize, usize, usize, bool)>,
    raw_len: usize,
}

impl OffsetMap {
    fn map(&self, off: usize) -> Option<usize> {
        if self.lines.is_empty() {
            return (off <= self.raw_len).then_some(off);
        }
        let i = self
            .lines
            .partition_point(|&(start, ..)| start <= off)
            .checked_sub(1)?;
        let (start, len, new_start, same) = *self.lines.get(i)?;
        (same && off <= start + len).then(|| new_start + (off - start))
    }
}

/// Clean the Document's text line by line and rebuild what is derived from it: line starts and
/// the blocks' spans (from their line numbers; a block off the text is dropped). `clean`: the
/// text is already known to be one cleaning leaves as it is (the straight read checked it), so
/// it maps onto itself.
fn clean_document(doc: &mut Document, raw: String, clean: bool) -> OffsetMap {
    let raw_len = raw.len();
    let mut lines = Vec::new();
    let mut changed = false;
    let mut text = String::new();
    if !clean {
        let mut start = 0usize;
        for (i, line) in raw.split('\n').enumerate() {
            let c = clean::clean_line(line);
            let same = c == line;
            changed |= !same;
            if i > 0 {
                text.push('\n');
            }
            lines.push((start, line.len(), text.len(), same));
            text.push_str(&c);
            start += line.len() + 1;
        }
    }
    doc.text = if changed {
        text
    } else {
        lines.clear();
        raw
    };
    doc.reindex();

    let n = doc.line_count();
    let mut blocks = std::mem::take(&mut doc.blocks);
    blocks.retain_mut(|b| {
        if b.line == 0 || b.line > b.last_line || b.last_line > n {
            return false;
        }
        b.start = doc.line_range(b.line).start;
        b.end = doc.line_range(b.last_line).end;
        if b.table.is_some_and(|t| t >= doc.tables.len()) {
            b.table = None;
        }
        true
    });
    blocks.sort_by_key(|b| (b.start, b.line));
    doc.blocks = blocks;
    OffsetMap { lines, raw_len }
}

/// A span of the text as read, as a span of the cleaned text: both ends mapped, in order, on
/// character boundaries.
fn map_span(doc: &Document, map: &OffsetMap, start: usize, end: usize) -> Option<(usize, usize)> {
    let (s, e) = (map.map(start)?, map.map(end)?);
    (s <= e && doc.text.is_char_boundary(s) && doc.text.is_char_boundary(e)).then_some((s, e))
}

/// A source checked against the cleaned text: its span mapped and its line read from it; a span
/// with no true place becomes its line alone (an empty span at the line's start), and a line off
/// the text becomes no line at all.
fn fix_source(doc: &Document, map: &OffsetMap, src: &mut Source) {
    if let Some((s, e)) = map_span(doc, map, src.start, src.end) {
        *src = doc.source(s, e);
    } else if (1..=doc.line_count()).contains(&src.line) {
        let at = doc.line_range(src.line).start;
        *src = Source {
            line: src.line,
            start: at,
            end: at,
        };
    } else {
        *src = Source::default();
    }
}

fn check_spans(r: &mut Release, map: &OffsetMap) {
    let doc = &r.document;
    let sources = r
        .highlights
        .iter_mut()
        .map(|f| &mut f.source)
        .chain(r.outlook.iter_mut().map(|o| &mut o.source))
        .chain(r.comparisons.iter_mut().map(|c| &mut c.source))
        .chain(r.restatement.events.iter_mut().map(|e| &mut e.source))
        .chain(r.risks.iter_mut().map(|k| &mut k.source));
    for src in sources {
        fix_source(doc, map, src);
    }
    let mut tables = std::mem::take(&mut r.document.tables);
    let doc = &r.document;
    for t in &mut tables {
        for row in &mut t.rows {
            if row.line > doc.line_count() {
                row.line = 0;
            }
            let at = if row.line > 0 {
                doc.line_range(row.line).start
            } else {
                0
            };
            for c in &mut row.cells {
                (c.start, c.end) = map_span(doc, map, c.start, c.end).unwrap_or((at, at));
                c.colspan = c.colspan.clamp(1, MAX_COLSPAN);
            }
        }
    }
    r.document.tables = tables;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A release as `irview json` writes it, with its strings and spans edited.
    fn edited(f: impl FnOnce(&mut Value)) -> String {
        let mut v = serde_json::to_value(crate::sample()).unwrap();
        f(&mut v);
        v.to_string()
    }

    fn no_controls(r: &Release) {
        let json = serde_json::to_value(r).unwrap();
        fn walk(v: &Value) {
            match v {
                Value::String(s) => assert!(
                    !s.chars().any(|c| c.is_control() && c != '\n'),
                    "control character in {s:?}"
                ),
                Value::Array(a) => a.iter().for_each(walk),
                Value::Object(o) => o.values().for_each(walk),
                _ => {}
            }
        }
        walk(&json);
    }

    /// Straight into the Release or through the tree: the same Release; a string cleaning would
    /// change anywhere (a table cell, an enum tag, a field irview does not know) sends it
    /// through the tree.
    #[test]
    fn the_straight_read_is_the_tree_walk_or_none() {
        let sample = serde_json::to_string(&crate::sample()).unwrap();
        let straight = ingest_clean(&sample).expect("irview's own JSON reads straight");
        assert_eq!(straight, ingest_tree(&sample, "x.json").unwrap());
        let dirty = [
            edited(|v| {
                v["document"]["tables"] = serde_json::json!([{"header_rows": 0, "rows": [
                    {"line": 1, "cells": [{"text": "a\u{1b}[1mb", "start": 0, "end": 1}]}
                ]}]);
            }),
            edited(|v| v["kind"] = "ear\u{7}nings".into()),
            edited(|v| v["risks"][0]["text"] = "\u{9b}31mrisk".into()),
            edited(|v| v["document"]["text"] = "one\n\u{1b}]0;t\u{7}two".into()),
        ];
        for json in &dirty {
            assert!(ingest_clean(json).is_none());
        }
        // A field irview does not know is skipped unread either way.
        let unknown = edited(|v| v["unknown_field"] = "\u{7}".into());
        assert_eq!(ingest_clean(&unknown), Some(straight));
        for json in dirty.iter().chain([&unknown]) {
            let r = ingest(json, "x.json").unwrap();
            assert_eq!(r, ingest_tree(json, "x.json").unwrap());
            no_controls(&r);
        }
    }

    #[test]
    fn own_json_reads_back_unchanged() {
        let r = crate::sample();
        let back = ingest(&serde_json::to_string(&r).unwrap(), "x.json").unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn every_string_is_cleaned_and_spans_follow_the_text() {
        let sample = crate::sample();
        let last = sample.risks.last().unwrap().clone();
        let json = edited(|v| {
            v["title"] = "\u{1b}]0;PWNED\u{7}Evil \u{1b}[2JTitle".into();
            v["company"]["name"] = "Acme\u{1b}]52;c;ZXZpbA==\u{7} Corp".into();
            v["highlights"][0]["label"] = "\u{9b}31mRev\u{7f}enue".into();
            v["document"]["tables"] = serde_json::json!([{"header_rows": 0, "rows": [
                {"line": 1, "cells": [{"text": "a\u{1b}[1mb", "start": 0, "end": 1}]}
            ]}]);
            let t = v["document"]["text"].as_str().unwrap();
            // Escapes at the end of the first line, the file's offsets after it moved to match:
            // cleaning then moves every later offset back by what it removed.
            let ins = "\u{1b}[31mRED\u{1b}[0m";
            let nl = t.find('\n').unwrap();
            let t = format!("{}{ins}{}", &t[..nl], &t[nl..]);
            v["document"]["text"] = t.into();
            shift_offsets(v, nl, ins.len());
        });
        let r = ingest(&json, "x.json").unwrap();
        no_controls(&r);
        assert_eq!(r.title.as_deref(), Some("Evil Title"));
        assert_eq!(r.company.name.as_deref(), Some("Acme Corp"));
        assert_eq!(r.highlights[0].label, "Revenue");
        assert_eq!(r.document.tables[0].rows[0].cells[0].text, "ab");
        assert!(r.document.text.lines().next().unwrap().ends_with("RED"));
        assert_eq!(r.document.line_count(), sample.document.line_count());
        // Spans past the changed line land on the same words as before.
        let k = r.risks.last().unwrap();
        assert_eq!(
            &r.document.text[k.source.start..k.source.end],
            &sample.document.text[last.source.start..last.source.end]
        );
        assert_eq!(k.source.line, last.source.line);
        // Blocks are rebuilt on the cleaned text: the changed line's block holds its new text.
        for b in &r.document.blocks {
            let was = sample.document.block_text(b_of(&sample, b));
            if b.line == 1 {
                assert_eq!(r.document.block_text(b), format!("{was}RED"));
            } else {
                assert_eq!(r.document.block_text(b), was);
            }
        }
    }

    /// Every `start` and `end` in the tree past `at`, moved by `by`.
    fn shift_offsets(v: &mut Value, at: usize, by: usize) {
        match v {
            Value::Object(o) => {
                for (k, x) in o.iter_mut() {
                    match (k.as_str(), x.as_u64()) {
                        ("start" | "end", Some(n)) if n as usize > at => {
                            *x = (n as usize + by).into();
                        }
                        _ => shift_offsets(x, at, by),
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| shift_offsets(x, at, by)),
            _ => {}
        }
    }

    fn b_of<'a>(r: &'a Release, b: &crate::document::Block) -> &'a crate::document::Block {
        r.document.blocks.iter().find(|x| x.line == b.line).unwrap()
    }

    #[test]
    fn spans_off_the_text_are_dropped_and_rows_kept() {
        let json = edited(|v| {
            v["document"]["text"] = "Revenue was €79 million.\nSecond line".into();
            v["highlights"][0]["source"] = serde_json::json!({"line": 1, "start": 13, "end": 15});
            v["highlights"][1]["source"] = serde_json::json!({"line": 2, "start": 5, "end": 9999});
            v["highlights"][2]["source"] = serde_json::json!({"line": 77, "start": 9, "end": 3});
            v["document"]["blocks"] = serde_json::json!([
                {"kind": "paragraph", "line": 1, "last_line": 1, "start": 500, "end": 2, "table": 40},
                {"kind": "paragraph", "line": 2, "last_line": 9, "start": 0, "end": 0}
            ]);
            v["document"]["tables"] = serde_json::json!([{"header_rows": 5, "rows": [
                {"line": 1, "cells": [{"text": "x", "start": 13, "end": 2, "colspan": u64::MAX}]},
                {"line": 40, "cells": [{"text": "y", "start": 99, "end": 100}]}
            ]}]);
        });
        let r = ingest(&json, "x.json").unwrap();
        let n = r.highlights.len();
        assert!(n >= 3);
        // "€" is bytes 12..15: 13 is inside it.
        assert_eq!(
            r.highlights[0].source,
            Source {
                line: 1,
                start: 0,
                end: 0
            }
        );
        assert_eq!(
            r.highlights[1].source,
            Source {
                line: 2,
                start: 27,
                end: 27
            }
        );
        assert_eq!(r.highlights[2].source, Source::default());
        assert_eq!(r.document.blocks.len(), 1);
        assert_eq!(
            (r.document.blocks[0].start, r.document.blocks[0].end),
            (0, 26)
        );
        assert_eq!(r.document.blocks[0].table, None);
        let t = &r.document.tables[0];
        let c = &t.rows[0].cells[0];
        assert_eq!((c.start, c.end, c.colspan), (0, 0, MAX_COLSPAN));
        assert_eq!(t.rows[1].line, 0);
        // Nothing downstream trips on it.
        let panes = crate::pane::build_panes(&r);
        let refs: Vec<_> = panes.iter().collect();
        let _ = crate::export::markdown(&r, &refs);
    }
}
