//! The Series tab: a company's metrics (rows) by period (columns) as first reported, a revised
//! cell marked †, the selected metric's derived QoQ and YoY under the table, a line saying what
//! the selected cell is and where it came from, a line saying which release revised the row's
//! cells and from what, and a bar chart of the selected metric over the periods shown, each bar
//! with its value written on it (so it reads without colour).

use super::fit;
use super::theme::Theme;
use crate::tui::app::App;
use crate::tui::layout::Tone;
use crate::tui::series_tab::SeriesTab;
use irview::format;
use irview::library::series::{Change, Metric};
use irview::release::unit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};
use rust_decimal::prelude::ToPrimitive;
use unicode_width::UnicodeWidthStr;

/// A period's column, its value right-aligned and a mark after it.
const COL: usize = 10;
/// The revised mark.
pub const REVISED: &str = "†";

/// Where the parts of the tab go at a terminal's size: the rows and columns of the table
/// (without its head), and the chart's height.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub label: usize,
    pub cols: usize,
    pub rows: usize,
    pub chart: usize,
    /// Rows left under the chart for guidance vs actual and what changed.
    pub sections: usize,
}

/// Rows under the table: QoQ, YoY, the cell's line, the revisions' line, the legend.
const UNDER: usize = 5;

impl Geometry {
    /// At a terminal of `w` x `h`, for a table of `metrics` rows: the table as tall as its
    /// rows (scrolling when they do not fit beside a chart of 7 and three rows of sections),
    /// the chart the rest (to 10), the sections what is left.
    pub fn new((w, h): (u16, u16), metrics: usize) -> Geometry {
        let (w, h) = (w as usize, h as usize);
        let label = (w * 3 / 10).clamp(12, 30);
        let cols = (w.saturating_sub(label + 1) / COL).max(1);
        // Header, tabs and status bar; then the table's head and what goes under it.
        let body = h.saturating_sub(3);
        let least = if body >= 18 { 7 } else { 0 };
        // And three rows for guidance and what changed, so that at 80×24 the reader sees they
        // are there (the table scrolls instead): beside a full table they were never shown.
        let keep = if least == 0 { 0 } else { 3 };
        let rows = metrics
            .min(body.saturating_sub(1 + UNDER + least + keep))
            .max(1);
        let rest = body.saturating_sub(1 + UNDER + rows);
        let chart = if least == 0 {
            0
        } else {
            rest.saturating_sub(keep).min(10)
        };
        let sections = rest - chart;
        Geometry {
            label,
            cols,
            rows,
            chart,
            sections,
        }
    }
}

/// A value as a cell shows it: "$7.8B", "-$1.19B", "$0.62", "23.5%".
fn value(v: &irview::release::Value, u: &str) -> String {
    format::value(v, Some(u))
}

/// A derived change as a cell of the QoQ and YoY rows shows it: a percent, or points for a
/// percentage metric; "n/m" (not meaningful) where there is no percent (from a loss or a zero,
/// or across a change of sign), so the row holds percents only.
fn change(c: &Change, u: &str) -> String {
    if u == unit::PERCENT {
        return format!("{} pts", format::change(&c.change, None));
    }
    match &c.change_pct {
        Some(p) => format::pct(p),
        None => "n/m".into(),
    }
}

/// A derived change as the selected cell's line says it: the percent, else the change itself
/// ("-$1.458B, % n/m").
fn change_said(c: &Change, u: &str) -> String {
    match &c.change_pct {
        None if u != unit::PERCENT => format!("{}, % n/m", format::change(&c.change, Some(u))),
        _ => change(c, u),
    }
}

fn pad_right(s: &str, w: usize) -> String {
    let s = fit(s, w);
    let pad = w.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(pad))
}

fn pad_left(s: &str, w: usize) -> String {
    let s = fit(s, w);
    let pad = w.saturating_sub(s.width());
    format!("{}{s}", " ".repeat(pad))
}

