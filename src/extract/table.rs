//! Financial tables: scale notes, column periods, key lines.

use super::identity::Identity;
use crate::document::Document;
use crate::release::Figure;

/// Key lines of the statement tables, current period.
pub fn figures(_doc: &Document, _id: &Identity) -> Vec<Figure> {
    Vec::new()
}

/// Current against earlier columns of the statement tables.
pub fn comparisons(_doc: &Document, _id: &Identity) -> Vec<crate::release::Comparison> {
    Vec::new()
}

/// Target tables (a column for a coming period).
pub fn outlook(_doc: &Document, _id: &Identity) -> Vec<crate::release::Outlook> {
    Vec::new()
}
