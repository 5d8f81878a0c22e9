//! EDGAR submissions → the press release's Document.
//!
//! Handles full submissions (`<SEC-DOCUMENT>`/`<SEC-HEADER>`, `<IMS-DOCUMENT>`, the old PEM
//! wrapper), a single `<DOCUMENT>` wrapper in front of an exhibit, and Lee-2014 flattened 8-Ks
//! (`<DOCUMENT>` then `FILE:`/`TIME:`/`EVENTS:`/`TEXT:` lines). The SEC header fills
//! [`SecHeader`]; every `<DOCUMENT>` is listed; every press release among them (each exhibit
//! block of a flattened 8-K) is listed in `releases`, and the one [`releases::pick`] prefers (or
//! the one `--document` names) is ingested as HTML or text.

use super::Choice;
use super::releases::{self, Candidate};
use crate::document::{DocMeta, Document, Format, ReleaseRef, SecHeader, SubDocument};
use crate::error::Error;
use crate::ingest::clean;

pub fn ingest(text: &str, name: &str) -> Result<Document, Error> {
    ingest_with(text, name, &Choice::Default)
}

/// [`ingest`] of the release `choice` names; an unknown number or type is an error that lists
/// the file's releases.
pub fn ingest_with(text: &str, name: &str, choice: &Choice) -> Result<Document, Error> {
    if let Some(flat) = lee2014(text) {
        return flat.open(name, choice);
    }
    let sec = header(text);
    let docs = documents(text);
    let build = |body: &str| body_document(body, DocMeta::default());
    let chosen = choose(&docs, name, choice, &build)?;
    let companion_text = companions(&docs, &chosen, &build);
    let d = &docs[chosen.index];
    let meta = DocMeta {
        format: Format::Submission,
        inner_format: Some(body_format(d.body)),
        sec,
        documents: docs.iter().map(|d| d.info.clone()).collect(),
        picked: Some(picked_line(&docs, &chosen, None)),
        releases: chosen.releases,
        filed: None,
        cover: None,
        form_text: None,
        companion_text,
    };
    let mut release = chosen.doc;
    let mut meta = meta;
    // An exhibit filed as pictures of its pages (an <IMG> per page, no text): say so, since what
    // shows is then only the 8-K's own items, not the release the line names.
    if release.text.trim().is_empty()
        && let Some(p) = meta.picked.as_mut()
    {
        let pictures = d.body.matches("<IMG").count() + d.body.matches("<img").count();
        p.push_str(&match pictures {
            0 => "; it has no text".to_string(),
            1 => "; it has no text, only a picture of its page".to_string(),
            n => format!("; it has no text, only pictures of its {n} pages"),
        });
    }
    release.meta = meta;
    // When the release is an exhibit, the 8-K's own items can carry what the release leaves out:
    // an Item 4.02 non-reliance, an Item 3.01 listing notice, an Item 8.01 investigation.
    if d.info.doc_type.starts_with("EX-")
        && let Some(main) = docs
            .iter()
            .find(|x| !x.info.doc_type.starts_with("EX-") && (!unusable(x) || inline_xbrl_html(x)))
    {
        let form = main.info.doc_type.clone();
        let main_doc = body_document(main.body, DocMeta::default());
        release.meta.cover = cover(&main_doc.text);
        release.meta.form_text = Some(main_doc.text.clone());
        return Ok(append_items(release, &main_doc, &form));
    }
    Ok(release)
}

