//! Reading CSDL XML into the raw tree ([`raw::Document`]), with spans.

mod convert;
mod expr;
/// The raw tree's fields mirror the CSDL attributes and child elements of
/// the same names (`Name`, `BaseType`, `Nullable`...), as written.
#[allow(missing_docs)]
pub mod raw;
mod xml;

pub use xml::{parse as parse_xml, Element};

use crate::diagnostics::Diagnostics;

/// Reads one CSDL document. A malformed XML document yields a single
/// `xml-syntax` error and no document; everything else is reported as
/// diagnostics next to the (possibly partial) document.
pub fn read(file: &str, text: &str) -> Result<(raw::Document, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let root = match xml::parse(file, text) {
        Ok(root) => root,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    let doc = convert::document(file, &root, &mut diags);
    Ok((doc, diags))
}
