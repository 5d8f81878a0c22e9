//! Headless commands of the binary (json, export, search) and the plumbing they share:
//! stdout that tolerates a closed pipe, and errors said in one line.

pub mod search;

use std::io::{self, BufWriter, StdoutLock, Write};

/// So a serializer can stream into it (a big release's JSON is never held whole in memory).
impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Stdout::write(self, buf).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Stdout::flush(self)
    }
}

/// Buffered stdout where a closed pipe (`irview json x | head -1`) means the reader is done:
/// writes after it are dropped silently instead of failing or panicking like `print!`.
pub struct Stdout {
    inner: BufWriter<StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    pub fn new() -> Self {
        Stdout {
            inner: BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            closed: false,
        }
    }

    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
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
    let msg = match e.downcast_ref::<irview::Error>() {
        Some(irview::Error::Io { path, source }) => {
            format!(
                "cannot read {}: {}",
                display_path(path),
                irview::export::io_reason(source)
            )
        }
        Some(irview::Error::Output { path, reason }) => {
            format!("cannot write {}: {reason}", display_path(path))
        }
        Some(irview::Error::Input { name, reason } | irview::Error::Document { name, reason }) => {
            format!("{}: {reason}", sanitize(name))
        }
        None => match e.downcast_ref::<io::Error>() {
            Some(io) => irview::export::io_reason(io),
            None => e.to_string(),
        },
    };
    one_line(&msg)
}

/// Fold whitespace runs (newlines included) into single spaces.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A path as shown to the user: control characters in file names become `?` so a hostile
/// name cannot drive the terminal.
pub fn display_path(p: &std::path::Path) -> String {
    sanitize(&p.to_string_lossy())
}

pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
