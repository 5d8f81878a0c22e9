//! Plain-text exhibits (EDGAR text era, Lee-2014 flattened 8-Ks, PDF-extracted text).
//!
//! Lines are kept exactly as in the file (cleaned), so a Document line number is the file's line
//! number, except in PDF-extracted text, which `reflow` lays out again as paragraphs and tables. Blocks: paragraphs split at blank lines, `<PAGE>` markers and form feeds, bullet items
//! (`--`, `*`, `•`), headings (short lines in capitals or standing alone), and aligned text
//! tables: runs of rows whose later columns are numbers, with the column-header lines above them.
//! EDGAR `<TABLE>` blocks with an `<S>`/`<C>` marker line give the column starts directly.

use crate::document::{BlockKind, Cell, DocMeta, Document, DocumentBuilder, Format, Row, Table};
use crate::error::Error;

pub fn ingest(text: &str, _name: &str) -> Result<Document, Error> {
    let meta = DocMeta {
        format: Format::Text,
        ..DocMeta::default()
    };
    // An exhibit cut from a submission keeps its SGML table tags (`<TABLE>`, `<S>`/`<C>`): they
    // give the table's structure here as they do inside the submission.
    let tagged = [b"<TABLE>".as_slice(), b"<table>".as_slice()]
        .iter()
        .any(|t| memchr::memmem::find(text.as_bytes(), t).is_some())
        && text.lines().any(|l| tag_of(l) == Some(Tag::Open));
    let doc = build(text, meta, tagged);
    // PDF-extracted text is laid out again as paragraphs and tables (see `reflow`).
    Ok(if super::reflow::is_pdf_text(&doc) {
        super::reflow::reflow(doc)
    } else {
        doc
    })
}

/// Lay out `text`'s cleaned lines as a Document. With `drop_tags` (the body of a submission) the
/// SGML table tag lines (`<TABLE>`, `<S>`/`<C>`, `<CAPTION>`, `<FN>`) are used for structure
/// and left out of the text.
pub fn build(text: &str, meta: DocMeta, drop_tags: bool) -> Document {
    let mut b = DocumentBuilder::new(meta);
    b.reserve(
        text.len(),
        memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1,
    );
    push_text(&mut b, super::clean::lines(text), drop_tags);
    b.finish()
}

/// Append plain-text lines (kept as they are) with their blocks and tables.
pub fn push_lines<S: AsRef<str>>(b: &mut DocumentBuilder, lines: &[S]) {
    push_text(b, lines, false);
}

/// The lines just pushed, read from the Document text by their starts rather than copied out.
#[derive(Clone, Copy)]
struct Lines<'a> {
    text: &'a str,
    /// Start of each line in `text`; a line ends one byte (its `\n`) before the next starts.
    starts: &'a [u32],
}

impl super::cells::LineSource for Lines<'_> {
    fn count(&self) -> usize {
        self.len()
    }
    fn text(&self, k: usize) -> &str {
        self.at(k)
    }
    fn offset(&self, k: usize) -> usize {
        self.starts.get(k).map_or(self.text.len(), |&s| s as usize)
    }
}

impl<'a> Lines<'a> {
    fn len(&self) -> usize {
        self.starts.len()
    }

    fn at(&self, k: usize) -> &'a str {
        let span = crate::document::line_span(self.starts, self.text.len(), k);
        self.text.get(span).unwrap_or("")
    }
}

/// A table or block found while the pushed lines are borrowed from the builder, registered
/// once they no longer are.
enum Found {
    /// Boxed: there are few tables and many blocks.
    Table(Box<Table>),
    /// A table whose rows are not in line order (rebuilt from one cell per line), with the
    /// 1-based lines it covers.
    Spanning(Box<Table>, usize, usize),
    Block(BlockKind, usize, usize),
}

/// What an SGML tag line says about the table it belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Open,
    Close,
    /// The `<S>`/`<C>` line: column starts.
    Columns,
    /// `<CAPTION>`, `</CAPTION>`, `<FN>`, `</FN>`: no content.
    Other,
}

fn tag_of(line: &str) -> Option<Tag> {
    let t = line.trim();
    if !t.starts_with('<') {
        return None;
    }
    let u = t.to_ascii_uppercase();
    if u == "<TABLE>" {
        Some(Tag::Open)
    } else if u == "</TABLE>" {
        Some(Tag::Close)
    } else if u.starts_with("<S>") || (u.starts_with("<C>") && u.len() > 3) {
        let rest = u.replace("<S>", "").replace("<C>", "");
        rest.trim().is_empty().then_some(Tag::Columns)
    } else if matches!(
        u.as_str(),
        "<CAPTION>" | "</CAPTION>" | "<FN>" | "</FN>" | "</S>" | "</C>"
    ) {
        Some(Tag::Other)
    } else {
        None
    }
}

