//! EDGAR HTML exhibits → Document: from 2000s hand-made HTML to Workiva.
//!
//! html5ever's tokenizer (no tree, so no recursion: 10,000 nested elements are just a counter)
//! feeds a small state machine that collects paragraphs, headings, list items and tables as
//! [`Item`]s; [`layout`](super::layout) writes them as Document lines. Scripts, styles, the head
//! and hidden inline-XBRL headers are dropped; entities are decoded by html5ever (`&#146;` → ’
//! as browsers do).

use super::layout::{CellData, Emitter, Item, Para, ParaKind, TableData};
use crate::document::{DocMeta, Document, DocumentBuilder, Format};
use crate::error::Error;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

pub fn ingest(text: &str, _name: &str) -> Result<Document, Error> {
    let meta = DocMeta {
        format: Format::Html,
        ..DocMeta::default()
    };
    Ok(build(text, meta))
}

/// Parse HTML and lay it out as a Document (also used for the HTML body of a submission).
pub fn build(text: &str, meta: DocMeta) -> Document {
    let items = parse(text);
    let mut b = DocumentBuilder::new(meta);
    Emitter::new(&mut b).items(items);
    b.finish()
}

/// HTML → blocks.
pub fn parse(text: &str) -> Vec<Item> {
    let sink = Sink {
        st: RefCell::new(State::default()),
    };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(text.into());
    // The sink never asks to pause for scripts, so one feed consumes everything.
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.st.take();
    st.finish();
    st.doc
}

/// Inline text being gathered into one paragraph.
#[derive(Default)]
struct Inline {
    text: String,
    space: bool,
    letters: usize,
    bold_letters: usize,
    kind: ParaKind,
    centered: bool,
    tight: bool,
}

impl Inline {
    fn push(&mut self, s: &str, bold: bool) {
        let before = self.text.len();
        super::clean::push_inline(&mut self.text, s, &mut self.space);
        let added = self
            .text
            .get(before..)
            .map_or(0, |t| t.chars().filter(|c| c.is_alphabetic()).count());
        self.letters += added;
        if bold {
            self.bold_letters += added;
        }
    }

    fn take(&mut self) -> Option<Para> {
        let inline = std::mem::take(self);
        if inline.text.trim().is_empty() {
            return None;
        }
        Some(Para {
            text: inline.text,
            kind: inline.kind,
            bold: inline.letters > 0 && inline.bold_letters == inline.letters,
            centered: inline.centered,
            tight: inline.tight,
        })
    }
}

#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<CellData>>,
    cell: Option<CellData>,
}

#[derive(Default)]
struct State {
    doc: Vec<Item>,
    tables: Vec<OpenTable>,
    buf: Inline,
    /// Inside an element whose content is dropped: its name and nesting depth.
    hidden: Option<(String, usize)>,
    /// Inside `<script>`/`<style>`/`<title>` raw text.
    raw: Option<String>,
    /// Open `<b>`/`<strong>` and bold-styled elements.
    bold: usize,
    /// Open styled or block elements, so an end tag closes what its start tag opened.
    stack: Vec<(String, bool)>,
    pre: Option<String>,
    pre_depth: usize,
    /// `<table>`s opened beyond [`MAX_TABLES`]: read as plain blocks.
    extra_tables: usize,
}

/// Tables nest at most this deep as tables; deeper ones are laid out as text, so that laying
/// out and dropping the nested structure never recurses deeply.
const MAX_TABLES: usize = 24;

/// Nesting beyond this is not tracked for styles (the document still parses).
const MAX_STACK: usize = 4096;

impl State {
    fn container(&mut self) -> &mut Vec<Item> {
        for t in self.tables.iter_mut().rev() {
            if let Some(c) = t.cell.as_mut() {
                return &mut c.items;
            }
        }
        &mut self.doc
    }

    fn flush(&mut self) {
        if let Some(p) = self.buf.take() {
            self.container().push(Item::Para(p));
        }
    }

    fn close_cell(&mut self) {
        self.flush();
        if let Some(t) = self.tables.last_mut()
            && let Some(c) = t.cell.take()
        {
            match t.rows.last_mut() {
                Some(r) => r.push(c),
                None => t.rows.push(vec![c]),
            }
        }
    }

    fn close_table(&mut self) {
        self.close_cell();
        if let Some(t) = self.tables.pop() {
            let item = Item::Table(TableData { rows: t.rows });
            self.container().push(item);
        }
    }

