//! [`Error`]: what the reader's fallible functions return.

use std::fmt;

use crate::diagnostics::Diagnostics;

/// Why a model, a resource path, a context URL or a type name could not be
/// had.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The CSDL could not be loaded (or has errors, when loaded strictly):
    /// every diagnostic, each with its `file:line:col`.
    Load(Diagnostics),
    /// A request URL's resource path or an `@odata.context` that names
    /// something the model does not have; the message says which segment.
    Path {
        /// The URL or context URL as given.
        input: String,
        /// What does not resolve.
        message: String,
    },
    /// A type name the model does not have, or a type of another kind than
    /// the one asked for.
    Type {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load(d) => fmt::Display::fmt(d, f),
            Error::Path { message, .. } | Error::Type { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Load(d) => Some(d),
            _ => None,
        }
    }
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Load(d)
    }
}
