//! Building the panes from a Release (done once per opened file, and again for export).

mod common;

use common::MB;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn panes(c: &mut Criterion) {
    let sample = irview::sample();
    let (name, bytes) = common::largest();
    let largest = irview::load_bytes(&bytes, &name).expect("largest corpus file loads");
    let big = irview::load_bytes(common::text_document(5 * MB).as_bytes(), "big.txt")
        .expect("5 MB text loads");

    let mut g = c.benchmark_group("build_panes");
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("sample", |b| {
        b.iter(|| black_box(irview::pane::build_panes(black_box(&sample))))
    });
    g.bench_function(&name, |b| {
        b.iter(|| black_box(irview::pane::build_panes(black_box(&largest))))
    });
    g.sample_size(10);
    g.bench_function("5MB", |b| {
        b.iter(|| black_box(irview::pane::build_panes(black_box(&big))))
    });
    g.finish();
}

criterion_group!(benches, panes);
criterion_main!(benches);
