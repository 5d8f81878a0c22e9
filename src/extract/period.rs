//! Periods: "fourth quarter of fiscal 2006", "Q3", "three months ended December 31, 2006", ...
//! resolved against the release's own period and labelled `Q4 FY2006`, `FY2006`, `H1 FY2007`,
//! `9M FY2007`.
//!
//! A phrase is first read into a [`PeriodSpec`] (what it says), then resolved against a base
//! period (what it means in this release). Fiscal years are labelled as the company states them;
//! a date ("three months ended December 25, 2010") is placed by its distance from the base
//! period's end date, so fiscal years that differ from calendar years come out right.

use super::pattern::Regex;
use crate::document::{BlockKind, Document};
use crate::release::Period;
use std::sync::LazyLock;

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Quarter(Option<u8>),
    Half(Option<u8>),
    NineMonths,
    Year,
    YearToDate,
}

/// A period relative to another one, as "the prior year" or "sequential" say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// The period the text is about ("the quarter", "annual", "this year").
    Current,
    /// The same period a year earlier ("the prior year", "a year ago", "last year").
    PriorYear,
    /// The quarter before ("the prior quarter", "sequential", "Q3" from Q4 is explicit instead).
    PriorQuarter,
    /// The quarter after ("next quarter").
    NextQuarter,
    /// The year after ("next year").
    NextYear,
}

/// What a period phrase says, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodSpec {
    pub span: Option<Span>,
    /// The year as written (fiscal or calendar as the company says).
    pub year: Option<i32>,
    /// (year, month, day) of a stated end or balance date.
    pub end: Option<(i32, u32, u32)>,
    /// "December 2005 quarter": the month the quarter ends.
    pub end_month: Option<(i32, u32)>,
    pub relative: Option<Relative>,
    /// A year alone after a preposition ("in 2006"): against a quarter or half it names the
    /// same span in that year ("$1.35 billion in 2006" after "first half 2007 net income").
    pub bare_year: bool,
}

impl Default for Span {
    fn default() -> Self {
        Span::Quarter(None)
    }
}

/// A period phrase found in text, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodMatch {
    pub start: usize,
    pub end: usize,
    pub spec: PeriodSpec,
}

const ORD: &str = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|rst)";
const YEAR: &str = r"(?:19|20)\d\d";
const FISCAL: &str = r"(?:fiscal|scal|FY)";
pub(crate) const MONTH: &str = r"(?P<mon>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:tember|t\.|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";

use super::pattern::or_never as re;

/// A date "December 31, 2006", "Dec. 31, 2006", "November 2, 2024".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>{YEAR})\b"
    ))
});

/// "ended December 25, 2010" right after a named quarter.
static ENDED_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:\([^)]{{0,30}}\)\s*)?,?\s*(?:ended|ending)\s+(?P<date>{MONTH}\s+\d{{1,2}},?\s+{YEAR})"
    ))
});

/// Words that make a later period in the same paragraph a comparison, not the release's own.
static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:compared|versus|vs\.|from|over|than|against|a\s+year\s+ago|prior|previous)\b")
});

