//! Drawing: reads `&App`, never changes it. Header, tabs, the pane body, the status bar, and the
//! help overlay on top.

pub mod body;
pub mod help;
pub mod library;
pub mod series;
pub mod strip;
pub mod theme;

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Mode};
use super::wrap::clip;
use irview::pane::PaneKind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use theme::Theme;
use unicode_width::UnicodeWidthStr;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let theme = Theme {
            color: self.color,
            light: self.light,
            depth: self.depth,
        };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!("terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}");
            let (end, _) = clip(&msg, 0..msg.len(), area.width as usize);
            buf.set_string(area.x, area.y, &msg[..end], Style::default());
            return;
        }
        if let Some(shelf) = self.shelf.as_ref().filter(|s| s.showing) {
            library::render(self, shelf, area, buf, &theme);
            if let Mode::Help { top } = self.mode {
                help::render(self, top, area, buf, &theme);
            }
            return;
        }
        let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
        header(self, row(0), buf, &theme);
        tabs(self, row(1), buf, &theme);
        if let Some(tab) = self.series.as_ref().filter(|_| self.on_series) {
            let body = Rect::new(area.x, area.y + 2, area.width, area.height - 3);
            series::render(self, tab, body, buf, &theme);
            series::status(self, tab, row(area.height - 1), buf, &theme);
            if let Mode::Help { top } = self.mode {
                help::render(self, top, area, buf, &theme);
            }
            return;
        }
        let body_h = area.height - 3;
        let strip = self.strip_height(self.pane) as u16;
        let legend = self.legend_height(self.pane) as u16;
        let (strip, legend) = if strip + legend < body_h {
            (strip, legend)
        } else {
            (0, 0)
        };
        let table_h = body_h - strip - legend;
        let body_area = Rect::new(area.x, area.y + 2, area.width, table_h);
        body::render(self, body_area, buf, &theme);
        let lines = self.legend_lines(self.pane);
        for (k, line) in lines.iter().take(legend as usize).enumerate() {
            // A third line would not fit: the second says there is more.
            let line = if k + 1 == legend as usize && lines.len() > legend as usize {
                fit(&format!("{line} …"), area.width as usize)
            } else {
                fit(line, area.width as usize)
            };
            buf.set_string(
                area.x,
                area.y + 2 + table_h + k as u16,
                line,
                theme.tone(super::layout::Tone::Note),
            );
        }
        if strip > 0 {
            let strip_area = Rect::new(area.x, area.y + 2 + body_h - strip, area.width, strip);
            strip::render(self, strip_area, buf, &theme);
        }
        status(self, row(area.height - 1), buf, &theme);
        if let Mode::Help { top } = self.mode {
            help::render(self, top, area, buf, &theme);
        }
    }
}

/// Fit `s` into `w` columns, cutting with "…" when it does not.
pub fn fit(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let (end, _) = clip(s, 0..s.len(), w.saturating_sub(1));
    format!("{}…", &s[..end])
}

fn header(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let r = &app.release;
    let mut parts: Vec<String> = Vec::new();
    parts.push(r.company.name.clone().unwrap_or_else(|| r.stem()));
    match (&r.company.exchange, &r.company.ticker) {
        (Some(e), Some(t)) => parts.push(format!("{e}: {t}")),
        (None, Some(t)) => parts.push(t.clone()),
        _ => {}
    }
    if let Some(p) = &r.period.label {
        parts.push(p.clone());
    }
    if let Some(d) = &r.date {
        parts.push(format!("released {d}"));
    }
    let left = format!(" {}", parts.join(" · "));
    let w = area.width as usize;
    buf.set_style(area, theme.title_bar());
    let right = format!("irview · {} ", r.stem());
    let line = if r.company.name.is_some() && left.width() + right.width() + 2 <= w {
        format!(
            "{left}{}{right}",
            " ".repeat(w - left.width() - right.width())
        )
    } else {
        fit(&left, w)
    };
    buf.set_string(area.x, area.y, line, theme.title_bar());
}

/// Short tab titles for narrow terminals.
fn short_title(k: PaneKind) -> &'static str {
    match k {
        PaneKind::Release => "Release",
        PaneKind::Highlights => "Highlights",
        PaneKind::Comparison => "Compare",
        PaneKind::Restatement => "Restate",
        PaneKind::Risks => "Risks",
    }
}

fn tabs(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let w = area.width as usize;
    let kinds: Vec<PaneKind> = app.panes.iter().map(|p| p.kind).collect();
    // Match counts in the tab titles tell where `n` will go next.
    let count = |i: usize| {
        app.search
            .as_ref()
            .and_then(|s| s.matches.get(i))
            .map(Vec::len)
            .filter(|&n| n > 0)
    };
    let titles = |f: &dyn Fn(PaneKind) -> &'static str, numbered: bool| -> Vec<String> {
        kinds
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let num = if numbered {
                    format!("{} ", i + 1)
                } else {
                    String::new()
                };
                match count(i) {
                    Some(n) => format!(" {num}{} ({n}) ", f(k)),
                    None => format!(" {num}{} ", f(k)),
                }
            })
            .collect()
    };
    let total = |t: &[String]| t.iter().map(|s| s.width() + 1).sum::<usize>();
    let mut t = titles(&PaneKind::title, true);
    if total(&t) > w {
        t = titles(&short_title, true);
    }
    if total(&t) > w {
        t = titles(&short_title, false);
    }
    if total(&t) > w {
        // Numbers only, but the current pane keeps its name.
        t = kinds
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                if i == app.pane {
                    format!(" {} {} ", i + 1, short_title(k))
                } else {
                    format!(" {} ", i + 1)
                }
            })
            .collect();
    }
    let mut spans = Vec::new();
    let n = t.len();
    if app.series.is_some() {
        // The Series tab after the panes' (S opens it; Tab reaches it from the last pane).
        let title = if total(&t) + 10 <= w {
            " S Series "
        } else {
            " S "
        };
        t.push(title.to_string());
    }
    for (i, s) in t.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("│", theme.tab()));
        }
        let active = if i == n {
            app.on_series
        } else {
            i == app.pane && !app.on_series
        };
        let st = if active {
            theme.tab_active()
        } else {
            theme.tab()
        };
        spans.push(Span::styled(s, st));
    }
    Line::from(spans).render(area, buf);
}

