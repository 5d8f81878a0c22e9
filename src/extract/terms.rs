//! The terms an event is stated in: a deal's price per share, exchange ratio and shares issued,
//! an earn-out, a dividend's record and payment dates, a buyback authorization, a credit
//! facility, notes issued, severance, an option grant.
//!
//! Why a reader of its own: these figures are written the other way round from results. A result
//! names its metric and then its amount ("revenue was $79 million"); a term puts the amount first
//! and the thing after it ("$25.50 per share in cash", "a $750 million revolving credit facility",
//! "two million shares of Acme stock will be exchanged"), counts shares in words, and dates its
//! steps ("payable August 14 to shareholders of record on July 31"). Each term is a highlight of
//! no period, bound by the construct that states it and nothing nearer.

use super::pattern::Regex;
use super::words::Words;
use super::{money, pattern, sentence};
use crate::document::Document;
use crate::release::{Figure, Origin, Value, unit};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// A count as written: "12.5", "2,000,000", "two", "twenty-five", with an optional scale word.
const QTY: &str = r"(?P<q>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:\s+(?P<qs>thousand|million|billion))?";

/// A date as written, the year optional ("July 31, 2009", "Aug. 14"); the month as
/// [`period::MONTH`] reads it.
fn date() -> String {
    format!(
        r"{}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
        super::period::MONTH
    )
}

use super::pattern::or_never as re;

/// Words that make a sentence about a transaction: a price per share in it is the deal's.
static DEAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:acquir\w*|acquisition|merger|merge|tender\s+offer|offer|buyout|consideration|transaction|take\s+\w+\s+private|going\s+private)\b",
    )
});

/// A deal's whole value: "$18.50 per share in cash, or $41.1 million in aggregate", "the
/// transaction is valued at approximately $4.4 billion".
static AGGREGATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^\s*(?:in\s+(?:the\s+)?aggregate|in\s+total\s+(?:equity\s+)?value)\b")
});
static VALUED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:transaction|deal|acquisition|merger|purchase|agreement)\s+(?:\w+\s+){0,2}?valued\s+at\s+(?:approximately\s+|about\s+|roughly\s+)?$",
    )
});

/// After an amount: "per share", "a share", "for each share" (of common stock), not "per diluted
/// share" (a result).
static PER_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?P<cash0>in\s+cash\s+)?(?:per|a|for\s+each)\s+(?:outstanding\s+)?(?:(?:class\s+[a-z]\s+)?common\s+)?share\b(?P<cash>\s+in\s+cash)?",
    )
});

/// Before a deal's price: what pays it or what it is.
static PRICE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:for|at|of|receive|paid|pay|price\s+of|valued\s+at|equal\s+to)\s+(?:approximately\s+|about\s+|up\s+to\s+)?$",
    )
});

/// Words before a per-share amount that make it something other than a deal's price.
static NOT_PRICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:dividends?|earnings|income|loss|losses|eps|average|exercise|conversion|distribution|book\s+value|costs?|charges?|expenses?|impact|benefits?|gains?|items?|adjusted|excluding|dilut\w*|accreti\w*)\b",
    )
});

/// An earn-out or contingent consideration named before its amount.
static EARNOUT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:earn-?outs?|contingent\s+(?:consideration|payments?|purchase\s+price))(?:\s+(?:payments?|consideration))?\s+(?:\w+\s+){0,3}?(?:of|totaling|totalling)\s+(?:up\s+to\s+)?(?:an\s+additional\s+)?(?:approximately\s+)?$",
    )
});

/// ... or after it: "up to $50 million in earn-out payments", "$10 million of contingent
/// consideration".
static EARNOUT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:in|of)\s+(?:additional\s+|potential\s+|future\s+)*(?:earn-?outs?|contingent\s+(?:consideration|payments?|cash\s+payments?))\b",
    )
});

