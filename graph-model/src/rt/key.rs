//! Member names and string values as read: borrowed from the input when it
//! allows (no escape in the text, text in memory), so that a property name,
//! an enum member or an `@odata.type` the model knows costs no allocation.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, Visitor};

/// The next member name of `map`, borrowed where the input allows.
pub fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
    map.next_key_seed(Text("a member name"))
}

/// A string value, borrowed where the input allows; `expecting` names it
/// in the error for anything else.
pub fn text<'de, D: Deserializer<'de>>(
    d: D,
    expecting: &'static str,
) -> Result<Cow<'de, str>, D::Error> {
    d.deserialize_str(Text(expecting))
}

/// The value of the current entry of `map` as [`text`].
pub fn next_text<'de, A: MapAccess<'de>>(
    map: &mut A,
    expecting: &'static str,
) -> Result<Cow<'de, str>, A::Error> {
    map.next_value_seed(Text(expecting))
}

struct Text(&'static str);

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the keys of an object, saying which were borrowed.
    struct Keys;

    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<(String, bool)>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(k) = next_key(&mut map)? {
                map.next_value::<serde::de::IgnoredAny>()?;
                out.push((k.to_string(), matches!(k, Cow::Borrowed(_))));
            }
            Ok(out)
        }
    }

    #[test]
    fn names_borrow_unless_escaped_or_buffered() {
        let text = r#"{"plain": 1, "esc\u0061ped": 2, "a\"b": 3}"#;
        let mut d = serde_json::Deserializer::from_str(text);
        let keys = d.deserialize_map(Keys).unwrap();
        assert_eq!(
            keys,
            [
                ("plain".to_string(), true),
                ("escaped".to_string(), false),
                ("a\"b".to_string(), false)
            ]
        );
        // From a reader (or a buffered `Value`), names are owned.
        let mut d = serde_json::Deserializer::from_reader(text.as_bytes());
        let keys = d.deserialize_map(Keys).unwrap();
        assert!(keys.iter().all(|(_, borrowed)| !borrowed));
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let keys = value.deserialize_map(Keys).unwrap();
        assert_eq!(keys.len(), 3);
    }
}
