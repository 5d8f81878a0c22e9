//! Panes laid out as visual lines for one width. Computed once per width (on resize), then the
//! view only slices the visible part, so drawing cost does not grow with the document.
//!
//! A visual line is a list of segments: literal decoration, or a byte range of one cell of one
//! pane row. Keeping cell ranges (not copies) lets the view paint search hits and the jump
//! highlight, which are byte ranges into the same cells.

use super::wrap::{clip, wrap};
use irview::document::BlockKind;
use irview::pane::{Align, Pane, PaneKind, PaneRow, RowKind};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// What a piece of text is, so the theme can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Dim,
    Bold,
    Heading(u8),
    ColumnHeader,
    TableLine,
    Rule,
    Up,
    Down,
    Status,
    Note,
    Completed,
    InProgress,
    Expected,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Lit(String, Tone),
    Cell {
        cell: usize,
        range: Range<usize>,
        tone: Tone,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VLine {
    pub row: usize,
    pub segs: Vec<Seg>,
    /// A table line of the Release pane: laid out whole, and cut to the width when drawn, with
    /// this many leading display columns (its table's row labels) kept in place while the rest
    /// scrolls sideways (`<` `>`), as `less -S` and csvlens do.
    pub wide: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<VLine>,
    /// First visual line of each pane row.
    pub first: Vec<usize>,
    /// Column titles drawn above the body (table panes).
    pub header: Option<VLine>,
    /// The widest table line (display columns): how far sideways scrolling can go.
    pub wide_max: usize,
}

impl Layout {
    /// The visual lines of a row.
    pub fn row_lines(&self, row: usize) -> Range<usize> {
        let s = self.first.get(row).copied().unwrap_or(self.lines.len());
        let e = self.first.get(row + 1).copied().unwrap_or(self.lines.len());
        s..e.max(s)
    }

    /// The visual line that shows byte `at` of `cell` in `row` (the row's first line if none).
    pub fn locate(&self, row: usize, cell: usize, at: usize) -> usize {
        let lines = self.row_lines(row);
        for i in lines.clone() {
            if let Some(l) = self.lines.get(i) {
                for s in &l.segs {
                    if let Seg::Cell { cell: c, range, .. } = s
                        && *c == cell
                        && range.start <= at
                        && at <= range.end
                    {
                        return i;
                    }
                }
            }
        }
        lines.start.min(self.lines.len().saturating_sub(1))
    }

    /// The row a visual line belongs to.
    pub fn row_at(&self, line: usize) -> usize {
        self.lines.get(line).map(|l| l.row).unwrap_or(0)
    }
}

/// Columns the list panes leave for the selection marker.
pub const GUTTER: usize = 2;

pub fn layout(pane: &Pane, width: usize) -> Layout {
    let width = width.max(1);
    let mut b = Builder {
        lines: Vec::new(),
        first: Vec::with_capacity(pane.rows.len()),
    };
    let mut wide_max = 0;
    let header = match pane.kind {
        PaneKind::Release => {
            let frozen = frozen_columns(pane, width);
            for (i, row) in pane.rows.iter().enumerate() {
                b.start_row();
                if let Some(&f) = frozen.get(i).and_then(Option::as_ref) {
                    let text = cell_text(row, 0);
                    let trimmed = text.trim_end().len();
                    wide_max = wide_max.max(text[..trimmed].width());
                    b.lines.push(VLine {
                        row: i,
                        segs: vec![cell_seg(0, 0..trimmed, Tone::TableLine)],
                        wide: Some(f),
                    });
                } else {
                    release_line(&mut b, i, row, width);
                }
            }
            None
        }
        PaneKind::Highlights | PaneKind::Comparison => table(&mut b, pane, width),
        PaneKind::Restatement => {
            for (i, row) in pane.rows.iter().enumerate() {
                b.start_row();
                match row.kind {
                    RowKind::Record => event(&mut b, i, row, width, false),
                    RowKind::Step => event(&mut b, i, row, width, true),
                    _ => prose(&mut b, i, row, width),
                }
            }
            None
        }
        PaneKind::Risks => {
            let num_w = pane
                .rows
                .iter()
                .filter(|r| r.kind == RowKind::Record)
                .map(|r| r.cells.first().map(|c| c.width()).unwrap_or(0))
                .max()
                .unwrap_or(1);
            for (i, row) in pane.rows.iter().enumerate() {
                b.start_row();
                match row.kind {
                    RowKind::Record => risk(&mut b, i, row, width, num_w),
                    _ => prose(&mut b, i, row, width),
                }
            }
            None
        }
    };
    Layout {
        width,
        lines: b.lines,
        first: b.first,
        header,
        wide_max,
    }
}

fn is_table_line(row: &PaneRow) -> bool {
    matches!(
        row.kind,
        RowKind::Line {
            block: Some(BlockKind::Table)
        }
    )
}

/// For each Release row that is a table line, the display columns its table keeps in place
/// when scrolled sideways: the widest row label of the table (a label ends at the first run of
/// two spaces after text), at most two fifths of the width (a longer label is cut there). One value a table, so its columns stay aligned as they scroll.
fn frozen_columns(pane: &Pane, width: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; pane.rows.len()];
    let mut i = 0;
    while i < pane.rows.len() {
        if !is_table_line(&pane.rows[i]) {
            i += 1;
            continue;
        }
        let table = pane.rows[i].table;
        let start = i;
        while i < pane.rows.len() && is_table_line(&pane.rows[i]) && pane.rows[i].table == table {
            i += 1;
        }
        let label = pane.rows[start..i]
            .iter()
            .map(|r| label_width(cell_text(r, 0)))
            .max()
            .unwrap_or(0);
        let f = label.min(width * 2 / 5);
        out[start..i].fill(Some(f));
    }
    out
}

