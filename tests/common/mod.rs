//! Shared by the no-panic test files: the whole pipeline a user can drive.

use irview::search::{Query, search_all};

/// Load, build the panes, search them, export and serialize: every step a user can reach.
pub fn pipeline(bytes: &[u8], name: &str) {
    let Ok(r) = irview::load_bytes(bytes, name) else {
        return;
    };
    let panes = irview::pane::build_panes(&r);
    if let Ok(re) = Query::phrase("revenue").compile() {
        let _ = search_all(&panes, &r.document.text, &re);
    }
    let refs: Vec<&irview::pane::Pane> = panes.iter().collect();
    let _ = irview::export::markdown(&r, &refs);
    let _ = serde_json::to_string(&r);
}
