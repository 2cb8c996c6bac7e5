//! Human-readable reports on a model: per-kind counts, or one type fully
//! resolved. Used by the `inspect` CLI command.

use std::fmt::Write;

use crate::csdl::raw::{Expr, StructuredKind};
use crate::model::{Deprecation, Documentation, Model, Target, TypeId, TypeKind, TypeRef};

/// Counts per kind, one per line.
pub fn summary(model: &Model) -> String {
    let st = model.stats();
    let mut out = String::new();
    let rows = [
        ("schemas", st.schemas),
        ("entity types", st.entity_types),
        ("complex types", st.complex_types),
        ("enum types", st.enum_types),
        (
            "  with unknownFutureValue",
            st.enums_with_unknown_future_value,
        ),
        ("  with evolvable members", st.enums_with_evolvable_members),
        ("  evolvable members", st.evolvable_members),
        ("  flags", st.flags_enums),
        ("graph.Json as Edm.Untyped", st.json_as_untyped),
        ("type definitions", st.type_definitions),
        ("actions", st.actions),
        ("functions", st.functions),
        ("entity sets", st.entity_sets),
        ("singletons", st.singletons),
        ("terms", st.terms),
        ("errors", model.diagnostics.errors().count()),
        (
            "warnings",
            model.diagnostics.len() - model.diagnostics.errors().count(),
        ),
    ];
    for (k, v) in rows {
        let _ = writeln!(out, "{k:<28}{v}");
    }
    out
}

/// A type reference written out: `Collection(microsoft.graph.x)`, `Edm.String`.
pub fn type_ref(model: &Model, t: &TypeRef) -> String {
    let inner = match &t.target {
        Target::Primitive(p) => format!("Edm.{p:?}"),
        Target::Named(id) => model.get(*id).name.to_string(),
        Target::Unresolved(s) => format!("{s} (unresolved)"),
    };
    if t.collection {
        format!("Collection({inner})")
    } else {
        inner
    }
}

fn expr(e: &Expr) -> String {
    match e {
        Expr::Constant { kind, text } => format!("{kind} {text:?}"),
        Expr::Path { kind, path } => format!("{kind} {path}"),
        Expr::Collection(items) => format!(
            "[{}]",
            items.iter().map(expr).collect::<Vec<_>>().join(", ")
        ),
        Expr::Record { properties, .. } => format!(
            "{{{}}}",
            properties
                .iter()
                .map(|p| format!("{}: {}", p.property, expr(&p.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Expr::Null => "null".into(),
        Expr::Other { name, .. } => format!("<{name}>"),
    }
}

/// Everything known about one type.
pub fn describe(model: &Model, id: TypeId) -> String {
    let def = model.get(id);
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", def.kind_name(), def.name);
    let _ = writeln!(out, "  defined at {}", def.span);
    if let Some(d) = Documentation::of(&def.annotations).description {
        let _ = writeln!(out, "  description: {d}");
    }
    if let Some(d) = Deprecation::of(&def.annotations) {
        let _ = writeln!(out, "  deprecated: {}", d.note());
    }
    match &def.kind {
        TypeKind::Structured(s) => {
            let flags: Vec<&str> = [
                (s.is_abstract, "abstract"),
                (s.open_type, "open"),
                (s.has_stream, "has stream"),
            ]
            .into_iter()
            .filter_map(|(on, w)| on.then_some(w))
            .collect();
            if !flags.is_empty() {
                let _ = writeln!(out, "  {}", flags.join(", "));
            }
            let chain: Vec<String> = model
                .base_chain(id)
                .iter()
                .map(|b| model.get(*b).name.to_string())
                .collect();
            let _ = writeln!(
                out,
                "  base chain: {}",
                if chain.is_empty() {
                    "(none)".into()
                } else {
                    chain.join(" -> ")
                }
            );
            if s.kind == StructuredKind::Entity {
                let _ = writeln!(out, "  key: {}", model.key(id).join(", "));
            }
            let _ = writeln!(out, "  properties:");
            for p in model.properties(id) {
                let pr = p.property;
                let origin = if p.declared_in == id {
                    String::new()
                } else {
                    format!("  (from {})", model.get(p.declared_in).name)
                };
                let null = if pr.nullable { "" } else { " not null" };
                let _ = writeln!(
                    out,
                    "    {}: {}{null}{origin}",
                    pr.name,
                    type_ref(model, &pr.ty)
                );
            }
            let navs = model.navigation(id);
            if !navs.is_empty() {
                let _ = writeln!(out, "  navigation properties:");
                for (n, from) in navs {
                    let origin = if from == id {
                        String::new()
                    } else {
                        format!("  (from {})", model.get(from).name)
                    };
                    let contained = if n.contains_target { " contained" } else { "" };
                    let _ = writeln!(
                        out,
                        "    {}: {}{contained}{origin}",
                        n.name,
                        type_ref(model, &n.ty)
                    );
                }
            }
            let derived: Vec<String> = model
                .derived_transitive(id)
                .iter()
                .map(|d| model.get(*d).name.to_string())
                .collect();
            let _ = writeln!(
                out,
                "  derived types: {}",
                if derived.is_empty() {
                    "(none)".into()
                } else {
                    derived.join(", ")
                }
            );
            let ops: Vec<String> = model
                .bound_operations(id)
                .iter()
                .map(|o| o.name.to_string())
                .collect();
            if !ops.is_empty() {
                let _ = writeln!(out, "  bound operations: {}", ops.join(", "));
            }
        }
        TypeKind::Enum(e) => {
            let _ = writeln!(
                out,
                "  flags: {}, underlying: Edm.{:?}",
                e.is_flags, e.underlying
            );
            for m in &e.members {
                let _ = writeln!(out, "    {} = {}", m.name, m.value);
            }
        }
        TypeKind::Definition(d) => {
            let _ = writeln!(out, "  underlying: Edm.{:?}", d.underlying);
        }
    }
    if !def.annotations.is_empty() {
        let _ = writeln!(out, "  annotations:");
        for a in &def.annotations {
            let v = a.value.as_ref().map(expr).unwrap_or_default();
            let _ = writeln!(out, "    @{} {v}", a.term);
        }
    }
    out
}

/// Qualified names of the types in the closure of `spec`, sorted, and the
/// report of what was cut (see [`crate::closure::Closure::report`]).
pub fn closure(model: &Model, spec: &crate::closure::Spec) -> (Vec<String>, String) {
    let c = crate::closure::closure(model, spec);
    let mut names: Vec<String> = c
        .types
        .iter()
        .map(|&id| model.get(id).name.to_string())
        .collect();
    names.sort();
    (names, c.report(model, spec))
}
