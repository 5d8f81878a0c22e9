//! The cautionary list of the forward-looking statements paragraph, one factor a row.
//!
//! A list starts after an introduction in a cautionary sentence ("Risk factors include among
//! others:", "…include, but are not limited to,", "…are the following:", "such as"). What follows
//! is either inline (split on top-level semicolons, or on commas when there are none, never inside
//! parentheses), enumerated ("(1) … (2) …", possibly one sentence per item; the words before the
//! first enumerator are the list's lead-in), or a run of bullet items after a sentence ending in a
//! colon. A last item that only points to filings ("other risks detailed in our Form 10-K", "the
//! other risk factors summarized in …") is the reference, not a risk. In a comma list, commas
//! also part the members of a series inside one item ("including A, B or C", "the acquisition,
//! development or use of real estate"), which stay with their item.

use super::pattern;
use super::pattern::Regex;
use super::sentence::{self, Unit, normalize};
use crate::document::{BlockKind, Document};
use crate::release::Risk;
use std::sync::LazyLock;

const MAX_SENTENCE: usize = 8000;

/// What makes a sentence cautionary: a list of risks is introduced by one.
static CAUTION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?i)forward[- ]looking|safe harbor|(?:could|might|may) cause|differ materially|such differences|risk factors|uncertaint",
    )
    .ok()
});

/// Page numbers of PDF text ("- 30 -") that cut a list item.
static PAGE_NO: LazyLock<Option<Regex>> =
    LazyLock::new(|| pattern::new(r"^-\s*\d{1,3}\s*-\s*").ok());

/// A sentence that speaks of risk (needed before a list introduction counts).
static CONTEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(r"(?i)\brisks?\b|uncertaint|\bfactors\b|(?:could|might|may) (?:cause|affect)|differ materially")
        .ok()
});

static INTRO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?ix)
        \b(?:are|is|include|includes)\s+(?:as\s+)?(?:the\s+)?following\s*:
        | \bthe\s+following\b[^:;.]{0,200}:
        | \b(?:include|includes|including)\b
            (?:,?\s*(?:but\s+(?:(?:are|is)\s+)?not\s+limited\s+to|without\s+limitation|among\s+others
                |among\s+other\s+things|in\s+particular))?,?\s*(?:the\s+following)?\s*:?
        | \bsuch\s+as\b\s*:?",
    )
    .ok()
});

/// "(1)", "(ii)", "(a)", "1." at an item start.
static ENUM: LazyLock<Option<Regex>> =
    LazyLock::new(|| pattern::new(r"(?:^|\s)\(?(?:\d{1,2}|[ivx]{1,5}|[a-h])\)\s").ok());

static MARKER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"^(?:[•·▪■◦●\u{f0b7}\u{f0a7}\u{f0d8}*]+|-{1,2}|o\s|\(?(?:\d{1,2}|[ivx]{1,5}|[a-h])\)|\d{1,2}\.)\s*",
    )
    .ok()
});

/// An item that only points to filings.
static POINTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?i)(?:^|\b(?:and|or)\s+)(?:the\s+)?(?:other|additional|such other|those other)\s+(?:risk\s+)?(?:risks|factors|uncertainties|matters)\b|\b(?:detailed|described|discussed|identified|set forth|listed|disclosed|summarized|summarised|outlined)\s+(?:from time to time\s+)?in\b",
    )
    .ok()
});

/// "… and other risks detailed in …": where a pointer joins a last real factor.
static OTHER_RISKS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:and|or)\s+(?:the\s+)?(?:other|additional)\s+(?:risk\s+)?(?:risks|factors|uncertainties|matters)\b").ok()
});

static FILING_WORD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(r"(?i)form\s+10-?[kq]|20-?f|annual report|quarterly report|\bSEC\b|securities and exchange commission|filings|reports filed").ok()
});

static REFERENCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?isx)
        \b(?:referred\s+to|refer\s+to|see(?:\s+also)?|detailed|described|discussed|contained|set\s+forth
            |included|found|identified|listed|disclosed|summari[sz]ed|outlined)(?:\s+from\s+time\s+to\s+time)?(?:\s+in)?\s+
        (?P<ref>.{0,160}?(?:
            (?:annual|quarterly|current|periodic)\s+reports?\s+on\s+form\s+[0-9a-z/-]+
          | form\s+(?:10-?k|10-?q|20-?f|40-?f)(?:/a)?
          | (?:annual|quarterly)\s+reports?
          | (?-i:SEC)\s+filings
          | securities\s+and\s+exchange\s+commission\s+filings
          | (?:filings|reports)\s+(?:filed\s+)?with\s+the\s+(?:(?-i:SEC)|securities\s+and\s+exchange\s+commission)
        )(?:\s+(?:dated|for\s+the\s+(?:fiscal\s+)?(?:year|quarter|period)\s+ended|filed(?:\s+with\s+the\s+(?-i:SEC))?\s+on)
            \s+[A-Za-z]+\.?\s+\d{1,2},\s+\d{4})?)",
    )
    .ok()
});

