//! What every item of a module is rendered with: the runtime path, relative
//! paths to other generated types, field types, and the impls every
//! generated type has (serde, `GraphType`, schemars).

use super::layout::{atom, call, generic, Expr};
use super::writer::{string_literal, Writer};
use crate::model::Primitive;
use std::collections::BTreeSet;

use crate::rust::plan::{Path, RustType};

/// The traits generated structs and `…Any` enums implement through the
/// runtime ([`Cx::std_impls`]), never derived.
const RUNTIME_IMPLS: [&str; 3] = ["Clone", "PartialEq", "Debug"];

/// Context for rendering one module.
pub struct Cx<'a> {
    /// The runtime crate path, e.g. `::graph_model`.
    pub rt: &'a str,
    pub module: &'a [String],
    /// Extra derives for every struct and enum.
    pub derives: &'a [String],
    /// Emit `schemars::JsonSchema` impls.
    pub schemars: bool,
    /// The generated types whose CSDL type is deprecated.
    pub deprecated: &'a BTreeSet<Path>,
}

impl Cx<'_> {
    /// Whether `t` names a deprecated generated type.
    pub fn mentions_deprecated(&self, t: &RustType) -> bool {
        match t {
            RustType::Named(p) | RustType::Flags(p) => self.deprecated.contains(p),
            RustType::Vec(inner) | RustType::Box(inner) => self.mentions_deprecated(inner),
            RustType::Primitive(_) | RustType::Untyped => false,
        }
    }

    /// `#[allow(deprecated)]` on the next item, when it `needs` it (it
    /// names a deprecated type or field): on no other.
    pub fn allow_deprecated(&self, w: &mut Writer, indent: usize, needs: bool) {
        if needs {
            w.line(indent, "#[allow(deprecated)]");
        }
    }

    /// The kind's own derives, then the configured extra ones that are not
    /// already there.
    pub fn derive(&self, w: &mut Writer, own: &[&str]) {
        let mut all: Vec<String> = own.iter().map(|d| d.to_string()).collect();
        all.extend(
            self.derives
                .iter()
                .filter(|d| !own.contains(&d.as_str()) && !RUNTIME_IMPLS.contains(&d.as_str()))
                .cloned(),
        );
        if !all.is_empty() {
            w.derive(0, &all);
        }
    }

    /// `Clone`, `PartialEq` and `Debug` of a struct or an `…Any` enum: one
    /// call each into the runtime, which walks the value as the writer does
    /// (a derive would expand to code per field of every type).
    pub fn std_impls(&self, w: &mut Writer, (name, deprecated): (&str, bool)) {
        // `impl trait for name { sig { rt::function(args) } }`.
        let mut one = |tr: &str, sig: (&str, &[&str], &str), function: &str, args: &[&str]| {
            self.allow_deprecated(w, 0, deprecated);
            w.impl_open(&format!("impl {tr}"), name);
            w.fn_open(4, sig.0, sig.1, sig.2);
            let args = args.iter().map(|a| atom(*a)).collect();
            w.expr(8, &call(format!("{}::rt::{function}", self.rt), args), "");
            w.line(4, "}");
            w.line(0, "}");
        };
        one(
            "Clone",
            ("fn clone", &["&self"], "Self"),
            "clone_value",
            &["self"],
        );
        // A view of each side: the comparison and the formatting are not
        // generic, so nothing is compiled for them per type.
        let view = |v: &str| format!("{}::rt::Value::view({v})", self.rt);
        one(
            "PartialEq",
            ("fn eq", &["&self", "other: &Self"], "bool"),
            "eq_views",
            &[&view("self"), &view("other")],
        );
        one(
            "::std::fmt::Debug",
            (
                "fn fmt",
                &["&self", "f: &mut ::std::fmt::Formatter<'_>"],
                "::std::fmt::Result",
            ),
            "debug_view",
            &[&view("self"), "f"],
        );
    }

    /// A path to `target`, relative to the current module (`super::x::Y`).
    pub fn path(&self, target: &Path) -> String {
        let common = self
            .module
            .iter()
            .zip(&target.module)
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = String::new();
        for _ in common..self.module.len() {
            out.push_str("super::");
        }
        for m in &target.module[common..] {
            out.push_str(m);
            out.push_str("::");
        }
        out.push_str(&target.name);
        out
    }

    /// A field's type, for layout.
    pub fn ty(&self, t: &RustType) -> Expr {
        let rt = self.rt;
        match t {
            RustType::Primitive(p) => atom(primitive(rt, *p)),
            RustType::Named(p) => atom(self.path(p)),
            RustType::Flags(p) => generic(format!("{rt}::Flags"), vec![atom(self.path(p))]),
            RustType::Vec(inner) => generic("Vec", vec![self.ty(inner)]),
            RustType::Box(inner) => generic("Box", vec![self.ty(inner)]),
            RustType::Untyped => atom(format!("{rt}::Untyped")),
        }
    }

    /// `Serialize` with the body `ser` writes (the serializer is `s`), and
    /// `Deserialize` forwarding to the runtime function `de_fn`.
    pub fn serde_impls(
        &self,
        w: &mut Writer,
        (name, deprecated): (&str, bool),
        ser: impl FnOnce(&mut Writer),
        de_fn: &str,
    ) {
        let rt = self.rt;
        self.allow_deprecated(w, 0, deprecated);
        w.impl_open(&format!("impl {rt}::rt::serde::Serialize"), name);
        w.fn_open(
            4,
            &format!("fn serialize<S: {rt}::rt::serde::Serializer>"),
            &["&self", "s: S"],
            "Result<S::Ok, S::Error>",
        );
        ser(w);
        w.line(4, "}");
        w.line(0, "}");
        self.allow_deprecated(w, 0, deprecated);
        w.impl_open(
            &format!("impl<'de> {rt}::rt::serde::Deserialize<'de>"),
            name,
        );
        w.fn_open(
            4,
            &format!("fn deserialize<D: {rt}::rt::serde::Deserializer<'de>>"),
            &["d: D"],
            "Result<Self, D::Error>",
        );
        w.expr(8, &call(format!("{rt}::rt::{de_fn}"), vec![atom("d")]), "");
        w.line(4, "}");
        w.line(0, "}");
    }

    /// `rt::Value`: how the runtime's reader and writer reach the type, as
    /// a `Place` and a `View` of `kind` (`Struct`, `Poly`, `Enum`), and the
    /// `blank` value a read starts from.
    pub fn value_impl(
        &self,
        w: &mut Writer,
        (name, deprecated): (&str, bool),
        blank: &str,
        kind: &str,
    ) {
        let rt = self.rt;
        self.allow_deprecated(w, 0, deprecated);
        w.impl_open(&format!("impl {rt}::rt::Value"), name);
        if blank == "Self::default()" {
            // Built in one place: each `Option`, `Vec` and `…Any` variant
            // that holds the type calls it instead of inlining every field.
            w.line(4, "#[inline(never)]");
        }
        w.fn_open(4, "fn blank", &[], "Self");
        w.line(8, blank);
        w.line(4, "}");
        for (f, this, ty) in [("place", "&mut self", "Place"), ("view", "&self", "View")] {
            w.fn_open(
                4,
                &format!("fn {f}"),
                &[this],
                &format!("{rt}::rt::{ty}<'_>"),
            );
            w.expr(
                8,
                &call(format!("{rt}::rt::{ty}::{kind}"), vec![atom("self")]),
                "",
            );
            w.line(4, "}");
        }
        w.line(0, "}");
    }

    /// `GraphType`: the qualified CSDL name a generated type stands for.
    pub fn graph_type_impl(&self, w: &mut Writer, (name, deprecated): (&str, bool), csdl: &str) {
        self.allow_deprecated(w, 0, deprecated);
        w.impl_open(&format!("impl {}::rt::GraphType", self.rt), name);
        type_name_const(w, csdl);
        w.line(0, "}");
    }

    /// `schemars::JsonSchema` (with the `schemars` feature), giving the
    /// exported definition `def` of the generated bundle.
    pub fn schemars_impl(&self, w: &mut Writer, (name, deprecated): (&str, bool), def: &str) {
        if !self.schemars {
            return;
        }
        let rt = self.rt;
        let cow = "::std::borrow::Cow";
        let bundle = self.path(&Path {
            module: Vec::new(),
            name: "SCHEMA_BUNDLE".into(),
        });
        w.line(0, "#[cfg(feature = \"schemars\")]");
        self.allow_deprecated(w, 0, deprecated);
        w.impl_open(&format!("impl {rt}::rt::schemars::JsonSchema"), name);
        for (f, value) in [
            ("schema_name", def.to_string()),
            ("schema_id", format!("graph-model:{def}")),
        ] {
            w.fn_open(4, &format!("fn {f}"), &[], &format!("{cow}<'static, str>"));
            w.expr(
                8,
                &call(
                    format!("{cow}::Borrowed"),
                    vec![atom(string_literal(&value))],
                ),
                "",
            );
            w.line(4, "}");
        }
        w.fn_open(
            4,
            "fn json_schema",
            &[&format!("g: &mut {rt}::rt::schemars::SchemaGenerator")],
            &format!("{rt}::rt::schemars::Schema"),
        );
        let args = vec![atom(bundle), atom(string_literal(def)), atom("g")];
        w.expr(8, &call(format!("{rt}::rt::schema_definition"), args), "");
        w.line(4, "}");
        w.line(0, "}");
    }
}

/// `const TYPE_NAME: &'static str = "...";` in an impl.
pub fn type_name_const(w: &mut Writer, csdl: &str) {
    w.assign(
        4,
        "const TYPE_NAME: &'static str =",
        &atom(string_literal(csdl)),
        ";",
    );
}

fn primitive(rt: &str, p: Primitive) -> String {
    use Primitive::*;
    let edm = |name: &str| format!("{rt}::edm::{name}");
    match p {
        String => "String".into(),
        Boolean => "bool".into(),
        Byte => "u8".into(),
        SByte => "i8".into(),
        Int16 => "i16".into(),
        Int32 => "i32".into(),
        Int64 => edm("Int64"),
        Single | Double => edm("Double"),
        Decimal => edm("Decimal"),
        Guid => edm("Guid"),
        Binary => edm("Binary"),
        Date => edm("Date"),
        DateTimeOffset => edm("DateTimeOffset"),
        TimeOfDay => edm("TimeOfDay"),
        Duration => edm("Duration"),
        // Any JSON (`Edm.Untyped`, and `microsoft.graph.Json` read as it),
        // GeoJSON, a stream's JSON: kept exactly as read.
        Stream | Untyped | Geo | Abstract => format!("{rt}::Untyped"),
    }
}
