//! Structured types: one generic visitor, one generic serializer.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};

use super::key::next_key;
use super::Extra;
use crate::Nullable;

/// Implemented by every generated struct.
pub trait Struct: Default {
    /// The qualified CSDL name, e.g. `microsoft.graph.entity`.
    const TYPE_NAME: &'static str;

    /// Reads the value of `key` into its field. Returns `Ok(false)` when the
    /// key is not a property of the type (it then goes to [`Struct::extra_mut`]).
    /// Generated: one `match` on `key` whose arms are [`field`] calls.
    fn de_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// The JSON names of the fields, in model order.
    const FIELDS: &'static [&'static str];

    /// Writes every present field, in model order ([`FieldWriter::field`]
    /// each; the writer keeps the first error).
    fn ser_fields<S: SerializeMap>(&self, w: &mut FieldWriter<'_, S>);

    /// Properties not in the model and instance annotations.
    fn extra(&self) -> &Extra;
    /// Properties not in the model and instance annotations, mutably.
    fn extra_mut(&mut self) -> &mut Extra;
}

/// A field slot: `Option<T>` (non-nullable: absent or value) or
/// [`Nullable<T>`] (absent, null or value).
pub trait Slot {
    /// Whether the property was absent.
    fn is_absent(&self) -> bool;
    /// Reads the value of the current map entry into the slot. The value is
    /// written where it is made (in the seed), not returned through the
    /// reader and moved in.
    fn read_into<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>;
}

impl<T: DeserializeOwned> Slot for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
    fn read_into<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        map.next_value_seed(IntoSlot(self))
    }
}

impl<T: DeserializeOwned> Slot for Nullable<T> {
    fn is_absent(&self) -> bool {
        Nullable::is_absent(self)
    }
    fn read_into<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error> {
        map.next_value_seed(IntoSlot(self))
    }
}

/// What a slot holds after `null` or after a value.
trait Fill {
    type Value;
    /// `null`: [`Nullable::Null`], or an error for a non-nullable property.
    fn null<E: de::Error>(&mut self) -> Result<(), E>;
    fn value(&mut self, value: Self::Value);
}

impl<T> Fill for Option<T> {
    type Value = T;
    fn null<E: de::Error>(&mut self) -> Result<(), E> {
        // Non-nullable: `null` is an error, not "absent".
        Err(E::custom("null for a property that is not nullable"))
    }
    fn value(&mut self, value: T) {
        *self = Some(value);
    }
}

impl<T> Fill for Nullable<T> {
    type Value = T;
    fn null<E: de::Error>(&mut self) -> Result<(), E> {
        *self = Nullable::Null;
        Ok(())
    }
    fn value(&mut self, value: T) {
        *self = Nullable::Value(value);
    }
}

/// Reads `null` or a value into a slot, where it is made: no `Option`
/// returned through the reader and moved in.
struct IntoSlot<'s, F>(&'s mut F);

impl<'de, F: Fill> de::DeserializeSeed<'de> for IntoSlot<'_, F>
where
    F::Value: de::Deserialize<'de>,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, F: Fill> Visitor<'de> for IntoSlot<'_, F>
where
    F::Value: de::Deserialize<'de>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.null()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.null()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let value = <F::Value as de::Deserialize<'de>>::deserialize(d)?;
        self.0.value(value);
        Ok(())
    }
}

/// Reads one field and says it was one (`Ok(true)`, what
/// [`Struct::de_field`] returns), so that a generated `de_field` is a single
/// `match` with no `?` per field: a fraction of the code for the compiler
/// to check. A key repeated in the same object is an error (nothing is
/// silently overwritten).
pub fn field<'de, A: MapAccess<'de>, T: Slot>(
    map: &mut A,
    slot: &mut T,
    key: &str,
) -> Result<bool, A::Error> {
    if !slot.is_absent() {
        return Err(duplicate(key));
    }
    slot.read_into(map)?;
    Ok(true)
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Struct> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object of type {}", T::TYPE_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        stream_into(&mut out, &mut map, false)?;
        Ok(out)
    }
}

/// A struct being read, with the format's map access as a type parameter
/// but not the struct's type: the reading loop ([`stream_into`],
/// [`read_entry`]) is compiled once per format rather than once per
/// struct and format, and each struct contributes only its `de_field`.
pub trait DeFields<'de, A: MapAccess<'de>> {
    /// [`Struct::de_field`].
    fn de_field(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
    /// [`Struct::extra_mut`].
    fn extra_mut(&mut self) -> &mut Extra;
}

impl<'de, A: MapAccess<'de>, T: Struct> DeFields<'de, A> for T {
    fn de_field(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        Struct::de_field(self, key, map)
    }
    fn extra_mut(&mut self) -> &mut Extra {
        Struct::extra_mut(self)
    }
}

/// Reads the remaining entries of an object into `out`, in place. With
/// `watch_type`, stops at an `@odata.type` entry and returns its value: it
/// came after properties (allowed in JSON, against the OData ordering
/// rule), and the rest of the object is still in the map.
pub fn stream_into<'de, A: MapAccess<'de>>(
    out: &mut dyn DeFields<'de, A>,
    map: &mut A,
    watch_type: bool,
) -> Result<Option<serde_json::Value>, A::Error> {
    while let Some(key) = next_key(map)? {
        if watch_type && key == "@odata.type" {
            return map.next_value().map(Some);
        }
        read_entry(out, key, map)?;
    }
    Ok(None)
}

/// Reads the value of `key` into its field, or into the extra properties.
pub fn read_entry<'de, A: MapAccess<'de>>(
    out: &mut dyn DeFields<'de, A>,
    key: Cow<'de, str>,
    map: &mut A,
) -> Result<(), A::Error> {
    if !out.de_field(&key, map)? {
        let value: serde_json::Value = map.next_value()?;
        insert_unique(out.extra_mut(), &key, value)?;
    }
    Ok(())
}

