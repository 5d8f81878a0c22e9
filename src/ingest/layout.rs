//! Laying out parsed blocks (from HTML or Markdown) as Document lines: a paragraph is one line,
//! headings and list items get their block kinds, tables become aligned rows whose cells keep
//! their byte spans. Also the table clean-up EDGAR HTML needs: `$` and `)`/`%` cells merged into
//! their numbers, spacer columns dropped, header rows and the scale caption found.

use crate::document::{BlockKind, Cell, DocumentBuilder, Row, Table, looks_numeric};
use crate::extract::pattern;
use crate::extract::pattern::Regex;
use std::sync::LazyLock;
use unicode_width::UnicodeWidthStr;

/// One parsed block, before layout.
#[derive(Debug, Clone)]
pub enum Item {
    Para(Para),
    Table(TableData),
    /// Preformatted lines (`<pre>`, code blocks): kept line for line, with text tables found.
    Lines(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParaKind {
    #[default]
    Normal,
    Heading(u8),
    ListItem,
}

#[derive(Debug, Clone, Default)]
pub struct Para {
    pub text: String,
    pub kind: ParaKind,
    /// All of its letters were bold.
    pub bold: bool,
    pub centered: bool,
    /// Follows a line break (`<br>`) rather than a paragraph end: no blank line before it.
    pub tight: bool,
}

#[derive(Debug, Clone, Default)]
pub struct TableData {
    pub rows: Vec<Vec<CellData>>,
}

#[derive(Debug, Clone, Default)]
pub struct CellData {
    pub items: Vec<Item>,
    pub colspan: usize,
}

impl CellData {
    /// The cell's text on one line.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for it in &self.items {
            let t = item_text(it);
            if !t.is_empty() {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(&t);
            }
        }
        s
    }
}

fn item_text(it: &Item) -> String {
    match it {
        Item::Para(p) => p.text.clone(),
        Item::Lines(ls) => ls
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        Item::Table(t) => t
            .rows
            .iter()
            .flat_map(|r| r.iter().map(CellData::text))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Scale notes: "(in millions, except per share amounts)", "In thousands", "000s omitted".
static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(in|of|\$)\s*(thousands|millions|billions|000'?s)\b|\b000'?s\s+omitted")
        .unwrap_or_else(|_| pattern::never())
});

pub fn is_scale_note(s: &str) -> bool {
    s.len() < 200 && SCALE.is_match(s)
}

/// A bullet glyph standing alone (EDGAR HTML puts bullets in their own table cell).
fn is_bullet(s: &str) -> bool {
    matches!(
        s.trim(),
        "•" | "·"
            | "▪"
            | "■"
            | "●"
            | "◦"
            | "○"
            | "o"
            | "-"
            | "–"
            | "—"
            | "*"
            | "Ø"
            | "§"
            | "ü"
            | "Ÿ"
    )
}

/// A phone number ("(408) 974-1896", "1.650.607.0349") reads as digits but is no figure.
pub fn is_phone(t: &str) -> bool {
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    let seps = t.chars().filter(|c| matches!(c, '-' | '.' | ' ')).count();
    digits >= 10 && seps >= 2 && !t.contains(',') && !t.contains('$')
}

/// Tables that only lay out prose (a single cell, bullets beside text, side-by-side contacts)
/// are not data: their cells become paragraphs.
fn is_layout(t: &TableData) -> bool {
    let mut numeric = 0;
    let mut multi_rows = 0;
    let mut prose_chars = 0;
    let mut all_chars = 0;
    for r in &t.rows {
        let mut nonempty = 0;
        for c in r {
            if c.items.iter().any(|i| matches!(i, Item::Table(_))) {
                return true;
            }
            let txt = c.text();
            if txt.is_empty() {
                continue;
            }
            nonempty += 1;
            if looks_numeric(&txt) && txt.chars().any(|c| c.is_ascii_digit()) && !is_phone(&txt) {
                numeric += 1;
            }
            all_chars += txt.len();
            if txt.len() > 150 {
                prose_chars += txt.len();
            }
        }
        if nonempty >= 2 {
            multi_rows += 1;
        }
    }
    numeric == 0 || multi_rows == 0 || (prose_chars * 2 > all_chars && numeric < 4)
}

/// Writes items into a builder, with blank lines between blocks.
pub struct Emitter<'a> {
    pub b: &'a mut DocumentBuilder,
    /// A normal paragraph was written (later headings are section headings).
    seen_body: bool,
    last: Option<ParaKind>,
    /// Text of the last paragraphs written (for a table's scale caption).
    recent: Vec<String>,
    /// The last paragraph was a short line (contact, address).
    last_short: bool,
}

