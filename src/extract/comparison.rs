//! Current against prior period: quarter over quarter, year over year, fiscal year.
//!
//! Built from the same reading of prose as the highlights (a clause's current value, its prior
//! values and stated changes), from qualitative statements ("declined modestly from Q3"), and
//! from financial tables whose columns hold the current and an earlier period.

use super::highlights::{Found, Role};
use super::identity::Identity;
use super::period;
use crate::document::Document;
use crate::release::{Basis, Comparison, ComparisonKind, Direction, Period, Point, Value, unit};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

/// Quarter over quarter when the prior is the quarter before; year over year when it is the same
/// span a year earlier; fiscal year when both are full years.
pub fn kind_of(cur: &Period, prior: &Period) -> Option<ComparisonKind> {
    let (cy, py) = (cur.fiscal_year?, prior.fiscal_year?);
    let full = |p: &Period| p.label.as_deref().is_some_and(|l| l.starts_with("FY"));
    if full(cur) && full(prior) {
        return (cy - py == 1).then_some(ComparisonKind::Fy);
    }
    match (cur.quarter, prior.quarter) {
        (Some(c), Some(p)) => {
            let idx = |y: i32, q: u8| i64::from(y) * 4 + i64::from(q);
            let d = idx(cy, c) - idx(py, p);
            match d {
                1 => Some(ComparisonKind::Qoq),
                4 => Some(ComparisonKind::Yoy),
                _ => None,
            }
        }
        _ => {
            let span = |p: &Period| {
                p.label
                    .as_deref()
                    .and_then(|l| l.split(' ').next())
                    .map(String::from)
            };
            (cy - py == 1 && span(cur) == span(prior)).then_some(ComparisonKind::Yoy)
        }
    }
}

/// Change and percent change (rounded to one decimal) from current and prior values.
pub fn change(cur: Value, prior: Value) -> (Value, Option<Value>, Direction) {
    let d = cur.0 - prior.0;
    // A percent of a loss, or across a change of sign, says nothing a reader can use ("+180%"
    // from a loss to a profit): only a positive base has a percent change.
    let pct = (prior.0 > Decimal::ZERO && !cur.0.is_sign_negative()).then(|| {
        Value::new(
            (d / prior.0.abs() * Decimal::from(100))
                .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero),
        )
    });
    let dir = if d.is_zero() {
        Direction::Flat
    } else if d.is_sign_positive() {
        Direction::Up
    } else {
        Direction::Down
    };
    (Value::new(d), pct, dir)
}

fn label(p: &Option<Period>) -> Option<String> {
    p.as_ref().and_then(|p| p.label.clone())
}

fn clause_text(doc: &Document, span: (usize, usize)) -> (String, usize, usize) {
    let raw = doc.text.get(span.0..span.1).unwrap_or("");
    let lead = raw.len()
        - raw
            .trim_start_matches(|c: char| c.is_whitespace() || c == '-')
            .len();
    let trail = raw
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '.'))
        .len();
    let (s, e) = (span.0 + lead, span.0 + trail.max(lead));
    (
        doc.text
            .get(s..e)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        s,
        e,
    )
}

/// The prior period of a change with no prior value: the period named after the change in its
/// clause ("over the prior quarter", "during 2006"), else the year before a full year.
fn prior_period_of_change(doc: &Document, c: &Found, cur: &Period) -> Option<Period> {
    let after = doc.text.get(c.end..c.clause_span.1).unwrap_or("");
    for m in period::find(after) {
        if let Some(p) = period::resolve(&m.spec, cur, false)
            && p.label != cur.label
        {
            return Some(p);
        }
    }
    // "increased by $47 million during 2006": the change over a full year.
    let cp = c.period.as_ref()?;
    if cp.quarter.is_none() && cp.label.as_deref().is_some_and(|l| l.starts_with("FY")) {
        let fy = cp.fiscal_year? - 1;
        return Some(Period {
            label: Some(format!("FY{fy}")),
            fiscal_year: Some(fy),
            quarter: None,
            end_date: None,
        });
    }
    None
}

