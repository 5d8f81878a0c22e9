//! Bytes → Document: detect the format by content, decode, clean, and lay out blocks.

mod cells;
pub mod clean;
pub mod html;
pub mod json;
pub mod layout;
pub mod markdown;
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

/// Decode, detect and ingest.
pub fn ingest(bytes: &[u8], name: &str) -> Result<Ingested, Error> {
    ingest_decoded(&clean::decode(bytes, name)?, name)
}

/// Detect and ingest text already decoded by [`clean::decode`] or [`clean::decode_owned`].
pub fn ingest_decoded(text: &str, name: &str) -> Result<Ingested, Error> {
    match detect(text, name) {
        Format::Json => json::ingest(text, name).map(|r| Ingested::Release(Box::new(r))),
        Format::Submission => sgml::ingest(text, name).map(|d| Ingested::Document(Box::new(d))),
        Format::Html => html::ingest(text, name).map(|d| Ingested::Document(Box::new(d))),
        Format::Markdown => markdown::ingest(text, name).map(|d| Ingested::Document(Box::new(d))),
        Format::Text => text::ingest(text, name).map(|d| Ingested::Document(Box::new(d))),
    }
}
