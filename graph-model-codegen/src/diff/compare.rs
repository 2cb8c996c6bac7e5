//! Walking two resolved models side by side: types by qualified name,
//! properties, navigation properties and enum members by name, entity sets
//! and singletons by name, operations by name and binding (and, for
//! functions, parameter names). A rename is a removal and an addition.

use std::collections::BTreeMap;

use super::rules::{self, Rule};
use super::Change;
use crate::model::{
    Deprecation, Documentation, EntitySet, Enum, Model, NavigationProperty, Operation, Property,
    Structured, TypeDef, TypeKind, TypeRef,
};
use crate::Span;

/// The changes from `old` to `new`, in a stable order (by subject, then
/// rule).
pub(super) fn changes(old: &Model, new: &Model) -> Vec<Change> {
    let mut cx = Cx {
        old,
        new,
        out: Vec::new(),
    };
    cx.types();
    cx.entity_sets();
    cx.operations();
    cx.external_capabilities();
    let mut out = cx.out;
    out.sort_by(|a, b| (&a.subject, a.rule.id).cmp(&(&b.subject, b.rule.id)));
    out
}

struct Cx<'m> {
    old: &'m Model,
    new: &'m Model,
    out: Vec<Change>,
}

/// A capability annotation: term, qualifier, value.
type Capability<'a> = (&'a str, Option<&'a str>, Option<&'a crate::csdl::raw::Expr>);

/// The `Org.OData.Capabilities.V1` annotations among `annotations`, sorted.
fn capabilities(annotations: &[crate::csdl::raw::Annotation]) -> Vec<Capability<'_>> {
    let mut out: Vec<Capability<'_>> = annotations
        .iter()
        .filter(|a| a.term.contains("Capabilities"))
        .map(|a| (a.term.as_str(), a.qualifier.as_deref(), a.value.as_ref()))
        .collect();
    out.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    out
}

/// Which capability terms were added, removed or changed.
fn capability_detail(old: &[Capability<'_>], new: &[Capability<'_>]) -> String {
    let short = |t: &str| t.rsplit('.').next().unwrap_or(t).to_string();
    let mut parts = Vec::new();
    for o in old {
        match new.iter().find(|n| (n.0, n.1) == (o.0, o.1)) {
            None => parts.push(format!("{} removed", short(o.0))),
            Some(n) if n.2 != o.2 => parts.push(format!("{} changed", short(o.0))),
            Some(_) => {}
        }
    }
    for n in new {
        if !old.iter().any(|o| (o.0, o.1) == (n.0, n.1)) {
            parts.push(format!("{} added", short(n.0)));
        }
    }
    parts.join(", ")
}

