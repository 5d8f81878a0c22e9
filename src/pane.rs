//! The panes, built once from a Release into neutral rows of text with their sources.
//!
//! The TUI draws these rows, the Markdown exporter writes them and search walks them, so what is
//! exported is what is seen.

use crate::document::{BlockKind, Source};
use crate::format;
use crate::release::{ComparisonKind, Direction, Release};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaneKind {
    Release,
    Highlights,
    Comparison,
    Restatement,
    Risks,
}

impl PaneKind {
    pub const ALL: [PaneKind; 5] = [
        PaneKind::Release,
        PaneKind::Highlights,
        PaneKind::Comparison,
        PaneKind::Restatement,
        PaneKind::Risks,
    ];

    /// The name used on the command line and in file names (a contract: `--pane NAME`).
    pub fn name(self) -> &'static str {
        match self {
            PaneKind::Release => "release",
            PaneKind::Highlights => "highlights",
            PaneKind::Comparison => "comparison",
            PaneKind::Restatement => "restatement",
            PaneKind::Risks => "risks",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            PaneKind::Release => "Release",
            PaneKind::Highlights => "Highlights",
            PaneKind::Comparison => "Quarter comparison",
            PaneKind::Restatement => "Restatement",
            PaneKind::Risks => "Risk factors",
        }
    }

    pub fn from_name(s: &str) -> Option<PaneKind> {
        PaneKind::ALL.into_iter().find(|k| k.name() == s)
    }

    pub fn index(self) -> usize {
        PaneKind::ALL.iter().position(|&k| k == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub title: &'static str,
    pub align: Align,
}

/// What a row is, so the TUI and the exporter can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A line of release text (Release pane); `block` says which kind of block holds it.
    Line { block: Option<BlockKind> },
    /// A record of a table pane (a figure, a comparison, a matter, a risk).
    Record,
    /// An event of the matter above it (Restatement pane): the matter's steps in time order.
    Step,
    /// A summary line on top of a pane (the restatement's overall status).
    Status,
    /// A plain sentence where a pane has nothing to list.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaneRow {
    pub kind: RowKind,
    /// One string per column (a single cell for Line, Status and Note rows).
    pub cells: Vec<String>,
    pub source: Option<Source>,
    pub direction: Option<Direction>,
    /// Index of the table (in `Document::tables`) this line belongs to, for Release rows.
    pub table: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pane {
    pub kind: PaneKind,
    pub columns: Vec<Column>,
    pub rows: Vec<PaneRow>,
}

impl Pane {
    pub fn title(&self) -> &'static str {
        self.kind.title()
    }
}

fn col(title: &'static str, align: Align) -> Column {
    Column { title, align }
}

fn record(cells: Vec<String>, source: Source, direction: Option<Direction>) -> PaneRow {
    PaneRow {
        kind: RowKind::Record,
        cells,
        source: Some(source),
        direction,
        table: None,
    }
}

