//! Writing a [`Json`] back as compact JSON text, numbers as they were read.

use std::fmt::{self, Write};

use super::Json;

pub(super) fn compact(v: &Json<'_>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match v {
        Json::Null => f.write_str("null"),
        Json::Bool(b) => write!(f, "{b}"),
        Json::Number(n) => f.write_str(n),
        Json::String(s) => string(s, f),
        Json::Array(items) => {
            f.write_char('[')?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_char(',')?;
                }
                compact(item, f)?;
            }
            f.write_char(']')
        }
        Json::Object(members) => {
            f.write_char('{')?;
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    f.write_char(',')?;
                }
                string(k, f)?;
                f.write_char(':')?;
                compact(v, f)?;
            }
            f.write_char('}')
        }
    }
}

/// A JSON string literal, escaped as serde_json escapes it.
pub(super) fn string(s: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}
