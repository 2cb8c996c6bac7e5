//! [`Error`]: one type for everything this crate refuses.

use std::fmt;

use crate::query::{EvalError, QueryError};
use crate::SyntaxError;

/// Why a URL, a query, an evaluation or a roles file was refused. The
/// specific errors that [`crate::parse_rule`], [`crate::query::parse`],
/// [`crate::query::bind`] and [`crate::query::eval`] return convert into it
/// with `?`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The text does not match the ABNF rule (with the position).
    Syntax(SyntaxError),
    /// A query option that does not parse or bind (each with its span).
    Query(Vec<QueryError>),
    /// A bound query that cannot be evaluated over a value.
    Eval(EvalError),
    /// A roles file (rule name → names) that is not what it should be.
    Roles(String),
    /// A path or context URL that names what the model does not have.
    Path(graph_model_csdl::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax(e) => fmt::Display::fmt(e, f),
            Error::Query(errors) => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    fmt::Display::fmt(e, f)?;
                }
                Ok(())
            }
            Error::Eval(e) => fmt::Display::fmt(e, f),
            Error::Roles(message) => write!(f, "roles: {message}"),
            Error::Path(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Syntax(e) => Some(e),
            Error::Query(errors) => errors.first().map(|e| e as _),
            Error::Eval(e) => Some(e),
            Error::Roles(_) => None,
            Error::Path(e) => Some(e),
        }
    }
}

impl From<graph_model_csdl::Error> for Error {
    fn from(e: graph_model_csdl::Error) -> Self {
        Error::Path(e)
    }
}

impl From<SyntaxError> for Error {
    fn from(e: SyntaxError) -> Self {
        Error::Syntax(e)
    }
}

impl From<QueryError> for Error {
    fn from(e: QueryError) -> Self {
        Error::Query(vec![e])
    }
}

impl From<Vec<QueryError>> for Error {
    fn from(e: Vec<QueryError>) -> Self {
        Error::Query(e)
    }
}

impl From<EvalError> for Error {
    fn from(e: EvalError) -> Self {
        Error::Eval(e)
    }
}
