//! Binding a parsed query to the model at the type its URL addresses:
//! names exist (inherited ones, and derived ones through casts), navigation
//! is expandable, operands compare, literals fit their property, enum
//! literals are members, and what the metadata's capability annotations
//! and a supplied operator table allow. Every problem names its byte range.

use graph_model_csdl::csdl::raw::Annotation;
use graph_model_csdl::model::suggest::closest;
use graph_model_csdl::model::{Model, Primitive, Target, TypeId, TypeKind, TypeRef};

use super::ast::*;
use super::functions::{self, Kind};
use super::restrictions::{Capabilities, Restrictions};
use super::QueryError;

/// A query that binds to a type: what [`super::eval`] runs.
#[derive(Clone, Debug)]
pub struct Bound<'m> {
    /// The model it was bound against.
    pub model: &'m Model,
    /// The addressed type (the element type for a collection).
    pub ty: TypeId,
    /// Whether the URL addresses a collection.
    pub collection: bool,
    /// The query.
    pub query: Query,
    /// Capability warnings (the metadata says the service does not support
    /// something the query uses).
    pub warnings: Vec<QueryError>,
}

/// The type of an expression, as far as binding knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprType {
    /// An Edm primitive (type definitions are their underlying type).
    Primitive(Primitive),
    /// An enum type.
    Enum(TypeId),
    /// An entity or complex type.
    Structured(TypeId),
    /// A collection.
    Collection(Box<ExprType>),
    /// `null`.
    Null,
    /// Not known: an open type's undeclared property, `Edm.Untyped`, an
    /// alias, a type missing from the model.
    Unknown,
}

/// Binds `query` to `ty` (a collection of it when `collection`). `Err`:
/// every error, in text order; warnings alone do not fail binding.
pub fn bind<'m>(
    model: &'m Model,
    ty: TypeId,
    collection: bool,
    query: Query,
    restrictions: &Restrictions,
) -> Result<Bound<'m>, Vec<QueryError>> {
    let mut b = Binder {
        model,
        restrictions,
        findings: Vec::new(),
        scope: Vec::new(),
        ignore_case: query.dialect.case_insensitive,
    };
    b.query(&query, ty, collection, &[]);
    let mut findings = b.findings;
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    let (errors, warnings): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|f| f.severity == super::Severity::Error);
    if errors.is_empty() {
        Ok(Bound {
            model,
            ty,
            collection,
            query,
            warnings,
        })
    } else {
        Err(errors)
    }
}

struct Binder<'m, 'r> {
    model: &'m Model,
    restrictions: &'r Restrictions,
    findings: Vec<QueryError>,
    /// `$it` first, then lambda variables, innermost last.
    scope: Vec<(String, ExprType)>,
    /// Names match ignoring case (Graph), with a warning.
    ignore_case: bool,
}

/// A resolved path: its type, and the property it ends in with the type
/// it was reached on (for operator tables).
struct PathEnd {
    ty: ExprType,
    property: Option<(TypeId, String)>,
}