/// A sentence about a buyback authorization.
static BUYBACK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:authoriz\w*|approv\w*|(?:repurchase|buyback|buy-back)\s+(?:program|plan|authorization))\b",
    )
});
/// Words every match of [`DEAL`], [`BUYBACK`] and [`AWARD`] holds (see `words`): "take ...
/// private" and "going private" both hold "private", "acquisition" is no "acquir".
static DEAL_WORDS: LazyLock<Words> = LazyLock::new(|| {
    Words::new(&[
        "acquir",
        "acquisition",
        "merge",
        "offer",
        "buyout",
        "consideration",
        "transaction",
        "private",
    ])
});
static BUYBACK_WORDS: LazyLock<Words> =
    LazyLock::new(|| Words::new(&["authoriz", "approv", "repurchase", "buyback", "buy-back"]));
static AWARD_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&["award", "grant"]));
static BUYBACK_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:repurchases?|repurchasing|buy\s*-?\s*backs?|buying\s+back)\b"));

/// An amount or count in a buyback sentence that is what was done, not what is allowed.
static DONE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[^.;]{0,60}?\b(?:had\s+(?:already\s+)?been|were|was|have\s+been|has\s+been)\s+(?:re)?(?:purchased|bought)\b",
    )
});
static DONE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:repurchased|bought\s+back|purchased|spent|returned|from)\s+(?:approximately\s+|about\s+|a\s+total\s+of\s+)?$",
    )
});
static REMAINING_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:remaining|leaving|left|remains|remain)\b[^.;]{0,80}$"));
static AUTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\bup\s+to\s+(?:an\s+additional\s+|a\s+maximum\s+of\s+)?|\b(?:leaving|left\s+with|remaining)\s+|\b(?:repurchase|buy\s*-?\s*back|buyback)\s+(?:program|plan|authorization)\s+(?:\w+\s+){0,3}?(?:of|to|totaling)\s+|\b(?:repurchase|buy\s+back|buyback)\s+(?:of\s+)?|\bto\s+|,\s+or\s+)(?:approximately\s+|about\s+)?$",
    )
});

/// An equity award to an executive and its value: "approved one-time ... equity based awards ...
/// in the amount of $30 million each", "RSUs with a grant date fair value of $12 million".
static AWARD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:awards?|awarded|granted|grants?)\b"));
static EQUITY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:equity|stock|rsus?|restricted|options?|performance\s+(?:shares|units))\b")
});
static AWARD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:in\s+the\s+amount\s+of|valued\s+at|with\s+an?\s+(?:total\s+|aggregate\s+)?(?:grant[- ]date\s+)?(?:fair\s+)?(?:market\s+)?value\s+of|worth)\s+(?:approximately\s+|about\s+|up\s+to\s+)?$",
    )
});

/// An executive's pay as stated on a change: "an annual base salary of $900,000", "salary will
/// remain at $1 per year", "a sign-on bonus of $2 million".
static SALARY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:annual\s+)?(?:base\s+)?salary\s+(?:\w+\s+){0,3}?(?:of|be|is|was|at|to)\s+(?:approximately\s+)?$",
    )
});
static BONUS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:sign-?on|signing|one-time|retention|relocation|target|annual)\s+(?:cash\s+)?bonus\s+(?:\w+\s+){0,3}?(?:of|be|is|was|at)\s+(?:approximately\s+|up\s+to\s+)?$",
    )
});

/// "a new $8 billion share repurchase program": the program's size before its name.
static PROGRAM_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(?:share|stock|common\s+stock|open[- ]market)\s+)?(?:repurchase|buyback|buy-back)\s+(?:program|plan|authorization)\b",
    )
});

/// "$74 million remains available under the repurchase program".
static REMAINS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:remains?|remained|remaining|is\s+left|was\s+left)(?:\s+(?:available\s+)?(?:under|for|within|on)\b|\s*[.,;)]|\s*$)",
    )
});

/// ", or approximately": what follows restates the amount before it.
static OR_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i),\s+or\s+(?:approximately\s+|about\s+)?$"));

/// A count of shares in a buyback sentence, or a percent of the shares outstanding.
static BUYBACK_SHARES: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{QTY}\s+(?:of\s+(?:its\s+|our\s+|the\s+company's\s+)?(?:outstanding\s+)?(?:common\s+)?)?shares\b"
    ))
});
static BUYBACK_PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{QTY}\s*(?:%|percent|per\s+cent)\s+of\s+(?:its\s+|our\s+|the\s+company's\s+|the\s+)?(?:outstanding|issued|(?:common\s+)?(?:shares|stock)\s+outstanding)"
    ))
});

