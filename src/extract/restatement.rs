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

use super::pattern::{self, Regex};
use super::sentence::{self, normalize};
use crate::document::{BlockKind, Document};
use crate::release::{Event, EventState, Matter, Restatement};
use serde::Deserialize;
use std::sync::LazyLock;

const MAX_SENTENCE: usize = 2500;

pub(crate) const EVENTS_JSON: &str = include_str!("../../assets/events.json");

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
    /// What tells two matters of this kind apart: `agency` (the acting agency), `report` (the
    /// late periodic report), `topic` (the first of `subjects` named). None: one matter a release.
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    subjects: Vec<FilingDef>,
    /// Steps that start the matter without completing it (a non-reliance decision).
    #[serde(default)]
    starts: Vec<String>,
    /// Kinds whose matter an event of this kind belongs to when the clause also names them.
    #[serde(default)]
    joins: Vec<String>,
    /// Kinds whose matters "these investigations" may point back to.
    #[serde(default)]
    refers_back: Vec<String>,
}

#[derive(Deserialize)]
struct StatesDef {
    completed: Vec<String>,
    in_progress: Vec<String>,
    expected: Vec<String>,
    #[serde(default)]
    headline: Vec<String>,
    #[serde(default)]
    opening: Vec<String>,
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
    /// The periodic report this form is, or is late for ("Form NT 10-K" → "Form 10-K").
    #[serde(default)]
    report: Option<String>,
    patterns: Vec<String>,
}

/// How the matters of a kind are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubjectBy {
    /// One matter of the kind per release.
    None,
    Agency,
    Report,
    Topic,
}

struct Kind {
    kind: String,
    label: String,
    agency_actor: bool,
    prefer_actors: Vec<String>,
    triggers: Vec<Regex>,
    subject: SubjectBy,
    joins: Vec<String>,
    refers_back: Vec<String>,
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
    /// Present-tense completed cues ("Files for", "Receives"): the only completed ones a
    /// heading may hold.
    headline: Vec<Regex>,
    /// Completed cues that open or advance a matter instead of ending it.
    opening: Vec<Regex>,
    actors: Vec<Actor>,
    filings: Vec<(String, Vec<Regex>)>,
    /// Per filing (as `filings`), the periodic report it is or is late for.
    reports: Vec<Option<String>>,
    /// Per kind (as `Vocab::kinds`): its start steps and its topics.
    starts: Vec<Vec<Regex>>,
    topics: Vec<Vec<(String, Vec<Regex>)>>,
    errors: Vec<String>,
}

