//! # graph-model-codegen
//!
//! Reads Microsoft Graph (OData CSDL) `$metadata` into a resolved model with
//! source spans, and generates exact Rust types from it.
//!
//! The pipeline: [`csdl::read`] (XML → raw tree) → [`model::resolve`]
//! (names, inheritance, annotations, validation) → the Rust plan (names,
//! closure, boxing) → [`emit`] (text laid out as rustfmt would → files). The
//! [`Builder`] drives it from `build.rs`; the CLI drives it from a shell.

#![warn(missing_docs)]

#[cfg(feature = "emit")]
mod builder;
pub mod closure;
pub mod csdl;
pub mod diagnostics;
#[cfg(feature = "emit")]
pub mod emit;
pub mod inspect;
pub mod model;
pub(crate) mod rust;
pub mod schema;

#[cfg(feature = "emit")]
pub use builder::{write_inside, Builder, Error};
pub use diagnostics::{Diagnostic, Diagnostics, Severity, Span};
pub use model::{load_file, load_str, LoadOptions, Model};
