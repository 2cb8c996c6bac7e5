//! # graph-model
//!
//! Exact Microsoft Graph types generated from CSDL `$metadata`, and the
//! runtime they stand on: exact Edm primitives ([`edm`]), absent / `null` /
//! value ([`Nullable`]), members the model does not know ([`Extra`]), flags
//! enums ([`Flags`]), collection responses ([`Collection`]), any JSON kept
//! byte for byte ([`Untyped`]), and open enums ([`WireEnum`]).
//!
//! The types of the bundled model (the beta entitlement-management
//! upload-session API) are in [`graph`]; another model's come from
//! `graph-model-codegen` in your own `build.rs`, or from this crate's
//! `codegen` feature (see the README). The validator, the documentation
//! conformance checker and the CLI are in `graph-model-tools`; the OData
//! URL and query layer in `graph-model-odata`.
//!
//! ```
//! use graph_model::graph::{
//!     CustomDataProvidedResourceUploadSessionAny as SessionAny,
//!     CustomDataProvidedResourceUploadStatus as Status,
//! };
//! use graph_model::{Collection, Nullable, WireEnum};
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

mod collection;
pub mod edm;
mod extra;
mod flags;
pub mod json;
mod nullable;
#[doc(hidden)]
pub mod rt;
mod short_str;
mod untyped;

pub use collection::Collection;
pub use flags::Flags;
pub use nullable::Nullable;
pub use rt::{Extra, ExtraIntoIter, ExtraIter, GraphType, TypeVisitor, UnknownSubtype, WireEnum};
pub use untyped::Untyped;

/// The generated model types, one module per CSDL namespace
/// (`microsoft.graph` → `microsoft::graph`). Every generated item is
/// documented (this module denies `missing_docs`).
#[deny(missing_docs)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/graph/mod.rs"));

    /// The CSDL `$metadata` these types were generated from (the bundled
    /// `metadata/graph-seed.xml`, or the file `GRAPH_MODEL_METADATA` named),
    /// so that a validator checks payloads against the same model.
    pub const METADATA: &str = include_str!(concat!(env!("OUT_DIR"), "/graph/model.xml"));
}

#[deny(missing_docs)]
pub mod v1;

/// The `microsoft.graph` namespace of the bundled model.
pub use generated::microsoft::graph;
