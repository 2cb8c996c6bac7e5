//! [`Untyped`]: a value whose type the generated code does not include,
//! kept exactly as read.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// JSON for a property whose type was left out of the generated code: a
/// navigation property that the closure did not follow, a type excluded on
/// purpose, a namespace whose Cargo feature is off, or a type the model
/// does not resolve.
///
/// It holds the value's JSON text as it was read — key order, number
/// spelling and all — and writes it back unchanged, so an expanded
/// navigation property (`$expand=manager`) round-trips exactly even when
/// its type is not generated. The validator (`graph_model::validate`) still
/// checks such a value against the model at run time; [`Untyped::parse`]
/// reads it into a type of your choice.
///
/// Two values are equal when they are the same JSON (objects compare
/// without regard to member order, numbers by value).
///
/// The text is always one JSON value without surrounding whitespace: it is
/// checked when made from a string ([`Untyped::from_text`]), and taken as
/// it is from serde_json's reader, which has just parsed it (through
/// serde_json's raw-value protocol: a deserializer that imitated that
/// protocol would be trusted the same way; any other is read into a
/// `serde_json::Value` and spelled).
#[derive(Clone)]
pub struct Untyped(Box<str>);

/// The name under which serde_json hands out and takes raw text
/// (`RawValue`): the reader offers a map with this one key, the writer
/// emits a struct of this name's one field as it is.
pub(crate) const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// Writes `text`, one JSON value, as it is: through serde_json's raw-value
/// protocol (what `RawValue`'s own `Serialize` does), so serde_json's
/// writer emits the text unchanged and `serde_json::to_value` parses it.
pub(crate) fn serialize_raw<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    let mut raw = s.serialize_struct(RAW_TOKEN, 1)?;
    raw.serialize_field(RAW_TOKEN, text)?;
    raw.end()
}

impl Untyped {
    /// The JSON text, as read.
    pub fn get(&self) -> &str {
        &self.0
    }

    /// Checks that `text` is one JSON value and keeps it as it is (without
    /// whitespace around it).
    pub fn from_text(text: impl Into<String>) -> Result<Self, serde_json::Error> {
        let text = text.into();
        let value = serde_json::from_str::<&RawValue>(&text)?.get();
        if value.len() == text.len() {
            return Ok(Self(text.into_boxed_str()));
        }
        Ok(Self(value.into()))
    }

    /// The text of `value`.
    pub fn from_value(value: &Value) -> Self {
        Self::from_text(value.to_string()).expect("a Value's text is JSON")
    }

    /// As a `serde_json::Value` (numbers as serde_json reads them).
    pub fn to_value(&self) -> Value {
        serde_json::from_str(self.get()).expect("kept text is JSON")
    }

    /// Reads the value into `T`.
    pub fn parse<'a, T: Deserialize<'a>>(&'a self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.get())
    }

    /// Whether it is JSON `null`.
    pub fn is_null(&self) -> bool {
        self.get() == "null"
    }
}

impl PartialEq for Untyped {
    fn eq(&self, other: &Self) -> bool {
        if self.get() == other.get() {
            return true;
        }
        match (
            crate::json::parse(self.get()),
            crate::json::parse(other.get()),
        ) {
            (Ok(a), Ok(b)) => a.same(&b),
            _ => false,
        }
    }
}

impl Eq for Untyped {}

impl fmt::Debug for Untyped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Untyped({})", self.get())
    }
}

impl fmt::Display for Untyped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl From<Value> for Untyped {
    fn from(v: Value) -> Self {
        Self::from_value(&v)
    }
}

impl Serialize for Untyped {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_raw(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Untyped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Untyped(read_text(d)?.into_owned().into_boxed_str()))
    }
}

/// Reads one value as its JSON text: serde_json's raw text when the
/// deserializer offers it (serde_json's reader and `Value`; borrowed from
/// the input where it can be), and otherwise the value built and spelled.
pub(crate) fn read_text<'de, D: Deserializer<'de>>(d: D) -> Result<Cow<'de, str>, D::Error> {
    d.deserialize_newtype_struct(RAW_TOKEN, TextVisitor)
}

struct TextVisitor;

impl TextVisitor {
    fn value<'de, E: de::Error>(v: Value) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cow<'de, str>, A::Error> {
        let Some(first) = crate::rt::key::next_key(&mut map)? else {
            return Self::value(Value::Object(serde_json::Map::new()));
        };
        if first == RAW_TOKEN {
            // serde_json's reader hands over the text of the value it has
            // just parsed: kept without parsing it again.
            return crate::rt::key::next_text(&mut map, "raw JSON text");
        }
        let mut object = serde_json::Map::new();
        object.insert(first.into_owned(), map.next_value()?);
        while let Some((k, v)) = map.next_entry::<String, Value>()? {
            object.insert(k, v);
        }
        Self::value(Value::Object(object))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Cow<'de, str>, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element::<Value>()? {
            items.push(v);
        }
        Self::value(Value::Array(items))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Cow<'de, str>, E> {
        Self::value(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Cow<'de, str>, E> {
        Self::value(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cow<'de, str>, E> {
        Self::value(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cow<'de, str>, E> {
        Self::value(v.into())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cow<'de, str>, E> {
        Self::value(v.into())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cow<'de, str>, E> {
        serde_json::Number::from_f64(v)
            .ok_or_else(|| E::custom("a number beyond the range of a double"))
            .and_then(|n| Self::value(Value::Number(n)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Self::value(Value::String(v.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"{"z":1,"a":[1.50,1e400,12345678901234567890123],"m":{"@odata.type":"#microsoft.graph.user","id":"x"}}"##;

    #[test]
    fn keeps_the_text_through_serde_json() {
        let u: Untyped = serde_json::from_str(TEXT).unwrap();
        assert_eq!(u.get(), TEXT);
        assert_eq!(serde_json::to_string(&u).unwrap(), TEXT);
    }

    #[test]
    fn reads_from_a_value_and_from_other_deserializers() {
        let v: Value = serde_json::from_str(r#"{"b":[true,null,"s"],"a":2}"#).unwrap();
        let u: Untyped = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(u.to_value(), v);
        let d = serde::de::value::StrDeserializer::<serde::de::value::Error>::new("text");
        let s = Untyped::deserialize(d).unwrap();
        assert_eq!(s.get(), "\"text\"");
    }

    #[test]
    fn equality_is_json_equality() {
        let a = Untyped::from_text(r#"{"a":1,"b":[2.0]}"#).unwrap();
        let b = Untyped::from_text(r#"{ "b": [2], "a": 1 }"#).unwrap();
        let c = Untyped::from_text(r#"{"a":1,"b":[3]}"#).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(Untyped::from_text("null").unwrap().is_null());
        assert!(Untyped::from_text("{").is_err());
    }

    #[test]
    fn into_a_value_through_serialize() {
        let u = Untyped::from_text(r#"[1,{"x":"y"}]"#).unwrap();
        assert_eq!(
            serde_json::to_value(&u).unwrap(),
            serde_json::json!([1, {"x": "y"}])
        );
    }
}
