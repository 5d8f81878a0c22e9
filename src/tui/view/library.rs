//! The library's list (`irview PATH...`): a title bar with the counts, column heads, one row a
//! release (the company written once at the head of its group), error rows with their reason,
//! and a status bar saying how far loading has gone.

use super::fit;
use super::theme::Theme;
use crate::tui::app::{App, Mode};
use crate::tui::layout::Tone;
use crate::tui::shelf::{Shelf, thousands};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthStr;

/// Widths of Company, Ticker, Period, Date and Kind; Title and Path share the rest.
const FIXED: [usize; 5] = [24, 6, 10, 10, 9];
const FIXED_NARROW: [usize; 5] = [14, 6, 9, 10, 8];

pub fn render(app: &App, shelf: &Shelf, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
    let w = area.width as usize;
    // Title bar: what the library holds.
    let releases = shelf
        .lib
        .entries
        .iter()
        .filter(|e| e.error.is_none())
        .count();
    let companies = shelf
        .lib
        .groups
        .iter()
        .filter(|g| !g.key.is_empty())
        .count();
    let errors = shelf.lib.entries.len() - releases;
    let mut title = format!(
        " Library · {} release{} of {} compan{}",
        thousands(releases),
        if releases == 1 { "" } else { "s" },
        thousands(companies),
        if companies == 1 { "y" } else { "ies" },
    );
    if errors > 0 {
        title.push_str(&format!(" · {} not loaded", thousands(errors)));
    }
    buf.set_style(row(0), theme.title_bar());
    buf.set_string(area.x, area.y, fit(&title, w), theme.title_bar());

    let widths = columns(w);
    let heads = irview::library::list::COLUMNS;
    let head: Vec<String> = heads.iter().map(|h| h.to_string()).collect();
    buf.set_string(
        area.x,
        area.y + 1,
        fit(&format!(" {}", line(&head, &widths)), w),
        theme.tone(Tone::ColumnHeader),
    );

    let rows = app.list_rows();
    let list = &shelf.list;
    let open = shelf.open_index();
    if list.visible.is_empty() {
        let why = if shelf.lib.entries.is_empty() && shelf.loading() {
            "loading…"
        } else if shelf.lib.entries.is_empty() {
            "no releases found"
        } else {
            "no release matches the filter (Esc clears it)"
        };
        buf.set_string(
            area.x + 1,
            area.y + 2,
            fit(why, w - 1),
            theme.tone(Tone::Note),
        );
    }
    for (k, &i) in list.visible.iter().enumerate().skip(shelf.top).take(rows) {
        let e = &shelf.lib.entries[i];
        let mut cells = e.cells();
        // The company once, at the head of its group as shown: the rows under it are its own.
        let prev = k
            .checked_sub(1)
            .and_then(|p| list.visible.get(p))
            .map(|&p| &shelf.lib.entries[p]);
        if prev.is_some_and(|p| p.error.is_none() && p.key == e.key) && k != shelf.top {
            cells[0] = String::new();
        } else if cells[0].is_empty() && e.error.is_none() {
            // A group's head names it even when this release does not (the name its other
            // releases give, else its ticker).
            if let Some(g) = shelf
                .lib
                .groups
                .iter()
                .find(|g| g.key == e.key && !g.key.is_empty())
            {
                cells[0] = g.display();
            }
        }
        let selected = k == list.selected;
        let mark = if selected {
            "▶"
        } else if Some(i) == open {
            "·"
        } else {
            " "
        };
        let text = if e.error.is_some() {
            // The reason is the row's news: it takes the title's and the path's room.
            let mut wide = widths;
            (wide[5], wide[6]) = (widths[5] + 1 + widths[6], 0);
            format!("{mark}{}", line(&cells, &wide))
        } else {
            format!("{mark}{}", line(&cells, &widths))
        };
        let y = area.y + 2 + (k - shelf.top) as u16;
        let style = if e.error.is_some() {
            theme.tone(Tone::Down)
        } else {
            Style::default()
        };
        let style = if selected {
            style.patch(theme.selected())
        } else {
            style
        };
        buf.set_style(
            row(y - area.y),
            if selected { style } else { Style::default() },
        );
        buf.set_string(area.x, y, fit(&text, w), style);
    }
    status(app, shelf, row(area.height - 1), buf, theme);
}

/// Column widths for a terminal `w` wide (a mark column first, a space between columns).
fn columns(w: usize) -> [usize; 7] {
    let fixed = if w >= 110 { FIXED } else { FIXED_NARROW };
    let used: usize = fixed.iter().sum::<usize>() + 1 + 6;
    let rest = w.saturating_sub(used);
    // The title reads first; the path (its end, the file's name) gets what is left.
    let title = rest * 3 / 5;
    let path = rest - title;
    [
        fixed[0], fixed[1], fixed[2], fixed[3], fixed[4], title, path,
    ]
}

/// The cells cut or padded to their widths; a path too long for its column is shortened to its
/// file name (what tells one release of a folder from the next).
fn line(cells: &[String], widths: &[usize; 7]) -> String {
    let mut out = String::new();
    for (k, (c, &cw)) in cells.iter().zip(widths).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let c = if k == 6 && c.width() > cw {
            fit(file_name(c), cw)
        } else {
            fit(c, cw)
        };
        let pad = cw.saturating_sub(c.width());
        out.push_str(&c);
        out.push_str(&" ".repeat(pad));
    }
    out.trim_end().to_string()
}

/// The last part of a path as the list shows it (`dir/x.txt #2` is `x.txt #2`).
fn file_name(path: &str) -> &str {
    path.rsplit(['/', std::path::MAIN_SEPARATOR])
        .next()
        .unwrap_or(path)
}

fn status(app: &App, shelf: &Shelf, area: Rect, buf: &mut Buffer, theme: &Theme) {
    buf.set_style(area, theme.status_bar());
    let mut spans: Vec<Span> = Vec::new();
    let n = shelf.list.visible.len();
    let k = if n == 0 { 0 } else { shelf.list.selected + 1 };
    if let Mode::Filter { input } = &app.mode {
        spans.push(Span::styled(format!(" /{input}█ "), theme.status_strong()));
        spans.push(Span::styled(
            format!(" {} shown · Enter keep · Esc clear ", thousands(n)),
            theme.status_bar(),
        ));
    } else {
        spans.push(Span::styled(" Library ", theme.status_strong()));
        spans.push(Span::styled(
            format!("row {}/{} ", thousands(k), thousands(n)),
            theme.status_bar(),
        ));
        if !shelf.list.filter.is_empty() {
            spans.push(Span::styled(
                format!("│ filter \"{}\" ", shelf.list.filter),
                theme.status_bar(),
            ));
        }
    }
    if shelf.loading() {
        spans.push(Span::styled(
            format!(
                "│ loaded {} of {} ",
                thousands(shelf.done),
                thousands(shelf.total)
            ),
            theme.message(),
        ));
    }
    if let Some(m) = &app.message {
        spans.push(Span::styled(format!("│ {m} "), theme.message()));
    }
    let hints: &[&str] = match app.mode {
        Mode::Normal => &[
            "Enter open  / filter  ? help  q quit ",
            "Enter open  q quit ",
        ],
        _ => &[],
    };
    super::status_bar(spans, hints, area, buf, theme);
}
