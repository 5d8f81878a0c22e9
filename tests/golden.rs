//! Golden tests: every release in tests/corpus has a hand-checked file in tests/golden/ (the format
//! is in tests/golden/README.md) with two halves:
//! - facts, written from the source: what irview must find (recall = found / listed);
//! - every key item irview extracts, judged right or wrong by hand (precision = right / judged).
//!
//! The test fails on an item nobody has judged (a golden must cover everything irview says about
//! the key metrics, or precision means nothing), and when recall or precision over the corpus falls
//! below the floors below. The floors only rise: they are the measured figures of the last change,
//! on the way to the targets (recall 97 %, precision 95 %).
//!
//! `IRVIEW_GOLDEN_ONLY=a,b` limits the run to files whose names contain one of the words;
//! `IRVIEW_GOLDEN_REVIEW=1` prints every unjudged item as an entry ready to paste, with its source line.
//!
//! Releases added to ../shared/corpus later are picked up too: they must load without error, and a
//! missing golden file is reported.

use serde::Deserialize;
use serde_json::{Map, Value as J, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Recall and precision may not fall below these (percent, over every golden).
const FLOOR_RECALL: f64 = 97.1;
const FLOOR_PRECISION: f64 = 98.7;

/// The metrics whose every extracted figure is judged.
const KEY_METRICS: &[&str] = &[
    "revenue",
    "net_income",
    "eps_basic",
    "eps_diluted",
    "operating_income",
    "gross_margin",
    "cash_and_investments",
    "cash_flow_operations",
];

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
    /// The release's period; `null` written out means "no period" (an event release).
    #[serde(default, deserialize_with = "present")]
    period: Option<Option<String>>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    figures: Vec<GoldenFigure>,
    #[serde(default)]
    comparisons: Vec<GoldenComparison>,
    #[serde(default)]
    outlook: Vec<GoldenFigure>,
    /// The figures a correction changes (`restatement.corrections`).
    #[serde(default)]
    corrections: Vec<GoldenCorrection>,
    restatement: String,
    #[serde(default)]
    event_kinds: Vec<String>,
    risks: usize,
    #[serde(default)]
    reviewed: Vec<Map<String, J>>,
}

/// A field that may be written as `null`: `Some(None)`, told apart from a field left out (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(Option::<String>::deserialize(d)?))
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
    #[serde(default)]
    segment: Option<String>,
    /// A term that is a date (a dividend's record date), ISO.
    #[serde(default)]
    date: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct GoldenCorrection {
    /// The canonical metric; left out for a line item the lexicon does not know (then `label`).
    #[serde(default)]
    metric: Option<String>,
    #[serde(default)]
    label: Option<String>,
    period: Option<String>,
    #[serde(default)]
    change: Option<f64>,
    #[serde(default)]
    as_reported: Option<f64>,
    #[serde(default)]
    as_corrected: Option<f64>,
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
    prior_period: Option<String>,
    #[serde(default)]
    change_pct: Option<f64>,
    #[serde(default)]
    basis: Option<String>,
    #[serde(default)]
    segment: Option<String>,
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

/// A percent change as the release wrote it: "9 percent" covers 8.5 to 9.5, "5.3%" 5.25 to 5.35.
fn pct_close(got: f64, stated: f64) -> bool {
    let tol = if stated.fract() == 0.0 { 0.5 } else { 0.05 };
    (got - stated).abs() <= tol + 1e-9
}

fn num(v: &J) -> Option<f64> {
    v.as_f64()
}

/// A key field as text: numbers in their shortest form, null as `-`.
fn k(v: Option<&J>) -> String {
    match v {
        None | Some(J::Null) => "-".into(),
        Some(J::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), |f| format!("{f}")),
        Some(J::String(s)) => s.clone(),
        Some(J::Bool(b)) => b.to_string(),
        Some(other) => other.to_string(),
    }
}

