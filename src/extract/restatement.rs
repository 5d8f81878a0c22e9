//! Restatements, option-grant reviews, late filings, SEC and exchange matters, as dated events.
//!
//! The vocabulary lives in `assets/events.json`. A sentence is cut into clauses at the joints
//! where a second event usually starts ("…has completed its review and continues to work…",
//! "…file a Form 12b-25 … stating that it will be unable to file its Form 10-K"). A clause is an
//! event when it holds a trigger (which names the kind; the earliest trigger wins because the
//! main predicate of an English clause comes first) and a state cue (the nearest cue before the
//! trigger, else the first after it). Clauses with a trigger and no cue are descriptions ("The
//! restatement relates to …"), not events. The cautionary paragraph and its risk list never
//! yield events: they list what might happen, not what did.

use super::pattern;
use super::sentence::{self, normalize};
use crate::document::{BlockKind, Document};
use crate::release::{Event, EventState, Restatement};
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

const MAX_SENTENCE: usize = 2500;

const EVENTS_JSON: &str = include_str!("../../assets/events.json");

#[derive(Deserialize)]
struct VocabFile {
    kinds: Vec<KindDef>,
    not_events: Vec<String>,
    cautionary: Vec<String>,
    states: StatesDef,
    actors: Vec<ActorDef>,
    filings: Vec<FilingDef>,
}

#[derive(Deserialize)]
struct KindDef {
    kind: String,
    label: String,
    #[serde(default)]
    agency_actor: bool,
    /// Actors that act in this kind of matter when named ("Nasdaq" for a listing notice).
    #[serde(default)]
    prefer_actors: Vec<String>,
    triggers: Vec<String>,
}

#[derive(Deserialize)]
struct StatesDef {
    completed: Vec<String>,
    in_progress: Vec<String>,
    expected: Vec<String>,
}

#[derive(Deserialize)]
struct ActorDef {
    name: String,
    #[serde(default)]
    agency: bool,
    patterns: Vec<String>,
}

#[derive(Deserialize)]
struct FilingDef {
    name: String,
    patterns: Vec<String>,
}

struct Kind {
    kind: String,
    label: String,
    agency_actor: bool,
    prefer_actors: Vec<String>,
    triggers: Vec<Regex>,
}

struct Actor {
    name: String,
    agency: bool,
    patterns: Vec<Regex>,
}

/// The kinds with their triggers: compiled for every release, since every sentence is looked
/// at for a trigger.
#[derive(Default)]
struct Vocab {
    kinds: Vec<Kind>,
    /// Patterns that did not load, for the vocabulary test.
    errors: Vec<String>,
}

/// Everything else of the vocabulary, read only in sentences that hold a trigger: compiled on
/// first need, so a release with no restatement matter never pays for its 88 patterns.
#[derive(Default)]
struct Cues {
    not_events: Vec<Regex>,
    cautionary: Vec<Regex>,
    states: Vec<(EventState, Regex)>,
    actors: Vec<Actor>,
    filings: Vec<(String, Vec<Regex>)>,
    errors: Vec<String>,
}

fn compile_all(pats: &[String], errors: &mut Vec<String>) -> Vec<Regex> {
    pats.iter()
        .filter_map(|p| {
            // Sentences run over line breaks: a space in a pattern stands for any whitespace.
            pattern::builder(&p.replace(' ', r"\s+"))
                .case_insensitive(true)
                .build()
                .map_err(|e| errors.push(format!("{p}: {e}")))
                .ok()
        })
        .collect()
}

/// The vocabulary file, parsed once for both halves. The asset is ours and tested; should it
/// not parse, the vocabulary is empty (it finds nothing rather than crash) and the error is
/// kept for the test.
static FILE: LazyLock<Result<VocabFile, String>> =
    LazyLock::new(|| serde_json::from_str(EVENTS_JSON).map_err(|e| format!("events.json: {e}")));

fn load() -> Vocab {
    let file = match &*FILE {
        Ok(f) => f,
        Err(e) => {
            return Vocab {
                errors: vec![e.clone()],
                ..Vocab::default()
            };
        }
    };
    let mut errors = Vec::new();
    let kinds = file
        .kinds
        .iter()
        .map(|k| Kind {
            kind: k.kind.clone(),
            label: k.label.clone(),
            agency_actor: k.agency_actor,
            prefer_actors: k.prefer_actors.clone(),
            triggers: compile_all(&k.triggers, &mut errors),
        })
        .collect();
    Vocab { kinds, errors }
}

