//! The expression parser: precedence climbing over the tokens of
//! [`super::lexer`], following the operator precedence of the OData URL
//! conventions (grouping, member and call, unary, multiplicative, additive,
//! relational with `has` and `in`, equality, `and`, `or`).

use super::ast::{BinaryOp, Expr, ExprKind, Literal, Segment, Span, UnaryOp, IN_PRECEDENCE};
use super::functions;
use super::lexer::{tokens, unquote, Tok, Token};
use super::source::Source;
use super::{Dialect, QueryError};

/// How deeply expressions may nest (parentheses, calls, lambdas, `not`).
pub const MAX_NESTING: usize = 100;

pub(crate) struct Parser<'a> {
    src: &'a Source,
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
    dialect: Dialect,
}

type Result<T> = std::result::Result<T, QueryError>;

impl<'a> Parser<'a> {
    /// A parser of `src.text[range]`.
    pub(crate) fn new(src: &'a Source, range: std::ops::Range<usize>, dialect: Dialect) -> Self {
        Self {
            src,
            toks: tokens(&src.text, range),
            pos: 0,
            depth: 0,
            dialect,
        }
    }

    /// A whole expression, then the end of the text.
    pub(crate) fn whole(mut self) -> Result<Expr> {
        let e = self.expr()?;
        self.end()?;
        Ok(e)
    }

    // ------------------------------------------------------------ tokens

    pub(crate) fn peek(&self) -> &Token {
        &self.toks[self.pos]
    }

