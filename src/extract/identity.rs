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

pub fn extract(_doc: &Document) -> Identity {
    Identity::default()
}
