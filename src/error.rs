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
