//! A small element tree over quick-xml events, with a span on every element.
//!
//! CSDL is a few megabytes at most, so a tree is simpler to convert than a
//! streaming state machine and costs little (see the `read_resolve` bench).

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::diagnostics::{Diagnostic, LineIndex, Span};

/// One XML element: local name (prefix stripped), attributes in document
/// order, children, concatenated text content and where it starts. Names,
/// and values without entity references, borrow from the document.
#[derive(Clone, Debug)]
pub struct Element<'a> {
    /// Local name, prefix stripped.
    pub name: Cow<'a, str>,
    /// Attributes in document order, values unescaped.
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// Child elements.
    pub children: Vec<Element<'a>>,
    /// Text content, concatenated.
    pub text: String,
    /// Where the element starts.
    pub span: Span,
}

impl Element<'_> {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_ref())
    }
}

/// CSDL nests a dozen levels at most; a deeper document is refused rather
/// than risking the stack in the recursive stages after this one.
pub const MAX_DEPTH: usize = 256;
/// The largest document accepted, in bytes (Graph's beta `$metadata` is
/// about 8 MB, v1.0 about 3.4 MB).
pub const MAX_DOCUMENT_BYTES: usize = 256 << 20;
/// The most elements a document may have (v1.0 has about 40,000).
pub const MAX_ELEMENTS: usize = 2_000_000;
/// The longest attribute value, in bytes after unescaping (v1.0's longest,
/// a description, is 849).
pub const MAX_ATTRIBUTE_BYTES: usize = 64 << 10;

/// Parses a whole document into its root element.
///
/// Accepts a UTF-8 byte-order mark and a missing XML declaration. A syntax
/// error is returned as one diagnostic at the position where it was found.
pub fn parse<'a>(file: &str, text: &'a str) -> Result<Element<'a>, Diagnostic> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Diagnostic::error(
            "limit",
            Some(LineIndex::new(file, "").span(0)),
            format!(
                "the document is {} bytes; the limit is {MAX_DOCUMENT_BYTES} bytes (MAX_DOCUMENT_BYTES)",
                text.len()
            ),
        ));
    }
    let index = LineIndex::new(file, text);
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let mut reader = Reader::from_str(body);
    reader.config_mut().check_end_names = true;
    // Open elements; closed elements waiting for their parent to close (a
    // parent's children start at its entry in `starts`), then moved into a
    // vector of exactly their number: no vector grows element by element.
    let mut stack: Vec<Element<'a>> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut closed: Vec<Element<'a>> = Vec::new();
    let mut attrs = Vec::new();
    let mut root: Option<Element<'a>> = None;
    let mut elements = 0usize;
    let err = |offset: usize, msg: String| {
        Diagnostic::error("xml-syntax", Some(index.span(offset + bom)), msg)
    };
    let limit = |offset: usize, msg: String| {
        Diagnostic::error("limit", Some(index.span(offset + bom)), msg)
    };
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            err(
                reader.error_position() as usize,
                format!("malformed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(_) if stack.len() >= MAX_DEPTH => {
                return Err(limit(
                    before,
                    format!("elements are nested more than {MAX_DEPTH} deep (MAX_DEPTH)"),
                ));
            }
            Event::Start(_) | Event::Empty(_) if elements >= MAX_ELEMENTS => {
                return Err(limit(
                    before,
                    format!("the document has more than {MAX_ELEMENTS} elements (MAX_ELEMENTS)"),
                ));
            }
            Event::Start(ref start) | Event::Empty(ref start) => {
                elements += 1;
                let el = element(
                    body,
                    start,
                    index.span(before + bom),
                    &|o, m| err(o, m),
                    before,
                    &mut attrs,
                )?;
                if matches!(event, Event::Start(_)) {
                    stack.push(el);
                    starts.push(closed.len());
                } else {
                    attach(&stack, &mut closed, &mut root, el, || {
                        err(before, "more than one root element".into())
                    })?;
                }
            }
            Event::End(_) => {
                let mut el = stack.pop().expect("quick-xml checks end names");
                let first = starts.pop().expect("one start per open element");
                el.children = closed.drain(first..).collect();
                attach(&stack, &mut closed, &mut root, el, || {
                    err(before, "more than one root element".into())
                })?;
            }
            Event::Text(t) => {
                // Entity references arrive as `GeneralRef` events, so text
                // needs no unescaping; indentation between elements is skipped.
                if let Some(top) = stack.last_mut() {
                    if !t.iter().all(u8::is_ascii_whitespace) {
                        let s = t
                            .decode()
                            .map_err(|e| err(before, format!("invalid text: {e}")))?;
                        top.text.push_str(&s);
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let name = r
                        .decode()
                        .map_err(|e| err(before, format!("invalid reference: {e}")))?;
                    let s = unescape_text(&format!("&{name};")).map_err(|m| err(before, m))?;
                    top.text.push_str(&s);
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(Diagnostic::error(
            "xml-syntax",
            Some(open.span.clone()),
            format!("element <{}> is never closed", open.name),
        ));
    }
    root.ok_or_else(|| err(0, "document has no root element".into()))
}

/// A closed element goes to its parent's children (waiting in `closed`
/// until the parent closes), or is the root.
fn attach<'a>(
    open: &[Element<'a>],
    closed: &mut Vec<Element<'a>>,
    root: &mut Option<Element<'a>>,
    el: Element<'a>,
    too_many: impl FnOnce() -> Diagnostic,
) -> Result<(), Diagnostic> {
    if !open.is_empty() {
        closed.push(el);
    } else if root.is_none() {
        *root = Some(el);
    } else {
        return Err(too_many());
    }
    Ok(())
}

/// `bytes` as a slice of `body` when it lies inside it (quick-xml hands out
/// borrowed slices of the input), else an owned copy.
fn borrowed<'a>(body: &'a str, bytes: &[u8]) -> Cow<'a, str> {
    let start = (bytes.as_ptr() as usize).wrapping_sub(body.as_ptr() as usize);
    match body.get(start..start.wrapping_add(bytes.len())) {
        Some(s) if s.as_bytes().as_ptr() == bytes.as_ptr() => Cow::Borrowed(s),
        _ => Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
    }
}

