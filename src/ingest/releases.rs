//! Which documents of a filing are press releases, what each one is about (results, a notice,
//! a tables-only supplement), its headline, and which one an analyst opens first.
//!
//! The rules read the ingested text only, never a company's name: a release that reports a
//! quarter's or a year's results beats a dividend, split, management-change or other notice, and
//! a narrative release beats an exhibit of tables with little prose around them.

use crate::document::{BlockKind, Document};

/// What a release is, as far as choosing one goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// It reports a period's results.
    Results,
    /// An announcement of something else; the phrase says what ("a dividend notice").
    Notice(&'static str),
    /// Tables with little prose: a data summary beside the release.
    Tables,
}

impl Kind {
    /// How the kind is named in `file.picked`.
    pub fn phrase(self) -> &'static str {
        match self {
            Kind::Results => "a results release",
            Kind::Notice(p) => p,
            Kind::Tables => "a tables-only supplement",
        }
    }

    fn rank(self) -> u8 {
        match self {
            Kind::Results => 0,
            Kind::Notice(_) => 1,
            Kind::Tables => 2,
        }
    }
}

/// One release of a filing, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// 1-based position of its document in the filing.
    pub position: usize,
    pub doc_type: String,
    pub title: Option<String>,
    pub kind: Kind,
}

impl Candidate {
    /// Read `doc` (the release's own text) as document `position` of type `doc_type`.
    pub fn read(position: usize, doc_type: &str, doc: &Document) -> Candidate {
        let title = headline(doc);
        let kind = kind(doc, title.as_deref());
        Candidate {
            position,
            doc_type: doc_type.to_string(),
            title,
            kind,
        }
    }
}

/// Words of a prose paragraph: a block line of at least this many words is prose, not a
/// heading, a contact or a table cell.
const PROSE_WORDS: usize = 12;
/// Fewer prose words than this beside a table, and an exhibit is a tables-only supplement.
const SUPPLEMENT_PROSE: usize = 100;

/// Order of preference among exhibit types when the content does not decide: EX-99.1, then
/// any other EX-99, then other exhibits (EX-20 press releases of the 1990s), then the main
/// document.
fn type_rank(t: &str) -> u8 {
    let t = t.replace(' ', "").to_ascii_uppercase();
    if normalize_type(&t) == "EX-99.1" {
        0
    } else if t.starts_with("EX-99") {
        1
    } else if t.starts_with("EX-") {
        2
    } else {
        3
    }
}

/// The candidate an analyst opens first: results over notices over tables, then by type, then
/// by position. `None` only when there is no candidate.
pub fn pick(cands: &[Candidate]) -> Option<usize> {
    (0..cands.len()).min_by_key(|&i| {
        let c = &cands[i];
        (c.kind.rank(), type_rank(&c.doc_type), c.position)
    })
}

/// Why `cands[chosen]` was picked, naming what the others are: "the results release; EX-99.1
/// is a dividend notice".
pub fn reason(cands: &[Candidate], chosen: usize) -> String {
    let Some(c) = cands.get(chosen) else {
        return String::new();
    };
    let mut s = match c.kind {
        _ if cands.len() == 1 => "the only release".to_string(),
        Kind::Results => "the results release".to_string(),
        Kind::Notice(p) => format!("no results release; the first narrative one ({p})"),
        Kind::Tables => "no narrative release; the first exhibit of tables".to_string(),
    };
    // The others, grouped by what they are, in the order they first appear.
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (i, o) in cands.iter().enumerate() {
        if i == chosen {
            continue;
        }
        let phrase = o.kind.phrase();
        match groups.iter_mut().find(|(p, _)| *p == phrase) {
            Some((_, v)) => v.push(&o.doc_type),
            None => groups.push((phrase, vec![&o.doc_type])),
        }
    }
    for (phrase, types) in groups {
        if types.len() == 1 {
            s.push_str(&format!("; {} is {phrase}", types.join("")));
        } else {
            let plural = plural(phrase);
            s.push_str(&format!("; {} are {plural}", types.join(", ")));
        }
    }
    s
}

/// "a dividend notice" → "dividend notices".
fn plural(phrase: &str) -> String {
    let p = phrase
        .strip_prefix("a ")
        .or_else(|| phrase.strip_prefix("an "))
        .unwrap_or(phrase);
    format!("{p}s")
}

