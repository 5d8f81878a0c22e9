//! The help overlay, generated from the keymap so it always says what the keys do.

use super::theme::Theme;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// A number typed before a move: not a keymap entry, since any digit starts one.
const COUNT_KEYS: [(&str, &str); 2] = [
    ("5j 5k", "a number before a move repeats it"),
    ("50G :50", "row 50; in the Release pane, line 50"),
];

/// Keys of the search and line prompts and the y/n prompt: input, not keymap commands.
const PROMPT_KEYS: [(&str, &str); 4] = [
    ("Enter", "keep the search, or go to the line"),
    (
        "Esc",
        "drop the search (back to where it started) or the line",
    ),
    ("Bksp Ctrl-u", "delete a character / the whole query"),
    ("y n", "answer the replace-file prompt"),
];

/// (keys column, text, is a group title) for each help line.
fn lines(km: &Keymap) -> Vec<(String, String, bool)> {
    // (keys, text, is a group title, is the pane keys' line)
    let mut out: Vec<(String, String, bool, bool)> = Vec::new();
    let mut group = "";
    for b in &km.bindings {
        if b.group != group {
            if !out.is_empty() {
                out.push((String::new(), String::new(), false, false));
            }
            group = &b.group;
            out.push((group.to_string(), String::new(), true, false));
        }
        let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
        // The pane keys, one a pane, read best as one line: "1 2 3 4 5  Release · …".
        let pane_key = matches!(b.action, crate::tui::action::Action::GoPane(_));
        if pane_key && let Some(last) = out.last_mut().filter(|l| !l.2 && l.3) {
            last.0.push(' ');
            last.0.push_str(&keys.join(" "));
            last.1.push_str(" · ");
            last.1.push_str(&b.help);
            continue;
        }
        out.push((keys.join(" "), b.help.clone(), false, pane_key));
    }
    let mut out: Vec<(String, String, bool)> =
        out.into_iter().map(|(k, t, g, _)| (k, t, g)).collect();
    out.push((String::new(), String::new(), false));
    out.push(("Counts".into(), String::new(), true));
    for (k, h) in COUNT_KEYS {
        out.push((k.into(), h.into(), false));
    }
    out.push((String::new(), String::new(), false));
    out.push(("In the prompts".into(), String::new(), true));
    for (k, h) in PROMPT_KEYS {
        out.push((k.into(), h.into(), false));
    }
    out
}

/// One drawn row of the overlay.
#[derive(Debug, Clone, PartialEq)]
enum Row {
    Group(String),
    /// Keys (empty on a wrapped continuation) and text.
    Entry(String, String),
    Blank,
}

/// The overlay laid out for a terminal: its size and one or two columns of rows.
struct Laid {
    w: u16,
    h: u16,
    key_w: usize,
    columns: Vec<Vec<Row>>,
}

/// Narrowest column worth splitting into: keys plus a few words of text.
const MIN_COLUMN: usize = 50;

fn rows(all: &[(String, String, bool)], text_w: Option<usize>) -> Vec<Row> {
    let mut out = Vec::new();
    for (k, t, group) in all {
        if *group {
            out.push(Row::Group(k.clone()));
        } else if k.is_empty() && t.is_empty() {
            out.push(Row::Blank);
        } else if let Some(tw) = text_w {
            for (i, r) in crate::tui::wrap::wrap(t, tw, tw).into_iter().enumerate() {
                let keys = if i == 0 { k.clone() } else { String::new() };
                out.push(Row::Entry(keys, t[r].to_string()));
            }
        } else {
            out.push(Row::Entry(k.clone(), t.clone()));
        }
    }
    out
}

/// Where to cut the rows in two: at a blank row between groups, the cut that makes the taller
/// column shortest. None when no cut leaves both columns within `height`.
fn split(rows: &[Row], height: usize) -> Option<(Vec<Row>, Vec<Row>)> {
    let best = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| **r == Row::Blank)
        .map(|(i, _)| (i, i.max(rows.len() - i - 1)))
        .min_by_key(|&(_, tall)| tall)?;
    (best.1 <= height).then(|| (rows[..best.0].to_vec(), rows[best.0 + 1..].to_vec()))
}

