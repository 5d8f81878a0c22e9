//! The full-screen viewer: `App` holds the state and `step(Action)` changes it; keys become
//! actions through the keymap; `view` draws `&App`; `terminal` sets up and restores the screen.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod series_tab;
pub mod shelf;
pub mod terminal;
pub mod view;
pub mod wrap;

#[cfg(test)]
mod tests;

use action::Action;
use anyhow::Result;
use app::{App, Mode};
use irview::Opened;
use irview::cache::Cache;
use irview::config::ThemeChoice;
use irview::ingest::Ingested;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use shelf::Shelf;
use std::path::PathBuf;
use std::sync::mpsc::{self, TryRecvError};
use std::time::{Duration, Instant};

/// How long digits wait for a motion (`5j`) before they count as pane keys only: longer than
/// the gap between the keys of a count typed at once (a tenth or two of a second), shorter than
/// a look at the pane a digit opened before typing on.
const COUNT_LAPSE: Duration = Duration::from_millis(600);

/// Open the viewer on a release (ingested, or extracted already when the cache had it) and run
/// until the user quits.
///
/// The text is shown at once; extraction, most of the time it takes to open a release, runs on
/// a thread beside the viewer, and the other panes fill in when it is done. The thread then
/// stores the release in the cache, if it has a place there.
/// How the viewer opens: the command line and the config file, resolved.
#[derive(Debug)]
pub struct Start {
    pub pane: Option<irview::pane::PaneKind>,
    pub search: Option<String>,
    pub mouse: bool,
    pub theme: ThemeChoice,
    /// Whether `y` may write the clipboard.
    pub copy: bool,
    pub keymap: keymap::Keymap,
}

/// Whether the terminal's background is light: `auto` asks the terminal (OSC 11, a tenth of a
/// second at most, never on `TERM=dumb`), then reads `COLORFGBG` ("15;0": light text on black),
/// and takes dark when neither says.
fn light_background(choice: ThemeChoice) -> bool {
    match choice {
        ThemeChoice::Dark => false,
        ThemeChoice::Light => true,
        ThemeChoice::Auto => {
            use terminal_colorsaurus::{QueryOptions, ThemeMode, theme_mode};
            let mut opts = QueryOptions::default();
            opts.timeout = Duration::from_millis(100);
            match theme_mode(opts) {
                Ok(mode) => mode == ThemeMode::Light,
                Err(_) => std::env::var("COLORFGBG")
                    .ok()
                    .and_then(|v| v.rsplit(';').next()?.trim().parse::<u8>().ok())
                    // Background 7 (grey) and 9-15 (bright) are light ones; 8 is dark grey.
                    .is_some_and(|bg| bg == 7 || bg >= 9),
            }
        }
    }
}

/// Open the viewer on the library of `paths` (files, and directories walked as `irview search`
/// walks them): the list shows at once and fills in as the files load in parallel, through the
/// cache, on rayon's pool.
pub fn run_library(paths: &[PathBuf], cache: Option<Cache>, start: Start) -> Result<()> {
    let (inputs, unreadable) = irview::library::inputs(paths);
    let total = inputs.len();
    let mouse = start.mouse;
    let light = light_background(start.theme);
    let mut session = terminal::Session::start(mouse)?;
    let size = session.terminal.size()?;
    let mut app = App::library(Shelf::new(unreadable, total), (size.width, size.height));
    if start.pane.is_some() || start.search.is_some() {
        app.first_open = Some((start.pane, start.search.clone()));
    }
    app.keymap = start.keymap;
    (app.light, app.depth, app.copy_allowed) = (light, view::theme::Depth::detect(), start.copy);
    app.step(Action::Resize(size.width, size.height));
    session.terminal.draw(|f| f.render_widget(&app, f.area()))?;
    let (tx, rx) = mpsc::channel();
    // Not joined: a user who quits while files still load does not wait for them.
    std::thread::spawn(move || {
        irview::library::load_each(&inputs, cache.as_ref(), |_, rows| {
            // The viewer may be gone by the time this is sent; that is fine.
            let _ = tx.send(rows);
        });
    });
    drive(&mut session, &mut app, &mut None, &mut Some(rx), mouse)
}

