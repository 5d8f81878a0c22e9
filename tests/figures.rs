//! Figures, comparisons and outlook read from real releases of the corpus, as an analyst would
//! check them: the right metric, the right period (never a year-to-date figure as the quarter),
//! exact values, and a source span that holds the figure.

use irview::release::{Comparison, ComparisonKind, Direction, Figure, Outlook, Release, Value};
use rust_decimal::Decimal;

fn load(name: &str) -> Release {
    let path = format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    irview::load_path(std::path::Path::new(&path)).expect("corpus file loads")
}

fn dec(s: &str) -> Option<Value> {
    Some(Value::new(s.parse::<Decimal>().unwrap()))
}

fn figure<'a>(r: &'a Release, metric: &str, period: &str, value: &str) -> Option<&'a Figure> {
    r.highlights.iter().find(|f| {
        f.metric == metric && f.period.as_deref() == Some(period) && f.value == dec(value)
    })
}

fn comparison<'a>(
    r: &'a Release,
    metric: &str,
    kind: ComparisonKind,
    prior: &str,
) -> Option<&'a Comparison> {
    r.comparisons
        .iter()
        .find(|c| c.metric == metric && c.kind == kind && c.prior.value == dec(prior))
}

fn outlook<'a>(
    r: &'a Release,
    metric: &str,
    period: Option<&str>,
    low: &str,
    high: &str,
) -> Option<&'a Outlook> {
    r.outlook.iter().find(|o| {
        o.metric == metric
            && o.period.as_deref() == period
            && o.low == dec(low)
            && o.high == dec(high)
    })
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every number's source span holds the number as written.
fn spans_hold_text(r: &Release) {
    let text = &r.document.text;
    for f in r.highlights.iter().filter(|f| !f.qualitative) {
        let s = &text[f.source.start..f.source.end];
        assert_eq!(squash(s), f.text, "{f:?}");
        assert_eq!(r.document.line_of(f.source.start), f.source.line);
    }
    for o in &r.outlook {
        assert_eq!(squash(&text[o.source.start..o.source.end]), o.text, "{o:?}");
    }
    for c in &r.comparisons {
        assert!(c.source.start <= c.source.end && c.source.end <= text.len());
    }
}

#[test]
fn sonus_sample_done_when() {
    let r = irview::sample();
    assert_eq!(r.period.label.as_deref(), Some("Q4 FY2006"));
    assert_eq!(r.period.fiscal_year, Some(2006));
    assert_eq!(r.period.quarter, Some(4));
    assert_eq!(r.period.end_date.as_deref(), Some("2006-12-31"));
    assert!(figure(&r, "revenue", "Q4 FY2006", "79000000").is_some());
    assert!(figure(&r, "revenue", "Q3 FY2006", "75000000").is_some());
    assert!(figure(&r, "revenue", "FY2006", "279000000").is_some());
    assert!(
        r.highlights
            .iter()
            .any(|f| f.metric == "deferred_revenue" && f.value == dec("94000000"))
    );
    let rev = comparison(&r, "revenue", ComparisonKind::Qoq, "75000000").expect("revenue QoQ");
    assert_eq!(rev.change, dec("4000000"));
    assert_eq!(rev.change_pct, dec("5.3"));
    let cash = r
        .comparisons
        .iter()
        .find(|c| c.metric == "cash_and_investments")
        .expect("cash comparison");
    assert_eq!(cash.current.value, dec("361000000"));
    assert_eq!(cash.prior.value, dec("314000000"));
    assert!(cash.derived);
    // "our target operating model range of 58 - 62%" names no period: a model, not guidance
    // (judged so by hand in the sample's golden file).
    assert!(outlook(&r, "gross_margin", None, "58", "62").is_none());
    let q: Vec<(&str, &str, Direction, &str, &str)> = r
        .highlights
        .iter()
        .filter(|f| f.qualitative)
        .map(|f| {
            (
                f.metric.as_str(),
                f.period.as_deref().unwrap_or(""),
                f.direction.unwrap(),
                f.magnitude.as_deref().unwrap_or(""),
                f.basis_period.as_deref().unwrap_or(""),
            )
        })
        .collect();
    use Direction::{Down, Up};
    assert_eq!(
        q,
        [
            ("gross_margin", "Q4 FY2006", Down, "modestly", "Q3 FY2006"),
            (
                "operating_expenses",
                "Q4 FY2006",
                Up,
                "moderately",
                "Q3 FY2006"
            ),
            ("net_income", "Q4 FY2006", Up, "meaningfully", "Q4 FY2005"),
            ("gross_margin", "FY2006", Up, "modestly", "FY2005"),
            ("operating_expenses", "FY2006", Down, "moderately", "FY2005"),
            ("net_income", "FY2006", Up, "meaningfully", "FY2005"),
        ]
    );
    spans_hold_text(&r);
}

