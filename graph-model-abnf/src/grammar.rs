//! Reads grammar text in ABNF (RFC 5234, with RFC 7405's `%s"…"` for
//! case-sensitive strings) into rules the matcher runs: alternation,
//! concatenation, repetition, optional groups, quoted strings, numeric
//! values and ranges, rule references.
//!
//! References to rules the text does not define are resolved against a
//! table of native rules (the literal parsers), so that a grammar can leave
//! them out; a name defined nowhere is an error naming its line.

use std::collections::HashMap;

/// One piece of a rule.
#[derive(Debug)]
pub enum Node {
    /// The first alternative that matches.
    Alt(Vec<Node>),
    /// Each in turn.
    Seq(Vec<Node>),
    /// `min*max` greedy repetitions (`max` = `u32::MAX` when unbounded).
    Rep {
        /// At least this many.
        min: u32,
        /// At most this many.
        max: u32,
        /// What repeats.
        node: Box<Node>,
    },
    /// A string; `exact`: case-sensitive (otherwise ASCII case-insensitive).
    Lit {
        /// The string's bytes.
        bytes: Vec<u8>,
        /// Case-sensitive.
        exact: bool,
    },
    /// One byte in `lo..=hi`.
    Range(u8, u8),
    /// Another rule of the grammar, by index.
    Rule(usize),
    /// A native rule, by index into the native table.
    Native(usize),
}

/// Why a grammar text could not be read: the line and rule, and what is
/// wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrammarError(String);

impl std::fmt::Display for GrammarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GrammarError {}

/// Rules by name (names compare case-insensitively, as ABNF says).
pub struct Grammar {
    /// Rule names, as written, by index.
    pub names: Vec<String>,
    /// Rule bodies, by index.
    pub rules: Vec<Node>,
    index: HashMap<String, usize>,
}

impl Grammar {
    /// Reads `text`; `native` names the rules implemented outside it.
    pub fn read(text: &str, native: &[&str]) -> Result<Self, GrammarError> {
        Self::read_text(text, native).map_err(GrammarError)
    }

    fn read_text(text: &str, native: &[&str]) -> Result<Self, String> {
        let definitions = split_rules(text)?;
        let mut index = HashMap::new();
        for (i, (name, line, _)) in definitions.iter().enumerate() {
            if index.insert(name.to_ascii_lowercase(), i).is_some() {
                return Err(format!("line {line}: rule `{name}` is defined twice"));
            }
        }
        let natives: HashMap<String, usize> = native
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_ascii_lowercase(), i))
            .collect();
        let mut rules = Vec::with_capacity(definitions.len());
        for (name, line, body) in &definitions {
            let mut p = Reader {
                text: body.as_bytes(),
                pos: 0,
                index: &index,
                natives: &natives,
            };
            let node = p
                .alternation()
                .and_then(|n| {
                    p.space();
                    if p.pos == p.text.len() {
                        Ok(n)
                    } else {
                        Err(format!("unexpected `{}`", p.text[p.pos] as char))
                    }
                })
                .map_err(|e| format!("line {line}: rule `{name}`: {e}"))?;
            rules.push(node);
        }
        Ok(Self {
            names: definitions.into_iter().map(|(n, _, _)| n).collect(),
            rules,
            index,
        })
    }

    /// The rule called `name` (any case).
    pub fn rule(&self, name: &str) -> Option<usize> {
        self.index.get(&name.to_ascii_lowercase()).copied()
    }
}

/// The rules of `text`: name, line of the definition, and the body with
/// comments removed and continuation lines joined.
fn split_rules(text: &str) -> Result<Vec<(String, usize, String)>, String> {
    let mut out: Vec<(String, usize, String)> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match out.last_mut() {
                Some((_, _, body)) => {
                    body.push(' ');
                    body.push_str(line.trim());
                }
                None => return Err(format!("line {}: continuation before any rule", n + 1)),
            }
            continue;
        }
        let (name, body) = line
            .split_once('=')
            .ok_or_else(|| format!("line {}: expected `name = elements`", n + 1))?;
        let name = name.trim();
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid || body.starts_with('/') {
            return Err(format!(
                "line {}: not a rule definition: `{}`",
                n + 1,
                line.trim()
            ));
        }
        out.push((name.to_string(), n + 1, body.trim().to_string()));
    }
    Ok(out)
}

/// The line without its `;` comment (a `;` inside quotes is text).
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

struct Reader<'a> {
    text: &'a [u8],
    pos: usize,
    index: &'a HashMap<String, usize>,
    natives: &'a HashMap<String, usize>,
}

