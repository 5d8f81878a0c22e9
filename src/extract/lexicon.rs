//! The metric lexicon: canonical metric names and their synonyms, direction and magnitude words,
//! GAAP / non-GAAP markers. The words live in `assets/lexicon.json` so that a new synonym is a
//! one-line data change; this module compiles them once into matchers.

use crate::release::{Basis, Direction};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
struct MetricDef {
    name: String,
    /// The name a reader sees in the viewer and the export ("EPS (diluted)").
    #[serde(default)]
    display: Option<String>,
    unit: String,
    /// A balance at a date (cash, deferred revenue, backlog), not a flow over a period.
    #[serde(default)]
    balance: bool,
    /// A rate of change itself (comparable sales): "decreased 0.7 percent" is its value, -0.7.
    #[serde(default)]
    change_rate: bool,
    /// A term of a transaction (an upfront payment, a deal's value): stated once, of no period.
    #[serde(default)]
    term: bool,
    synonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Directions {
    up: Vec<String>,
    down: Vec<String>,
    flat: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct BasisWords {
    non_gaap: Vec<String>,
    gaap: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Data {
    metrics: Vec<MetricDef>,
    directions: Directions,
    magnitudes: Vec<String>,
    basis: BasisWords,
}

/// The compiled lexicon.
pub struct Lexicon {
    metrics: Phrases,
    /// Normalized synonym (lowercase, single spaces) → (metric name, unit).
    by_synonym: HashMap<String, (String, String)>,
    units: HashMap<String, String>,
    /// Metric name → display name.
    displays: HashMap<String, String>,
    balances: std::collections::HashSet<String>,
    change_rates: std::collections::HashSet<String>,
    terms: std::collections::HashSet<String>,
    directions: Phrases,
    direction_of: HashMap<String, Direction>,
    magnitudes: Phrases,
    non_gaap: Phrases,
    gaap: Phrases,
}

/// A metric named in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub metric: &'static str,
    /// The text as written ("Revenues").
    pub label: String,
    /// A qualifier stands before it ("Digital Media segment revenue", "Online sales"): the
    /// figure is a part, not the company's total.
    pub qualified: bool,
}

pub(crate) const LEXICON_JSON: &str = include_str!("../../assets/lexicon.json");

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A set of phrases found as whole words, case-insensitively, any run of whitespace matching
/// the space between two words (PDF text doubles spaces, lines wrap): what a regex alternation
/// `(?i)\b(?:longest|...|shortest)(?:\b|$)` finds, by one Aho-Corasick automaton over the text
/// with its whitespace folded. Why not the regex: compiling the lexicon's alternation was a
/// quarter of irview's start-up (14 of 55 ms); the automaton builds in a fraction of that.
pub(crate) struct Phrases {
    ac: Option<AhoCorasick>,
}

/// A phrase found: its byte span in the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
}

impl Phrases {
    pub(crate) fn new(words: &[&str]) -> Phrases {
        let mut w: Vec<String> = words
            .iter()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
            .collect();
        w.sort();
        w.dedup();
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            // A contiguous NFA, not a DFA: the lexicon is built on every run and searched over
            // one release, and building its DFA cost more (25 M instructions) than the DFA's
            // faster walk saves on a release.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&w)
            .ok();
        Phrases { ac }
    }