#[test]
fn apple_fiscal_quarter_ends_in_december() {
    let r = load("apple-q1-fy2011-ex991.htm");
    assert_eq!(r.period.label.as_deref(), Some("Q1 FY2011"));
    assert_eq!(r.period.end_date.as_deref(), Some("2010-12-25"));
    assert!(figure(&r, "revenue", "Q1 FY2011", "26740000000").is_some());
    let eps = figure(&r, "eps_diluted", "Q1 FY2011", "6.43").expect("diluted EPS");
    assert_eq!(eps.unit.as_deref(), Some("USD/share"));
    // The year-ago quarter is fiscal 2010's first, ended December 2009.
    assert!(figure(&r, "revenue", "Q1 FY2010", "15680000000").is_some());
    assert!(
        outlook(
            &r,
            "revenue",
            Some("Q2 FY2011"),
            "22000000000",
            "22000000000"
        )
        .is_some()
    );
    spans_hold_text(&r);
}

#[test]
fn pericom_sequential_and_outlook_section() {
    let r = load("pericom-q1-fy2006-8k-submission.txt");
    assert_eq!(r.period.label.as_deref(), Some("Q1 FY2006"));
    let rev = comparison(&r, "revenue", ComparisonKind::Qoq, "21121000").expect("revenue QoQ");
    assert_eq!(rev.current.value, dec("22473000"));
    assert_eq!(rev.prior.period.as_deref(), Some("Q4 FY2005"));
    assert!(comparison(&r, "revenue", ComparisonKind::Yoy, "19786000").is_some());
    // Priors with per-share companions: "$1,173,000, or $0.04 per share (diluted), in the
    // preceding quarter and ... $29,000, or $0.00 per share (diluted), in the comparable period".
    assert!(figure(&r, "net_income", "Q4 FY2005", "1173000").is_some());
    assert!(figure(&r, "net_income", "Q1 FY2005", "29000").is_some());
    assert!(figure(&r, "net_income", "Q4 FY2005", "29000").is_none());
    // "DECEMBER 2005 QUARTER OUTLOOK": the next fiscal quarter.
    let gm =
        outlook(&r, "gross_margin", Some("Q2 FY2006"), "31", "35").expect("gross margin range");
    assert_eq!(gm.basis, Some(irview::release::Basis::NonGaap));
    assert!(
        outlook(
            &r,
            "operating_expenses",
            Some("Q2 FY2006"),
            "8700000",
            "9100000"
        )
        .is_some()
    );
    spans_hold_text(&r);
}

#[test]
fn alcoa_half_year_is_not_the_quarter() {
    let r = load("alcoa-q2-2007-results-8k-lee2014.txt");
    assert_eq!(r.period.label.as_deref(), Some("Q2 FY2007"));
    assert!(comparison(&r, "revenue", ComparisonKind::Qoq, "7900000000").is_some());
    assert!(comparison(&r, "revenue", ComparisonKind::Yoy, "7800000000").is_some());
    assert!(figure(&r, "net_income", "H1 FY2007", "1380000000").is_some());
    assert!(figure(&r, "net_income", "Q2 FY2007", "1380000000").is_none());
    assert!(figure(&r, "net_income", "Q2 FY2007", "715000000").is_some());
    spans_hold_text(&r);
}

#[test]
fn southern_quarter_year_from_the_dateline() {
    let r = load("southern-co-q4-2004-ex9901.txt");
    assert_eq!(r.period.label.as_deref(), Some("Q4 FY2004"));
    assert!(figure(&r, "net_income", "Q4 FY2004", "204500000").is_some());
    assert!(figure(&r, "net_income", "Q4 FY2003", "125000000").is_some());
    let fy = comparison(&r, "revenue", ComparisonKind::Fy, "11190000000").expect("FY revenue");
    assert_eq!(fy.current.value, dec("11900000000"));
    spans_hold_text(&r);
}

