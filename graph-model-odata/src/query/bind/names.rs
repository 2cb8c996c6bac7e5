//! Names and paths: members of a type (inherited, or behind a cast), type
//! names, navigation hints and "did you mean" suggestions.

use graph_model_csdl::model::suggest::closest;
use graph_model_csdl::model::{Primitive, TypeId};

use super::super::ast::*;
use super::{Binder, ExprType, PathEnd};

impl Binder<'_, '_> {
    /// A type cast segment: a type derived from `cur` (or `cur` itself).
    pub(super) fn cast(&mut self, cur: TypeId, seg: &Segment) -> Option<TypeId> {
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
    pub(super) fn member(&mut self, ty: TypeId, seg: &Segment) -> Option<(ExprType, bool)> {
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
    pub(super) fn lookup_type(&mut self, name: &str, span: &Span) -> Option<TypeId> {
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
    pub(super) fn declared(&self, ty: TypeId, name: &str) -> Option<(ExprType, bool)> {
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
    pub(super) fn nav_hint(&self, ty: TypeId, name: &str) -> Option<String> {
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
    pub(super) fn member_names(&self, ty: TypeId) -> Vec<String> {
        let properties = self.model.properties(ty);
        let navigation = self.model.navigation(ty);
        properties
            .iter()
            .map(|p| p.property.name.clone())
            .chain(navigation.iter().map(|(n, _)| n.name.clone()))
            .collect()
    }

    /// [`Self::declared`] ignoring case: the declared name and the member.
    pub(super) fn declared_ignoring_case(
        &self,
        ty: TypeId,
        name: &str,
    ) -> Option<(String, (ExprType, bool))> {
        let names = self.member_names(ty);
        let exact = names.into_iter().find(|n| n.eq_ignore_ascii_case(name))?;
        let found = self.declared(ty, &exact)?;
        Some((exact, found))
    }

    // -------------------------------------------------------- expressions

    pub(super) fn path(
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
}
