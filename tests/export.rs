//! Markdown export on every corpus release, read back with pulldown-cmark: the structure is
//! ours (an H1, an H2 per pane, tables and lists the size of the panes) and release text never
//! adds structure of its own (no HTML, emphasis, links, code, quotes).

use irview::Release;
use irview::document::BlockKind;
use irview::pane::{Align, Pane, PaneKind, RowKind, build_panes};
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::PathBuf;

/// Every release in tests/corpus (not the notes about it).
fn corpus() -> Vec<PathBuf> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            // SOURCES.md / README: notes; golden or expected files: test answers, not releases.
            !(stem.chars().all(|c| !c.is_lowercase())
                || name.contains("golden")
                || name.contains("expected")
                || name.ends_with(".json"))
        })
        .collect();
    v.sort();
    assert!(v.len() >= 20, "corpus has {} releases", v.len());
    v
}

#[derive(Debug, Default)]
struct Table {
    aligns: Vec<Alignment>,
    /// rows[0] is the header row.
    rows: Vec<Vec<String>>,
}

#[derive(Debug, Default)]
struct List {
    ordered: bool,
    items: Vec<String>,
}

#[derive(Debug, Default)]
struct Section {
    title: String,
    tables: Vec<Table>,
    lists: Vec<List>,
    /// All text outside tables (headings, paragraphs, list items), in order.
    text: String,
}

