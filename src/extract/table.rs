//! Financial tables: the scale note, what each column holds (which period, which basis, or a
//! change), and the key lines of the statements.
//!
//! Column headers span rows ("Three Months Ended" / "December 31," / "2006  2005"), so a column's
//! header is the text of every header cell above it, colspans expanded. Its period is read from
//! that text and resolved against the release period, so a year-to-date or nine-month column is
//! never taken for the quarter (edgartools' bug #694). Only rows whose label names a key metric
//! become figures, and only in the release's quarter column (and the year column when a full year
//! is reported): the statements are long and a highlight is not a copy of them.

use super::comparison;
use super::identity::Identity;
use super::lexicon;
use super::money::{self, CellKind};
use super::period;
use crate::document::{BlockKind, Document, Table};
use crate::release::{Basis, Comparison, Figure, Origin, Period, Point, Value, unit};
use rust_decimal::Decimal;

/// Metrics a table line is a highlight for.
const KEY_METRICS: &[&str] = &[
    "revenue",
    "gross_profit",
    "operating_expenses",
    "operating_income",
    "net_income",
    "income_continuing_operations",
    "eps_diluted",
    "eps_basic",
    "cash_and_investments",
    "deferred_revenue",
    "cash_flow_operations",
    "free_cash_flow",
    "ebitda",
    "total_assets",
    "stockholders_equity",
];

/// What one column of a table holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header text above it, joined.
    pub header: String,
    pub period: Option<Period>,
    pub basis: Option<Basis>,
    /// A change, percent-of-revenue or adjustment column: not a period's value.
    pub derived: bool,
}

/// A table read: its scale and its columns by grid position.
#[derive(Debug, Clone)]
pub struct TableView {
    pub scale: Option<Decimal>,
    pub columns: Vec<Column>,
    pub basis: Option<Basis>,
}

/// Grid positions of a row's cells, colspans expanded: (first column, cell index).
fn positions(cells: &[crate::document::Cell]) -> Vec<usize> {
    let mut pos = Vec::with_capacity(cells.len());
    let mut at = 0;
    for c in cells {
        pos.push(at);
        at += c.colspan.max(1);
    }
    pos
}

/// The text of the blocks just before table `idx` (its title, "(in thousands)" lines).
fn lead_text(doc: &Document, idx: usize) -> String {
    let Some(bi) = doc.blocks.iter().position(|b| b.table == Some(idx)) else {
        return String::new();
    };
    doc.blocks[bi.saturating_sub(3)..bi]
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Paragraph))
        .map(|b| doc.block_text(b))
        .filter(|t| t.len() < 300)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Read a table's scale and columns against the release period.
pub fn view(doc: &Document, idx: usize, t: &Table, base: &Period) -> TableView {
    let lead = lead_text(doc, idx);
    let header_rows = t.header_rows.min(t.rows.len());
    let width = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.colspan.max(1)).sum::<usize>())
        .max()
        .unwrap_or(0);
    let mut headers = vec![String::new(); width];
    for (ri, r) in t.rows[..header_rows].iter().enumerate() {
        // A group title ("Nine Months Ended") reaches right over the empty cells after it, as
        // it does on the page; the last header row holds one heading per column.
        let group_row = ri + 1 < header_rows;
        let mut carry = String::new();
        for (c, at) in r.cells.iter().zip(positions(&r.cells)) {
            let own = c.text.trim();
            let text = if own.is_empty() && group_row {
                carry.clone()
            } else {
                own.to_string()
            };
            if !own.is_empty() {
                carry = own.to_string();
            }
            let text = text.as_str();
            if text.is_empty() {
                continue;
            }
            for h in headers.iter_mut().skip(at).take(c.colspan.max(1)) {
                if !h.is_empty() {
                    h.push(' ');
                }
                h.push_str(text);
            }
        }
    }
    let header_all = headers.join(" ");
    let scale = t
        .caption
        .as_deref()
        .and_then(money::scale_note)
        .or_else(|| money::scale_note(&header_all))
        .or_else(|| money::scale_note(&lead));
    let lex = lexicon::get();
    let basis = t
        .caption
        .as_deref()
        .and_then(|c| lex.basis(c))
        .or_else(|| lex.basis(&lead));
    let columns = headers
        .iter()
        .map(|h| {
            let lower = h.to_lowercase();
            let derived = lower.contains('%')
                || lower.contains("adj")
                || lower.contains("change")
                || lower.contains("increase")
                || lower.contains("decrease")
                || lower.contains("variance")
                || lower.contains("percent");
            let found = period::find(h);
            let spec = found
                .iter()
                .find(|m| m.spec.end.is_some() || m.spec.year.is_some())
                .or(found.first())
                .map(|m| m.spec)
                .or_else(|| {
                    // A bare date heading a balance sheet column: the balance at that date.
                    period::parse_date(h).map(|end| period::PeriodSpec {
                        end: Some(end),
                        ..period::PeriodSpec::default()
                    })
                });
            let period = spec.and_then(|s| period::resolve(&s, base, false));
            Column {
                header: h.clone(),
                period,
                basis: lex.basis(h),
                derived,
            }
        })
        .collect();
    TableView {
        scale,
        columns,
        basis,
    }
}

