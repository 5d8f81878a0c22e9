//! irview: turns a company's investor-relations release into a structured, source-linked model.
//!
//! The spine: bytes ──ingest──▶ [`Document`] ──extract──▶ [`Release`] ──panes──▶ [`pane::Pane`]s,
//! which the TUI draws, the exporter writes and search walks. Nothing here knows about terminals.

pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod format;
pub mod ingest;
pub mod pane;
pub mod prefilter;
pub mod release;
pub mod search;

pub use document::{Document, Source};
pub use error::Error;
pub use release::Release;

/// The bundled sample release (Sonus Networks, Q4 FY2006), opened when no file is given.
pub const SAMPLE: &str = include_str!("../assets/sample-release.txt");
/// The name the sample is known by in the UI and in exported file names.
pub const SAMPLE_NAME: &str = "sonus-networks-2006q4-ex99.1.txt";

/// Read and extract a release from a path (`-` is stdin).
pub fn load_path(path: &std::path::Path) -> Result<Release, Error> {
    let bytes = ingest::read_input(path)?;
    load_bytes(&bytes, &path.to_string_lossy())
}

/// Extract a release from bytes; `name` is used for messages and to hint the format.
pub fn load_bytes(bytes: &[u8], name: &str) -> Result<Release, Error> {
    match ingest::ingest(bytes, name)? {
        ingest::Ingested::Document(doc) => {
            let mut r = extract::extract(*doc);
            r.file.path = name.to_string();
            Ok(r)
        }
        ingest::Ingested::Release(mut r) => {
            r.document.reindex();
            r.file.path = name.to_string();
            r.file.format = "json".into();
            Ok(*r)
        }
    }
}

/// The bundled sample, extracted.
pub fn sample() -> Release {
    // The sample is ours and known to be valid text; ingest of text cannot fail on it.
    load_bytes(SAMPLE.as_bytes(), SAMPLE_NAME).unwrap_or_default()
}
