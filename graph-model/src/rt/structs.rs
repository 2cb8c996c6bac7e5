//! Structured types: what a generated struct tells the runtime.

use std::sync::OnceLock;

use serde::de;
use serde::{Deserializer, Serialize, Serializer};

use super::value::{Slot, Value, View};
use super::Extra;
use crate::extra::Member;
use crate::Nullable;

/// Implemented by every generated struct: its fields by JSON name, in code
/// that does not depend on the format (so it is compiled once, where the
/// struct is, and not again for every format a program uses). Per struct it
/// is data — a [`Shape`] (the type's name and its fields' names) and an
/// array of the fields as [`Slot`]s in the same order — so that what each
/// type costs the compiler is a few statements, not a function body per
/// field; the reader and the writer walk the two lists.
pub trait Struct {
    /// The type's name and its fields' JSON names: a `static` of the
    /// generated code.
    fn shape(&self) -> &'static Shape;

    /// Calls `f` with the fields, in the order of [`Shape::fields`], and
    /// the extra members (`f(&[&self.id, ...], &self.extra)`).
    fn slots(&self, f: &mut dyn FnMut(&[&dyn Slot], &Extra));

    /// Calls `f` with the fields, in the order of [`Shape::fields`], and
    /// the extra members, all mutably (`f(&mut [&mut self.id, ...], &mut
    /// self.extra)`).
    fn slots_mut(&mut self, f: &mut dyn FnMut(&mut [&mut dyn Slot], &mut Extra));
}

impl dyn Struct + '_ {
    /// The qualified CSDL name, e.g. `microsoft.graph.entity`.
    pub fn type_name(&self) -> &'static str {
        self.shape().type_name
    }

    /// The JSON names of the fields, in model order.
    pub fn fields(&self) -> &'static [&'static str] {
        self.shape().fields
    }

    /// Replaces the extra members.
    pub(crate) fn set_extra(&mut self, value: Extra) {
        let mut value = Some(value);
        self.slots_mut(&mut |_, extra| {
            if let Some(v) = value.take() {
                *extra = v;
            }
        });
    }
}

/// What a generated struct is, as data: its CSDL type name and its fields'
/// JSON names in model order (the order of [`Struct::slots`]). Each struct
/// has one, in a `static`.
pub struct Shape {
    type_name: &'static str,
    fields: &'static [&'static str],
    /// The fields by a hash of their names (open addressing, index + 1, 0
    /// for an empty place), made the first time a name is looked up that
    /// is not where the reader guessed.
    index: OnceLock<Box<[u16]>>,
}

impl Shape {
    /// The shape of the type `type_name` with `fields`.
    pub const fn new(type_name: &'static str, fields: &'static [&'static str]) -> Self {
        Self {
            type_name,
            fields,
            index: OnceLock::new(),
        }
    }

    /// The qualified CSDL name.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The JSON names of the fields, in model order.
    pub fn fields(&self) -> &'static [&'static str] {
        self.fields
    }

    /// The index in [`Shape::fields`] of `name`, tried first at `from`: a
    /// reader that guesses where the next key is (members usually come in
    /// model order) finds it at once; any other name costs one hash.
    #[inline]
    pub fn find_from(&self, from: usize, name: &str) -> Option<usize> {
        let name = name.as_bytes();
        match self.fields.get(from) {
            Some(f) if same_bytes(f.as_bytes(), name) => Some(from),
            _ => self.find(name),
        }
    }

    /// The index of `name`, through the hash index (out of line: the
    /// guess in [`Shape::find_from`] is the common case).
    #[inline(never)]
    fn find(&self, name: &[u8]) -> Option<usize> {
        if self.fields.len() >= INDEXED {
            // Never generated; searched, not misread as an extra member.
            return self.fields.iter().position(|f| f.as_bytes() == name);
        }
        let index = self.index.get_or_init(|| index_of(self.fields));
        let mask = index.len() - 1;
        let mut at = name_hash(name);
        loop {
            at &= mask;
            let i = usize::from(*index.get(at)?).checked_sub(1)?;
            if same_bytes(self.fields.get(i)?.as_bytes(), name) {
                return Some(i);
            }
            at += 1;
        }
    }
}

/// How many fields a shape may have for the hash index (whose places hold
/// an index + 1 in a `u16`); a larger one is searched field by field.
const INDEXED: usize = u16::MAX as usize;

/// The hash index of `fields` (fewer than [`INDEXED`]): a power of two at
/// least twice their number of places (so a search meets an empty one
/// soon), each holding a field's index + 1 at its name's hash or after it.
fn index_of(fields: &[&str]) -> Box<[u16]> {
    let mut index = vec![0u16; (2 * fields.len()).next_power_of_two().max(4)];
    let mask = index.len() - 1;
    for (i, f) in fields.iter().enumerate() {
        let mut at = name_hash(f.as_bytes()) & mask;
        while index[at] != 0 {
            at = (at + 1) & mask;
        }
        index[at] = u16::try_from(i + 1).unwrap_or(u16::MAX);
    }
    index.into_boxed_slice()
}

