//! A small element tree over quick-xml events, with a position on every
//! element.
//!
//! CSDL is a few megabytes at most, so a tree is simpler to convert than a
//! streaming state machine. The tree is flat: every element is one entry of
//! one vector (in document order, linked to its first child and next
//! sibling), every attribute one entry of another, so building it costs a
//! handful of allocations whatever the document's size, and names and
//! values without entity references borrow from the document. Each
//! element's line and column come from walking the document's line index
//! forward as the reader goes, not from a search.

use std::borrow::Cow;
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::diagnostics::{Diagnostic, LineIndex, Span};

/// A parsed document: its elements, flat, and the file they came from.
#[derive(Clone, Debug)]
pub struct Tree<'a> {
    file: Arc<str>,
    nodes: Vec<Node<'a>>,
    attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

/// No element (the end of a sibling list, or no child).
const NONE: u32 = u32::MAX;

#[derive(Clone, Debug)]
struct Node<'a> {
    /// Local name, prefix stripped.
    name: Cow<'a, str>,
    /// This element's attributes: `Tree::attrs[attrs.0..attrs.1]`.
    attrs: (u32, u32),
    first_child: u32,
    next_sibling: u32,
    /// Text content, concatenated (most elements have none: no allocation).
    text: String,
    line: u32,
    col: u32,
}

/// One element of a [`Tree`]: a copyable view.
#[derive(Clone, Copy, Debug)]
pub struct Element<'t> {
    tree: &'t Tree<'t>,
    at: u32,
}

impl<'a> Tree<'a> {
    /// The root element.
    pub fn root(&self) -> Element<'_> {
        Element { tree: self, at: 0 }
    }

    /// How many elements the document has.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the tree is empty (a parsed document never is).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

impl<'t> Element<'t> {
    fn node(&self) -> &'t Node<'t> {
        &self.tree.nodes[self.at as usize]
    }

    /// Local name, prefix stripped.
    pub fn name(&self) -> &'t str {
        &self.node().name
    }

    /// Attributes in document order, values unescaped.
    pub fn attrs(&self) -> impl Iterator<Item = (&'t str, &'t str)> {
        let (from, to) = self.node().attrs;
        self.tree.attrs[from as usize..to as usize]
            .iter()
            .map(|(k, v)| (k.as_ref(), v.as_ref()))
    }

    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&'t str> {
        self.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// Child elements, in document order.
    pub fn children(&self) -> Children<'t> {
        Children {
            tree: self.tree,
            next: self.node().first_child,
        }
    }

    /// Text content, concatenated.
    pub fn text(&self) -> &'t str {
        &self.node().text
    }

    /// Where the element starts.
    pub fn span(&self) -> Span {
        let n = self.node();
        Span {
            file: self.tree.file.clone(),
            line: n.line,
            col: n.col,
        }
    }
}

/// The children of an [`Element`].
#[derive(Clone, Debug)]
pub struct Children<'t> {
    tree: &'t Tree<'t>,
    next: u32,
}

impl<'t> Iterator for Children<'t> {
    type Item = Element<'t>;

