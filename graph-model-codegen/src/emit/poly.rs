//! `…Any` enums: dispatch on `@odata.type` to the declared type or one of its
//! subtypes, keeping an unknown subtype whole.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, Cx};
use crate::rust::plan::Poly;

pub fn emit(cx: &Cx, p: &Poly, aliases: &[(String, String)]) -> TokenStream {
    let rt = cx.rt;
    let derive_attr = cx.derive(&["Clone", "Debug", "PartialEq"]);
    let name = ident(&p.path.name);
    let base_ty = cx.path(&p.base);
    let base = ident(&p.base_variant);
    let unknown = ident(&p.unknown_variant);
    let csdl = &p.csdl_name;
    let doc = format!(
        " A `{csdl}` or any of its subtypes, chosen by `@odata.type` (`#microsoft.graph.x`, without `#`, or with a namespace alias)."
    );
    // A subtype from another namespace exists only with that namespace's feature.
    let cfg = |v: &crate::rust::plan::PolyVariant| match &v.needs {
        Some(f) => quote!(#[cfg(feature = #f)]),
        None => quote!(),
    };
    let variants = p.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let ty = cx.path(&v.ty);
        let vdoc = format!(" `@odata.type`: `#{}`", v.csdl_name);
        let cfg = cfg(v);
        quote!(#[doc = #vdoc] #cfg #vname(#ty),)
    });
    let arms = p.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let n = &v.csdl_name;
        let cfg = cfg(v);
        quote!(#cfg #n => #rt::rt::read_struct(head, map).map(Self::#vname),)
    });
    let ser_arms = p.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let t = format!("#{}", v.csdl_name);
        let cfg = cfg(v);
        quote!(#cfg Self::#vname(v) => #rt::rt::ser_typed(v, Some(#t), s),)
    });
    // Without generated subtypes every other type name is unknown.
    let read_variant = if p.variants.is_empty() {
        quote! {
            let _ = type_name;
            #rt::rt::read_unknown(head, map).map(Self::#unknown)
        }
    } else {
        quote! {
            match type_name {
                #(#arms)*
                _ => #rt::rt::read_unknown(head, map).map(Self::#unknown),
            }
        }
    };
    let alias_pairs = aliases.iter().map(|(a, n)| quote!((#a, #n)));
    let graph_type = cx.graph_type_impl(&name, csdl);
    let schemars = cx.schemars_impl(&name, csdl);
    let serde = cx.serde_impls(
        &name,
        quote! {
            match self {
                Self::#base(v) => #rt::rt::serde::Serialize::serialize(v, s),
                #(#ser_arms)*
                Self::#unknown(v) => #rt::rt::serde::Serialize::serialize(v, s),
            }
        },
        "de_poly",
    );
    quote! {
        #[doc = #doc]
        ///
        /// Without `@odata.type` (or with the declared type's own name) the value is
        /// read as the declared type. An `@odata.type` the model does not know is
        /// kept whole in the unknown variant and written back unchanged.
        #[allow(deprecated, clippy::large_enum_variant)]
        #derive_attr
        pub enum #name {
            /// No `@odata.type`, or the declared type itself.
            #base(#base_ty),
            #(#variants)*
            /// An `@odata.type` the model does not have.
            #unknown(#rt::UnknownSubtype),
        }

        #[allow(deprecated)]
        impl Default for #name {
            fn default() -> Self {
                Self::#base(Default::default())
            }
        }

        #[allow(deprecated)]
        impl #rt::rt::Polymorphic for #name {
            type Base = #base_ty;
            const BASE: &'static str = #csdl;
            const ALIASES: &'static [(&'static str, &'static str)] = &[#(#alias_pairs),*];

            fn read_variant<'de, A: #rt::rt::serde::de::MapAccess<'de>>(type_name: &str, head: #rt::Extra, map: A) -> Result<Self, A::Error> {
                #read_variant
            }

            fn from_base(base: #base_ty) -> Self {
                Self::#base(base)
            }
        }

        #graph_type

        #serde

        #schemars
    }
}
