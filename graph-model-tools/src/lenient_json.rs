//! Reading the JSON that Graph documentation actually contains: trailing
//! commas before `}` or `]` are removed and each one is reported with its
//! line and column. Nothing else is changed.

use std::borrow::Cow;

/// A repair made to the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// 1-based line of the removed comma.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What was repaired.
    pub what: &'static str,
}

/// Returns the text with trailing commas removed, and where they were;
/// the text itself (not a copy) when there are none. Strings (with
/// escapes) are skipped, so commas inside them are kept. A comma is
/// trailing when only whitespace (JSON's, or any other `char::is_whitespace`)
/// stands between it and a `}` or `]`.
pub fn strip_trailing_commas(text: &str) -> (Cow<'_, str>, Vec<Repair>) {
    let at = trailing_commas(text);
    let repairs = positions(text, &at);
    (without(text, &at), repairs)
}

/// `text` without the (one-byte) characters at the offsets `at`; the text
/// itself when there are none.
fn without<'a>(text: &'a str, at: &[usize]) -> Cow<'a, str> {
    if at.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() - at.len());
    let mut from = 0;
    for &offset in at {
        out.push_str(&text[from..offset]);
        from = offset + 1;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// The byte offsets of the trailing commas. Jumps from quote to comma to
/// quote (`memchr`) rather than looking at every byte: payloads are
/// megabytes, and they are scanned before anything else is done.
fn trailing_commas(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut at = Vec::new();
    let mut i = 0;
    while let Some(j) = memchr::memchr2(b'"', b',', &bytes[i..]) {
        let p = i + j;
        if bytes[p] == b'"' {
            i = string_end(bytes, p + 1);
        } else {
            let after = text[p + 1..].trim_start_matches(char::is_whitespace);
            if after.starts_with(['}', ']']) {
                at.push(p);
            }
            i = p + 1;
        }
    }
    at
}

/// Where the string whose contents start at `from` ends (just past its
/// closing quote), skipping escaped characters; the end of the text when
/// it is never closed.
fn string_end(bytes: &[u8], mut from: usize) -> usize {
    while let Some(j) = memchr::memchr2(b'"', b'\\', bytes.get(from..).unwrap_or_default()) {
        let p = from + j;
        if bytes[p] == b'"' {
            return p + 1;
        }
        from = p + 2;
    }
    bytes.len()
}

/// Line and column (in characters) of each offset, in one pass up to the
/// last of them: the offsets are increasing.
fn positions(text: &str, offsets: &[usize]) -> Vec<Repair> {
    let (mut line, mut col, mut from) = (1, 1, 0);
    offsets
        .iter()
        .map(|&p| {
            let gap = &text[from..p];
            match gap.rfind('\n') {
                Some(last) => {
                    line += memchr::memchr_iter(b'\n', gap.as_bytes()).count();
                    col = 1 + gap[last + 1..].chars().count();
                }
                None => col += gap.chars().count(),
            }
            from = p;
            Repair {
                line,
                col,
                what: "trailing comma",
            }
        })
        .collect()
}

/// Parses `text` as JSON, trailing commas allowed; `None` if it is not JSON
/// even then. For reading the shape of a document, not for validating it
/// (validation reports each repair).
pub fn parse(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(&strip_trailing_commas(text).0).ok()
}

/// What typing a document needs of its top level: `@odata.context`,
/// `@odata.type`, and whether `value` is an array.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopLevel {
    /// `@odata.context`, when it is a string.
    pub context: Option<String>,
    /// `@odata.type`, when it is a string.
    pub odata_type: Option<String>,
    /// Whether the object has a member `value` that is an array.
    pub value_is_array: bool,
}

/// Reads the top level of a JSON object (trailing commas allowed) without
/// building the values inside it; `None` if `text` is not JSON or not an
/// object. A key given twice counts as its last value (as `parse` would).
pub fn top_level(text: &str) -> Option<TopLevel> {
    serde_json::from_str(&strip_trailing_commas(text).0).ok()
}

