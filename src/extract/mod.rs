//! Document → Release: identity, figures, comparisons, outlook, restatement status, risks.

pub mod comparison;
pub mod highlights;
pub mod identity;
pub mod lexicon;
pub mod money;
pub mod outlook;
pub(crate) mod pattern;
pub mod period;
pub mod restatement;
pub mod risks;
pub mod sentence;
pub mod table;

use crate::document::Document;
use crate::release::{FileInfo, Release};

/// Extract everything from a Document.
pub fn extract(doc: Document) -> Release {
    let ident = identity::extract(&doc);
    // The prose and tables are read once; figures, comparisons and outlook each take their part.
    let found = highlights::analyze(&doc, &ident);
    let highlights = highlights::extract(&doc, &ident, &found);
    let comparisons = comparison::extract(&doc, &ident, &found);
    let outlook = outlook::extract(&doc, &ident, &found);
    let restatement = restatement::extract(&doc);
    let (risks, risk_reference) = risks::extract(&doc);
    Release {
        file: FileInfo {
            path: String::new(),
            format: doc.meta.format.name().to_string(),
            picked: doc.meta.picked.clone(),
        },
        title: ident.title.clone(),
        company: ident.company.clone(),
        dateline: ident.dateline.clone(),
        date: ident.date.clone(),
        period: ident.period.clone(),
        highlights,
        outlook,
        comparisons,
        restatement,
        risks,
        risk_reference,
        document: doc,
    }
}
