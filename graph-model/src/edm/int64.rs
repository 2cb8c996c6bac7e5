//! `Edm.Int64`: held as the integer, with the wire text only when it is not
//! the integer's own spelling (a string form such as `"007"` or `"+5"`), so
//! reading one allocates nothing and writing it back changes nothing.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::numbers::{read_number, Form};
use super::ParseError;

/// `Edm.Int64`: a 64-bit integer, as a JSON number or (IEEE754Compatible) a string.
/// Equal when value, form and (non-canonical) text are.
// `Box<String>` on purpose: one word where a `Box<str>` is two.
#[allow(clippy::box_collection)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Int64 {
    value: i64,
    form: Form,
    /// The text as read, when it is not `value`'s own spelling (rare:
    /// behind one thin pointer, so that an `Int64` is 24 bytes).
    text: Option<Box<String>>,
}

impl Int64 {
    /// Validates number text, in number form.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        Self::with_form(text, Form::Number)
    }

    /// Validates number text in the given form.
    pub fn with_form(text: &str, form: Form) -> Result<Self, ParseError> {
        if let Some(value) = own_spelling_value(text.as_bytes()) {
            return Ok(Self {
                value,
                form,
                text: None,
            });
        }
        let value = text.parse::<i64>().map_err(|_| ParseError {
            type_name: "Int64",
            text: text.to_string(),
            reason: "not a 64-bit integer".to_string(),
        })?;
        Ok(Self {
            value,
            form,
            text: (!own_spelling(text)).then(|| Box::new(text.to_owned())),
        })
    }

    /// The value.
    pub fn get(&self) -> i64 {
        self.value
    }

    /// The exact number text.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match &self.text {
            Some(t) => std::borrow::Cow::Borrowed(t.as_str()),
            None => std::borrow::Cow::Owned(self.value.to_string()),
        }
    }

    /// Number or string form, as read.
    pub fn form(&self) -> Form {
        self.form
    }
}

/// The integer `text` spells, when it is that integer's own spelling and
/// at most 19 digits (every other text, valid or not, is `None`): the
/// common case in one pass, before the general parse.
fn own_spelling_value(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    match digits {
        [b'0'] if !negative => return Some(0),
        [b'1'..=b'9', ..] if digits.len() <= 19 => {}
        _ => return None,
    }
    let mut magnitude: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        // 19 digits stay below `u64::MAX`.
        magnitude = magnitude * 10 + u64::from(d - b'0');
    }
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Whether `text` (which parses as an `i64`) is how that integer is
/// written: no `+`, no leading zero, no `-0`.
fn own_spelling(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    text == "0" || !(text.starts_with('+') || digits.starts_with('0'))
}

impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Self {
            value,
            form: Form::Number,
            text: None,
        }
    }
}

impl std::str::FromStr for Int64 {
    type Err = ParseError;
    /// [`Int64::parse`]: number form.
    fn from_str(s: &str) -> Result<Self, ParseError> {
        Self::parse(s)
    }
}

impl fmt::Display for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(t) => f.write_str(t),
            None => write!(f, "{}", self.value),
        }
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.form {
            Form::Number => s.serialize_i64(self.value),
            // The text as read, or the integer's own spelling (`Display`).
            Form::String => s.collect_str(self),
        }
    }
}

impl Int64 {
    /// Reads a value into `self` where it is (what the reader of a
    /// generated struct calls), field by field: a copy of the whole value
    /// read elsewhere stalled on its stores.
    pub(crate) fn read_in_place<'de, D: Deserializer<'de>>(
        &mut self,
        d: D,
    ) -> Result<(), D::Error> {
        let Self { value, form, text } = read_number(d, Int64::with_form)?;
        self.value = value;
        self.form = form;
        self.text = text;
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_number(d, Int64::with_form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_int64_is_three_words_and_absent_costs_nothing_more() {
        // The value, the form, and the rare non-canonical text behind one
        // thin pointer.
        assert_eq!(std::mem::size_of::<Int64>(), 24);
        assert_eq!(std::mem::size_of::<Option<Int64>>(), 24);
    }

    #[test]
    fn a_string_form_keeps_its_own_text_and_a_number_its_value() {
        for (json, text) in [("\"007\"", "007"), ("\"+5\"", "+5"), ("\"-0\"", "-0")] {
            let v: Int64 = serde_json::from_str(json).unwrap();
            assert_eq!(v.form(), Form::String);
            assert_eq!(v.as_str(), text);
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
        }
        let v: Int64 = serde_json::from_str("\"42\"").unwrap();
        assert!(
            v.text.is_none(),
            "the integer's own spelling is not kept twice"
        );
        assert_eq!((v.get(), v.to_string()), (42, "42".to_string()));
        // JSON has no `-0` integer distinct from 0: read as 0, written as 0.
        let v: Int64 = serde_json::from_str("-0").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "0");
        let parsed = Int64::parse("-0").unwrap();
        assert_eq!((parsed.as_str().as_ref(), parsed.get()), ("-0", 0));
        for bad in [
            "1e3",
            "1.0",
            "-9223372036854775809",
            "18446744073709551616",
            "\"x\"",
            "true",
        ] {
            assert!(serde_json::from_str::<Int64>(bad).is_err(), "{bad}");
        }
        assert_eq!(Int64::from(-7), Int64::parse("-7").unwrap());
        assert_ne!(
            Int64::parse("7").unwrap(),
            Int64::with_form("7", Form::String).unwrap()
        );
    }

    #[test]
    fn the_quick_parse_agrees_with_the_general_one() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "00",
            "+1",
            "-",
            "",
            "1a",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999",
            "1000000000000000000",
            "-1",
            "10",
            "0x1",
            " 1",
        ]
        .map(String::from)
        .to_vec();
        texts.extend((0..64).map(|bit| (1u64 << bit).to_string()));
        texts.extend((0..64).map(|bit| format!("-{}", 1u64 << bit)));
        for text in &texts {
            let general = text.parse::<i64>().ok().filter(|_| own_spelling(text));
            assert_eq!(own_spelling_value(text.as_bytes()), general, "{text}");
            let read = Int64::parse(text).ok();
            assert_eq!(
                read.as_ref().map(Int64::get),
                text.parse::<i64>().ok(),
                "{text}"
            );
            if let Some(read) = read {
                assert_eq!(read.as_str(), text.as_str());
            }
        }
    }

    #[test]
    fn a_number_handed_over_as_its_text_reads_too() {
        // What serde_json's `arbitrary_precision` hands over: one entry
        // whose value is the number's text.
        use serde::de::value::MapDeserializer;
        let entries = [("$serde_json::private::Number", "9007199254740993")];
        let d = MapDeserializer::<_, serde::de::value::Error>::new(entries.into_iter());
        assert_eq!(Int64::deserialize(d).unwrap().get(), 9_007_199_254_740_993);
    }
}
