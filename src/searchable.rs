//! What a headless search needs of a release, flat: the Document text, and every searchable cell
//! of the other panes with what a match there prints (its row's source and text). Made once from
//! a Release, it finds what walking the panes finds, in the same order; the cache keeps it beside
//! the Release in a compact binary form, so a warm search reads neither JSON nor builds panes.
//!
//! The Release pane is the Document's lines in order, so the text alone stands for it: a match's
//! line and the line's bounds come from the newlines around it.

use crate::Release;
use crate::pane::{Pane, PaneKind, RowKind, build_panes};
use memchr::{memchr, memchr_iter};
use regex::Regex;

/// One match, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub pane: PaneKind,
    /// The 1-based line of the release text the match (or its row) is on.
    pub line: usize,
    /// Byte span in the Document text (release matches) or the row's source span (pane rows).
    pub start: usize,
    pub end: usize,
    /// The matching text.
    pub text: String,
    /// The row's text: the source line(s), or the row's cells joined.
    pub context: String,
    /// Byte ranges of the match inside `context`, for highlighting.
    pub spans: Vec<(usize, usize)>,
    /// For pane rows: the column the match is in.
    pub column: Option<String>,
}

/// A release as search sees it. See the module's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searchable {
    text: String,
    /// None: the release was not extracted (its text did not match a search), so only the text
    /// can be searched.
    rows: Option<Rows>,
}

/// The searchable rows of every pane but the Release pane, in pane order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Rows {
    /// Column titles, each once.
    titles: Vec<String>,
    /// Every row's context, one after another.
    strings: String,
    rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    pane: PaneKind,
    line: usize,
    start: usize,
    end: usize,
    /// The row's context in `strings`.
    context: (usize, usize),
    /// The cells a match can be printed from: their range inside the context, their column.
    cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    start: usize,
    end: usize,
    title: usize,
}

/// Columns whose text irview made up (line numbers, ranks): a match there is not a match in
/// the release.
fn generated_column(title: &str) -> bool {
    matches!(title, "Line" | "#")
}

impl Searchable {
    /// The searchable form of an extracted release (its panes built here).
    pub fn of(r: &Release) -> Searchable {
        let panes = build_panes(r);
        Searchable {
            text: r.document.text.clone(),
            rows: Some(Rows::of(&panes)),
        }
    }