/// Display width of a table line's row label and two spaces: up to its first run of two or more
/// spaces after text. 0 for a line that is all figures or starts indented
/// by more than a few spaces (a column header over the figures).
fn label_width(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    if lead > 4 {
        return 0;
    }
    let body = &line[lead..];
    match body.find("  ") {
        // The label and two of the spaces after it: the rest of a long gap scrolls away with
        // the figures (statement tables pad labels far to the right).
        Some(k) if body[..k].chars().any(char::is_alphabetic) => line[..lead + k].width() + 2,
        _ => 0,
    }
}

struct Builder {
    lines: Vec<VLine>,
    first: Vec<usize>,
}

impl Builder {
    fn start_row(&mut self) {
        self.first.push(self.lines.len());
    }
    fn push(&mut self, row: usize, segs: Vec<Seg>) {
        self.lines.push(VLine {
            row,
            segs,
            wide: None,
        });
    }
}

fn cell_text(row: &PaneRow, i: usize) -> &str {
    row.cells.get(i).map(String::as_str).unwrap_or("")
}

fn cell_seg(cell: usize, range: Range<usize>, tone: Tone) -> Seg {
    Seg::Cell { cell, range, tone }
}

fn lit(s: impl Into<String>, tone: Tone) -> Seg {
    Seg::Lit(s.into(), tone)
}

/// Columns a wrapped continuation is indented by. A list item's text lines up under itself
/// (its indent plus the marker "-- ", "* ", "• ", "1. "); a heading keeps its centring indent;
/// a paragraph's first-line indent is not repeated (its own next lines start at the margin).
fn hanging_indent(text: &str, block: Option<BlockKind>, width: usize) -> usize {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[lead..];
    let marker = ["-- ", "- ", "* ", "• ", "o "]
        .iter()
        .find(|m| rest.starts_with(*m))
        .map(|m| m.len())
        .or_else(|| {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0 && digits < 3 && rest[digits..].starts_with(". ")).then_some(digits + 2)
        });
    let indent = match (block, marker) {
        (_, Some(m)) => lead + m,
        (Some(BlockKind::ListItem) | Some(BlockKind::Heading { .. }), None) => lead,
        _ => 0,
    };
    // A deep indent on a narrow screen would leave no room for text.
    if indent * 2 > width { 0 } else { indent }
}

