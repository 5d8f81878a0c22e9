//! The figures a restatement or correction changes: the amount of the change ("increases net
//! income by $20 million, or $0.04 per diluted share"), the figure as reported ("previously
//! reported net income of $113.5 million", "from $113.5 million") and as corrected ("to $101.2
//! million", "$101.2 million, as restated").
//!
//! Why apart from the results: in such a sentence the amounts are not the period's figures. The
//! prose reader would take "reduced previously reported net income for 2008 by $12.3 million" as
//! net income of $12.3 million; here the change, the old and the new value are told apart, and
//! the change and the old value are withdrawn from the results (the new value is the period's).

use super::pattern::Regex;
use super::words::Words;
use super::{lexicon, money, period, sentence};
use crate::document::Document;
use crate::release::{Correction, Period, Value, unit};
use std::sync::LazyLock;

use super::pattern::or_never as re;

/// A sentence about correcting figures already reported.
pub(super) static CUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:restat(?:e|ed|es|ing|ement|ements)|correct(?:ed|ion|ions|ing|s)?|previously\s+reported|originally\s+reported|as\s+reported|misstat\w*|errors?)\b",
    )
});

/// Words every match of [`CUE`] holds (see `words`).
pub(super) static CUE_WORDS: LazyLock<Words> =
    LazyLock::new(|| Words::new(&["restat", "correct", "reported", "misstat", "error"]));

/// The change verb of "<verb> <line item> ... by $X"; group `down` for a decrease.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?P<down>decreas(?:e|ed|es|ing)|reduc(?:e|ed|es|ing)|lower(?:ed|s|ing)?|overstat(?:e|ed|es|ing))|increas(?:e|ed|es|ing)|rais(?:e|ed|es|ing)|understat(?:e|ed|es|ing))\b",
    )
});
static BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bby\s+(?:approximately\s+|about\s+|an\s+aggregate\s+of\s+)?$"));
static OR_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i),?\s+or\s+(?:approximately\s+)?$"));
/// "restated from $X": a "from" the correction governs ("up from $X" is a comparison's prior).
static FROM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:restated|revised|corrected|adjusted|changed|amended)\b[^$]{0,80}?\bfrom\s+(?:approximately\s+)?$",
    )
});
static TO: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bto\s+(?:approximately\s+)?$"));
static REPORTED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:previously|originally|as)\s+reported\s+(?:\w+\s+){0,4}?(?:as|of|at|was|were)?\s*(?:approximately\s+)?$",
    )
});
static REPORTED_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*[,(]?\s*as\s+(?:previously\s+|originally\s+)?reported\b"));
static CORRECTED_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*[,(]?\s*as\s+(?:restated|corrected|revised|adjusted)\b"));
static CORRECTED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:restated|corrected|revised)\s+(?:\w+\s+){0,4}?(?:of|is|was|were|to|at)\s+(?:approximately\s+)?$",
    )
});
/// "per diluted share" after a per-share amount.
static PER_SHARE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*per\s+(?:(?P<kind>diluted|basic)\s+)?(?:common\s+)?share\b"));
/// Where a line item's name ends after its verb.
/// "for" ends it only before a period ("provision for income taxes for fiscal 2004").
static ITEM_END: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\s+for\s+(?:fiscal|the\s+(?:fiscal|years?|quarters?|first|second|third|fourth|three|six|nine|twelve|same|periods?|prior)|each|all|both|(?:19|20)\d\d|[a-z]+\s+(?:19|20)\d\d)|\s+(?:in|by|during|as\s+of|at|of\s+\$)\s|[,;]",
    )
});
static ITEM_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:the\s+company's\s+|the\s+|its\s+|our\s+|their\s+)?(?:previously\s+reported\s+|originally\s+reported\s+|reported\s+)?",
    )
});

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Change,
    Reported,
    Corrected,
}

/// One amount of a correction sentence, read.
struct Read {
    side: Side,
    value: Value,
    unit: String,
    start: usize,
    end: usize,
    metric: Option<&'static str>,
    label: String,
}