#[derive(Debug, Default)]
struct Doc {
    h1: Vec<String>,
    /// Text before the first H2 (the metadata line).
    preamble: String,
    sections: Vec<Section>,
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parse exported Markdown; panics on any event irview never writes.
fn parse(md: &str, what: &str) -> Doc {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut doc = Doc::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut table: Option<Table> = None;
    let mut cell: Option<String> = None;
    let mut lists: Vec<List> = Vec::new();
    // Open list items, innermost last (a restatement matter holds its events as a nested list).
    let mut items: Vec<String> = Vec::new();
    for ev in Parser::new_ext(md, opts) {
        match &ev {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((*level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                let (level, text) = heading.take().unwrap();
                match level {
                    HeadingLevel::H1 => doc.h1.push(text),
                    HeadingLevel::H2 => doc.sections.push(Section {
                        title: text,
                        ..Section::default()
                    }),
                    _ => {
                        let s = doc.sections.last_mut().expect("heading inside a section");
                        s.text.push_str(&text);
                        s.text.push(' ');
                    }
                }
            }
            Event::Start(Tag::Table(aligns)) => {
                table = Some(Table {
                    aligns: aligns.clone(),
                    rows: Vec::new(),
                })
            }
            Event::End(TagEnd::Table) => {
                let t = table.take().unwrap();
                doc.sections.last_mut().unwrap().tables.push(t);
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                table.as_mut().unwrap().rows.push(Vec::new())
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let c = cell.take().unwrap();
                table.as_mut().unwrap().rows.last_mut().unwrap().push(c);
            }
            Event::Start(Tag::List(start)) => lists.push(List {
                ordered: start.is_some(),
                items: Vec::new(),
            }),
            Event::End(TagEnd::List(_)) => {
                let l = lists.pop().unwrap();
                doc.sections.last_mut().unwrap().lists.push(l);
            }
            Event::Start(Tag::Item) => items.push(String::new()),
            Event::End(TagEnd::Item) => {
                let t = items.pop().unwrap();
                lists.last_mut().unwrap().items.push(t);
                doc.sections.last_mut().unwrap().text.push(' ');
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(t);
                } else if let Some((_, h)) = heading.as_mut() {
                    h.push_str(t);
                } else {
                    if let Some(i) = items.last_mut() {
                        i.push_str(t);
                    }
                    match doc.sections.last_mut() {
                        Some(s) => s.text.push_str(t),
                        None => doc.preamble.push_str(t),
                    }
                }
            }
            Event::SoftBreak => panic!("{what}: a soft line break inside a block"),
            Event::End(TagEnd::Paragraph) => {
                if let Some(s) = doc.sections.last_mut() {
                    s.text.push(' ');
                }
            }
            Event::Start(Tag::Paragraph) | Event::End(_) => {}
            other => panic!("{what}: unexpected Markdown event {other:?}"),
        }
    }
    doc
}

fn export_all(r: &Release) -> (Vec<Pane>, String) {
    let panes = build_panes(r);
    let refs: Vec<&Pane> = panes.iter().collect();
    let md = irview::export::markdown(r, &refs);
    (panes, md)
}

fn alnum(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The Release section holds every word of the document outside tables and page markers, in
/// order; each Document table is one GFM table with its rows and columns.
fn check_release_section(r: &Release, s: &Section, what: &str) {
    let doc = &r.document;
    let mut table_lines = vec![false; doc.line_count() + 2];
    let mut expected_tables = Vec::new();
    let mut blocks: Vec<_> = doc.blocks.iter().collect();
    blocks.sort_by_key(|b| (b.line, b.last_line));
    let mut next = 1;
    for b in blocks {
        if b.line < next || b.line > doc.line_count() {
            continue;
        }
        let last = b.last_line.clamp(b.line, doc.line_count());
        let skip = match b.kind {
            BlockKind::PageBreak => true,
            BlockKind::Table => match b.table.and_then(|i| doc.tables.get(i)) {
                Some(t) if !t.rows.is_empty() => {
                    expected_tables.push(t);
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if skip {
            table_lines[b.line..=last].fill(true);
        }
        next = last + 1;
    }
    let mut words = String::new();
    for (n, _, line) in doc.lines() {
        if !table_lines[n] {
            words.push_str(&alnum(line));
        }
    }
    let got = alnum(&s.text);
    if got != words {
        let at = got
            .chars()
            .zip(words.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let ctx = |x: &str| {
            x.chars()
                .skip(at.saturating_sub(30))
                .take(60)
                .collect::<String>()
        };
        panic!(
            "{what}: release text differs after {at} letters:\n export: {}\n   text: {}",
            ctx(&got),
            ctx(&words)
        );
    }
    assert_eq!(s.tables.len(), expected_tables.len(), "{what}: tables");
    for (t, md) in expected_tables.iter().zip(&s.tables) {
        let cols = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.colspan.max(1)).sum::<usize>())
            .max()
            .unwrap()
            .max(1);
        let body = t.rows.len() - t.header_rows.min(t.rows.len());
        assert_eq!(md.rows.len(), body + 1, "{what}: table rows");
        assert_eq!(md.aligns.len(), cols, "{what}: table columns");
        for row in &md.rows {
            assert_eq!(row.len(), cols, "{what}: cells in a row");
        }
        // Every body cell's text is in the table, unchanged (whitespace aside).
        for (row, mdrow) in t
            .rows
            .iter()
            .skip(t.header_rows)
            .zip(md.rows.iter().skip(1))
        {
            for c in &row.cells {
                let want = normalize(&c.text);
                assert!(
                    mdrow.contains(&want),
                    "{what}: cell {want:?} not in {mdrow:?}"
                );
            }
        }
    }
}

/// Highlights and comparisons: one table, a row per record, the pane's columns and alignment,
/// and the line each figure was read from.
fn check_table_section(p: &Pane, s: &Section, what: &str) {
    let records: Vec<_> = p
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Record)
        .collect();
    if records.is_empty() {
        assert!(s.tables.is_empty(), "{what}: a table with no records");
        return;
    }
    assert_eq!(s.tables.len(), 1, "{what}: one table");
    let t = &s.tables[0];
    assert_eq!(t.rows.len(), records.len() + 1, "{what}: rows");
    assert_eq!(t.aligns.len(), p.columns.len(), "{what}: columns");
    for (a, c) in t.aligns.iter().zip(&p.columns) {
        let want = match c.align {
            Align::Right => Alignment::Right,
            Align::Left => Alignment::None,
        };
        assert_eq!(*a, want, "{what}: alignment of {}", c.title);
    }
    let header: Vec<&str> = p.columns.iter().map(|c| c.title).collect();
    assert_eq!(t.rows[0], header, "{what}: header");
    let line_col = p.columns.iter().position(|c| c.title == "Line").unwrap();
    for (row, md) in records.iter().zip(&t.rows[1..]) {
        assert_eq!(md.len(), p.columns.len(), "{what}: cells");
        let line = row.source.unwrap().line;
        // A figure stated in several places names them all, its own source first.
        let lines = &row.cells[line_col];
        let first = lines.split(", ").next().unwrap();
        assert_eq!(first, line.to_string(), "{what}: source line");
        let want = if lines.contains(',') {
            format!("lines {lines}")
        } else {
            format!("line {lines}")
        };
        assert_eq!(md[line_col], want, "{what}: source lines");
        for (i, (c, m)) in row.cells.iter().zip(md).enumerate() {
            if i != line_col {
                assert_eq!(normalize(c), *m, "{what}: cell");
            }
        }
    }
}

fn check_release(path: &std::path::Path, r: &Release) {
    let what = path.file_name().unwrap().to_string_lossy().to_string();
    let (panes, md) = export_all(r);
    let doc = parse(&md, &what);
    assert_eq!(doc.h1.len(), 1, "{what}: one H1");
    if let Some(name) = &r.company.name {
        assert!(
            doc.h1[0].contains(&normalize(name)),
            "{what}: H1 names the company"
        );
    }
    assert!(
        doc.preamble.contains(&r.file.path),
        "{what}: metadata names the source file"
    );
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    let want: Vec<&str> = panes.iter().map(|p| p.title()).collect();
    assert_eq!(titles, want, "{what}: an H2 per pane");
    for (p, s) in panes.iter().zip(&doc.sections) {
        let what = format!("{what} [{}]", p.kind.name());
        match p.kind {
            PaneKind::Release => check_release_section(r, s, &what),
            PaneKind::Highlights | PaneKind::Comparison => check_table_section(p, s, &what),
            PaneKind::Restatement => {
                let rs = &r.restatement;
                if rs.events.is_empty() {
                    assert!(s.lists.is_empty(), "{what}");
                } else {
                    // An item per matter (the outer list, closed last), each with its earlier
                    // events as a nested list before it in `lists`.
                    let outer = s.lists.last().unwrap();
                    assert!(!outer.ordered);
                    assert_eq!(
                        outer.items.len(),
                        rs.matters.len() + rs.corrections.len(),
                        "{what}: an item per matter and per correction"
                    );
                    let nested = &s.lists[..s.lists.len() - 1];
                    let mut nested = nested.iter();
                    for (m, item) in rs.matters.iter().zip(&outer.items) {
                        assert!(item.starts_with(&m.label), "{what}: the matter first");
                        assert!(item.contains(m.state.name()), "{what}: its state");
                        if let Some(d) = &m.since {
                            assert!(item.contains(d.as_str()), "{what}: since");
                        }
                        let latest = &rs.events[*m.events.last().unwrap()];
                        assert!(
                            item.contains(&normalize(&latest.text)),
                            "{what}: latest event"
                        );
                        assert!(item.ends_with(&format!("(line {})", latest.source.line)));
                        if m.events.len() < 2 {
                            continue;
                        }
                        let l = nested.next().unwrap();
                        assert_eq!(l.items.len(), m.events.len() - 1, "{what}: earlier events");
                        for (&i, item) in m.events.iter().zip(&l.items) {
                            let e = &rs.events[i];
                            assert!(item.starts_with(e.state.name()), "{what}: state first");
                            if let Some(d) = &e.date {
                                assert!(item.contains(d.as_str()), "{what}: date");
                            }
                            assert!(item.contains(&normalize(&e.text)), "{what}: event text");
                            assert!(item.ends_with(&format!("(line {})", e.source.line)));
                        }
                    }
                }
                assert!(!s.text.trim().is_empty(), "{what}: the status is written");
            }
            PaneKind::Risks => {
                if r.risks.is_empty() {
                    assert!(s.lists.is_empty(), "{what}");
                } else {
                    assert_eq!(s.lists.len(), 1, "{what}: one list");
                    let l = &s.lists[0];
                    assert!(l.ordered, "{what}: numbered");
                    assert_eq!(l.items.len(), r.risks.len(), "{what}: an item per risk");
                    for (k, item) in r.risks.iter().zip(&l.items) {
                        assert!(item.contains(&normalize(&k.text)), "{what}: risk text");
                        assert!(item.ends_with(&format!("(line {})", k.source.line)));
                    }
                }
            }
        }
    }
    // Every figure as written is in the Highlights table (after the metric's name as written,
    // "Revenues: $79 million", unless the text already holds it).
    let hl = doc
        .sections
        .iter()
        .find(|s| s.title == PaneKind::Highlights.title())
        .unwrap();
    let cells: Vec<&String> = hl
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().flatten())
        .collect();
    let texts = r
        .highlights
        .iter()
        .map(|f| &f.text)
        .chain(r.outlook.iter().map(|o| &o.text));
    for t in texts {
        let t = normalize(t);
        assert!(
            cells
                .iter()
                .any(|c| **c == t || c.ends_with(&format!(": {t}"))),
            "{what}: figure {t:?}"
        );
    }
}

/// The corpus, loaded once for every test here: loading (extraction) is the slow part.
fn loaded() -> &'static [(PathBuf, Vec<u8>, Release)] {
    static CORPUS: std::sync::OnceLock<Vec<(PathBuf, Vec<u8>, Release)>> =
        std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        corpus()
            .into_iter()
            .map(|p| {
                let raw = std::fs::read(&p).unwrap();
                let r = irview::load_path(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                (p, raw, r)
            })
            .collect()
    })
}

