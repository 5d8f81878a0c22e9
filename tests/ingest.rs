//! Ingest on the real corpus and on hostile input: every file reads, offsets stay true, each
//! format keeps its structure, bad bytes are refused or cleaned, never a panic.

use irview::document::{BlockKind, Document, Format};
use irview::ingest::{self, Ingested};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

fn corpus_files() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "SOURCES.md"))
        .collect();
    v.sort();
    v
}

fn doc_of(name: &str) -> Document {
    let bytes = std::fs::read(format!("{CORPUS}/{name}")).unwrap();
    match ingest::ingest(&bytes, name).unwrap() {
        Ingested::Document(d) => *d,
        Ingested::Release(_) => panic!("{name} read as JSON"),
    }
}

/// Blocks, rows and cells point at their own text; text holds no control characters.
fn check_offsets(d: &Document, name: &str) {
    assert!(
        !d.text.chars().any(|c| c.is_control() && c != '\n'),
        "{name}: control character in text"
    );
    for b in &d.blocks {
        assert!(
            b.start <= b.end && b.end <= d.text.len(),
            "{name}: block {b:?}"
        );
        assert!(d.text.is_char_boundary(b.start) && d.text.is_char_boundary(b.end));
        assert_eq!(d.line_of(b.start), b.line, "{name}: block line {b:?}");
        assert!(b.line <= b.last_line && b.last_line <= d.line_count());
    }
    for t in &d.tables {
        assert!(t.header_rows <= t.rows.len(), "{name}");
        for r in &t.rows {
            // A row is drawn on its first cell's line; in a table rebuilt from one cell per line
            // (PDF-extracted text) its other cells sit on lines of their own.
            if let Some(c) = r.cells.iter().find(|c| !c.text.is_empty()) {
                assert_eq!(d.line_of(c.start), r.line, "{name}: cell {c:?} off its row");
            }
            for c in &r.cells {
                assert_eq!(
                    d.text.get(c.start..c.end),
                    Some(c.text.as_str()),
                    "{name}: cell span"
                );
                assert!(c.colspan >= 1);
            }
        }
    }
}

#[test]
fn every_corpus_file_ingests_with_true_offsets() {
    let files = corpus_files();
    assert!(files.len() >= 20);
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let d = doc_of(&name);
        assert!(
            d.text.len() > 1000,
            "{name}: only {} bytes of text",
            d.text.len()
        );
        assert!(
            d.blocks.iter().any(|b| b.kind == BlockKind::Paragraph),
            "{name}: no paragraphs"
        );
        check_offsets(&d, &name);
        // No markup or SGML leaks into what the user reads.
        for bad in [
            "<TEXT>",
            "<DOCUMENT>",
            "</TD>",
            "<td",
            "<S>",
            "&nbsp;",
            "&#",
        ] {
            assert!(!d.text.contains(bad), "{name}: {bad} left in the text");
        }
    }
}

#[test]
fn formats_are_detected_by_content() {
    let cases = [
        ("apple-q1-fy2011-ex991.htm", Format::Html, None),
        (
            "buckle-q3-fy2024-ex991.html",
            Format::Submission,
            Some(Format::Html),
        ),
        (
            "amazon-q4-1998-8k-submission.txt",
            Format::Submission,
            Some(Format::Text),
        ),
        (
            "apple-q4-fy2024-8k-cover-edgartools.md",
            Format::Markdown,
            None,
        ),
        ("pfizer-q2-2023-ex991-pdftext.md", Format::Text, None),
        ("costco-q1-fy2023-ex991-pdftext.md", Format::Text, None),
        ("sonus-networks-2006q4-ex99.1.txt", Format::Text, None),
    ];
    for (name, f, inner) in cases {
        let d = doc_of(name);
        assert_eq!(d.meta.format, f, "{name}");
        assert_eq!(d.meta.inner_format, inner, "{name}");
    }
}

#[test]
fn plain_text_keeps_file_lines() {
    for name in [
        "sonus-networks-2006q4-ex99.1.txt",
        "southern-co-q4-2004-ex9901.txt",
    ] {
        let raw = std::fs::read_to_string(format!("{CORPUS}/{name}")).unwrap();
        let d = doc_of(name);
        assert_eq!(d.line_count(), raw.lines().count(), "{name}");
        assert_eq!(
            d.line(5),
            raw.lines().nth(4).unwrap().trim_end().replace('\0', "")
        );
    }
    // PDF text: flattened one-figure-per-line columns are not aligned tables; the tables
    // rebuilt from them give every figure its row's label.
    for t in &doc_of("pfizer-q2-2023-ex991-pdftext.md").tables {
        for r in &t.rows[t.header_rows..] {
            assert!(!r.cells[0].text.trim().is_empty(), "{t:#?}");
        }
    }
}

