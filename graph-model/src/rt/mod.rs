//! Runtime support for generated code. Generated types implement the small
//! object-safe traits here ([`Value`], [`Struct`], [`Polymorphic`]) in code
//! that does not depend on the format; one reader and one writer per format
//! walk them. So each type costs a `match` and a few calls, compiled once
//! where the type is, instead of a derive expansion compiled again in every
//! program for every format it uses.
//!
//! Hidden from the documentation: what hand-written code needs of it
//! ([`WireEnum`], [`GraphType`], [`TypeVisitor`], [`Extra`],
//! [`UnknownSubtype`]) is re-exported at the crate root; the rest is what
//! generated code calls, and may change with the generator.

mod enums;
#[cfg(feature = "schemars")]
mod json_schema;
pub(crate) mod key;
mod poly;
mod read;
mod std_impls;
mod structs;
mod value;
mod write;

pub use enums::{de_enum, ser_enum, WireEnum};
pub use poly::{normalize_type_name, Polymorphic, UnknownSubtype, Variant};
pub use read::de_value;
pub use std_impls::{clone_value, debug_view, eq_views};
pub(crate) use structs::{duplicate, insert_unique, not_nullable};
pub use structs::{Field, Shape, Struct};
pub use value::{EnumValue, Place, SeqPlace, SeqView, Slot, Value, View};
pub use write::ser_value;

/// A generated type's place in the model: its qualified CSDL name, and
/// whether it is a collection envelope.
pub trait GraphType {
    /// The qualified CSDL name.
    const TYPE_NAME: &'static str;
    /// True for a collection envelope.
    const COLLECTION: bool = false;
}

impl<T: GraphType> GraphType for crate::Collection<T> {
    const TYPE_NAME: &'static str = T::TYPE_NAME;
    const COLLECTION: bool = true;
}

/// Code that picks a generated type by its CSDL name at run time, written
/// once for every type: the generated `visit_type(name, visitor)` calls
/// [`TypeVisitor::visit`] with the type generated for `name` (its `…Any`
/// enum when it has subtypes).
pub trait TypeVisitor {
    /// What a visit returns.
    type Output;
    /// Called with the generated type `T`.
    fn visit<T>(self) -> Self::Output
    where
        T: GraphType + serde::de::DeserializeOwned + serde::Serialize,
        crate::Collection<T>: GraphType + serde::de::DeserializeOwned + serde::Serialize;
}

/// [`TypeVisitor::visit`] as a function pointer (what the generated
/// `visit_type` chooses by name).
pub fn visit<T, V: TypeVisitor>(visitor: V) -> V::Output
where
    T: GraphType + serde::de::DeserializeOwned + serde::Serialize,
    crate::Collection<T>: GraphType + serde::de::DeserializeOwned + serde::Serialize,
{
    visitor.visit::<T>()
}

pub use crate::extra::{Extra, IntoIter as ExtraIntoIter, Iter as ExtraIter};

#[cfg(feature = "schemars")]
pub use ::schemars;
#[cfg(feature = "schemars")]
pub use json_schema::schema_definition;
pub use serde;
pub use serde_json;
