//! What both converters (elements in `convert.rs`, annotation expressions
//! in `expr.rs`) check attributes with: the name grammars, what a bad name
//! costs, and [`Ctx`], which reports into the diagnostics.

use super::names::{self, NameError};
use super::raw::*;
use super::xml::Element;
use crate::diagnostics::Diagnostics;

/// A name grammar: what it is called in messages, and its check.
pub(super) type Grammar = (&'static str, fn(&str) -> Result<(), NameError>);

pub(super) const IDENTIFIER: Grammar = ("simple identifier", names::simple_identifier);
pub(super) const NAMESPACE: Grammar = ("namespace", names::namespace);
pub(super) const QUALIFIED: Grammar = ("qualified name", names::qualified_name);
pub(super) const PATH: Grammar = ("path", names::path);

/// What happens to an element whose name breaks the grammar.
#[derive(Clone, Copy)]
pub(super) enum OnBadName {
    /// An error, and the element is left out of the model: its name would
    /// form qualified names, and through them Rust items and file names.
    Skip(&'static str),
    /// An error, and the element is kept: its name reaches generated code
    /// only as a JSON member name (a string literal) and a sanitised Rust name.
    Keep,
    /// A warning, and the element is kept as written: the name reaches no
    /// identifier and no file (annotation qualifiers, targets, paths).
    Warn,
}

/// A name as it can be shown in a one-line message: control and format
/// characters escaped, very long names shortened.
pub(crate) fn shown(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == 80 {
            out.push('…');
            break;
        }
        if c.is_control() || ('\u{200b}'..='\u{206f}').contains(&c) || c == '\u{feff}' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The type facets' attributes.
const FACETS: [&str; 5] = ["MaxLength", "Precision", "Scale", "Unicode", "SRID"];

/// Attributes every element may carry without a warning.
fn is_ambient(attr: &str) -> bool {
    attr == "xmlns" || attr.starts_with("xmlns:") || attr.starts_with("xml:")
}

pub(super) struct Ctx<'d> {
    pub(super) diags: &'d mut Diagnostics,
}

impl Ctx<'_> {
    pub(super) fn check_attrs(&mut self, el: Element, known: &[&str]) {
        self.check_attrs_by(el, |k| known.contains(&k));
    }

    /// [`Ctx::check_attrs`] for an element that also takes the facets.
    pub(super) fn check_attrs_with_facets(&mut self, el: Element, known: &[&str]) {
        self.check_attrs_by(el, |k| known.contains(&k) || FACETS.contains(&k));
    }

    /// Warns of every attribute that is neither `is_known` nor ambient.
    pub(super) fn check_attrs_by(&mut self, el: Element, is_known: impl Fn(&str) -> bool) {
        for (k, _) in el.attrs() {
            if !is_known(k) && !is_ambient(k) {
                self.diags.warning(
                    "unknown-attribute",
                    Some(&el.span()),
                    format!("attribute `{k}` on <{}> is not CSDL; ignored", el.name()),
                );
            }
        }
    }

    pub(super) fn unknown_child(&mut self, parent: Element, child: Element) {
        self.diags.warning(
            "unknown-element",
            Some(&child.span()),
            format!(
                "<{}> is not expected inside <{}>; ignored",
                child.name(),
                parent.name()
            ),
        );
    }

    pub(super) fn required(&mut self, el: Element, attr: &str) -> Option<String> {
        match el.attr(attr) {
            Some(v) if !v.is_empty() => Some(v.to_string()),
            _ => {
                self.diags.error(
                    "missing-attribute",
                    Some(&el.span()),
                    format!("<{}> needs a `{attr}` attribute", el.name()),
                );
                None
            }
        }
    }

    /// A required attribute that must match `grammar`. A violation is an
    /// error in every mode; the element is skipped or kept as `on_bad` says.
    pub(super) fn name(
        &mut self,
        el: Element,
        attr: &str,
        grammar: Grammar,
        on_bad: OnBadName,
    ) -> Option<String> {
        let value = self.required(el, attr)?;
        self.checked(el, attr, value, grammar, on_bad)
    }

    /// An optional attribute that must match `grammar` when present.
    pub(super) fn opt_name(
        &mut self,
        el: Element,
        attr: &str,
        grammar: Grammar,
        on_bad: OnBadName,
    ) -> Option<String> {
        let value = el.attr(attr)?.to_string();
        self.checked(el, attr, value, grammar, on_bad)
    }

    fn checked(
        &mut self,
        el: Element,
        attr: &str,
        value: String,
        (what, check): Grammar,
        on_bad: OnBadName,
    ) -> Option<String> {
        let Err(e) = check(&value) else {
            return Some(value);
        };
        let consequence = match on_bad {
            OnBadName::Skip(c) => c,
            OnBadName::Keep => {
                "kept: it is used only as the JSON name, and its Rust name is sanitised"
            }
            OnBadName::Warn => "kept as written",
        };
        let msg = format!(
            "<{}> {attr} `{}` is not a CSDL {what}: {e}; {consequence}",
            el.name(),
            shown(&value)
        );
        match on_bad {
            OnBadName::Skip(_) => {
                self.diags.error("invalid-name", Some(&el.span()), msg);
                None
            }
            OnBadName::Keep => {
                self.diags.error("invalid-name", Some(&el.span()), msg);
                Some(value)
            }
            OnBadName::Warn => {
                self.diags.warning("invalid-name", Some(&el.span()), msg);
                Some(value)
            }
        }
    }

    pub(super) fn opt(&self, el: Element, attr: &str) -> Option<String> {
        el.attr(attr).map(str::to_string)
    }

    pub(super) fn boolean(&mut self, el: Element, attr: &str) -> Option<bool> {
        match el.attr(attr)? {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.diags.error(
                    "invalid-attribute",
                    Some(&el.span()),
                    format!("`{attr}` must be `true` or `false`, found `{other}`"),
                );
                None
            }
        }
    }

    pub(super) fn integer<T: std::str::FromStr>(&mut self, el: Element, attr: &str) -> Option<T> {
        let text = el.attr(attr)?;
        match text.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.diags.error(
                    "invalid-attribute",
                    Some(&el.span()),
                    format!("`{attr}` must be an integer, found `{text}`"),
                );
                None
            }
        }
    }

    pub(super) fn facets(&mut self, el: Element) -> Facets {
        let scale = match el.attr("Scale") {
            None => None,
            Some("variable") => Some(Scale::Variable),
            Some("floating") => Some(Scale::Floating),
            Some(_) => self.integer(el, "Scale").map(Scale::Fixed),
        };
        Facets {
            max_length: self.opt(el, "MaxLength"),
            precision: self.integer(el, "Precision"),
            scale,
            unicode: self.boolean(el, "Unicode"),
            srid: self.opt(el, "SRID"),
        }
    }
}
