//! The CSDL name grammar: simple identifiers, namespaces, qualified names,
//! type references and paths.
//!
//! CSDL (XML, 4.01 §3.2) defines a `SimpleIdentifier` as a letter or `_`
//! followed by letters, digits, combining marks and connector punctuation, at
//! most 128 characters, and a namespace as dot-separated simple identifiers of
//! at most 511 characters. Letters and the rest are the Unicode identifier
//! classes of UAX #31 (`XID_Start` / `XID_Continue`), checked with
//! `unicode-ident`. The one deliberate tightening: the format characters
//! (`Cf`) that CSDL also lets into an identifier, such as bidirectional
//! overrides, are refused unless UAX #31 allows them (ZWJ and ZWNJ) — a name
//! must not read differently from what it is.

use std::fmt;

/// Longest simple identifier, in characters.
pub const MAX_IDENTIFIER: usize = 128;
/// Longest namespace, in characters.
pub const MAX_NAMESPACE: usize = 511;

/// Why a name does not match its grammar. Character positions are 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameError {
    /// The name is empty.
    Empty,
    /// Longer than the grammar allows.
    TooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A separator with nothing before or after it (`..`, a leading `.`).
    EmptySegment {
        /// Position of the separator.
        at: usize,
        /// The separator.
        sep: char,
    },
    /// A character that cannot start an identifier (a digit, `-`...).
    BadStart {
        /// The character.
        ch: char,
        /// Its position.
        at: usize,
    },
    /// A character that cannot appear in an identifier (`/`, `\`, space...).
    BadChar {
        /// The character.
        ch: char,
        /// Its position.
        at: usize,
    },
    /// Something other than a name where one was expected (`Collection(` without `)`...).
    Malformed(&'static str),
}

/// `'/'`, or `U+0000` for characters that do not print.
struct Shown(char);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        if c.is_control() || c.is_whitespace() || is_format(c) {
            write!(f, "U+{:04X}", c as u32)
        } else {
            write!(f, "`{c}` (U+{:04X})", c as u32)
        }
    }
}

/// Format characters (`Cf`) that matter here: bidirectional controls,
/// zero-width characters, the byte-order mark, soft hyphen.
fn is_format(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => f.write_str("it is empty"),
            NameError::TooLong { chars, max } => {
                write!(f, "it has {chars} characters; at most {max} are allowed")
            }
            NameError::EmptySegment { at, sep } => {
                write!(f, "the `{sep}` at character {at} leaves an empty segment")
            }
            NameError::BadStart { ch, at } => write!(
                f,
                "{} at character {at} cannot start an identifier (a letter or `_` must)",
                Shown(*ch)
            ),
            NameError::BadChar { ch, at } => write!(
                f,
                "{} at character {at} is not allowed in an identifier",
                Shown(*ch)
            ),
            NameError::Malformed(why) => f.write_str(why),
        }
    }
}

/// The 1-based position of the separator that makes the empty segment
/// starting at 0-based `at`: the one after it, or the one before it when the
/// segment is the last.
fn separator_of_empty(at: usize, last: bool) -> usize {
    if last {
        at
    } else {
        at + 1
    }
}

/// Checks one identifier that starts at character `offset` (0-based) of the
/// whole name, for positions in errors.
fn identifier_at(s: &str, offset: usize) -> Result<(), NameError> {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return Err(NameError::Empty);
    };
    if !(first == '_' || unicode_ident::is_xid_start(first)) {
        return Err(NameError::BadStart {
            ch: first,
            at: offset + 1,
        });
    }
    for (i, c) in chars.enumerate() {
        if !unicode_ident::is_xid_continue(c) {
            return Err(NameError::BadChar {
                ch: c,
                at: offset + i + 2,
            });
        }
    }
    Ok(())
}