impl<'a> Emitter<'a> {
    pub fn new(b: &'a mut DocumentBuilder) -> Self {
        Emitter {
            b,
            seen_body: false,
            last: None,
            recent: Vec::new(),
            last_short: false,
        }
    }

    fn gap(&mut self, kind: ParaKind) {
        self.gap_tight(kind, false);
    }

    fn gap_tight(&mut self, kind: ParaKind, tight: bool) {
        let list_run = kind == ParaKind::ListItem && self.last == Some(ParaKind::ListItem);
        if self.b.line_count() > 0 && !list_run && !tight {
            self.b.push_line("");
        }
        self.last = Some(kind);
    }

    pub fn items(&mut self, items: Vec<Item>) {
        for it in items {
            self.item(it);
        }
    }

    pub fn item(&mut self, it: Item) {
        match it {
            Item::Para(p) => self.para(p),
            Item::Lines(ls) => {
                if ls.iter().all(|l| l.trim().is_empty()) {
                    return;
                }
                self.gap(ParaKind::Normal);
                super::text::push_lines(self.b, &ls);
                self.seen_body = true;
                self.last_short = false;
            }
            Item::Table(t) => {
                if is_layout(&t) {
                    self.flatten(t);
                } else {
                    self.table(t);
                }
            }
        }
    }

    fn flatten(&mut self, t: TableData) {
        for row in t.rows {
            let cells: Vec<CellData> = row
                .into_iter()
                .filter(|c| !c.text().trim().is_empty())
                .collect();
            if cells.is_empty() {
                continue;
            }
            let first = cells.first().map(CellData::text).unwrap_or_default();
            if cells.len() >= 2 && is_bullet(&first) {
                let rest: Vec<String> = cells.iter().skip(1).map(CellData::text).collect();
                self.para(Para {
                    text: format!("• {}", rest.join(" ")),
                    kind: ParaKind::ListItem,
                    ..Para::default()
                });
                continue;
            }
            let short = cells.len() >= 2
                && cells.iter().all(|c| {
                    c.items.len() == 1
                        && matches!(c.items.first(), Some(Item::Para(p)) if p.text.len() <= 80)
                });
            if short {
                let texts: Vec<String> = cells.iter().map(CellData::text).collect();
                let bold = cells
                    .iter()
                    .all(|c| matches!(c.items.first(), Some(Item::Para(p)) if p.bold));
                self.para(Para {
                    text: texts.join("   "),
                    bold,
                    ..Para::default()
                });
                continue;
            }
            for c in cells {
                self.items(c.items);
            }
        }
    }

    pub fn para(&mut self, mut p: Para) {
        let text = p.text.trim();
        if text.is_empty() {
            return;
        }
        if text.len() != p.text.len() {
            p.text = text.to_string();
        }
        if p.kind == ParaKind::ListItem
            && !starts_with_bullet(&p.text)
            && !starts_with_enumerator(&p.text)
        {
            // A list item shows its bullet, as it does in a browser.
            p.text = format!("• {}", p.text);
        }
        if starts_with_bullet(&p.text) {
            // "•Adobe achieved": the bullet sat in its own padded span.
            let mut it = p.text.chars();
            let b = it.next().unwrap_or('•');
            let rest = it.as_str();
            if !rest.starts_with(char::is_whitespace) {
                p.text = format!("{b} {rest}");
            }
        }
        if p.kind == ParaKind::Normal {
            if starts_with_bullet(&p.text) {
                p.kind = ParaKind::ListItem;
            } else if is_heading_like(&p, self.seen_body) {
                // Before the body the headings are the title block; a label ("Contacts:") is not.
                let title = !self.seen_body && !p.text.ends_with(':');
                p.kind = ParaKind::Heading(if title { 1 } else { 2 });
            }
        }
        let kind = match p.kind {
            ParaKind::Normal => {
                // A dateline-sized line does not end the title block; real prose does.
                if p.text.len() > 100 {
                    self.seen_body = true;
                }
                BlockKind::Paragraph
            }
            ParaKind::Heading(l) => BlockKind::Heading {
                level: l.clamp(1, 6),
            },
            ParaKind::ListItem => {
                self.seen_body = true;
                BlockKind::ListItem
            }
        };
        // Runs of short lines (an address, a contact block) stay together.
        let short = p.kind == ParaKind::Normal && is_short_line(&p.text);
        let tight = self.last == Some(p.kind) && (p.tight || (short && self.last_short));
        self.gap_tight(p.kind, tight);
        self.last_short = short;
        self.b.push_block(kind, &[p.text.as_str()]);
        self.recent.push(p.text);
        if self.recent.len() > 3 {
            self.recent.remove(0);
        }
    }

