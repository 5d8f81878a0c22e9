//! A library of releases: many files and folders loaded (in parallel, through the cache) into one
//! row a release, grouped by company and ordered by period. The Series of a company
//! ([`series`]) and what changed between two of its releases ([`diff`]) are read from it.
//!
//! Plain state, nothing drawn: the viewer's list, `irview series` and the tests read the same
//! [`Library`]. A file that cannot be read is a row with its one-line error, never a failure of
//! the whole; a filing that holds several releases is a row for each.

pub mod diff;
pub mod list;
pub mod markdown;
pub mod series;

use crate::cache::Cache;
use crate::ingest::Choice;
use crate::inputs::{Input, plainly_not_a_release, walk};
use crate::release::{Kind, Release};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One release of the library (or a file that did not load).
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The file, as named or found by walking.
    pub path: PathBuf,
    /// The release's document number when the file holds several (`--document N` opens it).
    pub document: Option<usize>,
    pub company: Option<String>,
    pub ticker: Option<String>,
    /// The release's period label (`Q2 FY2008`).
    pub period: Option<String>,
    /// The release date (ISO).
    pub date: Option<String>,
    pub kind: Option<Kind>,
    pub title: Option<String>,
    /// Why the file did not load, in one line; None for a release.
    pub error: Option<String>,
    /// The company this row is grouped under (see [`company_key`]); set by [`Library::new`].
    pub key: String,
    /// The release itself (None for an error row).
    #[serde(skip)]
    pub release: Option<Arc<Release>>,
}

impl Entry {
    fn of(path: &Path, document: Option<usize>, r: Release) -> Entry {
        Entry {
            path: path.to_path_buf(),
            document,
            company: r.company.name.clone(),
            ticker: r.company.ticker.clone(),
            period: r.period.label.clone(),
            date: r.date.clone(),
            kind: Some(r.kind),
            title: r.title.clone().or_else(|| {
                let doc = document.unwrap_or(1);
                r.file
                    .releases
                    .iter()
                    .find(|x| x.document == doc)
                    .and_then(|x| x.title.clone())
            }),
            error: None,
            key: String::new(),
            release: Some(Arc::new(r)),
        }
    }

    fn failed(path: &Path, document: Option<usize>, error: String) -> Entry {
        Entry {
            path: path.to_path_buf(),
            document,
            company: None,
            ticker: None,
            period: None,
            date: None,
            kind: None,
            title: None,
            error: Some(error),
            key: String::new(),
            release: None,
        }
    }

    /// How series and diffs name this release: its path, with `#N` for one of several in a file.
    pub fn id(&self) -> String {
        let p = crate::text::safe::marked(&self.path.to_string_lossy()).into_owned();
        match self.document {
            Some(n) => format!("{p}#{n}"),
            None => p,
        }
    }

    /// Where the row sorts within its company: by period (quarters of a fiscal year, then the
    /// year), a release without a period by the calendar quarter of its date, then by date.
    fn order(&self) -> (i32, u8, String, String, usize) {
        let r = self.release.as_deref();
        let (year, slot) = r
            .and_then(|r| period_slot(&r.period))
            .or_else(|| date_slot(self.date.as_deref()))
            .unwrap_or((i32::MAX, u8::MAX));
        (
            year,
            slot,
            self.date.clone().unwrap_or_default(),
            self.path.to_string_lossy().into_owned(),
            self.document.unwrap_or(0),
        )
    }
}

/// A period's place in its fiscal year: quarter q at 2q, a first half after Q2, nine months after
/// Q3, the year after Q4.
fn period_slot(p: &crate::release::Period) -> Option<(i32, u8)> {
    let fy = p.fiscal_year?;
    if let Some(q) = p.quarter {
        return Some((fy, 2 * q));
    }
    let label = p.label.as_deref()?;
    let slot = match label.split(' ').next()? {
        "H1" => 5,
        "9M" | "YTD" => 7,
        "H2" => 8,
        l if l.starts_with("FY") => 9,
        _ => return None,
    };
    Some((fy, slot))
}

