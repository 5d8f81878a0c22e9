//! Plain-text exhibits (EDGAR text era, Lee-2014 flattened 8-Ks, PDF-extracted text).
//!
//! Lines are kept exactly as in the file (cleaned), so a Document line number is the file's line
//! number. Blocks: paragraphs split at blank lines, `<PAGE>` markers, bullet items (`--`, `*`, `•`),
//! headings (short lines in capitals or standing alone), and aligned text tables.

use crate::document::{BlockKind, DocMeta, Document, DocumentBuilder, Format};
use crate::error::Error;

pub fn ingest(text: &str, _name: &str) -> Result<Document, Error> {
    let lines = super::clean::clean_lines(text);
    let meta = DocMeta {
        format: Format::Text,
        ..DocMeta::default()
    };
    Ok(build(&lines, meta))
}

/// Lay out cleaned lines as a Document (also used for the text body of a submission).
pub fn build(lines: &[String], meta: DocMeta) -> Document {
    let mut b = DocumentBuilder::new(meta);
    for l in lines {
        b.push_line(l);
    }
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            i += 1;
            continue;
        }
        if is_page_marker(l) {
            b.add_block(BlockKind::PageBreak, i + 1, i + 1);
            i += 1;
            continue;
        }
        // A run of non-blank lines, cut at bullets.
        let start = i;
        let mut j = i + 1;
        while j < lines.len() {
            let t = lines[j].trim();
            if t.is_empty() || is_page_marker(t) || bullet_len(t).is_some() {
                break;
            }
            j += 1;
        }
        let kind = if bullet_len(l).is_some() {
            BlockKind::ListItem
        } else if j - start <= 2 && is_heading(&lines[start..j]) {
            BlockKind::Heading {
                level: if start < 12 { 1 } else { 2 },
            }
        } else {
            BlockKind::Paragraph
        };
        b.add_block(kind, start + 1, j);
        i = j;
    }
    b.finish()
}

fn is_page_marker(l: &str) -> bool {
    let u = l.to_ascii_uppercase();
    u == "<PAGE>" || u.starts_with("<PAGE> ") || u == "</PAGE>"
}

/// Length of a leading bullet marker, if the line starts with one.
pub fn bullet_len(l: &str) -> Option<usize> {
    for m in ["-- ", "--", "* ", "• ", "·  ", "o ", "- ", "▪ ", "■ "] {
        if let Some(rest) = l.strip_prefix(m)
            && rest.starts_with(|c: char| c.is_alphanumeric() || c == '$' || c == '"' || c == '“')
            && !(m == "--" && rest.starts_with(char::is_numeric))
        {
            return Some(m.len());
        }
    }
    None
}

fn is_heading(lines: &[String]) -> bool {
    let joined: String = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    let letters: Vec<char> = joined.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3
        || joined.len() > 120
        || joined.ends_with(['.', ',', ';', ':']) && !joined.ends_with(':')
    {
        return false;
    }
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    // All capitals, or a short Title Case line standing alone ("Update on Stock-Based Compensation Review").
    upper * 10 >= letters.len() * 9
        || (lines.len() == 1
            && joined.split_whitespace().count() <= 10
            && !joined.ends_with('.')
            && joined
                .split_whitespace()
                .filter(|w| w.len() > 3)
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())))
}
