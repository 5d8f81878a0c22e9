//! Who and when: title, company, ticker and exchange, dateline, release date, reporting period.
//!
//! The head of a release: headline lines in capitals, a dateline ("WESTFORD, Mass., Feb. 28
//! /PRNewswire-FirstCall/ --"), and the company with its listing ("Sonus Networks, Inc. (Nasdaq:
//! SONS)"). A dateline often lacks the year: it comes from a trailer ("02/28/2007"), the SEC
//! header or the filing date.

use super::pattern;
use super::pattern::Regex;
use super::sentence::normalize;
use crate::document::{BlockKind, Document};
use crate::release::{Company, Dateline, Kind, Period};
use std::sync::LazyLock;

#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub title: Option<String>,
    pub company: Company,
    pub dateline: Dateline,
    pub date: Option<String>,
    pub period: Period,
    pub kind: Kind,
}

const MONTHS: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// The months in capitals, as an all-caps dateline writes them ("PROVIDENCE, RHODE ISLAND -
/// SEPTEMBER 21, 2000").
const MONTHS_UC: &str = r"(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)";

static DATELINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(&format!(
        r"(?m)^[ \t]*(?P<city>[A-Z][A-Za-z.'\-]*(?:[ \t]+[A-Z][A-Za-z.'\-]*){{0,3}})(?:[ \t]*,[ \t]*(?:(?P<region>[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*){{0,2}})[ \t]*,?)?\s*(?:-+|[–—]|&#\d+;)?|[ \t]*(?:-+|[–—]))(?:\s*\((?P<wire0>[A-Z][A-Za-z .\-]{{2,40}})\)\s*(?:-+|[–—])?)?\s*\(?(?P<date>(?P<mon>{MONTHS}|{MONTHS_UC})\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>(?:19|20)\d{{2}}))?)\b\)?(?P<wire>[ \t]*(?:/[^/\n]{{2,60}}/|\([A-Z][A-Za-z .\-]{{2,40}}\)))?"
    ))
    .ok()
});

/// A listing: "(Nasdaq: SONS)", "(NYSE: CAT)", "(NASDAQ/NMS: X)", "(OTC BB: X)", "NASDAQ: AAPL".
static LISTING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?x)
        (?P<open>[(\[]\s*)?
        (?P<ex>(?i:nasdaq)(?:\s*[/-]\s*(?:NMS|NM|GS|GM)|\s+(?:GS|GM|CM|NMS|NM)\b|\s+(?:Global\s+Select|Global|Capital|National)(?:\s+Market)?)?
          | (?i:new\s+york\s+stock\s+exchange) | NYSE(?:\s+(?:Arca|American|MKT|Amex))? | AMEX
          | (?i:american\s+stock\s+exchange) | OTC\s*BB | OTC\s+Bulletin\s+Board | OTCQ[XB]
          | OTC(?:\s+Markets)? | TSX(?:-?V)? | (?i:toronto\s+stock\s+exchange) | LSE)
        \s*(?::|&\#58;)\s*
        (?P<t>[A-Z][A-Z0-9]{0,6}(?:\s?\.[A-Z]{1,3})?)\b",
    )
    .ok()
});

/// A dateline without a date ("ATLANTA - Southern Company today reported"): city in capitals.
static DATELINE_NO_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?m)^[ \t]*(?P<city>[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+){0,3})(?:,[ \t]*[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*){0,2})?[ \t]*(?:-{1,2}|[–—])[ \t]*(?:\([A-Z][A-Za-z .\-]{2,40}\)[ \t]*(?:-{1,2}|[–—])[ \t]*)?[A-Z]",
    )
    .ok()
});

/// Lines near a headline that show it is a contact's name, not a title.
static CONTACTISH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?i)contact|@|\(\d{3}\)|\d{3}[-.]\d{3}[-.]\d{4}|investor relations|media relations",
    )
    .ok()
});

static TRAILER_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| pattern::new(r"\b(\d{2})/(\d{2})/((?:19|20)\d{2})\b").ok());

/// The 8-K body or its exhibit index naming the release's date: "On January 9, 2008, Alcoa Inc.
/// issued a press release", "Press Release dated December 28, 2009"; else the cover's "Date of
/// Report (Date of earliest event reported): March 2, 2026", the day of what the 8-K reports
/// (it is often filed days later).
static PRESS_RELEASE_DATE: LazyLock<[Option<Regex>; 3]> = LazyLock::new(|| {
    let date = format!(r"(?P<mon>{MONTHS})\.?\s+(?P<day>\d{{1,2}}),\s*(?P<year>(?:19|20)\d{{2}})");
    [
        pattern::new(&format!(
            r"(?i:\bon)\s+{date},\s+[^\n]{{0,80}}?\b(?i:issued\s+a\s+press\s+release)"
        ))
        .ok(),
        pattern::new(&format!(
            r"(?i:press\s+release\s+(?:dated|issued\s+on))\s+{date}"
        ))
        .ok(),
        pattern::new(&format!(
            r"(?i:date\s+of\s+report\s*\(date\s+of\s+earliest\s+event\s+reported\)):?\s*{date}"
        ))
        .ok(),
    ]
});

static FULL_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(&format!(
        r"\b(?P<mon>{MONTHS})\.?\s+(?P<day>\d{{1,2}}),\s*(?P<year>(?:19|20)\d{{2}})\b"
    ))
    .ok()
});

static BOILERPLATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?ix)^(?:exhibit|ex-)\s*\d|^for\s+immediate\s+release|^(?:press|news)\s+release|^news$
        |contacts?\b|^investor|^media|@|\(\d{3}\)|\d{3}[-.]\d{3}[-.]\d{4}|https?:|www\.|^page\b
        |^-\s*\d+\s*-$|^<|^[A-Z][A-Z \-]+:\s|^source\b|^\(?in\s+(?:millions|thousands)
        |^unaudited|^condensed|^consolidated|^united\s+states$|securities\s+and\s+exchange\s+commission
        |^washington|^form\s+8-k|^current\s+report|^pursuant\s+to|securities\s+exchange\s+act\s+of\s+1934|^signatures?$|^\d|p\.\s?o\.\s+box
        |\bphone\b|\bfax\b|\b[A-Z]{2}\s+\d{5}\b|^\[|^[\x22“'‘]|:$|^highlights
        |^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}$",
    )
    .ok()
});

/// A headline that announces results: "Reports Fourth Quarter Results", "Reports Record Revenue",
/// "Third Quarter Net Income", "2023 First-Quarter reported sales growth".
static RESULTS_TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?i)\b(?:results|(?:quarter(?:ly)?|annual|year|q[1-4])\b.{0,40}\b(?:earnings|revenues?|sales|net\s+(?:income|loss)|profits?)|reports?\b.{0,60}\b(?:earnings|revenues?|sales|net\s+(?:income|loss)|profits?|income|loss))\b",
    )
    .ok()
});

/// A headline about something other than results: a deal, a payout, a change of people, a notice,
/// a correction, a delay.
static EVENT_TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?i)\b(?:postpone\w*|delay\w*|restat\w*|non-reliance|acqui\w+|merger|merge|partnership|collaborat\w+|dividends?|split|appoint\w*|names|named|resign\w*|retire\w*|elect\w*|notice|delist\w*|listing|compensation|grants?|offering|credit|financing|restructur\w*|recapitali\w+|clos(?:e|es|ure|ing)|revises?|schedule|steps|agreements?|settle\w*|investigation|subpoena)\b",
    )
    .ok()
});

/// Results stated in the opening prose: "Alcoa today reported second quarter 2007 income from
/// continuing operations of $716 million", "reported fourth-quarter earnings of $204.5 million".
static RESULTS_LEAD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?i)\b(?:reported|reports|posted|posts|announced|announces|delivered)\b[^.;]{0,100}?\b(?:quarter|fiscal|full[\s-]year|year|months|weeks)\b[^.;]{0,120}?\b(?:results|earnings|revenues?|sales|net\s+(?:income|loss)|income|loss|profits?)\b[^.]{0,160}?(?:\$\s?\d|\d\s?(?:%|percent))",
    )
    .ok()
});

/// An 8-K item that files results of operations.
static RESULTS_ITEM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?i)\bitem\s+2\.02\b|\bresults\s+of\s+operations\s+and\s+financial\s+condition\b",
    )
    .ok()
});

/// Results of a named period in a headline ("Second Quarter Results", "Fiscal Year 2006 Financial
/// Results"), which an event word beside it ("Completion of Bond Restructuring and ...") does not
/// outweigh, unlike results that are an event's object ("Intent to Restate Interim Results").
static PERIOD_RESULTS_TITLE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?i)\b(?:quarter(?:ly)?|annual|year|q[1-4]|(?:19|20)\d{2})\W+(?:\w+\W+){0,3}?(?:results|earnings)\b",
    )
    .ok()
});

/// Earnings or event: by the headline, then the opening prose, the 8-K's items, and the tables.
fn release_kind(doc: &Document, title: Option<&str>) -> Kind {
    let m = |re: &LazyLock<Option<Regex>>, t: &str| re.as_ref().is_some_and(|r| r.is_match(t));
    if let Some(t) = title {
        if m(&RESULTS_TITLE, t) && (!m(&EVENT_TITLE, t) || m(&PERIOD_RESULTS_TITLE, t)) {
            return Kind::Earnings;
        }
        if m(&EVENT_TITLE, t) {
            return Kind::Event;
        }
    }
    // A headline in sentence case can be passed over as the title: the first lines of the text.
    let results_head = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Paragraph))
        .take(3)
        .map(|b| doc.block_text(b))
        .any(|t| t.len() < 300 && m(&RESULTS_TITLE, t) && !m(&EVENT_TITLE, t));
    if results_head {
        return Kind::Earnings;
    }
    if m(&RESULTS_ITEM, &doc.text) {
        return Kind::Earnings;
    }
    let mut paragraphs = 0;
    for b in &doc.blocks {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        paragraphs += 1;
        if paragraphs > 12 {
            break;
        }
        if m(&RESULTS_LEAD, doc.block_text(b)) {
            return Kind::Earnings;
        }
    }
    // A tables-only exhibit (a data summary, financial schedules): statements with revenue or
    // income lines are results.
    let lex = super::lexicon::get();
    let statement = doc.tables.iter().any(|t| {
        t.rows.iter().any(|r| {
            r.cells.first().is_some_and(|c| {
                lex.mentions(&c.text)
                    .first()
                    .is_some_and(|x| matches!(x.metric, "revenue" | "net_income"))
            })
        })
    });
    if statement {
        Kind::Earnings
    } else {
        Kind::Event
    }
}

const SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "limited",
    "llc",
    "plc",
    "l.p.",
    "lp",
    "company",
    "incorporated",
    "n.v.",
    "s.a.",
    "ag",
];

pub fn extract(doc: &Document) -> Identity {
    let dl = find_dateline(doc);
    let mut id = Identity::default();
    if let Some(d) = &dl {
        id.dateline = Dateline {
            city: Some(d.city.clone()),
            text: Some(d.text.clone()),
        };
    }
    let title_limit = dl.as_ref().map(|d| d.start);
    id.title = match dl {
        None => form_item_title(doc).or_else(|| find_title(doc, title_limit)),
        Some(_) => find_title(doc, title_limit),
    };
    // The listing sits in the dateline's sentence, which can begin just before it.
    let from = dl
        .as_ref()
        .map(|d| floor_boundary(&doc.text, d.start.saturating_sub(1500)))
        .unwrap_or(0);
    let listing = find_listing(doc, from)
        .or_else(|| cover_listing(&doc.text))
        .or_else(|| doc.meta.cover.as_deref().and_then(cover_listing));
    if let Some(l) = &listing {
        id.company.ticker = Some(l.ticker.clone());
        id.company.exchange = Some(l.exchange.clone());
        id.company.name = l.name.clone();
    }
    if id.company.name.is_none() {
        id.company.name = doc
            .meta
            .sec
            .as_ref()
            .and_then(|s| s.companies.first())
            .map(|c| tidy_name(c));
    }
    if id.company.name.is_none() {
        id.company.name = registrant_name(doc);
    }
    if id.company.name.is_none() {
        id.company.name = aliased_name(doc);
    }
    if id.company.name.is_none() {
        id.company.name = id.title.as_deref().and_then(title_company);
    }
    // The first line of a release is its headline, in sentence case too ("Amcor reports fiscal
    // 2023 results ..."), when a highlights heading below was taken as the title.
    if id.company.name.is_none() {
        id.company.name = (1..=doc.line_count().min(5))
            .map(|n| doc.line(n).trim())
            .find(|l| !l.is_empty())
            .and_then(title_company);
    }
    if id.company.name.is_none() {
        id.company.name = letterhead_name(doc);
    }
    if let Some(n) = id.company.name.as_deref()
        && let Some(full) = legal_name(doc, n)
    {
        id.company.name = Some(full);
    }
    id.date = release_date(doc, dl.as_ref());
    id.kind = release_kind(doc, id.title.as_deref());
    // An event release (a deal, a notice, an appointment) has no reporting period: a year named
    // in its boilerplate is not one, and figures must not default to it.
    if id.kind == Kind::Earnings {
        id.period = super::period::release_period(doc, id.date.as_deref());
    }
    id
}

/// A line at the head of the release that is a name with its legal form and nothing else
/// ("Apple Inc." over an exhibit of tables): the letterhead, which names the company when no
/// sentence does.
fn letterhead_name(doc: &Document) -> Option<String> {
    doc.blocks
        .iter()
        .filter(|b| b.table.is_none())
        .take(6)
        .map(|b| doc.block_text(b).trim())
        .find(|t| {
            let words: Vec<&str> = t.split_whitespace().collect();
            let last = words
                .last()
                .map(|w| w.to_ascii_lowercase())
                .unwrap_or_default();
            (2..=6).contains(&words.len())
                && !t.contains('\n')
                && t.starts_with(|c: char| c.is_uppercase())
                && words
                    .iter()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase() || c == '&'))
                && SUFFIXES.contains(&last.as_str())
                && last != "company"
        })
        .map(tidy_name)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An 8-K cover: the name on the line above "(Exact name of registrant as specified in its charter)".
fn registrant_name(doc: &Document) -> Option<String> {
    registrant_in(&doc.text)
}

fn registrant_in(text: &str) -> Option<String> {
    let mut prev: Option<&str> = None;
    for l in text.lines() {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        let lower = t.to_ascii_lowercase();
        if let Some(i) = lower
            .find("(exact name of")
            .or_else(|| lower.starts_with("exact name of").then_some(0))
        {
            let same_line = t.get(..i).unwrap_or("").trim().trim_matches('|').trim();
            let name = if same_line.is_empty() {
                prev.map(|p| p.trim_matches('|').trim())
            } else {
                Some(same_line)
            };
            return name.filter(|n| !n.is_empty()).map(tidy_name);
        }
        prev = Some(t);
    }
    None
}

/// `Agilent Technologies, Inc. (the "Company")`, `Alcoa Inc. ("Alcoa")`, `Alcoa Inc. ("Alcoa" or
/// the "Company")`: a name the text defines.
static ALIAS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(r#"\((?:the\s+)?["“](?:Company|Registrant|[A-Z][\w.&-]*)["”](?:\s*(?:,|or|and)\s+(?:the\s+)?["“](?:Company|Registrant|[A-Z][\w.&-]*)["”])?\)"#).ok()
});

fn aliased_name(doc: &Document) -> Option<String> {
    aliased_in(&doc.text)
}

fn aliased_in(text: &str) -> Option<String> {
    let re = ALIAS.as_ref()?;
    re.find_iter(text)
        .take(5)
        .filter_map(|m| name_before(text, m.start()))
        .find(|n| ends_with_suffix(n) || n.split_whitespace().count() <= 4)
}

struct DatelineHit {
    start: usize,
    city: String,
    text: String,
    /// 1-based line of the dateline.
    line: usize,
    month: Option<u32>,
    day: Option<u32>,
    year: Option<i32>,
}

