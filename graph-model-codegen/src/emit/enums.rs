//! Open enums: one variant per member, and one that keeps any other string.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{deprecated, docs, ident, Cx};
use crate::rust::plan::Enum;

pub fn emit(cx: &Cx, e: &Enum) -> TokenStream {
    let rt = cx.rt;
    let derive_attr = cx.derive(&["Clone", "Debug", "PartialEq", "Eq", "Hash"]);
    let name = ident(&e.path.name);
    let other = ident(&e.other_variant);
    let doc = docs(
        &e.doc,
        &[format!(
            "CSDL: `{}`. Open: a value the model does not list is kept in [`Self::{}`].",
            e.csdl_name, e.other_variant
        )],
    );
    let dep = deprecated(&e.deprecated);
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let vdoc = docs(&v.doc, &[format!("`{}` = {}", v.wire, v.value)]);
        quote!(#vdoc #vname,)
    });
    let wires = e.variants.iter().map(|v| &v.wire);
    let values = e.variants.iter().map(|v| v.value);
    let from_index = e.variants.iter().enumerate().map(|(i, v)| {
        let vname = ident(&v.rust_name);
        quote!(#i => Self::#vname,)
    });
    let index = e.variants.iter().enumerate().map(|(i, v)| {
        let vname = ident(&v.rust_name);
        quote!(Self::#vname => Some(#i),)
    });
    let csdl = &e.csdl_name;
    // An enum without members has only the open variant: no other arms.
    let (from_index_body, other_body) = if e.variants.is_empty() {
        (
            quote! {
                let _ = index;
                Self::#other(String::new())
            },
            quote! {
                let Self::#other(s) = self;
                Some(s)
            },
        )
    } else {
        (
            quote! {
                match index {
                    #(#from_index)*
                    _ => Self::#other(String::new()),
                }
            },
            quote! {
                match self {
                    Self::#other(s) => Some(s),
                    _ => None,
                }
            },
        )
    };
    let serde = cx.serde_impls(&name, quote!(#rt::rt::ser_enum(self, s)), "de_enum");
    let schemars = cx.schemars_impl(&name, csdl);
    quote! {
        #doc
        #dep
        #[allow(deprecated)]
        #derive_attr
        pub enum #name {
            #(#variants)*
            /// A value that is not a member of the model's enum, exactly as received.
            #other(String),
        }

        #[allow(deprecated)]
        impl #rt::rt::WireEnum for #name {
            const TYPE_NAME: &'static str = #csdl;
            const MEMBERS: &'static [&'static str] = &[#(#wires),*];
            const VALUES: &'static [i64] = &[#(#values),*];

            fn from_index(index: usize) -> Self {
                #from_index_body
            }

            fn from_other(text: String) -> Self {
                Self::#other(text)
            }

            fn index(&self) -> Option<usize> {
                match self {
                    #(#index)*
                    Self::#other(_) => None,
                }
            }

            fn other(&self) -> Option<&str> {
                #other_body
            }
        }

        #serde

        #schemars
    }
}
