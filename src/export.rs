//! Markdown export of panes (the same writer serves `irview export` and the viewer's `e` key).
//!
//! The output is CommonMark with GFM tables. Release text is untrusted: every piece of it goes
//! through [`escape_inline`] (or [`escape_cell`] inside tables), so no release can open emphasis,
//! links, raw HTML, headings, quotes or lists of its own. The structure is ours alone: an H1, a
//! metadata line, an H2 per pane, and under it tables, lists and paragraphs built from the pane rows
//! (what is exported is what the viewer shows) or, for the Release pane, from the Document's blocks.
//! The whole Markdown passes [`safe::text`] last, so no control character is ever written.

use crate::document::{BlockKind, Document, Table};
use crate::error::Error;
use crate::pane::{Align, Pane, PaneKind, PaneRow, RowKind};
use crate::release::Release;
use crate::text::safe;
use std::io::Write;
use std::path::Path;

/// Markdown for the given panes of a release.
pub fn markdown(r: &Release, panes: &[&Pane]) -> String {
    let mut out = String::with_capacity(r.document.text.len() + 4096);
    let company = r
        .company
        .name
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| r.stem());
    let heading = match r.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{company} — {t}"),
        None => company,
    };
    out.push_str("# ");
    out.push_str(&escape_inline(&heading));
    out.push_str("\n\n");
    let meta = metadata(r);
    if !meta.is_empty() {
        out.push_str(&escape_block(&meta));
        out.push_str("\n\n");
    }
    for p in panes {
        out.push_str("## ");
        out.push_str(&escape_inline(p.title()));
        out.push_str("\n\n");
        match p.kind {
            PaneKind::Release => release_section(&mut out, &r.document),
            PaneKind::Restatement => restatement_section(&mut out, p),
            PaneKind::Risks => risks_section(&mut out, p),
            PaneKind::Highlights | PaneKind::Comparison => table_section(&mut out, p),
        }
    }
    // One trailing newline, never a run of blank lines.
    while out.ends_with("\n\n") {
        out.pop();
    }
    // The guard at the edge: whatever a field carried (ingest cleans them all, and a file name
    // is not cleaned), the Markdown holds no escape sequence or control character.
    match safe::text(&out) {
        std::borrow::Cow::Owned(clean) => clean,
        std::borrow::Cow::Borrowed(_) => out,
    }
}

/// "Ticker: SONS (NASDAQ) · Period: Q4 FY2006 · Date: 2007-02-28 · Source: x.txt (text)".
fn metadata(r: &Release) -> String {
    let mut parts = Vec::new();
    match (&r.company.ticker, &r.company.exchange) {
        (Some(t), Some(x)) => parts.push(format!("Ticker: {t} ({x})")),
        (Some(t), None) => parts.push(format!("Ticker: {t}")),
        (None, Some(x)) => parts.push(format!("Exchange: {x}")),
        (None, None) => {}
    }
    if let Some(p) = &r.period.label {
        parts.push(format!("Period: {p}"));
    }
    if let Some(d) = &r.date {
        parts.push(format!("Date: {d}"));
    }
    if !r.file.path.is_empty() {
        // A file name stays recognisable: its control characters show as `?`.
        let mut s = format!("Source: {}", safe::marked(&r.file.path));
        if !r.file.format.is_empty() {
            s.push_str(&format!(" ({})", r.file.format));
        }
        parts.push(s);
    }
    if let Some(p) = &r.file.picked {
        parts.push(format!("Document: {p}"));
    }
    parts.join(" · ")
}

/// Pane rows that are not records (the restatement status, "nothing found" notes) as paragraphs.
fn note_paragraph(out: &mut String, row: &PaneRow) {
    let text = row.cells.join(" ");
    if !text.trim().is_empty() {
        out.push_str(&escape_block(&text));
        out.push_str("\n\n");
    }
}

/// The cell of `row` under the column titled `title` (pane columns are looked up by title so a
/// reordered pane still exports correctly).
fn cell<'a>(p: &Pane, row: &'a PaneRow, title: &str) -> &'a str {
    p.columns
        .iter()
        .position(|c| c.title == title)
        .and_then(|i| row.cells.get(i))
        .map(String::as_str)
        .unwrap_or("")
}

