//! Names that are distinct in CSDL but easy to confuse: equal but for case or
//! Unicode normalisation. They are valid, so only warned about — but they
//! meet case-insensitive file systems and people reading generated code, and
//! the generator has to give them distinct Rust names.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::resolve::Resolver;
use super::types::TypeKind;
use crate::diagnostics::Span;

/// Case- and normalisation-insensitive key. ASCII text is its own NFC form
/// (almost every CSDL name), so only other text is normalised.
fn fold(name: &str) -> String {
    if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        name.nfc().collect::<String>().to_lowercase()
    }
}

fn how(a: &str, b: &str) -> &'static str {
    let (na, nb): (String, String) = (a.nfc().collect(), b.nfc().collect());
    if na == nb {
        "only by Unicode normalisation"
    } else if a.to_lowercase() == b.to_lowercase() {
        "only in case"
    } else {
        "only in case and Unicode normalisation"
    }
}

/// Finds the confusable pairs among `(name, span)` in order; the later of
/// each pair is reported.
fn pairs<'a>(
    items: impl IntoIterator<Item = (&'a str, &'a Span)>,
) -> Vec<(&'a str, &'a Span, &'a str, &'a Span)> {
    let mut seen: HashMap<String, (&str, &Span)> = HashMap::new();
    let mut out = Vec::new();
    for (name, span) in items {
        match seen.get(&fold(name)) {
            Some(&(first, first_span)) if first != name => {
                out.push((name, span, first, first_span))
            }
            Some(_) => {}
            None => {
                seen.insert(fold(name), (name, span));
            }
        }
    }
    out
}

impl Resolver {
    pub(super) fn check_confusable_names(&mut self) {
        let mut found = Vec::new();
        let namespaces = self
            .model
            .namespaces
            .iter()
            .map(|n| (n.name.as_str(), &n.span));
        for (b, span, a, at) in pairs(namespaces) {
            found.push((
                span.clone(),
                format!("namespace `{b}` differs from `{a}` (at {at}) {}", how(a, b)),
            ));
        }
        let mut by_ns: HashMap<&str, Vec<(&str, &Span)>> = HashMap::new();
        for t in &self.model.types {
            by_ns
                .entry(t.name.namespace.as_str())
                .or_default()
                .push((t.name.name.as_str(), &t.span));
        }
        for (ns, mut types) in by_ns {
            types.sort_by_key(|(_, s)| (*s).clone());
            for (b, span, a, at) in pairs(types) {
                found.push((
                    span.clone(),
                    format!(
                        "type `{ns}.{b}` differs from `{ns}.{a}` (at {at}) {}",
                        how(a, b)
                    ),
                ));
            }
        }
        for id in self.model.ids() {
            let def = self.model.get(id);
            match &def.kind {
                TypeKind::Structured(_) => {
                    let props = self.model.properties(id);
                    let navs = self.model.navigation(id);
                    let members = props
                        .iter()
                        .map(|p| (p.property.name.as_str(), &p.property.span, p.declared_in))
                        .chain(navs.iter().map(|(n, t)| (n.name.as_str(), &n.span, *t)));
                    let own: Vec<_> = members.collect();
                    let declared_here: Vec<&Span> = own
                        .iter()
                        .filter(|(_, _, t)| *t == id)
                        .map(|(_, s, _)| *s)
                        .collect();
                    for (b, span, a, at) in pairs(own.iter().map(|(n, s, _)| (*n, *s))) {
                        if declared_here.contains(&span) {
                            found.push((
                                span.clone(),
                                format!(
                                    "property `{b}` of `{}` differs from `{a}` (at {at}) {}",
                                    def.name,
                                    how(a, b)
                                ),
                            ));
                        }
                    }
                }
                TypeKind::Enum(e) => {
                    let members = e.members.iter().map(|m| (m.name.as_str(), &m.span));
                    for (b, span, a, at) in pairs(members) {
                        found.push((
                            span.clone(),
                            format!(
                                "member `{b}` of `{}` differs from `{a}` (at {at}) {}",
                                def.name,
                                how(a, b)
                            ),
                        ));
                    }
                }
                TypeKind::Definition(_) => {}
            }
        }
        for (span, msg) in found {
            self.diags.warning("confusable-name", Some(&span), msg);
        }
    }
}
