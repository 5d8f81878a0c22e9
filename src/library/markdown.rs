//! Markdown of a company's Series and of what changed between two of its releases, in the
//! manner of [`crate::export`] (CommonMark with GFM tables; every string from a release escaped;
//! the whole passed through [`safe::text`] last). `irview series`, `irview diff` and the viewer's
//! export write these, the viewer's `e` on its Series tab and `irview export --pane series|changes`
//! through [`series_tab`], so the file is the same whichever wrote it.

use super::diff::{Diff, Words};
use super::series::{Cell, Change, Series};
use crate::export::{escape_block, escape_cell, escape_inline};
use crate::format;
use crate::release::unit;
use crate::text::safe;

fn value(v: &crate::release::Value, u: &str) -> String {
    format::value(v, Some(u))
}

/// A derived change: "+$200M (+2.7%)", or points for a percentage.
fn change(c: &Change, u: &str) -> String {
    if u == unit::PERCENT {
        let s = format::change(&c.change, None);
        return format!("{s} pts");
    }
    let mut s = format::change(&c.change, Some(u));
    if let Some(p) = &c.change_pct {
        s.push_str(&format!(" ({})", format::pct(p)));
    }
    s
}

fn revised_note(c: &Cell, u: &str) -> String {
    c.revisions
        .iter()
        .map(|r| {
            format!(
                "{} in {} (line {})",
                value(&r.value, u),
                safe::marked(&r.release),
                r.line
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The Series: a table a metric (period, value as first reported, where, QoQ, YoY, revised),
/// the revised cells listed, then guidance against actuals.
pub fn series(s: &Series) -> String {
    let mut out = String::new();
    let company = match &s.ticker {
        Some(t) => format!("{} ({t})", s.company),
        None => s.company.clone(),
    };
    out.push_str(&format!("# Series — {}\n\n", escape_inline(&company)));
    out.push_str(&escape_block(&format!(
        "{} · {} · values as first reported; revised: a later release states another value; \
         QoQ and YoY are derived from the cells",
        count(s.releases.len(), "release"),
        count(s.periods.len(), "period")
    )));
    out.push_str("\n\n");
    if s.metrics.is_empty() {
        out.push_str("No metric is stated by two releases or more.\n\n");
    }
    for m in &s.metrics {
        out.push_str(&format!("## {}\n\n", escape_inline(&m.label)));
        out.push_str("| Period | Value | Reported in | Line | QoQ | YoY | Revised |\n");
        out.push_str("|---|---:|---|---:|---:|---:|---|\n");
        for c in &m.values {
            let cells = [
                c.period.clone(),
                value(&c.value, &m.unit),
                c.release.clone(),
                c.line.to_string(),
                c.qoq
                    .as_ref()
                    .map(|x| change(x, &m.unit))
                    .unwrap_or_default(),
                c.yoy
                    .as_ref()
                    .map(|x| change(x, &m.unit))
                    .unwrap_or_default(),
                revised_note(c, &m.unit),
            ];
            row(&mut out, &cells);
        }
        out.push('\n');
    }
    let revised: Vec<_> = s.revised().collect();
    if !revised.is_empty() {
        out.push_str("## Revised\n\n");
        for (m, c) in revised {
            out.push_str(&format!(
                "- {}, {}: {} as first reported in {} (line {}), revised to {}\n",
                escape_inline(&m.label),
                escape_inline(&c.period),
                escape_inline(&value(&c.value, &m.unit)),
                escape_inline(&c.release),
                c.line,
                escape_inline(&revised_note(c, &m.unit)),
            ));
        }
        out.push('\n');
    }
    if !s.matters.is_empty() {
        out.push_str("## Restatement and review matters\n\n");
        for t in &s.matters {
            let steps: Vec<String> = t
                .steps
                .iter()
                .map(|x| format!("{} ({})", x.state.name(), x.release))
                .collect();
            out.push_str(&format!(
                "- {}: {}\n",
                escape_inline(&t.label),
                escape_inline(&steps.join(" → "))
            ));
        }
        out.push('\n');
    }
    out.push_str("## Guidance vs actual\n\n");
    if s.guidance.is_empty() {
        out.push_str("No release of the series gives guidance.\n\n");
    } else {
        out.push_str(
            "| Metric | Period | Guidance | Given in | Actual | Reported in | Verdict |\n",
        );
        out.push_str("|---|---|---:|---|---:|---|---|\n");
        for g in &s.guidance {
            let u = g.unit.as_deref();
            let verdict = match (g.verdict, &g.by, &g.by_pct) {
                (Some(v), Some(by), pct) if !by.0.is_zero() => {
                    let mut s = format!(
                        "{} by {}",
                        v.name(),
                        format::value(&crate::release::Value(by.0.abs()), u)
                    );
                    if let Some(p) = pct {
                        s.push_str(&format!(" ({})", format::pct(p)));
                    }
                    s
                }
                (Some(v), _, _) => v.name().to_string(),
                (None, _, _) if g.change => "a change, not compared".into(),
                (None, _, _) => "no actual yet".into(),
            };
            let cells = [
                g.label.clone(),
                g.period.clone(),
                format::range(g.low.as_ref(), g.high.as_ref(), u),
                format!("{} (line {})", g.given_in, g.line),
                g.actual
                    .as_ref()
                    .map(|a| format::value(a, u))
                    .unwrap_or_default(),
                g.actual_release.clone().unwrap_or_default(),
                verdict,
            ];
            row(&mut out, &cells);
        }
        out.push('\n');
    }
    finish(out)
}

/// The viewer's Series tab as one file: the Series, then what changed in the release it was
/// opened from against the company's previous one (none for its first release). The viewer's
/// `e` and `irview export` on a library both write this, so there is one writer, not two.
pub fn series_tab(s: &Series, changed: Option<&Diff>) -> String {
    let mut md = series(s);
    if let Some(d) = changed {
        md.push('\n');
        md.push_str(&diff(d));
    }
    md
}

/// A word-level difference: removed words as ~~struck~~, added ones as **bold**.
fn words(ws: &[Words]) -> String {
    ws.iter()
        .map(|w| {
            let t = escape_inline(w.text.trim());
            match w.change {
                _ if t.is_empty() => String::new(),
                "removed" => format!("~~{t}~~"),
                "added" => format!("**{t}**"),
                _ => t,
            }
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What changed: risks added, removed, reworded (with the word difference), the matters'
/// progress, the figures that moved.
pub fn diff(d: &Diff) -> String {
    let side = |s: &super::diff::Side| {
        let mut parts = vec![s.release.clone()];
        parts.extend(s.period.clone());
        parts.extend(s.date.clone());
        parts.join(", ")
    };
    let mut out = String::new();
    let company = d.new.company.clone().or(d.old.company.clone());
    out.push_str(&format!(
        "# What changed{}\n\n",
        company
            .map(|c| format!(" — {}", escape_inline(&c)))
            .unwrap_or_default()
    ));
    out.push_str(&escape_block(&format!(
        "From {} to {}",
        side(&d.old),
        side(&d.new)
    )));
    out.push_str("\n\n## Risk factors\n\n");
    let r = &d.risks;
    out.push_str(&format!(
        "{} added, {} removed, {} reworded, {} unchanged.\n\n",
        r.added.len(),
        r.removed.len(),
        r.reworded.len(),
        r.unchanged
    ));
    for (title, items) in [("Added", &r.added), ("Removed", &r.removed)] {
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("### {title}\n\n"));
        for x in items {
            out.push_str(&format!("- {} (line {})\n", escape_inline(&x.text), x.line));
        }
        out.push('\n');
    }
    if !r.reworded.is_empty() {
        out.push_str("### Reworded\n\n");
        for x in &r.reworded {
            out.push_str(&format!(
                "- {} (line {} → {}; {:.0}% alike)\n",
                words(&x.words),
                x.old.line,
                x.new.line,
                x.similarity * 100.0
            ));
        }
        out.push('\n');
    }
    out.push_str("## Restatement and review matters\n\n");
    if d.events.is_empty() {
        out.push_str("Neither release mentions one.\n\n");
    }
    for p in &d.events {
        let state = |s: Option<crate::release::EventState>| s.map(|s| s.name()).unwrap_or("—");
        out.push_str(&format!(
            "- {}: {} → {} ({})\n",
            escape_inline(&p.label),
            state(p.old),
            state(p.new),
            p.change
        ));
    }
    if !d.events.is_empty() {
        out.push('\n');
    }
    out.push_str("## Figures that moved\n\n");
    if d.moved.is_empty() {
        out.push_str("No figure both releases state for the same period moved.\n\n");
    } else {
        out.push_str("| Metric | Period | Old | Line | New | Line |\n");
        out.push_str("|---|---|---:|---:|---:|---:|\n");
        for m in &d.moved {
            let cells = [
                m.label.clone(),
                m.period.clone(),
                value(&m.old, &m.unit),
                m.old_line.to_string(),
                value(&m.new, &m.unit),
                m.new_line.to_string(),
            ];
            row(&mut out, &cells);
        }
        out.push('\n');
    }
    finish(out)
}

/// "1 release", "9 releases".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// A GFM table row of escaped cells.
fn row(out: &mut String, cells: &[String]) {
    out.push_str("| ");
    let cells: Vec<String> = cells.iter().map(|x| escape_cell(x)).collect();
    out.push_str(&cells.join(" | "));
    out.push_str(" |\n");
}

/// One trailing newline, and no control character whatever a field carried.
fn finish(mut out: String) -> String {
    while out.ends_with("\n\n") {
        out.pop();
    }
    safe::text(&out).into_owned()
}