#[test]
fn apple_html_statement_table() {
    let d = doc_of("apple-q1-fy2011-ex991.htm");
    let t = d
        .tables
        .iter()
        .find(|t| {
            t.rows[..t.header_rows].iter().any(|r| {
                r.cells
                    .iter()
                    .any(|c| c.text.contains("Three Months Ended"))
            })
        })
        .expect("a table headed Three Months Ended");
    assert!(t.caption.as_deref().unwrap_or("").contains("in millions"));
    // Parenthesized negatives are one cell, "$" joins its number.
    let negs = d
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter()))
        .filter(|c| {
            let s = c.text.as_str();
            s.starts_with('(')
                && s.ends_with(')')
                && s[1..s.len() - 1].replace(',', "").parse::<u64>().is_ok()
        })
        .count();
    assert!(negs >= 5, "{negs} negative cells");
    let net_sales = t
        .rows
        .iter()
        .find(|r| r.cells[0].text == "Net sales")
        .unwrap();
    let vals: Vec<&str> = net_sales.cells[1..]
        .iter()
        .map(|c| c.text.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(vals, ["$26,741", "$15,683"]);
    // Headings: the release title is a level-1 heading.
    let title = d
        .blocks
        .iter()
        .find(|b| {
            matches!(b.kind, BlockKind::Heading { .. }) && d.block_text(b).contains("Apple Reports")
        })
        .unwrap();
    assert_eq!(title.kind, BlockKind::Heading { level: 1 });
}

#[test]
fn html_paragraphs_are_single_lines_and_entities_decoded() {
    let d = doc_of("alnylam-2023-roche-partnership-ex991.htm");
    assert!(
        d.text.contains('’') || d.text.contains('“'),
        "cp1252 references decoded"
    );
    let long = d.lines().filter(|(_, _, l)| l.len() > 300).count();
    assert!(long >= 3, "paragraphs are one line each");
    assert!(!d.text.contains("Akamai") && !d.text.contains("function("));
}

#[test]
fn submissions_pick_the_release() {
    let d = doc_of("southern-co-q4-2004-8k-multifiler-submission.txt");
    let sec = d.meta.sec.as_ref().unwrap();
    assert!(sec.companies.len() >= 5, "{:?}", sec.companies);
    assert!(sec.companies.iter().any(|c| c.contains("SOUTHERN CO")));
    assert_eq!(sec.form_type.as_deref(), Some("8-K"));
    assert!(d.meta.picked.as_deref().unwrap().starts_with("EX-99.01"));
    assert_eq!(d.meta.documents.len(), 7);

    let d = doc_of("pericom-q1-fy2006-8k-submission.txt");
    assert!(d.meta.picked.as_deref().unwrap().starts_with("EX-99.1 "));
    assert!(d.tables.len() >= 3);
    let t = &d.tables[0];
    assert!(t.header_rows >= 2);
    assert!(t.caption.as_deref().unwrap_or("").contains("thousands"));
    let rev = t
        .rows
        .iter()
        .find(|r| r.cells[0].text == "Net revenues")
        .unwrap();
    assert_eq!(rev.cells.len(), 4);
    assert!(rev.cells[1].text.ends_with("22,473"));
    assert!(!d.text.contains("<S>") && !d.text.contains("<TABLE>"));

    let d = doc_of("amazon-q4-1998-8k-submission.txt");
    assert_eq!(
        d.meta.sec.as_ref().unwrap().filed.as_deref(),
        Some("1999-01-27")
    );
    assert_eq!(
        d.meta.sec.as_ref().unwrap().period.as_deref(),
        Some("1999-01-26")
    );
    assert_eq!(
        d.meta.documents.len(),
        2,
        "prose mentioning <DOCUMENT> is not a document"
    );
    assert!(!d.tables.is_empty());

    let d = doc_of("abvc-2024-restatement-8k-submission.txt");
    assert!(d.meta.picked.as_deref().unwrap().starts_with("EX-99.1"));
    assert_eq!(d.meta.inner_format, Some(Format::Html));

    // Release inline in the 8-K: the main document is picked.
    let d = doc_of("horizon-financial-q2-fy2009-bank-8k-submission.txt");
    assert!(d.meta.picked.as_deref().unwrap().starts_with("8-K"));
    assert!(d.tables.len() >= 5);
}