fn load_cues() -> Cues {
    // A parse error is reported once, by `load`.
    let Ok(file) = &*FILE else {
        return Cues::default();
    };
    let mut errors = Vec::new();
    let mut states = Vec::new();
    for (st, pats) in [
        (EventState::Completed, &file.states.completed),
        (EventState::InProgress, &file.states.in_progress),
        (EventState::Expected, &file.states.expected),
    ] {
        states.extend(compile_all(pats, &mut errors).into_iter().map(|r| (st, r)));
    }
    let actors = file
        .actors
        .iter()
        .map(|a| Actor {
            name: a.name.clone(),
            agency: a.agency,
            patterns: compile_all(&a.patterns, &mut errors),
        })
        .collect();
    let filings = file
        .filings
        .iter()
        .map(|f| (f.name.clone(), compile_all(&f.patterns, &mut errors)))
        .collect();
    Cues {
        not_events: compile_all(&file.not_events, &mut errors),
        cautionary: compile_all(&file.cautionary, &mut errors),
        states,
        actors,
        filings,
        errors,
    }
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(load);
static CUES: LazyLock<Cues> = LazyLock::new(load_cues);

/// Patterns of `assets/events.json` that failed to load (empty when the vocabulary is sound).
pub fn vocabulary_errors() -> Vec<String> {
    VOCAB.errors.iter().chain(&CUES.errors).cloned().collect()
}

/// Joints inside a sentence where a second event may start. Lower case only: "Securities and
/// Exchange Commission" is one name (checked again below for capitalized neighbours).
static CLAUSE_BREAK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r";\s+|,?\s+(?:and|but|while|because|whereas)\s+|,?\s+stating\s+that\s+|,\s+which\s+",
    )
    .ok()
});

static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(
        r"(?x)
        (?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?
        \b(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?
            |Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?
        (?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?
        (?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b)?",
    )
    .ok()
});

/// Words that introduce an event's own date ("on May 25, 2005", "in August 2006", "dated …").
/// Dates after "ended" or "as of" name a reporting period instead.
const DATE_LEADS: &[&str] = &[
    "on", "in", "dated", "until", "by", "before", "since", "during", "for", "from", "early",
    "late", "mid", "after",
];

/// The restatement status; `risks` are the release's risk factors (their sentences never yield
/// events).
pub fn extract(doc: &Document, risks: &[crate::release::Risk]) -> Restatement {
    let risk_spans: Vec<(usize, usize)> = risks
        .iter()
        .map(|r| (r.source.start, r.source.end))
        .collect();
    let fallback_year = fallback_year(doc);
    let hits = trigger_hits(&doc.text);
    let mut events: Vec<Event> = Vec::new();
    let mut from_heading: Vec<bool> = Vec::new();
    for unit in sentence::units(doc) {
        for (s, e) in sentence::sentences(&doc.text, unit.start, unit.end) {
            let Some(text) = doc.text.get(s..e) else {
                continue;
            };
            // Longer than any real sentence: markup or a table run together, not prose.
            if text.len() > MAX_SENTENCE
                || !overlaps_any(&hits, s, e)
                || risk_spans.iter().any(|&(a, b)| a < e && s < b)
            {
                continue;
            }
            // A heading names its subject without a verb; only a stated intent counts there.
            let heading = matches!(unit.kind, BlockKind::Heading { .. })
                || !text.chars().any(char::is_lowercase);
            for ev in sentence_events(doc, s, text, heading, fallback_year) {
                let key = (ev.kind.clone(), ev.text.to_lowercase());
                if !events
                    .iter()
                    .any(|x| x.kind == key.0 && x.text.to_lowercase() == key.1)
                {
                    events.push(ev);
                    from_heading.push(heading);
                }
            }
        }
    }
    // A headline repeats what the body says; keep it only when the body does not.
    let body_kinds: Vec<String> = events
        .iter()
        .zip(&from_heading)
        .filter(|(_, h)| !**h)
        .map(|(e, _)| e.kind.clone())
        .collect();
    let events = events
        .into_iter()
        .zip(from_heading)
        .filter(|(e, h)| !*h || !body_kinds.contains(&e.kind))
        .map(|(e, _)| e)
        .collect();
    summarize(events)
}

/// Spans of every trigger in the whole text, sorted by start. Each trigger regex runs once over
/// the document (where its literal prefilter skips most of it) instead of once per sentence,
/// and only the sentences a trigger touches are read closely.
fn trigger_hits(text: &str) -> Vec<(usize, usize)> {
    let mut hits: Vec<(usize, usize)> = VOCAB
        .kinds
        .iter()
        .flat_map(|k| &k.triggers)
        .flat_map(|r| r.find_iter(text).map(|m| (m.start(), m.end())))
        .collect();
    hits.sort_unstable();
    hits
}

/// Whether a span of `hits` (sorted by start) overlaps `s..e`.
fn overlaps_any(hits: &[(usize, usize)], s: usize, e: usize) -> bool {
    let i = hits.partition_point(|h| h.0 < s);
    // A hit that starts before the sentence reaches into it only if it is among the last few
    // (triggers are a few words long, so the hits just before `s` are the ones that can).
    hits.get(i).is_some_and(|h| h.0 < e) || hits[..i].iter().rev().take(8).any(|h| h.1 > s)
}

/// A trigger or cue found in a sentence, as offsets relative to the sentence.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    idx: usize,
}

