//! Runtime support for generated code. Generated types implement the small
//! traits here and forward serde to shared generic functions, so each type
//! costs a `match` and a few calls instead of a full derive expansion.
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
mod structs;

pub use enums::{de_enum, ser_enum, WireEnum};
pub use poly::{
    de_poly, normalize_type_name, read_struct, read_unknown, Head, Polymorphic, UnknownSubtype,
};
pub use structs::{
    de_struct, field, insert_unique, ser_struct, ser_typed, FieldWriter, Slot, Struct,
};

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

/// Deserializes a generated type from a buffered JSON object, in the
/// object's order. An error names the JSON pointer inside the object, since
/// the buffering hid it from the outer reader.
pub fn from_object<T: serde::de::DeserializeOwned>(object: Extra) -> Result<T, serde_json::Error> {
    let d = serde::de::value::MapDeserializer::new(object.into_iter());
    serde_path_to_error::deserialize(d).map_err(|e| {
        let mut pointer = String::new();
        for seg in e.path().iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => {
                    pointer = crate::json::child(&pointer, &index.to_string())
                }
                serde_path_to_error::Segment::Map { key } => {
                    pointer = crate::json::child(&pointer, key)
                }
                _ => {}
            }
        }
        let inner = e.into_inner();
        if pointer.is_empty() {
            inner
        } else {
            <serde_json::Error as serde::de::Error>::custom(format_args!("at {pointer}: {inner}"))
        }
    })
}