/// A month's number from its name or abbreviation ("Apr", "April").
pub(crate) fn month_number(m: &str) -> Option<u32> {
    let p = m.get(..3)?.to_ascii_lowercase();
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|x| *x == p)
    .map(|i| i as u32 + 1)
}

fn find_dateline(doc: &Document) -> Option<DatelineHit> {
    let Some(c) = DATELINE.as_ref().and_then(|re| re.captures(&doc.text)) else {
        let c = DATELINE_NO_DATE.as_ref()?.captures(&doc.text)?;
        let city = c.name("city")?;
        let line = doc.line_of(city.start());
        if line > 80 {
            return None;
        }
        let text = doc.text.get(city.start()..c.get(0)?.end())?;
        let text = text
            .trim_end_matches(|ch: char| ch.is_alphanumeric())
            .trim_end();
        let text = text.trim_end_matches(['-', '–', '—']).trim_end();
        return Some(DatelineHit {
            start: city.start(),
            city: title_case_if_caps(city.as_str().trim()),
            text: normalize(text),
            line,
            month: None,
            day: None,
            year: None,
        });
    };
    let city = c.name("city")?;
    let date = c.name("date")?;
    let end = c.get(0).map(|m| m.end()).unwrap_or(date.end());
    let text = normalize(doc.text.get(city.start()..end).unwrap_or(""));
    Some(DatelineHit {
        start: city.start(),
        city: title_case_if_caps(city.as_str().trim()),
        text,
        line: doc.line_of(city.start()),
        month: c.name("mon").and_then(|m| month_number(m.as_str())),
        day: c.name("day").and_then(|d| d.as_str().parse().ok()),
        year: c.name("year").and_then(|y| y.as_str().parse().ok()),
    })
}

fn title_case_if_caps(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return normalize(s);
    }
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && matches!(lower.as_str(), "of" | "and" | "the" | "de" | "for" | "in") {
                return lower;
            }
            let mut cs = lower.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An all-capitals SEC header name ("ADOBE INC.") in ordinary case ("Adobe Inc.").
/// The company's full name as the text writes it: "Alcoa (NYSE: AA)" beside "Alcoa Inc." in the
/// cover, the SEC header's "ENTRADA NETWORKS INC" beside "Entrada Networks, Inc." in the release.
fn legal_name(doc: &Document, name: &str) -> Option<String> {
    const SUFFIX: &str = r"(?:Inc\.|Inc\b|Incorporated|Corporation|Corp\.|Ltd\.|Limited|plc|PLC|N\.V\.|S\.A\.|L\.P\.|LLC|AG\b|Co\.)";
    let base = name.trim_end_matches(['.', ',', ' ']).to_string();
    let lower = base.to_ascii_lowercase();
    let base = SUFFIXES
        .iter()
        .filter(|s| !s.ends_with('.'))
        .find_map(|s| {
            lower
                .strip_suffix(s)
                .filter(|r| r.ends_with(' ') || r.ends_with(','))
                .map(|r| base[..r.len()].trim_end_matches([' ', ',']).to_string())
        })
        .unwrap_or(base);
    if base.len() < 2 {
        return None;
    }
    let words: Vec<String> = base.split_whitespace().map(regex::escape).collect();
    let re = pattern::new(&format!(r"(?i)\b{},?\s+{SUFFIX}", words.join(r"\s+"))).ok()?;
    // The name as written in the release, not in capitals (a cover or header line).
    let found: Vec<&str> = re
        .find_iter(&doc.text)
        .map(|m| m.as_str())
        .filter(|t| t.starts_with(|c: char| c.is_uppercase()))
        .take(20)
        .collect();
    // Else the SEC header's registrant, when it is this name with a suffix.
    let header = doc
        .meta
        .sec
        .as_ref()
        .and_then(|s| s.companies.iter().find(|c| re.is_match(c)))
        .map(String::as_str);
    // The 8-K's own name for its registrant (the cover's "exact name as specified in its
    // charter", or the name its text defines as "the Company") is the legal name, when it is this
    // name with a legal form: the release often drops the form or its comma.
    let filer = doc
        .meta
        .form_text
        .as_deref()
        .and_then(|t| registrant_in(t).or_else(|| aliased_in(t)))
        .filter(|f| {
            re.find(f)
                .is_some_and(|m| m.start() == 0 && m.end() == f.len())
        });
    let written = found.iter().find(|t| t.chars().any(char::is_lowercase));
    let full = match (written, filer) {
        (Some(t), Some(f)) => punctuated_as(t, &f).unwrap_or_else(|| normalize(t)),
        (Some(t), None) => normalize(t),
        (None, Some(f)) => f,
        (None, None) => tidy_name(found.first().copied().or(header)?),
    };
    (full.len() > name.len() || full != name).then_some(full)
}

/// `written` ("Cisco Systems Inc.") with the punctuation of `legal` ("CISCO SYSTEMS, INC."), when
/// the two are the same words: the release's letter case, the charter's commas and periods.
fn punctuated_as(written: &str, legal: &str) -> Option<String> {
    let bare = |w: &str| w.trim_end_matches([',', '.']).to_lowercase();
    let (a, b): (Vec<&str>, Vec<&str>) = (
        written.split_whitespace().collect(),
        legal.split_whitespace().collect(),
    );
    if a.len() != b.len() || a.iter().zip(&b).any(|(x, y)| bare(x) != bare(y)) {
        return None;
    }
    let words: Vec<String> = a
        .iter()
        .zip(&b)
        .map(|(x, y)| {
            let core = x.trim_end_matches([',', '.']);
            let tail = &y[y.trim_end_matches([',', '.']).len()..];
            format!("{core}{tail}")
        })
        .collect();
    Some(words.join(" "))
}

