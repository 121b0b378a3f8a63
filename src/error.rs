//! The library's error type: every failure names what it was reading.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened, read or written.
    #[error("{path}: {error}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying I/O error (in the message, so not repeated as a source).
        error: std::io::Error,
    },
    /// A record in an input file is malformed.
    #[error("{path}:{line}: {message}")]
    Record {
        /// The input file (`-` for standard input).
        path: PathBuf,
        /// 1-based line number (for CSV: the record's line).
        line: u64,
        /// What is wrong with the record.
        message: String,
    },
    /// An input as a whole is unusable (empty, binary, no articles, ...).
    #[error("{path}: {message}")]
    Input {
        /// The input file or directory.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A model file is not a valid model for this version of the tool.
    #[error("{path}: {message}")]
    Model {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Invalid settings or hyper-parameters.
    #[error("invalid setting: {0}")]
    Settings(String),
    /// Training could not produce a model from the given data (the CLI says "training failed").
    #[error("{0}")]
    Training(String),
    /// An error reported by linfa (`linfa::traits::Fit` requires the conversion).
    #[error(transparent)]
    Linfa(#[from] linfa::Error),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error: source,
        }
    }

    /// A malformed record at `path:line`.
    pub fn record(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Self {
        Error::Record {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// An unusable input.
    pub fn input(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }

    /// A problem at `path:line` when the line is known, else with the whole of `path`.
    pub fn at(path: impl Into<PathBuf>, line: Option<u64>, message: impl Into<String>) -> Self {
        match line {
            Some(line) => Error::record(path, line, message),
            None => Error::input(path, message),
        }
    }

    /// An invalid model file.
    pub fn model(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Model {
            path: path.into(),
            message: message.into(),
        }
    }
}