/// The things a facility is, with the modifiers that may stand between the amount and it.
const FACILITY: &str = r"(?:credit\s+facilit(?:y|ies)|credit\s+agreement|revolving\s+credit|revolver|line\s+of\s+credit|credit\s+line|term\s+loan|loan\s+facility|borrowing\s+facility|securitization\s+facility)";
static FACILITY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:(?:new|amended|restated|and|senior|secured|unsecured|revolving|syndicated|committed|multi-?currency|bank|asset-based|[\w]+-(?:year|day|month))\s+)*{FACILITY}"
    ))
});
static FACILITY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i){FACILITY}\s+(?:\w+\s+){{0,3}}?(?:of|to|totaling|totalling|for|in\s+the\s+amount\s+of|providing\s+for|size\s+of)\s+(?:up\s+to\s+)?(?:approximately\s+)?$"
    ))
});
/// What was drawn, repaid or outstanding under a facility is not its size.
static DRAWN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:borrowed|drew|drawn|repaid|repay|paid\s+down|borrowings\s+of|outstanding\s+(?:balance|borrowings)\s+of)\s+(?:the\s+|its\s+|approximately\s+|about\s+)?$",
    )
});

/// Notes or debentures of a principal amount: "$100 million 6.75% convertible debentures".
static NOTES_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(?:in\s+)?aggregate\s+principal\s+amount\s+of\s+(?:its\s+|the\s+|our\s+)?)?(?:\d+(?:\.\d+)?(?:\s+\d/\d)?\s*(?:%|percent)\s+)?(?:(?:convertible|senior|subordinated|secured|unsecured|exchangeable|guaranteed|unsubordinated|fixed-rate|floating-rate)\s+)*(?:notes|debentures|bonds|(?:debt|notes?|bonds?)\s+offering)\b",
    )
});

/// Severance named before its amount, or after it.
static SEVERANCE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bseverance(?:\s+(?:payments?|pay|benefits|package|costs?|charges?|expenses?|obligations))?\s+(?:\w+\s+){0,2}?(?:of|totaling|totalling|equal\s+to|amounting\s+to|valued\s+at)\s+(?:up\s+to\s+)?(?:approximately\s+|about\s+)?$",
    )
});
static SEVERANCE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:in|of|for|as)\s+(?:cash\s+)?severance\b"));

/// "0.4125 shares of Acme common stock for each share", "an exchange ratio of 0.5".
static RATIO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<q>\d*\.\d+|\d+)\s+(?:of\s+a\s+)?shares?\s+of\s+(?:[\w&.'-]+\s+){0,4}?(?:stock|shares)\s+for\s+(?:each|every)\s+(?:outstanding\s+)?share\b|\bexchange\s+ratio\s+of\s+(?P<q2>\d*\.\d+|\d+)",
    )
});
static RATIO_CONVERTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\beach\s+(?:outstanding\s+)?share\s+of\s+[^.;]{0,80}?\b(?:converted\s+into|exchanged\s+for|receive)\s+(?:the\s+right\s+to\s+receive\s+)?(?P<q>\d*\.\d+|\d+)\s+(?:of\s+a\s+)?shares?\b",
    )
});

/// Shares a company issues: "issue approximately 12.5 million shares", "two million shares of
/// Acme stock will be exchanged".
static ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:issue|issuance\s+of|issuing|issued|deliver)\s+(?:of\s+)?(?:approximately\s+|about\s+|up\s+to\s+|an\s+aggregate\s+of\s+)?{QTY}\s+(?:new\s+)?(?:common\s+)?shares\b"
    ))
});
static EXCHANGED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{QTY}\s+shares\s+of\s+(?:[\w&.'-]+\s+){{0,4}}?(?:stock|shares)\s+(?:will\s+be|were|are\s+to\s+be|to\s+be|would\s+be|are\s+being)\s+(?:issued|exchanged|delivered)\b"
    ))
});

