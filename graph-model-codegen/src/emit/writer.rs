//! Writing generated Rust line by line, each construct laid out as rustfmt
//! lays it out (see [`super::layout`]): docs, attributes, item headers,
//! fields, constants, statements and match arms.

use super::layout::{self, ArmBody, Expr, Shape, MAX_WIDTH, TAB};
use crate::model::{Deprecation, Documentation};

/// Generated text under construction.
#[derive(Default)]
pub struct Writer {
    pub out: String,
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A line of the model's plain-text documentation as Markdown that renders
/// it as written: brackets and angle brackets escaped (rustdoc would read
/// `[0]` as a link, `<server>` as an HTML tag), backticks and backslashes
/// too, and bare `http(s)://` URLs made autolinks.
pub(crate) fn plain_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // A URL in the word, up to trailing punctuation of the sentence.
        let end = word
            .trim_end_matches(['.', ',', ';', ':', ')', '\'', '"'])
            .len();
        let (head, url) = match word.find("https://").or_else(|| word.find("http://")) {
            Some(at) if end > at => (&word[..at], Some((&word[at..end], &word[end..]))),
            _ => (word, None),
        };
        let escape = |out: &mut String, text: &str| {
            for c in text.chars() {
                if matches!(c, '[' | ']' | '<' | '>' | '`' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
        };
        escape(&mut out, head);
        match url {
            Some((url, tail)) if !url.contains(['<', '>', '[', ']', '`']) => {
                out.push('<');
                out.push_str(url);
                out.push('>');
                escape(&mut out, tail);
            }
            Some((url, tail)) => {
                escape(&mut out, url);
                escape(&mut out, tail);
            }
            None => {}
        }
    }
    out
}

impl Writer {
    /// One line at `indent`.
    pub fn line(&mut self, indent: usize, text: &str) {
        pad(&mut self.out, indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `///` lines: the description, the long description, then `extra`.
    pub fn docs(&mut self, indent: usize, doc: &Documentation, extra: &[String]) {
        let mut any = false;
        for text in [&doc.description, &doc.long_description]
            .into_iter()
            .flatten()
        {
            if any {
                self.line(indent, "///");
            }
            for l in text.lines() {
                self.doc_line(indent, &plain_text(l));
            }
            any = true;
        }
        if any && !extra.is_empty() {
            self.line(indent, "///");
        }
        for l in extra {
            self.doc_line(indent, l);
        }
    }

    /// `/// text` (Markdown), with characters a line comment cannot hold escaped.
    pub fn doc_line(&mut self, indent: usize, text: &str) {
        pad(&mut self.out, indent);
        self.out.push_str("/// ");
        for c in text.trim_end().chars() {
            if c.is_control() {
                self.out.extend(c.escape_default());
            } else {
                self.out.push(c);
            }
        }
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out.push('\n');
    }

    /// `#[deprecated(note = "...")]` when deprecated.
    pub fn deprecated(&mut self, indent: usize, d: &Option<Deprecation>) {
        if let Some(d) = d {
            let item = format!("note = {}", string_literal(&d.note()));
            self.meta_list(indent, "deprecated", &[item]);
        }
    }

    /// `#[name(items)]`: on one line when it fits, else one item per line.
    fn meta_list(&mut self, indent: usize, name: &str, items: &[String]) {
        let inner = items.join(", ");
        // `#[` before, `)]` after.
        let one_line = MAX_WIDTH.saturating_sub(indent + 2 + name.len() + 1 + 2);
        let fits = if items.len() == 1 {
            layout::width(&inner) <= one_line
        } else {
            layout::width(&inner) <= one_line.min(ATTR_FN_LIKE_WIDTH)
        };
        if fits {
            self.line(indent, &format!("#[{name}({inner})]"));
            return;
        }
        self.line(indent, &format!("#[{name}("));
        self.attr_items(indent, items);
        self.line(indent, ")]");
    }

    /// An attribute's items one per line, one level in, without a trailing
    /// comma (rustfmt keeps an attribute's commas as written).
    fn attr_items(&mut self, indent: usize, items: &[String]) {
        for (i, item) in items.iter().enumerate() {
            let sep = if i + 1 < items.len() { "," } else { "" };
            self.line(indent + TAB, &format!("{item}{sep}"));
        }
    }

    /// `#[cfg(...)]` of `feature = "a"` or `all(feature = "a", ...)`, or
    /// their negation.
    /// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", …))]`: on
    /// when any of `features` is.
    pub fn cfg_any(&mut self, indent: usize, features: &[String]) {
        let items: Vec<String> = features
            .iter()
            .map(|f| format!("feature = {}", string_literal(f)))
            .collect();
        if items.len() == 1 {
            self.line(indent, &format!("#[cfg({})]", items[0]));
            return;
        }
        let inner = items.join(", ");
        let flat = format!("#[cfg(any({inner}))]");
        if indent + layout::width(&flat) <= MAX_WIDTH && layout::width(&inner) <= ATTR_FN_LIKE_WIDTH
        {
            self.line(indent, &flat);
            return;
        }
        self.line(indent, "#[cfg(any(");
        self.attr_items(indent, &items);
        self.line(indent, "))]");
    }

    pub fn cfg(&mut self, indent: usize, features: &[&str], negate: bool) {
        let items: Vec<String> = features
            .iter()
            .map(|f| format!("feature = {}", string_literal(f)))
            .collect();
        let (open, close) = match (items.len() > 1, negate) {
            (false, false) => ("cfg(", ")"),
            (false, true) => ("cfg(not(", "))"),
            (true, false) => ("cfg(all(", "))"),
            (true, true) => ("cfg(not(all(", ")))"),
        };
        let inner = items.join(", ");
        let flat = format!("#[{open}{inner}{close}]");
        if items.len() == 1
            || (indent + layout::width(&flat) <= MAX_WIDTH
                && layout::width(&inner) <= ATTR_FN_LIKE_WIDTH)
        {
            self.line(indent, &flat);
            return;
        }
        self.line(indent, &format!("#[{open}"));
        self.attr_items(indent, &items);
        self.line(indent, &format!("{close}]"));
    }

    /// `#[derive(...)]`: on one line when it fits, else one per line.
    pub fn derive(&mut self, indent: usize, derives: &[String]) {
        let flat = format!("#[derive({})]", derives.join(", "));
        if indent + layout::width(&flat) <= MAX_WIDTH {
            self.line(indent, &flat);
            return;
        }
        self.line(indent, "#[derive(");
        for d in derives {
            self.line(indent + TAB, &format!("{d},"));
        }
        self.line(indent, ")]");
    }

    /// `lhs rhs` followed by `tail` (`;` or `,`), the right-hand side where
    /// rustfmt puts it.
    pub fn assign(&mut self, indent: usize, lhs: &str, rhs: &Expr, tail: &str) {
        let text = layout::assign(lhs, rhs, line_shape(indent, tail));
        self.line(indent, &format!("{text}{tail}"));
    }

    /// An expression as a statement or a block's value, followed by `tail`.
    pub fn expr(&mut self, indent: usize, e: &Expr, tail: &str) {
        let shape = line_shape(indent, tail);
        let text = e
            .rewrite(shape)
            .unwrap_or_else(|| e.rewrite_overflowing(shape));
        self.line(indent, &format!("{text}{tail}"));
    }

    /// `Name(Type),`: a tuple variant.
    pub fn tuple_variant(&mut self, indent: usize, name: &str, ty: &Expr) {
        self.expr(indent, &layout::call(name, vec![ty.clone()]), ",");
    }

    /// `pat => body,` with the body where rustfmt puts it: on the arrow's
    /// line, or in a block on the next lines.
    pub fn arm(&mut self, indent: usize, pat: &str, body: &Expr) {
        match layout::arm(pat, body, indent) {
            ArmBody::Same(s) => self.line(indent, &format!("{pat} => {s},")),
            ArmBody::Block(n) => {
                self.line(indent, &format!("{pat} => {{"));
                self.line(indent + TAB, &n);
                self.line(indent, "}");
            }
        }
    }

    /// `head(params) -> ret {`: the parameters on the line when the whole
    /// signature fits, else one per line.
    pub fn fn_open(&mut self, indent: usize, head: &str, params: &[&str], ret: &str) {
        let ret = if ret.is_empty() {
            String::new()
        } else {
            format!(" -> {ret}")
        };
        let flat = format!("{head}({}){ret} {{", params.join(", "));
        if indent + layout::width(&flat) <= MAX_WIDTH {
            return self.line(indent, &flat);
        }
        self.line(indent, &format!("{head}("));
        for p in params {
            self.line(indent + TAB, &format!("{p},"));
        }
        self.line(indent, &format!("){ret} {{"));
    }

    /// `impl{generics} {trait} for {ty} {`, with `for` on its own line when
    /// the header is too long.
    pub fn impl_open(&mut self, head: &str, ty: &str) {
        let flat = format!("{head} for {ty} {{");
        if layout::width(&flat) <= MAX_WIDTH {
            return self.line(0, &flat);
        }
        self.line(0, head);
        self.line(TAB, &format!("for {ty}"));
        self.line(0, "{");
    }
}

/// A line of its own at `indent`, with `tail` (`,` or `;`) after it.
fn line_shape(indent: usize, tail: &str) -> Shape {
    Shape::block(indent)
        .sub_width(tail.len())
        .unwrap_or(Shape::block(indent))
}

/// rustfmt's `attr_fn_like_width`.
const ATTR_FN_LIKE_WIDTH: usize = 70;

/// A Rust string literal of `s`, escaped as `proc_macro2` escapes one.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\0' if chars.peek().is_some_and(|n| ('0'..='7').contains(n)) => out.push_str("\\x00"),
            '\0' => out.push_str("\\0"),
            '\'' => out.push('\''),
            c => out.extend(c.escape_debug()),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_what_a_literal_cannot_hold() {
        assert_eq!(
            string_literal("a\"b\\c'd\n\0e\u{0}7"),
            "\"a\\\"b\\\\c'd\\n\\0e\\x007\""
        );
    }

    #[test]
    fn plain_text_documentation_renders_as_written() {
        assert_eq!(
            plain_text("PCR[0] of <server>:<port>"),
            r"PCR\[0\] of \<server\>:\<port\>"
        );
        assert_eq!(
            plain_text("See https://aka.ms/x. Or http[s]://y/."),
            r"See <https://aka.ms/x>. Or http\[s\]://y/."
        );
        assert_eq!(plain_text("a `b` c\\d"), r"a \`b\` c\\d");
        assert_eq!(plain_text("no change here"), "no change here");
    }

    #[test]
    fn doc_lines_cannot_end_the_comment_or_hold_control_characters() {
        let mut w = Writer::default();
        w.doc_line(4, "a\rb  ");
        assert_eq!(w.out, "    /// a\\rb\n");
    }
}
