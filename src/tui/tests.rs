//! Sessions driven through `App::step`, drawn on a `TestBackend`: snapshots of what the user sees
//! and assertions on state, styles and files written.

use super::action::Action;
use super::app::{App, Mode};
use irview::Release;
use irview::document::Source;
use irview::release::{
    Comparison, ComparisonKind, Direction, Event, EventState, Figure, Matter, Point, Risk, Value,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

/// The sample, extracted once for all tests (extraction is the slow part of a debug build).
fn sample() -> Release {
    static SAMPLE: std::sync::OnceLock<Release> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(irview::sample).clone()
}

fn sized(r: Release, w: u16, h: u16) -> App {
    let mut app = App::new(r);
    app.color = true;
    app.step(Action::Resize(w, h));
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t
}

fn screen(app: &App) -> String {
    let t = draw(app);
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn status_line(app: &App) -> String {
    screen(app).lines().last().unwrap_or("").to_string()
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        app.step(Action::Input(c));
    }
}

fn span(r: &Release, needle: &str) -> Source {
    let s = r.document.text.find(needle).unwrap();
    r.document.source(s, s + needle.len())
}

fn v(n: i64) -> Option<Value> {
    Some(Value::from_i64(n))
}

/// The sample with hand-made records pointing at its real text, so the list panes, Enter and
/// search have something to work on whatever extraction finds.
fn fixture() -> Release {
    static FIXTURE: std::sync::OnceLock<Release> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(make_fixture).clone()
}

fn make_fixture() -> Release {
    let mut r = sample();
    r.company.name = Some("Sonus Networks, Inc.".into());
    r.company.ticker = Some("SONS".into());
    r.company.exchange = Some("Nasdaq".into());
    r.period.label = Some("Q4 FY2006".into());
    r.date = Some("2007-02-28".into());
    let fig = |r: &Release, label: &str, val: Option<Value>, dir, text: &str| Figure {
        metric: label.to_lowercase(),
        label: label.into(),
        period: Some("Q4 FY2006".into()),
        value: val,
        unit: Some("USD".into()),
        direction: dir,
        text: text.into(),
        source: span(r, text),
        ..Figure::default()
    };
    r.highlights = vec![
        fig(
            &r,
            "Revenues",
            v(79_000_000),
            Some(Direction::Up),
            "$79 million",
        ),
        fig(
            &r,
            "Cash and investments",
            v(361_000_000),
            Some(Direction::Up),
            "$361 million",
        ),
        Figure {
            magnitude: Some("modestly".into()),
            basis_period: Some("Q3 FY2006".into()),
            qualitative: true,
            unit: None,
            ..fig(
                &r,
                "Gross margin",
                None,
                Some(Direction::Down),
                "Fourth quarter gross margins declined modestly",
            )
        },
    ];
    r.comparisons = vec![Comparison {
        metric: "revenue".into(),
        label: "Revenues".into(),
        kind: ComparisonKind::Qoq,
        current: Point {
            period: Some("Q4 FY2006".into()),
            value: v(79_000_000),
        },
        prior: Point {
            period: Some("Q3 FY2006".into()),
            value: v(75_000_000),
        },
        change: v(4_000_000),
        change_pct: Some(Value::new(rust_decimal::Decimal::new(53, 1))),
        direction: Some(Direction::Up),
        magnitude: None,
        derived: false,
        unit: Some("USD".into()),
        basis: None,
        segment: None,
        text: "$79 million compared to\n$75 million".into(),
        source: span(&r, "$79 million compared to\n$75 million"),
    }];
    let ev = |r: &Release, kind: &str, state, date: Option<&str>, text: &str| Event {
        kind: kind.into(),
        text: text.replace('\n', " "),
        state,
        date: date.map(String::from),
        actor: Some("Company".into()),
        filing: None,
        source: span(r, text),
    };
    r.restatement.status = "in_progress".into();
    r.restatement.summary = "Restatement of option grants not yet completed.".into();
    r.restatement.events = vec![
        ev(
            &r,
            "option_review",
            EventState::Completed,
            Some("2006-08"),
            "voluntarily notified the SEC of its internal stock option review",
        ),
        ev(
            &r,
            "restatement",
            EventState::InProgress,
            None,
            "has not yet completed\nits previously announced restatement",
        ),
    ];
    r.restatement.matters = vec![
        Matter {
            kind: "option_review".into(),
            subject: None,
            label: "stock option review".into(),
            state: EventState::Completed,
            since: Some("2006-08".into()),
            events: vec![0],
            summary: "Stock option review completed since 2006-08.".into(),
        },
        Matter {
            kind: "restatement".into(),
            subject: None,
            label: "restatement".into(),
            state: EventState::InProgress,
            since: None,
            events: vec![1],
            summary: "Restatement in progress.".into(),
        },
    ];
    r.risks = [
        "unpredictability of our quarterly financial results",
        "consolidation in the telecommunications industry",
        "risks associated with our international expansion and growth",
    ]
    .iter()
    .map(|t| Risk {
        text: t.to_string(),
        source: span(&r, t),
    })
    .collect();
    r
}

#[test]
fn every_pane_of_the_sample_at_two_sizes() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut app = sized(sample(), w, h);
        for i in 0..5 {
            app.step(Action::GoPane(i));
            let name = format!("sample_{}_{w}x{h}", app.kind().name());
            insta::assert_snapshot!(name, draw(&app).backend());
        }
    }
}

#[test]
fn every_list_pane_with_records_at_two_sizes() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut app = sized(fixture(), w, h);
        for i in 1..5 {
            app.step(Action::GoPane(i));
            let name = format!("records_{}_{w}x{h}", app.kind().name());
            insta::assert_snapshot!(name, draw(&app).backend());
        }
    }
}

#[test]
fn help_overlay_is_generated_from_the_keymap() {
    let mut app = sized(sample(), 120, 40);
    app.step(Action::Help);
    let first = draw(&app);
    let top = screen(&app);
    // Every entry is there, on the first page or a page further down.
    let mut s = String::new();
    for _ in 0..3 {
        s.push_str(&screen(&app));
        app.step(Action::PageDown);
    }
    // A text may wrap inside its column: each of its words is there.
    for b in &app.keymap.bindings {
        for w in b.help.split_whitespace() {
            assert!(s.contains(w), "help lacks {w:?} of {:?}", b.help);
        }
    }
    // At 120x40 two columns show every key at once: nothing to scroll.
    assert!(top.contains("Keys (Esc closes)"), "{top}");
    insta::assert_snapshot!("help_120x40", first.backend());
    // On a short terminal it scrolls, and Esc closes it.
    let mut small = sized(sample(), 60, 20);
    small.step(Action::Help);
    small.step(Action::Bottom);
    insta::assert_snapshot!("help_60x20_bottom", draw(&small).backend());
    small.step(Action::Cancel);
    assert_eq!(small.mode, Mode::Normal);
    assert!(!small.quit);
}

