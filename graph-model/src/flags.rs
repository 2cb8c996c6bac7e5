//! [`Flags`]: a value of an `IsFlags="true"` enum, written `"a,b"`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::rt::WireEnum;

/// A set of flag members in the order they were written; unknown members are
/// kept as they are.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Flags<E> {
    items: Vec<E>,
}

impl<E> Default for Flags<E> {
    fn default() -> Self {
        Self { items: Vec::new() }
    }
}

impl<E: WireEnum + PartialEq> Flags<E> {
    /// The empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `e` is set.
    pub fn contains(&self, e: &E) -> bool {
        self.items.contains(e)
    }

    /// Adds a member unless it is already there.
    pub fn insert(&mut self, e: E) {
        if !self.contains(&e) {
            self.items.push(e);
        }
    }

    /// The members, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = &E> {
        self.items.iter()
    }

    /// Whether no member is set.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Bitwise OR of the known members' values.
    pub fn bits(&self) -> i64 {
        self.items.iter().filter_map(E::value).fold(0, |a, b| a | b)
    }

    /// Parses `"a,b"`; an empty string is the empty set. Every part is
    /// kept as written, an empty one (`",a"`) or a repeated one too, so the
    /// value is written back exactly as read.
    pub fn parse(text: &str) -> Self {
        if text.is_empty() {
            return Self::default();
        }
        Self {
            items: text.split(',').map(E::from_wire).collect(),
        }
    }
}

impl<E: WireEnum + PartialEq> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        let mut f = Self::default();
        for e in iter {
            f.insert(e);
        }
        f
    }
}

impl<E: WireEnum> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(e.as_str())?;
        }
        Ok(())
    }
}

impl<E: WireEnum> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de, E: WireEnum + PartialEq> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}