    /// A release known only by its text (not extracted).
    pub fn text_only(text: String) -> Searchable {
        Searchable { text, rows: None }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the panes are in (else only [`Self::text`] can be searched).
    pub fn has_panes(&self) -> bool {
        self.rows.is_some()
    }

    /// Every match, Release pane first, then pane by pane, row by row, cell by cell: what
    /// searching the built panes finds. Empty when the text holds no match at all (nothing in
    /// the panes is looked at then: their words are the text's). None when the text matches but
    /// the panes are not in.
    pub fn find(&self, re: &Regex) -> Option<Vec<Found>> {
        let mut any = false;
        let mut found = release_found(&self.text, re, &mut any);
        if !any {
            return Some(Vec::new());
        }
        self.rows.as_ref()?.find(re, &mut found);
        Some(found)
    }

    /// Every match whether or not the text holds one (an irview JSON release is searched so).
    /// None when the panes are not in.
    pub fn find_all(&self, re: &Regex) -> Option<Vec<Found>> {
        let mut found = release_found(&self.text, re, &mut false);
        self.rows.as_ref()?.find(re, &mut found);
        Some(found)
    }
}

/// The matches of the Release pane: each match cut at the lines it spans, the line numbers
/// counted on from the match before. `any` is set when the regex matches at all (even empty).
fn release_found(text: &str, re: &Regex, any: &mut bool) -> Vec<Found> {
    let mut out = Vec::new();
    if re.as_str().is_empty() {
        return out;
    }
    let bytes = text.as_bytes();
    // The 0-based line holding `scanned` and where it starts.
    let (mut line, mut line_start, mut scanned) = (0usize, 0usize, 0usize);
    for m in re.find_iter(text) {
        *any = true;
        if m.start() == m.end() {
            continue;
        }
        if let Some(between) = bytes.get(scanned..m.start()) {
            for nl in memchr_iter(b'\n', between) {
                line += 1;
                line_start = scanned + nl + 1;
            }
        }
        scanned = m.start();
        // (row, row start, hit start, hit end), hits relative to the row.
        let mut hits: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
        let (mut row, mut rs) = (line, line_start);
        loop {
            if rs >= m.end() && row > line {
                break;
            }
            let Some(rest) = bytes.get(rs..) else { break };
            let re_ = memchr(b'\n', rest).map_or(bytes.len(), |i| rs + i);
            let (s, e) = (m.start().max(rs), m.end().min(re_));
            if e > s {
                hits.push((row, rs, re_, s - rs, e - rs));
            }
            if re_ >= bytes.len() {
                break;
            }
            row += 1;
            rs = re_ + 1;
        }
        let (Some(&first), Some(&last)) = (hits.first(), hits.last()) else {
            continue;
        };
        let start = first.1 + first.3;
        let end = last.1 + last.4;
        let mut context = String::new();
        let mut spans = Vec::new();
        for &(_, rs, re_, hs, he) in &hits {
            if !context.is_empty() {
                context.push(' ');
            }
            let base = context.len();
            context.push_str(text.get(rs..re_).unwrap_or(""));
            spans.push((base + hs, base + he));
        }
        out.push(Found {
            pane: PaneKind::Release,
            line: first.0 + 1,
            start,
            end,
            text: text.get(start..end).unwrap_or("").to_string(),
            context,
            spans,
            column: None,
        });
    }
    out
}

impl Rows {
    fn of(panes: &[Pane]) -> Rows {
        let mut out = Rows::default();
        for pane in panes.iter().filter(|p| p.kind != PaneKind::Release) {
            for row in &pane.rows {
                if matches!(row.kind, RowKind::Line { .. }) {
                    continue;
                }
                // Notes and the status line have no source: they are irview's words, not the
                // release's, and no match is printed from them.
                let Some(source) = row.source else { continue };
                let at = out.strings.len();
                let mut cells = Vec::new();
                for (i, cell) in row.cells.iter().enumerate() {
                    let title = pane.columns.get(i).map(|c| c.title);
                    if title.is_some_and(generated_column) || cell.is_empty() {
                        continue;
                    }
                    if out.strings.len() > at {
                        out.strings.push_str(" · ");
                    }
                    let start = out.strings.len() - at;
                    out.strings.push_str(cell);
                    // A cell without a column is shown in the context but prints no match.
                    if let Some(title) = title {
                        let title = match out.titles.iter().position(|t| t == title) {
                            Some(k) => k,
                            None => {
                                out.titles.push(title.to_string());
                                out.titles.len() - 1
                            }
                        };
                        cells.push(Cell {
                            start,
                            end: start + cell.len(),
                            title,
                        });
                    }
                }
                if cells.is_empty() {
                    out.strings.truncate(at);
                    continue;
                }
                out.rows.push(Row {
                    pane: pane.kind,
                    line: source.line,
                    start: source.start,
                    end: source.end,
                    context: (at, out.strings.len()),
                    cells,
                });
            }
        }
        out
    }

    fn find(&self, re: &Regex, out: &mut Vec<Found>) {
        for row in &self.rows {
            let Some(context) = self.strings.get(row.context.0..row.context.1) else {
                continue;
            };
            for c in &row.cells {
                let Some(cell) = context.get(c.start..c.end) else {
                    continue;
                };
                for m in re.find_iter(cell) {
                    if m.start() == m.end() {
                        continue;
                    }
                    out.push(Found {
                        pane: row.pane,
                        line: row.line,
                        start: row.start,
                        end: row.end,
                        text: m.as_str().to_string(),
                        context: context.to_string(),
                        spans: vec![(c.start + m.start(), c.start + m.end())],
                        column: self.titles.get(c.title).cloned(),
                    });
                }
            }
        }
    }
}

// The binary form: little-endian integers (u64 for offsets and lengths, u8 for tags), strings
// as a length and UTF-8 bytes. Read back with every length, offset and string checked: the
// cache hands over only what its body hash vouches for, but a reader never trusts a file.

impl Searchable {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Vec::with_capacity(self.text.len() + 64);
        put_str(&mut w, &self.text);
        match &self.rows {
            None => w.push(0),
            Some(rows) => {
                w.push(1);
                put_u64(&mut w, rows.titles.len());
                for t in &rows.titles {
                    put_str(&mut w, t);
                }
                put_str(&mut w, &rows.strings);
                put_u64(&mut w, rows.rows.len());
                for r in &rows.rows {
                    w.push(r.pane.index() as u8);
                    for n in [r.line, r.start, r.end, r.context.0, r.context.1] {
                        put_u64(&mut w, n);
                    }
                    put_u64(&mut w, r.cells.len());
                    for c in &r.cells {
                        for n in [c.start, c.end, c.title] {
                            put_u64(&mut w, n);
                        }
                    }
                }
            }
        }
        w
    }