#[test]
fn incremental_search_highlights_and_counts() {
    let mut app = sized(sample(), 120, 40);
    app.step(Action::SearchStart);
    typ(&mut app, "stock");
    let n_stock = app.search.as_ref().unwrap().total();
    typ(&mut app, " option");
    let s = app.search.as_ref().unwrap();
    let n = s.matches[0].len();
    // Narrowing the phrase narrows the matches; the sample says "stock option" several times,
    // once across a line break ("stock\noption" is not in the sample, but "stock option review"
    // on one line and "stock option\npractices" are).
    assert!(n >= 4 && n < n_stock, "{n} of {n_stock}");
    assert_eq!(s.current, Some((0, 0)));
    assert!(status_line(&app).contains(&format!("match 1/{n}")));
    app.step(Action::SearchConfirm);
    app.step(Action::SearchNext);
    app.step(Action::SearchNext);
    assert!(
        status_line(&app).contains(&format!("match 3/{n}")),
        "{}",
        status_line(&app)
    );
    // The current match is painted apart from the others.
    let t = draw(&app);
    let buf = t.backend().buffer();
    let mut current = 0;
    let mut other = 0;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            match buf[(x, y)].bg {
                Color::LightRed => current += 1,
                Color::Yellow => other += 1,
                _ => {}
            }
        }
    }
    assert_eq!(current, "stock option".len(), "current match cells");
    assert!(other >= "stock option".len(), "other match cells: {other}");
    insta::assert_snapshot!("search_stock_option_120x40", t.backend());
    // Esc drops the search; a second Esc does not quit (as in less), it says what does.
    app.step(Action::Cancel);
    assert!(app.search.is_none() && !app.quit);
    app.step(Action::Cancel);
    assert!(!app.quit);
    assert!(
        status_line(&app).contains("q quits"),
        "{}",
        status_line(&app)
    );
}

/// Feed keys through the keymap, as the event loop does.
fn press(app: &mut App, keys: &[(KeyCode, KeyModifiers)]) {
    for &(code, m) in keys {
        if let Some(a) = app.keymap.action_for(&app.mode, &KeyEvent::new(code, m)) {
            app.step(a);
        }
    }
}

fn chars(s: &str) -> Vec<(KeyCode, KeyModifiers)> {
    s.chars()
        .map(|c| (KeyCode::Char(c), KeyModifiers::NONE))
        .collect()
}

#[test]
fn pager_keys_page_and_half_page_as_in_less() {
    let mut app = sized(sample(), 80, 24);
    let page = app.viewport(0);
    press(&mut app, &[(KeyCode::Char('f'), KeyModifiers::CONTROL)]);
    assert_eq!(app.tops[0], page, "Ctrl-f: a page down");
    press(&mut app, &[(KeyCode::Char('b'), KeyModifiers::CONTROL)]);
    assert_eq!(app.tops[0], 0, "Ctrl-b: a page up");
    press(&mut app, &chars("d"));
    assert_eq!(app.tops[0], page / 2, "d: half a page down");
    press(&mut app, &chars("u"));
    assert_eq!(app.tops[0], 0, "u: half a page up");
    // Esc with nothing open keeps the viewer.
    press(&mut app, &[(KeyCode::Esc, KeyModifiers::NONE)]);
    assert!(!app.quit);
    press(&mut app, &chars("q"));
    assert!(app.quit);
}

#[test]
fn a_count_before_a_motion_is_a_count_not_a_pane() {
    let mut app = sized(sample(), 120, 40);
    press(&mut app, &chars("2"));
    assert_eq!(app.pane, 1, "a lone digit still opens its pane at once");
    // A pause (the event loop sends the lapse): the digit was a pane key.
    app.step(Action::CountLapse);
    assert_eq!((app.pane, &app.mode), (1, &Mode::Normal));
    let rows = app.panes[1].rows.len();
    assert!(rows > 6, "the sample has highlights");
    // `5j` in Highlights: five rows down, and still in Highlights (not pane 5).
    press(&mut app, &chars("5j"));
    assert_eq!((app.pane, app.sels[1]), (1, 5));
    press(&mut app, &chars("2k"));
    assert_eq!((app.pane, app.sels[1]), (1, 3));
    // `3G`: the third row; `99999G` stops at the last.
    press(&mut app, &chars("3G"));
    assert_eq!((app.pane, app.sels[1]), (1, 2));
    press(&mut app, &chars("99999G"));
    assert_eq!((app.pane, app.sels[1]), (1, rows - 1));
    // A digit then a non-motion: the pane switch stands, the count is dropped.
    press(&mut app, &chars("4"));
    assert!(matches!(app.mode, Mode::Count { n: 4, .. }));
    assert!(
        status_line(&app).contains("4: j k G g"),
        "{}",
        status_line(&app)
    );
    press(&mut app, &[(KeyCode::Tab, KeyModifiers::NONE)]);
    assert_eq!((app.pane, &app.mode), (4, &Mode::Normal));
    // Digits typed together are one count, and each still flips panes meanwhile: `1` `2` `3`
    // land on pane 3, then a pause leaves the viewer there.
    press(&mut app, &chars("123"));
    assert_eq!(app.pane, 2);
    assert!(matches!(app.mode, Mode::Count { n: 123, origin: 4 }));
    app.step(Action::CountLapse);
    assert_eq!((app.pane, &app.mode), (2, &Mode::Normal));
    // `12j` typed at once from Highlights: twelve rows, on Highlights.
    press(&mut app, &chars("2"));
    app.step(Action::CountLapse);
    press(&mut app, &chars("gg12j"));
    assert_eq!((app.pane, app.sels[1]), (1, 12.min(rows - 1)));
    // Esc drops a count without quitting.
    press(&mut app, &chars("1"));
    press(&mut app, &[(KeyCode::Esc, KeyModifiers::NONE)]);
    assert_eq!((app.pane, &app.mode, app.quit), (0, &Mode::Normal, false));
}

#[test]
fn release_pane_goes_to_a_source_line_and_says_which() {
    let r = sample();
    let total = r.document.line_count();
    let want = r.document.line(50).to_string();
    let mut app = sized(r, 120, 40);
    assert!(
        status_line(&app).contains(&format!("line 1/{total}")),
        "{}",
        status_line(&app)
    );
    // `50G` in the Release pane: source line 50 at the top (the 5 opened pane 5 meanwhile).
    press(&mut app, &chars("50G"));
    assert_eq!(app.pane, 0);
    assert!(
        status_line(&app).contains(&format!("line 50/{total}")),
        "{}",
        status_line(&app)
    );
    let shown = screen(&app);
    let top = shown.lines().nth(2).unwrap_or("").trim().to_string();
    assert!(
        !want.trim().is_empty() && want.contains(&top),
        "{top:?} vs {want:?}\n{shown}"
    );
    // `:80` Enter from Highlights: the Release pane at line 80; Backspace comes back.
    press(&mut app, &chars("2"));
    app.step(Action::CountLapse);
    press(&mut app, &chars("jj"));
    let sel = app.sels[1];
    press(&mut app, &chars(":80"));
    assert!(status_line(&app).contains(":80"), "{}", status_line(&app));
    press(&mut app, &[(KeyCode::Enter, KeyModifiers::NONE)]);
    assert_eq!(app.pane, 0);
    assert!(
        status_line(&app).contains(&format!("line 80/{total}")),
        "{}",
        status_line(&app)
    );
    press(&mut app, &[(KeyCode::Backspace, KeyModifiers::NONE)]);
    assert_eq!((app.pane, app.sels[1]), (1, sel));
    // A list row says the line it was read from.
    let line = app.panes[1].rows[sel].source.map(|s| s.line);
    assert!(line.is_some());
    assert!(
        status_line(&app).contains(&format!("line {}", line.unwrap_or(0))),
        "{}",
        status_line(&app)
    );
    // Esc drops the prompt; letters are not line numbers.
    press(&mut app, &chars(":x"));
    press(&mut app, &[(KeyCode::Esc, KeyModifiers::NONE)]);
    assert_eq!((app.pane, &app.mode), (1, &Mode::Normal));
}