/// The patterns, longest forms first; overlapping later matches are dropped. Each is built the
/// first time its gate opens: a release names few of the kinds.
static PATTERNS: LazyLock<Vec<(Kind, Regex)>> = LazyLock::new(|| {
    let re = |p: &str| Regex::lazy(p);
    let date = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:tember|t\.|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)\s+\d{1,2},?\s+(?:19|20)\d\d";
    vec![
        // "fiscal 2011 first quarter", "2007 second quarter".
        (
            Kind::YearOrdQuarter,
            re(&format!(
                r"(?i)\b(?:{FISCAL}\s+(?:year\s+)?)?(?P<y>{YEAR})\s+(?:{FISCAL}\s+)?{ORD}[\s-]+(?:{FISCAL}\s+)?quarter\b"
            )),
        ),
        // "fourth quarter of fiscal 2006", "first quarter fiscal year 2023", "second quarter 2007",
        // "fourth quarter and fiscal year 2006", "first quarter (twelve weeks) of fiscal 2023",
        // "fourth quarter".
        (
            Kind::OrdQuarter,
            re(&format!(
                r"(?i)\b{ORD}[\s-]+(?:{FISCAL}\s+)?quarter(?:\s*\([^)]{{0,30}}\))?(?P<both>\s+and\s+(?:the\s+)?(?:full[\s-]|{FISCAL}\s+)?(?:year|{FISCAL}))?(?:,?\s+(?:of\s+)?(?:the\s+)?(?:{FISCAL}\s+)?(?:year\s+)?(?P<y>{YEAR})\b)?"
            )),
        ),
        // "three months ended December 31, 2006", "13-week fiscal quarter ended November 2, 2024",
        // "fiscal year ended ...", "quarter ended ...", "nine months ended ...".
        (
            Kind::Ended,
            re(&format!(
                r"(?i)\b(?:(?P<n>three|six|nine|twelve|thirteen|fourteen|sixteen|twelve|twenty[\s-]six|twenty[\s-]four|twenty[\s-]eight|thirty[\s-]six|thirty[\s-]nine|forty|fifty[\s-]two|fifty[\s-]three|\d{{1,2}})[\s-]+(?P<u>months?|weeks?)\s+(?:{FISCAL}\s+)?(?:(?:period|quarter|year)\s+)?|(?:{FISCAL}\s+)?(?P<what>quarter|year|period|half)\s+)(?:ended|ending)\s+(?P<date>{date})"
            )),
        ),
        // "first half of 2007", "second half", "first-half"; "the first six months of fiscal
        // 2009" is the same half, never the year.
        (
            Kind::Half,
            re(&format!(
                r"(?i)\b(?:(?P<y0>{YEAR})\s+)?(?P<h>first|second|rst)[\s-]+(?:half|six[\s-]+months)(?:\s+(?:of\s+)?(?:the\s+)?(?:{FISCAL}\s+)?(?:year\s+)?(?P<y>{YEAR})\b)?"
            )),
        ),
        // "first nine months of 2007", "nine months".
        (
            Kind::Nine,
            re(&format!(
                r"(?i)\b(?:first\s+)?nine[\s-]months?(?:\s+(?:of\s+)?(?:{FISCAL}\s+)?(?P<y>{YEAR})\b)?"
            )),
        ),
        (Kind::Ytd, re(r"(?i)\byear[\s-]to[\s-]date\b|\bYTD\b")),
        // "Q4 2005", "Q406", "Q1 FY2011", "Q1 fiscal 2023", "Q3".
        (
            Kind::QNotation,
            re(&format!(
                r"\b(?:(?i:fiscal\s+(?:year\s+)?|FY\s*)?(?P<y0>{YEAR})\s+)?[Qq](?P<q>[1-4])(?:\s*(?:(?i:fiscal|FY)\s*(?:year\s+)?'?|')?(?P<y>{YEAR}|\d\d))?\b"
            )),
        ),
        // "December 2005 quarter", "June quarter".
        (
            Kind::MonthQuarter,
            re(&format!(r"(?i)\b{MONTH}\s+(?:(?P<y>{YEAR})\s+)?quarter\b")),
        ),
        // "full year fiscal 2006", "fiscal year 2006", "fiscal 2006", "FY2006", "FY06", "full year".
        (
            Kind::Year,
            re(&format!(
                r"(?i)\b(?:(?:full[\s-]+year|fiscal\s+year|year)\s+(?:of\s+)?(?:{FISCAL}\s+)?(?:year\s+)?(?P<y>{YEAR})\b|(?:{FISCAL}|FY)\s*'?(?:year\s+)?(?P<y2>{YEAR}|\d\d)\b|(?P<y3>{YEAR})\s+(?:full[\s-]+year|{FISCAL}\s+year)|(?P<fy>full[\s-]+(?:{FISCAL}\s+)?year|annual(?:ly)?)\b)"
            )),
        ),
        // "the same period last year", "the year-ago quarter", "a year ago", "the prior year".
        (
            Kind::PriorYear,
            re(
                r"(?i)\b(?:(?:the\s+)?(?:same|comparable|corresponding|like)\s+(?:period|quarter|prior[\s-]year\s+(?:period|quarter))(?:\s+(?:of|in)\s+(?:the\s+)?(?:prior|previous|last|a)\s+(?:fiscal\s+)?year(?:\s+ago)?|\s+(?:a\s+year\s+ago|last\s+year))?|(?:the\s+)?year[\s-]ago(?:\s+(?:quarter|period))?|a\s+year\s+(?:ago|earlier)|(?:the\s+)?(?:prior|previous)[\s-](?:fiscal[\s-])?year(?:'s)?(?:\s+(?:quarter|period))?|last\s+year(?:'s)?|year[\s-]over[\s-]year)\b",
            ),
        ),
        // "the prior quarter", "sequential", "the preceding quarter", "quarter-over-quarter".
        (
            Kind::PriorQuarter,
            re(
                r"(?i)\b(?:(?:the\s+)?(?:prior|previous|preceding|last|sequential)\s+quarter|sequential(?:ly)?|quarter[\s-]over[\s-]quarter|linked[\s-]quarter)\b",
            ),
        ),
        (
            Kind::Next,
            re(
                r"(?i)\b(?:the\s+)?(?:next|coming|upcoming|following)\s+(?P<w>quarter|(?:fiscal\s+)?year)\b",
            ),
        ),
        // "the quarter", "this quarter", "the current quarter".
        (
            Kind::ThisQuarter,
            re(r"(?i)\b(?:the|this|current)\s+(?:current\s+|fiscal\s+)?quarter\b"),
        ),
        // "as of December 31, 2006", "at November 2, 2024": a balance date.
        (
            Kind::AsOf,
            re(&format!(r"(?i)\b(?:as\s+of|at|on)\s+(?P<date>{date})")),
        ),
        // A bare year after a preposition: "during 2006", "from 2005", "in fiscal 2006".
        (
            Kind::BareYear,
            re(&format!(
                r"(?i)\b(?:in|during|for|from|over|of|versus|vs\.?|than|to|with)\s+(?:{FISCAL}\s+)?(?P<y>{YEAR})\b"
            )),
        ),
    ]
});

/// What a pattern needs in a text before it is run there: every match of a pattern holds one of
/// its [`gate`] words (ASCII, any case), so a text without any of them is not searched with it.
///
/// Why: `find` runs 15 patterns over every paragraph, and a regex call costs about 0.3-0.4 µs on
/// a paragraph whatever it finds; most patterns find nothing in most paragraphs. One
/// Aho-Corasick pass over the paragraph for all the gates' words costs less than two such calls.
enum Gate {
    /// One of these words.
    Words(&'static [&'static str]),
    /// "Q" or "q" right before a digit 1-4 ("Q3", "q4").
    QDigit,
}

/// Read off each pattern: a word every one of its alternatives must contain (a literal the
/// pattern spells out, not a guess). `tests::gates_never_hide_a_match` checks them on the corpus.
fn gate(kind: Kind) -> Gate {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    match kind {
        Kind::YearOrdQuarter | Kind::OrdQuarter | Kind::MonthQuarter | Kind::ThisQuarter => {
            Gate::Words(&["quarter"])
        }
        Kind::Ended => Gate::Words(&["ended", "ending"]),
        Kind::Half => Gate::Words(&["half", "six"]),
        Kind::Nine => Gate::Words(&["nine"]),
        Kind::Ytd => Gate::Words(&["year", "ytd"]),
        Kind::QNotation => Gate::QDigit,
        Kind::Year => Gate::Words(&["year", "scal", "fy", "annual"]),
        Kind::PriorYear => Gate::Words(&["year", "period", "quarter"]),
        Kind::PriorQuarter => Gate::Words(&["quarter", "sequential"]),
        Kind::Next => Gate::Words(&["quarter", "year"]),
        Kind::AsOf => Gate::Words(MONTHS),
        Kind::BareYear => Gate::Words(&["19", "20"]),
    }
}

