//! Who and when: title, company, ticker and exchange, dateline, release date, reporting period.

use crate::document::Document;
use crate::release::{Company, Dateline, Period};

#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub title: Option<String>,
    pub company: Company,
    pub dateline: Dateline,
    pub date: Option<String>,
    pub period: Period,
}

pub fn extract(doc: &Document) -> Identity {
    let mut id = Identity::default();
    id.period = super::period::release_period(doc, id.date.as_deref());
    id
}