#[test]
fn buckle_nine_months_never_the_quarter() {
    let r = load("buckle-q3-fy2024-ex991.html");
    assert_eq!(r.period.label.as_deref(), Some("Q3 FY2024"));
    assert_eq!(r.period.end_date.as_deref(), Some("2024-11-02"));
    assert!(figure(&r, "revenue", "Q3 FY2024", "293600000").is_some());
    assert!(figure(&r, "revenue", "9M FY2024", "838500000").is_some());
    assert!(
        !r.highlights
            .iter()
            .any(|f| f.period.as_deref() == Some("Q3 FY2024") && f.value == dec("838500000"))
    );
    // Part of sales (online) is not the company's revenue.
    assert!(
        !r.highlights
            .iter()
            .any(|f| f.metric == "revenue" && f.value == dec("46600000"))
    );
    assert!(
        r.highlights
            .iter()
            .any(|f| f.metric == "eps_diluted" && f.value == dec("0.88"))
    );
    spans_hold_text(&r);
}

#[test]
fn costco_and_oracle_and_adobe() {
    let r = load("costco-q1-fy2023-ex991-pdftext.md");
    assert!(comparison(&r, "revenue", ComparisonKind::Yoy, "49420000000").is_some());
    spans_hold_text(&r);

    let r = load("oracle-q4-fy2014-ex991.htm");
    assert_eq!(r.period.label.as_deref(), Some("Q4 FY2014"));
    assert!(figure(&r, "revenue", "FY2014", "38300000000").is_some());
    assert!(r.highlights.iter().any(|f| f.metric == "revenue"
        && f.period.as_deref() == Some("Q4 FY2014")
        && f.value == dec("11320000000")));
    // Segment lines ("Cloud ... revenues were up 25% to $322 million") are no total revenue.
    assert!(
        !r.highlights
            .iter()
            .any(|f| f.metric == "revenue" && f.value == dec("322000000"))
    );
    spans_hold_text(&r);

    let r = load("adobe-q1-fy2023-8k-submission.txt");
    assert!(figure(&r, "revenue", "Q1 FY2023", "4660000000").is_some());
    assert!(outlook(&r, "revenue", Some("Q2 FY2023"), "4750000000", "4780000000").is_some());
    let eps = outlook(&r, "eps_diluted", Some("FY2023"), "15.30", "15.60").expect("FY EPS target");
    assert_eq!(eps.basis, Some(irview::release::Basis::NonGaap));
    spans_hold_text(&r);
}

/// No figure anywhere in the corpus is labelled a quarter when its words say year-to-date, and
/// every span is true.
#[test]
fn whole_corpus_spans_hold() {
    let dir = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md")
            && p.file_name().is_some_and(|n| n == "SOURCES.md")
        {
            continue;
        }
        let Ok(r) = irview::load_path(&p) else {
            continue;
        };
        spans_hold_text(&r);
    }
}

/// A figure named as a loss is negative even when written without a sign ("a net loss of $10.8
/// million, or $0.08 per share"), for the quarter, the year and the prior period alike.
#[test]
fn losses_written_in_words_are_negative() {
    let r = load("amazon-q4-1998-8k-submission.txt");
    for (m, p, v) in [
        ("eps_diluted", "Q4 FY1998", "-0.14"),
        ("eps_diluted", "Q4 FY1997", "-0.08"),
        ("eps_diluted", "Q4 FY1998", "-0.30"),
        ("net_income", "FY1998", "-74400000"),
        ("net_income", "FY1997", "-31000000"),
    ] {
        assert!(figure(&r, m, p, v).is_some(), "{m} {p} {v}");
    }
    let r = load("abvc-2024-restatement-8k-submission.txt");
    assert!(figure(&r, "net_income", "FY2023", "-7790000").is_some());
    assert!(figure(&r, "net_income", "FY2024", "-4900000").is_some());
    // No loss comes out positive.
    for name in [
        "amazon-q4-1998-8k-submission.txt",
        "horizon-financial-q2-fy2009-bank-8k-submission.txt",
        "abvc-2024-restatement-8k-submission.txt",
    ] {
        let r = load(name);
        for f in r.highlights.iter().filter(|f| {
            f.label.to_ascii_lowercase().contains("net loss")
                && !f.label.contains('(')
                && (f.metric == "net_income" || f.metric.starts_with("eps"))
        }) {
            assert!(
                f.value.is_none_or(|v| v.0 <= Decimal::ZERO),
                "{name}: {f:?}"
            );
        }
    }
}