fn release_line(b: &mut Builder, i: usize, row: &PaneRow, width: usize) {
    let text = cell_text(row, 0);
    let block = match row.kind {
        RowKind::Line { block } => block,
        _ => None,
    };
    match block {
        Some(BlockKind::PageBreak) => {
            b.push(i, vec![lit("─".repeat(width), Tone::Rule)]);
        }
        // Table lines are laid out whole in `layout` (see `VLine::wide`).
        _ => {
            let tone = match block {
                Some(BlockKind::Heading { level }) => Tone::Heading(level),
                _ => Tone::Plain,
            };
            let indent = hanging_indent(text, block, width);
            for (k, r) in wrap(text, width, width - indent).into_iter().enumerate() {
                let mut segs = Vec::with_capacity(2);
                if k > 0 && indent > 0 {
                    segs.push(lit(" ".repeat(indent), Tone::Plain));
                }
                segs.push(cell_seg(0, r, tone));
                b.push(i, segs);
            }
        }
    }
}

/// A status or note row: its single cell wrapped to the width, past the gutter.
fn prose(b: &mut Builder, i: usize, row: &PaneRow, width: usize) {
    let text = cell_text(row, 0);
    let tone = if row.kind == RowKind::Status {
        Tone::Status
    } else {
        Tone::Note
    };
    let avail = width.saturating_sub(GUTTER).max(1);
    for r in wrap(text, avail, avail) {
        b.push(i, vec![cell_seg(0, r, tone)]);
    }
}

/// Which columns a table pane shows first when the width is short, the narrowest each may be
/// squeezed to (`FULL`: its whole content), and which one takes the remaining width. Columns are
/// named by title (see `irview::pane`): a pane shows a Segment column only when a row has one.
type Spec = (&'static [(&'static str, usize)], Option<&'static str>);

fn table_spec(kind: PaneKind) -> Spec {
    match kind {
        PaneKind::Highlights => (
            &[
                ("Metric", 12),
                ("Segment", 10),
                ("Value", FULL),
                ("Trend", 20),
                ("Period", FULL),
                ("Basis", FULL),
                ("As written", 12),
                ("Line", FULL),
            ],
            Some("As written"),
        ),
        PaneKind::Comparison => (
            &[
                ("Metric", 12),
                ("Segment", 10),
                ("Value", FULL),
                ("Prior", FULL),
                ("% change", FULL),
                ("Trend", 20),
                ("Kind", FULL),
                ("Basis", FULL),
                ("Change", FULL),
                ("Period", FULL),
                ("Prior period", FULL),
                ("Line", FULL),
                ("As written", 12),
            ],
            Some("As written"),
        ),
        _ => (&[], None),
    }
}

const FULL: usize = usize::MAX;
const GAP: usize = 2;
/// The narrowest a lesser text column is squeezed to so that the metric name shows whole.
const SQUEEZE: usize = 10;
/// A column never takes more than this (but the flex one); its cells are clipped with "…".
const MAX_COL: usize = 28;

