//! Frame time of the viewer: one full draw of each pane at 200x60 on a TestBackend, at the top of
//! the pane and at its end (the two must cost about the same: only the visible slice is drawn),
//! for the sample and the 5 MB document; and one search keystroke through `App::step`.
//!
//! The TUI lives in the binary, so its module tree is included here by path.

mod common;

#[allow(dead_code, unused_imports)]
#[path = "../src/tui/mod.rs"]
mod tui;

use common::MB;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::{Terminal, backend::TestBackend};
use std::hint::black_box;
use std::time::Duration;
use tui::{action::Action, app::App};

const W: u16 = 200;
const H: u16 = 60;

fn app(r: irview::Release) -> App {
    let mut app = App::new(r);
    app.step(Action::Resize(W, H));
    app
}

fn frames(c: &mut Criterion) {
    let big = irview::load_bytes(common::text_document(5 * MB).as_bytes(), "big.txt")
        .expect("5 MB text loads");
    let mut g = c.benchmark_group("frame_200x60");
    g.measurement_time(Duration::from_secs(3));
    for (label, r) in [("sample", irview::sample()), ("5MB", big)] {
        let mut app = app(r);
        let mut term = Terminal::new(TestBackend::new(W, H)).expect("test backend");
        for pane in 0..app.panes.len() {
            app.step(Action::GoPane(pane));
            let kind = format!("{:?}", app.kind()).to_lowercase();
            for (at, action) in [("top", Action::Top), ("end", Action::Bottom)] {
                app.step(action);
                g.bench_function(format!("{label}/{kind}/{at}"), |b| {
                    b.iter(|| {
                        term.draw(|f| f.render_widget(black_box(&app), f.area()))
                            .expect("draw on a test backend");
                    })
                });
            }
        }
    }
    g.finish();
}

/// A search keystroke as the viewer takes it: with "revenu" typed, `e` is typed then erased, so
/// each iteration is two keystrokes, each re-searching every pane.
fn keystroke(c: &mut Criterion) {
    let big = irview::load_bytes(common::text_document(5 * MB).as_bytes(), "big.txt")
        .expect("5 MB text loads");
    let mut g = c.benchmark_group("tui_search_two_keystrokes");
    g.measurement_time(Duration::from_secs(3));
    for (label, r) in [("sample", irview::sample()), ("5MB", big)] {
        let mut app = app(r);
        app.step(Action::SearchStart);
        for ch in "revenu".chars() {
            app.step(Action::Input(ch));
        }
        g.bench_function(label, |b| {
            b.iter(|| {
                app.step(Action::Input('e'));
                app.step(Action::InputBackspace);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, frames, keystroke);
criterion_main!(benches);