/// "EPS of $2.38, up 5%": the change is a percent, so the derived prior is near the current
/// value, never the current minus five dollars.
#[test]
fn per_share_change_in_percent_derives_a_close_prior() {
    for name in [
        "oracle-q4-fy2014-ex991.htm",
        "apple-q1-fy2024-8k-submission.txt",
    ] {
        let r = load(name);
        let eps: Vec<&Comparison> = r
            .comparisons
            .iter()
            .filter(|c| c.metric == "eps_diluted" && c.derived)
            .collect();
        // Where the statements give the pair, it replaces the derived one (Oracle's FY EPS).
        assert!(
            r.comparisons.iter().any(|c| c.metric == "eps_diluted"),
            "{name}"
        );
        for c in eps {
            let (Some(cur), Some(prior)) = (c.current.value, c.prior.value) else {
                continue;
            };
            assert!(
                prior.0 > Decimal::ZERO && prior.0 < cur.0 * Decimal::from(2),
                "{c:?}"
            );
        }
    }
}

/// "a negative revenue impact of approximately $0.2 billion": the effect of one factor on a
/// metric is no guidance for the metric; the guidance range itself stays.
#[test]
fn an_impact_on_a_metric_is_no_guidance() {
    let r = load("pfizer-q2-2023-ex991-pdftext.md");
    assert!(outlook(&r, "revenue", Some("FY2023"), "67000000000", "70000000000").is_some());
    assert!(
        !r.outlook
            .iter()
            .any(|o| o.text.contains("$0.2 billion") || o.text.contains("$0.7 billion")),
        "{:?}",
        r.outlook
    );
}

/// "reported net loss was $46.4 million ... and included $24.2 million of merger and acquisition
/// related costs": the cost inside a result is not the result.
#[test]
fn a_cost_within_a_result_is_not_the_result() {
    let r = load("amazon-q4-1998-8k-submission.txt");
    assert!(figure(&r, "net_income", "Q4 FY1998", "-46400000").is_some());
    assert!(figure(&r, "net_income", "Q4 FY1998", "-24200000").is_none());
    assert!(figure(&r, "net_income", "FY1998", "-50200000").is_none());
}

#[test]
fn a_figure_stated_twice_is_one_figure_with_both_sources() {
    // Oracle states its fiscal-year revenue in the headline and again in its tables: one figure,
    // read from the prose, that names the table lines too.
    let r = load("oracle-q4-fy2014-ex991.htm");
    let f = r
        .highlights
        .iter()
        .find(|f| {
            f.metric == "revenue" && f.period.as_deref() == Some("FY2014") && f.value.is_some()
        })
        .expect("FY2014 revenue");
    assert!(!f.also.is_empty(), "{f:?}");
    assert!(f.also.iter().all(|s| *s != f.source));
    assert!(
        f.also.iter().any(|s| s.line > f.source.line),
        "{:?}",
        f.also
    );
    // No figure lists its own source among the others, and none is listed twice.
    for f in &r.highlights {
        assert!(!f.also.contains(&f.source), "{f:?}");
        let mut a = f.also.clone();
        a.sort();
        a.dedup();
        assert_eq!(a.len(), f.also.len(), "{f:?}");
    }
    // In JSON `also` is left out when empty and read back when present.
    let json = serde_json::to_value(&r).unwrap();
    let hl = json["highlights"].as_array().unwrap();
    assert!(hl.iter().any(|h| h.get("also").is_some()));
    assert!(hl.iter().any(|h| h.get("also").is_none()));
    let back: Release = serde_json::from_value(json).unwrap();
    assert_eq!(back.highlights, r.highlights);
}