/// Whether `s` is, in ASCII alone, `min..=max` dot-separated identifiers
/// of at most [`MAX_IDENTIFIER`] characters each and `max_len` in all: the
/// common case, decided without decoding characters. For ASCII text the
/// grammar's letters are `A-Z` and `a-z` and its other identifier
/// characters the digits and `_`, so `true` is the grammar's answer;
/// `false` only sends the name to the full check, which says what is wrong.
fn ascii_dotted(s: &str, (min, max): (usize, usize), max_len: usize) -> bool {
    let bytes = s.as_bytes();
    if bytes.is_empty() || bytes.len() > max_len {
        return false;
    }
    let (mut segments, mut len) = (1, 0);
    for &b in bytes {
        match b {
            b'.' if len > 0 => {
                segments += 1;
                len = 0;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => len += 1,
            b'0'..=b'9' if len > 0 => len += 1,
            _ => return false,
        }
        if len > MAX_IDENTIFIER {
            return false;
        }
    }
    len > 0 && (min..=max).contains(&segments)
}

/// The checks without the ASCII fast path: what the fast path must agree
/// with (the tests compare them), and where every error comes from.
mod full {
    pub(super) use super::{
        namespace_full as namespace, path_full as path, qualified_name_full as qualified_name,
        simple_identifier_full as simple_identifier,
    };
}

fn limit(s: &str, max: usize) -> Result<(), NameError> {
    let chars = s.chars().count();
    if chars > max {
        return Err(NameError::TooLong { chars, max });
    }
    Ok(())
}

/// A `SimpleIdentifier`: type, property, member, alias, qualifier names.
pub fn simple_identifier(s: &str) -> Result<(), NameError> {
    if ascii_dotted(s, (1, 1), MAX_IDENTIFIER) {
        return Ok(());
    }
    full::simple_identifier(s)
}

fn simple_identifier_full(s: &str) -> Result<(), NameError> {
    limit(s, MAX_IDENTIFIER)?;
    identifier_at(s, 0)
}

/// Dot-separated identifiers starting at character `offset`.
fn dotted(s: &str, offset: usize, min_segments: usize) -> Result<(), NameError> {
    if ascii_dotted(s, (min_segments, usize::MAX), usize::MAX) {
        return Ok(());
    }
    dotted_full(s, offset, min_segments)
}

fn dotted_full(s: &str, offset: usize, min_segments: usize) -> Result<(), NameError> {
    if s.is_empty() {
        return Err(NameError::Empty);
    }
    let mut at = offset;
    let mut segments = 0;
    let mut parts = s.split('.').peekable();
    while let Some(seg) = parts.next() {
        if seg.is_empty() {
            return Err(NameError::EmptySegment {
                at: separator_of_empty(at, parts.peek().is_none()),
                sep: '.',
            });
        }
        let n = seg.chars().count();
        if n > MAX_IDENTIFIER {
            return Err(NameError::TooLong {
                chars: n,
                max: MAX_IDENTIFIER,
            });
        }
        identifier_at(seg, at)?;
        at += n + 1;
        segments += 1;
    }
    if segments < min_segments {
        return Err(NameError::Malformed(
            "a qualified name needs a namespace and a name (`Namespace.Name`)",
        ));
    }
    Ok(())
}

/// A `Namespace`: dot-separated simple identifiers, at most 511 characters.
pub fn namespace(s: &str) -> Result<(), NameError> {
    if ascii_dotted(s, (1, usize::MAX), MAX_NAMESPACE) {
        return Ok(());
    }
    full::namespace(s)
}

fn namespace_full(s: &str) -> Result<(), NameError> {
    limit(s, MAX_NAMESPACE)?;
    dotted_full(s, 0, 1)
}

/// A `QualifiedName`: `Namespace.SimpleIdentifier` (the namespace may be an alias).
pub fn qualified_name(s: &str) -> Result<(), NameError> {
    if ascii_dotted(s, (2, usize::MAX), MAX_NAMESPACE + 1 + MAX_IDENTIFIER) {
        return Ok(());
    }
    full::qualified_name(s)
}

fn qualified_name_full(s: &str) -> Result<(), NameError> {
    limit(s, MAX_NAMESPACE + 1 + MAX_IDENTIFIER)?;
    dotted_full(s, 0, 2)
}

/// A type reference: a qualified name or `Collection(` one `)`.
pub fn type_name(s: &str) -> Result<(), NameError> {
    match s.strip_prefix("Collection(") {
        Some(rest) => match rest.strip_suffix(')') {
            Some(inner) => {
                limit(inner, MAX_NAMESPACE + 1 + MAX_IDENTIFIER)?;
                dotted(inner, "Collection(".len(), 2)
            }
            None => Err(NameError::Malformed("`Collection(` has no closing `)`")),
        },
        None => qualified_name(s),
    }
}

/// A path as used in `Target`, `NavigationPropertyBinding` `Path`/`Target`
/// and `PropertyRef`: `/`-separated segments, each a (qualified) name, a
/// term cast `@ns.term`, or `$` followed by an identifier (`$ReturnType`);
/// a segment may end in a parameter list of type names, as operation
/// overloads do in `Target` (`ns.action(ns.type,Collection(Edm.String))`;
/// spaces after the commas, as Graph writes them, are tolerated).
pub fn path(s: &str) -> Result<(), NameError> {
    // The common case: `/`-separated ASCII names, maybe a term cast or a
    // `$` segment, no parameter list.
    let plain = |seg: &str| {
        let body = seg.strip_prefix(['@', '$']).unwrap_or(seg);
        ascii_dotted(body, (1, usize::MAX), usize::MAX)
    };
    if s.len() <= 4096 && s.split('/').all(plain) {
        return Ok(());
    }
    full::path(s)
}

fn path_full(s: &str) -> Result<(), NameError> {
    if s.is_empty() {
        return Err(NameError::Empty);
    }
    limit(s, 4096)?;
    let mut at = 0;
    let mut parts = split_outside_parens(s, '/').peekable();
    while let Some(seg) = parts.next() {
        if seg.is_empty() {
            return Err(NameError::EmptySegment {
                at: separator_of_empty(at, parts.peek().is_none()),
                sep: '/',
            });
        }
        segment(seg, at)?;
        at += seg.chars().count() + 1;
    }
    Ok(())
}

fn segment(seg: &str, at: usize) -> Result<(), NameError> {
    let (name, params) = match seg.find('(') {
        Some(i) => match seg.strip_suffix(')') {
            Some(_) => (&seg[..i], Some(&seg[i + 1..seg.len() - 1])),
            None => return Err(NameError::Malformed("a parameter list has no closing `)`")),
        },
        None => (seg, None),
    };
    let (body, skip) = match name.strip_prefix(['@', '$']) {
        Some(rest) => (rest, 1),
        None => (name, 0),
    };
    dotted(body, at + skip, 1)?;
    if let Some(params) = params {
        let mut p_at = at + name.chars().count() + 1;
        for p in split_outside_parens(params, ',') {
            // Graph writes a space after each comma; tolerated.
            let lead = p.chars().take_while(|c| *c == ' ').count();
            let t = p.trim_matches(' ');
            if !t.is_empty() {
                type_name(t).map_err(|e| shift(e, p_at + lead))?;
            }
            p_at += p.chars().count() + 1;
        }
    }
    Ok(())
}

/// Positions in an error from a sub-name are relative to it; make them
/// relative to the whole path.
fn shift(e: NameError, by: usize) -> NameError {
    match e {
        NameError::EmptySegment { at, sep } => NameError::EmptySegment { at: at + by, sep },
        NameError::BadStart { ch, at } => NameError::BadStart { ch, at: at + by },
        NameError::BadChar { ch, at } => NameError::BadChar { ch, at: at + by },
        other => other,
    }
}

fn split_outside_parens(s: &str, sep: char) -> impl Iterator<Item = &str> {
    let mut depth = 0i32;
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(r: Result<(), NameError>) -> String {
        r.unwrap_err().to_string()
    }

    /// Every string of up to four characters over an alphabet of the
    /// characters that matter, and names at the length limits.
    fn cases() -> Vec<String> {
        let alphabet = [
            "a", "Z", "_", "0", ".", "/", "@", "$", "(", ")", ",", " ", "\u{e9}", "-",
        ];
        let mut out = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}")))
                .collect();
            out.extend(last.iter().cloned());
        }
        let id = |n: usize| "a".repeat(n);
        for n in [127, 128, 129] {
            out.push(id(n));
            out.push(format!("ns.{}", id(n)));
            out.push(format!("{}.x", id(n)));
        }
        for n in [509, 510, 511, 512, 640, 641] {
            let segments = (0..n / 100).map(|_| id(99)).collect::<Vec<_>>().join(".");
            let mut name = format!("{segments}.{}", id(1));
            while name.len() < n {
                name.insert(0, 'b');
            }
            out.push(name);
        }
        out.push(format!("a/{}", id(4094)));
        out.push(format!("a/{}", id(4095)));
        out
    }

    #[test]
    fn the_ascii_fast_path_accepts_exactly_what_the_full_check_accepts() {
        type Check = fn(&str) -> Result<(), NameError>;
        let pairs: [(&str, Check, Check); 4] = [
            ("simple", simple_identifier, full::simple_identifier),
            ("namespace", namespace, full::namespace),
            ("qualified", qualified_name, full::qualified_name),
            ("path", path, full::path),
        ];
        let (mut accepted, mut checked) = (0, 0);
        for s in cases() {
            for (what, fast, slow) in pairs {
                // Equal results: the fast path accepted nothing the full
                // check refuses, and what it passed on got the full check.
                assert_eq!(fast(&s), slow(&s), "{what} {s:?}");
                accepted += fast(&s).is_ok() as usize;
                checked += 1;
            }
            for min in 1..=2 {
                assert_eq!(
                    dotted(&s, 0, min),
                    dotted_full(&s, 0, min),
                    "dotted {min} {s:?}"
                );
            }
        }
        // Both answers occur, many times.
        assert!(
            accepted > 1000 && checked - accepted > 1000,
            "{accepted} of {checked}"
        );
    }

    #[test]
    fn simple_identifiers() {
        for ok in [
            "a",
            "_x",
            "customDataProvidedResourceUploadSession",
            "naïve",
            "日本",
            "x1_2",
        ] {
            assert_eq!(simple_identifier(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            err(simple_identifier("request-id")),
            "`-` (U+002D) at character 8 is not allowed in an identifier"
        );
        assert_eq!(
            err(simple_identifier("1st")),
            "`1` (U+0031) at character 1 cannot start an identifier (a letter or `_` must)"
        );
        assert_eq!(
            err(simple_identifier("a b")),
            "U+0020 at character 2 is not allowed in an identifier"
        );
        assert_eq!(
            err(simple_identifier("ab\u{202e}c")),
            "U+202E at character 3 is not allowed in an identifier"
        );
        assert_eq!(err(simple_identifier("")), "it is empty");
        assert_eq!(
            err(simple_identifier(&"a".repeat(129))),
            "it has 129 characters; at most 128 are allowed"
        );
        assert_eq!(simple_identifier(&"a".repeat(128)), Ok(()));
    }

    #[test]
    fn namespaces_and_qualified_names() {
        assert_eq!(namespace("microsoft.graph.identityGovernance"), Ok(()));
        assert_eq!(namespace("single"), Ok(()));
        assert_eq!(
            err(namespace("../../pwned")),
            "the `.` at character 1 leaves an empty segment"
        );
        assert_eq!(
            err(namespace("a..b")),
            "the `.` at character 3 leaves an empty segment"
        );
        assert_eq!(
            err(namespace("x/y\\z")),
            "`/` (U+002F) at character 2 is not allowed in an identifier"
        );
        assert_eq!(
            err(namespace("/abs")),
            "`/` (U+002F) at character 1 cannot start an identifier (a letter or `_` must)"
        );
        assert_eq!(qualified_name("graph.user"), Ok(()));
        assert!(qualified_name("user").is_err());
        assert_eq!(type_name("Collection(Edm.String)"), Ok(()));
        assert_eq!(
            err(type_name("Collection(a.b")),
            "`Collection(` has no closing `)`"
        );
        assert_eq!(
            err(type_name("Collection(a.b-c)")),
            "`-` (U+002D) at character 15 is not allowed in an identifier"
        );
    }

    #[test]
    fn paths() {
        for ok in [
            "microsoft.graph.user/manager",
            "microsoft.graph.GraphService/users",
            "solutions/microsoft.graph.backupRestoreRoot/backupRestore/x",
            "microsoft.graph.assign(microsoft.graph.user,Collection(Edm.String))/p",
            "microsoft.graph.f()/$ReturnType",
            "microsoft.graph.cancel(microsoft.graph.bookingAppointment, Edm.String)",
            "a/@Core.Description",
        ] {
            assert_eq!(path(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            err(path("a//b")),
            "the `/` at character 3 leaves an empty segment"
        );
        assert_eq!(
            err(namespace("a.")),
            "the `.` at character 2 leaves an empty segment"
        );
        assert_eq!(
            err(path("a/../b")),
            "the `.` at character 3 leaves an empty segment"
        );
        assert_eq!(
            err(path("ns.f(ns.a b)")),
            "U+0020 at character 10 is not allowed in an identifier"
        );
    }
}
