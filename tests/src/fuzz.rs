//! The properties the coverage-guided fuzzers check, one function per
//! reader. Each takes the fuzzer's bytes and panics when a property fails,
//! so that the same function is the libFuzzer target (`fuzz/`, nightly) and
//! the regression test of every input it ever found
//! (`tests/tests/trials/fuzz_regressions.rs`, on stable, over `tests/fixtures/fuzz/`).
//! The multipart property is in `fuzz_multipart.rs`, included by both (the
//! builder it checks is the example crate's, a dev-dependency here).

use std::sync::{Arc, OnceLock};

use graph_model_codegen::{Builder, Model};
use graph_model_csdl::model::path;
use graph_model_csdl::LoadOptions;
use graph_model_odata::query::{self, Dialect};
use graph_model_tools::validate::{validate_bundled, Mode};

use crate::corpus::Block;

/// A property: panics when the input breaks it.
pub type Property = fn(&[u8]);

/// Every target: `(name, property)`.
pub const TARGETS: &[(&str, Property)] = &[
    ("csdl", csdl),
    ("json", json),
    ("typed", typed),
    ("odata", odata),
    ("edm", edm),
    ("urls", urls),
];

/// The file name the fuzzed CSDL is read as.
const CSDL_FILE: &str = "fuzz.xml";

/// CSDL bytes → read, resolve, closure of everything, render: no panic;
/// every diagnostic of the input names a place inside it; every file the
/// generator would write is a plain name inside its output directory.
pub fn csdl(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let in_input = |d: &graph_model_codegen::Diagnostic| {
        let Some(span) = &d.span else { return };
        if &*span.file != CSDL_FILE {
            return;
        }
        let line = span.line as usize;
        assert!(
            (1..=lines.len()).contains(&line),
            "{d}: line outside the input ({} lines)",
            lines.len()
        );
        let width = lines[line - 1].len() + 1;
        assert!(
            (1..=width).contains(&(span.col as usize)),
            "{d}: column outside line {line} ({width} bytes with its end)"
        );
    };
    let model = match graph_model_csdl::load_str(CSDL_FILE, text, LoadOptions::default()) {
        Ok(model) => model,
        Err(diagnostics) => {
            diagnostics.iter().for_each(in_input);
            return;
        }
    };
    model.diagnostics.iter().for_each(in_input);
    let Ok((files, warnings)) = Builder::new()
        .all(true)
        .navigation(true)
        .type_visitor(true)
        .render_model(&model, CSDL_FILE)
    else {
        return;
    };
    warnings.iter().for_each(in_input);
    for f in &files {
        let plain = !f.name.is_empty()
            && !f.name.starts_with('.')
            && f.name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
        assert!(plain, "a generated file named {:?}", f.name);
    }
}

/// JSON text → the crate's exact reader and serde_json accept exactly the
/// same documents and read the same values.
pub fn json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = graph_model::json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert!(same_as_serde(&a, &b), "read differently: {text:?}"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "accepted by one reader only: {text:?}\n  ours: {:?}\n  serde_json: {:?}",
            a.err(),
            b.err()
        ),
    }
}

/// Whether `ours` is `theirs`: the same structure, strings and literals,
/// objects with the same members (serde_json keeps the last of a repeated
/// key), and each number text read by serde_json to `theirs`' number.
fn same_as_serde(ours: &graph_model::json::Json<'_>, theirs: &serde_json::Value) -> bool {
    use graph_model::json::Json;
    use serde_json::Value;
    match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Number(n), Value::Number(_)) => {
            serde_json::from_str::<Value>(n).is_ok_and(|v| &v == theirs)
        }
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_as_serde(x, y))
        }
        (Json::Object(a), Value::Object(b)) => {
            let last = |k: &str| a.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v);
            let keys: std::collections::BTreeSet<&str> =
                a.iter().map(|(k, _)| k.as_ref()).collect();
            keys.len() == b.len()
                && b.iter()
                    .all(|(k, v)| last(k).is_some_and(|x| same_as_serde(x, v)))
        }
        _ => false,
    }
}

/// The bundled model, loaded once.
fn bundled() -> &'static Arc<Model> {
    static MODEL: OnceLock<Arc<Model>> = OnceLock::new();
    MODEL.get_or_init(|| crate::corpus::model(None))
}

/// The bundled model's structured types (what the typed path can read).
fn structured_types() -> &'static [String] {
    static TYPES: OnceLock<Vec<String>> = OnceLock::new();
    TYPES.get_or_init(|| {
        let model = bundled();
        let mut names: Vec<String> = model
            .ids()
            .map(|id| model.get(id))
            .filter(|t| t.structured().is_some())
            .map(|t| t.name.to_string())
            .collect();
        names.sort();
        names
    })
}

