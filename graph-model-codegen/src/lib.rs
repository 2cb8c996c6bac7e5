//! # graph-model-codegen
//!
//! Reads Microsoft Graph (OData CSDL) `$metadata` into a resolved model with
//! source spans, and generates exact Rust types from it.
//!
//! The pipeline: [`csdl::read`] (XML → raw tree) → [`model::resolve`]
//! (names, inheritance, annotations, validation).

pub mod csdl;
pub mod diagnostics;
pub mod inspect;
pub mod model;

pub use diagnostics::{Diagnostic, Diagnostics, Severity, Span};
pub use model::{load_file, load_str, LoadOptions, Model};