fn element<'a>(
    body: &'a str,
    start: &BytesStart<'_>,
    span: Span,
    err: &dyn Fn(usize, String) -> Diagnostic,
    offset: usize,
    attrs: &mut Vec<(Cow<'a, str>, Cow<'a, str>)>,
) -> Result<Element<'a>, Diagnostic> {
    let name = local(borrowed(body, start.name().as_ref()));
    attrs.clear();
    for a in start.attributes() {
        let a = a.map_err(|e| err(offset, format!("malformed attribute: {e}")))?;
        let key = borrowed(body, a.key.as_ref());
        let value = if a.value.contains(&b'&') {
            Cow::Owned(
                a.unescape_value()
                    .map_err(|e| err(offset, format!("malformed attribute value: {e}")))?
                    .into_owned(),
            )
        } else {
            borrowed(body, &a.value)
        };
        if value.len() > MAX_ATTRIBUTE_BYTES {
            let mut d = err(
                offset,
                format!(
                    "attribute `{key}` is {} bytes long; the limit is {MAX_ATTRIBUTE_BYTES} bytes (MAX_ATTRIBUTE_BYTES)",
                    value.len()
                ),
            );
            d.code = "limit";
            return Err(d);
        }
        attrs.push((key, value));
    }
    // Exactly as many as there are; the scratch keeps its capacity.
    let mut exact = Vec::with_capacity(attrs.len());
    exact.append(attrs);
    Ok(Element {
        name,
        attrs: exact,
        children: Vec::new(),
        text: String::new(),
        span,
    })
}

/// The local part of a qualified name (`edmx:Edmx` → `Edmx`).
fn local(qname: Cow<'_, str>) -> Cow<'_, str> {
    match qname {
        Cow::Borrowed(s) => Cow::Borrowed(s.rsplit(':').next().unwrap_or(s)),
        Cow::Owned(s) => Cow::Owned(s.rsplit(':').next().unwrap_or(&s).to_string()),
    }
}

fn unescape_text(s: &str) -> Result<String, String> {
    quick_xml::escape::unescape(s)
        .map(|c| c.into_owned())
        .map_err(|e| format!("invalid escape: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_bom_and_no_declaration() {
        let root = parse("t.xml", "\u{feff}<a x=\"1\">\n  <b>t&amp;u</b><c/></a>").unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("x"), Some("1"));
        assert_eq!(root.children[0].text, "t&u");
        assert_eq!(root.children[0].span.to_string(), "t.xml:2:3");
        assert_eq!(root.children[1].name, "c");
    }

    #[test]
    fn reports_mismatched_end_tag_with_position() {
        let e = parse("t.xml", "<a>\n<b></c></a>").unwrap_err();
        assert!(e.to_string().starts_with("t.xml:2:"), "{e}");
        assert_eq!(e.code, "xml-syntax");
    }

    #[test]
    fn reports_unclosed_root() {
        let e = parse("t.xml", "<a>\n <b/>").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.xml:1:1: error[xml-syntax]: element <a> is never closed"
        );
    }
}

#[cfg(test)]
mod adversarial {
    use super::parse;

    #[test]
    fn absurd_nesting_is_refused() {
        let text = "<a>".repeat(100_000);
        let e = parse("deep.xml", &text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "deep.xml:1:769: error[limit]: elements are nested more than 256 deep (MAX_DEPTH)"
        );
    }

    #[test]
    fn malformed_inputs_give_errors_not_panics() {
        for text in [
            "",
            "</a>",
            "<a></a></b>",
            "<a></a><b/>",
            "<?xml version=\"1.0\"?>",
            "<a x=1/>",
            "<a>&bogus;</a>",
            "<a x=\"1\" x=\"2\"/>",
            "<<>>",
            "<a><!-- x</a>",
        ] {
            let r = parse("x.xml", text);
            assert!(r.is_err(), "{text:?} parsed: {r:?}");
            assert!(r.unwrap_err().to_string().starts_with("x.xml:"), "{text:?}");
        }
    }
}