/// `[type, shape, text…]` → typed and dynamic validation of the text as
/// that type of the bundled model (a collection or not, lenient or strict,
/// in one of four places) give the same findings.
pub fn typed(data: &[u8]) {
    let [t, shape, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let types = structured_types();
    let type_name = types[usize::from(*t) % types.len()].clone();
    let mode = if shape & 1 == 0 {
        Mode::Lenient
    } else {
        Mode::Strict
    };
    let context = crate::differential::CONTEXTS[usize::from((shape >> 1) & 3)];
    let block = Block {
        id: "fuzz".into(),
        type_name,
        collection: shape & 8 != 0,
        body: text.to_string(),
        method: None,
    };
    if let Err(e) =
        crate::differential::compare(bundled(), validate_bundled, &block, text, (mode, context))
    {
        panic!("{e}");
    }
}

/// `[selector, text…]` → a query string parsed (OData's dialect or
/// Graph's) and written in canonical form parses again to the same query
/// (the same canonical form: the trees differ only in their spans);
/// or an ABNF rule of the grammar matched against the text twice gives the
/// same answer (and neither panics nor overflows the stack).
pub fn odata(data: &[u8]) {
    let [selector, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match selector % 4 {
        0 | 1 => {
            let dialect = if selector % 4 == 0 {
                Dialect::STANDARD
            } else {
                Dialect::graph()
            };
            let Ok(q) = query::parse(text, dialect) else {
                return;
            };
            let canonical = q.to_canonical();
            // The tree without its spans (which point into each text).
            match query::parse(&canonical, dialect) {
                Ok(again) => assert_eq!(
                    again.to_canonical(),
                    canonical,
                    "{text:?} → {canonical:?} reads differently"
                ),
                Err(e) => panic!("{text:?} → {canonical:?} does not parse again: {e}"),
            }
        }
        2 => {
            let _ = query::parse_expr(text, Dialect::graph());
        }
        _ => {
            let rules: Vec<&str> = graph_model_odata::rules().collect();
            let rule = rules[usize::from(selector / 4) % rules.len()];
            let a = graph_model_odata::parse_rule(rule, text);
            let b = graph_model_odata::parse_rule(rule, text);
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{rule} on {text:?}");
        }
    }
}

/// Parses `text` as the Edm type and writes it back: `Ok(written)`.
type EdmRoundTrip = fn(&str) -> Result<String, ()>;

fn round_trip<T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug>(
    text: &str,
) -> Result<String, ()> {
    let value: T = text.parse().map_err(drop)?;
    let written = value.to_string();
    let again: T = written
        .parse()
        .unwrap_or_else(|_| panic!("{text:?} was written as {written:?}, which does not parse"));
    assert_eq!(value, again, "{text:?} → {written:?}");
    Ok(written)
}

/// The Edm primitives with their ABNF value rule.
const EDM: &[(&str, &str, EdmRoundTrip)] = &[
    (
        "DateTimeOffset",
        "dateTimeOffsetValue",
        round_trip::<graph_model::edm::DateTimeOffset>,
    ),
    ("Date", "dateValue", round_trip::<graph_model::edm::Date>),
    (
        "TimeOfDay",
        "timeOfDayValue",
        round_trip::<graph_model::edm::TimeOfDay>,
    ),
    (
        "Duration",
        "durationValue",
        round_trip::<graph_model::edm::Duration>,
    ),
    ("Guid", "guidValue", round_trip::<graph_model::edm::Guid>),
    (
        "Binary",
        "binaryValue",
        round_trip::<graph_model::edm::Binary>,
    ),
    ("Int64", "int64Value", round_trip::<graph_model::edm::Int64>),
    (
        "Decimal",
        "decimalValue",
        round_trip::<graph_model::edm::Decimal>,
    ),
];

/// `[selector, text…]` → an Edm primitive read and written reads again to
/// the same value, and the Edm reader accepts exactly what the OData ABNF
/// rule of its values accepts.
pub fn edm(data: &[u8]) {
    let [selector, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (name, rule, check) = EDM[usize::from(*selector) % EDM.len()];
    // A year of more than nine digits is beyond the Edm reader, which says
    // so (`edm::datetime::YEAR_DIGITS`: the instant it orders by must fit).
    let year_digits = text
        .trim_start_matches('-')
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if matches!(name, "DateTimeOffset" | "Date") && year_digits > 9 {
        return;
    }
    // `durationValue` approximates XML Schema's `dayTimeDuration` (its note
    // says so) and also matches a duration of no part (`P`, `-PT`), which
    // `Edm.Duration` rejects as `dayTimeDuration` does.
    if name == "Duration" && !text.ends_with(['D', 'H', 'M', 'S']) {
        return;
    }
    let ours = check(text).is_ok();
    let abnf = matches!(graph_model_odata::parse_rule(rule, text), Some(Ok(_)));
    // `decimalValue` is also `doubleValue` and `singleValue`: its
    // `nanInfinity` branch is theirs, an `Edm.Decimal` is a number.
    let abnf = abnf && !(name == "Decimal" && matches!(text, "NaN" | "INF" | "-INF"));
    // `int64Value = [ SIGN ] 1*19DIGIT` approximates the range its comment
    // gives, which is the reader's (any leading zeros, the value an `i64`);
    // `SIGN`'s `%2B` is a URL's encoding, not a body's sign.
    let abnf = if name == "Int64" {
        let (sign, digits) = match text.strip_prefix(['+', '-']) {
            Some(digits) => (&text[..1], digits),
            None => ("", text),
        };
        let trimmed = match digits.trim_start_matches('0') {
            "" if !digits.is_empty() => "0",
            t => t,
        };
        let shortest = format!("{sign}{trimmed}");
        matches!(graph_model_odata::parse_rule(rule, &shortest), Some(Ok(_)))
            && text.parse::<i64>().is_ok()
    } else {
        abnf
    };
    // The date rules are syntax (`day` is 01 to 31 in any month); the
    // reader also holds the day to its month, leap years included.
    // `SIGN`'s `%2B` before an offset is a URL's encoding, not a body's.
    let abnf = abnf
        && !(matches!(name, "DateTimeOffset" | "Date")
            && (!calendar_day(text) || text.to_ascii_uppercase().contains("%2B")));
    // The ABNF's quoted letters match either case (RFC 5234): `durationValue`
    // then takes `p1d` and `binaryValue` a last `a` where base64's bits want
    // `A`. The reader follows XML Schema (upper case) and base64.
    let abnf = abnf
        && !(name == "Duration" && text.bytes().any(|b| b.is_ascii_lowercase()))
        && (name != "Binary" || base64_tail(text));
    // `binaryValue` is base64url; `Edm.Binary` also reads standard base64,
    // padded, which Graph writes (`contentBytes`): the same groups in the
    // other alphabet, never the two mixed.
    let abnf = abnf
        || (name == "Binary"
            && !text.contains(['-', '_'])
            && text.len() % 4 == 0
            && matches!(
                graph_model_odata::parse_rule(rule, &text.replace('+', "-").replace('/', "_")),
                Some(Ok(_))
            ));
    assert_eq!(
        ours,
        abnf,
        "Edm.{name} {} {text:?}, the ABNF rule {rule} {}",
        if ours { "accepts" } else { "rejects" },
        if abnf { "accepts it" } else { "does not" }
    );
}

/// Whether the last character of a base64 text's short final group (2 or
/// 3 characters before any `=`) leaves the unused bits zero, with the
/// letters' case.
fn base64_tail(text: &str) -> bool {
    let data = text.trim_end_matches('=');
    let last = data.chars().last();
    match data.len() % 4 {
        2 => last.is_some_and(|c| "AQgw".contains(c)),
        3 => last.is_some_and(|c| "AEIMQUYcgkosw048".contains(c)),
        _ => true,
    }
}

/// Whether the `[-]YYYY…-MM-DD` that `text` starts with names a day of the
/// proleptic Gregorian calendar (`false` when it does not start so).
fn calendar_day(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let mut fields = body.splitn(3, '-');
    let (Some(y), Some(m), Some(rest)) = (fields.next(), fields.next(), fields.next()) else {
        return false;
    };
    let (Ok(y), Ok(m), Some(Ok(d))) = (
        y.parse::<i64>(),
        m.parse::<u32>(),
        rest.get(..2).map(str::parse::<u32>),
    ) else {
        return false;
    };
    let y = if text.starts_with('-') { -y } else { y };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Text → resolving it as a context URL and as a request URL against the
/// bundled model: no panic, and the same answer twice.
pub fn urls(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let model = bundled();
    let a = graph_model_odata::context::resolve_context(model, text);
    let b = graph_model_odata::context::resolve_context(model, text);
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "context URL {text:?}");
    let a = path::resolve(model, text);
    let b = path::resolve(model, text);
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "request URL {text:?}");
}
