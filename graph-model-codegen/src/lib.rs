//! # graph-model-codegen
//!
//! Generates exact Rust types from Microsoft Graph (OData CSDL) `$metadata`:
//! structs with inherited properties materialised, open enums that keep
//! `unknownFutureValue` and any value the model has never seen, flags
//! enums, `@odata.type` polymorphism with an unknown-subtype branch, absent
//! vs `null` vs value, and every member the model does not know kept.
//!
//! The pipeline's second half, after `graph-model-csdl` has read and
//! resolved the model: [`closure`] (which types a set of roots needs) → the
//! Rust plan (names, boxing) → [`emit`] (text laid out as rustfmt would →
//! files). The [`Builder`] drives it from `build.rs`:
//!
//! ```no_run
//! graph_model_codegen::Builder::new()
//!     .input("metadata.xml")
//!     .root("microsoft.graph.user")
//!     .out_dir(std::env::var("OUT_DIR").unwrap())
//!     .generate()
//!     .unwrap();
//! ```
//!
//! The generated code depends on the `graph-model` runtime crate.
//! Features: `cli` (the `graph-model-codegen` binary; off by default, so a
//! build script compiles no argument parser).

#![warn(missing_docs)]

pub mod areas;
mod builder;
pub mod closure;
pub mod diff;
#[doc(hidden)]
pub mod emit;
pub mod inspect;
pub(crate) mod rust;

// The reader's modules under their old paths inside this crate.
pub(crate) use graph_model_csdl::{csdl, diagnostics, model, schema};

pub use builder::{write_inside, Builder, Error};
pub use emit::File;
pub use graph_model_csdl::{self as csdl_model, Diagnostic, Diagnostics, Model, Severity, Span};
pub use graph_model_csdl::{load_file, load_str, LoadOptions};
