//! The pane body: only the visible slice of the cached visual lines is turned into spans, with
//! search hits, the current match and the jump-to-source span painted over the cell ranges.

use super::theme::Theme;
use crate::tui::app::{App, RowHit};
use crate::tui::layout::{GUTTER, Seg, Tone, VLine};
use crate::tui::wrap::clip;
use irview::pane::{Pane, PaneKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (Some(pane), Some(layout)) = (app.current_pane(), app.layout()) else {
        return;
    };
    let p = app.pane;
    let list = pane.kind != PaneKind::Release;
    let mut y = area.y;
    let bottom = area.y + area.height;
    if let Some(h) = &layout.header
        && y < bottom
    {
        let spans = spans_of(app, pane, h, &[], theme, true);
        Line::from(spans).render(Rect::new(area.x, y, area.width, 1), buf);
        y += 1;
    }
    let height = bottom.saturating_sub(y) as usize;
    let top = app.tops.get(p).copied().unwrap_or(0);
    let sel = app.sels.get(p).copied().unwrap_or(0);
    let hits = app.search.as_ref().and_then(|s| s.hits.get(p));
    let end = top.saturating_add(height).min(layout.lines.len());
    for (k, vl) in layout.lines.get(top..end).unwrap_or(&[]).iter().enumerate() {
        let row_hits: &[RowHit] = hits.and_then(|h| h.get(vl.row)).unwrap_or(&[]);
        let mut spans = Vec::with_capacity(vl.segs.len() + 2);
        let selected = list && vl.row == sel;
        if list {
            let first = layout.first.get(vl.row) == Some(&(top + k));
            let mark = if selected && first { "▶ " } else { "  " };
            spans.push(Span::raw(mark));
            debug_assert_eq!(mark.chars().count(), GUTTER);
        }
        // A wide table line: its labels, then the part scrolled to, cut to the width.
        let cut;
        let vl = match (vl.wide, vl.segs.first()) {
            (Some(frozen), Some(Seg::Cell { range, .. })) => {
                let text = pane
                    .rows
                    .get(vl.row)
                    .and_then(|r| r.cells.first())
                    .map(String::as_str)
                    .unwrap_or("");
                cut = VLine {
                    row: vl.row,
                    segs: cut_wide(
                        text,
                        range.clone(),
                        frozen,
                        app.hscroll,
                        area.width as usize,
                    ),
                    wide: None,
                };
                &cut
            }
            _ => vl,
        };
        spans.extend(spans_of(app, pane, vl, row_hits, theme, false));
        let r = Rect::new(area.x, y + k as u16, area.width, 1);
        if selected {
            buf.set_style(r, theme.selected());
        }
        draw_spans(&spans, r, buf);
    }
}

/// The visible part of a table line scrolled `scroll` columns sideways in `width` columns: its
/// first `frozen` columns (the row labels) in place, then "‹" when scrolled, then the columns
/// from `frozen + scroll`, and "›" when more is cut on the right. Cell ranges, so search hits
/// and the jump span are painted on them as on any line.
pub fn cut_wide(
    text: &str,
    range: std::ops::Range<usize>,
    frozen: usize,
    scroll: usize,
    width: usize,
) -> Vec<Seg> {
    let tone = Tone::TableLine;
    let cell = |r: std::ops::Range<usize>| Seg::Cell {
        cell: 0,
        range: r,
        tone,
    };
    let (start, end) = (range.start, range.end.min(text.len()));
    let full = text.get(start..end).map_or(0, UnicodeWidthStr::width);
    if scroll == 0 && full <= width {
        return vec![cell(start..end)];
    }
    let frozen = frozen.min(width.saturating_sub(2));
    let (b1, fw) = clip(text, start..end, frozen);
    let mut segs = vec![cell(start..b1)];
    let mut used = fw;
    let mut from = b1;
    if scroll > 0 {
        segs.push(Seg::Lit("‹".into(), Tone::Dim));
        used += 1;
        from = clip(text, b1..end, scroll + 1).0;
    }
    let avail = width.saturating_sub(used);
    let (b3, _) = clip(text, from..end, avail);
    if b3 < end {
        let (b3, _) = clip(text, from..end, avail.saturating_sub(1));
        segs.push(cell(from..b3));
        segs.push(Seg::Lit("›".into(), Tone::Dim));
    } else {
        segs.push(cell(from..b3));
    }
    segs
}

/// Draw spans left to right in a one-row area, as `Line::render` does (each cell takes the
/// span's style over what is there), with a fast path for ASCII: one cell a byte, no
/// grapheme segmentation, which is most of a frame's cost in ratatui's own span drawing.
fn draw_spans(spans: &[Span<'_>], area: Rect, buf: &mut Buffer) {
    let right = area.x.saturating_add(area.width);
    let mut x = area.x;
    for span in spans {
        if x >= right {
            return;
        }
        let s: &str = &span.content;
        if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_control()) {
            for b in s.bytes() {
                if x >= right {
                    return;
                }
                buf[(x, area.y)].set_char(b as char).set_style(span.style);
                x += 1;
            }
        } else {
            let rest = Rect::new(x, area.y, right - x, 1);
            span.render(rest, buf);
            x = x.saturating_add(u16::try_from(span.width()).unwrap_or(u16::MAX));
        }
    }
}