/// The gates of [`PATTERNS`], made once from [`gate`].
struct Gates {
    /// Every gate word, each once: bit `i` of a mask stands for word `i`.
    finder: Option<aho_corasick::AhoCorasick>,
    /// For each pattern, the bits that let it run.
    needs: Vec<u64>,
}

/// The bit of [`Gate::QDigit`]; words take the bits below it.
const Q_DIGIT: u64 = 1 << 63;

static GATES: LazyLock<Gates> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = Vec::new();
    let needs = PATTERNS
        .iter()
        .map(|(kind, _)| match gate(*kind) {
            Gate::QDigit => Q_DIGIT,
            Gate::Words(ws) => ws.iter().fold(0, |mask, &w| {
                let i = words.iter().position(|&x| x == w).unwrap_or_else(|| {
                    words.push(w);
                    words.len() - 1
                });
                // More words than bits would be a bug here, caught by the tests: run always.
                mask | 1u64
                    .checked_shl(i as u32)
                    .filter(|&b| b != Q_DIGIT)
                    .unwrap_or(u64::MAX)
            }),
        })
        .collect();
    let finder = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&words)
        .ok();
    Gates { finder, needs }
});

/// Which gate words (and the Q-digit) `text` holds. Everything, when the text holds one of the
/// two letters that Unicode case folding matches to an ASCII one (the long s "ſ", the Kelvin
/// sign "K"), which an ASCII search would miss; or when the finder could not be built.
fn gates_open(text: &str) -> u64 {
    let Some(finder) = GATES.finder.as_ref() else {
        return u64::MAX;
    };
    if text.contains(['\u{17F}', '\u{212A}']) {
        return u64::MAX;
    }
    let mut open = finder
        .find_overlapping_iter(text)
        .fold(0, |m, hit| m | 1 << hit.pattern().as_usize());
    let b = text.as_bytes();
    if b.windows(2)
        .any(|w| w[0] | 0x20 == b'q' && (b'1'..=b'4').contains(&w[1]))
    {
        open |= Q_DIGIT;
    }
    open
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ended,
    YearOrdQuarter,
    OrdQuarter,
    Half,
    Nine,
    Ytd,
    QNotation,
    MonthQuarter,
    Year,
    PriorYear,
    PriorQuarter,
    Next,
    ThisQuarter,
    AsOf,
    BareYear,
}

