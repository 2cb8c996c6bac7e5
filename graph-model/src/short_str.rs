//! [`InlineStr`]: a string held inline when it is short. [`ShortStr`] (22
//! bytes inline, the size of a `String`) is what [`crate::Extra`] keeps of
//! a member: its name — nearly every annotation and property name is short
//! — and its JSON text (`"active"`, `true`, `42`...). [`TextStr`] (38 bytes
//! inline) holds the wire text of an Edm primitive: every `Guid`, `Date`,
//! `TimeOfDay` and nearly every `DateTimeOffset` fits. Either way, keeping a
//! short text allocates nothing of its own.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// A string of up to `N` bytes held inline, a longer one on the heap.
#[derive(Clone)]
pub(crate) struct InlineStr<const N: usize>(Repr<N>);

/// Private to this module, so that only [`InlineStr::new`] writes the
/// inline bytes (what makes [`InlineStr::as_str`] sound).
#[derive(Clone)]
enum Repr<const N: usize> {
    Inline { len: u8, bytes: [u8; N] },
    Heap(Box<str>),
}

/// The names and texts of extra members: 24 bytes, as a `String`.
pub(crate) type ShortStr = InlineStr<22>;

/// The wire text of an Edm primitive: 40 bytes.
pub(crate) type TextStr = InlineStr<38>;

impl<const N: usize> InlineStr<N> {
    /// Held inline: `N` fits the one-byte length.
    const FITS: () = assert!(N <= u8::MAX as usize);

    pub(crate) fn new(text: &str) -> Self {
        let () = Self::FITS;
        if text.len() <= N {
            let mut bytes = [0; N];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Self(Repr::Inline {
                len: text.len() as u8,
                bytes,
            })
        } else {
            Self(Repr::Heap(text.into()))
        }
    }

    /// Whether the text is held inline.
    #[cfg(test)]
    fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }

    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            // Not checked again on every use: this is on the writer's path
            // of every extra member and every Edm text value, where a check
            // cost more than the write (3.4 M instructions of a 125 M
            // write of the 10,000-session list, for the members alone).
            #[allow(unsafe_code)]
            // SAFETY: `bytes[..len]` is only ever written by `new`, which
            // copies a whole `&str` of `len` bytes: it is UTF-8.
            Repr::Inline { len, bytes } => unsafe {
                std::str::from_utf8_unchecked(&bytes[..*len as usize])
            },
            Repr::Heap(s) => s,
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..*len as usize],
            Repr::Heap(s) => s.as_bytes(),
        }
    }

    /// Whether this is `text` (compared as bytes: no UTF-8 check).
    pub(crate) fn is(&self, text: &str) -> bool {
        self.as_bytes() == text.as_bytes()
    }
}

impl<const N: usize> From<String> for InlineStr<N> {
    fn from(text: String) -> Self {
        if text.len() <= N {
            Self::new(&text)
        } else {
            Self(Repr::Heap(text.into_boxed_str()))
        }
    }
}

impl<const N: usize> From<InlineStr<N>> for String {
    fn from(text: InlineStr<N>) -> Self {
        match text.0 {
            Repr::Heap(s) => s.into_string(),
            Repr::Inline { .. } => text.as_str().to_string(),
        }
    }
}

impl<const N: usize> PartialEq for InlineStr<N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl<const N: usize> Eq for InlineStr<N> {}

impl<const N: usize> PartialOrd for InlineStr<N> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<const N: usize> Ord for InlineStr<N> {
    /// As the strings order (bytewise).
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl<const N: usize> Hash for InlineStr<N> {
    /// As the string hashes.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl<const N: usize> fmt::Debug for InlineStr<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<const N: usize>(texts: &[&str]) {
        for &text in texts {
            for s in [InlineStr::<N>::new(text), InlineStr::from(text.to_string())] {
                assert_eq!(s.as_str(), text);
                assert!(s.is(text));
                assert!(!s.is("other"));
                assert_eq!(s.is_inline(), text.len() <= N);
                assert_eq!(String::from(s.clone()), text);
                assert_eq!(s, InlineStr::new(text));
            }
        }
    }

    #[test]
    fn short_strings_are_inline_and_every_string_comes_back() {
        assert_eq!(
            std::mem::size_of::<ShortStr>(),
            std::mem::size_of::<String>()
        );
        assert_eq!(std::mem::size_of::<TextStr>(), 40);
        assert_eq!(std::mem::size_of::<Option<TextStr>>(), 40);
        let long = "a".repeat(39);
        let texts = [
            "",
            "id",
            "@odata.type",
            "files@odata.context",
            "2026-03-24T21:34:57.1713709+01:00",
            "23f27c15-72f9-45fe-9e9c-e3d8f75bdc44",
            &long,
            "é€😀",
        ];
        round_trips::<22>(&texts);
        round_trips::<38>(&texts);
        // Exactly at the limit, in multi-byte characters.
        let at_limit = "€".repeat(6) + "abcd";
        assert_eq!(at_limit.len(), 22);
        assert!(ShortStr::new(&at_limit).is_inline());
        assert_eq!(ShortStr::new(&at_limit).as_str(), at_limit);
    }

    #[test]
    fn equal_ordered_and_hashed_as_the_strings_are() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |h: &dyn Fn(&mut DefaultHasher)| {
            let mut s = DefaultHasher::new();
            h(&mut s);
            s.finish()
        };
        let (a, b) = ("2024-01-01", "2024-01-02".repeat(5));
        let (x, y) = (TextStr::new(a), TextStr::new(&b));
        assert!(!y.is_inline());
        assert_eq!(x.cmp(&y), a.cmp(b.as_str()));
        assert_eq!(y.cmp(&x), b.as_str().cmp(a));
        assert_eq!(hash(&|s| x.hash(s)), hash(&|s| a.hash(s)));
        assert_eq!(hash(&|s| y.hash(s)), hash(&|s| b.as_str().hash(s)));
    }
}