#[test]
fn lee2014_time_is_the_filing_date() {
    let d = doc_of("agilent-2006-item402-restatement-8k-lee2014.txt");
    assert_eq!(d.meta.filed.as_deref(), Some("2006-01-17"));
    assert!(!d.text.contains("FILE:") && !d.text.contains("TIME:"));
    assert!(d.text.contains("ITEM: Non-Reliance"));
    let d = doc_of("alcoa-q2-2007-results-8k-lee2014.txt");
    assert_eq!(d.meta.filed.as_deref(), Some("2007-07-09"));
}

#[test]
fn json_round_trip_gives_the_same_release() {
    for name in [
        "sonus-networks-2006q4-ex99.1.txt",
        "apple-q1-fy2011-ex991.htm",
        "pericom-q1-fy2006-8k-submission.txt",
    ] {
        let bytes = std::fs::read(format!("{CORPUS}/{name}")).unwrap();
        let r = irview::load_bytes(&bytes, name).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        let mut back = irview::load_bytes(json.as_bytes(), name).unwrap();
        back.file = r.file.clone();
        assert_eq!(back, r, "{name}");
        assert_eq!(back.document.line_count(), r.document.line_count());
    }
}

fn ingest_text(bytes: &[u8]) -> Result<Document, irview::Error> {
    ingest::ingest(bytes, "input").map(|i| match i {
        Ingested::Document(d) => *d,
        Ingested::Release(r) => r.document,
    })
}

#[test]
fn encodings_and_line_ends() {
    let want = "Revenue rose 5% — to $79 million.";
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(want.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in want.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    for b in [utf8_bom, le, be] {
        assert_eq!(ingest_text(&b).unwrap().text, want);
    }
    let cp1252 = b"Apple\x92s \x93record\x94 quarter \x97 up 5%";
    assert_eq!(
        ingest_text(cp1252).unwrap().text,
        "Apple’s “record” quarter — up 5%"
    );
    let d = ingest_text(b"one\r\ntwo\rthree\n\tfour\x00\x07\x1b[31mred\x1b[0m\x1b]0;pwned\x07\n")
        .unwrap();
    assert_eq!(d.text, "one\ntwo\nthree\n        fourred");
}

#[test]
fn bad_inputs_are_refused_clearly() {
    for (bytes, why) in [
        (&b""[..], "empty"),
        (&b"  \n\t\r\n "[..], "empty"),
        (&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"[..], "binary"),
        (
            &b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0"[..],
            "binary",
        ),
    ] {
        let e = ingest_text(bytes).unwrap_err().to_string();
        assert!(e.contains(why), "{e}");
    }
    let graphic = b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>GRAPHIC\n<TEXT>\nbegin 644 a.jpg\nM\n</TEXT>\n</DOCUMENT>\n";
    let e = ingest_text(graphic).unwrap_err().to_string();
    assert!(
        e.contains("no press release (EX-99) or main document found"),
        "{e}"
    );
}

#[test]
fn hostile_inputs_never_panic() {
    // A 2 MB single line, deep nesting, and pseudo-random bytes in every wrapper.
    let long = "word ".repeat(400_000);
    let d = ingest_text(long.as_bytes()).unwrap();
    assert_eq!(d.line_count(), 1);
    let deep = "<div>".repeat(10_000) + "text" + &"<table><tr><td>".repeat(5_000);
    assert!(ingest_text(deep.as_bytes()).unwrap().text.contains("text"));
    let mut seed = 0x2545F4914F6CDD1Du64;
    for round in 0..200 {
        let mut bytes = match round % 5 {
            0 => b"<html><body><table><tr><td>".to_vec(),
            1 => b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n".to_vec(),
            2 => b"# Title\n\n| a | b |\n|---|---|\n".to_vec(),
            3 => b"<DOCUMENT>\nFILE:x\nTIME:2006\nTEXT:\n".to_vec(),
            _ => b"Revenue     $ 1,000    $ 2,000\n".to_vec(),
        };
        for _ in 0..(round * 7 % 600) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let alphabet = b"<>/$()%,.0123456789 \n\t\r-|#*&;abcTDRSC\xe2\x80\x94\xc3";
            bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        if let Ok(d) = ingest_text(&bytes) {
            check_offsets(&d, &format!("round {round}"));
        }
    }
}

/// Seconds this thread has run on a CPU (Linux schedstat), or wall time elsewhere.
fn cpu_secs() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| {
            START
                .get_or_init(std::time::Instant::now)
                .elapsed()
                .as_secs_f64()
        })
}

