//! The normalized text of a release, with line/offset bookkeeping and its block structure.
//!
//! Every ingest format produces a `Document`. Its `text` is exactly what the Release pane shows:
//! lines joined by `\n`, no `\r`, tabs expanded, control characters and escape sequences removed.
//! Everything later (figures, events, risks, search matches) points back into `text` by byte span,
//! and to a 1-based line number of it. For a plain-text exhibit the lines are the file's own lines (PDF-extracted text excepted:
//! it is reflowed into paragraphs and tables, see `ingest::reflow`).

use serde::{Deserialize, Serialize};

/// Where a result came from: a 1-based line of the Document and a byte span in `Document::text`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Source {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// The input format a Document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    Text,
    Html,
    Submission,
    Markdown,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Submission => "submission",
            Format::Markdown => "markdown",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A title or section heading. Level 1 is the release title.
    Heading {
        level: u8,
    },
    Paragraph,
    /// One item of a bullet or numbered list (`--`, `*`, `•`, `(i)`, `1.`).
    ListItem,
    /// A table; `Block::table` indexes `Document::tables`.
    Table,
    /// A `<PAGE>` marker or form feed: kept so line numbers stay true, drawn as a rule.
    PageBreak,
}

/// A run of lines with one structural role. Spans are byte offsets into `Document::text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// 1-based first line.
    pub line: usize,
    /// 1-based last line (inclusive).
    pub last_line: usize,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    /// Byte span of the cell's text inside `Document::text` (empty cells: an empty span).
    pub start: usize,
    pub end: usize,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub colspan: usize,
}

fn one() -> usize {
    1
}
fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// 1-based line of `Document::text` where this row is drawn.
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A table: its rows as cells, and how many leading rows are headers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub rows: Vec<Row>,
    pub header_rows: usize,
    /// Text just above the table or in its header that sets the scale, e.g.
    /// "(in thousands, except per share data)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// What the SEC header of a full submission says (the most reliable identity source).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SecHeader {
    #[serde(default)]
    pub companies: Vec<String>,
    #[serde(default)]
    pub cik: Option<String>,
    #[serde(default)]
    pub form_type: Option<String>,
    /// ISO date the filing was made.
    #[serde(default)]
    pub filed: Option<String>,
    /// ISO date of the period of report / event.
    #[serde(default)]
    pub period: Option<String>,
    /// The filer's fiscal year end as the header writes it (`MMDD`, "0131"): what "the current
    /// fiscal year" of a release means when the release itself never says when its year ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_year_end: Option<String>,
}

/// One `<DOCUMENT>` of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubDocument {
    pub doc_type: String,
    #[serde(default)]
    pub sequence: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Size of its `<TEXT>` body in bytes.
    pub size: usize,
}

/// One press release of a file, as `file.releases` lists it and `--document` opens it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReleaseRef {
    /// 1-based position of its document in the file, as in `picked`'s "document 2 of 4".
    pub document: usize,
    /// The document's type (`EX-99.1`, `EX-99`, `8-K`; `release` for a file that is one).
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Its headline.
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DocMeta {
    pub format: Format,
    /// For a submission: the format of the picked document's body (text or html).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inner_format: Option<Format>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sec: Option<SecHeader>,
    /// For a submission: every document it holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<SubDocument>,
    /// For a submission: which document was picked as the release, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picked: Option<String>,
    /// Every press release of the file: for a submission (or the exhibit blocks of a flattened
    /// 8-K) one entry a release, for any other file the one release it is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub releases: Vec<ReleaseRef>,
    /// Lee-2014 / flattened headers: `TIME:` filing timestamp as ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filed: Option<String>,
    /// For an exhibit of a submission: the 8-K cover's "Trading Symbol(s)" table as text, where
    /// the listing is when the release names none. Read by extraction only, never written out.
    #[serde(skip)]
    pub cover: Option<String>,
    /// For an exhibit of an 8-K: the 8-K's own text, where the registrant's name stands as its
    /// charter gives it (the release often writes it loosely, or by a short name only). Read by
    /// extraction only, never written out.
    #[serde(skip)]
    pub form_text: Option<String>,
    /// For a release filed with other exhibits (financial highlights, statement tables): their
    /// text, which says what the release leaves unsaid about its own figures (a plain "per share"
    /// that the filing's table heads "Basic Earnings Per Share"). Read by extraction only.
    #[serde(skip)]
    pub companion_text: Option<String>,
}

/// The normalized text with its structure. Build it with [`DocumentBuilder`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    pub text: String,
    pub blocks: Vec<Block>,
    pub tables: Vec<Table>,
    pub meta: DocMeta,
    /// Byte offset where each line starts; derived from `text`. `u32` because inputs are capped
    /// far below 4 GB (`ingest::MAX_INPUT`) and a large release has hundreds of thousands of lines.
    #[serde(skip)]
    line_starts: Vec<u32>,
}

impl Document {
    /// The Document with `meta` in place of its own.
    pub fn with_meta(mut self, meta: DocMeta) -> Document {
        self.meta = meta;
        self
    }

