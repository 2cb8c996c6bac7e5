//! Names that are distinct in CSDL but easy to confuse: equal but for case or
//! Unicode normalisation. They are valid, so only warned about — but they
//! meet case-insensitive file systems and people reading generated code, and
//! the generator has to give them distinct Rust names.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use unicode_normalization::UnicodeNormalization;

use super::checks::{members, Member};
use super::types::TypeKind;
use super::{Map, Model};
use crate::diagnostics::{Diagnostics, Span};

/// Case- and normalisation-insensitive key. ASCII text is its own NFC form
/// (almost every CSDL name) and is compared and hashed without regard to
/// ASCII case where it lies, with no copy; other text is normalised and
/// lowercased into a copy (whose ASCII letters are then lowercase too, so
/// the two forms compare alike).
#[derive(Debug)]
struct Folded<'a>(Cow<'a, str>);

impl<'a> Folded<'a> {
    fn new(name: &'a str) -> Self {
        if name.is_ascii() {
            Folded(Cow::Borrowed(name))
        } else {
            Folded(Cow::Owned(name.nfc().collect::<String>().to_lowercase()))
        }
    }
}

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for Folded<'_> {}

impl Hash for Folded<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        let mut buf = [0u8; 32];
        for chunk in self.0.as_bytes().chunks(buf.len()) {
            let lower = &mut buf[..chunk.len()];
            lower.copy_from_slice(chunk);
            lower.make_ascii_lowercase();
            h.write(lower);
        }
        h.write_u8(0xff);
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

/// The names seen so far, by folded key: the first of each.
type Seen<'a> = Map<Folded<'a>, (&'a str, &'a Span)>;

/// Finds the confusable pairs among `(name, span)` in order; the later of
/// each pair is reported. `seen` is scratch space (cleared first).
fn pairs<'a>(
    items: impl IntoIterator<Item = (&'a str, &'a Span)>,
    seen: &mut Seen<'a>,
) -> Vec<(&'a str, &'a Span, &'a str, &'a Span)> {
    seen.clear();
    let mut out = Vec::new();
    for (name, span) in items {
        match seen.entry(Folded::new(name)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let &(first, first_span) = first.get();
                if first != name {
                    out.push((name, span, first, first_span));
                }
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((name, span));
            }
        }
    }
    out
}

/// Warns of names that differ only in case or Unicode normalisation:
/// namespaces, the types of a namespace, the members (inherited included)
/// of a structured type, the members of an enum. Reads the model only.
pub(super) fn check(model: &Model) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut seen = Seen::default();
    let mut chain = Vec::new();
    let mut all: Vec<Member> = Vec::new();
    let namespaces = model.namespaces.iter().map(|n| (n.name.as_str(), &n.span));
    for (b, span, a, at) in pairs(namespaces, &mut seen) {
        diags.warning(
            "confusable-name",
            Some(span),
            format!("namespace `{b}` differs from `{a}` (at {at}) {}", how(a, b)),
        );
    }
    let mut by_ns: Map<&str, Vec<(&str, &Span)>> = Map::default();
    for t in &model.types {
        by_ns
            .entry(t.name.namespace.as_str())
            .or_default()
            .push((t.name.name.as_str(), &t.span));
    }
    for (ns, mut types) in by_ns {
        types.sort_by_key(|&(_, s)| s);
        for (b, span, a, at) in pairs(types, &mut seen) {
            diags.warning(
                "confusable-name",
                Some(span),
                format!(
                    "type `{ns}.{b}` differs from `{ns}.{a}` (at {at}) {}",
                    how(a, b)
                ),
            );
        }
    }
    for id in model.ids() {
        let def = model.get(id);
        match &def.kind {
            TypeKind::Structured(_) => {
                members(model, id, &mut chain, &mut all);
                let own = all.iter().map(|&(n, s, _)| (n, s));
                for (b, span, a, at) in pairs(own, &mut seen) {
                    let declared_here = all.iter().any(|&(_, s, t)| t == id && s == span);
                    if declared_here {
                        diags.warning(
                            "confusable-name",
                            Some(span),
                            format!(
                                "property `{b}` of `{}` differs from `{a}` (at {at}) {}",
                                def.name,
                                how(a, b)
                            ),
                        );
                    }
                }
            }
            TypeKind::Enum(e) => {
                let members = e.members.iter().map(|m| (m.name.as_str(), &m.span));
                for (b, span, a, at) in pairs(members, &mut seen) {
                    diags.warning(
                        "confusable-name",
                        Some(span),
                        format!(
                            "member `{b}` of `{}` differs from `{a}` (at {at}) {}",
                            def.name,
                            how(a, b)
                        ),
                    );
                }
            }
            TypeKind::Definition(_) => {}
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[&str]) -> Vec<(String, String)> {
        let span = Span {
            file: "t.xml".into(),
            line: 1,
            col: 1,
        };
        let mut seen = Seen::default();
        pairs(names.iter().map(|n| (*n, &span)), &mut seen)
            .into_iter()
            .map(|(b, _, a, _)| (b.to_string(), a.to_string()))
            .collect()
    }

    #[test]
    fn folds_case_and_normalisation_across_ascii_and_other_text() {
        let pair = |b: &str, a: &str| (b.to_string(), a.to_string());
        assert_eq!(
            found(&["name", "Name", "NAME"]),
            [pair("Name", "name"), pair("NAME", "name")]
        );
        // Composed and decomposed é; then the Kelvin sign, whose NFC is `K`.
        assert_eq!(
            found(&["Caf\u{e9}", "Cafe\u{301}"]),
            [pair("Cafe\u{301}", "Caf\u{e9}")]
        );
        assert_eq!(
            found(&["kind", "\u{212a}ind"]),
            [pair("\u{212a}ind", "kind")]
        );
        assert_eq!(
            found(&["\u{212a}ind", "KIND"]),
            [pair("KIND", "\u{212a}ind")]
        );
        // Same names, and names that differ in more than case, are not pairs;
        // a name longer than the hashing chunk still folds whole.
        let long_a = "a".repeat(70) + "x";
        let long_b = "A".repeat(70) + "y";
        assert!(found(&["a", "a", "ab", "ac", &long_a, &long_b]).is_empty());
        let long_c = "A".repeat(70) + "X";
        assert_eq!(found(&[&long_a, &long_c]), [pair(&long_c, &long_a)]);
        assert_eq!(how("Kind", "\u{212a}ind"), "only by Unicode normalisation");
    }
}