/// The risks, and the filing the release refers to for the full list.
pub fn extract(doc: &Document) -> (Vec<Risk>, Option<String>) {
    let (Some(context), Some(intro)) = (CONTEXT.as_ref(), INTRO.as_ref()) else {
        return (Vec::new(), None);
    };
    let units = sentence::units(doc);
    let mut risks: Vec<Risk> = Vec::new();
    let mut reference: Option<String> = None;
    let mut consumed_to = 0usize;
    for (ui, unit) in units.iter().enumerate() {
        let sents = sentence::sentences(&doc.text, unit.start, unit.end);
        for (si, &(s, e)) in sents.iter().enumerate() {
            if s < consumed_to {
                continue;
            }
            let text = doc.text.get(s..e).unwrap_or("");
            // Markup or a table run together is no sentence to read a list from.
            if text.len() > MAX_SENTENCE {
                continue;
            }
            if reference.is_none() && context.is_match(text) {
                reference = find_reference(text);
            }
            let Some(ctx) = context.find(text) else {
                continue;
            };
            if !CAUTION.as_ref().is_some_and(|r| r.is_match(text)) {
                continue;
            }
            // The list starts after the first introduction, or the first colon, past the
            // words that make the sentence cautionary.
            let by_words = intro
                .find_iter(text)
                .find(|m| m.end() > ctx.start())
                .map(|m| m.end());
            let by_colon = text
                .get(ctx.start()..)
                .and_then(|t| {
                    t.find(": ")
                        .or_else(|| t.ends_with(':').then(|| t.len() - 1))
                })
                .map(|i| ctx.start() + i + 1);
            let Some(list_rel) = [by_words, by_colon].into_iter().flatten().min() else {
                continue;
            };
            let mut list_start = s + list_rel;
            let mut e = e;
            // A list cut by a line break of PDF text goes on in the next paragraph.
            if let Some(end) = continued_list(doc, &units, ui, e) {
                e = end;
            }
            let mut rest = doc.text.get(list_start..e).unwrap_or("").trim();
            // "…include, without limitation, risks associated with (i) …": the words before the
            // first enumerator are the list's lead-in, never part of an item.
            if let Some(skip) = enumerated_lead_in(rest) {
                let raw = doc.text.get(list_start..e).unwrap_or("");
                list_start += raw.len() - raw.trim_start().len() + skip;
                rest = doc.text.get(list_start..e).unwrap_or("").trim();
            }
            // "… is included in our reports, including our Form 10-K": a list of filings.
            // "… can be found in our Form 10-K, including in the sections captioned …": the
            // sentence points to filings before its list starts, unless a colon opens the list.
            let head: String = rest.chars().take(100).collect();
            let reference_first = REFERENCE
                .as_ref()
                .and_then(|r| r.find(text))
                .is_some_and(|r| r.start() < list_rel);
            let colon = text
                .get(..list_rel)
                .is_some_and(|t| t.trim_end().ends_with(':'));
            if (FILING_WORD.as_ref().is_some_and(|r| r.is_match(&head)) || !colon)
                && reference_first
            {
                continue;
            }
            let mut items: Vec<(usize, usize)> = Vec::new();
            if rest.is_empty() {
                if text.trim_end().ends_with(':') {
                    let (found, end) = bullet_items(doc, &units, ui + 1);
                    items = found;
                    consumed_to = consumed_to.max(end);
                }
            } else if starts_enumerated(rest) {
                // Items may be whole sentences: take the following ones that start an item.
                let mut end = e;
                for &(s2, e2) in sents.iter().skip(si + 1) {
                    let t = doc.text.get(s2..e2).unwrap_or("");
                    if !starts_enumerated(t) {
                        break;
                    }
                    end = e2;
                }
                items = split_enumerated(doc, list_start, end);
                consumed_to = consumed_to.max(end);
            } else {
                items = split_inline(doc, list_start, e);
                consumed_to = consumed_to.max(e);
            }
            push_items(doc, items, &mut risks, &mut reference);
        }
    }
    (risks, reference)
}

