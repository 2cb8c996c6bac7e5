//! # graph-model
//!
//! Exact Microsoft Graph types generated from CSDL, with exact Edm
//! primitives, round-trip validation and JSON Schema export.

extern crate self as graph_model;

pub mod edm;
mod flags;
mod nullable;
pub mod rt;

pub use flags::Flags;
pub use nullable::Nullable;
pub use rt::{Extra, UnknownSubtype};
