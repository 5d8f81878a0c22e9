//! Phrase search over the panes: matches are byte ranges into the original strings.
//!
//! A phrase matches across line breaks and runs of spaces ("stock option review" is found although
//! the release breaks the line after "option"), so the Release pane is searched as the whole
//! Document text and each match is then cut into per-line hits. Smart case: case-insensitive unless
//! the phrase has a capital.

use crate::pane::{Pane, PaneKind, RowKind};
use regex::{Regex, RegexBuilder};

#[derive(Debug, Clone, Default)]
pub struct Query {
    pub pattern: String,
    /// Treat `pattern` as a regular expression instead of a phrase.
    pub regex: bool,
    /// Force case sensitivity; `None` is smart case.
    pub case_sensitive: Option<bool>,
}

impl Query {
    pub fn phrase(p: &str) -> Self {
        Query {
            pattern: p.to_string(),
            ..Query::default()
        }
    }

    /// Compile to a regex. A phrase's words are joined by `\s+`.
    pub fn compile(&self) -> Result<Regex, regex::Error> {
        let src = if self.regex {
            self.pattern.clone()
        } else {
            self.pattern
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        };
        let sensitive = self
            .case_sensitive
            .unwrap_or_else(|| self.pattern.chars().any(char::is_uppercase));
        RegexBuilder::new(&src)
            .case_insensitive(!sensitive)
            .size_limit(1 << 22)
            .build()
    }
}

/// One highlighted piece of a match, inside one cell of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub row: usize,
    pub cell: usize,
    /// Byte range inside the cell's string.
    pub start: usize,
    pub end: usize,
}

/// A match: one or more hits (several when it spans lines of the Release pane).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub pane: PaneKind,
    pub hits: Vec<Hit>,
}

impl Match {
    pub fn row(&self) -> usize {
        self.hits.first().map(|h| h.row).unwrap_or(0)
    }
}

/// Every match in one pane, in reading order. `text` is the Document text (for the Release pane).
pub fn search_pane(pane: &Pane, text: &str, re: &Regex) -> Vec<Match> {
    if re.as_str().is_empty() {
        return Vec::new();
    }
    if pane.kind == PaneKind::Release {
        return search_release(pane, text, re);
    }
    let mut out = Vec::new();
    for (ri, row) in pane.rows.iter().enumerate() {
        if matches!(row.kind, RowKind::Line { .. }) {
            continue;
        }
        for (ci, cell) in row.cells.iter().enumerate() {
            for m in re.find_iter(cell) {
                if m.start() == m.end() {
                    continue;
                }
                out.push(Match {
                    pane: pane.kind,
                    hits: vec![Hit {
                        row: ri,
                        cell: ci,
                        start: m.start(),
                        end: m.end(),
                    }],
                });
            }
        }
    }
    out
}

fn search_release(pane: &Pane, text: &str, re: &Regex) -> Vec<Match> {
    search_release_from(&line_spans(pane), text, re)
}

/// Where each row of the Release pane lies in the Document text: rows are the Document's
/// lines in order, and their sources give the line spans. (A compact copy: a search walks it
/// for every match, and the rows themselves are large.)
fn line_spans(pane: &Pane) -> Vec<Option<(usize, usize)>> {
    pane.rows
        .iter()
        .map(|r| r.source.map(|s| (s.start, s.end)))
        .collect()
}

fn search_release_from(spans: &[Option<(usize, usize)>], text: &str, re: &Regex) -> Vec<Match> {
    let mut out = Vec::new();
    // Matches come in text order, so the row of each is looked for onward from the row of the
    // one before, galloping (1, 2, 4… rows ahead, then a binary search in the last step): a
    // binary search over the whole document per match misses the cache at every step.
    let start_of = |s: &Option<(usize, usize)>| s.map_or(0, |s| s.0);
    let mut first = 0;
    for m in re.find_iter(text) {
        if m.start() == m.end() {
            continue;
        }
        let mut step = 1;
        while spans
            .get(first + step)
            .is_some_and(|s| start_of(s) <= m.start())
        {
            first += step;
            step *= 2;
        }
        let hi = (first + step).min(spans.len());
        if let Some(ahead) = spans.get(first + 1..hi) {
            first += ahead.partition_point(|s| start_of(s) <= m.start());
        }
        let mut hits = Vec::new();
        let mut row = first;
        while let Some(&span) = spans.get(row) {
            let Some((start, end)) = span else {
                break;
            };
            if start >= m.end() && row > first {
                break;
            }
            let s = m.start().max(start);
            let e = m.end().min(end);
            if e > s {
                hits.push(Hit {
                    row,
                    cell: 0,
                    start: s - start,
                    end: e - start,
                });
            }
            row += 1;
        }
        if !hits.is_empty() {
            out.push(Match {
                pane: PaneKind::Release,
                hits,
            });
        }
    }
    out
}

