//! Laying out expressions and types the way rustfmt does with its default
//! configuration, for the few shapes generated code has: calls,
//! tuples, arrays, generic arguments. Rendering is formatted by
//! construction, so generation needs neither a token tree nor a formatter;
//! tests compare the output with what rustfmt makes of it to keep this
//! honest.
//!
//! Every layout returns `None` when it does not fit its [`Shape`], as
//! rustfmt's rewrites do: the caller then tries the next layout.

/// rustfmt's `max_width`.
pub const MAX_WIDTH: usize = 100;
/// rustfmt's `fn_call_width`: call arguments and tuples on one line up to this.
const FN_CALL_WIDTH: usize = 60;
/// rustfmt's `array_width`.
const ARRAY_WIDTH: usize = 60;
/// rustfmt's `short_array_element_width_threshold`: lists of simple items
/// this short are filled line by line instead of one per line.
const SHORT_ITEM: usize = 10;
/// One level of indentation.
pub const TAB: usize = 4;

/// Where a piece of code goes: the block indent its continuation lines nest
/// from, the column it starts at, and the columns left on its first line
/// (after whatever must follow it on its last line).
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub indent: usize,
    pub offset: usize,
    pub width: usize,
}

impl Shape {
    /// A line of its own at `indent`.
    pub fn block(indent: usize) -> Shape {
        Shape {
            indent,
            offset: indent,
            width: MAX_WIDTH.saturating_sub(indent),
        }
    }

    /// `n` columns fewer at the end.
    pub fn sub_width(self, n: usize) -> Option<Shape> {
        Some(Shape {
            width: self.width.checked_sub(n)?,
            ..self
        })
    }

    /// Starting `n` columns further right.
    pub fn offset_left(self, n: usize) -> Option<Shape> {
        Some(Shape {
            offset: self.offset + n,
            width: self.width.checked_sub(n)?,
            ..self
        })
    }

    /// What must follow on the last line (a `,` or `;`).
    fn overhead(self) -> usize {
        MAX_WIDTH.saturating_sub(self.offset + self.width)
    }

    /// A line of its own one level in, keeping what must follow on the last
    /// line (a right-hand side or a call moved to the next line).
    fn next_line(self) -> Shape {
        let indent = self.indent + TAB;
        Shape {
            indent,
            offset: indent,
            width: MAX_WIDTH.saturating_sub(indent + self.overhead()),
        }
    }

    /// The shape of items one level in, each followed by a separator.
    fn nested(self) -> Shape {
        let indent = self.indent + TAB;
        Shape {
            indent,
            offset: indent,
            width: MAX_WIDTH.saturating_sub(indent + 1),
        }
    }
}

/// An expression or a type, as far as its layout goes.
#[derive(Clone, Debug)]
pub enum Expr {
    /// Text that is never broken: a literal, a path, `&mut self.x`. `simple`
    /// as rustfmt's "simple expression" (a literal, a one-segment path,
    /// and references or fields of those).
    Atom { text: String, simple: bool },
    /// `base<args>`, or `base::<args>` with `turbofish`.
    Generic {
        base: String,
        args: Vec<Expr>,
        turbofish: bool,
    },
    /// `callee(args)`.
    Call { callee: Box<Expr>, args: Vec<Expr> },
    /// `(items)`.
    Tuple(Vec<Expr>),
    /// `&[items]`.
    ArrayRef(Vec<Expr>),
    /// `&mut [items]`.
    ArrayMut(Vec<Expr>),
}

/// Text that is never broken.
pub fn atom(text: impl Into<String>) -> Expr {
    let text = text.into();
    let simple = is_simple(&text);
    Expr::Atom { text, simple }
}

/// rustfmt's simple expressions among atoms: literals, one-segment paths,
/// and `&`/`&mut`/field access on those.
fn is_simple(text: &str) -> bool {
    let t = text
        .strip_prefix("&mut ")
        .or_else(|| text.strip_prefix('&'))
        .unwrap_or(text);
    if t.starts_with('"') || t.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        return true;
    }
    !t.contains("::") && !t.contains(['(', '<', '['])
}

/// `callee(args)`.
pub fn call(callee: impl Into<String>, args: Vec<Expr>) -> Expr {
    Expr::Call {
        callee: Box::new(atom(callee)),
        args,
    }
}