#[test]
fn esc_while_typing_goes_back_to_where_search_started() {
    let mut app = sized(sample(), 60, 20);
    app.step(Action::SearchStart);
    typ(&mut app, "securities litigation");
    assert!(app.tops[0] > 0, "scrolled to the match");
    app.step(Action::Cancel);
    assert_eq!(app.tops[0], 0);
    assert!(app.search.is_none());
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn n_moves_on_to_the_next_pane_with_matches_and_wraps() {
    let mut app = sized(fixture(), 120, 40);
    app.step(Action::SearchStart);
    typ(&mut app, "stock option review");
    app.step(Action::SearchConfirm);
    let s = app.search.as_ref().unwrap();
    let in_release = s.matches[0].len();
    assert!(in_release >= 2);
    // The option-review matter: its kind ("stock option review") and its event's text.
    assert_eq!(s.matches[3].len(), 2, "the option-review matter");
    for _ in 1..in_release {
        app.step(Action::SearchNext);
        assert_eq!(app.pane, 0);
    }
    app.step(Action::SearchNext);
    assert_eq!(app.kind(), irview::pane::PaneKind::Restatement);
    assert!(
        status_line(&app).contains("no more matches in this pane: moved to Restatement"),
        "{}",
        status_line(&app)
    );
    assert_eq!(app.sels[3], 1, "the matter row is selected");
    // Its second match (the event's text) is in the same row.
    app.step(Action::SearchNext);
    assert_eq!((app.pane, app.sels[3]), (3, 1));
    app.step(Action::SearchNext);
    assert_eq!(app.pane, 0, "round to the first pane with matches");
    app.step(Action::SearchPrev);
    assert_eq!(app.pane, 3);
    assert!(status_line(&app).contains("no earlier matches"));
}

#[test]
fn enter_jumps_to_the_source_and_back_returns() {
    let mut app = sized(fixture(), 120, 40);
    app.step(Action::GoPane(4));
    app.step(Action::Down(1));
    app.step(Action::Down(1));
    let before = (app.pane, app.sels[4], app.tops[4]);
    app.step(Action::JumpToSource);
    assert_eq!(app.pane, 0);
    let src = app.jump.unwrap();
    let text = &app.release.document.text[src.start..src.end];
    assert!(text.starts_with("risks associated with our international"));
    // The highlighted cells spell the source text and are on screen.
    let t = draw(&app);
    let buf = t.backend().buffer();
    let mut painted = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].bg == Color::Blue {
                painted.push_str(buf[(x, y)].symbol());
            }
        }
    }
    assert_eq!(painted, text.replace('\n', ""));
    assert!(status_line(&app).contains("source: line"));
    insta::assert_snapshot!("jump_to_source_120x40", t.backend());
    app.step(Action::Back);
    assert_eq!((app.pane, app.sels[4], app.tops[4]), before);
    assert!(app.jump.is_none());
    app.step(Action::Back);
    assert!(status_line(&app).contains("nothing to go back to"));
}

#[test]
fn jump_from_a_multi_line_source_highlights_across_lines_at_60_columns() {
    let mut app = sized(fixture(), 60, 20);
    app.step(Action::GoPane(2));
    app.step(Action::JumpToSource);
    let t = draw(&app);
    let buf = t.backend().buffer();
    let rows: std::collections::BTreeSet<u16> = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == Color::Blue)
        .map(|(_, y)| y)
        .collect();
    assert!(rows.len() >= 2, "span painted on {} rows", rows.len());
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(0, 0), (1, 1), (20, 5), (39, 9), (40, 10), (41, 12)] {
        let mut app = sized(fixture(), w, h);
        for a in [
            Action::GoPane(0),
            Action::SearchStart,
            Action::Input('s'),
            Action::SearchConfirm,
            Action::PageDown,
            Action::SearchNext,
            Action::Help,
            Action::Bottom,
            Action::Cancel,
        ] {
            app.step(a);
            for p in 0..5 {
                app.step(Action::GoPane(p));
                app.step(Action::Bottom);
                let _ = screen(&app);
                app.step(Action::JumpToSource);
                let _ = screen(&app);
            }
        }
        if w < 40 || h < 10 {
            assert!(screen(&app).starts_with(&"terminal too small"[..w.min(18) as usize]));
        }
    }
}

#[test]
fn moving_and_position() {
    let mut app = sized(sample(), 60, 20);
    let n = app.panes[0].rows.len();
    assert!(status_line(&app).contains(&format!("line 1/{n} (0%)")));
    app.step(Action::Bottom);
    assert!(
        status_line(&app).contains("(100%)"),
        "{}",
        status_line(&app)
    );
    let bottom = app.tops[0];
    assert!(
        !app.step(Action::Down(1)),
        "nothing changed at the bottom: no redraw"
    );
    app.step(Action::PageUp);
    assert_eq!(app.tops[0], bottom - app.viewport(0));
    app.step(Action::Top);
    assert_eq!(app.tops[0], 0);
    app.step(Action::HalfPageDown);
    assert_eq!(app.tops[0], app.viewport(0) / 2);
    // List panes move a selection and keep it in view.
    let mut app = sized(fixture(), 60, 12);
    app.step(Action::GoPane(4));
    app.step(Action::Bottom);
    let last = app.panes[4].rows.len() - 1;
    assert_eq!(app.sels[4], last);
    let lines = app.layouts[4].row_lines(last);
    assert!(app.tops[4] <= lines.start && lines.end <= app.tops[4] + app.viewport(4));
    app.step(Action::Top);
    assert_eq!((app.sels[4], app.tops[4]), (0, 0));
}

#[test]
fn resize_keeps_the_release_on_the_same_text() {
    let mut app = sized(sample(), 120, 40);
    app.step(Action::Down(100));
    let row = app.layouts[0].row_at(app.tops[0]);
    app.step(Action::Resize(60, 20));
    assert_eq!(app.layouts[0].row_at(app.tops[0]), row);
    app.step(Action::Resize(120, 40));
    assert_eq!(app.layouts[0].row_at(app.tops[0]), row);
}

