//! Document → Release: identity, figures, comparisons, outlook, restatement status, risks.

pub mod comparison;
pub mod correction;
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
pub mod terms;
mod words;

use crate::document::Document;
use crate::release::{FileInfo, Release};

/// Extract everything from a Document.
pub fn extract(doc: Document) -> Release {
    // Two halves on the machine's two cores, of about the same cost: the figures read from the
    // prose (highlights, then comparisons and outlook) here, and beside them the risks with the
    // restatement events (which need the risks), the corrections and the deal terms. The
    // identity comes first since both halves need it (the release's period and date); it is a
    // small part of the whole. Each half also compiles its own patterns, so start-up is shared
    // too.
    let ident = identity::extract(&doc);
    let (highlights, comparisons, outlook, corrections, (risks, risk_reference, mut restatement)) =
        std::thread::scope(|s| {
            let side = s.spawn(|| {
                let (risks, reference) = risks::extract(&doc);
                let restatement = restatement::extract(&doc, &risks);
                // A correction's change and the figure it replaces are no results of a period.
                let corrections = correction::extract(&doc, &ident.period);
                let terms = terms::extract(&doc, ident.date.as_deref());
                ((risks, reference, restatement), corrections, terms)
            });
            // The prose is read once; figures, comparisons and outlook each take their part.
            let mut found = highlights::analyze(&doc, &ident);
            // A panic on the other side is a bug like one here: it carries on up the same way.
            let (side, (corrections, withdrawn), terms) =
                side.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            found.retain(|f| !withdrawn.iter().any(|&(s, e)| f.start < e && s < f.end));
            let mut highlights = highlights::extract(&doc, &ident, &found);
            // A term the lexicon already bound ("a total equity value of $10.9 billion") once.
            let terms: Vec<_> = terms
                .into_iter()
                .filter(|t: &crate::release::Figure| {
                    !highlights
                        .iter()
                        .any(|f| f.metric == t.metric && f.value == t.value && f.period.is_none())
                })
                .collect();
            highlights.extend(terms);
            let comparisons = comparison::extract(&doc, &ident, &found);
            let outlook = outlook::extract(&doc, &ident, &found);
            (highlights, comparisons, outlook, corrections, side)
        });
    restatement.corrections = corrections;
    let (mut highlights, mut comparisons) = (highlights, comparisons);
    settle_basis(&mut highlights, &mut comparisons);
    // The 8-K cover was kept for the listing only: a Release is what its JSON says, read back
    // from the cache or not.
    let mut doc = doc;
    doc.meta.cover = None;
    doc.meta.form_text = None;
    doc.meta.companion_text = None;
    Release {
        file: FileInfo::of(&doc, ""),
        kind: ident.kind,
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

/// A release that states a metric on a non-GAAP basis ("excluding one-time items", "adjusted")
/// states its other figures of that metric as reported: an unmarked one beside a marked one is
/// the GAAP figure, and a reader must be able to tell the two apart.
fn settle_basis(
    highlights: &mut [crate::release::Figure],
    comparisons: &mut [crate::release::Comparison],
) {
    use crate::release::Basis;
    let adjusted: std::collections::HashSet<String> = highlights
        .iter()
        .filter(|f| !f.qualitative && f.basis == Some(Basis::NonGaap))
        .map(|f| f.metric.clone())
        .chain(
            comparisons
                .iter()
                .filter(|c| c.basis == Some(Basis::NonGaap) && c.current.value.is_some())
                .map(|c| c.metric.clone()),
        )
        .collect();
    for f in highlights.iter_mut() {
        if !f.qualitative && f.basis.is_none() && adjusted.contains(&f.metric) {
            f.basis = Some(Basis::Gaap);
        }
    }
    for c in comparisons.iter_mut() {
        if c.current.value.is_some() && c.basis.is_none() && adjusted.contains(&c.metric) {
            c.basis = Some(Basis::Gaap);
        }
    }
}