/// `base<args>`; just `base` without arguments.
pub fn generic(base: impl Into<String>, args: Vec<Expr>) -> Expr {
    let base = base.into();
    if args.is_empty() {
        return atom(base);
    }
    Expr::Generic {
        base,
        args,
        turbofish: false,
    }
}

/// `base::<args>`.
pub fn turbofish(base: impl Into<String>, args: Vec<Expr>) -> Expr {
    Expr::Generic {
        base: base.into(),
        args,
        turbofish: true,
    }
}

impl Expr {
    /// The expression on one line.
    pub fn flat(&self) -> String {
        let mut out = String::new();
        self.write_flat(&mut out);
        out
    }

    fn write_flat(&self, out: &mut String) {
        fn list(out: &mut String, items: &[Expr]) {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                item.write_flat(out);
            }
        }
        match self {
            Expr::Atom { text, .. } => out.push_str(text),
            Expr::Generic {
                base,
                args,
                turbofish,
            } => {
                out.push_str(base);
                out.push_str(if *turbofish { "::<" } else { "<" });
                list(out, args);
                out.push('>');
            }
            Expr::Call { callee, args } => {
                callee.write_flat(out);
                out.push('(');
                list(out, args);
                out.push(')');
            }
            Expr::Tuple(items) => {
                out.push('(');
                list(out, items);
                out.push(')');
            }
            Expr::ArrayRef(items) => {
                out.push_str("&[");
                list(out, items);
                out.push(']');
            }
            Expr::ArrayMut(items) => {
                out.push_str("&mut [");
                list(out, items);
                out.push(']');
            }
        }
    }

    fn is_simple(&self) -> bool {
        matches!(self, Expr::Atom { simple: true, .. })
    }

    /// Whether this is delimited (a call, tuple or array):
    /// rustfmt lets such an expression open on the line of the list it is
    /// the only item of and close on that list's last line, and lets a
    /// match arm keep it on the arrow's line when it breaks.
    fn delimited(&self) -> bool {
        match self {
            Expr::Call { .. } | Expr::Tuple(_) | Expr::ArrayRef(_) | Expr::ArrayMut(_) => true,
            Expr::Atom { .. } | Expr::Generic { .. } => false,
        }
    }

    /// The expression laid out in `shape`, or `None` when it cannot fit.
    pub fn rewrite(&self, shape: Shape) -> Option<String> {
        self.rw(shape, Fit::Strict)
    }

    /// The expression laid out in `shape` as if text too long for its line
    /// (a long string literal) fitted: where rustfmt gives up, it keeps the
    /// code as written, and this is how it is written then.
    pub fn rewrite_overflowing(&self, shape: Shape) -> String {
        let wide = Shape {
            width: shape.width.max(1),
            ..shape
        };
        self.rw(wide, Fit::Overflow).unwrap_or_else(|| self.flat())
    }

    fn rw(&self, shape: Shape, fit: Fit) -> Option<String> {
        match self {
            Expr::Atom { text, .. } => {
                (fit == Fit::Overflow || width(text) <= shape.width).then(|| text.clone())
            }
            Expr::Generic {
                base,
                args,
                turbofish,
            } => {
                let open = if *turbofish { "::<" } else { "<" };
                let prefix = format!("{base}{open}");
                if fit == Fit::Strict && width(&prefix) > shape.width {
                    return None;
                }
                list(&prefix, ">", args, shape, MAX_WIDTH, fit)
            }
            Expr::Call { callee, args } => {
                let callee = callee.rw(shape, fit)?;
                list(&format!("{callee}("), ")", args, shape, FN_CALL_WIDTH, fit)
            }
            Expr::Tuple(items) => list("(", ")", items, shape, FN_CALL_WIDTH, fit),
            Expr::ArrayRef(items) => list("&[", "]", items, shape, ARRAY_WIDTH, fit),
            Expr::ArrayMut(items) => list("&mut [", "]", items, shape, ARRAY_WIDTH, fit),
        }
    }
}

/// Whether text longer than its line fails a layout (rustfmt's rule) or is
/// taken as it is (how code rustfmt gives up on is written).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fit {
    Strict,
    Overflow,
}

/// Width in columns (every character one column: generated code is ASCII
/// except inside string literals of names).
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

fn first_line_width(text: &str) -> usize {
    width(text.split('\n').next().unwrap_or(""))
}

fn last_line_width(text: &str) -> usize {
    width(text.rsplit('\n').next().unwrap_or(""))
}

