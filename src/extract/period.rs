//! Periods: "fourth quarter of fiscal 2006", "Q3", "three months ended December 31, 2006", ...
//! resolved against the release's own period and labelled `Q4 FY2006`, `FY2006`.

use crate::document::Document;
use crate::release::Period;

/// The reporting period of the whole release. `date` is the ISO release date, if known.
pub fn release_period(_doc: &Document, _date: Option<&str>) -> Period {
    Period::default()
}