impl Cx<'_> {
    fn push(
        &mut self,
        rule: &'static Rule,
        subject: String,
        old: Option<&Span>,
        new: Option<&Span>,
        detail: String,
    ) {
        self.out.push(Change {
            rule,
            subject,
            old: old.cloned(),
            new: new.cloned(),
            detail,
            via: None,
        });
    }

    fn by_name(model: &Model) -> BTreeMap<String, &TypeDef> {
        model
            .ids()
            .map(|id| {
                let t = model.get(id);
                (t.name.to_string(), t)
            })
            .collect()
    }

    fn types(&mut self) {
        let old = Self::by_name(self.old);
        let new = Self::by_name(self.new);
        for (name, o) in &old {
            if !new.contains_key(name) {
                let detail = format!("{} removed", o.kind_name());
                self.push(
                    rules::TYPE_REMOVED,
                    name.clone(),
                    Some(&o.span),
                    None,
                    detail,
                );
            }
        }
        for (name, n) in &new {
            let Some(o) = old.get(name) else {
                // A subtype of a type the old model has: one that was
                // polymorphic already, or its first?
                let base = n.structured().and_then(|s| s.base);
                let old_base =
                    base.and_then(|b| self.old.lookup(&self.new.get(b).name.to_string()));
                let rule = match old_base {
                    Some(b) if self.old.is_polymorphic(b) => rules::DERIVED_TYPE_ADDED,
                    Some(_) => rules::FIRST_DERIVED_TYPE_ADDED,
                    None => rules::TYPE_ADDED,
                };
                let detail = format!("{} added", n.kind_name());
                self.push(rule, name.clone(), None, Some(&n.span), detail);
                continue;
            };
            self.annotations(name, o, n);
            match (&o.kind, &n.kind) {
                (TypeKind::Structured(a), TypeKind::Structured(b)) if a.kind == b.kind => {
                    self.structured(name, (o, a), (n, b));
                }
                (TypeKind::Enum(a), TypeKind::Enum(b)) => self.enums(name, (o, a), (n, b)),
                (TypeKind::Definition(a), TypeKind::Definition(b)) => {
                    if a.underlying != b.underlying {
                        let detail = format!("Edm.{:?} → Edm.{:?}", a.underlying, b.underlying);
                        let rule = rules::TYPE_KIND_CHANGED;
                        self.push(rule, name.clone(), Some(&o.span), Some(&n.span), detail);
                    }
                }
                _ => {
                    let detail = format!("{} → {}", o.kind_name(), n.kind_name());
                    let rule = rules::TYPE_KIND_CHANGED;
                    self.push(rule, name.clone(), Some(&o.span), Some(&n.span), detail);
                }
            }
        }
    }

    /// Deprecation and documentation of a type.
    fn annotations(&mut self, subject: &str, o: &TypeDef, n: &TypeDef) {
        self.annotated(
            subject,
            (&o.annotations, &o.span),
            (&n.annotations, &n.span),
        );
    }

    fn annotated(
        &mut self,
        subject: &str,
        (oa, os): (&[crate::csdl::raw::Annotation], &Span),
        (na, ns): (&[crate::csdl::raw::Annotation], &Span),
    ) {
        if let (None, Some(d)) = (Deprecation::of(oa), Deprecation::of(na)) {
            self.push(
                rules::DEPRECATED,
                subject.to_string(),
                Some(os),
                Some(ns),
                d.note(),
            );
        }
        let (oc, nc) = (capabilities(oa), capabilities(na));
        if oc != nc {
            let detail = capability_detail(&oc, &nc);
            let rule = rules::CAPABILITY_CHANGED;
            self.push(rule, subject.to_string(), Some(os), Some(ns), detail);
        }
        if Documentation::of(oa) != Documentation::of(na) {
            let detail = "description changed".to_string();
            let rule = rules::DESCRIPTION_CHANGED;
            self.push(rule, subject.to_string(), Some(os), Some(ns), detail);
        }
    }

    fn structured(
        &mut self,
        name: &str,
        (od, o): (&TypeDef, &Structured),
        (nd, n): (&TypeDef, &Structured),
    ) {
        let spans = (Some(&od.span), Some(&nd.span));
        let base = |m: &Model, s: &Structured| s.base.map(|b| m.get(b).name.to_string());
        let (ob, nb) = (base(self.old, o), base(self.new, n));
        if ob != nb {
            let show = |b: &Option<String>| b.clone().unwrap_or_else(|| "none".into());
            let detail = format!("base {} → {}", show(&ob), show(&nb));
            self.push(
                rules::BASE_TYPE_CHANGED,
                name.into(),
                spans.0,
                spans.1,
                detail,
            );
        }
        let flag = |cx: &mut Self, was: bool, is: bool, on: &'static Rule, off: &'static Rule| {
            if was != is {
                let rule = if is { on } else { off };
                cx.push(
                    rule,
                    name.into(),
                    spans.0,
                    spans.1,
                    rule.id.replace('-', " "),
                );
            }
        };
        flag(
            self,
            o.is_abstract,
            n.is_abstract,
            rules::ABSTRACT_ADDED,
            rules::ABSTRACT_REMOVED,
        );
        flag(
            self,
            o.open_type,
            n.open_type,
            rules::OPEN_ADDED,
            rules::OPEN_REMOVED,
        );
        let hs = rules::HAS_STREAM_CHANGED;
        flag(self, o.has_stream, n.has_stream, hs, hs);
        self.properties(name, o, n);
        self.navigation(name, o, n);
    }

    /// Members of two versions of a type matched by name: removed and added
    /// ones reported with `rules.0` and `rules.3`, a collection turned into
    /// a value or back with `rules.1`, another type with `rules.2`; the
    /// pairs found in both are returned for the member's own checks.
    fn matched<'a, T>(
        &mut self,
        name: &str,
        (old, new): (&'a [T], &'a [T]),
        key: fn(&T) -> (&str, &TypeRef, &Span),
        rules: [&'static Rule; 4],
    ) -> Vec<(String, &'a T, &'a T)> {
        let [removed, collection, retyped, added] = rules;
        let mut pairs = Vec::new();
        for o in old {
            let (member, ty, span) = key(o);
            let subject = format!("{name}/{member}");
            let Some(n) = new.iter().find(|n| key(n).0 == member) else {
                let detail = format!("{} removed", self.old.type_ref_name(ty));
                self.push(removed, subject, Some(span), None, detail);
                continue;
            };
            let (_, nty, nspan) = key(n);
            let (ot, nt) = (self.old.type_ref_name(ty), self.new.type_ref_name(nty));
            let rule = if ty.collection != nty.collection {
                Some(collection)
            } else {
                (ot != nt).then_some(retyped)
            };
            if let Some(rule) = rule {
                let detail = format!("{ot} → {nt}");
                self.push(rule, subject.clone(), Some(span), Some(nspan), detail);
            }
            pairs.push((subject, o, n));
        }
        for n in new {
            let (member, ty, span) = key(n);
            if !old.iter().any(|o| key(o).0 == member) {
                let detail = format!("{} added", self.new.type_ref_name(ty));
                self.push(added, format!("{name}/{member}"), None, Some(span), detail);
            }
        }
        pairs
    }

    fn properties(&mut self, name: &str, o: &Structured, n: &Structured) {
        let rules = [
            rules::PROPERTY_REMOVED,
            rules::PROPERTY_COLLECTION_CHANGED,
            rules::PROPERTY_TYPE_CHANGED,
            rules::PROPERTY_ADDED,
        ];
        fn key(p: &Property) -> (&str, &TypeRef, &Span) {
            (&p.name, &p.ty, &p.span)
        }
        for (subject, op, np) in self.matched(name, (&o.properties, &n.properties), key, rules) {
            let spans = (Some(&op.span), Some(&np.span));
            if op.nullable != np.nullable {
                let rule = if np.nullable {
                    rules::PROPERTY_NOW_NULLABLE
                } else {
                    rules::PROPERTY_NOW_NOT_NULLABLE
                };
                let detail = format!("Nullable {} → {}", op.nullable, np.nullable);
                self.push(rule, subject.clone(), spans.0, spans.1, detail);
            }
            if op.facets != np.facets {
                let detail = format!("{:?} → {:?}", op.facets, np.facets);
                let rule = rules::PROPERTY_FACET_CHANGED;
                self.push(rule, subject.clone(), spans.0, spans.1, detail);
            }
            if op.default_value != np.default_value {
                let detail = format!("default {:?} → {:?}", op.default_value, np.default_value);
                let rule = rules::PROPERTY_DEFAULT_CHANGED;
                self.push(rule, subject.clone(), spans.0, spans.1, detail);
            }
            self.annotated(
                &subject,
                (&op.annotations, &op.span),
                (&np.annotations, &np.span),
            );
        }
    }

    fn navigation(&mut self, name: &str, o: &Structured, n: &Structured) {
        let rules = [
            rules::NAVIGATION_REMOVED,
            rules::NAVIGATION_COLLECTION_CHANGED,
            rules::NAVIGATION_TYPE_CHANGED,
            rules::NAVIGATION_ADDED,
        ];
        fn key(p: &NavigationProperty) -> (&str, &TypeRef, &Span) {
            (&p.name, &p.ty, &p.span)
        }
        for (subject, on, nn) in self.matched(name, (&o.navigation, &n.navigation), key, rules) {
            let spans = (Some(&on.span), Some(&nn.span));
            if on.contains_target != nn.contains_target {
                let detail = format!(
                    "ContainsTarget {} → {}",
                    on.contains_target, nn.contains_target
                );
                let rule = rules::NAVIGATION_CONTAINMENT_CHANGED;
                self.push(rule, subject.clone(), spans.0, spans.1, detail);
            }
            if on.nullable != nn.nullable {
                let detail = format!("Nullable {} → {}", on.nullable, nn.nullable);
                let rule = rules::NAVIGATION_NULLABILITY_CHANGED;
                self.push(rule, subject, spans.0, spans.1, detail);
            }
        }
    }

    fn enums(&mut self, name: &str, (od, o): (&TypeDef, &Enum), (nd, n): (&TypeDef, &Enum)) {
        let spans = (Some(&od.span), Some(&nd.span));
        if o.is_flags != n.is_flags {
            let detail = format!("IsFlags {} → {}", o.is_flags, n.is_flags);
            self.push(rules::FLAGS_CHANGED, name.into(), spans.0, spans.1, detail);
        }
        let value_of = |e: &Enum, i: Option<usize>| i.map(|i| e.members[i].value);
        let (os, ns) = (o.sentinel(), n.sentinel());
        match (value_of(o, os), value_of(n, ns)) {
            (None, Some(v)) => {
                let detail = format!("unknownFutureValue = {v} added");
                self.push(rules::SENTINEL_ADDED, name.into(), spans.0, spans.1, detail);
            }
            (Some(a), b) if Some(a) != b => {
                let detail = match b {
                    Some(b) => format!("unknownFutureValue {a} → {b}"),
                    None => "unknownFutureValue removed".into(),
                };
                self.push(rules::SENTINEL_MOVED, name.into(), spans.0, spans.1, detail);
            }
            _ => {}
        }
        for (i, om) in o.members.iter().enumerate() {
            let subject = format!("{name}/{}", om.name);
            if Some(i) == os {
                continue; // the sentinel: `sentinel-moved` above
            }
            match n.members.iter().find(|m| m.name == om.name) {
                None => {
                    let detail = format!("member = {} removed", om.value);
                    self.push(rules::MEMBER_REMOVED, subject, Some(&om.span), None, detail);
                }
                Some(nm) if nm.value != om.value => {
                    let detail = format!("{} → {}", om.value, nm.value);
                    let rule = rules::MEMBER_VALUE_CHANGED;
                    self.push(rule, subject, Some(&om.span), Some(&nm.span), detail);
                }
                Some(_) => {}
            }
        }
        for (i, nm) in n.members.iter().enumerate() {
            if o.members.iter().any(|m| m.name == nm.name) || Some(i) == ns {
                continue;
            }
            let subject = format!("{name}/{}", nm.name);
            // After the sentinel, in the new model: evolvable.
            let rule = if n.is_evolvable(i) {
                rules::MEMBER_ADDED_AFTER_SENTINEL
            } else if ns.is_some() {
                rules::MEMBER_ADDED_BEFORE_SENTINEL
            } else {
                rules::MEMBER_ADDED
            };
            let detail = format!("member = {} added", nm.value);
            self.push(rule, subject, None, Some(&nm.span), detail);
        }
    }

    /// Capability annotations whose target is not a type or property
    /// (entity sets, singletons, navigation paths): by target.
    fn external_capabilities(&mut self) {
        type Caps<'a> = BTreeMap<&'a str, (Vec<Capability<'a>>, &'a Span)>;
        let by_target = |m: &'_ Model| -> BTreeMap<String, Vec<crate::csdl::raw::Annotation>> {
            let mut out: BTreeMap<String, Vec<crate::csdl::raw::Annotation>> = BTreeMap::new();
            for (target, a) in &m.other_annotations {
                if a.term.contains("Capabilities") {
                    out.entry(target.clone()).or_default().push(a.clone());
                }
            }
            out
        };
        let (old, new) = (by_target(self.old), by_target(self.new));
        fn caps(m: &BTreeMap<String, Vec<crate::csdl::raw::Annotation>>) -> Caps<'_> {
            m.iter()
                .map(|(t, a)| (t.as_str(), (capabilities(a), &a[0].span)))
                .collect()
        }
        let (oc, nc) = (caps(&old), caps(&new));
        let targets: std::collections::BTreeSet<&str> =
            oc.keys().chain(nc.keys()).copied().collect();
        for t in targets {
            let (o, n) = (oc.get(t), nc.get(t));
            let empty = Vec::new();
            let (ov, nv) = (o.map_or(&empty, |x| &x.0), n.map_or(&empty, |x| &x.0));
            if ov != nv {
                let detail = capability_detail(ov, nv);
                let subject = format!("annotations/{t}");
                let rule = rules::CAPABILITY_CHANGED;
                self.push(rule, subject, o.map(|x| x.1), n.map(|x| x.1), detail);
            }
        }
    }

    fn entity_sets(&mut self) {
        let sets = |m: &'_ Model| -> BTreeMap<String, EntitySet> {
            m.containers
                .iter()
                .flat_map(|c| &c.entity_sets)
                .map(|s| (s.name.clone(), s.clone()))
                .collect()
        };
        let (old, new) = (sets(self.old), sets(self.new));
        let what = |s: &EntitySet| {
            if s.singleton {
                "singleton"
            } else {
                "entity set"
            }
        };
        for (name, o) in &old {
            let subject = format!("container/{name}");
            match new.get(name) {
                None => {
                    let detail = format!("{} removed", what(o));
                    self.push(
                        rules::ENTITY_SET_REMOVED,
                        subject,
                        Some(&o.span),
                        None,
                        detail,
                    );
                }
                Some(n) => {
                    let (ot, nt) = (self.old.type_ref_name(&o.ty), self.new.type_ref_name(&n.ty));
                    if ot != nt || o.singleton != n.singleton {
                        let detail = format!("{} of {ot} → {} of {nt}", what(o), what(n));
                        let rule = rules::ENTITY_SET_TYPE_CHANGED;
                        self.push(rule, subject, Some(&o.span), Some(&n.span), detail);
                    }
                }
            }
        }
        for (name, n) in &new {
            if !old.contains_key(name) {
                let subject = format!("container/{name}");
                let detail = format!("{} of {} added", what(n), self.new.type_ref_name(&n.ty));
                self.push(
                    rules::ENTITY_SET_ADDED,
                    subject,
                    None,
                    Some(&n.span),
                    detail,
                );
            }
        }
    }

    /// An operation's overload key: its name, its binding, and (functions
    /// overload on them) its parameter names.
    fn op_key(model: &Model, op: &Operation) -> String {
        let binding = op
            .binding()
            .map(|b| model.type_ref_name(b))
            .unwrap_or_default();
        let mut key = format!("{}({binding})", op.name);
        if op.kind == crate::csdl::raw::OperationKind::Function {
            let names: Vec<&str> = op
                .parameters
                .iter()
                .skip(usize::from(op.is_bound))
                .map(|p| p.name.as_str())
                .collect();
            key.push_str(&format!("[{}]", names.join(",")));
        }
        key
    }

    fn operations(&mut self) {
        let ops = |m: &'_ Model| -> BTreeMap<String, Operation> {
            m.operations
                .iter()
                .map(|op| (Self::op_key(m, op), op.clone()))
                .collect()
        };
        let (old, new) = (ops(self.old), ops(self.new));
        for (key, o) in &old {
            let Some(n) = new.get(key) else {
                // A function whose parameter list changed is another overload:
                // find it by name and binding to report the parameters.
                let same = new.values().find(|n| {
                    n.name == o.name
                        && n.binding().map(|b| self.new.type_ref_name(b))
                            == o.binding().map(|b| self.old.type_ref_name(b))
                        && !old.contains_key(&Self::op_key(self.new, n))
                });
                match same {
                    Some(n) => self.operation(key, o, n),
                    None => {
                        let detail = format!("{:?} removed", o.kind).to_lowercase();
                        self.push(
                            rules::OPERATION_REMOVED,
                            key.clone(),
                            Some(&o.span),
                            None,
                            detail,
                        );
                    }
                }
                continue;
            };
            self.operation(key, o, n);
        }
        for (key, n) in &new {
            if old.contains_key(key) {
                continue;
            }
            let paired = old.values().any(|o| {
                o.name == n.name
                    && o.binding().map(|b| self.old.type_ref_name(b))
                        == n.binding().map(|b| self.new.type_ref_name(b))
                    && !new.contains_key(&Self::op_key(self.old, o))
            });
            if !paired {
                let detail = format!("{:?} added", n.kind).to_lowercase();
                self.push(
                    rules::OPERATION_ADDED,
                    key.clone(),
                    None,
                    Some(&n.span),
                    detail,
                );
            }
        }
    }

    fn operation(&mut self, key: &str, o: &Operation, n: &Operation) {
        let spans = (Some(&o.span), Some(&n.span));
        let skip_o = usize::from(o.is_bound);
        let skip_n = usize::from(n.is_bound);
        for op in &o.parameters[skip_o..] {
            let subject = format!("{key}/{}", op.name);
            match n.parameters[skip_n..].iter().find(|p| p.name == op.name) {
                None => {
                    let detail = format!("{} removed", self.old.type_ref_name(&op.ty));
                    self.push(
                        rules::PARAMETER_REMOVED,
                        subject,
                        Some(&op.span),
                        None,
                        detail,
                    );
                }
                Some(np) => {
                    let (ot, nt) = (
                        self.old.type_ref_name(&op.ty),
                        self.new.type_ref_name(&np.ty),
                    );
                    if ot != nt || op.nullable != np.nullable {
                        let detail = format!(
                            "{ot} (Nullable {}) → {nt} (Nullable {})",
                            op.nullable, np.nullable
                        );
                        let rule = rules::PARAMETER_TYPE_CHANGED;
                        self.push(rule, subject, Some(&op.span), Some(&np.span), detail);
                    }
                }
            }
        }
        for np in &n.parameters[skip_n..] {
            if !o.parameters[skip_o..].iter().any(|p| p.name == np.name) {
                let subject = format!("{key}/{}", np.name);
                let rule = if np.nullable {
                    rules::PARAMETER_ADDED_NULLABLE
                } else {
                    rules::PARAMETER_ADDED
                };
                let detail = format!("{} added", self.new.type_ref_name(&np.ty));
                self.push(rule, subject, None, Some(&np.span), detail);
            }
        }
        let ret = |m: &Model, op: &Operation| {
            op.return_type
                .as_ref()
                .map(|(t, nullable)| format!("{} (Nullable {nullable})", m.type_ref_name(t)))
        };
        let (or, nr) = (ret(self.old, o), ret(self.new, n));
        if or != nr {
            let show = |r: &Option<String>| r.clone().unwrap_or_else(|| "nothing".into());
            let detail = format!("returns {} → {}", show(&or), show(&nr));
            self.push(
                rules::RETURN_TYPE_CHANGED,
                key.into(),
                spans.0,
                spans.1,
                detail,
            );
        }
        if o.is_composable != n.is_composable {
            let detail = format!("IsComposable {} → {}", o.is_composable, n.is_composable);
            self.push(
                rules::COMPOSABLE_CHANGED,
                key.into(),
                spans.0,
                spans.1,
                detail,
            );
        }
        self.annotated(key, (&o.annotations, &o.span), (&n.annotations, &n.span));
    }
}
