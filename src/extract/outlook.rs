//! Guidance for coming periods: "expects revenue of $X to $Y for the first quarter", target
//! ranges ("target operating model range of 58 - 62%"), outlook sections and target tables.
//! "We do not provide guidance" yields none: only amounts bound to a metric become outlook.

use super::highlights::{Found, Role};
use super::identity::Identity;
use crate::document::Document;
use crate::release::Outlook;

/// Guidance from the readings of [`highlights::analyze`].
pub(crate) fn extract(doc: &Document, id: &Identity, found: &[Found]) -> Vec<Outlook> {
    let mut out: Vec<Outlook> = Vec::new();
    for f in found {
        if f.role != Role::Guidance {
            continue;
        }
        // "an anticipated unfavorable impact of approximately $0.7 billion on revenues": the
        // effect of one factor on a metric is no guidance for the metric itself.
        // The 90 bytes before the figure (a char boundary at or after start - 90).
        let from = doc.text.ceil_char_boundary(f.start.saturating_sub(90));
        let lead = doc.text.get(from..f.start).unwrap_or("");
        let lead = lead
            .rsplit(['.', ';'])
            .next()
            .unwrap_or(lead)
            .to_ascii_lowercase();
        if lead.contains("impact") || lead.contains("effect") {
            continue;
        }
        let (low, high) = match (f.low, f.high) {
            (Some(l), Some(h)) => (Some(l), Some(h)),
            _ => (f.value, f.value),
        };
        // A change ("a sequential increase in revenues of 18-20%") is labelled as one.
        let label = if f.unit == crate::release::unit::PERCENT
            && super::lexicon::get().unit(f.metric) != Some(crate::release::unit::PERCENT)
        {
            format!("{} (change)", f.label)
        } else {
            f.label.clone()
        };
        let text: String = doc
            .text
            .get(f.start..f.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let o = Outlook {
            metric: f.metric.into(),
            label,
            period: f.period.as_ref().and_then(|p| p.label.clone()),
            low,
            high,
            unit: Some(f.unit.clone()),
            basis: f.basis,
            segment: None,
            text,
            source: doc.source(f.start, f.end),
        };
        if !out.iter().any(|x| {
            x.metric == o.metric && x.period == o.period && x.low == o.low && x.high == o.high
        }) {
            out.push(o);
        }
    }
    out.extend(super::table::outlook(doc, id));
    out
}

#[cfg(test)]
mod tests {
    use crate::release::Value;

    #[test]
    fn sample_target_range() {
        let r = crate::sample();
        let gm = r
            .outlook
            .iter()
            .find(|o| o.metric == "gross_margin")
            .expect("gross margin target");
        assert_eq!(gm.low, Some(Value::from_i64(58)));
        assert_eq!(gm.high, Some(Value::from_i64(62)));
        assert_eq!(gm.unit.as_deref(), Some("percent"));
        assert_eq!(&r.document.text[gm.source.start..gm.source.end], "58 - 62%");
        // Figures of the past are no guidance.
        assert!(!r.outlook.iter().any(|o| o.metric == "revenue"));
    }
}