/// Where an inline list goes on past its paragraph: a paragraph that ends inside the list (after
/// a ";" or ",") and a next one that starts in lower case, as when every line of PDF text stands
/// alone. The list then ends with the next paragraph's first sentence (or goes on again).
fn continued_list(doc: &Document, units: &[Unit], ui: usize, e: usize) -> Option<usize> {
    let mut end = e;
    let mut found = None;
    for (i, next) in units.iter().enumerate().skip(ui + 1) {
        let cur = units.get(i - 1)?;
        let at_unit_end = doc
            .text
            .get(end..cur.end)
            .is_some_and(|t| t.trim().is_empty());
        let open = doc
            .text
            .get(..end)
            .is_some_and(|t| t.trim_end().ends_with([';', ',']));
        let lower = doc
            .text
            .get(next.start..next.end)
            .is_some_and(|t| t.trim_start().starts_with(|c: char| c.is_lowercase()));
        if !(at_unit_end && open && lower && next.kind == BlockKind::Paragraph) {
            break;
        }
        let sents = sentence::sentences(&doc.text, next.start, next.end);
        let (_, e2) = *sents.first()?;
        end = e2;
        found = Some(end);
        if sents.len() > 1 {
            break;
        }
    }
    found
}

/// The length of an enumerated list's lead-in ("risks associated with " before "(i) …",
/// "factors: " before "1) …"): a few words before the first of at least two enumerators, with no
/// separator among them.
fn enumerated_lead_in(rest: &str) -> Option<usize> {
    let re = ENUM.as_ref()?;
    let mut marks = re.find_iter(rest);
    let first = marks.next()?;
    marks.next()?;
    let lead = rest.get(..first.start())?;
    let words = lead.split_whitespace().count();
    (words > 0 && words <= 12 && !lead.contains(';')).then_some(first.start())
}

fn push_items(
    doc: &Document,
    items: Vec<(usize, usize)>,
    risks: &mut Vec<Risk>,
    reference: &mut Option<String>,
) {
    let n = items.len();
    for (i, (a, b)) in items.into_iter().enumerate() {
        let Some((a, b)) = clean_item(doc, a, b) else {
            continue;
        };
        let raw = doc.text.get(a..b).unwrap_or("");
        let mut b = b;
        if i + 1 == n && is_pointer(raw) {
            let r = find_reference(raw).unwrap_or_else(|| normalize(raw));
            *reference = Some(r);
            // "…technological factors affecting our operations and other risks detailed in
            // our reports": the words before the pointer are still a risk.
            let cut = OTHER_RISKS
                .as_ref()
                .and_then(|p| p.find(raw))
                .map(|m| m.start())
                .unwrap_or(0);
            let head = raw.get(..cut).unwrap_or("");
            let head = head.trim_end();
            let head = head.strip_suffix(" and").unwrap_or(head).trim_end();
            if head.split_whitespace().count() < 3 {
                continue;
            }
            b = a + head.trim_end_matches([',', ';']).len();
        }
        let text = normalize(doc.text.get(a..b).unwrap_or(""));
        if text.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            continue;
        }
        risks.push(Risk {
            text,
            source: doc.source(a, b),
        });
    }
}

fn is_pointer(text: &str) -> bool {
    POINTER.as_ref().is_some_and(|r| r.is_match(text))
        && FILING_WORD.as_ref().is_some_and(|r| r.is_match(text))
}

fn find_reference(text: &str) -> Option<String> {
    let c = REFERENCE.as_ref()?.captures(text)?;
    let r = normalize(c.name("ref")?.as_str());
    let r = r
        .trim_start_matches("the risk factors disclosed in ")
        .trim_end_matches([',', '.', ';'])
        .to_string();
    (!r.is_empty()).then_some(r)
}

fn starts_enumerated(t: &str) -> bool {
    let t = t.trim_start();
    ENUM.as_ref()
        .and_then(|r| r.find(t))
        .is_some_and(|m| m.start() == 0)
}

