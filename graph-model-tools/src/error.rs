//! [`Error`]: what the tools' fallible functions return.

use std::fmt;
use std::path::PathBuf;

/// Why a validation, a sample file or a payload's type could not be had.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A type name the model does not have, or a type of another kind than
    /// the one asked for.
    Type {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A sample file that its reader cannot read (a `.jsonl` line that is
    /// not a record, say), with the place.
    Samples {
        /// The file, and the line where that applies.
        place: String,
        /// What is wrong there.
        message: String,
    },
    /// What a payload is could not be told: its annotation, URL or
    /// `@odata.context` names nothing the model has.
    Document(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Type { message, .. } => f.write_str(message),
            Error::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Error::Samples { place, message } => write!(f, "{place}: {message}"),
            Error::Document(message) => f.write_str(message),
        }
    }
}

impl From<graph_model_csdl::Error> for Error {
    fn from(e: graph_model_csdl::Error) -> Self {
        match e {
            graph_model_csdl::Error::Type { name, message } => Error::Type { name, message },
            other => Error::Document(other.to_string()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
