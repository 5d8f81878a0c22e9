//! The source strip under a list pane's table: the selected row's sentence (or table row) with
//! the span the row was read from painted, so a figure's context reads without a jump.

use super::theme::Theme;
use crate::tui::app::App;
use crate::tui::wrap::wrap;
use irview::document::Source;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let w = area.width as usize;
    let src = app
        .current_pane()
        .and_then(|p| p.rows.get(app.sels.get(app.pane).copied().unwrap_or(0)))
        .and_then(|r| r.source);
    let title = match src {
        Some(s) => format!("─ source · line {} · Enter jumps · s hides ", s.line),
        None => "─ source ".to_string(),
    };
    let rule = format!("{title}{}", "─".repeat(w.saturating_sub(title.width())));
    Line::from(Span::styled(super::fit(&rule, w), theme.border()))
        .render(Rect::new(area.x, area.y, area.width, 1), buf);
    let rows = (area.height as usize).saturating_sub(1);
    let Some(src) = src else {
        if rows > 0 {
            Line::from(Span::raw(" this row has no source in the release"))
                .render(Rect::new(area.x, area.y + 1, area.width, 1), buf);
        }
        return;
    };
    let doc = &app.release.document;
    let around = irview::context::around(doc, src);
    let (flat, hl) = flatten(&doc.text, around, src);
    let width = w.saturating_sub(2).max(1);
    let lines = wrap(&flat, width, width);
    // The window of lines that shows the span's start, a line of lead-in above it if there is.
    let at = lines
        .iter()
        .position(|r| r.end > hl.start)
        .unwrap_or(0)
        .min(lines.len().saturating_sub(1));
    let first = at.saturating_sub(1).min(lines.len().saturating_sub(rows));
    for (k, r) in lines.iter().skip(first).take(rows).enumerate() {
        let mut spans = vec![Span::raw(" ")];
        let (a, b) = (r.start, r.end);
        let (ha, hb) = (hl.start.clamp(a, b), hl.end.clamp(a, b));
        spans.push(Span::raw(&flat[a..ha]));
        spans.push(Span::styled(&flat[ha..hb], theme.jump()));
        spans.push(Span::raw(&flat[hb..b]));
        Line::from(spans).render(Rect::new(area.x, area.y + 1 + k as u16, area.width, 1), buf);
    }
}

/// The context's text on one line (line breaks and runs of spaces as one space, as a sentence
/// reads), and where the source span falls in it.
fn flatten(text: &str, around: Source, src: Source) -> (String, Range<usize>) {
    let piece = text.get(around.start..around.end).unwrap_or("");
    let mut out = String::with_capacity(piece.len());
    let (mut hs, mut he) = (None, 0);
    let mut space = false;
    for (i, ch) in piece.char_indices() {
        let abs = around.start + i;
        let inside = abs >= src.start && abs < src.end;
        if ch.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if inside && hs.is_none() {
            hs = Some(out.len());
        }
        out.push(ch);
        if inside {
            he = out.len();
        }
    }
    let hs = hs.unwrap_or(0);
    (out, hs..he.max(hs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flatten_joins_lines_and_keeps_the_span() {
        let text = "Revenues were\n   $79 million compared to\n$75 million.";
        let s = text.find("$79").unwrap_or(0);
        let around = Source {
            line: 1,
            start: 0,
            end: text.len(),
        };
        let src = Source {
            line: 2,
            start: s,
            end: s + "$79 million".len(),
        };
        let (flat, hl) = flatten(text, around, src);
        assert_eq!(flat, "Revenues were $79 million compared to $75 million.");
        assert_eq!(&flat[hl], "$79 million");
    }
}