/// The error for a member name repeated in one object.
pub(super) fn duplicate<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("duplicate property `{key}`"))
}

/// Adds a member, refusing a key that is already there.
pub fn insert_unique<E: de::Error>(
    map: &mut Extra,
    key: &str,
    value: serde_json::Value,
) -> Result<(), E> {
    if map.contains_key(key) {
        return Err(duplicate(key));
    }
    map.push_new(key, value);
    Ok(())
}

/// Deserializes a generated struct.
pub fn de_struct<'de, D: Deserializer<'de>, T: Struct>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(StructVisitor(PhantomData))
}

/// Writes a struct's fields, each after the annotations of that property
/// kept among the extra members (`files@odata.context` before `files`), as
/// OData's JSON format orders them.
///
/// It keeps the first error and writes nothing after it (so a generated
/// `ser_fields` is a list of calls with no `?`); [`FieldWriter::finish`]
/// returns it.
pub struct FieldWriter<'a, S: SerializeMap> {
    map: &'a mut S,
    extra: &'a Extra,
    /// Whether any extra member is a property annotation (`name@term`).
    annotated: bool,
    error: Option<S::Error>,
}

impl<'a, S: SerializeMap> FieldWriter<'a, S> {
    /// A writer over `map`, placing the property annotations found in `extra`.
    pub fn new(map: &'a mut S, extra: &'a Extra) -> Self {
        let annotated = Kinds::of(extra).property_annotation;
        Self::with(map, extra, annotated)
    }

    fn with(map: &'a mut S, extra: &'a Extra, annotated: bool) -> Self {
        Self {
            map,
            extra,
            annotated,
            error: None,
        }
    }

    /// Writes the annotations of `key`, then the field unless it is absent
    /// (`null` is written as `null`); nothing once an earlier write failed.
    pub fn field<T: Slot + Serialize>(&mut self, key: &str, value: &T) {
        if self.error.is_none() {
            if let Err(e) = self.write(key, value) {
                self.error = Some(e);
            }
        }
    }

    fn write<T: Slot + Serialize>(&mut self, key: &str, value: &T) -> Result<(), S::Error> {
        if self.annotated {
            self.annotations_of(key)?;
        }
        if value.is_absent() {
            Ok(())
        } else {
            self.map.serialize_entry(key, value)
        }
    }

    /// The property annotations of `key` kept among the extra members: once
    /// per format, not per field type (and rare: out of the hot path).
    #[inline(never)]
    fn annotations_of(&mut self, key: &str) -> Result<(), S::Error> {
        for (k, v) in self.extra {
            if annotates(k) == Some(key) {
                self.map.serialize_entry(k, v)?;
            }
        }
        Ok(())
    }

    /// The first error of the fields written, if any.
    pub fn finish(self) -> Result<(), S::Error> {
        self.error.map_or(Ok(()), Err)
    }
}

/// The property a property annotation (`name@term`) annotates.
fn annotates(key: &str) -> Option<&str> {
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
struct Kinds {
    /// `@odata.type` itself.
    odata_type: bool,
    /// Instance annotations and control information (`@…`).
    instance_annotation: bool,
    /// Property annotations (`name@term`).
    property_annotation: bool,
    /// Anything else: properties the model does not have.
    other: bool,
}

impl Kinds {
    fn of(extra: &Extra) -> Self {
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

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => v.serialize(s),
            _ => s.serialize_none(),
        }
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Nullable<T> {
    /// A bare `Nullable<T>` outside a struct: `null` or a value.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(d)?.into())
    }
}

/// Writes the struct in OData's order: instance annotations and control
/// information (`@odata.type`, `@odata.etag`...), then the model's fields
/// (each after its property annotations), then members the model does not
/// have. Members read in that order are written back in the same order.
pub fn ser_struct<S: Serializer, T: Struct>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    ser_typed(value, None, s)
}

/// Like [`ser_struct`], but writes `@odata.type` first when `odata_type` is
/// given and the value does not carry one of its own.
pub fn ser_typed<S: Serializer, T: Struct>(
    value: &T,
    odata_type: Option<&str>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    let fields = &mut |w: &mut FieldWriter<'_, S::SerializeMap>| value.ser_fields(w);
    write_members(&mut map, value.extra(), odata_type, T::FIELDS, fields)?;
    map.end()
}

/// The members of a struct in OData's order around its fields (which
/// `write_fields` writes): compiled once per format, not per struct.
fn write_members<M: SerializeMap>(
    map: &mut M,
    extra: &Extra,
    odata_type: Option<&str>,
    fields: &[&str],
    write_fields: &mut dyn FnMut(&mut FieldWriter<'_, M>),
) -> Result<(), M::Error> {
    let kinds = Kinds::of(extra);
    if let Some(t) = odata_type {
        if !kinds.odata_type {
            map.serialize_entry("@odata.type", t)?;
        }
    }
    if kinds.instance_annotation {
        for (k, v) in extra.iter().filter(|(k, _)| k.starts_with('@')) {
            map.serialize_entry(k, v)?;
        }
    }
    let mut w = FieldWriter::with(map, extra, kinds.property_annotation);
    write_fields(&mut w);
    w.finish()?;
    if kinds.other || kinds.property_annotation {
        for (k, v) in extra {
            let of_field = annotates(k).is_some_and(|p| fields.contains(&p));
            if !k.starts_with('@') && !of_field {
                map.serialize_entry(k, v)?;
            }
        }
    }
    Ok(())
}
