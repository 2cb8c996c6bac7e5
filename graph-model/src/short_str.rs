//! [`ShortStr`]: a string held inline when it is short, for what
//! [`crate::Extra`] keeps of a member: its name — nearly every annotation
//! and property name is short — and its JSON text (`"active"`, `true`,
//! `42`...), so that keeping a short member allocates nothing of its own.

use std::fmt;

/// Bytes held inline: the size of a `String` less the tag and the length.
const INLINE: usize = 22;

#[derive(Clone)]
pub(crate) enum ShortStr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl ShortStr {
    pub(crate) fn new(name: &str) -> Self {
        if name.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..name.len()].copy_from_slice(name.as_bytes());
            Self::Inline {
                len: name.len() as u8,
                bytes,
            }
        } else {
            Self::Heap(name.into())
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Copied from a `&str` whole, so always UTF-8.
            Self::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize])
                .expect("an inline member name is copied from a str"),
            Self::Heap(s) => s,
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Inline { len, bytes } => &bytes[..*len as usize],
            Self::Heap(s) => s.as_bytes(),
        }
    }

    /// Whether this is `name` (compared as bytes: no UTF-8 check).
    pub(crate) fn is(&self, name: &str) -> bool {
        self.as_bytes() == name.as_bytes()
    }
}

impl From<String> for ShortStr {
    fn from(name: String) -> Self {
        if name.len() <= INLINE {
            Self::new(&name)
        } else {
            Self::Heap(name.into_boxed_str())
        }
    }
}

impl From<ShortStr> for String {
    fn from(name: ShortStr) -> Self {
        match name {
            ShortStr::Heap(s) => s.into_string(),
            inline => inline.as_str().to_string(),
        }
    }
}

impl fmt::Debug for ShortStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_strings_are_inline_and_every_string_comes_back() {
        assert_eq!(
            std::mem::size_of::<ShortStr>(),
            std::mem::size_of::<String>()
        );
        let long = "a".repeat(INLINE + 1);
        let names = [
            "",
            "id",
            "@odata.type",
            "files@odata.context",
            &long,
            "é€😀",
        ];
        for name in names {
            for m in [ShortStr::new(name), ShortStr::from(name.to_string())] {
                assert_eq!(m.as_str(), name);
                assert!(m.is(name));
                assert!(!m.is("other"));
                assert_eq!(matches!(m, ShortStr::Inline { .. }), name.len() <= INLINE);
                assert_eq!(String::from(m.clone()), name);
            }
        }
        // Exactly at the limit, in multi-byte characters.
        let at_limit = "€".repeat(6) + "abcd";
        assert_eq!(at_limit.len(), INLINE);
        assert_eq!(ShortStr::new(&at_limit).as_str(), at_limit);
    }
}