/// `prefix` (ending in the opening delimiter, possibly several lines),
/// the items, `close`: on one line when they fit (within `limit` for more
/// than one item), else filled line by line when all are short and simple,
/// else one per line.
fn list(
    prefix: &str,
    close: &str,
    items: &[Expr],
    shape: Shape,
    limit: usize,
    fit: Fit,
) -> Option<String> {
    let used = if prefix.contains('\n') {
        last_line_width(prefix).saturating_sub(shape.indent)
    } else {
        width(prefix)
    };
    // The columns left between the delimiters on the first line.
    let one_line = shape.width.saturating_sub(used + close.len());
    let nested = shape.nested();
    let rewrites = items
        .iter()
        .map(|item| item.rw(nested, fit))
        .collect::<Option<Vec<String>>>()?;
    let multi_line = rewrites.iter().any(|r| r.contains('\n'));
    let total: usize =
        rewrites.iter().map(|r| width(r)).sum::<usize>() + 2 * rewrites.len().saturating_sub(1);
    let horizontal = if rewrites.is_empty() {
        used + close.len() <= shape.width
    } else if rewrites.len() == 1 {
        !multi_line && total <= one_line
    } else {
        !multi_line && total <= one_line.min(limit)
    };
    let mut out = String::from(prefix);
    if !horizontal && items.len() == 1 && items[0].delimited() {
        // A single call, tuple or array opens on this line and closes on
        // the last: `&[(` ... `)]`.
        let shape = Shape {
            indent: shape.indent,
            offset: shape.offset + used,
            width: one_line,
        };
        if let Some(r) = items[0].rw(shape, fit) {
            if first_line_width(&r) <= one_line {
                out.push_str(&r);
                out.push_str(close);
                return Some(out);
            }
        }
    }
    if horizontal {
        out.push_str(&rewrites.join(", "));
        out.push_str(close);
        return Some(out);
    }
    let pad = " ".repeat(nested.indent);
    let mixed =
        items.iter().all(Expr::is_simple) && rewrites.iter().all(|r| width(r) <= SHORT_ITEM);
    if rewrites.is_empty() {
        // Empty delimiters that do not fit: the closing one on the next line.
    } else if mixed {
        let mut line = 0;
        for (i, r) in rewrites.iter().enumerate() {
            // The last item's comma is not counted (rustfmt's rule).
            let w = width(r) + usize::from(i + 1 < rewrites.len());
            if line == 0 || line + 1 + w > nested.width {
                out.push('\n');
                out.push_str(&pad);
                line = 0;
            } else {
                out.push(' ');
                line += 1;
            }
            out.push_str(r);
            out.push(',');
            line += w;
        }
    } else {
        for r in &rewrites {
            out.push('\n');
            out.push_str(&pad);
            out.push_str(r);
            out.push(',');
        }
    }
    out.push('\n');
    out.push_str(&" ".repeat(shape.indent));
    out.push_str(close);
    Some(out)
}

/// rustfmt's choice between a right-hand side on the same line (`same`) and
/// on the next line (`next`), both already laid out.
pub fn prefer_next_line(same: &str, next: &str) -> bool {
    let newlines = |s: &str| s.matches('\n').count();
    let first_ends = |s: &str, c: char| s.split('\n').next().unwrap_or("").ends_with(c);
    !next.contains('\n')
        || newlines(same) > newlines(next) + 1
        || ['(', '{', '[']
            .iter()
            .any(|&c| first_ends(same, c) && !first_ends(next, c))
}

/// `lhs rhs` (an assignment, a constant, a field's type): on the same line
/// when it fits there, else on the next line one level in, as rustfmt
/// chooses. `shape` is the statement's, without what follows it. When
/// neither fits, laid out as if long text fitted.
pub fn assign(lhs: &str, rhs: &Expr, shape: Shape) -> String {
    assign_fit(lhs, rhs, shape, Fit::Strict)
        .or_else(|| assign_fit(lhs, rhs, shape, Fit::Overflow))
        .unwrap_or_else(|| format!("{lhs} {}", rhs.flat()))
}