/// Column starts (char columns) of `<S>` / `<C>` markers.
fn marker_columns(line: &str) -> Vec<usize> {
    let u = line.to_ascii_uppercase();
    let mut v = Vec::new();
    let mut col = 0;
    let bytes = u.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<'
            && matches!(bytes.get(i + 1), Some(b'S' | b'C'))
            && bytes.get(i + 2) == Some(&b'>')
        {
            v.push(col);
            i += 3;
            col += 3;
        } else {
            i += 1;
            col += 1;
        }
    }
    v
}

/// Push the lines into the builder's text, then find tables and blocks on the text as pushed.
///
/// Why streamed: a 5 MB text release has some 350,000 lines, most of them short or blank, so
/// every per-line vector costs more than the text itself. The lines go straight into the
/// Document, and are read back from it through [`Lines`]: the only per-line tables are the
/// Document's line starts and an in-table flag.
fn push_text<S: AsRef<str>>(
    b: &mut DocumentBuilder,
    lines: impl IntoIterator<Item = S>,
    drop_tags: bool,
) {
    // The SGML table region (index into `regions`) of each pushed line, kept only once a
    // `<TABLE>` tag has been seen (most releases have none).
    const NO_REGION: u32 = u32::MAX;
    let mut region_of: Vec<u32> = Vec::new();
    let mut regions: Vec<Option<Vec<usize>>> = Vec::new();
    let mut current: Option<usize> = None;
    let base_line = b.line_count();
    for line in lines {
        let l = line.as_ref();
        let tag = tag_of(l);
        match tag {
            Some(Tag::Open) => {
                regions.push(None);
                current = Some(regions.len() - 1);
            }
            Some(Tag::Close) => current = None,
            Some(Tag::Columns) => {
                if let Some(r) = current
                    && let Some(slot) = regions.get_mut(r)
                {
                    *slot = Some(marker_columns(l));
                }
            }
            _ => {}
        }
        if tag.is_some() && drop_tags {
            continue;
        }
        let pushed = b.line_count() - base_line;
        b.push_line(l);
        if let Some(r) = current.filter(|_| tag.is_none()) {
            region_of.resize(pushed, NO_REGION);
            region_of.push(u32::try_from(r).unwrap_or(NO_REGION));
        }
    }
    let starts = &b.line_starts()[base_line..];
    let out = Lines {
        text: b.text(),
        starts,
    };
    let region = |k: usize| {
        region_of
            .get(k)
            .filter(|&&r| r != NO_REGION)
            .map(|&r| r as usize)
    };
    let mut found: Vec<Found> = Vec::new();
    let mut in_table = vec![false; out.len()];
    // SGML tables with column markers.
    let mut i = 0;
    while i < out.len() {
        let Some(r) = region(i) else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j < out.len() && region(j) == Some(r) {
            j += 1;
        }
        if let Some(Some(cols)) = regions.get(r) {
            let mut bounds = cols.clone();
            if let Some(f) = bounds.first_mut() {
                *f = 0;
            }
            let rows: Vec<usize> = (i..j)
                .filter(|&k| !out.at(k).trim().is_empty() && !is_rule(out.at(k)))
                .collect();
            if let Some(t) = make_table(out, starts, base_line, &rows, &bounds) {
                in_table[i..j].fill(true);
                found.push(Found::Table(Box::new(t)));
            }
        } else {
            detect_tables(&mut found, out, starts, base_line, i, j, &mut in_table);
        }
        i = j;
    }
    // Aligned tables outside SGML table tags.
    let mut i = 0;
    while i < out.len() {
        if region(i).is_some() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < out.len() && region(j).is_none() {
            j += 1;
        }
        detect_tables(&mut found, out, starts, base_line, i, j, &mut in_table);
        i = j;
    }
    // Statement tables written one cell per line (PDF-extracted text).
    for r in super::cells::rebuild(&out, base_line, &in_table, &is_figure) {
        in_table[r.first..=r.last].fill(true);
        found.push(Found::Spanning(
            Box::new(r.table),
            base_line + r.first + 1,
            base_line + r.last + 1,
        ));
    }
    add_blocks(&mut found, out, base_line, &in_table);
    for f in found {
        match f {
            Found::Table(t) => {
                b.add_table(*t);
            }
            Found::Spanning(t, first, last) => {
                b.add_table_over(*t, first, last);
            }
            Found::Block(kind, first, last) => b.add_block(kind, first, last),
        }
    }
}

