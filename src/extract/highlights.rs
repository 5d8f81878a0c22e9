//! Reported figures and qualitative statements, from prose and from financial tables.
//!
//! Prose is read sentence by sentence, clause by clause. Each amount is bound to the nearest
//! metric named before it in its clause (else in its sentence), to the period named in its part
//! of the clause (the current part, or the part after "compared to" for a prior value), else the
//! section's or the release's period, and to a basis (GAAP / non-GAAP) from the words around it,
//! its section, or its table. The same reading feeds comparisons and outlook (see
//! [`analyze`]), so all three agree on what each number is.

use super::identity::Identity;
use super::lexicon::{self, Mention};
use super::money::{self, MoneyMatch};
use super::pattern;
use super::pattern::Regex;
use super::period::{self, PeriodSpec, Relative, Span};
use super::words::Words;
use crate::document::{BlockKind, Document};
use crate::release::{Basis, Direction, Figure, Origin, Period, Value, unit};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What an amount is in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The figure reported for a period.
    Level,
    /// The figure of an earlier period it is compared with.
    Prior,
    /// The change between them ("increased by $47 million", "up 9%").
    Change,
    /// A statement of direction without a number.
    Qualitative,
    /// Guidance for a coming period.
    Guidance,
}

/// One reading of prose: an amount (or a statement) with everything bound to it.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub role: Role,
    pub metric: &'static str,
    pub label: String,
    pub period: Option<Period>,
    pub value: Option<Value>,
    pub low: Option<Value>,
    pub high: Option<Value>,
    pub unit: String,
    pub basis: Option<Basis>,
    pub direction: Option<Direction>,
    pub magnitude: Option<String>,
    /// A qualitative statement's comparison period, or a change's prior period.
    pub basis_period: Option<Period>,
    /// Doc byte span of the amount (of the clause, for a statement).
    pub start: usize,
    pub end: usize,
    /// Clause id: items of one clause belong to one comparison.
    pub clause: usize,
    /// Doc byte span of the clause.
    pub clause_span: (usize, usize),
    /// The segment the clause is about ("Cloud segment revenue was ..."); `None` for
    /// the company.
    pub segment: Option<String>,
}

/// A second noun phrase joined after a metric ("deposits and the increased limit to"): the
/// amount after it is that thing's, not the metric's.
static ANOTHER_THING: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\band\s+(?:the|its|our|their)\s+[a-z][\w-]*")
        .unwrap_or_else(|_| pattern::never())
});

/// Words that announce the prior side of a comparison.
static COMPARE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:compared\s+(?:to|with)|as\s+compared\s+(?:to|with)|compares?\s+(?:to|with)|in\s+comparison\s+(?:to|with)|versus|vs\.|up\s+from|down\s+from|increased\s+from|decreased\s+from|rose\s+from|grew\s+from|fell\s+from|declined\s+from|from|over|against|relative\s+to)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// The tail of text before an amount that makes it a change: "increased by", "up", "an increase
/// of", "decreased 3.2 percent to" is handled by the percent itself.
static CHANGE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)(?:\b(?:increased|decreased|rose|fell|grew|declined|dropped|climbed|jumped|improved|reduced|lowered|raised|increasing|decreasing|reducing|improving|up|down|higher|lower|increase|decrease|improvement|decline|growth|gain|reduction)\s+(?:\w+\s+){0,4}?(?:of\s+|by\s+)?(?:approximately\s+|about\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?|\ba\s+(?:more\s+than\s+|nearly\s+)?)$")
        .unwrap_or_else(|_| pattern::never())
});

/// Change words that name an amount with "of" or "by": "a decline of $2.1 billion".
const CHANGE_NOUN: &[&str] = &[
    "increase",
    "decrease",
    "decline",
    "growth",
    "gain",
    "reduction",
    "improvement",
    "increased",
    "decreased",
    "declined",
    "rose",
    "fell",
    "grew",
    "reduced",
    "improved",
];

/// The direction a change's own word right after it gives: "6% lower", "$2 million less",
/// "12 percent higher", "a 5% decrease"; None when no such word follows.
fn direction_after(after: &str) -> Option<Direction> {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    match word.as_str() {
        "lower" | "less" | "below" | "decrease" | "decline" | "drop" | "reduction" | "down" => {
            Some(Direction::Down)
        }
        "higher" | "more" | "above" | "increase" | "growth" | "rise" | "gain" | "improvement"
        | "up" => Some(Direction::Up),
        _ => None,
    }
}

/// Words right after an amount that make it a change: "$800 million improvement", "9 percent
/// year-over-year growth", "8% increase".
static CHANGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s*(?:(?:year[\s-]over[\s-]year|sequential|quarter[\s-]over[\s-]quarter)\s+)?(?:increase|decrease|improvement|decline|growth|rise|gain|drop|reduction|higher|lower|more|less|above|below)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// An amount followed by the cost or charge it measures: "$24.2 million of merger costs".
static COST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s*of\s+(?:[\w-]+\s+){0,5}?(?:costs?|charges?|expenses?)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// An amount followed by what it is, when that is not a result: "a discretionary $400 million
/// pension contribution", "a $39 million charge".
static THING_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s+(?:[a-z][\w-]*\s+){0,2}?(?:contributions?|charges?|payments?|impacts?|benefits?|expenses?|costs?|write-?downs?|write-?offs?|impairments?|gains?|investments?|settlements?|pension|premiums?|purchases?|acquisitions?|dividends?|repurchases?|buybacks?|facility|facilities|loans?|notes|debentures|financing)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// An amount introduced as a part of what was said before it.
static INCLUDING_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:including|includes|included|include|of\s+which)\b(?:\s+[\w-]+){0,4}?\s*(?:approximately|about|nearly|almost|some|roughly)?\s*$")
        .unwrap_or_else(|_| pattern::never())
});

/// "<noun> of (approximately) $X": the noun the amount measures.
static NOUN_OF: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b([a-z][\w'-]*)\s+of\s+(?:(?:approximately|about|nearly|almost|some|roughly|an\s+estimated|more\s+than|over|up\s+to)\s+)?\(?\s*$")
        .unwrap_or_else(|_| pattern::never())
});

/// "for the Acme Group of": a metric said of the whole company by its group name.
static WHOLE_FOR: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"\bfor\s+the\s+(?:[A-Z][\w&'.-]*\s+){0,3}(?:Group|Company|Corporation|group|company)\s+of\s+(?:approximately\s+|about\s+)?\(?\s*$")
        .unwrap_or_else(|_| pattern::never())
});

/// Nouns before "of $X" that leave the amount to the metric: a total, a level, a change, a loss.
const OF_OK: &[&str] = &[
    "total",
    "totals",
    "sum",
    "level",
    "levels",
    "record",
    "high",
    "low",
    "increase",
    "increases",
    "decrease",
    "decreases",
    "growth",
    "gain",
    "decline",
    "declines",
    "rise",
    "drop",
    "improvement",
    "reduction",
    "loss",
    "losses",
    "profit",
    "profits",
    "deficit",
    "earnings",
    "income",
    "revenue",
    "revenues",
    "sales",
    "margin",
    "margins",
    "balance",
    "amount",
    "figure",
    "result",
    "results",
    "guidance",
    "outlook",
    "range",
    "target",
    "forecast",
    "estimate",
    "expectation",
    "expectations",
    "jump",
    "climb",
    "change",
    "swing",
    "advance",
    "contraction",
    "expansion",
    "those",
    "that",
    "share",
    "diluted",
    "basic",
    "eps",
    "quarter",
    "year",
    "period",
    "months",
    "weeks",
];

/// Words right before an amount that make it a loss: "showed a loss of", "a net loss of",
/// "a negative", "a deficit of".
static LOSS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)(?:\b(?:a\s+)?(?:net\s+)?loss(?:es)?(?:\s+(?:of|was|were|totaling|totaled|totalled|amounting\s+to))?|\bnegative|\bminus|\bdeficit\s+of)\s*\(?\s*$")
        .unwrap_or_else(|_| pattern::never())
});

/// A clause that says what its (inherited) subject was or became.
static COPULA: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:was|were|is|are|been|being|totaled|totalled|reached|came\s+in|amounted|stood|rose|fell|grew|increased|decreased|declined|improved|climbed|dropped|up|down|compared|versus|vs\.|from|or)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// An amount and the "of" that names what it is: "$762 million of ", "$40 billion of ".
static AMOUNT_OF: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\$?\s*[\d.,]+\s*(?:million|billion|thousand)?\s+of\s+(?:the\s+)?$")
        .unwrap_or_else(|_| pattern::never())
});

/// An amount said to be one quarter's ("a quarterly cash dividend of 12.25 cents").
static QUARTERLY: LazyLock<Regex> =
    LazyLock::new(|| pattern::new(r"(?i)\bquarterly\b").unwrap_or_else(|_| pattern::never()));

/// Four quarters to date rather than a reported period.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\btrailing[\s-]+(?:twelve|12)[\s-]+months?\b|\bTTM\b|\blast[\s-]+(?:twelve|12)[\s-]+months\b")
        .unwrap_or_else(|_| pattern::never())
});

/// What joins a period to the amount after it: "for the fourth quarter of 2008 of $1.2 billion",
/// "in the first quarter was $303 million".
static JOINED: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s*,?\s*(?:of|was|were|is|totaled|totalled|reached|came\s+(?:in\s+)?at|amounted\s+to)?\s*$")
        .unwrap_or_else(|_| pattern::never())
});

/// Guidance verbs and nouns.
static GUIDANCE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:expects?|expected|expecting|anticipates?|anticipated|outlook|guidance|targets?|targeted|goals?|projected|forecasts?|forecasted|plans?\s+(?:to|for|calls\s+for)|intends?\s+to|will\s+(?:be|approximate|range)|is\s+likely|should\s+be)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// A clause about a segment, a region or a market rather than the company as a whole.
static PART_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?:\b(?i:segments?|region|regions|regional|divisions?)\b|^\W*(?:In|Across|Within|Throughout)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}\s*,)")
        .unwrap_or_else(|_| pattern::never())
});

/// Conditional or hypothetical wording: a direction word here is no statement of results.
static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:could|may|might|would|if|unless|whether|cause|risk|uncertaint)")
        .unwrap_or_else(|_| pattern::never())
});

/// Paragraphs that are boilerplate, not results.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)forward[\s-]looking\s+statements|safe\s+harbor|private\s+securities\s+litigation|conference\s+call|webcast|is\s+a\s+leading\s+(?:provider|supplier)")
        .unwrap_or_else(|_| pattern::never())
});

/// Columns of a text table the ingest did not mark: a word, a wide gap, a number.
/// Words every match of [`BOILERPLATE`] holds (see `words`).
static BOILERPLATE_WORDS: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "forward",
        "harbor",
        "litigation",
        "conference",
        "webcast",
        "leading",
    ])
});

/// Whether [`BOILERPLATE`] matches `s`, the word test first.
fn boilerplate(s: &str) -> bool {
    BOILERPLATE_WORDS.may_match(s) && BOILERPLATE.is_match(s)
}

static TABULAR: LazyLock<Regex> =
    LazyLock::new(|| pattern::new(r"\S[ \t]{4,}\(?\$?\s*\d").unwrap_or_else(|_| pattern::never()));

/// Sentence ends: a period, question or exclamation mark (and a closing quote) before space and
/// a capital or quote; abbreviations are checked separately.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r#"[.!?]["”’)]?\s+["“(]?[A-Z$]|\n\s*(?:o|•|·|▪|■|\*|--?)\s+\S"#)
        .unwrap_or_else(|_| pattern::never())
});

const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "mr", "ms", "mrs", "dr", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "no", "vs", "st", "mass", "calif", "wash",
    "n.y", "approx", "e.g", "i.e", "etc", "u.k", "l.p", "s.a", "n.v", "ave", "jr", "sr",
];

/// Split `text` into sentence byte ranges.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in SENTENCE_END.find_iter(text) {
        let dot = m.start();
        if text[dot..].starts_with('\n') {
            // A bullet line inside a block starts a new sentence.
            if dot > start {
                out.push((start, dot));
            }
            start = dot;
            continue;
        }
        let word: String = text[..dot]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let w = word.to_ascii_lowercase();
        if ABBREVIATIONS.contains(&w.as_str()) || (w.len() == 1 && w != "s") {
            continue;
        }
        // The end is after the mark and any closing quote.
        let end = text[dot..m.end()]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(m.end(), |(i, _)| dot + i);
        if end > start {
            out.push((start, end));
        }
        start = end;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    super::sentence::bounded(text, out)
}

