//! OData control information (`@odata.context`, `@odata.count`,
//! `prop@odata.nextLink`...): the JSON type each must have, per the OData
//! JSON format. Other annotations are not checked.

use graph_model::json::Json;

/// What a control-information member must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A string (URLs, types, ETags, media types).
    String,
    /// A non-negative integer fitting `Edm.Int64`, as a number or (with
    /// IEEE754Compatible) a string of digits.
    Count,
    /// A string or an array of strings (`@odata.bind`).
    StringOrStrings,
    /// An object (`@odata.removed`).
    Object,
    /// An array (`@odata.delta`).
    Array,
    /// A boolean (`@odata.null`).
    Boolean,
}

impl Shape {
    fn describe(self) -> &'static str {
        match self {
            Shape::String => "a string",
            Shape::Count => "a non-negative integer (or a string of digits)",
            Shape::StringOrStrings => "a string or an array of strings",
            Shape::Object => "an object",
            Shape::Array => "an array",
            Shape::Boolean => "a boolean",
        }
    }
}

/// The control information a member name carries (`@odata.x` or
/// `prop@odata.x`; the `odata.` prefix is also accepted without `@`, as
/// OData 4.0 wrote it), and what it must be. `None` for other members.
pub fn shape_of(key: &str) -> Option<(&str, Shape)> {
    let term = match key.find('@') {
        Some(i) => &key[i + 1..],
        None => return None,
    };
    let name = term.strip_prefix("odata.")?;
    let shape = match name {
        "context" | "metadataEtag" | "type" | "nextLink" | "deltaLink" | "id" | "editLink"
        | "readLink" | "etag" | "navigationLink" | "associationLink" | "mediaEditLink"
        | "mediaReadLink" | "mediaEtag" | "mediaContentType" => Shape::String,
        "count" => Shape::Count,
        "bind" => Shape::StringOrStrings,
        "removed" => Shape::Object,
        "delta" => Shape::Array,
        "null" => Shape::Boolean,
        _ => return None,
    };
    Some((name, shape))
}

fn is_count(v: &Json<'_>) -> bool {
    match v {
        Json::Number(n) => n.parse::<i64>().is_ok_and(|c| c >= 0),
        Json::String(s) => {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<i64>().is_ok()
        }
        _ => false,
    }
}

/// Whether `v` has the shape; when not, the message.
pub fn check(key: &str, shape: Shape, v: &Json<'_>) -> Result<(), String> {
    let ok = match shape {
        Shape::String => matches!(v, Json::String(_)),
        Shape::Count => is_count(v),
        Shape::StringOrStrings => match v {
            Json::String(_) => true,
            Json::Array(items) => items.iter().all(|i| matches!(i, Json::String(_))),
            _ => false,
        },
        Shape::Object => matches!(v, Json::Object(_)),
        Shape::Array => matches!(v, Json::Array(_)),
        Shape::Boolean => matches!(v, Json::Bool(_)),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{key}` is control information and must be {}, found {}",
            shape.describe(),
            match v {
                Json::Number(n) => format!("the number {n}"),
                Json::String(s) => format!("the string {:?}", s.as_ref()),
                other => other.kind().to_string(),
            }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_model::json::parse;

    #[test]
    fn names_and_shapes() {
        assert_eq!(shape_of("@odata.context"), Some(("context", Shape::String)));
        assert_eq!(
            shape_of("files@odata.nextLink"),
            Some(("nextLink", Shape::String))
        );
        assert_eq!(shape_of("@odata.count"), Some(("count", Shape::Count)));
        assert_eq!(
            shape_of("manager@odata.bind"),
            Some(("bind", Shape::StringOrStrings))
        );
        assert_eq!(shape_of("@Core.Description"), None);
        assert_eq!(shape_of("odata.context"), None);
        for (json, ok) in [
            ("3", true),
            ("\"42\"", true),
            ("-1", false),
            ("1.5", false),
            ("\"INF\"", false),
            ("null", false),
            ("9223372036854775808", false),
        ] {
            assert_eq!(
                check("@odata.count", Shape::Count, &parse(json).unwrap()).is_ok(),
                ok,
                "{json}"
            );
        }
        assert_eq!(
            check("@odata.context", Shape::String, &parse("3").unwrap()).unwrap_err(),
            "`@odata.context` is control information and must be a string, found the number 3"
        );
        assert!(check(
            "x@odata.bind",
            Shape::StringOrStrings,
            &parse("[\"a\", \"b\"]").unwrap()
        )
        .is_ok());
        assert!(check(
            "x@odata.bind",
            Shape::StringOrStrings,
            &parse("[\"a\", 1]").unwrap()
        )
        .is_err());
    }
}
