//! The cautionary list of the forward-looking statements paragraph, one factor a row.

use crate::document::Document;
use crate::release::Risk;

/// The risks, and the filing the release refers to for the full list.
pub fn extract(_doc: &Document) -> (Vec<Risk>, Option<String>) {
    (Vec::new(), None)
}
