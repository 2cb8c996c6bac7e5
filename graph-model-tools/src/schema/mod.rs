//! JSON Schema (draft 2020-12) export that says what the validator says.
//!
//! From any model loaded at run time: [`for_type`] (one type, or a
//! collection response of it, with its `$defs` closure), [`bundle`] (every
//! type), [`openapi`] (OpenAPI 3.1 `components.schemas`). Each in lenient or
//! strict [`Mode`], mirroring [`crate::validate::Mode`]: for every payload the
//! schema accepts exactly what the validator accepts without error, apart
//! from what no JSON Schema can express (listed in
//! [`graph_model_csdl::schema`]).
//!
//! ```
//! use graph_model_tools::schema::{for_type, Mode};
//! use graph_model_tools::validate::bundled_model;
//!
//! let s = for_type(bundled_model(), "microsoft.graph.customDataProvidedResourceUploadSession", false, Mode::Strict)?;
//! assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(s["$ref"], "#/$defs/microsoft.graph.customDataProvidedResourceUploadSession");
//! # Ok::<(), graph_model_csdl::Error>(())
//! ```

pub use graph_model_csdl::schema::{
    bundle, document_definition, for_document, for_type, openapi, primitive, Mode, DRAFT,
};

impl From<crate::validate::Mode> for Mode {
    fn from(m: crate::validate::Mode) -> Self {
        match m {
            crate::validate::Mode::Lenient => Mode::Lenient,
            crate::validate::Mode::Strict => Mode::Strict,
        }
    }
}
