//! Structured types: what a generated struct tells the runtime.

use std::sync::atomic::{AtomicU16, Ordering};
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
    /// How the reader finds a name, made the first time an object of the
    /// type is read.
    lookup: OnceLock<Lookup>,
}

impl Shape {
    /// The shape of the type `type_name` with `fields`.
    pub const fn new(type_name: &'static str, fields: &'static [&'static str]) -> Self {
        Self {
            type_name,
            fields,
            lookup: OnceLock::new(),
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

    /// A reader's way through one object's member names.
    pub(crate) fn cursor(&'static self) -> Cursor {
        let lookup = self.lookup.get_or_init(|| Lookup::new(self.fields));
        Cursor {
            shape: self,
            lookup,
            prev: self.fields.len(),
        }
    }
}

/// How the reader finds a member's field.
struct Lookup {
    /// The fields by a hash of their names (open addressing, index + 1, 0
    /// for an empty place); empty for a shape too large to number in a
    /// `u16` (never generated), searched field by field instead.
    index: Box<[u16]>,
    /// For each field, and last for the start of an object: the field
    /// whose member came next the last time (model order until a reader
    /// learns otherwise). The objects of one response list their members
    /// in one order, whatever it is; after the first, every guess holds.
    /// Shared by every reader of the type: a stale or raced guess only
    /// costs the hash.
    after: Box<[AtomicU16]>,
}

/// How many fields a shape may have for the [`Lookup`] (whose places hold
/// an index in a `u16`); a larger one is searched field by field.
const INDEXED: usize = u16::MAX as usize;

impl Lookup {
    fn new(fields: &[&str]) -> Self {
        let n = fields.len();
        if n >= INDEXED {
            return Self {
                index: Box::default(),
                after: Box::default(),
            };
        }
        // In range: `n < INDEXED`.
        let at = |i: usize| u16::try_from(i).unwrap_or(u16::MAX);
        let mut after: Vec<AtomicU16> = (1..=n).map(|i| AtomicU16::new(at(i))).collect();
        after.push(AtomicU16::new(0));
        Self {
            index: index_of(fields),
            after: after.into_boxed_slice(),
        }
    }
}

/// A reader's way through one object's member names ([`Shape::cursor`]).
#[derive(Clone, Copy)]
pub(crate) struct Cursor {
    shape: &'static Shape,
    lookup: &'static Lookup,
    /// The field found last (the number of fields before the first).
    prev: usize,
}

impl Cursor {
    /// The index in [`Shape::fields`] of `name`, the member after the last
    /// one found: tried first where it was the last time, then through a
    /// hash of the name.
    #[inline]
    pub(crate) fn find(&mut self, name: &str) -> Option<usize> {
        let name = name.as_bytes();
        let fields = self.shape.fields;
        let guess = match self.lookup.after.get(self.prev) {
            Some(a) => usize::from(a.load(Ordering::Relaxed)),
            None => self.prev.wrapping_add(1),
        };
        let at = match fields.get(guess) {
            Some(f) if same_bytes(f.as_bytes(), name) => guess,
            _ => self.learn(name)?,
        };
        self.prev = at;
        Some(at)
    }

    /// [`Cursor::find`] past a wrong guess (out of line: the guess is the
    /// common case): the field through the hash index, kept as the guess
    /// for next time.
    #[inline(never)]
    fn learn(&self, name: &[u8]) -> Option<usize> {
        let fields = self.shape.fields;
        let index = &self.lookup.index;
        if index.is_empty() {
            return fields.iter().position(|f| f.as_bytes() == name);
        }
        let mask = index.len() - 1;
        let mut at = name_hash(name);
        let found = loop {
            at &= mask;
            let i = usize::from(*index.get(at)?).checked_sub(1)?;
            if same_bytes(fields.get(i)?.as_bytes(), name) {
                break i;
            }
            at += 1;
        };
        if let (Some(a), Ok(i)) = (self.lookup.after.get(self.prev), u16::try_from(found)) {
            a.store(i, Ordering::Relaxed);
        }
        Some(found)
    }
}

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

    /// A leaked shape of `names` (a generated one is a `static`).
    fn shape(names: Vec<String>) -> &'static Shape {
        let fields = Vec::leak(names.into_iter().map(|n| &*String::leak(n)).collect());
        Box::leak(Box::new(Shape::new("t", fields)))
    }

    #[test]
    fn a_field_is_found_in_any_order_and_the_order_is_learned() {
        let names = ["id", "createdDateTime", "data", "status", "stats"];
        let shape = shape(names.iter().map(|n| n.to_string()).collect());
        let orders: [&[&str]; 3] = [
            &names,
            &["stats", "status", "data", "createdDateTime", "id"],
            &["data", "id", "stats", "createdDateTime", "status"],
        ];
        for order in orders {
            // Twice: the second pass follows what the first one taught.
            for _ in 0..2 {
                let mut cursor = shape.cursor();
                for name in order {
                    let i = names.iter().position(|n| n == name);
                    assert_eq!(cursor.find(name), i, "{name} in {order:?}");
                    assert_eq!(cursor.find("source"), None);
                    assert_eq!(cursor.find("Id"), None);
                }
            }
            let mut cursor = shape.cursor();
            for (k, name) in order.iter().enumerate() {
                let guess = usize::from(
                    shape.lookup.get().unwrap().after[cursor.prev].load(Ordering::Relaxed),
                );
                assert_eq!(names[guess], *name, "guess {k} in {order:?}");
                cursor.find(name);
            }
        }
    }

    #[test]
    fn readers_teaching_one_shape_different_orders_at_once_find_every_field() {
        let names: Vec<String> = (0..40).map(|i| format!("field{i}")).collect();
        let shape = shape(names.clone());
        std::thread::scope(|scope| {
            for t in 0..4usize {
                let names = &names;
                scope.spawn(move || {
                    // Each thread its own order: a rotation, forwards or back.
                    let mut order: Vec<usize> = (0..names.len()).collect();
                    order.rotate_left(t * 7);
                    if t % 2 == 1 {
                        order.reverse();
                    }
                    for _ in 0..500 {
                        let mut cursor = shape.cursor();
                        for &i in &order {
                            assert_eq!(cursor.find(&names[i]), Some(i));
                        }
                    }
                });
            }
        });
    }

    #[test]
    fn every_field_of_a_large_shape_is_found_through_the_index() {
        // Names alike in length, first, middle and last byte: the hash
        // collides and the search goes on past them.
        let shape = shape((0..300).map(|i| format!("p{i:03}DateTime")).collect());
        for _ in 0..2 {
            let mut cursor = shape.cursor();
            for (i, name) in shape.fields().iter().enumerate().rev() {
                assert_eq!(cursor.find(name), Some(i), "{name}");
            }
        }
        assert_eq!(shape.cursor().find("p300DateTime"), None);
        assert_eq!(shape.cursor().find(""), None);
        assert_eq!(self::shape(vec![]).cursor().find("id"), None);
    }

    #[test]
    fn a_shape_too_large_for_the_index_is_still_searched() {
        let shape = shape((0..INDEXED + 2).map(|i| format!("f{i}")).collect());
        let mut cursor = shape.cursor();
        for i in [INDEXED + 1, 0, 1, INDEXED - 1, INDEXED, INDEXED + 1] {
            assert_eq!(cursor.find(shape.fields()[i]), Some(i), "{i}");
        }
        assert_eq!(cursor.find("g"), None);
    }
}
