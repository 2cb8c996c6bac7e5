//! The reader: one per format (its functions are generic over the format,
//! never over the generated type), filling [`Place`]s.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::key::{next_key, text};
use super::poly::PolyVisitor;
use super::structs::{duplicate, insert_unique, not_nullable, Cursor, Struct};
use super::value::{Place, SeqPlace, Slot, Value};
use super::Extra;
use crate::extra::Member;

/// Deserializes any generated type (what its `Deserialize` calls).
pub fn de_value<'de, D: Deserializer<'de>, T: Value>(d: D) -> Result<T, D::Error> {
    let mut out = T::blank();
    read_place(d, out.place())?;
    Ok(out)
}

/// Reads one value into `place`.
pub(super) fn read_place<'de, D: Deserializer<'de>>(
    d: D,
    place: Place<'_>,
) -> Result<(), D::Error> {
    match place {
        Place::Str(p) => *p = String::deserialize(d)?,
        Place::Bool(p) => *p = bool::deserialize(d)?,
        Place::U8(p) => *p = u8::deserialize(d)?,
        Place::I8(p) => *p = i8::deserialize(d)?,
        Place::I16(p) => *p = i16::deserialize(d)?,
        Place::I32(p) => *p = i32::deserialize(d)?,
        Place::Untyped(p) => *p = Deserialize::deserialize(d)?,
        Place::Int64(p) => p.read_in_place(d)?,
        Place::Double(p) => *p = Deserialize::deserialize(d)?,
        Place::Decimal(p) => *p = Deserialize::deserialize(d)?,
        Place::Guid(p) => p.read_in_place(d)?,
        Place::Binary(p) => p.read_in_place(d)?,
        Place::Date(p) => p.read_in_place(d)?,
        Place::DateTimeOffset(p) => p.read_in_place(d)?,
        Place::TimeOfDay(p) => p.read_in_place(d)?,
        Place::Duration(p) => p.read_in_place(d)?,
        Place::Enum(e) => {
            let wire = text(d, e.expecting())?;
            e.set_wire(&wire);
        }
        Place::Struct(s) => d.deserialize_map(StructVisitor(s))?,
        Place::Poly(p) => d.deserialize_map(PolyVisitor(p))?,
        Place::Seq(q) => d.deserialize_seq(SeqVisitor(q))?,
    }
    Ok(())
}

/// Reads `null` or a value into a field, where it is made.
struct SlotSeed<'a>(&'a mut dyn Slot);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for SlotSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        if self.0.set_null() {
            Ok(())
        } else {
            Err(not_nullable())
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        read_place(d, self.0.fill())
    }
}

pub(super) struct StructVisitor<'a>(pub(super) &'a mut dyn Struct);

impl<'de> Visitor<'de> for StructVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object of type {}", self.0.type_name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        stream_into(self.0, None, &mut map, false).map(drop)
    }
}

/// Reads the remaining entries of an object into `out`, in place, after
/// the value of `pending` (a key the caller has read already). With
/// `watch_type`, stops at an `@odata.type` entry and returns its value: it
/// came after properties (allowed in JSON, against the OData ordering
/// rule), and the rest of the object is still in the map. (Boxed: the
/// common answer, `None`, is then dropped without a call.)
pub(super) fn stream_into<'de, A: MapAccess<'de>>(
    out: &mut dyn Struct,
    mut pending: Option<Cow<'de, str>>,
    map: &mut A,
    watch_type: bool,
) -> Result<Option<Box<serde_json::Value>>, A::Error> {
    let cursor = out.shape().cursor();
    // Set only where it is still `None` (no drop of an earlier value: see
    // the writer's `write_members`).
    let mut result = None;
    out.slots_mut(&mut |slots, extra| {
        if result.is_none() {
            let mut fields = Fields {
                cursor,
                slots,
                extra,
            };
            result = Some(fields.stream(pending.take(), map, watch_type));
        }
    });
    result.unwrap_or(Ok(None))
}

/// A struct's fields as the reader fills them: the way to their names and
/// the slots in the same order, and the extra members.
struct Fields<'s, 'f> {
    cursor: Cursor,
    slots: &'s mut [&'f mut dyn Slot],
    extra: &'s mut Extra,
}

impl Fields<'_, '_> {
    fn stream<'de, A: MapAccess<'de>>(
        &mut self,
        pending: Option<Cow<'de, str>>,
        map: &mut A,
        watch_type: bool,
    ) -> Result<Option<Box<serde_json::Value>>, A::Error> {
        if let Some(key) = pending {
            self.read(key, map)?;
        }
        while let Some(key) = next_key(map)? {
            if watch_type && key == "@odata.type" {
                return map.next_value().map(|v| Some(Box::new(v)));
            }
            self.read(key, map)?;
        }
        Ok(None)
    }

    /// Reads the value of `key` into its field, or into the extra members.
    /// A key repeated in the same object is an error (nothing is silently
    /// overwritten).
    fn read<'de, A: MapAccess<'de>>(
        &mut self,
        key: Cow<'de, str>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let Some(at) = self.cursor.find(&key) else {
            let value: Member = map.next_value()?;
            return insert_unique(self.extra, &key, value);
        };
        let slot = &mut *self.slots[at];
        if !slot.is_absent() {
            return Err(duplicate(&key));
        }
        map.next_value_seed(SlotSeed(slot))
    }
}

struct SeqVisitor<'a>(&'a mut dyn SeqPlace);

/// Reads one item, appended to the array only once it is there.
struct ItemSeed<'a>(&'a mut dyn SeqPlace);

impl<'de> DeserializeSeed<'de> for ItemSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        read_place(d, self.0.push())
    }
}

impl<'de> Visitor<'de> for SeqVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // A hint from the input is not trusted with memory.
        self.0.reserve(seq.size_hint().unwrap_or(0).min(4096));
        while seq.next_element_seed(ItemSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}
