//! The panes, built once from a Release into neutral rows of text with their sources.
//!
//! The TUI draws these rows, the Markdown exporter writes them and search walks them, so what is
//! exported is what is seen.

use crate::document::{BlockKind, Source};
use crate::format;
use crate::release::{Direction, Release};
use serde::Serialize;

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

fn highlights_pane(r: &Release) -> Pane {
    let columns = vec![
        col("Metric", Align::Left),
        col("Period", Align::Left),
        col("Value", Align::Right),
        col("Basis", Align::Left),
        col("Trend", Align::Left),
        col("As written", Align::Left),
        col("Line", Align::Right),
    ];
    let mut rows: Vec<PaneRow> = Vec::new();
    for f in &r.highlights {
        let value = match (&f.value, &f.low, &f.high) {
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
        rows.push(record(
            vec![
                f.label.clone(),
                opt(&f.period),
                value,
                f.basis.map(|b| b.name().to_string()).unwrap_or_default(),
                t,
                f.text.clone(),
                f.source.line.to_string(),
            ],
            f.source,
            f.direction,
        ));
    }
    for o in &r.outlook {
        let label = if o.label.is_empty() {
            o.metric.clone()
        } else {
            o.label.clone()
        };
        rows.push(record(
            vec![
                format!("Outlook: {label}"),
                opt(&o.period),
                format::range(o.low.as_ref(), o.high.as_ref(), o.unit.as_deref()),
                o.basis.map(|b| b.name().to_string()).unwrap_or_default(),
                "guidance".to_string(),
                o.text.clone(),
                o.source.line.to_string(),
            ],
            o.source,
            None,
        ));
    }
    if rows.is_empty() {
        rows.push(note("No financial figures found in this release."));
    }
    Pane {
        kind: PaneKind::Highlights,
        columns,
        rows,
    }
}

fn comparison_pane(r: &Release) -> Pane {
    let columns = vec![
        col("Metric", Align::Left),
        col("Kind", Align::Left),
        col("Period", Align::Left),
        col("Value", Align::Right),
        col("Prior period", Align::Left),
        col("Prior", Align::Right),
        col("Change", Align::Right),
        col("% change", Align::Right),
        col("Trend", Align::Left),
        col("Line", Align::Right),
    ];
    let mut rows = Vec::new();
    for c in &r.comparisons {
        let u = c.unit.as_deref();
        let mut prior = c
            .prior
            .value
            .map(|v| format::value(&v, u))
            .unwrap_or_default();
        if c.derived && !prior.is_empty() {
            prior.push('*');
        }
        let label = if c.label.is_empty() {
            c.metric.clone()
        } else {
            c.label.clone()
        };
        rows.push(record(
            vec![
                label,
                c.kind.name().to_string(),
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
                c.source.line.to_string(),
            ],
            c.source,
            c.direction,
        ));
    }
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