/// An exhibit type in one spelling: `EX-99.01` and `ex-99 .1` → `EX-99.1`.
pub fn normalize_type(t: &str) -> String {
    let t = t.replace(' ', "").to_ascii_uppercase();
    let Some(rest) = t.strip_prefix("EX-") else {
        return t;
    };
    let parts: Vec<String> = rest
        .split(['.', '-', '_'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            if p.bytes().all(|b| b.is_ascii_digit()) {
                let n = p.trim_start_matches('0');
                if n.is_empty() { "0" } else { n }.to_string()
            } else {
                p.to_string()
            }
        })
        .collect();
    format!("EX-{}", parts.join("."))
}

/// A line that names an exhibit and nothing else ("Exhibit 99.1", "EXHIBIT 20.1", "EX-99"):
/// its type, `EX-99.1`.
pub fn exhibit_marker(line: &str) -> Option<String> {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    let num = lower
        .strip_prefix("exhibit")
        .or_else(|| lower.strip_prefix("ex-"))?
        .trim_start_matches([' ', '-']);
    let ok = !num.is_empty()
        && num.len() <= 8
        && num.starts_with(|c: char| c.is_ascii_digit())
        && num.chars().all(|c| c.is_ascii_digit() || c == '.');
    ok.then(|| normalize_type(&format!("EX-{}", num.trim_end_matches('.'))))
}

/// The exhibit type a description names ("EXHIBIT 99.1" for a document typed `EX-99`).
pub fn described_type(description: &str) -> Option<String> {
    exhibit_marker(description)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Lines at the head of a release that are not its headline: exhibit labels, "News", contacts,
/// dates, addresses, logos, scale notes, the 8-K's cover.
fn furniture(t: &str) -> bool {
    let l = t.trim().to_ascii_lowercase();
    let words: Vec<&str> = l.split_whitespace().collect();
    let letters = l.chars().filter(|c| c.is_alphabetic()).count();
    let digits = l.chars().filter(|c| c.is_ascii_digit()).count();
    const OPENERS: [&str; 13] = [
        "for immediate release",
        "for release",
        "immediate release",
        "release date",
        "source:",
        "page ",
        "news release",
        "press release",
        "exhibit",
        "item ",
        "item:",
        "check the appropriate box",
        "(exact name",
    ];
    const COVER: [&str; 8] = [
        "securities and exchange commission",
        "washington, d.c",
        "form 8-k",
        "current report",
        "pursuant to section",
        "pursuant to rule",
        "commission file",
        "exchange act",
    ];
    words.len() < 2
        || letters < 6
        || digits * 2 > letters + 4
        || exhibit_marker(t).is_some()
        || OPENERS.iter().any(|o| l.starts_with(o))
        || COVER.iter().any(|o| l.contains(o))
        || (words.len() <= 6 && l.contains("contact"))
        || l.contains('@')
        || l.contains("www.")
        || l.contains("http")
        || l.ends_with(':')
        || (l.starts_with('[') && l.ends_with(']'))
        || (l.starts_with('(') && l.ends_with(')'))
        || (words.len() <= 5
            && words
                .first()
                .is_some_and(|w| MONTHS.iter().any(|m| w.starts_with(m))))
}

/// A dateline opens the release's first paragraph: "SAN JOSE, Calif.--(BUSINESS WIRE)--",
/// "WESTFORD, Mass., Feb. 28 /PRNewswire/ --", "San Jose, CA - November 7, 2005 -",
/// "ATLANTA - Southern Company today": a place (with a comma, or in capitals), then a dash or a
/// wire's name, then the lead.
pub fn is_dateline(line: &str) -> bool {
    let t = line.trim_start();
    if !t.starts_with(|c: char| c.is_ascii_uppercase()) || t.split_whitespace().count() < 6 {
        return false;
    }
    let head: String = t.chars().take(100).collect();
    let lower = head.to_ascii_lowercase();
    let Some(p) = [
        "--",
        " - ",
        "\u{2013}",
        "\u{2014}",
        "/prnewswire",
        "(business wire)",
        "()",
    ]
    .iter()
    .filter_map(|m| lower.find(m))
    .min() else {
        return false;
    };
    let pre = head.get(..p).unwrap_or("").trim();
    let pre_words = pre.split_whitespace().count();
    let first = pre.split([',', ' ']).next().unwrap_or("");
    (1..=10).contains(&pre_words) && (pre.contains(',') || is_caps(first))
}

/// A line of prose: a sentence's worth of words, most of them words.
fn is_prose(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let wordy = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(|c| c.is_ascii_digit()))
        .count();
    // Short of 30 words, a sentence's end too: a heading over several lines has none.
    let sentence = t.trim_end().ends_with(['.', '!', '?']) || t.contains(". ");
    words.len() >= 30 || (words.len() >= PROSE_WORDS && wordy * 10 >= words.len() * 7 && sentence)
}

