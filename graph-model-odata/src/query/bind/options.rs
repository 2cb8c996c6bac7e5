//! Binding the query options at a type: `$filter`, `$orderby`, `$select`,
//! `$expand` (nested options at the navigation target), paging and count,
//! each against the capability annotations and the operator table.

use graph_model_csdl::csdl::raw::Annotation;
use graph_model_csdl::model::{Primitive, Target, TypeId};

use super::super::ast::*;
use super::super::restrictions::Capabilities;
use super::{Binder, ExprType, PathEnd};

impl Binder<'_, '_> {
    // ------------------------------------------------------------ options

    pub(super) fn query(&mut self, q: &Query, ty: TypeId, collection: bool, via: &[Annotation]) {
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

    pub(super) fn check_sortable(&mut self, host: TypeId, property: &str, span: &Span) {
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

    pub(super) fn select(&mut self, s: &SelectItem, ty: TypeId) {
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

    pub(super) fn expand(&mut self, item: &ExpandItem, ty: TypeId, caps: &Capabilities) {
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
}