fn is_line_column(title: &str) -> bool {
    title == "Line"
}

/// Highlights and comparisons: one GFM table row per record, numbers right-aligned.
fn table_section(out: &mut String, p: &Pane) {
    let records: Vec<&PaneRow> = p
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Record)
        .collect();
    if !records.is_empty() {
        let header: Vec<String> = p.columns.iter().map(|c| c.title.to_string()).collect();
        let aligns: Vec<Align> = p.columns.iter().map(|c| c.align).collect();
        let rows: Vec<Vec<String>> = records
            .iter()
            .map(|row| {
                p.columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let v = row.cells.get(i).map(String::as_str).unwrap_or("");
                        if is_line_column(c.title) && v.contains(',') {
                            // A figure stated in several places ("13, 57").
                            format!("lines {v}")
                        } else if is_line_column(c.title) && !v.is_empty() {
                            format!("line {v}")
                        } else {
                            v.to_string()
                        }
                    })
                    .collect()
            })
            .collect();
        gfm_table(out, &header, &aligns, &rows);
        let marks = crate::pane::legend(p);
        if !marks.is_empty() {
            let items: Vec<String> = marks
                .iter()
                .map(|(m, what)| format!("{m} {what}"))
                .collect();
            // Plain text, escaped: the marks themselves (`*`) are Markdown syntax.
            out.push_str(&escape_inline(&format!("Marks: {}", items.join(" · "))));
            out.push_str("\n\n");
        }
    }
    for row in p.rows.iter().filter(|r| r.kind != RowKind::Record) {
        note_paragraph(out, row);
    }
}

/// The overall status, then one list item per matter (state, since, what, its latest event and
/// the source line), each with its earlier events as a nested list in time order.
fn restatement_section(out: &mut String, p: &Pane) {
    for row in p
        .rows
        .iter()
        .filter(|r| !matches!(r.kind, RowKind::Record | RowKind::Step))
    {
        note_paragraph(out, row);
    }
    let mut any = false;
    for row in p
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Record | RowKind::Step))
    {
        let step = row.kind == RowKind::Step;
        let date = cell(p, row, "Date");
        // A matter leads with what it is and its state since when; its events with their state
        // and date.
        let (head, fields): (String, &[&str]) = if step {
            let mut h = cell(p, row, "State").to_string();
            if !date.is_empty() {
                h.push_str(&format!(", {date}"));
            }
            (h, &["Kind", "Actor", "Filing"])
        } else if cell(p, row, "State") == "correction" {
            // A corrected figure: what and of which period, then by how much, from what, to what.
            let mut h = format!("{}: corrected", cell(p, row, "Kind"));
            if !date.is_empty() {
                h.push_str(&format!(" ({date})"));
            }
            (h, &[])
        } else {
            let mut h = format!("{}: {}", cell(p, row, "Kind"), cell(p, row, "State"));
            if !date.is_empty() {
                h.push_str(&format!(" since {date}"));
            }
            (h, &["Actor", "Filing"])
        };
        let details: Vec<&str> = fields
            .iter()
            .map(|t| cell(p, row, t))
            .filter(|s| !s.is_empty())
            .collect();
        let mut item = format!(
            "{head}{} {}",
            if step { ":" } else { " —" },
            cell(p, row, "Event")
        );
        if !details.is_empty() {
            item.push_str(&format!(" ({})", details.join("; ")));
        }
        item.push_str(&line_suffix(cell(p, row, "Line")));
        out.push_str(if step { "  - " } else { "- " });
        out.push_str(&escape_block(&item));
        out.push('\n');
        any = true;
    }
    if any {
        out.push('\n');
    }
}