fn add_blocks(found: &mut Vec<Found>, lines: Lines<'_>, base: usize, in_table: &[bool]) {
    let mut i = 0;
    while i < lines.len() {
        let l = lines.at(i).trim();
        if l.is_empty() || in_table[i] || is_tag_line(l) {
            i += 1;
            continue;
        }
        if is_page_marker(l) {
            found.push(Found::Block(
                BlockKind::PageBreak,
                base + i + 1,
                base + i + 1,
            ));
            i += 1;
            continue;
        }
        // A run of non-blank lines, cut at bullets, tables and indented starts.
        let start = i;
        let mut j = i + 1;
        while j < lines.len() {
            let t = lines.at(j).trim();
            // PDF-extracted text puts a blank line after every line: a line that ends mid-
            // sentence ("... compared to $1,324 million, $2.98 per") and, past one blank line, a
            // line that goes on in lower case ("diluted share, last year.") are one paragraph.
            if t.is_empty() && continues_after_blank(lines, j, in_table) {
                j += 2;
                continue;
            }
            if t.is_empty()
                || in_table[j]
                || is_page_marker(t)
                || is_tag_line(t)
                || bullet_len(t).is_some()
            {
                break;
            }
            j += 1;
        }
        let kind = if bullet_len(l).is_some() {
            BlockKind::ListItem
        } else if j - start <= 2 && is_heading(&[lines.at(start), lines.at(j - 1)][..j - start]) {
            BlockKind::Heading {
                level: if base + start < 12 { 1 } else { 2 },
            }
        } else {
            BlockKind::Paragraph
        };
        found.push(Found::Block(kind, base + start + 1, base + j));
        i = j;
    }
}

/// Whether the blank line at `j` only separates two lines of one sentence: the line before it
/// ends without a sentence's closing mark, and the line after it opens in lower case.
fn continues_after_blank(lines: Lines<'_>, j: usize, in_table: &[bool]) -> bool {
    let Some(prev) = j.checked_sub(1).map(|k| lines.at(k).trim_end()) else {
        return false;
    };
    if j + 1 >= lines.len() || in_table[j + 1] || prev.is_empty() {
        return false;
    }
    let next = lines.at(j + 1).trim_start();
    !prev.ends_with(['.', '!', '?', ':', ';', '"', '\u{201d}'])
        && next.starts_with(|c: char| c.is_lowercase())
        && bullet_len(next).is_none()
}

fn is_tag_line(l: &str) -> bool {
    l.starts_with('<') && tag_of(l).is_some()
}

fn is_page_marker(l: &str) -> bool {
    let u = l.to_ascii_uppercase();
    u == "<PAGE>" || u.starts_with("<PAGE> ") || u == "</PAGE>"
}

/// Length of a leading bullet marker, if the line starts with one.
pub fn bullet_len(l: &str) -> Option<usize> {
    for m in ["-- ", "--", "* ", "• ", "·  ", "o ", "- ", "▪ ", "■ ", "•"] {
        if let Some(rest) = l.strip_prefix(m)
            && rest.starts_with(|c: char| c.is_alphanumeric() || c == '$' || c == '"' || c == '“')
            && !(m == "--" && rest.starts_with(char::is_numeric))
        {
            return Some(m.len());
        }
    }
    None
}

fn is_heading(lines: &[&str]) -> bool {
    let mut joined = String::new();
    for l in lines {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(l.trim());
    }
    let letters = joined.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || joined.len() > 120 || joined.ends_with(['.', ',', ';']) {
        return false;
    }
    let upper = joined.chars().filter(|c| c.is_uppercase()).count();
    // All capitals, or a short Title Case line standing alone ("Update on Stock-Based Compensation Review").
    upper * 10 >= letters * 9
        || (lines.len() == 1
            && joined.split_whitespace().count() <= 10
            && joined
                .split_whitespace()
                .filter(|w| w.len() > 3)
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())))
}

/// A rule line under column headers: `-----   -----`, `=====`.
fn is_rule(l: &str) -> bool {
    let t = l.trim();
    t.len() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '=' | '_' | ' ' | '—' | '–'))
}