    /// The Searchable `encode` wrote, or None when `b` is not one (cut short, a length or offset
    /// out of bounds, a string not UTF-8 or holding a control character, bytes left over).
    pub fn decode(b: &[u8]) -> Option<Searchable> {
        let mut r = Reader(b);
        let text = r.string()?;
        let rows = match r.u8()? {
            0 => None,
            1 => {
                let n = r.len()?;
                let mut titles = Vec::with_capacity(n);
                for _ in 0..n {
                    titles.push(r.string()?);
                }
                let strings = r.string()?;
                let n = r.len()?;
                let mut rows = Vec::with_capacity(n);
                for _ in 0..n {
                    let pane = *PaneKind::ALL.get(usize::from(r.u8()?))?;
                    let [line, start, end, c0, c1] =
                        [r.u64()?, r.u64()?, r.u64()?, r.u64()?, r.u64()?];
                    let context = strings.get(c0..c1)?;
                    let n = r.len()?;
                    let mut cells = Vec::with_capacity(n);
                    for _ in 0..n {
                        let c = Cell {
                            start: r.u64()?,
                            end: r.u64()?,
                            title: r.u64()?,
                        };
                        context.get(c.start..c.end)?;
                        titles.get(c.title)?;
                        cells.push(c);
                    }
                    if pane == PaneKind::Release {
                        return None;
                    }
                    rows.push(Row {
                        pane,
                        line,
                        start,
                        end,
                        context: (c0, c1),
                        cells,
                    });
                }
                Some(Rows {
                    titles,
                    strings,
                    rows,
                })
            }
            _ => return None,
        };
        r.0.is_empty().then_some(Searchable { text, rows })
    }
}

