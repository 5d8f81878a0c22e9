//! Current against prior period: quarter over quarter, year over year.

use super::identity::Identity;
use crate::document::Document;
use crate::release::{Comparison, Figure};

pub fn extract(_doc: &Document, _id: &Identity, _figures: &[Figure]) -> Vec<Comparison> {
    Vec::new()
}