fn tidy_name(s: &str) -> String {
    let t = title_case_if_caps(s.trim());
    t.trim_end_matches([',', ' ']).to_string()
}

struct Listing {
    name: Option<String>,
    ticker: String,
    exchange: String,
}

fn normalize_exchange(ex: &str) -> String {
    let e = normalize(ex).to_ascii_lowercase();
    if e.starts_with("nasdaq") {
        "Nasdaq".into()
    } else if e == "nyse american" || e == "nyse mkt" || e == "nyse amex" {
        "NYSE American".into()
    } else if e == "nyse arca" {
        "NYSE Arca".into()
    } else if e.starts_with("nyse") || e.starts_with("new york") {
        "NYSE".into()
    } else if e == "amex" || e.starts_with("american stock") {
        "AMEX".into()
    } else if e.starts_with("otcq") {
        e.to_ascii_uppercase()
    } else if e.starts_with("otc") {
        if e.contains("markets") {
            "OTC Markets".into()
        } else {
            "OTC BB".into()
        }
    } else if e.starts_with("tsx") || e.starts_with("toronto") {
        if e.ends_with('v') {
            "TSX-V".into()
        } else {
            "TSX".into()
        }
    } else {
        ex.to_ascii_uppercase()
    }
}

fn find_listing(doc: &Document, from: usize) -> Option<Listing> {
    let re = LISTING.as_ref()?;
    let text = &doc.text;
    let c = re
        .captures_at(text, from.min(text.len()))
        .or_else(|| re.captures(text))?;
    let whole = c.get(0)?;
    let ticker: String = c.name("t")?.as_str().split_whitespace().collect();
    let exchange = normalize_exchange(c.name("ex")?.as_str());
    let name = name_before(text, whole.start()).map(|n| tidy_name(&n));
    Some(Listing {
        name,
        ticker,
        exchange,
    })
}

/// An 8-K cover's "Securities registered pursuant to Section 12(b)" table: a header row
/// "Title of each class | Trading Symbol(s) | Name of each exchange on which registered", then a
/// row a class of security. The first class with a symbol is the common stock. `text` is the
/// release's own text, or the cover of the 8-K that carries it (`DocMeta::cover`).
fn cover_listing(text: &str) -> Option<Listing> {
    let lower = text.to_ascii_lowercase();
    let head = lower.find("trading symbol")?;
    let after_head = lower[head..]
        .find("on which registered")
        .map(|i| head + i + "on which registered".len())?;
    let end = floor_boundary(text, (after_head + 1500).min(text.len()));
    let body = text.get(after_head..end)?;
    let cells: Vec<&str> = body
        .split(['|', '\n', '\t'])
        // HTML covers laid out as text put their cells a run of spaces apart.
        .flat_map(|c| c.split("  "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let is_symbol = |c: &str| {
        (1..=6).contains(&c.len())
            && c.starts_with(|ch: char| ch.is_ascii_uppercase())
            && c.chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '.')
    };
    let at = cells.iter().position(|c| is_symbol(c))?;
    let ticker = cells.get(at)?;
    let exchange = cells.get(at + 1).filter(|c| {
        let l = c.to_ascii_lowercase();
        l.contains("exchange") || l.contains("nasdaq") || l.contains("nyse")
    })?;
    let ex = exchange
        .trim_start_matches("The ")
        .trim_start_matches("the ");
    Some(Listing {
        name: None,
        ticker: ticker.to_string(),
        exchange: normalize_exchange(ex),
    })
}

/// The company name written just before its listing: capitalized words back to a dash,
/// a date or a lower-case word ("-- Sonus Networks, Inc. (Nasdaq: SONS)").
fn name_before(text: &str, pos: usize) -> Option<String> {
    let mut t = text
        .get(..pos)?
        .trim_end()
        .trim_end_matches(['(', '['])
        .trim_end();
    // Skip an alias in parentheses: `Costco Wholesale Corporation ("Costco" or the "Company")`.
    while t.ends_with(')') {
        let open = t.rfind('(')?;
        t = t.get(..open)?.trim_end();
    }
    let mut words: Vec<&str> = Vec::new();
    for tok in t.rsplit(char::is_whitespace).filter(|w| !w.is_empty()) {
        if words.len() >= 7 {
            break;
        }
        // "2000----Innovative", "--Apple": keep what follows the dash, then stop. "NEW
        // YORK()Alcoa": flattened text leaves an empty pair of parentheses where the dateline's
        // dash was.
        let cut = ["--", "—", "–", "/", "...", "()"]
            .iter()
            .filter_map(|d| tok.rfind(d).map(|i| i + d.len()))
            .max();
        if let Some(i) = cut {
            let after = tok.get(i..)?.trim_start_matches(['-', '.', '(', ')']);
            if after.starts_with(|c: char| c.is_uppercase()) {
                words.push(after);
            }
            break;
        }
        // "Atlanta-based Southern Company": a description, not part of the name.
        if tok.contains('-')
            && tok
                .rsplit('-')
                .next()
                .is_some_and(|p| p.starts_with(|c: char| c.is_lowercase()))
        {
            break;
        }
        let connector = matches!(tok, "&" | "of" | "and" | "de" | "the");
        let cap = tok.starts_with(|c: char| c.is_uppercase());
        if !(cap || connector)
            || tok.ends_with(':')
            || tok.starts_with(|c: char| c.is_ascii_digit())
        {
            break;
        }
        words.push(tok);
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "&" | "of" | "and" | "de" | "the"))
    {
        words.pop();
    }
    words.reverse();
    let name = words.join(" ");
    let name = name.trim_end_matches([',', ';']).trim();
    (!name.is_empty() && name.chars().any(char::is_alphabetic)).then(|| name.to_string())
}

