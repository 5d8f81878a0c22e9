//! Fuzz the reader of irview's own JSON, then everything that uses the Release it gives: no
//! panic, and (#14) no control character in any output, since a JSON release is untrusted.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = irview::ingest::clean::decode(data, "x.json") else {
        return;
    };
    if let Ok(mut r) = irview::ingest::json::ingest(&text, "x.json") {
        // A JSON release carries its own offsets: they must never be trusted into a panic.
        r.document.reindex();
        let panes = irview::pane::build_panes(&r);
        let refs: Vec<&irview::pane::Pane> = panes.iter().collect();
        let md = irview::export::markdown(&r, &refs);
        if let Ok(re) = irview::search::Query::phrase("revenue").compile() {
            let _ = irview::search::search_all(&panes, &r.document.text, &re);
        }
        common::assert_outputs_clean(&r, &panes, &md);
    }
});