#[test]
fn export_writes_and_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sized(fixture(), 120, 40);
    app.export_dir = dir.path().to_path_buf();
    app.step(Action::GoPane(1));
    let path = dir
        .path()
        .join("sonus-networks-2006q4-ex99.1-highlights.md");
    assert_eq!(app.export_path(), path);
    app.step(Action::Export);
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.contains("Highlights") && md.contains("$79M"), "{md}");
    assert!(status_line(&app).contains("exported Highlights to"));
    // Again: the file exists, so it asks; n keeps it, y replaces it.
    std::fs::write(&path, "mine").unwrap();
    app.step(Action::Export);
    assert!(matches!(app.mode, Mode::Confirm { .. }));
    assert!(status_line(&app).contains("exists: replace it? (y/n)"));
    app.step(Action::Confirm(false));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert!(status_line(&app).contains("export cancelled"));
    app.step(Action::Export);
    app.step(Action::Confirm(true));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), md);
    // An unwritable place is reported, not a crash.
    app.export_dir = dir.path().join("no/such/dir");
    app.step(Action::Export);
    assert!(
        status_line(&app).contains("export failed"),
        "{}",
        status_line(&app)
    );
}

#[test]
fn no_color_keeps_modifiers_only() {
    let mut app = sized(fixture(), 120, 40);
    app.color = false;
    app.step(Action::GoPane(1));
    app.step(Action::SearchStart);
    typ(&mut app, "revenues");
    let t = draw(&app);
    let buf = t.backend().buffer();
    let mut reversed = 0;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert_eq!(c.fg, Color::Reset, "no colour at {x},{y}");
            assert_eq!(c.bg, Color::Reset, "no colour at {x},{y}");
            if c.modifier.contains(ratatui::style::Modifier::REVERSED) {
                reversed += 1;
            }
        }
    }
    assert!(reversed > 0, "current match and tab still stand out");
    // Up and down read without colour.
    let s = screen(&app);
    assert!(s.contains("▲ up") && s.contains("▼ down"));
}

/// Screen column and row where `pat` starts, for every occurrence (wide characters take two
/// cells, so columns are read from the buffer, not from string widths).
fn find_xy(app: &App, pat: &str) -> Vec<(u16, u16)> {
    let t = draw(app);
    let buf = t.backend().buffer();
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut xs = Vec::new();
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            for _ in 0..sym.len() {
                xs.push(x);
            }
            line.push_str(sym);
        }
        for (i, _) in line.match_indices(pat) {
            out.push((xs[i], y));
        }
    }
    out
}

#[test]
fn wide_characters_keep_columns_aligned() {
    let mut r = fixture();
    r.highlights[0].label = "売上高 Revenues".into();
    let mut app = sized(r, 120, 40);
    app.step(Action::GoPane(1));
    let a = find_xy(&app, "$79M");
    let b = find_xy(&app, "$361M");
    assert_eq!((a.len(), b.len()), (1, 1));
    // Right-aligned values end in the same screen column.
    assert_eq!(a[0].0 + 4, b[0].0 + 5);
    let p1: Vec<_> = find_xy(&app, "Q4 FY2006")
        .into_iter()
        .filter(|p| p.1 > 2)
        .collect();
    assert!(p1.len() >= 2 && p1.iter().all(|p| p.0 == p1[0].0), "{p1:?}");
}

#[test]
fn n_after_moving_away_searches_from_the_view() {
    let mut app = sized(sample(), 120, 40);
    app.step(Action::SearchStart);
    typ(&mut app, "stock option");
    app.step(Action::SearchConfirm);
    let n = app.search.as_ref().unwrap().matches[0].len();
    assert_eq!(app.search.as_ref().unwrap().current, Some((0, 0)));
    // Scroll past the second match: n goes to the first match below the view, not to match 2.
    let second = app.search.as_ref().unwrap().matches[0][1].row();
    app.step(Action::Down(second + 1));
    let top_row = app.layouts[0].row_at(app.tops[0]);
    assert!(top_row > second);
    app.step(Action::SearchNext);
    let (p, i) = app.search.as_ref().unwrap().current.unwrap();
    assert_eq!(p, 0);
    assert!(i >= 2 && i < n, "match {i} of {n}");
    assert!(app.search.as_ref().unwrap().matches[0][i].row() >= top_row);
}

/// Every hit of every match is found again by its row when a pane is painted, in match order,
/// and rows without a hit have none.
#[test]
fn painted_hits_are_the_matches_by_row() {
    let mut app = sized(sample(), 120, 40);
    app.step(Action::SearchStart);
    for ch in "revenue".chars() {
        app.step(Action::Input(ch));
    }
    let s = app.search.as_ref().expect("a search");
    assert!(s.total() > 10, "{}", s.total());
    for (p, ms) in s.matches.iter().enumerate() {
        let rows = app.panes[p].rows.len();
        for row in 0..rows {
            let want: Vec<(usize, usize, usize, usize)> = ms
                .iter()
                .enumerate()
                .flat_map(|(i, m)| m.hits.iter().map(move |h| (i, h)))
                .filter(|(_, h)| h.row == row)
                .map(|(i, h)| (h.cell, h.start, h.end, i))
                .collect();
            let got: Vec<(usize, usize, usize, usize)> = s.hits[p]
                .get(row)
                .unwrap_or(&[])
                .iter()
                .map(|h| (h.cell, h.start, h.end, h.index))
                .collect();
            assert_eq!(got, want, "pane {p} row {row}");
        }
    }
}

/// The viewer opened on the text while extraction runs (`App::opening`), then given the
/// extracted release (`App::loaded`): what it shows meanwhile, and that it ends up exactly where
/// a viewer opened on the extracted release would, with the reader's place and search kept.
#[test]
fn opens_on_the_text_then_fills_the_panes_when_extraction_is_done() {
    let full = sample();
    let text_only = irview::unextracted(&full.document, &full.file.path);
    let mut app = App::opening(text_only, (120, 40));
    app.color = true;
    assert!(app.pending);
    // Meanwhile: the Release pane is the real one, the others say they are coming.
    let ready = sized(full.clone(), 120, 40);
    assert_eq!(app.panes[0], ready.panes[0]);
    app.step(Action::GoPane(1));
    let waiting = screen(&app);
    assert!(waiting.contains("Reading the release"), "{waiting}");
    assert!(status_line(&app).contains("extracting figures"));
    assert!(!waiting.contains("No financial figures found"), "{waiting}");
    app.step(Action::Export);
    assert!(app.message.as_deref().unwrap_or("").contains("in a moment"));
    // The reader scrolls the text and searches before extraction is done.
    app.step(Action::GoPane(0));
    app.step(Action::Down(30));
    app.step(Action::SearchStart);
    typ(&mut app, "stock option");
    app.step(Action::SearchConfirm);
    let top = app.tops[0];
    let counts = |a: &App| -> Vec<usize> {
        a.search
            .as_ref()
            .map(|s| s.matches.iter().map(Vec::len).collect())
            .unwrap_or_default()
    };
    let before = counts(&app);
    assert!(
        before[0] > 0 && before[1..].iter().all(|&n| n == 0),
        "{before:?}"
    );

    app.loaded(full.clone());
    assert!(!app.pending);
    assert_eq!(app.tops[0], top, "the Release pane keeps its place");
    assert_eq!(app.panes, ready.panes);
    // The search is run again over the filled panes: the counts a fresh viewer gets.
    let mut fresh = sized(full, 120, 40);
    fresh.step(Action::SearchStart);
    typ(&mut fresh, "stock option");
    fresh.step(Action::SearchConfirm);
    assert_eq!(counts(&app), counts(&fresh));
    assert!(counts(&app)[1..].iter().any(|&n| n > 0));
    app.step(Action::GoPane(1));
    assert!(!screen(&app).contains("Reading the release"));
    assert!(!status_line(&app).contains("extracting figures"));
}

