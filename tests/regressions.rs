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

/// The file name hints of the fuzz target `extract`, picked by an input's first byte.
const NAMES: [&str; 5] = ["x.txt", "x.htm", "x.md", "x.json", "-"];

/// An input as the fuzz target named by its file name's prefix (`<target>-<what>.bin`) ran it:
/// an `ingest_*` target calls its ingester whatever detection would say, and `extract` takes
/// the first byte as the name hint. A copied crash must re-crash here until it is fixed.
fn as_its_target(target: &str, bytes: &[u8]) {
    use irview::ingest::{clean, html, markdown, sgml, text};
    let ingester: fn(&str, &str) -> Result<irview::Document, irview::Error> = match target {
        "ingest_text" => text::ingest,
        "ingest_html" => html::ingest,
        "ingest_submission" => sgml::ingest,
        "ingest_markdown" => markdown::ingest,
        "extract" | "no_control" => {
            if let Some((&pick, rest)) = bytes.split_first() {
                pipeline(rest, NAMES[usize::from(pick) % NAMES.len()]);
            }
            return;
        }
        _ => return,
    };
    if let Ok(t) = clean::decode(bytes, "x")
        && let Ok(doc) = ingester(&t, "x")
    {
        let r = irview::extract::extract(doc);
        let _ = irview::pane::build_panes(&r);
    }
}

#[test]
fn every_regression_input_loads_without_panic() {
    let files = inputs();
    assert!(!files.is_empty(), "tests/regressions/ holds the inputs");
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let file = p.file_name().unwrap().to_string_lossy().into_owned();
        let target = file.split('-').next().unwrap_or_default();
        let res = std::panic::catch_unwind(|| as_its_target(target, &bytes));
        assert!(res.is_ok(), "{} panicked as {target} ran it", p.display());
        // And under every name hint, as a user could open it.
        for name in NAMES {
            let res = std::panic::catch_unwind(|| pipeline(&bytes, name));
            assert!(res.is_ok(), "{} panicked (name hint {name})", p.display());
        }
    }
}

/// The dense inputs of the benchmarks (one construct repeated in one paragraph, list or table).
#[path = "../benches/common/dense.rs"]
mod dense;

/// Inputs that once cost the square of their size (a 2.8 MB one-paragraph release did not
/// finish in minutes): each dense construct at 10,000 repetitions is read, and read right. The
/// bound on their cost is the `ingest_extract/dense` benchmark's (10,000 vs 40,000); here a
/// return of the quadratic paths would show as minutes of test time.
#[test]
fn dense_inputs_read_in_full() {
    for kind in dense::KINDS {
        let html = dense::html(kind, 10_000);
        let r = irview::load_bytes(html.as_bytes(), "dense.html")
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        let revenue = r
            .highlights
            .iter()
            .filter(|h| h.metric == "revenue")
            .count();
        match *kind {
            // The figures of a sentence cut for its length are still read, to its end.
            "amounts_one_sentence" | "amounts_sentences" => {
                assert!(revenue > 5_000, "{kind}: {revenue} revenue figures");
            }
            "statement_rows" | "mixed_one_paragraph" => {
                assert!(!r.comparisons.is_empty(), "{kind}: no comparison");
            }
            _ => {}
        }
    }
}
