//! Microsoft Graph **v1.0**: the types of the bundled `$metadata` snapshot
//! (see [`SOURCE`]), one Cargo feature per area of the API.
//!
//! An area is an entity set or singleton of the service (`users`, `groups`,
//! `drives`, `identity_governance`, … 72 in all): its entity type and
//! everything its URL subtree contains (containment navigation, without
//! limit), with the types of their properties and every subtype of a
//! polymorphic type. `full` turns every area on and adds the types no area
//! brings (results of functions such as `workbookRange`). The table of
//! areas, with what each brings, is `FEATURES.md` in this crate.
//!
//! ```toml
//! graph-model = { version = "0.1", features = ["users"] }
//! ```
//!
//! ```ignore
//! use graph_model::v1::User;
//! let user: User = serde_json::from_str(r#"{"id":"1","displayName":"Adele"}"#)?;
//! ```
//!
//! Features are additive: a type's code is the same whichever features are
//! on, because navigation that is not containment (`user.manager`,
//! `group.members`) is always [`Untyped`](crate::Untyped) JSON, kept
//! exactly as read, while containment navigation (`user.messages`) is
//! always typed (its types come with any area that has the type). Turning
//! on a feature for one dependency never changes a field's type under
//! another. `visit_type` hands the type of a qualified name to a
//! [`TypeVisitor`](crate::TypeVisitor), over the types that are on.
//!
//! These types carry no `schemars` impls (the upload-session types in
//! [`graph`](crate::graph) do). Their documentation is on docs.rs, built with
//! `full` (every type of v1.0; rustdoc takes 25 s and 1.8 GB here); a local
//! `cargo doc` documents the areas your features turn on.

/// Where a bundled `$metadata` file comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Source {
    /// The repository it was taken from.
    pub repository: &'static str,
    /// The file's path in that repository.
    pub path: &'static str,
    /// The last commit that changed the file.
    pub commit: &'static str,
    /// That commit's date (ISO 8601).
    pub date: &'static str,
    /// SHA-256 of the file, hex.
    pub sha256: &'static str,
}

/// Where [`METADATA`] comes from: Microsoft's published v1.0 `$metadata`,
/// as of the schema sync of 2026-07-31.
pub const SOURCE: Source = Source {
    repository: "https://github.com/microsoftgraph/msgraph-metadata",
    path: "schemas/v1.0-Prod.csdl",
    commit: "0564689b82afc308d5aa8be54edfb9e5f1e0539f",
    date: "2026-08-03T10:42:36-07:00",
    sha256: "a9d32d3611746c96043229a98867be064fb782c801b3405bce00c224ea3f6a03",
};

/// The bundled v1.0 `$metadata` these types were generated from, byte for
/// byte (3.4 MB; only in a binary that uses it), so that a validator checks
/// payloads against the same model.
pub const METADATA: &str = include_str!("../metadata/v1.0.xml");

include!("../v1/mod.rs");