fn put_u64(w: &mut Vec<u8>, n: usize) {
    w.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_str(w: &mut Vec<u8>, s: &str) {
    put_u64(w, s.len());
    w.extend_from_slice(s.as_bytes());
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn u64(&mut self) -> Option<usize> {
        let b: [u8; 8] = self.take(8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(b)).ok()
    }

    /// A count of things still to read: no more than the bytes left (each takes at least one),
    /// so a forged count cannot make a huge allocation.
    fn len(&mut self) -> Option<usize> {
        let n = self.u64()?;
        (n <= self.0.len()).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let n = self.u64()?;
        let s = std::str::from_utf8(self.take(n)?).ok()?;
        clean(s).then(|| s.to_string())
    }
}

/// No control character but the newline, as ingest leaves every string of a release (C0, DEL,
/// and C1, which UTF-8 writes as 0xC2 0x80-0x9F).
fn clean(s: &str) -> bool {
    let b = s.as_bytes();
    // Without a branch a byte, so that it runs many bytes at a time (most entries are clean).
    let c0 = b.iter().fold(false, |bad, &c| {
        bad | ((c < 0x20) & (c != b'\n')) | (c == 0x7f)
    });
    !c0 && !memchr_iter(0xc2, b).any(|i| b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Match, Query, search_pane};

    /// What `irview search` printed before this module: the built panes walked.
    fn by_panes(r: &Release, re: &Regex) -> Vec<Found> {
        let panes = build_panes(r);
        let mut found = Vec::new();
        for pane in &panes {
            for m in search_pane(pane, &r.document.text, re) {
                let f = if pane.kind == PaneKind::Release {
                    release_by_pane(pane, &r.document.text, &m)
                } else {
                    row_by_pane(pane, &m)
                };
                found.extend(f);
            }
        }
        found
    }

    fn release_by_pane(pane: &Pane, text: &str, m: &Match) -> Option<Found> {
        let first = m.hits.first()?;
        let last = m.hits.last()?;
        let src = |row: usize| pane.rows.get(row).and_then(|r| r.source);
        let (s0, s1) = (src(first.row)?, src(last.row)?);
        let start = s0.start + first.start;
        let end = s1.start + last.end;
        let mut context = String::new();
        let mut spans = Vec::new();
        for h in &m.hits {
            let cell = pane
                .rows
                .get(h.row)
                .and_then(|r| r.cells.get(h.cell))
                .map(String::as_str)
                .unwrap_or("");
            if !context.is_empty() {
                context.push(' ');
            }
            let base = context.len();
            context.push_str(cell);
            spans.push((base + h.start, base + h.end));
        }
        Some(Found {
            pane: PaneKind::Release,
            line: s0.line,
            start,
            end,
            text: text.get(start..end).unwrap_or("").to_string(),
            context,
            spans,
            column: None,
        })
    }

    fn row_by_pane(pane: &Pane, m: &Match) -> Option<Found> {
        let h = m.hits.first()?;
        let row = pane.rows.get(h.row)?;
        let source = row.source?;
        let title = pane.columns.get(h.cell).map(|c| c.title)?;
        if generated_column(title) {
            return None;
        }
        let mut context = String::new();
        let mut span = None;
        for (i, cell) in row.cells.iter().enumerate() {
            let made_up = pane
                .columns
                .get(i)
                .is_some_and(|c| generated_column(c.title));
            if made_up || cell.is_empty() {
                continue;
            }
            if !context.is_empty() {
                context.push_str(" · ");
            }
            if i == h.cell {
                span = Some((context.len() + h.start, context.len() + h.end));
            }
            context.push_str(cell);
        }
        let text = row.cells.get(h.cell)?.get(h.start..h.end)?.to_string();
        Some(Found {
            pane: pane.kind,
            line: source.line,
            start: source.start,
            end: source.end,
            text,
            context,
            spans: span.into_iter().collect(),
            column: Some(title.to_string()),
        })
    }

    fn queries() -> Vec<Query> {
        let phrase = |p: &str| Query::phrase(p);
        let regex = |p: &str| Query {
            pattern: p.into(),
            regex: true,
            case_sensitive: None,
        };
        vec![
            phrase("net income"),
            phrase("stock option"),
            phrase("revenue"),
            phrase("E"),
            phrase("quarter"),
            phrase("%"),
            phrase("zebra crossing"),
            regex(r"^\d"),
            regex(r"\d+$"),
            regex(r"\bq\d"),
            regex(r"e.*n"),
            regex(r"\s+"),
            regex(r"\n\n"),
            regex(r"[^a]+"),
            regex(r"income\s+tax"),
            regex(r"x*"),
            regex(r"(?m)^$"),
            regex(r"·"),
        ]
    }

    /// Every corpus release, every query: the same matches as walking the panes, in the same
    /// order, straight from the release and through the binary form.
    #[test]
    fn finds_what_the_panes_find_across_the_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| !p.ends_with("SOURCES.md"))
            .collect();
        files.sort();
        let res: Vec<Regex> = queries().iter().map(|q| q.compile().unwrap()).collect();
        let mut matched = 0;
        for path in &files {
            let r = crate::load_path(path).unwrap();
            let s = Searchable::of(&r);
            let back = Searchable::decode(&s.encode()).expect("decodes");
            assert!(back == s, "{path:?}: the binary form differs");
            for re in &res {
                let want = by_panes(&r, re);
                matched += want.len();
                assert!(
                    s.find_all(re).as_ref() == Some(&want),
                    "{path:?} {}",
                    re.as_str()
                );
                let gated = if re.is_match(&r.document.text) {
                    want
                } else {
                    Vec::new()
                };
                assert!(back.find(re) == Some(gated), "{path:?} {}", re.as_str());
            }
        }
        assert!(matched > 10_000, "{matched}");
    }

    #[test]
    fn text_only_finds_nothing_or_asks_for_the_panes() {
        let s = Searchable::text_only("one net\nincome two".into());
        let back = Searchable::decode(&s.encode()).unwrap();
        assert_eq!(back, s);
        assert!(!back.has_panes());
        let re = Query::phrase("zebra").compile().unwrap();
        assert_eq!(back.find(&re), Some(Vec::new()));
        let re = Query::phrase("net income").compile().unwrap();
        assert_eq!(back.find(&re), None);
    }

    #[test]
    fn a_damaged_binary_form_is_refused() {
        let s = Searchable::of(&crate::sample());
        let good = s.encode();
        assert!(Searchable::decode(&good).is_some());
        for cut in [0, 1, 8, good.len() / 2, good.len() - 1] {
            assert!(Searchable::decode(&good[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(Searchable::decode(&longer).is_none());
        // A control character in the text.
        let mut ctl = good.clone();
        ctl[8] = 0x1b;
        assert!(Searchable::decode(&ctl).is_none());
        // A forged length.
        let mut forged = good;
        forged[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(Searchable::decode(&forged).is_none());
    }
}
