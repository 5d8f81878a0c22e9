//! Fuzz the markdown ingester directly (whatever format detection would say), then extraction.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = irview::ingest::clean::decode(data, "x.md") else {
        return;
    };
    if let Ok(doc) = irview::ingest::markdown::ingest(&text, "x.md") {
        let r = irview::extract::extract(doc);
        let _ = irview::pane::build_panes(&r);
    }
});
