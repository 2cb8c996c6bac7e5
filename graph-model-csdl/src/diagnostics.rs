//! Source positions and error collection.
//!
//! Every stage reports problems as [`Diagnostic`]s that carry a [`Span`]
//! (`file:line:col`). Problems are collected, never thrown at the first one.

use std::fmt;
use std::sync::Arc;

/// A position in a source file, 1-based line and column (columns count bytes).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file, as given to the reader.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in bytes).
    pub col: u32,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// Maps byte offsets of one file to line and column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    file: Arc<str>,
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(file: &str, text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            file: Arc::from(file),
            line_starts,
        }
    }

    /// The file name.
    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    /// The span of a byte offset.
    pub fn span(&self, offset: usize) -> Span {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let (line, col) = self.line_col(line, offset);
        Span {
            file: self.file.clone(),
            line,
            col,
        }
    }

    /// Line and column of `offset`, given how many lines start at or
    /// before it.
    fn line_col(&self, lines: usize, offset: usize) -> (u32, u32) {
        let start = self.line_starts[lines - 1];
        (lines as u32, (offset - start) as u32 + 1)
    }

    /// Line and column of increasing offsets, each found by moving forward
    /// from the last instead of searching the whole index.
    pub(crate) fn forward(&self) -> Forward<'_> {
        Forward {
            index: self,
            lines: 1,
        }
    }
}

/// [`LineIndex::forward`].
pub(crate) struct Forward<'a> {
    index: &'a LineIndex,
    /// How many lines start at or before the last offset located.
    lines: usize,
}

impl Forward<'_> {
    /// Line and column of `offset`, which is not before the last one.
    pub(crate) fn locate(&mut self, offset: usize) -> (u32, u32) {
        let starts = &self.index.line_starts;
        while starts.get(self.lines).is_some_and(|&s| s <= offset) {
            self.lines += 1;
        }
        self.index.line_col(self.lines, offset)
    }
}

/// How serious a diagnostic or finding is, in every crate of graph-model:
/// a model diagnostic, a validation finding, a query finding. Ordered
/// from least to most serious (`Warning < Error`), so the worst of a list
/// is its `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Reported; does not fail (a model still loads, even strictly; a
    /// payload or query still passes).
    Warning,
    /// Fails (a strict load, a validation, a query).
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem, with a stable machine-readable code and a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable kebab-case identifier, e.g. `unresolved-type`.
    pub code: &'static str,
    /// What is wrong, for a person.
    pub message: String,
    /// Where, when known.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: &'static str, span: Option<Span>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
        }
    }

    /// A warning.
    pub fn warning(code: &'static str, span: Option<Span>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            code,
            message: message.into(),
            span,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(span) = &self.span {
            write!(f, "{span}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

/// An ordered collection of diagnostics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds an error.
    pub fn error(&mut self, code: &'static str, span: Option<&Span>, msg: impl Into<String>) {
        self.push(Diagnostic::error(code, span.cloned(), msg));
    }

    /// Adds a warning.
    pub fn warning(&mut self, code: &'static str, span: Option<&Span>, msg: impl Into<String>) {
        self.push(Diagnostic::warning(code, span.cloned(), msg));
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// All diagnostics, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// Whether there is any error.
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by position so output is stable regardless of discovery order.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.span, a.severity, a.code, &a.message)
                .cmp(&(&b.span, b.severity, b.code, &b.message))
        });
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets() {
        let idx = LineIndex::new("a.xml", "ab\ncd\n\nx");
        assert_eq!(idx.span(0).to_string(), "a.xml:1:1");
        assert_eq!(idx.span(1).to_string(), "a.xml:1:2");
        assert_eq!(idx.span(3).to_string(), "a.xml:2:1");
        assert_eq!(idx.span(7).to_string(), "a.xml:4:1");
    }

    #[test]
    fn diagnostic_renders_like_a_compiler() {
        let idx = LineIndex::new("m.xml", "x\n  y");
        let d = Diagnostic::error("unresolved-type", Some(idx.span(4)), "no type `a.b`");
        assert_eq!(
            d.to_string(),
            "m.xml:2:3: error[unresolved-type]: no type `a.b`"
        );
    }
}