    fn table(&mut self, t: TableData) {
        let mut rows: Vec<Vec<(String, usize)>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| (c.text(), c.colspan.max(1))).collect())
            .collect();
        merge_symbols(&mut rows);
        let rows = drop_empty_columns(rows);
        let mut rows: Vec<Vec<(String, usize)>> = rows
            .into_iter()
            .filter(|r| r.iter().any(|(t, _)| !t.trim().is_empty()))
            .collect();
        // Title rows above the figures (one cell, no numbers) read as paragraphs.
        while let Some(r) = rows.first() {
            let at_left = r.first().is_some_and(|(t, _)| !t.trim().is_empty());
            if rows.len() > 2 && at_left && single_text(r).is_some() && !has_data_number(r) {
                let text = single_text(r).unwrap_or_default();
                rows.remove(0);
                self.para(Para {
                    text,
                    centered: true,
                    ..Para::default()
                });
            } else {
                break;
            }
        }
        // Long single-cell rows (footnotes, notes) split the table into prose and segments.
        let mut segment: Vec<Vec<(String, usize)>> = Vec::new();
        let mut after: Vec<String> = Vec::new();
        for r in rows {
            match single_text(&r) {
                Some(t) if t.len() > 80 && !has_data_number(&r) => {
                    if !segment.is_empty() && !after.is_empty() {
                        // Still in a run of notes.
                    }
                    if !segment.is_empty() {
                        self.table_segment(std::mem::take(&mut segment));
                    }
                    after.push(t);
                }
                _ => {
                    for t in after.drain(..) {
                        self.para(Para {
                            text: t,
                            ..Para::default()
                        });
                    }
                    segment.push(r);
                }
            }
        }
        if !segment.is_empty() {
            self.table_segment(segment);
        }
        for t in after {
            self.para(Para {
                text: t,
                ..Para::default()
            });
        }
    }

    fn table_segment(&mut self, rows: Vec<Vec<(String, usize)>>) {
        let header_rows = rows
            .iter()
            .position(|r| has_data_number(r))
            .unwrap_or(rows.len().min(1));
        if !rows.iter().any(|r| has_data_number(r)) {
            // No figures: the rows are text.
            for r in rows {
                let cells: Vec<String> = r
                    .into_iter()
                    .map(|(t, _)| t)
                    .filter(|t| !t.is_empty())
                    .collect();
                self.para(Para {
                    text: cells.join("   "),
                    ..Para::default()
                });
            }
            return;
        }
        let caption = rows
            .iter()
            .take(header_rows)
            .flat_map(|r| r.iter())
            .map(|(t, _)| t.as_str())
            .find(|t| is_scale_note(t))
            .map(str::to_string)
            .or_else(|| {
                self.recent
                    .iter()
                    .rev()
                    .take(2)
                    .find(|t| is_scale_note(t))
                    .cloned()
            });
        self.gap(ParaKind::Normal);
        let table = lay_out_table(self.b, rows, header_rows, caption);
        self.b.add_table(table);
        self.last = Some(ParaKind::Normal);
        self.last_short = false;
        self.recent.clear();
    }
}

fn starts_with_bullet(s: &str) -> bool {
    let mut it = s.chars();
    matches!(
        it.next(),
        Some('•' | '·' | '▪' | '■' | '●' | '◦' | '○' | '\u{2023}' | '\u{2043}')
    )
}

/// A line of an address or contact block: short, not a sentence.
fn is_short_line(t: &str) -> bool {
    t.len() <= 50 && !t.ends_with('.') && t.split_whitespace().count() <= 6
}

/// "1.", "(a)", "(ii)", "a)" at the start of an item.
fn starts_with_enumerator(s: &str) -> bool {
    let head: String = s.chars().take(6).collect();
    let t = head.trim_start_matches('(');
    let n = t.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
    (1..=4).contains(&n) && matches!(t.chars().nth(n), Some('.' | ')'))
}