/// The event loop: keys to actions, the extraction's release (`job`) and the library's rows
/// (`rows`) as they arrive, a frame drawn when something changed, until the user quits.
fn drive(
    session: &mut terminal::Session,
    app: &mut App,
    job: &mut Option<mpsc::Receiver<irview::Release>>,
    rows: &mut Option<mpsc::Receiver<Vec<irview::library::Entry>>>,
    mouse: bool,
) -> Result<()> {
    // A change not drawn yet. While keys are still queued (fast typing, a held key, a paste)
    // a frame would be stale at once: the queue is emptied first, then one frame is drawn.
    let mut dirty = false;
    let mut last_key = Instant::now();
    while !app.quit && !session.stopped() {
        if let Some(rx) = rows {
            // Every file done since the last look, then one regrouping of the list.
            let mut got = Vec::new();
            let mut files = 0;
            let mut ended = false;
            loop {
                match rx.try_recv() {
                    Ok(r) => {
                        got.extend(r);
                        files += 1;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        ended = true;
                        break;
                    }
                }
            }
            if files > 0 {
                app.library_rows(got, files);
                dirty = true;
            }
            if ended {
                *rows = None;
            }
        }
        if let Some(rx) = job {
            match rx.try_recv() {
                Ok(release) => {
                    app.loaded(release);
                    (*job, dirty) = (None, true);
                }
                Err(TryRecvError::Disconnected) => {
                    app.extraction_failed();
                    (*job, dirty) = (None, true);
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        if dirty && !event::poll(Duration::ZERO)? {
            session
                .terminal
                .draw(|f| f.render_widget(&*app, f.area()))?;
            dirty = false;
        }
        // Poll with a timeout so a SIGTERM/SIGHUP flag is seen without a key press, and, while
        // extraction runs, so its result is shown within a frame or two.
        let wait = if job.is_some() || rows.is_some() {
            15
        } else if matches!(app.mode, Mode::Count { .. }) {
            50
        } else {
            250
        };
        if !event::poll(Duration::from_millis(wait))? {
            if matches!(app.mode, Mode::Count { .. }) && last_key.elapsed() >= COUNT_LAPSE {
                dirty |= app.step(Action::CountLapse);
            }
            // A terminal that went away without a SIGHUP reaching us (its window or tmux server
            // killed) reads as endless end-of-file, which crossterm reports as no input at all:
            // the viewer would spin on it forever. Asking its size fails once it is gone.
            session.terminal.size()?;
            continue;
        }
        let action = match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                last_key = Instant::now();
                app.keymap.action_for(&app.mode, &k)
            }
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Mouse(m) if mouse => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Down(3)),
                MouseEventKind::ScrollUp => Some(Action::Up(3)),
                _ => None,
            },
            _ => None,
        };
        let Some(action) = action else { continue };
        let changed = if action == Action::Suspend {
            session.suspend()?;
            let size = session.terminal.size()?;
            app.step(Action::Resize(size.width, size.height));
            true
        } else {
            app.step(action)
        };
        if let Some(text) = app.clipboard.take() {
            session.copy(&text)?;
        }
        dirty |= changed;
    }
    Ok(())
}

pub fn run(opened: Opened, name: String, start: Start) -> Result<()> {
    let mouse = start.mouse;
    // Asked before the session takes the terminal: the answer must not reach the key reader.
    let light = light_background(start.theme);
    let mut session = terminal::Session::start(mouse)?;
    let size = session.terminal.size()?;
    let (mut app, to_extract) = match opened {
        Opened::Ingested {
            ingested: Ingested::Document(doc),
            store,
        } => {
            let text_only = irview::unextracted(&doc, &name);
            (
                App::opening(text_only, (size.width, size.height)),
                Some((doc, store)),
            )
        }
        Opened::Ingested { ingested, .. } => (
            App::sized(irview::finish(ingested, &name), (size.width, size.height)),
            None,
        ),
        Opened::Ready(release) => (App::sized(*release, (size.width, size.height)), None),
    };
    app.keymap = start.keymap;
    (app.light, app.depth, app.copy_allowed) = (light, view::theme::Depth::detect(), start.copy);
    app.step(Action::Resize(size.width, size.height));
    app.open_at(start.pane, start.search.as_deref());
    session.terminal.draw(|f| f.render_widget(&app, f.area()))?;
    // Extraction starts once the text is on screen, so it does not slow the first frame down.
    let mut writer = None;
    let mut job = to_extract.map(|(doc, store)| {
        let (tx, rx) = mpsc::channel();
        writer = Some(std::thread::spawn(move || {
            let release = irview::finish(Ingested::Document(doc), &name);
            match store {
                // Shown first, stored after: a copy is kept for the write.
                Some(store) => {
                    let copy = release.clone();
                    // The viewer may be gone by the time this is sent; that is fine.
                    let _ = tx.send(release);
                    store.put(&copy);
                }
                None => {
                    let _ = tx.send(release);
                }
            }
        }));
        rx
    });
    drive(&mut session, &mut app, &mut job, &mut None, mouse)?;
    // An extraction that finished is let finish its write to the cache (a moment); one still
    // running when the user quits is not waited for.
    if job.is_none()
        && let Some(w) = writer
    {
        drop(session);
        let _ = w.join();
    }
    Ok(())
}
