//! The full-screen viewer: `App` holds the state and `step(Action)` changes it; keys become
//! actions through the keymap; `view` draws `&App`; `terminal` sets up and restores the screen.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod terminal;
pub mod view;
pub mod wrap;

#[cfg(test)]
mod tests;

use action::Action;
use anyhow::Result;
use app::App;
use irview::Release;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use std::time::Duration;

/// Open the viewer on a release and run until the user quits.
pub fn run(release: Release, mouse: bool) -> Result<()> {
    let mut app = App::new(release);
    let mut session = terminal::Session::start(mouse)?;
    let size = session.terminal.size()?;
    app.step(Action::Resize(size.width, size.height));
    session.terminal.draw(|f| f.render_widget(&app, f.area()))?;
    // A change not drawn yet. While keys are still queued (fast typing, a held key, a paste)
    // a frame would be stale at once: the queue is emptied first, then one frame is drawn.
    let mut dirty = false;
    while !app.quit && !session.stopped() {
        if dirty && !event::poll(Duration::ZERO)? {
            session.terminal.draw(|f| f.render_widget(&app, f.area()))?;
            dirty = false;
        }
        // Poll with a timeout so a SIGTERM/SIGHUP flag is seen without a key press.
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Press => app.keymap.action_for(&app.mode, &k),
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
        dirty |= changed;
    }
    Ok(())
}