fn table(b: &mut Builder, pane: &Pane, width: usize) -> Option<VLine> {
    let ncol = pane.columns.len();
    let (spec, flex) = table_spec(pane.kind);
    let index = |title: &str| pane.columns.iter().position(|c| c.title == title);
    let priority: Vec<(usize, usize)> = spec
        .iter()
        .filter_map(|&(t, min)| index(t).map(|c| (c, min)))
        .collect();
    let flex = flex.and_then(index);
    let mut natural: Vec<usize> = pane.columns.iter().map(|c| c.title.width()).collect();
    for row in pane.rows.iter().filter(|r| r.kind == RowKind::Record) {
        for (i, c) in row.cells.iter().enumerate().take(ncol) {
            natural[i] = natural[i].max(c.width());
        }
    }
    let cap = |c: usize| {
        if Some(c) == flex {
            natural[c]
        } else {
            natural[c].min(MAX_COL)
        }
    };
    let avail = width.saturating_sub(GUTTER);
    let mut widths = vec![0usize; ncol];
    let mut shown = vec![false; ncol];
    let mut used = 0usize;
    // Take columns in priority order at their narrowest, and stop at the first that does not
    // fit, so a minor column never shows while a more important one is hidden.
    for &(c, min) in priority.iter().filter(|&&(c, _)| c < ncol) {
        let want = cap(c).min(min);
        let gap = if used == 0 { 0 } else { GAP };
        if used + gap + want <= avail {
            shown[c] = true;
            widths[c] = want;
            used += gap + want;
        } else {
            if used == 0 {
                // The first column always shows, clipped to the screen.
                shown[c] = true;
                widths[c] = avail;
                used = avail;
            }
            break;
        }
    }
    // Then widen them, in the same order, towards their full content.
    for &(c, _) in priority.iter().filter(|&&(c, _)| c < ncol && shown[c]) {
        let extra = avail
            .saturating_sub(used)
            .min(cap(c).saturating_sub(widths[c]));
        widths[c] += extra;
        used += extra;
    }
    // The first column (the metric) is what a row is read by: before it is cut, the lesser text
    // columns shown (Trend, As written) narrow towards SQUEEZE, the least important first.
    if let Some(&(first, _)) = priority.first().filter(|&&(c, _)| c < ncol) {
        let mut short = cap(first).saturating_sub(widths[first]);
        for &(c, min) in priority.iter().rev() {
            if short == 0 {
                break;
            }
            if c == first || c >= ncol || !shown[c] || min == FULL {
                continue;
            }
            let take = widths[c].saturating_sub(SQUEEZE).min(short);
            widths[c] -= take;
            widths[first] += take;
            short -= take;
        }
    }
    let cols: Vec<usize> = (0..ncol).filter(|&c| shown[c]).collect();

    let header_segs = {
        let mut segs = vec![lit(" ".repeat(GUTTER), Tone::ColumnHeader)];
        for (k, &c) in cols.iter().enumerate() {
            if k > 0 {
                segs.push(lit(" ".repeat(GAP), Tone::ColumnHeader));
            }
            let title = pane.columns[c].title;
            let (end, w) = clip(title, 0..title.len(), widths[c]);
            let pad = " ".repeat(widths[c] - w);
            let t = title.get(..end).unwrap_or("").to_string();
            let s = match pane.columns[c].align {
                Align::Right => format!("{pad}{t}"),
                Align::Left => format!("{t}{pad}"),
            };
            segs.push(lit(s, Tone::ColumnHeader));
        }
        segs
    };

    for (i, row) in pane.rows.iter().enumerate() {
        b.start_row();
        if row.kind != RowKind::Record {
            prose(b, i, row, width);
            continue;
        }
        let mut segs = Vec::with_capacity(cols.len() * 3);
        for (k, &c) in cols.iter().enumerate() {
            if k > 0 {
                segs.push(lit(" ".repeat(GAP), Tone::Plain));
            }
            let text = cell_text(row, c);
            let tone = cell_tone(pane, c, row);
            let w = widths[c];
            let full = text.width();
            let (end, used_w, ell) = if full <= w {
                (text.len(), full, false)
            } else {
                let (e, uw) = clip(text, 0..text.len(), w.saturating_sub(1));
                (e, uw, true)
            };
            let shown_w = used_w + usize::from(ell);
            let pad = w.saturating_sub(shown_w);
            let right = pane.columns[c].align == Align::Right;
            if right && pad > 0 {
                segs.push(lit(" ".repeat(pad), Tone::Plain));
            }
            segs.push(cell_seg(c, 0..end, tone));
            if ell {
                segs.push(lit("…", Tone::Dim));
            }
            // Pad on the right, except after the last column (nothing to align with).
            if !right && pad > 0 && k + 1 < cols.len() {
                segs.push(lit(" ".repeat(pad), Tone::Plain));
            }
        }
        b.push(i, segs);
    }
    // Column titles over a lone "nothing found" note would only be noise.
    let any = pane.rows.iter().any(|r| r.kind == RowKind::Record);
    any.then_some(VLine {
        row: 0,
        segs: header_segs,
        wide: None,
    })
}

