//! [`Collection`]: the OData collection response envelope.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::edm::Int64;
use crate::rt::{self, Extra};

/// `{"@odata.context": ..., "@odata.count": ..., "value": [...], "@odata.nextLink": ...}`.
/// Any other member (or instance annotation) is kept in `extra`.
#[derive(Clone, Debug, PartialEq)]
pub struct Collection<T> {
    /// `@odata.context`.
    pub context: Option<String>,
    /// `@odata.count` (with `$count=true`).
    pub count: Option<Int64>,
    /// `value`: the items.
    pub value: Option<Vec<T>>,
    /// `@odata.nextLink`: the next page.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: where to ask for changes.
    pub delta_link: Option<String>,
    /// Any other member or instance annotation.
    pub extra: Extra,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self {
            context: None,
            count: None,
            value: None,
            next_link: None,
            delta_link: None,
            extra: Extra::new(),
        }
    }
}

impl<T> Collection<T> {
    /// The items (empty when `value` was absent).
    pub fn items(&self) -> &[T] {
        self.value.as_deref().unwrap_or_default()
    }
}

/// Whether `key` is written with the collection's own members: control
/// information, and the annotations of `value` (`value@odata.nextLink`).
fn is_own(key: &str) -> bool {
    key.starts_with('@') || key.starts_with("value@")
}

impl<T: Serialize> Serialize for Collection<T> {
    /// `@odata.context`, the other control information and instance
    /// annotations, `@odata.count`, `@odata.nextLink`, the annotations of
    /// `value`, `value`, `@odata.deltaLink`, then members the envelope does
    /// not have.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(c) = &self.context {
            map.serialize_entry("@odata.context", c)?;
        }
        for (k, v) in self.extra.members().filter(|(k, _)| k.starts_with('@')) {
            map.serialize_entry(k, v)?;
        }
        if let Some(c) = &self.count {
            map.serialize_entry("@odata.count", c)?;
        }
        if let Some(l) = &self.next_link {
            map.serialize_entry("@odata.nextLink", l)?;
        }
        for (k, v) in self
            .extra
            .members()
            .filter(|(k, _)| k.starts_with("value@"))
        {
            map.serialize_entry(k, v)?;
        }
        if let Some(v) = &self.value {
            map.serialize_entry("value", v)?;
        }
        if let Some(l) = &self.delta_link {
            map.serialize_entry("@odata.deltaLink", l)?;
        }
        for (k, v) in self.extra.members().filter(|(k, _)| !is_own(k)) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(CollectionVisitor(PhantomData))
    }
}

struct CollectionVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for CollectionVisitor<T> {
    type Value = Collection<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object of type Collection")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collection<T>, A::Error> {
        let mut out = Collection::default();
        while let Some(key) = rt::key::next_key(&mut map)? {
            match &*key {
                "@odata.context" => once(&mut out.context, &key, &mut map)?,
                "@odata.count" => once(&mut out.count, &key, &mut map)?,
                "value" => once(&mut out.value, &key, &mut map)?,
                "@odata.nextLink" => once(&mut out.next_link, &key, &mut map)?,
                "@odata.deltaLink" => once(&mut out.delta_link, &key, &mut map)?,
                _ => {
                    let value: crate::extra::Member = map.next_value()?;
                    rt::insert_unique(&mut out.extra, &key, value)?;
                }
            }
        }
        Ok(out)
    }
}

/// Reads a member of the envelope: once (a repeated key is an error), and
/// not `null`.
fn once<'de, A: MapAccess<'de>, X: DeserializeOwned>(
    slot: &mut Option<X>,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(rt::duplicate(key));
    }
    match map.next_value::<Option<X>>()? {
        Some(v) => {
            *slot = Some(v);
            Ok(())
        }
        None => Err(rt::not_nullable()),
    }
}