/// Short bold or centered-capitals paragraphs are headings in releases.
fn is_heading_like(p: &Para, seen_body: bool) -> bool {
    let t = p.text.as_str();
    // Release titles run long; section headings do not.
    let max = if seen_body { 120 } else { 250 };
    if t.len() > max || t.len() < 3 {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return false;
    }
    let upper = t.chars().filter(|c| c.is_uppercase()).count();
    let caps = upper * 10 >= letters * 8;
    let sentence = t.ends_with('.') && !t.ends_with("INC.") && !t.ends_with("Inc.");
    (p.bold && !sentence) || (caps && !sentence && t.len() <= 160) || (p.centered && caps)
}

/// The text of a row with exactly one non-empty cell.
fn single_text(r: &[(String, usize)]) -> Option<String> {
    let mut it = r.iter().filter(|(t, _)| !t.trim().is_empty());
    let first = it.next()?;
    if it.next().is_some() {
        return None;
    }
    Some(first.0.clone())
}

fn is_year(s: &str) -> bool {
    let t = s.trim();
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"))
}

/// A row holds figures: a numeric cell beyond the label that is not a bare year.
pub fn has_data_number(r: &[(String, usize)]) -> bool {
    r.iter().skip(1).any(|(t, _)| {
        let t = t.trim();
        looks_numeric(t) && t.chars().any(|c| c.is_ascii_digit()) && !is_year(t)
    })
}

/// `$` cells join the number to their right, `)` and `%` cells the number to their left.
fn merge_symbols(rows: &mut [Vec<(String, usize)>]) {
    for r in rows.iter_mut() {
        for i in 0..r.len() {
            let t = r[i].0.trim();
            let prefix = matches!(t, "$" | "(" | "($" | "$(" | "€" | "£" | "¥");
            let suffix = !t.is_empty() && t.chars().all(|c| matches!(c, ')' | '%'));
            if prefix {
                if let Some(j) = (i + 1..r.len()).find(|&j| !r[j].0.trim().is_empty()) {
                    let p = t.to_string();
                    r[j].0 = format!("{p}{}", r[j].0.trim());
                    r[i].0.clear();
                }
            } else if suffix
                && let Some(j) = (0..i).rev().find(|&j| !r[j].0.trim().is_empty())
                && j > 0
            {
                let s = t.to_string();
                r[j].0 = format!("{}{s}", r[j].0.trim_end());
                r[i].0.clear();
            }
        }
    }
    // "$ 1,234" in one cell reads as "$1,234".
    for r in rows.iter_mut() {
        for c in r.iter_mut() {
            if let Some(rest) = c.0.strip_prefix("$ ")
                && rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '(')
            {
                c.0 = format!("${}", rest.trim_start());
            }
        }
    }
}

/// Drop grid columns that are empty in every row, keeping colspans true.
fn drop_empty_columns(rows: Vec<Vec<(String, usize)>>) -> Vec<Vec<(String, usize)>> {
    let ncols = rows
        .iter()
        .map(|r| r.iter().map(|c| c.1).sum::<usize>())
        .max()
        .unwrap_or(0)
        .min(4096);
    let mut used = vec![false; ncols];
    for r in &rows {
        let mut col = 0;
        for (t, span) in r {
            if *span == 1 && !t.trim().is_empty() && col < ncols {
                used[col] = true;
            }
            col += span;
        }
    }
    for r in &rows {
        let mut col = 0;
        for (t, span) in r {
            let end = (col + span).min(ncols);
            if *span > 1 && !t.trim().is_empty() && col < end && !used[col..end].iter().any(|&u| u)
            {
                used[col] = true;
            }
            col += span;
        }
    }
    rows.into_iter()
        .map(|r| {
            let mut col = 0;
            let mut out = Vec::with_capacity(r.len());
            for (t, span) in r {
                let end = (col + span).min(ncols);
                let n = used
                    .get(col..end)
                    .map_or(0, |u| u.iter().filter(|&&u| u).count());
                col += span;
                if n > 0 {
                    out.push((t.trim().to_string(), n));
                }
            }
            out
        })
        .collect()
}

/// Widest the label column is drawn; longer labels push their own row's figures right.
const LABEL_MAX: usize = 64;

