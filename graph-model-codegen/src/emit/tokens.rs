//! Shared token helpers: identifiers, relative paths, field types, docs.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Deprecation, Documentation, Primitive};
use crate::rust::plan::{Path, RustType};

/// An identifier, raw (`r#type`) when the name says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// Context for rendering one module.
pub struct Cx<'a> {
    /// The runtime crate path, e.g. `::graph_model`.
    pub rt: &'a TokenStream,
    pub module: &'a [String],
    /// Extra derives for every struct and enum.
    pub derives: &'a [syn::Path],
    /// Emit `schemars::JsonSchema` impls.
    pub schemars: bool,
}

impl Cx<'_> {
    /// `Serialize` with `ser_body` (the serializer is `s`), and `Deserialize`
    /// forwarding to the runtime function `de_fn` (`de_struct`, `de_enum`...).
    pub fn serde_impls(&self, name: &Ident, ser_body: TokenStream, de_fn: &str) -> TokenStream {
        let rt = self.rt;
        let de_fn = format_ident!("{}", de_fn);
        quote! {
            #[allow(deprecated)]
            impl #rt::rt::serde::Serialize for #name {
                fn serialize<S: #rt::rt::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    #ser_body
                }
            }

            #[allow(deprecated)]
            impl<'de> #rt::rt::serde::Deserialize<'de> for #name {
                fn deserialize<D: #rt::rt::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    #rt::rt::#de_fn(d)
                }
            }
        }
    }

    /// `GraphType`: the qualified CSDL name a generated type stands for.
    pub fn graph_type_impl(&self, name: &Ident, csdl: &str) -> TokenStream {
        let rt = self.rt;
        quote! {
            #[allow(deprecated)]
            impl #rt::rt::GraphType for #name {
                const TYPE_NAME: &'static str = #csdl;
            }
        }
    }

    /// `schemars::JsonSchema` (with the `schemars` feature), giving the
    /// exported definition `def` of the generated bundle.
    pub fn schemars_impl(&self, name: &Ident, def: &str) -> TokenStream {
        if !self.schemars {
            return quote!();
        }
        let rt = self.rt;
        let id = format!("graph-model:{def}");
        let bundle = self.path(&Path {
            module: Vec::new(),
            name: "SCHEMA_BUNDLE".into(),
        });
        quote! {
            #[cfg(feature = "schemars")]
            #[allow(deprecated)]
            impl #rt::rt::schemars::JsonSchema for #name {
                fn schema_name() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed(#def)
                }
                fn schema_id() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed(#id)
                }
                fn json_schema(g: &mut #rt::rt::schemars::SchemaGenerator) -> #rt::rt::schemars::Schema {
                    #rt::rt::schema_definition(#bundle, #def, g)
                }
            }
        }
    }

    /// `#[derive(...)]` with the kind's own derives, then the configured
    /// extra ones that are not already there.
    pub fn derive(&self, own: &[&str]) -> TokenStream {
        let own_idents = own.iter().map(|d| format_ident!("{}", d));
        let extra = self
            .derives
            .iter()
            .filter(|d| !own.contains(&quote!(#d).to_string().as_str()));
        quote!(#[derive(#(#own_idents),* #(, #extra)*)])
    }

    /// A path to `target`, relative to the current module (`super::x::Y`).
    pub fn path(&self, target: &Path) -> TokenStream {
        let common = self
            .module
            .iter()
            .zip(&target.module)
            .take_while(|(a, b)| a == b)
            .count();
        let supers = (common..self.module.len()).map(|_| quote!(super::));
        let downs = target.module[common..].iter().map(|m| {
            let m = ident(m);
            quote!(#m::)
        });
        let name = ident(&target.name);
        quote!(#(#supers)* #(#downs)* #name)
    }

    pub fn ty(&self, t: &RustType) -> TokenStream {
        let rt = self.rt;
        match t {
            RustType::Primitive(p) => primitive(rt, *p),
            RustType::Named(p) => self.path(p),
            RustType::Flags(p) => {
                let p = self.path(p);
                quote!(#rt::Flags<#p>)
            }
            RustType::Vec(inner) => {
                let inner = self.ty(inner);
                quote!(Vec<#inner>)
            }
            RustType::Box(inner) => {
                let inner = self.ty(inner);
                quote!(Box<#inner>)
            }
            RustType::Untyped => quote!(#rt::Untyped),
        }
    }
}

fn primitive(rt: &TokenStream, p: Primitive) -> TokenStream {
    use Primitive::*;
    match p {
        String => quote!(String),
        Boolean => quote!(bool),
        Byte => quote!(u8),
        SByte => quote!(i8),
        Int16 => quote!(i16),
        Int32 => quote!(i32),
        Int64 => quote!(#rt::edm::Int64),
        Single | Double => quote!(#rt::edm::Double),
        Decimal => quote!(#rt::edm::Decimal),
        Guid => quote!(#rt::edm::Guid),
        Binary => quote!(#rt::edm::Binary),
        Date => quote!(#rt::edm::Date),
        DateTimeOffset => quote!(#rt::edm::DateTimeOffset),
        TimeOfDay => quote!(#rt::edm::TimeOfDay),
        Duration => quote!(#rt::edm::Duration),
        Stream | Untyped | Geo | Abstract => quote!(#rt::rt::serde_json::Value),
    }
}

/// `#[doc]` lines from a description, plus extra lines.
pub fn docs(doc: &Documentation, extra: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for text in [&doc.description, &doc.long_description]
        .into_iter()
        .flatten()
    {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(text.lines().map(|l| format!(" {}", l.trim_end())));
    }
    if !extra.is_empty() && !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(extra.iter().map(|l| format!(" {l}")));
    quote!(#(#[doc = #lines])*)
}

pub fn deprecated(d: &Option<Deprecation>) -> TokenStream {
    match d {
        Some(d) => {
            let note = d.note();
            quote!(#[deprecated(note = #note)])
        }
        None => quote!(),
    }
}

/// `feature = "a"` or `all(feature = "a", feature = "b")`.
pub fn features_cfg<'a>(features: impl IntoIterator<Item = &'a String>) -> TokenStream {
    let fs: Vec<&String> = features.into_iter().collect();
    if fs.len() == 1 {
        let f = fs[0];
        quote!(feature = #f)
    } else {
        quote!(all(#(feature = #fs),*))
    }
}
