//! The property of #14 on any input: whatever the bytes (any format, irview's own JSON too), no
//! output irview makes of them holds a control character. The first byte picks the file-name
//! hint, as in `extract`; then load, panes, search, Markdown and JSON, each output checked.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = ["x.txt", "x.htm", "x.md", "x.json", "-"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let Ok(r) = irview::load_bytes(bytes, NAMES[usize::from(pick) % NAMES.len()]) else {
        return;
    };
    let panes = irview::pane::build_panes(&r);
    if let Ok(re) = irview::search::Query::phrase("revenue").compile() {
        let _ = irview::search::search_all(&panes, &r.document.text, &re);
    }
    let refs: Vec<&irview::pane::Pane> = panes.iter().collect();
    let md = irview::export::markdown(&r, &refs);
    common::assert_outputs_clean(&r, &panes, &md);
});