    /// Recompute derived indexes (after deserializing).
    pub fn reindex(&mut self) {
        self.line_starts = line_starts(&self.text);
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i.max(1),
        }
    }

    /// Text of 1-based line `n` (without the newline); empty when out of range.
    pub fn line(&self, n: usize) -> &str {
        let r = self.line_range(n);
        &self.text[r]
    }

    /// Byte range of 1-based line `n` (without the newline).
    pub fn line_range(&self, n: usize) -> std::ops::Range<usize> {
        match n.checked_sub(1) {
            Some(k) if k < self.line_starts.len() => {
                line_span(&self.line_starts, self.text.len(), k)
            }
            _ => self.text.len()..self.text.len(),
        }
    }

    /// Iterate lines as (1-based number, byte start, text).
    pub fn lines(&self) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
        (1..=self.line_count()).map(move |n| (n, self.line_range(n).start, self.line(n)))
    }

    /// A Source for the byte span `start..end`.
    pub fn source(&self, start: usize, end: usize) -> Source {
        Source {
            line: self.line_of(start),
            start,
            end,
        }
    }

    /// The text of a block.
    pub fn block_text(&self, b: &Block) -> &str {
        self.text.get(b.start..b.end).unwrap_or("")
    }
}

fn line_starts(text: &str) -> Vec<u32> {
    let mut v = Vec::with_capacity(text.len() / 40 + 1);
    v.push(0);
    v.extend(memchr_newlines(text).map(|i| offset32(i + 1)));
    v
}

/// Byte range of line `k` (0-based, `k < starts.len()`, without its newline) in a text of
/// `text_len` bytes whose lines start at `starts`: it ends one byte before the next one starts.
pub(crate) fn line_span(starts: &[u32], text_len: usize, k: usize) -> std::ops::Range<usize> {
    let start = starts.get(k).map_or(text_len, |&s| s as usize);
    let end = starts
        .get(k + 1)
        .map_or(text_len, |&s| (s as usize).saturating_sub(1));
    start..end.max(start)
}

/// A text offset as stored in `line_starts` (inputs are far below 4 GB; saturates if not).
fn offset32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
}

/// Assembles a Document line by line, so that every block and cell gets true offsets.
///
/// Ingest code pushes already-clean text (see `ingest::clean`); the builder only lays it out.
#[derive(Debug, Default)]
pub struct DocumentBuilder {
    doc: Document,
    lines: usize,
}

impl DocumentBuilder {
    pub fn new(meta: DocMeta) -> Self {
        DocumentBuilder {
            doc: Document {
                meta,
                ..Document::default()
            },
            lines: 0,
        }
    }

    /// Continue a finished Document: later lines and blocks are appended after its own.
    pub fn extend(mut doc: Document) -> Self {
        if doc.line_starts.is_empty() {
            doc.reindex();
        }
        let lines = if doc.text.is_empty() {
            0
        } else {
            doc.line_starts.len()
        };
        if lines == 0 {
            doc.line_starts.clear();
        }
        DocumentBuilder { doc, lines }
    }

    /// Append one line (must not contain '\n'); returns (1-based line, byte start).
    pub fn push_line(&mut self, line: &str) -> (usize, usize) {
        debug_assert!(!line.contains('\n'));
        if self.lines > 0 {
            self.doc.text.push('\n');
        }
        let start = self.doc.text.len();
        self.doc.text.push_str(line);
        self.doc.line_starts.push(offset32(start));
        self.lines += 1;
        (self.lines, start)
    }

    /// Make room for `bytes` more bytes of text in `lines` more lines, so a large document's
    /// text is allocated once rather than grown (and briefly held twice) by doubling.
    pub fn reserve(&mut self, bytes: usize, lines: usize) {
        self.doc.text.reserve(bytes + lines);
        self.doc.line_starts.reserve(lines);
    }

    /// Number of lines pushed so far.
    pub fn line_count(&self) -> usize {
        self.lines
    }

    pub fn text(&self) -> &str {
        &self.doc.text
    }

    /// Byte offset of every line pushed so far.
    pub fn line_starts(&self) -> &[u32] {
        &self.doc.line_starts
    }

    /// Record a block covering 1-based lines `first..=last` that are already pushed.
    pub fn add_block(&mut self, kind: BlockKind, first: usize, last: usize) {
        let starts = &self.doc.line_starts;
        let start = starts
            .get(first.saturating_sub(1))
            .map_or(0, |&s| s as usize);
        let end = starts
            .get(last)
            .map(|&s| (s as usize).saturating_sub(1))
            .unwrap_or(self.doc.text.len());
        self.doc.blocks.push(Block {
            kind,
            line: first,
            last_line: last,
            start,
            end,
            table: None,
        });
    }

    /// Push lines as one block; returns the block's first line.
    pub fn push_block(&mut self, kind: BlockKind, lines: &[&str]) -> usize {
        let mut first = None;
        let mut start = self.doc.text.len();
        for l in lines {
            let (n, s) = self.push_line(l);
            if first.is_none() {
                first = Some(n);
                start = s;
            }
        }
        let Some(first) = first else {
            return self.lines;
        };
        self.doc.blocks.push(Block {
            kind,
            line: first,
            last_line: self.lines,
            start,
            end: self.doc.text.len(),
            table: None,
        });
        first
    }

