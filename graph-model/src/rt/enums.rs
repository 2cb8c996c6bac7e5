//! Open enums: known members plus any other string, kept verbatim.

use serde::{Deserializer, Serializer};

/// Implemented by every generated enum.
pub trait WireEnum: Sized + Clone {
    /// The qualified CSDL name.
    const TYPE_NAME: &'static str;
    /// Member names as they appear on the wire, in model order.
    const MEMBERS: &'static [&'static str];
    /// Member values (`Value` in CSDL), parallel to `MEMBERS`.
    const VALUES: &'static [i64];
    /// The index in [`WireEnum::MEMBERS`] of `unknownFutureValue`, the
    /// sentinel of Graph's evolvable enums, when the enum has it.
    const SENTINEL: Option<usize> = None;

    /// The known member at `index` of [`WireEnum::MEMBERS`].
    fn from_index(index: usize) -> Self;
    /// A string that is not a member, kept as it was.
    fn from_other(text: String) -> Self;
    /// Index into [`WireEnum::MEMBERS`], or `None` for an unknown value.
    fn index(&self) -> Option<usize>;
    /// The unknown string, for an unknown value.
    fn other(&self) -> Option<&str>;

    /// The wire text.
    fn as_str(&self) -> &str {
        match self.index() {
            Some(i) => Self::MEMBERS[i],
            None => self.other().unwrap_or_default(),
        }
    }

    /// Parses exactly; anything else becomes the unknown variant.
    fn from_wire(text: &str) -> Self {
        match member_index(Self::MEMBERS, text) {
            Some(i) => Self::from_index(i),
            None => Self::from_other(text.to_string()),
        }
    }

    /// For an unknown value that differs from a member only in ASCII case
    /// (`"Active"` for `active`), that member.
    fn case_insensitive_match(&self) -> Option<Self> {
        member_index_ignoring_case(Self::MEMBERS, self.other()?).map(Self::from_index)
    }

    /// The CSDL `Value` of a known member.
    fn value(&self) -> Option<i64> {
        self.index().map(|i| Self::VALUES[i])
    }

    /// Whether this is `unknownFutureValue`, the sentinel that Graph sends
    /// in place of an evolvable member to a request that did not send
    /// `Prefer: include-unknown-enum-members` (and that a request body must
    /// not carry).
    fn is_sentinel(&self) -> bool {
        Self::SENTINEL.is_some() && self.index() == Self::SENTINEL
    }

    /// Whether this is an evolvable member: one declared numerically after
    /// `unknownFutureValue`, which Graph returns only with `Prefer:
    /// include-unknown-enum-members` and accepts in a request only with it.
    /// `false` for the sentinel, earlier members, values the model does not
    /// list, and enums without the sentinel.
    fn is_evolvable(&self) -> bool {
        match (Self::SENTINEL, self.value()) {
            (Some(s), Some(v)) => v > Self::VALUES[s],
            _ => false,
        }
    }
}

/// The index of `text` in `members`. Compiled once, not per enum: the
/// per-enum code is only the `match`es that map indices to variants.
#[inline(never)]
fn member_index(members: &[&str], text: &str) -> Option<usize> {
    members.iter().position(|m| *m == text)
}

/// The index of the member `text` names up to ASCII case.
#[inline(never)]
fn member_index_ignoring_case(members: &[&str], text: &str) -> Option<usize> {
    members.iter().position(|m| m.eq_ignore_ascii_case(text))
}

/// Deserializes an open enum from its wire string.
pub fn de_enum<'de, D: Deserializer<'de>, E: WireEnum>(d: D) -> Result<E, D::Error> {
    let s = super::key::text(d, "an enum member name")?;
    Ok(E::from_wire(&s))
}

/// Serializes an open enum as its wire string.
pub fn ser_enum<S: Serializer, E: WireEnum>(e: &E, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(e.as_str())
}