fn compile_all(pats: &[String], errors: &mut Vec<String>) -> Vec<Regex> {
    pats.iter()
        .filter_map(|p| {
            // Sentences run over line breaks: a space in a pattern stands for any whitespace.
            Regex::new(&format!("(?i){}", p.replace(' ', r"\s+")))
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
            subject: match k.subject.as_deref() {
                Some("agency") => SubjectBy::Agency,
                Some("report") => SubjectBy::Report,
                Some("topic") => SubjectBy::Topic,
                Some(other) => {
                    errors.push(format!("{}: unknown subject {other:?}", k.kind));
                    SubjectBy::None
                }
                None => SubjectBy::None,
            },
            joins: k.joins.clone(),
            refers_back: k.refers_back.clone(),
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
        (EventState::Completed, &file.states.headline),
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
    let reports = file.filings.iter().map(|f| f.report.clone()).collect();
    let starts = file
        .kinds
        .iter()
        .map(|k| compile_all(&k.starts, &mut errors))
        .collect();
    let topics = file
        .kinds
        .iter()
        .map(|k| {
            k.subjects
                .iter()
                .map(|t| (t.name.clone(), compile_all(&t.patterns, &mut errors)))
                .collect()
        })
        .collect();
    Cues {
        not_events: compile_all(&file.not_events, &mut errors),
        cautionary: compile_all(&file.cautionary, &mut errors),
        states,
        headline: compile_all(&file.states.headline, &mut errors),
        opening: compile_all(&file.states.opening, &mut errors),
        actors,
        filings,
        reports,
        starts,
        topics,
        errors,
    }
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(load);
static CUES: LazyLock<Cues> = LazyLock::new(load_cues);

/// Every pattern of the vocabulary.
fn all_patterns() -> impl Iterator<Item = &'static Regex> {
    let v: &'static Vocab = &VOCAB;
    let c: &'static Cues = &CUES;
    let triggers = v.kinds.iter().flat_map(|k| &k.triggers);
    let cues = c
        .not_events
        .iter()
        .chain(&c.cautionary)
        .chain(c.states.iter().map(|(_, r)| r))
        .chain(&c.headline)
        .chain(&c.opening)
        .chain(c.actors.iter().flat_map(|a| &a.patterns))
        .chain(c.filings.iter().flat_map(|(_, rs)| rs))
        .chain(c.starts.iter().flatten())
        .chain(c.topics.iter().flatten().flat_map(|(_, rs)| rs));
    triggers.chain(cues)
}

/// Patterns of `assets/events.json` that failed to load (empty when the vocabulary is sound).
/// Compiles every pattern, which extraction itself does only where a pattern can match.
pub fn vocabulary_errors() -> Vec<String> {
    let compiled = all_patterns().filter_map(Regex::error);
    VOCAB
        .errors
        .iter()
        .chain(&CUES.errors)
        .cloned()
        .chain(compiled)
        .collect()
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
    let mut found: Vec<Found> = Vec::new();
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
            for f in sentence_events(doc, s, text, heading, fallback_year) {
                let key = (f.ev.kind.clone(), f.ev.text.to_lowercase());
                if !found
                    .iter()
                    .any(|x| x.ev.kind == key.0 && x.ev.text.to_lowercase() == key.1)
                {
                    found.push(f);
                    from_heading.push(heading);
                }
            }
        }
    }
    // A headline repeats what the body says; keep it only when the body does not.
    let body_kinds: Vec<String> = found
        .iter()
        .zip(&from_heading)
        .filter(|(_, h)| !**h)
        .map(|(f, _)| f.ev.kind.clone())
        .collect();
    let found: Vec<Found> = found
        .into_iter()
        .zip(from_heading)
        .filter(|(f, h)| !*h || !body_kinds.contains(&f.ev.kind))
        .map(|(f, _)| f)
        .collect();
    summarize(found)
}

/// An event with what its sentence says about the matter it belongs to.
#[derive(Debug, Clone)]
struct Found {
    ev: Event,
    /// The kind of the matter: the event's own, or the one it `joins`.
    matter_kind: String,
    subject: Option<String>,
    /// "these investigations" (`Some(true)`), "the investigation" (`Some(false)`), when the
    /// event names no subject of its own.
    refers_back: Option<bool>,
    /// A completed step that ends its matter (not one that opens or advances it).
    closes: bool,
}

/// Spans of every trigger in the whole text, sorted by start. Each trigger regex runs once over
/// the document (where its literal prefilter skips most of it) instead of once per sentence,
/// and only the sentences a trigger touches are read closely.
fn trigger_hits(text: &str) -> Vec<(usize, usize)> {
    let mut hits: Vec<(usize, usize)> = match WHOLE_TRIGGERS.as_ref() {
        Some(whole) if text.len() >= WHOLE_TEXT => whole
            .iter()
            .flat_map(|r| r.find_iter(text).map(|m| (m.start(), m.end())))
            .collect(),
        _ => VOCAB
            .kinds
            .iter()
            .flat_map(|k| &k.triggers)
            .flat_map(|r| r.find_iter(text).map(|m| (m.start(), m.end())))
            .collect(),
    };
    hits.sort_unstable();
    hits
}

/// From this length on the whole-text trigger scans use [`WHOLE_TRIGGERS`]: the extraction
/// patterns are built without a literal prefilter (cheap to build, and as fast on a sentence),
/// but over a long text each of the 56 triggers then runs the lazy DFA over every byte, which
/// was most of the restatement cost on a 1 MB release. Below it, building the prefilters costs
/// more than it saves.
const WHOLE_TEXT: usize = 256 * 1024;