/// Draw rows as aligned lines (numbers right-aligned, spanning headers centered) and return the
/// Table with each cell's span in the pushed lines.
pub(super) fn lay_out_table(
    b: &mut DocumentBuilder,
    rows: Vec<Vec<(String, usize)>>,
    header_rows: usize,
    caption: Option<String>,
) -> Table {
    let ncols = rows
        .iter()
        .map(|r| r.iter().map(|c| c.1).sum::<usize>())
        .max()
        .unwrap_or(0);
    let mut widths = vec![0usize; ncols];
    let mut numeric_col = vec![(0usize, 0usize); ncols];
    for (ri, r) in rows.iter().enumerate() {
        let mut col = 0;
        for (t, span) in r {
            if *span == 1 && col < ncols {
                widths[col] = widths[col].max(t.width());
                if ri >= header_rows && !t.is_empty() {
                    numeric_col[col].1 += 1;
                    if looks_numeric(t) {
                        numeric_col[col].0 += 1;
                    }
                }
            }
            col += span;
        }
    }
    for r in &rows {
        let mut col = 0;
        for (t, span) in r {
            let end = (col + span).min(ncols);
            if *span > 1 && col < end {
                let have: usize = widths[col..end].iter().sum::<usize>() + 2 * (end - col - 1);
                let need = t.width();
                if need > have {
                    widths[end - 1] += need - have;
                }
            }
            col += span;
        }
    }
    // A long label (a legal description of common stock) must not push every figure far right.
    if let Some(w) = widths.first_mut() {
        *w = (*w).min(LABEL_MAX);
    }
    let mut x = vec![0usize; ncols + 1];
    for c in 0..ncols {
        x[c + 1] = x[c] + widths[c] + 2;
    }
    let mut out_rows = Vec::with_capacity(rows.len());
    for r in rows {
        let mut line = String::new();
        let mut width = 0usize;
        let mut spans = Vec::with_capacity(r.len());
        let mut col = 0;
        for (t, span) in &r {
            let end = (col + span).min(ncols);
            let field_start = x[col.min(ncols)];
            let field_w = x[end].saturating_sub(field_start).saturating_sub(2);
            let w = t.width();
            let pad = field_w.saturating_sub(w);
            let num_col = col > 0
                && numeric_col
                    .get(col)
                    .is_some_and(|&(n, all)| n * 2 >= all && n > 0);
            let lead = if t.is_empty() {
                0
            } else if *span > 1 {
                pad / 2
            } else if looks_numeric(t) || num_col {
                pad
            } else {
                0
            };
            let target = field_start + lead;
            if !t.is_empty() {
                if width < target {
                    line.extend(std::iter::repeat_n(' ', target - width));
                    width = target;
                } else if width > 0 && !line.ends_with(' ') {
                    line.push(' ');
                    width += 1;
                }
            }
            let s = line.len();
            line.push_str(t);
            width += w;
            spans.push((s, line.len()));
            col += span;
        }
        let trimmed = line.trim_end().len();
        line.truncate(trimmed);
        let (n, base) = b.push_line(&line);
        let cells = r
            .into_iter()
            .zip(spans)
            .map(|((text, colspan), (s, e))| {
                let (s, e) = if text.is_empty() {
                    let p = s.min(line.len());
                    (p, p)
                } else {
                    (s, e)
                };
                Cell {
                    text,
                    start: base + s,
                    end: base + e,
                    colspan,
                }
            })
            .collect();
        out_rows.push(Row { line: n, cells });
    }
    Table {
        rows: out_rows,
        header_rows,
        caption,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocMeta;

    fn cell(t: &str) -> CellData {
        CellData {
            items: vec![Item::Para(Para {
                text: t.into(),
                ..Para::default()
            })],
            colspan: 1,
        }
    }

    #[test]
    fn edgar_table_cells_merge_and_spacers_drop() {
        let row = |v: &[&str]| v.iter().map(|t| cell(t)).collect::<Vec<_>>();
        let mut head = row(&["", "", "Three Months Ended", ""]);
        head[2].colspan = 5;
        let mut years = row(&["", "", "2010", "", "2009"]);
        years[2].colspan = 2;
        years[4].colspan = 2;
        let t = TableData {
            rows: vec![
                head,
                years,
                row(&["Net sales", "", "$", "26,741", "", "$", "15,683"]),
                row(&["Other", "", "", "(3,412", ")", "", "12"]),
            ],
        };
        let mut b = DocumentBuilder::new(DocMeta::default());
        Emitter::new(&mut b).item(Item::Table(t));
        let d = b.finish();
        let tab = &d.tables[0];
        assert_eq!(tab.header_rows, 2);
        let texts: Vec<&str> = tab.rows[3].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Other", "(3,412)", "12"]);
        assert_eq!(tab.rows[2].cells[1].text, "$26,741");
        for r in &tab.rows {
            for c in &r.cells {
                assert_eq!(&d.text[c.start..c.end], c.text);
            }
        }
        assert!(SCALE.is_match("(in millions, except per share amounts)"));
    }
}
