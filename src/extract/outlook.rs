//! Guidance for coming periods.

use super::identity::Identity;
use crate::document::Document;
use crate::release::Outlook;

pub fn extract(_doc: &Document, _id: &Identity) -> Vec<Outlook> {
    Vec::new()
}