fn sentence_events(
    doc: &Document,
    base: usize,
    text: &str,
    heading: bool,
    fallback_year: Option<i32>,
) -> Vec<Event> {
    let v = &*VOCAB;
    // Triggers first: most sentences have none, and then nothing else need be looked at.
    let mut triggers: Vec<Hit> = Vec::new();
    for (ki, k) in v.kinds.iter().enumerate() {
        for r in &k.triggers {
            for m in r.find_iter(text) {
                triggers.push(Hit {
                    start: m.start(),
                    end: m.end(),
                    idx: ki,
                });
            }
        }
    }
    if triggers.is_empty() || CUES.cautionary.iter().any(|r| r.is_match(text)) {
        return Vec::new();
    }
    let blocked: Vec<(usize, usize)> = CUES
        .not_events
        .iter()
        .flat_map(|r| r.find_iter(text).map(|m| (m.start(), m.end())))
        .collect();
    triggers.retain(|t| !blocked.iter().any(|&(a, b)| a < t.end && t.start < b));
    if triggers.is_empty() {
        return Vec::new();
    }
    triggers.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end - h.start), h.idx));
    let cues = state_cues(text);
    if cues.is_empty() {
        return Vec::new();
    }

    // Clauses, then clauses without a trigger folded into their neighbour.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    if let Some(re) = CLAUSE_BREAK.as_ref() {
        for m in re.find_iter(text) {
            if joins_proper_names(text, m.start(), m.end()) {
                continue;
            }
            pieces.push((at, m.start()));
            at = m.end();
        }
    }
    pieces.push((at, text.len()));
    let has_trigger = |p: &(usize, usize)| triggers.iter().any(|t| t.start >= p.0 && t.start < p.1);
    let mut merged: Vec<(usize, usize)> = Vec::new();
    let mut pending_start: Option<usize> = None;
    for p in pieces {
        if has_trigger(&p) {
            merged.push((pending_start.take().unwrap_or(p.0), p.1));
        } else if let Some(last) = merged.last_mut() {
            last.1 = p.1;
        } else if pending_start.is_none() {
            pending_start = Some(p.0);
        }
    }

    let mut out: Vec<(usize, usize, Event)> = Vec::new();
    let mut prev_actor: Option<String> = None;
    for (ps, pe) in merged {
        let Some(t) = triggers.iter().find(|t| t.start >= ps && t.start < pe) else {
            continue;
        };
        let in_piece: Vec<&Hit> = cues
            .iter()
            .filter(|c| c.start >= ps && c.end <= pe)
            .collect();
        let cue = in_piece
            .iter()
            .filter(|c| c.start < t.end)
            .max_by_key(|c| c.start)
            .or_else(|| {
                in_piece
                    .iter()
                    .filter(|c| c.start >= t.end)
                    .min_by_key(|c| c.start)
            });
        let Some(cue) = cue else {
            continue;
        };
        let state = CUES
            .states
            .get(cue.idx)
            .map(|(s, _)| *s)
            .unwrap_or(EventState::Completed);
        if heading && state != EventState::Expected {
            continue;
        }
        let Some(kind) = v.kinds.get(t.idx) else {
            continue;
        };
        let piece = text.get(ps..pe).unwrap_or("");
        let actor = find_actor(piece, kind.agency_actor, &kind.prefer_actors)
            .or_else(|| prev_actor.clone())
            .or_else(|| find_actor(piece, true, &[]));
        prev_actor = actor.clone();
        let ev = Event {
            kind: kind.kind.clone(),
            text: String::new(),
            state,
            date: find_date(piece, fallback_year),
            actor,
            filing: find_filing(piece),
            source: doc.source(base + ps, base + pe),
        };
        out.push((ps, pe, ev));
    }
    // One event: show its whole sentence. Several: each its own clause.
    let single = out.len() == 1;
    out.into_iter()
        .map(|(ps, pe, mut ev)| {
            let (a, b) = if single {
                (0, text.len())
            } else {
                trim_span(text, ps, pe)
            };
            ev.text = normalize(text.get(a..b).unwrap_or(""));
            ev.source = doc.source(base + a, base + b);
            ev
        })
        .collect()
}

