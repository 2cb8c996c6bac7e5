//! A strict JSON parser (RFC 8259) into [`Json`], borrowing strings and
//! number text from the input. It refuses what `serde_json` refuses, with
//! the same limits, so that the dynamic and the typed paths agree on what is
//! JSON at all.

use std::borrow::Cow;
use std::fmt;

use super::Json;

/// Arrays and objects nested deeper than this are refused (as `serde_json`
/// refuses them).
pub const MAX_DEPTH: usize = 127;

/// Why the text is not JSON, and where (1-based line, byte column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: &'static str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in bytes.
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

/// Parses one JSON document (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Json<'_>, ParseError> {
    Parser::new(text, None).document()
}

/// What [`parse_streaming`] hands over: one item of the document's `value`
/// array, with its index.
pub type OnItem<'s, 'a> = &'s mut dyn FnMut(usize, Json<'a>);

/// A document read with its `value` array streamed: when the document is an
/// object whose (first) member `value` is an array, each item is handed to
/// `on_item` as soon as it is read and then dropped, so a collection
/// response is never held whole. That member is left in the returned object
/// as an empty array, at the index returned beside it. The same errors as
/// [`parse`]: when the text is not JSON, items before the error have been
/// handed over already.
pub fn parse_streaming<'a>(
    text: &'a str,
    on_item: OnItem<'_, 'a>,
) -> Result<(Json<'a>, Option<usize>), ParseError> {
    let mut p = Parser::new(text, Some(on_item));
    let v = p.document()?;
    Ok((v, p.streamed))
}