/// Split a sentence into clauses at ";" and at ", and" / ", while" / ", but" / ", whereas".
fn clauses(text: &str) -> Vec<(usize, usize)> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        pattern::new(r"(?i);|,\s+(?:and|but|although)\s+|,?\s+(?:while|whereas)\s+|\.\s+")
            .unwrap_or_else(|_| pattern::never())
    });
    let mut out = Vec::new();
    let mut start = 0;
    for m in SPLIT.find_iter(text) {
        // A split right before a prior value ("$1.35 billion, and $7.8 billion from a year ago")
        // would cut a list: keep ", and $" together.
        if text[m.end()..].trim_start().starts_with('$') {
            continue;
        }
        if m.start() > start {
            out.push((start, m.start()));
        }
        start = m.end();
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// A block with its context: the section heading above it and what that heading says.
struct Section {
    basis: Option<Basis>,
    period: Option<PeriodSpec>,
    forward: bool,
    skip: bool,
}

/// Read all prose of the document (no tables): every amount and statement, bound.
pub(crate) fn analyze(doc: &Document, id: &Identity) -> Vec<Found> {
    let lex = lexicon::get();
    // The release's period; a line under which the year's results are given ("Twelve months
    // ended June 30, 2023") also dates its end when nothing else did, so "June 2023 quarter"
    // can be placed in that year.
    let mut base_dated = id.period.clone();
    // An event release has no reporting period, yet it can state results of a period it names
    // ("for the first nine months of the current fiscal year, ended <date>"): such
    // phrases are placed in the fiscal year the release was issued in, and only figures that
    // name their period are kept (nothing defaults to that year).
    let dated_only = id.kind == crate::release::Kind::Event;
    if dated_only && let Some(fy) = event_fiscal_year(doc, id.date.as_deref()) {
        base_dated = fy;
    }
    // The year's end date stated anywhere on such a line (a statement's "Twelve months ended
    // June 30, 2023" comes after the headline's "June 2023 quarter") places the quarters named
    // by month from the first sentence on.
    if base_dated.end_date.is_none()
        && let Some(p) = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))
            .filter_map(|b| period_line(doc.block_text(b)))
            .filter(|spec| spec.end.is_some() && spec.span == Some(period::Span::Year))
            .filter_map(|spec| period::resolve(&spec, &base_dated, false))
            .find(|p| p.label == base_dated.label)
    {
        base_dated.end_date = p.end_date;
    }
    let mut out = Vec::new();
    let mut section = Section {
        basis: None,
        period: None,
        forward: false,
        skip: false,
    };
    let mut clause_id = 0usize;
    // Inside a "Segment Results" section: from such a heading to the next heading of a topic.
    let mut in_segments = false;
    // The segments' section closed by a heading of their sum ("Total Amcor" under "Flexibles",
    // "Rigid Packaging"): the next segment name opens it again.
    let mut closed_by_total = false;
    // "The following table summarizes Adobe's second quarter fiscal year 2023 targets:": a
    // lead-in naming a period governs the lines under it, until the next heading or lead-in.
    let mut intro: Option<PeriodSpec> = None;
    // The segments the release has named as such so far ("Digital Experience segment revenue").
    let mut known_segments: Vec<String> = Vec::new();
    // The subsidiaries the release introduces as such anywhere ("its wholly owned subsidiary
    // X"): a figure said of one of them is that unit's, not the company's, even where the
    // sentence names it before its introduction or by a short name ("X's revenues").
    let subs = subsidiaries(&doc.text, id.company.name.as_deref());
    for b in &doc.blocks {
        let text = doc.block_text(b);
        match b.kind {
            BlockKind::Heading { .. } => {
                let lower = text.to_lowercase();
                section = Section {
                    basis: lex.basis(text),
                    period: period::find(text)
                        .into_iter()
                        .map(|m| m.spec)
                        .find(|s| s.span.is_some() || s.end_month.is_some()),
                    forward: GUIDANCE.is_match(text),
                    skip: lower.trim_start().starts_with("about ")
                        || lower.contains("forward-looking")
                        || lower.contains("safe harbor"),
                };
                intro = None;
                match head_kind(text) {
                    HeadLine::Segment => in_segments = true,
                    HeadLine::Topic => in_segments = false,
                    // "Total Amcor" after "Flexibles", "Rigid Packaging" (a segment table PDF
                    // text left as lines): the segments summed to the whole, so the prose after
                    // it is the company's again, until the next segment's name.
                    HeadLine::Name if in_segments && closes_segments(text) => {
                        in_segments = false;
                        closed_by_total = true;
                        continue;
                    }
                    HeadLine::Name if closed_by_total => in_segments = true,
                    HeadLine::Name => {}
                }
                if matches!(head_kind(text), HeadLine::Segment | HeadLine::Topic) {
                    closed_by_total = false;
                }
                // A heading is also a line of text: "Q1 Revenue $4.66 billion" headlines are rare;
                // headings are context only.
                continue;
            }
            BlockKind::Paragraph | BlockKind::ListItem => {}
            _ => continue,
        }
        // "June 2023 quarter", "Twelve months ended June 30, 2023" alone on a line over the
        // prose (PDF text sets such sub-headings in plain case, so ingest reads them as
        // paragraphs): a line that only names a period is a sub-heading, and its period is the
        // period of the sentences under it. The section's basis and segment stay: it is not a
        // new topic.
        if let Some(spec) = period_line(text) {
            if base_dated.end_date.is_none()
                && spec.end.is_some()
                && spec.span == Some(period::Span::Year)
                && let Some(p) = period::resolve(&spec, &base_dated, false)
                && p.label == base_dated.label
            {
                base_dated.end_date = p.end_date;
            }
            section.period = Some(spec);
            intro = None;
            continue;
        }
        if section.skip || looks_tabular(text) {
            continue;
        }
        // A dateline line inside a paragraph (flattened filings put it where the page had it,
        // mid-sentence: "$303\nNEW YORK, NY  July 8, 2008\nmillion") is read as blank, so the
        // sentence and its numbers join up again; offsets are unchanged.
        let blanked = blank_datelines(text);
        let text: &str = blanked.as_deref().unwrap_or(text);
        let sents = sentences(text);
        // A safe-harbor or boilerplate paragraph is skipped whole; elsewhere only its sentence.
        if sents
            .first()
            .is_some_and(|&(a, e)| boilerplate(&text[a..e]))
        {
            continue;
        }
        // The paragraph's period phrases, read once (when a sentence first needs them) and
        // shared by the lead-in, the opening period and every sentence: one pass of the period
        // patterns a paragraph rather than one a sentence.
        let para_found = std::cell::OnceCell::new();
        let periods_of = || para_found.get_or_init(|| period::find(text));
        if text.trim_end().ends_with(':')
            && let Some(m) = periods_of()
                .iter()
                .find(|m| m.spec.relative.is_none() && m.spec.span.is_some())
        {
            intro = Some(m.spec);
        }
        // "For fiscal year 2014, total revenues were ... GAAP operating income was ...": a period
        // opening a paragraph governs its later sentences.
        let lead = text.len() - text.trim_start().len();
        let para_period_of = || {
            periods_of()
                .iter()
                .take_while(|m| m.start <= lead + 12)
                .filter(|m| !(dated_only && year_unnamed(&m.spec)))
                .find(|m| m.spec.relative.is_none() && m.spec.span.is_some())
                .map(|m| m.spec)
        };
        // Heading lines inside the paragraph (flattened filings run a whole release into one
        // block): "Segment Results", then a segment's name over each segment's sentences.
        let heads = heading_lines(text);
        let mut hi = 0;
        // The income result the last sentence was about, for "the loss was ..." after it.
        let mut subject: Option<(&'static str, String)> = None;
        for (ss, se) in sents {
            let sent = &text[ss..se];
            while let Some(&(at, kind)) = heads.get(hi) {
                if at >= se {
                    break;
                }
                match kind {
                    HeadLine::Segment => in_segments = true,
                    HeadLine::Topic => in_segments = false,
                    HeadLine::Name => {}
                }
                hi += 1;
            }
            // A segment's results are not the company's: none of them is a company figure. A
            // sentence that names its segment ("Cloud segment revenue was ...") is read
            // as that segment's.
            let segment = segment_named(sent);
            if let Some(n) = &segment
                && !known_segments.contains(n)
            {
                known_segments.push(n.clone());
            }
            let segment = segment.or_else(|| segment_line(sent, &known_segments));
            if (in_segments || SEGMENT_WORDS.may_match(sent) && SEGMENT_SUBJECT.is_match(sent))
                && segment.is_none()
            {
                continue;
            }
            if boilerplate(sent) || TABULAR.is_match(sent) {
                continue;
            }
            let s_off = b.start + ss;
            let mut mentions = lex.mentions(sent);
            // "... showed a loss from continuing operations of $312 million. Excluding
            // restructuring charges, the loss was $256 million": "the loss" names no metric of
            // its own; it is the previous sentence's result, said again on another basis.
            if mentions.is_empty()
                && let Some((metric, label)) = &subject
                && let Some(m) = RESULT_ANAPHOR.find(sent)
            {
                mentions.push(Mention {
                    start: m.start(),
                    end: m.end(),
                    metric,
                    label: label.clone(),
                    qualified: false,
                });
            }
            subject = mentions
                .iter()
                .find(|m| is_income(m.metric) && !m.metric.starts_with("eps") && !m.qualified)
                .map(|m| (m.metric, m.label.clone()))
                .or(subject.take().filter(|_| mentions.is_empty()));
            let amounts = money::scan(sent);
            // A sentence with neither an amount nor a metric states nothing (a qualitative
            // statement needs a metric): the rest of the reading is skipped.
            if mentions.is_empty() && amounts.is_empty() {
                continue;
            }
            // The paragraph's periods that lie in this sentence, with sentence offsets.
            // (Sorted by start: the sentence's are found by bisection, not by a scan of all
            // the paragraph's.)
            let all = periods_of();
            let first = all.partition_point(|m| m.start < ss);
            let periods: Vec<period::PeriodMatch> = all[first..]
                .iter()
                .take_while(|m| m.start < se)
                .filter(|m| m.end <= se)
                // In an event release "annual" and "full year" with no year are a rate ("new
                // contracts worth $2 million in annual revenue"), not a period: the year is
                // named or not at all.
                .filter(|m| !(dated_only && year_unnamed(&m.spec)))
                .map(|m| period::PeriodMatch {
                    start: m.start - ss,
                    end: m.end - ss,
                    spec: m.spec,
                })
                .collect();
            let para_period = para_period_of();
            let marks = lex.basis_marks(sent);
            let sentence_first = out.len();
            for (cs, ce) in clauses(sent)
                .into_iter()
                .flat_map(|c| result_before_guidance(sent, c, &amounts))
            {
                clause_id += 1;
                let ctx = ClauseCtx {
                    sent,
                    s_off,
                    cs,
                    ce,
                    mentions: &mentions,
                    amounts: &amounts,
                    periods: &periods,
                    marks: &marks,
                    base: &base_dated,
                    section: &section,
                    para: para_period.as_ref(),
                    intro: intro.as_ref(),
                    forward: section.forward || GUIDANCE.is_match(&sent[cs..ce]),
                    clause: clause_id,
                    segment: segment.as_deref(),
                    dated_only,
                };
                let in_clause: Vec<&MoneyMatch> = amounts
                    .iter()
                    .filter(|a| a.start >= cs && a.end <= ce)
                    .collect();
                if in_clause.is_empty() {
                    if !ctx.forward
                        && let Some(f) = ctx.qualitative()
                    {
                        out.push(f);
                    }
                    continue;
                }
                out.extend(ctx.amounts(&in_clause, &amounts));
            }
            // Figures of this sentence said of a subsidiary are that subsidiary's.
            for f in out.iter_mut().skip(sentence_first) {
                if f.segment.is_none() {
                    let at = if f.role == Role::Qualitative {
                        f.end
                    } else {
                        f.start
                    };
                    f.segment = subsidiary_before(sent, at.saturating_sub(s_off), &subs);
                }
            }
            each_of_quarters(sent, s_off, &mut out, sentence_first);
        }
    }
    settle_eps(doc, &mut out);
    out
}

/// A subsidiary the release introduces: its name, and the short name later sentences may use
/// (its first word: "Delta" for "Delta Systems"), unless that word is also the company's own.
#[derive(Debug, Clone)]
struct Subsidiary {
    name: String,
    short: Option<String>,
}

/// A run of capitalised words: a unit's proper name ("North Ridge Labs").
const PROPER: &str = r"[A-Z][A-Za-z0-9&\-]*(?:[ \t]*\n?[ \t]*[A-Z][A-Za-z0-9&\-]*){0,3}";

/// How releases introduce a subsidiary: "its wholly owned subsidiary X", "The Company's
/// subsidiary X", "X, its wholly-owned subsidiary", "the Company's X subsidiary".
static SUBSIDIARY_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    let owner = r"(?:its|our|(?:the\s+)?[Cc]ompany(?:'s|’s))";
    let kind = r"(?:(?:wholly|majority|fully)[\s-]+owned\s+|operating\s+)?subsidiary";
    pattern::new(&format!(
        r"\b(?i:{owner})\s+(?i:{kind}),?\s+(?P<after>{PROPER})|(?P<before>{PROPER}),\s+(?i:its|our|the\s+company(?:'s|’s))\s+(?i:{kind})\b|\b(?i:{owner})\s+(?P<inner>{PROPER})\s+subsidiary\b"
    ))
    .unwrap_or_else(|_| pattern::never())
});