/// The release's headline: the run of title-like lines just above its dateline (or its first
/// prose), the top one taken, with the lines it wraps onto. Without such a line, the first
/// sentence of the lead; for an exhibit of tables, its first title-like line.
pub fn headline(doc: &Document) -> Option<String> {
    const HEAD_LINES: usize = 400;
    // Lines outside tables, in order, each with its block.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Table | BlockKind::PageBreak) {
            continue;
        }
        for l in doc.block_text(b).lines() {
            let l = l.trim();
            if !l.is_empty() {
                lines.push((bi, l));
            }
        }
        if lines.len() >= HEAD_LINES {
            break;
        }
    }
    let lead = lines
        .iter()
        .position(|(_, l)| is_dateline(l))
        .or_else(|| lines.iter().position(|(_, l)| is_prose(l) && !furniture(l)));
    let lead = match lead {
        Some(lead) if !tables_first(doc) => lead,
        _ => {
            // Tables first: the first title-like line, with the short ones after it in its block.
            let i = lines.iter().position(|(_, l)| !furniture(l))?;
            return Some(joined(&lines, i, true));
        }
    };
    let mut top = None;
    for i in (0..lead).rev().take(8) {
        let l = lines[i].1;
        let dashes = ['\u{2013}', '\u{2014}', '-', '\u{2022}', '*'];
        if (l.starts_with(dashes) || l.ends_with(dashes)) && top.is_none() {
            // A bulleted subtitle under the headline ("– Partnership combines …").
            continue;
        }
        if furniture(l) || l.split_whitespace().count() > 45 || is_prose(l) {
            break;
        }
        top = Some(i);
    }
    match top {
        Some(i) => Some(joined(&lines, i, false)),
        None => {
            let (bi, _) = lines[lead];
            let para: Vec<&str> = lines
                .iter()
                .skip(lead)
                .take_while(|(b, _)| *b == bi)
                .map(|(_, l)| *l)
                .collect();
            lead_sentence(&para.join(" "))
        }
    }
}

/// Line `i` and the lines of its block it runs on into: a capital headline wrapped over lines,
/// a line that ends mid-phrase (a lowercase last word) or whose next line starts lowercase;
/// for a table's title (`short`), the short lines under it ("Southern Company" / "Financial
/// Highlights").
fn joined(lines: &[(usize, &str)], i: usize, short: bool) -> String {
    let (mut bi, first) = lines[i];
    let mut title = first.to_string();
    let mut last = first;
    for (b, next) in lines.iter().skip(i + 1).take(3) {
        // A table's title may be a heading a block (HTML); nothing may come between.
        let apart = if short { *b > bi + 1 } else { *b != bi };
        if apart || furniture(next) || is_dateline(next) || is_prose(next) {
            break;
        }
        bi = *b;
        let ends_open = last
            .split_whitespace()
            .last()
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
        let starts_low = next.starts_with(|c: char| c.is_lowercase());
        // Wrapped, not a subtitle: the line under it is no longer (a centred or filled
        // headline's last line is its shortest), and the line itself is long or in capitals.
        let wrapped = next.len() <= last.len() + 5 && (is_caps(last) || last.len() >= 68);
        let short_run = short && next.split_whitespace().count() <= 5;
        if !(ends_open || starts_low || wrapped || short_run) {
            break;
        }
        title.push(' ');
        title.push_str(next);
        last = next;
    }
    tidy(&title)
}