/// Leading company words of a headline: "Apple Reports First Quarter Results" → "Apple".
fn title_company(title: &str) -> Option<String> {
    const VERBS: &[&str] = &[
        "reports",
        "announces",
        "posts",
        "declares",
        "completes",
        "names",
        "appoints",
        "enters",
        "signs",
        "agrees",
        "receives",
        "files",
        "provides",
        "updates",
        "increases",
        "raises",
        "delivers",
        "achieves",
        "launches",
        "to",
        "and",
        "board",
        "reported",
        "announced",
        "delivered",
        "board's",
    ];
    let mut words = Vec::new();
    for w in title.split_whitespace() {
        if VERBS.contains(&w.to_lowercase().as_str()) {
            break;
        }
        words.push(w);
    }
    if words.is_empty() || words.len() > 5 || words.len() == title.split_whitespace().count() {
        return None;
    }
    Some(tidy_name(&words.join(" ")))
}

fn is_headline_line(l: &str) -> bool {
    let t = l.trim();
    if t.len() < 4 || t.len() > 400 || BOILERPLATE.as_ref().is_some_and(|r| r.is_match(t)) {
        return false;
    }
    if !headline_case(t) || t.starts_with(char::is_lowercase) {
        return false;
    }
    // A headline has a few words; a person's name or a company's has two or three.
    let words = t.split_whitespace().count();
    let caps = !t.chars().any(char::is_lowercase);
    words >= 4 || caps && words >= 3
}

