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
    // Rows are the Document's lines in order; their sources give the line spans.
    let starts: Vec<usize> = pane
        .rows
        .iter()
        .map(|r| r.source.map(|s| s.start).unwrap_or(0))
        .collect();
    let mut out = Vec::new();
    for m in re.find_iter(text) {
        if m.start() == m.end() {
            continue;
        }
        let first = starts
            .partition_point(|&s| s <= m.start())
            .saturating_sub(1);
        let mut hits = Vec::new();
        let mut row = first;
        while row < pane.rows.len() {
            let Some(src) = pane.rows[row].source else {
                break;
            };
            if src.start >= m.end() && row > first {
                break;
            }
            let s = m.start().max(src.start);
            let e = m.end().min(src.end);
            if e > s {
                hits.push(Hit {
                    row,
                    cell: 0,
                    start: s - src.start,
                    end: e - src.start,
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
    fn smart_case() {
        assert!(Query::phrase("sonus").compile().unwrap().is_match("SONUS"));
        assert!(!Query::phrase("Sonus").compile().unwrap().is_match("SONUS"));
    }
}
