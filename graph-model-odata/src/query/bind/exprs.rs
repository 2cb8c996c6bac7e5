//! Expressions: operands compare, operators are allowed, literals fit
//! their property, enum literals are members, functions get the argument
//! types they take.

use graph_model_csdl::model::suggest::closest;
use graph_model_csdl::model::{Primitive, TypeId, TypeKind};

use super::super::ast::*;
use super::super::functions::{self, Kind};
use super::super::restrictions::Capabilities;
use super::{Binder, ExprType};

impl Binder<'_, '_> {
    pub(super) fn expr(&mut self, e: &Expr, caps: &Capabilities) -> ExprType {
        match &e.kind {
            ExprKind::Literal(l) => literal_type(l),
            ExprKind::Path { .. } => self.operand(e, caps).0,
            ExprKind::Alias(_) | ExprKind::TypeName(_) => ExprType::Unknown,
            ExprKind::Lambda {
                collection, body, ..
            } => {
                let ct = self.expr(collection, caps);
                let elem = match ct {
                    ExprType::Collection(inner) => *inner,
                    ExprType::Unknown => ExprType::Unknown,
                    other => {
                        let err = self.error(
                            &collection.span,
                            format!(
                                "`any` and `all` need a collection; this is {}",
                                self.display(&other)
                            ),
                        );
                        self.push(err);
                        ExprType::Unknown
                    }
                };
                if let Some((var, body)) = body {
                    self.scope.push((var.name.clone(), elem));
                    let bt = self.expr(body, caps);
                    self.scope.pop();
                    self.expect_boolean(&bt, &body.span, "a lambda's predicate");
                }
                ExprType::Primitive(Primitive::Boolean)
            }
            ExprKind::Unary(UnaryOp::Not, inner) => {
                let t = self.expr(inner, caps);
                self.expect_boolean(&t, &inner.span, "`not`");
                ExprType::Primitive(Primitive::Boolean)
            }
            ExprKind::Unary(UnaryOp::Negate, inner) => {
                let t = self.expr(inner, caps);
                if !is_numeric(&t)
                    && !matches!(
                        t,
                        ExprType::Primitive(Primitive::Duration)
                            | ExprType::Unknown
                            | ExprType::Null
                    )
                {
                    let err = self.error(
                        &inner.span,
                        format!(
                            "`-` negates numbers and durations; this is {}",
                            self.display(&t)
                        ),
                    );
                    self.push(err);
                }
                t
            }
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, caps),
            ExprKind::In(l, items) => {
                let (lt, property) = self.operand(l, caps);
                self.check_operator(l, property, "in", BinaryOp::Eq, caps);
                for item in items {
                    let it = self.expr(item, caps);
                    self.compare(&lt, l, &it, item, "in");
                }
                ExprType::Primitive(Primitive::Boolean)
            }
            ExprKind::Call(name, args) => self.call(name, args, &e.span, caps),
        }
    }

    pub(super) fn expect_boolean(&mut self, t: &ExprType, span: &Span, what: &str) {
        if !matches!(
            t,
            ExprType::Primitive(Primitive::Boolean) | ExprType::Null | ExprType::Unknown
        ) {
            let e = self.error(
                span,
                format!("{what} needs true or false; this is {}", self.display(t)),
            );
            self.push(e);
        }
    }

    /// An operand's type and, for a property path, the property it ends in
    /// with the type it was reached on (what operator tables are keyed by).
    pub(super) fn operand(
        &mut self,
        e: &Expr,
        caps: &Capabilities,
    ) -> (ExprType, Option<(TypeId, String)>) {
        match &e.kind {
            ExprKind::Path { root, segments } => self
                .path(root.as_ref(), segments, &e.span)
                .map_or((ExprType::Unknown, None), |p| (p.ty, p.property)),
            _ => (self.expr(e, caps), None),
        }
    }

    pub(super) fn binary(
        &mut self,
        op: BinaryOp,
        l: &Expr,
        r: &Expr,
        caps: &Capabilities,
    ) -> ExprType {
        let (lt, l_property) = self.operand(l, caps);
        let (rt, r_property) = self.operand(r, caps);
        let name = op.name();
        match op {
            BinaryOp::And | BinaryOp::Or => {
                self.expect_boolean(&lt, &l.span, &format!("`{name}`"));
                self.expect_boolean(&rt, &r.span, &format!("`{name}`"));
                ExprType::Primitive(Primitive::Boolean)
            }
            BinaryOp::Has => {
                if !matches!(lt, ExprType::Enum(_) | ExprType::Unknown) {
                    let e = self.error(
                        &l.span,
                        format!(
                            "`has` tests the flags of an enum value; this is {}",
                            self.display(&lt)
                        ),
                    );
                    self.push(e);
                }
                self.compare(&lt, l, &rt, r, name);
                ExprType::Primitive(Primitive::Boolean)
            }
            _ if op.is_comparison() => {
                self.check_operator(l, l_property, name, op, caps);
                self.check_operator(r, r_property, name, op, caps);
                if !matches!(op, BinaryOp::Eq | BinaryOp::Ne) {
                    for (t, side) in [(&lt, l), (&rt, r)] {
                        if matches!(t, ExprType::Primitive(Primitive::Boolean)) {
                            let e = self.error(
                                &side.span,
                                format!("`{name}` orders values; true and false have no order"),
                            );
                            self.push(e);
                        }
                    }
                }
                self.compare(&lt, l, &rt, r, name);
                ExprType::Primitive(Primitive::Boolean)
            }
            _ => {
                for (t, side) in [(&lt, l), (&rt, r)] {
                    let temporal = matches!(op, BinaryOp::Add | BinaryOp::Sub)
                        && matches!(
                            t,
                            ExprType::Primitive(
                                Primitive::DateTimeOffset | Primitive::Date | Primitive::Duration
                            )
                        );
                    if !is_numeric(t)
                        && !temporal
                        && !matches!(t, ExprType::Unknown | ExprType::Null)
                    {
                        let e = self.error(
                            &side.span,
                            format!(
                                "`{name}` computes with numbers; this is {}",
                                self.display(t)
                            ),
                        );
                        self.push(e);
                    }
                }
                if is_numeric(&lt) {
                    lt
                } else {
                    rt
                }
            }
        }
    }

    /// An operator table's verdict on `side` (a property path) with `op`.
    pub(super) fn check_operator(
        &mut self,
        side: &Expr,
        property: Option<(TypeId, String)>,
        written: &str,
        op: BinaryOp,
        caps: &Capabilities,
    ) {
        let Some((host, p)) = property else {
            return;
        };
        if caps.non_filterable.contains(&p) {
            let w = self
                .error(
                    &side.span,
                    format!("the metadata says `{p}` cannot be filtered on"),
                )
                .warning();
            self.push(w);
        }
        let host_name = self.name(host);
        let Some(table) = self.restrictions.table(&host_name) else {
            return;
        };
        match table.get(&p) {
            None => {
                let listed: Vec<&str> = table
                    .iter()
                    .filter(|(_, o)| !o.filter.is_empty())
                    .map(|(n, _)| n.as_str())
                    .collect();
                let e = self.error(
                    &side.span,
                    format!(
                        "`{p}` cannot be filtered on for `{host_name}` (filterable: {})",
                        listed.join(", ")
                    ),
                );
                self.push(e);
            }
            Some(ops) if !ops.filter.contains(&op) => {
                let allowed: Vec<&str> = ops.filter.iter().map(|o| o.name()).collect();
                let e = self.error(
                    &side.span,
                    format!(
                        "`{written}` is not allowed on `{p}` (allowed: {})",
                        allowed.join(", ")
                    ),
                );
                self.push(e);
            }
            Some(_) => {}
        }
    }

    /// Two operands of a comparison: same kind of value, literals fit.
    pub(super) fn compare(&mut self, lt: &ExprType, l: &Expr, rt: &ExprType, r: &Expr, op: &str) {
        for (decl, lit) in [(lt, r), (rt, l)] {
            if let ExprKind::Literal(value) = &lit.kind {
                if self.literal_fits(decl, value, &lit.span) {
                    return;
                }
            }
        }
        if !comparable(lt, rt) {
            let e = self.error(
                &(l.span.start..r.span.end),
                format!(
                    "`{op}` cannot compare {} with {}",
                    self.display(lt),
                    self.display(rt)
                ),
            );
            self.push(e);
        }
    }

    /// Checks a literal against the declared type of the other operand.
    /// `true` when it was judged here (reported or fine).
    pub(super) fn literal_fits(&mut self, decl: &ExprType, value: &Literal, span: &Span) -> bool {
        use Primitive as P;
        match (decl, value) {
            (_, Literal::Null) | (ExprType::Unknown, _) => true,
            (ExprType::Primitive(p), Literal::Integer(text)) if int_range(*p).is_some() => {
                let (lo, hi) = int_range(*p).unwrap_or_default();
                let fits = text.parse::<i128>().is_ok_and(|v| (lo..=hi).contains(&v));
                if !fits {
                    let e = self.error(
                        span,
                        format!("`{text}` does not fit Edm.{p:?} ({lo} to {hi})"),
                    );
                    self.push(e);
                }
                true
            }
            (ExprType::Enum(id), Literal::String(members)) => {
                self.members(*id, members, span);
                true
            }
            (ExprType::Enum(id), Literal::Enum { type_name, members }) => {
                match self.model.lookup(type_name) {
                    Some(t) if t == *id => self.members(*id, members, span),
                    _ => {
                        let e = self.error(
                            span,
                            format!(
                                "`{type_name}` is not the property's enum type `{}`",
                                self.name(*id)
                            ),
                        );
                        self.push(e);
                    }
                }
                true
            }
            (
                ExprType::Primitive(
                    p @ (P::DateTimeOffset | P::Date | P::TimeOfDay | P::Guid | P::Duration),
                ),
                Literal::String(s),
            ) => {
                let e = self.error(
                    span,
                    format!(
                        "a string cannot stand for Edm.{p:?}: write the value without quotes{}",
                        match p {
                            P::Duration => format!(" as duration'{s}'"),
                            _ => format!(" ({s})"),
                        }
                    ),
                );
                self.push(e);
                true
            }
            (ExprType::Primitive(P::String), Literal::Guid(g)) => {
                let e = self.error(
                    span,
                    format!("a Guid literal cannot stand for Edm.String: quote it ('{g}')"),
                );
                self.push(e);
                true
            }
            _ => false,
        }
    }

    pub(super) fn members(&mut self, id: TypeId, written: &str, span: &Span) {
        let Some(en) = self.model.get(id).as_enum() else {
            return;
        };
        let names: Vec<&str> = en.members.iter().map(|m| m.name.as_str()).collect();
        let parts: Vec<&str> = written.split(',').map(str::trim).collect();
        if parts.len() > 1 && !en.is_flags {
            let e = self.error(
                span,
                format!("`{}` is not a flags enum: one member only", self.name(id)),
            );
            self.push(e);
        }
        for part in parts {
            let index = en.members.iter().position(|m| m.name == part).or_else(|| {
                let v = part.parse::<i64>().ok()?;
                en.members.iter().position(|m| m.value == v)
            });
            let known = index.is_some();
            let prefer = self.restrictions.includes_unknown_enum_members();
            if let (Some(i), false) = (index, prefer) {
                if en.is_evolvable(i) {
                    let e = self.error(
                        span,
                        format!(
                            "`{}` of `{}` is evolvable (after `unknownFutureValue`): a query may name it only with `Prefer: include-unknown-enum-members`, or Graph answers 400 Bad Request",
                            en.members[i].name,
                            self.name(id)
                        ),
                    );
                    self.push(e);
                }
            }
            let folded = names.iter().find(|n| n.eq_ignore_ascii_case(part));
            if let (false, true, Some(name)) = (known, self.ignore_case, folded) {
                let w = self
                    .error(
                        span,
                        format!(
                            "`{part}` is `{name}` in `{}`; Graph matches members ignoring case",
                            self.name(id)
                        ),
                    )
                    .warning();
                self.push(w);
            } else if !known {
                let hint = closest(part, names.iter().copied()).map(str::to_string);
                let e = self
                    .error(
                        span,
                        format!("`{part}` is not a member of `{}`", self.name(id)),
                    )
                    .suggest(hint.as_deref());
                self.push(e);
            }
        }
    }

    pub(super) fn call(
        &mut self,
        name: &str,
        args: &[Expr],
        span: &Span,
        caps: &Capabilities,
    ) -> ExprType {
        let Some(f) = functions::find(name) else {
            return ExprType::Unknown;
        };
        if matches!(name, "cast" | "isof") {
            let (value, ty) = match args {
                [t] => (None, t),
                [v, t] => (Some(v), t),
                _ => return ExprType::Unknown,
            };
            if let Some(v) = value {
                self.expr(v, caps);
            }
            let t = match &ty.kind {
                ExprKind::TypeName(t) => t,
                // OData 2 wrote the type as a string; Graph still takes it.
                ExprKind::Literal(Literal::String(t)) => {
                    let message =
                        format!("`{name}` takes a type name, not a string: `{name}({t})`");
                    let e = self.error(&ty.span, message);
                    self.push(if self.ignore_case { e.warning() } else { e });
                    t
                }
                _ => return ExprType::Unknown,
            };
            let target = if let Some(p) = t.strip_prefix("Edm.").and_then(Primitive::from_edm) {
                ExprType::Primitive(p)
            } else if let Some(id) = self.lookup_type(t, &ty.span) {
                match self.model.get(id).kind {
                    TypeKind::Structured(_) => ExprType::Structured(id),
                    TypeKind::Enum(_) => ExprType::Enum(id),
                    TypeKind::Definition(ref d) => ExprType::Primitive(d.underlying),
                }
            } else {
                ExprType::Unknown
            };
            return if name == "isof" {
                ExprType::Primitive(Primitive::Boolean)
            } else {
                target
            };
        }
        let mut first = ExprType::Unknown;
        for (i, (arg, kind)) in args.iter().zip(f.params).enumerate() {
            let t = self.expr(arg, caps);
            if i == 0 {
                first = t.clone();
            }
            if !fits_kind(&t, *kind) {
                let e = self.error(
                    &arg.span,
                    format!(
                        "`{name}` takes {} as argument {}; this is {}",
                        kind_name(*kind),
                        i + 1,
                        self.display(&t)
                    ),
                );
                self.push(e);
            }
        }
        let _ = span;
        match f.returns {
            Kind::String => ExprType::Primitive(Primitive::String),
            Kind::Boolean => ExprType::Primitive(Primitive::Boolean),
            Kind::Integer => ExprType::Primitive(Primitive::Int32),
            Kind::Decimal => ExprType::Primitive(Primitive::Decimal),
            Kind::DateTimeOffset => ExprType::Primitive(Primitive::DateTimeOffset),
            Kind::Date => ExprType::Primitive(Primitive::Date),
            Kind::TimeOfDay => ExprType::Primitive(Primitive::TimeOfDay),
            Kind::Number => first,
            _ => ExprType::Unknown,
        }
    }
}