/// "options to purchase ten million shares".
static OPTIONS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\boptions?\s+to\s+(?:purchase|acquire|buy)\s+(?:up\s+to\s+)?(?:approximately\s+|an\s+aggregate\s+of\s+)?{QTY}\s+(?:of\s+(?:its\s+|the\s+company's\s+)?)?(?:common\s+)?shares\b"
    ))
});

/// A dividend's steps in time.
static PAYABLE_RECORD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:payable|paid|to\s+be\s+paid|distributed)\s+(?:on\s+)?(?:or\s+about\s+)?{}\s*,?\s+to\s+(?:share|stock)holders\s+of\s+record\s+(?:as\s+of\s+|on\s+|at\s+)?(?:the\s+close\s+of\s+business\s+(?:on\s+)?)?{}",
        date(),
        date()
            .replace("?P<mon>", "?P<mon2>")
            .replace("?P<day>", "?P<day2>")
            .replace("?P<year>", "?P<year2>")
    ))
});
static RECORD_ON: LazyLock<Regex> = LazyLock::new(|| {
    let date = date();
    re(&format!(
        r"(?i)\b(?:share|stock)holders\s+of\s+record\s+(?:as\s+of\s+|on\s+|at\s+)?(?:the\s+close\s+of\s+business\s+(?:on\s+)?)?{date}"
    ))
});
static PAYABLE_ON: LazyLock<Regex> = LazyLock::new(|| {
    let date = date();
    re(&format!(
        r"(?i)\b(?:payable|to\s+be\s+paid)\s+(?:on\s+)?(?:or\s+about\s+)?{date}"
    ))
});
static NAMED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let date = date();
    re(&format!(
        r"(?i)\b(?P<which>ex-dividend|record|payment|payable|distribution)\s+date\s+(?:will\s+be|is|of|was|shall\s+be)\s+(?:on\s+)?{date}"
    ))
});

/// Every term stated in the release's prose, in order. `date` is the release's ISO date: a
/// dividend's dates written without a year take the year that puts them after it.
pub(crate) fn extract(doc: &Document, date: Option<&str>) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let release = date.and_then(super::period::parse_iso);
    for (s, sent) in sentence::prose_sentences(doc) {
        read_sentence(doc, sent, s, release, &mut out);
    }
    // In the order the release states them (each sentence is read construct by construct).
    out.sort_by_key(|f| f.source.start);
    // One figure per thing stated: a headline and its paragraph say the same price twice.
    let mut seen: Vec<(String, Option<Value>, Option<String>)> = Vec::new();
    out.retain(|f| {
        let k = (f.metric.clone(), f.value, f.date.clone());
        if seen.contains(&k) {
            false
        } else {
            seen.push(k);
            true
        }
    });
    out
}

