//! The whole pipeline as a user drives it: bytes -> load_bytes (detection, ingest, extraction)
//! -> panes -> search -> Markdown export -> JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The file name hints the format; the first input byte picks one so every hint is fuzzed.
const NAMES: [&str; 5] = ["x.txt", "x.htm", "x.md", "x.json", "-"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let Ok(r) = irview::load_bytes(bytes, name) else {
        return;
    };
    let panes = irview::pane::build_panes(&r);
    // A phrase taken from the input itself, so searches that match are fuzzed too.
    let phrase: String = r.document.text.chars().skip(7).take(9).collect();
    for q in [
        irview::search::Query::phrase("revenue"),
        irview::search::Query::phrase(&phrase),
    ] {
        if let Ok(re) = q.compile() {
            let _ = irview::search::search_all(&panes, &r.document.text, &re);
        }
    }
    let refs: Vec<&irview::pane::Pane> = panes.iter().collect();
    let _ = irview::export::markdown(&r, &refs);
    let _ = serde_json::to_string(&r);
});
