//! The writer: one per format (its functions are generic over the format,
//! never over the generated type), walking [`View`]s.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::poly::Variant;
use super::structs::{Field, Struct};
use super::value::{Slot, Value, View};
use super::Extra;

/// Serializes any generated type (what its `Serialize` calls).
pub fn ser_value<S: Serializer, T: Value>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    value.view().serialize(s)
}

impl Serialize for View<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            View::Str(v) => s.serialize_str(v),
            View::Bool(v) => s.serialize_bool(**v),
            View::U8(v) => s.serialize_u8(**v),
            View::I8(v) => s.serialize_i8(**v),
            View::I16(v) => s.serialize_i16(**v),
            View::I32(v) => s.serialize_i32(**v),
            View::Untyped(v) => v.serialize(s),
            View::Int64(v) => v.serialize(s),
            View::Double(v) => v.serialize(s),
            View::Decimal(v) => v.serialize(s),
            View::Guid(v) => v.serialize(s),
            View::Binary(v) => v.serialize(s),
            View::Date(v) => v.serialize(s),
            View::DateTimeOffset(v) => v.serialize(s),
            View::TimeOfDay(v) => v.serialize(s),
            View::Duration(v) => v.serialize(s),
            View::Enum(e) => s.serialize_str(&e.wire()),
            View::Struct(v) => ser_struct(*v, None, s),
            View::Poly(p) => match p.variant() {
                Variant::Base(v) => ser_struct(v, None, s),
                Variant::Derived(odata_type, v) => ser_struct(v, Some(odata_type), s),
                Variant::Unknown(v) => v.serialize(s),
            },
            View::Seq(items) => {
                let n = items.len();
                let mut seq = s.serialize_seq(Some(n))?;
                for i in 0..n {
                    if let Some(item) = items.item(i) {
                        seq.serialize_element(&item)?;
                    }
                }
                seq.end()
            }
        }
    }
}

/// Writes the struct in OData's order: instance annotations and control
/// information (`@odata.type`, `@odata.etag`...), then the model's fields
/// (each after its property annotations), then members the model does not
/// have. Members read in that order are written back in the same order.
/// With `odata_type`, writes `@odata.type` first when the value does not
/// carry one of its own.
pub(super) fn ser_struct<S: Serializer>(
    value: &dyn Struct,
    odata_type: Option<&str>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    write_members(&mut map, value, odata_type)?;
    map.end()
}

/// The members of a struct in OData's order around its fields.
fn write_members<M: SerializeMap>(
    map: &mut M,
    value: &dyn Struct,
    odata_type: Option<&str>,
) -> Result<(), M::Error> {
    let fields = value.fields();
    // Set only where it is still `None`: an assignment over a value that
    // could be an error would drop it, a call per struct.
    let mut written = None;
    value.slots(&mut |slots, extra| {
        if written.is_none() {
            written = Some(write_slots(map, (fields, slots), extra, odata_type));
        }
    });
    written.unwrap_or(Ok(()))
}

/// [`write_members`] with the fields' names and slots and the extra
/// members in hand.
fn write_slots<M: SerializeMap>(
    map: &mut M,
    (fields, slots): (&[&str], &[&dyn Slot]),
    extra: &Extra,
    odata_type: Option<&str>,
) -> Result<(), M::Error> {
    let kinds = Kinds::of(extra);
    if let Some(t) = odata_type {
        if !kinds.odata_type {
            map.serialize_entry("@odata.type", t)?;
        }
    }
    if kinds.instance_annotation {
        for (k, v) in extra.members().filter(|(k, _)| k.starts_with('@')) {
            map.serialize_entry(k, v)?;
        }
    }
    let mut w = FieldWriter {
        map: &mut *map,
        extra,
        annotated: kinds.property_annotation,
    };
    fields
        .iter()
        .zip(slots)
        .try_for_each(|(name, slot)| w.write(name, &slot.field()))?;
    if kinds.other || kinds.property_annotation {
        for (k, v) in extra.members() {
            let of_field = annotates(k).is_some_and(|p| fields.contains(&p));
            if !k.starts_with('@') && !of_field {
                map.serialize_entry(k, v)?;
            }
        }
    }
    Ok(())
}

/// Writes a struct's fields, each after the annotations of that property
/// kept among the extra members (`files@odata.context` before `files`), as
/// OData's JSON format orders them.
struct FieldWriter<'a, M: SerializeMap> {
    map: &'a mut M,
    extra: &'a Extra,
    /// Whether any extra member is a property annotation (`name@term`).
    annotated: bool,
}

impl<M: SerializeMap> FieldWriter<'_, M> {
    fn write(&mut self, key: &str, value: &Field<'_>) -> Result<(), M::Error> {
        if self.annotated {
            self.annotations_of(key)?;
        }
        // Matched where the slot returned it, not moved: a copy of the
        // just-returned value stalls on its stores (store forwarding).
        match value {
            Field::Absent => Ok(()),
            Field::Null => self.map.serialize_entry(key, &None::<()>),
            // Strings (most fields) without the round through `View`.
            Field::Value(View::Str(text)) => self.map.serialize_entry(key, *text),
            Field::Value(v) => self.map.serialize_entry(key, v),
        }
    }

    /// The property annotations of `key` kept among the extra members
    /// (rare: out of the hot path).
    #[inline(never)]
    fn annotations_of(&mut self, key: &str) -> Result<(), M::Error> {
        for (k, v) in self.extra.members() {
            if annotates(k) == Some(key) {
                self.map.serialize_entry(k, v)?;
            }
        }
        Ok(())
    }
}

/// The property a property annotation (`name@term`) annotates.
pub(crate) fn annotates(key: &str) -> Option<&str> {
    annotation_at(key.as_bytes()).map(|i| &key[..i])
}

/// Where the `@` of a property annotation (`name@term`) is.
fn annotation_at(key: &[u8]) -> Option<usize> {
    match key.iter().position(|&b| b == b'@') {
        Some(i) if i > 0 => Some(i),
        _ => None,
    }
}

/// Which kinds of member an [`Extra`] holds, found in one pass over the
/// names, so that the writer walks the members again only for a kind that
/// is there (most objects have none, or one or two unknown properties).
#[derive(Default)]
pub(crate) struct Kinds {
    /// `@odata.type` itself.
    odata_type: bool,
    /// Instance annotations and control information (`@…`).
    instance_annotation: bool,
    /// Property annotations (`name@term`).
    pub(crate) property_annotation: bool,
    /// Anything else: properties the model does not have.
    other: bool,
}

impl Kinds {
    pub(crate) fn of(extra: &Extra) -> Self {
        let mut kinds = Self::default();
        for name in extra.name_bytes() {
            if name.first() == Some(&b'@') {
                kinds.instance_annotation = true;
                kinds.odata_type |= name == b"@odata.type";
            } else if annotation_at(name).is_some() {
                kinds.property_annotation = true;
            } else {
                kinds.other = true;
            }
        }
        kinds
    }
}
