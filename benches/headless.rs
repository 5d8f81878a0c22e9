//! Whole-process timings of the release binary: `irview json` on the bundled sample, and
//! `irview search` over a folder of many releases next to `grep -r -i -F -c` on the same files.
//! (benches/measure.sh takes the same figures with hyperfine; this keeps them under `cargo bench`.)

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const IRVIEW: &str = env!("CARGO_BIN_EXE_irview");
/// How many copies of the corpus the search folder holds.
const COPIES: usize = 8;
const PHRASE: &str = "net income";

/// Run a command to completion with its output discarded; warn once if it failed to start or
/// exited with an error (exit 1 is "no match" for both irview search and grep).
fn run(cmd: &mut Command) {
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the command starts");
    if status.code().is_none_or(|c| c > 1) {
        eprintln!("warning: {cmd:?} exited with {status}");
    }
}

fn folder(dir: &Path) {
    for i in 0..COPIES {
        let sub = dir.join(format!("copy{i:02}"));
        std::fs::create_dir_all(&sub).expect("temp dir is writable");
        for p in common::corpus_files() {
            std::fs::copy(&p, sub.join(common::name(&p))).expect("copy into temp dir");
        }
    }
}

fn headless(c: &mut Criterion) {
    let mut g = c.benchmark_group("process");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    // (The bundled sample is never cached.)
    g.bench_function("irview_json_sample", |b| {
        b.iter(|| run(Command::new(IRVIEW).arg("json")))
    });

    let tmp = tempfile::tempdir().expect("temp dir");
    let releases = tmp.path().join("releases");
    folder(&releases);
    // The cache of extracted releases in the temp dir, never the user's.
    let cache = tmp.path().join("cache");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("irview_search_folder_no_cache", |b| {
        b.iter(|| {
            run(Command::new(IRVIEW)
                .env("XDG_CACHE_HOME", &cache)
                .args(["search", "--no-cache", PHRASE])
                .arg(&releases))
        })
    });
    // Warmed by criterion's warm-up: every file's release is read from the cache.
    g.bench_function("irview_search_folder_warm_cache", |b| {
        b.iter(|| {
            run(Command::new(IRVIEW)
                .env("XDG_CACHE_HOME", &cache)
                .args(["search", PHRASE])
                .arg(&releases))
        })
    });
    g.bench_function("grep_folder", |b| {
        b.iter(|| {
            run(Command::new("grep")
                .args(["-r", "-i", "-F", "-c", PHRASE])
                .arg(&releases))
        })
    });
    g.finish();
}

criterion_group!(benches, headless);
criterion_main!(benches);