/// The fields that make an item's key, by pane, as (field in a review entry, value).
fn key_fields(pane: &str, item: &J) -> Vec<(&'static str, J)> {
    let g = |f: &str| item.get(f).cloned().unwrap_or(J::Null);
    let mut out = vec![("pane", J::from(pane)), ("metric", g("metric"))];
    match pane {
        "highlights" => {
            out.push(("period", g("period")));
            let numeric = !(g("value").is_null() && g("low").is_null() && g("high").is_null());
            if numeric {
                out.push(("value", g("value")));
                out.push(("low", g("low")));
                out.push(("high", g("high")));
                out.push(("basis", g("basis")));
                out.push(("segment", g("segment")));
            } else {
                out.push(("direction", g("direction")));
                out.push(("segment", g("segment")));
                out.push(("line", item["source"]["line"].clone()));
            }
        }
        "comparisons" => {
            out.push(("kind", g("kind")));
            out.push(("current", item["current"]["value"].clone()));
            out.push(("prior", item["prior"]["value"].clone()));
            out.push(("prior_period", item["prior"]["period"].clone()));
            out.push(("basis", g("basis")));
            out.push(("segment", g("segment")));
            if item["current"]["value"].is_null() && item["prior"]["value"].is_null() {
                out.push(("line", item["source"]["line"].clone()));
            }
        }
        "corrections" => {
            out.push(("period", g("period")));
            out.push(("change", g("change")));
            out.push(("as_reported", g("as_reported")));
            out.push(("as_corrected", g("as_corrected")));
        }
        _ => {
            out.push(("period", g("period")));
            out.push(("low", g("low")));
            out.push(("high", g("high")));
            out.push(("basis", g("basis")));
            out.push(("segment", g("segment")));
        }
    }
    out
}

/// An item's key and the review entry to paste for it.
fn item_key(pane: &str, item: &J) -> (String, Map<String, J>) {
    let fields = key_fields(pane, item);
    let key = fields
        .iter()
        .map(|(f, v)| format!("{f}={}", k(Some(v))))
        .collect::<Vec<_>>()
        .join("|");
    let mut entry = Map::new();
    for (f, v) in fields {
        if !v.is_null() || matches!(f, "period" | "pane" | "metric") {
            entry.insert(f.into(), v);
        }
    }
    (key, entry)
}

/// A review entry's key: the same fields, read from the entry (left out = null).
fn entry_key(e: &Map<String, J>) -> String {
    let pane = e.get("pane").and_then(J::as_str).unwrap_or("");
    let numeric = ["value", "low", "high"]
        .iter()
        .any(|f| e.get(*f).is_some_and(|v| !v.is_null()));
    let fields: &[&str] = match pane {
        "highlights" if numeric => &[
            "pane", "metric", "period", "value", "low", "high", "basis", "segment",
        ],
        "highlights" => &["pane", "metric", "period", "direction", "segment", "line"],
        "comparisons" => {
            // A comparison without values (a qualitative one) is told apart by its line.
            const FIELDS: [&str; 9] = [
                "pane",
                "metric",
                "kind",
                "current",
                "prior",
                "prior_period",
                "basis",
                "segment",
                "line",
            ];
            let valued = ["current", "prior"]
                .iter()
                .any(|f| e.get(*f).is_some_and(|v| !v.is_null()));
            if valued { &FIELDS[..8] } else { &FIELDS[..] }
        }
        "corrections" => &[
            "pane",
            "metric",
            "period",
            "change",
            "as_reported",
            "as_corrected",
        ],
        _ => &[
            "pane", "metric", "period", "low", "high", "basis", "segment",
        ],
    };
    fields
        .iter()
        .map(|f| format!("{f}={}", k(e.get(*f))))
        .collect::<Vec<_>>()
        .join("|")
}

/// What one release scored.
#[derive(Default)]
struct Score {
    facts: usize,
    found: usize,
    right: usize,
    wrong: usize,
    missing: Vec<String>,
    wrong_items: Vec<String>,
    unjudged: Vec<Map<String, J>>,
    errors: Vec<String>,
}