/// Matches in every pane, pane by pane.
pub fn search_all(panes: &[Pane], text: &str, re: &Regex) -> Vec<Match> {
    panes
        .iter()
        .flat_map(|p| search_pane(p, text, re))
        .collect()
}

/// What search needs of a release's panes, made once so that each keystroke of an incremental
/// search costs one regex pass per pane: the Release pane's line starts, and every other pane's
/// searchable cells joined into one text (a regex call per cell costs more in call overhead
/// than in scanning when a pane has thousands of cells).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    panes: Vec<Indexed>,
}

#[derive(Debug, Clone)]
enum Indexed {
    Release { spans: Vec<Option<(usize, usize)>> },
    Joined(Joined),
}

/// A pane's cells joined by [`SEP`], with where each cell starts in the joined text.
#[derive(Debug, Clone, Default)]
struct Joined {
    text: String,
    /// (offset in `text`, row, cell), in order.
    cells: Vec<(usize, usize, usize)>,
}

fn index_pane(p: &Pane) -> Indexed {
    if p.kind == PaneKind::Release {
        return Indexed::Release {
            spans: line_spans(p),
        };
    }
    let mut j = Joined::default();
    for (ri, row) in p.rows.iter().enumerate() {
        if matches!(row.kind, RowKind::Line { .. }) {
            continue;
        }
        for (ci, cell) in row.cells.iter().enumerate() {
            j.cells.push((j.text.len(), ri, ci));
            j.text.push_str(cell);
            j.text.push(SEP);
        }
    }
    Indexed::Joined(j)
}

/// Between joined cells: ingest removes control characters, so no cell holds it, and a phrase
/// (words and `\s+`) never matches it. A regex match that holds it spans two cells.
const SEP: char = '\0';

impl SearchIndex {
    pub fn new(panes: &[Pane]) -> Self {
        SearchIndex {
            panes: panes.iter().map(index_pane).collect(),
        }
    }

    /// Index pane `i` of `panes` again, after it was rebuilt (the viewer fills in the panes
    /// when extraction is done; the Release pane, the costly one to index, stays as it was).
    pub fn reindex(&mut self, panes: &[Pane], i: usize) {
        if let (Some(p), Some(slot)) = (panes.get(i), self.panes.get_mut(i)) {
            *slot = index_pane(p);
        }
    }

    /// Every match in pane `i` of `panes` (the panes this index was made from): the same
    /// matches as [`search_pane`], in the same order.
    pub fn search_pane(&self, panes: &[Pane], i: usize, text: &str, re: &Regex) -> Vec<Match> {
        let (Some(pane), Some(ix)) = (panes.get(i), self.panes.get(i)) else {
            return Vec::new();
        };
        if re.as_str().is_empty() {
            return Vec::new();
        }
        match ix {
            Indexed::Release { spans } => search_release_from(spans, text, re),
            // An anchor or word boundary can behave otherwise at a cell's edge inside the
            // joined text than at the edge of the cell alone: such patterns go cell by cell.
            Indexed::Joined(_) if has_assertions(re) => search_pane(pane, text, re),
            Indexed::Joined(j) => {
                let mut out = Vec::new();
                for m in re.find_iter(&j.text) {
                    if m.start() == m.end() {
                        continue;
                    }
                    if m.as_str().contains(SEP) {
                        // Spans two cells ("a.*b" in regex mode): cell by cell is the truth.
                        return search_pane(pane, text, re);
                    }
                    let k = j
                        .cells
                        .partition_point(|c| c.0 <= m.start())
                        .saturating_sub(1);
                    let Some(&(at, row, cell)) = j.cells.get(k) else {
                        continue;
                    };
                    out.push(Match {
                        pane: pane.kind,
                        hits: vec![Hit {
                            row,
                            cell,
                            start: m.start() - at,
                            end: m.end() - at,
                        }],
                    });
                }
                out
            }
        }
    }