fn literal_type(l: &Literal) -> ExprType {
    use Primitive as P;
    let p = match l {
        Literal::Null => return ExprType::Null,
        Literal::Enum { .. } | Literal::Geo(_) => return ExprType::Unknown,
        Literal::Boolean(_) => P::Boolean,
        Literal::Integer(_) => P::Int64,
        Literal::Decimal(_) => P::Decimal,
        Literal::String(_) => P::String,
        Literal::Guid(_) => P::Guid,
        Literal::Date(_) => P::Date,
        Literal::DateTimeOffset(_) => P::DateTimeOffset,
        Literal::TimeOfDay(_) => P::TimeOfDay,
        Literal::Duration(_) => P::Duration,
        Literal::Binary(_) => P::Binary,
    };
    ExprType::Primitive(p)
}

fn is_numeric(t: &ExprType) -> bool {
    use Primitive as P;
    matches!(
        t,
        ExprType::Primitive(
            P::Byte
                | P::SByte
                | P::Int16
                | P::Int32
                | P::Int64
                | P::Single
                | P::Double
                | P::Decimal
        )
    )
}

fn int_range(p: Primitive) -> Option<(i128, i128)> {
    use Primitive as P;
    Some(match p {
        P::Byte => (0, 255),
        P::SByte => (-128, 127),
        P::Int16 => (i16::MIN.into(), i16::MAX.into()),
        P::Int32 => (i32::MIN.into(), i32::MAX.into()),
        P::Int64 => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}

/// Whether values of two types can be compared.
fn comparable(a: &ExprType, b: &ExprType) -> bool {
    use ExprType as T;
    match (a, b) {
        (T::Null | T::Unknown, _) | (_, T::Null | T::Unknown) => true,
        _ if is_numeric(a) && is_numeric(b) => true,
        (T::Enum(x), T::Enum(y)) => x == y,
        (T::Enum(_), T::Primitive(Primitive::String))
        | (T::Primitive(Primitive::String), T::Enum(_)) => true,
        (T::Primitive(x), T::Primitive(y)) => x == y,
        _ => false,
    }
}

fn fits_kind(t: &ExprType, k: Kind) -> bool {
    use Primitive as P;
    if matches!(t, ExprType::Unknown | ExprType::Null) {
        return true;
    }
    match k {
        Kind::Any | Kind::Type => true,
        Kind::String => matches!(t, ExprType::Primitive(P::String) | ExprType::Enum(_)),
        Kind::Boolean => matches!(t, ExprType::Primitive(P::Boolean)),
        Kind::Integer | Kind::Decimal | Kind::Number => is_numeric(t),
        Kind::Temporal => matches!(
            t,
            ExprType::Primitive(P::DateTimeOffset | P::Date | P::TimeOfDay)
        ),
        Kind::DateTimeOffset => matches!(t, ExprType::Primitive(P::DateTimeOffset)),
        Kind::Date => matches!(t, ExprType::Primitive(P::Date)),
        Kind::TimeOfDay => matches!(t, ExprType::Primitive(P::TimeOfDay)),
        Kind::Duration => matches!(t, ExprType::Primitive(P::Duration)),
        Kind::Collection => matches!(t, ExprType::Collection(_)),
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::String => "a string",
        Kind::Boolean => "true or false",
        Kind::Integer => "an integer",
        Kind::Decimal | Kind::Number => "a number",
        Kind::Temporal => "a date, time or date-time",
        Kind::DateTimeOffset => "a date-time",
        Kind::Date => "a date",
        Kind::TimeOfDay => "a time of day",
        Kind::Duration => "a duration",
        Kind::Collection => "a collection",
        Kind::Type => "a type name",
        Kind::Any => "a value",
    }
}
