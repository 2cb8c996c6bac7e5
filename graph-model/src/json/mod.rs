//! A JSON document as the validator reads it: numbers keep their exact text
//! (`1.50`, `12345678901234567890`), objects keep their members in order and
//! with any repeated key, and strings borrow from the input where they can.
//!
//! This is what lets validation be exact without switching on serde_json's
//! `arbitrary_precision` or `preserve_order` (which would change
//! `serde_json` for every crate in a program that depends on this one).
//! The parser accepts exactly what `serde_json` accepts — the same errors
//! for lone surrogates, control characters, numbers beyond the range of a
//! double, and nesting deeper than 127 — so the typed and dynamic paths see
//! the same documents.

mod parse;
mod write;

use std::borrow::Cow;

pub use parse::{parse, parse_streaming, OnItem, ParseError, MAX_DEPTH};

/// Appends one reference token to a pointer, escaping `~` and `/`.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    push_token(&mut out, token);
    out
}

/// Appends `/` and one reference token to `pointer` in place (so a walk can
/// push a token, descend, and truncate back), escaping `~` and `/`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if !token.contains(['~', '/']) {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Appends `/` and an array index to `pointer` in place.
pub fn push_index(pointer: &mut String, index: usize) {
    use std::fmt::Write;
    let _ = write!(pointer, "/{index}");
}

/// A JSON value borrowing from the text it was read from.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its exact text.
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object: members in document order; a repeated key appears twice.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// The member `key` of an object (the first, if it is repeated).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, for a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members, for an object.
    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Json<'a>)]> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The items, for an array.
    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// `null`, `a boolean`, `a number`... for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Whether two values are the same JSON: numbers by value (`1.50` and
    /// `1.5` are one number; JSON gives numbers no canonical spelling),
    /// objects regardless of member order.
    pub fn same(&self, other: &Json<'_>) -> bool {
        match (self, other) {
            (Json::Number(a), Json::Number(b)) => same_number(a, b),
            (Json::Array(a), Json::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y))
            }
            (Json::Object(a), Json::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.iter().any(|(k2, v2)| k == k2 && v.same(v2)))
            }
            (Json::String(a), Json::String(b)) => a == b,
            (Json::Bool(a), Json::Bool(b)) => a == b,
            (Json::Null, Json::Null) => true,
            _ => false,
        }
    }

    /// The same value as a `serde_json::Value` (numbers as serde_json reads
    /// them: integers exactly, others as the nearest double).
    pub fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => number_value(n),
            Json::String(s) => Value::String(s.to_string()),
            Json::Array(a) => Value::Array(a.iter().map(Json::to_serde).collect()),
            Json::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| (k.to_string(), v.to_serde()))
                    .collect(),
            ),
        }
    }
}

/// A number's `serde_json::Value`, as serde_json classifies it (integers
/// that fit 64 bits, `-0` and everything else a double), the double
/// correctly rounded from the text whatever serde_json's own float parsing
/// is set to (its `float_roundtrip` feature).
fn number_value(n: &str) -> serde_json::Value {
    use serde_json::Value;
    let integer = !n.contains(['.', 'e', 'E']);
    if integer && n != "-0" {
        if let Ok(i) = n.parse::<i64>() {
            return Value::from(i);
        }
        if let Ok(u) = n.parse::<u64>() {
            return Value::from(u);
        }
    }
    n.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// Equal text, or the same integer, or the same double.
pub fn same_number(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let int = |s: &str| s.parse::<i128>().ok();
    match (int(a), int(b)) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.parse::<f64>(), b.parse::<f64>()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        },
    }
}

impl std::fmt::Display for Json<'_> {
    /// Compact JSON, numbers as written.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write::compact(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_value_and_keep_their_text() {
        let a = parse("{\"n\": 1.50, \"b\": [1E2, 12345678901234567890123]}").unwrap();
        assert_eq!(a.get("n"), Some(&Json::Number("1.50")));
        let b = parse("{\"b\": [100, 12345678901234567890123.0], \"n\": 1.5}").unwrap();
        assert!(a.same(&b));
        assert!(!a.same(&parse("{\"n\": 1.5, \"b\": [100, 1]}").unwrap()));
        assert_eq!(
            a.to_string(),
            "{\"n\":1.50,\"b\":[1E2,12345678901234567890123]}"
        );
        assert!(same_number("9007199254740993", "9007199254740993"));
        assert!(!same_number("9007199254740993", "9007199254740992"));
    }
}