impl<'m> Binder<'m, '_> {
    fn error(&mut self, span: &Span, message: impl Into<String>) -> QueryError {
        QueryError::new(span.clone(), message)
    }

    fn push(&mut self, e: QueryError) {
        self.findings.push(e);
    }

    fn name(&self, id: TypeId) -> String {
        self.model.get(id).name.to_string()
    }

    fn display(&self, t: &ExprType) -> String {
        match t {
            ExprType::Primitive(p) => format!("Edm.{p:?}"),
            ExprType::Enum(id) | ExprType::Structured(id) => self.name(*id),
            ExprType::Collection(inner) => format!("Collection({})", self.display(inner)),
            ExprType::Null => "null".into(),
            ExprType::Unknown => "a value of unknown type".into(),
        }
    }

    fn of_ref(&self, r: &TypeRef) -> ExprType {
        let single = match &r.target {
            Target::Primitive(p) => ExprType::Primitive(*p),
            Target::Named(id) => match &self.model.get(*id).kind {
                TypeKind::Structured(_) => ExprType::Structured(*id),
                TypeKind::Enum(_) => ExprType::Enum(*id),
                TypeKind::Definition(d) => ExprType::Primitive(d.underlying),
            },
            Target::Unresolved(_) => ExprType::Unknown,
        };
        if r.collection {
            ExprType::Collection(Box::new(single))
        } else {
            single
        }
    }

    // ------------------------------------------------------------ options

    fn query(&mut self, q: &Query, ty: TypeId, collection: bool, via: &[Annotation]) {
        let caps = Capabilities::of(self.model, ty, via);
        let type_name = self.name(ty);
        let refused =
            |what: &str| format!("the metadata says `{type_name}` does not support {what}");
        let single = |opt: &str| {
            format!("`{opt}` applies to collections; this addresses a single `{type_name}`")
        };
        if let Some(f) = &q.filter {
            if caps.filterable == Some(false) {
                let w = self.error(&f.span, refused("`$filter`")).warning();
                self.push(w);
            }
            if !collection {
                let e = self.error(&f.span, single("$filter"));
                self.push(e);
            }
            self.scope.push(("$it".into(), ExprType::Structured(ty)));
            let t = self.expr(f, &caps);
            self.scope.pop();
            if !matches!(
                t,
                ExprType::Primitive(Primitive::Boolean) | ExprType::Null | ExprType::Unknown
            ) {
                let e = self.error(
                    &f.span,
                    format!(
                        "`$filter` must be true or false; this is {}",
                        self.display(&t)
                    ),
                );
                self.push(e);
            }
        }
        for (i, o) in q.orderby.iter().enumerate() {
            if i == 0 && caps.sortable == Some(false) {
                let w = self.error(&o.expr.span, refused("`$orderby`")).warning();
                self.push(w);
            }
            if i == 0 && !collection {
                let e = self.error(&o.expr.span, single("$orderby"));
                self.push(e);
            }
            self.scope.push(("$it".into(), ExprType::Structured(ty)));
            let end = match &o.expr.kind {
                ExprKind::Path { root, segments } => {
                    self.path(root.as_ref(), segments, &o.expr.span)
                }
                _ => Some(PathEnd {
                    ty: self.expr(&o.expr, &caps),
                    property: None,
                }),
            };
            self.scope.pop();
            let Some(end) = end else { continue };
            if let Some((host, p)) = &end.property {
                if caps.non_sortable.iter().any(|n| n == p) {
                    let w = self
                        .error(
                            &o.expr.span,
                            format!("the metadata says `{p}` cannot be sorted by"),
                        )
                        .warning();
                    self.push(w);
                }
                self.check_sortable(*host, p, &o.expr.span);
            }
            if matches!(end.ty, ExprType::Structured(_) | ExprType::Collection(_)) {
                let e = self.error(
                    &o.expr.span,
                    format!(
                        "`$orderby` sorts by single primitive values; this is {}",
                        self.display(&end.ty)
                    ),
                );
                self.push(e);
            }
        }
        if let Some(first) = q.select.first() {
            if caps.selectable == Some(false) {
                let w = self.error(&first.span, refused("`$select`")).warning();
                self.push(w);
            }
        }
        for s in &q.select {
            self.select(s, ty);
        }
        if let Some(first) = q.expand.first() {
            if caps.expandable == Some(false) {
                let w = self.error(&first.span, refused("`$expand`")).warning();
                self.push(w);
            }
        }
        for e in &q.expand {
            self.expand(e, ty, &caps);
        }
        for (opt, n, supported) in [("$top", &q.top, caps.top), ("$skip", &q.skip, caps.skip)] {
            if let Some(n) = n {
                if supported == Some(false) {
                    let w = self.error(&n.span, refused(&format!("`{opt}`"))).warning();
                    self.push(w);
                }
                if !collection {
                    let e = self.error(&n.span, single(opt));
                    self.push(e);
                }
            }
        }
        if let Some((true, span)) = &q.count {
            if caps.countable == Some(false) {
                let w = self.error(span, refused("`$count`")).warning();
                self.push(w);
            }
            if !collection {
                let e = self.error(span, single("$count"));
                self.push(e);
            }
        }
        if let Some((_, span)) = &q.search {
            if caps.searchable == Some(false) {
                let w = self.error(span, refused("`$search`")).warning();
                self.push(w);
            }
        }
        for (_, e) in &q.aliases {
            self.scope.push(("$it".into(), ExprType::Structured(ty)));
            self.expr(e, &caps);
            self.scope.pop();
        }
    }

    fn check_sortable(&mut self, host: TypeId, property: &str, span: &Span) {
        let host_name = self.name(host);
        let Some(table) = self.restrictions.table(&host_name) else {
            return;
        };
        let sortable: Vec<&str> = table
            .iter()
            .filter(|(_, o)| o.sortable)
            .map(|(n, _)| n.as_str())
            .collect();
        if !table.get(property).is_some_and(|o| o.sortable) {
            let e = self.error(
                span,
                format!(
                    "`{property}` cannot be sorted by on `{host_name}` (sortable: {})",
                    sortable.join(", ")
                ),
            );
            self.push(e);
        }
    }

    fn select(&mut self, s: &SelectItem, ty: TypeId) {
        let mut cur = ty;
        for (i, seg) in s.path.iter().enumerate() {
            if seg.is_cast() {
                match self.cast(cur, seg) {
                    Some(t) => cur = t,
                    None => return,
                }
                continue;
            }
            if seg.name.ends_with(".*") || seg.name == "*" {
                return;
            }
            let last = i + 1 == s.path.len();
            match self.member(cur, seg) {
                Some((ExprType::Structured(t), _)) if !last => cur = t,
                Some((ExprType::Collection(inner), _)) if !last => match *inner {
                    ExprType::Structured(t) => cur = t,
                    _ => return,
                },
                Some(_) if last => return,
                Some((t, _)) => {
                    let e = self.error(
                        &seg.span,
                        format!(
                            "`{}` is {}: nothing can be selected inside it",
                            seg.name,
                            self.display(&t)
                        ),
                    );
                    self.push(e);
                    return;
                }
                None => return,
            }
        }
    }

    fn expand(&mut self, item: &ExpandItem, ty: TypeId, caps: &Capabilities) {
        if item.path.is_empty() {
            return; // `*`
        }
        let mut cur = ty;
        for (i, seg) in item.path.iter().enumerate() {
            if seg.is_cast() {
                match self.cast(cur, seg) {
                    Some(t) => cur = t,
                    None => return,
                }
                continue;
            }
            let last = i + 1 == item.path.len();
            let navs = self.model.navigation(cur);
            let mut nav = navs
                .iter()
                .find(|(n, _)| n.name == seg.name)
                .map(|(n, _)| *n);
            if nav.is_none() && self.ignore_case {
                nav = navs
                    .iter()
                    .find(|(n, _)| n.name.eq_ignore_ascii_case(&seg.name))
                    .map(|(n, _)| *n);
                if let Some(n) = nav {
                    let w = self
                        .error(
                            &seg.span,
                            format!(
                                "`{}` is `{}` in the model; Graph matches names ignoring case",
                                seg.name, n.name
                            ),
                        )
                        .warning();
                    self.push(w);
                }
            }
            match nav {
                Some(n) if last => {
                    if caps.non_expandable.contains(&seg.name) {
                        let w = self
                            .error(
                                &seg.span,
                                format!("the metadata says `{}` cannot be expanded", seg.name),
                            )
                            .warning();
                        self.push(w);
                    }
                    let Target::Named(target) = n.ty.target else {
                        return;
                    };
                    if item.suffix.is_some() && !item.options.expand.is_empty() {
                        let e = self.error(
                            &item.options.expand[0].span,
                            "`$ref` and `$count` expand no properties: nested `$expand` is not allowed",
                        );
                        self.push(e);
                    }
                    let annotations = n.annotations.clone();
                    self.query(&item.options, target, n.ty.collection, &annotations);
                    return;
                }
                Some(n) => match n.ty.target {
                    Target::Named(t) => cur = t,
                    _ => return,
                },
                None if self.declared(cur, &seg.name).is_none() => {
                    let hint = self.nav_hint(cur, &seg.name);
                    let e = self
                        .error(
                            &seg.span,
                            format!(
                                "`{}` is not a navigation property of `{}`",
                                seg.name,
                                self.name(cur)
                            ),
                        )
                        .suggest(hint.as_deref());
                    self.push(e);
                    return;
                }
                None => {
                    // A complex property on the way (`address/x`) is fine;
                    // a structural property at the end is not navigation.
                    match self.member(cur, seg) {
                        Some((ExprType::Structured(t), _)) if !last => cur = t,
                        Some((t, _)) => {
                            let hint = self.nav_hint(cur, &seg.name);
                            let e = self
                                .error(
                                    &seg.span,
                                    format!(
                                        "`{}` is {}, not a navigation property: only navigation properties can be expanded",
                                        seg.name,
                                        self.display(&t)
                                    ),
                                )
                                .suggest(hint.as_deref());
                            self.push(e);
                            return;
                        }
                        None => return,
                    }
                }
            }
        }
    }

    /// A type cast segment: a type derived from `cur` (or `cur` itself).
    fn cast(&mut self, cur: TypeId, seg: &Segment) -> Option<TypeId> {
        let t = self.lookup_type(&seg.name, &seg.span)?;
        if t != cur && !self.model.base_chain(t).contains(&cur) {
            let e = self.error(
                &seg.span,
                format!(
                    "`{}` does not derive from `{}`: the cast can never match",
                    seg.name,
                    self.name(cur)
                ),
            );
            self.push(e);
            return None;
        }
        Some(t)
    }

    /// A property or navigation property of `ty` by name; reports it when
    /// missing (with the nearest name, or the derived type that has it).
    fn member(&mut self, ty: TypeId, seg: &Segment) -> Option<(ExprType, bool)> {
        if let Some(found) = self.declared(ty, &seg.name) {
            return Some(found);
        }
        if self.ignore_case {
            if let Some((name, found)) = self.declared_ignoring_case(ty, &seg.name) {
                let w = self
                    .error(
                        &seg.span,
                        format!(
                            "`{}` is `{name}` in the model; Graph matches names ignoring case",
                            seg.name
                        ),
                    )
                    .warning();
                self.push(w);
                return Some(found);
            }
        }
        let s = self.model.get(ty).structured();
        if s.is_some_and(|s| s.open_type) {
            return Some((ExprType::Unknown, false));
        }
        let names = self.member_names(ty);
        let mut message = format!("`{}` is not a property of `{}`", seg.name, self.name(ty));
        let derived = self.model.derived_transitive(ty).into_iter().find(|d| {
            self.model
                .properties(*d)
                .iter()
                .any(|p| p.property.name == seg.name)
                || self
                    .model
                    .navigation(*d)
                    .iter()
                    .any(|(n, _)| n.name == seg.name)
        });
        if let Some(d) = derived {
            let d = self.name(d);
            message.push_str(&format!("; `{d}` has it: cast first (`{d}/{}`)", seg.name));
        }
        let hint = closest(&seg.name, names.iter().map(String::as_str)).map(str::to_string);
        let e = self.error(&seg.span, message).suggest(hint.as_deref());
        self.push(e);
        None
    }

    /// A named type; in Graph's dialect also ignoring case (a warning).
    fn lookup_type(&mut self, name: &str, span: &Span) -> Option<TypeId> {
        if let Some(t) = self.model.lookup(name) {
            return Some(t);
        }
        let full = self.model.full_name(name);
        let folded = self
            .ignore_case
            .then(|| {
                self.model.ids().find(|id| {
                    self.model
                        .get(*id)
                        .name
                        .to_string()
                        .eq_ignore_ascii_case(&full)
                })
            })
            .flatten();
        match folded {
            Some(t) => {
                let message = format!(
                    "`{name}` is `{}` in the model; Graph matches names ignoring case",
                    self.name(t)
                );
                let w = self.error(span, message).warning();
                self.push(w);
                Some(t)
            }
            None => {
                let e = self.error(span, format!("no type `{name}` in the model"));
                self.push(e);
                None
            }
        }
    }

    /// A declared property (`false`) or navigation property (`true`).
    fn declared(&self, ty: TypeId, name: &str) -> Option<(ExprType, bool)> {
        if let Some(p) = self
            .model
            .properties(ty)
            .into_iter()
            .find(|p| p.property.name == name)
        {
            return Some((self.of_ref(&p.property.ty), false));
        }
        self.model
            .navigation(ty)
            .into_iter()
            .find(|(n, _)| n.name == name)
            .map(|(n, _)| (self.of_ref(&n.ty), true))
    }

    /// The navigation property of `ty` nearest to `name`, or its only one.
    fn nav_hint(&self, ty: TypeId, name: &str) -> Option<String> {
        let navs: Vec<String> = self
            .model
            .navigation(ty)
            .iter()
            .map(|(n, _)| n.name.clone())
            .collect();
        closest(name, navs.iter().map(String::as_str))
            .map(str::to_string)
            .or_else(|| (navs.len() == 1).then(|| navs[0].clone()))
    }

    /// The names of `ty`'s properties and navigation properties, inherited first.
    fn member_names(&self, ty: TypeId) -> Vec<String> {
        let properties = self.model.properties(ty);
        let navigation = self.model.navigation(ty);
        properties
            .iter()
            .map(|p| p.property.name.clone())
            .chain(navigation.iter().map(|(n, _)| n.name.clone()))
            .collect()
    }

    /// [`Self::declared`] ignoring case: the declared name and the member.
    fn declared_ignoring_case(&self, ty: TypeId, name: &str) -> Option<(String, (ExprType, bool))> {
        let names = self.member_names(ty);
        let exact = names.into_iter().find(|n| n.eq_ignore_ascii_case(name))?;
        let found = self.declared(ty, &exact)?;
        Some((exact, found))
    }

    // -------------------------------------------------------- expressions

    fn path(
        &mut self,
        root: Option<&Segment>,
        segments: &[Segment],
        span: &Span,
    ) -> Option<PathEnd> {
        let mut segs = segments;
        let mut cur = match root {
            Some(r) if r.name == "$root" => {
                return Some(PathEnd {
                    ty: ExprType::Unknown,
                    property: None,
                })
            }
            Some(r) => {
                let it = if r.name == "$it" {
                    self.scope.first()
                } else {
                    self.scope.last()
                };
                it.map_or(ExprType::Unknown, |(_, t)| t.clone())
            }
            None => {
                // A lambda variable, or a member of `$it`.
                match segs
                    .first()
                    .and_then(|f| self.scope.iter().skip(1).rev().find(|(v, _)| *v == f.name))
                {
                    Some((_, t)) => {
                        let t = t.clone();
                        segs = &segs[1..];
                        t
                    }
                    None => self
                        .scope
                        .first()
                        .map_or(ExprType::Unknown, |(_, t)| t.clone()),
                }
            }
        };
        let mut property = None;
        for (i, seg) in segs.iter().enumerate() {
            if seg.name == "$count" {
                if !matches!(cur, ExprType::Collection(_) | ExprType::Unknown) {
                    let e = self.error(
                        &seg.span,
                        format!(
                            "`$count` counts a collection; this is {}",
                            self.display(&cur)
                        ),
                    );
                    self.push(e);
                    return None;
                }
                cur = ExprType::Primitive(Primitive::Int64);
                property = None;
                continue;
            }
            let host = match &cur {
                ExprType::Structured(t) => *t,
                ExprType::Unknown => {
                    return Some(PathEnd {
                        ty: ExprType::Unknown,
                        property: None,
                    })
                }
                ExprType::Collection(_) => {
                    let prev = if i == 0 {
                        "the value".to_string()
                    } else {
                        format!("`{}`", segs[i - 1].name)
                    };
                    let e = self.error(
                        &seg.span,
                        format!(
                            "{prev} is a collection: reach its members with `any`/`all` (`{}/any(x: x/{} …)`)",
                            segs[..i].iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join("/"),
                            seg.name
                        ),
                    );
                    self.push(e);
                    return None;
                }
                other => {
                    let e = self.error(
                        &seg.span,
                        format!("{} has no properties", self.display(other)),
                    );
                    self.push(e);
                    return None;
                }
            };
            if seg.is_cast() {
                cur = ExprType::Structured(self.cast(host, seg)?);
                property = None;
                continue;
            }
            let (t, _) = self.member(host, seg)?;
            property = Some((host, seg.name.clone()));
            cur = t;
        }
        let _ = span;
        Some(PathEnd { ty: cur, property })
    }

    fn expr(&mut self, e: &Expr, caps: &Capabilities) -> ExprType {
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

    fn expect_boolean(&mut self, t: &ExprType, span: &Span, what: &str) {
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
    fn operand(&mut self, e: &Expr, caps: &Capabilities) -> (ExprType, Option<(TypeId, String)>) {
        match &e.kind {
            ExprKind::Path { root, segments } => self
                .path(root.as_ref(), segments, &e.span)
                .map_or((ExprType::Unknown, None), |p| (p.ty, p.property)),
            _ => (self.expr(e, caps), None),
        }
    }

    fn binary(&mut self, op: BinaryOp, l: &Expr, r: &Expr, caps: &Capabilities) -> ExprType {
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
    fn check_operator(
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
    fn compare(&mut self, lt: &ExprType, l: &Expr, rt: &ExprType, r: &Expr, op: &str) {
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
    fn literal_fits(&mut self, decl: &ExprType, value: &Literal, span: &Span) -> bool {
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

    fn members(&mut self, id: TypeId, written: &str, span: &Span) {
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
            let known = names.contains(&part)
                || part
                    .parse::<i64>()
                    .is_ok_and(|v| en.members.iter().any(|m| m.value == v));
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

    fn call(&mut self, name: &str, args: &[Expr], span: &Span, caps: &Capabilities) -> ExprType {
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