/// A date's calendar quarter, for a release with no period of its own.
fn date_slot(date: Option<&str>) -> Option<(i32, u8)> {
    let d = date?;
    let year: i32 = d.get(..4)?.parse().ok()?;
    let month: u8 = d.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    Some((year, 2 * month.div_ceil(3).clamp(1, 4)))
}

/// Legal-form words that do not tell one company from another ("Alcoa Inc." is "Alcoa").
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "lp",
    "nv",
    "sa",
    "ag",
    "the",
];

/// A company's name reduced to what identifies it: lower case, letters and digits, legal forms
/// and a leading "the" dropped ("The Buckle, Inc." and "Buckle Inc" are both "buckle").
pub fn normalize_name(name: &str) -> String {
    let lower = name.to_lowercase().replace(['.', '\''], "");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .collect();
    let mut end = words.len();
    while end > 1 && LEGAL_FORMS.contains(&words[end - 1]) {
        end -= 1;
    }
    let start = usize::from(end > 1 && words.first() == Some(&"the"));
    words[start..end].join(" ")
}

/// The key a row is grouped by: its ticker when known (`AA`), else its normalized name
/// (`name:alcoa`), else empty (the company is not known).
pub fn company_key(name: Option<&str>, ticker: Option<&str>) -> String {
    if let Some(t) = ticker.map(str::trim).filter(|t| !t.is_empty()) {
        return t.to_uppercase();
    }
    match name.map(normalize_name).filter(|n| !n.is_empty()) {
        Some(n) => format!("name:{n}"),
        None => String::new(),
    }
}

/// One company's rows.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub key: String,
    /// The name its latest release gives (None: not known).
    pub name: Option<String>,
    pub ticker: Option<String>,
    /// Indices into [`Library::entries`], in period order.
    pub entries: Vec<usize>,
}

impl Group {
    /// The company as a reader names it: "Alcoa Inc. (AA)".
    pub fn display(&self) -> String {
        match (&self.name, &self.ticker) {
            (Some(n), Some(t)) => format!("{n} ({t})"),
            (Some(n), None) => n.clone(),
            (None, Some(t)) => t.clone(),
            (None, None) => "(company not known)".into(),
        }
    }
}

/// Many releases, grouped by company and ordered by period; files that did not load are kept as
/// rows of their own at the end.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    pub groups: Vec<Group>,
}