/// Trim an item: whitespace, bullet or enumerator, a leading "and"/"or", closing punctuation.
fn clean_item(doc: &Document, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let mut t = doc.text.get(a..b)?;
    loop {
        let before = t.len();
        let lead = t.len() - t.trim_start().len();
        a += lead;
        t = t.trim_start();
        if let Some(m) = MARKER.as_ref().and_then(|r| r.find(t))
            && m.end() > 0
            && m.end() < t.len()
        {
            a += m.end();
            t = &t[m.end()..];
        }
        for w in ["and/or ", "and ", "or "] {
            if t.len() > w.len() && t.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)) {
                a += w.len();
                t = &t[w.len()..];
            }
        }
        if t.len() == before {
            break;
        }
    }
    let mut trimmed = t
        .trim_end()
        .trim_end_matches(['.', ';', ',', ':'])
        .trim_end();
    // "…if at all; and" before the next bullet.
    for w in [" and", " or"] {
        if let Some(x) = trimmed.strip_suffix(w) {
            trimmed = x.trim_end().trim_end_matches([';', ',']).trim_end();
        }
    }
    b = a + trimmed.len();
    (b > a).then_some((a, b))
}

/// Split `text[start..end]` at top-level separators: semicolons, or commas when there is no
/// semicolon. Parentheses protect what they hold.
fn split_inline(doc: &Document, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some(t) = doc.text.get(start..end) else {
        return Vec::new();
    };
    let top_level = |sep: u8| -> Vec<usize> {
        let mut depth = 0i32;
        let mut cuts = Vec::new();
        let bytes = t.as_bytes();
        for (i, &c) in bytes.iter().enumerate() {
            match c {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth = (depth - 1).max(0),
                _ if c == sep && depth == 0 && !ends_entity(&bytes[..i]) => cuts.push(i),
                _ => {}
            }
        }
        cuts
    };
    let mut cuts = top_level(b';');
    let by_comma = cuts.is_empty();
    if by_comma {
        cuts = top_level(b',');
    }
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for c in cuts.into_iter().chain(std::iter::once(t.len())) {
        pieces.push((at, c));
        at = c + 1;
    }
    if !by_comma {
        return pieces
            .into_iter()
            .map(|(a, b)| (start + a, start + b))
            .collect();
    }
    // Commas also separate the parts of one item; keep them together.
    let texts: Vec<&str> = pieces
        .iter()
        .map(|&(a, b)| t.get(a..b).unwrap_or("").trim())
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(&(a, b)) = pieces.get(i) {
        let joins = if out.is_empty() {
            0
        } else {
            comma_joins(&texts, i)
        };
        match (joins, out.last_mut(), pieces.get(i + joins.max(1) - 1)) {
            (1.., Some(last), Some(&(_, b2))) => {
                last.1 = start + b2;
                i += joins;
            }
            _ => {
                out.push((start + a, start + b));
                i += 1;
            }
        }
    }
    out
}

/// The words of a coordination inside a piece ("inflation or deflation").
fn has_conjunction(piece: &str) -> bool {
    piece
        .split_whitespace()
        .any(|w| matches!(w.to_ascii_lowercase().as_str(), "and" | "or" | "and/or"))
}

/// "ownership or use of real estate", "energy and certain commodities": a piece whose second word
/// is a conjunction closes a series of words, not a list of risks.
fn closes_series(piece: &str) -> bool {
    let mut w = piece.split_whitespace();
    let first = w.next().unwrap_or("");
    let second = w.next().unwrap_or("").to_ascii_lowercase();
    first.chars().all(char::is_alphabetic)
        && !first.is_empty()
        && !matches!(first.to_ascii_lowercase().as_str(), "the" | "a" | "an")
        && matches!(second.as_str(), "and" | "or" | "and/or")
}

/// Does the piece end with a preposition and its short object ("associated with employees",
/// a parenthesis after it aside)? Such an object can be the first of a series.
fn ends_in_prepositional_object(piece: &str) -> bool {
    let mut p = piece.trim_end();
    if p.ends_with(')')
        && let Some(open) = p.rfind('(')
    {
        p = p.get(..open).unwrap_or("").trim_end();
    }
    let words: Vec<String> = p
        .split_whitespace()
        .rev()
        .take(3)
        .map(str::to_ascii_lowercase)
        .collect();
    let prep = |w: &String| {
        matches!(
            w.as_str(),
            "of" | "with" | "in" | "for" | "to" | "on" | "by" | "from" | "about" | "over" | "into"
        )
    };
    words.get(1).is_some_and(prep) || words.get(2).is_some_and(prep)
}