fn assign_fit(lhs: &str, rhs: &Expr, shape: Shape, fit: Fit) -> Option<String> {
    let same_shape = shape.offset_left(width(lhs) + 1);
    let same = same_shape.and_then(|s| rhs.rw(s, fit));
    if let (Some(s), Some(shape)) = (&same, same_shape) {
        if !s.contains('\n') && (fit == Fit::Overflow || width(s) <= shape.width) {
            return Some(format!("{lhs} {s}"));
        }
    }
    let next_shape = shape.next_line();
    let next = rhs.rw(next_shape, fit);
    let pad = " ".repeat(next_shape.indent);
    match (same, next) {
        (Some(s), Some(n)) if !n.lines().all(|l| width(l) <= MAX_WIDTH) => {
            Some(format!("{lhs} {s}"))
        }
        (Some(s), Some(n)) if prefer_next_line(&s, &n) => Some(format!("{lhs}\n{pad}{n}")),
        (None, Some(n)) => Some(format!("{lhs}\n{pad}{n}")),
        (None, None) => None,
        (Some(s), _) => Some(format!("{lhs} {s}")),
    }
}

/// A match arm's body where rustfmt puts it: `Same` on the arrow's line, or
/// `Block` on the next lines in braces. `shape` is the arm's (its indent),
/// `pat` its pattern.
pub enum ArmBody {
    Same(String),
    Block(String),
}

/// Lays out `pat => body`; when nothing fits, as if long text fitted.
pub fn arm(pat: &str, body: &Expr, indent: usize) -> ArmBody {
    arm_fit(pat, body, indent, Fit::Strict)
        .or_else(|| arm_fit(pat, body, indent, Fit::Overflow))
        .unwrap_or_else(|| ArmBody::Same(body.flat()))
}

fn arm_fit(pat: &str, body: &Expr, indent: usize, fit: Fit) -> Option<ArmBody> {
    let offset = indent + width(pat) + 4;
    let same_shape = Shape {
        indent,
        offset,
        // `,` after the body.
        width: MAX_WIDTH.saturating_sub(offset + 1),
    };
    let same = body.rw(same_shape, fit);
    if let Some(s) = &same {
        if !s.contains('\n') && (fit == Fit::Overflow || width(s) <= same_shape.width) {
            return same.map(ArmBody::Same);
        }
    }
    let next = body.rw(Shape::block(indent + TAB), fit);
    Some(match (same, next) {
        (Some(s), Some(n)) if prefer_next_line(&s, &n) => ArmBody::Block(n),
        (Some(s), _) if body.delimited() && first_line_width(&s) <= same_shape.width => {
            ArmBody::Same(s)
        }
        (Some(s), Some(n)) if s.contains('\n') => ArmBody::Block(n),
        (None, Some(n)) => ArmBody::Block(n),
        (Some(s), _) => ArmBody::Same(s),
        (None, None) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_break_one_argument_per_line_and_fill_short_simple_ones() {
        let c = call(
            "f",
            vec![
                atom("aaaaaaaaaaaaaaaaaaaaa"),
                atom("bbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
            ],
        );
        assert_eq!(c.rewrite(Shape::block(0)).unwrap(), c.flat());
        let narrow = Shape {
            width: 30,
            ..Shape::block(4)
        };
        assert_eq!(
            c.rewrite(narrow).unwrap(),
            "f(\n        aaaaaaaaaaaaaaaaaaaaa,\n        bbbbbbbbbbbbbbbbbbbbbbbbbbbb,\n    )"
        );
        let short = call("f", vec![atom("model"), atom("text"), atom("mode")]);
        assert_eq!(
            short
                .rewrite(Shape {
                    width: 10,
                    ..Shape::block(0)
                })
                .unwrap(),
            "f(\n    model, text, mode,\n)"
        );
        // More than `fn_call_width` of arguments break even when the line has room.
        let long = call("f", vec![atom("a".repeat(40)), atom("b".repeat(30))]);
        assert!(long.rewrite(Shape::block(0)).unwrap().contains('\n'));
        assert_eq!(atom("x".repeat(101)).rewrite(Shape::block(0)), None);
    }

    #[test]
    fn the_right_hand_side_moves_to_the_next_line_when_that_keeps_it_whole() {
        let lit = atom(format!("\"{}\"", "n".repeat(70)));
        let out = assign(
            "const TYPE_NAME: &'static str =",
            &lit,
            Shape::block(4).sub_width(1).unwrap(),
        );
        assert_eq!(
            out,
            format!("const TYPE_NAME: &'static str =\n        {}", lit.flat())
        );
    }
}