impl<'de> serde::Deserialize<'de> for TopLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        use std::fmt;

        struct Top;
        impl<'de> Visitor<'de> for Top {
            type Value = TopLevel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
                let mut top = TopLevel::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "@odata.context" => top.context = map.next_value::<Text>()?.0,
                        "@odata.type" => top.odata_type = map.next_value::<Text>()?.0,
                        "value" => top.value_is_array = map.next_value::<IsArray>()?.0,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(top)
            }
        }

        /// A string, or nothing for any other value.
        struct Text(Option<String>);
        impl<'de> serde::Deserialize<'de> for Text {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                serde_json::Value::deserialize(d).map(|v| match v {
                    serde_json::Value::String(s) => Text(Some(s)),
                    _ => Text(None),
                })
            }
        }

        /// Whether a value is an array, its contents skipped.
        struct IsArray(bool);
        impl<'de> serde::Deserialize<'de> for IsArray {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = IsArray;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("any JSON value")
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<IsArray, A::Error> {
                        while seq.next_element::<IgnoredAny>()?.is_some() {}
                        Ok(IsArray(true))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IsArray, A::Error> {
                        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                        Ok(IsArray(false))
                    }
                    fn visit_bool<E>(self, _: bool) -> Result<IsArray, E> {
                        Ok(IsArray(false))
                    }
                    fn visit_i64<E>(self, _: i64) -> Result<IsArray, E> {
                        Ok(IsArray(false))
                    }
                    fn visit_u64<E>(self, _: u64) -> Result<IsArray, E> {
                        Ok(IsArray(false))
                    }
                    fn visit_f64<E>(self, _: f64) -> Result<IsArray, E> {
                        Ok(IsArray(false))
                    }
                    fn visit_str<E>(self, _: &str) -> Result<IsArray, E> {
                        Ok(IsArray(false))
                    }
                    fn visit_unit<E>(self) -> Result<IsArray, E> {
                        Ok(IsArray(false))
                    }
                }
                d.deserialize_any(V)
            }
        }

        d.deserialize_map(Top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte version this module had before the `memchr` one:
    /// the reference the fast one is compared with.
    fn reference(text: &str) -> (Cow<'_, str>, Vec<Repair>) {
        let mut at = Vec::new();
        let mut repairs = Vec::new();
        let mut in_string = false;
        let mut escaped = false;
        let (mut line, mut col) = (1, 1);
        let mut pending: Option<(usize, usize, usize)> = None; // (byte offset, line, col) of a comma
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else {
                match b {
                    b'"' => {
                        in_string = true;
                        pending = None;
                    }
                    b',' => pending = Some((i, line, col)),
                    b'}' | b']' => {
                        if let Some((offset, line, col)) = pending.take() {
                            at.push(offset);
                            repairs.push(Repair {
                                line,
                                col,
                                what: "trailing comma",
                            });
                        }
                    }
                    // JSON's whitespace, and any other whitespace character
                    // (as `char::is_whitespace`), keep a comma pending.
                    b' ' | b'\t' | b'\n' | b'\r' => {}
                    // The rest of a character whose first byte was seen.
                    0x80..=0xBF => {}
                    0xC0.. if text[i..].chars().next().is_some_and(char::is_whitespace) => {}
                    _ => pending = None,
                }
            }
            if b == b'\n' {
                line += 1;
                col = 1;
            } else if b & 0xC0 != 0x80 {
                // Columns count characters: a UTF-8 continuation byte is not one.
                col += 1;
            }
        }
        (without(text, &at), repairs)
    }

    #[test]
    fn agrees_with_the_byte_by_byte_reference() {
        // Every text of up to five characters over an alphabet of what
        // matters, then longer mixes.
        let alphabet = [
            "{", "}", "[", "]", ",", "\"", "\\", " ", "\n", "a", "\u{e9}", "\u{a0}",
        ];
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let len = (seed % 200) as usize;
            let mut t = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            texts.push(t);
        }
        let mut repaired = 0;
        for t in &texts {
            let (fast, fast_r) = strip_trailing_commas(t);
            let (slow, slow_r) = reference(t);
            assert_eq!(fast, slow, "{t:?}");
            assert_eq!(fast_r, slow_r, "{t:?}");
            repaired += !fast_r.is_empty() as usize;
        }
        assert!(
            repaired > 10_000,
            "{repaired} of {} texts had a repair",
            texts.len()
        );
    }

    #[test]
    fn removes_trailing_commas_outside_strings() {
        let (t, r) = strip_trailing_commas("{\n  \"a\": [1, 2,],\n  \"s\": \",}\",\n}");
        assert_eq!(t, "{\n  \"a\": [1, 2],\n  \"s\": \",}\"\n}");
        assert_eq!(
            r.iter().map(|r| (r.line, r.col)).collect::<Vec<_>>(),
            [(2, 13), (3, 12)]
        );
        let (t, r) = strip_trailing_commas(r#"{"a": "x\",}"}"#);
        assert_eq!(t, r#"{"a": "x\",}"}"#);
        assert!(r.is_empty());
        // Nothing to remove: the text itself, not a copy.
        assert!(matches!(t, Cow::Borrowed(_)));
        // Columns count characters; any whitespace keeps a comma trailing.
        let (t, r) = strip_trailing_commas("[\"é\", 1,\n]\u{a0}[2,\u{a0}]");
        assert_eq!(t, "[\"é\", 1\n]\u{a0}[2\u{a0}]");
        assert_eq!(
            r.iter().map(|r| (r.line, r.col)).collect::<Vec<_>>(),
            [(1, 8), (2, 5)]
        );
    }

    #[test]
    fn the_top_level_reads_like_the_whole_document() {
        let docs = [
            r#"{"@odata.context": "c", "value": [{"a": [1,],},],}"#,
            r#"{"value": {"x": 1}, "@odata.context": 5}"#,
            r#"{"value": [], "value": 3}"#,
            r#"{"@odata.context": "a", "@odata.context": "b", "value": [1]}"#,
            r##"{"@odata.type": "#microsoft.graph.user", "x": {"@odata.type": "y"},}"##,
            r#"{"@odata.type": 3}"#,
            r#"[1, 2]"#,
            r#"{"value": [1, 2}"#,
            r#"{"a": null}"#,
        ];
        let text_of = |o: &serde_json::Map<String, serde_json::Value>, k: &str| {
            o.get(k).and_then(|c| c.as_str()).map(str::to_string)
        };
        for text in docs {
            let whole = parse(text);
            let expected = whole
                .as_ref()
                .and_then(|v| v.as_object())
                .map(|o| TopLevel {
                    context: text_of(o, "@odata.context"),
                    odata_type: text_of(o, "@odata.type"),
                    value_is_array: matches!(o.get("value"), Some(serde_json::Value::Array(_))),
                });
            assert_eq!(top_level(text), expected, "{text}");
        }
    }
}