/// The file name of a release id (a path, with `#N` for one of several in a file).
fn short(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

pub fn render(app: &App, tab: &SeriesTab, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let g = app.series_geometry();
    let w = area.width as usize;
    let s = &tab.series;
    let periods: Vec<usize> = (tab.left..s.periods.len()).take(g.cols).collect();
    let mut y = area.y;
    let put = |buf: &mut Buffer, y: u16, text: &str, style: Style| {
        buf.set_string(area.x, y, fit(text, w), style);
    };
    // The head: the periods shown, with ‹ › when there are more either side.
    let mut head = pad_right(&format!(" {}, as first reported", s.company), g.label);
    head.push(' ');
    let mut head_spans = Vec::new();
    for &p in &periods {
        head_spans.push(Span::raw(std::mem::take(&mut head)));
        // The selected period's head stands out, so the column reads without colour too.
        head_spans.push(Span::styled(
            pad_left(&s.periods[p], COL - 1),
            if p == tab.col {
                theme
                    .tone(Tone::ColumnHeader)
                    .add_modifier(Modifier::REVERSED)
            } else {
                theme.tone(Tone::ColumnHeader)
            },
        ));
        head.push(' ');
    }
    let more = match (tab.left > 0, tab.left + g.cols < s.periods.len()) {
        (true, true) => " ‹ ›",
        (true, false) => " ‹",
        (false, true) => " ›",
        (false, false) => "",
    };
    head.push_str(more);
    head_spans.push(Span::raw(head));
    Line::from(head_spans)
        .style(theme.tone(Tone::ColumnHeader))
        .render(Rect::new(area.x, y, area.width, 1), buf);
    y += 1;
    if s.metrics.is_empty() {
        put(
            buf,
            y,
            " No metric is stated by two of the company's releases.",
            theme.tone(Tone::Note),
        );
    }
    for (r, m) in s.metrics.iter().enumerate().skip(tab.top).take(g.rows) {
        let selected = r == tab.row;
        let mark = if selected { "▶" } else { " " };
        let mut spans = vec![Span::styled(
            pad_right(&format!("{mark}{}", m.label), g.label + 1),
            if selected {
                theme.tone(Tone::Bold)
            } else {
                Style::default()
            },
        )];
        for &p in &periods {
            let cell = m.cell(&s.periods[p]);
            let text = cell.map(|c| value(&c.value, &m.unit)).unwrap_or_default();
            let revised = cell.is_some_and(|c| c.revised());
            let mut st = if revised {
                theme.tone(Tone::Status)
            } else {
                Style::default()
            };
            if selected && p == tab.col {
                st = st.patch(theme.selected()).add_modifier(Modifier::REVERSED);
            }
            spans.push(Span::styled(pad_left(&text, COL - 1), st));
            spans.push(Span::styled(
                if revised { REVISED } else { " " },
                theme.tone(Tone::Status),
            ));
        }
        Line::from(spans).render(Rect::new(area.x, y, area.width, 1), buf);
        y += 1;
    }
    y = area.y + 1 + g.rows as u16;
    let Some(m) = tab.metric() else { return };
    // The selected metric's derived changes, period by period.
    for (name, pick) in [
        (
            "QoQ",
            (|c: &irview::library::series::Cell| c.qoq.clone()) as fn(&_) -> _,
        ),
        ("YoY", |c| c.yoy.clone()),
    ] {
        let mut line = pad_right(&format!("  {name} (derived)"), g.label + 1);
        for &p in &periods {
            let text = m
                .cell(&s.periods[p])
                .and_then(pick)
                .map(|c| change(&c, &m.unit))
                .unwrap_or_default();
            line.push_str(&pad_left(&text, COL - 1));
            line.push(' ');
        }
        put(buf, y, &line, theme.tone(Tone::Dim));
        y += 1;
    }
    put(buf, y, &cell_line(tab, m), theme.tone(Tone::Plain));
    y += 1;
    put(
        buf,
        y,
        &revised_line(m, tab.period()),
        theme.tone(Tone::Status),
    );
    y += 1;
    put(
        buf,
        y,
        &format!(
            " {REVISED} revised: a later release states another value · QoQ, YoY derived from the cells · Enter: the source"
        ),
        theme.tone(Tone::Note),
    );
    y += 1;
    if g.chart > 0 {
        let chart = Rect::new(area.x, y, area.width, g.chart as u16);
        self::chart(m, s, &periods, g, chart, buf, theme);
        y += g.chart as u16;
    }
    // With three rows or fewer (80×24), the blank lines that part the sections would take
    // them: without, both headings (guidance, what changed) show, so the reader knows both.
    let mut lines = sections(tab);
    if g.sections <= 3 {
        lines.retain(|(t, _)| !t.is_empty());
    }
    for (k, (text, tone)) in lines.iter().take(g.sections).enumerate() {
        let more = k + 1 == g.sections && lines.len() > g.sections;
        let text = if more {
            format!("{text} … (e exports it all)")
        } else {
            text.clone()
        };
        put(buf, y + k as u16, &text, theme.tone(*tone));
    }
}

/// Guidance against actuals, then what changed in the open release against the company's
/// previous one: a line each, as many as there is room for.
fn sections(tab: &SeriesTab) -> Vec<(String, Tone)> {
    let s = &tab.series;
    let mut out = vec![(String::new(), Tone::Plain)];
    out.push((" Guidance vs actual".into(), Tone::Heading(1)));
    if s.guidance.is_empty() {
        out.push((
            "  no release of the series gives guidance".into(),
            Tone::Note,
        ));
    }
    for g in &s.guidance {
        let u = g.unit.as_deref();
        let verdict = match (g.verdict, &g.by) {
            (Some(v), Some(by)) if !by.0.is_zero() => format!(
                "{} by {}",
                v.name(),
                format::value(&irview::release::Value(by.0.abs()), u)
            ),
            (Some(v), _) => v.name().to_string(),
            (None, _) if g.change => "a change, not compared".into(),
            (None, _) => "no actual yet".into(),
        };
        let actual = match (&g.actual, &g.actual_release) {
            (Some(a), Some(r)) => format!(", actual {} ({})", format::value(a, u), short(r)),
            _ => String::new(),
        };
        out.push((
            format!(
                "  {}, {}: {} given in {} line {}{actual}: {verdict}",
                g.label,
                g.period,
                format::range(g.low.as_ref(), g.high.as_ref(), u),
                short(&g.given_in),
                g.line
            ),
            Tone::Plain,
        ));
    }
    out.push((String::new(), Tone::Plain));
    let Some(d) = &tab.changed else {
        out.push((
            " What changed: this is the company's first release in the library".into(),
            Tone::Heading(1),
        ));
        return out;
    };
    out.push((
        format!(
            " What changed since {} ({})",
            d.old.period.as_deref().unwrap_or("the previous release"),
            short(&d.old.release)
        ),
        Tone::Heading(1),
    ));
    let r = &d.risks;
    out.push((
        format!(
            "  risk factors: {} added, {} removed, {} reworded, {} unchanged",
            r.added.len(),
            r.removed.len(),
            r.reworded.len(),
            r.unchanged
        ),
        Tone::Plain,
    ));
    for e in &d.events {
        let state = |s: Option<irview::release::EventState>| {
            s.map_or("not mentioned".to_string(), |s| s.name().to_string())
        };
        out.push((
            format!("  {}: {} → {}", e.label, state(e.old), state(e.new)),
            Tone::Plain,
        ));
    }
    for m in &d.moved {
        out.push((
            format!(
                "  {}, {}: {} → {} (line {} → {})",
                m.label,
                m.period,
                value(&m.old, &m.unit),
                value(&m.new, &m.unit),
                m.old_line,
                m.new_line
            ),
            Tone::Plain,
        ));
    }
    out
}

/// The selected cell: its value, the release and line it was first reported in, its changes.
fn cell_line(tab: &SeriesTab, m: &Metric) -> String {
    let period = tab.period().unwrap_or("");
    let Some(c) = tab.cell() else {
        return format!(" {}, {period}: no release states it", m.label);
    };
    let mut s = format!(
        " {}, {period}: {} first reported in {} line {}",
        m.label,
        value(&c.value, &m.unit),
        short(&c.release),
        c.line
    );
    if let Some(q) = &c.qoq {
        s.push_str(&format!(" · QoQ {} (derived)", change_said(q, &m.unit)));
    }
    if let Some(q) = &c.yoy {
        s.push_str(&format!(" · YoY {} (derived)", change_said(q, &m.unit)));
    }
    s
}

/// Which releases revised the row's cells, and from what: the selected period's first.
fn revised_line(m: &Metric, selected: Option<&str>) -> String {
    let mut cells: Vec<_> = m.values.iter().filter(|c| c.revised()).collect();
    cells.sort_by_key(|c| Some(c.period.as_str()) != selected);
    let parts: Vec<String> = cells
        .into_iter()
        .map(|c| {
            let by = c.revisions.last();
            format!(
                "{} {} → {} by {}",
                c.period,
                value(&c.value, &m.unit),
                by.map(|r| value(&r.value, &m.unit)).unwrap_or_default(),
                by.map(|r| short(&r.release)).unwrap_or("")
            )
        })
        .collect();
    if parts.is_empty() {
        format!(" {}: no value revised by a later release", m.label)
    } else {
        format!(" {REVISED} revised: {}", parts.join("; "))
    }
}

/// The selected metric over the periods the table shows, a bar under each column. Bars are
/// the values' size; a negative value's bar is drawn in the loss colour, and its written value
/// keeps the minus sign.
fn chart(
    m: &Metric,
    s: &irview::library::series::Series,
    periods: &[usize],
    g: Geometry,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let caption = format!(" {} by period (bar: size; − below zero)", m.label);
    buf.set_string(
        area.x,
        area.y,
        fit(&caption, area.width as usize),
        theme.tone(Tone::Note),
    );
    let bars: Vec<Bar> = periods
        .iter()
        .map(|&p| {
            let c = m.cell(&s.periods[p]);
            let v = c.map(|c| c.value.0);
            let size = v
                .and_then(|v| (v.abs() * rust_decimal::Decimal::from(1000)).to_u64())
                .unwrap_or(0);
            let negative = v.is_some_and(|v| v.is_sign_negative() && !v.is_zero());
            let style = if negative {
                theme.tone(Tone::Down)
            } else {
                theme.tone(Tone::Heading(1))
            };
            Bar::default()
                .value(size)
                .text_value(c.map(|c| value(&c.value, &m.unit)).unwrap_or_default())
                .label(Line::from(s.periods[p].clone()))
                .style(style)
                .value_style(style.add_modifier(Modifier::REVERSED | Modifier::BOLD))
        })
        .collect();
    let x = area.x + g.label as u16 + 1;
    let rect = Rect::new(
        x,
        area.y + 1,
        area.width.saturating_sub(x - area.x),
        area.height.saturating_sub(1),
    );
    BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width((COL - 1) as u16)
        .bar_gap(1)
        .render(rect, buf);
}

/// The Series tab's status bar.
pub fn status(app: &App, tab: &SeriesTab, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let w = area.width as usize;
    buf.set_style(area, theme.status_bar());
    if let crate::tui::app::Mode::Confirm { path } = &app.mode {
        let ask = format!(" {} exists: replace it? (y/n) ", path.display());
        buf.set_string(area.x, area.y, fit(&ask, w), theme.message());
        return;
    }
    let s = &tab.series;
    let mut spans = vec![
        Span::styled(" Series ", theme.status_strong()),
        Span::styled(
            format!(
                "metric {}/{} · {} ({}/{}) ",
                (tab.row + 1).min(s.metrics.len()),
                s.metrics.len(),
                tab.period().unwrap_or(""),
                tab.col + 1,
                s.periods.len()
            ),
            theme.status_bar(),
        ),
    ];
    if let Some(m) = &app.message {
        spans.push(Span::styled(format!("│ {m} "), theme.message()));
    }
    let mut used = 0;
    let mut out = Vec::new();
    for sp in spans {
        let sw = sp.content.width();
        if used + sw > w {
            out.push(Span::styled(fit(&sp.content, w - used), sp.style));
            used = w;
            break;
        }
        used += sw;
        out.push(sp);
    }
    let hints = [
        "< > period  Enter source  ? help  q quit ",
        "? help  q quit ",
    ];
    if let Some(hint) = hints.iter().find(|h| used + h.width() < w) {
        out.push(Span::styled(
            " ".repeat(w - used - hint.width()),
            theme.status_bar(),
        ));
        out.push(Span::styled(*hint, theme.status_bar()));
    }
    Line::from(out).render(area, buf);
}
