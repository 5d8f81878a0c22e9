//! A company's figures side by side: for each metric that two or more of its releases state, the
//! value of each period as first reported, marked revised when a later release states it
//! otherwise; QoQ and YoY changes derived from the cells; each outlook against the actual a later
//! release reports.
//!
//! Only company-level figures with a number (no segment, no range, no qualitative statement) of a
//! quarter or a fiscal year are cells. A figure is the same series as another when metric, basis
//! (a figure that names none is GAAP), unit and scope agree: "income from continuing operations
//! per share" and "net income per share" are both `eps_diluted`, but never the same cell.

use super::Entry;
use crate::document::Source;
use crate::release::{Basis, Figure, Release, Value, unit};
use rust_decimal::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A quarter or a fiscal year: the periods a series has columns for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKey {
    /// (fiscal year, quarter 1-4).
    Quarter(i32, u8),
    Year(i32),
}

impl PeriodKey {
    /// Read a period label: `Q2 FY2008` or `FY2008` (halves, nine months and year-to-date are
    /// not columns of a series).
    pub fn parse(label: &str) -> Option<PeriodKey> {
        let label = label.trim();
        if let Some((q, fy)) = label.split_once(' ') {
            let q: u8 = q.strip_prefix('Q')?.parse().ok()?;
            let fy: i32 = fy.strip_prefix("FY")?.parse().ok()?;
            return (1..=4).contains(&q).then_some(PeriodKey::Quarter(fy, q));
        }
        label.strip_prefix("FY")?.parse().ok().map(PeriodKey::Year)
    }

    pub fn label(self) -> String {
        match self {
            PeriodKey::Quarter(fy, q) => format!("Q{q} FY{fy}"),
            PeriodKey::Year(fy) => format!("FY{fy}"),
        }
    }

    /// The quarter before (QoQ); a year has none.
    pub fn previous_quarter(self) -> Option<PeriodKey> {
        match self {
            PeriodKey::Quarter(fy, 1) => Some(PeriodKey::Quarter(fy - 1, 4)),
            PeriodKey::Quarter(fy, q) => Some(PeriodKey::Quarter(fy, q - 1)),
            PeriodKey::Year(_) => None,
        }
    }

    /// The same period a year earlier (YoY).
    pub fn year_before(self) -> PeriodKey {
        match self {
            PeriodKey::Quarter(fy, q) => PeriodKey::Quarter(fy - 1, q),
            PeriodKey::Year(fy) => PeriodKey::Year(fy - 1),
        }
    }
}

/// What makes two figures the same series (one row of the Series).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MetricKey {
    pub metric: String,
    pub basis: Basis,
    pub unit: String,
    /// `continuing operations` for a per-share or other figure whose label says it is of
    /// continuing operations only, when the metric's name does not say so already.
    pub scope: Option<&'static str>,
}

impl MetricKey {
    /// The series `f` belongs to; None for a figure that is no cell (qualitative, a range, a
    /// segment's, without a value or unit).
    pub fn of(f: &Figure) -> Option<MetricKey> {
        if f.qualitative || f.segment.is_some() || f.low.is_some() || f.high.is_some() {
            return None;
        }
        f.value?;
        Some(MetricKey {
            metric: f.metric.clone(),
            basis: f.basis.unwrap_or(Basis::Gaap),
            unit: f.unit.clone()?,
            scope: scope(&f.metric, &f.label),
        })
    }

    /// "EPS (diluted), continuing operations, non-GAAP".
    pub fn label(&self) -> String {
        let mut s = crate::pane::metric_display(&self.metric);
        if let Some(sc) = self.scope {
            s.push_str(", ");
            s.push_str(sc);
        }
        if self.basis == Basis::NonGaap {
            s.push_str(", non-GAAP");
        }
        s
    }
}

const CONTINUING: &str = "continuing operations";

fn scope(metric: &str, label: &str) -> Option<&'static str> {
    (!metric.contains("continuing") && label.to_lowercase().contains(CONTINUING))
        .then_some(CONTINUING)
}

