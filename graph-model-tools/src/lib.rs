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
//! use graph_model_tools::validate::{bundled_model, validate_dynamic, Mode};
//!
//! let report = validate_dynamic(
//!     bundled_model(),
//!     "microsoft.graph.customDataProvidedResourceUploadSession",
//!     false,
//!     r#"{"id": "1", "status": "complete", "isUploadDone": "yes"}"#,
//!     Mode::Lenient,
//! )?;
//! assert_eq!(report.findings.len(), 1);
//! assert_eq!(report.findings[0].pointer, "/isUploadDone");
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
