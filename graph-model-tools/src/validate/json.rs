//! Reading payload text: lenient repairs, parse errors with line:col, and
//! keys repeated within an object.

use std::borrow::Cow;
use std::collections::HashSet;

use super::finding::{Kind, Mode, Report};
use crate::lenient_json::strip_trailing_commas;
use graph_model::json::{self, push_index, push_token, Json};

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
                push_index(pointer, i);
                duplicates_at(pointer, v, mode, report);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Keys repeated among one object's own members.
pub fn repeated_keys(pointer: &str, members: &[(Cow<str>, Json)], mode: Mode, report: &mut Report) {
    let mut report_one = |k: &str| {
        report.push(
            mode,
            pointer,
            Kind::DuplicateKey,
            format!("key `{k}` appears more than once; only the last value would be kept"),
        )
    };
    // Most objects have a handful of members: comparing each with those
    // before it is cheaper than a hash set, and allocates nothing.
    if members.len() <= SMALL_OBJECT {
        for (i, (k, _)) in members.iter().enumerate() {
            if members[..i].iter().any(|(before, _)| before == k) {
                report_one(k);
            }
        }
        return;
    }
    let mut seen = HashSet::with_capacity(members.len());
    for (k, _) in members {
        if !seen.insert(k.as_ref()) {
            report_one(k);
        }
    }
}

/// Up to this many members, repeated keys are found by comparison.
const SMALL_OBJECT: usize = 16;

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

    /// Repeated keys of an object with `extra` distinct members besides
    /// `a` (three times) and `b` (twice), under an escaped key.
    fn repeated(extra: usize) -> Vec<(String, String)> {
        let mut members = vec![r#""a": 1"#.to_string(), r#""b": 2"#.to_string()];
        members.extend((0..extra).map(|i| format!(r#""m{i}": {i}"#)));
        members.extend([r#""a": 3"#.to_string(), r#""b": 4"#.to_string()]);
        members.push(r#""a": 5"#.to_string());
        let text = format!(r#"{{"p/q~r": [0, {{{}}}]}}"#, members.join(", "));
        let mut r = Report::default();
        read(&text, Mode::Strict, &mut r).unwrap();
        r.findings
            .iter()
            .map(|f| (f.pointer.clone(), f.message.clone()))
            .collect()
    }

    #[test]
    fn small_and_large_objects_report_the_same_repeats() {
        let expected: Vec<(String, String)> = ["a", "b", "a"]
            .iter()
            .map(|k| {
                (
                    "/p~1q~0r/1".to_string(),
                    format!("key `{k}` appears more than once; only the last value would be kept"),
                )
            })
            .collect();
        // Compared one with another (5 members), and through a hash set (45).
        assert_eq!(repeated(0), expected);
        assert_eq!(repeated(SMALL_OBJECT), expected);
        assert_eq!(repeated(40), expected);
    }
}