    /// Every phrase in `text`, left to right: at each place the leftmost phrase that stands as
    /// whole words, the longest of those that start there.
    pub(crate) fn find_iter(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        with_folded(text, |folded, map| {
            let word = |i: usize| {
                folded
                    .get(i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            };
            let mut hits: Vec<(usize, usize)> = ac
                .find_overlapping_iter(folded)
                .map(|m| (m.start(), m.end()))
                .filter(|&(s, e)| {
                    let starts = s == 0 && word(s) || s > 0 && word(s - 1) != word(s);
                    let ends = e == folded.len() || word(e - 1) != word(e);
                    starts && ends
                })
                .collect();
            hits.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
            let at = |i: usize| map.map_or(i, |m| m[i] as usize);
            let mut out = Vec::new();
            let mut after = 0;
            for (s, e) in hits {
                if s < after {
                    continue;
                }
                after = e;
                out.push(Hit {
                    start: at(s),
                    end: at(e - 1) + 1,
                });
            }
            out
        })
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        !self.find_iter(text).is_empty()
    }
}

/// Runs `f` on `text`'s bytes with each run of whitespace made one space, and (when that
/// changed anything) for each byte kept its offset in `text`. The lexicon's matchers read the
/// same sentence one after another, so the last text folded is kept (per thread) and reused.
fn with_folded<R>(text: &str, f: impl FnOnce(&[u8], Option<&[u32]>) -> R) -> R {
    let b = text.as_bytes();
    let plain = b.is_ascii()
        && !b.iter().any(|&c| c.is_ascii_whitespace() && c != b' ')
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        return f(b, None);
    }
    thread_local! {
        static LAST: std::cell::RefCell<(String, Vec<u8>, Vec<u32>)> =
            const { std::cell::RefCell::new((String::new(), Vec::new(), Vec::new())) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != text {
            let (t, folded, map) = &mut *last;
            t.clear();
            t.push_str(text);
            fold_spaces(text, folded, map);
        }
        let (_, folded, map) = &*last;
        f(folded, Some(map))
    })
}

/// `text`'s bytes with each run of whitespace made one space into `folded`, and for each byte
/// kept its offset in `text` into `map` (inputs are capped far below 4 GB).
fn fold_spaces(text: &str, folded: &mut Vec<u8>, map: &mut Vec<u32>) {
    folded.clear();
    map.clear();
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                folded.push(b' ');
                map.push(i as u32);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let mut buf = [0u8; 4];
        for (k, b) in c.encode_utf8(&mut buf).bytes().enumerate() {
            folded.push(b);
            map.push((i + k) as u32);
        }
    }
}

