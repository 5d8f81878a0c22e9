//! Full EDGAR submissions (`<SEC-DOCUMENT>`, `<DOCUMENT>` blocks) → the press release's Document.
//! (To be completed: SEC header, document list, picking EX-99.1.)

use crate::document::{Document, Format};
use crate::error::Error;

pub fn ingest(text: &str, name: &str) -> Result<Document, Error> {
    let mut d = super::text::ingest(text, name)?;
    d.meta.format = Format::Submission;
    Ok(d)
}