/// A row label's metric, when the label is that metric's line ("Net sales", "Total net revenue",
/// "Net income in accordance with GAAP") and not a part of it ("Cloud ... revenues").
fn row_metric(label: &str, group: &str) -> Option<(&'static str, String)> {
    let unmarked = without_notes(label);
    let clean = unmarked
        .trim()
        .trim_end_matches(':')
        .trim_end_matches(|c: char| c == ')' || c.is_ascii_digit() || c == '(' || c == ' ')
        .trim();
    let lower = clean.to_lowercase();
    // "Basic" / "Diluted" under "Earnings per share:" (not under "Shares used ...").
    let g = group.to_lowercase();
    if (lower == "diluted" || lower == "basic")
        && (g.contains("per share") || g.contains("per common share"))
        && !g.contains("shares used")
        && !g.contains("weighted")
    {
        let m = if lower == "diluted" {
            "eps_diluted"
        } else {
            "eps_basic"
        };
        return Some((
            m,
            format!("{} {}", group.trim().trim_end_matches(':'), clean),
        ));
    }
    // "Worldwide" or "Total" under "Sales to customers by segment of business": the company's
    // line of the group's metric (the rows above it are segments or regions, not the company).
    if matches!(
        lower.as_str(),
        "worldwide" | "total worldwide" | "consolidated" | "total company" | "total consolidated"
    ) && let Some(m) = lexicon::get().mentions(group).first()
    {
        return Some((
            m.metric,
            format!(
                "{} {}",
                group.split_whitespace().collect::<Vec<_>>().join(" "),
                clean
            ),
        ));
    }
    let mentions = lexicon::get().mentions(clean);
    let m = mentions.first()?;
    let before = clean[..m.start].trim().to_lowercase();
    if !matches!(
        before.as_str(),
        "" | "total" | "gaap" | "non-gaap" | "consolidated" | "adjusted" | "reported"
    ) {
        return None;
    }
    let rest = clean[m.end..].trim();
    let rest_words = rest.split_whitespace().count();
    if rest_words > 4 && !rest.starts_with(',') && !rest.to_lowercase().contains("gaap") {
        return None;
    }
    let rl = rest.to_lowercase();
    // "Net revenues from services", "Revenues of the Rigid segment": one source among several,
    // not the total line.
    if ["from ", "of ", "for ", "by ", "in "]
        .iter()
        .any(|w| rl.starts_with(w))
    {
        return None;
    }
    // "Sales and marketing", "Deferred revenue – non-current", "Cash ..., beginning of period":
    // another line than the metric's own.
    if rl.starts_with("per share")
        || rl.starts_with("and ")
        || rl.starts_with('&')
        || rl.starts_with('–')
        || rl.starts_with('-')
        || [
            "non-current",
            "noncurrent",
            "long-term",
            "beginning",
            "end of",
            "per share",
        ]
        .iter()
        .any(|w| rl.contains(w))
    {
        return None;
    }
    Some((m.metric, clean.to_string()))
}