/// Significant digits of a value as written (4660000000 → 3, 0.81 → 2).
pub(crate) fn significant_digits(d: Decimal) -> u32 {
    let n = d.normalize();
    let digits = n.mantissa().unsigned_abs().to_string();
    let trimmed = digits.trim_end_matches('0');
    (trimmed.len() as u32).max(2)
}

/// Whether the words right before an amount make it a bound or an approximation.
pub(crate) fn approximate_before(before: &str) -> bool {
    let tail: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(2)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let last = tail.first().map_or("", String::as_str);
    let two = tail.get(1).map_or("", String::as_str);
    matches!(
        last,
        "approximately" | "about" | "nearly" | "almost" | "roughly" | "around" | "some" | "over"
    ) || (matches!(last, "than") && matches!(two, "more" | "less"))
}

/// Half a unit of the last digit a value was written to ("$3.1 billion": $50 million; "0.59":
/// 0.005).
fn half_unit(d: Decimal) -> Decimal {
    let n = d.normalize();
    let digits = n.mantissa().unsigned_abs().to_string();
    let zeros = (digits.len() - digits.trim_end_matches('0').len()) as i64;
    let exp = zeros - i64::from(n.scale());
    let unit = if exp >= 0 {
        Decimal::from(10i64.pow(exp.min(18) as u32))
    } else {
        Decimal::ONE / Decimal::from(10i64.pow((-exp).min(18) as u32))
    };
    unit / Decimal::from(2)
}

/// Whether a stated percent change can be the change between two rounded amounts: "increased 21
/// percent to $3.1 billion from $2.6 billion" (anything from 15 to 24 percent fits those two).
fn fits_rounded(cur: Value, prior: Value, stated: Decimal) -> bool {
    let Some((lo, hi)) = rounded_range(cur, prior) else {
        return false;
    };
    let half = Decimal::new(5, 1);
    stated >= lo - half && stated <= hi + half
}

/// The percent changes two rounded positive amounts allow, lowest and highest.
fn rounded_range(cur: Value, prior: Value) -> Option<(Decimal, Decimal)> {
    let (c, p) = (cur.0, prior.0);
    if c <= Decimal::ZERO || p <= Decimal::ZERO {
        return None;
    }
    let (hc, hp) = (half_unit(c), half_unit(p));
    if p - hp <= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::from(100);
    let lo = ((c - hc) / (p + hp) - Decimal::ONE) * hundred;
    let hi = ((c + hc) / (p - hp) - Decimal::ONE) * hundred;
    Some((lo, hi))
}

fn round_significant(d: Decimal, digits: u32) -> Decimal {
    if d.is_zero() {
        return d;
    }
    let int_digits = d
        .abs()
        .trunc()
        .normalize()
        .to_string()
        .trim_start_matches('0')
        .len() as i64;
    let dp = i64::from(digits) - int_digits;
    if dp >= 0 {
        d.round_dp_with_strategy(dp as u32, RoundingStrategy::MidpointAwayFromZero)
    } else {
        let f = Decimal::from(10i64.pow((-dp) as u32));
        (d / f).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * f
    }
}

