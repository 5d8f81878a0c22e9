//! PDF-extracted text, reflowed into paragraphs, list items, headings and tables.
//!
//! A PDF-to-text tool writes the page's lines as they were set: a sentence cut at every line end
//! (often with a blank line after each line), a bullet mark alone on its line, page numbers
//! between two halves of a sentence, words spread by justification ("Net  income  for"), and a
//! statement table one cell per line. Read line by line, a 200 KB release is 6,000 rows.
//!
//! The reflow works on the Document the plain-text reader made of the file (its blocks, and the
//! tables rebuilt from one cell per line) and writes a new Document: a paragraph is one line (the
//! viewer wraps it), a list item one line, a rebuilt table aligned rows, and the cells no table
//! could be rebuilt from packed a few to a line. Everything later points into the new text, so
//! spans, line numbers, jumps and search agree with what the Release pane shows.

use super::layout;
use crate::document::{BlockKind, Document, DocumentBuilder, Table};
use crate::text::is_lone_figure;
use unicode_width::UnicodeWidthStr;

/// Width to which cells with no table are packed: they fit an 80-column terminal.
const PACK_WIDTH: usize = 76;
/// Longest text of one cell, in bytes: a longer line is prose.
const CELL_MAX: usize = 48;

/// Whether a plain-text Document reads as PDF-extracted text (see [`crate::text::is_pdf_lines`]).
pub fn is_pdf_text(doc: &Document) -> bool {
    crate::text::is_pdf_lines(doc.lines().map(|(_, _, l)| l))
}

/// A bullet glyph PDF fonts write for a list mark (the Symbol font's private-use bullet too).
fn bullet_glyph(c: char) -> bool {
    matches!(
        c,
        '•' | '●' | '▪' | '■' | '◦' | '○' | '·' | '\u{f0b7}' | '\u{f0a7}' | '\u{f076}' | '\u{f0d8}'
    )
}

/// A line that is only a list mark.
fn is_bare_bullet(t: &str) -> bool {
    let mut cs = t.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if bullet_glyph(c) || c == 'o')
}

/// A page's number or footer standing alone: "4", "- 4 -", "Page 4", "4 of 12".
fn is_page_number(t: &str) -> bool {
    let t = t.trim();
    let t = t
        .strip_prefix("- ")
        .and_then(|s| s.strip_suffix(" -"))
        .unwrap_or(t);
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .unwrap_or(t);
    let num = t.split(" of ").next().unwrap_or(t);
    (1..=3).contains(&num.len()) && num.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Debug, Clone)]
enum Piece {
    /// `last` is the display width of the block's last line in the PDF text.
    /// `after_page`: a page's number or footer stood right before it.
    Text {
        kind: BlockKind,
        text: String,
        last: usize,
        after_page: bool,
    },
    Table(usize),
    /// Cells of a table no rebuild could make: kept in reading order, packed.
    Cells(Vec<String>),
}

/// One block's lines as one line: trimmed, justification spaces closed up, a word broken by a
/// hyphen at a line end joined again ("non-" + "GAAP" is "non-GAAP").
fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        let hyphen = out.ends_with('-')
            && out[..out.len() - 1].ends_with(|c: char| c.is_alphabetic())
            && t.starts_with(|c: char| c.is_alphabetic());
        if !out.is_empty() && !hyphen {
            out.push(' ');
        }
        let mut space = false;
        for c in t.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '\u{201d}'])
}

/// Goes on from a paragraph that stopped mid-sentence: opens in lower case, with a number, a
/// bracket or a currency sign.
fn continues(t: &str) -> bool {
    t.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit() || matches!(c, '(' | '$' | '%'))
}

/// A paragraph that opens with a dateline ("SPRINGFIELD, Tuesday, May 2, 2023 –"): a city in
/// capitals and a comma. It starts the release's body, never goes on with a line before it.
fn is_dateline(t: &str) -> bool {
    let head = t.split(',').next().unwrap_or("");
    head.len() < t.len()
        && head.len() <= 30
        && head.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && head
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\''))
}

/// A short line that reads as one cell of a table: a number, or a label too short for prose.
fn is_cell(kind: BlockKind, t: &str) -> bool {
    if matches!(kind, BlockKind::ListItem) {
        return false;
    }
    t.len() <= CELL_MAX && (is_lone_figure(t) || !ends_sentence(t) || t.ends_with(':'))
}