fn ordinal(s: &str) -> Option<u8> {
    match s.to_ascii_lowercase().as_str() {
        "first" | "1st" | "rst" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

fn year_of(s: &str) -> Option<i32> {
    let n: i32 = s.trim().parse().ok()?;
    Some(if n < 100 {
        if n < 70 { 2000 + n } else { 1900 + n }
    } else {
        n
    })
}

fn month_of(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    let m = match l.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Parse a date as written ("December 31, 2006") into (year, month, day).
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let c = DATE.captures(s)?;
    let m = month_of(c.name("mon")?.as_str())?;
    let d: u32 = c.name("day")?.as_str().parse().ok()?;
    let y = year_of(c.name("year")?.as_str())?;
    (1..=31).contains(&d).then_some((y, m, d))
}

/// An ISO date ("2001-10-23") into (year, month, day); None unless each part is a number and
/// the month and day could be a date's.
pub fn parse_iso(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.trim().split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// How many days month `m` (1-12) of year `y` has.
pub fn month_days(y: i32, m: u32) -> u32 {
    let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    (days(next.0, next.1, 1) - days(y, m, 1)) as u32
}

/// Days since 1970-01-01 (proleptic Gregorian), for distances between period ends.
fn days(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn iso((y, m, d): (i32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn number_word(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase().replace(['-', ' '], "");
    Some(match l.as_str() {
        "three" => 3,
        "six" => 6,
        "nine" => 9,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "sixteen" => 16,
        "twentyfour" => 24,
        "twentysix" => 26,
        "twentyeight" => 28,
        "thirtysix" => 36,
        "thirtynine" => 39,
        "forty" => 40,
        "fiftytwo" => 52,
        "fiftythree" => 53,
        _ => return l.parse().ok(),
    })
}

/// Every period phrase in `text`, left to right, not overlapping (the longer form wins).
pub fn find(text: &str) -> Vec<PeriodMatch> {
    let mut found: Vec<PeriodMatch> = Vec::new();
    // The spans taken so far, to test a new match for overlap without a scan of every one (a
    // paragraph of thousands of period phrases made that the square of their number).
    let mut taken = Taken::default();
    let open = gates_open(text);
    for ((kind, rx), &needs) in PATTERNS.iter().zip(&GATES.needs) {
        if open & needs == 0 {
            continue;
        }
        for c in rx.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let mut extra_end = m.end();
            if taken.overlaps(m.start(), m.end()) {
                continue;
            }
            let y = c.name("y").and_then(|y| year_of(y.as_str()));
            let spec = match kind {
                Kind::Ended => {
                    let end = c.name("date").and_then(|d| parse_date(d.as_str()));
                    let span = if let Some(n) = c.name("n").and_then(|n| number_word(n.as_str())) {
                        let weeks = c
                            .name("u")
                            .is_some_and(|u| u.as_str().to_ascii_lowercase().starts_with('w'));
                        let months = if weeks { n * 12 / 52 } else { n };
                        match months {
                            0..=4 => Span::Quarter(None),
                            5..=7 => Span::Half(None),
                            8..=10 => Span::NineMonths,
                            _ => Span::Year,
                        }
                    } else {
                        match c
                            .name("what")
                            .map(|w| w.as_str().to_ascii_lowercase())
                            .as_deref()
                        {
                            Some("year") => Span::Year,
                            Some("half") => Span::Half(None),
                            _ => Span::Quarter(None),
                        }
                    };
                    PeriodSpec {
                        span: Some(span),
                        year: None,
                        end,
                        ..PeriodSpec::default()
                    }
                }
                Kind::YearOrdQuarter | Kind::OrdQuarter => {
                    // "fiscal 2011 first quarter ended December 25, 2010": the end date belongs
                    // to the quarter just named.
                    let tail = text.get(m.end()..).unwrap_or("");
                    let end = ENDED_TAIL
                        .captures(tail)
                        .and_then(|t| t.name("date"))
                        .and_then(|d| parse_date(d.as_str()));
                    if let Some(t) = ENDED_TAIL.find(tail).filter(|_| end.is_some()) {
                        extra_end = m.end() + t.end();
                    }
                    PeriodSpec {
                        span: Some(Span::Quarter(
                            c.name("ord").and_then(|o| ordinal(o.as_str())),
                        )),
                        year: y,
                        end,
                        ..PeriodSpec::default()
                    }
                }
                Kind::Half => PeriodSpec {
                    span: Some(Span::Half(c.name("h").and_then(|o| ordinal(o.as_str())))),
                    year: y.or_else(|| c.name("y0").and_then(|y| year_of(y.as_str()))),
                    ..PeriodSpec::default()
                },
                Kind::Nine => PeriodSpec {
                    span: Some(Span::NineMonths),
                    year: y,
                    ..PeriodSpec::default()
                },
                Kind::Ytd => PeriodSpec {
                    span: Some(Span::YearToDate),
                    ..PeriodSpec::default()
                },
                Kind::QNotation => PeriodSpec {
                    span: Some(Span::Quarter(
                        c.name("q").and_then(|q| q.as_str().parse().ok()),
                    )),
                    year: y.or_else(|| c.name("y0").and_then(|y| year_of(y.as_str()))),
                    ..PeriodSpec::default()
                },
                Kind::MonthQuarter => {
                    let mon = c.name("mon").and_then(|m| month_of(m.as_str()));
                    PeriodSpec {
                        span: Some(Span::Quarter(None)),
                        end_month: mon.map(|m| (y.unwrap_or(0), m)),
                        ..PeriodSpec::default()
                    }
                }
                Kind::Year => {
                    let y = y
                        .or_else(|| c.name("y2").and_then(|y| year_of(y.as_str())))
                        .or_else(|| c.name("y3").and_then(|y| year_of(y.as_str())));
                    // "annual report", "annual meeting": not a period.
                    if y.is_none() {
                        let after = text.get(m.end()..).unwrap_or("").trim_start();
                        let next: String = after
                            .chars()
                            .take_while(|c| c.is_alphabetic())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        if matches!(
                            next.as_str(),
                            "report" | "reports" | "meeting" | "recurring" | "rate" | "basis"
                        ) {
                            continue;
                        }
                    }
                    PeriodSpec {
                        span: Some(Span::Year),
                        year: y,
                        relative: y.is_none().then_some(Relative::Current),
                        ..PeriodSpec::default()
                    }
                }
                Kind::PriorYear => PeriodSpec {
                    relative: Some(Relative::PriorYear),
                    ..PeriodSpec::default()
                },
                Kind::PriorQuarter => PeriodSpec {
                    span: Some(Span::Quarter(None)),
                    relative: Some(Relative::PriorQuarter),
                    ..PeriodSpec::default()
                },
                Kind::Next => {
                    let year = c
                        .name("w")
                        .is_some_and(|w| w.as_str().to_ascii_lowercase().ends_with("year"));
                    PeriodSpec {
                        span: Some(if year {
                            Span::Year
                        } else {
                            Span::Quarter(None)
                        }),
                        relative: Some(if year {
                            Relative::NextYear
                        } else {
                            Relative::NextQuarter
                        }),
                        ..PeriodSpec::default()
                    }
                }
                Kind::ThisQuarter => PeriodSpec {
                    span: Some(Span::Quarter(None)),
                    relative: Some(Relative::Current),
                    ..PeriodSpec::default()
                },
                Kind::AsOf => PeriodSpec {
                    end: c.name("date").and_then(|d| parse_date(d.as_str())),
                    ..PeriodSpec::default()
                },
                Kind::BareYear => PeriodSpec {
                    span: Some(Span::Year),
                    year: y,
                    bare_year: true,
                    ..PeriodSpec::default()
                },
            };
            // BareYear spans include the preposition; keep only the year words in the span.
            let start = if *kind == Kind::BareYear || *kind == Kind::AsOf {
                c.name("y")
                    .or(c.name("date"))
                    .map_or(m.start(), |g| g.start())
            } else {
                m.start()
            };
            if extra_end > m.end() && taken.overlaps(m.start(), extra_end) {
                continue;
            }
            taken.insert(start, extra_end);
            found.push(PeriodMatch {
                start,
                end: extra_end,
                spec,
            });
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// Disjoint spans, ordered: a span is only taken when it overlaps none taken before, so their
/// ends rise with their starts and an overlap test looks at the few spans just before its end.
#[derive(Default)]
struct Taken(std::collections::BTreeSet<(usize, usize)>);

impl Taken {
    /// Does `[start, end)` overlap a taken span (`f.start < end && start < f.end`)?
    fn overlaps(&self, start: usize, end: usize) -> bool {
        for &(s, e) in self.0.range(..(end, 0)).rev() {
            if start < e && s < end {
                return true;
            }
            if e <= start {
                return false;
            }
        }
        false
    }

    fn insert(&mut self, start: usize, end: usize) {
        self.0.insert((start, end));
    }
}

/// Resolve the period of a prior value against the current figure's period: a bare year or
/// "a year ago" names the current span in that year; a quarter or year named in full stands.
pub fn resolve_prior(spec: &PeriodSpec, cur: &Period, relative_year: bool) -> Option<Period> {
    let cur_span = base_span(cur);
    if spec.bare_year
        && let (Some(y), Some(span)) = (spec.year, cur_span)
        && span != Span::Year
    {
        return Some(make(span, y, None));
    }
    // "last year's $1.36 billion first-half results": a span named without a year, with a year
    // ago said beside it.
    if relative_year
        && spec.relative.is_none()
        && spec.year.is_none()
        && spec.end.is_none()
        && let (Some(span), Some(fy)) = (spec.span, cur.fiscal_year)
    {
        let span = match span {
            Span::Quarter(None) => Span::Quarter(cur.quarter),
            s => s,
        };
        return Some(make(span, fy - 1, None));
    }
    resolve(spec, cur, false)
}

/// The label of a period: `Q4 FY2006`, `FY2006`, `H1 FY2007`, `9M FY2007`, `YTD FY2007`.
pub fn label(span: Span, fy: i32) -> String {
    match span {
        Span::Quarter(Some(q)) => format!("Q{q} FY{fy}"),
        Span::Quarter(None) => format!("Q? FY{fy}"),
        Span::Half(Some(h)) => format!("H{h} FY{fy}"),
        Span::Half(None) => format!("H? FY{fy}"),
        Span::NineMonths => format!("9M FY{fy}"),
        Span::YearToDate => format!("YTD FY{fy}"),
        Span::Year => format!("FY{fy}"),
    }
}

fn make(span: Span, fy: i32, end: Option<(i32, u32, u32)>) -> Period {
    Period {
        label: Some(label(span, fy)),
        fiscal_year: Some(fy),
        quarter: match span {
            Span::Quarter(q) => q,
            _ => None,
        },
        end_date: end.map(iso),
    }
}

/// The base's span as a `Span`.
fn base_span(base: &Period) -> Option<Span> {
    let l = base.label.as_deref()?;
    Some(if base.quarter.is_some() {
        Span::Quarter(base.quarter)
    } else if l.starts_with("FY") {
        Span::Year
    } else if let Some(h) = l.strip_prefix('H') {
        Span::Half(h.get(..1).and_then(|d| d.parse().ok()))
    } else if l.starts_with("9M") {
        Span::NineMonths
    } else {
        Span::YearToDate
    })
}

fn shift_quarter(q: u8, fy: i32, by: i64) -> (u8, i32) {
    let idx = i64::from(fy) * 4 + i64::from(q) - 1 + by;
    ((idx.rem_euclid(4) + 1) as u8, idx.div_euclid(4) as i32)
}

fn base_end(base: &Period) -> Option<(i32, u32, u32)> {
    let d = base.end_date.as_deref()?;
    let mut it = d.split('-');
    Some((
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    ))
}

/// The fiscal quarter a period ends with: its own, the second of a first half, the fourth of a
/// year.
fn last_quarter(p: &Period) -> Option<u8> {
    if p.quarter.is_some() {
        return p.quarter;
    }
    let l = p.label.as_deref()?;
    match l.split(' ').next()? {
        "H1" => Some(2),
        "H2" | "FY" => Some(4),
        "9M" => Some(3),
        s if s.starts_with("FY") => Some(4),
        _ => None,
    }
}

/// Whole quarters from the base period's end to `end` (negative: earlier).
fn quarters_between(base: &Period, end: (i32, u32, u32)) -> Option<i64> {
    let b = base_end(base)?;
    let diff = days(end.0, end.1, end.2) - days(b.0, b.1, b.2);
    // 91.3 days a quarter; round to the nearest.
    Some(((diff as f64) / 91.31).round() as i64)
}

/// Resolve what a phrase says into a labelled period. `base` is the period the text is about
/// (the release period, or the current period of a comparison); `forward` says the text looks
/// ahead (guidance), so a bare "first quarter" after Q4 is the next year's.
pub fn resolve(spec: &PeriodSpec, base: &Period, forward: bool) -> Option<Period> {
    let bfy = base.fiscal_year;
    let bq = base.quarter;
    match spec.relative {
        Some(Relative::PriorYear) => {
            let span = spec.span.or_else(|| base_span(base))?;
            let fy = bfy? - 1;
            let end = base_end(base).map(|(y, m, d)| (y - 1, m, d));
            return Some(make(
                match span {
                    Span::Quarter(None) => Span::Quarter(bq),
                    s => s,
                },
                fy,
                end,
            ));
        }
        Some(Relative::PriorQuarter) => {
            let (q, fy) = shift_quarter(bq?, bfy?, -1);
            return Some(make(Span::Quarter(Some(q)), fy, None));
        }
        Some(Relative::NextQuarter) => {
            let (q, fy) = shift_quarter(bq?, bfy?, 1);
            return Some(make(Span::Quarter(Some(q)), fy, None));
        }
        Some(Relative::NextYear) => return Some(make(Span::Year, bfy? + 1, None)),
        Some(Relative::Current) => {
            return match spec.span {
                Some(Span::Year) => Some(make(Span::Year, bfy?, None)),
                Some(Span::Quarter(_)) if bq.is_some() => Some(base.clone()),
                _ => None,
            };
        }
        None => {}
    }
    // A stated end date places the period exactly relative to the base.
    if let Some(end) = spec.end {
        let span = spec.span;
        if let (Some(off), Some(fy)) = (quarters_between(base, end), bfy) {
            return Some(match span {
                Some(Span::Quarter(_)) | None => match bq {
                    Some(q) => {
                        let (q, fy) = shift_quarter(q, fy, off);
                        if span.is_none() && off == 0 {
                            // A balance date at the base's end: the base period itself.
                            let mut p = base.clone();
                            p.end_date = Some(iso(end));
                            return Some(p);
                        }
                        make(Span::Quarter(Some(q)), fy, Some(end))
                    }
                    None if off == 0 => {
                        let mut p = base.clone();
                        p.end_date = Some(iso(end));
                        p
                    }
                    None => return None,
                },
                Some(Span::Year) => make(
                    Span::Year,
                    fy + ((off as f64) / 4.0).round() as i32,
                    Some(end),
                ),
                // "six months ended July 31, 2000": the half its last quarter falls in.
                Some(Span::Half(None)) if last_quarter(base).is_some() => {
                    let (q, fy) = shift_quarter(last_quarter(base).unwrap_or(4), fy, off);
                    make(Span::Half(Some(if q <= 2 { 1 } else { 2 })), fy, Some(end))
                }
                Some(s) => make(s, fy + ((off as f64) / 4.0).round() as i32, Some(end)),
            });
        }
        // No base to measure from: assume a calendar fiscal year.
        let (y, m, _) = end;
        return Some(match span {
            Some(Span::Quarter(_)) | None => {
                make(Span::Quarter(Some(m.div_ceil(3) as u8)), y, Some(end))
            }
            Some(Span::Half(None)) => {
                make(Span::Half(Some(if m <= 6 { 1 } else { 2 })), y, Some(end))
            }
            Some(s) => make(s, y, Some(end)),
        });
    }
    if let Some((y, m)) = spec.end_month {
        // "December 2005 quarter": a quarter ending in that month.
        let b = base_end(base)?;
        let y = if y == 0 { b.0 } else { y };
        let months = (i64::from(y) - i64::from(b.0)) * 12 + i64::from(m) - i64::from(b.1);
        // Against a year or a half, measure from its last quarter: "June 2023 quarter" in a
        // fiscal year ending June 30, 2023 is its fourth.
        let bq = bq.or_else(|| last_quarter(base));
        let (q, fy) = shift_quarter(bq?, bfy?, (months as f64 / 3.0).round() as i64);
        return Some(make(Span::Quarter(Some(q)), fy, None));
    }
    let span = spec.span?;
    let fy = match spec.year {
        Some(y) => y,
        None => {
            let fy = bfy?;
            match (span, bq) {
                // A quarter named without a year: the latest such quarter up to the release's
                // (or, looking ahead, the next one).
                (Span::Quarter(Some(q)), Some(b)) if !forward && q > b => fy - 1,
                (Span::Quarter(Some(q)), Some(b)) if forward && q <= b => fy + 1,
                (Span::Half(Some(h)), Some(b)) if forward && h * 2 <= b => fy + 1,
                _ => fy,
            }
        }
    };
    let span = match span {
        Span::Quarter(None) => {
            Span::Quarter(bq.filter(|_| spec.year.is_none_or(|y| Some(y) == bfy)))
        }
        // "Year-to-date" in a quarter's release runs from the fiscal year's start to that
        // quarter's end: the first half in a second-quarter release, nine months in a third,
        // the year in a fourth (and the quarter itself in a first).
        Span::YearToDate if Some(fy) == bfy => match last_quarter(base) {
            Some(1) => Span::Quarter(Some(1)),
            Some(2) => Span::Half(Some(1)),
            Some(3) => Span::NineMonths,
            Some(4) => Span::Year,
            _ => Span::YearToDate,
        },
        s => s,
    };
    if span == Span::Quarter(None) {
        return None;
    }
    let end = (Some(fy) == bfy && base_span(base) == Some(span))
        .then(|| base_end(base))
        .flatten();
    Some(make(span, fy, end))
}

/// The reporting period of the whole release, from its title and first paragraphs.
/// `date` is the ISO release date, if known (used only when the text names no year).
pub fn release_period(doc: &Document, date: Option<&str>) -> Period {
    // The head of the release: headings and the first paragraphs, where the period is stated.
    // A submission's cover text can come first, so look a little further when nothing is found.
    let mut head: Vec<(usize, usize)> = Vec::new();
    let mut paragraphs = 0;
    for b in &doc.blocks {
        match b.kind {
            BlockKind::Heading { .. } => head.push((b.start, b.end)),
            BlockKind::Paragraph | BlockKind::ListItem => {
                head.push((b.start, b.end));
                paragraphs += 1;
            }
            _ => {}
        }
        if paragraphs >= 40 {
            break;
        }
    }
    if head.is_empty() {
        head.push((0, doc.text.len().min(8000)));
    }
    let mut quarter: Option<(u8, Option<i32>)> = None;
    let mut latest_year: Option<i32> = None;
    // A fiscal year named in full ("fiscal 2014"), not a bare year after a preposition.
    let mut named_fy: Option<i32> = None;
    let mut end: Option<(i32, u32, u32, Span)> = None;
    let mut stated_date: Option<(i32, u32, u32)> = None;
    // "the quarter ended July 31, 2000" said anywhere in the head: the release quarter's end
    // when nothing closer to its name gives one (the latest of them, the others are priors).
    let mut quarter_ends: Vec<(i32, u32, u32)> = Vec::new();
    let mut seen = 0;
    for &(s, e) in &head {
        let Some(t) = doc.text.get(s..e) else {
            continue;
        };
        let found = find(t);
        seen += usize::from(!found.is_empty());
        for m in &found {
            let sp = m.spec;
            match (sp.span, sp.relative) {
                // The first quarter named is the release's; a later mention of the same quarter
                // may add its year ("fiscal first quarter ended ..." then "fiscal 2006 first
                // quarter"), a different quarter is a comparison.
                (Some(Span::Quarter(Some(q))), None)
                    if (quarter.is_none()
                        || quarter.is_some_and(|(oq, y)| {
                            oq == q
                                && y.is_none()
                                && sp.year.is_some()
                                && seen <= 2
                                && !COMPARED.is_match(&t[..m.start])
                        })) =>
                {
                    quarter = Some((q, sp.year));
                    if let Some((y, mo, d)) = sp.end
                        && end.is_none()
                    {
                        end = Some((y, mo, d, Span::Quarter(Some(q))));
                    }
                }
                (Some(span @ (Span::Quarter(None) | Span::Year)), None)
                    if sp.end.is_some() && seen <= 3 =>
                {
                    if let Some((y, mo, d)) = sp.end
                        && end.is_none_or(|(.., s)| s == Span::Year && span != Span::Year)
                    {
                        end = Some((y, mo, d, span));
                    }
                }
                _ => {}
            }
            if let Some(y) = sp.year.or(sp.end.map(|e| e.0)) {
                latest_year = Some(latest_year.map_or(y, |l| l.max(y)));
            }
            if let (Some(Span::Quarter(None)), Some(e), None) = (sp.span, sp.end, sp.relative) {
                quarter_ends.push(e);
            }
            // The end date said with the release's quarter, wherever it comes.
            if let (Some(Span::Quarter(Some(q))), Some((y, mo, d)), None) =
                (sp.span, sp.end, sp.relative)
                && quarter.is_some_and(|(cq, _)| cq == q)
                && end.is_none_or(|e| e.3 == Span::Year)
                && seen <= 3
            {
                end = Some((y, mo, d, Span::Quarter(Some(q))));
            }
            if sp.span == Some(Span::Year) && !sp.bare_year && sp.relative.is_none() && seen <= 3 {
                named_fy = named_fy.or(sp.year);
            }
        }
        // A dateline date ("Jan. 25, 2005") standing alone, when the caller knows no date.
        if stated_date.is_none() {
            stated_date = DATE
                .find_iter(t)
                .find(|d| {
                    !found
                        .iter()
                        .any(|m| m.start <= d.start() && d.end() <= m.end)
                })
                .and_then(|d| parse_date(d.as_str()));
        }
        if quarter.is_some_and(|(_, y)| y.is_some()) && end.is_some() {
            break;
        }
    }
    let release_date = date
        .and_then(|d| {
            let mut it = d.split('-');
            Some((
                it.next()?.parse::<i32>().ok()?,
                it.next()?.parse::<u32>().ok()?,
                it.next().and_then(|x| x.parse::<u32>().ok()).unwrap_or(1),
            ))
        })
        .or(stated_date);
    if end.is_none()
        && let Some(&(y, m, d)) = quarter_ends
            .iter()
            .filter(|e| release_date.is_none_or(|r| **e <= r))
            .max()
    {
        end = Some((y, m, d, Span::Quarter(None)));
    }
    let end_date = end.map(|(y, m, d, _)| (y, m, d));
    match quarter {
        Some((q, y)) => {
            // The year stated with the quarter; else the end date's year (right for calendar
            // years); else the calendar quarter last ended before the release date; else the
            // latest year the head names (comparisons look back, not forward).
            let fy = y.or(named_fy).or(end_date.map(|e| e.0)).or_else(|| {
                release_date.map(
                    |(ry, rm, _)| {
                        if u32::from(q) * 3 < rm { ry } else { ry - 1 }
                    },
                )
            });
            let Some(fy) = fy.or(latest_year) else {
                return Period::default();
            };
            let end = end
                .filter(|e| e.3 != Span::Year || q == 4)
                .map(|(y, m, d, _)| (y, m, d));
            make(Span::Quarter(Some(q)), fy, end)
        }
        None => match end {
            Some((y, m, d, Span::Year)) => make(Span::Year, named_fy.unwrap_or(y), Some((y, m, d))),
            // "Amcor reports fiscal 2023 results": a full year named in the head, no quarter.
            None if named_fy.is_some() => make(Span::Year, named_fy.unwrap_or_default(), None),
            Some((y, m, d, _)) => {
                // Only a date: assume the fiscal year is the calendar year.
                make(Span::Quarter(Some(m.div_ceil(3) as u8)), y, Some((y, m, d)))
            }
            None => Period::default(),
        },
    }
}

/// Whether `p` is a period still to be reported when the release (`base`) is: a later quarter,
/// a later year, or the current year before its last quarter is in.
pub(crate) fn is_ahead(p: &Period, base: &Period) -> bool {
    let (Some(fy), Some(bfy)) = (p.fiscal_year, base.fiscal_year) else {
        // No release period to measure from: keep what was said.
        return base.fiscal_year.is_none();
    };
    match (p.quarter, base.quarter) {
        (Some(q), Some(bq)) => (fy, q) > (bfy, bq),
        (Some(_), None) => fy > bfy,
        (None, Some(bq)) => fy > bfy || fy == bfy && bq < 4,
        (None, None) => fy > bfy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each pattern's gate lets through every text it matches: on each block of every corpus
    /// release, and on phrases written to test the edges (a gate word missing from a pattern's
    /// list would fail here, not silently drop periods).
    #[test]
    fn gates_never_hide_a_match() {
        let dir = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = [
            "fiscal 2011 first quarter",
            "Q406 and q1 FY2011",
            "the first six months of fiscal 2009",
            "year-to-date; YTD",
            "FY06, full fiscal year, annually",
            "the same period a year ago; sequentially; linked-quarter",
            "as of Dec. 31, 2006; at November 2, 2024",
            "during 2006, in fiscal 2005",
            "thirteen weeks ended March 1, 2024",
        ]
        .map(String::from)
        .to_vec();
        let mut runs = 0;
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(crate::ingest::Ingested::Document(doc)) = crate::ingest::ingest(&bytes, &name)
            else {
                continue;
            };
            texts.extend(doc.blocks.iter().map(|b| doc.block_text(b).to_string()));
        }
        assert!(
            texts.len() > 1000,
            "the corpus was read: {} texts",
            texts.len()
        );
        for t in &texts {
            let open = gates_open(t);
            for ((kind, rx), &needs) in PATTERNS.iter().zip(&GATES.needs) {
                if rx.is_match(t) {
                    runs += 1;
                    assert_ne!(
                        open & needs,
                        0,
                        "{kind:?} matches but its gate is shut: {t:?}"
                    );
                }
            }
        }
        assert!(runs > 500, "the patterns matched: {runs}");
        assert!(
            GATES.needs.iter().all(|&n| n != u64::MAX),
            "more gate words than bits"
        );
        // And a gate shuts: a text with none of the words runs none of the patterns.
        assert_eq!(gates_open("Revenue rose to $5 million."), 0);
    }

    fn q4_2006() -> Period {
        make(Span::Quarter(Some(4)), 2006, Some((2006, 12, 31)))
    }

    #[test]
    fn year_to_date_is_the_quarters_so_far() {
        let at = |q: u8| {
            let base = make(Span::Quarter(Some(q)), 2007, None);
            find("Year-to-date, cash from operations was")
                .iter()
                .filter_map(|m| resolve(&m.spec, &base, false))
                .filter_map(|p| p.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(at(1), ["Q1 FY2007"]);
        assert_eq!(at(2), ["H1 FY2007"]);
        assert_eq!(at(3), ["9M FY2007"]);
        assert_eq!(at(4), ["FY2007"]);
    }

    fn lab(text: &str, forward: bool) -> Vec<String> {
        find(text)
            .iter()
            .filter_map(|m| resolve(&m.spec, &q4_2006(), forward))
            .filter_map(|p| p.label)
            .collect()
    }

    #[test]
    fn reads_period_phrases() {
        assert_eq!(
            lab("the fourth quarter of fiscal 2006", false),
            ["Q4 FY2006"]
        );
        assert_eq!(lab("in the third quarter", false), ["Q3 FY2006"]);
        assert_eq!(
            lab("over Q4 2005, even before Q406", false),
            ["Q4 FY2005", "Q4 FY2006"]
        );
        assert_eq!(lab("from Q3", false), ["Q3 FY2006"]);
        assert_eq!(lab("for the full year fiscal 2006", false), ["FY2006"]);
        assert_eq!(lab("fiscal 2006", false), ["FY2006"]);
        assert_eq!(
            lab("three months ended December 31, 2005", false),
            ["Q4 FY2005"]
        );
        assert_eq!(
            lab("thirteen weeks ended September 30, 2006", false),
            ["Q3 FY2006"]
        );
        assert_eq!(lab("the first half of 2006", false), ["H1 FY2006"]);
        assert_eq!(
            lab("In the first six months of fiscal 2006", false),
            ["H1 FY2006"]
        );
        assert_eq!(
            lab("nine months ended September 30, 2006", false),
            ["9M FY2006"]
        );
        // In a fourth-quarter release the year to date is the year.
        assert_eq!(lab("year-to-date", false), ["FY2006"]);
        assert_eq!(lab("compared to the prior year", false), ["Q4 FY2005"]);
        assert_eq!(lab("the same period last year", false), ["Q4 FY2005"]);
        assert_eq!(lab("sequential", false), ["Q3 FY2006"]);
        assert_eq!(lab("from our performance in 2005", false), ["FY2005"]);
        assert_eq!(lab("for the first quarter", true), ["Q1 FY2007"]);
        assert_eq!(lab("as of December 31, 2006", false), ["Q4 FY2006"]);
        // Not periods.
        assert!(lab("our annual report on Form 10-K", false).is_empty());
    }

    #[test]
    fn dates_place_fiscal_quarters() {
        // Apple: fiscal Q1 2011 ended December 25, 2010.
        let base = make(Span::Quarter(Some(1)), 2011, Some((2010, 12, 25)));
        let m = find("three months ended December 26, 2009");
        assert_eq!(
            resolve(&m[0].spec, &base, false).unwrap().label.unwrap(),
            "Q1 FY2010"
        );
        // Buckle: Q3 FY2024 ended November 2, 2024; the prior year's ended October 28, 2023.
        let base = make(Span::Quarter(Some(3)), 2024, Some((2024, 11, 2)));
        let m = find("13-week fiscal quarter ended October 28, 2023");
        assert_eq!(
            resolve(&m[0].spec, &base, false).unwrap().label.unwrap(),
            "Q3 FY2023"
        );
        let m = find("the December 2005 quarter");
        let base = make(Span::Quarter(Some(1)), 2006, Some((2005, 10, 1)));
        assert_eq!(
            resolve(&m[0].spec, &base, true).unwrap().label.unwrap(),
            "Q2 FY2006"
        );
    }

    #[test]
    fn release_period_of_the_sample() {
        let r = crate::sample();
        let doc = &r.document;
        let p = release_period(doc, None);
        assert_eq!(p.label.as_deref(), Some("Q4 FY2006"));
        assert_eq!(p.fiscal_year, Some(2006));
        assert_eq!(p.quarter, Some(4));
        assert_eq!(p.end_date.as_deref(), Some("2006-12-31"));
    }
}
