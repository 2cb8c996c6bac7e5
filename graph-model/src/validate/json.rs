//! Reading payload text: lenient repairs, parse errors with line:col, and
//! keys repeated within an object.

use std::borrow::Cow;
use std::collections::HashSet;

use super::finding::{Kind, Mode, Report};
use crate::json::{self, push_token, Json};
use crate::lenient_json::strip_trailing_commas;

/// The text with trailing commas removed, each one reported.
pub fn repaired<'a>(text: &'a str, mode: Mode, report: &mut Report) -> Cow<'a, str> {
    let (fixed, repairs) = strip_trailing_commas(text);
    for r in &repairs {
        report.push(
            mode,
            "",
            Kind::TrailingComma,
            format!("trailing comma at line {} column {}", r.line, r.col),
        );
    }
    fixed
}

/// Parses (repaired) text; `None`, with an `invalid-json` finding, when it is
/// not JSON. Keys repeated in an object are reported.
pub fn parse<'a>(text: &'a str, mode: Mode, report: &mut Report) -> Option<Json<'a>> {
    match json::parse(text) {
        Ok(v) => {
            duplicates("", &v, mode, report);
            Some(v)
        }
        Err(e) => {
            not_json(&e, mode, report);
            None
        }
    }
}

/// The `invalid-json` finding of a document that does not parse.
pub fn not_json(e: &json::ParseError, mode: Mode, report: &mut Report) {
    report.push(mode, "", Kind::InvalidJson, format!("not JSON: {e}"));
}

/// Keys repeated in `v` and everything below it, in document order.
pub fn duplicates(pointer: &str, v: &Json<'_>, mode: Mode, report: &mut Report) {
    duplicates_at(&mut pointer.to_string(), v, mode, report);
}

/// [`duplicates`] with the pointer built in one buffer as the walk goes
/// down and back up: no string per value.
fn duplicates_at(pointer: &mut String, v: &Json<'_>, mode: Mode, report: &mut Report) {
    let len = pointer.len();
    match v {
        Json::Object(members) => {
            repeated_keys(pointer, members, mode, report);
            for (k, v) in members {
                push_token(pointer, k);
                duplicates_at(pointer, v, mode, report);
                pointer.truncate(len);
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                use std::fmt::Write;
                let _ = write!(pointer, "/{i}");
                duplicates_at(pointer, v, mode, report);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Keys repeated among one object's own members.
pub fn repeated_keys(pointer: &str, members: &[(Cow<str>, Json)], mode: Mode, report: &mut Report) {
    let mut seen = HashSet::new();
    for (k, _) in members {
        if !seen.insert(k.as_ref()) {
            report.push(
                mode,
                pointer,
                Kind::DuplicateKey,
                format!("key `{k}` appears more than once; only the last value would be kept"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, mode: Mode, report: &mut Report) -> Option<String> {
        let fixed = repaired(text, mode, report).into_owned();
        parse(&fixed, mode, report).map(|v| v.to_string())
    }

    #[test]
    fn trailing_commas_invalid_json_and_duplicates() {
        let mut r = Report::default();
        let v = read("{\"a\": 1,\n}", Mode::Lenient, &mut r).unwrap();
        assert_eq!(v, "{\"a\":1}");
        assert_eq!(
            r.to_string(),
            "/: warning[trailing-comma]: trailing comma at line 1 column 8\n"
        );

        let mut r = Report::default();
        assert!(read("{\"a\": }", Mode::Strict, &mut r).is_none());
        assert_eq!(r.findings[0].kind, Kind::InvalidJson);
        assert_eq!(
            r.findings[0].message,
            "not JSON: expected value at line 1 column 7"
        );

        let mut r = Report::default();
        read(
            r#"{"x": [{"k": 1, "k": 2}], "n": 1.5}"#,
            Mode::Lenient,
            &mut r,
        )
        .unwrap();
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].pointer, "/x/0");
        assert_eq!(r.findings[0].kind, Kind::DuplicateKey);
    }
}