fn score(path: &Path, golden: &Golden) -> Score {
    let mut sc = Score::default();
    let r = match irview::load_path(path) {
        Ok(r) => r,
        Err(e) => {
            sc.errors.push(format!("failed to load: {e}"));
            return sc;
        }
    };
    let j = serde_json::to_value(&r).expect("release serializes");
    let mut fact = |ok: bool, what: String| {
        sc.facts += 1;
        if ok {
            sc.found += 1;
        } else {
            sc.missing.push(what);
        }
    };
    let s = |v: &J| v.as_str().map(str::to_string);
    for (what, want, got) in [
        ("company", &golden.company, s(&j["company"]["name"])),
        ("ticker", &golden.ticker, s(&j["company"]["ticker"])),
        ("exchange", &golden.exchange, s(&j["company"]["exchange"])),
        ("date", &golden.date, s(&j["date"])),
        ("kind", &golden.kind, s(&j["kind"])),
    ] {
        if let Some(w) = want {
            fact(
                got.as_deref() == Some(w.as_str()),
                format!("{what}: want {w:?}, got {got:?}"),
            );
        }
    }
    if let Some(want) = &golden.period {
        let got = s(&j["period"]["label"]);
        fact(&got == want, format!("period: want {want:?}, got {got:?}"));
    }
    let figs = j["highlights"].as_array().cloned().unwrap_or_default();
    let opt_eq = |want: &Option<String>, got: &J| want.is_none() || got.as_str() == want.as_deref();
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
                && opt_eq(&g.basis, &f["basis"])
                && f["segment"].as_str() == g.segment.as_deref()
                && opt_eq(&g.date, &f["date"])
        });
        fact(found, format!("figure {g:?}"));
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
                && opt_eq(&g.basis, &f["basis"])
                && f["segment"].as_str() == g.segment.as_deref()
        });
        fact(found, format!("outlook {g:?}"));
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
                && opt_eq(&g.prior_period, &c["prior"]["period"])
                && g.change_pct
                    .is_none_or(|v| num(&c["change_pct"]).is_some_and(|x| pct_close(x, v)))
                && opt_eq(&g.basis, &c["basis"])
                && c["segment"].as_str() == g.segment.as_deref()
        });
        fact(found, format!("comparison {g:?}"));
    }
    let corrs = j["restatement"]["corrections"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for g in &golden.corrections {
        let side =
            |want: Option<f64>, got: &J| want.is_none_or(|v| num(got).is_some_and(|x| close(x, v)));
        let found = corrs.iter().any(|c| {
            opt_eq(&g.metric, &c["metric"])
                && opt_eq(&g.label, &c["label"])
                && opt_eq(&g.period, &c["period"])
                && side(g.change, &c["change"])
                && side(g.as_reported, &c["as_reported"])
                && side(g.as_corrected, &c["as_corrected"])
        });
        fact(found, format!("correction {g:?}"));
    }
    let status = j["restatement"]["status"].as_str().unwrap_or("");
    fact(
        status == golden.restatement,
        format!(
            "restatement status: want {}, got {status}",
            golden.restatement
        ),
    );
    let kinds: Vec<String> = j["restatement"]["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["kind"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for kd in &golden.event_kinds {
        fact(kinds.contains(kd), format!("no {kd} event (got {kinds:?})"));
    }
    let risks = j["risks"].as_array().map(Vec::len).unwrap_or(0);
    fact(
        risks == golden.risks,
        format!("risks: want {}, got {risks}", golden.risks),
    );

    // Every key item, judged.
    let mut verdicts: HashMap<String, Option<bool>> = HashMap::new();
    for e in &golden.reviewed {
        let v = e.get("right").and_then(J::as_bool);
        verdicts.insert(entry_key(e), v);
    }
    let lines: Vec<&str> = r.document.text.lines().collect();
    let items = figs
        .iter()
        .filter(|f| KEY_METRICS.contains(&f["metric"].as_str().unwrap_or("")))
        .map(|f| ("highlights", f))
        .chain(
            comps
                .iter()
                .filter(|c| KEY_METRICS.contains(&c["metric"].as_str().unwrap_or("")))
                .map(|c| ("comparisons", c)),
        )
        .chain(outs.iter().map(|o| ("outlook", o)))
        .chain(
            corrs
                .iter()
                .filter(|c| KEY_METRICS.contains(&c["metric"].as_str().unwrap_or("")))
                .map(|c| ("corrections", c)),
        );
    for (pane, item) in items {
        let (key, mut entry) = item_key(pane, item);
        match verdicts.get(&key) {
            Some(Some(true)) => sc.right += 1,
            Some(Some(false)) => {
                sc.wrong += 1;
                sc.wrong_items.push(key);
            }
            _ => {
                let line = item["source"]["line"].as_u64().unwrap_or(0) as usize;
                let src: String = lines
                    .get(line.saturating_sub(1))
                    .unwrap_or(&"")
                    .chars()
                    .take(200)
                    .collect();
                entry.insert("right".into(), J::Null);
                entry.insert(
                    "src".into(),
                    json!(format!(
                        "line {line}: {} | text: {}",
                        src.trim(),
                        item["text"].as_str().unwrap_or("")
                    )),
                );
                sc.unjudged.push(entry);
            }
        }
    }
    sc
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[test]
fn every_corpus_release_matches_its_golden_file() {
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let only: Vec<String> = std::env::var("IRVIEW_GOLDEN_ONLY")
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    let review = std::env::var_os("IRVIEW_GOLDEN_REVIEW").is_some();
    let files: Vec<PathBuf> = releases(&corpus_dir())
        .into_iter()
        .filter(|f| {
            let n = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            only.is_empty() || only.iter().any(|o| !o.is_empty() && n.contains(o.as_str()))
        })
        .collect();
    if only.is_empty() {
        assert!(files.len() >= 39, "corpus missing? {}", files.len());
    }
    let mut errs = Vec::new();
    let mut total = Score::default();
    let mut report = String::new();
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
        if golden.note.is_empty() {
            errs.push(format!("{name}: golden without a note of what was checked"));
        }
        let sc = score(f, &golden);
        report.push_str(&format!(
            "{name}: facts {}/{}, judged right {} wrong {}, unjudged {}\n",
            sc.found,
            sc.facts,
            sc.right,
            sc.wrong,
            sc.unjudged.len()
        ));
        for m in &sc.missing {
            report.push_str(&format!("    missing {m}\n"));
        }
        for w in &sc.wrong_items {
            report.push_str(&format!("    wrong   {w}\n"));
        }
        for e in &sc.errors {
            errs.push(format!("{name}: {e}"));
        }
        if !sc.unjudged.is_empty() {
            errs.push(format!(
                "{name}: {} extracted items nobody has judged (IRVIEW_GOLDEN_REVIEW=1 prints them)",
                sc.unjudged.len()
            ));
            if review {
                report.push_str(&format!("    unjudged in {name}:\n"));
                for u in &sc.unjudged {
                    report.push_str(&format!("      {},\n", J::Object(u.clone())));
                }
            }
        }
        total.facts += sc.facts;
        total.found += sc.found;
        total.right += sc.right;
        total.wrong += sc.wrong;
    }
    let recall = pct(total.found, total.facts);
    let precision = pct(total.right, total.right + total.wrong);
    let summary = format!(
        "golden: recall {recall:.1}% ({} of {} facts), precision {precision:.1}% ({} right, {} wrong) over {} releases",
        total.found,
        total.facts,
        total.right,
        total.wrong,
        files.len()
    );
    // Straight to stderr, past the test harness's capture: `cargo test` shows the score even
    // when the test passes. The per-file report too when asked for, or when something fails.
    {
        use std::io::Write;
        let mut err = std::io::stderr().lock();
        if review || !only.is_empty() {
            let _ = err.write_all(report.as_bytes());
        }
        let _ = writeln!(err, "{summary}");
    }
    if only.is_empty() {
        if recall < FLOOR_RECALL {
            errs.push(format!(
                "recall {recall:.1}% below the floor {FLOOR_RECALL}%"
            ));
        }
        if precision < FLOOR_PRECISION {
            errs.push(format!(
                "precision {precision:.1}% below the floor {FLOOR_PRECISION}%"
            ));
        }
    }
    assert!(
        errs.is_empty(),
        "{} golden problems:\n{}",
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