fn pieces(doc: &Document) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for b in &doc.blocks {
        match b.kind {
            BlockKind::PageBreak => continue,
            BlockKind::Table => {
                if let Some(i) = b.table {
                    out.push(Piece::Table(i));
                    continue;
                }
            }
            _ => {}
        }
        let mut lines: Vec<&str> = doc
            .block_text(b)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // "- 31 -" read as a list mark, then the text the page goes on with: the footer is not
        // the text's, nor its mark.
        let mut kind = b.kind;
        let after_page = lines.len() > 1 && lines.first().is_some_and(|l| is_page_number(l));
        if after_page {
            lines.remove(0);
            if kind == BlockKind::ListItem {
                kind = BlockKind::Paragraph;
            }
        }
        // Short lines one under the other are the cells of a table (its labels, or a column
        // of figures), not a paragraph: each stays a piece of its own.
        if kind == BlockKind::Paragraph
            && lines.len() >= 2
            && lines.iter().all(|l| l.len() <= CELL_MAX)
        {
            for l in lines {
                out.push(Piece::Text {
                    kind,
                    text: join_lines(std::iter::once(l)),
                    last: l.width(),
                    after_page: false,
                });
            }
            continue;
        }
        // A page's number inside a paragraph (the page ended mid-sentence) is not its text.
        let many = lines.len() > 1;
        let text = join_lines(
            lines
                .iter()
                .copied()
                .filter(|l| !(many && is_page_number(l))),
        );
        if !text.is_empty() {
            let last = lines.last().map_or(0, |l| l.width());
            out.push(Piece::Text {
                kind,
                text,
                last,
                after_page,
            });
        }
    }
    out
}

/// The width the PDF's prose was set to: most long lines reach it.
fn measure(doc: &Document) -> usize {
    let mut w: Vec<usize> = doc
        .lines()
        .map(|(_, _, l)| l.trim().width())
        .filter(|&n| n > CELL_MAX)
        .collect();
    if w.is_empty() {
        return usize::MAX;
    }
    w.sort_unstable();
    w[w.len() * 8 / 10]
}

/// Drop page numbers: a footer ("- 4 -", "Page 4") always; a bare number when neither piece
/// beside it is a figure (among a column of figures a lone number is a cell).
fn drop_page_numbers(ps: Vec<Piece>) -> Vec<Piece> {
    let prose = |p: Option<&Piece>| match p {
        None => true,
        Some(Piece::Text { text, .. }) => !is_lone_figure(text),
        Some(_) => false,
    };
    let mut out: Vec<Piece> = Vec::with_capacity(ps.len());
    let mut dropped = false;
    for i in 0..ps.len() {
        if let Piece::Text { text, .. } = &ps[i]
            && is_page_number(text)
        {
            let footer = text.trim().starts_with('-') || text.contains("age ");
            if footer || (prose(out.last()) && prose(ps.get(i + 1))) {
                dropped = true;
                continue;
            }
        }
        let mut p = ps[i].clone();
        if let Piece::Text { after_page, .. } = &mut p {
            *after_page |= dropped;
        }
        dropped = false;
        out.push(p);
    }
    out
}

/// Join what the page cut: a bare list mark with the text after it, and a paragraph that
/// stopped mid-sentence with the one that goes on.
fn join_prose(ps: Vec<Piece>, width: usize) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(ps.len());
    let mut bullet = false;
    for p in ps {
        let Piece::Text {
            kind,
            mut text,
            last,
            after_page,
        } = p
        else {
            bullet = false;
            out.push(p);
            continue;
        };
        if is_bare_bullet(&text) || matches!(text.as_str(), "–" | "—") {
            bullet = true;
            continue;
        }
        // A word the line end broke with a hyphen ("Third-" / "Quarter Sales") goes
        // on whatever the next line was read as.
        if let Some(Piece::Text {
            text: prev,
            last: plast,
            ..
        }) = out.last_mut()
            && prev.ends_with('-')
            && prev[..prev.len() - 1].ends_with(|c: char| c.is_alphabetic())
            && text.starts_with(|c: char| c.is_alphabetic())
        {
            prev.push_str(&text);
            *plast = last;
            bullet = false;
            continue;
        }
        let mut kind = kind;
        let mut cs = text.chars();
        if let Some(c) = cs.next()
            && bullet_glyph(c)
        {
            text = format!("• {}", cs.as_str().trim_start());
            kind = BlockKind::ListItem;
        } else if text.starts_with("– ") || text.starts_with("— ") {
            // A dash opens a sub-item under a bullet.
            kind = BlockKind::ListItem;
        } else if bullet {
            text = format!("• {text}");
            kind = BlockKind::ListItem;
        }
        // The paragraph before stopped mid-sentence: this one goes on with it when it opens
        // as a continuation does, or when the line before ran to the full width of the page
        // (the PDF's line break, not the writer's).
        // A list item that ran to the page's width goes on in the next line even when that
        // line was read as a heading (a headline bullet set in Title Case).
        if !bullet
            && matches!(kind, BlockKind::Heading { .. })
            && let Some(Piece::Text {
                kind: BlockKind::ListItem,
                text: prev,
                last: plast,
                ..
            }) = out.last_mut()
            && !ends_sentence(prev)
            && *plast * 4 >= width * 3
        {
            prev.push(' ');
            prev.push_str(&text);
            *plast = last;
            continue;
        }
        if !bullet
            && kind == BlockKind::Paragraph
            && !is_lone_figure(&text)
            && let Some(Piece::Text {
                kind: pk,
                text: prev,
                last: plast,
                ..
            }) = out.last_mut()
            && matches!(pk, BlockKind::Paragraph | BlockKind::ListItem)
            && prev.len() > CELL_MAX
            && (!ends_sentence(prev)
                && (continues(&text)
                    || *pk == BlockKind::Paragraph
                        && *plast * 4 >= width * 3
                        && !is_dateline(&text))
                // Across a page's footer, text in lower case goes on with the item or
                // paragraph before it, even after a semicolon (a new item has its mark).
                || after_page
                    && !prev.ends_with('.')
                    && text.starts_with(|c: char| c.is_lowercase()))
        {
            prev.push(' ');
            prev.push_str(&text);
            *plast = last;
            continue;
        }
        bullet = false;
        out.push(Piece::Text {
            kind,
            text,
            last,
            after_page,
        });
    }
    out
}