/// The triggers again, in the same order and from the same source as [`compile_all`] makes
/// them (ASCII word classes too), as `regex::Regex` with its literal prefilter. The same
/// leftmost-first matches: only the engine that skips to a candidate differs. None when any
/// fails to build (never for the tested asset), and then the gated patterns do the scan.
static WHOLE_TRIGGERS: LazyLock<Option<Vec<regex::Regex>>> = LazyLock::new(|| {
    let file = FILE.as_ref().ok()?;
    file.kinds
        .iter()
        .flat_map(|k| &k.triggers)
        .map(|p| {
            let source = format!("(?i){}", p.replace(' ', r"\s+"));
            regex::Regex::new(&pattern::ascii_words(&source)).ok()
        })
        .collect()
});

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
) -> Vec<Found> {
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

    let mut out: Vec<(usize, usize, Found)> = Vec::new();
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
        let mut state = CUES
            .states
            .get(cue.idx)
            .map(|(s, _)| *s)
            .unwrap_or(EventState::Completed);
        let cue_text = text.get(cue.start..cue.end).unwrap_or("");
        if heading
            && state != EventState::Expected
            && !CUES.headline.iter().any(|r| r.is_match(cue_text))
        {
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
        // A decision to restate starts the restatement; it does not complete it.
        if state == EventState::Completed
            && CUES
                .starts
                .get(t.idx)
                .is_some_and(|rs| rs.iter().any(|r| r.is_match(piece)))
        {
            state = EventState::InProgress;
        }
        let filing = find_filing(piece);
        // The kind of the matter: an investigation of option grants is the option review.
        let matter_kind = triggers
            .iter()
            .filter(|o| o.start >= ps && o.start < pe && o.idx != t.idx)
            .filter_map(|o| v.kinds.get(o.idx))
            .find(|o| kind.joins.contains(&o.kind))
            .map(|o| o.kind.clone())
            .unwrap_or_else(|| kind.kind.clone());
        let subject = match kind.subject {
            SubjectBy::None => None,
            SubjectBy::Agency => actor
                .as_ref()
                .filter(|a| CUES.actors.iter().any(|x| &x.name == *a && x.agency))
                .cloned(),
            SubjectBy::Report => find_report(piece).or_else(|| find_report(text)),
            SubjectBy::Topic => find_topic(t.idx, piece),
        };
        let refers_back = if !kind.refers_back.is_empty() && subject.is_none() {
            let before = text.get(ps..t.start).unwrap_or("");
            let trig = text.get(t.start..t.end).unwrap_or("");
            BACK_REFERENCE
                .as_ref()
                .filter(|r| r.is_match(before))
                .map(|_| trig.ends_with(['s', 'S']))
        } else {
            None
        };
        let closes = state == EventState::Completed
            && if CUES.opening.iter().any(|r| r.is_match(cue_text)) {
                // A filing ends a restatement (the restated report filed) or a late filing
                // when the late report itself is filed; else it is a step (a notice filed).
                cue_text.to_lowercase().contains("file")
                    && (kind.kind == "restatement"
                        || (kind.subject == SubjectBy::Report
                            && filing.is_some()
                            && filing == subject))
            } else {
                true
            };
        let ev = Event {
            kind: kind.kind.clone(),
            text: String::new(),
            state,
            date: find_date(piece, fallback_year),
            actor,
            filing,
            source: doc.source(base + ps, base + pe),
        };
        out.push((
            ps,
            pe,
            Found {
                ev,
                matter_kind,
                subject,
                refers_back,
                closes,
            },
        ));
    }
    // One event: show its whole sentence. Several: each its own clause.
    let single = out.len() == 1;
    out.into_iter()
        .map(|(ps, pe, mut f)| {
            let (a, b) = if single {
                (0, text.len())
            } else {
                trim_span(text, ps, pe)
            };
            f.ev.text = normalize(text.get(a..b).unwrap_or(""));
            f.ev.source = doc.source(base + a, base + b);
            f
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

/// Words that end a company's name.
const COMPANY_SUFFIXES: &[&str] = &[
    "LLC",
    "Inc",
    "Corp",
    "Corporation",
    "Ltd",
    "L.P",
    "LP",
    "Co",
    "Company",
    "Limited",
];

/// Who acts: an agency for regulator and exchange matters, else the clause's subject.
fn find_actor(piece: &str, prefer_agency: bool, preferred: &[String]) -> Option<String> {
    let mut hits: Vec<(usize, &Actor)> = Vec::new();
    for a in &CUES.actors {
        for r in &a.patterns {
            for m in r.find_iter(piece) {
                // "the Company's Audit Committee": the possessor is not the actor; nor is
                // the exchange of a listing "(Nasdaq: PSEM)".
                let rest = piece.get(m.end()..).unwrap_or("");
                // Nor a word of a company's name ("… Management LLC").
                let next = rest.split_whitespace().next().unwrap_or("");
                if rest.starts_with("'s")
                    || rest.starts_with("’s")
                    || rest.trim_start().starts_with(':')
                    || COMPANY_SUFFIXES.contains(&next.trim_end_matches([',', '.']))
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

/// "…cooperate fully in these investigations": the words just before the trigger point back.
static BACK_REFERENCE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:these|those|such|this|that|the)\s+(?:[\w-]+\s+)?$").ok()
});

/// The periodic report a late-filing clause is about: the first form named that is, or is late
/// for, a periodic report ("Form 12b-25" is neither; "Form NT 10-K" is late for the Form 10-K).
fn find_report(piece: &str) -> Option<String> {
    CUES.filings
        .iter()
        .zip(&CUES.reports)
        .filter_map(|((_, pats), report)| {
            let report = report.as_ref()?;
            pats.iter()
                .filter_map(|r| r.find(piece).map(|m| m.start()))
                .min()
                .map(|s| (s, report))
        })
        .min_by_key(|&(s, _)| s)
        .map(|(_, r)| r.clone())
}

/// The first of a kind's topics named in a clause ("minimum bid price" → "bid price").
fn find_topic(kind: usize, piece: &str) -> Option<String> {
    CUES.topics
        .get(kind)?
        .iter()
        .filter_map(|(name, pats)| {
            pats.iter()
                .filter_map(|r| r.find(piece).map(|m| m.start()))
                .min()
                .map(|s| (s, name))
        })
        .min_by_key(|&(s, _)| s)
        .map(|(_, n)| n.clone())
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

/// The matters of a release, its overall status and a one-sentence summary that names each
/// matter once.
///
/// The status is `in_progress` when any matter is under way, or when some are done and others
/// still to come; `expected` when nothing has happened yet; `completed` when every matter is done.
fn summarize(found: Vec<Found>) -> Restatement {
    if found.is_empty() {
        return Restatement::default();
    }
    let matters: Vec<Matter> = group(&found)
        .into_iter()
        .map(|g| matter(&found, g))
        .collect();
    let has = |s: EventState| matters.iter().any(|m| m.state == s);
    let status = if has(EventState::InProgress)
        || (has(EventState::Completed) && has(EventState::Expected))
    {
        EventState::InProgress
    } else if has(EventState::Expected) {
        EventState::Expected
    } else {
        EventState::Completed
    };
    let mut parts: Vec<String> = Vec::new();
    for st in [
        EventState::Completed,
        EventState::InProgress,
        EventState::Expected,
    ] {
        // Matters of one kind in one state are named together: "late filings (Form 10-K, Form 10-Q)".
        let mut names: Vec<(String, Vec<String>, usize)> = Vec::new();
        for m in matters.iter().filter(|m| m.state == st) {
            let label = kind_label(&m.kind);
            let pos = names.iter().position(|(l, _, _)| *l == label);
            let entry = match pos {
                Some(p) => &mut names[p],
                None => {
                    names.push((label, Vec::new(), 0));
                    let last = names.len() - 1;
                    &mut names[last]
                }
            };
            entry.2 += 1;
            if let Some(s) = &m.subject
                && !entry.1.contains(s)
            {
                entry.1.push(s.clone());
            }
        }
        if names.is_empty() {
            continue;
        }
        let names: Vec<String> = names
            .into_iter()
            .map(|(label, subjects, n)| {
                let label = if n > 1 { format!("{label}s") } else { label };
                if subjects.is_empty() {
                    label
                } else {
                    format!("{label} ({})", subjects.join(", "))
                }
            })
            .collect();
        parts.push(format!("{} {}", join_and(&names), st.name()));
    }
    let mut summary = capitalize(&parts.join("; "));
    summary.push('.');
    Restatement {
        status: state_key(status).to_string(),
        summary,
        events: found.into_iter().map(|f| f.ev).collect(),
        matters,
        corrections: Vec::new(),
    }
}

fn kind_label(kind: &str) -> String {
    VOCAB
        .kinds
        .iter()
        .find(|x| x.kind == kind)
        .map(|x| x.label.clone())
        .unwrap_or_else(|| kind.replace('_', " "))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Events of one matter, before its state is decided.
#[derive(Debug)]
struct Group {
    kind: String,
    subject: Option<String>,
    events: Vec<usize>,
}

/// One matter per kind and subject. An event that names no subject belongs to the matter of its
/// kind it follows most closely ("…will be provided 90 days to regain compliance" after the notice
/// it answers); a matter with no subject yet takes the first one named. "These investigations"
/// belong to every agency matter named before them (legal matters, the SEC inquiry), "the
/// investigation" to the last.
fn group(found: &[Found]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        if let Some(plural) = f.refers_back {
            let refers = VOCAB
                .kinds
                .iter()
                .find(|k| k.kind == f.ev.kind)
                .map(|k| k.refers_back.as_slice())
                .unwrap_or_default();
            let agency: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| refers.contains(&g.kind))
                .map(|(j, _)| j)
                .collect();
            let targets: Vec<usize> = if plural {
                agency
            } else {
                agency.last().copied().into_iter().collect()
            };
            if !targets.is_empty() {
                for j in targets {
                    groups[j].events.push(i);
                }
                continue;
            }
        }
        let same_kind = |g: &Group| g.kind == f.matter_kind;
        let pos = match &f.subject {
            Some(s) => groups
                .iter()
                .position(|g| same_kind(g) && g.subject.as_ref() == Some(s))
                .or_else(|| {
                    groups
                        .iter()
                        .position(|g| same_kind(g) && g.subject.is_none())
                }),
            None => groups
                .iter()
                .enumerate()
                .filter(|(_, g)| same_kind(g))
                .max_by_key(|(_, g)| g.events.last().copied())
                .map(|(j, _)| j),
        };
        match pos {
            Some(j) => {
                let g = &mut groups[j];
                if g.subject.is_none() {
                    g.subject = f.subject.clone();
                }
                g.events.push(i);
            }
            None => groups.push(Group {
                kind: f.matter_kind.clone(),
                subject: f.subject.clone(),
                events: vec![i],
            }),
        }
    }
    groups
}

/// Events in time order: those with a date by their dates, in the places dated events take in
/// the document; the others where the document puts them.
fn time_order(found: &[Found], events: &[usize]) -> Vec<usize> {
    let mut order = events.to_vec();
    order.sort_unstable();
    order.dedup();
    let date = |i: usize| found.get(i).and_then(|f| f.ev.date.clone());
    let slots: Vec<usize> = (0..order.len())
        .filter(|&k| date(order[k]).is_some())
        .collect();
    let mut dated: Vec<usize> = slots.iter().map(|&k| order[k]).collect();
    dated.sort_by_key(|&i| date(i));
    for (k, i) in slots.into_iter().zip(dated) {
        order[k] = i;
    }
    order
}

/// One step of a matter's state machine: the state after `step` when the matter was in `cur`.
///
/// - a completed step that ends the matter ("completed", "has been included", "regained") completes it;
/// - a completed step that opens or advances it ("received a subpoena", "notified the SEC")
///   puts it in progress, unless it is already completed;
/// - "continues to", "is reviewing" put it in progress;
/// - an expectation of a matter already begun is a future step of it: the matter stays (or,
///   after a completion, is again) in progress; of a matter not begun, it is expected.
fn next_state(cur: Option<EventState>, step: EventState, closes: bool) -> EventState {
    match step {
        EventState::Completed if closes => EventState::Completed,
        EventState::Completed if cur == Some(EventState::Completed) => EventState::Completed,
        EventState::Completed | EventState::InProgress => EventState::InProgress,
        EventState::Expected => match cur {
            None | Some(EventState::Expected) => EventState::Expected,
            Some(_) => EventState::InProgress,
        },
    }
}

fn matter(found: &[Found], g: Group) -> Matter {
    let order = time_order(found, &g.events);
    let mut cur: Option<EventState> = None;
    let mut since: Option<String> = None;
    for &i in &order {
        let Some(f) = found.get(i) else {
            continue;
        };
        let next = next_state(cur, f.ev.state, f.closes);
        // The date the matter entered its state: that of the step that moved it there (an
        // expectation's date is a deadline, not a date the state began).
        if cur != Some(next) && f.ev.state != EventState::Expected {
            since = f.ev.date.clone();
        } else if cur != Some(next) && next == EventState::Expected {
            since = None;
        }
        cur = Some(next);
    }
    let state = cur.unwrap_or(EventState::Expected);
    let base = kind_label(&g.kind);
    let label = match &g.subject {
        Some(s) => format!("{base} ({s})"),
        None => base,
    };
    let mut summary = format!("{} {}", capitalize(&label), state.name());
    if let Some(d) = &since {
        summary.push_str(&format!(" since {d}"));
    }
    summary.push('.');
    Matter {
        kind: g.kind,
        subject: g.subject,
        label,
        state,
        since,
        events: order,
        summary,
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

    /// The vocabulary's gates (see `pattern::Regex`) never hide a match: on every block of the
    /// corpus, each pattern finds what the plain regex finds.
    #[test]
    fn gated_vocabulary_finds_what_the_regexes_find() {
        let dir = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Ok(crate::ingest::Ingested::Document(doc)) = crate::ingest::ingest(&bytes, &name)
            {
                texts.extend(doc.blocks.iter().map(|b| doc.block_text(b).to_string()));
            }
        }
        assert!(texts.len() > 1000, "the corpus was read: {}", texts.len());
        let mut matched = 0;
        for g in all_patterns() {
            // The same pattern without a gate.
            let plain = Regex::lazy(g.as_str());
            for t in &texts {
                let want: Vec<_> = plain.find_iter(t).map(|m| m.range()).collect();
                let got: Vec<_> = g.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(got, want, "{} on {t:?}", g.as_str());
                matched += want.len();
            }
        }
        assert!(matched > 100, "the vocabulary matched {matched} times");
    }

    /// The matters of a short release text: (label, state, since, number of events).
    fn matters_of(text: &str) -> Vec<(String, EventState, Option<String>, usize)> {
        let r = match crate::load_bytes(text.as_bytes(), "test.txt") {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        r.restatement
            .matters
            .iter()
            .map(|m| (m.label.clone(), m.state, m.since.clone(), m.events.len()))
            .collect()
    }

    fn state_of(text: &str, label: &str) -> EventState {
        let ms = matters_of(text);
        ms.iter()
            .find(|m| m.0 == label)
            .map(|m| m.1)
            .unwrap_or_else(|| panic!("no {label} matter in {ms:?}"))
    }

    #[test]
    fn a_later_completion_supersedes_an_expectation() {
        let t = "The Company expects to complete its review of stock option practices in March.\n\n\
                 On April 2, 2007, the Special Committee completed its review of stock option practices.\n";
        assert_eq!(
            matters_of(t),
            vec![(
                "stock option review".to_string(),
                EventState::Completed,
                Some("2007-04-02".to_string()),
                2
            )]
        );
    }

    #[test]
    fn a_future_step_of_a_matter_under_way_keeps_it_in_progress() {
        // Notified (a step, not the end), expects a formal order, cooperating: one state.
        let t = "The Company voluntarily notified the SEC of its review in August 2006. \
                 The Company expects to receive from the SEC a notice of formal order of investigation. \
                 The Company has been fully cooperating with the SEC.\n";
        let ms = matters_of(t);
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!(
            (ms[0].0.as_str(), ms[0].1, ms[0].2.as_deref(), ms[0].3),
            ("SEC inquiry", EventState::InProgress, Some("2006-08"), 3)
        );
    }

    #[test]
    fn events_are_ordered_by_date_before_document_order() {
        // Written newest first: the dated steps still run in time order.
        let t = "On March 5, 2007, the Company completed its review of stock option practices. \
                 On January 10, 2007, the Company announced that it intends to complete its review of stock option practices.\n";
        assert_eq!(state_of(t, "stock option review"), EventState::Completed);
    }

    #[test]
    fn a_non_reliance_decision_starts_a_restatement() {
        let t = "On May 2, 2024, the Audit Committee concluded that the previously issued financial \
                 statements for fiscal 2023 should no longer be relied upon.\n";
        let r = match crate::load_bytes(t.as_bytes(), "t.txt") {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        let m = &r.restatement.matters;
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].state, EventState::InProgress);
        assert_eq!(m[0].since.as_deref(), Some("2024-05-02"));
        // The event itself is the start of the restatement, not a completed one.
        assert_eq!(r.restatement.events[0].state, EventState::InProgress);
        assert_eq!(
            state_of(
                "The Board determined that the Company will restate its financial statements.\n",
                "restatement"
            ),
            EventState::Expected
        );
    }

    #[test]
    fn restated_results_complete_a_restatement() {
        let t = "The Audit Committee concluded that the financial statements should no longer be relied upon. \
                 The Company has restated its results for the first quarter.\n";
        assert_eq!(state_of(t, "restatement"), EventState::Completed);
        let t = "Revenue for the prior year, as restated, was $12.1 million.\n";
        assert_eq!(state_of(t, "restatement"), EventState::Completed);
    }

    #[test]
    fn a_received_notice_opens_a_matter_and_regaining_compliance_ends_it() {
        let t = "On June 3, 2009, the Company received a deficiency letter from Nasdaq about its minimum bid price.\n";
        assert_eq!(
            state_of(t, "exchange listing notice (bid price)"),
            EventState::InProgress
        );
        let t = "On June 3, 2009, the Company received a deficiency letter from Nasdaq about its minimum bid price. \
                 On August 1, 2009, the Company regained compliance with the minimum bid price rule.\n";
        assert_eq!(
            matters_of(t),
            vec![(
                "exchange listing notice (bid price)".to_string(),
                EventState::Completed,
                Some("2009-08-01".to_string()),
                2
            )]
        );
    }

    #[test]
    fn a_late_filing_is_one_matter_per_report() {
        // The notification of late filing is about the 10-K; filing the 10-K ends it.
        let t = "The Company intends to file a Form 12b-25, stating that it will be unable to file its Form 10-K on time. \
                 The Company expects that it will not be able to file its Form 10-Q for the first quarter.\n";
        let ms = matters_of(t);
        let labels: Vec<&str> = ms.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(
            labels,
            ["late filing (Form 10-K)", "late filing (Form 10-Q)"],
            "{ms:?}"
        );
        let t = "The Company filed a Form NT 10-K because it was unable to file its Form 10-K. \
                 On April 16, 2007, the Company filed its delayed Form 10-K.\n";
        assert_eq!(
            state_of(t, "late filing (Form 10-K)"),
            EventState::Completed
        );
    }

    #[test]
    fn an_investigation_of_option_grants_is_the_option_review() {
        let t = "The Company has completed its internal stock option review. \
                 The Audit Committee completed its investigation of the Company's stock option practices.\n";
        let ms = matters_of(t);
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!(ms[0].0, "stock option review");
    }

    #[test]
    fn the_summary_names_each_matter_once() {
        let t = "The Company voluntarily notified the SEC of its review in August 2006. \
                 The Company expects to receive from the SEC a notice of formal order of investigation. \
                 The Company has been fully cooperating with the SEC.\n";
        let r = match crate::load_bytes(t.as_bytes(), "t.txt") {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(r.restatement.summary, "SEC inquiry in progress.");
        assert_eq!(r.restatement.status, "in_progress");
    }

    #[test]
    fn next_state_rules() {
        use EventState::*;
        assert_eq!(next_state(None, Expected, false), Expected);
        assert_eq!(next_state(Some(Expected), Completed, true), Completed);
        assert_eq!(next_state(Some(Expected), Completed, false), InProgress);
        assert_eq!(next_state(Some(InProgress), Expected, false), InProgress);
        assert_eq!(next_state(Some(Completed), Expected, false), InProgress);
        assert_eq!(next_state(Some(Completed), Completed, false), Completed);
        assert_eq!(next_state(Some(Completed), InProgress, false), InProgress);
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