    /// Push a table: it is drawn as aligned text lines (cells separated by two spaces or more),
    /// and its cells keep their spans in those lines. Returns the table index.
    pub fn push_table(
        &mut self,
        rows: Vec<Vec<String>>,
        header_rows: usize,
        caption: Option<String>,
    ) -> usize {
        use unicode_width::UnicodeWidthStr;
        let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; ncols];
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(c.width());
            }
        }
        let first_line = self.lines + 1;
        let block_start = if self.lines > 0 {
            self.doc.text.len() + 1
        } else {
            0
        };
        let mut out_rows = Vec::with_capacity(rows.len());
        for r in rows {
            let mut line = String::new();
            let mut spans = Vec::with_capacity(r.len());
            for (i, c) in r.iter().enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                // Numbers read best right-aligned, words left-aligned.
                let pad = widths[i].saturating_sub(c.width());
                let numeric = looks_numeric(c);
                if numeric {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
                let s = line.len();
                line.push_str(c);
                spans.push((s, line.len()));
                if !numeric && i + 1 < r.len() {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            let trimmed = line.trim_end().len();
            line.truncate(trimmed);
            let (n, base) = self.push_line(&line);
            let cells = r
                .into_iter()
                .zip(spans)
                .map(|(text, (s, e))| Cell {
                    text,
                    start: base + s,
                    end: base + e,
                    colspan: 1,
                })
                .collect();
            out_rows.push(Row { line: n, cells });
        }
        let idx = self.doc.tables.len();
        self.doc.tables.push(Table {
            rows: out_rows,
            header_rows,
            caption,
        });
        if self.lines >= first_line {
            self.doc.blocks.push(Block {
                kind: BlockKind::Table,
                line: first_line,
                last_line: self.lines,
                start: block_start,
                end: self.doc.text.len(),
                table: Some(idx),
            });
        }
        idx
    }

    /// Register a table whose rows are already pushed as lines (plain-text tables):
    /// cells carry their true spans.
    pub fn add_table(&mut self, table: Table) -> usize {
        let idx = self.doc.tables.len();
        if let (Some(first), Some(last)) = (table.rows.first(), table.rows.last()) {
            let (fl, ll) = (first.line, last.line);
            self.add_block(BlockKind::Table, fl, ll);
            if let Some(b) = self.doc.blocks.last_mut() {
                b.table = Some(idx);
            }
        }
        self.doc.tables.push(table);
        idx
    }

    /// Register a table over 1-based lines `first..=last` already pushed, whose rows need not
    /// be in line order (a table rebuilt from one cell per line).
    pub fn add_table_over(&mut self, table: Table, first: usize, last: usize) -> usize {
        let idx = self.doc.tables.len();
        self.add_block(BlockKind::Table, first, last);
        if let Some(b) = self.doc.blocks.last_mut() {
            b.table = Some(idx);
        }
        self.doc.tables.push(table);
        idx
    }

    pub fn meta_mut(&mut self) -> &mut DocMeta {
        &mut self.doc.meta
    }

    pub fn finish(mut self) -> Document {
        self.doc.blocks.sort_by_key(|b| (b.start, b.line));
        if self.doc.line_starts.is_empty() {
            self.doc.line_starts.push(0);
        }
        self.doc
    }
}

/// A cell that reads as a number: "$79", "(3,412)", "12.5%", "—".
pub fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars()
            .any(|c| c.is_ascii_digit() || c == '—' || c == '-')
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '$' | ',' | '.' | '(' | ')' | '%' | '-' | '—' | '–' | ' ' | '+'
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_offsets_agree() {
        let mut b = DocumentBuilder::new(DocMeta::default());
        b.push_block(BlockKind::Heading { level: 1 }, &["TITLE"]);
        b.push_line("");
        b.push_block(BlockKind::Paragraph, &["first line", "second line"]);
        let d = b.finish();
        assert_eq!(d.line_count(), 4);
        assert_eq!(d.line(3), "first line");
        assert_eq!(d.line_of(d.text.find("second").unwrap()), 4);
        assert_eq!(d.blocks[1].line, 3);
        assert_eq!(d.block_text(&d.blocks[1]), "first line\nsecond line");
    }

    #[test]
    fn pushed_table_cells_point_at_their_text() {
        let mut b = DocumentBuilder::new(DocMeta::default());
        b.push_line("intro");
        let rows = vec![
            vec!["".to_string(), "2006".to_string(), "2005".to_string()],
            vec![
                "Revenue".to_string(),
                "$79,000".to_string(),
                "(3,412)".to_string(),
            ],
        ];
        b.push_table(rows, 1, None);
        let d = b.finish();
        let t = &d.tables[0];
        for r in &t.rows {
            for c in &r.cells {
                assert_eq!(&d.text[c.start..c.end], c.text);
                assert_eq!(d.line_of(c.start), r.line);
            }
        }
        assert_eq!(d.blocks.last().unwrap().kind, BlockKind::Table);
    }
}