/// "Securities and Exchange", "Research and Development": not a clause joint.
fn joins_proper_names(text: &str, start: usize, end: usize) -> bool {
    let joint = text.get(start..end).unwrap_or("");
    if !joint.trim().eq("and") {
        return false;
    }
    let before = text
        .get(..start)
        .and_then(|t| t.split_whitespace().next_back())
        .unwrap_or("");
    let after = text
        .get(end..)
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or("");
    before.starts_with(|c: char| c.is_uppercase()) && after.starts_with(|c: char| c.is_uppercase())
}

fn trim_span(text: &str, a: usize, b: usize) -> (usize, usize) {
    let part = text.get(a..b).unwrap_or("");
    let lead = part.len() - part.trim_start().len();
    let t = part.trim().trim_end_matches([',', ';']).trim_end();
    (a + lead, a + lead + t.len())
}

/// State cues of a sentence; a cue inside a longer one ("completed" in "has not yet
/// completed") is dropped in favour of the longer.
fn state_cues(text: &str) -> Vec<Hit> {
    let mut cues: Vec<Hit> = Vec::new();
    for (i, (_, r)) in CUES.states.iter().enumerate() {
        for m in r.find_iter(text) {
            cues.push(Hit {
                start: m.start(),
                end: m.end(),
                idx: i,
            });
        }
    }
    let all = cues.clone();
    cues.retain(|c| {
        !all.iter()
            .any(|o| o.start <= c.start && o.end >= c.end && (o.end - o.start) > (c.end - c.start))
    });
    cues.sort_by_key(|c| (c.start, c.idx));
    cues.dedup_by_key(|c| (c.start, c.end));
    cues
}

/// Who acts: an agency for regulator and exchange matters, else the clause's subject.
fn find_actor(piece: &str, prefer_agency: bool, preferred: &[String]) -> Option<String> {
    let mut hits: Vec<(usize, &Actor)> = Vec::new();
    for a in &CUES.actors {
        for r in &a.patterns {
            for m in r.find_iter(piece) {
                // "the Company's Audit Committee": the possessor is not the actor; nor is
                // the exchange of a listing "(Nasdaq: PSEM)".
                let rest = piece.get(m.end()..).unwrap_or("");
                if rest.starts_with("'s")
                    || rest.starts_with("’s")
                    || rest.trim_start().starts_with(':')
                {
                    continue;
                }
                hits.push((m.start(), a));
            }
        }
    }
    hits.sort_by_key(|h| h.0);
    if let Some((_, a)) = hits.iter().find(|(_, a)| preferred.contains(&a.name)) {
        return Some(a.name.clone());
    }
    // A regulator named in a company matter is usually the object ("file … with the SEC").
    hits.iter()
        .find(|(_, a)| a.agency == prefer_agency)
        .or_else(|| hits.first().filter(|_| prefer_agency))
        .map(|(_, a)| a.name.clone())
}

fn find_filing(piece: &str) -> Option<String> {
    CUES.filings
        .iter()
        .enumerate()
        .filter_map(|(i, (name, pats))| {
            pats.iter()
                .filter_map(|r| r.find(piece).map(|m| m.start()))
                .min()
                .map(|s| (s, i, name))
        })
        .min_by_key(|&(s, i, _)| (s, i))
        .map(|(_, _, n)| n.clone())
}

fn month_number(m: &str) -> Option<u32> {
    let p = m.get(..3)?.to_ascii_lowercase();
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|x| *x == p)?;
    Some(i as u32 + 1)
}

