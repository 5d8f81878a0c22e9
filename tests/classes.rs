//! The classes of error the accuracy issue named, each shown on a real corpus release where the
//! rule that fixes it applies (the goldens count them over the whole corpus; these name them).

use irview::release::{ComparisonKind, Figure, Kind, Release, Value};
use rust_decimal::Decimal;

fn load(name: &str) -> Release {
    let path = format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    irview::load_path(std::path::Path::new(&path)).expect("corpus file loads")
}

fn dec(s: &str) -> Option<Value> {
    Some(Value::new(s.parse::<Decimal>().expect("a number")))
}

fn figures<'a>(r: &'a Release, metric: &str, value: &str) -> Vec<&'a Figure> {
    r.highlights
        .iter()
        .filter(|f| f.metric == metric && f.value == dec(value))
        .collect()
}

fn period_of(r: &Release, metric: &str, value: &str) -> Vec<String> {
    figures(r, metric, value)
        .iter()
        .map(|f| f.period.clone().unwrap_or_default())
        .collect()
}

/// Class 4: a text-era table under "(IN THOUSANDS, EXCEPT PER SHARE DATA)": money cells take the
/// scale, per-share rows do not; and a bare text exhibit's SGML table tags give its structure.
#[test]
fn class_4_scale_note_governs_money_cells_not_per_share_rows() {
    let r = load("innovative-clinical-q2-2000-results-ex991.txt");
    assert_eq!(
        period_of(&r, "operating_income", "-11873000"),
        ["Q2 FY2000"]
    );
    assert_eq!(period_of(&r, "eps_basic", "-0.38"), ["Q2 FY2000"]);
    assert!(!r.document.text.contains("<S>"));
}

/// Class 5: a segment's figures are not the company's.
#[test]
fn class_5_segment_figures_are_not_company_totals() {
    // "Segment and Other Results" / "After tax operating income (ATOI) was $215 million".
    let r = load("alcoa-q3-2007-results-8k-lee2014.txt");
    assert!(figures(&r, "operating_income", "215000000").is_empty());
    // "The soft alloy extrusion business had revenues of approximately $560 million".
    let r = load("alcoa-q4-2007-results-8k-lee2014.txt");
    assert!(figures(&r, "revenue", "560000000").is_empty());
    // Segment paragraphs ("Revenues declined five percent sequentially") give no company row.
    let r = load("alcoa-q2-2009-results-8k-lee2014.txt");
    assert!(
        !r.highlights
            .iter()
            .any(|f| f.metric == "revenue" && f.qualitative),
        "{:?}",
        r.highlights
    );
    // "In North America, net sales were marginally lower": a region's commentary.
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    assert!(
        !r.highlights
            .iter()
            .any(|f| f.qualitative && f.metric == "revenue")
    );
    assert!(figures(&r, "revenue", "11154000000").is_empty());
}

/// Classes 3 and 5 together: statement tables read as grids, segment rows labelled. A PDF
/// statement rebuilt from one cell per line under a title line ("Adjusted non-GAAP results")
/// and with a change column one cell short still gives its period columns, with the basis its
/// title names; the rows of a "by segment" block are figures of their segment, and the
/// company's line of the block ("Worldwide") stays the company's.
#[test]
fn class_3_and_5_statement_grids_with_sections_and_segments() {
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    let adjusted = |metric: &str, value: &str| {
        figures(&r, metric, value)
            .iter()
            .filter(|f| {
                f.period.as_deref() == Some("FY2023")
                    && f.basis == Some(irview::release::Basis::NonGaap)
                    && f.segment.is_none()
            })
            .count()
    };
    assert_eq!(
        adjusted("net_income", "1089000000"),
        1,
        "{:#?}",
        r.highlights
    );
    assert_eq!(adjusted("eps_diluted", "0.733"), 1);
    assert_eq!(adjusted("ebitda", "2018000000"), 1);
    // The GAAP block's EPS says so.
    assert!(
        figures(&r, "eps_diluted", "0.705")
            .iter()
            .any(|f| f.basis == Some(irview::release::Basis::Gaap))
    );
    let eps = r
        .comparisons
        .iter()
        .find(|c| c.metric == "eps_diluted" && c.current.value == dec("0.733"))
        .expect("adjusted EPS against the prior year");
    assert_eq!(eps.kind, ComparisonKind::Fy);
    assert_eq!(eps.prior.value, dec("0.805"));

    let r = load("johnson-johnson-q1-2023-ex991-pdftext.md");
    let seg = |value: &str| -> Vec<Option<String>> {
        figures(&r, "revenue", value)
            .iter()
            .map(|f| f.segment.clone())
            .collect()
    };
    assert_eq!(seg("3852000000"), [Some("Consumer Health".to_string())]);
    assert_eq!(seg("13413000000"), [Some("Pharmaceutical".to_string())]);
    assert_eq!(seg("7481000000"), [Some("MedTech".to_string())]);
    // Sub-rows (the U.S. and International lines under each segment) are no segments, and no
    // segment row is a company figure.
    assert!(
        r.highlights
            .iter()
            .filter(|f| f.metric == "revenue" && !f.qualitative)
            .all(|f| f.segment.as_deref() != Some("U.S.")
                && f.segment.as_deref() != Some("International"))
    );
    let ww = r
        .comparisons
        .iter()
        .find(|c| c.metric == "revenue" && c.current.value == dec("24746000000"))
        .expect("the worldwide line");
    assert_eq!(ww.segment, None);
    let pharma = r
        .comparisons
        .iter()
        .find(|c| c.segment.as_deref() == Some("Pharmaceutical"))
        .expect("a segment's comparison");
    assert_eq!(pharma.prior.value, dec("12869000000"));

    // A quarter's results halved beside the year before still make a grid; the scale note
    // wrapped over two lines heads no column; the change is the one the table states.
    let r = load("pfizer-q2-2023-ex991-pdftext.md");
    let ni = r
        .comparisons
        .iter()
        .find(|c| c.metric == "net_income" && c.current.value == dec("2327000000"))
        .expect("reported net income against the year-ago quarter");
    assert_eq!(ni.kind, ComparisonKind::Yoy);
    assert_eq!(ni.prior.value, dec("9906000000"));
    assert_eq!(ni.change_pct, dec("-77"));
    assert_eq!(ni.basis, Some(irview::release::Basis::Gaap));
    // The six-month column is never the quarter.
    assert!(figures(&r, "revenue", "31015000000").is_empty());
    assert!(figures(&r, "revenue", "27742000000").is_empty());

    // Prose: a sentence whose subject names its segment ("Digital Media segment revenue was
    // $3.40 billion") gives that segment's figure, beside the company's total.
    let r = load("adobe-q1-fy2023-8k-submission.txt");
    let dm: Vec<Option<String>> = figures(&r, "revenue", "3400000000")
        .iter()
        .map(|f| f.segment.clone())
        .collect();
    assert_eq!(dm, [Some("Digital Media".to_string())]);
    assert!(
        figures(&r, "revenue", "4660000000")
            .iter()
            .all(|f| f.segment.is_none())
    );
}

/// Class 6: basic and diluted EPS apart, in their several wordings.
#[test]
fn class_6_basic_and_diluted_eps_apart() {
    let r = load("johnson-johnson-q1-2023-ex991-pdftext.md");
    assert_eq!(period_of(&r, "eps_basic", "-0.03"), ["Q1 FY2023"]);
    let r = load("pericom-q1-fy2006-8k-submission.txt");
    assert!(!figures(&r, "eps_basic", "0.02").is_empty());
    assert!(!figures(&r, "eps_diluted", "0.02").is_empty());
}

