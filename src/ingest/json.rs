//! irview's own JSON (the output of `irview json`), read back as a Release.

use crate::error::Error;
use crate::release::Release;

pub fn ingest(text: &str, name: &str) -> Result<Release, Error> {
    let mut r: Release = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Error::input(name, format!("not an irview JSON release: {e}")))?;
    r.document.reindex();
    Ok(r)
}