/// Words that begin a sentence or name a kind of thing, never a unit's short name.
const NOT_A_NAME: &[&str] = &[
    "The", "A", "An", "In", "On", "Of", "For", "Its", "Our", "This", "That", "Company", "Inc",
];

fn subsidiaries(text: &str, company: Option<&str>) -> Vec<Subsidiary> {
    let company_first = company
        .and_then(|c| c.split_whitespace().next())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
    let mut out: Vec<Subsidiary> = Vec::new();
    for c in SUBSIDIARY_INTRO.captures_iter(text) {
        let Some(m) = c.name("after").or(c.name("before")).or(c.name("inner")) else {
            continue;
        };
        let mut words: Vec<&str> = m.as_str().split_whitespace().collect();
        // A sentence's first word is capitalised whatever it is: "To Delta Systems, its ...".
        while words.first().is_some_and(|w| NOT_A_NAME.contains(w)) {
            words.remove(0);
        }
        let Some(&first) = words.first() else {
            continue;
        };
        let name = words.join(" ");
        // The company's own name is not one of its subsidiaries.
        if company.is_some_and(|c| c.starts_with(&name)) {
            continue;
        }
        let short =
            (words.len() > 1 && first.len() >= 3 && company_first.as_deref() != Some(first))
                .then(|| first.to_string());
        if !out.iter().any(|s| s.name == name) {
            out.push(Subsidiary { name, short });
        }
    }
    out
}

/// A company-level word between a unit's name and an amount: the amount is the whole's again
/// ("Delta Systems grew, and total revenue was $50 million").
static WHOLE_AGAIN: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:total|consolidated|overall|company[\s-]wide|the\s+company)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// The subsidiary a figure at `pos` of a sentence is said of: the last one named before it,
/// by its name or its short name, with no word of the whole in between.
fn subsidiary_before(sent: &str, pos: usize, subs: &[Subsidiary]) -> Option<String> {
    let head = sent.get(..pos.min(sent.len()))?;
    let flat: String = head.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut best: Option<(usize, &Subsidiary)> = None;
    for s in subs {
        for n in std::iter::once(s.name.as_str()).chain(s.short.as_deref()) {
            let found = flat.match_indices(n).filter(|&(i, _)| {
                let before_ok = flat[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = flat[i + n.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                before_ok && after_ok
            });
            if let Some((i, _)) = found.last()
                && best.is_none_or(|(b, _)| i > b)
            {
                best = Some((i, s));
            }
        }
    }
    let (i, s) = best?;
    (!WHOLE_AGAIN.is_match(&flat[i..])).then(|| s.name.clone())
}

/// "about $X for both the first and the second quarters": one amount stated
/// for each of two quarters; the reading bound it to the nearer one, so it is given for the
/// other one of the same fiscal year too.
static BOTH_QUARTERS: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^[\s,]*(?:for|in)\s+(?:both|each\s+of)\s+the\s+(first|second|third|fourth)\s+and\s+(?:the\s+)?(first|second|third|fourth)\s+(?:fiscal\s+)?quarters\b")
        .unwrap_or_else(|_| pattern::never())
});

fn each_of_quarters(sent: &str, s_off: usize, out: &mut Vec<Found>, from: usize) {
    let mut more = Vec::new();
    for f in out.iter().skip(from) {
        let Some(p) = &f.period else { continue };
        let (Some(q), Some(fy)) = (p.quarter, p.fiscal_year) else {
            continue;
        };
        let Some(c) = sent
            .get(f.end.saturating_sub(s_off)..)
            .and_then(|t| BOTH_QUARTERS.captures(t))
        else {
            continue;
        };
        let ord = |i: usize| c.get(i).and_then(|m| ordinal(m.as_str()));
        let (Some(a), Some(b)) = (ord(1), ord(2)) else {
            continue;
        };
        // The one of the two it was not bound to.
        let other = if q == b {
            a
        } else if q == a {
            b
        } else {
            continue;
        };
        if other == q {
            continue;
        }
        let label = period::label(Span::Quarter(Some(other)), fy);
        if out.iter().any(|x| {
            x.start == f.start
                && x.period.as_ref().and_then(|p| p.label.as_deref()) == Some(label.as_str())
        }) {
            continue;
        }
        let mut g = f.clone();
        g.period = Some(Period {
            label: Some(label),
            fiscal_year: Some(fy),
            quarter: Some(other),
            end_date: None,
        });
        more.push(g);
    }
    out.extend(more);
}

fn ordinal(w: &str) -> Option<u8> {
    match w.to_ascii_lowercase().as_str() {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        _ => None,
    }
}

/// A year said without its number or end ("annual", "full year").
fn year_unnamed(spec: &PeriodSpec) -> bool {
    spec.span == Some(Span::Year)
        && spec.year.is_none()
        && spec.end.is_none()
        && matches!(spec.relative, None | Some(Relative::Current))
}

/// The fiscal year an event release was issued in, from the filer's fiscal year end in the SEC
/// header and the release date: the year ending on the first such month and day on or after
/// the date, labelled by the calendar year it ends in (a year ending January 31, 2002 is
/// FY2002). None without both, or for an invalid date.
fn event_fiscal_year(doc: &Document, date: Option<&str>) -> Option<Period> {
    let fye = doc.meta.sec.as_ref()?.fiscal_year_end.as_deref()?;
    let (m, d) = crate::ingest::sgml::month_day(fye)?;
    let (y, rm, rd) = period::parse_iso(date?)?;
    let fy = if (rm, rd) <= (m, d) { y } else { y + 1 };
    // "0229" and "0231"-like ends: the last day the month has that year.
    let day = d.min(period::month_days(fy, m));
    Some(Period {
        label: Some(format!("FY{fy}")),
        fiscal_year: Some(fy),
        quarter: None,
        end_date: Some(format!("{fy:04}-{m:02}-{day:02}")),
    })
}

/// "or $0.39 per share" written without "diluted": an amount followed by a plain per-share tail.
static PLAIN_PER_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s*(?:\(\w+\)\s*)?(?:per|a)\s+(?:common\s+)?share\b")
        .unwrap_or_else(|_| pattern::never())
});

/// "or $0.17 per diluted share", "per share on a diluted basis".
static DILUTED_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s*(?:per|a)\s+(?:fully\s+)?diluted\s+(?:common\s+)?share\b|^\s*per\s+share\s+(?:on\s+a\s+)?(?:fully\s+)?diluted\b")
        .unwrap_or_else(|_| pattern::never())
});

/// "Basic and diluted loss per share", "net loss per share, basic and diluted": one figure that
/// is both.
static BASIC_AND_DILUTED: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\bbasic\s+and\s+diluted\b|\bdiluted\s+and\s+basic\b")
        .unwrap_or_else(|_| pattern::never())
});

/// A statement row of basic EPS ("Basic Earnings Per Share", "Basic earnings (loss) per share").
static BASIC_ROW: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?im)^[\s\-]*basic\s+(?:net\s+)?(?:earnings|income|loss)\b[^\n]*\bper\s+(?:common\s+)?share")
        .unwrap_or_else(|_| pattern::never())
});

/// A line that gives a diluted per-share figure: "diluted" and an amount with cents, or an
/// amount in cents stated as its value ("GAAP diluted EPS of 12.3 cps"; not "diluted EPS differs
/// by not more than 1 cent").
static DILUTED_FIGURE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?im)^[^\n]*\bdiluted\b[^\n]*(?:\d*\.\d\d\b|\b(?:of|was|were)\s+\d+(?:\.\d+)?\s*(?:cents|cps)\b)[^\n]*$")
        .unwrap_or_else(|_| pattern::never())
});

/// A word naming a per-share measure: "basic", "diluted", "primary" (before 1997).
static MEASURE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:basic|diluted|dilution|primary)\b").unwrap_or_else(|_| pattern::never())
});

/// Which per-share figure a plain "per share" is. The lexicon reads an unmarked EPS as diluted,
/// the headline figure of most releases; the release itself can say otherwise:
/// - a figure stated as "basic and diluted" is both, so it is given as both;
/// - beside a figure written "per diluted share" in the same sentence, a plain "per share" loss
///   is the writer marking the other one (a loss quarter, where diluted is not computed): basic;
/// - a release whose statement gives EPS only on a "Basic" row, and no diluted figure anywhere,
///   states basic EPS throughout.
fn settle_eps(doc: &Document, out: &mut Vec<Found>) {
    let text = doc.text.as_str();
    let tail = |f: &Found| text.get(f.end..(f.end + 60).min(text.len())).unwrap_or("");
    let plain = |f: &Found| {
        f.metric == "eps_diluted"
            && f.unit == unit::USD_PER_SHARE
            && !f.label.to_ascii_lowercase().contains("dilut")
            && PLAIN_PER_SHARE.is_match(tail(f))
            && !DILUTED_TAIL.is_match(tail(f))
    };
    // The release's own tables, else those filed with it: "Basic Earnings Per Share" rows and no
    // diluted figure in either say which per-share measure the prose's plain "per share" is.
    let companion = doc.meta.companion_text.as_deref().unwrap_or("");
    let basic_only = (BASIC_ROW.is_match(text) || BASIC_ROW.is_match(companion))
        && !DILUTED_FIGURE_LINE.is_match(text)
        && !DILUTED_FIGURE_LINE.is_match(companion);
    let sentence_of = |f: &Found| {
        let (a, e) = f.clause_span;
        let a = text
            .get(..a)
            .and_then(|b| b.rfind(['.', '\n']))
            .map_or(0, |i| i + 1);
        (a.min(f.start), e.max(f.end))
    };
    let diluted_beside: Vec<bool> = out
        .iter()
        .map(|f| {
            plain(f) && {
                let (a, e) = sentence_of(f);
                let line_end = text
                    .get(e..)
                    .and_then(|r| r.find(". "))
                    .map_or(e, |i| e + i);
                out.iter().any(|g| {
                    g.start >= a
                        && g.start <= line_end
                        && g.metric == "eps_diluted"
                        && DILUTED_TAIL.is_match(tail(g))
                })
            }
        })
        .collect();
    // Whether the release or the tables filed with it name a per-share measure at all.
    let named = MEASURE_WORD.is_match(text) || MEASURE_WORD.is_match(companion);
    let mut settled = Vec::with_capacity(out.len());
    for (mut f, beside) in std::mem::take(out).into_iter().zip(diluted_beside) {
        if f.metric != "eps_diluted" {
            settled.push(f);
            continue;
        }
        // "27 cents a share", "2.03 per share": an amount without a dollar sign in a release
        // that never says which per-share measure it states (nor does any table filed with it)
        // is left out rather than given a measure nothing in the filing supports. A dollar
        // figure there keeps the lexicon's reading (diluted, the usual headline measure).
        if !named && plain(&f) && !text.get(f.start..f.end).unwrap_or("").contains('$') {
            continue;
        }
        let before = text
            .get(f.clause_span.0.min(f.start)..f.start)
            .unwrap_or("");
        if BASIC_AND_DILUTED.is_match(before) || BASIC_AND_DILUTED.is_match(tail(&f)) {
            let mut b = f.clone();
            b.metric = "eps_basic";
            settled.push(f);
            settled.push(b);
            continue;
        }
        // A loss beside a diluted figure: diluted EPS is not computed for a loss (it would be
        // anti-dilutive), so "per share" there is the basic figure. A positive plain figure
        // beside a diluted one is loose writing of the same diluted measure.
        let loss = f.value.as_ref().is_some_and(|v| v.0.is_sign_negative());
        if plain(&f) && (beside && loss || basic_only) {
            f.metric = "eps_basic";
        }
        settled.push(f);
    }
    *out = settled;
}

/// "the loss was", "the loss of": a result named by a bare noun, standing for the one named
/// just before.
static RESULT_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\bthe\s+loss\s+(?:(?:attributable|allocated|related)\s+to\s+[^,.;$]{1,60}?\s+)?(?:was|of|totaled|totalled|amounted\s+to)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// Words right after a metric that narrow it to a part: "revenues related to these
/// activities", "sales generated by the acquired brands" (never "net loss attributable to
/// <the company>", its total).
static PART_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s*(?:related\s+to|associated\s+with|generated\s+by|derived\s+from|contributed\s+by)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// The second year of a list of periods: "... of fiscal 2014 and 2013, ".
static AND_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s*(?:and|&)\s+(?:fiscal\s+)?((?:19|20)\d\d)\s*,?\s*$")
        .unwrap_or_else(|_| pattern::never())
});

/// "..., respectively": amounts paired in order with a list said before them.
static RESPECTIVELY: LazyLock<Regex> =
    LazyLock::new(|| pattern::new(r"(?i)\brespectively\b").unwrap_or_else(|_| pattern::never()));

