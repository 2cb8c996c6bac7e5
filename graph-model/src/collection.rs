//! [`Collection`]: the OData collection response envelope.

use serde::de::{DeserializeOwned, MapAccess};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::edm::Int64;
use crate::rt::{self, Extra, Struct};

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

impl<T: DeserializeOwned + Serialize> Struct for Collection<T> {
    const TYPE_NAME: &'static str = "Collection";

    fn de_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "@odata.context" => rt::field(map, &mut self.context, key),
            "@odata.count" => rt::field(map, &mut self.count, key),
            "value" => rt::field(map, &mut self.value, key),
            "@odata.nextLink" => rt::field(map, &mut self.next_link, key),
            "@odata.deltaLink" => rt::field(map, &mut self.delta_link, key),
            _ => Ok(false),
        }
    }

    const FIELDS: &'static [&'static str] = &[
        "@odata.context",
        "@odata.count",
        "@odata.nextLink",
        "value",
        "@odata.deltaLink",
    ];

    fn ser_fields<S: SerializeMap>(&self, w: &mut rt::FieldWriter<'_, S>) {
        w.field("@odata.count", &self.count);
        w.field("@odata.nextLink", &self.next_link);
        w.field("value", &self.value);
        w.field("@odata.deltaLink", &self.delta_link);
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<T: DeserializeOwned + Serialize> Serialize for Collection<T> {
    /// `@odata.context` first, then other control information and instance
    /// annotations, `@odata.count`, `@odata.nextLink`, `value`,
    /// `@odata.deltaLink`, and any other member — the order Graph writes.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(c) = &self.context {
            map.serialize_entry("@odata.context", c)?;
        }
        for (k, v) in self.extra.iter().filter(|(k, _)| k.starts_with('@')) {
            map.serialize_entry(k, v)?;
        }
        let mut w = rt::FieldWriter::new(&mut map, &self.extra);
        self.ser_fields(&mut w);
        w.finish()?;
        for (k, v) in self.extra.iter().filter(|(k, _)| !k.starts_with('@')) {
            if !k.starts_with("value@") {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}

impl<'de, T: DeserializeOwned + Serialize> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        rt::de_struct(d)
    }
}
