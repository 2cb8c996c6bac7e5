//! A query written back in canonical form: system options in a fixed order,
//! single spaces, lower-case keywords, the fewest parentheses that keep the
//! meaning, and percent-encoding of exactly what a query value must encode.

use std::fmt::Write as _;

use super::ast::*;

impl Query {
    /// The query string (without `?`), canonical and percent-encoded:
    /// `$filter`, `$select`, `$expand`, `$orderby`, `$top`, `$skip`,
    /// `$count`, `$search`, `$format`, then aliases, custom options and
    /// server tokens in the order given. Parsing it gives the same query.
    pub fn to_canonical(&self) -> String {
        self.options()
            .into_iter()
            .map(|(name, value)| format!("{}={}", encode(&name), encode(&value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The options as decoded `(name, value)` pairs, in canonical order.
    pub fn options(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(f) = &self.filter {
            out.push(("$filter".into(), expr(f)));
        }
        if !self.select.is_empty() {
            out.push(("$select".into(), list(&self.select, select_item)));
        }
        if !self.expand.is_empty() {
            out.push(("$expand".into(), list(&self.expand, expand_item)));
        }
        if !self.orderby.is_empty() {
            out.push(("$orderby".into(), list(&self.orderby, orderby_item)));
        }
        if let Some(n) = &self.top {
            out.push(("$top".into(), n.value.to_string()));
        }
        if let Some(n) = &self.skip {
            out.push(("$skip".into(), n.value.to_string()));
        }
        if let Some((c, _)) = &self.count {
            out.push(("$count".into(), c.to_string()));
        }
        if let Some(n) = &self.levels {
            let v = if n.value == u64::MAX {
                "max".to_string()
            } else {
                n.value.to_string()
            };
            out.push(("$levels".into(), v));
        }
        if let Some((s, _)) = &self.search {
            out.push(("$search".into(), s.clone()));
        }
        if let Some((s, _)) = &self.format {
            out.push(("$format".into(), s.clone()));
        }
        for (name, e) in &self.aliases {
            out.push((format!("@{name}"), expr(e)));
        }
        for (name, value, _) in self.custom.iter().chain(&self.tokens) {
            out.push((name.clone(), value.clone()));
        }
        out
    }
}

fn list<T>(items: &[T], f: fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(",")
}

fn path(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join("/")
}

fn select_item(s: &SelectItem) -> String {
    if s.path.is_empty() {
        "*".into()
    } else {
        path(&s.path)
    }
}

fn orderby_item(o: &OrderBy) -> String {
    let e = expr(&o.expr);
    if o.descending {
        format!("{e} desc")
    } else {
        e
    }
}

fn expand_item(e: &ExpandItem) -> String {
    let mut s = if e.path.is_empty() {
        "*".to_string()
    } else {
        path(&e.path)
    };
    match e.suffix {
        Some(ExpandSuffix::Ref) => s.push_str("/$ref"),
        Some(ExpandSuffix::Count) => s.push_str("/$count"),
        None => {}
    }
    let nested = e.options.options();
    if !nested.is_empty() {
        let inner: Vec<String> = nested.iter().map(|(n, v)| format!("{n}={v}")).collect();
        let _ = write!(s, "({})", inner.join(";"));
    }
    s
}

/// An expression as decoded text.
pub(crate) fn expr(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, e, 0);
    out
}

/// Writes `e`, in parentheses when it binds looser than `min`.
fn write_expr(out: &mut String, e: &Expr, min: u8) {
    match &e.kind {
        ExprKind::Literal(l) => out.push_str(&literal(l)),
        ExprKind::Path { root, segments } => {
            let mut parts: Vec<&str> = root.iter().map(|r| r.name.as_str()).collect();
            parts.extend(segments.iter().map(|s| s.name.as_str()));
            out.push_str(&parts.join("/"));
        }
        ExprKind::Lambda {
            collection,
            all,
            body,
        } => {
            write_expr(out, collection, 7);
            out.push_str(if *all { "/all(" } else { "/any(" });
            if let Some((var, body)) = body {
                out.push_str(&var.name);
                out.push(':');
                write_expr(out, body, 0);
            }
            out.push(')');
        }
        ExprKind::Alias(a) => {
            out.push('@');
            out.push_str(a);
        }
        ExprKind::TypeName(t) => out.push_str(t),
        ExprKind::Unary(op, inner) => {
            let paren = min > 7;
            if paren {
                out.push('(');
            }
            out.push_str(match op {
                UnaryOp::Negate => "-",
                UnaryOp::Not => "not ",
            });
            // `-(7)` is the negation of 7, `-7` a literal; `- -x` and
            // `-(-5)` keep their meaning only with parentheses too.
            let needs = matches!(inner.kind, ExprKind::Binary(..) | ExprKind::In(..))
                || matches!(
                    inner.kind,
                    ExprKind::Literal(Literal::Integer(_) | Literal::Decimal(_))
                )
                || matches!(inner.kind, ExprKind::Unary(UnaryOp::Negate, _));
            if needs {
                out.push('(');
                write_expr(out, inner, 0);
                out.push(')');
            } else {
                write_expr(out, inner, 7);
            }
            if paren {
                out.push(')');
            }
        }
        ExprKind::Binary(op, l, r) => {
            let p = op.precedence();
            let paren = p < min;
            if paren {
                out.push('(');
            }
            write_expr(out, l, p);
            let _ = write!(out, " {} ", op.name());
            // Left-associative: a right operand of equal strength needs parentheses.
            write_expr(out, r, p + 1);
            if paren {
                out.push(')');
            }
        }
        ExprKind::In(l, items) => {
            let paren = IN_PRECEDENCE < min;
            if paren {
                out.push('(');
            }
            // Left-associative, as the parser reads `a in (b) in (c)`: a left
            // operand of equal strength is written without parentheses (so
            // that a chain is no deeper canonically than as written).
            write_expr(out, l, IN_PRECEDENCE);
            out.push_str(" in (");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_expr(out, item, 0);
            }
            out.push(')');
            if paren {
                out.push(')');
            }
        }
        ExprKind::Call(name, args) => {
            out.push_str(name);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_expr(out, a, 0);
            }
            out.push(')');
        }
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::Null => "null".into(),
        Literal::Boolean(b) => b.to_string(),
        Literal::Integer(t)
        | Literal::Decimal(t)
        | Literal::Guid(t)
        | Literal::Date(t)
        | Literal::DateTimeOffset(t)
        | Literal::TimeOfDay(t)
        | Literal::Geo(t) => t.clone(),
        Literal::String(s) => quote(s),
        Literal::Duration(d) => format!("duration{}", quote(d)),
        Literal::Binary(b) => format!("binary{}", quote(b)),
        Literal::Enum { type_name, members } => format!("{type_name}{}", quote(members)),
    }
}

/// Percent-encodes a decoded option name or value: everything but the
/// unreserved characters and `!$()*,;:@/=` (which a query value may hold
/// as they are). `+` is encoded, so no reader can take it for a space, and
/// so is `'`, which URL parsers (WHATWG, the `url` crate) encode in the
/// query of an `https` URL: the canonical form is what they send.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$()*,;:@/=".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}
