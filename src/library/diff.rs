//! What changed from one release of a company to the next: risk factors added, removed and
//! reworded, the progress of each restatement, review or regulatory matter, and the figures
//! whose value for the same period moved between the two releases' statements of it.

use super::series::{MetricKey, precision, same_value};
use crate::release::{EventState, Release, Risk, Value};
use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use std::collections::BTreeMap;

/// Two risk texts at least this similar (word-level, normalized) are one risk reworded.
pub const REWORDED: f32 = 0.6;

/// A release as the diff names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub release: String,
    pub company: Option<String>,
    pub period: Option<String>,
    pub date: Option<String>,
}

impl Side {
    pub fn of(id: &str, r: &Release) -> Side {
        Side {
            release: id.to_string(),
            company: r.company.name.clone(),
            period: r.period.label.clone(),
            date: r.date.clone(),
        }
    }
}

/// A risk factor and its line in its release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskItem {
    pub text: String,
    pub line: usize,
}

impl RiskItem {
    fn of(r: &Risk) -> RiskItem {
        RiskItem {
            text: r.text.clone(),
            line: r.source.line,
        }
    }
}

/// A run of words the same in both, or only in the old or the new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    /// `same`, `removed` or `added`.
    pub change: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reworded {
    pub old: RiskItem,
    pub new: RiskItem,
    /// 0 to 1, of the normalized texts.
    pub similarity: f32,
    /// The word-level difference, old to new.
    pub words: Vec<Words>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Risks {
    pub added: Vec<RiskItem>,
    pub removed: Vec<RiskItem>,
    pub reworded: Vec<Reworded>,
    /// Risks stated in both in the same words.
    pub unchanged: usize,
}

/// A matter (restatement, review, late filing, inquiry, ...) in the old and the new release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub kind: String,
    pub label: String,
    pub old: Option<EventState>,
    pub new: Option<EventState>,
    /// `new` (first mentioned), `advanced`, `unchanged`, `reopened` (a state less finished than
    /// before) or `not mentioned` (in the old release only).
    pub change: &'static str,
    pub old_summary: Option<String>,
    pub new_summary: Option<String>,
}

/// A figure whose value for one period differs between the two releases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    pub metric: String,
    pub label: String,
    pub period: String,
    pub unit: String,
    pub old: Value,
    pub new: Value,
    pub old_text: String,
    pub new_text: String,
    pub old_line: usize,
    pub new_line: usize,
}

/// What changed from `old` to `new`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub risks: Risks,
    pub events: Vec<Progress>,
    pub moved: Vec<Moved>,
}

impl Diff {
    pub fn build(old_id: &str, old: &Release, new_id: &str, new: &Release) -> Diff {
        Diff {
            old: Side::of(old_id, old),
            new: Side::of(new_id, new),
            risks: risks(&old.risks, &new.risks),
            events: events(old, new),
            moved: moved(old, new),
        }
    }

    /// True when nothing changed that this diff looks at.
    pub fn is_empty(&self) -> bool {
        self.risks.added.is_empty()
            && self.risks.removed.is_empty()
            && self.risks.reworded.is_empty()
            && self.events.iter().all(|p| p.change == "unchanged")
            && self.moved.is_empty()
    }
}

/// Lower case words of letters and digits: what two statements of one risk share whatever their
/// punctuation, case or line breaks.
fn normalize(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Word-level similarity of two normalized texts, 0 to 1: the share of their words a diff keeps
/// (over words alone: the spaces between them would make any two texts look alike).
pub fn similarity(a: &str, b: &str) -> f32 {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b);
    similar::get_diff_ratio(&ops, a.len(), b.len())
}

