//! Exact Edm primitives. Each keeps its wire text, so a value read from JSON
//! is written back byte for byte, and is validated when it is read.

mod datetime;
mod duration;
mod int64;
mod numbers;
mod text;
#[cfg(feature = "time")]
mod time_interop;

pub use datetime::{Date, DateTimeOffset, TimeOfDay};
pub use duration::Duration;
pub use int64::Int64;
pub use numbers::{Decimal, Double, Form};
pub use text::{Binary, Guid};

/// Why a primitive's text was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The Edm type (`DateTimeOffset`...).
    pub type_name: &'static str,
    /// The rejected text.
    pub text: String,
    /// Why it was rejected.
    pub reason: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not a valid Edm.{}: {}",
            self.text, self.type_name, self.reason
        )
    }
}

impl std::error::Error for ParseError {}

impl ParseError {
    /// The error for `text`, not a valid `Edm.<type_name>` because of
    /// `reason` (out of the readers' way: it is the rare path).
    #[cold]
    #[inline(never)]
    pub(crate) fn new(type_name: &'static str, text: &str, reason: &str) -> Self {
        Self {
            type_name,
            text: text.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// A primitive kept as its validated wire text (inline when short, as
/// nearly every one is: see [`crate::short_str::TextStr`]).
macro_rules! text_primitive {
    ($(#[$m:meta])* $name:ident, $edm:literal, $check:path) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name($crate::short_str::TextStr);

        impl $name {
            /// Validates `text`.
            pub fn parse(text: &str) -> Result<Self, $crate::edm::ParseError> {
                Self::check(text)?;
                Ok(Self($crate::short_str::TextStr::new(text)))
            }

            /// Checks `text`: inline, every read runs it; the error is
            /// made out of line.
            #[inline]
            fn check(text: &str) -> Result<(), $crate::edm::ParseError> {
                match $check(text) {
                    Ok(()) => Ok(()),
                    Err(reason) => Err($crate::edm::ParseError::new($edm, text, reason)),
                }
            }

            /// The exact wire text.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl $crate::rt::Value for $name {
            fn blank() -> Self {
                Self($crate::short_str::TextStr::new(""))
            }
            fn place(&mut self) -> $crate::rt::Place<'_> {
                $crate::rt::Place::$name(self)
            }
            fn view(&self) -> $crate::rt::View<'_> {
                $crate::rt::View::$name(self)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::edm::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl $name {
            /// Reads a value into `self` where it is (what the reader of a
            /// generated struct calls): no copy of a value made elsewhere.
            pub(crate) fn read_in_place<'de, D: serde::Deserializer<'de>>(
                &mut self,
                d: D,
            ) -> Result<(), D::Error> {
                // Borrowed from the input where it can be: a short text is
                // copied inline, a long one kept as read.
                let s = $crate::rt::key::text(d, "a string")?;
                Self::check(&s).map_err(serde::de::Error::custom)?;
                self.0 = match s {
                    std::borrow::Cow::Borrowed(s) => $crate::short_str::TextStr::new(s),
                    std::borrow::Cow::Owned(s) => s.into(),
                };
                Ok(())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let mut value = <Self as $crate::rt::Value>::blank();
                value.read_in_place(d)?;
                Ok(value)
            }
        }
    };
}
pub(crate) use text_primitive;

/// Reads exactly `n` ASCII digits at `*pos`.
pub(crate) fn digits(b: &[u8], pos: &mut usize, n: usize) -> Result<u32, &'static str> {
    let s = b.get(*pos..*pos + n).ok_or("too short")?;
    if !s.iter().all(u8::is_ascii_digit) {
        return Err("expected a digit");
    }
    *pos += n;
    Ok(s.iter().fold(0, |a, d| a * 10 + (d - b'0') as u32))
}

pub(crate) fn expect(b: &[u8], pos: &mut usize, c: u8) -> Result<(), &'static str> {
    if b.get(*pos) == Some(&c) {
        *pos += 1;
        Ok(())
    } else {
        Err("unexpected character")
    }
}