/// A piece of a line between runs of two or more spaces.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    /// Byte offsets in the line.
    s: usize,
    e: usize,
    /// Char columns.
    sc: usize,
    ec: usize,
}

/// Split a line at runs of 2+ spaces; a lone `$` joins the chunk after it.
fn chunks(line: &str) -> Vec<Chunk> {
    let mut v: Vec<Chunk> = Vec::new();
    let mut cur: Option<Chunk> = None;
    let mut spaces = 0usize;
    for (col, (i, c)) in line.char_indices().enumerate() {
        if c == ' ' {
            spaces += 1;
        } else {
            match cur.as_mut() {
                Some(k) if spaces < 2 => {
                    k.e = i + c.len_utf8();
                    k.ec = col + 1;
                }
                _ => {
                    if let Some(k) = cur.take() {
                        v.push(k);
                    }
                    cur = Some(Chunk {
                        s: i,
                        e: i + c.len_utf8(),
                        sc: col,
                        ec: col + 1,
                    });
                }
            }
            spaces = 0;
        }
    }
    if let Some(k) = cur {
        v.push(k);
    }
    // "$     625": the dollar sign belongs to its number.
    let mut out: Vec<Chunk> = Vec::with_capacity(v.len());
    let mut pending: Option<Chunk> = None;
    for k in v {
        let text = &line[k.s..k.e];
        if let Some(p) = pending.take() {
            out.push(Chunk {
                s: p.s,
                e: k.e,
                sc: p.sc,
                ec: k.ec,
            });
            continue;
        }
        if text == "$" {
            pending = Some(k);
        } else {
            out.push(k);
        }
    }
    if let Some(p) = pending {
        out.push(p);
    }
    out
}

/// A table figure: "$ 22,473", "(60)", "12.5%", "--", "—", "n/a" is not.
fn is_figure(s: &str) -> bool {
    let t = s.trim_start_matches('$').trim();
    if matches!(t, "-" | "--" | "---" | "—" | "–" | "$-" | "-0-") {
        return true;
    }
    let t = t.trim_end_matches('*');
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 || super::layout::is_phone(t) {
        return false;
    }
    t.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '$' | ',' | '.' | '(' | ')' | '%' | '-' | '+' | ' ' | '—' | '–'
            )
    }) || {
        // Footnote or unit letters after a number: "25.0%(1)", "1.2x", "33 %".
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        letters <= 2
            && digits >= 1
            && t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '(' | '$' | '-' | '.'))
    }
}

fn is_year(s: &str) -> bool {
    let t = s.trim();
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"))
}

/// A row of figures: after its label, mostly numbers (not years).
fn is_data_row(line: &str, ch: &[Chunk]) -> bool {
    if ch.len() < 2 {
        return false;
    }
    let first_is_label = !is_figure(&line[ch[0].s..ch[0].e]);
    let rest = if first_is_label { &ch[1..] } else { ch };
    let figs = rest
        .iter()
        .filter(|k| {
            let t = &line[k.s..k.e];
            is_figure(t) && !is_year(t)
        })
        .count();
    figs >= 1
        && figs * 2 >= rest.len() + usize::from(!first_is_label)
        && (first_is_label || figs >= 2)
}

fn has_label(line: &str, ch: &[Chunk]) -> bool {
    ch.first().is_some_and(|k| {
        !is_figure(&line[k.s..k.e]) && line[k.s..k.e].chars().any(char::is_alphabetic)
    })
}

