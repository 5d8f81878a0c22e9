//! Typed errors of the library: each names the input and the reason, in one line.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{name}: {reason}")]
    Input { name: String, reason: String },
    #[error("{path}: {reason}")]
    Output { path: PathBuf, reason: String },
    /// `--document` named a release the file does not have; the reason lists those it has.
    #[error("{name}: {reason}")]
    Document { name: String, reason: String },
}

impl Error {
    /// The error for the user, in one line: which file, what went wrong ("cannot read x.txt:
    /// No such file or directory"), with no "(os error N)" tail and no control character of a
    /// file name or a parser's message.
    pub fn line(&self) -> String {
        use crate::text::safe;
        let msg = match self {
            Error::Io { path, source } => format!(
                "cannot read {}: {}",
                safe::marked(&path.to_string_lossy()),
                io_reason(source)
            ),
            Error::Output { path, reason } => format!(
                "cannot write {}: {reason}",
                safe::marked(&path.to_string_lossy())
            ),
            Error::Input { name, reason } | Error::Document { name, reason } => {
                format!("{}: {reason}", safe::marked(name))
            }
        };
        crate::text::one_line(&msg)
    }

    pub fn document(name: &str, reason: impl Into<String>) -> Self {
        Error::Document {
            name: name.to_string(),
            reason: reason.into(),
        }
    }

    pub fn input(name: &str, reason: impl Into<String>) -> Self {
        Error::Input {
            name: name.to_string(),
            reason: reason.into(),
        }
    }
}

/// An io error's reason without the "(os error N)" tail, lower-case like the rest of our messages.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::AlreadyExists => "already exists".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