impl Library {
    /// Group and order `entries`: by company (a ticker joins the rows that name the company
    /// without it), companies by name, rows by period; error rows last, in path order.
    pub fn new(mut entries: Vec<Entry>) -> Library {
        // A name seen with a ticker anywhere stands for that ticker where a release omits it.
        let mut ticker_of: HashMap<String, String> = HashMap::new();
        for e in &entries {
            if let (Some(n), Some(t)) = (&e.company, &e.ticker) {
                ticker_of
                    .entry(normalize_name(n))
                    .or_insert_with(|| t.trim().to_uppercase());
            }
        }
        for e in &mut entries {
            let ticker = e.ticker.clone().or_else(|| {
                ticker_of
                    .get(&normalize_name(e.company.as_deref()?))
                    .cloned()
            });
            e.key = if e.error.is_some() {
                String::new()
            } else {
                company_key(e.company.as_deref(), ticker.as_deref())
            };
        }
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if e.error.is_none() {
                by_key.entry(e.key.clone()).or_default().push(i);
            }
        }
        let mut groups: Vec<Group> = by_key
            .into_iter()
            .map(|(key, mut idx)| {
                idx.sort_by_cached_key(|&i| entries[i].order());
                // The name most of its releases give (a headline misread as a name in one
                // release does not rename the company), the latest on a tie.
                let name = most_common(idx.iter().map(|&i| entries[i].company.as_deref()));
                let ticker = most_common(idx.iter().map(|&i| entries[i].ticker.as_deref()));
                Group {
                    key,
                    name,
                    ticker,
                    entries: idx,
                }
            })
            .collect();
        // Known companies by name; the rows whose company is not known after them.
        groups.sort_by_key(|g| (g.key.is_empty(), g.display().to_lowercase(), g.key.clone()));
        let mut errors: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].error.is_some())
            .collect();
        errors.sort_by_key(|&i| (entries[i].path.clone(), entries[i].document));
        // Entries in list order: each group's rows, then the error rows.
        let order: Vec<usize> = groups
            .iter()
            .flat_map(|g| g.entries.iter().copied())
            .chain(errors)
            .collect();
        let mut slots: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
        let entries: Vec<Entry> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let mut next = 0;
        for g in &mut groups {
            let n = g.entries.len();
            g.entries = (next..next + n).collect();
            next += n;
        }
        Library { entries, groups }
    }

    /// The rows that did not load.
    pub fn errors(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.error.is_some())
    }

    /// The group of a company named by ticker (`aa`) or name (`Alcoa`, `alcoa inc.`): a ticker
    /// or a whole normalized name first, else the one company whose name holds the words.
    pub fn find(&self, query: &str) -> Result<&Group, Vec<&Group>> {
        let q = query.trim();
        let qn = normalize_name(q);
        let known = || self.groups.iter().filter(|g| !g.key.is_empty());
        let exact: Vec<&Group> = known()
            .filter(|g| {
                g.ticker
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case(q))
                    || g.key.eq_ignore_ascii_case(q)
                    || self.names(g).any(|n| !qn.is_empty() && n == qn)
            })
            .collect();
        let found = if exact.is_empty() {
            known()
                .filter(|g| {
                    self.names(g)
                        .any(|n| !qn.is_empty() && contains_words(&n, &qn))
                })
                .collect()
        } else {
            exact
        };
        match found.as_slice() {
            [one] => Ok(one),
            _ => Err(found),
        }
    }

    /// Every normalized name the group's releases give.
    fn names<'a>(&'a self, g: &'a Group) -> impl Iterator<Item = String> + 'a {
        g.entries
            .iter()
            .filter_map(|&i| self.entries[i].company.as_deref())
            .map(normalize_name)
    }

    /// The releases of a group, in period order.
    pub fn releases<'a>(&'a self, g: &'a Group) -> impl Iterator<Item = (&'a Entry, &'a Release)> {
        g.entries.iter().filter_map(|&i| {
            let e = &self.entries[i];
            e.release.as_deref().map(|r| (e, r))
        })
    }

    /// The release before entry `i` of the same company, for "what changed".
    pub fn previous(&self, i: usize) -> Option<usize> {
        self.sibling(i, -1)
    }

    /// What changed in entry `i` against the company's previous release (None for its first).
    pub fn what_changed(&self, i: usize) -> Option<diff::Diff> {
        let new = self.entries.get(i)?;
        let old = &self.entries[self.previous(i)?];
        Some(diff::Diff::build(
            &old.id(),
            old.release.as_deref()?,
            &new.id(),
            new.release.as_deref()?,
        ))
    }
}