/// Verbs that report a result as done: the amount they lead to is a result, not guidance.
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:was|were|totaled|totalled|reached|rose|fell|grew|increased|decreased|declined|improved|dropped|reported|generated|posted|achieved)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// The article and modifiers that open a guide's noun phrase, at the end of the text before the
/// guidance word: "the 2009 ", "its fiscal 2024 ", "our full-year ".
static GUIDE_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)(?:the|its|our|their)\s+(?:[\w-]+\s+){0,2}$")
        .unwrap_or_else(|_| pattern::never())
});

/// A clause that reports a result and then names a target or the guidance ("was $643 million,
/// ... helping to keep the ratio within its targeted range", "were $1.2 billion, in line with
/// our outlook") is two parts: the result before the guidance word, and what follows it. Only
/// the second looks ahead.
fn result_before_guidance(
    sent: &str,
    (cs, ce): (usize, usize),
    amounts: &[MoneyMatch],
) -> Vec<(usize, usize)> {
    let clause = &sent[cs..ce];
    let Some(g) = GUIDANCE.find(clause) else {
        return vec![(cs, ce)];
    };
    // The guide's noun phrase starts at its article: "reach the 2009 goal of ..." keeps its
    // year with the guide.
    let lead = &clause[..g.start()];
    let cut = cs + GUIDE_ARTICLE.find(lead).map_or(g.start(), |m| m.start());
    let reported = REPORTED
        .find(&clause[..g.start()])
        .map(|m| cs + m.end())
        .filter(|&r| amounts.iter().any(|a| a.start >= r && a.end <= cut));
    match reported {
        Some(_) => vec![(cs, cut), (cut, ce)],
        None => vec![(cs, ce)],
    }
}

/// A dateline alone on its line: "NEW YORK, NY  July 8, 2008", "NEW YORKJanuary 9, 2008".
static DATELINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?m)^[ \t]*[A-Z][A-Z.'\- ]{1,30}?(?:,[ \t]*[A-Z][A-Za-z.]{1,15})?[ \t,]*\(?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2},[ \t]*(?:19|20)\d{2}\)?[ \t]*(?:-+|[–—])?[ \t]*$")
        .unwrap_or_else(|_| pattern::never())
});

/// `text` with every dateline line after its first line made spaces, when it has one.
fn blank_datelines(text: &str) -> Option<String> {
    let first_end = text.find('\n')?;
    if !text[first_end..].contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut out: Option<String> = None;
    for m in DATELINE_LINE.find_iter(&text[first_end..]) {
        let (s, e) = (first_end + m.start(), first_end + m.end());
        let o = out.get_or_insert_with(|| text.to_string());
        // Same length, so every offset into `text` stays true (the line is ASCII but for the
        // dashes, which are replaced byte for byte).
        let blank: String = o[s..e].chars().map(|c| " ".repeat(c.len_utf8())).collect();
        o.replace_range(s..e, &blank);
    }
    out
}

/// A heading that names the sum of the segments ("Total Company", "Total Amcor"), not a part
/// of one ("Total segment profit", "Total Flexibles net sales").
fn closes_segments(text: &str) -> bool {
    let l = text.trim().to_lowercase();
    l.strip_prefix("total ")
        .is_some_and(|rest| !rest.contains("segment") && rest.split_whitespace().count() <= 2)
}

/// The period a lone line names when that is all it says: one line of at most six words, no
/// amount, no sentence, and a period with a span or a quarter's end month ("June 2023
/// quarter", "Twelve months ended June 30, 2023", "Fiscal 2024"). A line ending in a comma is
/// a cut table header ("Twelve Months Ended June 30,"), not a heading.
fn period_line(text: &str) -> Option<PeriodSpec> {
    let t = text.trim();
    if t.contains('\n')
        || !t.contains(char::is_alphabetic)
        || t.split_whitespace().count() > 6
        || t.ends_with([',', '.', ';'])
        || t.contains(['$', '%'])
    {
        return None;
    }
    let found = period::find(t);
    let m = found.iter().find(|m| {
        m.spec.relative.is_none() && (m.spec.span.is_some() || m.spec.end_month.is_some())
    })?;
    // The period is the line, but for a word like "results" or "highlights" beside it: "Net
    // sales rose in fiscal 2024" is a sentence, with words the period does not have.
    let rest = format!("{} {}", &t[..m.start], &t[m.end..]);
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    (words <= 2).then_some(m.spec)
}

/// What a heading line opens: the segments' section, another topic, or a name (a segment's,
/// within that section).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadLine {
    Segment,
    Topic,
    Name,
}

fn head_kind(line: &str) -> HeadLine {
    let l = line.to_ascii_lowercase();
    if l.contains("segment") || l.contains("business review") || l.contains("by business") {
        return HeadLine::Segment;
    }
    // Sections that are not about segments; a segment's own sub-headings ("Adjusted EBIT",
    // "Twelve Months Ended ...", "Total ...") leave the section open.
    const TOPICS: &[&str] = &[
        "about",
        "forward",
        "outlook",
        "guidance",
        "cash flow",
        "liquidity",
        "balance sheet",
        "conference",
        "dividend",
        "highlights",
        "reconciliation",
        "non-gaap",
        "summary",
        "consolidated",
        "results of operations",
        "safe harbor",
        "webcast",
        "contact",
        "statement",
        "capital",
        "share repurchase",
        "buyback",
        "financial",
        "target",
        "quarter",
        "year",
        "company",
        "corporate",
    ];
    if TOPICS.iter().any(|t| l.contains(t)) {
        HeadLine::Topic
    } else {
        HeadLine::Name
    }
}

/// Short title lines inside a block, each with its offset and what it opens: at most six words,
/// a capital first, no digits, no sentence punctuation, with text after it.
fn heading_lines(text: &str) -> Vec<(usize, HeadLine)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let t = line.trim();
        if at >= text.len()
            || t.is_empty()
            || t.len() > 60
            || t.split_whitespace().count() > 6
            || !t.starts_with(|c: char| c.is_ascii_uppercase())
            || t.contains(|c: char| {
                c.is_ascii_digit()
                    || matches!(c, '.' | ',' | ';' | ':' | '$' | '%' | '"' | '(' | ')')
            })
        {
            continue;
        }
        // Every word capitalized or a short joining word: a title, not a wrapped sentence.
        let titled = t.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || matches!(w, "and" | "of" | "the" | "&" | "for" | "in")
        });
        if titled {
            out.push((start, head_kind(t)));
        }
    }
    out
}

/// A clause whose subject is a part of the company: a business, unit, division, subsidiary or
/// joint venture ("The soft alloy extrusion business had revenues of ...").
static PART_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:business|businesses|unit|units|division|divisions|subsidiary|subsidiaries|joint\s+venture|segment|segments)\s+(?:had|has|have|reported|posted|generated|recorded|contributed|achieved|delivered|saw)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// A sentence whose subject is a named segment and its metric: "Cloud segment revenue
/// was $3.40 billion", "The Industrial segment's net sales were ...".
static SEGMENT_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"^\W*(?:The\s+|Our\s+)?((?:[A-Z][A-Za-z&\-]*\s+){0,3}[A-Z][A-Za-z&\-]*)\s+(?:reportable\s+|business\s+|operating\s+)?segment(?:'s|’s)?\s+(?:total\s+|net\s+)?(?:revenues?|sales|operating\s+income|operating\s+profit)\b")
        .unwrap_or_else(|_| pattern::never())
});

/// The segment a sentence is about when it opens by naming it; not a word like "Each" or
/// "Total".
fn segment_named(sent: &str) -> Option<String> {
    let name = SEGMENT_NAMED.captures(sent)?.get(1)?.as_str();
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    if matches!(
        first.as_str(),
        "each" | "this" | "that" | "total" | "other" | "all" | "every" | "its" | "their"
    ) {
        return None;
    }
    Some(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A sentence that opens with a segment the release named before, then a line of it and its
/// revenue: "Digital Experience subscription revenue was $1.04 billion" is the figure of the
/// segment's "subscription" line, not the company's revenue.
fn segment_line(sent: &str, known: &[String]) -> Option<String> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        pattern::new(r"^((?:[a-z][a-z\-]*\s+){1,2})(?:revenues?|sales)\b")
            .unwrap_or_else(|_| pattern::never())
    });
    let t = sent.trim_start_matches(|c: char| !c.is_alphanumeric());
    known.iter().find_map(|k| {
        let rest = t.strip_prefix(k.as_str())?.strip_prefix(' ')?;
        let words = LINE.captures(rest)?.get(1)?.as_str();
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        // "Digital Media segment revenue" itself, "... total revenue": the segment, not a line.
        (!matches!(
            words.as_str(),
            "segment" | "total" | "net" | "segment total"
        ))
        .then(|| format!("{k} {words}"))
    })
}

/// A sentence whose subject is a segment: "The segment benefited from ...", "This segment was
/// expanded".
/// "segment", which every match of [`SEGMENT_SUBJECT`] holds (see `words`).
static SEGMENT_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&["segment"]));

static SEGMENT_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:the|this|each|that)\s+segment(?:'s)?\b|\bsegment's\b")
        .unwrap_or_else(|_| pattern::never())
});

/// Lines that are rows of a text table the ingest did not mark ("Revenue    $ 79,000   $ 75,000").
fn looks_tabular(text: &str) -> bool {
    static ROW: LazyLock<Regex> = LazyLock::new(|| {
        pattern::new(r"\S\s{3,}(?:\$\s*)?\(?[\d.,]+\)?%?\s*$").unwrap_or_else(|_| pattern::never())
    });
    let lines: Vec<&str> = text.lines().collect();
    let rows = lines.iter().filter(|l| ROW.is_match(l)).count();
    rows * 2 > lines.len()
}

struct ClauseCtx<'a> {
    sent: &'a str,
    s_off: usize,
    cs: usize,
    ce: usize,
    mentions: &'a [Mention],
    amounts: &'a [MoneyMatch],
    periods: &'a [period::PeriodMatch],
    marks: &'a [(usize, Basis)],
    base: &'a Period,
    section: &'a Section,
    para: Option<&'a PeriodSpec>,
    intro: Option<&'a PeriodSpec>,
    forward: bool,
    clause: usize,
    segment: Option<&'a str>,
    /// An event release: the base only places the periods the text names; it is no period a
    /// figure falls back to.
    dated_only: bool,
}

