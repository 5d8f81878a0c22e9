//! Markdown releases, parsed with pulldown-cmark: headings, paragraphs (one line each), list
//! items, GFM tables; HTML blocks inside go through the HTML reader.

use super::layout::{CellData, Emitter, Item, Para, ParaKind, TableData};
use crate::document::{DocMeta, Document, DocumentBuilder, Format};
use crate::error::Error;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Markdown by content: ATX headings, pipe tables, bold markers. PDF-extracted text saved as
/// `.md` has none of these, so it stays text.
pub fn looks_like_markdown(text: &str) -> bool {
    let (mut atx, mut pipes, mut seps, mut emph) = (0, 0, 0, 0);
    for l in text.lines().take(500) {
        let t = l.trim();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t.as_bytes().get(hashes) == Some(&b' ') {
            atx += 1;
        }
        if t.len() > 2 && t.starts_with('|') && t.ends_with('|') {
            pipes += 1;
        }
        if t.contains("---")
            && t.contains('|')
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        {
            seps += 1;
        }
        emph += t.matches("**").count() / 2;
    }
    seps >= 1 || atx >= 2 || pipes >= 3 || (atx >= 1 && (pipes >= 2 || emph >= 2)) || emph >= 6
}

pub fn ingest(text: &str, _name: &str) -> Result<Document, Error> {
    let meta = DocMeta {
        format: Format::Markdown,
        ..DocMeta::default()
    };
    let items = parse(text);
    let mut b = DocumentBuilder::new(meta);
    Emitter::new(&mut b).items(items);
    Ok(b.finish())
}

#[derive(Default)]
struct State {
    items: Vec<Item>,
    text: String,
    space: bool,
    kind: ParaKind,
    tight: bool,
    bold: usize,
    letters: usize,
    bold_letters: usize,
    in_item: usize,
    table: Option<TableData>,
    cell: Option<CellData>,
    html: String,
    code: Option<String>,
}

impl State {
    fn push(&mut self, s: &str) {
        let before = self.text.len();
        super::clean::push_inline(&mut self.text, s, &mut self.space);
        let n = self
            .text
            .get(before..)
            .map_or(0, |t| t.chars().filter(|c| c.is_alphabetic()).count());
        self.letters += n;
        if self.bold > 0 {
            self.bold_letters += n;
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let p = Para {
            text,
            kind: self.kind,
            bold: self.letters > 0 && self.letters == self.bold_letters,
            centered: false,
            tight: self.tight,
        };
        self.space = false;
        self.letters = 0;
        self.bold_letters = 0;
        self.tight = false;
        if p.text.trim().is_empty() {
            return;
        }
        match self.cell.as_mut() {
            Some(c) => c.items.push(Item::Para(p)),
            None => self.items.push(Item::Para(p)),
        }
    }

    fn flush_html(&mut self) {
        if self.html.trim().is_empty() {
            self.html.clear();
            return;
        }
        let html = std::mem::take(&mut self.html);
        let items = super::html::parse(&html);
        match self.cell.as_mut() {
            Some(c) => c.items.extend(items),
            None => self.items.extend(items),
        }
    }
}

/// Markdown → blocks.
pub fn parse(text: &str) -> Vec<Item> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut st = State::default();
    for (ev, _range) in Parser::new_ext(text, opts).into_offset_iter() {
        if !matches!(ev, Event::Html(_)) {
            st.flush_html();
        }
        match ev {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    st.flush();
                    st.kind = ParaKind::Heading(match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        _ => 3,
                    });
                }
                Tag::Paragraph => {
                    // A list item's first paragraph is the item itself.
                    if st.text.trim().is_empty() {
                        st.kind = if st.in_item > 0 && st.kind == ParaKind::ListItem {
                            ParaKind::ListItem
                        } else {
                            ParaKind::Normal
                        };
                    } else {
                        st.flush();
                        st.kind = ParaKind::Normal;
                    }
                }
                Tag::Item => {
                    st.flush();
                    st.in_item += 1;
                    st.kind = ParaKind::ListItem;
                }
                Tag::Table(_) => {
                    st.flush();
                    st.table = Some(TableData::default());
                }
                Tag::TableHead | Tag::TableRow => {
                    if let Some(t) = st.table.as_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                Tag::TableCell => {
                    st.flush();
                    st.cell = Some(CellData {
                        items: Vec::new(),
                        colspan: 1,
                    });
                }
                Tag::CodeBlock(_) => {
                    st.flush();
                    st.code = Some(String::new());
                }
                Tag::Strong => st.bold += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Paragraph => {
                    st.flush();
                    st.kind = ParaKind::Normal;
                }
                TagEnd::Item => {
                    st.flush();
                    st.in_item = st.in_item.saturating_sub(1);
                    st.kind = ParaKind::Normal;
                }
                TagEnd::TableCell => {
                    st.flush();
                    if let (Some(t), Some(c)) = (st.table.as_mut(), st.cell.take()) {
                        match t.rows.last_mut() {
                            Some(r) => r.push(c),
                            None => t.rows.push(vec![c]),
                        }
                    }
                }
                TagEnd::Table => {
                    st.cell = None;
                    if let Some(t) = st.table.take() {
                        st.items.push(Item::Table(t));
                    }
                }
                TagEnd::CodeBlock => {
                    if let Some(code) = st.code.take() {
                        let lines = super::clean::clean_lines(&code)
                            .into_iter()
                            .map(|l| l.into_owned())
                            .collect();
                        st.items.push(Item::Lines(lines));
                    }
                }
                TagEnd::Strong => st.bold = st.bold.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => match st.code.as_mut() {
                Some(c) => c.push_str(&t),
                None => st.push(&t),
            },
            Event::SoftBreak => st.space = true,
            Event::HardBreak => {
                st.flush();
                st.tight = true;
            }
            Event::Html(h) => st.html.push_str(&h),
            // `<br>` inside table cells and paragraphs is a line break; other tags drop.
            Event::InlineHtml(h) if h.trim_start().to_ascii_lowercase().starts_with("<br") => {
                st.space = true;
            }
            _ => {}
        }
    }
    st.flush_html();
    st.flush();
    if let Some(t) = st.table.take() {
        st.items.push(Item::Table(t));
    }
    st.items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    #[test]
    fn headings_lists_and_tables() {
        let md = "# ACME Reports Results\n\nRevenue rose\nto $5 million.\n\n- First item\n- Second\n\n| Metric | Q1 2024 | Q1 2023 |\n|---|---:|---:|\n| Revenue | $5.0 | $4.1 |\n| Net loss | (1.2) | (0.9) |\n";
        assert!(looks_like_markdown(md));
        let d = ingest(md, "x.md").unwrap();
        assert!(d.text.contains("Revenue rose to $5 million."));
        assert_eq!(d.blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(
            d.blocks
                .iter()
                .filter(|b| b.kind == BlockKind::ListItem)
                .count(),
            2
        );
        let t = &d.tables[0];
        assert_eq!(t.header_rows, 1);
        assert_eq!(t.rows[2].cells[1].text, "(1.2)");
        assert!(!looks_like_markdown(
            "Plain text release.\n\nRevenue was $5 million.\n"
        ));
    }
}
