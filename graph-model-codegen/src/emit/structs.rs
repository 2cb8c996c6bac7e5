//! Structured types: a struct with every property (inherited ones included),
//! the extra-properties map, and compact serde impls over the runtime.

use super::cx::Cx;
use super::layout::{atom, call, generic, Expr};
use super::writer::{string_literal, Writer};
use crate::rust::plan::{Field, Struct};

pub fn emit(cx: &Cx, w: &mut Writer, s: &Struct) {
    let rt = cx.rt;
    let name = &s.path.name;
    let mut notes = vec![format!(
        "CSDL: `{}`{}.",
        s.csdl_name,
        if s.is_abstract { " (abstract)" } else { "" }
    )];
    if s.is_abstract {
        notes.push("Abstract: this struct holds a value that arrived without a more derived `@odata.type`.".into());
    }
    w.docs(0, &s.doc, &notes);
    w.deprecated(0, &s.deprecated);
    // The definition names its fields' types (and its derives the struct);
    // the impls also touch its fields.
    let field_types = s
        .fields
        .iter()
        .any(|f| cx.mentions_deprecated(&f.ty) || cx.mentions_deprecated(&f.fallback));
    let in_definition = s.deprecated.is_some() || field_types;
    let deprecated = in_definition || s.fields.iter().any(|f| f.deprecated.is_some());
    cx.allow_deprecated(w, 0, in_definition);
    cx.derive(w, &["Default"]);
    // Semver: what Graph calls additive (a property, a member, a subtype)
    // is a minor change of the generated API.
    w.line(0, "#[non_exhaustive]");
    w.line(0, &format!("pub struct {name} {{"));
    for f in &s.fields {
        field(cx, w, f);
    }
    w.doc_line(
        4,
        "Properties not in the model and instance annotations, in the order read.",
    );
    w.line(4, &format!("pub {}: {rt}::Extra,", s.extra_field));
    w.line(0, "}");

    cx.allow_deprecated(w, 0, deprecated);
    w.impl_open(&format!("impl {rt}::rt::Struct"), name);
    let csdl = &s.csdl_name;
    let names: Vec<Expr> = s
        .fields
        .iter()
        .map(|f| atom(string_literal(&f.json_name)))
        .collect();
    let shape = format!("{rt}::rt::Shape");
    w.fn_open(4, "fn shape", &["&self"], &format!("&'static {shape}"));
    w.assign(
        8,
        &format!("static SHAPE: {shape} ="),
        &call(
            format!("{shape}::new"),
            vec![atom(string_literal(csdl)), Expr::ArrayRef(names)],
        ),
        ";",
    );
    w.line(8, "&SHAPE");
    w.line(4, "}");
    // The fields as data, in the order of the shape's names: an array of
    // references (a statement each), not a function body per field.
    let slots = |mutable: &str| -> Vec<Expr> {
        s.fields
            .iter()
            .map(|f| atom(format!("&{mutable}self.{}", f.rust_name)))
            .collect()
    };
    w.fn_open(
        4,
        "fn slots",
        &[
            "&self",
            &format!("f: &mut dyn FnMut(&[&dyn {rt}::rt::Slot], &{rt}::Extra)"),
        ],
        "",
    );
    let extra = atom(format!("&self.{}", s.extra_field));
    w.expr(8, &call("f", vec![Expr::ArrayRef(slots("")), extra]), "");
    w.line(4, "}");
    w.fn_open(
        4,
        "fn slots_mut",
        &[
            "&mut self",
            &format!("f: &mut dyn FnMut(&mut [&mut dyn {rt}::rt::Slot], &mut {rt}::Extra)"),
        ],
        "",
    );
    let extra = atom(format!("&mut self.{}", s.extra_field));
    w.expr(
        8,
        &call("f", vec![Expr::ArrayMut(slots("mut ")), extra]),
        "",
    );
    w.line(4, "}");
    w.line(0, "}");
    cx.value_impl(w, (name, deprecated), "Self::default()", "Struct");
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
    // A polymorphic type's struct holds one shape; its `…Any` is the type.
    let def = if s.polymorphic {
        crate::schema::shape_definition(csdl)
    } else {
        csdl.to_string()
    };
    cx.schemars_impl(w, (name, deprecated), &def);
}

/// One property: typed, or (with namespace features) typed when the other
/// namespaces' features are on and JSON otherwise.
fn field(cx: &Cx, w: &mut Writer, f: &Field) {
    let rt = cx.rt;
    let wrap = |inner: Expr| {
        if f.nullable {
            generic(format!("{rt}::Nullable"), vec![inner])
        } else {
            generic("Option", vec![inner])
        }
    };
    let kind = if f.navigation {
        "Navigation property"
    } else {
        "Property"
    };
    let state = if f.nullable {
        "nullable: absent, `null` or a value"
    } else {
        "not nullable: absent or a value"
    };
    let mut notes = vec![format!("{kind} `{}` ({state}).", f.json_name)];
    notes.extend(f.untyped.clone());
    let lhs = format!("pub {}:", f.rust_name);
    w.docs(4, &f.doc, &notes);
    w.deprecated(4, &f.deprecated);
    if f.needs.is_empty() {
        w.assign(4, &lhs, &wrap(cx.ty(&f.ty)), ",");
        return;
    }
    let features: Vec<&str> = f.needs.iter().map(String::as_str).collect();
    w.cfg(4, &features, false);
    w.assign(4, &lhs, &wrap(cx.ty(&f.ty)), ",");
    let listed: Vec<String> = f.needs.iter().map(|n| format!("`{n}`")).collect();
    notes.push(format!(
        "Untyped: the feature {} is off; the JSON is kept exactly as read.",
        listed.join(", ")
    ));
    w.docs(4, &f.doc, &notes);
    w.deprecated(4, &f.deprecated);
    w.cfg(4, &features, true);
    w.assign(4, &lhs, &wrap(cx.ty(&f.fallback)), ",");
}
