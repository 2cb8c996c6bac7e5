//! `Edm.Int64`, `Edm.Decimal`, `Edm.Double`/`Edm.Single`: kept as the exact
//! number text, never routed through `f64`, in number or string form
//! (`IEEE754Compatible=true` writes 64-bit integers and decimals as strings).

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Number, Value};

use super::ParseError;

/// How a number appeared on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Form {
    #[default]
    /// As a JSON number.
    Number,
    /// As a JSON string (`"123"`, `"INF"`).
    String,
}

fn read<'de, D: Deserializer<'de>>(d: D) -> Result<(String, Form), D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) => Ok((n.to_string(), Form::Number)),
        Value::String(s) => Ok((s, Form::String)),
        other => Err(D::Error::custom(format_args!(
            "expected a number or a numeric string, found {other}"
        ))),
    }
}

fn write<S: Serializer>(text: &str, form: Form, s: S) -> Result<S::Ok, S::Error> {
    match form {
        Form::String => s.serialize_str(text),
        Form::Number => {
            let n: Number = text.parse().map_err(serde::ser::Error::custom)?;
            n.serialize(s)
        }
    }
}

fn is_decimal_syntax(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
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
    ($(#[$m:meta])* $name:ident, $edm:literal, $check:expr) => {
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

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                write(&self.text, self.form, s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let (text, form) = read(d)?;
                Self::with_form(&text, form).map_err(D::Error::custom)
            }
        }
    };
}

number_type!(
    /// `Edm.Int64`: a 64-bit integer, as a JSON number or (IEEE754Compatible) a string.
    Int64,
    "Int64",
    |t, _| t.parse::<i64>().map(|_| ()).map_err(|_| "not a 64-bit integer")
);

impl Int64 {
    /// The value.
    pub fn get(&self) -> i64 {
        self.text.parse().expect("validated when constructed")
    }
}

impl From<i64> for Int64 {
    fn from(v: i64) -> Self {
        Self {
            text: v.to_string(),
            form: Form::Number,
        }
    }
}

number_type!(
    /// `Edm.Decimal`: exact decimal text.
    Decimal,
    "Decimal",
    |t, _| if is_decimal_syntax(t) { Ok(()) } else { Err("not a decimal number") }
);

impl Decimal {
    /// Digits in all (`Precision`) and digits after the point (`Scale`) of
    /// the value written out in plain notation, ignoring leading zeros of the
    /// integer part and trailing zeros of the fraction: `0.001` is (3, 3),
    /// `1.50` is (2, 1), `12e2` is (4, 0).
    pub fn precision_and_scale(&self) -> (u32, u32) {
        let t = self.text.trim_start_matches('-');
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
    |t, form| match (t, form) {
        ("INF" | "-INF" | "NaN", Form::String) => Ok(()),
        _ if is_decimal_syntax(t) => Ok(()),
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
        for json in ["1", "1.0", "\"INF\"", "\"-INF\"", "\"NaN\"", "2.5e+10"] {
            let v: Double = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
        }
        // serde_json spells exponents as `e+N`/`e-N`; the value is unchanged.
        let v: Double = serde_json::from_str("2.5E10").unwrap();
        assert_eq!(v.get(), 2.5e10);
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
}