/// The event's own date in a clause: ISO day or month. A date after "ended"/"as of" names
/// a period, and a month alone only counts with a year or a leading word like "in".
fn find_date(piece: &str, fallback_year: Option<i32>) -> Option<String> {
    let re = DATE.as_ref()?;
    for c in re.captures_iter(piece) {
        let whole = c.get(0)?;
        let before = piece.get(..whole.start()).unwrap_or("");
        let lead = before
            .split(|ch: char| !ch.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        if !DATE_LEADS.contains(&lead.as_str()) {
            continue;
        }
        let mon = c.name("mon").and_then(|m| month_number(m.as_str()))?;
        let day = c.name("day").and_then(|d| d.as_str().parse::<u32>().ok());
        let year = c
            .name("year")
            .and_then(|y| y.as_str().parse::<i32>().ok())
            .or(fallback_year);
        // "May" alone is too often the verb.
        if day.is_none() && c.name("year").is_none() {
            continue;
        }
        let Some(year) = year else {
            continue;
        };
        return Some(match day {
            Some(d) if (1..=31).contains(&d) => format!("{year:04}-{mon:02}-{d:02}"),
            _ => format!("{year:04}-{mon:02}"),
        });
    }
    None
}

/// The filing year, for dates written without one.
fn fallback_year(doc: &Document) -> Option<i32> {
    doc.meta
        .sec
        .as_ref()
        .and_then(|s| s.filed.as_deref())
        .or(doc.meta.filed.as_deref())
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
}

fn state_key(s: EventState) -> &'static str {
    match s {
        EventState::Completed => "completed",
        EventState::InProgress => "in_progress",
        EventState::Expected => "expected",
    }
}

/// Overall status and a one-sentence summary.
///
/// The matter is `in_progress` when any step is under way, or when some steps are done and others
/// still to come (a review completed, the restated 10-K yet to be filed: the matter is mid-way);
/// `expected` when nothing has happened yet; `completed` when every step is done.
fn summarize(events: Vec<Event>) -> Restatement {
    if events.is_empty() {
        return Restatement::default();
    }
    let has = |s: EventState| events.iter().any(|e| e.state == s);
    let status = if has(EventState::InProgress)
        || (has(EventState::Completed) && has(EventState::Expected))
    {
        EventState::InProgress
    } else if has(EventState::Expected) {
        EventState::Expected
    } else {
        EventState::Completed
    };
    let v = &*VOCAB;
    let label = |k: &str| {
        v.kinds
            .iter()
            .find(|x| x.kind == k)
            .map(|x| x.label.clone())
            .unwrap_or_else(|| k.replace('_', " "))
    };
    let mut parts: Vec<String> = Vec::new();
    for st in [
        EventState::Completed,
        EventState::InProgress,
        EventState::Expected,
    ] {
        let mut names: Vec<String> = Vec::new();
        for e in events.iter().filter(|e| e.state == st) {
            let mut name = label(&e.kind);
            let filings: Vec<String> = events
                .iter()
                .filter(|x| x.state == st && x.kind == e.kind)
                .filter_map(|x| x.filing.clone())
                .fold(Vec::new(), |mut acc, f| {
                    if !acc.contains(&f) {
                        acc.push(f);
                    }
                    acc
                });
            if e.kind == "late_filing" && !filings.is_empty() {
                name = format!("{name} ({})", filings.join(", "));
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if names.is_empty() {
            continue;
        }
        parts.push(format!("{} {}", join_and(&names), st.name()));
    }
    let mut summary = parts.join("; ");
    if let Some(first) = summary.get(..1) {
        summary = first.to_uppercase() + summary.get(1..).unwrap_or("");
    }
    summary.push('.');
    Restatement {
        status: state_key(status).to_string(),
        summary,
        events,
    }
}

fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_loads_without_errors() {
        assert!(vocabulary_errors().is_empty(), "{:?}", vocabulary_errors());
        assert!(VOCAB.kinds.len() >= 8);
        assert!(!CUES.states.is_empty());
    }

    #[test]
    fn dates_skip_reporting_periods() {
        assert_eq!(
            find_date(
                "unable to file its Form 10-K for the year ended December 31, 2006",
                None
            ),
            None
        );
        assert_eq!(
            find_date("notified the SEC of its review in August 2006", None).as_deref(),
            Some("2006-08")
        );
        assert_eq!(
            find_date("On May 25, 2005, Alcoa received", None).as_deref(),
            Some("2005-05-25")
        );
    }
}
