//! The text of a query option as the server reads it: percent-encoding
//! decoded, with a map back to the bytes as written, so that every error
//! names a byte range of the query the user wrote.

use std::ops::Range;

use super::QueryError;

/// The value of the hexadecimal digit at `b[j]`, when `j` is before `end`.
pub(crate) fn hex_at(b: &[u8], j: usize, end: usize) -> Option<u32> {
    (j < end).then(|| (b[j] as char).to_digit(16)).flatten()
}

/// Decoded text and, for each of its bytes (and its end), the byte offset
/// in the written query.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    pub(crate) text: String,
    map: Vec<usize>,
}

impl Source {
    /// Decodes `raw[range]` (`%XX`; `+` as a space when `plus_is_space`).
    /// Offsets in errors and spans are of the whole `raw`.
    pub(crate) fn decode(
        raw: &str,
        range: Range<usize>,
        plus_is_space: bool,
    ) -> Result<Self, QueryError> {
        let b = raw.as_bytes();
        let mut bytes = Vec::with_capacity(range.len());
        let mut map = Vec::with_capacity(range.len() + 1);
        let mut i = range.start;
        while i < range.end {
            map.push(i);
            match b[i] {
                b'%' => match (hex_at(b, i + 1, range.end), hex_at(b, i + 2, range.end)) {
                    (Some(h), Some(l)) => {
                        bytes.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        return Err(QueryError::new(
                            i..(i + 3).min(range.end),
                            "`%` must start a percent-encoding like `%20`",
                        ))
                    }
                },
                b'+' if plus_is_space => {
                    bytes.push(b' ');
                    i += 1;
                }
                x => {
                    bytes.push(x);
                    i += 1;
                }
            }
        }
        map.push(range.end);
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            QueryError::new(
                map[at]..map[at + 1],
                "the percent-encoded bytes are not UTF-8",
            )
        })?;
        Ok(Self { text, map })
    }

    /// The written range of the decoded range `r`.
    pub(crate) fn span(&self, r: Range<usize>) -> Range<usize> {
        let start = self.map[r.start.min(self.map.len() - 1)];
        let end = if r.end > r.start {
            // The end of the last decoded byte: where the next one starts.
            self.map[r.end.min(self.map.len() - 1)]
        } else {
            start
        };
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_into_the_written_text() {
        let raw = "$filter=name%20eq%20'a%2Bb'";
        let s = Source::decode(raw, 8..raw.len(), false).unwrap();
        assert_eq!(s.text, "name eq 'a+b'");
        let eq = s.text.find("eq").unwrap();
        assert_eq!(&raw[s.span(eq..eq + 2)], "eq");
        let lit = s.text.find('\'').unwrap();
        assert_eq!(&raw[s.span(lit..s.text.len())], "'a%2Bb'");
        let plus = Source::decode("a+b", 0..3, true).unwrap();
        assert_eq!(plus.text, "a b");
        let e = Source::decode("x%2", 0..3, false).unwrap_err();
        assert_eq!(e.span, 1..3);
        let e = Source::decode("ab%FF", 0..5, false).unwrap_err();
        assert_eq!(e.span, 2..5);
    }
}
