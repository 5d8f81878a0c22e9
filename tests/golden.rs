//! Golden tests: every release in tests/corpus has a hand-checked file in tests/golden/ naming its
//! key figures, restatement status and risk count; the extraction must reproduce them.
//! Releases added to ../shared/corpus later are picked up too: they must load without error, and a
//! missing golden file is reported.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Golden {
    /// Why these figures: what a reader checked in the source.
    #[serde(default)]
    note: String,
    #[serde(default)]
    company: Option<String>,
    #[serde(default)]
    ticker: Option<String>,
    #[serde(default)]
    exchange: Option<String>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    figures: Vec<GoldenFigure>,
    #[serde(default)]
    comparisons: Vec<GoldenComparison>,
    #[serde(default)]
    outlook: Vec<GoldenFigure>,
    restatement: String,
    #[serde(default)]
    event_kinds: Vec<String>,
    risks: usize,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct GoldenFigure {
    metric: String,
    period: Option<String>,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    low: Option<f64>,
    #[serde(default)]
    high: Option<f64>,
    #[serde(default)]
    basis: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct GoldenComparison {
    metric: String,
    kind: String,
    #[serde(default)]
    current: Option<f64>,
    #[serde(default)]
    prior: Option<f64>,
    #[serde(default)]
    change_pct: Option<f64>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn releases(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .filter(|p| {
                    let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    !n.eq_ignore_ascii_case("README.md")
                        && !n.eq_ignore_ascii_case("SOURCES.md")
                        && !n.starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn num(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}

fn check(path: &Path, golden: &Golden) -> Vec<String> {
    let mut errs = Vec::new();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    let r = match irview::load_path(path) {
        Ok(r) => r,
        Err(e) => return vec![format!("{name}: failed to load: {e}")],
    };
    let j = serde_json::to_value(&r).expect("release serializes");
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let mut eq = |what: &str, want: &Option<String>, got: Option<String>| {
        if let Some(w) = want
            && got.as_deref() != Some(w.as_str())
        {
            errs.push(format!("{name}: {what}: want {w:?}, got {got:?}"));
        }
    };
    eq("company", &golden.company, s(&j["company"]["name"]));
    eq("ticker", &golden.ticker, s(&j["company"]["ticker"]));
    eq("exchange", &golden.exchange, s(&j["company"]["exchange"]));
    eq("period", &golden.period, s(&j["period"]["label"]));
    eq("date", &golden.date, s(&j["date"]));
    let figs = j["highlights"].as_array().cloned().unwrap_or_default();
    for g in &golden.figures {
        let found = figs.iter().any(|f| {
            f["metric"] == g.metric.as_str()
                && (g.period.is_none() || f["period"].as_str() == g.period.as_deref())
                && g.value
                    .is_none_or(|v| num(&f["value"]).is_some_and(|x| close(x, v)))
                && g.low
                    .is_none_or(|v| num(&f["low"]).is_some_and(|x| close(x, v)))
                && g.high
                    .is_none_or(|v| num(&f["high"]).is_some_and(|x| close(x, v)))
                && (g.basis.is_none() || f["basis"].as_str() == g.basis.as_deref())
        });
        if !found {
            errs.push(format!("{name}: missing figure {g:?}"));
        }
    }
    let outs = j["outlook"].as_array().cloned().unwrap_or_default();
    for g in &golden.outlook {
        let found = outs.iter().any(|f| {
            f["metric"] == g.metric.as_str()
                && (g.period.is_none() || f["period"].as_str() == g.period.as_deref())
                && g.low
                    .is_none_or(|v| num(&f["low"]).is_some_and(|x| close(x, v)))
                && g.high
                    .is_none_or(|v| num(&f["high"]).is_some_and(|x| close(x, v)))
        });
        if !found {
            errs.push(format!("{name}: missing outlook {g:?}"));
        }
    }
    let comps = j["comparisons"].as_array().cloned().unwrap_or_default();
    for g in &golden.comparisons {
        let found = comps.iter().any(|c| {
            c["metric"] == g.metric.as_str()
                && c["kind"] == g.kind.as_str()
                && g.current
                    .is_none_or(|v| num(&c["current"]["value"]).is_some_and(|x| close(x, v)))
                && g.prior
                    .is_none_or(|v| num(&c["prior"]["value"]).is_some_and(|x| close(x, v)))
                && g.change_pct
                    .is_none_or(|v| num(&c["change_pct"]).is_some_and(|x| (x - v).abs() < 0.051))
        });
        if !found {
            errs.push(format!("{name}: missing comparison {g:?}"));
        }
    }
    let status = j["restatement"]["status"].as_str().unwrap_or("");
    if status != golden.restatement {
        errs.push(format!(
            "{name}: restatement status: want {}, got {status}",
            golden.restatement
        ));
    }
    let kinds: Vec<String> = j["restatement"]["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["kind"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for k in &golden.event_kinds {
        if !kinds.contains(k) {
            errs.push(format!("{name}: no {k} event (got {kinds:?})"));
        }
    }
    let risks = j["risks"].as_array().map(Vec::len).unwrap_or(0);
    if risks != golden.risks {
        errs.push(format!("{name}: risks: want {}, got {risks}", golden.risks));
    }
    errs
}

#[test]
fn every_corpus_release_matches_its_golden_file() {
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let files = releases(&corpus_dir());
    assert!(files.len() >= 20, "corpus missing? {}", files.len());
    let mut errs = Vec::new();
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let gpath = golden_dir.join(format!("{name}.json"));
        let Ok(text) = std::fs::read_to_string(&gpath) else {
            errs.push(format!("{name}: no golden file {}", gpath.display()));
            continue;
        };
        let golden: Golden = match serde_json::from_str(&text) {
            Ok(g) => g,
            Err(e) => {
                errs.push(format!("{}: {e}", gpath.display()));
                continue;
            }
        };
        assert!(
            !golden.note.is_empty(),
            "{name}: golden without a note of what was checked"
        );
        errs.extend(check(f, &golden));
    }
    assert!(
        errs.is_empty(),
        "{} golden mismatches:\n{}",
        errs.len(),
        errs.join("\n")
    );
}

/// Releases in the shared corpus (beside the repository, as CI lays it) all load, including ones
/// added after these tests were written.
#[test]
fn every_shared_corpus_release_loads() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let ours: Vec<_> = releases(&corpus_dir())
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_owned()))
        .collect();
    for f in releases(&shared) {
        let r = irview::load_path(&f);
        assert!(
            r.is_ok(),
            "{}: {}",
            f.display(),
            r.err().map(|e| e.to_string()).unwrap_or_default()
        );
        let name = f.file_name().map(|n| n.to_owned()).unwrap_or_default();
        if !ours.contains(&name) {
            eprintln!(
                "note: {} has no copy in tests/corpus and no golden file yet",
                f.display()
            );
        }
    }
}
