//! `…Any` enums: dispatch on `@odata.type` to the declared type or one of its
//! subtypes, keeping an unknown subtype whole.

use super::cx::Cx;
use super::layout::{atom, call, Expr};
use super::writer::{string_literal, Writer};
use crate::rust::plan::{Poly, PolyVariant};

pub fn emit(cx: &Cx, w: &mut Writer, p: &Poly, aliases: &[(String, String)]) {
    let rt = cx.rt;
    let name = &p.path.name;
    let base_ty = cx.path(&p.base);
    let base = &p.base_variant;
    let unknown = &p.unknown_variant;
    let csdl = &p.csdl_name;
    w.doc_line(0, &format!("A `{csdl}` or any of its subtypes, chosen by `@odata.type` (`#microsoft.graph.x`, without `#`, or with a namespace alias)."));
    w.line(0, "///");
    w.doc_line(
        0,
        "Without `@odata.type` (or with the declared type's own name) the value is",
    );
    w.doc_line(
        0,
        "read as the declared type. An `@odata.type` the model does not know is",
    );
    w.doc_line(
        0,
        "kept whole in the unknown variant and written back unchanged. A subtype's",
    );
    w.doc_line(
        0,
        "`@odata.type` read first as `#` + its qualified name is the variant itself",
    );
    w.doc_line(
        0,
        "(written back in that place, not kept in `extra`); any other spelling or",
    );
    w.doc_line(0, "place is kept in the struct's `extra` as written.");
    let deprecated =
        cx.deprecated.contains(&p.base) || p.variants.iter().any(|v| cx.deprecated.contains(&v.ty));
    if deprecated {
        w.line(0, "#[allow(deprecated, clippy::large_enum_variant)]");
    } else {
        w.line(0, "#[allow(clippy::large_enum_variant)]");
    }
    cx.derive(w, &[]);
    // Semver: what Graph calls additive (a property, a member, a subtype)
    // is a minor change of the generated API.
    w.line(0, "#[non_exhaustive]");
    w.line(0, &format!("pub enum {name} {{"));
    w.doc_line(4, "No `@odata.type`, or the declared type itself.");
    w.tuple_variant(4, base, &atom(&base_ty));
    // A subtype from another namespace exists only with that namespace's feature.
    let cfg = |w: &mut Writer, indent: usize, v: &PolyVariant| {
        if let Some(f) = &v.needs {
            w.cfg(indent, &[f], false);
        }
    };
    for v in &p.variants {
        w.doc_line(4, &format!("`@odata.type`: `#{}`", v.csdl_name));
        cfg(w, 4, v);
        w.tuple_variant(4, &v.rust_name, &atom(cx.path(&v.ty)));
    }
    w.doc_line(4, "An `@odata.type` the model does not have.");
    w.tuple_variant(4, unknown, &atom(format!("{rt}::UnknownSubtype")));
    w.line(0, "}");

    cx.allow_deprecated(w, 0, deprecated);
    w.line(0, &format!("impl Default for {name} {{"));
    w.line(4, "fn default() -> Self {");
    w.expr(
        8,
        &call(format!("Self::{base}"), vec![atom("Default::default()")]),
        "",
    );
    w.line(4, "}");
    w.line(0, "}");

    cx.allow_deprecated(w, 0, deprecated);
    w.impl_open(&format!("impl {rt}::rt::Polymorphic"), name);
    w.fn_open(4, "fn base_name", &["&self"], "&'static str");
    w.line(8, &string_literal(csdl));
    w.line(4, "}");
    let pairs = aliases
        .iter()
        .map(|(a, n)| Expr::Tuple(vec![atom(string_literal(a)), atom(string_literal(n))]))
        .collect();
    w.fn_open(
        4,
        "fn aliases",
        &["&self"],
        "&'static [(&'static str, &'static str)]",
    );
    w.expr(8, &Expr::ArrayRef(pairs), "");
    w.line(4, "}");
    let strukt = format!("&mut dyn {rt}::rt::Struct");
    w.fn_open(
        4,
        "fn select",
        &["&mut self", "type_name: &str"],
        &format!("Option<{strukt}>"),
    );
    // Each variant's blank is a call (`blank` is not inlined), not its
    // `Default` expanded in every arm of this match.
    let blank = |variant: &str| call(format!("Self::{variant}"), vec![atom("Value::blank()")]);
    w.line(8, &format!("use {rt}::rt::Value;"));
    w.line(8, "*self = match type_name {");
    w.arm(12, &string_literal(csdl), &blank(base));
    for v in &p.variants {
        cfg(w, 12, v);
        w.arm(12, &string_literal(&v.csdl_name), &blank(&v.rust_name));
    }
    w.line(12, "_ => return None,");
    w.line(8, "};");
    w.line(8, "match self {");
    w.arm(
        12,
        &format!("Self::{base}(v)"),
        &call("Some", vec![atom("v")]),
    );
    for v in &p.variants {
        cfg(w, 12, v);
        w.arm(
            12,
            &format!("Self::{}(v)", v.rust_name),
            &call("Some", vec![atom("v")]),
        );
    }
    w.arm(12, &format!("Self::{unknown}(_)"), &atom("None"));
    w.line(8, "}");
    w.line(4, "}");
    w.fn_open(
        4,
        "fn set_unknown",
        &["&mut self", &format!("value: {rt}::UnknownSubtype")],
        "",
    );
    w.line(8, &format!("*self = Self::{unknown}(value);"));
    w.line(4, "}");
    let variant = format!("{rt}::rt::Variant");
    w.fn_open(4, "fn variant", &["&self"], &format!("{variant}<'_>"));
    w.line(8, "match self {");
    w.arm(
        12,
        &format!("Self::{base}(v)"),
        &call(format!("{variant}::Base"), vec![atom("v")]),
    );
    for v in &p.variants {
        cfg(w, 12, v);
        let t = atom(string_literal(&format!("#{}", v.csdl_name)));
        w.arm(
            12,
            &format!("Self::{}(v)", v.rust_name),
            &call(format!("{variant}::Derived"), vec![t, atom("v")]),
        );
    }
    w.arm(
        12,
        &format!("Self::{unknown}(v)"),
        &call(format!("{variant}::Unknown"), vec![atom("v")]),
    );
    w.line(8, "}");
    w.line(4, "}");
    w.line(0, "}");
    cx.value_impl(w, (name, deprecated), "Self::default()", "Poly");
    cx.std_impls(w, (name, deprecated));

    cx.graph_type_impl(w, (name, deprecated), csdl);
    cx.serde_impls(
        w,
        (name, deprecated),
        |w| {
            w.expr(
                8,
                &call(
                    format!("{rt}::rt::ser_value"),
                    vec![atom("self"), atom("s")],
                ),
                "",
            )
        },
        "de_value",
    );
    cx.schemars_impl(w, (name, deprecated), csdl);
}
