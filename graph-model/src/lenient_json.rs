//! Reading the JSON that Graph documentation actually contains: trailing
//! commas before `}` or `]` are removed and each one is reported with its
//! line and column. Nothing else is changed.

/// A repair made to the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// 1-based line of the removed comma.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What was repaired.
    pub what: &'static str,
}

/// Returns the text with trailing commas removed, and where they were.
/// Strings (with escapes) are skipped, so commas inside them are kept.
pub fn strip_trailing_commas(text: &str) -> (String, Vec<Repair>) {
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let (mut line, mut col) = (1, 1);
    let mut pending: Option<(usize, usize, usize)> = None; // (out index, line, col) of a comma
    for ch in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
        } else {
            match ch {
                '"' => {
                    in_string = true;
                    pending = None;
                }
                ',' => pending = Some((out.len(), line, col)),
                '}' | ']' => {
                    if let Some((at, l, c)) = pending.take() {
                        out.remove(at);
                        repairs.push(Repair {
                            line: l,
                            col: c,
                            what: "trailing comma",
                        });
                    }
                }
                c if c.is_whitespace() => {}
                _ => pending = None,
            }
        }
        out.push(ch);
        if ch == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (out, repairs)
}

/// Parses `text` as JSON, trailing commas allowed; `None` if it is not JSON
/// even then. For reading the shape of a document, not for validating it
/// (validation reports each repair).
pub fn parse(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(&strip_trailing_commas(text).0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_trailing_commas_outside_strings() {
        let (t, r) = strip_trailing_commas("{\n  \"a\": [1, 2,],\n  \"s\": \",}\",\n}");
        assert_eq!(t, "{\n  \"a\": [1, 2],\n  \"s\": \",}\"\n}");
        assert_eq!(
            r.iter().map(|r| (r.line, r.col)).collect::<Vec<_>>(),
            [(2, 13), (3, 12)]
        );
        let (t, r) = strip_trailing_commas(r#"{"a": "x\",}"}"#);
        assert_eq!(t, r#"{"a": "x\",}"}"#);
        assert!(r.is_empty());
    }
}