/// The smallest step a figure was written to: $1.19 billion to $10 million, $7.0 billion to
/// $100 million, $0.37 to a cent. None when the text does not show it (then values compare
/// exactly).
pub fn precision(f: &Figure) -> Option<Decimal> {
    let value = f.value?.0.abs();
    let text = f.text.as_str();
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let number = rest[..end].trim_end_matches(['.', ',']);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let mantissa = Decimal::from_str(&digits).ok()?;
    if mantissa.is_zero() || value.is_zero() {
        return None;
    }
    let step = value.checked_div(mantissa)?.normalize();
    // The written digits and the value agree only when they differ by a power of ten.
    is_power_of_ten(step).then_some(step)
}

/// 1, 10, 100, ... or 0.1, 0.01, ...
fn is_power_of_ten(d: Decimal) -> bool {
    let s = d.normalize().to_string();
    match s.strip_prefix("0.") {
        Some(frac) => frac.trim_start_matches('0') == "1",
        None => s
            .strip_prefix('1')
            .is_some_and(|z| z.chars().all(|c| c == '0')),
    }
}

/// Whether two statements of one figure say the same: each stands for the values that round to
/// it at its own step, and they say the same when those ranges meet ("$1.2 billion" repeats
/// "$1.19 billion", and "$1.3 billion" repeats "$1.35 billion", which may be $1.349 billion;
/// "$7.0 billion" does not repeat "$7.2 billion", nor "$0.75" "$0.74").
pub fn same_value(a: Value, sa: Option<Decimal>, b: Value, sb: Option<Decimal>) -> bool {
    if a == b {
        return true;
    }
    if sa.is_none() && sb.is_none() {
        return false;
    }
    let zero = Decimal::ZERO;
    let half = (sa.unwrap_or(zero) + sb.unwrap_or(zero)) / Decimal::TWO;
    (a.0 - b.0).abs() < half
}

/// One release's statement of one cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The release (an [`Entry::id`]).
    pub release: String,
    pub value: Value,
    /// The figure as written ("$7.4 billion").
    pub text: String,
    /// The figure's line in that release's Document.
    pub line: usize,
    /// Where in that Document (the viewer jumps there).
    pub source: Source,
    #[serde(skip)]
    pub step: Option<Decimal>,
    /// Position of the release in [`Series::releases`].
    #[serde(skip)]
    pub order: usize,
}

/// A change computed from two cells (never read from a release).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The period compared against.
    pub against: String,
    pub change: Value,
    /// Percent change against the magnitude of the earlier value; None for a percentage metric
    /// (its change is in points) or an earlier value of zero.
    pub change_pct: Option<Value>,
    pub derived: bool,
}

/// One metric × period of the Series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub period: String,
    /// The value as first reported.
    pub value: Value,
    pub unit: String,
    /// The release that first reported it.
    pub release: String,
    /// The figure as written there, its line and its span.
    pub text: String,
    pub line: usize,
    pub source: Source,
    /// When revised: the value as first reported (what a later release revised it from).
    pub revised_from: Option<Value>,
    /// When revised: the latest release that states another value, and that value.
    pub revised_by: Option<String>,
    pub revised_value: Option<Value>,
    /// Every later statement that differs from the one before it, in release order.
    pub revisions: Vec<Statement>,
    /// Later releases that state the same value again.
    pub confirmed_by: Vec<String>,
    pub qoq: Option<Change>,
    pub yoy: Option<Change>,
}

impl Cell {
    pub fn revised(&self) -> bool {
        !self.revisions.is_empty()
    }
}

/// One row of the Series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub metric: String,
    pub label: String,
    pub basis: Basis,
    pub scope: Option<&'static str>,
    pub unit: String,
    /// In period order (quarters, then fiscal years); a period no release states has no cell.
    pub values: Vec<Cell>,
    /// How many releases state it.
    pub releases: usize,
}

impl Metric {
    pub fn cell(&self, period: &str) -> Option<&Cell> {
        self.values.iter().find(|c| c.period == period)
    }
}

/// Where an actual came in against guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Below,
    Within,
    Above,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Below => "below",
            Verdict::Within => "within",
            Verdict::Above => "above",
        }
    }
}