/// A label without its footnote markers: "Adjusted(2) Diluted EPS" is "Adjusted Diluted EPS".
fn without_notes(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut rest = label;
    while let Some(i) = rest.find('(') {
        let after = &rest[i + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..i]);
        if (1..=2).contains(&digits) && after[digits..].starts_with(')') {
            rest = &after[digits + 1..];
            if !rest.starts_with(' ') && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push('(');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A row named for the figure as reported ("Reported Net Income"): the GAAP line.
fn reported_row(label: &str) -> bool {
    without_notes(label)
        .trim_start()
        .to_lowercase()
        .starts_with("reported ")
}

fn is_key(metric: &str) -> bool {
    KEY_METRICS.contains(&metric)
}

/// The cells of a row by grid position, parsed.
struct RowValues {
    label: String,
    /// (grid position, value as written, kind, cell start, cell end, text)
    cells: Vec<(usize, Value, CellKind, usize, usize, String)>,
}

fn row_values(r: &crate::document::Row) -> RowValues {
    let pos = positions(&r.cells);
    let label = r
        .cells
        .iter()
        .find(|c| !c.text.trim().is_empty())
        .map(|c| c.text.trim().to_string())
        .unwrap_or_default();
    let mut cells = Vec::new();
    for (i, (c, at)) in r.cells.iter().zip(pos).enumerate() {
        if i == 0 {
            continue;
        }
        if let Some((v, k)) = money::parse_cell(&c.text) {
            cells.push((at, v, k, c.start, c.end, c.text.trim().to_string()));
        }
    }
    RowValues { label, cells }
}

/// A column's value in units: money cells times the scale; per-share and percent as written.
fn value_in_units(
    v: Value,
    kind: CellKind,
    metric: &str,
    scale: Option<Decimal>,
) -> Option<(Value, &'static str)> {
    match kind {
        CellKind::Dash => None,
        // A percent cell is a figure only of a rate metric (comparable sales, a margin).
        CellKind::Percent => {
            (lexicon::get().unit(metric) == Some(unit::PERCENT)).then_some((v, unit::PERCENT))
        }
        CellKind::Number => {
            if metric.starts_with("eps") {
                Some((v, unit::USD_PER_SHARE))
            } else {
                let s = scale.unwrap_or(Decimal::ONE);
                Some((Value::new(v.0.checked_mul(s)?), unit::USD))
            }
        }
    }
}

/// Statement lines of every table, read once: (metric, label, basis, column, value, unit, span).
struct Line {
    metric: &'static str,
    label: String,
    basis: Option<Basis>,
    period: Period,
    value: Value,
    unit: &'static str,
    start: usize,
    end: usize,
    text: String,
    table: usize,
    row_start: usize,
    row_end: usize,
    /// The segment, region or product line a row of a "by segment" block is; `None` for the
    /// company's own lines.
    segment: Option<String>,
    /// Grid position of the cell.
    col: usize,
    /// The row's percent-change cells: (grid position, percent as stated).
    stated: Vec<(usize, Decimal)>,
}

/// The one basis a section title states ("GAAP results", "Non-GAAP results"); none
/// when it names both ("Reconciliation of GAAP to non-GAAP").
fn section_basis(title: &str) -> Option<Basis> {
    let marks = lexicon::get().basis_marks(title);
    let first = marks.first()?.1;
    marks.iter().all(|m| m.1 == first).then_some(first)
}

/// A group title that opens a block of segment rows ("Revenue by segment of
/// business", "Net sales by segment", "Segment results"): the metric the rows are of.
fn segment_block(group: &str) -> Option<&'static str> {
    let g = group.to_lowercase();
    if !(g.contains("segment") || g.contains("by business") || g.contains("by division")) {
        return None;
    }
    lexicon::get().mentions(group).first().map(|m| m.metric)
}

/// A block's total line: "Total net sales", "Worldwide", "Consolidated".
fn is_total_line(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    let first = l.split_whitespace().next().unwrap_or("");
    matches!(first, "total" | "worldwide" | "consolidated")
}

/// A row of a segment block that is a segment's own line: not the total, not a reconciling
/// line (corporate, other, eliminations), not a measure "excluding" something, and not a
/// sub-row (a region repeated under every segment).
fn segment_name(label: &str, repeated: bool) -> Option<String> {
    let clean = label
        .trim()
        .trim_end_matches(':')
        .trim_end_matches(|c: char| {
            c == ')' || c.is_ascii_digit() || c == '(' || c == ' ' || c == '*'
        })
        .trim();
    let lower = clean.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    if repeated
        || clean.is_empty()
        || !clean.starts_with(|c: char| c.is_uppercase())
        || is_total_line(clean)
        || matches!(
            first,
            "other"
                | "corporate"
                | "eliminations"
                | "intersegment"
                | "unallocated"
                | "less"
                | "net"
                | "adjusted"
                | "reported"
        )
        || [
            "excluding",
            "excl.",
            "elimination",
            "reconcil",
            "adjustment",
            "segment",
        ]
        .iter()
        .any(|w| lower.contains(w))
        || !lexicon::get().mentions(clean).is_empty()
    {
        return None;
    }
    Some(clean.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The release period with an end date: when the text does not state it, the latest quarter
/// column date of the tables is the release quarter's end ("Three Months Ended May 31, 2014").
fn with_end(doc: &Document, base: &Period) -> Period {
    if base.end_date.is_some() || base.quarter.is_none() {
        return base.clone();
    }
    let mut latest: Option<(i32, u32, u32)> = None;
    for t in &doc.tables {
        for r in t.rows.iter().take(t.header_rows) {
            for c in &r.cells {
                for m in period::find(&c.text) {
                    if matches!(m.spec.span, Some(period::Span::Quarter(_)))
                        && let Some(e) = m.spec.end
                    {
                        latest = Some(latest.map_or(e, |l| l.max(e)));
                    }
                }
            }
        }
    }
    let mut p = base.clone();
    p.end_date = latest.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
    p
}

fn lines(doc: &Document, base: &Period) -> Vec<Line> {
    let mut out = Vec::new();
    if base.label.is_none() {
        return out;
    }
    let base = &with_end(doc, base);
    for (idx, t) in doc.tables.iter().enumerate() {
        let v = view(doc, idx, t, base);
        let has_dollar = t
            .rows
            .iter()
            .any(|r| r.cells.iter().any(|c| c.text.contains('$')));
        // "Comparable sales for the first quarter fiscal 2023 were as follows:" over a table of
        // regions in percent: the lead-in names the rate every cell is of, and its period.
        let lead = lead_text(doc, idx);
        let lead_rate = lead_rate(&lead);
        if v.scale.is_none() && !has_dollar && lead_rate.is_none() {
            continue;
        }
        let mut v = v;
        if lead_rate.is_some() {
            rate_columns(&mut v, &lead, base);
        }
        // Trailing-twelve-month tables label columns by quarter but hold four quarters' sums.
        let context = format!(
            "{} {}",
            t.caption.as_deref().unwrap_or(""),
            lead_text(doc, idx)
        )
        .to_lowercase();
        if context.contains("trailing") || context.contains("ttm") {
            continue;
        }
        // "Revenue $M" over a column of a table whose rows are segments and products: the
        // column names the metric (and its scale) the rows' cells are of.
        let col_metric: Vec<Option<&'static str>> = v
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                lexicon::get()
                    .mentions(&c.header)
                    .first()
                    .map(|m| m.metric)
                    .filter(|m| is_key(m))
                    .or(lead_rate.filter(|_| i > 0))
            })
            .collect();
        let col_scale: Vec<Option<Decimal>> =
            v.columns.iter().map(|c| column_scale(&c.header)).collect();
        let mut group = String::new();
        let mut block_closed = false;
        // Row labels seen more than once in the table: sub-rows ("U.S.", "International"
        // under each segment), not segments of their own.
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for r in t.rows.iter().skip(t.header_rows) {
            let l = row_values(r).label.to_lowercase();
            *seen.entry(l).or_default() += 1;
        }
        for r in t.rows.iter().skip(t.header_rows) {
            let rv = row_values(r);
            if rv.cells.is_empty() {
                if !rv.label.is_empty() {
                    group = rv.label.clone();
                    block_closed = false;
                }
                continue;
            }
            // "Cash generated by operating activities" after "Changes in operating assets and
            // liabilities:": the cash-flow total closes the movements above it.
            if row_metric(&rv.label, "").is_some_and(|(m, _)| m == "cash_flow_operations") {
                group.clear();
            }
            // "Changes in operating assets and liabilities:", "Adjustments to reconcile ...": the
            // lines below are movements, not levels.
            let g = group.to_lowercase();
            if g.contains("change")
                || g.contains("adjustment")
                || g.contains("long-term")
                || g.contains("non-current")
                || g.contains("noncurrent")
            {
                continue;
            }
            let repeated = seen.get(&rv.label.to_lowercase()).is_some_and(|&n| n > 1);
            let block = segment_block(&group).filter(|_| !block_closed);
            let in_block = block.is_some();
            let part = block.and_then(|m| segment_name(&rv.label, repeated).map(|name| (m, name)));
            // The block's total line ("Total net sales", "Worldwide") closes it: the rows after
            // it ("Interest expense", "Net income") are the company's again.
            if in_block && is_total_line(&rv.label) {
                block_closed = true;
            }
            let (segment, found) = match part {
                Some((m, name)) => (
                    Some(name.clone()),
                    Some((
                        m,
                        format!(
                            "{} {name}",
                            group.split_whitespace().collect::<Vec<_>>().join(" ")
                        ),
                    )),
                ),
                None => (None, row_metric(&rv.label, &group)),
            };
            let Some((mut metric, label)) = found else {
                // "Total Apple", "Total Operating Segments" under columns headed "Revenue $M":
                // the total line is the company's figure of each column's metric; the rows
                // above it are its parts.
                if is_total_line(&rv.label) {
                    column_lines(&mut out, idx, r, &rv, &v, &col_metric, &col_scale);
                }
                continue;
            };
            // "Gross margin" in dollars is gross profit.
            if metric == "gross_margin" {
                metric = "gross_profit";
            }
            // "Net income (loss) per share - basic" over a "Net loss" line: the line is the
            // per-share amount, basic or diluted as the group says.
            if (g.contains("per share") || g.contains("per common share"))
                && matches!(metric, "net_income" | "income_continuing_operations")
            {
                metric = if g.contains("basic") && !g.contains("diluted") {
                    "eps_basic"
                } else {
                    "eps_diluted"
                };
            }
            if !is_key(metric) {
                continue;
            }
            let row_basis = lexicon::get()
                .basis(&rv.label)
                .or_else(|| reported_row(&rv.label).then_some(Basis::Gaap))
                .or_else(|| section_basis(&group));
            let stated: Vec<(usize, Decimal)> = rv
                .cells
                .iter()
                .filter(|(at, _, kind, ..)| {
                    *kind != CellKind::Dash
                        && v.columns.get(*at).is_some_and(|c| {
                            let h = c.header.to_lowercase();
                            c.derived
                                && (h.contains('%')
                                    || h.contains("change")
                                    || h.contains("percent"))
                        })
                })
                .map(|(at, val, ..)| (*at, val.0))
                .collect();
            let row_start = r.cells.first().map_or(0, |c| c.start);
            let row_end = r.cells.last().map_or(row_start, |c| c.end);
            for (at, val, kind, s, e, text) in &rv.cells {
                let Some(col) = v.columns.get(*at) else {
                    continue;
                };
                if col.derived {
                    continue;
                }
                let Some(p) = col.period.clone() else {
                    continue;
                };
                let scale = col_scale.get(*at).copied().flatten().or(v.scale);
                let Some((mut value, u)) = value_in_units(*val, *kind, metric, scale) else {
                    continue;
                };
                // "EPS (diluted US cents)": per-share figures in cents.
                if u == unit::USD_PER_SHARE && rv.label.to_lowercase().contains("cents") {
                    value = Value::new(value.0 / Decimal::from(100));
                }
                out.push(Line {
                    metric,
                    label: label.clone(),
                    basis: row_basis.or(col.basis).or(v.basis),
                    period: p,
                    value,
                    unit: u,
                    start: *s,
                    end: *e,
                    text: text.clone(),
                    table: idx,
                    row_start,
                    row_end,
                    segment: segment.clone(),
                    col: *at,
                    stated: stated.clone(),
                });
            }
        }
    }
    out
}

/// The rate a lead-in names for the table under it: a paragraph ending in ":" ("... were as
/// follows:") whose metric is a percentage (comparable sales, a margin).
fn lead_rate(lead: &str) -> Option<&'static str> {
    let last = lead.lines().last()?.trim();
    if !last.ends_with(':') {
        return None;
    }
    let lex = lexicon::get();
    lex.mentions(last)
        .into_iter()
        .map(|m| m.metric)
        .find(|m| lex.unit(m) == Some(unit::PERCENT))
}

