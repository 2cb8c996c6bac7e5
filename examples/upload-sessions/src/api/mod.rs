//! Sans-IO requests and responses for the upload-session API: builders
//! that give an [`http::Request`] (method, URL, headers, body) and decoders
//! that read an [`http::Response`] into the generated types or a typed
//! [`GraphError`]. Nothing here does networking: send the requests with any
//! HTTP client, hand the responses back.
//!
//! ```
//! use upload_sessions::api::{decode, Shape, UploadSessions};
//! use graph_model::graph::CustomDataProvidedResourceUploadSessionAny as SessionAny;
//! use graph_model_odata::query::{self, Dialect};
//!
//! let api = UploadSessions::new("https://graph.microsoft.com/beta", Shape::AccessPackageCatalogs, "catalog-id", "resource-id");
//! let q = query::parse("$expand=files($orderby=uploadedDateTime desc)", Dialect::STANDARD)?;
//! let request = api.get("session-id", Some(&q));
//! assert_eq!(request.method(), http::Method::GET);
//! assert!(request.uri().to_string().ends_with("/uploadSessions/session-id?$expand=files($orderby=uploadedDateTime%20desc)"));
//! // Send it with any client; then read the answer:
//! let response = http::Response::builder().status(200).body(br#"{"id": "session-id"}"#.to_vec())?;
//! let session: SessionAny = decode(&response)?;
//! assert!(matches!(session, SessionAny::Base(s) if s.id.as_deref() == Some("session-id")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod multipart;
mod upload_sessions;

pub use error::{ApiError, ErrorDetail, GraphError};
pub use multipart::{FilePart, Multipart};
pub use upload_sessions::{Shape, UploadSessions};

use http::{Response, StatusCode};
use serde::de::DeserializeOwned;

use graph_model::Collection;

/// The preference that asks Graph for evolvable enum members.
pub const INCLUDE_UNKNOWN_ENUM_MEMBERS: &str = "include-unknown-enum-members";

/// Whether the response says Graph applied `Prefer:
/// include-unknown-enum-members` (its `Preference-Applied` header names it).
pub fn preference_applied(response: &Response<Vec<u8>>) -> bool {
    response
        .headers()
        .get_all("preference-applied")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim().eq_ignore_ascii_case(INCLUDE_UNKNOWN_ENUM_MEMBERS))
}

/// Reads a successful response's body as `T` and judges it as a response
/// with or without the preference applied, as its headers say: an
/// evolvable member in a response that did not apply it is a finding
/// (`evolvable-member-without-preference`).
pub fn decode_judged<T>(
    response: &Response<Vec<u8>>,
    mode: graph_model_tools::validate::Mode,
) -> Result<(T, graph_model_tools::validate::Report), ApiError>
where
    T: DeserializeOwned + serde::Serialize + graph_model::GraphType,
{
    use graph_model_tools::validate::{bundled_model, read_typed_in, Context};
    let value: T = decode(response)?;
    let text = String::from_utf8_lossy(response.body());
    let context = Context::RESPONSE.with_preference(preference_applied(response));
    let (_, report) = read_typed_in::<T>(bundled_model(), &text, mode, context);
    Ok((value, report))
}

/// The body of a successful response (200, 201) as `T`; a 204 or any
/// other status is an error (Graph error bodies are read into
/// [`GraphError`]).
pub fn decode<T: DeserializeOwned>(response: &Response<Vec<u8>>) -> Result<T, ApiError> {
    let status = response.status();
    if !status.is_success() {
        return Err(ApiError::from_failure(response));
    }
    if status == StatusCode::NO_CONTENT || response.body().is_empty() {
        return Err(ApiError::NoBody { status });
    }
    serde_json::from_slice(response.body()).map_err(|error| ApiError::Json { status, error })
}

/// A response that carries no body on success (204 No Content).
pub fn decode_empty(response: &Response<Vec<u8>>) -> Result<(), ApiError> {
    match response.status() {
        s if s.is_success() => Ok(()),
        _ => Err(ApiError::from_failure(response)),
    }
}

/// A page of a collection and the request for the next one, if any.
pub type Page<T> = (Collection<T>, Option<http::Request<Vec<u8>>>);

/// A page of a collection, and the request for the next one
/// (`@odata.nextLink`), if there is one: the caller drives the paging.
pub fn decode_page<T: DeserializeOwned + serde::Serialize>(
    response: &Response<Vec<u8>>,
) -> Result<Page<T>, ApiError> {
    let page: Collection<T> = decode(response)?;
    let next = page.next_link.as_deref().map(get);
    Ok((page, next))
}

/// A bodiless GET of `url` with `Accept: application/json`.
pub(crate) fn get(url: &str) -> http::Request<Vec<u8>> {
    request(http::Method::GET, url, None)
}

/// A request with an optional JSON body.
pub(crate) fn request(
    method: http::Method,
    url: &str,
    json: Option<Vec<u8>>,
) -> http::Request<Vec<u8>> {
    let mut b = http::Request::builder()
        .method(method)
        .uri(url)
        .header(http::header::ACCEPT, "application/json");
    if json.is_some() {
        b = b.header(http::header::CONTENT_TYPE, "application/json");
    }
    b.body(json.unwrap_or_default())
        .expect("method, a URL built from encoded parts, and constant headers are valid")
}