/// An outlook against the actual.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Guidance {
    pub metric: String,
    pub label: String,
    pub period: String,
    pub low: Option<Value>,
    pub high: Option<Value>,
    pub unit: Option<String>,
    /// A guide to a change ("revenue up 18-20% sequentially"), not to a level: never set
    /// against an actual here, since the release does not say against which period.
    pub change: bool,
    /// The release that gave the guidance, and its text.
    pub given_in: String,
    pub text: String,
    pub line: usize,
    /// The value a later release reports for the period (as first reported after the
    /// guidance), and which release.
    pub actual: Option<Value>,
    pub actual_release: Option<String>,
    /// None while no later release reports the period (or the guide is a change, not a level).
    pub verdict: Option<Verdict>,
    /// How far outside the range: actual − low when below, actual − high when above, 0 within.
    pub by: Option<Value>,
    /// `by` as a percent of the bound it is measured from.
    pub by_pct: Option<Value>,
}

/// A release of the Series, in the order first-reported is decided by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRelease {
    pub id: String,
    pub period: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
}

/// A company's Series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub company: String,
    pub ticker: Option<String>,
    /// Column labels: the quarters in order, then the fiscal years.
    pub periods: Vec<String>,
    pub releases: Vec<SeriesRelease>,
    pub metrics: Vec<Metric>,
    pub guidance: Vec<Guidance>,
    /// Each restatement, review or regulatory matter, its state release by release.
    pub matters: Vec<super::diff::Track>,
}

impl Series {
    /// The Series of `releases`, given in period order (the order of a [`super::Group`]).
    pub fn build(company: &str, ticker: Option<&str>, releases: &[(&Entry, &Release)]) -> Series {
        let ids: Vec<String> = releases.iter().map(|(e, _)| e.id()).collect();
        let table = statements(releases, &ids);
        let mut metrics: Vec<Metric> = Vec::new();
        let mut all_periods: BTreeSet<PeriodKey> = BTreeSet::new();
        for (key, by_period) in &table {
            let stating: BTreeSet<usize> = by_period
                .values()
                .flat_map(|s| s.iter().map(|x| x.order))
                .collect();
            if stating.len() < 2 {
                continue;
            }
            let cells: BTreeMap<PeriodKey, Cell> = by_period
                .iter()
                .map(|(p, stmts)| (*p, cell(*p, &key.unit, stmts)))
                .collect();
            let mut values: Vec<Cell> = Vec::with_capacity(cells.len());
            for (p, c) in &cells {
                let mut c = c.clone();
                let percent = key.unit == unit::PERCENT;
                c.qoq = p
                    .previous_quarter()
                    .and_then(|q| cells.get(&q).map(|prev| change(q, prev, &c, percent)));
                let y = p.year_before();
                c.yoy = cells.get(&y).map(|prev| change(y, prev, &c, percent));
                values.push(c);
                all_periods.insert(*p);
            }
            metrics.push(Metric {
                metric: key.metric.clone(),
                label: key.label(),
                basis: key.basis,
                scope: key.scope,
                unit: key.unit.clone(),
                values,
                releases: stating.len(),
            });
        }
        metrics.sort_by_key(|m| {
            (
                metric_rank(&m.metric),
                m.metric.clone(),
                m.scope,
                m.basis,
                m.unit.clone(),
            )
        });
        let mut periods: Vec<PeriodKey> = all_periods.into_iter().collect();
        // Quarters first, then years (the derived Ord puts every quarter before every year).
        periods.sort();
        let order: HashMap<String, usize> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.label(), i))
            .collect();
        for m in &mut metrics {
            m.values.sort_by_key(|c| order.get(&c.period).copied());
        }
        Series {
            company: company.to_string(),
            ticker: ticker.map(str::to_string),
            periods: periods.iter().map(|p| p.label()).collect(),
            releases: releases
                .iter()
                .zip(&ids)
                .map(|((e, r), id)| SeriesRelease {
                    id: id.clone(),
                    period: r.period.label.clone(),
                    date: r.date.clone(),
                    title: e.title.clone(),
                })
                .collect(),
            metrics,
            guidance: guidance(releases, &ids, &table),
            matters: super::diff::tracks(
                releases
                    .iter()
                    .zip(&ids)
                    .map(|((_, r), id)| (id.as_str(), *r)),
            ),
        }
    }

    /// The cells marked revised, with their metric.
    pub fn revised(&self) -> impl Iterator<Item = (&Metric, &Cell)> {
        self.metrics
            .iter()
            .flat_map(|m| m.values.iter().filter(|c| c.revised()).map(move |c| (m, c)))
    }
}

