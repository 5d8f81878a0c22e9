//! Restatements, option-grant reviews, late filings, SEC and exchange matters, as dated events.

use crate::document::Document;
use crate::release::Restatement;

pub fn extract(_doc: &Document) -> Restatement {
    Restatement::default()
}