fn risks(old: &[Risk], new: &[Risk]) -> Risks {
    let on: Vec<String> = old.iter().map(|r| normalize(&r.text)).collect();
    let nn: Vec<String> = new.iter().map(|r| normalize(&r.text)).collect();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut out = Risks::default();
    // The same words first, so a reworded match never takes a risk that is unchanged.
    for (j, n) in nn.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| !old_used[i] && on[i] == *n) {
            old_used[i] = true;
            new_used[j] = true;
            out.unchanged += 1;
        }
    }
    // Then the most similar pairs, best first.
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (j, n) in nn.iter().enumerate().filter(|(j, _)| !new_used[*j]) {
        for (i, o) in on.iter().enumerate().filter(|(i, _)| !old_used[*i]) {
            let s = similarity(o, n);
            if s >= REWORDED {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut reworded = Vec::new();
    for (s, i, j) in pairs {
        if old_used[i] || new_used[j] {
            continue;
        }
        old_used[i] = true;
        new_used[j] = true;
        reworded.push((
            j,
            Reworded {
                old: RiskItem::of(&old[i]),
                new: RiskItem::of(&new[j]),
                similarity: s,
                words: words(&old[i].text, &new[j].text),
            },
        ));
    }
    reworded.sort_by_key(|(j, _)| *j);
    out.reworded = reworded.into_iter().map(|(_, r)| r).collect();
    out.added = (0..new.len())
        .filter(|&j| !new_used[j])
        .map(|j| RiskItem::of(&new[j]))
        .collect();
    out.removed = (0..old.len())
        .filter(|&i| !old_used[i])
        .map(|i| RiskItem::of(&old[i]))
        .collect();
    out
}

/// The word-level difference of two texts, runs of one kind joined.
pub fn words(old: &str, new: &str) -> Vec<Words> {
    let (old, new) = (crate::text::one_line(old), crate::text::one_line(new));
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    let mut out: Vec<Words> = Vec::new();
    for c in diff.iter_all_changes() {
        let change = match c.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Delete => "removed",
            ChangeTag::Insert => "added",
        };
        match out.last_mut() {
            Some(w) if w.change == change => w.text.push_str(c.value()),
            _ => out.push(Words {
                change,
                text: c.value().to_string(),
            }),
        }
    }
    out
}

/// How finished a state is: a matter moves expected → in progress → completed.
fn rank(s: EventState) -> u8 {
    match s {
        EventState::Expected => 0,
        EventState::InProgress => 1,
        EventState::Completed => 2,
    }
}

fn events(old: &Release, new: &Release) -> Vec<Progress> {
    type Side<'a> = Option<&'a crate::release::Matter>;
    let mut by: BTreeMap<(String, Option<String>), (Side, Side)> = BTreeMap::new();
    for m in &old.restatement.matters {
        by.entry((m.kind.clone(), m.subject.clone())).or_default().0 = Some(m);
    }
    for m in &new.restatement.matters {
        by.entry((m.kind.clone(), m.subject.clone())).or_default().1 = Some(m);
    }
    by.into_iter()
        .filter_map(|((kind, _), (o, n))| {
            let label = n.or(o).map(|m| m.label.clone())?;
            let change = match (o, n) {
                (None, Some(_)) => "new",
                (Some(_), None) => "not mentioned",
                (Some(a), Some(b)) if rank(b.state) > rank(a.state) => "advanced",
                (Some(a), Some(b)) if rank(b.state) < rank(a.state) => "reopened",
                _ => "unchanged",
            };
            Some(Progress {
                kind,
                label,
                old: o.map(|m| m.state),
                new: n.map(|m| m.state),
                change,
                old_summary: o.map(|m| m.summary.clone()),
                new_summary: n.map(|m| m.summary.clone()),
            })
        })
        .collect()
}

/// A matter's state in one release of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub release: String,
    pub state: EventState,
    pub since: Option<String>,
    pub summary: String,
}

/// One matter followed across a company's releases (in progress → completed, ...): the
/// releases that mention it, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Track {
    pub kind: String,
    pub subject: Option<String>,
    pub label: String,
    pub steps: Vec<Step>,
}

/// The matters of `releases` (in order), each with its state in every release that mentions it.
pub fn tracks<'a>(releases: impl Iterator<Item = (&'a str, &'a Release)>) -> Vec<Track> {
    let mut out: Vec<Track> = Vec::new();
    for (id, r) in releases {
        for m in &r.restatement.matters {
            let step = Step {
                release: id.to_string(),
                state: m.state,
                since: m.since.clone(),
                summary: m.summary.clone(),
            };
            match out
                .iter_mut()
                .find(|t| t.kind == m.kind && t.subject == m.subject)
            {
                Some(t) => {
                    t.label = m.label.clone();
                    t.steps.push(step);
                }
                None => out.push(Track {
                    kind: m.kind.clone(),
                    subject: m.subject.clone(),
                    label: m.label.clone(),
                    steps: vec![step],
                }),
            }
        }
    }
    out
}

fn moved(old: &Release, new: &Release) -> Vec<Moved> {
    let key = |f: &crate::release::Figure| Some((MetricKey::of(f)?, f.period.clone()?));
    // A release's first statement of a figure is the one it stands by.
    let mut before: BTreeMap<_, &crate::release::Figure> = BTreeMap::new();
    for f in &old.highlights {
        if let Some(k) = key(f) {
            before.entry(k).or_insert(f);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for f in &new.highlights {
        let Some(k) = key(f) else { continue };
        if !seen.insert(k.clone()) {
            continue;
        }
        let (Some(o), Some(nv)) = (before.get(&k), f.value) else {
            continue;
        };
        let Some(ov) = o.value else { continue };
        if same_value(ov, precision(o), nv, precision(f)) {
            continue;
        }
        out.push(Moved {
            metric: k.0.metric.clone(),
            label: k.0.label(),
            period: k.1.clone(),
            unit: k.0.unit.clone(),
            old: ov,
            new: nv,
            old_text: o.text.clone(),
            new_text: f.text.clone(),
            old_line: o.source.line,
            new_line: f.source.line,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_risks_ignore_case_and_punctuation() {
        assert_eq!(
            normalize("Changes in LME-based\n prices;"),
            "changes in lme based prices"
        );
        assert!(similarity("a b c d e", "a b c d e") > 0.99);
        assert!(similarity("a b c d e", "v w x y z") < 0.2);
    }

    #[test]
    fn word_differences_keep_every_word_once() {
        let w = words("the cost of energy", "the cost of raw materials and energy");
        let old: String = w
            .iter()
            .filter(|x| x.change != "added")
            .map(|x| x.text.as_str())
            .collect();
        let new: String = w
            .iter()
            .filter(|x| x.change != "removed")
            .map(|x| x.text.as_str())
            .collect();
        assert_eq!(old, "the cost of energy");
        assert_eq!(new, "the cost of raw materials and energy");
        assert!(
            w.iter()
                .any(|x| x.change == "added" && x.text.contains("raw materials"))
        );
    }
}