/// Comparisons from the readings of [`highlights::analyze`] (made once per release, shared with
/// the figures and the outlook).
pub(crate) fn extract(doc: &Document, id: &Identity, found: &[Found]) -> Vec<Comparison> {
    let mut out: Vec<Comparison> = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let clause = found[i].clause;
        let mut j = i;
        while j < found.len() && found[j].clause == clause {
            j += 1;
        }
        from_clause(doc, &found[i..j], &mut out);
        i = j;
    }
    // "Net income for the fourth quarter 2007 was $632 million ... Net income for the fourth
    // quarter 2006 was $359 million": a current figure and its prior said in nearby sentences
    // are a comparison too.
    across_sentences(doc, id, found, &mut out);
    // Table comparisons add what prose did not say; the prose one wins for the same pair, but
    // for a prior the prose left to be worked out ("up 9 percent to $4.66 billion") the table's
    // stated pair is the true one.
    // (Each table comparison is looked up by metric, kind and periods among those said, not
    // compared with every one.)
    let mut by_key: HashMap<Key, Vec<usize>> = HashMap::new();
    for (k, c) in out.iter().enumerate() {
        by_key.entry(key(c)).or_default().push(k);
    }
    for t in super::table::comparisons(doc, id) {
        // The same pair on the same basis (an unmarked one may be either) and of the same
        // current figure: a reconciliation's non-GAAP line is not the statement's GAAP line
        // before the bases are settled.
        let same = |c: &Comparison| {
            (c.basis == t.basis || c.basis.is_none() || t.basis.is_none())
                && match (c.current.value, t.current.value) {
                    (Some(a), Some(b)) => {
                        (a.0 - b.0).abs() * Decimal::from(200) <= a.0.abs().max(b.0.abs())
                    }
                    _ => true,
                }
        };
        let slot = by_key.entry(key(&t)).or_default();
        // "revenue of $4.66 billion, which represents 9 percent year-over-year growth": the
        // prose's current and percent are as the release says them, the prior worked back from
        // the rounded percent is not; the table states that prior.
        if let Some(&k) = slot.iter().find(|&&k| out[k].derived && same(&out[k]))
            && let (Some(cv), Some(pv)) = (out[k].current.value, t.prior.value)
        {
            let c = &mut out[k];
            c.prior.value = Some(pv);
            c.change = Some(Value::new(cv.0 - pv.0));
            c.derived = false;
        }
        // The table's pair is kept beside the prose's when the prose rounds it ("$26.74
        // billion" for 26,741): its change is the exact one the rounded amounts only bound.
        let repeat = |c: &Comparison| {
            same(c)
                && !(rounds(c.current.value, t.current.value)
                    && rounds(c.prior.value, t.prior.value)
                    && (c.current.value != t.current.value || c.prior.value != t.prior.value))
        };
        if !slot.iter().any(|&k| repeat(&out[k])) {
            slot.push(out.len());
            out.push(t);
        }
    }
    stated_elsewhere(doc, found, &mut out);
    out
}

/// Whether `rounded` is `exact`, or `exact` written to fewer digits (26.74 billion for 26,741
/// million).
fn rounds(rounded: Option<Value>, exact: Option<Value>) -> bool {
    match (rounded, exact) {
        (Some(r), Some(e)) => (r.0 - e.0).abs() <= half_unit(r.0),
        _ => false,
    }
}

/// The kind of comparison a clause's words name: "sequential", "prior quarter" (quarter over
/// quarter), "year-over-year", "a year ago" (year over year); `None` for neither or both.
fn kind_named(clause: &str) -> Option<ComparisonKind> {
    let t = clause.to_ascii_lowercase().replace('-', " ");
    let qoq = [
        "sequential",
        "quarter over quarter",
        "prior quarter",
        "previous quarter",
        "preceding quarter",
        "linked quarter",
    ]
    .iter()
    .any(|w| t.contains(w));
    let yoy = [
        "year over year",
        "year ago",
        "prior year",
        "previous year",
        "last year",
    ]
    .iter()
    .any(|w| t.contains(w));
    match (qoq, yoy) {
        (true, false) => Some(ComparisonKind::Qoq),
        (false, true) => Some(ComparisonKind::Yoy),
        _ => None,
    }
}

