//! Edm primitives and enum types.

use serde_json::{json, Value};

use super::{patterns, Defs, Mode};
use crate::csdl::raw::Facets;
use crate::model::{Enum, Primitive};

/// The shared definition name of a primitive.
pub fn def_name(p: Primitive) -> &'static str {
    use Primitive::*;
    match p {
        String => "Edm.String",
        Boolean => "Edm.Boolean",
        Byte => "Edm.Byte",
        SByte => "Edm.SByte",
        Int16 => "Edm.Int16",
        Int32 => "Edm.Int32",
        Int64 => "Edm.Int64",
        Single => "Edm.Single",
        Double => "Edm.Double",
        Decimal => "Edm.Decimal",
        Guid => "Edm.Guid",
        Binary => "Edm.Binary",
        Date => "Edm.Date",
        DateTimeOffset => "Edm.DateTimeOffset",
        TimeOfDay => "Edm.TimeOfDay",
        Duration => "Edm.Duration",
        Stream => "Edm.Stream",
        Untyped => "Edm.Untyped",
        Geo => "Edm.Geography",
        Abstract => "Edm.PrimitiveType",
    }
}

/// Whether any JSON value is accepted (no definition needed).
pub fn is_any(p: Primitive) -> bool {
    matches!(
        p,
        Primitive::Stream | Primitive::Untyped | Primitive::Geo | Primitive::Abstract
    )
}

fn integer(min: i64, max: i64, what: &str) -> Value {
    json!({
        "description": format!("{what}: an integer from {min} to {max}, written without fraction or exponent."),
        "type": "integer",
        "minimum": min,
        "maximum": max,
    })
}

fn string(pattern: String, description: &str) -> Value {
    json!({ "description": description, "type": "string", "pattern": pattern })
}

/// The shared definition of a primitive.
pub fn shared(p: Primitive) -> Value {
    use Primitive::*;
    match p {
        String => json!({ "type": "string" }),
        Boolean => json!({ "type": "boolean" }),
        Byte => integer(0, 255, "Edm.Byte"),
        SByte => integer(-128, 127, "Edm.SByte"),
        Int16 => integer(i16::MIN.into(), i16::MAX.into(), "Edm.Int16"),
        Int32 => integer(i32::MIN.into(), i32::MAX.into(), "Edm.Int32"),
        Int64 => json!({
            "description": "Edm.Int64: a 64-bit integer, as a JSON number or (IEEE754Compatible) a string.",
            "anyOf": [
                { "type": "integer", "minimum": i64::MIN, "maximum": i64::MAX },
                { "type": "string", "pattern": patterns::integer_string(i64::MIN, i64::MAX) },
            ],
        }),
        Single | Double => json!({
            "description": format!("{}: a number, or a string with a number, `INF`, `-INF` or `NaN`.", def_name(p)),
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": patterns::double() },
            ],
        }),
        Decimal => json!({
            "description": "Edm.Decimal: a number, or (IEEE754Compatible) a string with one.",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": patterns::decimal() },
            ],
        }),
        Guid => string(patterns::guid(), "Edm.Guid: 8-4-4-4-12 hexadecimal digits."),
        Binary => string(
            patterns::binary(),
            "Edm.Binary: base64, or base64url with or without padding.",
        ),
        Date => string(patterns::date(), "Edm.Date: YYYY-MM-DD."),
        DateTimeOffset => string(
            patterns::date_time_offset(),
            "Edm.DateTimeOffset: date and time (seconds optional, 1 to 12 fraction digits) with `Z` or an offset.",
        ),
        TimeOfDay => string(
            patterns::time_of_day(),
            "Edm.TimeOfDay: HH:MM, seconds optional, 1 to 12 fraction digits.",
        ),
        Duration => string(patterns::duration(), "Edm.Duration: ISO 8601 duration."),
        Stream | Untyped | Geo | Abstract => json!(true),
    }
}

impl Defs<'_> {
    /// The schema of a value of primitive `p` with the facets that apply.
    pub(crate) fn primitive(&mut self, p: Primitive, facets: Option<&Facets>) -> Value {
        if is_any(p) {
            return json!(true);
        }
        let max_length = facets
            .and_then(|f| f.max_length.as_deref())
            .and_then(|m| m.parse::<u64>().ok());
        match (p, max_length) {
            (Primitive::String, Some(max)) => json!({ "type": "string", "maxLength": max }),
            _ => self.refer(super::Def::Primitive(p)),
        }
    }
}

/// An enum type: members listed; in lenient mode any other string too.
/// Strict mode describes a response to a request without `Prefer:
/// include-unknown-enum-members` (the validator's default context), so an
/// evolvable member (after `unknownFutureValue`) is not among them.
pub fn enumeration(e: &Enum, mode: Mode) -> Value {
    let all: Vec<&str> = e.members.iter().map(|m| m.name.as_str()).collect();
    let members: Vec<&str> = match mode {
        Mode::Lenient => all,
        Mode::Strict => (0..e.members.len())
            .filter(|&i| !e.is_evolvable(i))
            .map(|i| e.members[i].name.as_str())
            .collect(),
    };
    match (e.is_flags, mode) {
        (false, Mode::Strict) if members.is_empty() => json!({ "type": "string", "not": {} }),
        (false, Mode::Strict) => json!({ "type": "string", "enum": members }),
        (false, Mode::Lenient) => json!({
            "anyOf": [ { "enum": members }, { "type": "string" } ],
        }),
        (true, Mode::Strict) if members.is_empty() => json!({ "type": "string", "not": {} }),
        (true, Mode::Strict) => json!({
            "description": format!("Flags: a comma-separated list of {}.", members.join(", ")),
            "type": "string",
            "pattern": patterns::flags(&members),
        }),
        (true, Mode::Lenient) => json!({
            "description": format!("Flags: a comma-separated list of {} (or other strings).", members.join(", ")),
            "type": "string",
        }),
    }
}