/// The metrics a reader looks for first lead, in the order the Highlights pane lists them.
fn metric_rank(metric: &str) -> usize {
    crate::pane::METRIC_ORDER
        .iter()
        .position(|m| *m == metric)
        .unwrap_or(crate::pane::METRIC_ORDER.len())
}

type Table = BTreeMap<MetricKey, BTreeMap<PeriodKey, Vec<Statement>>>;

/// Every cell statement of every release, by series and period, in release order. A release
/// that states one cell twice is read by its first statement.
fn statements(releases: &[(&Entry, &Release)], ids: &[String]) -> Table {
    let mut table: Table = BTreeMap::new();
    for (order, ((_, r), id)) in releases.iter().zip(ids).enumerate() {
        for f in &r.highlights {
            let (Some(key), Some(period), Some(value)) = (
                MetricKey::of(f),
                f.period.as_deref().and_then(PeriodKey::parse),
                f.value,
            ) else {
                continue;
            };
            let stmts = table.entry(key).or_default().entry(period).or_default();
            if stmts.iter().any(|s| s.order == order) {
                continue;
            }
            stmts.push(Statement {
                release: id.clone(),
                value,
                text: f.text.clone(),
                line: f.source.line,
                source: f.source,
                step: precision(f),
                order,
            });
        }
    }
    table
}

fn cell(p: PeriodKey, unit: &str, stmts: &[Statement]) -> Cell {
    // `statements` fills every list it makes with one statement at least.
    let first = &stmts[0];
    let mut revisions: Vec<Statement> = Vec::new();
    let mut confirmed_by = Vec::new();
    for s in &stmts[1..] {
        let standing = revisions.last().unwrap_or(first);
        if same_value(standing.value, standing.step, s.value, s.step) {
            confirmed_by.push(s.release.clone());
        } else {
            revisions.push(s.clone());
        }
    }
    let last = revisions.last();
    Cell {
        period: p.label(),
        value: first.value,
        unit: unit.to_string(),
        release: first.release.clone(),
        text: first.text.clone(),
        line: first.line,
        source: first.source,
        revised_from: last.map(|_| first.value),
        revised_by: last.map(|s| s.release.clone()),
        revised_value: last.map(|s| s.value),
        revisions,
        confirmed_by,
        qoq: None,
        yoy: None,
    }
}

fn change(against: PeriodKey, prev: &Cell, cur: &Cell, percent: bool) -> Change {
    let diff = cur.value.0 - prev.value.0;
    // As the Comparison pane's percent (extract::comparison::change): only from a positive base
    // to a value not below zero. From a loss, or across a change of sign ($268M to -$1.19B,
    // "-544%"), a percent says nothing a reader can use; the change itself stays.
    let pct = (!percent && prev.value.0 > Decimal::ZERO && !cur.value.0.is_sign_negative())
        .then(|| diff.checked_div(prev.value.0))
        .flatten()
        .map(|x| Value::new((x * Decimal::ONE_HUNDRED).round_dp(1)));
    Change {
        against: against.label(),
        change: Value::new(diff),
        change_pct: pct,
        derived: true,
    }
}

/// Each outlook of each release against the first statement of its period by a later release.
fn guidance(releases: &[(&Entry, &Release)], ids: &[String], table: &Table) -> Vec<Guidance> {
    let mut out = Vec::new();
    for (order, ((_, r), id)) in releases.iter().zip(ids).enumerate() {
        for o in &r.outlook {
            if o.segment.is_some() {
                continue;
            }
            let Some(period) = o.period.clone() else {
                continue;
            };
            let key = o.unit.as_ref().map(|u| MetricKey {
                metric: o.metric.clone(),
                basis: o.basis.unwrap_or(Basis::Gaap),
                unit: u.clone(),
                scope: scope(&o.metric, &o.label),
            });
            let lex_unit = crate::extract::lexicon::get().unit(&o.metric);
            let change = o.unit.as_deref() == Some(unit::PERCENT)
                && lex_unit.is_some_and(|u| u != unit::PERCENT);
            let actual = key
                .as_ref()
                .filter(|_| !change)
                .zip(PeriodKey::parse(&period))
                .and_then(|(k, p)| table.get(k)?.get(&p))
                .and_then(|stmts| stmts.iter().find(|s| s.order > order));
            let (verdict, by, by_pct) = match actual {
                Some(a) => judge(a.value, o.low, o.high),
                None => (None, None, None),
            };
            out.push(Guidance {
                metric: o.metric.clone(),
                label: o.label.clone(),
                period,
                low: o.low,
                high: o.high,
                unit: o.unit.clone(),
                change,
                given_in: id.clone(),
                text: o.text.clone(),
                line: o.source.line,
                actual: actual.map(|a| a.value),
                actual_release: actual.map(|a| a.release.clone()),
                verdict,
                by,
                by_pct,
            });
        }
    }
    out
}

