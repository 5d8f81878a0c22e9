//! Ingest + extract throughput: every corpus file, the largest one, a ~5 MB document, and
//! 1/2/4/8 MB documents to show that the cost grows linearly with the input.

mod common;

use common::MB;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn load(bytes: &[u8], name: &str) {
    // Errors are results too (a refused input is still work done); only panics would be bugs.
    let r = irview::load_bytes(black_box(bytes), name);
    black_box(r.ok());
}

fn corpus(c: &mut Criterion) {
    let mut g = c.benchmark_group("ingest_extract/corpus");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for p in common::corpus_files() {
        let name = common::name(&p);
        let bytes = std::fs::read(&p).expect("corpus file is readable");
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(&name), &bytes, |b, bytes| {
            b.iter(|| load(bytes, &name))
        });
    }
    g.finish();
}

fn largest(c: &mut Criterion) {
    let (name, bytes) = common::largest();
    let mut g = c.benchmark_group("ingest_extract/largest");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(&name, |b| b.iter(|| load(&bytes, &name)));
    g.finish();
}

fn big(c: &mut Criterion) {
    let doc = common::text_document(5 * MB);
    let mut g = c.benchmark_group("ingest_extract/5MB");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(doc.len() as u64));
    g.bench_function("text", |b| b.iter(|| load(doc.as_bytes(), "big.txt")));
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("ingest_extract/scaling");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    for mb in [1usize, 2, 4, 8] {
        let doc = common::text_document(mb * MB);
        g.throughput(Throughput::Bytes(doc.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &doc,
            |b, d| b.iter(|| load(d.as_bytes(), "big.txt")),
        );
    }
    g.finish();
}

/// Each dense construct at 10,000 and 40,000: linear when the second takes about 4x the first
/// (the target is within 1.5x of 4x).
fn dense(c: &mut Criterion) {
    let mut g = c.benchmark_group("ingest_extract/dense");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for kind in common::dense::KINDS {
        for n in [10_000usize, 40_000] {
            let doc = common::dense::html(kind, n);
            g.throughput(Throughput::Elements(n as u64));
            g.bench_with_input(BenchmarkId::new(*kind, n), &doc, |b, d| {
                b.iter(|| load(d.as_bytes(), "dense.html"))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, corpus, largest, big, scaling, dense);
criterion_main!(benches);
