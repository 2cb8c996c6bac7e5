//! `Edm.Decimal`, `Edm.Double`/`Edm.Single`: kept as the exact number
//! text, never routed through `f64`, in number or string form
//! (`IEEE754Compatible=true` writes 64-bit integers and decimals as
//! strings); and the reader of number text they share with `Edm.Int64`
//! (`int64.rs`, held as the integer).
//!
//! Written back: a `Double` as the same value (an integer as an integer,
//! anything else as the double it denotes — `1.50` comes back as `1.5`), a
//! `Decimal` with its exact text. No serde_json feature is needed for any
//! of it.

use std::fmt;

use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Number;

use super::ParseError;
use crate::untyped::{serialize_raw, RAW_TOKEN};

/// How a number appeared on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Form {
    #[default]
    /// As a JSON number.
    Number,
    /// As a JSON string (`"123"`, `"INF"`).
    String,
}

/// Reads a number's exact text, or a numeric string, from any deserializer,
/// and makes the value of it with `make`.
///
/// With serde_json's reader the number's own text is taken, borrowed from
/// the input where it can be (serde_json's raw-value protocol, so `1.50`
/// stays `1.50` without `arbitrary_precision`, and nothing is allocated on
/// the way); from any other deserializer (a `serde_json::Value`, a
/// buffering `untagged` enum...) the number arrives as an integer or a
/// double and is spelled from that, which keeps its value.
pub(super) fn read_number<'de, D: Deserializer<'de>, T>(
    d: D,
    make: Make<T>,
) -> Result<T, D::Error> {
    d.deserialize_newtype_struct(RAW_TOKEN, NumberText(make))
}

/// Makes a value of number text in a form.
pub(super) type Make<T> = fn(&str, Form) -> Result<T, ParseError>;

struct NumberText<T>(Make<T>);

impl<'de, T> Visitor<'de> for NumberText<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a numeric string")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // serde_json's raw-value protocol (and, with `arbitrary_precision`,
        // its number protocol): one entry whose value is the text.
        if map.next_key::<IgnoredAny>()?.is_none() {
            return Err(A::Error::custom("expected a number or a numeric string"));
        }
        // The text is taken as it is and judged after the entry is read,
        // so that an error is the number's, not that of the protocol's
        // private key.
        let raw = crate::rt::key::next_text(&mut map, "the text of a number or a numeric string")?;
        from_raw(&raw, self.0)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<T, E> {
        (self.0)(&v.to_string(), Form::Number).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<T, E> {
        (self.0)(&v.to_string(), Form::Number).map_err(E::custom)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<T, E> {
        let n = Number::from_f64(v)
            .ok_or_else(|| E::custom("a number beyond the range of a double"))?;
        (self.0)(&n.to_string(), Form::Number).map_err(E::custom)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v, Form::String).map_err(E::custom)
    }
}

/// The value of the raw JSON text of a number or a string, as serde_json
/// hands it over.
fn from_raw<T, E: serde::de::Error>(text: &str, make: Make<T>) -> Result<T, E> {
    let make = |t: &str, form| make(t, form).map_err(E::custom);
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        if !inner.contains('\\') {
            return make(inner, Form::String);
        }
        let s: String = serde_json::from_str(text).map_err(E::custom)?;
        return make(&s, Form::String);
    }
    if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        return make(text, Form::Number);
    }
    Err(E::custom(format_args!(
        "expected a number or a numeric string, found {text}"
    )))
}

/// Writes the number text so that it reads back as the same value: an
/// integer as an integer, otherwise as a double, or (with `exact`, for
/// `Edm.Decimal`) as the exact text when a double would change it.
fn write<S: Serializer>(text: &str, form: Form, exact: bool, s: S) -> Result<S::Ok, S::Error> {
    if form == Form::String {
        return s.serialize_str(text);
    }
    if let Ok(i) = text.parse::<i64>() {
        return s.serialize_i64(i);
    }
    if let Ok(u) = text.parse::<u64>() {
        return s.serialize_u64(u);
    }
    let f: f64 = text.parse().map_err(serde::ser::Error::custom)?;
    let spelled = Number::from_f64(f).map(|n| n.to_string());
    if !exact || spelled.as_deref() == Some(text) {
        return s.serialize_f64(f);
    }
    // The exact text, through serde_json's raw value (the JSON writer emits
    // it as it is; `serde_json::to_value` reads it as a double). A JSON
    // number has no `+`: a value parsed from text with one drops it.
    let text = text.strip_prefix('+').unwrap_or(text);
    let raw = serde_json::from_str::<&RawValue>(text).map_err(serde::ser::Error::custom)?;
    serialize_raw(raw.get(), s)
}

