//! Reading payload text: lenient repairs, parse errors with line:col, and
//! keys repeated within an object.

use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::finding::{child, Kind, Mode, Report};
use crate::lenient_json::strip_trailing_commas;

/// Parses `text`; repairs and problems go into `report`. `None` when the
/// text is not JSON even after the lenient repairs.
pub fn read(text: &str, mode: Mode, report: &mut Report) -> Option<Value> {
    let (fixed, repairs) = strip_trailing_commas(text);
    for r in &repairs {
        report.push(
            mode,
            "",
            Kind::TrailingComma,
            format!("trailing comma at line {} column {}", r.line, r.col),
        );
    }
    let value: Value = match serde_json::from_str(&fixed) {
        Ok(v) => v,
        Err(e) => {
            report.push(
                mode,
                "",
                Kind::InvalidJson,
                format!(
                    "not JSON: {} at line {} column {}",
                    strip_position(&e),
                    e.line(),
                    e.column()
                ),
            );
            return None;
        }
    };
    let mut dups = Vec::new();
    let mut de = serde_json::Deserializer::from_str(&fixed);
    if (Dups {
        pointer: String::new(),
        out: &mut dups,
    })
    .deserialize(&mut de)
    .is_ok()
    {
        for (pointer, key) in dups {
            report.push(
                mode,
                &pointer,
                Kind::DuplicateKey,
                format!("key `{key}` appears more than once; only the last value would be kept"),
            );
        }
    }
    Some(value)
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Walks the document and records `(object pointer, key)` for repeated keys.
struct Dups<'a> {
    pointer: String,
    out: &'a mut Vec<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Dups<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Dups<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq
            .next_element_seed(Dups {
                pointer: child(&self.pointer, &i.to_string()),
                out: self.out,
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                self.out.push((self.pointer.clone(), key.clone()));
            }
            map.next_value_seed(Dups {
                pointer: child(&self.pointer, &key),
                out: self.out,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_commas_invalid_json_and_duplicates() {
        let mut r = Report::default();
        let v = read("{\"a\": 1,\n}", Mode::Lenient, &mut r).unwrap();
        assert_eq!(v, serde_json::json!({"a": 1}));
        assert_eq!(
            r.to_string(),
            "/: warning[trailing-comma]: trailing comma at line 1 column 8\n"
        );

        let mut r = Report::default();
        assert!(read("{\"a\": }", Mode::Strict, &mut r).is_none());
        assert_eq!(r.findings[0].kind, Kind::InvalidJson);
        assert!(
            r.findings[0].message.ends_with("at line 1 column 7"),
            "{}",
            r.findings[0].message
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
