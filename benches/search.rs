//! One incremental-search keystroke: the phrase grows by a letter, the query is compiled again
//! and every pane is searched again (what the viewer does while the user types).

mod common;

use common::MB;
use criterion::{Criterion, criterion_group, criterion_main};
use irview::search::{Query, SearchIndex};
use std::hint::black_box;
use std::time::Duration;

/// The keystroke: "revenu" becomes "revenue" (a word every release has, so the matches are many).
const TYPED: &str = "revenue";

fn keystroke(c: &mut Criterion) {
    let sample = irview::sample();
    let big = irview::load_bytes(common::text_document(5 * MB).as_bytes(), "big.txt")
        .expect("5 MB text loads");
    let mut g = c.benchmark_group("search_keystroke");
    g.measurement_time(Duration::from_secs(3));
    for (label, r) in [("sample", &sample), ("5MB", &big)] {
        let panes = irview::pane::build_panes(r);
        // Made once per release, as the viewer does.
        let index = SearchIndex::new(&panes);
        let text = &r.document.text;
        g.bench_function(label, |b| {
            b.iter(|| {
                let re = Query::phrase(black_box(TYPED))
                    .compile()
                    .expect("a phrase compiles");
                black_box(index.search_all(&panes, text, &re).len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