/// How many pieces from `i` on belong to the item before them in a comma-split list (0: piece `i`
/// starts an item of its own).
fn comma_joins(texts: &[&str], i: usize) -> usize {
    let Some(piece) = texts.get(i) else {
        return 0;
    };
    let words = |p: &str| p.split_whitespace().count();
    // "economic conditions, including exchange rates, inflation or deflation": a sub-list goes
    // on to its own closing conjunction; its parts are short.
    if piece.starts_with("including ") || piece.starts_with("such as ") {
        if has_conjunction(piece) {
            return 1;
        }
        for (j, p) in texts.iter().enumerate().skip(i + 1).take(3) {
            if words(p) > 6 {
                break;
            }
            if has_conjunction(p) {
                // ", and other factors" at the very end closes the whole list.
                let leading = p.starts_with("and ") || p.starts_with("or ");
                if leading && j + 1 == texts.len() {
                    break;
                }
                return j - i + 1;
            }
        }
        return 1;
    }
    // "conditions affecting the acquisition, development, ownership or use of real estate":
    // single words, then the series' closing coordination.
    let singles = texts
        .iter()
        .skip(i)
        .take_while(|p| words(p) == 1 && p.chars().all(char::is_alphabetic))
        .count();
    match texts.get(i + singles) {
        Some(closer) if singles > 0 && closes_series(closer) => singles + 1,
        // "rising costs associated with employees, energy and certain commodities".
        Some(closer)
            if singles == 0
                && words(closer) <= 4
                && closes_series(closer)
                && i.checked_sub(1)
                    .and_then(|k| texts.get(k))
                    .is_some_and(|prev| ends_in_prepositional_object(prev)) =>
        {
            1
        }
        _ => 0,
    }
}

/// Does `before` end with the body of an HTML entity ("&#146", "&amp"), whose `;` is no separator?
fn ends_entity(before: &[u8]) -> bool {
    let tail: Vec<u8> = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .copied()
        .collect();
    !tail.is_empty()
        && tail.len() <= 8
        && before.len() > tail.len()
        && before[before.len() - tail.len() - 1] == b'&'
}

fn split_enumerated(doc: &Document, start: usize, end: usize) -> Vec<(usize, usize)> {
    let Some(t) = doc.text.get(start..end) else {
        return Vec::new();
    };
    let Some(re) = ENUM.as_ref() else {
        return Vec::new();
    };
    let marks: Vec<usize> = re.find_iter(t).map(|m| m.start()).collect();
    let mut out = Vec::new();
    for (i, &m) in marks.iter().enumerate() {
        let e = marks.get(i + 1).copied().unwrap_or(t.len());
        out.push((start + m, start + e));
    }
    out
}

