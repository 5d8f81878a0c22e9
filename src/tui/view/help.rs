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

pub fn line_count(km: &Keymap) -> usize {
    lines(km).len()
}

pub fn render(app: &App, top: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let all = lines(&app.keymap);
    let key_w = all
        .iter()
        .filter(|l| !l.2)
        .map(|l| l.0.width())
        .max()
        .unwrap_or(0);
    let text_w = all.iter().map(|l| l.1.width()).max().unwrap_or(0);
    let w = (key_w + text_w + 6).min(area.width.saturating_sub(2) as usize) as u16;
    let h = (all.len() + 2).min(area.height.saturating_sub(2) as usize) as u16;
    let x = area.x + (area.width.saturating_sub(w)) / 2;
    let y = area.y + (area.height.saturating_sub(h)) / 2;
    let r = Rect::new(x, y, w, h);
    Clear.render(r, buf);
    let more = all.len() > (h as usize).saturating_sub(2);
    let title = if more {
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
    for (i, (k, t, group)) in all.iter().skip(top).take(inner.height as usize).enumerate() {
        let line = if *group {
            Line::from(Span::styled(
                k.as_str(),
                Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ))
        } else {
            let pad = key_w.saturating_sub(k.width());
            Line::from(vec![
                Span::styled(
                    format!(" {k}{} ", " ".repeat(pad)),
                    theme.tone(crate::tui::layout::Tone::Bold),
                ),
                Span::raw(t.as_str()),
            ])
        };
        line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
    }
}