/// A numbered list of risks, each with its source line; notes (the full-list reference) after.
fn risks_section(out: &mut String, p: &Pane) {
    let mut n = 0usize;
    for row in p.rows.iter().filter(|r| r.kind == RowKind::Record) {
        n += 1;
        let item = format!(
            "{}{}",
            cell(p, row, "Risk factor"),
            line_suffix(cell(p, row, "Line"))
        );
        out.push_str(&format!("{n}. "));
        out.push_str(&escape_block(&item));
        out.push('\n');
    }
    if n > 0 {
        out.push('\n');
    }
    for row in p.rows.iter().filter(|r| r.kind != RowKind::Record) {
        note_paragraph(out, row);
    }
}

fn line_suffix(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!(" (line {line})")
    }
}

/// The release text by its blocks: headings, paragraphs (lines joined), list items, tables.
/// Lines no block claims are grouped into paragraphs at blank lines.
fn release_section(out: &mut String, doc: &Document) {
    let n = doc.line_count();
    let mut blocks: Vec<&crate::document::Block> = doc.blocks.iter().collect();
    blocks.sort_by_key(|b| (b.line, b.last_line));
    let mut next = 1usize; // first line not yet written
    let mut in_list = false;
    for b in blocks {
        if b.line < next || b.line > n {
            continue; // overlapping or out of range: its lines are already written
        }
        loose_lines(out, doc, next, b.line - 1, &mut in_list);
        let last = b.last_line.clamp(b.line, n);
        let joined = join_lines(doc, b.line, last);
        match b.kind {
            BlockKind::ListItem => {
                if !joined.is_empty() {
                    out.push_str("- ");
                    out.push_str(&escape_block(strip_bullet(&joined)));
                    out.push('\n');
                    in_list = true;
                }
            }
            kind => {
                end_list(out, &mut in_list);
                match kind {
                    BlockKind::Heading { level } if !joined.is_empty() => {
                        // H1 and H2 are the export's own; release headings start at H3.
                        let hashes = "#".repeat((level as usize + 2).clamp(3, 6));
                        out.push_str(&format!("{hashes} {}\n\n", escape_inline(&joined)));
                    }
                    BlockKind::Table => match b.table.and_then(|i| doc.tables.get(i)) {
                        Some(t) if !t.rows.is_empty() => document_table(out, t),
                        _ => paragraphs(out, doc, b.line, last),
                    },
                    // A page marker only keeps line numbers true; it carries no text worth exporting.
                    BlockKind::PageBreak => {}
                    _ => {
                        if !joined.is_empty() {
                            out.push_str(&escape_block(&joined));
                            out.push_str("\n\n");
                        }
                    }
                }
            }
        }
        next = last + 1;
    }
    loose_lines(out, doc, next, n, &mut in_list);
    end_list(out, &mut in_list);
}

fn end_list(out: &mut String, in_list: &mut bool) {
    if *in_list {
        out.push('\n');
        *in_list = false;
    }
}

fn loose_lines(out: &mut String, doc: &Document, first: usize, last: usize, in_list: &mut bool) {
    if first > last {
        return;
    }
    // Blank lines between list items do not end the list.
    if (first..=last).all(|i| doc.line(i).trim().is_empty()) {
        return;
    }
    end_list(out, in_list);
    paragraphs(out, doc, first, last);
}

/// Lines `first..=last` as paragraphs split at blank lines.
fn paragraphs(out: &mut String, doc: &Document, first: usize, last: usize) {
    let mut para: Vec<&str> = Vec::new();
    for i in first..=last {
        let l = doc.line(i).trim();
        if l.is_empty() {
            flush_paragraph(out, &mut para);
        } else {
            para.push(l);
        }
    }
    flush_paragraph(out, &mut para);
}

fn flush_paragraph(out: &mut String, para: &mut Vec<&str>) {
    if !para.is_empty() {
        out.push_str(&escape_block(&para.join(" ")));
        out.push_str("\n\n");
        para.clear();
    }
}

