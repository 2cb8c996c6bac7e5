//! The OData protocol's text forms, following "OData ABNF Construction
//! Rules 4.01": the literals of every Edm primitive type, in URLs and in
//! bodies. Each parser matches one ABNF rule exactly; an error names the
//! character position where the input stops matching.
//!
//! [`parse_rule`] runs a rule by its ABNF name (what `graph-model odata
//! parse --rule` and the ABNF test cases use). Query options, expressions,
//! resource paths and context URLs are not here yet.

mod cursor;
mod literal;

use std::fmt;

use cursor::Cursor;

/// Where and why an input does not match a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// 0-based character position at which the input stops matching.
    pub at: usize,
    /// What was wrong there.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error at {}: {}", self.at, self.message)
    }
}

impl std::error::Error for SyntaxError {}

type RuleFn = fn(&mut Cursor) -> bool;

/// The rules implemented, by ABNF name.
const RULES: &[(&str, RuleFn)] = &[
    ("primitiveLiteral", literal::primitive_literal),
    ("primitiveValue", literal::primitive_value),
    ("null", literal::null),
    ("boolean", |c| literal::boolean(c, true)),
    ("booleanValue", |c| literal::boolean(c, false)),
    ("guid", literal::guid),
    ("guidValue", literal::guid),
    ("date", literal::date),
    ("dateValue", literal::date),
    ("dateTimeOffsetLiteral", |c| {
        literal::date_time_offset(c, true)
    }),
    ("dateTimeOffsetValue", |c| {
        literal::date_time_offset(c, false)
    }),
    ("timeOfDayLiteral", |c| literal::time_of_day(c, true)),
    ("timeOfDayValue", |c| literal::time_of_day(c, false)),
    ("durationLiteral", literal::duration_literal),
    ("durationValue", literal::duration_value),
    ("decimalLiteral", |c| literal::decimal(c, true)),
    ("decimalValue", |c| literal::decimal(c, false)),
    ("doubleLiteral", |c| literal::decimal(c, true)),
    ("doubleValue", |c| literal::decimal(c, false)),
    ("singleLiteral", |c| literal::decimal(c, true)),
    ("singleValue", |c| literal::decimal(c, false)),
    ("sbyteLiteral", |c| literal::integer(c, true, 3)),
    ("sbyteValue", |c| literal::integer(c, false, 3)),
    ("byteValue", |c| c.digits(1, 3)),
    ("int16Literal", |c| literal::integer(c, true, 5)),
    ("int16Value", |c| literal::integer(c, false, 5)),
    ("int32Literal", |c| literal::integer(c, true, 10)),
    ("int32Value", |c| literal::integer(c, false, 10)),
    ("int64Literal", |c| literal::integer(c, true, 19)),
    ("int64Value", |c| literal::integer(c, false, 19)),
    ("stringLiteral", literal::string),
    ("binaryLiteral", literal::binary_literal),
    ("binaryValue", literal::binary_value),
    ("enumLiteral", literal::enum_literal),
    ("enumValue", literal::enum_value),
    ("odataIdentifier", literal::identifier),
    ("geographyPoint", |c| {
        literal::geo_literal(c, "geography", Some("Point"))
    }),
    ("geographyLineString", |c| {
        literal::geo_literal(c, "geography", Some("LineString"))
    }),
    ("geographyPolygon", |c| {
        literal::geo_literal(c, "geography", Some("Polygon"))
    }),
    ("geographyMultiPoint", |c| {
        literal::geo_literal(c, "geography", Some("MultiPoint"))
    }),
    ("geographyMultiLineString", |c| {
        literal::geo_literal(c, "geography", Some("MultiLineString"))
    }),
    ("geographyMultiPolygon", |c| {
        literal::geo_literal(c, "geography", Some("MultiPolygon"))
    }),
    ("geographyCollection", |c| {
        literal::geo_literal(c, "geography", Some("GeometryCollection"))
    }),
    ("geometryPoint", |c| {
        literal::geo_literal(c, "geometry", Some("Point"))
    }),
    ("geometryLineString", |c| {
        literal::geo_literal(c, "geometry", Some("LineString"))
    }),
    ("geometryPolygon", |c| {
        literal::geo_literal(c, "geometry", Some("Polygon"))
    }),
    ("geometryMultiPoint", |c| {
        literal::geo_literal(c, "geometry", Some("MultiPoint"))
    }),
    ("geometryMultiLineString", |c| {
        literal::geo_literal(c, "geometry", Some("MultiLineString"))
    }),
    ("geometryMultiPolygon", |c| {
        literal::geo_literal(c, "geometry", Some("MultiPolygon"))
    }),
    ("geometryCollection", |c| {
        literal::geo_literal(c, "geometry", Some("GeometryCollection"))
    }),
];