    /// Matches in every pane, pane by pane, as [`search_all`] finds them.
    pub fn search_all(&self, panes: &[Pane], text: &str, re: &Regex) -> Vec<Match> {
        (0..panes.len())
            .flat_map(|i| self.search_pane(panes, i, text, re))
            .collect()
    }
}

/// Whether a regex has a look-around assertion (`^`, `$`, `\b`, `\B`, `\A`, `\z`).
fn has_assertions(re: &Regex) -> bool {
    regex_syntax::parse(re.as_str()).map_or(true, |h| !h.properties().look_set().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pane::build_panes;

    #[test]
    fn phrase_matches_across_line_breaks_with_true_offsets() {
        let r = crate::sample();
        let panes = build_panes(&r);
        let re = Query::phrase("stock option review").compile().unwrap();
        let ms = search_pane(&panes[0], &r.document.text, &re);
        assert!(ms.len() >= 3, "found {}", ms.len());
        // At least one match spans two lines, and each hit's text is part of the phrase.
        assert!(ms.iter().any(|m| m.hits.len() == 2));
        for m in &ms {
            for h in &m.hits {
                let cell = &panes[0].rows[h.row].cells[h.cell];
                let t = cell[h.start..h.end].to_lowercase();
                assert!("stock option review".contains(t.trim()), "{t}");
            }
        }
    }

    #[test]
    fn the_index_finds_what_pane_by_pane_search_finds() {
        for name in [
            "sonus-networks-2006q4-ex99.1.txt",
            "oracle-q4-fy2014-ex991.htm",
        ] {
            let path = format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
            let r = crate::load_path(std::path::Path::new(&path)).unwrap();
            let panes = build_panes(&r);
            let ix = SearchIndex::new(&panes);
            for q in [
                Query::phrase("revenue"),
                Query::phrase("stock option"),
                Query::phrase("E"),
                Query::phrase("net income"),
                // Regex mode: anchors, boundaries, and matches that would span cells.
                Query {
                    pattern: r"^\d".into(),
                    regex: true,
                    case_sensitive: None,
                },
                Query {
                    pattern: r"\bq\d".into(),
                    regex: true,
                    case_sensitive: None,
                },
                Query {
                    pattern: r"e.*n".into(),
                    regex: true,
                    case_sensitive: None,
                },
                Query {
                    pattern: r"[^a]+".into(),
                    regex: true,
                    case_sensitive: None,
                },
            ] {
                let re = q.compile().unwrap();
                let slow = search_all(&panes, &r.document.text, &re);
                assert_eq!(
                    ix.search_all(&panes, &r.document.text, &re),
                    slow,
                    "{name} {q:?}"
                );
            }
        }
    }

    /// The rows the Release search finds (galloping from match to match) put every match back
    /// at the offset the regex found it.
    #[test]
    fn release_hits_land_where_the_regex_matched() {
        let path = format!(
            "{}/tests/corpus/oracle-q4-fy2014-ex991.htm",
            env!("CARGO_MANIFEST_DIR")
        );
        let r = crate::load_path(std::path::Path::new(&path)).unwrap();
        let panes = build_panes(&r);
        let text = &r.document.text;
        for q in ["e", "revenue", "fiscal 2014"] {
            let re = Query::phrase(q).compile().unwrap();
            let want: Vec<usize> = re.find_iter(text).map(|m| m.start()).collect();
            let got: Vec<usize> = search_pane(&panes[0], text, &re)
                .iter()
                .map(|m| {
                    let h = m.hits[0];
                    panes[0].rows[h.row].source.map_or(usize::MAX, |s| s.start) + h.start
                })
                .collect();
            assert!(want.len() > 10, "{q}: {}", want.len());
            assert_eq!(got, want, "{q}");
        }
    }

    #[test]
    fn smart_case() {
        assert!(Query::phrase("sonus").compile().unwrap().is_match("SONUS"));
        assert!(!Query::phrase("Sonus").compile().unwrap().is_match("SONUS"));
    }
}
