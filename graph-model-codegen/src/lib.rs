//! # graph-model-codegen
//!
//! Reads Microsoft Graph (OData CSDL) `$metadata` into a resolved model with
//! source spans, and generates exact Rust types from it.
//!
//! The pipeline: [`csdl::read`] (XML → raw tree) → [`model::resolve`]
//! (names, inheritance, annotations, validation) → the Rust plan (names,
//! closure, boxing) → [`emit`] (text laid out as rustfmt would → files). The
//! [`Builder`] drives it from `build.rs`; the CLI drives it from a shell.
//!
//! Features: `read` (the reader and the resolved model), `emit` (the
//! generator; implies `read`), `cli` (the binary; default). Without any
//! the crate is empty.

#![warn(missing_docs)]

#[cfg(feature = "emit")]
mod builder;
#[cfg(feature = "read")]
pub mod closure;
#[cfg(feature = "read")]
pub mod csdl;
#[cfg(feature = "read")]
pub mod diagnostics;
#[cfg(feature = "emit")]
pub mod emit;
#[cfg(feature = "read")]
pub mod inspect;
#[cfg(feature = "read")]
pub mod model;
#[cfg(feature = "read")]
pub(crate) mod rust;
#[cfg(feature = "read")]
pub mod schema;

#[cfg(feature = "emit")]
pub use builder::{write_inside, Builder, Error};
#[cfg(feature = "read")]
pub use diagnostics::{Diagnostic, Diagnostics, Severity, Span};
#[cfg(feature = "read")]
pub use model::{load_file, load_str, LoadOptions, Model};