#[test]
fn a_failed_extraction_leaves_the_text_and_says_so() {
    let full = sample();
    let mut app = App::opening(irview::unextracted(&full.document, "x.txt"), (100, 30));
    app.extraction_failed();
    assert!(!app.pending);
    assert!(status_line(&app).contains("extraction failed"));
    app.step(Action::GoPane(2));
    assert!(screen(&app).contains("Extraction failed"));
    assert_eq!(app.panes[0].rows.len(), full.document.line_count());
}

#[test]
fn opens_on_a_pane_at_a_phrase_even_before_the_pane_is_extracted() {
    // Extracted already (a cache hit): Highlights, on the first row that matches.
    let mut app = sized(sample(), 120, 40);
    app.open_at(Some(irview::pane::PaneKind::Highlights), Some("net income"));
    let s = app.search.as_ref().expect("the search is kept");
    assert_eq!(s.current, Some((1, 0)));
    let row = s.matches[1][0].row();
    assert_eq!((app.pane, app.sels[1]), (1, row));
    assert!(
        status_line(&app).contains("match 1/"),
        "{}",
        status_line(&app)
    );

    // Opened on the text while extraction runs: the phrase is looked for again in the panes
    // that arrive, and the view lands on the asked pane's first match then.
    let full = sample();
    let mut app = App::opening(irview::unextracted(&full.document, "x.txt"), (120, 40));
    app.open_at(Some(irview::pane::PaneKind::Risks), Some("consolidation"));
    assert_eq!(app.pane, 4);
    assert_eq!(app.search.as_ref().and_then(|s| s.current), None);
    app.loaded(full.clone());
    let s = app.search.as_ref().expect("the search is kept");
    assert_eq!(s.current.map(|c| c.0), Some(4), "landed in Risk factors");
    assert!(!s.matches[4].is_empty());

    // No pane given: the first pane that has the phrase; none: said so.
    let mut app = sized(sample(), 120, 40);
    app.open_at(None, Some("stock option review"));
    assert_eq!(
        app.search.as_ref().and_then(|s| s.current).map(|c| c.0),
        Some(0)
    );
    let mut app = sized(sample(), 120, 40);
    app.open_at(None, Some("zebra crossing"));
    assert!(
        status_line(&app).contains("no matches"),
        "{}",
        status_line(&app)
    );
}

#[test]
fn the_source_strip_shows_the_selected_row_s_sentence_with_its_span() {
    let mut app = sized(sample(), 120, 40);
    app.step(Action::GoPane(1));
    let fig = app
        .release
        .highlights
        .iter()
        .position(|f| f.text == "$79 million");
    assert!(fig.is_some(), "the sample's headline revenue");
    let row = app.panes[1]
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c == "$79M"))
        .expect("its row");
    for _ in 0..row {
        app.step(Action::Down(1));
    }
    let shown = screen(&app);
    let strip: Vec<&str> = shown.lines().rev().skip(1).take(5).collect();
    assert!(
        strip.iter().any(|l| l.contains("─ source · line 13")),
        "{shown}"
    );
    assert!(
        strip
            .iter()
            .any(|l| l.contains("Revenues for the fourth quarter of fiscal 2006 were $79 million")),
        "the sentence, its lines joined: {shown}"
    );
    // The span is painted as a jump's span is, and only the span.
    let t = draw(&app);
    let buf = t.backend().buffer();
    let painted: String = (buf.area.height - 6..buf.area.height - 1)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == Color::Blue)
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(painted, "$79 million");
    insta::assert_snapshot!("source_strip_highlights_120x40", t.backend());

    // `s` hides it and gives the table the rows back; `s` again shows it.
    let with = app.viewport(1);
    app.step(Action::ToggleSource);
    assert_eq!(app.viewport(1), with + super::app::STRIP);
    assert!(!screen(&app).contains("─ source"));
    app.step(Action::ToggleSource);
    assert!(screen(&app).contains("─ source"));
    // Never in the Release pane, nor on a short terminal.
    app.step(Action::GoPane(0));
    assert!(!screen(&app).contains("─ source"));
    let mut small = sized(sample(), 80, 16);
    small.step(Action::GoPane(1));
    assert!(!screen(&small).contains("─ source"));
    small.step(Action::ToggleSource);
    small.step(Action::ToggleSource);
    assert!(
        status_line(&small).contains("no room for the source strip"),
        "{}",
        status_line(&small)
    );
    // Nor under a pane that only says it found nothing.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/alcoa-2005-doj-subpoena-8k-lee2014.txt"
    );
    let r = irview::load_bytes(&std::fs::read(path).unwrap(), "subpoena.txt").unwrap();
    assert!(r.highlights.is_empty(), "an event release without figures");
    let mut none = sized(r, 120, 40);
    none.step(Action::GoPane(1));
    assert!(!screen(&none).contains("─ source"), "{}", screen(&none));
}

#[test]
fn y_copies_a_row_an_event_a_risk_or_the_match_s_sentence() {
    let mut app = sized(sample(), 120, 40);
    // The Release pane copies the current match's sentence, so it needs a match.
    app.step(Action::Copy);
    assert!(app.clipboard.is_none());
    assert!(status_line(&app).contains("search (/) for a sentence first"));
    app.step(Action::SearchStart);
    typ(&mut app, "record fourth quarter");
    app.step(Action::SearchConfirm);
    app.step(Action::Copy);
    let s = app.clipboard.take().expect("copied");
    assert!(
        s.starts_with("INDUSTRY LEADER REPORTS RECORD FOURTH QUARTER"),
        "{s}"
    );
    assert!(!s.contains('\n') && !s.contains("  "), "one line: {s:?}");
    // Highlights: the row as a Markdown table row.
    app.step(Action::GoPane(1));
    app.step(Action::Copy);
    let s = app.clipboard.take().expect("copied");
    assert_eq!(
        s,
        "| Revenue | Q4 FY2006 | $79M |  |  | Revenues: $79 million | 13 |"
    );
    assert!(status_line(&app).contains("copied row 1"));
    // Risks: the risk's text.
    app.step(Action::GoPane(4));
    app.step(Action::Copy);
    let s = app.clipboard.take().expect("copied");
    assert!(s.starts_with("the impact of material weaknesses"), "{s}");
    assert!(!s.starts_with('|'));
}