/// The value given most often (the last of those tied), None when none is given.
fn most_common<'a>(values: impl Iterator<Item = Option<&'a str>>) -> Option<String> {
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for (at, v) in values.enumerate() {
        let Some(v) = v else { continue };
        match counts.iter_mut().find(|c| c.0 == v) {
            Some(c) => {
                c.1 += 1;
                c.2 = at;
            }
            None => counts.push((v, 1, at)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|c| (c.1, c.2))
        .map(|c| c.0.to_string())
}

/// True when the words of `needle` stand in `hay` as whole words, in order.
fn contains_words(hay: &str, needle: &str) -> bool {
    let h: Vec<&str> = hay.split(' ').collect();
    let n: Vec<&str> = needle.split(' ').collect();
    h.windows(n.len()).any(|w| w == n.as_slice())
}

/// The files that `paths` name (directories walked as `irview search` walks them), and a row
/// for each entry of a directory that could not be read.
pub fn inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Entry>) {
    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    for p in paths {
        walk(p, &mut inputs, |path, reason| {
            let line = format!(
                "cannot read {}: {reason}",
                crate::text::safe::marked(&path.to_string_lossy())
            );
            unreadable.push(Entry::failed(&path, None, line));
        });
    }
    (inputs, unreadable)
}

/// The rows of one file: a row for each release it holds, one error row if it does not load,
/// none for a file found by walking that is plainly not a release.
pub fn load_input(input: &Input, cache: Option<&Cache>) -> Vec<Entry> {
    let path = &input.path;
    let bytes = match crate::ingest::read_input(path) {
        Ok(b) => b,
        Err(e) => return vec![Entry::failed(path, None, e.line())],
    };
    if !input.explicit && plainly_not_a_release(path, &bytes) {
        return Vec::new();
    }
    let name = path.to_string_lossy();
    let open = |choice: &Choice| {
        crate::load_bytes_if_cached(&bytes, &name, choice, cache, |_| true)
            .map(|r| r.unwrap_or_default())
    };
    let first = match open(&Choice::Default) {
        Ok(r) => r,
        Err(e) => return vec![Entry::failed(path, None, e.line())],
    };
    let docs: Vec<usize> = first.file.releases.iter().map(|x| x.document).collect();
    if docs.len() < 2 {
        return vec![Entry::of(path, None, first)];
    }
    // A filing of several releases: each one by its document number (the default pick is one
    // of them, read again from the cache under its own choice).
    docs.into_iter()
        .map(|n| match open(&Choice::Number(n)) {
            Ok(r) => Entry::of(path, Some(n), r),
            Err(e) => Entry::failed(path, Some(n), e.line()),
        })
        .collect()
}

/// Load `inputs` in parallel on rayon's pool, handing each file's rows to `done(index, rows)`
/// as it finishes, from the loading threads and in any order: the viewer fills its list as they
/// come ("loaded 412 of 1,000") and makes a [`Library`] of what it has.
pub fn load_each(inputs: &[Input], cache: Option<&Cache>, done: impl Fn(usize, Vec<Entry>) + Sync) {
    inputs
        .par_iter()
        .enumerate()
        .for_each(|(i, input)| done(i, load_input(input, cache)));
    if let Some(c) = cache {
        c.trim();
    }
}

/// Load every file `paths` name (see [`load_each`]); `progress(done, total)` is called as each
/// file is done.
pub fn load(
    paths: &[PathBuf],
    cache: Option<&Cache>,
    progress: impl Fn(usize, usize) + Sync,
) -> Library {
    let (inputs, mut entries) = inputs(paths);
    let total = inputs.len();
    let count = AtomicUsize::new(0);
    let loaded = std::sync::Mutex::new(Vec::with_capacity(total));
    load_each(&inputs, cache, |_, rows| {
        // A thread that panicked while holding the lock left only whole rows behind.
        loaded
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend(rows);
        progress(count.fetch_add(1, Ordering::Relaxed) + 1, total);
    });
    entries.extend(
        loaded
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    Library::new(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_legal_forms_and_punctuation() {
        assert_eq!(normalize_name("Alcoa Inc."), "alcoa");
        assert_eq!(normalize_name("The Buckle, Inc."), "buckle");
        assert_eq!(normalize_name("Johnson & Johnson"), "johnson & johnson");
        assert_eq!(normalize_name("Apple Computer, Inc."), "apple computer");
        assert_eq!(normalize_name("Co"), "co");
        assert_eq!(company_key(Some("Alcoa Inc."), Some("aa")), "AA");
        assert_eq!(company_key(Some("Alcoa Inc."), None), "name:alcoa");
        assert_eq!(company_key(None, None), "");
    }

    #[test]
    fn date_slots_order_releases_without_a_period() {
        assert_eq!(date_slot(Some("2005-05-27")), Some((2005, 4)));
        assert_eq!(date_slot(Some("2005-12-01")), Some((2005, 8)));
        assert_eq!(date_slot(None), None);
    }
}
