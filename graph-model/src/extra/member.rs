//! One member of an [`Extra`](super::Extra): the JSON text as read, written
//! back as it is, and its `serde_json::Value` made only when asked for.

use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::short_str::ShortStr;
use crate::untyped::{read_text, serialize_raw};

/// A member's value. Read members keep their text (numbers as written:
/// `12345678901234567890123`, `1.50`), which is what is written back; the
/// `Value` view is made from the text on first access, numbers correctly
/// rounded. A member set or changed through the `Value` API is that value.
#[derive(Clone)]
pub(crate) enum Member {
    /// As read: the text (inline when short), and its `Value` once asked
    /// for (boxed: most members are never asked).
    Text(ShortStr, OnceLock<Box<Value>>),
    /// Set or changed through the `Value` API.
    Value(Value),
}

impl Member {
    /// The `Value` view (made from the text on first access).
    pub(crate) fn value(&self) -> &Value {
        match self {
            Member::Text(text, value) => value.get_or_init(|| Box::new(exact_value(text.as_str()))),
            Member::Value(v) => v,
        }
    }

    /// The `Value`, to change: the member is that value from now on.
    pub(crate) fn value_mut(&mut self) -> &mut Value {
        if let Member::Text(text, value) = self {
            let v = value
                .take()
                .map_or_else(|| exact_value(text.as_str()), |v| *v);
            *self = Member::Value(v);
        }
        match self {
            Member::Value(v) => v,
            // Made a `Value` just above.
            Member::Text(..) => unreachable!("the member was made a value"),
        }
    }

    /// The `Value`, owned.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Member::Text(text, value) => value
                .into_inner()
                .map_or_else(|| exact_value(text.as_str()), |v| *v),
            Member::Value(v) => v,
        }
    }
}

impl From<Value> for Member {
    fn from(v: Value) -> Self {
        Member::Value(v)
    }
}

impl Serialize for Member {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Member::Text(text, _) => serialize_raw(text.as_str(), s),
            Member::Value(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Member {
    /// The text as read (serde_json hands it out as it is; another format's
    /// value is spelled as JSON).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = read_text(d)?;
        Ok(Member::Text(ShortStr::new(&text), OnceLock::new()))
    }
}

/// The `Value` of JSON text: integers that fit 64 bits exactly, every
/// other number as the double nearest to its text (correctly rounded,
/// whatever serde_json's own float parsing is set to).
pub(crate) fn exact_value(text: &str) -> Value {
    // The text is one JSON value (it was read as one, or made from a Value).
    crate::json::parse(text).map_or(Value::Null, |j| j.to_serde())
}
