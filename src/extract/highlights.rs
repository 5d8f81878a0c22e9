//! Reported figures and qualitative statements, from prose and from financial tables.

use super::identity::Identity;
use crate::document::Document;
use crate::release::Figure;

pub fn extract(_doc: &Document, _id: &Identity) -> Vec<Figure> {
    Vec::new()
}
