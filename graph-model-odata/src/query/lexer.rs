//! Tokens of a query expression (`$filter`, `$orderby`, lambda bodies...),
//! over the decoded text. Literals whose form is unambiguous by their
//! characters (Guid, date, time, date-time, number, string) are read here
//! with the ABNF literal rules; names and keywords are identifiers that the
//! parser tells apart.

use std::ops::Range;

use super::super::literal;
use graph_model_abnf::Cursor;

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A name, possibly qualified (`microsoft.graph.user`).
    Ident,
    /// `$it`, `$this`, `$root`, `$count`... (the text includes `$`).
    Dollar,
    /// `@alias`.
    Alias,
    /// `'...'`, with `''` for a quote.
    Str,
    /// A string whose closing quote is missing.
    Unclosed,
    /// A number (integer, decimal or with exponent; unsigned).
    Number,
    Guid,
    Date,
    DateTimeOffset,
    TimeOfDay,
    Open,
    Close,
    Comma,
    Slash,
    Colon,
    Minus,
    Star,
    Equals,
    Semi,
    /// `[`, `]` and `{`, `}`: JSON arrays and objects (OData 4.01 `in [..]`).
    Bracket(char),
    /// A character no token starts with.
    Other,
    End,
}

/// A token: its kind, its decoded range, whether whitespace precedes it.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) range: Range<usize>,
    pub(crate) spaced: bool,
}

/// Splits `text[range]` into tokens (the last is [`Tok::End`]); ranges are
/// of `text`.
pub(crate) fn tokens(text: &str, range: std::ops::Range<usize>) -> Vec<Token> {
    let offset = range.start;
    let text = &text[range];
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let ws = i;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let spaced = i > ws;
        let Some(&c) = b.get(i) else {
            out.push(Token {
                tok: Tok::End,
                range: offset + i..offset + i,
                spaced,
            });
            return out;
        };
        let (tok, len) = one(text, i, c);
        out.push(Token {
            tok,
            range: offset + i..offset + i + len,
            spaced,
        });
        i += len;
    }
}

fn one(text: &str, i: usize, c: u8) -> (Tok, usize) {
    let rest = &text[i..];
    let matched = |f: fn(&mut Cursor) -> bool| {
        let mut cur = Cursor::new(rest);
        f(&mut cur).then_some(cur.pos)
    };
    let ident_end = |from: usize| {
        from + rest[from..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count()
    };
    // A literal must not run on into a name (`2024-01-01x`).
    let whole = |n: usize| {
        !rest[n..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    if c.is_ascii_hexdigit() {
        if let Some(n) = matched(literal::guid).filter(|&n| whole(n)) {
            return (Tok::Guid, n);
        }
    }
    if c.is_ascii_digit() {
        let dto = |c: &mut Cursor| literal::date_time_offset(c, false);
        let tod = |c: &mut Cursor| literal::time_of_day(c, false);
        let num = |c: &mut Cursor| literal::decimal(c, false);
        for (f, tok) in [
            (dto as fn(&mut Cursor) -> bool, Tok::DateTimeOffset),
            (literal::date, Tok::Date),
            (tod, Tok::TimeOfDay),
            (num, Tok::Number),
        ] {
            if let Some(n) = matched(f) {
                return (tok, n);
            }
        }
    }
    match c {
        b'\'' => {
            let mut j = 1;
            let bytes = rest.as_bytes();
            loop {
                match bytes.get(j) {
                    None => return (Tok::Unclosed, j),
                    Some(b'\'') if bytes.get(j + 1) == Some(&b'\'') => j += 2,
                    Some(b'\'') => return (Tok::Str, j + 1),
                    Some(_) => j += 1,
                }
            }
        }
        b'$' | b'@' => {
            let end = ident_end(1);
            let tok = if c == b'$' { Tok::Dollar } else { Tok::Alias };
            (tok, end.max(1))
        }
        c if c.is_ascii_alphabetic() || c == b'_' => {
            let mut end = ident_end(0);
            // Qualified names: `ns.type`.
            while rest[end..].starts_with('.')
                && rest[end + 1..]
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            {
                end = ident_end(end + 1);
            }
            (Tok::Ident, end)
        }
        b'(' => (Tok::Open, 1),
        b')' => (Tok::Close, 1),
        b',' => (Tok::Comma, 1),
        b'/' => (Tok::Slash, 1),
        b':' => (Tok::Colon, 1),
        b'-' => (Tok::Minus, 1),
        b'*' => (Tok::Star, 1),
        b'=' => (Tok::Equals, 1),
        b';' => (Tok::Semi, 1),
        b'[' | b']' | b'{' | b'}' => (Tok::Bracket(c as char), 1),
        _ => (Tok::Other, rest.chars().next().map_or(1, char::len_utf8)),
    }
}

/// The value of a string token: quotes removed, `''` made one quote.
pub(crate) fn unquote(token_text: &str) -> String {
    let inner = token_text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .unwrap_or(token_text);
    inner.replace("''", "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Tok, &str)> {
        tokens(text, 0..text.len())
            .into_iter()
            .map(|t| (t.tok, &text[t.range]))
            .collect()
    }

    #[test]
    fn literals_are_read_by_their_form() {
        use Tok::*;
        assert_eq!(
            kinds("uploadedDateTime ge 2026-01-01T00:00:00Z"),
            [
                (Ident, "uploadedDateTime"),
                (Ident, "ge"),
                (DateTimeOffset, "2026-01-01T00:00:00Z"),
                (End, "")
            ]
        );
        assert_eq!(
            kinds("id eq 01234567-89ab-cdef-0123-456789abcdef")[2],
            (Guid, "01234567-89ab-cdef-0123-456789abcdef")
        );
        assert_eq!(
            kinds("deadbeef-0000-0000-0000-000000000000")[0].0,
            Guid,
            "a Guid may start with a letter"
        );
        assert_eq!(kinds("d eq 2026-01-31")[2], (Date, "2026-01-31"));
        assert_eq!(kinds("t lt 13:45:00")[2], (TimeOfDay, "13:45:00"));
        assert_eq!(kinds("size gt 1e6")[2], (Number, "1e6"));
        assert_eq!(kinds("n eq 'O''Neil'")[2], (Str, "'O''Neil'"));
        assert_eq!(
            kinds("microsoft.graph.status'active'")[..2],
            [(Ident, "microsoft.graph.status"), (Str, "'active'")]
        );
        assert_eq!(kinds("$it/name")[0], (Dollar, "$it"));
        assert_eq!(kinds("-5")[..2], [(Minus, "-"), (Number, "5")]);
        assert_eq!(unquote("'O''Neil'"), "O'Neil");
    }
}
