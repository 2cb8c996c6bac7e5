//! `@odata.type` dispatch for abstract and derived-from types.

use serde::de::Error as _;
use serde::{Deserializer, Serialize, Serializer};

use super::Extra;

/// Implemented by every generated `…Any` enum.
pub trait Polymorphic: Sized {
    /// The declared (base) type's qualified name.
    const BASE: &'static str;
    /// `(alias, namespace)` pairs of the model, to accept `#graph.x`.
    const ALIASES: &'static [(&'static str, &'static str)];

    /// Builds the variant for `type_name` (the normalized `@odata.type`, or
    /// `None` when the object has none) from the buffered object.
    fn from_object(type_name: Option<&str>, object: Extra) -> Result<Self, serde_json::Error>;
}

/// `#microsoft.graph.x`, `microsoft.graph.x` and `#graph.x` → `microsoft.graph.x`.
pub fn normalize_type_name(raw: &str, aliases: &[(&str, &str)]) -> String {
    let t = raw.strip_prefix('#').unwrap_or(raw);
    if let Some((ns, local)) = t.rsplit_once('.') {
        if let Some((_, full)) = aliases.iter().find(|(a, _)| *a == ns) {
            return format!("{full}.{local}");
        }
    }
    t.to_string()
}

/// Buffers an object, refusing a key that appears twice (a plain map would
/// keep only the last value).
struct ObjectVisitor;

impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
    type Value = Extra;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
        let mut out = Extra::new();
        while let Some(key) = map.next_key::<String>()? {
            let value: serde_json::Value = map.next_value()?;
            if out.insert(key.clone(), value).is_some() {
                return Err(serde::de::Error::custom(format_args!(
                    "duplicate property `{key}`"
                )));
            }
        }
        Ok(out)
    }
}

pub fn de_poly<'de, D: Deserializer<'de>, P: Polymorphic>(d: D) -> Result<P, D::Error> {
    let object = d.deserialize_map(ObjectVisitor)?;
    let name = match object.get("@odata.type") {
        None => None,
        Some(serde_json::Value::String(s)) => Some(normalize_type_name(s, P::ALIASES)),
        Some(other) => {
            return Err(D::Error::custom(format_args!(
                "`@odata.type` must be a string, found {other}"
            )))
        }
    };
    P::from_object(name.as_deref(), object).map_err(D::Error::custom)
}

/// A value whose `@odata.type` names a type the model does not have (or
/// one that does not derive from the declared type). Kept whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnknownSubtype {
    /// `@odata.type` exactly as written.
    pub odata_type: String,
    /// The whole object, `@odata.type` included.
    pub object: Extra,
}

impl UnknownSubtype {
    pub fn new(object: Extra) -> Self {
        let odata_type = object
            .get("@odata.type")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        Self { odata_type, object }
    }
}

impl Serialize for UnknownSubtype {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.object.serialize(s)
    }
}
