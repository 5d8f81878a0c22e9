//! Headless commands of the binary (json, export, search, series, diff) and the plumbing they share:
//! stdout that tolerates a closed pipe and lets no control character through, and errors said
//! in one clean line.

pub mod config;
pub mod fetch;
pub mod search;
pub mod series;

use irview::text::safe;
use std::io::{self, BufWriter, StdoutLock, Write};

/// So a serializer can stream into it (a big release's JSON is never held whole in memory).
/// Bytes written this way pass [`safe::Filter`]: JSON escapes its control characters, so the
/// filter only ever drops what should not have been there.
impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let passed = self.filter.pass(buf);
        self.raw(&passed).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Stdout::flush(self)
    }
}

/// An escape sequence of irview's own (search's colours): the only bytes that reach stdout
/// without the sanitizer. Made only from the constants below, never from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sgr(&'static str);

pub const BOLD_RED: Sgr = Sgr("\x1b[1;31m");
pub const MAGENTA: Sgr = Sgr("\x1b[35m");
pub const GREEN: Sgr = Sgr("\x1b[32m");
pub const CYAN: Sgr = Sgr("\x1b[36m");
pub const RESET: Sgr = Sgr("\x1b[0m");

impl Sgr {
    #[cfg(test)]
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

/// Buffered stdout where a closed pipe (`irview json x | head -1`) means the reader is done:
/// writes after it are dropped silently instead of failing or panicking like `print!`.
///
/// Every text written goes through [`safe::text`] (escape sequences and control characters
/// removed, newline and tab kept): the one guard between any string of a release, a file name or
/// a message, and the user's terminal.
pub struct Stdout {
    inner: BufWriter<StdoutLock<'static>>,
    closed: bool,
    filter: safe::Filter,
}

impl Stdout {
    pub fn new() -> Self {
        Stdout {
            inner: BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            closed: false,
            filter: safe::Filter::default(),
        }
    }

    /// Write text, sanitized.
    pub fn write(&mut self, text: &str) -> io::Result<()> {
        self.raw(safe::text(text).as_bytes())
    }

    /// Write one of irview's own colour sequences.
    pub fn sgr(&mut self, s: Sgr) -> io::Result<()> {
        self.raw(s.0.as_bytes())
    }

    fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.write_all(bytes);
        self.check(r)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let held = self.filter.finish();
        if !held.is_empty() {
            self.raw(held)?;
        }
        let r = self.inner.flush();
        self.check(r)
    }

    /// True once the reader has gone away: callers can stop producing output.
    pub fn closed(&self) -> bool {
        self.closed
    }

    fn check(&mut self, r: io::Result<()>) -> io::Result<()> {
        // (see the type's note: a closed pipe ends output quietly)
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        // Flushing a closed pipe on drop must stay silent too.
        // (BufWriter's own drop ignores write errors, so a closed pipe cannot panic there.)
        let _ = self.flush();
    }
}

/// One line for the user: which file, what went wrong. Library errors carry the path; io errors
/// lose their "(os error N)" tail; multi-line messages (regex, serde) are folded into one line.
pub fn describe(e: &anyhow::Error) -> String {
    match e.downcast_ref::<irview::Error>() {
        Some(e) => e.line(),
        None => one_line(&match e.downcast_ref::<io::Error>() {
            Some(io) => irview::export::io_reason(io),
            None => e.to_string(),
        }),
    }
}

pub use irview::text::one_line;

/// Say one line on stderr, "irview: " first: folded to one line and sanitized, since a message
/// may quote a file's content (a parser's error) or a name.
pub fn report(msg: &str) {
    let line = one_line(msg);
    eprintln!("irview: {}", safe::text(&line));
}

/// A path as shown to the user: control characters in file names become `?` so a hostile
/// name cannot drive the terminal, yet stays recognisable.
pub fn display_path(p: &std::path::Path) -> String {
    safe::marked(&p.to_string_lossy()).into_owned()
}