    fn finish(&mut self) {
        if self.pre.is_some() {
            self.end_pre();
        }
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.flush();
    }

    fn end_pre(&mut self) {
        if let Some(raw) = self.pre.take() {
            let lines: Vec<String> = super::clean::clean_lines(&raw)
                .into_iter()
                .map(|l| l.into_owned())
                .collect();
            self.container().push(Item::Lines(lines));
        }
        self.pre_depth = 0;
    }

    fn text(&mut self, s: &str) {
        if self.hidden.is_some() || self.raw.is_some() {
            return;
        }
        if let Some(p) = self.pre.as_mut() {
            p.push_str(s);
            return;
        }
        let bold = self.bold > 0;
        self.buf.push(s, bold);
    }

    fn tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some((h, depth)) = self.hidden.as_mut() {
            if name == h.as_str() {
                match tag.kind {
                    TagKind::StartTag if !tag.self_closing => *depth += 1,
                    TagKind::EndTag => {
                        *depth -= 1;
                        if *depth == 0 {
                            self.hidden = None;
                        }
                    }
                    _ => {}
                }
            } else if h == "head" && name == "body" {
                self.hidden = None;
            }
            return TokenSinkResult::Continue;
        }
        if let Some(r) = &self.raw {
            if tag.kind == TagKind::EndTag && name == r.as_str() {
                self.raw = None;
            }
            return TokenSinkResult::Continue;
        }
        if self.pre.is_some() {
            if name == "pre" {
                match tag.kind {
                    TagKind::StartTag => self.pre_depth += 1,
                    TagKind::EndTag => {
                        self.pre_depth = self.pre_depth.saturating_sub(1);
                        if self.pre_depth == 0 {
                            self.end_pre();
                        }
                    }
                }
            } else if name == "br"
                && let Some(p) = self.pre.as_mut()
            {
                p.push('\n');
            }
            return TokenSinkResult::Continue;
        }
        match tag.kind {
            TagKind::StartTag => self.start(tag),
            TagKind::EndTag => {
                self.end(name);
                TokenSinkResult::Continue
            }
        }
    }

    fn start(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        match name {
            "script" | "style" | "title" | "textarea" | "xmp" | "noembed" | "noframes" => {
                self.raw = Some(name.to_string());
                return TokenSinkResult::RawData(match name {
                    "script" => RawKind::ScriptData,
                    "title" | "textarea" => RawKind::Rcdata,
                    _ => RawKind::Rawtext,
                });
            }
            _ => {}
        }
        let mut style = String::new();
        let mut align_center = false;
        let mut colspan = 1usize;
        let mut hidden_attr = false;
        for a in &tag.attrs {
            let an: &str = &a.name.local;
            match an {
                "style" => {
                    style = a
                        .value
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_ascii_lowercase()
                }
                "align" => align_center = a.value.eq_ignore_ascii_case("center"),
                "colspan" => {
                    colspan = a.value.trim().parse::<usize>().unwrap_or(1).clamp(1, 100);
                }
                "hidden" => hidden_attr = true,
                _ => {}
            }
        }
        let void = tag.self_closing || is_void(name);
        let hide = name == "head"
            || name == "ix:header"
            || name == "noscript"
            || name == "template"
            || hidden_attr
            || style.contains("display:none");
        if hide {
            if !void {
                self.hidden = Some((name.to_string(), 1));
            }
            return TokenSinkResult::Continue;
        }
        let centered = align_center || style.contains("text-align:center") || name == "center";
        let bold_style = style.contains("font-weight:bold")
            || style.contains("font-weight:700")
            || style.contains("font-weight:800")
            || style.contains("font-weight:900")
            || style.contains("font-weight:600");
        match name {
            "table" => {
                self.flush();
                if self.tables.len() < MAX_TABLES {
                    self.tables.push(OpenTable::default());
                } else {
                    self.extra_tables += 1;
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    // Close an open cell first (`<td>` without `</td>`).
                    if t.cell.is_some() {
                        self.close_cell();
                    }
                    if let Some(t) = self.tables.last_mut() {
                        t.rows.push(Vec::new());
                    }
                } else {
                    self.flush();
                }
            }
            "td" | "th" => {
                if self.tables.is_empty() {
                    self.flush();
                } else {
                    self.close_cell();
                    if let Some(t) = self.tables.last_mut() {
                        if t.rows.is_empty() {
                            t.rows.push(Vec::new());
                        }
                        t.cell = Some(CellData {
                            items: Vec::new(),
                            colspan,
                        });
                    }
                    self.buf.centered = centered;
                }
            }
            "pre" | "plaintext" | "listing" => {
                self.flush();
                self.pre = Some(String::new());
                self.pre_depth = 1;
            }
            "br" => {
                let (centered, kind) = (self.buf.centered, self.buf.kind);
                if !self.buf.text.trim().is_empty() {
                    self.flush();
                    self.buf.tight = true;
                }
                self.buf.centered = centered;
                self.buf.kind = if kind == ParaKind::ListItem {
                    ParaKind::Normal
                } else {
                    kind
                };
            }
            _ if is_block(name) => {
                self.flush();
                self.buf.kind = match name.as_bytes() {
                    [b'h', d @ b'1'..=b'6'] => ParaKind::Heading((d - b'0').min(3)),
                    b"li" | b"dt" => ParaKind::ListItem,
                    _ => ParaKind::Normal,
                };
                self.buf.centered = centered;
            }
            _ => {}
        }
        if name == "b" || name == "strong" {
            self.bold += 1;
        }
        if !void
            && self.stack.len() < MAX_STACK
            && (bold_style || is_block(name) || is_styled(name))
        {
            // `<p>` is closed by the next block start.
            if matches!(self.stack.last(), Some((n, _)) if n == "p")
                && is_block(name)
                && let Some((_, true)) = self.stack.pop()
            {
                self.bold = self.bold.saturating_sub(1);
            }
            self.stack.push((name.to_string(), bold_style));
            if bold_style {
                self.bold += 1;
            }
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, name: &str) {
        match name {
            "table" => {
                if self.extra_tables > 0 {
                    self.extra_tables -= 1;
                    self.flush();
                } else if !self.tables.is_empty() {
                    self.close_table();
                }
            }
            "td" | "th" | "tr" if !self.tables.is_empty() => self.close_cell(),
            "b" | "strong" => self.bold = self.bold.saturating_sub(1),
            _ if is_block(name) => self.flush(),
            _ => {}
        }
        // Close the element in the style stack (and anything left open inside it).
        let window = self.stack.len().saturating_sub(32);
        if let Some(i) = self.stack[window..].iter().rposition(|(n, _)| n == name) {
            for (_, b) in self.stack.drain(window + i..) {
                if b {
                    self.bold = self.bold.saturating_sub(1);
                }
            }
        }
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr"
            | "img"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "center"
            | "hr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "address"
            | "form"
            | "caption"
            | "body"
            | "html"
            | "main"
            | "nav"
            | "aside"
            | "figure"
            | "figcaption"
            | "fieldset"
            | "legend"
            | "menu"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}

fn is_styled(name: &str) -> bool {
    matches!(
        name,
        "span" | "font" | "a" | "i" | "em" | "u" | "sup" | "sub"
    )
}

struct Sink {
    st: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.st.borrow_mut();
        match token {
            Token::CharacterTokens(t) => {
                st.text(&t);
                TokenSinkResult::Continue
            }
            Token::TagToken(tag) => st.tag(tag),
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_entities_and_hidden_parts() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <div style=\"display:none\"><ix:header>HIDDEN</ix:header></div>\
            <p align=center><b>APPLE REPORTS FIRST QUARTER RESULTS</b></p>\
            <p>Apple&#146;s   revenue\n rose.<script>alert('<p>x')</script></p>\
            <ul><li>One</li><li>Two</ul></body></html>";
        let d = build(html, DocMeta::default());
        assert!(!d.text.contains("HIDDEN") && !d.text.contains("alert"));
        assert!(d.text.contains("Apple’s revenue rose."), "{}", d.text);
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                crate::document::BlockKind::Heading { level: 1 },
                crate::document::BlockKind::Paragraph,
                crate::document::BlockKind::ListItem,
                crate::document::BlockKind::ListItem,
            ]
        );
    }

    #[test]
    fn deep_nesting_and_garbage_do_not_crash() {
        let mut s = String::new();
        for _ in 0..10_000 {
            s.push_str("<div><table><tr><td><span>");
        }
        s.push_str("deep text");
        let d = build(&s, DocMeta::default());
        assert!(d.text.contains("deep text"));
        let d = build(
            "<<<>>></td></tr><td colspan=99999>1<tr>2</table></table>&#0;&#x1b;[2J",
            DocMeta::default(),
        );
        assert!(!d.text.contains('\u{1b}'));
    }
}