/// Runs of three or more short lines with figures among them become one `Cells` piece; a
/// heading inside a run stays a heading (it names the segment or section of what follows).
fn gather_cells(ps: Vec<Piece>) -> Vec<Piece> {
    let cell_of = |p: &Piece| match p {
        Piece::Text { kind, text, .. } if !matches!(kind, BlockKind::Heading { .. }) => {
            is_cell(*kind, text)
        }
        _ => false,
    };
    let mut out: Vec<Piece> = Vec::with_capacity(ps.len());
    let mut i = 0;
    while i < ps.len() {
        let mut j = i;
        while j < ps.len() && cell_of(&ps[j]) {
            j += 1;
        }
        let run = &ps[i..j];
        let figures = run
            .iter()
            .filter(|p| matches!(p, Piece::Text { text, .. } if is_lone_figure(text)))
            .count();
        if run.len() >= 3 && figures * 3 >= run.len() {
            let cells = run
                .iter()
                .filter_map(|p| match p {
                    Piece::Text { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .collect();
            out.push(Piece::Cells(cells));
            i = j;
        } else if j > i {
            out.extend(run.iter().cloned());
            i = j;
        } else {
            out.push(ps[i].clone());
            i += 1;
        }
    }
    out
}

/// Cells packed into lines of at most [`PACK_WIDTH`] columns, three spaces apart.
fn pack(cells: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for c in cells {
        if !line.is_empty() && line.width() + 3 + c.width() > PACK_WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str("   ");
        }
        line.push_str(c);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A rebuilt table's rows as layout rows: each cell's text on one line, with its span.
fn layout_rows(t: &Table) -> Vec<Vec<(String, usize)>> {
    t.rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| (join_lines(c.text.lines()), c.colspan.max(1)))
                .collect()
        })
        .collect()
}

/// The reflowed Document of a PDF-extracted one (see [`is_pdf_text`]).
pub fn reflow(doc: Document) -> Document {
    let width = measure(&doc);
    let ps = gather_cells(join_prose(drop_page_numbers(pieces(&doc)), width));
    let mut b = DocumentBuilder::new(doc.meta.clone());
    // List items, and the short lines of a table's labels, follow one another without a blank
    // line between: they read as a list and a column.
    let mut last: Option<&'static str> = None;
    for p in ps {
        let run = match &p {
            Piece::Text {
                kind: BlockKind::ListItem,
                ..
            } => Some("list"),
            Piece::Text {
                kind: BlockKind::Paragraph,
                text,
                ..
            } if is_cell(BlockKind::Paragraph, text) => Some("cell"),
            _ => None,
        };
        if b.line_count() > 0 && !(run.is_some() && run == last) {
            b.push_line("");
        }
        last = run;
        match p {
            Piece::Text { kind, text, .. } => {
                b.push_block(kind, &[text.as_str()]);
            }
            Piece::Table(i) => {
                let Some(t) = doc.tables.get(i) else {
                    continue;
                };
                let table =
                    layout::lay_out_table(&mut b, layout_rows(t), t.header_rows, t.caption.clone());
                b.add_table(table);
            }
            Piece::Cells(cells) => {
                let lines = pack(&cells);
                let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
                b.push_block(BlockKind::Table, &refs);
            }
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_figures() {
        assert!(is_page_number("4"));
        assert!(is_page_number("- 12 -"));
        assert!(is_page_number("Page 3 of 9"));
        assert!(!is_page_number("2023"));
        assert!(is_lone_figure("$24,746"));
        assert!(is_lone_figure("(101.3)%"));
        assert!(!is_lone_figure("Q1"));
    }

    #[test]
    fn lines_join_as_prose() {
        let s = join_lines(["Net  income  for  the", "", "quarter was non-", "GAAP."].into_iter());
        assert_eq!(s, "Net income for the quarter was non-GAAP.");
    }
}