/// Class 6: a figure stated as "basic and diluted" is both; a loss written "per share" beside a
/// figure written "per diluted share" is basic (diluted EPS is not computed for a loss).
#[test]
fn class_6_basic_and_diluted_stated_together_and_a_plain_loss_beside_diluted() {
    // "Basic and diluted loss per share improved significantly from $(1.80) to $(0.42)".
    let r = load("abvc-2024-restatement-8k-submission.txt");
    assert_eq!(period_of(&r, "eps_basic", "-0.42"), ["FY2024"]);
    assert_eq!(period_of(&r, "eps_diluted", "-0.42"), ["FY2024"]);
    // "a net loss of $4.6 million, or $0.39 per share, compared to net income of $2.0 million,
    // or $0.17 per diluted share".
    let r = load("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    assert_eq!(period_of(&r, "eps_basic", "-0.39"), ["Q2 FY2009"]);
    assert!(figures(&r, "eps_diluted", "-0.39").is_empty());
    assert_eq!(period_of(&r, "eps_diluted", "0.17"), ["Q1 FY2009"]);
    // "$0.37 per diluted share, versus $624 million, or $0.74 per share": a positive plain
    // figure beside a diluted one is the same diluted measure.
    let r = load("alcoa-q1-2008-results-8k-lee2014.txt");
    assert_eq!(period_of(&r, "eps_diluted", "0.74"), ["Q4 FY2007"]);
}

/// Class 7: a fiscal year that ends in January: "the quarter ended July 31, 2000" is the second
/// quarter of fiscal 2000, as the release names it, and its priors and half follow.
#[test]
fn class_7_fiscal_labels_as_the_release_names_them() {
    let r = load("innovative-clinical-q2-2000-results-ex991.txt");
    assert_eq!(r.period.label.as_deref(), Some("Q2 FY2000"));
    assert_eq!(r.period.end_date.as_deref(), Some("2000-07-31"));
    assert_eq!(period_of(&r, "revenue", "26000000"), ["Q2 FY2000"]);
    assert_eq!(period_of(&r, "revenue", "50000000"), ["Q2 FY1999"]);
    assert_eq!(period_of(&r, "net_income", "-22000000"), ["H1 FY2000"]);
    assert_eq!(period_of(&r, "net_income", "-41000000"), ["H1 FY1999"]);
}

/// Class 9: an amount is bound to what it measures, not to the nearest metric.
#[test]
fn class_9_binding_by_what_the_amount_measures() {
    // "returned almost $27 billion to our shareholders" is no operating cash flow.
    let r = load("apple-q1-fy2024-8k-submission.txt");
    assert!(figures(&r, "cash_flow_operations", "27000000000").is_empty());
    // "including the impact of approximately $200 million in contributions to the company's
    // pension plans".
    let r = load("alcoa-q3-2007-results-8k-lee2014.txt");
    assert!(figures(&r, "cash_flow_operations", "200000000").is_empty());
    assert!(!figures(&r, "cash_flow_operations", "592000000").is_empty());
    // "special charges of $708 million or $0.88 per share" is no EPS.
    let r = load("alcoa-q4-2008-results-8k-lee2014.txt");
    assert!(figures(&r, "eps_diluted", "0.88").is_empty());
    assert!(figures(&r, "eps_diluted", "-0.88").is_empty());
    // "$762 million of cash on hand" is cash, not cash from operations.
    assert!(figures(&r, "cash_flow_operations", "762000000").is_empty());
    assert!(!figures(&r, "cash_and_investments", "762000000").is_empty());
    // "a 27 percent sequential drop in revenue resulting in a loss of $480 million".
    let r = load("alcoa-q1-2009-results-8k-lee2014.txt");
    assert!(figures(&r, "revenue", "-480000000").is_empty());
}

/// Class 11: an event release has no reporting period and no figures drawn from boilerplate.
#[test]
fn class_11_event_releases_have_no_period() {
    for name in [
        "alnylam-2023-roche-partnership-ex991.htm",
        "rock-of-ages-2000-acquisition-ex99.htm",
        "apple-2000-ceo-option-grant-ex991.txt",
        "agilent-2006-item402-restatement-8k-lee2014.txt",
        "pericom-2005-restatement-earnings-delay-8k-submission.txt",
        "alcoa-2013-baie-comeau-two-releases-8k-lee2014.txt",
    ] {
        let r = load(name);
        assert_eq!(r.kind, Kind::Event, "{name}");
        assert_eq!(r.period.label, None, "{name}");
    }
    for name in [
        "sonus-networks-2006q4-ex99.1.txt",
        "alcoa-q1-2009-results-8k-lee2014.txt",
        "apple-q1-fy2011-data-summary-ex992.htm",
        "amcor-q4-fy2023-ex991-pdftext.md",
    ] {
        assert_eq!(load(name).kind, Kind::Earnings, "{name}");
    }
}

/// Class 12: the period of a prior figure: each amount of a list takes the period said with it.
#[test]
fn class_12_periods_of_prior_figures() {
    // "compared to $537 million, or $0.61, in the third quarter of 2006 and $715 million, or
    // $0.81, in the 2007 second quarter".
    let r = load("alcoa-q3-2007-results-8k-lee2014.txt");
    assert_eq!(period_of(&r, "net_income", "537000000"), ["Q3 FY2006"]);
    assert_eq!(period_of(&r, "net_income", "715000000"), ["Q2 FY2007"]);
    // "compared with net loss for the fourth quarter of 2008 of $1.2 billion, or $1.49 per share
    // and net income for the first quarter of 2008 of $303 million".
    let r = load("alcoa-q1-2009-results-8k-lee2014.txt");
    assert_eq!(period_of(&r, "net_income", "-1200000000"), ["Q4 FY2008"]);
    assert_eq!(period_of(&r, "eps_diluted", "-1.49"), ["Q4 FY2008"]);
    assert_eq!(period_of(&r, "net_income", "303000000"), ["Q1 FY2008"]);
    // "$632 million, or $0.75 in the fourth quarter of 2007 and $662 million, or $0.75 in the
    // first quarter of 2007".
    let r = load("alcoa-q1-2008-results-8k-lee2014.txt");
    assert_eq!(period_of(&r, "net_income", "662000000"), ["Q1 FY2007"]);
    // "$12.4 million ... compared to $15.6 million for the comparable quarter in fiscal 2008".
    let r = load("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    assert_eq!(period_of(&r, "revenue", "15600000"), ["Q2 FY2008"]);
    // "trailing twelve months" operating cash flow in a fourth-quarter release is the year's.
    let r = load("oracle-q4-fy2014-ex991.htm");
    assert_eq!(
        period_of(&r, "cash_flow_operations", "14900000000"),
        ["FY2014"]
    );
}

/// Class 12: a quarterly amount in a full-year release with no period named is the quarter the
/// release closes. "declared a quarterly cash dividend of 12.25 cents per share (compared with
/// 12.0 cents per share in the same quarter last year)" in a fiscal 2023 release is the fourth
/// quarter's dividend against the fourth quarter a year before, not the year's.
#[test]
fn class_12_quarterly_amount_in_a_full_year_release() {
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    assert_eq!(period_of(&r, "dividend", "0.1225"), ["Q4 FY2023"]);
    assert_eq!(period_of(&r, "dividend", "0.12"), ["Q4 FY2022"]);
    // "annual dividend for fiscal 2023 to 49.0 cents per share" stays the year's.
    assert_eq!(period_of(&r, "dividend", "0.49"), ["FY2023"]);
    let c = r
        .comparisons
        .iter()
        .find(|c| c.metric == "dividend" && c.current.value == dec("0.1225"))
        .expect("quarterly dividend comparison");
    assert_eq!(c.kind, ComparisonKind::Yoy);
    assert_eq!(c.prior.value, dec("0.12"));
}

/// Class 7: a guide's period. Under a "Fiscal 2024 Guidance" heading, "Adjusted Free Cash Flow
/// of approximately $850 million to $950 million, representing solid growth over fiscal 2023" is
/// guidance for the heading's year; the reported year said after it is what it is measured
/// against.
#[test]
fn class_7_guide_under_a_guidance_heading_takes_its_period() {
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    let fcf: Vec<_> = r
        .outlook
        .iter()
        .filter(|o| o.metric == "free_cash_flow" && o.high == dec("950000000"))
        .map(|o| (o.period.clone(), o.low))
        .collect();
    assert_eq!(fcf, [(Some("FY2024".to_string()), dec("850000000"))]);
    // "Adjusted Free Cash Flow of $850-950 million": the upper bound written without its
    // currency sign makes a range, the scale after it carried to both bounds (not "$850").
    assert!(r.highlights.iter().any(|f| f.metric == "free_cash_flow"
        && f.low == dec("850000000")
        && f.high == dec("950000000")));
    assert!(figures(&r, "free_cash_flow", "850").is_empty());
}

/// Class 5: a part is named by a word before its metric ("Digital Media revenue"), but the word
/// before a metric said as a verb is its object or subject: "$431 million of shares repurchased"
/// is the company's buyback, not a part of one.
#[test]
fn class_5_word_before_a_verb_metric_is_no_qualifier() {
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    assert_eq!(
        period_of(&r, "share_repurchase", "431000000"),
        ["FY2023"],
        "{:#?}",
        r.highlights
    );
    // "$70 million of cash towards share repurchases in fiscal 2024": a preposition ending in
    // "s" is no plural noun qualifying the metric after it.
    assert!(r.outlook.iter().any(|o| o.metric == "share_repurchase"
        && o.period.as_deref() == Some("FY2024")
        && o.low == dec("70000000")));
}

/// Class 13: signs from words.
#[test]
fn class_13_signs_from_words() {
    // "showed a loss of $929 million, or $1.16 per share"; "was a loss of $1.19 billion or $1.49".
    let r = load("alcoa-q4-2008-results-8k-lee2014.txt");
    assert!(!figures(&r, "eps_diluted", "-1.16").is_empty());
    assert!(!figures(&r, "eps_diluted", "-1.49").is_empty());
    assert!(figures(&r, "eps_diluted", "1.16").is_empty());
    // "By 2010, capital expenditures will be cut by 50 percent."
    let r = load("alcoa-q1-2009-results-8k-lee2014.txt");
    assert!(
        r.outlook
            .iter()
            .any(|o| o.metric == "capital_expenditures" && o.low == dec("-50"))
    );
}

/// Class 14: implausible results are not shown: a number cut by a dateline is joined again, and
/// no percent change is computed from a negative base.
#[test]
fn class_14_implausible_values() {
    // "$303\nNEW YORK, NY  July 8, 2008\nmillion".
    let r = load("alcoa-q2-2008-results-8k-lee2014.txt");
    assert_eq!(period_of(&r, "net_income", "303000000"), ["Q1 FY2008"]);
    assert!(figures(&r, "net_income", "303").is_empty());
    let c = r
        .comparisons
        .iter()
        .find(|c| c.metric == "net_income" && c.kind == ComparisonKind::Qoq)
        .expect("net income QoQ");
    assert_eq!(c.prior.value, dec("303000000"));
    for name in [
        "alcoa-q1-2009-results-8k-lee2014.txt",
        "innovative-clinical-q2-2000-results-ex991.txt",
        "abvc-2024-restatement-8k-submission.txt",
    ] {
        for c in &load(name).comparisons {
            if c.prior.value.is_some_and(|v| v.0 <= Decimal::ZERO) {
                assert_eq!(c.change_pct, None, "{name}: {c:?}");
            }
        }
    }
}

/// Outlook: guidance is for a period still to come, said in its sentence when no phrase names it.
#[test]
fn outlook_is_for_a_period_to_come() {
    let r = load("pfizer-q2-2023-ex991-pdftext.md");
    assert!(r.outlook.iter().all(|o| o.period.is_some()));
    assert!(
        r.outlook
            .iter()
            .any(|o| o.metric == "revenue" && o.period.as_deref() == Some("FY2023"))
    );
    // The year's actual "in line with guidance" is no guidance for the year just reported.
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    assert!(
        !r.outlook
            .iter()
            .any(|o| o.period.as_deref() == Some("FY2023")),
        "{:?}",
        r.outlook
    );
}

/// PDF tables whose first row is read across with the heads ("$24,746", "$23,426", "5.6%")
/// before each column's other rows as a block: the rows come back whole, the rate column under
/// its change head.
#[test]
fn pdf_first_row_read_across() {
    let r = load("johnson-johnson-q1-2023-ex991-pdftext.md");
    let yoy = |m: &str, cur: i64, prior: i64| {
        r.comparisons.iter().any(|c| {
            c.metric == m
                && c.kind == ComparisonKind::Yoy
                && c.current.value == Some(Value::from_i64(cur))
                && c.prior.value == Some(Value::from_i64(prior))
        })
    };
    assert!(
        yoy("revenue", 24_746_000_000, 23_426_000_000),
        "{:?}",
        r.comparisons
    );
    assert!(
        yoy("net_income", -68_000_000, 5_149_000_000),
        "{:?}",
        r.comparisons
    );
    // From a profit to a loss no percent is computed; the one the table states is kept.
    let ni = r.comparisons.iter().find(|c| {
        c.metric == "net_income" && c.current.value == Some(Value::from_i64(-68_000_000))
    });
    assert_eq!(ni.and_then(|c| c.change_pct), dec("-101.3"));
}

/// Outlook: a guidance table with a column for each date the guidance was given ("April 2023",
/// "January 2023"), flattened by PDF text into each row's name then each column's range cells:
/// the latest date's column is the guidance in force, the earlier one is never read as guidance.
#[test]
fn dated_guidance_columns_take_the_latest() {
    let r = load("johnson-johnson-q1-2023-ex991-pdftext.md");
    let range = |m: &str, lo: i64, hi: i64| {
        r.outlook.iter().any(|o| {
            o.metric == m
                && o.period.as_deref() == Some("FY2023")
                && o.low == Some(Value::from_i64(lo))
                && o.high == Some(Value::from_i64(hi))
        })
    };
    assert!(
        range("revenue", 97_900_000_000, 98_900_000_000),
        "{:?}",
        r.outlook
    );
    // January's $96.9B - $97.9B is the guidance this one replaced.
    assert!(
        !range("revenue", 96_900_000_000, 97_900_000_000),
        "{:?}",
        r.outlook
    );
    // A per-share guide is its amount; the change beside it ("3.5% - 4.5%") is not listed.
    assert!(
        r.outlook
            .iter()
            .filter(|o| o.metric == "eps_diluted")
            .all(|o| o.unit.as_deref() == Some("USD/share")),
        "{:?}",
        r.outlook
    );
}

/// Class 12: "year-to-date" in a quarter's release is the quarters so far: nine months in a
/// third-quarter release, the first half in a second-quarter one.
#[test]
fn class_12_year_to_date_is_the_quarters_so_far() {
    // "Year-to-date, cash from operations was $2.47 billion" (a Q3 release).
    let r = load("alcoa-q3-2007-results-8k-lee2014.txt");
    assert_eq!(
        period_of(&r, "cash_flow_operations", "2470000000"),
        ["9M FY2007"]
    );
    // "Year-to-date income from continuing operations was $1.95 billion": a period word before
    // the metric names no part of the company.
    assert_eq!(
        period_of(&r, "income_continuing_operations", "1950000000"),
        ["9M FY2007"]
    );
    // "Year to date, net revenues were $25.9 million" (the fiscal second quarter).
    let r = load("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    assert_eq!(period_of(&r, "revenue", "25900000"), ["H1 FY2009"]);
}

/// A result is read as a result: "rose to a record $1.35 billion" and "increased 21 percent to
/// more than $3.1 billion" state the new level (the words after "to" only qualify it), and a
/// result stated before a guidance word ("... was $643 million, ... within its targeted range")
/// is no guidance. A title line over a sentence ("Cash Generation, ROC, and Growth") qualifies
/// none of its metrics, and a stated change fits amounts rounded as written.
#[test]
fn results_before_to_and_before_guidance_words() {
    let r = load("alcoa-q2-2007-results-8k-lee2014.txt");
    assert_eq!(
        period_of(&r, "cash_flow_operations", "1350000000"),
        ["Q2 FY2007"]
    );
    // "a more than $800 million improvement": a bound, no exact prior to derive from it.
    assert!(
        !r.comparisons
            .iter()
            .any(|c| c.metric == "cash_flow_operations" && c.prior.value.is_some()),
        "{:?}",
        r.comparisons
    );
    let r = load("alcoa-q4-2007-results-8k-lee2014.txt");
    assert_eq!(
        period_of(&r, "cash_flow_operations", "643000000"),
        ["Q4 FY2007"]
    );
    // "bringing full-year cash from operations to more than $3.1 billion, compared to $2.6
    // billion in 2006": the year's, against the year before.
    assert_eq!(
        period_of(&r, "cash_flow_operations", "3100000000"),
        ["FY2007"]
    );
    assert_eq!(
        period_of(&r, "cash_flow_operations", "2600000000"),
        ["FY2006"]
    );
    assert!(r.outlook.iter().all(|o| o.metric != "cash_flow_operations"));
    // "increased 21 percent to more than $3.1 billion from $2.6 billion": the stated 21 %.
    assert!(
        r.comparisons
            .iter()
            .any(|c| c.metric == "cash_flow_operations"
                && c.kind == ComparisonKind::Fy
                && c.change_pct == dec("21"))
    );
    // Under "Quarterly Financial Details": "Income from continuing operations for the first
    // quarter 2009 showed a loss of $480 million, or $0.59 per share".
    let r = load("alcoa-q1-2009-results-8k-lee2014.txt");
    assert_eq!(period_of(&r, "eps_diluted", "-0.59"), ["Q1 FY2009"]);
}

/// A result said again on another basis by a bare noun: "... showed a loss from continuing
/// operations of $312 million, or $0.32 per share. Excluding restructuring charges, the loss was
/// $256 million, or $0.26 per share." The second is the same metric, non-GAAP; the first GAAP.
#[test]
fn the_loss_said_again_is_the_same_metric_on_another_basis() {
    use irview::release::Basis;
    let r = load("alcoa-q2-2009-results-8k-lee2014.txt");
    let basis = |metric: &str, value: &str| {
        figures(&r, metric, value)
            .iter()
            .map(|f| (f.period.clone().unwrap_or_default(), f.basis))
            .collect::<Vec<_>>()
    };
    let q2 = "Q2 FY2009".to_string();
    assert_eq!(
        basis("income_continuing_operations", "-256000000"),
        [(q2.clone(), Some(Basis::NonGaap))]
    );
    assert_eq!(
        basis("eps_diluted", "-0.26"),
        [(q2.clone(), Some(Basis::NonGaap))]
    );
    assert_eq!(
        basis("income_continuing_operations", "-312000000"),
        [(q2.clone(), Some(Basis::Gaap))]
    );
    assert_eq!(basis("eps_diluted", "-0.32"), [(q2, Some(Basis::Gaap))]);
}

/// Class 12: a current figure and its priors said in the next sentences pair by what they are:
/// two EPS figures of one quarter (continuing operations' and net income's) are two comparisons,
/// each with the prior of its own line, and an adjusted prior pairs only with the adjusted
/// current.
#[test]
fn class_12_priors_in_other_sentences_pair_with_their_own_line() {
    use irview::release::Basis;
    let pairs = |r: &Release, kind: ComparisonKind| {
        let mut v: Vec<(Option<Value>, Option<Value>, Option<Basis>)> = r
            .comparisons
            .iter()
            .filter(|c| {
                c.metric == "eps_diluted" && c.kind == kind && c.current.period == r.period.label
            })
            .map(|c| (c.current.value, c.prior.value, c.basis))
            .collect();
        v.sort_by_key(|(c, p, _)| (c.map(|x| x.0), p.map(|x| x.0)));
        v.dedup();
        v
    };
    // "income from continuing operations of $558 million, or $0.64 per diluted share ...
    // increased three percent from $540 million, or $0.62 ... was $716 million, or $0.81, in the
    // second quarter of 2007"; net income "$555 million, or $0.63" against "$0.61" and "$0.81".
    let r = load("alcoa-q3-2007-results-8k-lee2014.txt");
    assert_eq!(
        pairs(&r, ComparisonKind::Yoy),
        [
            (dec("0.63"), dec("0.61"), None),
            (dec("0.64"), dec("0.62"), None)
        ]
    );
    // Net loss per share -$1.49 against net income's $0.33 in Q3 2008, not continuing
    // operations' $0.37.
    let r = load("alcoa-q4-2008-results-8k-lee2014.txt");
    assert_eq!(
        pairs(&r, ComparisonKind::Qoq),
        [
            (dec("-1.49"), dec("0.33"), None),
            (dec("-1.16"), dec("0.37"), None)
        ]
    );
    // "$0.44 per share" excluding restructuring and tax impacts against the year-ago "$0.79"
    // excluding them; the reported $0.37 against the reported $0.75.
    let r = load("alcoa-q1-2008-results-8k-lee2014.txt");
    assert_eq!(
        pairs(&r, ComparisonKind::Yoy),
        [
            (dec("0.37"), dec("0.75"), Some(Basis::Gaap)),
            (dec("0.44"), dec("0.79"), Some(Basis::NonGaap))
        ]
    );
}

/// Class 6: comparable sales are a rate of change: "Comparable store net sales ... decreased 0.7
/// percent" is the metric's value, -0.7.
#[test]
fn class_6_comparable_sales_stated_as_a_change() {
    let r = load("buckle-q3-fy2024-ex991.html");
    assert_eq!(period_of(&r, "comparable_sales", "-0.7"), ["Q3 FY2024"]);
    assert_eq!(period_of(&r, "comparable_sales", "-5.4"), ["9M FY2024"]);
    assert!(figures(&r, "comparable_sales", "0.7").is_empty());
}

/// Class 3: PDF-extracted text puts a blank line after every line; a sentence cut there
/// ("compared to $1,324 million, $2.98 per" / "diluted share, last year.") is read whole.
#[test]
fn class_3_pdf_lines_of_one_sentence_join_across_blank_lines() {
    let r = load("costco-q1-fy2023-ex991-pdftext.md");
    assert_eq!(period_of(&r, "net_income", "1324000000"), ["Q1 FY2022"]);
    assert!(r.comparisons.iter().any(|c| c.metric == "eps_diluted"
        && c.kind == ComparisonKind::Yoy
        && c.current.value == dec("3.07")
        && c.prior.value == dec("2.98")));
}

/// Class 5: parts named after the metric or shared out over a list of things are not the
/// company's: "which contributed $247 million and $77 million in global revenues,
/// respectively"; "Revenues related to these manufacturing activities totaled $6 million".
#[test]
fn class_5_parts_named_after_the_metric_or_shared_out() {
    let r = load("pfizer-q2-2023-ex991-pdftext.md");
    for v in ["77000000", "247000000", "6000000", "10000000"] {
        assert!(figures(&r, "revenue", v).is_empty(), "{v}");
    }
    // "Net loss attributable to ABVC narrowed from $7.79 million in 2023 to $4.90 million in
    // 2024": attributable to the company is its total.
    let r = load("abvc-2024-restatement-8k-submission.txt");
    assert_eq!(period_of(&r, "net_income", "-4900000"), ["FY2024"]);
}

/// Class 12: "an effective GAAP tax rate of 20.5% and 21.1% in the fourth quarter of fiscal 2014
/// and 2013, respectively": the second value is the year-ago quarter's, not the current one's.
#[test]
fn class_12_respectively_gives_each_amount_its_period() {
    let r = load("oracle-q4-fy2014-ex991.htm");
    assert_eq!(period_of(&r, "tax_rate", "20.5"), ["Q4 FY2014"]);
    assert_eq!(period_of(&r, "tax_rate", "21.1"), ["Q4 FY2013"]);
    assert_eq!(period_of(&r, "tax_rate", "20.1"), ["FY2014"]);
    assert_eq!(period_of(&r, "tax_rate", "21.4"), ["FY2013"]);
}

/// Class 3: a reconciliation table's non-GAAP line is compared with its own prior column, not
/// taken for the statement's GAAP line of the same pair of periods ("Non-GAAP net income $1,746
/// $1,602 $1,675" beside "GAAP net income $1,247 $1,266 $1,176").
#[test]
fn class_3_reconciliation_lines_compare_on_their_own_basis() {
    use irview::release::Basis;
    let r = load("adobe-q1-fy2023-8k-submission.txt");
    let yoy = |metric: &str, basis: Basis| {
        r.comparisons
            .iter()
            .filter(|c| {
                c.metric == metric && c.kind == ComparisonKind::Yoy && c.basis == Some(basis)
            })
            .map(|c| (c.current.value, c.prior.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        yoy("net_income", Basis::NonGaap),
        [(dec("1746000000"), dec("1602000000"))]
    );
    assert_eq!(
        yoy("eps_diluted", Basis::NonGaap),
        [(dec("3.8"), dec("3.37"))]
    );
    assert_eq!(
        yoy("net_income", Basis::Gaap),
        [(dec("1247000000"), dec("1266000000"))]
    );
}

/// A whole percent written in words is a percent: "Net income for the quarter was $715 million,
/// or $0.81, an eight percent increase from the first quarter of 2007."
#[test]
fn percents_written_in_words() {
    let r = load("alcoa-q2-2007-results-8k-lee2014.txt");
    assert!(r.comparisons.iter().any(|c| c.metric == "net_income"
        && c.kind == ComparisonKind::Qoq
        && c.current.value == dec("715000000")
        && c.change_pct == dec("8")));
    // "a two percent increase from the first quarter of 2009".
    let r = load("alcoa-q2-2009-results-8k-lee2014.txt");
    assert!(r.comparisons.iter().any(|c| c.metric == "revenue"
        && c.kind == ComparisonKind::Qoq
        && c.change_pct == dec("2")));
}

/// Class 3: a line that only names a period ("June 2023 quarter", "Twelve months ended June 30,
/// 2023"), set in plain case in PDF text so ingest reads it as a paragraph, is a sub-heading:
/// the sentences under it are that period's. The quarter is placed in the fiscal year the
/// "Twelve months ended June 30, 2023" line dates; and the prose after the segment table's
/// "Total ..." line is the company's, not a segment's.
#[test]
fn class_3_a_line_naming_a_period_sets_the_period_of_the_prose_under_it() {
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    // "June 2023 quarter" / "GAAP Net Income was $181 million." (lines 287-298).
    assert_eq!(period_of(&r, "net_income", "181000000"), ["Q4 FY2023"]);
    // "Twelve months ended June 30, 2023" / "GAAP Net Income was $1,048 million" stays the year's.
    let year = period_of(&r, "net_income", "1048000000");
    assert!(
        !year.is_empty() && year.iter().all(|p| p == "FY2023"),
        "{year:?}"
    );
}

/// Identity: the listing written "(Nasdaq-NM: ESAN)" with a hyphen, and an 8-K cover's Section
/// 12(b) table ("Trading Symbol(s)" / "Name of each exchange on which registered") where the
/// release names no listing, in the release's text or in the 8-K that carries it.
#[test]
fn identity_listing_from_hyphenated_market_and_from_the_cover_table() {
    let r = load("entrada-2001-restructuring-subsidiary-outlook-8k-submission.txt");
    assert_eq!(r.company.ticker.as_deref(), Some("ESAN"));
    assert_eq!(r.company.exchange.as_deref(), Some("Nasdaq"));
    let r = load("apple-q4-fy2024-8k-cover-edgartools.md");
    assert_eq!(r.company.ticker.as_deref(), Some("AAPL"));
    assert_eq!(r.company.exchange.as_deref(), Some("Nasdaq"));
    // The cover is another document of the submission than the EX-99.1 release.
    let r = load("apple-q1-fy2024-8k-submission.txt");
    assert_eq!(r.company.ticker.as_deref(), Some("AAPL"));
    assert_eq!(r.company.exchange.as_deref(), Some("Nasdaq"));
}

/// Identity: the release's date from an all-caps dateline ("PROVIDENCE, RHODE ISLAND - SEPTEMBER
/// 21, 2000"), and, with no dateline, from the filing's words about the release ("On January 9,
/// 2008, ... issued a press release", "Press Release dated December 28, 2009") before the filing
/// date, which is often a day or more later.
#[test]
fn identity_release_date_from_caps_dateline_and_press_release_phrase() {
    let r = load("innovative-clinical-q2-2000-results-ex991.txt");
    assert_eq!(r.date.as_deref(), Some("2000-09-21"));
    let r = load("alcoa-q4-2007-results-8k-lee2014.txt");
    assert_eq!(r.date.as_deref(), Some("2008-01-09"));
    let r = load("horizon-financial-2009-nasdaq-deficiency-8k.htm");
    assert_eq!(r.date.as_deref(), Some("2009-12-28"));
}

/// Class 10: a risk list "(i) ... (ii) ..." after a lead-in ("risks and uncertainties associated
/// with (i) our inability to ..."): the first item is the risk, not the lead-in with it.
#[test]
fn class_10_first_risk_item_without_its_lead_in() {
    let r = load("abvc-2024-restatement-8k-submission.txt");
    assert_eq!(r.risks.len(), 5);
    let first = &r.risks[0].text;
    assert!(first.starts_with("our inability to manufacture"), "{first}");
    assert!(
        r.risks
            .iter()
            .all(|k| !k.text.contains("(i)") && !k.text.to_lowercase().contains("associated with"))
    );
}

/// Class 16: provenance. Every figure's, comparison's and outlook's `source.line` is the line
/// that holds the first byte of its span, on every corpus release: a sentence after a heading
/// or a dateline is cited at its own line, not the one before.
#[test]
fn class_16_source_line_holds_the_span() {
    let dir = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n == "SOURCES.md") {
            continue;
        }
        let r = irview::load_path(&path).expect("corpus file loads");
        let doc = &r.document;
        let sources = r
            .highlights
            .iter()
            .map(|f| &f.source)
            .chain(r.outlook.iter().map(|f| &f.source))
            .chain(r.comparisons.iter().map(|c| &c.source));
        for s in sources {
            assert!(
                s.start <= s.end && s.end <= doc.text.len(),
                "{path:?} {s:?}"
            );
            assert_eq!(
                doc.line_of(s.start),
                s.line,
                "{path:?}: span {}..{} {:?}",
                s.start,
                s.end,
                doc.text.get(s.start..s.end)
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
}

/// The comparisons a release states, as (current, prior, percent change) of one metric and kind.
fn pairs(r: &Release, metric: &str, kind: ComparisonKind) -> Vec<(Value, Value, Option<Value>)> {
    r.comparisons
        .iter()
        .filter(|c| c.metric == metric && c.kind == kind && c.segment.is_none())
        .filter_map(|c| Some((c.current.value?, c.prior.value?, c.change_pct)))
        .collect()
}

/// Comparisons, prose against table: the statement's exact pair stays beside the prose's
/// rounded one ("$26.74 billion ... $15.68 billion" and 26,741 / 15,683, +70.5 %); a prior the
/// prose only implies ("$4.66 billion, which represents 9 percent year-over-year growth") is the
/// table's, not one worked back from the rounded percent.
#[test]
fn comparisons_keep_the_tables_exact_pair_and_its_stated_prior() {
    let r = load("apple-q1-fy2011-ex991.htm");
    let rev = pairs(&r, "revenue", ComparisonKind::Yoy);
    assert!(rev.contains(&(
        dec("26741000000").expect("n"),
        dec("15683000000").expect("n"),
        dec("70.5")
    )));
    assert!(
        rev.iter()
            .any(|p| p.0 == dec("26740000000").expect("n") && p.1 == dec("15680000000").expect("n"))
    );
    let r = load("adobe-q1-fy2023-8k-submission.txt");
    let rev = pairs(&r, "revenue", ComparisonKind::Yoy);
    assert!(rev.contains(&(
        dec("4660000000").expect("n"),
        dec("4262000000").expect("n"),
        dec("9")
    )));
    assert!(!rev.iter().any(|p| p.1 == dec("4280000000").expect("n")));
}

/// A percent change said in a clause of its own ("a 27 percent sequential drop in revenue")
/// is the percent of the comparison it fits and names (revenue $4.1 billion, down from $5.7
/// billion in the fourth quarter: -28.1 % as computed from the rounded amounts).
#[test]
fn a_percent_stated_apart_is_the_percent_of_the_pair_it_fits() {
    let r = load("alcoa-q1-2009-results-8k-lee2014.txt");
    let qoq = pairs(&r, "revenue", ComparisonKind::Qoq);
    assert!(qoq.contains(&(
        dec("4100000000").expect("n"),
        dec("5700000000").expect("n"),
        dec("-27")
    )));
    // The year-over-year pair keeps its own "down 36 percent".
    let yoy = pairs(&r, "revenue", ComparisonKind::Yoy);
    assert!(yoy.iter().all(|p| p.2 == dec("-36")), "{yoy:?}");
}

/// Per-share companions and priors: "($30) million or ($.89) per share" (a loss in
/// parentheses) is the quarter's figure and its per-share one; "$2.37 per share ($2.35 per
/// share on a diluted basis)" gives the diluted figure; "3.26% ... down 137 basis points from
/// 4.63% in the same period a year ago" continues the net interest margin, and "3.33% down from
/// 4.62%" names the prior, not the change.
#[test]
fn priors_and_companions_of_the_clause() {
    let r = load("innovative-clinical-q2-2000-results-ex991.txt");
    assert!(
        pairs(&r, "eps_diluted", ComparisonKind::Yoy)
            .iter()
            .any(|p| p.0 == dec("-0.38").expect("n") && p.1 == dec("-0.89").expect("n"))
    );
    let r = load("buckle-q3-fy2024-ex991.html");
    assert_eq!(period_of(&r, "eps_diluted", "2.35"), ["9M FY2024"]);
    assert_eq!(period_of(&r, "eps_diluted", "2.81"), ["9M FY2023"]);
    let r = load("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    let nim = pairs(&r, "net_interest_margin", ComparisonKind::Yoy);
    assert!(
        nim.iter()
            .any(|p| p.0 == dec("3.26").expect("n") && p.1 == dec("4.63").expect("n"))
    );
    assert!(
        nim.iter()
            .any(|p| p.0 == dec("3.33").expect("n") && p.1 == dec("4.62").expect("n"))
    );
    assert!(
        r.comparisons
            .iter()
            .all(|c| !c.derived || c.metric != "net_interest_margin")
    );
}

/// Class 2: a tables-only exhibit. Its letterhead ("Apple Inc.") names the company; columns
/// headed "Q1 2011 / Revenue $M" name the metric and scale of their cells, and the total line
/// of segment and product rows ("Total Operating Segments") is the company's figure, compared
/// with the sequential and year-ago columns.
#[test]
fn class_2_tables_only_exhibit_by_its_column_headers() {
    let r = load("apple-q1-fy2011-data-summary-ex992.htm");
    assert_eq!(r.company.name.as_deref(), Some("Apple Inc."));
    assert_eq!(period_of(&r, "revenue", "26741000000"), ["Q1 FY2011"]);
    assert!(r.highlights.iter().all(|f| f.segment.is_none()));
    let qoq = pairs(&r, "revenue", ComparisonKind::Qoq);
    assert!(qoq.contains(&(
        dec("26741000000").expect("n"),
        dec("20343000000").expect("n"),
        dec("31")
    )));
    let yoy = pairs(&r, "revenue", ComparisonKind::Yoy);
    assert!(yoy.iter().any(|p| p.1 == dec("15683000000").expect("n")));
}

/// Class 5: a sentence or target line that opens with a segment the release has named
/// ("Digital Experience segment revenue") and then a line of it ("Digital Experience
/// subscription revenue was $1.04 billion", "... subscription revenue $1.06 billion to $1.08
/// billion") is that line's figure, not the company's revenue.
#[test]
fn class_5_a_named_segments_line_is_its_own() {
    let r = load("adobe-q1-fy2023-8k-submission.txt");
    let line = Some("Digital Experience subscription");
    assert!(r.outlook.iter().any(|o| o.metric == "revenue"
        && o.segment.as_deref() == line
        && o.low == dec("1060000000")
        && o.high == dec("1080000000")));
    let f = figures(&r, "revenue", "1040000000");
    assert!(!f.is_empty() && f.iter().all(|f| f.segment.as_deref() == line));
}

/// Class 12: a prior stated twice in one sentence ("Revenues in the second quarter of 2007 were
/// $6.8 billion excluding divested businesses, and including divested businesses were $8.1
/// billion"): the clause closed by its own verb is the whole, not a part, the exclusion is the
/// first amount's only, and the quarter's revenue is compared with each.
#[test]
fn class_12_a_prior_stated_both_ways_gives_two_comparisons() {
    let r = load("alcoa-q2-2008-results-8k-lee2014.txt");
    assert_eq!(period_of(&r, "revenue", "8100000000"), ["Q2 FY2007"]);
    assert!(
        figures(&r, "revenue", "8100000000")
            .iter()
            .all(|f| f.basis.is_none())
    );
    let yoy = pairs(&r, "revenue", ComparisonKind::Yoy);
    for prior in ["6800000000", "8100000000"] {
        assert!(
            yoy.iter()
                .any(|p| p.0 == dec("7600000000").expect("n") && p.1 == dec(prior).expect("n")),
            "{yoy:?}"
        );
    }
}

/// Class 9: the clause's subject decides whose figure an amount is. "Net sales for the Amcor
/// Group of $3,673 million" is the whole company's (the group is the company, not a noun the
/// amount belongs to, as in "special charges of $708 million"), and "an operational decline of
/// $14.7 billion" after "compared to the prior-year quarter" is a change, not the prior.
#[test]
fn class_9_a_group_is_the_company_and_a_decline_of_is_a_change() {
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    assert_eq!(period_of(&r, "revenue", "3673000000"), ["Q4 FY2023"]);
    assert!(
        figures(&r, "revenue", "3673000000")
            .iter()
            .all(|f| f.segment.is_none())
    );
    let p = load("pfizer-q2-2023-ex991-pdftext.md");
    assert!(figures(&p, "revenue", "14700000000").is_empty());
    assert!(
        p.comparisons
            .iter()
            .filter(|c| c.metric == "revenue")
            .all(|c| c.prior.value != dec("14700000000"))
    );
}

/// Identity: the registrant's legal name is the one its 8-K gives (the cover's exact name, or the
/// name its text defines as "the Company"), when the release writes it loosely ("Cisco Systems
/// Inc.") or by its short name only ("Alcoa (NYSE:AA)").
#[test]
fn identity_legal_name_from_the_8k() {
    let r = load("cisco-1995-combinet-two-releases-8k-submission.txt");
    assert_eq!(r.company.name.as_deref(), Some("Cisco Systems, Inc."));
    let r = load("alcoa-2013-baie-comeau-two-releases-8k-lee2014.txt");
    assert_eq!(r.company.name.as_deref(), Some("Alcoa Inc."));
}

/// Identity: a release without a dateline is dated by a date line at its head (not the filing,
/// days later), and with nothing else, by the results call it announces; its company is the
/// subject of its first line ("Amcor reports fiscal 2023 results ...").
#[test]
fn identity_date_and_company_without_a_dateline() {
    let r = load("alcoa-2013-baie-comeau-two-releases-8k-lee2014.txt");
    assert_eq!(r.date.as_deref(), Some("2013-05-16"));
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    assert_eq!(r.date.as_deref(), Some("2023-08-16"));
    assert_eq!(r.company.name.as_deref(), Some("Amcor plc"));
}

/// Class 6: EPS written in cents ("27 cents a share", "12.3 cps", "67-71 cents per share") is
/// read in dollars; a plain "per share" is basic when the tables filed with the release (the
/// filing's Financial Highlights exhibit) give EPS on a "Basic" row only.
#[test]
fn class_6_eps_in_cents_and_basic_from_the_filing_tables() {
    let r = load("southern-co-q4-2004-8k-multifiler-submission.txt");
    assert_eq!(period_of(&r, "eps_basic", "0.27"), ["Q4 FY2004"]);
    assert_eq!(period_of(&r, "eps_basic", "2.03"), ["FY2003"]);
    assert!(figures(&r, "eps_diluted", "2.07").is_empty());
    // "increasing earnings by $24 million, or 3 cents per share": a change, not the EPS.
    assert!(figures(&r, "eps_basic", "0.03").is_empty());
    let r = load("amcor-q4-fy2023-ex991-pdftext.md");
    assert_eq!(period_of(&r, "eps_diluted", "0.123"), ["Q4 FY2023"]);
    assert!(
        r.outlook
            .iter()
            .any(|o| o.metric == "eps_diluted" && o.low == dec("0.67") && o.high == dec("0.71"))
    );
}

/// Class 3: a table under a lead-in that names a rate ("Comparable sales for the first quarter
/// fiscal 2023 were as follows:"), its rows regions and its columns headed by length only ("12
/// Weeks", "12 Weeks Adjusted*"): the total line is the company's rate, the plain column the
/// reported one and the "Adjusted" column the rate on the other basis (a basis, not an
/// adjustment column). Here the table was rebuilt from PDF text one cell per line.
#[test]
fn class_3_a_rate_table_under_its_lead_in() {
    let r = load("costco-q1-fy2023-ex991-pdftext.md");
    let comp: Vec<(String, Option<irview::release::Basis>)> = r
        .highlights
        .iter()
        .filter(|f| f.metric == "comparable_sales" && f.segment.is_none())
        .map(|f| {
            (
                f.value.map(|v| v.0.to_string()).unwrap_or_default(),
                f.basis,
            )
        })
        .collect();
    assert!(
        comp.contains(&("6.6".into(), Some(irview::release::Basis::Gaap))),
        "{comp:?}"
    );
    assert!(
        comp.contains(&("7.1".into(), Some(irview::release::Basis::NonGaap))),
        "{comp:?}"
    );
    // The regions' rates are not the company's.
    assert!(!comp.iter().any(|(v, _)| v == "9.3"));
}

/// Class 6 (vocabulary) and the cash-flow statement: "Cash generated by operating activities"
/// is operating cash flow, and it closes the "Changes in operating assets and liabilities:"
/// group above it (whose lines are movements, not levels).
#[test]
fn class_6_cash_generated_by_operating_activities_closes_the_movements() {
    let r = load("apple-q1-fy2024-8k-submission.txt");
    let yoy = pairs(&r, "cash_flow_operations", ComparisonKind::Yoy);
    assert!(
        yoy.iter()
            .any(|p| Some(p.0) == dec("39895000000") && Some(p.1) == dec("34005000000")),
        "{yoy:?}"
    );
}

/// A full submission whose release is an event (a restructuring), from a filer whose fiscal
/// year ends June 30, with the release's results in the words given.
fn event_submission(body: &str) -> Release {
    let text = format!(
        "<SEC-DOCUMENT>0000000001-05-000001.txt : 20051102\n<SEC-HEADER>\n\
         CONFORMED SUBMISSION TYPE:\t8-K\nFILED AS OF DATE:\t\t20051102\nFILER:\n\n\
         \tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tACME HOLDINGS INC\n\
         \t\tCENTRAL INDEX KEY:\t\t\t0000000001\n\t\tFISCAL YEAR END:\t\t\t0630\n\
         </SEC-HEADER>\n<DOCUMENT>\n<TYPE>EX-99\n<SEQUENCE>2\n<TEXT>\n\
         \n          Acme Holdings Announces Restructuring of its Tool Business\n\n\
         Springfield, IL - November 2, 2005-- Acme Holdings, Inc. (Nasdaq: ACMH) announced \
         today that it will close its plant in Dayton and consolidate its operations in \
         Springfield.\n\n{body}\n\nAbout Acme Holdings, Inc.\n\n\
         Acme Holdings makes tools and had revenue of $40 million last year.\n</TEXT>\n\
         </DOCUMENT>\n</SEC-DOCUMENT>\n"
    );
    irview::load_bytes(text.as_bytes(), "acme-8k-submission.txt").expect("loads")
}

/// Class 7 in an event release: "the current fiscal year" is the filer's fiscal year the
/// release is issued in, from the SEC header's FISCAL YEAR END (0630: a release of November 2,
/// 2005 is in the year ending June 30, 2006), and the release still has no period of its own.
#[test]
fn class_7_event_release_current_fiscal_year_from_the_header() {
    let r = event_submission(
        "For the first quarter of the current fiscal year, ending September 30, 2005, the \
         Company reported an operating loss of $2.5 million.",
    );
    assert_eq!(r.kind, Kind::Event);
    assert_eq!(r.period.label, None);
    assert_eq!(period_of(&r, "operating_income", "-2500000"), ["Q1 FY2006"]);
}

/// Class 11: an event release keeps the figures that name their period and nothing that would
/// only default to one (the About paragraph's revenue, an undated amount).
#[test]
fn class_11_event_release_keeps_only_dated_figures() {
    let r = event_submission(
        "The plant had revenue of $9 million. For the first quarter of the current fiscal \
         year, ending September 30, 2005, the Company reported revenue of $11.2 million.",
    );
    assert_eq!(period_of(&r, "revenue", "11200000"), ["Q1 FY2006"]);
    assert!(figures(&r, "revenue", "9000000").is_empty());
    assert!(figures(&r, "revenue", "40000000").is_empty());
}

/// Class 5: a subsidiary introduced as such ("its wholly owned subsidiary Beta Tools", "Gamma
/// Supply, its wholly owned subsidiary") is a segment, under its short name too ("Beta's
/// revenues"); the company's own figure beside them stays the company's.
#[test]
fn class_5_subsidiaries_are_segments() {
    let r = event_submission(
        "The Dayton plant belongs to its wholly owned subsidiary Beta Tools Company.\n\nFor the \
         first quarter of the current fiscal year, ending September 30, 2005, the Company \
         reported an operating loss of $3.0 million. Of this, the loss attributable to Beta \
         Tools Company was $2.6 million and to Gamma Supply, its wholly owned subsidiary, was \
         $0.4 million. Beta's revenues for the second quarter are expected to be approximately \
         $4.5 million.",
    );
    let seg = |metric: &str, value: &str| -> Vec<Option<String>> {
        figures(&r, metric, value)
            .iter()
            .map(|f| f.segment.clone())
            .collect()
    };
    assert_eq!(seg("operating_income", "-3000000"), [None]);
    assert_eq!(
        seg("operating_income", "-2600000"),
        [Some("Beta Tools Company".to_string())]
    );
    assert_eq!(
        seg("operating_income", "-400000"),
        [Some("Gamma Supply".to_string())]
    );
    assert!(
        r.outlook.iter().any(|o| o.metric == "revenue"
            && o.period.as_deref() == Some("Q2 FY2006")
            && o.segment.as_deref() == Some("Beta Tools Company")),
        "{:?}",
        r.outlook
    );
}

/// One amount stated "for both the third and the fourth quarters" is given for each quarter.
#[test]
fn outlook_for_both_of_two_quarters() {
    let r = event_submission(
        "Revenues are expected to be approximately $1.2 million for both the third and the \
         fourth quarters of the current fiscal year.",
    );
    let mut periods: Vec<String> = r
        .outlook
        .iter()
        .filter(|o| o.metric == "revenue" && o.low == dec("1200000"))
        .filter_map(|o| o.period.clone())
        .collect();
    periods.sort();
    assert_eq!(periods, ["Q3 FY2006", "Q4 FY2006"], "{:?}", r.outlook);
}

/// Outlook: a guide in a paragraph about the quarter ("narrowed its 2023 revenue guidance range
/// to $67 to $70 billion, while maintaining its outlook for Adjusted diluted EPS of $3.25 to
/// $3.45") is for the year its sentence names, not the quarter the paragraph reports.
#[test]
fn outlook_takes_the_year_its_sentence_names() {
    let r = load("pfizer-q2-2023-ex991-pdftext.md");
    assert!(r.outlook.iter().any(|o| o.metric == "eps_diluted"
        && o.period.as_deref() == Some("FY2023")
        && o.low == dec("3.25")
        && o.high == dec("3.45")));
}

/// Outlook: "an unfavorable impact of approximately $0.7 billion on revenues and approximately
/// $0.16 on EPS": the decimal point of $0.7 ends no sentence, so the $0.16 is still an impact.
#[test]
fn outlook_impact_said_before_a_decimal_amount() {
    let r = load("pfizer-q2-2023-ex991-pdftext.md");
    assert!(
        !r.outlook.iter().any(|o| o.low == dec("0.16")),
        "{:?}",
        r.outlook
    );
}

/// Class 9: "Adjusted income" is the adjusted (non-GAAP) net income the release reports.
#[test]
fn class_9_adjusted_income_is_non_gaap_net_income() {
    let r = load("pfizer-q2-2023-ex991-pdftext.md");
    assert!(
        figures(&r, "net_income", "3839000000")
            .iter()
            .any(|f| f.basis == Some(irview::release::Basis::NonGaap))
    );
}

/// Outlook: a guidance table PDF text laid out as label headings and amount lines under
/// "2023 FINANCIAL GUIDANCE" pairs each label with its amount (a run of labels with the run of
/// amounts after it, in order), for the year the heading names.
#[test]
fn outlook_from_a_guidance_table_of_headings_and_lines() {
    let r = load("pfizer-q2-2023-ex991-pdftext.md");
    let has = |metric: &str, low: &str, high: &str| {
        r.outlook.iter().any(|o| {
            o.metric == metric
                && o.period.as_deref() == Some("FY2023")
                && o.low == dec(low)
                && o.high == dec(high)
        })
    };
    assert!(has(
        "research_and_development",
        "12400000000",
        "13400000000"
    ));
    assert!(has("tax_rate", "15", "15"));
    // "28.0% to 30.0%" of revenues is not a revenue guide.
    assert!(!r.outlook.iter().any(|o| o.low == dec("28")));
}

/// Guidance said as a goal or a plan: "the plan for 2010 calls for a further 50 percent
/// reduction to $850 million" guides the sentence's subject for that year, the percent as a
/// decrease; the quarter's actual before it stays an actual.
#[test]
fn goals_and_plans_are_guidance() {
    let r = event_submission(
        "For the first quarter of the current fiscal year, ending September 30, 2005, the \
         Company reported revenue of $11.2 million. Capital expenditures in the quarter were \
         $418 million; the capital plan for fiscal 2007 calls for a further 50 percent \
         reduction to $850 million.",
    );
    let guides: Vec<(Option<String>, Option<String>)> = r
        .outlook
        .iter()
        .filter(|o| o.metric == "capital_expenditures")
        .map(|o| (o.period.clone(), o.low.map(|v| v.to_string())))
        .collect();
    assert!(
        guides.contains(&(Some("FY2007".into()), Some("850000000".into()))),
        "{guides:?}"
    );
    assert!(
        guides.contains(&(Some("FY2007".into()), Some("-50".into()))),
        "{guides:?}"
    );
    assert!(!guides.iter().any(|g| g.1.as_deref() == Some("418000000")));
    // The same in a corpus release.
    let r = load("alcoa-q2-2009-results-8k-lee2014.txt");
    assert!(r.outlook.iter().any(|o| o.metric == "capital_expenditures"
        && o.period.as_deref() == Some("FY2010")
        && o.low == dec("850000000")));
    // "the 2009 goal of a nearly 50 percent reduction from 2008", in a sentence about the
    // quarter: the year that modifies the guide is its period, not the quarter nor the base year.
    assert!(r.outlook.iter().any(|o| o.metric == "capital_expenditures"
        && o.period.as_deref() == Some("FY2009")
        && o.low == dec("-50")));
}

/// A hedged prose figure ("nearly $40 billion of operating cash flow") is a rounding of the
/// statement's cell: the row is the cell's exact value, with the prose kept as a second source.
/// An unhedged rounding ("revenue of $119.6 billion") stays the prose row.
#[test]
fn a_hedged_prose_figure_gives_way_to_its_exact_cell() {
    let r = load("apple-q1-fy2024-8k-submission.txt");
    let cfo: Vec<_> = r
        .highlights
        .iter()
        .filter(|f| f.metric == "cash_flow_operations" && f.period.as_deref() == Some("Q1 FY2024"))
        .collect();
    assert_eq!(cfo.len(), 1, "{cfo:?}");
    assert_eq!(cfo[0].value, dec("39895000000"));
    assert_eq!(cfo[0].also.len(), 1, "the prose is kept as a source");
    let revenue = r
        .highlights
        .iter()
        .find(|f| f.metric == "revenue" && f.period.as_deref() == Some("Q1 FY2024"))
        .expect("revenue");
    assert_eq!(revenue.value, dec("119600000000"));
}

/// Class 12: "up from $38.6 million, or 2.67% of total assets at June 30, 2008, and $731,000,
/// or 0.05% of total assets at September 30, 2007": a ratio after a prior is its companion, so
/// the date after the ratio is still the prior's (the year-ago quarter, not the sequential one).
#[test]
fn a_ratio_after_a_prior_does_not_hide_its_date() {
    let r = load("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    let npa: Vec<(Option<&str>, String)> = r
        .highlights
        .iter()
        .filter(|f| f.metric == "nonperforming_assets")
        .map(|f| {
            (
                f.period.as_deref(),
                f.value.map(|v| v.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        npa.contains(&(Some("Q2 FY2008"), "731000".into())),
        "{npa:?}"
    );
    assert!(
        npa.contains(&(Some("Q1 FY2009"), "38600000".into())),
        "{npa:?}"
    );
    assert!(
        !npa.contains(&(Some("Q1 FY2009"), "731000".into())),
        "{npa:?}"
    );
}

/// Class 9: "insurance to all noninterest bearing deposits and the increased limit to $250,000":
/// the amount is the limit's, a second noun phrase after the metric, not the deposits'.
#[test]
fn an_amount_after_a_second_noun_phrase_is_not_the_metrics() {
    let r = load("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    let deposits: Vec<String> = r
        .highlights
        .iter()
        .filter(|f| f.metric == "deposits")
        .filter_map(|f| f.value.map(|v| v.to_string()))
        .collect();
    assert!(!deposits.contains(&"250000".to_string()), "{deposits:?}");
    assert!(deposits.contains(&"1140000000".to_string()), "{deposits:?}");
}

/// Class 9: "Included in the commercial construction nonperforming assets are $29.4 million in
/// condominium construction projects": a clause opening on what the amount is included in states
/// a part, neither the metric's level nor a comparison with its priors.
#[test]
fn an_amount_included_in_a_metric_is_a_part_of_it() {
    let r = load("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    let part = |v: &Option<Value>| *v == dec("29400000");
    assert!(!r.highlights.iter().any(|f| part(&f.value)));
    assert!(!r.comparisons.iter().any(|c| part(&c.current.value)));
    assert!(
        r.highlights
            .iter()
            .any(|f| f.metric == "nonperforming_assets" && f.value == dec("80200000"))
    );
}

/// Class 14: "Shareholders' equity decreased 4% to $122.2 million at September 30, 2008 from
/// $127.4 million at June 30, 2008 and $128.1 million at September 30, 2007": the stated 4 % is
/// the change against the prior it fits, not against both.
#[test]
fn one_stated_percent_is_the_change_against_one_prior() {
    let r = load("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    let pct = |prior: &str| {
        r.comparisons
            .iter()
            .find(|c| c.metric == "stockholders_equity" && c.prior.value == dec(prior))
            .and_then(|c| c.change_pct)
    };
    assert_eq!(pct("127400000"), dec("-4"));
    assert_eq!(pct("128100000"), dec("-4.6"));
}

/// Class 11: an event release's figures are the terms of its deal: "an upfront cash payment of
/// $310 million ... for a potential deal value of up to $2.8 billion", "giving the transaction
/// an indicated value of $114.2 million", each of no period.
#[test]
fn an_event_release_states_its_deal_terms() {
    let r = load("alnylam-2023-roche-partnership-ex991.htm");
    let term = |r: &Release, metric: &str| {
        r.highlights
            .iter()
            .filter(|f| f.metric == metric)
            .map(|f| (f.period.clone(), f.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(term(&r, "upfront_payment"), [(None, dec("310000000"))]);
    assert_eq!(term(&r, "deal_value"), [(None, dec("2800000000"))]);
    let r = load("cisco-1995-combinet-two-releases-8k-submission.txt");
    assert_eq!(term(&r, "deal_value"), [(None, dec("114200000"))]);
    // The shares it is paid in, counted in words: "approximately two million shares of Cisco
    // stock will be exchanged".
    assert_eq!(term(&r, "shares_issued"), [(None, dec("2000000"))]);
    // No boilerplate figure comes with them.
    assert!(
        r.highlights
            .iter()
            .all(|f| ["deal_value", "shares_issued"].contains(&f.metric.as_str()))
    );
    // A grant: "stock options to purchase ten million shares".
    let r = load("apple-2000-ceo-option-grant-ex991.txt");
    assert_eq!(term(&r, "options_granted"), [(None, dec("10000000"))]);
    // ... and the pay beside it: "Steve's salary will remain at $1 per year".
    assert_eq!(term(&r, "base_salary"), [(None, dec("1"))]);
    assert!(
        r.highlights
            .iter()
            .all(|f| ["options_granted", "base_salary"].contains(&f.metric.as_str()))
    );
    // Notes a restructuring is about: "its $100 million 6.75% convertible debentures due 2003".
    let r = load("innovative-clinical-2000-bond-restructuring-8k-submission.txt");
    assert_eq!(term(&r, "notes_principal"), [(None, dec("100000000"))]);
}

/// Class 11: a buyback authorization as the share of stock outstanding and the shares it comes
/// to; what was already bought under the old one is no authorization, what is left of it is the
/// remainder. "from 10 percent to 25 percent" authorizes 25.
#[test]
fn a_buyback_authorization_and_what_remains_of_it() {
    let r = load("alcoa-q3-2007-results-8k-lee2014.txt");
    let terms = |r: &Release, metric: &str| {
        r.highlights
            .iter()
            .filter(|f| f.metric == metric)
            .map(|f| (f.value, f.unit.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        terms(&r, "buyback_authorization"),
        [
            (dec("25"), "percent".to_string()),
            (dec("217000000"), "shares".to_string())
        ]
    );
    assert_eq!(
        terms(&r, "buyback_remaining"),
        [(dec("174000000"), "shares".to_string())]
    );
    let r = load("alcoa-q4-2007-results-8k-lee2014.txt");
    assert_eq!(
        terms(&r, "buyback_authorization"),
        [(dec("25"), "percent".to_string())]
    );
    // "has repurchased 68 million shares, or approximately eight percent of shares outstanding,
    // ... leaving approximately 150 million shares, or 18 percent of shares outstanding,
    // remaining": the count after ", or" is what the one before it is.
    assert_eq!(
        terms(&r, "buyback_remaining"),
        [
            (dec("150000000"), "shares".to_string()),
            (dec("18"), "percent".to_string())
        ]
    );
    // "the Board authorized level of up to a maximum of 25 percent of shares outstanding".
    let r = load("alcoa-q2-2008-results-8k-lee2014.txt");
    assert_eq!(
        terms(&r, "buyback_authorization"),
        [(dec("25"), "percent".to_string())]
    );
    // A facility's size: "expanded its 364-day revolving credit facility to $1.9 billion".
    let r = load("alcoa-q4-2008-results-8k-lee2014.txt");
    assert_eq!(
        terms(&r, "credit_facility"),
        [(dec("1900000000"), "USD".to_string())]
    );
}

/// Class 11: a dividend's dates, however the release words them: "payable on February 15, 2024
/// to shareholders of record as of the close of business on February 12, 2024", "the record
/// date will be September 7, 2023", "with a payment date of July 30, 2014".
#[test]
fn a_dividend_states_its_record_and_payment_dates() {
    let dates = |name: &str| {
        let r = load(name);
        let mut d: Vec<(String, String)> = r
            .highlights
            .iter()
            .filter_map(|f| Some((f.metric.clone(), f.date.clone()?)))
            .collect();
        d.sort();
        d
    };
    let pair = |m: &str, d: &str| (m.to_string(), d.to_string());
    assert_eq!(
        dates("amcor-q4-fy2023-ex991-pdftext.md"),
        [
            pair("dividend_payment_date", "2023-09-27"),
            pair("dividend_record_date", "2023-09-07"),
            pair("ex_dividend_date", "2023-09-06"),
        ]
    );
    assert_eq!(
        dates("apple-q1-fy2024-8k-submission.txt"),
        [
            pair("dividend_payment_date", "2024-02-15"),
            pair("dividend_record_date", "2024-02-12"),
        ]
    );
    assert_eq!(
        dates("oracle-q4-fy2014-ex991.htm"),
        [
            pair("dividend_payment_date", "2014-07-30"),
            pair("dividend_record_date", "2014-07-09"),
        ]
    );
}

/// Class 11: the size of a correction. "The Restatement decreases the Company's provision for
/// income taxes for fiscal 2004 ... by $20 million and increases net income by $20 million, or
/// $0.04 per diluted share": three corrections of FY2004, signed, and no result of a period.
#[test]
fn a_correction_states_what_it_changes_by_how_much() {
    let r = load("agilent-2006-item402-restatement-8k-lee2014.txt");
    type Row<'a> = (Option<&'a str>, &'a str, Option<&'a str>, Option<Decimal>);
    let got: Vec<Row> = r
        .restatement
        .corrections
        .iter()
        .map(|c| {
            (
                c.metric.as_deref(),
                c.label.as_str(),
                c.period.as_deref(),
                c.change.map(|v| v.0),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                None,
                "provision for income taxes",
                Some("FY2004"),
                Some(Decimal::from(-20_000_000))
            ),
            (
                Some("net_income"),
                "net income",
                Some("FY2004"),
                Some(Decimal::from(20_000_000))
            ),
            (
                Some("eps_diluted"),
                "diluted EPS",
                Some("FY2004"),
                Some(Decimal::new(4, 2))
            ),
        ]
    );
    assert!(r.highlights.is_empty(), "{:?}", r.highlights);
}