/// The search part of the status bar: "match 3/12", "12 matches", "no matches".
pub fn search_state(app: &App) -> Option<String> {
    let s = app.search.as_ref()?;
    if s.query.trim().is_empty() {
        return None;
    }
    if let Some(e) = &s.error {
        return Some(format!("bad pattern: {}", e.lines().last().unwrap_or("")));
    }
    let here = s.matches.get(app.pane).map(Vec::len).unwrap_or(0);
    let total = s.total();
    let elsewhere = total - here;
    Some(match s.current {
        Some((p, i)) if p == app.pane => format!("match {}/{here}", i + 1),
        _ if here > 0 => format!("{here} matches"),
        _ if elsewhere > 0 => format!("no matches here, {elsewhere} in other panes (n)"),
        _ => "no matches".to_string(),
    })
}

fn status(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    buf.set_style(area, theme.status_bar());
    let (k, n, pct) = app.position();
    let title = app.current_pane().map(|p| p.title()).unwrap_or("");
    let mut spans: Vec<Span> = Vec::new();
    match &app.mode {
        Mode::Search { input } => {
            spans.push(Span::styled(format!(" /{input}█ "), theme.status_strong()));
            if let Some(s) = search_state(app) {
                spans.push(Span::styled(format!(" {s} "), theme.status_bar()));
            }
            spans.push(Span::styled(" Enter keep · Esc drop", theme.status_bar()));
        }
        Mode::Goto { input } => {
            spans.push(Span::styled(format!(" :{input}█ "), theme.status_strong()));
            spans.push(Span::styled(
                format!(" line of {} · Enter go · Esc drop", app.line_total()),
                theme.status_bar(),
            ));
        }
        Mode::Confirm { path } => {
            spans.push(Span::styled(
                format!(" {} exists: replace it? (y/n) ", path.display()),
                theme.message(),
            ));
        }
        _ => {
            spans.push(Span::styled(format!(" {title} "), theme.status_strong()));
            // The Release pane's rows are the release's lines: say the source line, as every
            // pane cites one; a list says its row and the line the row was read from.
            let place = match (app.kind(), app.source_line()) {
                (PaneKind::Release, Some(l)) => format!("line {l}/{} ({pct}%) ", app.line_total()),
                // k/n says how far already; the line takes the percent's room.
                (_, Some(l)) => format!("row {k}/{n} · line {l} "),
                _ => format!("row {k}/{n} ({pct}%) "),
            };
            spans.push(Span::styled(place, theme.status_bar()));
            if let Mode::Count { n, .. } = app.mode {
                spans.push(Span::styled(
                    format!("│ {n}: j k G g or a page key "),
                    theme.message(),
                ));
            }
            if let Some(s) = search_state(app) {
                let q = app.search.as_ref().map(|s| s.query.as_str()).unwrap_or("");
                spans.push(Span::styled(format!("│ \"{q}\" {s} "), theme.status_bar()));
            }
            if let Some(m) = &app.message {
                spans.push(Span::styled(format!("│ {m} "), theme.message()));
            } else if app.pending {
                spans.push(Span::styled("│ extracting figures… ", theme.message()));
            }
        }
    }
    let hints: &[&str] = match app.mode {
        // Opened from a library: how to get back to it and along the company's releases.
        Mode::Normal if app.shelf.is_some() => &[
            "L list  ] [ next/prev release  ? help  q quit ",
            "L list  ? help  q quit ",
            "? help  q quit ",
        ],
        Mode::Normal => &["? help  / search  e export  q quit ", "? help  q quit "],
        Mode::Help { .. } => &["Esc close "],
        _ => &[],
    };
    status_bar(spans, hints, area, buf, theme);
}

/// A status bar: `spans` cut to the width, then the longest of `hints` that fits beside them on
/// the right (the viewer's and the library's bars alike).
pub fn status_bar(spans: Vec<Span>, hints: &[&str], area: Rect, buf: &mut Buffer, theme: &Theme) {
    let w = area.width as usize;
    let mut used = 0usize;
    let mut out: Vec<Span> = Vec::new();
    for sp in spans {
        let sw = sp.content.width();
        if used + sw <= w {
            used += sw;
            out.push(sp);
        } else {
            let rest = fit(&sp.content, w - used);
            used += rest.width();
            out.push(Span::styled(rest, sp.style));
            break;
        }
    }
    if let Some(&hint) = hints.iter().find(|h| used + h.width() < w) {
        out.push(Span::styled(
            " ".repeat(w - used - hint.width()),
            theme.status_bar(),
        ));
        out.push(Span::styled(hint, theme.status_bar()));
    }
    Line::from(out).render(area, buf);
}
