//! Inputs that once made irview panic (found by fuzzing or property tests), kept so a fixed crash
//! stays fixed: each file under tests/regressions/ goes through the whole pipeline.

use irview::search::{Query, search_all};
use std::path::PathBuf;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");

/// Load, build panes, search, export and serialize: every step a user can reach.
fn pipeline(bytes: &[u8], name: &str) {
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

fn inputs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        // Subfolder open/ holds inputs that still crash or hang, waiting for their fix.
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

#[test]
fn every_regression_input_loads_without_panic() {
    let files = inputs();
    assert!(!files.is_empty(), "tests/regressions/ holds the inputs");
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        // Under every name hint, as the fuzz target `extract` tried them.
        for name in ["x.txt", "x.htm", "x.md", "x.json", "-"] {
            let res = std::panic::catch_unwind(|| pipeline(&bytes, name));
            assert!(res.is_ok(), "{} panicked (name hint {name})", p.display());
        }
    }
}