/// Throughput in a release build: `cargo test --release --test ingest -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let mut all = Vec::new();
    for p in corpus_files() {
        all.extend(std::fs::read(&p).unwrap());
        all.push(b'\n');
    }
    let biggest = corpus_files()
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap();
    let big = std::fs::read(&biggest).unwrap();
    let text: Vec<u8> =
        std::fs::read(format!("{CORPUS}/sonus-networks-2006q4-ex99.1.txt")).unwrap();
    let mut five_mb = Vec::new();
    while five_mb.len() < 5 << 20 {
        five_mb.extend_from_slice(&text);
    }
    let mut html5 = Vec::new();
    let h = std::fs::read(format!("{CORPUS}/apple-q1-fy2011-ex991.htm")).unwrap();
    while html5.len() < 5 << 20 {
        html5.extend_from_slice(&h);
    }
    let fifty_mb = five_mb.repeat(10);
    for (what, bytes) in [
        ("50 MB text".to_string(), &fifty_mb),
        (
            biggest.file_name().unwrap().to_string_lossy().to_string(),
            &big,
        ),
        ("5 MB text".to_string(), &five_mb),
        ("5 MB html".to_string(), &html5),
    ] {
        // CPU time of this thread (the machine is shared; wall time would measure the others).
        let t = cpu_secs();
        let d = ingest_text(bytes).unwrap();
        let s = cpu_secs() - t;
        let t2 = cpu_secs();
        let _ = irview::load_bytes(bytes, "x").unwrap();
        let s2 = cpu_secs() - t2;
        let mb = bytes.len() as f64 / 1e6;
        println!(
            "{what}: {mb:.1} MB, ingest {:.0} MB/s, ingest+extract {:.0} MB/s ({} lines)",
            mb / s,
            mb / s2,
            d.line_count()
        );
    }
}