fn join_lines(doc: &Document, first: usize, last: usize) -> String {
    (first..=last)
        .map(|i| doc.line(i).trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drop a bullet glyph the release wrote ("--", "*", "•"); enumerators like "(i)" or "1." are
/// words of the item and stay.
fn strip_bullet(s: &str) -> &str {
    for b in ["--", "-", "*", "•", "·", "▪", "◦"] {
        if let Some(rest) = s.strip_prefix(b)
            && rest.starts_with(char::is_whitespace)
        {
            return rest.trim_start();
        }
    }
    s
}

/// How a Document table is written: the header rows merged into one (a spanning header repeats
/// over the columns it spans, so "Three Months Ended" reaches each of its periods), then one body
/// row per remaining row; a spanning body cell takes its first column. The GFM table therefore
/// has `1 + rows - header_rows` rows (the header row is empty when there are no header rows) and
/// as many columns as the widest row.
pub fn table_grid(t: &Table) -> (Vec<String>, Vec<Vec<String>>) {
    let ncols = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.colspan.max(1)).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let heads = t.header_rows.min(t.rows.len());
    let mut header = vec![String::new(); ncols];
    for row in t.rows.iter().take(heads) {
        let mut col = 0usize;
        for c in &row.cells {
            let span = c.colspan.max(1);
            let text = c.text.trim();
            for h in header.iter_mut().skip(col).take(span) {
                if !text.is_empty() {
                    if !h.is_empty() {
                        h.push(' ');
                    }
                    h.push_str(text);
                }
            }
            col += span;
        }
    }
    let body = t
        .rows
        .iter()
        .skip(heads)
        .map(|row| {
            let mut cells = vec![String::new(); ncols];
            let mut col = 0usize;
            for c in &row.cells {
                if let Some(slot) = cells.get_mut(col) {
                    *slot = c.text.clone();
                }
                col += c.colspan.max(1);
            }
            cells
        })
        .collect();
    (header, body)
}

fn document_table(out: &mut String, t: &Table) {
    let (header, body) = table_grid(t);
    // A column is numeric when every non-empty body cell in it reads as a number.
    let aligns: Vec<Align> = (0..header.len())
        .map(|i| {
            let mut cells = body
                .iter()
                .filter_map(|r| r.get(i))
                .filter(|c| !c.trim().is_empty())
                .peekable();
            if cells.peek().is_some() && cells.all(|c| looks_numeric(c)) {
                Align::Right
            } else {
                Align::Left
            }
        })
        .collect();
    gfm_table(out, &header, &aligns, &body);
}

/// "$79,000", "(3,412)", "5.3%", "--", "—": figures and the dashes tables put for nil.
fn looks_numeric(s: &str) -> bool {
    let s = s.trim();
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| {
            c.is_ascii_digit() || " $€£¥,.%()-+–—*xX".contains(c) || c.is_ascii_uppercase()
        })
        && s.chars().filter(|c| c.is_ascii_uppercase()).count() <= 3
        || matches!(s, "-" | "--" | "—" | "–")
}

fn gfm_table(out: &mut String, header: &[String], aligns: &[Align], rows: &[Vec<String>]) {
    let row_line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        out.push('|');
        for c in cells {
            out.push(' ');
            out.push_str(&escape_cell(c));
            out.push_str(" |");
        }
        out.push('\n');
    };
    row_line(out, &mut header.iter().map(String::as_str));
    out.push('|');
    for i in 0..header.len() {
        out.push_str(match aligns.get(i) {
            Some(Align::Right) => " ---: |",
            _ => " --- |",
        });
    }
    out.push('\n');
    for r in rows {
        row_line(
            out,
            &mut (0..header.len()).map(|i| r.get(i).map(String::as_str).unwrap_or("")),
        );
    }
    out.push('\n');
}

/// Escape text for use inside a line: whitespace runs become one space, and every character
/// that could start Markdown syntax (emphasis, code, links, HTML, entities, headings, quotes,
/// tables, strikethrough) is backslash-escaped.
pub fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Only an entity-like "&name;" or "&#123;" would be decoded; "R&D" stays as is.
            '&' if entity_like(&s[i + 1..]) => out.push_str("\\&"),
            _ => out.push(c),
        }
    }
    out
}

fn entity_like(rest: &str) -> bool {
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[body.len()..].starts_with(';')
}

