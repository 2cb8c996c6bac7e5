//! # graph-model-tools
//!
//! What checks Graph JSON against a model: the validator ([`validate`],
//! typed and dynamic, one verdict, findings at JSON pointers), the JSON
//! Schema export beside it ([`schema`]), the documentation-sample readers
//! ([`samples`]) and conformance checker ([`conformance`]), the lenient
//! reader for what the documentation writes ([`lenient_json`]), and the
//! `graph-model` command line that drives them (feature `cli`, default on).
//!
//! ```
//! use graph_model_tools::validate::{bundled_model, validate_dynamic, Mode, Severity};
//!
//! let report = validate_dynamic(
//!     bundled_model(),
//!     "microsoft.graph.customDataProvidedResourceFile",
//!     false,
//!     r#"{"id": "1", "name": "a.csv", "size": "big", "note": "kept"}"#,
//!     Mode::Lenient,
//! )?;
//! // `size` is an Edm.Int64: an error at its pointer; `note` is not in the
//! // model: a warning (an error with Mode::Strict).
//! let found: Vec<_> = report.findings.iter().map(|f| (f.pointer.as_str(), f.severity)).collect();
//! assert_eq!(found, [("/size", Severity::Error), ("/note", Severity::Warning)]);
//! # Ok::<(), graph_model_tools::Error>(())
//! ```

#![warn(missing_docs)]

pub mod conformance;
mod error;
pub mod lenient_json;
pub mod samples;
pub mod schema;
pub mod validate;

pub use error::Error;