/// The spans of one visual line: literals as they are, cell ranges cut where a hit or the jump
/// span starts or ends.
fn spans_of<'a>(
    app: &App,
    pane: &'a Pane,
    vl: &'a VLine,
    hits: &[RowHit],
    theme: &Theme,
    header: bool,
) -> Vec<Span<'a>> {
    let current = app.search.as_ref().and_then(|s| s.current);
    let mut out = Vec::with_capacity(vl.segs.len());
    for seg in &vl.segs {
        match seg {
            Seg::Lit(s, tone) => out.push(Span::styled(s.as_str(), theme.tone(*tone))),
            Seg::Cell { cell, range, tone } => {
                let Some(text) = (!header)
                    .then(|| pane.rows.get(vl.row))
                    .flatten()
                    .and_then(|r| r.cells.get(*cell))
                else {
                    continue;
                };
                let base = theme.tone(*tone);
                // Marks: (start, end, style), painted in order, later ones on top.
                let mut marks: Vec<(usize, usize, Style)> = Vec::new();
                if pane.kind == PaneKind::Release
                    && let (Some(j), Some(src)) =
                        (app.jump, pane.rows.get(vl.row).and_then(|r| r.source))
                {
                    let (s, e) = if j.end > j.start {
                        (j.start, j.end)
                    } else {
                        (j.start, src.end)
                    };
                    if s < src.end.max(src.start + 1) && e > src.start {
                        marks.push((
                            s.saturating_sub(src.start),
                            e.min(src.end) - src.start,
                            theme.jump(),
                        ));
                    }
                }
                for h in hits.iter().filter(|h| h.cell == *cell) {
                    let cur = current == Some((app.pane, h.index));
                    let st = if cur {
                        theme.current_hit()
                    } else {
                        theme.hit()
                    };
                    marks.push((h.start, h.end, st));
                }
                push_marked(&mut out, text, range.clone(), base, &marks);
            }
        }
    }
    out
}

fn push_marked<'a>(
    out: &mut Vec<Span<'a>>,
    text: &'a str,
    range: std::ops::Range<usize>,
    base: Style,
    marks: &[(usize, usize, Style)],
) {
    let mut cuts = vec![range.start, range.end];
    for &(s, e, _) in marks {
        for x in [s, e] {
            if x > range.start && x < range.end {
                cuts.push(x);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let mut st = base;
        for &(s, e, m) in marks {
            if s <= a && b <= e {
                st = st.patch(m);
            }
        }
        out.push(Span::styled(piece, st));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    fn shown(text: &str, segs: &[Seg]) -> String {
        segs.iter()
            .map(|s| match s {
                Seg::Lit(l, _) => l.clone(),
                Seg::Cell { range, .. } => text[range.clone()].to_string(),
            })
            .collect()
    }

    #[test]
    fn a_wide_table_line_keeps_its_label_and_scrolls_the_rest() {
        let t = "Revenues            $  79,000   $  75,000   $ 279,000   $ 195,000";
        let all = 0..t.len();
        // Fits: whole.
        assert_eq!(shown(t, &cut_wide(t, all.clone(), 20, 0, 80)), t);
        // Cut on the right, marked.
        let s = shown(t, &cut_wide(t, all.clone(), 20, 0, 40));
        assert_eq!(s, "Revenues            $  79,000   $  75,0›");
        assert_eq!(s.width(), 40);
        // Scrolled: the label stays, "‹" marks the cut on its right, the figures move.
        let s = shown(t, &cut_wide(t, all.clone(), 20, 12, 40));
        assert_eq!(s, "Revenues            ‹  75,000   $ 279,0›");
        assert_eq!(s.width(), 40);
        let s = shown(t, &cut_wide(t, all.clone(), 20, 30, 40));
        assert_eq!(s, "Revenues            ‹00   $ 195,000");
        assert!(s.width() <= 40);
        // Nothing frozen: the whole line moves.
        let s = shown(t, &cut_wide(t, all, 0, 8, 30));
        assert!(s.starts_with("‹ ") && s.width() <= 30, "{s}");
    }

    /// The fast path draws exactly what ratatui's own `Line::render` draws: symbols and styles,
    /// for ASCII, curly quotes, accents and wide characters, cut at the area's edge.
    #[test]
    fn draw_spans_matches_line_render() {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let hit = Style::default().bg(Color::Yellow).fg(Color::Black);
        let spans = vec![
            Span::raw("▶ "),
            Span::styled("Revenue rose ", bold),
            Span::styled("12%", hit),
            Span::raw(" to $79.4 million — “record” café 収益 "),
            Span::styled("and more text past the edge", bold),
        ];
        for width in [1u16, 5, 17, 30, 45, 60, 120] {
            let area = Rect::new(2, 1, width, 1);
            let mut ours = Buffer::empty(Rect::new(0, 0, 130, 3));
            let mut theirs = ours.clone();
            ours.set_style(area, Style::default().bg(Color::Blue));
            theirs.set_style(area, Style::default().bg(Color::Blue));
            draw_spans(&spans, area, &mut ours);
            Line::from(spans.clone()).render(area, &mut theirs);
            assert_eq!(ours, theirs, "width {width}");
        }
    }
}
