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
}

impl Error {
    pub fn input(name: &str, reason: impl Into<String>) -> Self {
        Error::Input {
            name: name.to_string(),
            reason: reason.into(),
        }
    }
}