fn is_caps(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic());
    let (mut up, mut all) = (0, 0);
    for c in letters {
        all += 1;
        if c.is_uppercase() {
            up += 1;
        }
    }
    all >= 4 && up * 10 >= all * 9
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of a lead paragraph, after its dateline, cut to a headline's length.
fn lead_sentence(para: &str) -> Option<String> {
    let p = tidy(para);
    // After the dateline's dash, if there is one near the start.
    let head = floor(&p, 120);
    let start = ["--", "\u{2014}", "\u{2013}", "()"]
        .iter()
        .filter_map(|d| head.rfind(d).map(|i| i + d.len()))
        .max()
        .unwrap_or(0);
    let body = p.get(start..).unwrap_or(&p).trim_start_matches(['-', ' ']);
    let end = sentence_end(body);
    let s = body.get(..end).unwrap_or(body);
    let mut out = String::new();
    for w in s.split_whitespace() {
        if out.len() + w.len() > 120 {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    (!out.is_empty()).then_some(out)
}

/// The first `n` bytes of `s`, or fewer, cut at a character boundary.
fn floor(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    s.get(..i).unwrap_or(s)
}

/// Byte length of the first sentence of `s`: up to a ". " that does not close an abbreviation
/// ("Inc.", "Corp.", "U.S.", an initial).
fn sentence_end(s: &str) -> usize {
    const ABBREV: [&str; 12] = [
        "inc", "corp", "co", "ltd", "mr", "mrs", "ms", "dr", "jr", "no", "st", "u.s",
    ];
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|r| r.find(". ")).map(|i| i + from) {
        let word = s
            .get(..i)
            .and_then(|h| h.split_whitespace().last())
            .unwrap_or("")
            .trim_start_matches(['(', '"'])
            .to_ascii_lowercase();
        let abbrev = ABBREV.contains(&word.as_str()) || word.chars().count() == 1;
        if !abbrev {
            return i + 1;
        }
        from = i + 2;
    }
    s.len()
}

/// Rows of a table that hold a number: a statement's rows, not a layout table's logo or
/// contacts.
fn numeric_rows(t: &crate::document::Table) -> usize {
    t.rows
        .iter()
        .filter(|r| {
            r.cells
                .iter()
                .skip(1)
                .any(|c| crate::document::looks_numeric(&c.text))
        })
        .count()
}

/// The document opens with a table of figures, before any prose: a data summary, whatever
/// notes follow it.
fn tables_first(doc: &Document) -> bool {
    for b in &doc.blocks {
        let figures = || {
            b.table
                .and_then(|i| doc.tables.get(i))
                .is_some_and(|t| numeric_rows(t) >= 3)
        };
        match b.kind {
            BlockKind::Table if figures() => return true,
            BlockKind::Paragraph | BlockKind::ListItem => {
                let text = doc.block_text(b);
                if is_prose(text) || is_dateline(text) {
                    return false;
                }
            }
            _ => {}
        }
    }
    false
}

/// Words that say a period is reported on.
const PERIOD_WORDS: [&str; 9] = [
    "quarter",
    "fiscal year",
    "full year",
    "full-year",
    "year ended",
    "months ended",
    "weeks ended",
    "fiscal 19",
    "fiscal 20",
];
/// Measures a results release reports.
const METRIC_WORDS: [&str; 22] = [
    "net income of",
    "net income was",
    "net income for",
    "net earnings of",
    "net loss of",
    "net loss was",
    "revenue of",
    "revenues of",
    "revenue was",
    "revenues were",
    "revenue increased",
    "revenues increased",
    "net sales of",
    "net sales were",
    "sales of $",
    "earnings of $",
    "earnings per share of",
    "income from continuing operations of",
    "loss from continuing operations of",
    "reported net",
    "reported earnings",
    "financial results",
];
/// Headline words of a release about results yet to come, not results.
const NOT_YET: [&str; 11] = [
    "to announce",
    "will announce",
    "to report",
    "will report",
    "to release",
    "will release",
    "conference call",
    "webcast",
    "to host",
    "delay",
    "postpone",
];

/// What a release is, from its headline and lead paragraphs.
pub fn kind(doc: &Document, title: Option<&str>) -> Kind {
    let mut prose_words = 0;
    let mut lead = String::new();
    let mut first = String::new();
    for b in &doc.blocks {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let text = doc.block_text(b);
        let n = text.split_whitespace().count();
        if is_prose(text) {
            prose_words += n;
            if first.is_empty() {
                // The lead's first sentences: what the release announces.
                first = tidy(&text.to_lowercase()).chars().take(400).collect();
            }
            if lead.len() < 1500 {
                lead.push_str(&text.to_lowercase());
                lead.push(' ');
            }
        }
    }
    if !doc.tables.is_empty() && (prose_words < SUPPLEMENT_PROSE || tables_first(doc)) {
        return Kind::Tables;
    }
    let t = title.unwrap_or("").to_lowercase();
    let lead = tidy(&lead);
    let not_yet = NOT_YET.iter().any(|w| t.contains(w));
    let title_results = (t.contains("results") || t.contains("earnings"))
        && (PERIOD_WORDS.iter().any(|w| t.contains(w))
            || t.contains("year")
            || t.contains("reports")
            || t.contains("announces"));
    let lead_results = PERIOD_WORDS.iter().any(|w| lead.contains(w))
        && METRIC_WORDS.iter().any(|w| lead.contains(w));
    if !not_yet && (title_results || lead_results) {
        return Kind::Results;
    }
    if not_yet {
        return Kind::Notice("a results-date or call notice");
    }
    notice(&t)
        .or_else(|| notice(&first))
        .unwrap_or(Kind::Notice("an announcement"))
}

/// The notice a text is, by its words.
fn notice(t: &str) -> Option<Kind> {
    let has = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    let k = if has(&["dividend"]) {
        "a dividend notice"
    } else if has(&["stock split", "-for-", " split"]) {
        "a stock-split notice"
    } else if has(&[
        "named ",
        "appoint",
        "elected",
        "elects",
        "resign",
        "retire",
        "succeed",
        "promoted",
        "steps down",
    ]) {
        "a management-change notice"
    } else if has(&["acquire", "acquisition", "merger", "to purchase", "to buy"]) {
        "an acquisition notice"
    } else if has(&["restate", "non-reliance"]) {
        "a restatement notice"
    } else {
        return None;
    };
    Some(Kind::Notice(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::ingest::text::build(text, Default::default(), true)
    }

    fn cand(position: usize, doc_type: &str, text: &str) -> Candidate {
        Candidate::read(position, doc_type, &doc(text))
    }

    const RESULTS: &str = "ACME REPORTS RECORD FOURTH QUARTER RESULTS\n\n\
SPRINGFIELD, Ill., Jan. 20 /PRNewswire/ -- Acme Corp. (NYSE: ACM) today reported net income of \
$12.1 million for the fourth quarter, on revenue of $88.0 million, up 9% from a year earlier.\n";
    const DIVIDEND: &str = "Acme Declares Quarterly Dividend\n\n\
SPRINGFIELD, Ill., Jan. 20 /PRNewswire/ -- The board of Acme Corp. (NYSE: ACM) declared a \
quarterly dividend of $0.12 per share, payable March 1 to holders of record on February 10.\n";
    const SPLIT: &str = "Acme Announces Two-for-One Stock Split\n\n\
SPRINGFIELD, Ill., Jan. 20 /PRNewswire/ -- The board of Acme Corp. (NYSE: ACM) approved a \
two-for-one split of its common stock, to be paid as a stock dividend to holders of record.\n";
    const NAMED: &str = "Exhibit 99.2\nMay 15, 2013\nJane Roe Named Chief Financial Officer of Acme\n\
SPRINGFIELD()Acme (NYSE:ACM) today announced that Jane Roe, currently treasurer, has been named \
chief financial officer effective June 1, succeeding John Doe, who will retire.\n";

    fn tables() -> String {
        let mut s =
            String::from("Acme Corp.\nData Summary\n\n<TABLE>\n<S>           <C>      <C>\n");
        for l in [
            "Net sales      $88.0    $80.7",
            "Net income     $12.1    $10.0",
        ] {
            s.push_str(l);
            s.push('\n');
        }
        s.push_str("</TABLE>\n");
        s
    }

    #[test]
    fn results_beat_notices_whatever_their_order() {
        let cs = vec![
            cand(2, "EX-99.1", DIVIDEND),
            cand(3, "EX-99.2", RESULTS),
            cand(4, "EX-99.3", SPLIT),
        ];
        assert_eq!(cs[0].kind, Kind::Notice("a dividend notice"));
        assert_eq!(cs[1].kind, Kind::Results);
        assert_eq!(cs[2].kind, Kind::Notice("a stock-split notice"));
        let p = pick(&cs).unwrap();
        assert_eq!(cs[p].doc_type, "EX-99.2");
        assert_eq!(
            reason(&cs, p),
            "the results release; EX-99.1 is a dividend notice; EX-99.3 is a stock-split notice"
        );
    }

    #[test]
    fn narrative_beats_tables_and_ex99_1_breaks_ties() {
        let t = tables();
        let cs = vec![cand(2, "EX-99.2", &t), cand(3, "EX-99.1", RESULTS)];
        assert_eq!(cs[0].kind, Kind::Tables);
        assert_eq!(pick(&cs), Some(1));
        // Two notices: EX-99.1 first, whatever the position.
        let cs = vec![cand(2, "EX-99.2", NAMED), cand(3, "EX-99.01", DIVIDEND)];
        assert_eq!(cs[0].kind, Kind::Notice("a management-change notice"));
        let p = pick(&cs).unwrap();
        assert_eq!(p, 1);
        assert!(
            reason(&cs, p).starts_with("no results release"),
            "{}",
            reason(&cs, p)
        );
    }

    #[test]
    fn a_call_notice_is_not_results() {
        let c = cand(
            2,
            "EX-99.1",
            "Acme to Announce Fourth Quarter Results on January 20\n\nSPRINGFIELD, Ill., Jan. 5 \
/PRNewswire/ -- Acme Corp. will hold a conference call to discuss fourth quarter net income and \
revenue at 5 p.m.\n",
        );
        assert_eq!(c.kind, Kind::Notice("a results-date or call notice"));
    }

    #[test]
    fn headlines_skip_labels_dates_and_contacts() {
        let c = cand(3, "EX-99.2", NAMED);
        assert_eq!(
            c.title.as_deref(),
            Some("Jane Roe Named Chief Financial Officer of Acme")
        );
        let c = cand(
            2,
            "EX-99.01",
            "Exhibit 99.01\nNews\nMedia Contact:    Jo Public\n   404-555-0100\n\n\
ACME REPORTS RECORD\nFOURTH QUARTER RESULTS\n\nSPRINGFIELD, Ill., Jan. 20 /PRNewswire/ -- \
Acme Corp. today reported net income of $12.1 million for the fourth quarter of its year.\n",
        );
        assert_eq!(
            c.title.as_deref(),
            Some("ACME REPORTS RECORD FOURTH QUARTER RESULTS")
        );
        // No headline: the lead sentence after the dateline.
        let c = cand(
            2,
            "EX-20.1",
            "        SAN JOSE, Calif.--(BUSINESS WIRE)--Acme Inc. (NASDAQ:ACME) Monday announced the \
completion of its purchase of Widget Corp. and its units. The purchase follows an agreement.\n",
        );
        assert_eq!(
            c.title.as_deref(),
            Some(
                "Acme Inc. (NASDAQ:ACME) Monday announced the completion of its purchase of \
                 Widget Corp. and its units."
            )
        );
    }

    #[test]
    fn types_and_markers() {
        assert_eq!(normalize_type("EX-99.01"), "EX-99.1");
        assert_eq!(normalize_type("ex-99 .1"), "EX-99.1");
        assert_eq!(normalize_type("EX-99"), "EX-99");
        assert_eq!(normalize_type("8-K"), "8-K");
        assert_eq!(
            exhibit_marker("  Exhibit 99.1 ").as_deref(),
            Some("EX-99.1")
        );
        assert_eq!(exhibit_marker("EXHIBIT 20.1").as_deref(), Some("EX-20.1"));
        assert_eq!(exhibit_marker("Exhibit 99").as_deref(), Some("EX-99"));
        assert_eq!(exhibit_marker("Exhibit 99.1 Press release"), None);
        assert_eq!(exhibit_marker("Exhibits"), None);
    }
}
