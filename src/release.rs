//! The model of a release: what an investor reads it for, every item linked to its source.
//!
//! This is the JSON contract of `irview json` (field names are relied on by users' scripts:
//! add fields freely, never rename). A `Release` also carries its `Document`, so the JSON
//! round-trips: `irview json x.txt > x.json && irview x.json` shows the same release.

use crate::document::{Document, ReleaseRef, Source};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An exact number. Serialized as a JSON integer when whole (79 million → 79000000),
/// else as a JSON float (1.16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Value(pub Decimal);

impl Value {
    pub fn new(d: Decimal) -> Self {
        Value(d.normalize())
    }
    pub fn from_i64(n: i64) -> Self {
        Value(Decimal::from(n))
    }
    pub fn is_negative(&self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
    pub fn to_f64(&self) -> f64 {
        self.0.to_f64().unwrap_or(0.0)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.scale() == 0
            && let Some(i) = d.to_i64()
        {
            return s.serialize_i64(i);
        }
        // serde_json prints the shortest float that round-trips, so 1.16 stays 1.16.
        s.serialize_f64(d.to_f64().unwrap_or(0.0))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = serde_json::Number::deserialize(d)?;
        let text = n.to_string();
        let dec = text
            .parse::<Decimal>()
            .ok()
            .or_else(|| Decimal::from_scientific(&text).ok())
            .or_else(|| n.as_f64().and_then(Decimal::from_f64))
            .ok_or_else(|| serde::de::Error::custom(format!("number out of range: {text}")))?;
        Ok(Value::new(dec))
    }
}

/// Units as strings so new ones ("EUR", "shares") need no code change.
pub mod unit {
    pub const USD: &str = "USD";
    pub const USD_PER_SHARE: &str = "USD/share";
    pub const PERCENT: &str = "percent";
    pub const SHARES: &str = "shares";
    /// An exchange ratio: shares of the buyer for each share of the target.
    pub const SHARES_PER_SHARE: &str = "shares/share";
    pub const COUNT: &str = "count";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Flat,
}

impl Direction {
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Up => "▲",
            Direction::Down => "▼",
            // Not "▶": that is the viewer's selection mark.
            Direction::Flat => "◆",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Flat => "flat",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Gaap,
    NonGaap,
}

impl Basis {
    pub fn name(self) -> &'static str {
        match self {
            Basis::Gaap => "GAAP",
            Basis::NonGaap => "non-GAAP",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonKind {
    Qoq,
    Yoy,
    Fy,
}

impl ComparisonKind {
    pub fn name(self) -> &'static str {
        match self {
            ComparisonKind::Qoq => "QoQ",
            ComparisonKind::Yoy => "YoY",
            ComparisonKind::Fy => "FY",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventState {
    Completed,
    InProgress,
    Expected,
}

impl EventState {
    pub fn name(self) -> &'static str {
        match self {
            EventState::Completed => "completed",
            EventState::InProgress => "in progress",
            EventState::Expected => "expected",
        }
    }
}

/// Where a figure was read: running text or a financial table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    #[default]
    Prose,
    Table,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Company {
    pub name: Option<String>,
    pub ticker: Option<String>,
    pub exchange: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Dateline {
    pub city: Option<String>,
    /// The dateline as written, e.g. "WESTFORD, Mass., Feb. 28 /PRNewswire-FirstCall/".
    pub text: Option<String>,
}

/// The reporting period of the release (or of a figure): `Q4 FY2006`, `FY2006`, `H1 FY2007`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Period {
    pub label: Option<String>,
    pub fiscal_year: Option<i32>,
    pub quarter: Option<u8>,
    /// ISO date the period ends, where the release says it.
    pub end_date: Option<String>,
}

/// A reported figure or a qualitative statement about one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Figure {
    /// Canonical metric name from the lexicon (`revenue`, `eps_diluted`, ...).
    pub metric: String,
    /// The metric as the release names it ("Revenues", "Diluted EPS").
    pub label: String,
    pub period: Option<String>,
    /// The value in units (USD, not millions). None for a qualitative statement or a range.
    pub value: Option<Value>,
    /// Range bounds ("58 - 62%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<Value>,
    pub unit: Option<String>,
    pub basis: Option<Basis>,
    pub direction: Option<Direction>,
    /// The magnitude word as written ("modestly", "meaningfully").
    pub magnitude: Option<String>,
    /// For a qualitative statement: the period it is compared with ("Q3 FY2006", "FY2005").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_period: Option<String>,
    /// True for a qualitative statement (direction and magnitude, no number).
    #[serde(default)]
    pub qualitative: bool,
    #[serde(default)]
    pub origin: Origin,
    /// The segment, region or product line the figure is of; None for the company as a whole.
    #[serde(default)]
    pub segment: Option<String>,
    /// The figure as written ("$79 million") or, for a statement, the statement.
    pub text: String,
    pub source: Source,
    /// Where else the release states the same figure (a table cell repeating a headline figure).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Source>,
    /// For a term that is a date (a dividend's record or payment date): the ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Guidance for a coming period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Outlook {
    pub metric: String,
    #[serde(default)]
    pub label: String,
    pub period: Option<String>,
    pub low: Option<Value>,
    pub high: Option<Value>,
    pub unit: Option<String>,
    #[serde(default)]
    pub basis: Option<Basis>,
    /// The segment the guidance is for (a subsidiary, a segment); None for the company.
    #[serde(default)]
    pub segment: Option<String>,
    pub text: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Point {
    pub period: Option<String>,
    pub value: Option<Value>,
}

/// Current against prior: quarter over quarter, year over year, or fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub metric: String,
    #[serde(default)]
    pub label: String,
    pub kind: ComparisonKind,
    pub current: Point,
    pub prior: Point,
    pub change: Option<Value>,
    /// Percent change, e.g. 5.3 for +5.3%.
    pub change_pct: Option<Value>,
    pub direction: Option<Direction>,
    pub magnitude: Option<String>,
    /// True when a value was computed rather than read (the prior of "increased by $47M to $361M").
    pub derived: bool,
    pub unit: Option<String>,
    #[serde(default)]
    pub basis: Option<Basis>,
    /// The segment compared; None for the company as a whole.
    #[serde(default)]
    pub segment: Option<String>,
    pub text: String,
    pub source: Source,
}

/// A restatement, review, late filing, regulator or exchange matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// `restatement`, `option_review`, `late_filing`, `sec_inquiry`, `exchange_notice`,
    /// `investigation`, `material_weakness`, `legal`.
    pub kind: String,
    pub text: String,
    pub state: EventState,
    /// ISO date or month (`2006-08`) where given.
    pub date: Option<String>,
    /// Who acts: "Company", "Audit Committee", "SEC", "Nasdaq", ...
    pub actor: Option<String>,
    /// The filing concerned: "Form 10-K", "Form 12b-25", ...
    pub filing: Option<String>,
    pub source: Source,
}

/// One matter (the restatement, the option review, the late filing of a report, the SEC inquiry,
/// an exchange notice, one agency's investigation, a legal matter) with its one current state,
/// decided from its events in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matter {
    /// The kind of matter, one of the event kinds (an investigation of option grants is the
    /// `option_review`).
    pub kind: String,
    /// What the matter is about when a release can have several of its kind: the late report
    /// ("Form 10-K"), the agency ("DOJ"), the listing requirement ("bid price").
    #[serde(default)]
    pub subject: Option<String>,
    /// The kind's name with its subject: "late filing (Form 10-K)".
    #[serde(default)]
    pub label: String,
    pub state: EventState,
    /// The date of the event that put the matter in its current state, where given.
    pub since: Option<String>,
    /// Indices into `Restatement::events`, in time order.
    pub events: Vec<usize>,
    /// "SEC inquiry in progress since 2006-08."
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restatement {
    /// `none` when nothing is mentioned; else `completed`, `in_progress` or `expected`
    /// (the least finished of the matters).
    pub status: String,
    pub summary: String,
    pub events: Vec<Event>,
    /// The events grouped into matters, each with one current state.
    #[serde(default)]
    pub matters: Vec<Matter>,
    /// The figures a correction changes: by how much, as reported and as corrected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// One figure a restatement or correction changes ("increases net income by $20 million, or
/// $0.04 per diluted share"; "restated from $113.5 million to $101.2 million").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Correction {
    /// The canonical metric when the lexicon knows it; None for a line item it does not
    /// ("provision for income taxes"): `label` always says what was corrected.
    pub metric: Option<String>,
    pub label: String,
    pub period: Option<String>,
    /// The amount of the correction, signed (a decrease is negative).
    pub change: Option<Value>,
    pub as_reported: Option<Value>,
    pub as_corrected: Option<Value>,
    pub unit: Option<String>,
    pub text: String,
    pub source: Source,
}

impl Default for Restatement {
    fn default() -> Self {
        Restatement {
            status: "none".into(),
            summary: "No restatement, review, late filing or regulatory matter mentioned.".into(),
            events: Vec::new(),
            matters: Vec::new(),
            corrections: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub text: String,
    pub source: Source,
}

/// Where the release came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FileInfo {
    /// File name as given (or "-" for stdin, "sample" for the bundled release).
    pub path: String,
    pub format: String,
    /// For a submission: the document picked as the release, and why.
    pub picked: Option<String>,
    /// Every press release of the file (`{document, type, title}`): several for a filing that
    /// holds several, one for a file that is a release. `--document` opens another one.
    #[serde(default)]
    pub releases: Vec<ReleaseRef>,
}

impl FileInfo {
    /// What a Document says about its file, under the name `path`.
    pub fn of(doc: &Document, path: &str) -> FileInfo {
        FileInfo {
            path: path.to_string(),
            format: doc.meta.format.name().to_string(),
            picked: doc.meta.picked.clone(),
            releases: if doc.meta.releases.is_empty() {
                // A Document not made by ingest (a test's, an old JSON's): it is one release.
                vec![ReleaseRef {
                    document: 1,
                    doc_type: "release".into(),
                    title: None,
                }]
            } else {
                doc.meta.releases.clone()
            },
        }
    }
}

/// What a release is for: a company's results, or an event (a deal, a dividend, a notice, an
/// appointment, a correction), which has no reporting period of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Earnings,
    Event,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Earnings => "earnings",
            Kind::Event => "event",
        }
    }
}