/// The overlay for an area of `width` × `height`: one column when everything fits or the terminal
/// is narrow (then it scrolls); two columns, texts wrapped, when that shows every key at once.
fn lay_out(km: &Keymap, width: u16, height: u16) -> Laid {
    let all = lines(km);
    let key_w = all
        .iter()
        .filter(|l| !l.2)
        .map(|l| l.0.width())
        .max()
        .unwrap_or(0);
    let text_w = all.iter().map(|l| l.1.width()).max().unwrap_or(0);
    let avail_w = width.saturating_sub(2) as usize;
    let avail_h = height.saturating_sub(2) as usize;
    let inner_h = avail_h.saturating_sub(2);
    let one = rows(&all, None);
    if one.len() > inner_h && avail_w >= 2 * MIN_COLUMN + 3 {
        // Each column: a space, the keys, a space, the text; one rule between the columns.
        let col = ((avail_w - 3) / 2).min(key_w + text_w + 2);
        let tw = col.saturating_sub(key_w + 2).max(1);
        let wrapped = rows(&all, Some(tw));
        if let Some((left, right)) = split(&wrapped, inner_h) {
            let tall = left.len().max(right.len());
            return Laid {
                w: (2 * col + 3) as u16,
                h: (tall + 2) as u16,
                key_w,
                columns: vec![left, right],
            };
        }
    }
    // One column; texts wrapped when the terminal is narrower than the longest.
    let one = if key_w + text_w + 6 > avail_w {
        rows(&all, Some(avail_w.saturating_sub(key_w + 4).max(1)))
    } else {
        one
    };
    Laid {
        w: (key_w + text_w + 6).min(avail_w) as u16,
        h: (one.len() + 2).min(avail_h) as u16,
        key_w,
        columns: vec![one],
    }
}

/// How far the overlay scrolls on a terminal of `width` × `height` (0 when it all shows).
pub fn scroll_max(km: &Keymap, width: u16, height: u16) -> usize {
    let laid = lay_out(km, width, height);
    let inner = (laid.h as usize).saturating_sub(2);
    match laid.columns.as_slice() {
        [one] => one.len().saturating_sub(inner),
        _ => 0,
    }
}

pub fn render(app: &App, top: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let laid = lay_out(&app.keymap, area.width, area.height);
    let (w, h) = (laid.w, laid.h);
    let x = area.x + (area.width.saturating_sub(w)) / 2;
    let y = area.y + (area.height.saturating_sub(h)) / 2;
    let r = Rect::new(x, y, w, h);
    Clear.render(r, buf);
    let title = if scroll_max(&app.keymap, area.width, area.height) > 0 {
        " Keys (j/k scroll, Esc closes) "
    } else {
        " Keys (Esc closes) "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(title);
    let inner = block.inner(r);
    block.render(r, buf);
    let two = laid.columns.len() == 2;
    let col_w = if two {
        (inner.width.saturating_sub(1)) / 2
    } else {
        inner.width
    };
    let skip = if two { 0 } else { top };
    for (c, column) in laid.columns.iter().enumerate() {
        let cx = inner.x + c as u16 * (col_w + 1);
        if c > 0 {
            for i in 0..inner.height {
                buf.set_string(cx - 1, inner.y + i, "│", theme.border());
            }
        }
        for (i, row) in column
            .iter()
            .skip(skip)
            .take(inner.height as usize)
            .enumerate()
        {
            let line = match row {
                Row::Group(g) => Line::from(Span::styled(
                    g.as_str(),
                    Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                )),
                Row::Blank => Line::default(),
                Row::Entry(k, t) => {
                    let pad = laid.key_w.saturating_sub(k.width());
                    Line::from(vec![
                        Span::styled(
                            format!(" {k}{} ", " ".repeat(pad)),
                            theme.tone(crate::tui::layout::Tone::Bold),
                        ),
                        Span::raw(t.as_str()),
                    ])
                }
            };
            line.render(Rect::new(cx, inner.y + i as u16, col_w, 1), buf);
        }
    }
}