/// The text of the filing's other press-release exhibits (EX-99s beside the one opened), up to a
/// bound: the tables filed with a release that say what its prose leaves unsaid.
fn companions(
    docs: &[Doc<'_>],
    chosen: &Chosen,
    build: &dyn Fn(&str) -> Document,
) -> Option<String> {
    const MAX: usize = 1 << 20;
    let mut out = String::new();
    for (i, d) in docs.iter().enumerate() {
        let t = releases::normalize_type(&d.info.doc_type);
        if i == chosen.index || !t.starts_with("EX-99") || unusable(d) || d.body.len() > MAX {
            continue;
        }
        if out.len() + d.body.len() > MAX {
            break;
        }
        // Built already when it was a candidate release; built here only when it was not.
        match chosen.others.iter().find(|(k, _)| *k == i) {
            Some((_, doc)) => out.push_str(&doc.text),
            None => out.push_str(&build(d.body).text),
        }
        out.push('\n');
    }
    (!out.is_empty()).then_some(out)
}

/// The 8-K cover's Section 12(b) table, from its "Trading Symbol(s)" header on: a few rows of
/// text (one class of security a row), kept for the release's listing.
fn cover(text: &str) -> Option<String> {
    let at = text.to_ascii_lowercase().find("trading symbol")?;
    let mut end = (at + 1500).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some(text[at..end].to_string())
}

/// The document opened, its text (meta not yet set), why, and every release of the file.
struct Chosen {
    index: usize,
    doc: Document,
    reason: String,
    releases: Vec<ReleaseRef>,
    /// The other documents built while choosing (by index), so their text is not built again.
    others: Vec<(usize, Document)>,
}

/// "EX-99.2 ex992.htm (document 3 of 5): the results release; EX-99.1 is a dividend notice".
/// `within` names what the documents are parts of, when that is not the file itself.
fn picked_line(docs: &[Doc<'_>], chosen: &Chosen, within: Option<&str>) -> String {
    let Some(d) = docs.get(chosen.index) else {
        return chosen.reason.clone();
    };
    let what = match &d.info.filename {
        Some(f) => format!("{} {}", d.info.doc_type, f),
        None => d.info.doc_type.clone(),
    };
    let within = within.map(|w| format!(", {w}")).unwrap_or_default();
    if docs.len() > 1 {
        format!(
            "{what} (document {} of {}{within}): {}",
            chosen.index + 1,
            docs.len(),
            chosen.reason
        )
    } else {
        format!("{what}: {}", chosen.reason)
    }
}

/// The press-release documents of a full EDGAR submission (what `is_release` takes), each with
/// what its header says and its `<TEXT>` body as filed: what `irview fetch` writes out.
pub fn release_documents(text: &str) -> Vec<(SubDocument, &str)> {
    documents(text)
        .into_iter()
        .filter(is_release)
        .map(|d| (d.info, d.body))
        .collect()
}

/// A document that is a press release: any usable EX-99, or another exhibit described as a
/// press or news release (the EX-20 of the 1990s).
fn is_release(d: &Doc<'_>) -> bool {
    if unusable(d) {
        return false;
    }
    let t = d.info.doc_type.replace(' ', "");
    let described = d.info.description.as_deref().is_some_and(|s| {
        let l = s.to_ascii_lowercase();
        ["press release", "news release", "earnings release"]
            .iter()
            .any(|w| l.contains(w))
    });
    t.starts_with("EX-99") || (t.starts_with("EX-") && described)
}

/// The releases of `docs` as `file.releases` lists them, `build` turning a body into its
/// Document; then the one `choice` names (or the default pick).
fn choose(
    docs: &[Doc<'_>],
    name: &str,
    choice: &Choice,
    build: &dyn Fn(&str) -> Document,
) -> Result<Chosen, Error> {
    let mut built: Vec<(usize, Document)> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| is_release(d))
        .map(|(i, d)| (i, build(d.body)))
        .collect();
    if built.is_empty() {
        // No press-release exhibit: the release is inline in the main document, the first one
        // that is not an exhibit.
        // An 8-K in inline XBRL (`<XBRL>` around its HTML) is text for this too: an 8-K with no
        // release at all (an agreement, an appointment) still opens as itself.
        if let Some(i) = docs.iter().position(|d| {
            (!unusable(d) || inline_xbrl_html(d)) && !d.info.doc_type.starts_with("EX-")
        }) {
            built.push((i, build(docs[i].body)));
        }
    }
    let cands: Vec<Candidate> = built
        .iter()
        .map(|(i, d)| Candidate::read(i + 1, &docs[*i].info.doc_type, d))
        .collect();
    let list: Vec<ReleaseRef> = cands
        .iter()
        .map(|c| ReleaseRef {
            document: c.position,
            doc_type: c.doc_type.clone(),
            title: c.title.clone(),
        })
        .collect();
    let default = releases::pick(&cands);
    let not_found = |what: String| {
        let listed = if list.is_empty() {
            "it has no press release".to_string()
        } else {
            format!("its releases: {}", describe_releases(&list))
        };
        Error::document(name, format!("{what}; {listed}"))
    };
    let k = match choice {
        Choice::Default => default
            .ok_or_else(|| Error::input(name, "no press release (EX-99) or main document found"))?,
        Choice::Number(n) => match cands.iter().position(|c| c.position == *n) {
            Some(k) => k,
            None => {
                // Another document of the filing (the 8-K itself): opened as asked, when it is text.
                let i = n.checked_sub(1);
                let doc = i.and_then(|i| docs.get(i));
                let Some((i, d)) = i
                    .zip(doc)
                    .filter(|(_, d)| !unusable(d) || inline_xbrl_html(d))
                else {
                    let why = match doc {
                        Some(d) => format!("document {n} is {}, not text", d.info.doc_type),
                        None => format!("no document {n} (the file has 1 to {})", docs.len()),
                    };
                    return Err(not_found(why));
                };
                let reason = format!(
                    "chosen with --document {n}, not a press release{}",
                    default_note(&cands, default)
                );
                return Ok(Chosen {
                    index: i,
                    doc: build(d.body),
                    reason,
                    releases: list,
                    others: built,
                });
            }
        },
        Choice::Type(t) => {
            let want = releases::normalize_type(t);
            let by_type = cands
                .iter()
                .position(|c| releases::normalize_type(&c.doc_type) == want);
            // A document typed EX-99 but described "EXHIBIT 99.1" answers to EX-99.1 too.
            let by_description = || {
                cands.iter().position(|c| {
                    docs.get(c.position - 1)
                        .and_then(|d| d.info.description.as_deref())
                        .and_then(releases::described_type)
                        .is_some_and(|d| d == want)
                })
            };
            by_type
                .or_else(by_description)
                .ok_or_else(|| not_found(format!("no release of type {t}")))?
        }
    };
    let reason = match choice {
        Choice::Default => releases::reason(&cands, k),
        _ if Some(k) == default => {
            format!("chosen with --document, {}", releases::reason(&cands, k))
        }
        _ => format!(
            "chosen with --document, {}{}",
            cands[k].kind.phrase(),
            default_note(&cands, default)
        ),
    };
    let (index, doc) = built.swap_remove(k);
    Ok(Chosen {
        index,
        doc,
        reason,
        others: built,
        releases: list,
    })
}

/// "; the default is EX-99.2 (a results release)".
fn default_note(cands: &[Candidate], default: Option<usize>) -> String {
    default
        .and_then(|d| cands.get(d))
        .map(|c| {
            format!(
                "; the default is {} (document {}, {})",
                c.doc_type,
                c.position,
                c.kind.phrase()
            )
        })
        .unwrap_or_default()
}

/// The releases in one line: `2 EX-99.1 "Alcoa Revises …", 3 EX-99.2 "Robert Wilt …"`.
pub fn describe_releases(list: &[ReleaseRef]) -> String {
    list.iter()
        .map(|r| match &r.title {
            Some(t) => format!("{} {} \"{}\"", r.document, r.doc_type, short(t)),
            None => format!("{} {}", r.document, r.doc_type),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn short(t: &str) -> String {
    let mut out = String::new();
    for w in t.split_whitespace() {
        if out.len() + w.len() > 60 {
            out.push_str(" …");
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A main document in inline XBRL: `<XBRL>` around an HTML 8-K.
fn inline_xbrl_html(d: &Doc<'_>) -> bool {
    let head: String = d
        .body
        .trim_start()
        .chars()
        .take(2000)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<xbrl") && head.contains("<html")
}

fn body_document(body: &str, meta: DocMeta) -> Document {
    match body_format(body) {
        Format::Html => super::html::build(body, meta),
        _ => super::text::build(body, meta, true),
    }
}

/// Append the substantive items of the 8-K (not 2.02, 7.01 or 9.01, which only point at the
/// exhibits) after the release, under a "Form 8-K" heading, so their events have a source.
fn append_items(release: Document, main: &Document, form: &str) -> Document {
    const POINTERS: [&str; 3] = ["2.02", "7.01", "9.01"];
    let mut sections: Vec<Vec<String>> = Vec::new();
    let mut keep = false;
    // Paragraphs are runs of non-blank lines (one line each in HTML, wrapped lines in text).
    for para in main.text.split("\n\n") {
        let text = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            continue;
        }
        if let Some(n) = crate::text::form_item_number(&text) {
            keep = !POINTERS.contains(&n);
            if keep {
                sections.push(vec![text]);
            }
            continue;
        }
        if text.to_ascii_uppercase().starts_with("SIGNATURE") {
            keep = false;
        }
        if keep && let Some(s) = sections.last_mut() {
            s.push(text);
        }
    }
    sections.retain(|s| s.iter().skip(1).map(String::len).sum::<usize>() > 80);
    if sections.is_empty() {
        return release;
    }
    let mut b = crate::document::DocumentBuilder::extend(release);
    b.push_line("");
    b.push_block(
        crate::document::BlockKind::Heading { level: 2 },
        &[&format!("Form {form}: items")],
    );
    for s in sections {
        for (i, para) in s.iter().enumerate() {
            b.push_line("");
            let kind = if i == 0 {
                crate::document::BlockKind::Heading { level: 3 }
            } else {
                crate::document::BlockKind::Paragraph
            };
            b.push_block(kind, &[para.as_str()]);
        }
    }
    b.finish()
}

struct Doc<'a> {
    info: SubDocument,
    body: &'a str,
}

/// Byte offset of `pat` (ASCII, lowercase) in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &str, pat: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let p = pat.as_bytes();
    let first = *p.first()?;
    let mut i = from;
    while i + p.len() <= h.len() {
        let rest = h.get(i..)?;
        let off = rest.iter().position(|&b| b.to_ascii_lowercase() == first)?;
        i += off;
        if h.get(i..i + p.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(p))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Like [`find_ci`], but only where the tag starts a line (prose can mention `<DOCUMENT>`).
fn find_line_ci(hay: &str, pat: &str, mut from: usize) -> Option<usize> {
    loop {
        let i = find_ci(hay, pat, from)?;
        let line_start = hay.as_bytes().get(..i).map_or(0, |b| {
            b.iter()
                .rposition(|&c| c == b'\n' || c == b'\r')
                .map_or(0, |p| p + 1)
        });
        if hay
            .get(line_start..i)
            .is_some_and(|pre| pre.trim().is_empty())
        {
            return Some(i);
        }
        from = i + 1;
    }
}

/// The value after `<TAG>` on its line, inside `block`.
/// The value after `tag` on its line, cleaned as the text is (a header is as untrusted as the
/// body: its values reach the JSON, the export's metadata line and the viewer's title bar).
fn tag_value(block: &str, tag: &str) -> Option<String> {
    let i = find_ci(block, tag, 0)?;
    let rest = block.get(i + tag.len()..)?;
    let line = clean::clean_line(rest.split(['\n', '\r']).next().unwrap_or(""));
    let v = line.trim();
    (!v.is_empty()).then(|| v.to_string())
}

fn documents(text: &str) -> Vec<Doc<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(s) = find_line_ci(text, "<document>", pos) {
        let start = s + "<document>".len();
        let end = find_line_ci(text, "</document>", start).unwrap_or(text.len());
        let block = text.get(start..end).unwrap_or("");
        let (head, body) = match find_line_ci(block, "<text>", 0) {
            Some(t) => {
                let b0 = t + "<text>".len();
                let b1 = find_line_ci(block, "</text>", b0).unwrap_or(block.len());
                (
                    block.get(..t).unwrap_or(""),
                    block.get(b0..b1).unwrap_or(""),
                )
            }
            None => ("", block),
        };
        out.push(Doc {
            info: SubDocument {
                doc_type: tag_value(head, "<type>")
                    .unwrap_or_else(|| "UNKNOWN".into())
                    .to_ascii_uppercase(),
                sequence: tag_value(head, "<sequence>"),
                filename: tag_value(head, "<filename>"),
                description: tag_value(head, "<description>"),
                size: body.len(),
            },
            body,
        });
        pos = end.max(start);
        if pos >= text.len() {
            break;
        }
    }
    out
}

/// Bodies that are not a release: uuencoded files, XBRL, PDF.
fn unusable(d: &Doc<'_>) -> bool {
    let t = d.info.doc_type.replace(' ', "");
    let bad_type = [
        "GRAPHIC", "ZIP", "EX-101", "XML", "JSON", "PDF", "EXCEL", "XBRL",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    let head: String = d.body.trim_start().chars().take(64).collect();
    let lower = head.to_ascii_lowercase();
    bad_type
        || d.body.trim().is_empty()
        || lower.starts_with("begin 6")
        || lower.starts_with("<xbrl")
        || lower.starts_with("<pdf")
        || lower.starts_with("<xml")
        || lower.starts_with("<?xml")
        || lower.starts_with("{")
}

fn body_format(body: &str) -> Format {
    let head: String = body
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    let html = [
        "<html", "<body", "<div", "<p>", "<p ", "<font", "<br>", "<br/", "<td", "<span",
    ]
    .iter()
    .any(|m| head.contains(m));
    if html { Format::Html } else { Format::Text }
}

/// `YYYYMMDD` (optionally followed by a time) → `YYYY-MM-DD`.
fn iso_date(v: &str) -> Option<String> {
    let d: String = v.trim().chars().take(8).collect();
    if d.len() != 8 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, dd) = (&d[0..4], &d[4..6], &d[6..8]);
    let mi: u32 = m.parse().ok()?;
    let di: u32 = dd.parse().ok()?;
    ((1..=12).contains(&mi) && (1..=31).contains(&di)).then(|| format!("{y}-{m}-{dd}"))
}

/// `MMDD` → (month, day), when it is a date of some year.
pub fn month_day(v: &str) -> Option<(u32, u32)> {
    let v = v.trim();
    if v.len() != 4 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m: u32 = v.get(0..2)?.parse().ok()?;
    let d: u32 = v.get(2..4)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// What a full submission's `<SEC-HEADER>` says (filer, form type, filing date).
pub fn header(text: &str) -> Option<SecHeader> {
    let start =
        find_line_ci(text, "<sec-header>", 0).or_else(|| find_line_ci(text, "<ims-header>", 0))?;
    let end = find_ci(text, "</sec-header>", start)
        .or_else(|| find_ci(text, "</ims-header>", start))
        .or_else(|| find_ci(text, "<document>", start))
        .unwrap_or(text.len());
    let h = text.get(start..end).unwrap_or("");
    let mut sec = SecHeader::default();
    let mut block = String::new();
    let mut other_names = Vec::new();
    for raw in h.lines() {
        // Cleaned as the text is, tabs expanded: a continuation line still starts with spaces.
        let line = clean::clean_line(raw);
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let key = k.trim().to_ascii_uppercase();
        let v = v.trim();
        if v.is_empty() && !line.starts_with(['\t', ' ']) {
            block = key;
            continue;
        }
        match key.as_str() {
            "COMPANY CONFORMED NAME" => {
                let filer = block == "FILER" || block.is_empty();
                let names = if filer {
                    &mut sec.companies
                } else {
                    &mut other_names
                };
                if !names.iter().any(|n| n == v) {
                    names.push(v.to_string());
                }
            }
            "CENTRAL INDEX KEY" if sec.cik.is_none() && (block == "FILER" || block.is_empty()) => {
                sec.cik = Some(v.to_string())
            }
            "CONFORMED SUBMISSION TYPE" if sec.form_type.is_none() => {
                sec.form_type = Some(v.to_string())
            }
            "FILED AS OF DATE" if sec.filed.is_none() => sec.filed = iso_date(v),
            "CONFORMED PERIOD OF REPORT" if sec.period.is_none() => sec.period = iso_date(v),
            // The first filer's year end (a co-registrant's may differ; the release is the
            // first filer's). Kept only when it is a real month and day.
            "FISCAL YEAR END"
                if sec.fiscal_year_end.is_none()
                    && (block == "FILER" || block.is_empty())
                    && month_day(v).is_some() =>
            {
                sec.fiscal_year_end = Some(v.to_string())
            }
            _ => {}
        }
    }
    if sec.companies.is_empty() {
        sec.companies = other_names;
    }
    Some(sec)
}

/// A Lee-2014 flattened 8-K, its header read: the text after `TEXT:`.
struct Flat<'a> {
    file: String,
    time: Option<String>,
    body: &'a str,
}

/// Lee-2014 flattened 8-K: `<DOCUMENT>` then `FILE:`, `TIME:`, `EVENTS:`, `TEXT:` lines.
fn lee2014(text: &str) -> Option<Flat<'_>> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let rest = t
        .strip_prefix("<DOCUMENT>")
        .or_else(|| t.strip_prefix("<document>"))?;
    let mut lines = rest.trim_start_matches(['\r', '\n']).lines();
    let first = lines.next()?;
    if !first.starts_with("FILE:") {
        return None;
    }
    let mut file = clean::clean_line(first.trim_start_matches("FILE:"))
        .trim()
        .to_string();
    let mut time = None;
    let mut body_start = None;
    // Header lines: up to TEXT:.
    let mut offset = text.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end();
        offset += line.len();
        if let Some(v) = l.strip_prefix("TIME:") {
            time = iso_date(v);
        } else if let Some(v) = l.strip_prefix("FILE:") {
            file = clean::clean_line(v).trim().to_string();
        } else if l.starts_with("TEXT:") {
            body_start = Some(offset);
            break;
        } else if !(l.is_empty() || l.starts_with("EVENTS:") || l.starts_with("<DOCUMENT>")) {
            body_start = Some(offset - line.len());
            break;
        }
    }
    let body_start = body_start.unwrap_or(text.len());
    let mut body = text.get(body_start..).unwrap_or("");
    if let Some(e) = find_ci(body, "</document>", 0) {
        body = body.get(..e).unwrap_or(body);
    }
    Some(Flat { file, time, body })
}

impl Flat<'_> {
    /// The exhibit blocks of the text: an exhibit starts at a line that names it alone
    /// ("Exhibit 99.1") after a blank line. Before the first is the 8-K's own text.
    fn parts(&self) -> Vec<Doc<'_>> {
        let mut cuts: Vec<(usize, String)> = Vec::new();
        let mut offset = 0;
        let mut blank_before = true;
        for line in self.body.split_inclusive('\n') {
            if blank_before && let Some(t) = releases::exhibit_marker(line) {
                cuts.push((offset, t));
            }
            blank_before = line.trim().is_empty();
            offset += line.len();
        }
        let part = |i: usize, doc_type: &str, body| Doc {
            info: SubDocument {
                doc_type: doc_type.to_string(),
                sequence: Some((i + 1).to_string()),
                filename: None,
                description: None,
                size: str::len(body),
            },
            body,
        };
        let mut out = vec![part(0, "8-K", {
            let end = cuts.first().map_or(self.body.len(), |c| c.0);
            self.body.get(..end).unwrap_or("")
        })];
        for (k, (start, t)) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).map_or(self.body.len(), |c| c.0);
            out.push(part(k + 1, t, self.body.get(*start..end).unwrap_or("")));
        }
        out
    }

    /// The release `choice` names. With two exhibits or more, each is a release of its own;
    /// with one or none, the release is the whole text, as the 8-K's items carry what it says.
    fn open(self, name: &str, choice: &Choice) -> Result<Document, Error> {
        let build = |body: &str| super::text::build(body, DocMeta::default(), true);
        let parts = self.parts();
        let exhibits = parts.len() - 1;
        let mut meta = DocMeta {
            format: Format::Submission,
            inner_format: Some(Format::Text),
            filed: self.time.clone(),
            ..DocMeta::default()
        };
        if exhibits < 2 {
            let (doc_type, head) = match parts.get(1) {
                Some(p) => (p.info.doc_type.clone(), build(p.body)),
                None => ("8-K".to_string(), build(self.body)),
            };
            let one = ReleaseRef {
                document: 1,
                title: releases::headline(&head),
                doc_type,
            };
            let ok = match choice {
                Choice::Default | Choice::Number(1) => true,
                Choice::Number(_) => false,
                Choice::Type(t) => {
                    releases::normalize_type(t) == releases::normalize_type(&one.doc_type)
                }
            };
            if !ok {
                return Err(Error::document(
                    name,
                    format!(
                        "no {choice} here: the flattened 8-K is one release, {}",
                        describe_releases(std::slice::from_ref(&one))
                    ),
                ));
            }
            meta.picked = Some(format!("flattened 8-K text {}", self.file));
            meta.releases = vec![one];
            return Ok(build(self.body).with_meta(meta));
        }
        let chosen = choose(&parts, name, choice, &build)?;
        let within = format!("flattened 8-K text {}", self.file);
        meta.picked = Some(picked_line(&parts, &chosen, Some(&within)));
        meta.documents = parts.iter().map(|d| d.info.clone()).collect();
        meta.companion_text = companions(&parts, &chosen, &build);
        meta.releases = chosen.releases;
        // The 8-K's own text before its exhibits, for the registrant's name.
        meta.form_text = parts.first().map(|p| p.body.to_string());
        Ok(chosen.doc.with_meta(meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ex99_numbering_variants() {
        for t in ["EX-99.1", "EX-99.01", "EX-99-1", "EX-99 .1"] {
            assert_eq!(releases::normalize_type(t), "EX-99.1", "{t}");
        }
        for t in ["EX-99", "EX-99.10", "EX-99.2", "EX-10.1"] {
            assert_ne!(releases::normalize_type(t), "EX-99.1", "{t}");
        }
        assert_eq!(iso_date("20060117165343").as_deref(), Some("2006-01-17"));
        assert_eq!(iso_date("2006"), None);
    }

    #[test]
    fn picks_release_and_refuses_graphics_only() {
        let s = "<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\nFILED AS OF DATE:\t\t20050803\nFILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\tACME CORP\n\t\tCENTRAL INDEX KEY:\t0000000001\n</SEC-HEADER>\n\
<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nForm 8-K body\n</TEXT>\n</DOCUMENT>\n\
<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>2\n<FILENAME>logo.jpg\n<TEXT>\nbegin 644 logo.jpg\nM_]C_\nend\n</TEXT>\n</DOCUMENT>\n\
<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>3\n<FILENAME>ex991.txt\n<TEXT>\nACME REPORTS RESULTS\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n";
        let d = ingest(s, "x").unwrap();
        assert_eq!(d.meta.documents.len(), 3);
        assert_eq!(
            d.meta.picked.as_deref(),
            Some("EX-99.1 ex991.txt (document 3 of 3): the only release")
        );
        let sec = d.meta.sec.as_ref().unwrap();
        assert_eq!(sec.companies, ["ACME CORP"]);
        assert_eq!(sec.filed.as_deref(), Some("2005-08-03"));
        assert!(d.text.contains("ACME REPORTS RESULTS"));
        let g = "<DOCUMENT>\n<TYPE>GRAPHIC\n<TEXT>\nbegin 644 x.jpg\nM\n</TEXT>\n</DOCUMENT>\n";
        let e = ingest(g, "g").unwrap_err().to_string();
        assert!(e.contains("no press release"), "{e}");
    }
}