/// Escape text that starts a block (a paragraph or a list item's content): as inline, and a
/// leading `-`, `+`, `=` or `1.`/`1)` is escaped so it cannot become a list, rule or heading.
pub fn escape_block(s: &str) -> String {
    let mut e = escape_inline(s);
    if e.starts_with(['-', '+', '=']) {
        e.insert(0, '\\');
    } else {
        let digits = e.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(e.as_bytes().get(digits), Some(b'.' | b')')) {
            e.insert(digits, '\\');
        }
    }
    e
}

/// What copying a pane's row gives (the viewer's `y`): a Highlights or Comparison row as one
/// Markdown table row of the pane's columns, ready to paste under an exported table; a matter's
/// event or a risk factor as its text. None for a row with nothing to copy.
pub fn copy_row(pane: &Pane, row: usize) -> Option<String> {
    let r = pane.rows.get(row).filter(|r| r.kind != RowKind::Note)?;
    let text_column = match pane.kind {
        PaneKind::Restatement => Some("Event"),
        PaneKind::Risks => Some("Risk factor"),
        PaneKind::Release => Some("Text"),
        PaneKind::Highlights | PaneKind::Comparison => None,
    };
    let one = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    match text_column {
        Some(name) => {
            let i = pane.columns.iter().position(|c| c.title == name);
            let cell = i.and_then(|i| r.cells.get(i)).or(r.cells.last())?;
            Some(one(cell)).filter(|s| !s.is_empty())
        }
        None if r.kind == RowKind::Record => {
            let cells: Vec<String> = r.cells.iter().map(|c| escape_cell(&one(c))).collect();
            Some(format!("| {} |", cells.join(" | ")))
        }
        None => None,
    }
}

/// Escape a table cell: as inline (which already escapes `|`).
pub fn escape_cell(s: &str) -> String {
    escape_inline(s)
}

/// Write `contents` to `path` atomically: a temporary file in the same directory, then a rename.
/// An existing file is replaced only with `force`; on any error the old file is untouched.
pub fn write_file(path: &Path, contents: &str, force: bool) -> Result<(), Error> {
    let out = |reason: String| Error::Output {
        path: path.to_path_buf(),
        reason,
    };
    if path.is_dir() {
        return Err(out("is a directory".into()));
    }
    if !force && path.exists() {
        return Err(out("already exists (use --force to replace it)".into()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(out(format!("directory {} does not exist", dir.display())));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".irview-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| out(io_reason(&e)))?;
    tmp.write_all(contents.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| out(io_reason(&e)))?;
    let res = if force {
        tmp.persist(path).map(|_| ())
    } else {
        tmp.persist_noclobber(path).map(|_| ())
    };
    res.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            out("already exists (use --force to replace it)".into())
        } else {
            out(io_reason(&e.error))
        }
    })
}

pub use crate::error::io_reason;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pane::build_panes;

    #[test]
    fn escaping_neutralizes_markdown_syntax() {
        let nasty = "# *bold* _em_ `code` <b>x</b> [link](u) a|b ~~s~~ &amp; R&D";
        let e = escape_block(nasty);
        assert!(e.starts_with("\\#"));
        assert!(e.contains("\\*bold\\*") && e.contains("\\<b\\>") && e.contains("\\&amp;"));
        assert!(e.contains("R&D"), "{e}");
        assert_eq!(escape_block("- item"), "\\- item");
        assert_eq!(escape_block("1998. Revenue"), "1998\\. Revenue");
        assert_eq!(escape_block("2) two"), "2\\) two");
        assert_eq!(escape_inline("a\n  b\tc"), "a b c");
    }

    #[test]
    fn sample_export_has_title_and_a_section_per_pane() {
        let r = crate::sample();
        let panes = build_panes(&r);
        let all: Vec<&Pane> = panes.iter().collect();
        let md = markdown(&r, &all);
        assert!(md.starts_with("# "));
        for p in &panes {
            assert!(
                md.contains(&format!("\n## {}\n", p.title())),
                "{}",
                p.title()
            );
        }
        assert!(md.contains(crate::SAMPLE_NAME.replace('_', "\\_").as_str()));
        assert!(!md.ends_with("\n\n"));
    }
}