impl ClauseCtx<'_> {
    fn doc_span(&self, s: usize, e: usize) -> (usize, usize) {
        (self.s_off + s, self.s_off + e)
    }

    /// The metric an amount at `pos` belongs to: the nearest mention before it in the clause,
    /// else after it in the clause, else the last one before it in the sentence.
    fn metric_for(&self, pos: usize, amount_unit: &str) -> Option<&Mention> {
        let lex = lexicon::get();
        // A money amount never belongs to a per-share metric and a per-share amount only to
        // one; a percent can be a level or a change of anything.
        let fits = |m: &&Mention| {
            let mu = lex.unit(m.metric).unwrap_or(unit::USD);
            match amount_unit {
                unit::PERCENT => true,
                unit::USD_PER_SHARE => mu == unit::USD_PER_SHARE,
                _ => mu != unit::USD_PER_SHARE,
            }
        };
        // Between a metric and its amount only a short phrase stands (period phrases and other
        // amounts aside): "Revenues for the fourth quarter of fiscal 2006 were $79 million".
        let near = |m: &&Mention| {
            let mut words = 0;
            let mut i = m.end;
            // "to all noninterest bearing deposits and the increased limit to $250,000": a new
            // noun phrase joined after the metric ("and the ...", not a period) is what the
            // amount is of.
            let mut other = false;
            for p in self
                .periods
                .iter()
                .filter(|p| p.start >= m.end && p.end <= pos)
            {
                let gap = &self.sent[i.min(p.start)..p.start];
                words += gap.split_whitespace().count();
                other |= ANOTHER_THING.is_match(gap);
                i = i.max(p.end);
            }
            let gap = &self.sent[i.min(pos)..pos];
            words += gap.split_whitespace().count();
            other |= ANOTHER_THING.is_match(gap);
            if other {
                return false;
            }
            let amounts_between = self
                .amounts
                .iter()
                .filter(|a| a.start >= m.end && a.end <= pos)
                .count();
            words <= 12 + 3 * amounts_between
        };
        // "$762 million of cash on hand", "nearly $40 billion of operating cash flow": the
        // metric the amount is "of" is its own, whatever the clause named before.
        if let Some(m) = self.mentions.iter().filter(fits).find(|m| {
            m.start > pos
                && m.end <= self.ce
                && AMOUNT_OF.is_match(self.sent.get(pos..m.start).unwrap_or(""))
        }) {
            return Some(m);
        }
        let before = self
            .mentions
            .iter()
            .filter(fits)
            .rfind(|m| m.end <= pos && m.start >= self.cs);
        if let Some(b) = before {
            return near(&b).then_some(b);
        }
        let after = self
            .mentions
            .iter()
            .filter(fits)
            .find(|m| m.start >= pos && m.end <= self.ce && m.start - pos < 40);
        if after.is_some() {
            return after;
        }
        // The clause has no metric: its subject is the sentence's ("Gross margins declined
        // ..., but were at the high end of the range of 58 - 62%"); the clause itself is short
        // and says what the subject was ("were", "rose to"), not what else was done with money
        // ("and returned almost $27 billion to our shareholders").
        let fallback = self.mentions.iter().filter(fits).rfind(|m| m.end <= pos)?;
        let head = &self.sent[self.cs..pos];
        let words = head.split_whitespace().count();
        // A clause that opens on the subject's target ("the 2009 goal of a 50 percent
        // reduction", "the plan for 2010 calls for a further cut to $850 million") says what is
        // aimed for, which is the subject's guide.
        let aims = self.forward
            && words <= 16
            && GUIDANCE
                .find(head)
                .is_some_and(|g| head[..g.start()].split_whitespace().count() <= 3);
        (words <= 12 && COPULA.is_match(head) || aims).then_some(fallback)
    }

    /// The period an amount takes from a list of periods closed by "respectively", when the
    /// amounts of its kind before the list are as many as the periods in it. A bare year in the
    /// list ("the fourth quarter of fiscal 2014 and 2013") names the first one's span in that
    /// year.
    fn respectively_period(&self, a: &MoneyMatch, in_clause: &[&MoneyMatch]) -> Option<Period> {
        let r = RESPECTIVELY.find(&self.sent[a.end..self.ce])?;
        let at = a.end + r.start();
        let first_period = self
            .periods
            .iter()
            .find(|p| p.start >= a.end && p.end <= at)?
            .start;
        let list: Vec<&&MoneyMatch> = in_clause
            .iter()
            .filter(|x| x.end <= first_period && x.unit == a.unit)
            .collect();
        let last_end = list.last()?.end;
        let periods: Vec<&period::PeriodMatch> = self
            .periods
            .iter()
            .filter(|p| p.start >= last_end && p.end <= at)
            .collect();
        let i = list.iter().position(|x| x.start == a.start)?;
        let first = period::resolve(&periods.first()?.spec, self.base, self.forward)?;
        // The same span in another year: "fiscal 2014 and 2013".
        let in_year = |y: i32| {
            let spec = PeriodSpec {
                year: Some(y),
                bare_year: true,
                span: first.quarter.is_none().then_some(Span::Year),
                ..PeriodSpec::default()
            };
            period::resolve_prior(&spec, &first, false)
        };
        if list.len() == 2 && periods.len() == 1 {
            let tail = &self.sent[periods[0].end..at];
            let y = AND_YEAR
                .captures(tail)
                .and_then(|c| c.get(1))
                .and_then(|y| y.as_str().parse().ok())?;
            return if i == 0 { Some(first) } else { in_year(y) };
        }
        if list.len() < 2 || periods.len() != list.len() {
            return None;
        }
        let p = periods[i];
        if i == 0 {
            Some(first)
        } else if p.spec.bare_year {
            p.spec.year.and_then(in_year)
        } else {
            period::resolve(&p.spec, self.base, self.forward)
        }
    }

    /// Where the prior side of the clause starts (after "compared to", "from", ...), if any.
    fn compare_at(&self, from: usize) -> Option<(usize, usize)> {
        let clause = &self.sent[from..self.ce];
        for m in COMPARE.find_iter(clause) {
            let (s, e) = (from + m.start(), from + m.end());
            // "income from operations", "cash from operations": part of a metric's name.
            if self.mentions.iter().any(|x| x.start <= s && e <= x.end) {
                continue;
            }
            let w = m.as_str().to_ascii_lowercase();
            // A bare "from" or "over" compares only when an amount or a period follows soon.
            if matches!(w.as_str(), "from" | "over" | "against") {
                let soon = |x: usize| x >= e && x - e < 60;
                if !self.amounts.iter().any(|a| soon(a.start))
                    && !self.periods.iter().any(|p| soon(p.start))
                {
                    continue;
                }
            }
            return Some((s, e));
        }
        None
    }

    /// The period named in `lo..hi` nearest to `pos`, resolved.
    fn period_in(&self, lo: usize, hi: usize, pos: usize, base: &Period) -> Option<Period> {
        let mut best: Option<(usize, &period::PeriodMatch)> = None;
        for p in self.periods.iter().filter(|p| {
            p.start >= lo
                && p.end <= hi
                // Looking ahead, "sequential" and "year over year" name the basis of a change.
                && !(self.forward
                    && matches!(
                        p.spec.relative,
                        Some(Relative::PriorQuarter | Relative::PriorYear)
                    ))
                // "$14,694 million, in line with the prior year": an earlier period said after
                // an amount is what it is measured against, not its own.
                && !(p.start >= pos
                    && matches!(
                        p.spec.relative,
                        Some(Relative::PriorQuarter | Relative::PriorYear)
                    ))
                // "$2.18, up 16 percent year over year": "year over year" and "sequentially"
                // name the basis of a change, never the period of an amount.
                && !(p.spec.relative.is_some()
                    && self.sent.get(p.start..p.end).is_some_and(|t| {
                        let t = t.to_ascii_lowercase();
                        t.contains("over") || t.contains("sequential")
                    }))
        }) {
            // A period that overlaps the amount ("March 31, 2024%") is at distance 0.
            let d = if p.end <= pos {
                pos - p.end
            } else {
                p.start.saturating_sub(pos)
            };
            // Explicit periods beat relative ones at a similar distance.
            let weight = d
                + if p.spec.relative.is_some() { 30 } else { 0 }
                + if p.start >= pos { 60 } else { 0 };
            if best.is_none_or(|(bw, _)| weight < bw) {
                best = Some((weight, p));
            }
        }
        let (_, p) = best?;
        // "the fourth quarter a year ago": a span named without a year, with "a year ago"
        // beside it, is that span a year before.
        if p.spec.relative.is_none()
            && p.spec.year.is_none()
            && p.spec.end.is_none()
            && !self.forward
            && self.periods.iter().any(|q| {
                q.spec.relative == Some(Relative::PriorYear)
                    && q.start >= lo
                    && q.end <= hi
                    && (q.start >= p.end && q.start - p.end < 4
                        || q.end <= p.start && p.start - q.end < 4)
            })
        {
            return period::resolve_prior(&p.spec, base, true);
        }
        period::resolve(&p.spec, base, self.forward)
    }

    /// A full-year release's "quarterly cash dividend of 12.25 cents", with no period named,
    /// is one quarter's amount: the quarter the release closes, the year's fourth, not the year.
    fn quarter_closing(&self, p: Period, lead: &str) -> Period {
        match p.fiscal_year {
            Some(fy)
                if p.quarter.is_none()
                    && p.label.as_deref() == Some(format!("FY{fy}").as_str())
                    && QUARTERLY.is_match(lead) =>
            {
                Period {
                    label: Some(period::label(Span::Quarter(Some(4)), fy)),
                    fiscal_year: Some(fy),
                    quarter: Some(4),
                    end_date: p.end_date,
                }
            }
            _ => p,
        }
    }

    fn default_period(&self) -> Option<Period> {
        // A paragraph's opening period governs its results, not a target said within it.
        if !self.forward
            && let Some(spec) = self.para
            && let Some(p) = period::resolve(spec, self.base, false)
        {
            return Some(p);
        }
        if let Some(spec) = self.intro
            && let Some(p) = period::resolve(spec, self.base, self.forward)
        {
            return Some(p);
        }
        if let Some(spec) = &self.section.period
            && let Some(p) = period::resolve(spec, self.base, self.forward)
        {
            return Some(p);
        }
        if self.forward || self.dated_only {
            return None;
        }
        self.base.label.is_some().then(|| self.base.clone())
    }

    /// The basis of an amount: a marker right after it ("on a GAAP basis"), else the nearest
    /// marker before it in the clause, else the section's.
    fn basis_for(&self, start: usize, end: usize, metric_start: usize) -> Option<Basis> {
        static AFTER: LazyLock<Regex> = LazyLock::new(|| {
            pattern::new(
                r"(?i)^\s*(?:,\s*)?(?:on\s+an?\s+(non-GAAP|non\s+GAAP|GAAP|adjusted)\s+basis|\((non-GAAP|GAAP|adjusted)\))",
            )
                .unwrap_or_else(|_| pattern::never())
        });
        if let Some(c) = AFTER.captures(&self.sent[end..])
            && let Some(w) = c.get(1).or(c.get(2))
        {
            return Some(if w.as_str().eq_ignore_ascii_case("gaap") {
                Basis::Gaap
            } else {
                Basis::NonGaap
            });
        }
        let lo = self.cs.min(metric_start);
        // An exclusion right after an amount is that amount's, not a later one's ("$6.8
        // billion excluding divested businesses, and including divested businesses were $8.1
        // billion"). A label such as "Non-GAAP:" there heads the next amount instead.
        let after_amount = |p: usize| {
            let word = self.sent.get(p..).unwrap_or("").to_ascii_lowercase();
            (word.starts_with("exclud") || word.starts_with("before"))
                && self.amounts.iter().any(|x| {
                    x.end <= p
                        && self.sent.get(x.end..p).is_some_and(|t| {
                            t.trim_matches(|c: char| c == ',' || c.is_whitespace())
                                .is_empty()
                        })
                })
        };
        self.marks
            .iter()
            .rfind(|(p, _)| *p >= lo && *p < start && !after_amount(*p))
            .map(|(_, b)| *b)
            .or(self.section.basis)
    }

    /// Whether an amount is per share: so written, or a small amount after "or" that follows a
    /// large one ("$715 million, or $0.81").
    fn per_share(&self, n: &MoneyMatch, all: &[MoneyMatch]) -> bool {
        n.unit == unit::USD_PER_SHARE
            || n.unit == unit::USD
                && n.value.0.abs() < Decimal::from(100)
                && self.companion_of(n, all).is_some()
    }

    /// Whether the amount `a` continues the metric of the amount bound last, which ended at
    /// `be`: written in the same unit, within a dozen words (periods aside), with no metric
    /// named between.
    fn chained(&self, be: usize, a: &MoneyMatch, last_unit: &str, unit_s: &str) -> bool {
        if be > a.start || a.unit != last_unit || unit_s != a.unit {
            return false;
        }
        if self
            .mentions
            .iter()
            .any(|m| m.start >= be && m.end <= a.start)
        {
            return false;
        }
        let mut words = 0;
        let mut i = be;
        for p in self
            .periods
            .iter()
            .filter(|p| p.start >= be && p.end <= a.start)
        {
            words += self.sent[i.min(p.start)..p.start]
                .split_whitespace()
                .count();
            i = i.max(p.end);
        }
        words += self.sent[i.min(a.start)..a.start]
            .split_whitespace()
            .count();
        words <= 12
    }

    /// The large amount an amount follows with "or" ("$715 million, or $0.81"): the figure
    /// it is the per-share companion of.
    fn companion_of<'m>(&self, n: &MoneyMatch, all: &'m [MoneyMatch]) -> Option<&'m MoneyMatch> {
        all.iter().rev().find(|x| x.end <= n.start).filter(|p| {
            // "($30) million or ($.89) per share": a loss in parentheses puts its closing mark
            // and scale word, and the companion's opening mark, into the gap.
            let gap: Vec<&str> = self.sent[p.end..n.start]
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
                .filter(|w| !w.is_empty())
                .collect();
            let scale = |w: &&str| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "thousand" | "million" | "billion"
                )
            };
            let scaled_before = gap.first().is_some_and(scale);
            let words: Vec<&&str> = gap.iter().filter(|w| !scale(w)).collect();
            p.unit == unit::USD
                && p.value.0.abs() >= Decimal::from(1000)
                && words.len() == 1
                && words[0].eq_ignore_ascii_case("or")
                && gap.len() <= 1 + usize::from(scaled_before)
        })
    }

    fn amounts(&self, in_clause: &[&MoneyMatch], all: &[MoneyMatch]) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let compare = self.compare_at(self.cs);
        let current_period = {
            let hi = compare.map_or(self.ce, |c| c.0);
            let first = in_clause.first().map_or(self.cs, |a| a.start);
            self.period_in(self.cs, hi, first, self.base)
                .or_else(|| {
                    // A period named earlier in the sentence ("For the first half of 2007, ...").
                    // Relative words there ("compared with last year") are a comparison's basis.
                    self.periods
                        .iter()
                        .rfind(|p| p.end <= self.cs && p.spec.relative.is_none())
                        .and_then(|p| period::resolve(&p.spec, self.base, self.forward))
                })
                .or_else(|| {
                    self.default_period()
                        .map(|p| self.quarter_closing(p, &self.sent[self.cs..first]))
                })
        };
        let mut prev_role: Option<Role> = None;
        let mut prev_end = self.cs;
        // The metric, label and end of the last amount bound in this clause.
        let mut last_bound: Option<(&'static str, String, usize)> = None;
        // The unit that amount was written in.
        let mut last_unit = String::new();
        // The period of a later amount named right before its own metric ("was $643 million,
        // bringing full-year cash from operations to $3.1 billion, compared to $2.6 billion in
        // 2006"): that amount's, and the one its priors are measured against.
        let mut named_cur: Option<Period> = None;
        for (i, a) in in_clause.iter().enumerate() {
            let mut unit_s = a.unit.clone();
            // "$715 million, or $0.81": the second figure is per share.
            let companion = self.companion_of(a, all);
            if self.per_share(a, all) {
                unit_s = unit::USD_PER_SHARE.into();
            }
            let before = &self.sent[self.cs.max(prev_end.min(a.start))..a.start];
            let before_all = &self.sent[self.cs..a.start];
            let after = &self.sent[a.end..self.ce];
            let gap_ok = |e: usize| {
                e <= a.start
                    && matches!(
                        self.sent[e..a.start].trim(),
                        "," | ", or" | "or" | "and" | "(" | ", and"
                    )
            };
            // Per share of what: the income figure just before it ("net income of $715 million,
            // or $0.81 per diluted share"), or an EPS named in this clause. A per-share effect of
            // a charge is neither.
            let after_income = last_bound
                .as_ref()
                .filter(|(bm, _, be)| {
                    matches!(
                        *bm,
                        "net_income" | "income_continuing_operations" | "operating_income"
                    ) && (gap_ok(*be) || companion.is_some_and(|p| p.end == *be))
                })
                .map(|(_, l, _)| l.clone());
            // "$0.80" after "earnings per share were": a per-share amount written without
            // "per share".
            if unit_s == unit::USD
                && a.value.0.abs() < Decimal::from(100)
                && a.value.0.scale() > 0
                && !self.sent[a.start..a.end]
                    .to_ascii_lowercase()
                    .contains("illion")
                && self
                    .metric_for(a.start, unit::USD_PER_SHARE)
                    .is_some_and(|m| m.start >= self.cs && m.end <= a.start)
            {
                unit_s = unit::USD_PER_SHARE.into();
            }
            // "$0.89 per share ($0.88 per share on a diluted basis)": the basic figure's own
            // "per share" stands between the two.
            let after_basic = last_bound.as_ref().is_some_and(|(bm, _, be)| {
                *bm == "eps_basic"
                    && (gap_ok(*be)
                        || *be <= a.start && {
                            let g = self.sent[*be..a.start].trim().to_ascii_lowercase();
                            let g = g
                                .strip_prefix("per basic share")
                                .or_else(|| g.strip_prefix("per share"))
                                .unwrap_or("per");
                            matches!(g.trim(), "(" | ", or" | "or" | ",")
                        })
            });
            let (mut metric, mut label, m_start, qualified) =
                if unit_s == unit::USD_PER_SHARE && after_basic {
                    ("eps_diluted", "diluted EPS".to_string(), a.start, false)
                } else if unit_s == unit::USD_PER_SHARE {
                    let explicit = self
                        .metric_for(a.start, &unit_s)
                        .filter(|m| m.start >= self.cs && m.end <= self.ce);
                    if let Some(l) = after_income {
                        let cut = self
                            .sent
                            .floor_char_boundary((a.end + 60).min(self.sent.len()));
                        let tail = self.sent.get(a.end..cut).unwrap_or("");
                        // "$0.89 per share ($0.88 per share on a diluted basis)": the first is basic.
                        let t = tail.trim_start();
                        let paren = t
                            .strip_prefix("per share")
                            .map(str::trim_start)
                            .and_then(|r| r.strip_prefix('('))
                            .map(|r| r.split(')').next().unwrap_or(""))
                            .unwrap_or("");
                        let basic = t.starts_with("per basic")
                            || (paren.contains('$') && paren.contains("diluted"));
                        let metric = if basic { "eps_basic" } else { "eps_diluted" };
                        (metric, format!("{l} per share"), a.start, false)
                    } else if let Some(m) = explicit {
                        (m.metric, m.label.clone(), m.start, m.qualified)
                    } else {
                        prev_role = None;
                        continue;
                    }
                } else if let Some(m) = self.metric_for(a.start, &unit_s) {
                    (m.metric, m.label.clone(), m.start, m.qualified)
                } else if let Some((bm, bl, be)) = last_bound
                    .as_ref()
                    .filter(|(_, _, be)| self.chained(*be, a, &last_unit, &unit_s))
                {
                    // "was 3.26% ..., a decrease of 14 basis points from 3.40% in the prior
                    // quarter and down 137 basis points from 4.63% a year ago": an amount of the
                    // same unit shortly after the last one bound, no other metric named between,
                    // continues its metric, however far the metric's name now is.
                    (*bm, bl.clone(), *be, false)
                } else {
                    prev_role = None;
                    continue;
                };
            // "$0.77" for income: a per-share figure written without "per share".
            if unit_s == unit::USD
                && matches!(metric, "net_income" | "income_continuing_operations")
                && a.value.0.abs() < Decimal::from(100)
                && a.value.0.scale() > 0
                && !self.sent[a.start..a.end]
                    .to_ascii_lowercase()
                    .contains("illion")
            {
                metric = "eps_diluted";
                label = format!("{label} per share");
                unit_s = unit::USD_PER_SHARE.into();
            }
            // "Online sales increased 1.1 percent to $46.6 million ... compared to net sales of
            // $46.1 million": the clause is about a part; none of its amounts is the total's.
            let clause_part = self
                .mentions
                .iter()
                .find(|m| m.start >= self.cs && m.end <= self.ce)
                .is_some_and(|m| m.qualified && m.start < a.start);
            // "Revenues related to these manufacturing activities totaled ...": a metric narrowed
            // by what follows it is a part, as one narrowed by a name before it.
            let narrowed = self
                .mentions
                .iter()
                .rfind(|m| m.start >= self.cs && m.end <= a.start && m.metric == metric)
                .is_some_and(|m| PART_AFTER.is_match(&self.sent[m.end..a.start]));
            // "which contributed $247 million and $77 million in global revenues, respectively":
            // amounts shared out over a list of things named before them (not of periods) are
            // those things' figures.
            let shared_out = RESPECTIVELY.find(after).is_some_and(|r| {
                let at = a.end + r.start();
                let first = in_clause.first().map_or(a.start, |x| x.start);
                let periods_in = |lo: usize, hi: usize| {
                    self.periods
                        .iter()
                        .filter(|p| p.start >= lo && p.end <= hi)
                        .count()
                };
                let metrics_before = self
                    .mentions
                    .iter()
                    .filter(|m| m.start >= self.cs && m.end <= first)
                    .count();
                // The list is of periods ("for the second quarter and the first six months") or
                // of metrics ("revenue and net income were"), not of things.
                periods_in(a.end, at) == 0 && periods_in(self.cs, first) < 2 && metrics_before < 2
            });
            // A clause about a named segment is read as that segment's: its metric is the
            // segment's own, not a part of the company's.
            if (qualified || clause_part || narrowed || shared_out)
                && !metric.starts_with("eps")
                && self.segment.is_none()
            {
                prev_role = None;
                continue;
            }
            // "The soft alloy extrusion business had revenues of $560 million": the subject is a
            // part of the company.
            if !metric.starts_with("eps")
                && self.segment.is_none()
                && PART_SUBJECT.is_match(&self.sent[self.cs..m_start.max(self.cs).min(a.start)])
            {
                prev_role = None;
                continue;
            }
            // "Included in the commercial construction nonperforming assets are $29.4 million in
            // condominium projects", "Included in net income was a $12 million charge": a clause
            // that opens on what the amount is included in states a part of that metric.
            if self.sent[self.cs..a.start]
                .trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
                .get(..12)
                .is_some_and(|w| w.eq_ignore_ascii_case("included in "))
            {
                prev_role = None;
                continue;
            }
            // "included $24.2 million of merger and acquisition related costs": an amount named
            // as a cost or charge within a result is that cost, not the result.
            if COST_AFTER.is_match(after) || THING_AFTER.is_match(after) {
                prev_role = None;
                continue;
            }
            // "including the impact of approximately $200 million", "which includes a $400
            // million ...": a part of the result named before it, not the result.
            // "and including divested businesses were $8.1 billion": a phrase closed by its own
            // verb qualifies the subject; the amount is the whole so counted, not a part.
            if INCLUDING_BEFORE.find(before).is_some_and(|m| {
                !m.as_str().split_whitespace().any(|w| {
                    matches!(
                        w.to_ascii_lowercase().as_str(),
                        "was" | "were" | "is" | "are" | "totaled" | "totalled"
                    )
                })
            }) {
                prev_role = None;
                continue;
            }
            // "price increases of approximately $515 million", "special charges of $708
            // million": the amount is the noun's before "of", when that noun is not the metric.
            if let Some(c) = NOUN_OF.captures(before_all) {
                let w = c.get(1).map_or("", |w| w.as_str()).to_ascii_lowercase();
                let at = self.cs + c.get(1).map_or(0, |w| w.start());
                let in_mention = self.mentions.iter().any(|m| m.start <= at && at < m.end);
                let in_period = self.periods.iter().any(|p| p.start <= at && at < p.end);
                // "Net sales for the Acme Group of $812 million": the group the amount is
                // for is the whole company, not a noun the amount belongs to instead.
                let whole = WHOLE_FOR.is_match(before_all);
                if !in_mention && !in_period && !whole && !OF_OK.contains(&w.as_str()) {
                    prev_role = None;
                    continue;
                }
            }
            // A metric's unit decides whether a percent is its level or a change.
            let metric_unit = lexicon::get().unit(metric).unwrap_or(unit::USD);
            let is_pct = a.is_percent();
            // "rose to a record $1.35 billion", "increased 21 percent to more than $3.1
            // billion": after "to" comes the new level, whatever words qualify it.
            // "3.33% down from 4.62%": after "from" comes the prior, not the change.
            let change_word = CHANGE_BEFORE.find(before_all).filter(|m| {
                !m.as_str()
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("to"))
                    && !m
                        .as_str()
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| w.eq_ignore_ascii_case("from"))
            });
            // "compared to the prior-year quarter, reflecting a decline of $2.1 billion": a
            // change named with "of" or "by" is a change even past the comparison
            // word ("increased from $5 million" is not: there the amount is the prior).
            let change_of = change_word.is_some_and(|m| {
                let t = m.as_str().to_ascii_lowercase();
                let w: Vec<&str> = t
                    .split_whitespace()
                    .filter(|w| !matches!(*w, "approximately" | "about" | "nearly" | "almost"))
                    .collect();
                // The change word itself right before "of"/"by" ("an increase over net sales
                // of" names the prior's metric, not a change).
                matches!(w.as_slice(), [.., c, "of" | "by"] if CHANGE_NOUN.contains(c))
            });
            let change = change_word.is_some() && !before_all.trim_end().ends_with("to")
                || CHANGE_AFTER.is_match(after)
                || (is_pct && metric_unit != unit::PERCENT)
                // "increasing earnings by $24 million, or 3 cents per share": the per-share
                // companion of a change is the same change per share.
                || companion.is_some_and(|p| {
                    p.start >= self.cs
                        && CHANGE_BEFORE
                            .find(&self.sent[self.cs..p.start])
                            .is_some_and(|m| !m.as_str().split_whitespace().any(|w| w.eq_ignore_ascii_case("to")))
                });
            // "narrowed from $7.79 million in 2023 to $4.90 million in 2024": after "from" the
            // first amount is the prior, the one after "to" the current.
            let from_to = compare.is_some_and(|(s, e)| {
                self.sent[s..e].to_ascii_lowercase().ends_with("from")
                    && prev_role == Some(Role::Prior)
                    && (before.trim() == "to" || before.trim_end().ends_with(" to"))
            });
            let prior = !from_to
                && (compare.is_some_and(|(_, ce)| a.start >= ce)
                    || (prev_role == Some(Role::Prior)
                        && matches!(before.trim(), "and" | "," | ", and")));
            // "Comparable store net sales ... decreased 0.7 percent": a metric that is itself a
            // rate of change states its value as a change.
            let rate = is_pct && change && lexicon::get().is_change_rate(metric);
            let role = if self.forward {
                Role::Guidance
            } else if rate && !prior {
                Role::Level
            } else if change && (!prior || is_pct || change_of) {
                Role::Change
            } else if prior {
                Role::Prior
            } else {
                Role::Level
            };
            // Units: a percent for a money metric is only meaningful as a change.
            if role == Role::Level && is_pct != (metric_unit == unit::PERCENT) {
                prev_role = None;
                continue;
            }
            let period = match role {
                Role::Prior => {
                    // The period said after the prior value, up to the next amount ("$7.9
                    // billion in the first quarter of 2007 and $7.8 billion from a year ago"),
                    // else the one said between the comparison word and it.
                    let lo = compare.map_or(a.end, |c| c.1).max(prev_end).min(a.start);
                    // The next amount of the same kind: a per-share companion (", or $0.04 per
                    // share") or a ratio (", or 0.05% of total assets") does not end a prior's
                    // window.
                    let mine = unit_s == unit::USD_PER_SHARE;
                    let next = in_clause[i + 1..]
                        .iter()
                        .find(|n| self.per_share(n, all) == mine && n.is_percent() == is_pct)
                        .map_or(self.ce, |n| n.start)
                        .max(a.end);
                    let window: Vec<&period::PeriodMatch> = self
                        .periods
                        .iter()
                        .filter(|p| p.start >= lo && p.end <= next)
                        .collect();
                    let year_ago = window
                        .iter()
                        .any(|p| p.spec.relative == Some(Relative::PriorYear));
                    let cur = named_cur
                        .clone()
                        .or_else(|| current_period.clone())
                        .unwrap_or_else(|| self.base.clone());
                    let after_a: Vec<&&period::PeriodMatch> =
                        window.iter().filter(|p| p.start >= a.end).collect();
                    // "net loss for the fourth quarter of 2008 of $1.2 billion": a period joined
                    // to the amount by "of" or a verb is the amount's, before anything after it.
                    let joined = window.iter().rev().find(|p| {
                        p.end <= a.start
                            && JOINED.is_match(self.sent.get(p.end..a.start).unwrap_or(""))
                    });
                    let tail: Vec<&period::PeriodMatch> = self
                        .periods
                        .iter()
                        .filter(|p| p.start >= a.end && p.end <= self.ce)
                        .collect();
                    let pick = joined
                        .or_else(|| after_a.iter().find(|p| p.spec.relative.is_none()).copied())
                        .or_else(|| after_a.first().copied())
                        .or_else(|| {
                            window
                                .iter()
                                .rev()
                                .find(|p| p.end <= a.start && p.spec.relative.is_none())
                        })
                        .or_else(|| window.first())
                        // "compare to revenue of $15.68 billion and net quarterly profit of $3.38
                        // billion, ... in the year-ago quarter": priors listed before the period
                        // they share take the one said at the list's end.
                        .or_else(|| tail.first());
                    // "the comparable quarter in fiscal 2008": the quarter a year before, in the
                    // year named, not the whole year.
                    let comparable_in = |p: &period::PeriodMatch| {
                        p.spec.span == Some(Span::Year)
                            && cur.quarter.is_some()
                            && window.iter().any(|q| {
                                q.spec.relative == Some(Relative::PriorYear)
                                    && q.end <= p.start
                                    && p.start - q.end <= 8
                            })
                    };
                    match pick {
                        Some(p) if comparable_in(p) => p.spec.year.map(|y| Period {
                            label: Some(period::label(Span::Quarter(cur.quarter), y)),
                            fiscal_year: Some(y),
                            quarter: cur.quarter,
                            end_date: None,
                        }),
                        _ => pick.and_then(|p| period::resolve_prior(&p.spec, &cur, year_ago)),
                    }
                }
                Role::Guidance => {
                    let said = self.period_in(self.cs, self.ce, a.start, self.base);
                    // Under a "Fiscal 2024 Guidance" heading, "$850 million to $950 million,
                    // representing solid growth over fiscal 2023": a reported period is what
                    // the guide is measured against, the guide is for the heading's period.
                    let heading = self
                        .section
                        .period
                        .as_ref()
                        .filter(|_| self.section.forward)
                        .and_then(|spec| period::resolve(spec, self.base, true))
                        .filter(|h| !reported(h, self.base));
                    match (said, heading) {
                        (Some(p), Some(h)) if reported(&p, self.base) => Some(h),
                        (said, _) => said.or_else(|| self.default_period()),
                    }
                }
                // "Net income was $632 million, or $0.75 in the fourth quarter of 2007 and $662
                // million, or $0.75 in the first quarter of 2007": each amount of a list takes
                // the period said right after it, before the next amount of its kind.
                _ => {
                    let mine = unit_s == unit::USD_PER_SHARE;
                    let next = in_clause[i + 1..]
                        .iter()
                        .find(|n| self.per_share(n, all) == mine)
                        .map(|n| n.start);
                    let own = Some(next.unwrap_or(self.ce)).and_then(|nx| {
                        self.periods.iter().find(|p| {
                            p.start >= a.end
                                && p.end <= nx
                                && p.spec.relative.is_none()
                                && self.sent[a.end..p.start].split_whitespace().count() <= 6
                                && !self.amounts.iter().any(|x| {
                                    x.start >= a.end
                                        && x.end <= p.start
                                        && x.unit == a.unit
                                        && !self.per_share(x, all)
                                        && !mine
                                })
                        })
                    });
                    let listed = next.is_some()
                        || in_clause[..i]
                            .iter()
                            .any(|x| self.per_share(x, all) == mine);
                    let named_before = (i > 0 && m_start > prev_end)
                        .then(|| {
                            self.periods.iter().rfind(|p| {
                                p.start >= prev_end
                                    && p.end <= m_start
                                    && matches!(p.spec.relative, None | Some(Relative::Current))
                            })
                        })
                        .flatten()
                        .and_then(|p| {
                            let cur = current_period.as_ref().unwrap_or(self.base);
                            period::resolve(&p.spec, cur, self.forward)
                        });
                    match own.and_then(|p| period::resolve(&p.spec, self.base, self.forward)) {
                        Some(p) if listed => Some(p),
                        _ if named_before.is_some() => {
                            named_cur.clone_from(&named_before);
                            named_before
                        }
                        _ => current_period.clone(),
                    }
                }
            };
            // "20.5% and 21.1% in the fourth quarter of fiscal 2014 and 2013, respectively": each
            // amount of the list takes its period of the list.
            let period = self.respectively_period(a, in_clause).or(period);
            // "trailing twelve months operating cash flow of $14.9 billion": four quarters, the
            // fiscal year only when they end with its fourth.
            let period = if TRAILING.is_match(&self.sent[self.cs..self.ce]) {
                match (self.base.quarter, self.base.fiscal_year) {
                    (Some(4), Some(fy)) => Some(Period {
                        label: Some(format!("FY{fy}")),
                        fiscal_year: Some(fy),
                        quarter: None,
                        end_date: self.base.end_date.clone(),
                    }),
                    _ => {
                        prev_role = None;
                        continue;
                    }
                }
            } else {
                period
            };
            // "$1.2 billion, or $1.49 per share": the per-share companion is of the same period.
            let period = match out.last() {
                Some(prev)
                    if matches!(role, Role::Level | Role::Prior)
                        && unit_s == unit::USD_PER_SHARE
                        && companion.is_some_and(|p| prev.end == self.s_off + p.end)
                        && prev.period.is_some() =>
                {
                    prev.period.clone()
                }
                _ => period,
            };
            // A balance at the end of the release's fiscal year is the balance at the end of its
            // last quarter: "increased by $47 million during 2006, to $361 million".
            let period = match period {
                Some(p)
                    if lexicon::get().is_balance(metric)
                        && role == Role::Level
                        && p.quarter.is_none()
                        && p.fiscal_year == self.base.fiscal_year
                        && self.base.quarter == Some(4) =>
                {
                    Some(self.base.clone())
                }
                p => p,
            };
            let basis = self.basis_for(a.start, a.end, m_start);
            let label_for_next = label.clone();
            // "were 6% lower than last year": a change's own word right after it says which
            // way, before any direction word earlier in the clause.
            // A guided change says so the same way ("the goal of a 50 percent reduction").
            let guided_change = role == Role::Guidance && is_pct && metric_unit != unit::PERCENT;
            let direction = (role == Role::Change || guided_change)
                .then(|| direction_after(after))
                .flatten()
                .or_else(|| {
                    lexicon::get()
                        .directions(&self.sent[m_start.min(a.start)..a.start])
                        .last()
                        .map(|d| d.2)
                })
                .or_else(|| match role {
                    Role::Change if a.value.is_negative() => Some(Direction::Down),
                    _ => None,
                });
            let (s, e) = self.doc_span(a.start, a.end);
            // "a net loss of $10.8 million, or $0.08 per share": a figure named as a loss is
            // negative even when written without a sign. A change in a loss ("net loss narrowed
            // by $2 million") is not, and "net income (loss)" takes its sign from the number.
            let loss = matches!(role, Role::Level | Role::Prior | Role::Guidance)
                && is_loss_label(&label)
                && is_income(metric);
            // "showed a loss of $929 million", "a negative $90 million", and the per-share
            // companion of such an amount (", or $1.16 per share").
            let lost = matches!(role, Role::Level | Role::Prior | Role::Guidance)
                && (LOSS_BEFORE.is_match(before)
                    || (unit_s == unit::USD_PER_SHARE
                        && companion.is_some_and(|p| {
                            out.last().is_some_and(|f| {
                                f.end == self.s_off + p.end
                                    && f.value.is_some_and(|v| v.is_negative())
                            })
                        })));
            // "a 27 percent drop in revenue resulting in a loss of $480 million": a loss is an
            // income figure, never the revenue or cash named before it.
            if lost
                && !is_income(metric)
                && !matches!(metric, "free_cash_flow" | "cash_flow_operations")
            {
                prev_role = None;
                continue;
            }
            let loss = loss
                || lost
                || rate
                    && role == Role::Level
                    && lexicon::get()
                        .directions(&self.sent[m_start.min(a.start)..a.start])
                        .last()
                        .is_some_and(|d| d.2 == Direction::Down);
            // "By 2010, capital expenditures will be cut by 50 percent": a guided change said
            // with a word of decline is a decrease.
            let loss = loss
                || guided_change
                    && direction_after(after)
                        .or_else(|| {
                            lexicon::get()
                                .directions(&self.sent[m_start.min(a.start)..a.start])
                                .last()
                                .map(|d| d.2)
                        })
                        .is_some_and(|d| d == Direction::Down);
            let signed =
                |v: Option<Value>| v.map(|v| if loss { Value::new(-v.0.abs()) } else { v });
            // For a loss range, the larger loss is the lower value.
            let (low, high) = if loss {
                (signed(a.high), signed(a.low))
            } else {
                (a.low, a.high)
            };
            out.push(Found {
                role,
                metric,
                label,
                period,
                value: signed(Some(a.value)),
                low,
                high,
                // "EPS of $2.18, up 16 percent": the change stays a percent.
                unit: if (metric == "eps_diluted" || metric == "eps_basic") && !is_pct {
                    unit::USD_PER_SHARE.into()
                } else {
                    unit_s
                },
                basis,
                direction,
                magnitude: None,
                basis_period: None,
                start: s,
                end: e,
                clause: self.clause,
                clause_span: self.doc_span(self.cs, self.ce),
                segment: self.segment.map(str::to_string),
            });
            prev_role = Some(role);
            prev_end = a.end;
            last_bound = Some((metric, label_for_next, a.end));
            last_unit.clone_from(&a.unit);
        }
        out
    }

    /// "Fourth quarter gross margins declined modestly from our performance in Q3".
    fn qualitative(&self) -> Option<Found> {
        let lex = lexicon::get();
        let clause = &self.sent[self.cs..self.ce];
        if CONDITIONAL.is_match(clause) {
            return None;
        }
        // Commentary on a part: "In North America, net sales were marginally lower", "sales
        // across the Asia Pacific region", "ATOI increased in five of six segments".
        if PART_CLAUSE.is_match(clause) {
            return None;
        }
        let m = self
            .mentions
            .iter()
            .find(|m| m.start >= self.cs && m.end <= self.ce && !m.qualified)?;
        // "slower sales of new single family homes": sales of a kind of thing, not the company's.
        if self.sent[m.end..self.ce].trim_start().starts_with("of ") {
            return None;
        }
        let (ds, de, dir) = lex
            .directions(&self.sent[m.end..self.ce])
            .into_iter()
            .next()
            .map(|(s, e, d)| (m.end + s, m.end + e, d))?;
        // The verb follows its subject closely ("gross margins declined", "net income
        // increased"), with at most a short phrase between.
        let gap = &self.sent[m.end..ds];
        if gap.split_whitespace().count() > 8 || gap.contains(',') {
            return None;
        }
        // Only verbs and adjectives of movement make a statement ("growth" alone is a noun).
        let word = self.sent[ds..de].to_ascii_lowercase();
        if !word.ends_with("ed")
            && !matches!(
                word.as_str(),
                "rose"
                    | "grew"
                    | "fell"
                    | "flat"
                    | "unchanged"
                    | "up"
                    | "down"
                    | "higher"
                    | "lower"
            )
        {
            return None;
        }
        let lo = self.sent.floor_char_boundary(ds.saturating_sub(16));
        let hi = self.sent.ceil_char_boundary((de + 16).min(self.ce));
        let magnitude = lex
            .magnitudes(self.sent.get(lo..hi).unwrap_or(""))
            .into_iter()
            .map(|(s, e)| {
                let o = lo;
                (o + s, o + e)
            })
            .find(|&(s, e)| {
                let between = if s >= de {
                    &self.sent[de..s]
                } else {
                    &self.sent[e.min(ds)..ds]
                };
                between.trim().is_empty()
            })
            .map(|(s, e)| self.sent[s..e].to_lowercase());
        let period = self
            .period_in(self.cs, m.start.max(ds), m.start, self.base)
            .or_else(|| self.default_period());
        let pbase = period.clone().unwrap_or_else(|| self.base.clone());
        let basis_period = self
            .periods
            .iter()
            .find(|p| p.start >= de && p.end <= self.ce)
            .and_then(|p| period::resolve_prior(&p.spec, &pbase, false));
        let (s, e) = self.doc_span(self.cs, self.ce);
        let statement_end = self.sent[..self.ce]
            .trim_end_matches([';', ',', ' ', '\n'])
            .len();
        Some(Found {
            role: Role::Qualitative,
            metric: m.metric,
            label: m.label.clone(),
            period,
            value: None,
            low: None,
            high: None,
            unit: lex.unit(m.metric).unwrap_or(unit::USD).into(),
            basis: self.basis_for(m.start, m.end, m.start),
            direction: Some(dir),
            magnitude,
            basis_period,
            start: s + clause_lead(&self.sent[self.cs..self.ce]),
            end: (self.s_off + statement_end).max(s).min(e),
            clause: self.clause,
            clause_span: (s, e),
            segment: self.segment.map(str::to_string),
        })
    }
}

