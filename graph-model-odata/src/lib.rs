//! The OData protocol's text forms, following "OData ABNF Construction
//! Rules 4.01": resource paths, query options and expressions, context
//! URLs, headers and preferences (the grammar in `grammar.abnf`, run by a
//! recursive-descent matcher), and the literals of every Edm primitive type
//! in URLs and in bodies (hand-written in `literal.rs`). An error names the
//! character position where the input stops matching.
//!
//! The grammar cannot tell an entity set from a function import, or a
//! navigation property from a structural one, by syntax; [`Roles`] gives
//! the names of a model by rule. Without roles, every name fits every role
//! and the first alternative of the grammar wins.
//!
//! [`parse_rule`] runs a rule by its ABNF name (what `graph-model odata
//! parse --rule` and the ABNF test cases use).

#![warn(missing_docs)]

pub mod context;
mod error;
mod literal;
mod model_roles;
pub mod query;
mod roles;

use std::fmt;
use std::sync::OnceLock;

pub use error::Error;
use graph_model_abnf::{Grammar, Matcher};
pub use roles::{Roles, MODEL_RULES};

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

use graph_model_abnf::NativeFn as RuleFn;

/// The rules implemented in Rust, by ABNF name (the grammar text refers
/// to them and leaves them out).
const NATIVE: &[(&str, RuleFn)] = &[
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
    ("byte", |c| c.digits(1, 3)),
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

/// The grammar, read once.
fn grammar() -> &'static Grammar {
    static GRAMMAR: OnceLock<Grammar> = OnceLock::new();
    GRAMMAR.get_or_init(|| {
        let native: Vec<&str> = NATIVE.iter().map(|(n, _)| *n).collect();
        // The text is part of the crate and a unit test reads it.
        Grammar::read(include_str!("grammar.abnf"), &native)
            .unwrap_or_else(|e| panic!("grammar.abnf: {e}"))
    })
}

/// The names of the rules [`parse_rule`] knows: the grammar's and the
/// native literal rules.
pub fn rules() -> impl Iterator<Item = &'static str> {
    let g = grammar();
    g.names
        .iter()
        .map(String::as_str)
        .chain(NATIVE.iter().map(|(n, _)| *n))
}

/// Matches `input` against the ABNF rule `rule` (by its name in the
/// grammar, any case), every name fitting every role. `None`: no such
/// rule. `Ok`: the input in canonical form (percent-encoded unreserved
/// characters decoded; literal rules fully decoded); `Err`: where the input
/// stops matching.
pub fn parse_rule(rule: &str, input: &str) -> Option<Result<String, SyntaxError>> {
    parse_rule_with(rule, input, &Roles::new())
}

/// [`parse_rule`] against a model's names.
pub fn parse_rule_with(
    rule: &str,
    input: &str,
    roles: &Roles,
) -> Option<Result<String, SyntaxError>> {
    let g = grammar();
    let native = NATIVE
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case(rule));
    let target = g.rule(rule);
    if native.is_none() && target.is_none() {
        return None;
    }
    let mut m = Matcher::new(g, NATIVE, &roles.by_rule, input);
    let end = match (native, target) {
        (Some(n), _) => m.native(n, 0),
        (None, Some(r)) => m.rule(r, 0),
        (None, None) => None,
    };
    if end == Some(input.len()) {
        return Some(Ok(if native.is_some() {
            percent_decode(input)
        } else {
            decode_unreserved(input)
        }));
    }
    Some(Err(error_at(&m, end, rule, input)))
}

/// A rule match in a parse: the rule's name and the byte range it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMatch {
    /// The ABNF rule.
    pub rule: &'static str,
    /// Byte offsets in the input.
    pub range: std::ops::Range<usize>,
}

/// The grammar rules that matched when `input` matched `rule` (children
/// before their parent; native literal rules are leaves and not listed),
/// or where it stops matching. `None`: no such grammar rule.
pub fn parse_tree(
    rule: &str,
    input: &str,
    roles: &Roles,
) -> Option<Result<Vec<RuleMatch>, SyntaxError>> {
    let g = grammar();
    let r = g.rule(rule)?;
    let mut m = Matcher::new(g, NATIVE, &roles.by_rule, input).tracing();
    let end = m.rule(r, 0);
    if end == Some(input.len()) {
        let names = &g.names;
        return Some(Ok(m
            .take_trace()
            .into_iter()
            .map(|(r, start, end)| RuleMatch {
                rule: names[r].as_str(),
                range: start..end,
            })
            .collect()));
    }
    Some(Err(error_at(&m, end, rule, input)))
}