fn build() -> Lexicon {
    let data: Data = serde_json::from_str(LEXICON_JSON).unwrap_or(Data {
        metrics: Vec::new(),
        directions: Directions {
            up: Vec::new(),
            down: Vec::new(),
            flat: Vec::new(),
        },
        magnitudes: Vec::new(),
        basis: BasisWords {
            non_gaap: Vec::new(),
            gaap: Vec::new(),
        },
    });
    let mut by_synonym = HashMap::new();
    let mut units = HashMap::new();
    let mut displays = HashMap::new();
    let mut balances = std::collections::HashSet::new();
    let mut change_rates = std::collections::HashSet::new();
    let mut terms = std::collections::HashSet::new();
    let mut all: Vec<&str> = Vec::new();
    for m in &data.metrics {
        units.insert(m.name.clone(), m.unit.clone());
        if let Some(d) = &m.display {
            displays.insert(m.name.clone(), d.clone());
        }
        if m.balance {
            balances.insert(m.name.clone());
        }
        if m.term {
            terms.insert(m.name.clone());
        }
        if m.change_rate {
            change_rates.insert(m.name.clone());
        }
        for s in &m.synonyms {
            by_synonym.insert(normalize(s), (m.name.clone(), m.unit.clone()));
            all.push(s);
        }
    }
    let mut direction_of = HashMap::new();
    let mut dirs: Vec<&str> = Vec::new();
    for (list, d) in [
        (&data.directions.up, Direction::Up),
        (&data.directions.down, Direction::Down),
        (&data.directions.flat, Direction::Flat),
    ] {
        for w in list {
            direction_of.insert(normalize(w), d);
            dirs.push(w);
        }
    }
    let mags: Vec<&str> = data.magnitudes.iter().map(String::as_str).collect();
    let ng: Vec<&str> = data.basis.non_gaap.iter().map(String::as_str).collect();
    let g: Vec<&str> = data.basis.gaap.iter().map(String::as_str).collect();
    Lexicon {
        metrics: Phrases::new(&all),
        by_synonym,
        units,
        displays,
        balances,
        change_rates,
        terms,
        directions: Phrases::new(&dirs),
        direction_of,
        magnitudes: Phrases::new(&mags),
        non_gaap: Phrases::new(&ng),
        gaap: Phrases::new(&g),
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// The lexicon, compiled once.
pub fn get() -> &'static Lexicon {
    &LEXICON
}

/// Leading words that do not make a metric a part ("Fourth quarter revenue", "Total revenue").
const NOT_QUALIFIERS: &[&str] = &[
    "the",
    "our",
    "its",
    "total",
    "net",
    "company",
    "consolidated",
    "record",
    "fiscal",
    "quarter",
    "quarterly",
    "annual",
    "year",
    "full",
    "first",
    "second",
    "third",
    "fourth",
    "gaap",
    "non-gaap",
    "adjusted",
    "diluted",
    "basic",
    "reported",
    "and",
    "or",
    "of",
    "in",
    "for",
    "a",
    "an",
    "with",
    "as",
    "to",
    // Prepositions ending in "s" are no plural nouns: "$70 million of cash towards share
    // repurchases" is the company's buyback.
    "towards",
    "toward",
    "from",
    "that",
    "while",
    "but",
    "both",
    "also",
    "overall",
    "strong",
    "higher",
    "lower",
    "per",
    "on",
    "at",
    "by",
    "were",
    "was",
    "than",
    "whose",
    "which",
    "operating",
    "cumulative",
    "pro",
    "forma",
    "preliminary",
    "comparable",
    "approximately",
    // Period words: "Year-to-date income from continuing operations was ...".
    "year-to-date",
    "ytd",
    "full-year",
    "first-half",
    "second-half",
    "half",
    "nine-month",
    "six-month",
    "twelve-month",
    "year-ago",
    "prior-year",
];

/// Lowercase words that do make a metric a part.
const QUALIFIERS: &[&str] = &[
    "estimated",
    "unrecognized",
    "potential",
    "incremental",
    "segment",
    "online",
    "international",
    "domestic",
    "product",
    "products",
    "services",
    "service",
    "subscription",
    "license",
    "hardware",
    "software",
    "other",
    "e-commerce",
    "store",
    "u.s.",
    "foreign",
    "regional",
    "division",
    "support",
    "cloud",
    "maintenance",
    "consulting",
    "advertising",
    "licensing",
    "system",
    "segment's",
    "unit",
    "brand",
];

impl Lexicon {
    /// Every metric named in `text`, left to right.
    pub fn mentions(&'static self, text: &str) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        for m in self.metrics.find_iter(text) {
            let said = &text[m.start..m.end];
            let Some((name, _)) = self.by_synonym.get(&normalize(said)) else {
                continue;
            };
            let before = text.get(..m.start).unwrap_or("");
            // "or 14% of total deposits": the denominator's "total" is no part of what is said.
            let before_total = if ends_with_ignore_case(before, "total ") {
                &before[..before.len() - "total ".len()]
            } else {
                before
            };
            // "non-operating loss" is not an operating loss; "cost of sales" is no sales, and
            // "as a percentage of revenues" names a denominator, not a subject.
            if ends_with_ignore_case(before, "non-")
                || ["cost of ", "costs of "]
                    .iter()
                    .any(|w| ends_with_ignore_case(before, w))
                || ["percentage of ", "percent of ", "% of "]
                    .iter()
                    .any(|w| ends_with_ignore_case(before_total, w))
            {
                continue;
            }
            // "Annualized Recurring Revenue (“ARR”)": the abbreviation repeats the name before it
            // and takes its qualification.
            let b = before.trim_end_matches(['"', '“', '\'', '‘']).trim_end();
            if b.ends_with('(')
                && let Some(prev) = out.last_mut()
                && b.len() - 1 <= prev.end + 2
            {
                prev.end = prev.end.max(m.end);
                continue;
            }
            out.push(Mention {
                start: m.start,
                end: m.end,
                metric: name.as_str(),
                label: said.split_whitespace().collect::<Vec<_>>().join(" "),
                // "$431 million of shares repurchased", "the Company repurchased": the word
                // before a metric said as a verb is its object or subject, no qualifier of it.
                qualified: !is_verb(said) && qualified(text, m.start),
            });
        }
        out
    }

    /// The usual unit of a metric (`USD`, `USD/share`, `percent`).
    pub fn unit(&self, metric: &str) -> Option<&str> {
        self.units.get(metric).map(String::as_str)
    }

    /// The display name of a metric ("EPS (diluted)" for `eps_diluted`), where the lexicon gives one.
    pub fn display(&self, metric: &str) -> Option<&str> {
        self.displays.get(metric).map(String::as_str)
    }

    /// Whether a metric is a balance at a date rather than a flow over a period.
    pub fn is_balance(&self, metric: &str) -> bool {
        self.balances.contains(metric)
    }

    /// Whether a metric is a term of a transaction (an upfront payment), of no period.
    pub fn is_term(&self, metric: &str) -> bool {
        self.terms.contains(metric)
    }

    /// Whether a metric is itself a rate of change, so a stated change of it is its value.
    pub fn is_change_rate(&self, metric: &str) -> bool {
        self.change_rates.contains(metric)
    }

    /// Every direction word in `text`: (start, end, direction).
    pub fn directions(&self, text: &str) -> Vec<(usize, usize, Direction)> {
        self.directions
            .find_iter(text)
            .into_iter()
            .filter_map(|m| {
                let w = normalize(&text[m.start..m.end]);
                let d = *self.direction_of.get(&w)?;
                let after = text.get(m.end..).unwrap_or("").trim_start();
                // "up to", "set up", "lower of cost": not a movement.
                if w == "up" && (after.starts_with("to ") || after.is_empty()) {
                    return None;
                }
                if (w == "lower" || w == "higher") && after.starts_with("of ") {
                    return None;
                }
                Some((m.start, m.end, d))
            })
            .collect()
    }

    /// Every magnitude word in `text`: (start, end).
    pub fn magnitudes(&self, text: &str) -> Vec<(usize, usize)> {
        self.magnitudes
            .find_iter(text)
            .into_iter()
            .map(|m| (m.start, m.end))
            .collect()
    }

    /// The basis a piece of text declares: non-GAAP markers win over a bare "GAAP".
    pub fn basis(&self, text: &str) -> Option<Basis> {
        if self.non_gaap.is_match(text) {
            return Some(Basis::NonGaap);
        }
        self.gaap.is_match(text).then_some(Basis::Gaap)
    }

    /// Basis markers with their positions, so the nearest one to a figure can be taken.
    pub fn basis_marks(&self, text: &str) -> Vec<(usize, Basis)> {
        let mut v: Vec<(usize, Basis)> = self
            .non_gaap
            .find_iter(text)
            .into_iter()
            .map(|m| (m.start, Basis::NonGaap))
            .collect();
        for m in self.gaap.find_iter(text) {
            // "non-GAAP" already counted.
            let before = text.get(..m.start).unwrap_or("");
            if ["non-", "non ", "non‑"]
                .iter()
                .any(|s| ends_with_ignore_case(before, s))
            {
                continue;
            }
            v.push((m.start, Basis::Gaap));
        }
        v.sort_by_key(|x| x.0);
        v
    }
}