fn read_sentence(
    doc: &Document,
    sent: &str,
    off: usize,
    release: Option<(i32, u32, u32)>,
    out: &mut Vec<Figure>,
) {
    let lc = sent.to_ascii_lowercase();
    let mut push = |metric: &str,
                    label: &str,
                    value: Option<Value>,
                    u: Option<&str>,
                    span: (usize, usize),
                    date: Option<String>| {
        let (start, end) = (off + span.0, off + span.1);
        out.push(Figure {
            metric: metric.into(),
            label: label.into(),
            value,
            unit: u.map(str::to_string),
            origin: Origin::Prose,
            text: super::sentence::normalize(doc.text.get(start..end).unwrap_or("")),
            source: doc.source(start, end),
            date,
            ..Figure::default()
        });
    };
    let deal = DEAL_WORDS.may_match(sent) && DEAL.is_match(sent);
    let buyback =
        BUYBACK_WORDS.may_match(sent) && BUYBACK.is_match(sent) && BUYBACK_WORD.is_match(sent);
    let facility = lc.contains("credit")
        || lc.contains("loan")
        || lc.contains("revolv")
        || lc.contains("facilit");
    let severance = lc.contains("severance");
    let earnout = lc.contains("earn") || lc.contains("contingent");
    let award = AWARD_WORDS.may_match(sent) && AWARD.is_match(sent) && EQUITY.is_match(sent);
    let pay = lc.contains("salary") || lc.contains("bonus");
    let notes = lc.contains("notes")
        || lc.contains("debentures")
        || lc.contains("bonds")
        || lc.contains("offering");
    let priced = lc.contains("per share") || lc.contains("in cash") || lc.contains("for each");
    if deal || priced || buyback || facility || severance || earnout || notes || award || pay {
        let mut price_said = false;
        for m in money::scan(sent) {
            if m.is_percent() || m.is_range() {
                continue;
            }
            let before = tail(sent, m.start, 100);
            let after = sent.get(m.end..).unwrap_or("");
            let after = after.get(..after.floor_char_boundary(120)).unwrap_or(after);
            let span = (m.start, m.end);
            // "$18.50 per share in cash" says a deal's price by itself; a bare "per share"
            // takes a deal's words in the sentence and a verb or preposition that pays it.
            if let Some(c) = PER_SHARE.captures(after)
                && (c.name("cash").is_some()
                    || c.name("cash0").is_some()
                    || deal && PRICE_BEFORE.is_match(before))
                && !NOT_PRICE.is_match(tail(sent, m.start, 40))
            {
                let end = m.end + c.get(0).map_or(0, |x| x.end());
                price_said = true;
                push(
                    "price_per_share",
                    "per share",
                    Some(m.value),
                    Some(unit::USD_PER_SHARE),
                    (m.start, end),
                    None,
                );
                continue;
            }
            if m.unit != unit::USD {
                continue;
            }
            // A sentence that states a price per share is about the deal.
            if (deal || price_said)
                && (AGGREGATE_AFTER.is_match(after) || VALUED_BEFORE.is_match(before))
            {
                push(
                    "deal_value",
                    "deal value",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            } else if pay && SALARY_BEFORE.is_match(before) {
                push(
                    "base_salary",
                    "salary",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            } else if pay && BONUS_BEFORE.is_match(before) {
                push("bonus", "bonus", Some(m.value), Some(unit::USD), span, None);
            } else if award && AWARD_BEFORE.is_match(before) {
                // "$30 million each": the amount is per person.
                let each = after.len() - after.trim_start_matches(" each").len();
                push(
                    "equity_award",
                    if each > 0 {
                        "equity award each"
                    } else {
                        "equity award"
                    },
                    Some(m.value),
                    Some(unit::USD),
                    (m.start, m.end + each),
                    None,
                );
            } else if earnout && (EARNOUT_BEFORE.is_match(before) || EARNOUT_AFTER.is_match(after))
            {
                push(
                    "earnout",
                    "earn-out",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            } else if severance
                && (SEVERANCE_BEFORE.is_match(before) || SEVERANCE_AFTER.is_match(after))
            {
                push(
                    "severance",
                    "severance",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            } else if facility
                && (FACILITY_AFTER.is_match(after) || FACILITY_BEFORE.is_match(before))
                && !DRAWN.is_match(before)
            {
                push(
                    "credit_facility",
                    "credit facility",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            } else if notes && NOTES_AFTER.is_match(after) {
                push(
                    "notes_principal",
                    "notes",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            } else if buyback && PROGRAM_AFTER.is_match(after) && !DONE_BEFORE.is_match(before) {
                push(
                    "buyback_authorization",
                    "repurchase authorization",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            } else if buyback && REMAINS_AFTER.is_match(after) {
                push(
                    "buyback_remaining",
                    "repurchase authorization",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            } else if buyback
                && AUTH_BEFORE.is_match(before)
                && !DONE_BEFORE.is_match(before)
                && !DONE_AFTER.is_match(after)
            {
                let metric = if REMAINING_BEFORE.is_match(before) {
                    "buyback_remaining"
                } else {
                    "buyback_authorization"
                };
                push(
                    metric,
                    "repurchase authorization",
                    Some(m.value),
                    Some(unit::USD),
                    span,
                    None,
                );
            }
        }
    }
    if buyback {
        let mut counts: Vec<(usize, usize, Value, &str)> = Vec::new();
        for (re, u) in [
            (&*BUYBACK_SHARES, unit::SHARES),
            (&*BUYBACK_PERCENT, unit::PERCENT),
        ] {
            for c in re.captures_iter(sent) {
                if let (Some(all), Some(v)) = (c.get(0), count(&c)) {
                    counts.push((all.start(), all.end(), v, u));
                }
            }
        }
        counts.sort_by_key(|c| c.0);
        // "68 million shares, or approximately eight percent of shares outstanding": the count
        // after ", or" restates the one before it, and is what that one is.
        let mut last: Option<&str> = None;
        for (start, end, v, u) in counts {
            let before = tail(sent, start, 100);
            let after = sent.get(end..).unwrap_or("");
            let metric = if OR_BEFORE.is_match(before) {
                last
            } else if !AUTH_BEFORE.is_match(before)
                || DONE_BEFORE.is_match(before)
                || DONE_AFTER.is_match(after)
            {
                None
            } else if REMAINING_BEFORE.is_match(before) {
                Some("buyback_remaining")
            } else {
                Some("buyback_authorization")
            };
            last = metric;
            if let Some(metric) = metric {
                push(
                    metric,
                    "repurchase authorization",
                    Some(v),
                    Some(u),
                    (start, end),
                    None,
                );
            }
        }
    }
    if lc.contains("share") {
        let mut ratio_at: Vec<(usize, usize)> = Vec::new();
        // A preferred stock's conversion rate is no deal's exchange ratio.
        let conversion = lc.contains("conversion") || lc.contains("convertible");
        for re in [&*RATIO, &*RATIO_CONVERTED] {
            if conversion {
                break;
            }
            for c in re.captures_iter(sent) {
                let (Some(all), Some(q)) = (c.get(0), c.name("q").or(c.name("q2"))) else {
                    continue;
                };
                let Some(v) = money::parse_number(q.as_str()) else {
                    continue;
                };
                ratio_at.push((all.start(), all.end()));
                push(
                    "exchange_ratio",
                    "exchange ratio",
                    Some(Value::new(v)),
                    Some(unit::SHARES_PER_SHARE),
                    (all.start(), all.end()),
                    None,
                );
            }
        }
        for (metric, label, re) in [
            ("shares_issued", "shares issued", &*ISSUE),
            ("shares_issued", "shares issued", &*EXCHANGED),
            ("options_granted", "options granted", &*OPTIONS),
        ] {
            for c in re.captures_iter(sent) {
                let (Some(all), Some(v)) = (c.get(0), count(&c)) else {
                    continue;
                };
                // "0.5 shares of Acme stock for each share" is the ratio, not a count.
                if ratio_at
                    .iter()
                    .any(|&(a, b)| all.start() < b && a < all.end())
                {
                    continue;
                }
                push(
                    metric,
                    label,
                    Some(v),
                    Some(unit::SHARES),
                    (all.start(), all.end()),
                    None,
                );
            }
        }
    }
    if lc.contains("record") || lc.contains("payable") || lc.contains("date") {
        let mut dated = |metric: &str,
                         label: &str,
                         c: &pattern::Captures,
                         suffix: &str,
                         span: (usize, usize)| {
            if let Some(d) = date_of(c, suffix, release) {
                push(metric, label, None, None, span, Some(d));
            }
        };
        for c in PAYABLE_RECORD.captures_iter(sent) {
            let Some(all) = c.get(0) else { continue };
            let span = (all.start(), all.end());
            dated("dividend_payment_date", "payable", &c, "", span);
            dated("dividend_record_date", "record date", &c, "2", span);
        }
        for c in RECORD_ON.captures_iter(sent) {
            let Some(all) = c.get(0) else { continue };
            dated(
                "dividend_record_date",
                "record date",
                &c,
                "",
                (all.start(), all.end()),
            );
        }
        for c in PAYABLE_ON.captures_iter(sent) {
            let Some(all) = c.get(0) else { continue };
            dated(
                "dividend_payment_date",
                "payable",
                &c,
                "",
                (all.start(), all.end()),
            );
        }
        for c in NAMED_DATE.captures_iter(sent) {
            let (Some(all), Some(w)) = (c.get(0), c.name("which")) else {
                continue;
            };
            let (metric, label) = match w.as_str().to_ascii_lowercase().as_str() {
                "ex-dividend" => ("ex_dividend_date", "ex-dividend date"),
                "record" => ("dividend_record_date", "record date"),
                _ => ("dividend_payment_date", "payment date"),
            };
            dated(metric, label, &c, "", (all.start(), all.end()));
        }
    }
}

/// Up to `n` bytes of `s` before `at`, from a char boundary.
fn tail(s: &str, at: usize, n: usize) -> &str {
    let before = s.get(..at).unwrap_or("");
    before
        .get(before.ceil_char_boundary(at.saturating_sub(n))..)
        .unwrap_or(before)
}

/// The count of a [`QTY`] match, its scale word applied.
fn count(c: &pattern::Captures) -> Option<Value> {
    let q = c.name("q")?.as_str().to_ascii_lowercase();
    let mut v = match money::parse_number(&q) {
        Some(v) => v,
        None => {
            let mut n = 0i64;
            for w in q.split('-') {
                n += money::number_word(w)?;
            }
            Decimal::from(n)
        }
    };
    if let Some(s) = c.name("qs") {
        v = v.checked_mul(money::scale_factor(s.as_str()))?;
    }
    Some(Value::new(v.normalize()))
}

/// The ISO date of a [`date`] match (its groups named with `suffix`). A date without a year
/// takes the release's year, or the next when it would fall well before the release: a
/// dividend's dates follow its declaration.
fn date_of(
    c: &pattern::Captures,
    suffix: &str,
    release: Option<(i32, u32, u32)>,
) -> Option<String> {
    let mon = super::identity::month_number(c.name(&format!("mon{suffix}"))?.as_str())?;
    let day: u32 = c.name(&format!("day{suffix}"))?.as_str().parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let year = match c.name(&format!("year{suffix}")) {
        Some(y) => y.as_str().parse().ok()?,
        None => {
            let (ry, rm, rd) = release?;
            // A month or more before the release's month and day: next year's.
            if (mon, day) < (rm.saturating_sub(1).max(1), rd) && rm > 1 {
                ry + 1
            } else {
                ry
            }
        }
    };
    Some(format!("{year:04}-{mon:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The terms of one written release, as (metric, value or date).
    fn terms(body: &str) -> Vec<(String, String)> {
        let text = format!(
            "NEW YORK, July 8, 2009 -- Acme Corp (NYSE: ACM) today announced an agreement.\n\n{body}\n"
        );
        let doc = crate::ingest::text::ingest(&text, "t.txt").unwrap_or_default();
        extract(&doc, Some("2009-07-08"))
            .into_iter()
            .map(|f| {
                let v = f
                    .date
                    .clone()
                    .or(f.value.map(|v| v.0.normalize().to_string()))
                    .unwrap_or_default();
                (f.metric, v)
            })
            .collect()
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_deal_price_ratio_shares_and_earn_out() {
        assert_eq!(
            terms(
                "Acme will acquire Widget Inc. for $25.50 per share in cash. Widget holders will \
                 receive 0.4125 shares of Acme common stock for each share of Widget they own, and \
                 Acme expects to issue approximately 12.5 million shares. The sellers may receive \
                 up to $50 million in earn-out payments."
            ),
            pairs(&[
                ("price_per_share", "25.5"),
                ("exchange_ratio", "0.4125"),
                ("shares_issued", "12500000"),
                ("earnout", "50000000"),
            ])
        );
    }

    #[test]
    fn results_and_draws_are_no_terms() {
        // A result per share, a buyback's average price, a draw on a facility, shares bought.
        assert!(
            terms(
                "Following the acquisition, net income was $1.2 million, or $0.05 per diluted \
                 share. Excluding transaction costs of $0.04 per share, adjusted earnings were \
                 $1.10 per share. The Company repurchased 2 million shares at an average price of $45.10 per \
                 share. It borrowed $200 million under its revolving credit facility."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_facility_is_its_size_not_what_is_drawn_on_it() {
        assert_eq!(
            terms(
                "The Company had $150 million available under its revolving credit facility and \
                 $45 million of borrowings outstanding under its $250 million credit agreement. \
                 Approximately $74 million remains available under the share repurchase \
                 authorization."
            ),
            pairs(&[
                ("credit_facility", "250000000"),
                ("buyback_remaining", "74000000"),
            ])
        );
    }

    #[test]
    fn an_equity_award_and_its_value() {
        assert_eq!(
            terms(
                "The Compensation Committee approved one-time retention equity awards to the \
                 Chief Operating Officer in the amount of $15 million, and granted the new Chief \
                 Financial Officer restricted stock units with a grant date fair value of $4.5 \
                 million. Her annual base salary will be $900,000."
            ),
            pairs(&[
                ("equity_award", "15000000"),
                ("equity_award", "4500000"),
                ("base_salary", "900000"),
            ])
        );
    }

    #[test]
    fn a_conversion_rate_is_no_exchange_ratio() {
        assert!(
            terms(
                "The Series B Preferred Stock has a conversion rate of 12.5 shares of common \
                 stock for each share of Series B Preferred Stock."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_price_in_cash_and_the_deal_s_whole_value() {
        assert_eq!(
            terms(
                "Shareholders will receive $19.58 in cash for each outstanding share of Beta \
                 common stock, or $41.1 million in aggregate. The transaction is valued at \
                 approximately $4.4 billion, with Gamma stockholders receiving $18.50 per share in \
                 cash."
            ),
            pairs(&[
                ("price_per_share", "19.58"),
                ("deal_value", "41100000"),
                ("deal_value", "4400000000"),
                ("price_per_share", "18.5"),
            ])
        );
    }

    #[test]
    fn a_dividend_dates_without_a_year_follow_the_release() {
        assert_eq!(
            terms(
                "The Board declared a quarterly dividend of $0.10 per share, payable January 15 \
                 to shareholders of record on December 31."
            ),
            pairs(&[
                ("dividend_payment_date", "2010-01-15"),
                ("dividend_record_date", "2009-12-31"),
            ])
        );
    }

    #[test]
    fn severance_facility_and_authorization_amounts() {
        assert_eq!(
            terms(
                "Mr. Smith will receive a severance payment of $2.4 million. Acme entered into a \
                 new $750 million five-year senior unsecured revolving credit facility. The Board \
                 authorized the repurchase of up to $500 million of common stock. The Company \
                 also announced a new $8 billion share repurchase program."
            ),
            pairs(&[
                ("severance", "2400000"),
                ("credit_facility", "750000000"),
                ("buyback_authorization", "500000000"),
                ("buyback_authorization", "8000000000"),
            ])
        );
    }
}

/// The word prechecks are lists kept beside their patterns: on every prose sentence of the
/// corpus, a sentence a pattern matches must pass its precheck, or the precheck would hide it.
#[cfg(test)]
mod precheck_tests {
    use super::*;

    #[test]
    fn every_sentence_a_pattern_matches_passes_its_precheck() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        let pairs: [(&str, &Regex, &Words); 4] = [
            ("DEAL", &DEAL, &DEAL_WORDS),
            ("BUYBACK", &BUYBACK, &BUYBACK_WORDS),
            ("AWARD", &AWARD, &AWARD_WORDS),
            (
                "correction CUE",
                &super::super::correction::CUE,
                &super::super::correction::CUE_WORDS,
            ),
        ];
        let mut checked = 0usize;
        for p in paths.iter().filter(|p| !p.ends_with("SOURCES.md")) {
            let Ok(r) = crate::load_path(p) else { continue };
            for (_, sent) in sentence::prose_sentences(&r.document) {
                for (name, re, words) in &pairs {
                    if re.is_match(sent) {
                        checked += 1;
                        assert!(words.may_match(sent), "{name} in {}: {sent}", p.display());
                    }
                }
            }
        }
        assert!(checked > 100, "only {checked} sentences matched");
    }
}
