//! Reading CSDL XML into the raw tree ([`raw::Document`]), with spans.
//!
//! Limits a build can rely on, each refused with an `error[limit]` naming
//! it: [`MAX_DOCUMENT_BYTES`], [`MAX_ELEMENTS`], [`MAX_ATTRIBUTE_BYTES`],
//! [`MAX_DEPTH`]; names are checked against the CSDL grammar ([`names`]).

mod attrs;
mod convert;
mod expr;
pub mod names;
/// The raw tree's fields mirror the CSDL attributes and child elements of
/// the same names (`Name`, `BaseType`, `Nullable`...), as written.
#[allow(missing_docs)]
pub mod raw;
mod xml;

pub(crate) use attrs::shown;
pub use xml::{
    parse as parse_xml, Children, Element, Tree, MAX_ATTRIBUTE_BYTES, MAX_DEPTH,
    MAX_DOCUMENT_BYTES, MAX_ELEMENTS,
};

use crate::diagnostics::Diagnostics;

/// Reads one CSDL document. A malformed XML document yields a single
/// `xml-syntax` error and no document; everything else is reported as
/// diagnostics next to the (possibly partial) document.
pub fn read(file: &str, text: &str) -> Result<(raw::Document, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let tree = match xml::parse(file, text) {
        Ok(tree) => tree,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    let doc = convert::document(file, tree.root(), &mut diags);
    Ok((doc, diags))
}