#[test]
fn light_theme_and_colour_depths() {
    use super::view::theme::{Depth, Theme};
    use crate::tui::layout::Tone;
    let dark = Theme {
        color: true,
        ..Theme::default()
    };
    let light = Theme {
        light: true,
        ..dark
    };
    // Cyan headings fade on white: blue there; red and green stay.
    assert_eq!(dark.tone(Tone::Heading(1)).fg, Some(Color::Cyan));
    assert_eq!(light.tone(Tone::Heading(1)).fg, Some(Color::Blue));
    assert_eq!(light.tone(Tone::Status).fg, Some(Color::Magenta));
    assert_eq!(light.tone(Tone::Down).fg, Some(Color::Red));
    // The selected row: RGB only on a truecolor terminal, a 256-colour grey, else blue.
    let sel = |t: Theme, depth| Theme { depth, ..t }.selected().bg;
    assert_eq!(sel(dark, Depth::TrueColor), Some(Color::Rgb(40, 44, 60)));
    assert_eq!(sel(dark, Depth::Ansi256), Some(Color::Indexed(237)));
    assert_eq!(sel(light, Depth::Ansi256), Some(Color::Indexed(254)));
    assert_eq!(sel(dark, Depth::Ansi16), Some(Color::Blue));
    // NO_COLOR wins over a theme: modifiers only.
    let none = Theme {
        color: false,
        light: true,
        depth: Depth::TrueColor,
    };
    assert_eq!(none.selected().bg, None);
    assert_eq!(none.tone(Tone::Heading(1)).fg, None);
    // Drawn: the light app paints its headings blue.
    let mut app = sized(sample(), 120, 40);
    app.light = true;
    let t = draw(&app);
    let buf = t.backend().buffer();
    let blue = (0..buf.area.width).any(|x| (3..10).any(|y| buf[(x, y)].fg == Color::Blue));
    assert!(blue, "a blue heading on the light theme");
}

#[test]
fn every_mark_of_a_table_is_explained_under_it() {
    let mut app = sized(sample(), 120, 40);
    app.step(Action::GoPane(2));
    let shown = screen(&app);
    // The sample's comparisons derive a prior (cash a year before) and compare QoQ and FY.
    assert!(shown.contains("$314M*"), "{shown}");
    for m in [
        "* derived prior",
        "▲ up",
        "QoQ vs the quarter before",
        "FY full year",
    ] {
        assert!(shown.contains(m), "legend lacks {m:?}:\n{shown}");
    }
    // The Release pane has none, and a short terminal gives the rows to the table.
    app.step(Action::GoPane(0));
    assert!(!screen(&app).contains("derived prior"));
    let mut small = sized(sample(), 80, 16);
    small.step(Action::GoPane(2));
    assert!(!screen(&small).contains("derived prior"));
    assert_eq!(small.legend_height(2), 0);
}

#[test]
fn wide_tables_scroll_sideways_with_their_labels_in_place() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/apple-q1-fy2011-ex991.htm"
    );
    let bytes = std::fs::read(path).unwrap();
    let r = irview::load_bytes(&bytes, "apple.htm").unwrap();
    let mut app = sized(r, 80, 24);
    // A table line wider than the screen, with a row label.
    let (line, vl) = app.layouts[0]
        .lines
        .iter()
        .enumerate()
        .find(|(_, l)| {
            let text = &app.panes[0].rows[l.row].cells[0];
            l.wide.is_some_and(|f| f > 0) && text.trim_end().len() > 100
        })
        .map(|(i, l)| (i, l.clone()))
        .expect("a wide table line");
    let frozen = vl.wide.unwrap_or(0);
    let text = app.panes[0].rows[vl.row].cells[0].clone();
    let src_line = app.panes[0].rows[vl.row]
        .source
        .map(|s| s.line)
        .unwrap_or(1);
    let app2 = &mut app;
    app2.step(Action::GotoStart);
    for c in src_line.to_string().chars() {
        app2.step(Action::Input(c));
    }
    app2.step(Action::SearchConfirm);
    assert_eq!(app2.tops[0], line, "the line at the top");
    let row_on_screen = |a: &App| screen(a).lines().nth(2).unwrap_or("").to_string();
    let before = row_on_screen(app2);
    assert!(before.ends_with('›'), "cut and marked: {before:?}");
    assert!(before.starts_with(&text[..frozen]), "{before:?}");
    app2.step(Action::ScrollRight);
    assert_eq!(app2.hscroll, 20);
    let after = row_on_screen(app2);
    // The label stays; "‹" says the table is scrolled; the figures moved left.
    assert!(after.starts_with(&text[..frozen]), "{after:?}");
    assert_eq!(after.chars().nth(frozen), Some('‹'), "{after:?}");
    assert_ne!(before, after);
    app2.step(Action::ScrollLeft);
    assert_eq!((app2.hscroll, row_on_screen(app2)), (0, before));
    // Elsewhere `>` says what it is for.
    app2.step(Action::GoPane(1));
    app2.step(Action::ScrollRight);
    assert!(status_line(app2).contains("Release pane's wide tables"));
}

/// The nine Alcoa quarters and a path that does not exist, loaded as `irview PATH...` loads
/// them (without the cache), the list filled in file by file as the loading threads hand rows
/// over.
fn alcoa_library(w: u16, h: u16) -> App {
    use super::shelf::Shelf;
    static ROWS: std::sync::OnceLock<Vec<Vec<irview::library::Entry>>> = std::sync::OnceLock::new();
    let files = ROWS.get_or_init(|| {
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir("tests/corpus")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy().into_owned();
                n.starts_with("alcoa-q") && n.ends_with("-results-8k-lee2014.txt")
            })
            .collect();
        paths.sort();
        paths.push("tests/corpus/no-such-release.txt".into());
        let (inputs, unreadable) = irview::library::inputs(&paths);
        assert_eq!(inputs.len(), 10, "nine quarters and the missing path");
        let mut rows: Vec<Vec<irview::library::Entry>> = inputs
            .iter()
            .map(|i| irview::library::load_input(i, None))
            .collect();
        rows.push(unreadable);
        rows
    });
    let mut app = App::library(Shelf::new(Vec::new(), files.len()), (w, h));
    app.color = true;
    for rows in files {
        app.library_rows(rows.clone(), 1);
    }
    app.step(Action::Resize(w, h));
    app
}

#[test]
fn the_library_list_fills_in_with_a_count_and_lists_what_did_not_load() {
    use super::shelf::Shelf;
    let full = alcoa_library(120, 40);
    let rows: Vec<_> = full.shelf.as_ref().unwrap().lib.entries.clone();
    // Loading: the list shows what has arrived and says how far it has gone.
    let mut app = App::library(Shelf::new(Vec::new(), 10), (120, 40));
    app.step(Action::Resize(120, 40));
    assert!(screen(&app).contains("loading…"));
    app.library_rows(rows[..3].to_vec(), 3);
    let status = status_line(&app);
    assert!(status.contains("loaded 3 of 10"), "{status}");
    app.library_rows(rows[3..].to_vec(), 7);
    assert!(!status_line(&app).contains("loaded"));
    // Grouped by company, in period order; the broken path last with its reason.
    let s = screen(&full);
    let periods: Vec<usize> = [
        "Q2 FY2007",
        "Q3 FY2007",
        "Q4 FY2007",
        "Q1 FY2008",
        "Q2 FY2008",
        "Q3 FY2008",
        "Q4 FY2008",
        "Q1 FY2009",
        "Q2 FY2009",
    ]
    .iter()
    .map(|p| s.find(p).unwrap_or_else(|| panic!("{p} missing:\n{s}")))
    .collect();
    assert!(periods.windows(2).all(|w| w[0] < w[1]), "{s}");
    assert_eq!(
        s.matches("Alcoa Inc.").count(),
        1,
        "the company heads its group once"
    );
    let err = s
        .lines()
        .find(|l| l.contains("no-such-release.txt"))
        .unwrap();
    assert!(
        err.contains("error") && err.contains("cannot read"),
        "{err}"
    );
    insta::assert_snapshot!("library_alcoa_120x40", draw(&full).backend());
    insta::assert_snapshot!(
        "library_alcoa_80x24",
        draw(&alcoa_library(80, 24)).backend()
    );
}