/// A hash of a member name from its length and three of its bytes (first,
/// middle, last): names of one type differ in one of these nearly always,
/// and it costs no loop.
#[inline]
fn name_hash(name: &[u8]) -> usize {
    let n = name.len();
    let (first, mid, last) = match name {
        [] => (0, 0, 0),
        _ => (name[0], name[n / 2], name[n - 1]),
    };
    let mixed = (n as u32)
        .wrapping_mul(0x9E37_79B9)
        .wrapping_add(u32::from(first).wrapping_mul(0x85EB_CA6B))
        .wrapping_add(u32::from(mid).wrapping_mul(0xC2B2_AE35))
        .wrapping_add(u32::from(last).wrapping_mul(0x27D4_EB2F));
    (mixed ^ (mixed >> 15)) as usize
}

/// Whether `a` and `b` are the same bytes, compared in place for the short
/// names of JSON members (a word or two at a time, where `==` on slices
/// calls `memcmp` for every candidate field).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let half = |s: &[u8], at: usize| u32::from_ne_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        // Every byte of a name of up to three is one of these three.
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => {
            let mut at = 0;
            while at + 8 < n {
                if word(a, at) != word(b, at) {
                    return false;
                }
                at += 8;
            }
            word(a, n - 8) == word(b, n - 8)
        }
    }
}

/// A field as the writer gets it ([`Slot::field`]): one call answers
/// whether it is absent, `null` or a value, and gives the value.
pub enum Field<'a> {
    /// Not written.
    Absent,
    /// `null`.
    Null,
    /// A value.
    Value(View<'a>),
}

impl<'a, T: Value> From<&'a Option<T>> for Field<'a> {
    fn from(slot: &'a Option<T>) -> Self {
        match slot {
            Some(v) => Field::Value(v.view()),
            None => Field::Absent,
        }
    }
}

impl<'a, T: Value> From<&'a Nullable<T>> for Field<'a> {
    fn from(slot: &'a Nullable<T>) -> Self {
        match slot {
            Nullable::Value(v) => Field::Value(v.view()),
            Nullable::Null => Field::Null,
            Nullable::Absent => Field::Absent,
        }
    }
}

/// The error for a member name repeated in one object.
pub(crate) fn duplicate<E: de::Error>(key: &str) -> E {
    E::custom(format_args!("duplicate property `{key}`"))
}

/// The error for `null` where the property is not nullable (an error, not
/// "absent").
pub(crate) fn not_nullable<E: de::Error>() -> E {
    E::custom("null for a property that is not nullable")
}

/// Adds a member, refusing a key that is already there.
pub(crate) fn insert_unique<E: de::Error>(
    map: &mut Extra,
    key: &str,
    value: Member,
) -> Result<(), E> {
    if map.contains_key(key) {
        return Err(duplicate(key));
    }
    map.push_new(key, value);
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_is_slice_equality_at_every_length_and_place() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{n} at {at}");
            }
            assert!(!same_bytes(&a, &[a.as_slice(), b"x"].concat()), "{n}");
        }
    }

    #[test]
    fn a_field_is_found_wherever_the_guess_starts() {
        let shape = Shape::new("t", &["id", "createdDateTime", "data", "status", "stats"]);
        for from in 0..7 {
            for (i, name) in shape.fields().iter().enumerate() {
                assert_eq!(shape.find_from(from, name), Some(i), "{name} from {from}");
            }
            assert_eq!(shape.find_from(from, "source"), None);
            assert_eq!(shape.find_from(from, "Id"), None);
        }
    }

    #[test]
    fn every_field_of_a_large_shape_is_found_through_the_index() {
        // Names alike in length, first, middle and last byte: the hash
        // collides and the search goes on past them.
        let names: Vec<String> = (0..300).map(|i| format!("p{i:03}DateTime")).collect();
        let fields: &'static [&'static str] =
            Vec::leak(names.iter().map(|n| &*String::leak(n.clone())).collect());
        let shape = Shape::new("t", fields);
        for (i, name) in fields.iter().enumerate() {
            assert_eq!(shape.find_from(usize::MAX, name), Some(i), "{name}");
            assert_eq!(shape.find_from(i, name), Some(i), "{name}");
        }
        assert_eq!(shape.find_from(0, "p300DateTime"), None);
        assert_eq!(shape.find_from(0, ""), None);
        assert_eq!(Shape::new("t", &[]).find_from(0, "id"), None);
    }

    #[test]
    fn a_shape_too_large_for_the_index_is_still_searched() {
        let fields: &'static [&'static str] = Vec::leak(
            (0..INDEXED + 2)
                .map(|i| &*String::leak(format!("f{i}")))
                .collect(),
        );
        let shape = Shape::new("t", fields);
        for i in [0, 1, INDEXED - 1, INDEXED, INDEXED + 1] {
            assert_eq!(shape.find_from(usize::MAX, fields[i]), Some(i), "{i}");
        }
        assert_eq!(shape.find_from(0, "g"), None);
    }
}
