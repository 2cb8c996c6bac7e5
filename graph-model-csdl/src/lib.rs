//! # graph-model-csdl
//!
//! Reads Microsoft Graph (OData CSDL XML) `$metadata` into a resolved model
//! with `file:line:col` spans, resolves OData resource paths against it, and
//! exports JSON Schema (draft 2020-12) for its types.
//!
//! The pipeline's first half: [`csdl::read`] (XML → raw tree, with every
//! element's span) → [`model::resolve`] (names, aliases, inheritance,
//! annotations, checks) → a [`Model`]. [`load_file`] and [`load_str`] do
//! both. The code generator (`graph-model-codegen`), the validator and the
//! OData layer all start from a [`Model`].
//!
//! ```
//! let csdl = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
//!   <edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="ns">
//!     <EntityType Name="thing"><Key><PropertyRef Name="id"/></Key>
//!       <Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
//!   </Schema></edmx:DataServices></edmx:Edmx>"#;
//! let model = graph_model_csdl::load_str("ns.xml", csdl, Default::default())?;
//! assert!(model.lookup("ns.thing").is_some());
//! # Ok::<(), graph_model_csdl::Diagnostics>(())
//! ```
//!
//! Errors are [`Diagnostic`]s: a severity, a kind, a message and the
//! [`Span`] (`file:line:col`) of the element they are about.

#![warn(missing_docs)]

pub mod csdl;
pub mod diagnostics;
mod error;
pub mod model;
pub mod schema;

pub use diagnostics::{Diagnostic, Diagnostics, Severity, Span};
pub use error::Error;
pub use model::{load_file, load_str, LoadOptions, Model};
