//! Which files the PATH arguments of a many-release command name: files as given, directories
//! walked recursively (hidden entries and files that are plainly not releases passed over).
//!
//! `irview search` and the library of releases walk the same way, so a folder means the same
//! releases to both.

use std::path::{Path, PathBuf};

/// One file to open: named on the command line (errors about it always count) or found by
/// walking a directory (files that are plainly not releases are passed over quietly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub explicit: bool,
}

/// Extensions of files that are never releases (images, archives, binaries, office files,
/// code and style sheets): skipped when walking a directory, never when named explicitly.
const SKIP_EXT: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "ico", "tif", "tiff", "webp", "svg", "heic", "zip", "gz",
    "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "jar", "pdf", "exe", "dll", "so", "dylib", "o",
    "a", "class", "wasm", "bin", "xls", "xlsx", "doc", "docx", "ppt", "pptx", "odt", "mp3", "mp4",
    "mov", "avi", "wav", "flac", "woff", "woff2", "ttf", "otf", "eot", "xsd", "xml", "css", "js",
    "db", "sqlite", "parquet", "pyc",
];

fn is_hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0 && e.file_name().to_str().is_some_and(|s| s.starts_with('.'))
}

/// Expand one PATH argument into files, in file-name order. A path that is not a directory is
/// taken as a file (one that does not exist fails when it is opened, saying why); an entry that
/// cannot be read while walking goes to `unreadable` with the path and the reason.
pub fn walk(p: &Path, inputs: &mut Vec<Input>, mut unreadable: impl FnMut(PathBuf, String)) {
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => {}
        _ => {
            inputs.push(Input {
                path: p.to_path_buf(),
                explicit: true,
            });
            return;
        }
    }
    let walker = walkdir::WalkDir::new(p)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let skip = e
                    .path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| SKIP_EXT.contains(&x.to_ascii_lowercase().as_str()));
                if !skip {
                    inputs.push(Input {
                        path: e.into_path(),
                        explicit: false,
                    });
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(p).to_path_buf();
                let reason = e
                    .io_error()
                    .map(crate::error::io_reason)
                    .unwrap_or_else(|| crate::text::one_line(&e.to_string()));
                unreadable(path, reason);
            }
        }
    }
}

/// Found by walking: empty files, binaries, and JSON that is not an irview release (package
/// manifests, data files) are not releases, and saying so for each would only be noise.
pub fn plainly_not_a_release(path: &Path, bytes: &[u8]) -> bool {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return true;
    }
    // UTF-16 text is full of NULs: only a file without a byte-order mark can be a binary.
    if encoding_rs::Encoding::for_bom(bytes).is_none() && crate::ingest::clean::looks_binary(bytes)
    {
        return true;
    }
    let is_json = path
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("json"));
    if is_json {
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        // Every irview JSON release is an object with a "document" field.
        return first != Some(&b'{') || memchr::memmem::find(bytes, b"\"document\"").is_none();
    }
    false
}