/// The cells of row `label` (first cell) of a table, as text with whitespace joined.
fn row_texts(d: &Document, t: usize, label: &str) -> Vec<String> {
    let r = d.tables[t]
        .rows
        .iter()
        .find(|r| r.cells.first().is_some_and(|c| c.text == label))
        .unwrap_or_else(|| panic!("no row {label:?}"));
    r.cells
        .iter()
        .map(|c| {
            assert_eq!(&d.text[c.start..c.end], c.text);
            c.text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// The text of table `t`'s header rows, column by column.
fn heads(d: &Document, t: usize) -> Vec<String> {
    let tab = &d.tables[t];
    tab.rows[..tab.header_rows]
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

#[test]
fn pdf_sales_table_rebuilt_from_one_cell_per_line() {
    let d = doc_of("johnson-johnson-q1-2023-ex991-pdftext.md");
    let t = d
        .tables
        .iter()
        .position(|t| t.rows.iter().any(|r| r.cells[0].text == "Worldwide"))
        .expect("the supplementary sales table");
    let tab = &d.tables[t];
    // 18 value rows under a group row, 5 columns (2023, 2022, three percent changes).
    assert_eq!(tab.rows.len() - tab.header_rows, 19);
    assert_eq!(tab.rows[tab.header_rows].cells.len(), 6);
    assert_eq!(
        heads(&d, t),
        [
            "|FIRST QUARTER|Percent Change",
            "|2023|2022|Total|Operations|Currency"
        ]
    );
    assert_eq!(
        row_texts(&d, t, "Worldwide"),
        ["Worldwide", "24,746", "23,426", "5.6", "9.0", "(3.4)"]
    );
    // A segment's subtotal follows its indented parts: its own figure, not its first part's.
    assert_eq!(
        row_texts(&d, t, "Consumer Health"),
        ["Consumer Health", "3,852", "3,586", "7.4", "11.3", "(3.9)"]
    );
    assert_eq!(
        tab.caption.as_deref(),
        Some("(Unaudited; Dollars in Millions)")
    );
}

#[test]
fn pdf_tables_heads_follow_the_prose_not_the_block_order() {
    // The heads read 2023 then 2022; the blocks come 2022 first, and the prose quotes 2023's.
    let d = doc_of("amcor-q4-fy2023-ex991-pdftext.md");
    let t = d
        .tables
        .iter()
        .position(|t| t.rows.iter().any(|r| r.cells[0].text == "Net income"))
        .expect("the key financials table");
    assert_eq!(d.tables[t].rows.len() - d.tables[t].header_rows, 4);
    assert_eq!(
        heads(&d, t),
        [
            "|Twelve Months Ended June 30,",
            "|2022 $ million|2023 $ million"
        ]
    );
    assert_eq!(
        row_texts(&d, t, "Net sales"),
        ["Net sales", "14,544", "14,694"]
    );
    assert_eq!(
        row_texts(&d, t, "Net income"),
        ["Net income", "805", "1,048"]
    );

    // Heads between the blocks, one a block; a head seen again starts the next group.
    let d = doc_of("pfizer-q2-2023-ex991-pdftext.md");
    let t = d
        .tables
        .iter()
        .position(|t| {
            t.rows
                .iter()
                .any(|r| r.cells[0].text == "Transaction costs(c)")
        })
        .expect("the restructuring table");
    assert_eq!(
        heads(&d, t),
        ["|Second-Quarter|Six Months", "|2023|2022|2023|2022"]
    );
    assert_eq!(
        row_texts(&d, t, "Restructuring charges/(credits)"),
        ["Restructuring charges/(credits)", "138", "147", "94", "191"]
    );

    let d = doc_of("costco-q1-fy2023-ex991-pdftext.md");
    let t = d
        .tables
        .iter()
        .position(|t| t.rows.iter().any(|r| r.cells[0].text == "Total Company"))
        .expect("the comparable sales table");
    assert_eq!(d.tables[t].rows.len() - d.tables[t].header_rows, 5);
    assert_eq!(
        row_texts(&d, t, "Total Company"),
        ["Total Company", "6.6%", "7.1%"]
    );
}

#[test]
fn pdf_tables_that_do_not_fit_stay_text() {
    // Costco's statement of income mixes a row-wise block into the columns: no table of it.
    let d = doc_of("costco-q1-fy2023-ex991-pdftext.md");
    assert!(
        !d.tables
            .iter()
            .any(|t| t.rows.iter().any(|r| r.cells[0].text == "Membership fees")),
        "{:#?}",
        d.tables
    );
}

/// An exhibit filed as pictures of its pages has no text to read: `file.picked` says so, and the
/// 8-K's own items (here an appointment under Item 5.02) are what the release shows.
#[test]
fn a_release_filed_as_pictures_says_so() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/filings/jpmorgan-2026-8k-picture-release-submission.txt");
    let bytes = std::fs::read(&path).unwrap();
    let Ingested::Document(d) = ingest::ingest(&bytes, "jpmorgan.txt").unwrap() else {
        panic!("read as JSON");
    };
    let picked = d.meta.picked.as_deref().unwrap_or_default();
    assert!(picked.starts_with("EX-99.1 "), "{picked}");
    assert!(
        picked.ends_with("it has no text, only pictures of its 2 pages"),
        "{picked}"
    );
    assert!(d.text.contains("Item 5.02"), "the 8-K's items are shown");
    // The listing comes from the 8-K's cover (its Section 12(b) table), cells a run of spaces
    // apart once the HTML is text; so does a cover that is the release itself.
    let r = irview::load_path(&path).unwrap();
    assert_eq!(r.company.ticker.as_deref(), Some("JPM"));
    assert_eq!(r.company.exchange.as_deref(), Some("NYSE"));
    let nvidia = path.with_file_name("nvidia-2026-8k-no-release-submission.txt");
    let r = irview::load_path(&nvidia).unwrap();
    assert_eq!(r.company.ticker.as_deref(), Some("NVDA"));
    assert_eq!(r.company.exchange.as_deref(), Some("Nasdaq"));
    // An 8-K with no release is about its first item, dated by its cover's "Date of Report
    // (Date of earliest event reported): March 2, 2026" (filed on the 6th); not titled by the
    // cover's boilerplate ("THE SECURITIES EXCHANGE ACT OF 1934").
    let title = r.title.as_deref().unwrap_or_default();
    assert!(
        title.starts_with("Item 5.02. Departure of Directors"),
        "{title}"
    );
    assert_eq!(r.date.as_deref(), Some("2026-03-02"));
}
