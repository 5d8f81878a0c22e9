//! Inputs shared by the benchmarks: the corpus files and big documents built in memory from them.
//!
//! Each bench binary includes this module and uses only part of it.
#![allow(dead_code)]

pub mod dense;

use std::path::{Path, PathBuf};

pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

/// Every release file of the corpus, sorted by name (SOURCES.md is the corpus' notes, not a release).
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .expect("tests/corpus is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "SOURCES.md"))
        .collect();
    files.sort();
    files
}

pub fn name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The largest corpus file, with its name.
pub fn largest() -> (String, Vec<u8>) {
    let p = corpus_files()
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .expect("corpus is not empty");
    (
        name(&p),
        std::fs::read(&p).expect("corpus file is readable"),
    )
}

/// The corpus releases that irview detects as plain text, concatenated (blank lines between).
/// Detection is by content, as irview does it, so the rule holds for any corpus.
pub fn text_releases() -> String {
    let mut out = String::new();
    for p in corpus_files() {
        let bytes = std::fs::read(&p).expect("corpus file is readable");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if irview::ingest::detect(text, &name(&p)) == irview::document::Format::Text {
            out.push_str(text.trim_end());
            out.push_str("\n\n\n");
        }
    }
    assert!(!out.is_empty(), "the corpus has plain-text releases");
    out
}

/// A plain-text document of about `bytes` bytes: the text releases repeated, cut at a line end.
pub fn text_document(bytes: usize) -> String {
    let unit = text_releases();
    let mut out = String::with_capacity(bytes + unit.len());
    while out.len() < bytes {
        out.push_str(&unit);
    }
    let cut = out[..bytes].rfind('\n').map(|i| i + 1).unwrap_or(bytes);
    out.truncate(cut);
    out
}

pub const MB: usize = 1024 * 1024;