/// In capitals, or in Title Case, and not a sentence.
fn headline_case(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || t.len() > 400 || t.ends_with('.') && !ends_with_suffix(t) {
        return false;
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if upper * 10 >= letters.len() * 8 {
        return true;
    }
    // Title Case: most longer words start with a capital ("iPhone" counts).
    let long: Vec<&str> = t.split_whitespace().filter(|w| w.len() > 3).collect();
    let capital = |w: &&&str| {
        w.chars()
            .take(2)
            .any(|c| c.is_uppercase() || !c.is_alphabetic())
    };
    !long.is_empty() && long.iter().filter(capital).count() * 10 >= long.len() * 8
}

fn ends_with_suffix(t: &str) -> bool {
    t.split_whitespace()
        .next_back()
        .is_some_and(|w| SUFFIXES.contains(&w.to_lowercase().as_str()))
}

/// A line that is only a company name ("ORACLE CORPORATION", "Apple Inc.").
fn is_name_line(t: &str) -> bool {
    t.split_whitespace().count() <= 4 && ends_with_suffix(t.trim())
}

/// A Form 8-K that carries no press release (no dateline: an appointment, a plan, an
/// agreement): its cover is boilerplate, and what it is about is its first item's heading
/// ("Item 5.02 Departure of Directors or Certain Officers; ..."), not the exhibits' item 9.01.
fn form_item_title(doc: &Document) -> Option<String> {
    let cover = (1..=doc.line_count().min(30)).any(|n| {
        let l = doc.line(n).trim();
        l.eq_ignore_ascii_case("form 8-k") || l.eq_ignore_ascii_case("form 8-k/a")
    });
    if !cover {
        return None;
    }
    (1..=doc.line_count())
        .map(|n| doc.line(n).trim())
        .find_map(|l| {
            let item = crate::text::form_item_number(l).is_some_and(|n| n != "9.01");
            (item && l.len() <= 300).then(|| crate::text::one_line(l))
        })
}

fn find_title(doc: &Document, limit: Option<usize>) -> Option<String> {
    // Before the dateline; without one, near the top.
    let limit_line = match limit {
        Some(p) => doc.line_of(p),
        None => 60.min(doc.line_count() + 1),
    };
    // The nearest non-blank line above or below line `n` looks like contact details.
    let contactish = |n: usize, up: bool| {
        let mut k = n;
        for _ in 0..4 {
            k = if up { k.saturating_sub(1) } else { k + 1 };
            if k == 0 || k > doc.line_count() {
                return false;
            }
            let l = doc.line(k).trim();
            if !l.is_empty() {
                return CONTACTISH.as_ref().is_some_and(|r| r.is_match(l));
            }
        }
        false
    };
    // A line that can start a headline: headline case, a few words, not a contact's name.
    let starts = |n: usize| {
        let t = doc.line(n).trim();
        is_headline_line(t)
            && !is_name_line(t)
            && (t.split_whitespace().count() > 5 || !contactish(n, true) && !contactish(n, false))
    };
    let block_of = |n: usize| {
        doc.blocks
            .iter()
            .find(|b| b.line <= n && n <= b.last_line)
            .map(|b| (b.line, b.last_line))
    };
    let lines: Vec<usize> = (1..limit_line.max(1)).collect();
    // With a dateline, the headline is the run of headline lines just above it (subtitles
    // included), read from its top; without one, the first headline from the top.
    let first = if limit.is_some() {
        let Some(&last) = lines.iter().rev().find(|&&n| starts(n)) else {
            return fallback_title(doc, limit_line, limit.is_some());
        };
        let mut top = last;
        let mut n = last;
        while n > 1 {
            n -= 1;
            let t = doc.line(n).trim();
            // Blank lines and lone bullets ("▪", "–") sit between a headline's parts.
            if !t.chars().any(char::is_alphanumeric) {
                continue;
            }
            if starts(n) || headline_case(t) && !BOILERPLATE.as_ref().is_some_and(|r| r.is_match(t))
            {
                top = n;
                continue;
            }
            break;
        }
        // The top line may be the second line of a headline that does not start on its own.
        (top..=last).find(|&k| starts(k)).unwrap_or(last)
    } else {
        match lines.iter().find(|&&n| starts(n)) {
            Some(&n) => n,
            None => return None,
        }
    };
    // The headline goes on over the following lines of its block, or lines in capitals.
    let mut group = vec![doc.line(first).trim().to_string()];
    let mut n = first + 1;
    while n < limit_line && group.len() < 4 {
        let t = doc.line(n).trim();
        let same_block = match (block_of(n), block_of(first)) {
            (Some(a), Some(b)) if a == b && a.1 - a.0 < 4 => true,
            // Lines outside any block (an exhibit's head): adjacency is all there is.
            (None, None) => true,
            // A block that also holds contacts: the next line of the headline still follows.
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        let caps = !t.chars().any(char::is_lowercase)
            && t.chars().any(char::is_alphabetic)
            && !group.iter().any(|g| g.chars().any(char::is_lowercase));
        if t.is_empty() || !(same_block || caps) || !headline_case(t) {
            break;
        }
        if BOILERPLATE.as_ref().is_some_and(|r| r.is_match(t)) {
            break;
        }
        group.push(t.to_string());
        n += 1;
    }
    let title = normalize(&group.join(" "));
    (!title.is_empty()).then_some(title)
}

/// A headline in sentence case: the first short block before the dateline.
fn fallback_title(doc: &Document, limit_line: usize, dated: bool) -> Option<String> {
    if !dated {
        return None;
    }
    doc.blocks
        .iter()
        .filter(|b| b.last_line < limit_line && b.last_line - b.line < 3)
        .filter(|b| !matches!(b.kind, BlockKind::Table | BlockKind::PageBreak))
        .map(|b| normalize(doc.block_text(b)))
        .find(|t| {
            t.len() <= 200
                && t.split_whitespace().count() >= 4
                && !t.ends_with('.')
                && !BOILERPLATE.as_ref().is_some_and(|r| r.is_match(t))
                && !CONTACTISH.as_ref().is_some_and(|r| r.is_match(t))
        })
}

fn iso(y: i32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn filed_date(doc: &Document) -> Option<&str> {
    doc.meta
        .sec
        .as_ref()
        .and_then(|s| s.filed.as_deref())
        .or(doc.meta.filed.as_deref())
}

fn release_date(doc: &Document, dl: Option<&DatelineHit>) -> Option<String> {
    if let Some((d, month, day)) = dl.and_then(|d| Some((d, d.month?, d.day?))) {
        if let Some(y) = d.year {
            return iso(y, month, day);
        }
        // A trailer like "02/28/2007": the one with the dateline's month and day, else any.
        if let Some(re) = TRAILER_DATE.as_ref() {
            let mut any = None;
            for c in re.captures_iter(doc.text.get(d.start..).unwrap_or("")) {
                let (Some(m), Some(day_), Some(y)) = (
                    c.get(1).and_then(|x| x.as_str().parse::<u32>().ok()),
                    c.get(2).and_then(|x| x.as_str().parse::<u32>().ok()),
                    c.get(3).and_then(|x| x.as_str().parse::<i32>().ok()),
                ) else {
                    continue;
                };
                if m == month && day_ == day {
                    return iso(y, month, day);
                }
                any.get_or_insert(y);
            }
            if let Some(y) = any {
                return iso(y, month, day);
            }
        }
        if let Some(f) = filed_date(doc) {
            let y: Option<i32> = f.get(..4).and_then(|y| y.parse().ok());
            let fm: Option<u32> = f.get(5..7).and_then(|m| m.parse().ok());
            if let (Some(y), Some(fm)) = (y, fm) {
                // Released in December, filed in January: the year before.
                let y = if fm < month { y - 1 } else { y };
                return iso(y, month, day);
            }
        }
        return None;
    }
    // A date line above an undated dateline ("Jan. 25, 2005"), or "Text of press release
    // issued by Apple Inc. on January 18, 2011": a date near the top.
    if let Some(d) = dl
        && let Some(found) = head_date(doc, doc.line_range(d.line).start)
    {
        return Some(found);
    }
    // With no dateline, the filing's own words about the release come before its filing date
    // (a release is often filed a day after it is issued).
    if let Some(found) = press_release_date(doc) {
        return Some(found);
    }
    // A release that opens with a line holding only its date ("May 16, 2013" above the
    // headline) is dated by it: the filing can come days later.
    if let Some(found) = date_line(doc) {
        return Some(found);
    }
    if let Some(f) = filed_date(doc) {
        return Some(f.to_string());
    }
    head_date(doc, doc.line_range(20.min(doc.line_count())).end).or_else(|| call_date(doc))
}

/// A line alone among the first lines of the text that is a full date and nothing else.
fn date_line(doc: &Document) -> Option<String> {
    let re = FULL_DATE.as_ref()?;
    (1..=doc.line_count())
        .map(|n| doc.line(n).trim())
        .filter(|l| !l.is_empty())
        .take(6)
        .find_map(|l| {
            let c = re.captures(l)?;
            let whole = c.get(0)?;
            (whole.start() == 0 && whole.end() == l.len()).then_some(())?;
            iso(
                c.name("year")?.as_str().parse().ok()?,
                month_number(c.name("mon")?.as_str())?,
                c.name("day")?.as_str().parse().ok()?,
            )
        })
}

/// "a conference call ... to discuss these results on Wednesday August 16, 2023": with nothing
/// else to date it (no dateline, no filing), a results release is dated by the call it
/// announces, held by custom on the day the results are released.
static CALL_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(&format!(
        r"(?i:\b(?:conference\s+call|webcast)\b[^.]{{0,120}}?\bto\s+discuss\s+(?:these|the|its|our)\s+(?:\w+\s+){{0,3}}?results\s+on\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?)(?P<mon>{MONTHS})\.?\s+(?P<day>\d{{1,2}}),\s*(?P<year>(?:19|20)\d{{2}})"
    ))
    .ok()
});

fn call_date(doc: &Document) -> Option<String> {
    let c = CALL_DATE.as_ref()?.captures(&doc.text)?;
    iso(
        c.name("year")?.as_str().parse().ok()?,
        month_number(c.name("mon")?.as_str())?,
        c.name("day")?.as_str().parse().ok()?,
    )
}

fn press_release_date(doc: &Document) -> Option<String> {
    let c = PRESS_RELEASE_DATE
        .iter()
        .flatten()
        .find_map(|re| re.captures(&doc.text))?;
    let (mon, day, year) = (c.name("mon")?, c.name("day")?, c.name("year")?);
    iso(
        year.as_str().parse().ok()?,
        month_number(mon.as_str())?,
        day.as_str().parse().ok()?,
    )
}

fn head_date(doc: &Document, head_end: usize) -> Option<String> {
    let re = FULL_DATE.as_ref()?;
    let c = re.captures(doc.text.get(..head_end).unwrap_or(""))?;
    iso(
        c.name("year")?.as_str().parse().ok()?,
        month_number(c.name("mon")?.as_str())?,
        c.name("day")?.as_str().parse().ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_before_listings() {
        let t = "WESTFORD, Mass., Feb. 28 /PRNewswire-FirstCall/ -- Sonus Networks, Inc.\n(Nasdaq: SONS), a leading";
        let p = t.find("(Nasdaq").unwrap();
        assert_eq!(name_before(t, p).as_deref(), Some("Sonus Networks, Inc."));
        let t = "May 22, 2000----Innovative Clinical Solutions, Ltd. (OTC";
        assert_eq!(
            name_before(t, t.len() - 4).as_deref(),
            Some("Innovative Clinical Solutions, Ltd.")
        );
    }

    fn ident(text: &str) -> Identity {
        let r = crate::load_bytes(text.as_bytes(), "release.txt").unwrap();
        Identity {
            title: r.title,
            company: r.company,
            dateline: r.dateline,
            date: r.date,
            period: r.period,
            kind: r.kind,
        }
    }

    #[test]
    fn listings_in_their_usual_forms() {
        let id = ident(
            "CATERPILLAR REPORTS RECORD FOURTH QUARTER RESULTS\n\n\
             PEORIA, Ill., Jan. 24, 2008 /PRNewswire-FirstCall/ -- Caterpillar Inc. (NYSE: CAT)\n\
             today reported record sales and revenues.\n",
        );
        assert_eq!(id.company.name.as_deref(), Some("Caterpillar Inc."));
        assert_eq!(id.company.ticker.as_deref(), Some("CAT"));
        assert_eq!(id.company.exchange.as_deref(), Some("NYSE"));
        assert_eq!(id.dateline.city.as_deref(), Some("Peoria"));
        assert_eq!(id.date.as_deref(), Some("2008-01-24"));
        assert_eq!(
            id.title.as_deref(),
            Some("CATERPILLAR REPORTS RECORD FOURTH QUARTER RESULTS")
        );
        let id = ident(
            "BOSTON--(BUSINESS WIRE)--March 3, 2001--Acme Widgets Corp. (NASDAQ/NMS: ACMW) said.\n",
        );
        assert_eq!(id.date.as_deref(), Some("2001-03-03"));
        assert_eq!(id.company.name.as_deref(), Some("Acme Widgets Corp."));
        assert_eq!(id.company.exchange.as_deref(), Some("Nasdaq"));
        assert_eq!(id.company.ticker.as_deref(), Some("ACMW"));
        let id = ident("Tiny Co. (OTC BB: TINY) announced results.\n");
        assert_eq!(id.company.exchange.as_deref(), Some("OTC BB"));
        assert_eq!(id.company.name.as_deref(), Some("Tiny Co."));
    }

    #[test]
    fn exchanges_are_normalised() {
        assert_eq!(normalize_exchange("NASDAQ/NMS"), "Nasdaq");
        assert_eq!(normalize_exchange("OTC Bulletin Board"), "OTC BB");
        assert_eq!(normalize_exchange("New York Stock Exchange"), "NYSE");
    }
}
