//! Structured types: a struct with every property (inherited ones included),
//! the extra-properties map, and compact serde impls over the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{deprecated, docs, ident, Cx};
use crate::rust::plan::Struct;

pub fn emit(cx: &Cx, s: &Struct) -> TokenStream {
    let rt = cx.rt;
    let derive_attr = cx.derive(&["Clone", "Debug", "Default", "PartialEq"]);
    let name = ident(&s.path.name);
    let mut notes = vec![format!(
        "CSDL: `{}`{}.",
        s.csdl_name,
        if s.is_abstract { " (abstract)" } else { "" }
    )];
    if s.is_abstract {
        notes.push("Abstract: this struct holds a value that arrived without a more derived `@odata.type`.".into());
    }
    let doc = docs(&s.doc, &notes);
    let dep = deprecated(&s.deprecated);
    let extra = ident(&s.extra_field);
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let inner = cx.ty(&f.ty);
        let ty = if f.nullable {
            quote!(#rt::Nullable<#inner>)
        } else {
            quote!(Option<#inner>)
        };
        let json = &f.json_name;
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
        let mut notes = vec![format!("{kind} `{json}` ({state}).")];
        notes.extend(f.untyped.clone());
        let fdoc = docs(&f.doc, &notes);
        let fdep = deprecated(&f.deprecated);
        if f.needs.is_empty() {
            return quote! {
                #fdoc
                #fdep
                pub #fname: #ty,
            };
        }
        // Typed when the other namespaces' features are on, JSON otherwise.
        let fallback = cx.ty(&f.fallback);
        let fallback = if f.nullable {
            quote!(#rt::Nullable<#fallback>)
        } else {
            quote!(Option<#fallback>)
        };
        let cond = super::tokens::features_cfg(&f.needs);
        let features: Vec<String> = f.needs.iter().map(|n| format!("`{n}`")).collect();
        notes.push(format!(
            "Untyped: the feature {} is off; the JSON is kept exactly as read.",
            features.join(", ")
        ));
        let fallback_doc = docs(&f.doc, &notes);
        quote! {
            #fdoc
            #fdep
            #[cfg(#cond)]
            pub #fname: #ty,
            #fallback_doc
            #fdep
            #[cfg(not(#cond))]
            pub #fname: #fallback,
        }
    });
    let de_arms = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let json = &f.json_name;
        quote!(#json => #rt::rt::field(map, &mut self.#fname, key)?,)
    });
    let ser = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let json = &f.json_name;
        quote!(w.field(#json, &self.#fname)?;)
    });
    let csdl = &s.csdl_name;
    let de_body = if s.fields.is_empty() {
        quote! {
            let _ = (key, map);
            Ok(false)
        }
    } else {
        quote! {
            match key {
                #(#de_arms)*
                _ => return Ok(false),
            }
            Ok(true)
        }
    };
    let json_names = s.fields.iter().map(|f| &f.json_name);
    let ser_body = if s.fields.is_empty() {
        quote!(let _ = w;)
    } else {
        quote!(#(#ser)*)
    };
    let graph_type = cx.graph_type_impl(&name, csdl);
    // A polymorphic type's struct holds one shape; its `…Any` is the type.
    let def = if s.polymorphic {
        crate::schema::shape_definition(csdl)
    } else {
        csdl.to_string()
    };
    let schemars = cx.schemars_impl(&name, &def);
    let serde = cx.serde_impls(&name, quote!(#rt::rt::ser_struct(self, s)), "de_struct");
    quote! {
        #doc
        #dep
        #[allow(deprecated)]
        #derive_attr
        pub struct #name {
            #(#fields)*
            /// Properties not in the model and instance annotations, in the order read.
            pub #extra: #rt::Extra,
        }

        #[allow(deprecated)]
        impl #rt::rt::Struct for #name {
            const TYPE_NAME: &'static str = #csdl;

            fn de_field<'de, A: #rt::rt::serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
                #de_body
            }

            const FIELDS: &'static [&'static str] = &[#(#json_names),*];

            fn ser_fields<S: #rt::rt::serde::ser::SerializeMap>(&self, w: &mut #rt::rt::FieldWriter<'_, S>) -> Result<(), S::Error> {
                #ser_body
                Ok(())
            }

            fn extra(&self) -> &#rt::Extra {
                &self.#extra
            }

            fn extra_mut(&mut self) -> &mut #rt::Extra {
                &mut self.#extra
            }
        }

        #graph_type

        #serde

        #schemars
    }
}
