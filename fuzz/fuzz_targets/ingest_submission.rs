//! Fuzz the submission ingester directly (whatever format detection would say), then extraction.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = irview::ingest::clean::decode(data, "x.txt") else {
        return;
    };
    if let Ok(doc) = irview::ingest::sgml::ingest(&text, "x.txt") {
        let r = irview::extract::extract(doc);
        let _ = irview::pane::build_panes(&r);
    }
});
