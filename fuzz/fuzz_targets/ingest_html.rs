//! Fuzz the html ingester directly (whatever format detection would say), then extraction.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = irview::ingest::clean::decode(data, "x.htm") else {
        return;
    };
    if let Ok(doc) = irview::ingest::html::ingest(&text, "x.htm") {
        let r = irview::extract::extract(doc);
        let _ = irview::pane::build_panes(&r);
    }
});
