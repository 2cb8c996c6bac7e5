//! `@odata.type` dispatch for abstract and derived-from types.

use serde::de::Error as _;
use serde::{Deserializer, Serialize, Serializer};

use super::structs::{insert_unique, read_entry, stream_into, Streamed};
use super::{Extra, Struct};

/// Implemented by every generated `…Any` enum.
pub trait Polymorphic: Sized {
    /// The declared type's own struct.
    type Base: Struct + Serialize;

    /// The declared (base) type's qualified name.
    const BASE: &'static str;
    /// `(alias, namespace)` pairs of the model, to accept `#graph.x`.
    const ALIASES: &'static [(&'static str, &'static str)];

    /// Builds the variant for `type_name` (the normalized `@odata.type`, or
    /// `None` when the object has none) from the buffered object.
    fn from_object(type_name: Option<&str>, object: Extra) -> Result<Self, serde_json::Error>;

    /// The variant for a value of the declared type itself.
    fn from_base(base: Self::Base) -> Self;
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

/// Reads a polymorphic object.
///
/// Graph writes control information (`@odata.type` included) before the
/// properties, so the common cases stream: control entries are read first;
/// an `@odata.type` naming the declared type, or the first property arriving
/// with no `@odata.type` before it, streams straight into the declared type's
/// struct. Another `@odata.type` buffers the object and dispatches on it. An
/// `@odata.type` that comes after properties (out of order) still works: what
/// was read so far is written back into a buffer and dispatched.
struct PolyVisitor<P>(std::marker::PhantomData<P>);

fn type_name<E: serde::de::Error>(
    v: &serde_json::Value,
    aliases: &[(&str, &str)],
) -> Result<String, E> {
    match v {
        serde_json::Value::String(s) => Ok(normalize_type_name(s, aliases)),
        other => Err(E::custom(format_args!(
            "`@odata.type` must be a string, found {other}"
        ))),
    }
}

impl<'de, P: Polymorphic> serde::de::Visitor<'de> for PolyVisitor<P> {
    type Value = P;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a JSON object of type {} or a subtype", P::BASE)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
        let mut head = Extra::new();
        loop {
            let Some(key) = map.next_key::<String>()? else {
                // Only control information (or nothing): no `@odata.type`.
                return P::from_object(None, head).map_err(A::Error::custom);
            };
            if key == "@odata.type" {
                let value: serde_json::Value = map.next_value()?;
                let name = type_name::<A::Error>(&value, P::ALIASES)?;
                insert_unique(&mut head, key, value)?;
                if name == P::BASE {
                    return stream_base::<P, A>(head, None, map);
                }
                return buffer_rest::<P, A>(&name, head, map);
            }
            if key.starts_with('@') {
                let value: serde_json::Value = map.next_value()?;
                insert_unique(&mut head, key, value)?;
                continue;
            }
            return stream_base::<P, A>(head, Some(key), map);
        }
    }
}

fn stream_base<'de, P: Polymorphic, A: serde::de::MapAccess<'de>>(
    head: Extra,
    pending: Option<String>,
    mut map: A,
) -> Result<P, A::Error> {
    let mut base = P::Base::default();
    for (k, v) in head {
        base.extra_mut().insert(k, v);
    }
    if let Some(key) = pending {
        read_entry(&mut base, key, &mut map)?;
    }
    match stream_into(base, &mut map, true)? {
        Streamed::Done(base) => Ok(P::from_base(base)),
        Streamed::LateType(base, value) => {
            let name = type_name::<A::Error>(&value, P::ALIASES)?;
            let mut object = match serde_json::to_value(&base).map_err(A::Error::custom)? {
                serde_json::Value::Object(o) => o,
                _ => return Err(A::Error::custom("a struct serializes to an object")),
            };
            insert_unique(&mut object, "@odata.type".into(), value)?;
            buffer_rest::<P, A>(&name, object, map)
        }
    }
}

fn buffer_rest<'de, P: Polymorphic, A: serde::de::MapAccess<'de>>(
    name: &str,
    mut object: Extra,
    mut map: A,
) -> Result<P, A::Error> {
    while let Some(key) = map.next_key::<String>()? {
        let value: serde_json::Value = map.next_value()?;
        insert_unique(&mut object, key, value)?;
    }
    P::from_object(Some(name), object).map_err(A::Error::custom)
}

/// Deserializes a polymorphic value (see the module docs).
pub fn de_poly<'de, D: Deserializer<'de>, P: Polymorphic>(d: D) -> Result<P, D::Error> {
    d.deserialize_map(PolyVisitor(std::marker::PhantomData))
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
    /// Keeps `object`, reading its `@odata.type`.
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