/// Below, within or above [low, high] (a guide of one number is a range of one), and by how
/// much.
pub fn judge(
    actual: Value,
    low: Option<Value>,
    high: Option<Value>,
) -> (Option<Verdict>, Option<Value>, Option<Value>) {
    let (Some(lo), Some(hi)) = (low.or(high), high.or(low)) else {
        return (None, None, None);
    };
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    let (verdict, bound) = if actual < lo {
        (Verdict::Below, lo)
    } else if actual > hi {
        (Verdict::Above, hi)
    } else {
        return (
            Some(Verdict::Within),
            Some(Value::from_i64(0)),
            Some(Value::from_i64(0)),
        );
    };
    let by = actual.0 - bound.0;
    let pct = (!bound.0.is_zero())
        .then(|| by.checked_div(bound.0.abs()))
        .flatten()
        .map(|x| Value::new((x * Decimal::ONE_HUNDRED).round_dp(1)));
    (Some(verdict), Some(Value::new(by)), pct)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(value: i64, scale: u32, text: &str) -> Figure {
        Figure {
            value: Some(Value::new(Decimal::new(value, scale))),
            text: text.into(),
            ..Figure::default()
        }
    }

    #[test]
    fn periods_parse_and_step() {
        assert_eq!(
            PeriodKey::parse("Q2 FY2008"),
            Some(PeriodKey::Quarter(2008, 2))
        );
        assert_eq!(PeriodKey::parse("FY2008"), Some(PeriodKey::Year(2008)));
        assert_eq!(PeriodKey::parse("H1 FY2008"), None);
        assert_eq!(PeriodKey::parse("Q5 FY2008"), None);
        assert_eq!(
            PeriodKey::Quarter(2008, 1).previous_quarter(),
            Some(PeriodKey::Quarter(2007, 4))
        );
        assert_eq!(PeriodKey::Year(2008).year_before(), PeriodKey::Year(2007));
        assert!(PeriodKey::Quarter(2009, 4) < PeriodKey::Year(2001));
    }

    #[test]
    fn precision_follows_the_written_digits() {
        let billions = |v: i64, t: &str| precision(&fig(v, 0, t));
        assert_eq!(
            billions(1_190_000_000, "$1.19 billion"),
            Some(Decimal::new(10_000_000, 0))
        );
        assert_eq!(
            billions(7_000_000_000, "$7.0 billion"),
            Some(Decimal::new(100_000_000, 0))
        );
        assert_eq!(
            billions(303_000_000, "$303 NEW YORK, NY July 8, 2008 million"),
            Some(Decimal::new(1_000_000, 0))
        );
        assert_eq!(precision(&fig(-37, 2, "$0.37")), Some(Decimal::new(1, 2)));
        assert_eq!(billions(5, "five"), None);
    }

    #[test]
    fn rounding_is_no_revision_but_a_new_number_is() {
        let v = |n: i64| Value::new(Decimal::new(n, 0));
        let s = |n: i64| Some(Decimal::new(n, 0));
        assert!(same_value(
            v(1_190_000_000),
            s(10_000_000),
            v(1_200_000_000),
            s(100_000_000)
        ));
        assert!(!same_value(
            v(7_200_000_000),
            s(100_000_000),
            v(7_000_000_000),
            s(100_000_000)
        ));
        assert!(!same_value(
            v(303_000_000),
            s(1_000_000),
            v(299_000_000),
            s(1_000_000)
        ));
        assert!(!same_value(v(1), None, v(2), None));
        // "$1.35 billion" may be $1.349 billion, which "$1.3 billion" rounds (Alcoa's Q2 2007
        // cash from operations, said again a year later).
        assert!(same_value(
            v(1_350_000_000),
            s(10_000_000),
            v(1_300_000_000),
            s(100_000_000)
        ));
        // Ranges that only touch are two numbers: $0.74 and $0.75.
        let c = |n: i64| Value::new(Decimal::new(n, 2));
        let cent = Some(Decimal::new(1, 2));
        assert!(!same_value(c(74), cent, c(75), cent));
    }

    /// A release of `period` stating `figures` (metric, period, value in millions) and giving
    /// `outlook` (metric, period, low, high in millions).
    fn release(
        period: &str,
        figures: &[(&str, &str, i64)],
        outlook: &[(&str, &str, i64, i64)],
    ) -> Release {
        let m = |n: i64| Some(Value::from_i64(n * 1_000_000));
        let mut r = Release::default();
        r.period.label = Some(period.into());
        r.highlights = figures
            .iter()
            .map(|(metric, p, v)| Figure {
                metric: metric.to_string(),
                label: metric.to_string(),
                period: Some(p.to_string()),
                value: m(*v),
                unit: Some(unit::USD.into()),
                text: format!("${v} million"),
                ..Figure::default()
            })
            .collect();
        r.outlook = outlook
            .iter()
            .map(|(metric, p, lo, hi)| crate::release::Outlook {
                metric: metric.to_string(),
                period: Some(p.to_string()),
                low: m(*lo),
                high: m(*hi),
                unit: Some(unit::USD.into()),
                ..crate::release::Outlook::default()
            })
            .collect();
        r
    }

    #[test]
    fn an_outlook_meets_the_actual_of_a_later_release_only() {
        let rs = [
            // Q1 guides Q2 revenue to $100-110M and states a Q2 figure of its own (a forecast
            // said in prose is no actual: only a later release reports one).
            release(
                "Q1 FY2024",
                &[("revenue", "Q1 FY2024", 90), ("revenue", "Q2 FY2024", 104)],
                &[
                    ("revenue", "Q2 FY2024", 100, 110),
                    ("revenue", "Q3 FY2024", 120, 125),
                ],
            ),
            release(
                "Q2 FY2024",
                &[("revenue", "Q2 FY2024", 95), ("revenue", "Q1 FY2024", 90)],
                &[],
            ),
        ];
        let entries: Vec<Entry> = rs
            .iter()
            .enumerate()
            .map(|(i, r)| Entry::of(std::path::Path::new(&format!("r{i}.txt")), None, r.clone()))
            .collect();
        let pairs: Vec<(&Entry, &Release)> = entries.iter().zip(rs.iter()).collect();
        let s = Series::build("Co", None, &pairs);
        assert_eq!(s.guidance.len(), 2);
        let q2 = &s.guidance[0];
        assert_eq!(q2.actual, Some(Value::from_i64(95_000_000)));
        assert_eq!(q2.actual_release.as_deref(), Some("r1.txt"));
        assert_eq!(q2.verdict, Some(Verdict::Below));
        assert_eq!(q2.by, Some(Value::from_i64(-5_000_000)));
        assert_eq!(q2.given_in, "r0.txt");
        let q3 = &s.guidance[1];
        assert_eq!((q3.actual, q3.verdict), (None, None));
        // The Q2 cell is Q1's statement as first reported, revised by Q2's own.
        let rev = &s.metrics[0];
        let cell = rev.cell("Q2 FY2024").unwrap();
        assert_eq!(cell.release, "r0.txt");
        assert_eq!(cell.revised_value, Some(Value::from_i64(95_000_000)));
        assert_eq!(rev.cell("Q1 FY2024").unwrap().confirmed_by, ["r1.txt"]);
    }

    #[test]
    fn guidance_verdicts_say_by_how_much() {
        let v = |n: i64| Some(Value::from_i64(n));
        assert_eq!(
            judge(Value::from_i64(95), v(100), v(110)).0,
            Some(Verdict::Below)
        );
        assert_eq!(judge(Value::from_i64(95), v(100), v(110)).1, v(-5));
        assert_eq!(
            judge(Value::from_i64(95), v(100), v(110)).2,
            Some(Value::new(Decimal::new(-50, 1)))
        );
        assert_eq!(
            judge(Value::from_i64(105), v(100), v(110)).0,
            Some(Verdict::Within)
        );
        assert_eq!(judge(Value::from_i64(121), v(110), v(100)).1, v(11));
        assert_eq!(
            judge(Value::from_i64(100), v(100), None).0,
            Some(Verdict::Within)
        );
        assert_eq!(judge(Value::from_i64(100), None, None).0, None);
    }
}
