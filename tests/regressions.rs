//! Inputs that once made irview panic (found by fuzzing or property tests), kept so a fixed crash
//! stays fixed: each file under tests/regressions/ goes through the whole pipeline.

mod common;
use common::pipeline;
use std::path::PathBuf;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");

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