/// A release, extracted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Release {
    pub file: FileInfo,
    /// `earnings` or `event`.
    #[serde(default)]
    pub kind: Kind,
    pub title: Option<String>,
    pub company: Company,
    pub dateline: Dateline,
    /// ISO release date.
    pub date: Option<String>,
    pub period: Period,
    pub highlights: Vec<Figure>,
    pub outlook: Vec<Outlook>,
    pub comparisons: Vec<Comparison>,
    pub restatement: Restatement,
    pub risks: Vec<Risk>,
    /// The filing the release refers to for the full list of risks.
    pub risk_reference: Option<String>,
    pub document: Document,
}

impl Release {
    /// A short name for files written from this release ("sonus-networks-2006q4-ex99.1").
    pub fn stem(&self) -> String {
        let p = std::path::Path::new(&self.file.path);
        p.file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| !s.is_empty() && *s != "-")
            .unwrap_or("release")
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_serializes_whole_numbers_as_integers() {
        let v = Value::new(Decimal::new(79_000_000, 0));
        assert_eq!(serde_json::to_string(&v).unwrap(), "79000000");
        let v = Value::new(Decimal::new(116, 2));
        assert_eq!(serde_json::to_string(&v).unwrap(), "1.16");
        let back: Value = serde_json::from_str("1.16").unwrap();
        assert_eq!(back, v);
        let neg: Value = serde_json::from_str("-3412000").unwrap();
        assert!(neg.is_negative());
    }
}
