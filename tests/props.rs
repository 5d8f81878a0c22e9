//! Property tests: irview never panics on any input, whatever its bytes or its shape, and no
//! output it makes of any input holds a control character (`common::pipeline` checks both).
//!
//! Cases are few and inputs small so the suite stays a few seconds (PROPTEST_CASES raises
//! them); the fuzz targets in fuzz/ run the same pipeline for longer.

mod common;
use common::pipeline;
use irview::search::{Query, search_all};
use proptest::prelude::*;

/// `n` cases, or PROPTEST_CASES when set (for a long run: `PROPTEST_CASES=100000`).
fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

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

/// Pieces of terminal escape sequences and other controls, whole and cut short.
fn escapish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[A-Za-z0-9 ]{1,8}",
            Just("\u{1b}".to_string()),
            Just("\u{1b}[".to_string()),
            Just("\u{1b}]".to_string()),
            Just("\u{1b}]0;title\u{7}".to_string()),
            Just("\u{1b}]52;c;ZXZpbA==\u{1b}\\".to_string()),
            Just("\u{1b}[2J".to_string()),
            Just("\u{1b}[31m".to_string()),
            Just("\u{1b}P".to_string()),
            Just("31m".to_string()),
            Just("\u{7}".to_string()),
            Just("\u{9b}".to_string()),
            Just("\u{9d}".to_string()),
            Just("\u{9c}".to_string()),
            Just("\u{85}".to_string()),
            Just("\u{7f}".to_string()),
            Just("\u{0}".to_string()),
            Just("\r".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            Just("\u{c}".to_string()),
            Just("\u{202e}".to_string()),
            Just("<td>".to_string()),
            Just("&#27;[2J".to_string()),
            Just("&#x9b;".to_string()),
            Just("| a |".to_string()),
            "\\PC",
            any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// The sample's JSON, built once: the crafted JSON releases below are edits of it.
fn sample_json() -> &'static serde_json::Value {
    static S: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    S.get_or_init(|| serde_json::to_value(&sample().0).expect("the sample serializes"))
}

/// Where a crafted JSON release puts its strings: identity, items, cells and the text.
const STRING_FIELDS: [&str; 12] = [
    "/title",
    "/company/name",
    "/company/ticker",
    "/dateline/text",
    "/period/label",
    "/highlights/0/label",
    "/highlights/1/text",
    "/comparisons/0/text",
    "/restatement/summary",
    "/risks/0/text",
    "/risk_reference",
    "/document/meta/picked",
];
/// And the numbers it edits: spans and line numbers of items and blocks.
const NUMBER_FIELDS: [&str; 8] = [
    "/highlights/0/source/start",
    "/highlights/0/source/end",
    "/highlights/2/source/line",
    "/risks/0/source/end",
    "/document/blocks/0/start",
    "/document/blocks/1/line",
    "/document/blocks/2/last_line",
    "/comparisons/0/source/start",
];

/// The sample as JSON with hostile strings in some fields and in its text, and some offsets
/// replaced by arbitrary numbers.
fn crafted_json() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((0..STRING_FIELDS.len(), escapish()), 0..6),
        prop::collection::vec((0..NUMBER_FIELDS.len(), any::<u32>()), 0..4),
        prop::collection::vec((any::<prop::sample::Index>(), escapish()), 0..4),
    )
        .prop_map(|(strings, numbers, inserts)| {
            let mut v = sample_json().clone();
            for (i, s) in strings {
                if let Some(x) = v.pointer_mut(STRING_FIELDS[i]) {
                    *x = s.into();
                }
            }
            for (i, n) in numbers {
                if let Some(x) = v.pointer_mut(NUMBER_FIELDS[i]) {
                    *x = n.into();
                }
            }
            if let Some(serde_json::Value::String(t)) = v.pointer_mut("/document/text") {
                for (at, s) in inserts {
                    let mut k = at.index(t.len() + 1);
                    while !t.is_char_boundary(k) {
                        k -= 1;
                    }
                    t.insert_str(k, &s);
                }
            }
            v.to_string()
        })
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
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

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

    /// Escape sequences in any format never reach an output (the pipeline checks it).
    #[test]
    fn escapes_in_any_format_never_reach_an_output(
        s in escapish(), t in releaseish(), h in 0..HEADS.len(), n in 0..NAMES.len()
    ) {
        pipeline(format!("{}{s}{t}{s}", HEADS[h]).as_bytes(), NAMES[n]);
    }

    /// irview's own JSON with hostile strings and spans: read back clean and without a panic.
    #[test]
    fn a_crafted_json_release_never_reaches_an_output(j in crafted_json(), n in 0..NAMES.len()) {
        pipeline(j.as_bytes(), NAMES[n]);
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