#[test]
fn every_corpus_release_exports_to_well_formed_markdown() {
    for (path, _, r) in loaded() {
        check_release(path, r);
    }
}

/// Search's raw-byte prefilter (here because it needs the loaded corpus too) only skips work:
/// phrases taken from a release's own Document (which search therefore finds) always pass the
/// prefilter on its raw bytes, and a file the prefilter rules out has no match at all.
#[test]
fn search_prefilter_never_loses_a_match() {
    use irview::prefilter::Prefilter;
    let mut ruled_out = 0;
    for (path, raw, r) in loaded() {
        let what = path.display();
        // A submission's 8-K items are appended after the release under a "Form 8-K: items"
        // heading; a phrase across that junction is not in the raw bytes in that order, so
        // phrases are taken from each part alone.
        let text = &r.document.text;
        let junction = text.find("\n\nForm ").filter(|&i| {
            text[i..]
                .lines()
                .nth(2)
                .is_some_and(|l| l.ends_with(": items"))
        });
        let (release, items) = text.split_at(junction.unwrap_or(text.len()));
        let release: Vec<&str> = release.split_whitespace().collect();
        let items: Vec<&str> = items.split_whitespace().skip(3).collect();
        for words in [release, items] {
            let step = (words.len() / 12).max(1);
            for (k, i) in (0..words.len().saturating_sub(3)).step_by(step).enumerate() {
                let phrase = words[i..i + 2 + k % 2].join(" ");
                let sensitive = phrase.chars().any(char::is_uppercase);
                if let Some(p) = Prefilter::new(&phrase, false, sensitive) {
                    assert!(p.may_match(raw), "{what}: {phrase:?} is in the text");
                }
            }
        }
        let panes = build_panes(r);
        for phrase in [
            "deferred revenue",
            "stock option review",
            "Fiscal 2023",
            "zebra",
        ] {
            let sensitive = phrase.chars().any(char::is_uppercase);
            let p = Prefilter::new(phrase, false, sensitive).unwrap();
            if !p.may_match(raw) {
                ruled_out += 1;
                let re = irview::search::Query::phrase(phrase).compile().unwrap();
                let found = irview::search::search_all(&panes, &r.document.text, &re);
                assert!(found.is_empty(), "{what}: {phrase:?} ruled out but found");
            }
        }
    }
    assert!(ruled_out > 0);
}