/// The columns of a rate table under a lead-in: a column headed only by its length ("12
/// Weeks") is of the period the lead-in names; "Adjusted" there is the rate on another basis
/// (not an adjustment column), and the plain column beside it is the reported one.
fn rate_columns(v: &mut TableView, lead: &str, base: &Period) {
    let lead_in = lead.lines().last().unwrap_or("");
    let lead_period = period::find(lead_in)
        .into_iter()
        .find_map(|m| period::resolve(&m.spec, base, false))
        .unwrap_or_else(|| base.clone());
    let adjusted = |h: &str| {
        let l = h.to_lowercase();
        l.contains("adjusted") && !l.contains("adjustment")
    };
    let any_adjusted = v.columns.iter().any(|c| adjusted(&c.header));
    for c in v.columns.iter_mut().skip(1) {
        let h = c.header.to_lowercase();
        if h.contains('%') || h.contains("change") {
            continue;
        }
        if adjusted(&c.header) {
            c.derived = false;
            c.basis = Some(Basis::NonGaap);
        } else if any_adjusted && c.basis.is_none() {
            c.basis = Some(Basis::Gaap);
        }
        if c.period.is_none() {
            c.period = Some(lead_period.clone());
        }
    }
}

/// A column's own scale: a scale note in its header, or the short form "$M", "$MM", "$K",
/// "$000", "$B" ("Revenue $M").
fn column_scale(header: &str) -> Option<Decimal> {
    money::scale_note(header).or_else(|| {
        header.split_whitespace().find_map(|w| match w {
            "$K" | "$k" | "$000" | "$000s" | "$000's" => Some(Decimal::from(1_000)),
            "$M" | "$MM" | "$mm" | "$m" => Some(Decimal::from(1_000_000)),
            "$B" | "$BN" | "$bn" => Some(Decimal::from(1_000_000_000i64)),
            _ => None,
        })
    })
}