/// "Alcoa reported a 27 percent sequential drop in revenue" and, sentences later, "Revenues
/// ... were $4.1 billion, down from $5.7 billion": a percent change stated in a clause of its
/// own (no amount of its metric beside it) is the percent of the nearby comparison it fits,
/// when the rounded amounts leave the percent less certain than the one stated. A stated
/// percent that fits no comparison, or more than one kind, is left alone.
fn stated_elsewhere(doc: &Document, found: &[Found], out: &mut [Comparison]) {
    for ch in found.iter().filter(|f| {
        f.role == Role::Change && f.unit == unit::PERCENT && f.low.is_none() && f.value.is_some()
    }) {
        let lone = !found.iter().any(|f| {
            f.clause == ch.clause
                && f.metric == ch.metric
                && matches!(f.role, Role::Level | Role::Prior)
        });
        let (Some(stated), Some(cp)) = (ch.value, ch.period.as_ref()) else {
            continue;
        };
        if !lone || approximate_before(&doc.text[..ch.start.min(doc.text.len())]) {
            continue;
        }
        let named = kind_named(
            doc.text
                .get(ch.clause_span.0..ch.clause_span.1)
                .unwrap_or(""),
        );
        let fits: Vec<usize> = (0..out.len())
            .filter(|&k| {
                let c = &out[k];
                let (Some(cv), Some(pv)) = (c.current.value, c.prior.value) else {
                    return false;
                };
                let Some((lo, hi)) = rounded_range(cv, pv) else {
                    return false;
                };
                let down = cv.0 < pv.0;
                let s = if down {
                    -stated.0.abs()
                } else {
                    stated.0.abs()
                };
                let half = half_unit(stated.0);
                c.metric == ch.metric
                    && c.segment == ch.segment
                    && !c.derived
                    && c.unit.as_deref() != Some(unit::PERCENT)
                    && c.current.period == cp.label
                    && named.is_none_or(|n| n == c.kind)
                    && ch.direction.is_none_or(|d| (d == Direction::Down) == down)
                    && c.source.start.abs_diff(ch.start) <= NEARBY
                    // Rounding leaves more doubt than the stated percent has.
                    && hi - lo > half * Decimal::from(2)
                    && s >= lo - half
                    && s <= hi + half
            })
            .collect();
        let kinds: Vec<ComparisonKind> = fits.iter().map(|&k| out[k].kind).collect();
        if kinds.is_empty() || kinds.iter().any(|&k| k != kinds[0]) {
            continue;
        }
        for k in fits {
            let c = &mut out[k];
            let down = c.direction == Some(Direction::Down);
            c.change_pct = Some(Value::new(if down {
                -stated.0.abs()
            } else {
                stated.0.abs()
            }));
        }
    }
}

