//! # graph-model
//!
//! Exact Microsoft Graph types generated from CSDL, with exact Edm
//! primitives, round-trip validation and a documentation-sample conformance
//! checker.
//!
//! ```
//! use graph_model::graph::{
//!     CustomDataProvidedResourceUploadSessionAny as SessionAny,
//!     CustomDataProvidedResourceUploadStatus as Status,
//! };
//! use graph_model::rt::WireEnum;
//! use graph_model::{Collection, Nullable};
//!
//! let body = r#"{"value": [{"id": "23f2", "status": "Complete", "referenceId": null,
//!                "expirationDateTime": "2024-03-07T01:35:12.123Z"}]}"#;
//! let list: Collection<SessionAny> = serde_json::from_str(body)?;
//! // The session type is abstract: without `@odata.type` a value is read as the
//! // declared type (`Base`); a subtype the model does not know is kept whole in
//! // `Unknown`.
//! let SessionAny::Base(s) = &list.items()[0] else { unreachable!() };
//! // "Complete" (as the docs write it) is not the member `complete`: it is
//! // kept verbatim, and can be matched on request.
//! assert_eq!(s.status, Some(Status::Other("Complete".into())));
//! assert_eq!(s.status.as_ref().unwrap().case_insensitive_match(), Some(Status::Complete));
//! // Absent, null and a value are three states.
//! assert_eq!(s.reference_id, Nullable::Null);
//! assert!(s.created_date_time.is_none());
//! // Properties the model does not have are kept...
//! assert_eq!(s.extra["expirationDateTime"], "2024-03-07T01:35:12.123Z");
//! // ...and everything is written back as it was read.
//! let again: serde_json::Value = serde_json::to_value(&list)?;
//! assert_eq!(again, serde_json::from_str::<serde_json::Value>(body)?);
//! # Ok::<(), serde_json::Error>(())
//! ```

#![warn(missing_docs)]

extern crate self as graph_model;

#[cfg(feature = "api")]
pub mod api;
mod collection;
#[cfg(feature = "model")]
pub mod conformance;
pub mod edm;
mod extra;
mod flags;
pub mod json;
pub mod lenient_json;
mod member_name;
mod nullable;
pub mod odata;
pub mod rt;
pub mod samples;
#[cfg(feature = "model")]
pub mod schema;
mod untyped;
#[cfg(feature = "model")]
pub mod validate;

pub use collection::Collection;
pub use flags::Flags;
pub use nullable::Nullable;
pub use rt::{Extra, UnknownSubtype};
pub use untyped::Untyped;

/// The generated model types, one module per CSDL namespace
/// (`microsoft.graph` → `microsoft::graph`). Every generated item is
/// documented (this module denies `missing_docs`).
#[deny(missing_docs)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/graph/mod.rs"));
}

/// The `microsoft.graph` namespace of the bundled model.
pub use generated::microsoft::graph;