fn note(text: &str) -> PaneRow {
    PaneRow {
        kind: RowKind::Note,
        cells: vec![text.to_string()],
        source: None,
        direction: None,
        table: None,
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn trend(direction: Option<Direction>, magnitude: &Option<String>) -> String {
    match (direction, magnitude) {
        (Some(d), Some(m)) => format!("{} {} {}", d.arrow(), d.name(), m),
        (Some(d), None) => format!("{} {}", d.arrow(), d.name()),
        (None, Some(m)) => m.clone(),
        (None, None) => String::new(),
    }
}

/// What the marks of a pane's table mean, for those marks its rows use: (mark, meaning), in a
/// fixed order. The viewer shows them under the table and the Markdown export after it, so no
/// sign (`*`, ▲, QoQ, non-GAAP) is left for the reader to guess.
pub fn legend(pane: &Pane) -> Vec<(&'static str, &'static str)> {
    let column = |title: &str| pane.columns.iter().position(|c| c.title == title);
    let any = |title: &str, f: &dyn Fn(&str) -> bool| {
        column(title).is_some_and(|i| {
            pane.rows
                .iter()
                .filter(|r| r.kind == RowKind::Record)
                .any(|r| r.cells.get(i).is_some_and(|c| f(c)))
        })
    };
    let mut out = Vec::new();
    if any("Prior", &|c| c.ends_with('*')) {
        out.push(("*", "derived prior (from the value and the stated change)"));
    }
    for d in [Direction::Up, Direction::Down, Direction::Flat] {
        if any("Trend", &|c| c.starts_with(d.arrow())) {
            out.push((d.arrow(), d.name()));
        }
    }
    for (kind, meaning) in [
        ("QoQ", "vs the quarter before"),
        ("YoY", "vs a year before"),
        ("FY", "full year vs the year before"),
    ] {
        if any("Kind", &|c| c == kind) {
            out.push((kind, meaning));
        }
    }
    if any("Basis", &|c| c == "non-GAAP") {
        out.push(("non-GAAP", "adjusted (blank: GAAP or not said)"));
    }
    if any("Line", &|c| c.contains(',')) {
        out.push(("13, 57", "stated on several lines"));
    }
    out
}

/// Build every pane, in tab order.
pub fn build_panes(r: &Release) -> Vec<Pane> {
    PaneKind::ALL.iter().map(|&k| build(r, k)).collect()
}

/// The panes of a release whose text is in but whose extraction is still running: the Release
/// pane as usual, the others with their columns and one note saying so (not "nothing found",
/// which would be wrong a moment later).
pub fn pending_panes(r: &Release) -> Vec<Pane> {
    placeholder_panes(r, PENDING)
}

/// The note of a pane whose extraction is still running.
pub const PENDING: &str = "Reading the release… (this pane fills in when extraction is done)";

/// The Release pane, and every other pane with its columns and the one note `text`.
pub fn placeholder_panes(r: &Release, text: &str) -> Vec<Pane> {
    PaneKind::ALL
        .iter()
        .map(|&k| {
            let mut p = build(r, k);
            if k != PaneKind::Release {
                p.rows = vec![note(text)];
            }
            p
        })
        .collect()
}

pub fn build(r: &Release, kind: PaneKind) -> Pane {
    match kind {
        PaneKind::Release => release_pane(r),
        PaneKind::Highlights => highlights_pane(r),
        PaneKind::Comparison => comparison_pane(r),
        PaneKind::Restatement => restatement_pane(r),
        PaneKind::Risks => risks_pane(r),
    }
}

fn release_pane(r: &Release) -> Pane {
    let doc = &r.document;
    // Which block each line belongs to: blocks are sorted and do not overlap.
    let mut line_block: Vec<Option<(BlockKind, Option<usize>)>> = vec![None; doc.line_count() + 1];
    for b in &doc.blocks {
        let last = b.last_line.min(doc.line_count());
        if b.line <= last {
            line_block[b.line..=last].fill(Some((b.kind, b.table)));
        }
    }
    let rows = doc
        .lines()
        .map(|(n, start, text)| {
            let (block, table) = match line_block[n] {
                Some((k, t)) => (Some(k), t),
                None => (None, None),
            };
            PaneRow {
                kind: RowKind::Line { block },
                cells: vec![text.to_string()],
                source: Some(Source {
                    line: n,
                    start,
                    end: start + text.len(),
                }),
                direction: None,
                table,
            }
        })
        .collect();
    Pane {
        kind: PaneKind::Release,
        columns: vec![col("Text", Align::Left)],
        rows,
    }
}

/// Metrics a reader looks for first, in the order the Highlights and Comparison panes list them;
/// the other metrics follow in the order the release first states them.
pub const METRIC_ORDER: &[&str] = &[
    "revenue",
    "gross_margin",
    "operating_income",
    "net_income",
    "eps_diluted",
    "eps_basic",
    "cash_and_investments",
    "cash_flow_operations",
];

/// The name a reader sees for a canonical metric: the lexicon's display name ("EPS (diluted)"),
/// else the canonical name in words ("some_metric" → "Some metric").
pub fn metric_display(metric: &str) -> String {
    if let Some(d) = crate::extract::lexicon::get().display(metric) {
        return d.to_string();
    }
    let words = metric.replace('_', " ");
    let mut cs = words.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// A rank per distinct key: the fixed ones first (by their place in `fixed`), the others by first
/// appearance in `keys`. The same input always gives the same ranks.
fn ranks<'a>(keys: impl Iterator<Item = &'a str>, fixed: &[&str]) -> HashMap<&'a str, usize> {
    let mut out: HashMap<&'a str, usize> = HashMap::new();
    let mut next = fixed.len();
    for k in keys {
        if out.contains_key(k) {
            continue;
        }
        let r = match fixed.iter().position(|f| *f == k) {
            Some(i) => i,
            None => {
                next += 1;
                next - 1
            }
        };
        out.insert(k, r);
    }
    out
}

/// 0 for the company as a whole, else 1 + the segment's place of first appearance.
fn segment_rank(seg: &Option<String>, ranks: &HashMap<&str, usize>) -> usize {
    match seg.as_deref() {
        None => 0,
        Some(s) => 1 + ranks.get(s).copied().unwrap_or(usize::MAX - 1),
    }
}

/// The release's own periods: its label ("Q4 FY2014") and its fiscal year ("FY2014").
fn own_periods(r: &Release) -> (Option<String>, Option<String>) {
    let label = r.period.label.clone().filter(|s| !s.is_empty());
    let fy = r.period.fiscal_year.map(|y| format!("FY{y}")).or_else(|| {
        label.as_deref().and_then(|l| {
            l.split_whitespace()
                .find(|w| w.starts_with("FY") && w.len() > 2)
                .map(str::to_string)
        })
    });
    (label, fy)
}

/// The cell of a figure's source lines: its own, then the other places it is stated ("13, 57").
fn lines_cell(source: &Source, also: &[Source]) -> String {
    let mut lines = vec![source.line];
    let mut rest: Vec<usize> = also.iter().map(|s| s.line).collect();
    rest.sort_unstable();
    for l in rest {
        if !lines.contains(&l) {
            lines.push(l);
        }
    }
    lines
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The words as written: the release's name for the metric before the figure's text, unless the
/// text (a statement) already says it ("Revenues: $79 million").
fn as_written(label: &str, text: &str) -> String {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let norm = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() || norm.to_lowercase().contains(&label.to_lowercase()) {
        text.to_string()
    } else if text.is_empty() {
        label
    } else {
        format!("{label}: {text}")
    }
}

fn basis_cell(b: Option<crate::release::Basis>) -> String {
    b.map(|b| b.name().to_string()).unwrap_or_default()
}

/// GAAP (or unmarked) figures before the non-GAAP ones of the same metric and period.
fn basis_rank(b: Option<crate::release::Basis>) -> usize {
    usize::from(b == Some(crate::release::Basis::NonGaap))
}

fn has_segment(seg: &Option<String>) -> bool {
    seg.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// Where a Highlights row sorts: (group: own period, earlier, statement, guidance; metric rank;
/// segment rank; the release's period before its fiscal year, GAAP before non-GAAP in each;
/// index in the release).
type HighlightKey = (usize, usize, usize, usize, usize);

/// Highlights: the figures of the release's own period first (its quarter, then its fiscal year,
/// metric by metric in `METRIC_ORDER`), then those of earlier periods, then the statements without
/// a number, then the guidance. A Segment column shows when any row has a segment.
fn highlights_pane(r: &Release) -> Pane {
    let segments = r
        .highlights
        .iter()
        .map(|f| &f.segment)
        .chain(r.outlook.iter().map(|o| &o.segment))
        .any(has_segment);
    let mut columns = vec![col("Metric", Align::Left)];
    if segments {
        columns.push(col("Segment", Align::Left));
    }
    columns.extend([
        col("Period", Align::Left),
        col("Value", Align::Right),
        col("Basis", Align::Left),
        col("Trend", Align::Left),
        col("As written", Align::Left),
        col("Line", Align::Right),
    ]);
    let metric_rank = ranks(r.highlights.iter().map(|f| f.metric.as_str()), METRIC_ORDER);
    let seg_rank = ranks(
        r.highlights.iter().filter_map(|f| f.segment.as_deref()),
        &[],
    );
    let (own, own_fy) = own_periods(r);
    let mut keyed: Vec<(HighlightKey, PaneRow)> = Vec::new();
    for (i, f) in r.highlights.iter().enumerate() {
        let value = match (&f.value, &f.low, &f.high) {
            // A term that is a date (a dividend's record date) shows the date.
            (None, None, None) if f.date.is_some() => opt(&f.date),
            (Some(v), _, _) => format::value(v, f.unit.as_deref()),
            (None, l, h) if l.is_some() || h.is_some() => {
                format::range(l.as_ref(), h.as_ref(), f.unit.as_deref())
            }
            _ => String::new(),
        };
        let mut t = trend(f.direction, &f.magnitude);
        if let Some(bp) = &f.basis_period {
            t = if t.is_empty() {
                format!("vs {bp}")
            } else {
                format!("{t} vs {bp}")
            };
        }
        let mut cells = vec![metric_display(&f.metric)];
        if segments {
            cells.push(opt(&f.segment));
        }
        cells.extend([
            opt(&f.period),
            value,
            basis_cell(f.basis),
            t,
            as_written(&f.label, &f.text),
            lines_cell(&f.source, &f.also),
        ]);
        let period_rank = match f.period.as_deref() {
            p @ Some(_) if p == own.as_deref() => Some(0),
            p @ Some(_) if p == own_fy.as_deref() => Some(1),
            _ => None,
        };
        let key = if f.qualitative {
            (2, 0, 0, 0, i)
        } else {
            let m = metric_rank.get(f.metric.as_str()).copied().unwrap_or(0);
            let s = segment_rank(&f.segment, &seg_rank);
            let b = basis_rank(f.basis);
            match period_rank {
                Some(p) => (0, m, s, p * 2 + b, i),
                None => (1, m, s, b, i),
            }
        };
        keyed.push((key, record(cells, f.source, f.direction)));
    }
    for (i, o) in r.outlook.iter().enumerate() {
        let mut cells = vec![format!("Outlook: {}", metric_display(&o.metric))];
        if segments {
            cells.push(opt(&o.segment));
        }
        cells.extend([
            opt(&o.period),
            format::range(o.low.as_ref(), o.high.as_ref(), o.unit.as_deref()),
            basis_cell(o.basis),
            "guidance".to_string(),
            as_written(&o.label, &o.text),
            o.source.line.to_string(),
        ]);
        keyed.push(((3, 0, 0, 0, i), record(cells, o.source, None)));
    }
    // The index ends every key, so the order is total and the sort deterministic.
    keyed.sort_by_key(|(k, _)| *k);
    let mut rows: Vec<PaneRow> = keyed.into_iter().map(|(_, row)| row).collect();
    if rows.is_empty() {
        rows.push(note("No financial figures found in this release."));
    }
    Pane {
        kind: PaneKind::Highlights,
        columns,
        rows,
    }
}

/// Comparisons metric by metric in `METRIC_ORDER` (the company before its segments), each metric's
/// QoQ, YoY and FY in that order (GAAP before non-GAAP in each). A Segment column shows when any row has a segment.
fn comparison_pane(r: &Release) -> Pane {
    let segments = r.comparisons.iter().map(|c| &c.segment).any(has_segment);
    let mut columns = vec![col("Metric", Align::Left)];
    if segments {
        columns.push(col("Segment", Align::Left));
    }
    columns.extend([
        col("Kind", Align::Left),
        col("Basis", Align::Left),
        col("Period", Align::Left),
        col("Value", Align::Right),
        col("Prior period", Align::Left),
        col("Prior", Align::Right),
        col("Change", Align::Right),
        col("% change", Align::Right),
        col("Trend", Align::Left),
        col("As written", Align::Left),
        col("Line", Align::Right),
    ]);
    let metric_rank = ranks(
        r.comparisons.iter().map(|c| c.metric.as_str()),
        METRIC_ORDER,
    );
    let seg_rank = ranks(
        r.comparisons.iter().filter_map(|c| c.segment.as_deref()),
        &[],
    );
    let mut keyed: Vec<((usize, usize, usize, usize), PaneRow)> = Vec::new();
    for (i, c) in r.comparisons.iter().enumerate() {
        let u = c.unit.as_deref();
        let mut prior = c
            .prior
            .value
            .map(|v| format::value(&v, u))
            .unwrap_or_default();
        if c.derived && !prior.is_empty() {
            prior.push('*');
        }
        let mut cells = vec![metric_display(&c.metric)];
        if segments {
            cells.push(opt(&c.segment));
        }
        cells.extend([
            c.kind.name().to_string(),
            basis_cell(c.basis),
            opt(&c.current.period),
            c.current
                .value
                .map(|v| format::value(&v, u))
                .unwrap_or_default(),
            opt(&c.prior.period),
            prior,
            c.change.map(|v| format::change(&v, u)).unwrap_or_default(),
            c.change_pct.map(|v| format::pct(&v)).unwrap_or_default(),
            trend(c.direction, &c.magnitude),
            as_written(&c.label, &c.text),
            c.source.line.to_string(),
        ]);
        let kind = match c.kind {
            ComparisonKind::Qoq => 0,
            ComparisonKind::Yoy => 1,
            ComparisonKind::Fy => 2,
        };
        let key = (
            metric_rank.get(c.metric.as_str()).copied().unwrap_or(0),
            segment_rank(&c.segment, &seg_rank),
            kind * 2 + basis_rank(c.basis),
            i,
        );
        keyed.push((key, record(cells, c.source, c.direction)));
    }
    keyed.sort_by_key(|(k, _)| *k);
    let mut rows: Vec<PaneRow> = keyed.into_iter().map(|(_, row)| row).collect();
    if rows.is_empty() {
        rows.push(note(
            "No period-over-period comparison found in this release.",
        ));
    }
    Pane {
        kind: PaneKind::Comparison,
        columns,
        rows,
    }
}

fn restatement_pane(r: &Release) -> Pane {
    let columns = vec![
        col("State", Align::Left),
        col("Date", Align::Left),
        col("Kind", Align::Left),
        col("Actor", Align::Left),
        col("Filing", Align::Left),
        col("Event", Align::Left),
        col("Line", Align::Right),
    ];
    let st = &r.restatement;
    let mut rows = vec![PaneRow {
        kind: RowKind::Status,
        cells: vec![if st.events.is_empty() {
            "Status: none. No restatement or review mentioned.".to_string()
        } else {
            format!("Status: {}. {}", st.status.replace('_', " "), st.summary)
        }],
        source: None,
        direction: None,
        table: None,
    }];
    let event_cells = |e: &crate::release::Event| {
        vec![
            e.state.name().to_string(),
            opt(&e.date),
            e.kind.replace('_', " "),
            opt(&e.actor),
            opt(&e.filing),
            e.text.clone(),
            e.source.line.to_string(),
        ]
    };
    if st.matters.is_empty() {
        // A release read from JSON written before matters: its events as they are.
        for e in &st.events {
            rows.push(record(event_cells(e), e.source, None));
        }
    }
    // One row per matter: its state, since when, and its latest event; its earlier events below.
    for m in &st.matters {
        let steps: Vec<&crate::release::Event> =
            m.events.iter().filter_map(|&i| st.events.get(i)).collect();
        let Some(latest) = steps.last() else {
            continue;
        };
        rows.push(record(
            vec![
                m.state.name().to_string(),
                opt(&m.since),
                if m.label.is_empty() {
                    m.kind.replace('_', " ")
                } else {
                    m.label.clone()
                },
                opt(&latest.actor),
                opt(&latest.filing),
                latest.text.clone(),
                latest.source.line.to_string(),
            ],
            latest.source,
            None,
        ));
        // The matter's row is its latest event; the earlier ones follow, in time order.
        for e in &steps[..steps.len() - 1] {
            rows.push(PaneRow {
                kind: RowKind::Step,
                ..record(event_cells(e), e.source, None)
            });
        }
    }
    // What a correction changes, figure by figure: by how much, from what, to what.
    for c in &st.corrections {
        let u = c.unit.as_deref();
        let mut said: Vec<String> = Vec::new();
        if let Some(v) = &c.change {
            said.push(format!("by {}", format::change(v, u)));
        }
        if let Some(v) = &c.as_reported {
            said.push(format!("as reported {}", format::value(v, u)));
        }
        if let Some(v) = &c.as_corrected {
            said.push(format!("as corrected {}", format::value(v, u)));
        }
        let what = c
            .metric
            .as_deref()
            .map_or_else(|| c.label.clone(), metric_display);
        rows.push(record(
            vec![
                "correction".to_string(),
                opt(&c.period),
                what,
                String::new(),
                String::new(),
                format!("{}: {}", said.join(", "), c.text),
                c.source.line.to_string(),
            ],
            c.source,
            None,
        ));
    }
    Pane {
        kind: PaneKind::Restatement,
        columns,
        rows,
    }
}

fn risks_pane(r: &Release) -> Pane {
    let columns = vec![
        col("#", Align::Right),
        col("Risk factor", Align::Left),
        col("Line", Align::Right),
    ];
    let mut rows: Vec<PaneRow> = r
        .risks
        .iter()
        .enumerate()
        .map(|(i, k)| {
            record(
                vec![
                    (i + 1).to_string(),
                    k.text.clone(),
                    k.source.line.to_string(),
                ],
                k.source,
                None,
            )
        })
        .collect();
    if rows.is_empty() {
        rows.push(note("No cautionary risk list found in this release."));
    } else if let Some(refd) = &r.risk_reference {
        rows.push(note(&format!("Full list: {refd}")));
    }
    Pane {
        kind: PaneKind::Risks,
        columns,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::{Basis, Comparison, Figure, Outlook, Point, Value};

    fn src(line: usize) -> Source {
        Source {
            line,
            start: line * 10,
            end: line * 10 + 5,
        }
    }

    fn fig(metric: &str, label: &str, period: &str, value: i64, line: usize) -> Figure {
        Figure {
            metric: metric.into(),
            label: label.into(),
            period: Some(period.into()),
            value: Some(Value::from_i64(value)),
            unit: Some("USD".into()),
            text: format!("${value}"),
            source: src(line),
            ..Figure::default()
        }
    }

    fn release() -> Release {
        let mut r = Release::default();
        r.period.label = Some("Q4 FY2014".into());
        r.period.fiscal_year = Some(2014);
        r.highlights = vec![
            fig("deferred_revenue", "Deferred revenues", "Q4 FY2014", 7, 30),
            fig("revenue", "Total revenues", "Q3 FY2014", 9, 10),
            fig("eps_basic", "Basic EPS", "Q4 FY2014", 1, 12),
            fig("net_income", "Net income", "FY2014", 11, 13),
            Figure {
                qualitative: true,
                value: None,
                text: "Gross margins declined".into(),
                ..fig("gross_margin", "Gross margins", "Q4 FY2014", 0, 5)
            },
            fig("eps_diluted", "Diluted EPS", "Q4 FY2014", 2, 14),
            fig("net_income", "Net income", "Q4 FY2014", 3, 15),
            Figure {
                also: vec![src(57), src(40), src(13)],
                ..fig("revenue", "Revenues", "Q4 FY2014", 11, 13)
            },
        ];
        r.outlook = vec![Outlook {
            metric: "eps_diluted".into(),
            label: "earnings per share".into(),
            text: "$0.90 to $0.95".into(),
            source: src(40),
            ..Outlook::default()
        }];
        r
    }

    fn column(p: &Pane, title: &str) -> Vec<String> {
        let i = p.columns.iter().position(|c| c.title == title).unwrap();
        p.rows.iter().map(|r| r.cells[i].clone()).collect()
    }

    #[test]
    fn highlights_show_display_names_own_period_first_in_metric_order() {
        let p = build(&release(), PaneKind::Highlights);
        let titles: Vec<&str> = p.columns.iter().map(|c| c.title).collect();
        assert_eq!(
            titles,
            [
                "Metric",
                "Period",
                "Value",
                "Basis",
                "Trend",
                "As written",
                "Line"
            ]
        );
        let rows: Vec<(String, String)> = column(&p, "Metric")
            .into_iter()
            .zip(column(&p, "Period"))
            .collect();
        let want = [
            ("Revenue", "Q4 FY2014"),
            ("Net income", "Q4 FY2014"),
            ("Net income", "FY2014"),
            ("EPS (diluted)", "Q4 FY2014"),
            ("EPS (basic)", "Q4 FY2014"),
            ("Deferred revenue", "Q4 FY2014"),
            // Earlier periods, then statements, then guidance.
            ("Revenue", "Q3 FY2014"),
            ("Gross margin", "Q4 FY2014"),
            ("Outlook: EPS (diluted)", ""),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(rows, want);
        // The words as written stay in the row; a statement already holds them.
        let written = column(&p, "As written");
        assert_eq!(written[0], "Revenues: $11");
        assert_eq!(written[7], "Gross margins declined");
        assert_eq!(written[8], "earnings per share: $0.90 to $0.95");
        // A figure stated in several places lists them, its own source first.
        assert_eq!(column(&p, "Line")[0], "13, 40, 57");
        assert_eq!(p.rows[0].source, Some(src(13)));
        // The same release always gives the same rows.
        assert_eq!(p, build(&release(), PaneKind::Highlights));
    }

    #[test]
    fn a_segment_column_only_when_a_row_has_one() {
        let mut r = release();
        assert!(
            !build(&r, PaneKind::Highlights)
                .columns
                .iter()
                .any(|c| c.title == "Segment")
        );
        r.highlights.push(Figure {
            segment: Some("Cloud".into()),
            ..fig("revenue", "Cloud revenues", "Q4 FY2014", 1, 20)
        });
        let p = build(&r, PaneKind::Highlights);
        assert_eq!(p.columns[1].title, "Segment");
        let seg = column(&p, "Segment");
        let metric = column(&p, "Metric");
        // The company's revenue, then the segment's, then the other metrics.
        assert_eq!((metric[0].as_str(), seg[0].as_str()), ("Revenue", ""));
        assert_eq!((metric[1].as_str(), seg[1].as_str()), ("Revenue", "Cloud"));
        assert_eq!(metric[2], "Net income");
        for row in p.rows.iter() {
            assert_eq!(row.cells.len(), p.columns.len());
        }
    }

    #[test]
    fn comparisons_by_metric_order_then_kind_with_basis() {
        let cmp = |metric: &str, kind, basis, line| Comparison {
            metric: metric.into(),
            label: String::new(),
            kind,
            current: Point::default(),
            prior: Point::default(),
            change: None,
            change_pct: None,
            direction: None,
            magnitude: None,
            derived: false,
            unit: None,
            basis,
            segment: None,
            text: "as said".into(),
            source: src(line),
        };
        let mut r = release();
        r.comparisons = vec![
            cmp("operating_expenses", ComparisonKind::Yoy, None, 1),
            cmp("net_income", ComparisonKind::Fy, Some(Basis::Gaap), 2),
            cmp("revenue", ComparisonKind::Fy, None, 3),
            cmp("net_income", ComparisonKind::Yoy, Some(Basis::NonGaap), 4),
            cmp("revenue", ComparisonKind::Qoq, None, 5),
            cmp("net_income", ComparisonKind::Fy, Some(Basis::NonGaap), 6),
        ];
        let p = build(&r, PaneKind::Comparison);
        assert!(!p.columns.iter().any(|c| c.title == "Segment"));
        let got: Vec<String> = p
            .rows
            .iter()
            .map(|row| row.source.map(|s| s.line).unwrap_or(0).to_string())
            .collect();
        assert_eq!(got, ["5", "3", "4", "2", "6", "1"]);
        assert_eq!(column(&p, "Metric")[2], "Net income");
        assert_eq!(column(&p, "Basis")[2], "non-GAAP");
        assert_eq!(column(&p, "Kind")[2], "YoY");
    }

    #[test]
    fn display_names_come_from_the_lexicon() {
        assert_eq!(metric_display("eps_diluted"), "EPS (diluted)");
        assert_eq!(metric_display("revenue"), "Revenue");
        assert_eq!(metric_display("some_new_metric"), "Some new metric");
        assert_eq!(metric_display(""), "");
    }
}