/// Find aligned tables in lines `from..to` and register them.
fn detect_tables(
    found: &mut Vec<Found>,
    lines: Lines<'_>,
    starts: &[u32],
    base: usize,
    from: usize,
    to: usize,
    in_table: &mut [bool],
) {
    let mut i = from;
    while i < to {
        let l = lines.at(i);
        // Cheap test first: a data row has a double space inside it.
        if !l.trim().contains("  ") {
            i += 1;
            continue;
        }
        let ch = chunks(l);
        if !is_data_row(l, &ch) {
            i += 1;
            continue;
        }
        // Extend the run: data rows, rules, short label lines, single blank lines.
        let mut data = vec![i];
        let mut labelled = usize::from(has_label(l, &ch));
        let mut end = i + 1;
        let mut k = i + 1;
        let mut blanks = 0;
        let mut labels = 0;
        let mut other = 0;
        while k < to {
            let t = lines.at(k);
            let tt = t.trim();
            if tt.is_empty() {
                blanks += 1;
                if blanks > 1 {
                    break;
                }
            } else if is_rule(t) {
                blanks = 0;
            } else {
                let c = chunks(t);
                if is_data_row(t, &c) {
                    data.push(k);
                    labelled += usize::from(has_label(t, &c));
                    end = k + 1;
                    blanks = 0;
                    labels = 0;
                } else if c.len() == 1 && tt.len() <= 60 && !tt.ends_with('.') && !is_figure(tt) {
                    // A label line ("OPERATING EXPENSES:", a wrapped label) belongs if figures
                    // follow soon.
                    blanks = 0;
                    labels += 1;
                    other += 1;
                    if labels > 4 {
                        break;
                    }
                } else {
                    break;
                }
            }
            k += 1;
        }
        // Rows of bare figures without labels are flattened PDF columns, not a table.
        if data.len() < 2 || labelled < 2 || other > data.len() * 2 {
            i = end.max(i + 1);
            continue;
        }
        // Column right edges from the figures.
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut label_end = 0;
        for &d in &data {
            let c = chunks(lines.at(d));
            let first_label = c
                .first()
                .is_some_and(|k| !is_figure(&lines.at(d)[k.s..k.e]));
            for (n, k) in c.iter().enumerate() {
                if n == 0 && first_label {
                    label_end = label_end.max(k.ec);
                } else {
                    ends.push((k.ec, k.sc));
                }
            }
        }
        ends.sort_unstable();
        // Cluster right edges (numbers are right-aligned): (leftmost start, right edge).
        let mut clusters: Vec<(usize, usize)> = Vec::new();
        for &(e, s) in &ends {
            match clusters.last_mut() {
                Some(c) if e <= c.1 + 2 => {
                    c.1 = c.1.max(e);
                    c.0 = c.0.min(s);
                }
                _ => clusters.push((s, e)),
            }
        }
        let mut cols = vec![0usize];
        for (n, c) in clusters.iter().enumerate() {
            // Each later column starts right after the previous one's right edge.
            let start = match n {
                0 => c.0.max(label_end.min(c.0)),
                _ => clusters[n - 1].1 + 1,
            };
            if cols.last().is_some_and(|&l| start > l) {
                cols.push(start);
            }
        }
        if cols.len() < 2 {
            i = end;
            continue;
        }
        // Header lines above: in the figures' area, short, up to six lines.
        let first_col = cols[1];
        // Label lines right above the first figures ("Interest income:", a wrapped label).
        let mut top = i;
        while top > from && i - top < 3 && !in_table[top - 1] {
            let t = lines.at(top - 1);
            let tt = t.trim();
            let c = chunks(t);
            let label = c.len() == 1
                && !tt.is_empty()
                && tt.len() <= 60
                && !tt.ends_with('.')
                && c[0].sc + 2 < first_col
                && !is_figure(tt)
                && tt.chars().any(|ch| ch.is_lowercase());
            if !label {
                break;
            }
            top -= 1;
        }
        let mut k = top;
        let mut blank_run = 0;
        while k > from && top - k < 8 {
            let t = lines.at(k - 1);
            let tt = t.trim();
            if tt.is_empty() {
                blank_run += 1;
                if blank_run > 1 {
                    break;
                }
                k -= 1;
                continue;
            }
            if in_table[k - 1] {
                break;
            }
            if !is_rule(t) {
                let c = chunks(t);
                let ok = !c.is_empty()
                    && c.iter().all(|x| x.ec - x.sc <= 45)
                    && c.iter().skip(1).all(|x| x.ec + 2 >= first_col)
                    && (c.len() >= 2 || c[0].ec + 2 >= first_col)
                    && c.iter().skip(1).any(|x| x.sc + 4 >= first_col)
                    || (c.len() == 1 && c[0].sc + 6 >= first_col);
                if !ok || is_data_row(t, &c) {
                    break;
                }
            }
            blank_run = 0;
            k -= 1;
            top = k;
        }
        let rows: Vec<usize> = (top..end)
            .filter(|&r| !lines.at(r).trim().is_empty() && !is_rule(lines.at(r)))
            .collect();
        if let Some(t) = make_table(lines, starts, base, &rows, &cols) {
            in_table[top..end].fill(true);
            found.push(Found::Table(Box::new(t)));
        }
        i = end;
    }
}