#[test]
fn library_filter_open_siblings_and_back_to_the_list() {
    let mut app = alcoa_library(120, 40);
    app.step(Action::SearchStart);
    typ(&mut app, "2008");
    assert!(status_line(&app).contains("/2008█  5 shown"));
    insta::assert_snapshot!("library_filtered_80x24", {
        let mut small = alcoa_library(80, 24);
        small.step(Action::SearchStart);
        typ(&mut small, "2008");
        draw(&small).backend().clone()
    });
    app.step(Action::SearchConfirm);
    app.step(Action::Down(1));
    app.step(Action::JumpToSource);
    assert!(!app.showing_list());
    let period = |a: &App| a.release.period.label.clone().unwrap_or_default();
    assert_eq!(period(&app), "Q1 FY2008");
    assert!(screen(&app).contains("Alcoa Inc. · NYSE: AA · Q1 FY2008"));
    // ] and [ follow the company's periods, past the filter's rows.
    app.step(Action::NextRelease);
    assert_eq!(period(&app), "Q2 FY2008");
    app.step(Action::PrevRelease);
    app.step(Action::PrevRelease);
    app.step(Action::PrevRelease);
    app.step(Action::PrevRelease);
    assert_eq!(period(&app), "Q2 FY2007");
    app.step(Action::PrevRelease);
    assert_eq!(period(&app), "Q2 FY2007");
    assert!(status_line(&app).contains("earliest release"));
    // L: the list again, the open release selected (the filter that hid it dropped).
    app.step(Action::Library);
    assert!(app.showing_list());
    let s = screen(&app);
    let sel = s.lines().find(|l| l.starts_with('▶')).unwrap();
    assert!(sel.contains("Q2 FY2007"), "{sel}");
    // Esc clears a filter; an error row says why instead of opening.
    app.step(Action::Bottom);
    app.step(Action::JumpToSource);
    assert!(app.showing_list());
    assert!(status_line(&app).contains("cannot read"));
    // L from the list goes back to the open release.
    app.step(Action::Library);
    assert_eq!(period(&app), "Q2 FY2007");
    assert!(!app.showing_list());
    app.step(Action::Quit);
    assert!(app.quit);
}

#[test]
fn one_release_has_no_library_to_go_back_to() {
    let mut app = sized(sample(), 80, 24);
    app.step(Action::Library);
    assert!(status_line(&app).contains("irview PATH"));
    app.step(Action::NextRelease);
    assert!(status_line(&app).contains("irview PATH"));
}

/// The Alcoa library with its first quarter (Q2 FY2007) open and the Series tab shown.
fn alcoa_series(w: u16, h: u16) -> App {
    let mut app = alcoa_library(w, h);
    app.step(Action::JumpToSource);
    assert!(
        app.series.is_some(),
        "nine quarters of one company have a Series"
    );
    app.step(Action::Series);
    assert!(app.on_series);
    app
}

#[test]
fn the_series_tab_shows_first_reported_values_revisions_and_a_chart() {
    let app = alcoa_series(120, 40);
    let tab = app.series.as_ref().unwrap();
    assert_eq!(
        tab.series.revised().count(),
        10,
        "the ten recast Alcoa cells"
    );
    // It opens on the open release's own quarter: revenue, Q2 FY2007, first reported $8.1B
    // there and recast to $6.8B a year later.
    assert_eq!(tab.period(), Some("Q2 FY2007"));
    let cell = tab.cell().unwrap();
    assert!(cell.revised());
    let s = screen(&app);
    assert!(s.contains(" S Series "), "{s}");
    let revenue = s.lines().find(|l| l.starts_with("▶Revenue")).unwrap();
    assert!(revenue.contains("$8.1B†"), "{revenue}");
    assert!(
        s.contains("† revised: Q2 FY2007 $8.1B → $6.8B by alcoa-q2-2008-results-8k-lee2014.txt"),
        "{s}"
    );
    assert!(s.contains("Revenue, Q2 FY2007: $8.1B first reported in alcoa-q2-2007-results"));
    assert!(s.contains("QoQ +2.5% (derived)"), "{s}");
    // The chart writes each bar's value, so it reads without colour.
    assert!(s.contains("$8.1B██"), "{s}");
    assert!(status_line(&app).contains("Series metric 1/10 · Q2 FY2007 (5/16)"));
    insta::assert_snapshot!("series_alcoa_120x40", draw(&app).backend());
    let mut small = alcoa_series(80, 24);
    small.color = false;
    let s = screen(&small);
    assert!(s.contains("$8.1B†") && s.contains("$8.1B██"), "{s}");
    insta::assert_snapshot!("series_alcoa_80x24", draw(&small).backend());
}

#[test]
fn series_cells_move_and_enter_opens_the_release_at_the_figure() {
    let mut app = alcoa_series(80, 24);
    // A loss: Q4 FY2008 net income, its bar drawn and its value signed.
    app.step(Action::Down(1));
    for _ in 0..6 {
        app.step(Action::ScrollRight);
    }
    let tab = app.series.as_ref().unwrap();
    assert_eq!(tab.period(), Some("Q4 FY2008"));
    assert_eq!(tab.metric().unwrap().label, "Net income");
    let s = screen(&app);
    assert!(s.contains("-$1.19B"), "{s}");
    insta::assert_snapshot!("series_alcoa_net_loss_80x24", draw(&app).backend());
    // Enter: the release that first reported it, at the figure's line, highlighted.
    let cell = app.series.as_ref().unwrap().cell().unwrap().clone();
    app.step(Action::JumpToSource);
    assert!(!app.on_series);
    assert_eq!(app.release.period.label.as_deref(), Some("Q4 FY2008"));
    assert_eq!(app.jump, Some(cell.source));
    // The span is the figure as written there, on the line the Series names.
    let src = cell.source;
    assert_eq!(
        &app.release.document.text[src.start..src.end],
        "$1.19 billion"
    );
    assert_eq!((src.line, cell.line), (51, 51));
    // The Series keeps its place across the move to the other release.
    app.step(Action::Series);
    let tab = app.series.as_ref().unwrap();
    assert_eq!((tab.row, tab.period()), (1, Some("Q4 FY2008")));
    // Tab from the last pane reaches the Series; Tab on the Series goes to the first pane.
    app.step(Action::NextPane);
    assert!(!app.on_series && app.pane == 0);
    app.step(Action::PrevPane);
    assert!(app.on_series);
    app.step(Action::GoPane(1));
    assert!(!app.on_series && app.pane == 1);
}

#[test]
fn no_series_without_two_releases_of_the_company() {
    let mut app = sized(sample(), 80, 24);
    app.step(Action::Series);
    assert!(!app.on_series);
    assert!(status_line(&app).contains("irview PATH"));
    assert!(
        !screen(&app).lines().nth(1).unwrap().contains("Series"),
        "no Series tab"
    );
}