/// The corrections stated in the prose, and the doc spans of the amounts that are a change or
/// a figure as reported (no result of a period).
pub(crate) fn extract(doc: &Document, base: &Period) -> (Vec<Correction>, Vec<(usize, usize)>) {
    let mut out: Vec<Correction> = Vec::new();
    let mut withdrawn: Vec<(usize, usize)> = Vec::new();
    for (s, sent) in sentence::prose_sentences(doc) {
        if !CUE_WORDS.may_match(sent) || !CUE.is_match(sent) {
            continue;
        }
        let reads = read(sent);
        if reads.is_empty() {
            continue;
        }
        let when = period::find(sent)
            .into_iter()
            .find_map(|m| period::resolve(&m.spec, base, false))
            .and_then(|p| p.label);
        // One correction per thing corrected, its sides gathered in the sentence's order.
        let mut here: Vec<Correction> = Vec::new();
        for r in &reads {
            if r.side != Side::Corrected {
                withdrawn.push((s + r.start, s + r.end));
            }
            let at = match here
                .iter()
                .position(|c| c.label == r.label && c.unit.as_deref() == Some(&r.unit))
            {
                Some(i) => i,
                None => {
                    here.push(Correction {
                        metric: r.metric.map(str::to_string),
                        label: r.label.clone(),
                        period: when.clone(),
                        unit: Some(r.unit.clone()),
                        text: sentence::normalize(sent),
                        source: doc.source(s + r.start, s + r.end),
                        ..Correction::default()
                    });
                    here.len() - 1
                }
            };
            let slot = match r.side {
                Side::Change => &mut here[at].change,
                Side::Reported => &mut here[at].as_reported,
                Side::Corrected => &mut here[at].as_corrected,
            };
            slot.get_or_insert(r.value);
        }
        // A figure "as corrected" alone is only a result; it takes a change or an old value
        // beside it to be a correction.
        // An 8-K can state the same correction twice (its item and the exhibit).
        for c in here {
            let same = |o: &Correction| {
                o.label == c.label
                    && o.period == c.period
                    && o.unit == c.unit
                    && (o.change, o.as_reported, o.as_corrected)
                        == (c.change, c.as_reported, c.as_corrected)
            };
            if (c.change.is_some() || c.as_reported.is_some()) && !out.iter().any(same) {
                out.push(c);
            }
        }
    }
    (out, withdrawn)
}

/// The amounts of one correction sentence, each with its side and what it is of.
fn read(sent: &str) -> Vec<Read> {
    let lex = lexicon::get();
    let mentions = lex.mentions(sent);
    let mut out: Vec<Read> = Vec::new();
    let mut prev_end = 0usize;
    for m in money::scan(sent) {
        if m.is_range() || m.is_percent() {
            continue;
        }
        let before = sent.get(prev_end.min(m.start)..m.start).unwrap_or("");
        let after = sent.get(m.end..).unwrap_or("");
        let per_share = PER_SHARE.captures(after);
        // ", or $0.04 per diluted share": the same change, per share.
        if OR_BEFORE.is_match(before)
            && let Some(c) = &per_share
            && let Some(last) = out.last()
        {
            let (metric, label) = match c.name("kind").map(|k| k.as_str().to_ascii_lowercase()) {
                Some(k) if k == "diluted" => (Some("eps_diluted"), "diluted EPS"),
                Some(_) => (Some("eps_basic"), "basic EPS"),
                None => (None, "per share"),
            };
            let side = last.side;
            let value = if side == Side::Change && last.value.is_negative() {
                Value::new(-m.value.0.abs())
            } else {
                m.value
            };
            let end = m.end + c.get(0).map_or(0, |x| x.end());
            out.push(Read {
                side,
                value,
                unit: unit::USD_PER_SHARE.into(),
                start: m.start,
                end,
                metric,
                label: label.into(),
            });
            prev_end = end;
            continue;
        }
        let side = if BY.is_match(before) {
            Side::Change
        } else if FROM.is_match(before)
            || REPORTED_BEFORE.is_match(before)
            || REPORTED_AFTER.is_match(after)
        {
            Side::Reported
        } else if TO.is_match(before) && out.iter().any(|r| r.side != Side::Corrected)
            || CORRECTED_AFTER.is_match(after)
            || CORRECTED_BEFORE.is_match(before)
        {
            Side::Corrected
        } else {
            prev_end = m.end;
            continue;
        };
        // What is corrected: the line item after the last change verb before the amount, else
        // the metric named last before it; "to $Y" is of the thing its "by" or "from" was.
        let window_start = prev_end.min(m.start);
        let (metric, label) = match (side, out.last()) {
            (Side::Corrected, Some(_)) if TO.is_match(before) => out
                .iter()
                .rev()
                .find(|r| r.unit == m.unit)
                .map_or((None, String::new()), |r| (r.metric, r.label.clone())),
            _ => match item(sent, window_start, m.start, &mentions) {
                // "net sales of $512.3 million will be reduced by $4.1 million": a passive
                // change is of the thing named before its verb.
                (None, l) if l.is_empty() => out
                    .iter()
                    .rev()
                    .find(|r| r.unit == m.unit)
                    .map(|r| (r.metric, r.label.clone()))
                    .unwrap_or_else(|| item(sent, 0, m.start, &mentions)),
                found => found,
            },
        };
        if label.is_empty() {
            prev_end = m.end;
            continue;
        }
        let mut value = m.value;
        if side == Side::Change
            && VERB
                .captures_iter(sent.get(window_start..m.start).unwrap_or(""))
                .last()
                .is_some_and(|c| c.name("down").is_some())
        {
            value = Value::new(-value.0.abs());
        }
        let mut u = m.unit.clone();
        let mut end = m.end;
        if let Some(c) = &per_share {
            u = unit::USD_PER_SHARE.into();
            end += c.get(0).map_or(0, |x| x.end());
        }
        out.push(Read {
            side,
            value,
            unit: u,
            start: m.start,
            end,
            metric,
            label,
        });
        prev_end = end;
    }
    out
}

