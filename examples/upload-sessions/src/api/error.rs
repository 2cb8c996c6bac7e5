//! Graph's error body (`{"error": {"code", "message", "innerError",
//! "details"}}`) and what can go wrong reading a response.

use std::fmt;

use http::{Response, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `error` object of a failed Graph response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphError {
    /// The HTTP status it came with (not part of the body).
    #[serde(skip)]
    pub status: u16,
    /// `code`: `badRequest`, `Request_ResourceNotFound`…
    #[serde(default)]
    pub code: String,
    /// `message`: for people.
    #[serde(default)]
    pub message: String,
    /// `target`, when the service names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// `details`: further errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
    /// `innerError` (`request-id`, `date`, `client-request-id`…), kept whole.
    #[serde(
        default,
        rename = "innerError",
        alias = "innererror",
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<Value>,
}

/// One of `details`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// `code`.
    #[serde(default)]
    pub code: String,
    /// `message`.
    #[serde(default)]
    pub message: String,
    /// `target`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

impl GraphError {
    /// `innerError`'s `request-id`, what Microsoft support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.inner_error.as_ref()?.get("request-id")?.as_str()
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for GraphError {}

/// Why a response did not give what was asked.
#[derive(Debug)]
pub enum ApiError {
    /// The service answered with an error body.
    Graph(Box<GraphError>),
    /// A failure status without a Graph error body (kept as text).
    Status {
        /// The status.
        status: StatusCode,
        /// The body, as text.
        body: String,
    },
    /// A success without the body that was expected (204).
    NoBody {
        /// The status.
        status: StatusCode,
    },
    /// The body is not the expected JSON.
    Json {
        /// The status.
        status: StatusCode,
        /// Where and why.
        error: serde_json::Error,
    },
}

impl ApiError {
    pub(crate) fn from_failure(response: &Response<Vec<u8>>) -> Self {
        #[derive(Deserialize)]
        struct Envelope {
            error: GraphError,
        }
        let status = response.status();
        match serde_json::from_slice::<Envelope>(response.body()) {
            Ok(Envelope { mut error }) => {
                error.status = status.as_u16();
                ApiError::Graph(Box::new(error))
            }
            Err(_) => ApiError::Status {
                status,
                body: String::from_utf8_lossy(response.body()).into_owned(),
            },
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Graph(e) => e.fmt(f),
            ApiError::Status { status, body } => write!(f, "{status}: {body}"),
            ApiError::NoBody { status } => write!(f, "{status} without the expected body"),
            ApiError::Json { status, error } => {
                write!(f, "{status}, body not as expected: {error}")
            }
        }
    }
}

impl std::error::Error for ApiError {}