/// What makes two comparisons the same pair, but for their basis: metric, kind, periods and
/// segment.
type Key = (
    String,
    ComparisonKind,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn key(c: &Comparison) -> Key {
    (
        c.metric.clone(),
        c.kind,
        c.current.period.clone(),
        c.prior.period.clone(),
        c.segment.clone(),
    )
}

/// How far apart (bytes) a current figure and its prior may be said: the same paragraph or the
/// next sentences, not another part of the release.
const NEARBY: usize = 1200;

/// A comparison already made, as far as another may repeat it: its basis and current value.
type Said = (Option<Basis>, Option<Value>, Option<Value>);

fn across_sentences(doc: &Document, id: &Identity, found: &[Found], out: &mut Vec<Comparison>) {
    let stated = |f: &&Found| {
        matches!(f.role, Role::Level | Role::Prior)
            && f.low.is_none()
            && f.value.is_some()
            && f.period.as_ref().is_some_and(|p| p.label.is_some())
    };
    let base = &id.period;
    let current = |p: &Period| {
        p.label == base.label
            || p.fiscal_year == base.fiscal_year
                && p.quarter.is_none()
                && (base.quarter == Some(4) || base.quarter.is_none())
    };
    let items: Vec<&Found> = found.iter().filter(stated).collect();
    // The items by position, to find those NEARBY a figure by bisection rather than by a scan
    // of every item (a release of thousands of figures made that the square of their number).
    let mut by_start: Vec<usize> = (0..items.len()).collect();
    by_start.sort_by_key(|&k| (items[k].start, k));
    // What `out` already says, by metric, kind and periods (with the bases said): a new
    // comparison is looked up, not compared with every one.
    // Two figures of one metric and period ("income from continuing operations of $558
    // million, or $0.64" and "net income of $555 million, or $0.63") are two comparisons: the
    // current value is part of what was said.
    let mut said: HashMap<Key, Vec<Said>> = HashMap::new();
    for c in out.iter() {
        said.entry(key(c))
            .or_default()
            .push((c.basis, c.current.value, c.prior.value));
    }
    let mut near: Vec<usize> = Vec::new();
    for cur in items.iter().filter(|f| f.role == Role::Level) {
        let (Some(cv), Some(cp)) = (cur.value, cur.period.as_ref()) else {
            continue;
        };
        if !current(cp) {
            continue;
        }
        let mut best: Vec<(ComparisonKind, &Found)> = Vec::new();
        let mut all: Vec<(ComparisonKind, &Found)> = Vec::new();
        // The items within NEARBY, in their order in `items` (ties go to the first, as in a
        // scan).
        let lo = by_start.partition_point(|&k| items[k].start < cur.start.saturating_sub(NEARBY));
        near.clear();
        near.extend(
            by_start[lo..]
                .iter()
                .take_while(|&&k| items[k].start <= cur.start + NEARBY)
                .copied(),
        );
        near.sort_unstable();
        for p in near.iter().map(|&k| items[k]) {
            let Some(pp) = p.period.as_ref() else {
                continue;
            };
            if p.metric != cur.metric
                || p.segment != cur.segment
                || p.unit != cur.unit
                || p.clause == cur.clause
                || p.start.abs_diff(cur.start) > NEARBY
                || !(p.basis == cur.basis || p.basis.is_none() || cur.basis.is_none())
                // A figure said on an adjusted basis in another sentence compares with an
                // adjusted one only: beside it the release states the adjusted current too.
                || (p.basis == Some(Basis::NonGaap)) != (cur.basis == Some(Basis::NonGaap))
                || per_share_of(&p.label) != per_share_of(&cur.label)
            {
                continue;
            }
            let Some(kind) = kind_of(cp, pp) else {
                continue;
            };
            all.push((kind, p));
            // The nearest prior of each kind.
            match best.iter_mut().find(|(k, _)| *k == kind) {
                Some(slot) if slot.1.start.abs_diff(cur.start) > p.start.abs_diff(cur.start) => {
                    slot.1 = p;
                }
                Some(_) => {}
                None => best.push((kind, p)),
            }
        }
        // "Revenues in the second quarter of 2007 were $6.8 billion excluding divested
        // businesses, and including divested businesses were $8.1 billion": the prior period's
        // figure stated twice in one sentence gives a comparison with each.
        let twice: Vec<(ComparisonKind, &Found, bool)> = best
            .iter()
            .flat_map(|&(kind, b)| {
                let again = all.iter().filter(move |(k, q)| {
                    *k == kind
                        && q.value != b.value
                        && q.period.as_ref().map(|x| &x.label)
                            == b.period.as_ref().map(|x| &x.label)
                        && one_sentence(doc, b, q)
                });
                std::iter::once((kind, b, false)).chain(again.map(|&(k, q)| (k, q, true)))
            })
            .collect();
        for (kind, p, again) in twice {
            let Some(pv) = p.value else { continue };
            let pl = p.period.as_ref().and_then(|x| x.label.clone());
            let key = (
                cur.metric.to_string(),
                kind,
                cp.label.clone(),
                pl.clone(),
                cur.segment.clone(),
            );
            let bases = said.entry(key).or_default();
            if bases.iter().any(|&(b, v, w)| {
                v == Some(cv)
                    && (b == cur.basis || b.is_none() || cur.basis.is_none())
                    && (!again || w == Some(pv))
            }) {
                continue;
            }
            bases.push((cur.basis, Some(cv), Some(pv)));
            let (d, pct, dir) = change(cv, pv);
            out.push(Comparison {
                kind,
                prior: Point {
                    period: pl,
                    value: Some(pv),
                },
                change: Some(d),
                change_pct: pct,
                direction: Some(dir),
                ..of_level(doc, cur, cv, cp)
            });
        }
    }
}

/// Whether two figures are said in one sentence, close together: no sentence end between.
fn one_sentence(doc: &Document, a: &Found, b: &Found) -> bool {
    let (s, e) = if a.end <= b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start)
    };
    e >= s
        && e - s < 300
        && doc
            .text
            .get(s..e)
            .is_some_and(|t| !t.contains(". ") && !t.contains(".\n") && !t.contains(';'))
}

