//! # graph-model
//!
//! Exact Microsoft Graph types generated from CSDL, with exact Edm
//! primitives, round-trip validation and JSON Schema export.

extern crate self as graph_model;

mod collection;
pub mod conformance;
pub mod edm;
mod flags;
pub mod lenient_json;
mod nullable;
pub mod rt;
pub mod samples;
pub mod validate;

pub use collection::Collection;
pub use flags::Flags;
pub use nullable::Nullable;
pub use rt::{Extra, UnknownSubtype};

/// The generated model types, one module per CSDL namespace
/// (`microsoft.graph` → `microsoft::graph`).
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/graph/mod.rs"));
}

/// The `microsoft.graph` namespace of the bundled model.
pub use generated::microsoft::graph;
