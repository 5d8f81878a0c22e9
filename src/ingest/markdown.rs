//! Markdown releases, parsed with pulldown-cmark. (To be completed.)

use crate::document::{Document, Format};
use crate::error::Error;

/// Markdown: headings with `#`, or GFM tables, near the top.
pub fn looks_like_markdown(text: &str) -> bool {
    text.lines().take(200).any(|l| {
        l.starts_with("# ")
            || l.starts_with("## ")
            || l.trim_start().starts_with("|---")
            || l.trim_start().starts_with("| ---")
    })
}

pub fn ingest(text: &str, name: &str) -> Result<Document, Error> {
    let mut d = super::text::ingest(text, name)?;
    d.meta.format = Format::Markdown;
    Ok(d)
}