/// The thing corrected by an amount at `at`, looked for in `sent[from..at]`.
fn item(
    sent: &str,
    from: usize,
    at: usize,
    mentions: &[lexicon::Mention],
) -> (Option<&'static str>, String) {
    let window = sent.get(from..at).unwrap_or("");
    if let Some(v) = VERB.find_iter(window).last() {
        let rest = window.get(v.end()..).unwrap_or("").trim_start();
        let lead = ITEM_LEAD.find(rest).map_or(0, |m| m.end());
        let rest = rest.get(lead..).unwrap_or("");
        let name = ITEM_END
            .find(rest)
            .map_or(rest, |m| rest.get(..m.start()).unwrap_or(rest))
            .trim();
        let passive = name.is_empty() || name.eq_ignore_ascii_case("by");
        if !passive && name.len() <= 60 && !name.contains('$') {
            // `rest` is a tail of `window`, and the name starts it.
            let at_name = from + window.len() - rest.len();
            let metric = mentions
                .iter()
                .find(|m| m.start >= at_name && m.end <= at_name + name.len())
                .map(|m| m.metric);
            return (metric, sentence::normalize(name));
        }
    }
    if from > 0 {
        return (None, String::new());
    }
    mentions
        .iter()
        .rev()
        .find(|m| m.end <= at)
        .map_or((None, String::new()), |m| (Some(m.metric), m.label.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (label, period, change, as reported, as corrected) of one written release.
    type Row = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    fn corrections(body: &str) -> (Vec<Row>, usize) {
        let text = format!(
            "NEW YORK, January 17, 2006 -- Acme Corp (NYSE: ACM) today announced a restatement.\n\n{body}\n"
        );
        let doc = crate::ingest::text::ingest(&text, "t.txt").unwrap_or_default();
        let (c, withdrawn) = extract(&doc, &Period::default());
        let s = |v: Option<Value>| v.map(|v| v.0.normalize().to_string());
        let rows = c
            .into_iter()
            .map(|c| {
                (
                    c.label,
                    c.period,
                    s(c.change),
                    s(c.as_reported),
                    s(c.as_corrected),
                )
            })
            .collect();
        (rows, withdrawn.len())
    }

    fn row(label: &str, period: &str, ch: &str, rep: &str, cor: &str) -> Row {
        let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
        (label.into(), o(period), o(ch), o(rep), o(cor))
    }

    #[test]
    fn by_how_much_from_what_to_what() {
        let (rows, withdrawn) = corrections(
            "The correction reduced previously reported net income for 2004 by $12.3 million, or \
             $0.05 per diluted share, to $101.2 million. Net sales for 2004 were restated from \
             $512.3 million to $508.2 million.",
        );
        assert_eq!(
            rows,
            [
                row("net income", "FY2004", "-12300000", "", "101200000"),
                row("diluted EPS", "FY2004", "-0.05", "", ""),
                row("Net sales", "FY2004", "", "512300000", "508200000"),
            ]
        );
        // The changes and the old value are withdrawn from the results; the new ones stay.
        assert_eq!(withdrawn, 3);
    }

    #[test]
    fn a_passive_change_is_of_the_thing_named_before_it() {
        let (rows, _) = corrections(
            "As a result of the error, previously reported revenue of $40.0 million for fiscal \
             2005 will be reduced by $1.5 million.",
        );
        assert_eq!(rows, [row("revenue", "FY2005", "-1500000", "40000000", "")]);
    }

    #[test]
    fn results_beside_a_restatement_word_are_no_correction() {
        let (rows, withdrawn) = corrections(
            "Restated for the stock split, net income for 2005 was $30.1 million, up from $27.0 \
             million in 2004.",
        );
        assert!(rows.is_empty(), "{rows:?}");
        assert_eq!(withdrawn, 0);
    }
}