/// The lines of a total row whose metric each column's header names ("Q1 2011 Revenue $M").
fn column_lines(
    out: &mut Vec<Line>,
    idx: usize,
    r: &crate::document::Row,
    rv: &RowValues,
    v: &TableView,
    col_metric: &[Option<&'static str>],
    col_scale: &[Option<Decimal>],
) {
    let row_start = r.cells.first().map_or(0, |c| c.start);
    let row_end = r.cells.last().map_or(row_start, |c| c.end);
    for (at, val, kind, s, e, text) in &rv.cells {
        let (Some(col), Some(Some(metric))) = (v.columns.get(*at), col_metric.get(*at)) else {
            continue;
        };
        if col.derived || metric.starts_with("eps") {
            continue;
        }
        let Some(p) = col.period.clone() else {
            continue;
        };
        let scale = col_scale.get(*at).copied().flatten().or(v.scale);
        let Some((value, u)) = value_in_units(*val, *kind, metric, scale) else {
            continue;
        };
        // The change columns of the same metric ("Sequential Change Revenue").
        let stated = rv
            .cells
            .iter()
            .filter(|(a, _, k, ..)| {
                *k != CellKind::Dash
                    && v.columns.get(*a).is_some_and(|c| c.derived)
                    && col_metric.get(*a).copied().flatten() == Some(*metric)
            })
            .map(|(a, x, ..)| (*a, x.0))
            .collect();
        out.push(Line {
            metric,
            label: rv.label.clone(),
            basis: col.basis.or(v.basis),
            period: p,
            value,
            unit: u,
            start: *s,
            end: *e,
            text: text.clone(),
            table: idx,
            row_start,
            row_end,
            segment: None,
            col: *at,
            stated,
        });
    }
}

/// The release's own columns: its quarter, and its fiscal year when the release reports one.
fn is_current(p: &Period, base: &Period) -> bool {
    if p.label == base.label {
        return true;
    }
    p.quarter.is_none()
        && p.fiscal_year == base.fiscal_year
        && p.label.as_deref().is_some_and(|l| l.starts_with("FY"))
        && (base.quarter == Some(4) || base.quarter.is_none())
}

/// Key lines of the statement tables, current period.
pub fn figures(doc: &Document, id: &Identity) -> Vec<Figure> {
    lines(doc, &id.period)
        .into_iter()
        .filter(|l| is_current(&l.period, &id.period))
        .map(|l| Figure {
            metric: l.metric.into(),
            label: l.label,
            period: l.period.label,
            value: Some(l.value),
            low: None,
            high: None,
            unit: Some(l.unit.into()),
            basis: l.basis,
            direction: None,
            magnitude: None,
            basis_period: None,
            qualitative: false,
            origin: Origin::Table,
            segment: l.segment,
            text: l.text.split_whitespace().collect::<Vec<_>>().join(" "),
            source: doc.source(l.start, l.end),
            also: Vec::new(),
            date: None,
        })
        .collect()
}

/// Current against earlier columns of the statement tables: the year-ago quarter (YoY), the
/// prior quarter (QoQ), the prior year (FY).
pub fn comparisons(doc: &Document, id: &Identity) -> Vec<Comparison> {
    let all = lines(doc, &id.period);
    // The cells of each row, in order: a cell's priors are its row's other cells (found by
    // row, not by a scan of every cell of the document).
    let mut rows: std::collections::HashMap<(usize, usize), Vec<usize>> =
        std::collections::HashMap::new();
    for (k, l) in all.iter().enumerate() {
        rows.entry((l.table, l.row_start)).or_default().push(k);
    }
    let mut out = Vec::new();
    for cur in all.iter().filter(|l| is_current(&l.period, &id.period)) {
        let row = rows
            .get(&(cur.table, cur.row_start))
            .map_or(&[][..], Vec::as_slice);
        for prior in row
            .iter()
            .map(|&k| &all[k])
            .filter(|p| p.basis == cur.basis && p.start != cur.start)
        {
            let Some(kind) = comparison::kind_of(&cur.period, &prior.period) else {
                continue;
            };
            let (d, mut pct, dir) = comparison::change(cur.value, prior.value);
            // The change the table states for the pair, in the first change column after both
            // (before any other period's column), when it is the computed one rounded: the
            // release's own figure, from unrounded amounts.
            let after = cur.col.max(prior.col);
            let next_value = all
                .iter()
                .filter(|l| l.table == cur.table && l.row_start == cur.row_start && l.col > after)
                .map(|l| l.col)
                .min()
                .unwrap_or(usize::MAX);
            // From a positive base to a loss no percent is computed, but one the table states
            // for the pair (a decline of 101.3%) is the release's own figure: checked against
            // the change from that base.
            let from_base = (prior.value.0 > Decimal::ZERO).then(|| {
                Value::new((cur.value.0 - prior.value.0) / prior.value.0 * Decimal::from(100))
            });
            if let Some(c) = pct.or(from_base)
                && let Some(&(_, st)) = cur
                    .stated
                    .iter()
                    .filter(|(at, _)| *at > after && *at < next_value)
                    .min_by_key(|(at, _)| *at)
                && (st - c.0).abs() <= Decimal::new(15, 1)
            {
                pct = Some(Value::new(st));
            }
            // A row rebuilt from one cell per line runs over many lines: the current cell is
            // its source then, not the lines between its label and its last cell.
            let row = doc.text.get(cur.row_start..cur.row_end).unwrap_or("");
            let one_line = !row.contains('\n');
            let (src_start, src_end) = if one_line {
                (cur.row_start, cur.row_end)
            } else {
                (cur.start, cur.end)
            };
            let text: String = if one_line {
                row.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                format!(
                    "{} {}",
                    cur.label,
                    cur.text.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            };
            out.push(Comparison {
                metric: cur.metric.into(),
                label: cur.label.clone(),
                kind,
                current: Point {
                    period: cur.period.label.clone(),
                    value: Some(cur.value),
                },
                prior: Point {
                    period: prior.period.label.clone(),
                    value: Some(prior.value),
                },
                change: Some(d),
                change_pct: pct,
                direction: Some(dir),
                magnitude: None,
                derived: false,
                unit: Some(cur.unit.into()),
                basis: cur.basis,
                segment: cur.segment.clone(),
                text,
                source: doc.source(src_start, src_end),
            });
        }
    }
    out
}

/// Target tables (a column for a coming period). Guidance tables are read as prose lines today
/// (see `outlook`); nothing extra comes from table cells.
pub fn outlook(_doc: &Document, _id: &Identity) -> Vec<crate::release::Outlook> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocMeta, DocumentBuilder};
    use crate::release::ComparisonKind;

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// A statement with quarter and nine-month columns: the nine-month column is never the
    /// quarter, the scale governs money but not per-share cells.
    #[test]
    fn quarter_column_not_year_to_date() {
        let mut b = DocumentBuilder::new(DocMeta::default());
        b.push_line("ACME REPORTS THIRD QUARTER 2024 RESULTS");
        let rows = vec![
            cells(&["", "Three Months Ended", "", "Nine Months Ended", ""]),
            cells(&[
                "",
                "September 30, 2024",
                "September 30, 2023",
                "September 30, 2024",
                "September 30, 2023",
            ]),
            cells(&[
                "Net revenues",
                "$ 79,000",
                "$ 75,000",
                "$ 230,000",
                "$ 200,000",
            ]),
            cells(&[
                "Research and development",
                "9,000",
                "8,000",
                "27,000",
                "24,000",
            ]),
            cells(&["Net income (loss)", "(3,412)", "1,000", "5,000", "4,000"]),
            cells(&["Earnings per share:", "", "", "", ""]),
            cells(&["Diluted", "$ (0.08)", "$ 0.02", "$ 0.12", "$ 0.10"]),
        ];
        b.push_table(
            rows,
            2,
            Some("(in thousands, except per share data)".into()),
        );
        let doc = b.finish();
        let base = Period {
            label: Some("Q3 FY2024".into()),
            fiscal_year: Some(2024),
            quarter: Some(3),
            end_date: Some("2024-09-30".into()),
        };
        let id = Identity {
            period: base,
            ..Identity::default()
        };
        let f = figures(&doc, &id);
        let got: Vec<(&str, &str, String)> = f
            .iter()
            .map(|f| {
                (
                    f.metric.as_str(),
                    f.period.as_deref().unwrap_or(""),
                    f.value.unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("revenue", "Q3 FY2024", "79000000".to_string()),
                ("net_income", "Q3 FY2024", "-3412000".to_string()),
                ("eps_diluted", "Q3 FY2024", "-0.08".to_string()),
            ]
        );
        for x in &f {
            assert_eq!(&doc.text[x.source.start..x.source.end], x.text);
        }
        let c = comparisons(&doc, &id);
        let rev = c.iter().find(|c| c.metric == "revenue").unwrap();
        assert_eq!(rev.kind, ComparisonKind::Yoy);
        assert_eq!(rev.prior.period.as_deref(), Some("Q3 FY2023"));
        assert_eq!(rev.change_pct, Some(Value::new(Decimal::new(53, 1))));
        // No comparison against the nine-month column.
        assert!(
            c.iter()
                .all(|c| c.prior.period.as_deref() != Some("9M FY2024"))
        );
    }

    /// A "by segment" block: its rows are the segments' figures, its total line the company's,
    /// and the lines after the total are the company's again.
    #[test]
    fn segment_block_rows_carry_their_segment() {
        let mut b = DocumentBuilder::new(DocMeta::default());
        b.push_line("ACME REPORTS THIRD QUARTER 2024 RESULTS");
        let rows = vec![
            cells(&["", "Three Months Ended September 30,", ""]),
            cells(&["", "2024", "2023"]),
            cells(&["Net sales by segment:", "", ""]),
            cells(&["Industrial (1)", "$ 600", "$ 550"]),
            cells(&["Consumer", "400", "420"]),
            cells(&["Total net sales", "$ 1,000", "$ 970"]),
            cells(&["Restructuring", "(20)", "(5)"]),
            cells(&["Net income", "90", "80"]),
        ];
        b.push_table(rows, 2, Some("(in millions)".into()));
        let doc = b.finish();
        let id = Identity {
            period: Period {
                label: Some("Q3 FY2024".into()),
                fiscal_year: Some(2024),
                quarter: Some(3),
                end_date: Some("2024-09-30".into()),
            },
            ..Identity::default()
        };
        let got: Vec<(String, Option<String>, String)> = figures(&doc, &id)
            .into_iter()
            .map(|f| (f.metric, f.segment, f.value.unwrap().to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "revenue".into(),
                    Some("Industrial".into()),
                    "600000000".into()
                ),
                (
                    "revenue".into(),
                    Some("Consumer".into()),
                    "400000000".into()
                ),
                ("revenue".into(), None, "1000000000".into()),
                ("net_income".into(), None, "90000000".into()),
            ]
        );
        let c = comparisons(&doc, &id);
        assert!(c.iter().any(|c| c.segment.as_deref() == Some("Consumer")
            && c.prior.value == Some(Value::from_i64(420_000_000))));
    }
}
