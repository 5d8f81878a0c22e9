//! Property tests: irview never panics on any input, whatever its bytes or its shape.
//!
//! Cases are few and inputs small so the suite stays a few seconds; the fuzz targets in fuzz/
//! run the same pipeline for longer.

mod common;
use common::pipeline;
use irview::search::{Query, search_all};
use proptest::prelude::*;

/// Heads that steer format detection to each ingester, so every one of them sees the noise.
const HEADS: [&str; 7] = [
    "",
    "<html><body><p>",
    "<SEC-DOCUMENT>x.txt\n<SEC-HEADER>\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n",
    "# Title\n\n| a | b |\n|---|---|\n| ",
    "{\"document\":{\"text\":\"",
    "<table><tr><td>",
    "Exhibit 99.1\n\nACME REPORTS THIRD QUARTER 2024 RESULTS\n\n",
];
const NAMES: [&str; 5] = ["x.txt", "x.htm", "x.md", "x.json", "-"];

/// Text that looks a little like a release: words, figures, markup and layout characters.
fn releaseish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-z]{1,10}",
            "\\$?\\(?[0-9]{1,3}(,[0-9]{3}){0,2}(\\.[0-9]{1,2})?\\)?( million| billion|%)?",
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            Just("\r\n".to_string()),
            Just("<td>".to_string()),
            Just("</tr>".to_string()),
            Just("<TEXT>".to_string()),
            Just("</DOCUMENT>".to_string()),
            Just("&nbsp;".to_string()),
            Just("\u{a0}".to_string()),
            Just("\u{feff}".to_string()),
            Just("\u{0}".to_string()),
            Just("quarter ended March 31, 2024".to_string()),
            Just("restatement".to_string()),
            ".",
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

/// The sample and its panes, built once (extraction in a debug build is not free).
fn sample() -> &'static (irview::Release, Vec<irview::pane::Pane>) {
    static S: std::sync::OnceLock<(irview::Release, Vec<irview::pane::Pane>)> =
        std::sync::OnceLock::new();
    S.get_or_init(|| {
        let r = irview::sample();
        let panes = irview::pane::build_panes(&r);
        (r, panes)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), n in 0..NAMES.len()) {
        pipeline(&bytes, NAMES[n]);
    }

    #[test]
    fn any_string_never_panics(s in any::<String>(), h in 0..HEADS.len(), n in 0..NAMES.len()) {
        pipeline(format!("{}{s}", HEADS[h]).as_bytes(), NAMES[n]);
    }

    #[test]
    fn releaseish_text_never_panics(s in releaseish(), h in 0..HEADS.len(), n in 0..NAMES.len()) {
        pipeline(format!("{}{s}", HEADS[h]).as_bytes(), NAMES[n]);
    }

    /// A phrase or regex the user types is never a panic, and every hit is a true byte range of
    /// its cell (on a char boundary, inside the string).
    #[test]
    fn any_query_gives_true_ranges(p in "\\PC{0,12}", regex in any::<bool>()) {
        let (r, panes) = sample();
        let q = Query { pattern: p, regex, case_sensitive: None };
        if let Ok(re) = q.compile() {
            for m in search_all(panes, &r.document.text, &re) {
                let pane = panes.iter().find(|x| x.kind == m.pane).expect("match names a pane");
                for h in &m.hits {
                    let cell = &pane.rows[h.row].cells[h.cell];
                    prop_assert!(h.start < h.end && cell.get(h.start..h.end).is_some());
                }
            }
        }
    }
}

// ---- Figures: money and period parsers ----

use irview::extract::{money, period};
use irview::release::{Value, unit};
use rust_decimal::Decimal;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Exact amounts of up to 12 digits with up to 4 decimals, signed, as releases write them.
fn amount() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=4).prop_map(|(m, scale)| Decimal::new(m % 1_000_000_000_000, scale))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// `format_amount` promises that `parse_amount` reads its output back exactly.
    #[test]
    fn money_format_then_parse_round_trips(
        d in amount(),
        u in prop::sample::select(vec![unit::USD, "EUR", "GBP", unit::PERCENT, unit::COUNT]),
    ) {
        let v = Value::new(d);
        let text = money::format_amount(&v, u);
        let parsed = money::parse_amount(&text);
        prop_assert_eq!(parsed, Some((v, u.to_string())), "{}", text);
    }

    /// A table cell holding a formatted number reads back as that number.
    #[test]
    fn cell_parse_of_formatted_count(d in amount()) {
        let v = Value::new(d);
        let text = money::format_amount(&v, unit::COUNT);
        prop_assert_eq!(money::parse_cell(&text), Some((v, money::CellKind::Number)), "{}", text);
    }

    /// A date written as releases write it ("December 31, 2006") parses to its parts.
    #[test]
    fn date_format_then_parse_round_trips(y in 1970i32..2100, m in 1u32..=12, d in 1u32..=28) {
        let text = format!("{} {d}, {y}", MONTHS[(m - 1) as usize]);
        prop_assert_eq!(period::parse_date(&text), Some((y, m, d)), "{}", text);
    }

    /// The money and period parsers never panic, and spans they report are true ranges.
    #[test]
    fn figure_parsers_never_panic(s in "\\PC{0,40}|[-$€£().,%0-9 a-z]{0,40}") {
        let _ = money::parse_number(&s);
        let _ = money::parse_amount(&s);
        let _ = money::parse_cell(&s);
        let _ = money::scale_note(&s);
        let _ = period::parse_date(&s);
        for m in money::scan(&s) {
            prop_assert!(s.get(m.start..m.end).is_some());
        }
        for p in period::find(&s) {
            prop_assert!(s.get(p.start..p.end).is_some());
        }
    }
}