struct Parser<'a, 's> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Where the items of the top-level `value` array go, when streaming.
    on_item: Option<OnItem<'s, 'a>>,
    /// The index of the streamed member in the top-level object.
    streamed: Option<usize>,
    /// Items and members being read, of every open array and object: each
    /// is moved out into a vector of exactly its size when it closes, so
    /// the tree holds no spare capacity (a growing vector per array or
    /// object kept up to half of it spare).
    items: Vec<Json<'a>>,
    members: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a, 's> Parser<'a, 's> {
    fn new(text: &'a str, on_item: Option<OnItem<'s, 'a>>) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            on_item,
            streamed: None,
            items: Vec::new(),
            members: Vec::new(),
        }
    }

    fn document(&mut self) -> Result<Json<'a>, ParseError> {
        self.ws();
        let v = self.value()?;
        self.ws();
        if self.pos < self.bytes.len() {
            return Err(self.error("trailing characters"));
        }
        Ok(v)
    }

    fn error(&self, message: &'static str) -> ParseError {
        self.error_at(self.pos, message)
    }

    fn error_at(&self, pos: usize, message: &'static str) -> ParseError {
        let before = &self.bytes[..pos.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        ParseError {
            message,
            line,
            column: pos - start + 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str, v: Json<'a>) -> Result<Json<'a>, ParseError> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(if self.peek().is_none() {
                    self.error("EOF while parsing a value")
                } else {
                    self.error("expected ident")
                });
            }
            self.pos += 1;
        }
        Ok(v)
    }

    fn value(&mut self) -> Result<Json<'a>, ParseError> {
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(Self::array),
            Some(b'{') => self.nested(Self::object),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn nested(
        &mut self,
        f: fn(&mut Self) -> Result<Json<'a>, ParseError>,
    ) -> Result<Json<'a>, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(self.pos, "recursion limit exceeded"));
        }
        self.pos += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn array(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.items.len();
        self.each_item(|p, _, v| p.items.push(v))?;
        Ok(Json::Array(self.items.drain(start..).collect()))
    }

    /// The top-level `value` array, each item handed over as it is read;
    /// an empty array stands in its place.
    fn streamed_array(&mut self) -> Result<Json<'a>, ParseError> {
        self.each_item(|p, index, v| {
            if let Some(on_item) = p.on_item.as_mut() {
                on_item(index, v);
            }
        })?;
        Ok(Json::Array(Vec::new()))
    }

    /// Reads the items of an array (after its `[`) through its `]`.
    fn each_item(
        &mut self,
        mut each: impl FnMut(&mut Self, usize, Json<'a>),
    ) -> Result<(), ParseError> {
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        for index in 0.. {
            self.ws();
            let v = self.value()?;
            each(self, index, v);
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.members.len();
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(Vec::new()));
        }
        loop {
            self.ws();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            self.ws();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `:`")),
            }
            self.ws();
            let v = if self.depth == 1
                && self.streamed.is_none()
                && self.on_item.is_some()
                && key == "value"
                && self.peek() == Some(b'[')
            {
                self.streamed = Some(self.members.len() - start);
                self.nested(Self::streamed_array)?
            } else {
                self.value()?
            };
            self.members.push((key, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(self.members.drain(start..).collect()));
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn number(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while let Some(b'0'..=b'9') = p.peek() {
                p.pos += 1;
            }
            p.pos - s
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.error("invalid number")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let text = &self.text[start..self.pos];
        let fits = integer && (text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok());
        if !fits && !text.parse::<f64>().is_ok_and(f64::is_finite) {
            return Err(self.error("number out of range"));
        }
        Ok(Json::Number(text))
    }

    /// A string starting at the opening quote.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    let tail = &self.text[run..self.pos];
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    let c = self.escape()?;
                    owned.as_mut().expect("just set").push(c);
                    run = self.pos;
                }
                0x00..=0x1f => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                _ => self.pos += 1,
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<char, ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                match hi {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.pos += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        char::from_u32(c).expect("a valid surrogate pair")
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.error("lone trailing surrogate in hex escape"))
                    }
                    c => char::from_u32(c).expect("not a surrogate"),
                }
            }
            _ => return Err(self.error("invalid escape")),
        })
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                None => return Err(self.error("EOF while parsing a string")),
                Some(_) => return Err(self.error("invalid escape")),
            };
            v = v * 16 + d as u32;
            self.pos += 1;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts and refuses exactly what serde_json does.
    #[test]
    fn agrees_with_serde_json() {
        let cases = [
            "null",
            " {\"a\": [1, -0, 0.5, 1e5, 1E-5, -12.5e+3, true, false, null, \"x\\n\\u00e9\\ud83d\\ude00\"]} ",
            "[]",
            "{}",
            "01",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "1e400",
            "-1e400",
            "1e-400",
            "123456789012345678901234567890",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\tb\"",
            "\"\\x\"",
            "\"\\u00G0\"",
            "{\"a\" 1}",
            "{\"a\": 1,}",
            "[1,]",
            "[1 2]",
            "{1: 2}",
            "{} x",
            "\u{feff}{}",
            "",
            "   ",
            "nul",
            "tru",
            "[",
            "{\"a\":",
            "\"abc",
            "{\"é\": x}",
            "\"\\u0000\"",
        ];
        for c in cases {
            let ours = parse(c);
            let theirs = serde_json::from_str::<serde_json::Value>(c);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{c:?}: {ours:?} vs {theirs:?}"
            );
            if let (Ok(a), Ok(b)) = (&ours, &theirs) {
                assert_eq!(&a.to_serde(), b, "{c:?}");
            }
        }
        for n in [126, 127, 128, 129] {
            let s = "[".repeat(n) + &"]".repeat(n);
            let theirs = serde_json::from_str::<serde_json::Value>(&s);
            assert_eq!(parse(&s).is_ok(), theirs.is_ok(), "depth {n}");
        }
    }

    #[test]
    fn errors_name_line_and_byte_column() {
        let e = parse("{\n  \"é\": x}").unwrap_err();
        assert_eq!(e.to_string(), "expected value at line 2 column 9");
        let e = parse("[1,\n 2,\n ]").unwrap_err();
        assert_eq!(e.to_string(), "expected value at line 3 column 2");
        let e = parse("\"\\ud800\"").unwrap_err();
        assert_eq!(
            e.to_string(),
            "lone leading surrogate in hex escape at line 1 column 8"
        );
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        let v = parse("[\"plain\", \"esc\\\"aped\"]").unwrap();
        let items = v.as_array().unwrap();
        assert!(matches!(&items[0], Json::String(Cow::Borrowed("plain"))));
        assert!(matches!(&items[1], Json::String(Cow::Owned(s)) if s == "esc\"aped"));
    }
}