#[test]
fn series_sections_and_export_through_the_library_writer() {
    // Q4 FY2008 open: what changed against Q3 FY2008 (a recast revenue figure, reworded
    // risks), and the capital expenditure guide of Q1 FY2009, a change not set against an actual.
    let mut app = alcoa_library(120, 40);
    app.step(Action::JumpToSource);
    for _ in 0..6 {
        app.step(Action::NextRelease);
    }
    assert_eq!(app.release.period.label.as_deref(), Some("Q4 FY2008"));
    app.step(Action::Series);
    let s = screen(&app);
    assert!(s.contains(" Guidance vs actual"), "{s}");
    assert!(s.contains("capital expenditures (change), FY2010: -50% given in alcoa-q1-2009"));
    assert!(s.contains(" What changed since Q3 FY2008 (alcoa-q3-2008-results-8k-lee2014.txt)"));
    assert!(
        s.contains("risk factors: 0 added, 0 removed, 5 reworded, 3 unchanged"),
        "{s}"
    );
    assert!(
        s.contains("Revenue, Q3 FY2008: $7.2B → $7B (line 61 → 55)"),
        "{s}"
    );
    insta::assert_snapshot!("series_alcoa_q4_2008_sections_120x40", draw(&app).backend());
    // The same at 80×24: guidance and what changed below the chart, cut to the width.
    let mut small = alcoa_library(80, 24);
    small.step(Action::JumpToSource);
    for _ in 0..6 {
        small.step(Action::NextRelease);
    }
    small.step(Action::Series);
    insta::assert_snapshot!(
        "series_alcoa_q4_2008_sections_80x24",
        draw(&small).backend()
    );
    // e writes the Series and what changed, as `irview series` and `irview diff` write them.
    let dir = tempfile::tempdir().unwrap();
    app.export_dir = dir.path().to_path_buf();
    app.step(Action::Export);
    let path = dir
        .path()
        .join("alcoa-q4-2008-results-8k-lee2014-series.md");
    assert!(
        status_line(&app).contains("exported Series to"),
        "{}",
        status_line(&app)
    );
    let md = std::fs::read_to_string(&path).unwrap();
    let tab = app.series.as_ref().unwrap();
    let mut want = irview::library::markdown::series(&tab.series);
    want.push('\n');
    want.push_str(&irview::library::markdown::diff(
        tab.changed.as_ref().unwrap(),
    ));
    assert_eq!(md, want);
    assert!(md.starts_with("# Series — Alcoa Inc. (AA)") && md.contains("# What changed"));
    // Again: it asks before replacing, on the Series' own status bar.
    app.step(Action::Export);
    assert!(status_line(&app).contains("exists: replace it? (y/n)"));
    app.step(Action::Confirm(false));
    assert!(app.on_series);
}

#[test]
fn a_release_opened_from_the_library_says_how_to_get_back() {
    let mut app = alcoa_library(120, 40);
    app.step(Action::JumpToSource);
    assert!(status_line(&app).contains("L list  ] [ next/prev release  ? help  q quit"));
    let mut small = alcoa_library(80, 24);
    small.step(Action::JumpToSource);
    let s = status_line(&small);
    assert!(s.contains("L list") && s.contains("q quit"), "{s}");
}

#[test]
fn pane_and_search_of_a_library_apply_to_the_first_release_opened() {
    // `irview DIR --pane highlights --search "net income"`: the list shows first; the first
    // release opened from it (Q2 FY2007) opens on Highlights at the phrase.
    let mut app = alcoa_library(120, 40);
    app.first_open = Some((
        Some(irview::pane::PaneKind::Highlights),
        Some("net income".into()),
    ));
    assert!(app.showing_list());
    app.step(Action::JumpToSource);
    assert_eq!(app.kind(), irview::pane::PaneKind::Highlights);
    let s = app.search.as_ref().expect("the search is on");
    assert!(s.current.is_some(), "on its first match");
    assert!(
        status_line(&app).contains("net income"),
        "{}",
        status_line(&app)
    );
    assert!(app.first_open.is_none());
    // The next release opened from the list opens on its text, without the search.
    app.step(Action::Library);
    app.step(Action::Down(1));
    app.step(Action::JumpToSource);
    assert_eq!(app.release.period.label.as_deref(), Some("Q3 FY2007"));
    assert_eq!(app.kind(), irview::pane::PaneKind::Release);
    assert!(app.search.is_none());
}

/// Issue #16: a PDF-extracted release reads as paragraphs, list items and tables: a sentence
/// the PDF cut over three lines is one paragraph wrapped to the screen, and the statement table
/// the one-cell-per-line text was rebuilt into is drawn as aligned rows.
#[test]
fn a_pdf_extracted_release_is_reflowed_into_paragraphs_and_tables() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/costco-q1-fy2023-ex991-pdftext.md"
    );
    let bytes = std::fs::read(path).unwrap();
    let r = irview::load_bytes(&bytes, "costco-pdftext.md").unwrap();
    let doc = &r.document;
    // One line holds the whole sentence the PDF split at "per" / "diluted share".
    assert!(
        doc.lines()
            .any(|(_, _, l)| l.contains("$3.07 per diluted share, compared to $1,324 million")),
        "a paragraph is one line"
    );
    // No line is a page number or a bullet mark alone.
    assert!(
        doc.lines()
            .all(|(_, _, l)| !matches!(l.trim(), "1" | "2" | "•"))
    );
    // The comparable-sales table is laid out as rows, each region with its two rates.
    assert!(
        doc.lines()
            .any(|(_, _, l)| l.starts_with("U.S.") && l.contains("9.3%") && l.contains("6.5%"))
    );
    let app = sized(r, 120, 40);
    insta::assert_snapshot!("reflowed_pdf_text_120x40", draw(&app).backend());
}

/// Class 11 as a user meets it: a correction's rows under its matter in the Restatement pane
/// (what, of which period, by how much), and a dividend's dates as values in Highlights.
#[test]
fn corrections_and_dated_terms_on_screen() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/agilent-2006-item402-restatement-8k-lee2014.txt"
    );
    let r = irview::load_bytes(&std::fs::read(path).unwrap(), "agilent.txt").unwrap();
    let mut app = sized(r, 120, 40);
    app.step(Action::GoPane(3));
    let s = screen(&app);
    assert!(s.contains("correction  FY2004  Net income"), "{s}");
    assert!(s.contains("by +$0.04"), "{s}");
    insta::assert_snapshot!("restatement_corrections_120x40", draw(&app).backend());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/amcor-q4-fy2023-ex991-pdftext.md"
    );
    let r = irview::load_bytes(&std::fs::read(path).unwrap(), "amcor.md").unwrap();
    let mut app = sized(r, 200, 60);
    app.step(Action::GoPane(1));
    app.step(Action::SearchStart);
    typ(&mut app, "record date");
    app.step(Action::SearchConfirm);
    let s = screen(&app);
    assert!(
        s.contains("Dividend record date") && s.contains("2023-09-07"),
        "{s}"
    );
}