/// Bullet items after a sentence ending in a colon: list items, each with the paragraphs that
/// continue it (a page break can cut an item), skipping sub-headings between groups.
fn bullet_items(doc: &Document, units: &[Unit], from: usize) -> (Vec<(usize, usize)>, usize) {
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut end = 0;
    for u in units.iter().skip(from) {
        let raw = doc.text.get(u.start..u.end).unwrap_or("").trim();
        // A page number between the parts of an item is neither an item nor a stop.
        let page_no = PAGE_NO.as_ref().and_then(|r| r.find(raw));
        let t = match page_no {
            Some(m) => raw.get(m.end()..).unwrap_or("").trim_start(),
            None => raw,
        };
        if t.is_empty() {
            continue;
        }
        let is_item = (u.kind == BlockKind::ListItem && page_no.is_none())
            || MARKER
                .as_ref()
                .and_then(|r| r.find(t))
                .is_some_and(|m| m.end() > 0);
        if is_item {
            items.push((u.start, u.end));
            end = u.end;
            continue;
        }
        let continues = t.starts_with(|c: char| c.is_lowercase());
        if continues && let Some(last) = items.last_mut() {
            last.1 = u.end;
            end = u.end;
            continue;
        }
        let subheading = t.len() <= 120 && (t.ends_with(':') || !t.ends_with('.'));
        if subheading && !t.is_empty() {
            if items.is_empty() && !t.ends_with(':') {
                break;
            }
            continue;
        }
        break;
    }
    (items, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_keeps_the_filing_and_its_date() {
        let s = "Readers are referred to Item 1A \"Risk Factors\" of Sonus' Quarterly Report on \
                 Form 10-Q dated May 8, 2006, filed with the SEC, which identifies risks.";
        assert_eq!(
            find_reference(s).as_deref(),
            Some(
                "Item 1A \"Risk Factors\" of Sonus' Quarterly Report on Form 10-Q dated May 8, 2006"
            )
        );
    }

    fn doc(text: &str) -> Document {
        crate::ingest::text::ingest(text, "t.txt").unwrap_or_default()
    }

    fn risks_of(text: &str) -> (Vec<String>, Option<String>) {
        let (risks, reference) = extract(&doc(text));
        (risks.into_iter().map(|r| r.text).collect(), reference)
    }

    #[test]
    fn a_closing_pointer_to_risk_factors_is_the_reference() {
        let (risks, reference) = risks_of(
            "Factors that could cause actual results to differ materially include: (a) weaker \
             demand for our products; (b) higher energy costs; and (c) the other risk factors \
             summarized in the Company's Form 10-K for the year ended December 31, 2010 and other \
             reports filed with the Securities and Exchange Commission.",
        );
        assert_eq!(
            risks,
            ["weaker demand for our products", "higher energy costs"]
        );
        assert_eq!(
            reference.as_deref(),
            Some("the Company's Form 10-K for the year ended December 31, 2010")
        );
        assert!(is_pointer(
            "such other factors as are set forth in our annual report on Form 10-K"
        ));
        assert!(is_pointer(
            "the factors summarized in the Company's filings with the SEC"
        ));
    }

    #[test]
    fn the_lead_in_before_the_first_enumerator_is_no_part_of_an_item() {
        let (risks, _) = risks_of(
            "These statements involve risks that could cause results to differ materially, \
             including but not limited to the following factors: 1) our ability to raise \
             capital; 2) the loss of a key customer; and 3) such other factors as are set forth \
             in our annual report on Form 10-K.",
        );
        assert_eq!(
            risks,
            ["our ability to raise capital", "the loss of a key customer"]
        );
        let (risks, _) = risks_of(
            "Such risks and uncertainties include, without limitation, risks associated with \
             (i) our inability to manufacture at scale; (ii) difficulties in obtaining financing; \
             and (iii) changes in competition.",
        );
        assert_eq!(
            risks,
            [
                "our inability to manufacture at scale",
                "difficulties in obtaining financing",
                "changes in competition"
            ]
        );
        let (risks, _) = risks_of(
            "Risks that may cause results to differ materially include, but are not limited to: \
             (i) pricing pressure; and (ii) supply interruptions.",
        );
        assert_eq!(risks, ["pricing pressure", "supply interruptions"]);
    }

    #[test]
    fn a_list_goes_on_past_a_pdf_line_break() {
        let (risks, _) = risks_of(
            "Risks and uncertainties that could cause results to differ materially include, but \
             are not limited to: competition; patent challenges;\n\n\
             changes in tax laws; trends toward cost containment; and the outcome of \
             litigation.\n\n\
             We undertake no obligation to update these statements.",
        );
        assert_eq!(
            risks,
            [
                "competition",
                "patent challenges",
                "changes in tax laws",
                "trends toward cost containment",
                "the outcome of litigation"
            ]
        );
    }

    #[test]
    fn commas_inside_an_item_do_not_split_it() {
        let (risks, _) = risks_of(
            "These risks and uncertainties include, but are not limited to, general economic \
             conditions, including interest rates, inflation or deflation, the effects of \
             competition, conditions affecting the purchase, sale, lease or use of property, \
             seasonality, rising costs associated with labor (including pensions), fuel and raw \
             materials, and other risks identified in our reports filed with the SEC.",
        );
        assert_eq!(
            risks,
            [
                "general economic conditions, including interest rates, inflation or deflation",
                "the effects of competition",
                "conditions affecting the purchase, sale, lease or use of property",
                "seasonality",
                "rising costs associated with labor (including pensions), fuel and raw materials"
            ]
        );
    }

    #[test]
    fn single_words_and_long_coordinations_stay_items() {
        // One-word risks in a row, and a long coordinated phrase, are items of their own.
        let (risks, _) = risks_of(
            "Forward-looking statements involve risks that include, among others, seasonality, \
             competition, uncertainties in the financial markets, consumer and small business \
             spending patterns and debt levels, and technological changes.",
        );
        assert_eq!(
            risks,
            [
                "seasonality",
                "competition",
                "uncertainties in the financial markets",
                "consumer and small business spending patterns and debt levels",
                "technological changes"
            ]
        );
    }

    #[test]
    fn pointer_items_are_recognised() {
        assert!(is_pointer("other risks detailed in our Form 10-K"));
        assert!(!is_pointer(
            "consolidation in the telecommunications industry"
        ));
    }
}
