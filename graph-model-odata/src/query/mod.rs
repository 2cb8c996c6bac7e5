//! Query options (`$filter`, `$orderby`, `$expand` with nested options,
//! `$select`, `$top`, `$skip`, `$count`, `$search`, `$format`, aliases):
//! parsed into an AST whose every node knows its byte range in the query
//! as written ([`parse`]), bound to a model type ([`bind`]), written back
//! in canonical form ([`Query::to_canonical`]) and evaluated in memory
//! over JSON values ([`eval`]).
//!
//! The parser follows the OData URL conventions (4.01) and their ABNF; the
//! ABNF matcher of the parent module is its independent check in the
//! tests. [`Dialect::graph`] accepts what Microsoft Graph accepts beyond
//! the standard: `+` for a space, keywords and function names in any case,
//! system options without `$`.
//!
//! ```
//! use graph_model_odata::query::{self, bind, eval, Dialect, Restrictions};
//!
//! // The model the bundled types were generated from.
//! let model = &graph_model_csdl::load_str("seed.xml", graph_model::generated::METADATA, Default::default())?;
//! let session = model.lookup("microsoft.graph.customDataProvidedResourceUploadSession").unwrap();
//! let q = query::parse("$expand=files($filter=size gt 1000000;$orderby=name asc)", Dialect::STANDARD)?;
//! // The list page's table: on files, `name` allows eq/ne; size and uploadedDateTime eq…le.
//! let bound = bind(model, session, false, q, &Restrictions::upload_session_files()).map_err(|e| e[0].clone())?;
//! let answered = eval(&bound, &serde_json::json!({"id": "s", "files": [
//!     {"name": "b.csv", "size": 2000000}, {"name": "a.csv", "size": 10}, {"name": "c.csv", "size": 3000000}]}))?;
//! assert_eq!(answered["files"][0]["name"], "b.csv");
//! assert_eq!(bound.query.to_canonical(), "$expand=files($filter=size%20gt%201000000;$orderby=name)");
//!
//! // `$expand=filez` is refused where it is written, with the closest name.
//! let q = query::parse("$expand=filez", Dialect::STANDARD)?;
//! let errors = bind(model, session, false, q, &Restrictions::new()).unwrap_err();
//! assert_eq!((errors[0].span.clone(), errors[0].suggestion.as_deref()), (8..13, Some("files")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ast;
mod bind;
mod eval;
mod evolvable;
mod expr;
mod functions;
mod lexer;
mod options;
mod restrictions;
mod source;
mod write;

use std::fmt;
use std::ops::Range;

pub use ast::*;
pub use bind::{bind, Bound, ExprType};
pub use eval::{eval, eval_items, EvalError};
pub use expr::MAX_NESTING;
pub use restrictions::{Operators, Restrictions};
pub use write::encode;

/// What the parser accepts beyond the standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Dialect {
    /// `+` in the query is a space (HTML form encoding, which Graph's
    /// server applies); the standard reads it as `+`.
    pub plus_is_space: bool,
    /// `and`, `eq`, `startswith`… in any case (`startsWith`, `NOT`).
    pub case_insensitive: bool,
    /// `filter=` for `$filter=` (OData 4.01 allows it when no custom
    /// option has that name).
    pub optional_dollar: bool,
}

impl Dialect {
    /// The OData 4.01 standard, to the letter.
    pub const STANDARD: Dialect = Dialect {
        plus_is_space: false,
        case_insensitive: false,
        optional_dollar: false,
    };

    /// What Microsoft Graph's service accepts.
    pub const fn graph() -> Dialect {
        Dialect {
            plus_is_space: true,
            case_insensitive: true,
            optional_dollar: true,
        }
    }
}

/// How bad a finding is: [`Severity::Error`] when the query is wrong (the
/// service refuses it, or it cannot mean what it says),
/// [`Severity::Warning`] when the metadata says the service does not
/// support it (capability annotations, which Graph's metadata does not
/// always get right).
pub use graph_model_csdl::Severity;

/// A problem with a query, at a byte range of the query text as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// Byte range in the query text as written.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// The closest valid name, when a name is misspelt.
    pub suggestion: Option<String>,
    /// Error or warning.
    pub severity: Severity,
}

impl QueryError {
    pub(crate) fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            suggestion: None,
            severity: Severity::Error,
        }
    }

    pub(crate) fn suggest(mut self, s: Option<&str>) -> Self {
        self.suggestion = s.map(str::to_string);
        self
    }

    pub(crate) fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{level} at {}..{}: {}",
            self.span.start, self.span.end, self.message
        )?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

/// Parses a query string (`$filter=…&$top=5`; a leading `?` is skipped).
/// Spans are byte offsets in `query`.
pub fn parse(query: &str, dialect: Dialect) -> Result<Query, QueryError> {
    options::parse_query(query, dialect)
}

/// Parses one expression (a `$filter` value as written).
pub fn parse_expr(text: &str, dialect: Dialect) -> Result<Expr, QueryError> {
    let src = source::Source::decode(text, 0..text.len(), dialect.plus_is_space)?;
    expr::Parser::new(&src, 0..src.text.len(), dialect).whole()
}

/// The query string of a URL: what follows the first `?`, up to `#`, and
/// its byte offset in `url`.
pub fn query_of(url: &str) -> Option<(&str, usize)> {
    let q = url.find('?')?;
    let rest = &url[q + 1..];
    let end = rest.find('#').unwrap_or(rest.len());
    Some((&rest[..end], q + 1))
}