#[test]
fn sample_exports_to_well_formed_markdown() {
    let r = irview::sample();
    let (panes, md) = export_all(&r);
    let doc = parse(&md, "sample");
    assert_eq!(doc.sections.len(), panes.len());
}

#[test]
fn a_single_pane_exports_alone() {
    let r = irview::sample();
    let panes = build_panes(&r);
    for p in &panes {
        let md = irview::export::markdown(&r, &[p]);
        let doc = parse(&md, p.kind.name());
        assert_eq!(doc.h1.len(), 1);
        let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, vec![p.title()]);
    }
}

#[test]
fn a_table_s_marks_are_explained_after_it() {
    let r = irview::sample();
    let panes = build_panes(&r);
    let cmp = panes
        .iter()
        .find(|p| p.kind == irview::pane::PaneKind::Comparison)
        .unwrap();
    let md = irview::export::markdown(&r, &[cmp]);
    let doc = parse(&md, "comparison");
    let text = &doc.sections[0].text;
    // Read back as text: the `*` is escaped, not emphasis, in the table and in the marks.
    let cells = doc.sections[0].tables[0].rows.iter().flatten();
    assert!(cells.into_iter().any(|c| c == "$314M*"));
    assert!(
        text.contains("Marks: * derived prior (from the value and the stated change)"),
        "{text}"
    );
    assert!(text.contains("QoQ vs the quarter before"), "{text}");
    // A pane without marks says nothing of them.
    let risks = panes
        .iter()
        .find(|p| p.kind == irview::pane::PaneKind::Risks)
        .unwrap();
    assert!(!irview::export::markdown(&r, &[risks]).contains("Marks:"));
}