/// Whether `p` is a period the release (`base`) has already reported: not one still ahead.
fn reported(p: &Period, base: &Period) -> bool {
    p.fiscal_year.is_some() && base.fiscal_year.is_some() && !period::is_ahead(p, base)
}

/// Whether the words naming a figure call it a loss ("net loss", "loss per share", "operating
/// loss") rather than a figure that may be either ("net income (loss)").
fn is_loss_label(label: &str) -> bool {
    let l = label.to_ascii_lowercase();
    !l.contains('(')
        && l.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "loss" || w == "losses")
}

/// The metrics that can be a loss: income at some level, and its per-share amounts.
fn is_income(metric: &str) -> bool {
    matches!(
        metric,
        "net_income"
            | "operating_income"
            | "income_continuing_operations"
            | "eps_diluted"
            | "eps_basic"
    )
}

fn clause_lead(s: &str) -> usize {
    s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || c == '-')
            .len()
}

/// True when `p` names a span of a year-to-date, half or nine months (never a quarter).
fn _is_cumulative(spec: &PeriodSpec) -> bool {
    matches!(
        spec.span,
        Some(Span::YearToDate | Span::NineMonths | Span::Half(_))
    ) && spec.relative != Some(Relative::Current)
}

fn figure_text(doc: &Document, s: usize, e: usize) -> String {
    doc.text
        .get(s..e)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every reported figure and statement: prose first, then the key lines of financial tables.
/// The prose readings are [`analyze`]'s, made once per release.
pub(crate) fn extract(doc: &Document, id: &Identity, found: &[Found]) -> Vec<Figure> {
    let mut figs: Vec<Figure> = Vec::new();
    for f in found.iter().cloned() {
        let fig = match f.role {
            Role::Level | Role::Prior => {
                // A prior value whose period is unknown says nothing on its own; a deal's term
                // ("an upfront cash payment of $310 million") is of no period at all.
                let term = f.role == Role::Level && lexicon::get().is_term(f.metric);
                let period = f.period.as_ref().and_then(|p| p.label.clone());
                if period.is_none() && !term {
                    continue;
                }
                Figure {
                    metric: f.metric.into(),
                    label: f.label,
                    period: if term { None } else { period },
                    value: if f.low.is_some() { None } else { f.value },
                    low: f.low,
                    high: f.high,
                    unit: Some(f.unit),
                    basis: f.basis,
                    direction: if f.role == Role::Level {
                        f.direction
                    } else {
                        None
                    },
                    magnitude: None,
                    basis_period: None,
                    qualitative: false,
                    origin: Origin::Prose,
                    segment: f.segment.clone(),
                    text: figure_text(doc, f.start, f.end),
                    source: doc.source(f.start, f.end),
                    also: Vec::new(),
                    date: None,
                }
            }
            Role::Qualitative => Figure {
                metric: f.metric.into(),
                label: f.label,
                period: f.period.and_then(|p| p.label),
                value: None,
                low: None,
                high: None,
                unit: Some(f.unit),
                basis: f.basis,
                direction: f.direction,
                magnitude: f.magnitude,
                basis_period: f.basis_period.and_then(|p| p.label),
                qualitative: true,
                origin: Origin::Prose,
                segment: f.segment.clone(),
                text: figure_text(doc, f.start, f.end),
                source: doc.source(f.start, f.end),
                also: Vec::new(),
                date: None,
            },
            Role::Change | Role::Guidance => continue,
        };
        figs.push(fig);
    }
    for f in super::table::figures(doc, id) {
        figs.push(f);
    }
    dedup(doc, figs)
}

/// One figure per metric, period, basis and value; prose wins over tables (it comes first), and
/// a table cell repeating a rounded prose figure ("$26.74 billion" and "26,741" in millions) is
/// the same figure. The figure kept records where the dropped one was stated (`also`), so a
/// reader sees both places. A hedged prose figure ("nearly $40 billion") is not the figure but a
/// rounding of it: when its table cell is found, the cell's exact value is the row, and the prose
/// is kept among its sources.
fn dedup(doc: &Document, figs: Vec<Figure>) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::with_capacity(figs.len());
    // The figures kept, by metric and period (only those can be the same figure), and by value
    // too: a figure is looked up among its like, not compared with every one (thousands of
    // figures of one paragraph made that the square of their number). A bucket is scanned in
    // order up to SCAN figures; past that (no release states a metric for one period hundreds
    // of times) only an equal value is looked up.
    const SCAN: usize = 256;
    type Bucket = (String, Option<String>);
    let mut buckets: HashMap<Bucket, Vec<usize>> = HashMap::new();
    let mut equal: HashMap<(Bucket, Option<Value>), Vec<usize>> = HashMap::new();
    for f in figs {
        let same = |o: &Figure| {
            !f.qualitative
                && !o.qualitative
                && o.metric == f.metric
                && o.period == f.period
                && o.segment == f.segment
                && o.low == f.low
                && (o.basis == f.basis || o.basis.is_none() || f.basis.is_none())
                && (o.value == f.value || f.origin == Origin::Table && close(o.value, f.value))
        };
        let key: Bucket = (f.metric.clone(), f.period.clone());
        let value = f.value.map(|v| Value(v.0.normalize()));
        let dup = if f.qualitative {
            None
        } else {
            let bucket = buckets.get(&key).map_or(&[][..], Vec::as_slice);
            bucket
                .iter()
                .take(SCAN)
                .copied()
                .find(|&k| same(&out[k]))
                .or_else(|| {
                    (bucket.len() > SCAN)
                        .then(|| equal.get(&(key.clone(), value)))
                        .flatten()
                        .and_then(|v| v.iter().copied().find(|&k| same(&out[k])))
                })
        };
        match dup.map(|k| &mut out[k]) {
            Some(o)
                if o.origin == Origin::Prose
                    && f.origin == Origin::Table
                    && o.value != f.value
                    && hedged(doc, o.source.start) =>
            {
                let mut also = std::mem::take(&mut o.also);
                also.insert(0, o.source);
                *o = Figure { also, ..f };
            }
            Some(o) => {
                if f.source != o.source && !o.also.contains(&f.source) {
                    o.also.push(f.source);
                }
            }
            None => {
                if !f.qualitative {
                    buckets.entry(key.clone()).or_default().push(out.len());
                    equal.entry((key, value)).or_default().push(out.len());
                }
                out.push(f);
            }
        }
    }
    out
}