/// Up and down read by colour on the value and trend cells (the ▲/▼ is in the text already).
fn cell_tone(pane: &Pane, col: usize, row: &PaneRow) -> Tone {
    let title = pane.columns.get(col).map(|c| c.title).unwrap_or("");
    match title {
        "Line" => Tone::Dim,
        "Value" | "Trend" | "Change" | "% change" => match row.direction {
            Some(irview::release::Direction::Up) => Tone::Up,
            Some(irview::release::Direction::Down) => Tone::Down,
            _ => Tone::Plain,
        },
        "Metric" => Tone::Bold,
        _ => Tone::Plain,
    }
}

/// Restatement matter (its state, since, kind, and latest event) or, indented under it, one of
/// its events: a timeline entry. Cells: State, Date, Kind, Actor, Filing, Event, Line.
fn event(b: &mut Builder, i: usize, row: &PaneRow, width: usize, step: bool) {
    let indent = if step { "    " } else { "" };
    let state = cell_text(row, 0);
    let tone = match state {
        "completed" => Tone::Completed,
        "in progress" => Tone::InProgress,
        _ => Tone::Expected,
    };
    let bullet = match tone {
        Tone::Completed => "● ",
        Tone::InProgress => "◐ ",
        _ => "○ ",
    };
    // Head line: bullet, state, date, kind · actor · filing · line N, clipped to the width.
    let mut parts: Vec<(usize, Tone, &str)> = vec![(0, tone, "")];
    parts.push((1, Tone::Plain, "  "));
    parts.push((2, Tone::Bold, "  "));
    for c in [3, 4] {
        parts.push((c, Tone::Plain, " · "));
    }
    parts.push((6, Tone::Dim, " · line "));
    let mut segs = Vec::new();
    if step {
        segs.push(lit(indent, Tone::Plain));
    }
    segs.push(lit(bullet, tone));
    let mut used = indent.width() + 2; // the bullet
    let avail = width.saturating_sub(GUTTER).max(3 + indent.width());
    for (c, t, sep) in parts {
        let text = cell_text(row, c);
        let shown = if text.is_empty() && c == 1 {
            "—"
        } else {
            text
        };
        if shown.is_empty() {
            continue;
        }
        let sw = sep.width();
        if used + sw >= avail {
            break;
        }
        if !sep.is_empty() {
            segs.push(lit(sep, Tone::Dim));
            used += sw;
        }
        if text.is_empty() {
            segs.push(lit(shown, Tone::Dim));
            used += 1;
            continue;
        }
        let (end, w) = clip(text, 0..text.len(), avail - used);
        segs.push(cell_seg(c, 0..end, t));
        used += w;
    }
    b.push(i, segs);
    // The event's sentence, wrapped under a timeline bar.
    let text = cell_text(row, 5);
    let bar = "│ ";
    let inner = width
        .saturating_sub(GUTTER + indent.width() + bar.width())
        .max(1);
    for r in wrap(text, inner, inner) {
        let mut line = Vec::with_capacity(3);
        if step {
            line.push(lit(indent, Tone::Plain));
        }
        line.push(lit(bar, Tone::Dim));
        line.push(cell_seg(5, r, Tone::Plain));
        b.push(i, line);
    }
}

