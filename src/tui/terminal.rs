//! The terminal session: enter and leave the alternate screen, and always leave it.
//!
//! `ratatui::init` installs a panic hook that restores the terminal; the Drop guard covers
//! errors and normal returns; SIGTERM/SIGHUP set a flag the loop checks; Ctrl-z restores the
//! terminal, stops the process with SIGTSTP, and sets it up again when the shell resumes it.

use anyhow::Result;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Session {
    pub terminal: DefaultTerminal,
    mouse: bool,
    stop: Arc<AtomicBool>,
}

impl Session {
    pub fn start(mouse: bool) -> Result<Session> {
        if mouse {
            // Runs before ratatui's hook (installed by init), which then restores the screen.
            let prev = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                let _ = execute!(std::io::stdout(), DisableMouseCapture);
                prev(info);
            }));
        }
        let stop = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
            signal_hook::flag::register(sig, Arc::clone(&stop))?;
        }
        // Keys come from the controlling terminal (`/dev/tty`), so a release can be piped in
        // (`irview -`); the screen is stdout. Either missing: say so, not just "ENXIO".
        if !std::io::stdout().is_terminal() {
            anyhow::bail!(
                "the viewer needs a terminal and stdout is not one (for scripts: irview json, export, search)"
            );
        }
        let terminal = ratatui::try_init().map_err(|e| {
            anyhow::anyhow!(
                "no terminal to run the viewer in ({}); for scripts: irview json, export, search",
                irview::export::io_reason(&e)
            )
        })?;
        let s = Session {
            terminal,
            mouse,
            stop,
        };
        if mouse {
            execute!(std::io::stdout(), EnableMouseCapture)?;
        }
        Ok(s)
    }

    /// True once SIGTERM or SIGHUP arrived.
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn leave(&self) {
        if self.mouse {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
        }
        ratatui::restore();
    }

    /// Ctrl-z: give the terminal back, stop, and take it again on `fg`.
    pub fn suspend(&mut self) -> Result<()> {
        self.leave();
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        enable_raw_mode()?;
        execute!(std::io::stdout(), EnterAlternateScreen)?;
        if self.mouse {
            execute!(std::io::stdout(), EnableMouseCapture)?;
        }
        self.terminal.clear()?;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.leave();
    }
}