/// Whether the words just before an amount say it is approximate ("nearly", "about", "more
/// than"): the last two words of a bounded look-back.
fn hedged(doc: &Document, start: usize) -> bool {
    let from = doc.text.ceil_char_boundary(start.saturating_sub(32));
    doc.text
        .get(from..start)
        .is_some_and(super::comparison::approximate_before)
}

/// A rounded prose figure and its exact table cell: within half a unit of the last digit the
/// prose wrote ("$3.6 billion" covers 3,646 in millions), or half a percent.
fn close(a: Option<Value>, b: Option<Value>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let d = (a.0 - b.0).abs();
    let m = a.0.abs().max(b.0.abs());
    if m.is_zero() {
        return false;
    }
    let int_digits = a.0.abs().trunc().normalize().to_string().len() as i64;
    let sig = i64::from(super::comparison::significant_digits(a.0).min(28));
    let exp = int_digits - sig;
    let half_unit = if (0..19).contains(&exp) {
        Decimal::from(10i64.pow(exp as u32)) / Decimal::from(2)
    } else {
        Decimal::ZERO
    };
    d <= half_unit || d * Decimal::from(200) <= m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::Release;

    /// Class 13: "Net sales of $3,673 million were 6% lower than last year" is a fall of 6 %,
    /// its derived prior above the current; "1% higher" a rise. The way a change goes is said
    /// by its own word after it as often as by a verb before it.
    #[test]
    fn a_change_takes_its_direction_from_the_word_after_it() {
        let text = "Acme Corp reports results\n\nNEW YORK, August 16, 2023 -- Acme Corp (NYSE: ACME) \
            today reported results for the quarter ended June 30, 2023.\n\nNet sales of $3,673 \
            million were 6% lower than last year.\n\nAdjusted EBIT of $436 million was 1% \
            higher than last year.\n";
        let r = crate::load_bytes(text.as_bytes(), "t.txt").expect("loads");
        let pct = |metric: &str| {
            r.comparisons
                .iter()
                .find(|c| c.metric == metric)
                .and_then(|c| c.change_pct)
                .map(|v| v.0.to_string())
        };
        assert_eq!(pct("revenue").as_deref(), Some("-6"), "{:?}", r.comparisons);
        assert_eq!(
            direction_after(" lower than last year"),
            Some(Direction::Down)
        );
        assert_eq!(direction_after(" higher than"), Some(Direction::Up));
        assert_eq!(direction_after(" in the quarter"), None);
    }

    fn sample() -> Release {
        crate::sample()
    }

    fn find<'a>(r: &'a Release, metric: &str, period: &str) -> Vec<&'a Figure> {
        r.highlights
            .iter()
            .filter(|f| f.metric == metric && f.period.as_deref() == Some(period))
            .collect()
    }

    fn v(n: i64) -> Option<Value> {
        Some(Value::from_i64(n))
    }

    #[test]
    fn sample_revenue_and_balance_figures() {
        let r = sample();
        let q4 = find(&r, "revenue", "Q4 FY2006");
        assert!(q4.iter().any(|f| f.value == v(79_000_000)), "{q4:?}");
        let q3 = find(&r, "revenue", "Q3 FY2006");
        assert!(q3.iter().any(|f| f.value == v(75_000_000)));
        let fy = find(&r, "revenue", "FY2006");
        assert!(fy.iter().any(|f| f.value == v(279_000_000)));
        assert!(
            r.highlights
                .iter()
                .any(|f| f.metric == "cash_and_investments" && f.value == v(361_000_000))
        );
        assert!(
            r.highlights
                .iter()
                .any(|f| f.metric == "deferred_revenue" && f.value == v(94_000_000))
        );
        // Every figure's source span holds its text.
        for f in &r.highlights {
            let src = &r.document.text[f.source.start..f.source.end];
            assert_eq!(src.split_whitespace().collect::<Vec<_>>().join(" "), f.text);
            assert_eq!(r.document.line_of(f.source.start), f.source.line);
        }
        // The change "$47 million" is no level of cash.
        assert!(!r.highlights.iter().any(|f| f.value == v(47_000_000)));
    }

    #[test]
    fn sample_qualitative_statements() {
        let r = sample();
        let q: Vec<(&str, &str, &str, &str, &str)> = r
            .highlights
            .iter()
            .filter(|f| f.qualitative)
            .map(|f| {
                (
                    f.metric.as_str(),
                    f.period.as_deref().unwrap_or(""),
                    f.direction.map_or("", |d| d.name()),
                    f.magnitude.as_deref().unwrap_or(""),
                    f.basis_period.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            q,
            [
                ("gross_margin", "Q4 FY2006", "down", "modestly", "Q3 FY2006"),
                (
                    "operating_expenses",
                    "Q4 FY2006",
                    "up",
                    "moderately",
                    "Q3 FY2006"
                ),
                ("net_income", "Q4 FY2006", "up", "meaningfully", "Q4 FY2005"),
                ("gross_margin", "FY2006", "up", "modestly", "FY2005"),
                (
                    "operating_expenses",
                    "FY2006",
                    "down",
                    "moderately",
                    "FY2005"
                ),
                ("net_income", "FY2006", "up", "meaningfully", "FY2005"),
            ]
        );
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let t = "WESTFORD, Mass., Feb. 28 -- Sonus Networks, Inc. reported. Revenues rose. EPS was $.31.";
        let s: Vec<&str> = sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(s.len(), 3, "{s:?}");
    }
}