    fn next(&mut self) -> Option<Element<'t>> {
        if self.next == NONE {
            return None;
        }
        let at = self.next;
        self.next = self.tree.nodes[at as usize].next_sibling;
        Some(Element {
            tree: self.tree,
            at,
        })
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

/// An open element while parsing: its index and its last child so far.
struct Open {
    at: u32,
    last_child: u32,
}

/// Parses a whole document into its tree.
///
/// Accepts a UTF-8 byte-order mark and a missing XML declaration. A syntax
/// error is returned as one diagnostic at the position where it was found.
pub fn parse<'a>(file: &str, text: &'a str) -> Result<Tree<'a>, Diagnostic> {
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
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[bom..];
    let mut reader = Reader::from_str(body);
    reader.config_mut().check_end_names = true;
    // One index of the line starts: element positions walk it forward,
    // errors look offsets up in it.
    let index = LineIndex::new(file, text);
    let mut lines = index.forward();
    // Sized up front: growing vectors of megabytes would copy them again and
    // again. Graph's documents have an element per 71-83 bytes and an
    // attribute per 37-44; a denser document only grows them a little.
    let mut tree = Tree {
        file: index.file().clone(),
        nodes: Vec::with_capacity(body.len() / 64),
        attrs: Vec::with_capacity(body.len() / 32),
    };
    let mut open: Vec<Open> = Vec::new();
    let at = |offset: usize| index.span(offset + bom);
    let err = |offset: usize, msg: String| Diagnostic::error("xml-syntax", Some(at(offset)), msg);
    let limit = |offset: usize, msg: String| Diagnostic::error("limit", Some(at(offset)), msg);
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            err(
                reader.error_position() as usize,
                format!("malformed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(_) if open.len() >= MAX_DEPTH => {
                return Err(limit(
                    before,
                    format!("elements are nested more than {MAX_DEPTH} deep (MAX_DEPTH)"),
                ));
            }
            Event::Start(_) | Event::Empty(_) if tree.nodes.len() >= MAX_ELEMENTS => {
                return Err(limit(
                    before,
                    format!("the document has more than {MAX_ELEMENTS} elements (MAX_ELEMENTS)"),
                ));
            }
            Event::Start(ref start) | Event::Empty(ref start) => {
                if open.is_empty() && !tree.nodes.is_empty() {
                    return Err(err(before, "more than one root element".into()));
                }
                let index = tree.nodes.len() as u32;
                let (line, col) = lines.locate(before + bom);
                let node = element(body, start, &mut tree.attrs, line, col)
                    .map_err(|(code, msg)| Diagnostic::error(code, Some(at(before)), msg))?;
                tree.nodes.push(node);
                if let Some(parent) = open.last_mut() {
                    match parent.last_child {
                        NONE => tree.nodes[parent.at as usize].first_child = index,
                        prev => tree.nodes[prev as usize].next_sibling = index,
                    }
                    parent.last_child = index;
                }
                if matches!(event, Event::Start(_)) {
                    open.push(Open {
                        at: index,
                        last_child: NONE,
                    });
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                // Entity references arrive as `GeneralRef` events, so text
                // needs no unescaping; indentation between elements is skipped.
                if let Some(top) = open.last() {
                    if !t.iter().all(u8::is_ascii_whitespace) {
                        let s = t
                            .decode()
                            .map_err(|e| err(before, format!("invalid text: {e}")))?;
                        tree.nodes[top.at as usize].text.push_str(&s);
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = open.last() {
                    let name = r
                        .decode()
                        .map_err(|e| err(before, format!("invalid reference: {e}")))?;
                    let s = unescape_text(&format!("&{name};")).map_err(|m| err(before, m))?;
                    tree.nodes[top.at as usize].text.push_str(&s);
                }
            }
            Event::CData(c) => {
                if let Some(top) = open.last() {
                    tree.nodes[top.at as usize]
                        .text
                        .push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some(o) = open.last() {
        let e = Element {
            tree: &tree,
            at: o.at,
        };
        return Err(Diagnostic::error(
            "xml-syntax",
            Some(e.span()),
            format!("element <{}> is never closed", e.name()),
        ));
    }
    if tree.nodes.is_empty() {
        return Err(err(0, "document has no root element".into()));
    }
    Ok(tree)
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

/// One element's node; its attributes are appended to `attrs`. An error
/// is its code and message.
fn element<'a>(
    body: &'a str,
    start: &BytesStart<'_>,
    attrs: &mut Vec<(Cow<'a, str>, Cow<'a, str>)>,
    line: u32,
    col: u32,
) -> Result<Node<'a>, (&'static str, String)> {
    let name = local(borrowed(body, start.name().as_ref()));
    let first = attrs.len() as u32;
    for a in start.attributes() {
        let a = a.map_err(|e| ("xml-syntax", format!("malformed attribute: {e}")))?;
        let key = borrowed(body, a.key.as_ref());
        let value = if memchr::memchr(b'&', &a.value).is_some() {
            Cow::Owned(
                a.unescape_value()
                    .map_err(|e| ("xml-syntax", format!("malformed attribute value: {e}")))?
                    .into_owned(),
            )
        } else {
            borrowed(body, &a.value)
        };
        if value.len() > MAX_ATTRIBUTE_BYTES {
            return Err((
                "limit",
                format!(
                    "attribute `{key}` is {} bytes long; the limit is {MAX_ATTRIBUTE_BYTES} bytes (MAX_ATTRIBUTE_BYTES)",
                    value.len()
                ),
            ));
        }
        attrs.push((key, value));
    }
    Ok(Node {
        name,
        attrs: (first, attrs.len() as u32),
        first_child: NONE,
        next_sibling: NONE,
        text: String::new(),
        line,
        col,
    })
}

/// The local part of a qualified name (`edmx:Edmx` → `Edmx`).
fn local(qname: Cow<'_, str>) -> Cow<'_, str> {
    fn after_colon(s: &str) -> &str {
        match memchr::memrchr(b':', s.as_bytes()) {
            Some(colon) => &s[colon + 1..],
            None => s,
        }
    }
    match qname {
        Cow::Borrowed(s) => Cow::Borrowed(after_colon(s)),
        Cow::Owned(s) => Cow::Owned(after_colon(&s).to_string()),
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
        let tree = parse("t.xml", "\u{feff}<a x=\"1\">\n  <b>t&amp;u</b><c/></a>").unwrap();
        let root = tree.root();
        assert_eq!(root.name(), "a");
        assert_eq!(root.attr("x"), Some("1"));
        let children: Vec<_> = root.children().collect();
        assert_eq!(children.len(), 2);
        assert_eq!(children[0].text(), "t&u");
        assert_eq!(children[0].span().to_string(), "t.xml:2:3");
        assert_eq!(children[1].name(), "c");
    }

    /// The element names of a subtree, nested as written, with spans.
    fn outline(el: Element<'_>, out: &mut String) {
        out.push_str(&format!(
            "{}@{}:{}",
            el.name(),
            el.span().line,
            el.span().col
        ));
        if !el.text().is_empty() {
            out.push_str(&format!("={:?}", el.text()));
        }
        let children: Vec<_> = el.children().collect();
        if !children.is_empty() {
            out.push('(');
            for (i, c) in children.into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                outline(c, out);
            }
            out.push(')');
        }
    }

    #[test]
    fn links_children_in_order_and_counts_lines_as_it_goes() {
        let text = "<r:a xmlns:r=\"u\">\n <b><c/>\n\n  <d>x<![CDATA[<y>]]>&lt;</d></b>\r\n<e k=\"v\"/><f>\n</f></r:a>";
        let tree = parse("t.xml", text).unwrap();
        assert_eq!(tree.len(), 6);
        let mut out = String::new();
        outline(tree.root(), &mut out);
        assert_eq!(out, "a@1:1(b@2:2(c@2:5 d@4:3=\"x<y><\") e@5:1 f@5:11)");
        // Each position agrees with the line index that errors use.
        let index = LineIndex::new("t.xml", text);
        for (name, offset) in [
            ("c", text.find("<c").unwrap()),
            ("f", text.find("<f").unwrap()),
        ] {
            let el = tree
                .root()
                .children()
                .flat_map(|c| std::iter::once(c).chain(c.children()))
                .find(|e| e.name() == name)
                .unwrap();
            assert_eq!(el.span(), index.span(offset), "{name}");
        }
        assert_eq!(tree.root().children().nth(1).unwrap().attr("k"), Some("v"));
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
