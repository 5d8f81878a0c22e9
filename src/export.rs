//! Markdown export of panes (the same writer serves `irview export` and the viewer's `e` key).

use crate::error::Error;
use crate::pane::Pane;
use crate::release::Release;
use std::io::Write;
use std::path::Path;

/// Markdown for the given panes of a release. (To be completed.)
pub fn markdown(r: &Release, panes: &[&Pane]) -> String {
    let mut out = format!(
        "# {}\n\n",
        r.company.name.clone().unwrap_or_else(|| r.stem())
    );
    for p in panes {
        out.push_str(&format!("## {}\n\n", p.title()));
        for row in &p.rows {
            out.push_str(&row.cells.join(" | "));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Write `contents` to `path` atomically: a temporary file in the same directory, then a rename.
/// An existing file is replaced only with `force`; on any error the old file is untouched.
pub fn write_file(path: &Path, contents: &str, force: bool) -> Result<(), Error> {
    let out = |reason: String| Error::Output {
        path: path.to_path_buf(),
        reason,
    };
    if path.is_dir() {
        return Err(out("is a directory".into()));
    }
    if !force && path.exists() {
        return Err(out("already exists (use --force to replace it)".into()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".irview-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| out(e.to_string()))?;
    tmp.write_all(contents.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| out(e.to_string()))?;
    let res = if force {
        tmp.persist(path).map(|_| ())
    } else {
        tmp.persist_noclobber(path).map(|_| ())
    };
    res.map_err(|e| out(e.error.to_string()))
}