/// `text.to_ascii_lowercase().ends_with(suffix)` for a lower-case `suffix`, without copying text.
fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// A metric said as one verb in the past tense ("repurchased"), not as a noun phrase.
fn is_verb(said: &str) -> bool {
    let said = said.trim();
    !said.contains(char::is_whitespace) && said.len() > 3 && ends_with_ignore_case(said, "ed")
}

/// Whether the word before a metric mention makes it a part of the total.
fn qualified(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() && !before.is_empty() {
        // Glued to the previous word ("sub-revenue"): not a separate qualifier.
        return false;
    }
    // A metric opening its line with a capital ("Growth\nCash from operations was ...") starts a
    // sentence under a title line: the title's last word is no qualifier of it (a wrapped
    // "Digital Media\nrevenue" goes on in lower case).
    if before[trimmed.len()..].contains('\n')
        && text[start..].starts_with(|c: char| c.is_uppercase())
    {
        return false;
    }
    // "platform-as-a-service (PaaS) revenues": a named product line.
    if trimmed.ends_with(')') {
        return true;
    }
    let word: String = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\''))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let w = word.trim_end_matches('.').to_lowercase();
    if w.is_empty() || w.ends_with("'s") || w.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if QUALIFIERS.contains(&w.as_str()) {
        return true;
    }
    if NOT_QUALIFIERS.contains(&w.as_str()) {
        return false;
    }
    // A capitalized name ("Digital Media revenue", "Creative revenue"), or a plural noun
    // ("licenses revenues", "subscriptions revenue").
    word.starts_with(|c: char| c.is_uppercase())
        || (w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ous"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_map_to_canonical_metrics() {
        let l = get();
        let t = "Revenues were up; net sales fell; diluted earnings per share rose; Cash, cash equivalents and investments increased; operating margin and income from operations";
        let m: Vec<&str> = l.mentions(t).iter().map(|m| m.metric).collect();
        assert_eq!(
            m,
            [
                "revenue",
                "revenue",
                "eps_diluted",
                "cash_and_investments",
                "operating_margin",
                "operating_income"
            ]
        );
        assert_eq!(l.unit("eps_diluted"), Some("USD/share"));
    }

    /// Class 9: the metric a ratio is "of" is its denominator, "total" or not.
    #[test]
    fn a_denominator_is_no_mention() {
        let l = get();
        let t = "Loans were $9 million, or 14% of total deposits, or 3% of deposits and 2 percent of total revenues.";
        assert!(
            l.mentions(t).is_empty(),
            "{:?}",
            l.mentions(t).iter().map(|m| m.metric).collect::<Vec<_>>()
        );
        assert_eq!(l.mentions("Total deposits rose.").len(), 1);
    }

    #[test]
    fn every_metric_has_a_display_name() {
        let data: Data = serde_json::from_str(LEXICON_JSON).unwrap();
        for m in &data.metrics {
            assert!(
                m.display.as_deref().is_some_and(|d| !d.trim().is_empty()),
                "{} has no display name",
                m.name
            );
        }
        let l = get();
        assert_eq!(l.display("eps_diluted"), Some("EPS (diluted)"));
        assert_eq!(l.display("net_income"), Some("Net income"));
        assert_eq!(l.display("no_such_metric"), None);
    }

    #[test]
    fn qualifiers_mark_parts() {
        let l = get();
        let m = l.mentions("Digital Media segment revenue was $3.40 billion. Fourth quarter revenue and Online sales");
        assert!(m[0].qualified);
        assert!(!m[1].qualified);
        assert!(m[2].qualified);
        // A period word is no name of a part.
        let m =
            l.mentions("so far. Year-to-date income from continuing operations was $1.95 billion");
        assert!(!m[0].qualified);
    }

    #[test]
    fn directions_magnitudes_and_basis() {
        let l = get();
        let d: Vec<Direction> = l
            .directions(
                "gross margins declined modestly; expenses increased; results were flat; up to $5",
            )
            .iter()
            .map(|x| x.2)
            .collect();
        assert_eq!(d, [Direction::Down, Direction::Up, Direction::Flat]);
        assert_eq!(l.magnitudes("increased meaningfully").len(), 1);
        assert_eq!(l.basis("non-GAAP net income"), Some(Basis::NonGaap));
        assert_eq!(l.basis("GAAP net income"), Some(Basis::Gaap));
        assert_eq!(l.basis("net income"), None);
    }
}
