//! The terminal session: enter and leave the alternate screen, and always leave it; and the
//! backend that is the viewer's guard: no cell it draws carries a control character.
//!
//! A panic hook restores the terminal (as `ratatui::init`'s does); the Drop guard covers
//! errors and normal returns; SIGTERM/SIGHUP set a flag the loop checks; Ctrl-z restores the
//! terminal, stops the process with SIGTSTP, and sets it up again when the shell resumes it.

use anyhow::Result;
use irview::text::safe;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::{Position, Size};
use std::borrow::Cow;
use std::io::{IsTerminal, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The viewer's terminal: ratatui over crossterm, through the guard.
pub type SafeTerminal = Terminal<Safe<CrosstermBackend<Stdout>>>;

pub struct Session {
    pub terminal: SafeTerminal,
    mouse: bool,
    stop: Arc<AtomicBool>,
}

impl Session {
    /// Put `text` on the terminal's clipboard with OSC 52, which works over SSH and through
    /// tmux (with `set-clipboard on`); a terminal that does not know it ignores it. The text is
    /// base64, so nothing in it can reach the terminal as a sequence.
    pub fn copy(&mut self, text: &str) -> Result<()> {
        use base64::Engine;
        use std::io::Write;
        let b64 = base64::engine::general_purpose::STANDARD.encode(text);
        let mut out = std::io::stdout().lock();
        write!(out, "\x1b]52;c;{b64}\x07")?;
        out.flush()?;
        Ok(())
    }

    pub fn start(mouse: bool) -> Result<Session> {
        if mouse {
            // Wrapped by the restoring hook installed below: the screen is restored first.
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
        // As `ratatui::try_init`, with the guard between the frames and the terminal.
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            ratatui::restore();
            prev(info);
        }));
        let terminal = enable_raw_mode()
            .and_then(|()| execute!(std::io::stdout(), EnterAlternateScreen))
            .and_then(|()| Terminal::new(Safe(CrosstermBackend::new(std::io::stdout()))))
            .map_err(|e| {
                ratatui::restore();
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

/// A backend that passes every cell through [`safe::text`] on its way to the terminal: whatever
/// a pane, a status message or a title holds, no escape sequence or control character reaches
/// the screen. (ratatui already drops control characters when it lays text into its buffer;
/// this guard does not rely on it.)
pub struct Safe<B>(pub B);

/// The cell as it may be drawn: a symbol with a control character in it is cleaned (newline and
/// tab too, which have no place in one cell), and one with nothing left is a space.
fn safe_cell(cell: &Cell) -> Cow<'_, Cell> {
    let sym = cell.symbol();
    if !sym.chars().any(char::is_control) {
        return Cow::Borrowed(cell);
    }
    let clean: String = safe::text(sym)
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let mut c = cell.clone();
    c.set_symbol(if clean.is_empty() { " " } else { &clean });
    Cow::Owned(c)
}

impl<B: Backend> Backend for Safe<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> =
            content.map(|(x, y, c)| (x, y, safe_cell(c))).collect();
        self.0
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c.as_ref())))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn the_guard_cleans_cells_ratatui_would_pass() {
        // Set directly into cells (not through set_string, which drops controls itself; a
        // one-byte control there trips a debug assertion of ratatui's before any backend).
        // (ratatui's diff measures a symbol as it is, so each sits apart from the next.)
        let mut t = Terminal::new(Safe(TestBackend::new(24, 1))).unwrap();
        t.draw(|f| {
            let buf = f.buffer_mut();
            buf[(0, 0)].set_symbol("\u{7}\u{7}");
            buf[(6, 0)].set_symbol("a\u{1b}[2J");
            buf[(14, 0)].set_symbol("\u{9b}");
            buf[(20, 0)].set_symbol("b");
        })
        .unwrap();
        let b = t.backend().0.buffer();
        let drawn: String = (0..24).map(|x| b[(x, 0)].symbol()).collect();
        assert!(!drawn.contains(char::is_control), "{drawn:?}");
        assert_eq!(drawn.split_whitespace().collect::<Vec<_>>(), ["a", "b"]);
    }
}
