//! Open enums: one variant per member, and one that keeps any other string.

use super::cx::{type_name_const, Cx};
use super::layout::{atom, call, Expr};
use super::writer::{string_literal, Writer};
use crate::rust::plan::Enum;

pub fn emit(cx: &Cx, w: &mut Writer, e: &Enum) {
    let rt = cx.rt;
    let name = &e.path.name;
    let other = &e.other_variant;
    w.docs(
        0,
        &e.doc,
        &[format!(
            "CSDL: `{}`. Open: a value the model does not list is kept in [`Self::{other}`].",
            e.csdl_name
        )],
    );
    w.deprecated(0, &e.deprecated);
    // A deprecated item's derives name it.
    let deprecated = e.deprecated.is_some();
    cx.allow_deprecated(w, 0, deprecated);
    cx.derive(w, &["Clone", "Debug", "PartialEq", "Eq", "Hash"]);
    // Semver: what Graph calls additive (a property, a member, a subtype)
    // is a minor change of the generated API.
    w.line(0, "#[non_exhaustive]");
    w.line(0, &format!("pub enum {name} {{"));
    for v in &e.variants {
        let mut notes = vec![format!("`{}` = {}", v.wire, v.value)];
        if v.evolvable {
            notes.push(
                "Evolvable: returned only with `Prefer: include-unknown-enum-members`; otherwise Graph sends `unknownFutureValue`.".into(),
            );
        }
        w.docs(4, &v.doc, &notes);
        w.line(4, &format!("{},", v.rust_name));
    }
    w.doc_line(
        4,
        "A value that is not a member of the model's enum, exactly as received.",
    );
    w.line(4, &format!("{other}(String),"));
    w.line(0, "}");

    cx.allow_deprecated(w, 0, deprecated);
    w.impl_open(&format!("impl {rt}::rt::WireEnum"), name);
    type_name_const(w, &e.csdl_name);
    let wires = e
        .variants
        .iter()
        .map(|v| atom(string_literal(&v.wire)))
        .collect();
    w.assign(
        4,
        "const MEMBERS: &'static [&'static str] =",
        &Expr::ArrayRef(wires),
        ";",
    );
    let values = e
        .variants
        .iter()
        .map(|v| atom(format!("{}i64", v.value)))
        .collect();
    w.assign(
        4,
        "const VALUES: &'static [i64] =",
        &Expr::ArrayRef(values),
        ";",
    );
    if let Some(s) = e.sentinel {
        w.line(
            4,
            &format!("const SENTINEL: Option<usize> = Some({s}usize);"),
        );
    }
    let other_empty = call(format!("Self::{other}"), vec![atom("String::new()")]);
    w.fn_open(4, "fn from_index", &["index: usize"], "Self");
    if e.variants.is_empty() {
        // An enum without members has only the open variant: no other arms.
        w.line(8, "let _ = index;");
        w.expr(8, &other_empty, "");
    } else {
        w.line(8, "match index {");
        for (i, v) in e.variants.iter().enumerate() {
            w.arm(
                12,
                &format!("{i}usize"),
                &atom(format!("Self::{}", v.rust_name)),
            );
        }
        w.arm(12, "_", &other_empty);
        w.line(8, "}");
    }
    w.line(4, "}");
    w.fn_open(4, "fn from_other", &["text: String"], "Self");
    w.expr(8, &call(format!("Self::{other}"), vec![atom("text")]), "");
    w.line(4, "}");
    w.fn_open(4, "fn index", &["&self"], "Option<usize>");
    w.line(8, "match self {");
    for (i, v) in e.variants.iter().enumerate() {
        w.arm(
            12,
            &format!("Self::{}", v.rust_name),
            &call("Some", vec![atom(format!("{i}usize"))]),
        );
    }
    w.arm(12, &format!("Self::{other}(_)"), &atom("None"));
    w.line(8, "}");
    w.line(4, "}");
    w.fn_open(4, "fn other", &["&self"], "Option<&str>");
    if e.variants.is_empty() {
        w.line(8, &format!("let Self::{other}(s) = self;"));
        w.line(8, "Some(s)");
    } else {
        w.line(8, "match self {");
        w.arm(
            12,
            &format!("Self::{other}(s)"),
            &call("Some", vec![atom("s")]),
        );
        w.arm(12, "_", &atom("None"));
        w.line(8, "}");
    }
    w.line(4, "}");
    w.line(0, "}");

    let blank = format!("Self::{other}(String::new())");
    cx.value_impl(w, (name, deprecated), &blank, "Enum");
    cx.serde_impls(
        w,
        (name, deprecated),
        |w| {
            w.expr(
                8,
                &call(format!("{rt}::rt::ser_enum"), vec![atom("self"), atom("s")]),
                "",
            )
        },
        "de_enum",
    );
    cx.schemars_impl(w, (name, deprecated), &e.csdl_name);
}