/// The names of the rules [`parse_rule`] knows.
pub fn rules() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|(n, _)| *n)
}

/// Matches `input` against the ABNF rule `rule` (by its name in the
/// grammar). `None`: the rule is not implemented. `Ok`: the canonical form
/// (percent-encoding decoded); `Err`: where the input stops matching.
pub fn parse_rule(rule: &str, input: &str) -> Option<Result<String, SyntaxError>> {
    let (_, f) = RULES.iter().find(|(n, _)| *n == rule)?;
    let mut c = Cursor::new(input);
    if f(&mut c) && c.at_end() {
        return Some(Ok(percent_decode(input)));
    }
    let at = c.far.max(c.pos).min(input.len());
    let chars = input[..floor_char_boundary(input, at)].chars().count();
    let found = match input[floor_char_boundary(input, at)..].chars().next() {
        Some(ch) => format!("`{ch}`"),
        None => "end of input".to_string(),
    };
    Some(Err(SyntaxError {
        at: chars,
        message: format!("not a valid {rule}: unexpected {found}"),
    }))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `%XX` sequences decoded where the result is UTF-8; the text unchanged otherwise.
pub fn percent_decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|&h| (h as char).to_digit(16));
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (x, _, _) => {
                out.push(x);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rule: &str, input: &str) -> Option<usize> {
        parse_rule(rule, input).unwrap().err().map(|e| e.at)
    }

    #[test]
    fn literals_and_their_error_positions() {
        assert_eq!(at("dateTimeOffsetValue", "2012-09-03T22:09:02Z"), None);
        assert_eq!(at("dateTimeOffsetValue", "2011-12-31T24:00:00Z"), Some(12));
        assert_eq!(
            at("dateTimeOffsetLiteral", "2012-09-03T23%3A59%2B01%3A00"),
            None
        );
        assert_eq!(at("dateTimeOffsetValue", "2012-09-03T23%3A59Z"), Some(13));
        assert_eq!(at("stringLiteral", "'O''Neil'"), None);
        assert_eq!(at("stringLiteral", "'O'Neil'"), Some(3));
        assert_eq!(at("guid", "01234567-89ab-cdef-456789abcdef"), Some(23));
        assert_eq!(at("doubleValue", "-0.314e1e2"), Some(8));
        assert_eq!(at("durationValue", "P1Y6DT23H59M59.9999S"), Some(2));
        assert_eq!(at("boolean", "tRUe"), None);
        assert_eq!(at("booleanValue", "tRUe"), Some(0));
        assert_eq!(
            at("enumLiteral", "Sales.Pattern'Solid%2CYellow,%2B42'"),
            None
        );
        assert_eq!(
            at("geographyPoint", "geography'SRID=0;Point(142.1 64.1 10.0)'"),
            None
        );
        assert_eq!(
            at("geographyPoint", "geography'SRID=0;LineString(1 2,3 4)'"),
            Some(17)
        );
        assert!(parse_rule("commonExpr", "x").is_none());
    }

    #[test]
    fn messages_name_the_place() {
        let e = parse_rule("timeOfDayValue", "24:00:00")
            .unwrap()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "error at 1: not a valid timeOfDayValue: unexpected `4`"
        );
        let e = parse_rule("guid", "0123").unwrap().unwrap_err();
        assert_eq!(
            e.to_string(),
            "error at 4: not a valid guid: unexpected end of input"
        );
        assert_eq!(
            parse_rule("int16Literal", "%2B32000").unwrap().unwrap(),
            "+32000"
        );
    }
}