/// The result a per-share figure divides ("Net income per share", "loss from continuing
/// operations per share"): net income's EPS and continuing operations' EPS of another period
/// are no pair, whatever sentence says them. `None` for any other label.
fn per_share_of(label: &str) -> Option<&'static str> {
    let lower = label.to_lowercase();
    let head = lower.strip_suffix(" per share")?;
    super::lexicon::get()
        .mentions(head)
        .first()
        .map(|m| m.metric)
        .filter(|m| !m.starts_with("eps"))
}

/// A comparison of `cur` (a stated level) with nothing on the prior side yet.
fn of_level(doc: &Document, cur: &Found, cv: Value, cp: &Period) -> Comparison {
    let (text, s, e) = clause_text(doc, cur.clause_span);
    Comparison {
        metric: cur.metric.into(),
        label: cur.label.clone(),
        kind: ComparisonKind::Yoy,
        current: Point {
            period: cp.label.clone(),
            value: Some(cv),
        },
        prior: Point {
            period: None,
            value: None,
        },
        change: None,
        change_pct: None,
        direction: None,
        magnitude: None,
        derived: false,
        unit: Some(cur.unit.clone()),
        basis: cur.basis,
        segment: cur.segment.clone(),
        text,
        source: doc.source(s, e),
    }
}

