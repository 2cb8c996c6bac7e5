//! A cursor over the input as written (percent-encoding included), with the
//! furthest position at which an expected piece was missing: the place an
//! error is reported at when nothing parses the whole input.
//!
//! Matching follows ABNF (RFC 5234): quoted strings are case-insensitive
//! unless asked otherwise (`%s"…"`); a failed match consumes nothing.

/// Input and position.
pub struct Cursor<'a> {
    text: &'a [u8],
    /// The current byte position.
    pub pos: usize,
    /// The furthest position where an expected piece was not found.
    pub far: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            pos: 0,
            far: 0,
        }
    }

    fn miss(&mut self) -> bool {
        self.far = self.far.max(self.pos);
        false
    }

    /// Runs `f`; when it fails, the position is put back.
    pub fn attempt(&mut self, f: impl FnOnce(&mut Self) -> bool) -> bool {
        let start = self.pos;
        if f(self) {
            true
        } else {
            self.pos = start;
            false
        }
    }

    /// An optional piece: always true.
    pub fn opt(&mut self, f: impl FnOnce(&mut Self) -> bool) -> bool {
        self.attempt(f);
        true
    }

    /// `min*max` repetitions of `f`; how many matched (or `None` below `min`,
    /// with the position put back).
    pub fn repeat(
        &mut self,
        min: usize,
        max: usize,
        mut f: impl FnMut(&mut Self) -> bool,
    ) -> Option<usize> {
        let start = self.pos;
        let mut n = 0;
        while n < max && self.attempt(&mut f) {
            n += 1;
        }
        if n >= min {
            Some(n)
        } else {
            self.pos = start;
            None
        }
    }

    /// `min*max` repetitions, as a test.
    pub fn times(&mut self, min: usize, max: usize, f: impl FnMut(&mut Self) -> bool) -> bool {
        self.repeat(min, max, f).is_some()
    }

    /// A case-insensitive literal (ABNF `"…"`).
    pub fn lit(&mut self, s: &str) -> bool {
        let end = self.pos + s.len();
        if self.text.len() >= end && self.text[self.pos..end].eq_ignore_ascii_case(s.as_bytes()) {
            self.pos = end;
            true
        } else {
            self.miss()
        }
    }

    /// A case-sensitive literal (ABNF `%s"…"`).
    pub fn exact(&mut self, s: &str) -> bool {
        if self.text[self.pos..].starts_with(s.as_bytes()) {
            self.pos += s.len();
            true
        } else {
            self.miss()
        }
    }

    /// One of several literals (case-insensitive), the first that matches.
    pub fn any_lit(&mut self, options: &[&str]) -> bool {
        options.iter().any(|o| self.lit(o))
    }

    /// One byte satisfying `f`.
    pub fn byte(&mut self, f: impl Fn(u8) -> bool) -> bool {
        match self.text.get(self.pos) {
            Some(&b) if f(b) => {
                self.pos += 1;
                true
            }
            _ => self.miss(),
        }
    }

    /// One ASCII digit.
    pub fn digit(&mut self) -> bool {
        self.byte(|b| b.is_ascii_digit())
    }

    /// `min` to `max` ASCII digits, as many as there are.
    pub fn digits(&mut self, min: usize, max: usize) -> bool {
        self.times(min, max, Cursor::digit)
    }

    /// `HEXDIG`: digits and `A`–`F` in either case (ABNF strings are case-insensitive).
    pub fn hexdig(&mut self) -> bool {
        self.byte(|b| b.is_ascii_hexdigit())
    }

    /// The text from `start` to the position.
    pub fn since(&self, start: usize) -> &'a str {
        std::str::from_utf8(&self.text[start..self.pos]).unwrap_or_default()
    }
}