impl Reader<'_> {
    fn space(&mut self) {
        while self
            .text
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn alternation(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.concatenation()?];
        loop {
            self.space();
            if self.peek() != Some(b'/') {
                break;
            }
            self.pos += 1;
            alts.push(self.concatenation()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            Node::Alt(alts)
        })
    }

    fn concatenation(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        loop {
            self.space();
            match self.peek() {
                None | Some(b'/' | b')' | b']') => break,
                _ => items.push(self.repetition()?),
            }
        }
        match items.len() {
            0 => Err("empty alternative".into()),
            1 => Ok(items.pop().unwrap()),
            _ => Ok(Node::Seq(items)),
        }
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        std::str::from_utf8(&self.text[start..self.pos])
            .ok()?
            .parse()
            .ok()
    }

    fn repetition(&mut self) -> Result<Node, String> {
        let min = self.number();
        let (min, max) = if self.peek() == Some(b'*') {
            self.pos += 1;
            (min.unwrap_or(0), self.number().unwrap_or(u32::MAX))
        } else {
            match min {
                Some(n) => (n, n),
                None => return self.element(),
            }
        };
        let node = Box::new(self.element()?);
        Ok(Node::Rep { min, max, node })
    }

    fn element(&mut self) -> Result<Node, String> {
        match self.peek() {
            Some(b'(') => self.group(b')'),
            Some(b'[') => Ok(Node::Rep {
                min: 0,
                max: 1,
                node: Box::new(self.group(b']')?),
            }),
            Some(b'"') => self.string(false),
            Some(b'%') => match self.text.get(self.pos + 1) {
                Some(b's' | b'S') => {
                    self.pos += 2;
                    self.string(true)
                }
                Some(b'i' | b'I') => {
                    self.pos += 2;
                    self.string(false)
                }
                _ => self.numeric(),
            },
            Some(b) if b.is_ascii_alphabetic() => self.reference(),
            Some(b) => Err(format!("unexpected `{}`", b as char)),
            None => Err("unexpected end of rule".into()),
        }
    }

    fn group(&mut self, close: u8) -> Result<Node, String> {
        self.pos += 1;
        let node = self.alternation()?;
        self.space();
        if self.peek() != Some(close) {
            return Err(format!("expected `{}`", close as char));
        }
        self.pos += 1;
        Ok(node)
    }

    fn string(&mut self, exact: bool) -> Result<Node, String> {
        if self.peek() != Some(b'"') {
            return Err("expected `\"`".into());
        }
        let start = self.pos + 1;
        let len = self.text[start..]
            .iter()
            .position(|&b| b == b'"')
            .ok_or("unterminated string")?;
        self.pos = start + len + 1;
        let bytes = self.text[start..start + len].to_vec();
        // A string without letters is the same either way.
        let exact = exact && bytes.iter().any(u8::is_ascii_alphabetic);
        Ok(Node::Lit { bytes, exact })
    }

    /// `%x41`, `%x41-5A`, `%x0D.0A` (and `%d`, `%b`).
    fn numeric(&mut self) -> Result<Node, String> {
        let radix = match self.text.get(self.pos + 1) {
            Some(b'x' | b'X') => 16,
            Some(b'd' | b'D') => 10,
            Some(b'b' | b'B') => 2,
            _ => return Err("expected `%x`, `%d`, `%b`, `%s` or `%i`".into()),
        };
        self.pos += 2;
        let first = self.byte_value(radix)?;
        match self.peek() {
            Some(b'-') => {
                self.pos += 1;
                Ok(Node::Range(first, self.byte_value(radix)?))
            }
            Some(b'.') => {
                let mut bytes = vec![first];
                while self.peek() == Some(b'.') {
                    self.pos += 1;
                    bytes.push(self.byte_value(radix)?);
                }
                Ok(Node::Lit { bytes, exact: true })
            }
            _ => Ok(Node::Range(first, first)),
        }
    }

    fn byte_value(&mut self, radix: u32) -> Result<u8, String> {
        let start = self.pos;
        while self.peek().is_some_and(|b| (b as char).is_digit(radix)) {
            self.pos += 1;
        }
        let digits = std::str::from_utf8(&self.text[start..self.pos]).unwrap_or("");
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(|v| u8::try_from(v).ok())
            .ok_or_else(|| format!("`{digits}` is not a byte value"))
    }

    fn reference(&mut self) -> Result<Node, String> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            self.pos += 1;
        }
        let name = std::str::from_utf8(&self.text[start..self.pos]).unwrap_or("");
        let key = name.to_ascii_lowercase();
        match (self.natives.get(&key), self.index.get(&key)) {
            (Some(&n), _) => Ok(Node::Native(n)),
            (None, Some(&r)) => Ok(Node::Rule(r)),
            (None, None) => Err(format!("`{name}` is not defined")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_of_rfc_5234() {
        let g = Grammar::read(
            "a = 2*3\"x\" / %s\"Y\" [ b ] ; comment\n  / ( %x41-5A %x0D.0A )\nb = *DIGIT n\nDIGIT = %x30-39\n",
            &["n"],
        )
        .unwrap();
        assert_eq!(g.rule("A"), Some(0));
        assert!(matches!(&g.rules[0], Node::Alt(a) if a.len() == 3));
        assert!(matches!(&g.rules[1], Node::Seq(s) if matches!(s[1], Node::Native(0))));
    }

    #[test]
    fn errors_name_the_line() {
        let e = Grammar::read("a = b\n", &[]).err().unwrap().to_string();
        assert_eq!(e, "line 1: rule `a`: `b` is not defined");
        let e = Grammar::read("a = \"x\"\n\na = \"y\"\n", &[])
            .err()
            .unwrap()
            .to_string();
        assert_eq!(e, "line 3: rule `a` is defined twice");
        let e = Grammar::read("a = ( \"x\"\n", &[])
            .err()
            .unwrap()
            .to_string();
        assert_eq!(e, "line 1: rule `a`: expected `)`");
        let e = Grammar::read("a = %x100\n", &[]).err().unwrap().to_string();
        assert_eq!(e, "line 1: rule `a`: `100` is not a byte value");
    }
}