fn from_clause(doc: &Document, items: &[Found], out: &mut Vec<Comparison>) {
    for q in items.iter().filter(|f| f.role == Role::Qualitative) {
        let (Some(cur), Some(prior)) = (&q.period, &q.basis_period) else {
            continue;
        };
        let Some(kind) = kind_of(cur, prior) else {
            continue;
        };
        let (text, s, e) = clause_text(doc, q.clause_span);
        out.push(Comparison {
            metric: q.metric.into(),
            label: q.label.clone(),
            kind,
            current: Point {
                period: cur.label.clone(),
                value: None,
            },
            prior: Point {
                period: prior.label.clone(),
                value: None,
            },
            change: None,
            change_pct: None,
            direction: q.direction,
            magnitude: q.magnitude.clone(),
            derived: false,
            unit: Some(q.unit.clone()),
            basis: q.basis,
            segment: q.segment.clone(),
            text,
            source: doc.source(s, e),
        });
    }
    for cur in items
        .iter()
        .filter(|f| f.role == Role::Level && f.low.is_none())
    {
        let (Some(cv), Some(cp)) = (cur.value, cur.period.as_ref()) else {
            continue;
        };
        let base = of_level(doc, cur, cv, cp);
        let priors: Vec<&Found> = items
            .iter()
            .filter(|p| {
                p.role == Role::Prior
                    && p.metric == cur.metric
                    && p.unit == cur.unit
                    // "from $(1.80) to $(0.42)": the prior can come first.
                    && p.start != cur.start
                    && p.low.is_none()
            })
            .collect();
        let mut done = false;
        // "decreased 4% to $122.2 million from $127.4 million at June 30 and $128.1 million a
        // year before": one stated percent is the change against one prior, the one whose
        // computed change it is nearest (the first of a tie); the others keep their own.
        let stated_pct = items
            .iter()
            .find(|c| {
                c.role == Role::Change
                    && c.metric == cur.metric
                    && c.unit == unit::PERCENT
                    && c.low.is_none()
            })
            .and_then(|c| c.value);
        let nearest = stated_pct.and_then(|s| {
            priors
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let pct = change(cv, p.value?).1?;
                    Some((i, (pct.0.abs() - s.0.abs()).abs()))
                })
                .min_by(|a, b| a.1.cmp(&b.1))
                .map(|(i, _)| i)
        });
        for (i, p) in priors.iter().enumerate() {
            let (Some(pv), Some(pp)) = (p.value, p.period.as_ref()) else {
                continue;
            };
            let Some(kind) = kind_of(cp, pp) else {
                continue;
            };
            let (d, pct, dir) = change(cv, pv);
            // "decreased 3.2 percent to $293.6 million from $303.5 million": the percent the
            // release states is exact where one worked out of rounded amounts is not.
            let stated = stated_pct
                .filter(|_| nearest.is_none_or(|n| n == i))
                .map(|v| {
                    let down = dir == Direction::Down;
                    Value::new(if down { -v.0.abs() } else { v.0.abs() })
                });
            let pct = match (pct, stated) {
                // Only when the two agree in sign and roughly in size (the stated one is of this
                // pair, not of another comparison in the clause).
                (Some(p), Some(s))
                    if ((p.0 - s.0).abs() <= Decimal::ONE || fits_rounded(cv, pv, s.0))
                        && p.0.is_sign_negative() == s.0.is_sign_negative() =>
                {
                    Some(s)
                }
                (p, _) => p,
            };
            out.push(Comparison {
                kind,
                prior: Point {
                    period: pp.label.clone(),
                    value: Some(pv),
                },
                change: Some(d),
                change_pct: pct,
                direction: Some(dir),
                ..base.clone()
            });
            done = true;
        }
        if done {
            continue;
        }
        // A stated change: "increased by $47 million during 2006, to $361 million",
        // "increased 9% to $88.1 million".
        let Some(c) = items.iter().find(|c| {
            c.role == Role::Change && c.metric == cur.metric && c.low.is_none() && c.value.is_some()
        }) else {
            continue;
        };
        let Some(chv) = c.value else { continue };
        // "a more than $800 million improvement", "up about 9%": a change given as a bound or
        // an approximation yields no prior value to state.
        if approximate_before(&doc.text[..c.start.min(doc.text.len())]) {
            continue;
        }
        let down = c.direction == Some(Direction::Down) || chv.is_negative();
        let mag = chv.0.abs();
        let cur_period = if c.period.as_ref().is_some_and(|p| {
            p.quarter.is_none() && p.label.as_deref().is_some_and(|l| l.starts_with("FY"))
        }) && cp.quarter.is_some()
            && c.unit != unit::PERCENT
        {
            c.period.clone().unwrap_or_else(|| cp.clone())
        } else {
            cp.clone()
        };
        let Some(pp) = prior_period_of_change(doc, c, &cur_period) else {
            continue;
        };
        let Some(kind) = kind_of(&cur_period, &pp) else {
            continue;
        };
        let prior_v = if c.unit == unit::PERCENT {
            let signed = if down { -mag } else { mag };
            let f = Decimal::ONE + signed / Decimal::from(100);
            if f <= Decimal::ZERO {
                continue;
            }
            // A derived prior is as precise as the current value was written: "$4.66 billion"
            // (three significant digits) gives "$4.28 billion", not "$4,275,229,357.8".
            Value::new(round_significant(cv.0 / f, significant_digits(cv.0)))
        } else if c.unit == cur.unit {
            Value::new(if down { cv.0 + mag } else { cv.0 - mag })
        } else {
            continue;
        };
        let (d, pct, dir) = change(cv, prior_v);
        out.push(Comparison {
            kind,
            current: Point {
                period: cur_period.label.clone(),
                value: Some(cv),
            },
            prior: Point {
                period: pp.label.clone(),
                value: Some(prior_v),
            },
            change: Some(if c.unit == unit::PERCENT {
                d
            } else {
                Value::new(if down { -mag } else { mag })
            }),
            change_pct: if c.unit == unit::PERCENT {
                Some(Value::new(if down { -mag } else { mag }))
            } else {
                pct
            },
            direction: Some(dir),
            derived: true,
            ..base.clone()
        });
    }
    let _ = label;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stated_change_fits_the_rounding_of_its_amounts() {
        let v = |s: &str| Value::new(s.parse().unwrap_or_default());
        assert_eq!(
            half_unit("3100000000".parse().unwrap_or_default()),
            Decimal::from(50_000_000)
        );
        assert_eq!(
            half_unit("0.59".parse().unwrap_or_default()),
            Decimal::new(5, 3)
        );
        // $3.1 billion against $2.6 billion: 19.2 % as computed, 21 % as stated; fits.
        assert!(fits_rounded(
            v("3100000000"),
            v("2600000000"),
            Decimal::from(21)
        ));
        // Exact amounts leave no room.
        assert!(!fits_rounded(
            v("3146000000"),
            v("2567000000"),
            Decimal::from(30)
        ));
        assert!(!fits_rounded(
            v("3100000000"),
            v("2600000000"),
            Decimal::from(40)
        ));
    }

    #[test]
    fn sample_comparisons() {
        let r = crate::sample();
        let rev = r
            .comparisons
            .iter()
            .find(|c| c.metric == "revenue" && c.kind == ComparisonKind::Qoq)
            .expect("revenue qoq");
        assert_eq!(rev.current.value, Some(Value::from_i64(79_000_000)));
        assert_eq!(rev.prior.value, Some(Value::from_i64(75_000_000)));
        assert_eq!(rev.current.period.as_deref(), Some("Q4 FY2006"));
        assert_eq!(rev.prior.period.as_deref(), Some("Q3 FY2006"));
        assert_eq!(rev.change, Some(Value::from_i64(4_000_000)));
        assert_eq!(rev.change_pct, Some(Value::new(Decimal::new(53, 1))));
        assert_eq!(rev.direction, Some(Direction::Up));
        let cash = r
            .comparisons
            .iter()
            .find(|c| c.metric == "cash_and_investments")
            .expect("cash comparison");
        assert_eq!(cash.current.value, Some(Value::from_i64(361_000_000)));
        assert_eq!(cash.prior.value, Some(Value::from_i64(314_000_000)));
        assert!(cash.derived);
        let gm = r
            .comparisons
            .iter()
            .find(|c| c.metric == "gross_margin" && c.kind == ComparisonKind::Qoq)
            .expect("qualitative gross margin qoq");
        assert_eq!(gm.direction, Some(Direction::Down));
        assert_eq!(gm.magnitude.as_deref(), Some("modestly"));
        assert_eq!(gm.current.value, None);
        let ni = r
            .comparisons
            .iter()
            .find(|c| c.metric == "net_income" && c.kind == ComparisonKind::Yoy)
            .expect("net income yoy");
        assert_eq!(ni.prior.period.as_deref(), Some("Q4 FY2005"));
        for c in &r.comparisons {
            let src = &r.document.text[c.source.start..c.source.end];
            assert_eq!(src.split_whitespace().collect::<Vec<_>>().join(" "), c.text);
        }
    }

    #[test]
    fn change_rounds_to_one_decimal() {
        let (d, pct, dir) = change(Value::from_i64(79), Value::from_i64(75));
        assert_eq!(d, Value::from_i64(4));
        assert_eq!(pct, Some(Value::new(Decimal::new(53, 1))));
        assert_eq!(dir, Direction::Up);
    }
}