/// Text written to break Markdown in every way we know: it must come back as plain text.
const HOSTILE: &str = "\
# Not a heading *bold* _em_ **strong** `code` ~~gone~~
> not a quote <script>alert(1)</script> <b>raw</b> &amp; &#169; R&D
- not a list
+ not a list either
1. not numbered
2) nor this
[a link](http://example.com) ![img](x.png) <http://auto.link> [^1]
| a | table | row |
|---|---|---|
---
***
___
Setext?
=======
    indented code
```
fence
```
Net sales were $1,234 | up 5% *vs* last_year_total\\
";

#[test]
fn hostile_release_text_stays_text() {
    // Built by hand so the text reaches the Document as written (ingest might read it as
    // Markdown): each line a block of a different kind, and a table of hostile cells.
    use irview::document::{DocMeta, DocumentBuilder};
    let mut b = DocumentBuilder::new(DocMeta::default());
    let kinds = [
        BlockKind::Heading { level: 1 },
        BlockKind::Paragraph,
        BlockKind::ListItem,
        BlockKind::Heading { level: 2 },
    ];
    for (i, l) in HOSTILE.lines().enumerate() {
        b.push_block(kinds[i % kinds.len()], &[l]);
        b.push_line("");
    }
    b.push_table(
        HOSTILE
            .lines()
            .take(6)
            .map(|l| vec![l.to_string(), "| *x* |".to_string(), "1,234".to_string()])
            .collect(),
        1,
        None,
    );
    let mut r = irview::extract::extract(b.finish());
    r.file.path = "hostile.txt".into();
    // Figures, events and risks carry release text too: put the same text in each.
    let line = |n: usize| {
        let start = r.document.lines().nth(n - 1).unwrap().1;
        irview::Source {
            line: n,
            start,
            end: start + 1,
        }
    };
    let src = line(3);
    r.company.name = Some("*Evil* <Corp> | [x]".into());
    r.title = Some("# _Title_".into());
    r.highlights.push(irview::release::Figure {
        metric: "revenue".into(),
        label: "Net | sales *x*".into(),
        text: "<i>$1,234</i> | `up`".into(),
        source: src,
        ..Default::default()
    });
    r.risks.push(irview::release::Risk {
        text: "1. **risk** <b>".into(),
        source: src,
    });
    r.risks.push(irview::release::Risk {
        text: "- [ ] task".into(),
        source: src,
    });
    let (_, md) = export_all(&r);
    let doc = parse(&md, "hostile"); // panics on any HTML, emphasis, code, link, quote
    assert_eq!(doc.h1, vec!["*Evil* <Corp> | [x] — # _Title_"]);
    let hl = &doc.sections[1];
    assert_eq!(hl.tables.len(), 1);
    assert_eq!(hl.tables[0].rows.len(), 2);
    assert!(
        hl.tables[0].rows[1].contains(&"Net | sales *x*: <i>$1,234</i> | `up`".to_string()),
        "{:?}",
        hl.tables[0].rows[1]
    );
    let risks = &doc.sections[4];
    assert_eq!(risks.lists.len(), 1);
    assert_eq!(risks.lists[0].items.len(), 2);
    assert!(risks.lists[0].items[0].starts_with("1. **risk** <b>"));
    // The release text survives word for word (checked letter by letter).
    check_release_section(&r, &doc.sections[0], "hostile");
    // Markup the ingest kept as text (it may read the file as Markdown) stays text.
    for needle in [
        "<script>alert(1)</script>",
        "[a link](http://example.com)",
        "&amp;",
        "*bold*",
    ] {
        if r.document.text.contains(needle) {
            assert!(doc.sections[0].text.contains(needle), "{needle}");
        }
    }
}
