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
            "@odata.context" => rt::field(map, &mut self.context, key)?,
            "@odata.count" => rt::field(map, &mut self.count, key)?,
            "value" => rt::field(map, &mut self.value, key)?,
            "@odata.nextLink" => rt::field(map, &mut self.next_link, key)?,
            "@odata.deltaLink" => rt::field(map, &mut self.delta_link, key)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn ser_fields<S: SerializeMap>(&self, map: &mut S) -> Result<(), S::Error> {
        rt::ser_field(map, "@odata.context", &self.context)?;
        rt::ser_field(map, "@odata.count", &self.count)?;
        rt::ser_field(map, "value", &self.value)?;
        rt::ser_field(map, "@odata.nextLink", &self.next_link)?;
        rt::ser_field(map, "@odata.deltaLink", &self.delta_link)
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }

    fn extra_mut(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<T: DeserializeOwned + Serialize> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        rt::ser_struct(self, s)
    }
}

impl<'de, T: DeserializeOwned + Serialize> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        rt::de_struct(d)
    }
}
