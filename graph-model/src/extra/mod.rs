//! [`Extra`]: the members of an object that the model does not declare,
//! in the order they were read, each kept as its JSON text.

mod member;

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use thin_vec::ThinVec;

use crate::short_str::ShortStr;
pub(crate) use member::Member;

/// Properties that are not in the model and instance annotations
/// (`@odata.*`, `prop@odata.type`), kept in document order and written back
/// in that order.
///
/// A subtype's `@odata.type` read first and written `#` + its qualified
/// name is not among them: the `…Any` variant holding the struct is that
/// type, and writes it back in that place. Any other spelling or place is
/// kept here as written.
///
/// A member read is kept as its JSON text and written back as that text
/// (numbers as written: `12345678901234567890123` and `1.50` stay so); its
/// `serde_json::Value` is made when first asked for ([`Extra::get`],
/// iteration), numbers correctly rounded. A member set or changed through
/// the `Value` API ([`Extra::insert`], [`Extra::get_mut`]) is written as
/// that value.
///
/// An ordered map of its own rather than `serde_json::Map`, whose order
/// depends on serde_json's `preserve_order` feature — which this crate does
/// not switch on for its dependents. Comparison ignores order, as for any
/// JSON object.
#[derive(Clone, Default)]
pub struct Extra {
    /// Names of up to 22 bytes are held inline: keeping a member allocates
    /// for its value only. A `ThinVec` (length and capacity live in its one
    /// allocation) so that every struct's `extra` is one pointer, and an
    /// empty one — nearly all of them — allocates nothing.
    entries: ThinVec<(ShortStr, Member)>,
}

static NULL: Value = Value::Null;

impl Extra {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.member(key).map(Member::value)
    }

    /// The member `key` as kept.
    pub(crate) fn member(&self, key: &str) -> Option<&Member> {
        self.entries.iter().find(|(k, _)| k.is(key)).map(|(_, v)| v)
    }

    /// The value of `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k.is(key))
            .map(|(_, v)| v.value_mut())
    }

    /// Whether `key` is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.member(key).is_some()
    }

    /// Sets `key`: an existing member keeps its place and its old value is
    /// returned; a new one goes last (the signature of `serde_json::Map::insert`).
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.push(key.into(), value.into());
                None
            }
        }
    }

    /// Adds a member that is not there yet (the caller has checked), without
    /// allocating for a short name.
    pub(crate) fn push_new(&mut self, key: &str, value: Member) {
        self.push(ShortStr::new(key), value);
    }

    fn push(&mut self, key: ShortStr, value: Member) {
        // Most objects have one or two extra members: room for two keeps the
        // one allocation in the allocator's small, fast bins, where a first
        // step of four would not.
        if self.entries.capacity() == 0 {
            self.entries.reserve_exact(2);
        }
        self.entries.push((key, value));
    }

    /// Removes `key`, keeping the order of the rest.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.entries.iter().position(|(k, _)| k.is(key))?;
        Some(self.entries.remove(i).1.into_value())
    }

    /// The members, in order.
    pub fn iter(&self) -> Iter<'_> {
        self.into_iter()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }

    /// The names as bytes, in order: what the writer sorts members by,
    /// without a UTF-8 check per name.
    pub(crate) fn name_bytes(&self) -> impl Iterator<Item = &[u8]> {
        self.entries.iter().map(|(k, _)| k.as_bytes())
    }

    /// The members as kept (what the writers write), in order.
    pub(crate) fn members(&self) -> impl Iterator<Item = (&str, &Member)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The same members as a `serde_json::Map` (in whatever order that map keeps).
    pub fn to_map(&self) -> serde_json::Map<String, Value> {
        self.iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }
}

impl std::ops::Index<&str> for Extra {
    type Output = Value;

    /// The value of `key`, or `null` when there is none (as indexing a
    /// `serde_json::Value` does).
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl IntoIterator for Extra {
    type Item = (String, Value);
    type IntoIter = IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        IntoIter(self.entries.into_iter())
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a str, &'a Value);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        Iter(self.entries.iter())
    }
}

/// The members of an [`Extra`], in order, borrowed.
#[derive(Clone)]
pub struct Iter<'a>(std::slice::Iter<'a, (ShortStr, Member)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.as_str(), v.value()))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// The members of an [`Extra`], in order, owned.
pub struct IntoIter(thin_vec::IntoIter<(ShortStr, Member)>);

impl Iterator for IntoIter {
    type Item = (String, Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k.into(), v.into_value()))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for IntoIter {}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Extra {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut e = Extra::new();
        e.extend(iter);
        e
    }
}

impl<K: Into<String>, V: Into<Value>> Extend<(K, V)> for Extra {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k.into(), v.into());
        }
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.members() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extra {
    /// An object, in order; a repeated key is an error (nothing is silently
    /// overwritten).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extra;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                let mut out = Extra::new();
                while let Some(key) = crate::rt::key::next_key(&mut map)? {
                    let value: Member = map.next_value()?;
                    crate::rt::insert_unique(&mut out, &key, value)?;
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_compares_like_a_map() {
        let e: Extra = serde_json::from_str(r#"{"z": 1, "a": [2], "m": null}"#).unwrap();
        assert_eq!(e.keys().collect::<Vec<_>>(), ["z", "a", "m"]);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"z":1,"a":[2],"m":null}"#
        );
        assert_eq!(e["a"][0], 2);
        assert!(e["missing"].is_null());
        let mut f: Extra = [
            ("m", Value::Null),
            ("a", serde_json::json!([2])),
            ("z", 1.into()),
        ]
        .into_iter()
        .collect();
        assert_eq!(e, f);
        assert_eq!(
            f.insert("a".into(), "x".into()),
            Some(serde_json::json!([2]))
        );
        assert_eq!(f.keys().collect::<Vec<_>>(), ["m", "a", "z"]);
        assert_eq!(f.remove("m"), Some(Value::Null));
        assert_eq!(f.keys().collect::<Vec<_>>(), ["a", "z"]);
        let dup = serde_json::from_str::<Extra>(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(
            dup.to_string().starts_with("duplicate property `a`"),
            "{dup}"
        );
    }

    #[test]
    fn an_extra_is_one_pointer_in_every_struct() {
        // Every generated struct has one: most are empty, and a wider field
        // made every value bigger (and slower to walk) for nothing.
        assert_eq!(std::mem::size_of::<Extra>(), std::mem::size_of::<usize>());
        assert_eq!(Extra::new().len(), 0);
    }

    #[test]
    fn members_are_written_back_as_read_and_valued_exactly() {
        // Found by the `typed` fuzz target: an integer beyond 64 bits (a
        // double in a `Value`) and a long mantissa (rounded differently
        // without serde_json's `float_roundtrip`) changed when written back.
        let text = r#"{"big":[999999999999999999999999999999999999999999999999999999999999999999],"n":1.50,"f":0.30000000000000004441,"o":{"b":1,"a":-0}}"#;
        let e: Extra = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), text);
        assert_eq!(e["n"], 1.5);
        assert_eq!(e["f"], "0.30000000000000004441".parse::<f64>().unwrap());
        assert_eq!(e["big"][0], 1e66);
        // A member changed through the `Value` API is written as that value.
        let mut e = e;
        *e.get_mut("n").unwrap() = Value::from(2);
        assert!(serde_json::to_string(&e).unwrap().contains(r#""n":2,"#));
        assert_eq!(e.clone(), e);
    }
}