/// Cut rows into cells by column starts (`bounds`, char columns, first is 0).
fn make_table(
    lines: Lines<'_>,
    starts: &[u32],
    base: usize,
    rows: &[usize],
    bounds: &[usize],
) -> Option<Table> {
    let ncols = bounds.len();
    if ncols < 2 || rows.is_empty() {
        return None;
    }
    let col_of = |c: usize| bounds.iter().rposition(|&b| b <= c).unwrap_or(0);
    let mut out_rows = Vec::with_capacity(rows.len());
    let mut header_rows = None;
    for (ri, &r) in rows.iter().enumerate() {
        let line = lines.at(r);
        let base_off = starts[r] as usize;
        let ch = chunks(line);
        // (first col, last col, start byte, end byte)
        let mut placed: Vec<(usize, usize, usize, usize)> = Vec::new();
        for (n, k) in ch.iter().enumerate() {
            let text = &line[k.s..k.e];
            let (lo, hi) = if n == 0 && k.sc < bounds[1] && !is_figure(text) {
                (0, 0)
            } else if is_figure(text) {
                let c = col_of(k.ec.saturating_sub(1));
                (c, c)
            } else {
                (col_of(k.sc), col_of(k.ec.saturating_sub(1)))
            };
            match placed.last_mut() {
                Some(p) if lo <= p.1 => {
                    p.1 = p.1.max(hi);
                    p.3 = k.e;
                }
                _ => placed.push((lo, hi, k.s, k.e)),
            }
        }
        let mut cells = Vec::with_capacity(ncols);
        let mut col = 0;
        let mut pos = 0;
        for (lo, hi, s, e) in placed {
            while col < lo {
                cells.push(Cell {
                    text: String::new(),
                    start: base_off + pos,
                    end: base_off + pos,
                    colspan: 1,
                });
                col += 1;
            }
            cells.push(Cell {
                text: line[s..e].to_string(),
                start: base_off + s,
                end: base_off + e,
                colspan: hi - lo + 1,
            });
            col = hi + 1;
            pos = e;
        }
        while col < ncols {
            cells.push(Cell {
                text: String::new(),
                start: base_off + pos,
                end: base_off + pos,
                colspan: 1,
            });
            col += 1;
        }
        if header_rows.is_none() && is_data_row(line, &ch) {
            header_rows = Some(ri);
        }
        out_rows.push(Row {
            line: base + r + 1,
            cells,
        });
    }
    let header_rows = header_rows?;
    let caption = out_rows
        .iter()
        .take(header_rows)
        .flat_map(|r| r.cells.iter())
        .map(|c| c.text.as_str())
        .find(|t| super::layout::is_scale_note(t))
        .or_else(|| {
            // The scale note often sits just above the table.
            let first = rows.first().copied().unwrap_or(0);
            (first.saturating_sub(4)..first)
                .rev()
                .map(|r| lines.at(r).trim())
                .find(|t| super::layout::is_scale_note(t))
        })
        .map(str::to_string);
    Some(Table {
        rows: out_rows,
        header_rows,
        caption,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Document {
        ingest(s, "t.txt").unwrap()
    }

    #[test]
    fn aligned_text_table_with_headers() {
        let s = [
            "Sonus reported results today.",
            "",
            "                                   Three Months Ended",
            "                                      December 31,",
            "                                   2006         2005",
            "                                 --------     --------",
            "Revenue                         $ 79,000     $ 75,000",
            "Cost of revenue                   (3,412)       21,000",
            "Net income                          1,234          (12)",
            "",
            "Investor Relations:     Media Relations:",
            "Jane Doe                John Roe",
        ]
        .join("\n");
        let s = s.as_str();
        let d = doc(s);
        assert_eq!(d.tables.len(), 1, "{:#?}", d.tables);
        let t = &d.tables[0];
        assert_eq!(t.header_rows, 3, "{:#?}", t);
        let row = &t.rows[3];
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Revenue", "$ 79,000", "$ 75,000"]);
        assert_eq!(t.rows[4].cells[1].text, "(3,412)");
        assert_eq!(
            t.rows[0]
                .cells
                .iter()
                .find(|c| !c.text.is_empty())
                .unwrap()
                .colspan,
            2
        );
        for r in &t.rows {
            for c in &r.cells {
                assert_eq!(&d.text[c.start..c.end], c.text);
            }
        }
        assert_eq!(d.line_count(), s.lines().count());
    }

    #[test]
    fn prose_and_contacts_are_not_tables() {
        let d = doc(
            "The company earned $5 million.  Revenue rose 10%.\nIt expects  12% growth  in 2007.\n\nInvestor Relations:   Media Relations:\nTel: (408) 435-0800   Fax: (408) 435-1100\n",
        );
        assert!(d.tables.is_empty(), "{:#?}", d.tables);
    }
}