    pub(crate) fn peek_at(&self, n: usize) -> &Token {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)]
    }

    pub(crate) fn next(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if t.tok != Tok::End {
            self.pos += 1;
        }
        t
    }

    pub(crate) fn text(&self, t: &Token) -> &'a str {
        &self.src.text[t.range.clone()]
    }

    pub(crate) fn span(&self, t: &Token) -> Span {
        self.src.span(t.range.clone())
    }

    fn join(a: &Span, b: &Span) -> Span {
        a.start..b.end
    }

    /// "expected …, found …" at the next token.
    pub(crate) fn expected(&self, what: &str) -> QueryError {
        let t = self.peek();
        let found = match t.tok {
            Tok::End => "the end of the text".to_string(),
            _ => format!("`{}`", self.text(t)),
        };
        QueryError::new(self.span(t), format!("expected {what}, found {found}"))
    }

    /// After an opening parenthesis: skips to its closing one (strings and
    /// nested parentheses included) and returns it.
    pub(crate) fn skip_to_close(&mut self) -> Result<Token> {
        let open = self.toks[self.pos.saturating_sub(1)].clone();
        let mut depth = 0usize;
        loop {
            let t = self.next();
            match t.tok {
                Tok::Open => depth += 1,
                Tok::Close if depth == 0 => return Ok(t),
                Tok::Close => depth -= 1,
                Tok::End => {
                    return Err(QueryError::new(
                        self.span(&open),
                        "this `(` is never closed",
                    ))
                }
                _ => {}
            }
        }
    }

    pub(crate) fn eat(&mut self, tok: Tok) -> Option<Token> {
        (self.peek().tok == tok).then(|| self.next())
    }

    pub(crate) fn expect(&mut self, tok: Tok, what: &str) -> Result<Token> {
        self.eat(tok).ok_or_else(|| self.expected(what))
    }

    pub(crate) fn end(&self) -> Result<()> {
        match self.peek().tok {
            Tok::End => Ok(()),
            Tok::Ident => Err(self.unknown_operator(self.peek())),
            _ => Err(self.expected("an operator or the end of the expression")),
        }
    }

    /// A keyword in the dialect's case rule.
    fn is_word(&self, t: &Token, word: &str) -> bool {
        t.tok == Tok::Ident && self.same(self.text(t), word)
    }

    fn same(&self, written: &str, word: &str) -> bool {
        if self.dialect.case_insensitive {
            written.eq_ignore_ascii_case(word)
        } else {
            written == word
        }
    }

    fn nest(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(QueryError::new(
                self.span(self.peek()),
                format!("the expression is nested more than {MAX_NESTING} levels deep"),
            ));
        }
        Ok(())
    }

    // ------------------------------------------------------- expressions

    pub(crate) fn expr(&mut self) -> Result<Expr> {
        self.binary(0)
    }

    fn binary(&mut self, min: u8) -> Result<Expr> {
        self.nest()?;
        let mut left = self.unary()?;
        loop {
            let t = self.peek().clone();
            if t.tok != Tok::Ident {
                break;
            }
            let word = self.text(&t);
            let lower = word.to_ascii_lowercase();
            let op = BinaryOp::from_name(&lower);
            let prec = match (op, lower.as_str()) {
                (Some(op), _) => op.precedence(),
                (None, "in") => IN_PRECEDENCE,
                // Not an operator: the caller decides (`asc`, or an error).
                _ => break,
            };
            if !self.same(word, &lower) {
                return Err(QueryError::new(
                    self.span(&t),
                    format!("operators are lower case: `{lower}`, not `{word}`"),
                ));
            }
            if prec <= min {
                break;
            }
            self.next();
            if !t.spaced || !self.peek().spaced {
                let at = if t.spaced {
                    self.peek().clone()
                } else {
                    t.clone()
                };
                return Err(QueryError::new(
                    self.span(&at),
                    format!("`{lower}` needs a space on each side"),
                ));
            }
            left = match op {
                Some(op) => {
                    let right = self.binary(prec)?;
                    let span = Self::join(&left.span, &right.span);
                    Expr {
                        kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
                        span,
                    }
                }
                None => {
                    let (items, end) = self.in_list()?;
                    let span = left.span.start..end;
                    Expr {
                        kind: ExprKind::In(Box::new(left), items),
                        span,
                    }
                }
            };
        }
        self.depth -= 1;
        Ok(left)
    }

    fn unknown_operator(&self, t: &Token) -> QueryError {
        let word = self.text(t);
        let names = BinaryOp::ALL.iter().map(|(_, n)| *n).chain(["in"]);
        let mut e = QueryError::new(
            self.span(t),
            format!("expected an operator such as `eq` or `and`, found `{word}`"),
        );
        if let Some(s) = graph_model_csdl::model::suggest::closest(word, names) {
            e.suggestion = Some(s.to_string());
        }
        e
    }

    /// The right side of `in`: `(a, b)`, `[a, b]`, or a path or alias.
    fn in_list(&mut self) -> Result<(Vec<Expr>, usize)> {
        let close = match self.peek().tok {
            Tok::Open => Tok::Close,
            Tok::Bracket('[') => Tok::Bracket(']'),
            _ => {
                let e = self.unary()?;
                let end = e.span.end;
                return Ok((vec![e], end));
            }
        };
        self.next();
        let mut items = vec![self.expr()?];
        while self.eat(Tok::Comma).is_some() {
            items.push(self.expr()?);
        }
        let t = self.expect(close, "`,` or the end of the list")?;
        Ok((items, self.span(&t).end))
    }

    fn unary(&mut self) -> Result<Expr> {
        let t = self.peek().clone();
        if t.tok == Tok::Minus {
            self.next();
            let n = self.peek().clone();
            if n.tok == Tok::Number && !n.spaced {
                self.next();
                let text = format!("-{}", self.text(&n));
                return Ok(Expr {
                    kind: ExprKind::Literal(number(text)),
                    span: Self::join(&self.span(&t), &self.span(&n)),
                });
            }
            return self.operand_of(UnaryOp::Negate, &t);
        }
        if self.is_word(&t, "not") && (self.peek_at(1).spaced || self.peek_at(1).tok == Tok::Open) {
            self.next();
            return self.operand_of(UnaryOp::Not, &t);
        }
        self.primary()
    }

    /// The operand of `-` or `not` (the token `op_token`, read already).
    /// An operand in parentheses counts its level once, in the group (so
    /// that `---x` and its canonical `-(-(-x))`, or `not -x` and `not
    /// (-x)`, are as deep); any other counts one here.
    fn operand_of(&mut self, op: UnaryOp, op_token: &Token) -> Result<Expr> {
        let grouped = self.peek().tok == Tok::Open;
        if !grouped {
            self.nest()?;
        }
        let inner = self.unary()?;
        if !grouped {
            self.depth -= 1;
        }
        let span = self.span(op_token).start..inner.span.end;
        Ok(Expr {
            kind: ExprKind::Unary(op, Box::new(inner)),
            span,
        })
    }

    fn primary(&mut self) -> Result<Expr> {
        let t = self.peek().clone();
        let span = self.span(&t);
        let text = self.text(&t);
        let lit = |l: Literal| {
            Ok(Expr {
                kind: ExprKind::Literal(l),
                span: span.clone(),
            })
        };
        match t.tok {
            Tok::Open => {
                self.next();
                let mut inner = self.expr()?;
                let close = self.expect(Tok::Close, "`)`")?;
                inner.span = span.start..self.span(&close).end;
                Ok(inner)
            }
            Tok::Unclosed => Err(QueryError::new(
                span,
                "the string is not closed: a `'` is missing",
            )),
            Tok::Str => {
                self.next();
                lit(Literal::String(unquote(text)))
            }
            Tok::Number => {
                self.next();
                lit(number(text.to_string()))
            }
            Tok::Guid => {
                self.next();
                lit(Literal::Guid(text.to_string()))
            }
            Tok::Date => {
                self.next();
                lit(Literal::Date(text.to_string()))
            }
            Tok::DateTimeOffset => {
                self.next();
                lit(Literal::DateTimeOffset(text.to_string()))
            }
            Tok::TimeOfDay => {
                self.next();
                lit(Literal::TimeOfDay(text.to_string()))
            }
            Tok::Alias => {
                self.next();
                if text.len() < 2 {
                    return Err(QueryError::new(span, "`@` must start an alias name"));
                }
                Ok(Expr {
                    kind: ExprKind::Alias(text[1..].to_string()),
                    span,
                })
            }
            Tok::Dollar => {
                self.next();
                match text {
                    "$it" | "$this" | "$root" => {
                        let root = Segment {
                            name: text.to_string(),
                            span,
                        };
                        self.path(Some(root), Vec::new())
                    }
                    _ => Err(QueryError::new(
                        span,
                        format!(
                            "`{text}` cannot start an expression (`$it`, `$this` or `$root` can)"
                        ),
                    )),
                }
            }
            Tok::Ident => self.name(t),
            _ => Err(self.expected("an expression")),
        }
    }

    /// An expression starting with a name: a literal keyword, a typed
    /// literal, a function call or a member path.
    fn name(&mut self, t: Token) -> Result<Expr> {
        let text = self.text(&t);
        let span = self.span(&t);
        self.next();
        let next = self.peek().clone();
        let lit = |l: Literal, end: &Span| Expr {
            kind: ExprKind::Literal(l),
            span: span.start..end.end,
        };
        if next.tok == Tok::Str && !next.spaced {
            self.next();
            let quoted = self.text(&next);
            let value = unquote(quoted);
            let end = self.span(&next);
            let l = match text.to_ascii_lowercase().as_str() {
                "duration" => Literal::Duration(value),
                "binary" => Literal::Binary(value),
                "geography" | "geometry" => Literal::Geo(format!("{text}{quoted}")),
                _ if text.contains('.') => Literal::Enum {
                    type_name: text.to_string(),
                    members: value,
                },
                _ => {
                    return Err(QueryError::new(
                        span.start..end.end,
                        format!("`{text}'…'` is no literal: an enum value needs its qualified type name (`namespace.{text}'…'`)"),
                    ))
                }
            };
            return Ok(lit(l, &end));
        }
        let lower = text.to_ascii_lowercase();
        match lower.as_str() {
            "true" | "false" => return Ok(lit(Literal::Boolean(lower == "true"), &span)),
            "null" if text == "null" => return Ok(lit(Literal::Null, &span)),
            _ if text == "INF" || text == "NaN" => {
                return Ok(lit(Literal::Decimal(text.to_string()), &span))
            }
            _ => {}
        }
        if next.tok == Tok::Open && !next.spaced && !text.contains('.') {
            return self.call(text, span);
        }
        let first = Segment {
            name: text.to_string(),
            span,
        };
        self.path(None, vec![first])
    }

    fn call(&mut self, written: &str, span: Span) -> Result<Expr> {
        let lower = written.to_ascii_lowercase();
        let Some(f) = functions::find(&lower) else {
            let mut e = QueryError::new(span, format!("unknown function `{written}`"));
            let names = functions::FUNCTIONS.iter().map(|f| f.name);
            e.suggestion =
                graph_model_csdl::model::suggest::closest(written, names).map(str::to_string);
            return Err(e);
        };
        if !self.same(written, f.name) {
            return Err(QueryError::new(
                span,
                format!(
                    "function names are lower case: `{}`, not `{written}`",
                    f.name
                ),
            ));
        }
        self.next(); // (
        self.nest()?;
        let mut args = Vec::new();
        if self.peek().tok != Tok::Close {
            loop {
                let typed = matches!(f.name, "cast" | "isof")
                    && (args.len() == 1 || self.type_name_follows());
                args.push(if typed {
                    self.type_name()?
                } else {
                    self.expr()?
                });
                if self.eat(Tok::Comma).is_none() {
                    break;
                }
            }
        }
        let close = self.expect(Tok::Close, "`,` or `)`")?;
        self.depth -= 1;
        let full = span.start..self.span(&close).end;
        if args.len() < f.min_args() || args.len() > f.params.len() {
            let n = if f.optional > 0 {
                format!("{} or {}", f.min_args(), f.params.len())
            } else {
                f.params.len().to_string()
            };
            return Err(QueryError::new(
                full,
                format!(
                    "`{}` takes {n} argument{}, not {}",
                    f.name,
                    if f.params.len() == 1 { "" } else { "s" },
                    args.len()
                ),
            ));
        }
        Ok(Expr {
            kind: ExprKind::Call(f.name.to_string(), args),
            span: full,
        })
    }

    /// `cast(T)` / `isof(T)`: a lone qualified name is the type.
    fn type_name_follows(&self) -> bool {
        let t = self.peek();
        t.tok == Tok::Ident
            && self.text(t).contains('.')
            && matches!(self.peek_at(1).tok, Tok::Close)
    }

    fn type_name(&mut self) -> Result<Expr> {
        let t = self.expect(Tok::Ident, "a qualified type name")?;
        let text = self.text(&t);
        if !text.contains('.') {
            return Err(QueryError::new(
                self.span(&t),
                format!("expected a qualified type name (`Edm.String`, `namespace.type`), found `{text}`"),
            ));
        }
        Ok(Expr {
            kind: ExprKind::TypeName(text.to_string()),
            span: self.span(&t),
        })
    }

    /// `a/b/ns.Cast/c`, `files/$count`, `files/any(f: ...)`.
    fn path(&mut self, root: Option<Segment>, mut segments: Vec<Segment>) -> Result<Expr> {
        let start = root
            .as_ref()
            .or(segments.first())
            .map_or(0, |s| s.span.start);
        while self.peek().tok == Tok::Slash && !self.peek_at(1).spaced {
            self.next();
            let t = self.peek().clone();
            let text = self.text(&t);
            let span = self.span(&t);
            match t.tok {
                Tok::Ident
                    if (self.same(text, "any") || self.same(text, "all"))
                        && self.peek_at(1).tok == Tok::Open =>
                {
                    self.next();
                    let all = self.same(text, "all");
                    let collection = Expr {
                        span: start..segments.last().map_or(start, |s| s.span.end),
                        kind: ExprKind::Path { root, segments },
                    };
                    return self.lambda(collection, all);
                }
                Tok::Ident => {
                    self.next();
                    segments.push(Segment {
                        name: text.to_string(),
                        span,
                    });
                }
                Tok::Dollar if text == "$count" => {
                    self.next();
                    segments.push(Segment {
                        name: text.to_string(),
                        span,
                    });
                    break;
                }
                _ => return Err(self.expected("a property name after `/`")),
            }
        }
        let end = segments
            .last()
            .or(root.as_ref())
            .map_or(start, |s| s.span.end);
        Ok(Expr {
            kind: ExprKind::Path { root, segments },
            span: start..end,
        })
    }

    fn lambda(&mut self, collection: Expr, all: bool) -> Result<Expr> {
        self.next(); // (
        self.nest()?;
        let body = if self.peek().tok == Tok::Close {
            if all {
                return Err(self.expected("a lambda variable (`all` needs a predicate)"));
            }
            None
        } else {
            let v = self.expect(Tok::Ident, "a lambda variable name")?;
            let var = Segment {
                name: self.text(&v).to_string(),
                span: self.span(&v),
            };
            self.expect(Tok::Colon, "`:` after the lambda variable")?;
            let body = self.expr()?;
            Some((var, Box::new(body)))
        };
        let close = self.expect(Tok::Close, "`)` closing the lambda")?;
        self.depth -= 1;
        let span = collection.span.start..self.span(&close).end;
        Ok(Expr {
            kind: ExprKind::Lambda {
                collection: Box::new(collection),
                all,
                body,
            },
            span,
        })
    }
}

fn number(text: String) -> Literal {
    if text.contains(['.', 'e', 'E']) {
        Literal::Decimal(text)
    } else {
        Literal::Integer(text)
    }
}