/// Risk factor: "12. text" wrapped with a hanging indent; the source line dim at the end.
/// Cells: #, Risk factor, Line.
fn risk(b: &mut Builder, i: usize, row: &PaneRow, width: usize, num_w: usize) {
    let num = cell_text(row, 0);
    let text = cell_text(row, 1);
    let line = cell_text(row, 2);
    let lead = num_w + 2; // "12. "
    let avail = width.saturating_sub(GUTTER);
    let inner = avail.saturating_sub(lead).max(1);
    let pieces = wrap(text, inner, inner);
    let n = pieces.len();
    let mut last_w = 0;
    for (k, r) in pieces.into_iter().enumerate() {
        let mut segs = Vec::with_capacity(4);
        if k == 0 {
            let pad = num_w.saturating_sub(num.width());
            segs.push(lit(" ".repeat(pad), Tone::Plain));
            segs.push(cell_seg(0, 0..num.len(), Tone::Bold));
            segs.push(lit(". ", Tone::Bold));
        } else {
            segs.push(lit(" ".repeat(lead), Tone::Plain));
        }
        if k + 1 == n {
            last_w = text.get(r.clone()).map(|s| s.width()).unwrap_or(0);
        }
        segs.push(cell_seg(1, r, Tone::Plain));
        b.push(i, segs);
    }
    if line.is_empty() {
        return;
    }
    let tag = format!("  (line {line})").width();
    if last_w + tag <= inner
        && let Some(l) = b.lines.last_mut()
    {
        l.segs.push(lit("  (line ", Tone::Dim));
        l.segs.push(cell_seg(2, 0..line.len(), Tone::Dim));
        l.segs.push(lit(")", Tone::Dim));
    } else {
        b.push(
            i,
            vec![
                lit(" ".repeat(lead), Tone::Plain),
                lit("(line ", Tone::Dim),
                cell_seg(2, 0..line.len(), Tone::Dim),
                lit(")", Tone::Dim),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use irview::pane::build_panes;

    fn text_of(pane: &Pane, l: &VLine) -> String {
        l.segs
            .iter()
            .map(|s| match s {
                Seg::Lit(t, _) => t.clone(),
                Seg::Cell { cell, range, .. } => {
                    pane.rows[l.row].cells[*cell][range.clone()].to_string()
                }
            })
            .collect()
    }

    #[test]
    fn release_lines_wrap_to_the_width_and_rows_map_back() {
        let r = irview::sample();
        let panes = build_panes(&r);
        let p = &panes[0];
        for w in [40, 60, 120] {
            let l = layout(p, w);
            assert_eq!(l.first.len(), p.rows.len());
            assert!(l.lines.len() >= p.rows.len());
            for vl in &l.lines {
                assert!(text_of(p, vl).width() <= w, "{w}: {}", text_of(p, vl));
            }
        }
        // At 120 columns no line of the sample (an 80-column exhibit) needs wrapping.
        assert_eq!(layout(p, 120).lines.len(), p.rows.len());
        // At 60 columns "Revenues for the fourth quarter ..." wraps, and the wrapped piece
        // is located by its byte offset.
        let l = layout(p, 60);
        let row = p
            .rows
            .iter()
            .position(|r| r.cells[0].contains("Revenues for the fourth"))
            .unwrap();
        assert!(l.row_lines(row).len() >= 2);
        let at = p.rows[row].cells[0].find("compared").unwrap();
        assert_eq!(l.locate(row, 0, at), l.row_lines(row).start + 1);
    }

    #[test]
    fn table_lines_are_laid_out_whole_with_their_labels_frozen() {
        let line = |text: &str, block| PaneRow {
            kind: RowKind::Line { block },
            cells: vec![text.to_string()],
            source: None,
            direction: None,
            table: Some(0),
        };
        let pane = Pane {
            kind: PaneKind::Release,
            columns: Vec::new(),
            rows: vec![
                line(
                    "                      Q4 2006     Q3 2006     FY 2006     FY 2005",
                    Some(BlockKind::Table),
                ),
                line(
                    "Revenues            $  79,000   $  75,000   $ 279,000   $ 195,000",
                    Some(BlockKind::Table),
                ),
                line("Net income, GAAP    $   9,000", Some(BlockKind::Table)),
                line(
                    "a paragraph line that is long enough to wrap at forty columns",
                    None,
                ),
            ],
        };
        let l = layout(&pane, 50);
        assert_eq!(l.row_lines(1).len(), 1, "not wrapped");
        assert_eq!(text_of(&pane, &l.lines[1]), pane.rows[1].cells[0]);
        // The widest label ("Net income, GAAP" and two spaces) is kept for every line of the
        // table.
        assert_eq!(l.lines[0].wide, Some(18));
        assert_eq!(l.lines[1].wide, Some(18));
        assert_eq!(l.lines[2].wide, Some(18));
        assert_eq!(l.lines[3].wide, None);
        assert_eq!(l.wide_max, 65);
        assert_eq!(l.row_lines(3).len(), 2);
        // A label wider than two fifths of the width is cut there.
        assert_eq!(layout(&pane, 30).lines[1].wide, Some(12));
    }
}
