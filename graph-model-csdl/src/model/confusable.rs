//! Names that are distinct in CSDL but easy to confuse: equal but for case or
//! Unicode normalisation. They are valid, so only warned about — but they
//! meet case-insensitive file systems and people reading generated code, and
//! the generator has to give them distinct Rust names.

use std::borrow::Cow;
use std::hash::{BuildHasher, Hash, Hasher};

use unicode_normalization::UnicodeNormalization;

use super::checks::{base_chain, members, Member};
use super::types::{TypeId, TypeKind};
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

/// The folded-name digest of every structured type's own properties and
/// navigation properties, each computed once: a type whose members'
/// digests are all distinct has no confusable pair (equal folded names
/// hash alike), so only the rare type with a repeated digest is checked
/// name by name — instead of hashing every inherited name again for every
/// derived type.
struct Digests {
    all: Vec<u64>,
    /// Per type: where its members' digests start and end in `all`.
    at: Vec<(usize, usize)>,
}

impl Digests {
    fn of(model: &Model) -> Self {
        let state = foldhash::fast::RandomState::default();
        let mut all = Vec::new();
        let mut at = Vec::with_capacity(model.types.len());
        for def in &model.types {
            let start = all.len();
            if let Some(s) = def.structured() {
                let props = s.properties.iter().map(|p| &p.name);
                let navs = s.navigation.iter().map(|n| &n.name);
                all.extend(
                    props
                        .chain(navs)
                        .map(|name| state.hash_one(Folded::new(name))),
                );
            }
            at.push((start, all.len()));
        }
        Self { all, at }
    }

    /// Whether two members of the type whose base chain (the type first)
    /// is `chain` have the same digest. `scratch` is reused.
    fn may_repeat(&self, chain: &[TypeId], scratch: &mut Vec<u64>) -> bool {
        scratch.clear();
        for t in chain {
            let (start, end) = self.at[t.0 as usize];
            scratch.extend_from_slice(&self.all[start..end]);
        }
        scratch.sort_unstable();
        scratch.windows(2).any(|w| w[0] == w[1])
    }
}

/// Warns of names that differ only in case or Unicode normalisation:
/// namespaces, the types of a namespace, the members (inherited included)
/// of a structured type, the members of an enum. Reads the model only.
pub(super) fn check(model: &Model) -> Diagnostics {
    check_with(model, true)
}

/// [`check`]; without `skip_distinct`, every structured type's members are
/// paired name by name (what the digests must not change).
fn check_with(model: &Model, skip_distinct: bool) -> Diagnostics {
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
    let digests = Digests::of(model);
    let mut scratch = Vec::new();
    for id in model.ids() {
        let def = model.get(id);
        match &def.kind {
            TypeKind::Structured(_) => {
                base_chain(model, id, &mut chain);
                if skip_distinct && !digests.may_repeat(&chain, &mut scratch) {
                    continue;
                }
                members(model, &chain, &mut all);
                let own = all.iter().map(|&(n, s, _)| (n, s));
                // A pair is new here when either name is declared here (both
                // inherited: reported at the base). Reported at the one
                // declared here — the later of the two when both are; the
                // other may come later in member order (an inherited
                // navigation property after this type's properties).
                let declared_here = |at: &Span| all.iter().any(|&(_, s, t)| t == id && s == at);
                for (b, span, a, at) in pairs(own, &mut seen) {
                    let (name, span, other, other_at) = if declared_here(span) {
                        (b, span, a, at)
                    } else if declared_here(at) {
                        (a, at, b, span)
                    } else {
                        continue;
                    };
                    diags.warning(
                        "confusable-name",
                        Some(span),
                        format!(
                            "property `{name}` of `{}` differs from `{other}` (at {other_at}) {}",
                            def.name,
                            how(other, name)
                        ),
                    );
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

    /// Confusable members at every level of a chain: inherited against
    /// own, property against navigation, composed against decomposed, long
    /// names, and types with nothing confusable.
    const CHAINS: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
  <edmx:DataServices>
    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="ns">
      <EntityType Name="root" Abstract="true">
        <Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.String" Nullable="false"/>
        <Property Name="Caf&#xE9;" Type="Edm.String"/>
        <NavigationProperty Name="items" Type="Collection(ns.root)"/>
      </EntityType>
      <EntityType Name="middle" BaseType="ns.root">
        <Property Name="ID" Type="Edm.String"/>
        <Property Name="aVeryLongPropertyNameThatIsLongerThanThirtyTwoBytes" Type="Edm.String"/>
      </EntityType>
      <EntityType Name="leaf" BaseType="ns.middle">
        <Property Name="Items" Type="Edm.String"/>
        <Property Name="Cafe&#x301;" Type="Edm.String"/>
        <Property Name="avERYlONGpROPERTYnAMEtHATiSlONGERtHANtHIRTYtWObYTES" Type="Edm.String"/>
        <NavigationProperty Name="Middle" Type="ns.middle"/>
        <NavigationProperty Name="middle" Type="ns.middle"/>
      </EntityType>
      <EntityType Name="plain" BaseType="ns.root">
        <Property Name="other" Type="Edm.String"/>
      </EntityType>
      <ComplexType Name="Leaf"><Property Name="x" Type="Edm.String"/><Property Name="X" Type="Edm.String"/></ComplexType>
      <EnumType Name="e"><Member Name="a"/><Member Name="A"/><Member Name="b"/></EnumType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    fn messages(d: &Diagnostics) -> Vec<String> {
        let mut out: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        out.sort();
        out
    }

    #[test]
    fn digests_skip_only_types_with_nothing_confusable() {
        let model = crate::model::load_str("chains.xml", CHAINS, Default::default()).unwrap();
        let fast = messages(&check(&model));
        assert_eq!(fast, messages(&check_with(&model, false)));
        let expected = [
            "property `ID` of `ns.middle` differs from `id`",
            "property `Items` of `ns.leaf` differs from `items`",
            "property `Cafe\u{301}` of `ns.leaf` differs from `Caf\u{e9}`",
            "property `avERYlONGpROPERTYnAMEtHATiSlONGERtHANtHIRTYtWObYTES` of `ns.leaf` differs from `aVeryLong",
            "property `middle` of `ns.leaf` differs from `Middle`",
            "property `X` of `ns.Leaf` differs from `x`",
            "member `A` of `ns.e` differs from `a`",
            "type `ns.Leaf` differs from `ns.leaf`",
        ];
        for want in expected {
            assert!(
                fast.iter().any(|m| m.contains(want)),
                "no warning containing {want:?} in {fast:#?}"
            );
        }
        assert_eq!(fast.len(), expected.len(), "{fast:#?}");
        assert!(!fast.iter().any(|m| m.contains("ns.plain")), "{fast:#?}");
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