/// The ABNF's `decimalValue` without its `nanInfinity` branch: an optional
/// sign (`+` too), digits, an optional fraction and exponent.
fn is_decimal_syntax(t: &str) -> bool {
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exp) = match t.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(int)
        && frac.is_none_or(all_digits)
        && exp.is_none_or(|e| all_digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

macro_rules! number_type {
    ($(#[$m:meta])* $name:ident, $edm:literal, $exact:literal, $check:expr) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name {
            text: String,
            form: Form,
        }

        impl $name {
            /// Validates number text, in number form.
            pub fn parse(text: &str) -> Result<Self, ParseError> {
                Self::with_form(text, Form::Number)
            }

            /// Validates number text in the given form.
            pub fn with_form(text: &str, form: Form) -> Result<Self, ParseError> {
                let check: fn(&str, Form) -> Result<(), &'static str> = $check;
                check(text, form).map_err(|reason| ParseError {
                    type_name: $edm,
                    text: text.to_string(),
                    reason: reason.to_string(),
                })?;
                Ok(Self { text: text.to_string(), form })
            }

            /// The exact number text.
            pub fn as_str(&self) -> &str {
                &self.text
            }

            /// Number or string form, as read.
            pub fn form(&self) -> Form {
                self.form
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseError;
            /// [`Self::parse`]: number form.
            fn from_str(s: &str) -> Result<Self, ParseError> {
                Self::parse(s)
            }
        }

        impl crate::rt::Value for $name {
            fn blank() -> Self {
                Self { text: String::new(), form: Form::Number }
            }
            fn place(&mut self) -> crate::rt::Place<'_> {
                crate::rt::Place::$name(self)
            }
            fn view(&self) -> crate::rt::View<'_> {
                crate::rt::View::$name(self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                write(&self.text, self.form, $exact, s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                read_number(d, Self::with_form)
            }
        }
    };
}

number_type!(
    /// `Edm.Decimal`: exact decimal text.
    Decimal,
    "Decimal",
    true,
    |t, _| if is_decimal_syntax(t) { Ok(()) } else { Err("not a decimal number") }
);

impl Decimal {
    /// Digits in all (`Precision`) and digits after the point (`Scale`) of
    /// the value written out in plain notation, ignoring leading zeros of the
    /// integer part and trailing zeros of the fraction: `0.001` is (3, 3),
    /// `1.50` is (2, 1), `12e2` is (4, 0).
    pub fn precision_and_scale(&self) -> (u32, u32) {
        let t = self.text.trim_start_matches(['+', '-']);
        let (mantissa, exp) = match t.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i64>().unwrap_or(0)),
            None => (t, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        // Arithmetic on the digit string, so a huge exponent costs nothing.
        let digits = format!("{int}{frac}");
        let leading = digits.len() - digits.trim_start_matches('0').len();
        let significant = digits.trim_matches('0');
        if significant.is_empty() {
            return (1, 0);
        }
        let n = significant.len() as i64;
        // Position of the point relative to the first significant digit.
        let point = (int.len() as i64)
            .saturating_add(exp)
            .saturating_sub(leading as i64);
        let int_digits = point.max(0);
        let scale = n.saturating_sub(point).max(0);
        let clamp = |v: i64| v.clamp(0, u32::MAX as i64) as u32;
        (clamp(int_digits.saturating_add(scale)).max(1), clamp(scale))
    }
}

number_type!(
    /// `Edm.Double` / `Edm.Single`: the number text, or `"INF"`, `"-INF"`, `"NaN"`.
    Double,
    "Double",
    false,
    |t, form| match (t, form) {
        ("INF" | "-INF" | "NaN", Form::String) => Ok(()),
        _ if is_decimal_syntax(t) => match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(()),
            _ => Err("beyond the range of a double"),
        },
        _ => Err("not a number, `INF`, `-INF` or `NaN`"),
    }
);

impl Double {
    /// The value (`INF`, `-INF` and `NaN` included).
    pub fn get(&self) -> f64 {
        match self.text.as_str() {
            "INF" => f64::INFINITY,
            "-INF" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            t => t.parse().expect("validated when constructed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edm::Int64;

    #[test]
    fn exact_text_round_trips_in_both_forms() {
        for json in ["12345678901234567", "\"12345678901234567\"", "-1"] {
            let v: Int64 = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
        }
        for json in [
            "1.50",
            "0.1000000000000000055511151231257827",
            "\"3.14\"",
            "1e-7",
        ] {
            let v: Decimal = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
        }
        for json in ["1", "1.0", "\"INF\"", "\"-INF\"", "\"NaN\"", "0.1", "-12.5"] {
            let v: Double = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
        }
        // A double keeps its text while held, and its value when written.
        for (json, back) in [
            ("2.5E10", "25000000000.0"),
            ("1.50", "1.5"),
            ("1e-7", "1e-7"),
        ] {
            let v: Double = serde_json::from_str(json).unwrap();
            assert_eq!(v.as_str(), json);
            assert_eq!(serde_json::to_string(&v).unwrap(), back);
            assert_eq!(v.get(), back.parse::<f64>().unwrap());
        }
        assert!(serde_json::from_str::<Double>("1e308").is_ok());
        assert!(Double::parse("1e400").is_err(), "beyond a double");
        // Int64 beyond 2^53 is exact; from a buffered Value too.
        for json in [
            "9007199254740993",
            "-9223372036854775808",
            "\"9223372036854775807\"",
        ] {
            let v: Int64 = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
            let via: Int64 = serde_json::from_value(serde_json::from_str(json).unwrap()).unwrap();
            assert_eq!(via, v);
        }
        // Decimal text survives serde_json's writer; from a Value, its value.
        let d: Decimal = serde_json::from_value(serde_json::json!(1.5)).unwrap();
        assert_eq!(d.as_str(), "1.5");
        assert!(serde_json::from_str::<Int64>("9223372036854775808").is_err());
        assert!(serde_json::from_str::<Int64>("1.5").is_err());
        assert!(serde_json::from_str::<Double>("\"infinity\"").is_err());
        assert!(
            Double::parse("INF").is_err(),
            "INF is only valid as a string"
        );
    }

    #[test]
    fn decimal_precision_and_scale() {
        assert_eq!(
            Decimal::parse("123.45").unwrap().precision_and_scale(),
            (5, 2)
        );
        assert_eq!(
            Decimal::parse("-0.001").unwrap().precision_and_scale(),
            (3, 3)
        );
        assert_eq!(
            Decimal::parse("1e-7").unwrap().precision_and_scale(),
            (7, 7)
        );
        assert_eq!(
            Decimal::parse("1.50").unwrap().precision_and_scale(),
            (2, 1)
        );
        assert_eq!(
            Decimal::parse("12e2").unwrap().precision_and_scale(),
            (4, 0)
        );
    }

    #[test]
    fn a_plus_sign_is_text_syntax_and_json_writes_without_it() {
        // `decimalValue` and `doubleValue` take `+`; a JSON number cannot.
        let d = Decimal::parse("+1.50").unwrap();
        assert_eq!(d.to_string(), "+1.50");
        assert_eq!(d.precision_and_scale(), (2, 1));
        assert_eq!(serde_json::to_string(&d).unwrap(), "1.50");
        assert_eq!(
            serde_json::to_string(&Decimal::parse("+42").unwrap()).unwrap(),
            "42"
        );
        assert_eq!(
            serde_json::to_string(&Double::parse("+2.5e1").unwrap()).unwrap(),
            "25.0"
        );
        let s = Decimal::with_form("+7", Form::String).unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"+7\"");
        assert!(serde_json::from_str::<Decimal>("+1").is_err(), "not JSON");
        assert!(Decimal::parse("++1").is_err() && Decimal::parse("+").is_err());
    }
}
