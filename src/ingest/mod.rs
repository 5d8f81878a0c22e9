//! Bytes → Document: detect the format by content, decode, clean, and lay out blocks.

mod cells;
mod checked;
pub mod clean;
pub mod html;
pub mod json;
pub mod layout;
pub mod markdown;
mod reflow;
pub mod releases;
pub mod sgml;
pub mod text;

use crate::document::{Document, Format};
use crate::error::Error;
use crate::release::Release;
use std::io::Read;
use std::path::Path;

/// Inputs larger than this are refused: no release is anywhere near it, and reading it
/// would only exhaust memory.
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

pub enum Ingested {
    Document(Box<Document>),
    /// irview's own JSON: the Release as it was written.
    Release(Box<Release>),
}

/// Read a file (or stdin for `-`) with a size cap.
pub fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_INPUT + 1)
            .read_to_end(&mut buf)
            .map_err(io)?;
    } else {
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            return Err(Error::input(
                &path.to_string_lossy(),
                "is a directory, not a release file",
            ));
        }
        // Room for the whole file at once: through `take`, `read_to_end` has no size hint and
        // grows the buffer by doubling, copying it each time.
        buf.reserve(meta.len().min(MAX_INPUT) as usize + 1);
        std::fs::File::open(path)
            .map_err(io)?
            .take(MAX_INPUT + 1)
            .read_to_end(&mut buf)
            .map_err(io)?;
    }
    if buf.len() as u64 > MAX_INPUT {
        return Err(Error::input(
            &path.to_string_lossy(),
            format!(
                "larger than {} MB, not a release",
                MAX_INPUT / (1024 * 1024)
            ),
        ));
    }
    Ok(buf)
}

/// Detect the format of `bytes` by content (the name's extension is only a tie-breaker).
pub fn detect(text: &str, name: &str) -> Format {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(4096)
        .collect();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with('{') {
        return Format::Json;
    }
    if lower.contains("<sec-document>")
        || lower.contains("<sec-header>")
        || lower.contains("<ims-document>")
        || lower.starts_with("-----begin privacy-enhanced message-----")
        || (lower.contains("<document>") && lower.contains("<type>"))
        || lower.starts_with("<document>")
    {
        return Format::Submission;
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    // Markdown may hold HTML blocks; a `.md` name with Markdown content decides it.
    if matches!(ext.as_str(), "md" | "markdown") && markdown::looks_like_markdown(text) {
        return Format::Markdown;
    }
    if lower.contains("<html")
        || lower.contains("<!doctype html")
        || lower.contains("<body")
        || lower.contains("<p>")
        || lower.contains("<p ")
        || lower.contains("<div")
        || lower.contains("<table") && !lower.contains("<s>") && !lower.contains("<c>")
        || lower.contains("<br>")
        || lower.contains("<font")
    {
        return Format::Html;
    }
    if matches!(ext.as_str(), "htm" | "html") && lower.contains('<') {
        return Format::Html;
    }
    if markdown::looks_like_markdown(text) {
        return Format::Markdown;
    }
    Format::Text
}

/// Which release of a file to open: the default pick, the document at a 1-based position, or
/// the document of an exhibit type (`--document N|TYPE`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Choice {
    #[default]
    Default,
    Number(usize),
    Type(String),
}

impl std::str::FromStr for Choice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err("expected a document number or an exhibit type like EX-99.2".into());
        }
        if s.bytes().all(|b| b.is_ascii_digit()) {
            // 0 is taken too: the file's own error then lists its releases.
            return s
                .parse::<usize>()
                .map(Choice::Number)
                .map_err(|_| format!("{s} is not a document number"));
        }
        Ok(Choice::Type(s.to_string()))
    }
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Choice::Default => f.write_str("the default release"),
            Choice::Number(n) => write!(f, "document {n}"),
            Choice::Type(t) => write!(f, "document {t}"),
        }
    }
}

/// Decode, detect and ingest.
pub fn ingest(bytes: &[u8], name: &str) -> Result<Ingested, Error> {
    ingest_decoded(&clean::decode(bytes, name)?, name)
}

/// [`ingest`] of the release `choice` names.
pub fn ingest_with(bytes: &[u8], name: &str, choice: &Choice) -> Result<Ingested, Error> {
    ingest_decoded_with(&clean::decode(bytes, name)?, name, choice)
}

/// Detect and ingest text already decoded by [`clean::decode`] or [`clean::decode_owned`].
pub fn ingest_decoded(text: &str, name: &str) -> Result<Ingested, Error> {
    ingest_decoded_with(text, name, &Choice::Default)
}

/// [`ingest_decoded`] of the release `choice` names. A file that is not a filing of several
/// documents holds one release, document 1.
pub fn ingest_decoded_with(text: &str, name: &str, choice: &Choice) -> Result<Ingested, Error> {
    let doc = match detect(text, name) {
        Format::Json => {
            if *choice != Choice::Default {
                return Err(Error::document(
                    name,
                    "is irview JSON of one release; open the original filing with --document",
                ));
            }
            return json::ingest(text, name).map(|r| Ingested::Release(Box::new(r)));
        }
        Format::Submission => return sgml::ingest_with(text, name, choice).map(Ingested::from),
        Format::Html => html::ingest(text, name)?,
        Format::Markdown => markdown::ingest(text, name)?,
        Format::Text => text::ingest(text, name)?,
    };
    single(doc, name, choice).map(Ingested::from)
}

impl From<Document> for Ingested {
    fn from(d: Document) -> Self {
        Ingested::Document(Box::new(d))
    }
}

/// A file that is one release: it lists itself as document 1 (typed by an "Exhibit 99.1" line
/// at its head, else `release`), and no other document can be chosen.
fn single(mut doc: Document, name: &str, choice: &Choice) -> Result<Document, Error> {
    let doc_type = doc
        .lines()
        .take(12)
        .find_map(|(_, _, l)| releases::exhibit_marker(l))
        .unwrap_or_else(|| "release".into());
    let title = releases::headline(&doc);
    let ok = match choice {
        Choice::Default | Choice::Number(1) => true,
        Choice::Number(_) => false,
        Choice::Type(t) => {
            releases::normalize_type(t) == releases::normalize_type(&doc_type)
                || t.eq_ignore_ascii_case("release")
        }
    };
    let entry = crate::document::ReleaseRef {
        document: 1,
        doc_type,
        title,
    };
    if !ok {
        return Err(Error::document(
            name,
            format!(
                "no {choice} here: the file is one release, {}",
                sgml::describe_releases(std::slice::from_ref(&entry))
            ),
        ));
    }
    doc.meta.releases = vec![entry];
    Ok(doc)
}