fn error_at(m: &Matcher, end: Option<usize>, rule: &str, input: &str) -> SyntaxError {
    let at = m.far.max(end.unwrap_or(0)).min(input.len());
    let at = floor_char_boundary(input, at);
    let chars = input[..at].chars().count();
    let message = if m.too_deep {
        format!(
            "not a valid {rule}: nested more than {} rules deep",
            graph_model_abnf::MAX_DEPTH
        )
    } else {
        let found = match input[at..].chars().next() {
            Some(ch) => format!("`{ch}`"),
            None => "end of input".to_string(),
        };
        format!("not a valid {rule}: unexpected {found}")
    };
    SyntaxError { at: chars, message }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `%XX` of an unreserved character (`ALPHA / DIGIT / "-" / "." / "_" /
/// "~"`) decoded, every other byte kept: the same URL, normalised as RFC
/// 3986 section 6.2.2.2 says.
fn decode_unreserved(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if let Some(c) = escaped(b, i).map(char::from) {
            if c.is_ascii_alphanumeric() || "-._~".contains(c) {
                out.push(c);
                i += 3;
                continue;
            }
        }
        let ch = text[i..].chars().next().unwrap_or_default();
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// The byte `%XX` at `b[i..]` stands for, if that is what is there.
fn escaped(b: &[u8], i: usize) -> Option<u8> {
    let hex = |j: usize| b.get(j).and_then(|&h| (h as char).to_digit(16));
    match (b.get(i), hex(i + 1), hex(i + 2)) {
        (Some(b'%'), Some(h), Some(l)) => Some((h * 16 + l) as u8),
        _ => None,
    }
}

/// `%XX` sequences decoded where the result is UTF-8; the text unchanged otherwise.
pub fn percent_decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match escaped(b, i) {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(b[i]);
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
        assert!(parse_rule("noSuchRule", "x").is_none());
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

    fn graph_like_roles() -> Roles {
        let mut roles = Roles::closed();
        roles
            .allow("entitySetName", ["Orders"])
            .allow("entityColFunctionImport", ["TopOrders"])
            .allow("primitiveKeyProperty", ["ID"])
            .allow("entityColNavigationProperty", ["Items"])
            .allow("primitiveNonKeyProperty", ["Name", "Size"])
            .allow("parameterName", ["n"]);
        roles
    }

    #[test]
    fn roles_decide_what_a_name_is() {
        let roles = graph_like_roles();
        let tree = parse_tree("odataRelativeUri", "TopOrders(n=2)(7)/Items", &roles)
            .unwrap()
            .unwrap();
        let has = |rule: &str, text: &str| {
            tree.iter()
                .any(|m| m.rule == rule && &"TopOrders(n=2)(7)/Items"[m.range.clone()] == text)
        };
        assert!(has("entityColFunctionImport", "TopOrders"));
        assert!(has("keyPredicate", "(7)"));
        assert!(has("entityColNavigationProperty", "Items"));
        assert!(!has("entitySetName", "TopOrders"));
        // A name that is nothing in the model stops the path where it starts.
        let e = parse_rule_with("odataRelativeUri", "Orders(1)/Itemz", &roles)
            .unwrap()
            .unwrap_err();
        assert_eq!(e.at, 15, "{e}");
        // Without roles the same name is read as the first thing it could be.
        assert!(parse_rule("odataRelativeUri", "Orders(1)/Itemz")
            .unwrap()
            .is_ok());
    }

    #[test]
    fn query_options_and_their_error_positions() {
        let roles = graph_like_roles();
        let ok = |input: &str| parse_rule_with("queryOptions", input, &roles).unwrap();
        assert!(ok("$filter=Size gt 1000000&$orderby=Name desc&$top=5").is_ok());
        assert!(ok("$expand=Items($filter=Size gt 1;$orderby=Name asc)").is_ok());
        assert_eq!(ok("$top=five").unwrap_err().at, 5);
        assert_eq!(ok("$filter=Size gt").unwrap_err().at, 15);
        assert_eq!(
            ok("$filter=Size%20gt%201").unwrap(),
            "$filter=Size%20gt%201",
            "only unreserved characters are decoded"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash_and_backtracking_stays_linear() {
        let roles = graph_like_roles();
        let nested = |n: usize| format!("{}Size{}", "(".repeat(n), ")".repeat(n));
        assert!(parse_rule_with("commonExpr", &nested(100), &roles)
            .unwrap()
            .is_ok());
        let e = parse_rule_with("commonExpr", &nested(10_000), &roles)
            .unwrap()
            .unwrap_err();
        assert!(e.message.contains("nested more than"), "{e}");
        // Each `cast(` level tries the expression form before the type form.
        let casts = format!("{}Size{}", "cast(".repeat(150), ")".repeat(150));
        assert!(parse_rule_with("commonExpr", &casts, &roles)
            .unwrap()
            .is_err());
    }

    #[test]
    fn the_grammar_text_reads_and_every_rule_is_reachable_by_name() {
        let g = grammar();
        for rule in MODEL_RULES {
            assert!(g.rule(rule).is_some(), "{rule}");
        }
        assert!(g.rules.len() > 300);
        for rule in [
            "odataRelativeUri",
            "queryOptions",
            "context",
            "header",
            "BWS",
        ] {
            assert!(g.rule(rule).is_some(), "{rule}");
        }
        assert!(rules().any(|r| r == "stringLiteral"));
    }
}
