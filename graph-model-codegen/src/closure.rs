//! Which types a generation includes: the closure of its roots.
//!
//! Structural properties are always followed (a type cannot be written
//! without the types of its properties), and so is every subtype of a
//! polymorphic type that is reached. Navigation properties are followed
//! only as far as asked — not at all by default, to a depth, without limit,
//! or along explicit paths such as `user/manager` — because an entity
//! type's navigation reaches most of a model (`microsoft.graph.user`: 31
//! types without navigation, 3,460 with it, in v1.0). Types can also be
//! excluded on purpose. A property whose type is left out is still
//! generated, as untyped JSON kept exactly as read; [`Closure::report`] says
//! what was cut and why.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{Model, Target, TypeId};

/// How far navigation properties are followed from a root.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Navigation {
    /// Not at all: navigation properties are generated as untyped JSON
    /// unless their type is in the closure anyway.
    #[default]
    None,
    /// Up to this many navigation steps from the root.
    Depth(u32),
    /// Without limit (most of a model, for a rich entity type).
    All,
    /// Containment navigation only (`ContainsTarget="true"`), without
    /// limit: what the root's URL subtree holds (`users/{id}/messages/{id}/
    /// attachments`), the types a bundled area brings.
    Containment,
}

impl Navigation {
    /// Steps left: `u32::MAX` stands for no limit.
    fn budget(self) -> u32 {
        match self {
            Navigation::None | Navigation::Containment => 0,
            Navigation::Depth(d) => d.min(u32::MAX - 1),
            Navigation::All => u32::MAX,
        }
    }

    /// `none`, `all` (or `*`), `containment` or a depth.
    pub fn parse(text: &str) -> Result<Self, crate::Error> {
        Self::parse_text(text).map_err(crate::Error::UnknownRoot)
    }

    fn parse_text(text: &str) -> Result<Self, String> {
        match text.trim() {
            "" | "none" | "0" => Ok(Navigation::None),
            "all" | "*" => Ok(Navigation::All),
            "containment" => Ok(Navigation::Containment),
            n => n.parse().map(Navigation::Depth).map_err(|_| {
                format!(
                    "`{n}`: expected `none`, `all`, `containment` or a number of navigation steps"
                )
            }),
        }
    }
}

/// What to include: roots, each with its navigation, navigation paths to
/// type, and types to leave out.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    /// Root types, each with how far its navigation is followed.
    pub roots: Vec<(TypeId, Navigation)>,
    /// Navigation paths to follow in any case, resolved (see
    /// `resolve_path`): each step is a type and one of its navigation properties.
    pub paths: Vec<Vec<(TypeId, String)>>,
    /// Types never generated (with their subtypes unless reached otherwise);
    /// properties of these types are untyped JSON.
    pub excluded: BTreeSet<TypeId>,
}

/// Why a property's type is not generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cut {
    /// A navigation property the closure did not follow.
    NavigationNotFollowed,
    /// The type was excluded on purpose.
    Excluded,
    /// The model does not resolve the type.
    Unresolved,
}

impl fmt::Display for Cut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cut::NavigationNotFollowed => "navigation not followed",
            Cut::Excluded => "type excluded",
            Cut::Unresolved => "type not resolved by the model",
        })
    }
}

/// The types of a generation, and what was left out.
#[derive(Clone, Debug, Default)]
pub struct Closure {
    /// The types to generate.
    pub types: BTreeSet<TypeId>,
    /// The navigation properties typed because a root's depth or a path
    /// reached them: `(declaring type, name)`.
    pub followed: BTreeSet<(TypeId, String)>,
    /// For the types generated: properties left untyped, by reason.
    pub cuts: BTreeMap<Cut, CutCount>,
}

/// Properties left untyped for one reason, and the distinct types they name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CutCount {
    /// Properties of generated types (one inherited by several counted once).
    pub properties: usize,
    /// Distinct types not generated.
    pub types: BTreeSet<String>,
}

/// Computes the closure of `spec`.
pub fn closure(model: &Model, spec: &Spec) -> Closure {
    let mut best: BTreeMap<TypeId, u32> = BTreeMap::new();
    // Types reached while containment navigation is followed.
    let mut contained: BTreeSet<TypeId> = BTreeSet::new();
    let mut containment: Vec<TypeId> = spec
        .roots
        .iter()
        .filter(|(_, n)| *n == Navigation::Containment)
        .map(|&(t, _)| t)
        .collect();
    let mut work: Vec<(TypeId, u32)> = spec.roots.iter().map(|&(t, n)| (t, n.budget())).collect();
    let mut followed = BTreeSet::new();
    for path in &spec.paths {
        for (from, nav) in path {
            work.push((*from, 0));
            followed.insert((*from, nav.clone()));
            if let Some(t) = navigation_target(model, *from, nav) {
                work.push((t, 0));
            }
        }
    }
    loop {
        let Some((id, budget)) = work.pop() else {
            // Then containment: every type the structural pass reached from
            // a containment root follows its containment navigation too.
            let Some(id) = containment.pop() else { break };
            if spec.excluded.contains(&id) || !contained.insert(id) {
                continue;
            }
            work.push((id, 0));
            if model.get(id).structured().is_some() {
                for (n, _) in model.navigation(id) {
                    if let (true, Target::Named(t)) = (n.contains_target, &n.ty.target) {
                        containment.push(*t);
                    }
                }
                for p in model.properties(id) {
                    if let Target::Named(t) = p.property.ty.target {
                        containment.push(t);
                    }
                }
                if model.is_polymorphic(id) {
                    containment.extend(model.derived_transitive(id));
                }
            }
            continue;
        };
        if spec.excluded.contains(&id) || best.get(&id).is_some_and(|&b| b >= budget) {
            continue;
        }
        best.insert(id, budget);
        if model.get(id).structured().is_none() {
            continue;
        }
        for p in model.properties(id) {
            if let Target::Named(t) = p.property.ty.target {
                work.push((t, budget));
            }
        }
        if budget > 0 {
            let next = if budget == u32::MAX {
                budget
            } else {
                budget - 1
            };
            for (n, _) in model.navigation(id) {
                if let Target::Named(t) = n.ty.target {
                    work.push((t, next));
                }
            }
        }
        if model.is_polymorphic(id) {
            work.extend(
                model
                    .derived_transitive(id)
                    .into_iter()
                    .map(|d| (d, budget)),
            );
        }
    }
    let types: BTreeSet<TypeId> = best.keys().copied().collect();
    let mut cuts: BTreeMap<Cut, CutCount> = BTreeMap::new();
    // Each declared property once, though every type that inherits it has it.
    let mut counted: BTreeSet<(TypeId, &str)> = BTreeSet::new();
    for &id in &types {
        if model.get(id).structured().is_none() {
            continue;
        }
        let structural = model.properties(id).into_iter().map(|p| {
            (
                p.declared_in,
                p.property.name.as_str(),
                &p.property.ty.target,
                false,
            )
        });
        let navigation = model
            .navigation(id)
            .into_iter()
            .map(|(n, t)| (t, n.name.as_str(), &n.ty.target, true));
        for (declared_in, name, target, navigation) in structural.chain(navigation) {
            let (cut, type_name) = match target {
                Target::Primitive(_) => continue,
                Target::Named(t) if types.contains(t) => continue,
                Target::Named(t) if spec.excluded.contains(t) => {
                    (Cut::Excluded, model.get(*t).name.to_string())
                }
                Target::Named(t) if navigation => {
                    (Cut::NavigationNotFollowed, model.get(*t).name.to_string())
                }
                // A structural property's type is always followed.
                Target::Named(_) => continue,
                Target::Unresolved(n) => (Cut::Unresolved, n.clone()),
            };
            if !counted.insert((declared_in, name)) {
                continue;
            }
            let c = cuts.entry(cut).or_default();
            c.properties += 1;
            c.types.insert(type_name);
        }
    }
    Closure {
        types,
        followed,
        cuts,
    }
}

fn navigation_target(model: &Model, from: TypeId, nav: &str) -> Option<TypeId> {
    model
        .navigation(from)
        .into_iter()
        .find(|(n, _)| n.name == nav)
        .and_then(|(n, _)| match n.ty.target {
            Target::Named(t) => Some(t),
            _ => None,
        })
}

/// Resolves a type name: qualified (`microsoft.graph.user`), alias-qualified
/// (`graph.user`), or unqualified when exactly one namespace has it (`user`).
pub(crate) fn resolve_type(model: &Model, name: &str) -> Result<TypeId, String> {
    if let Some(id) = model.lookup(name) {
        return Ok(id);
    }
    if !name.contains('.') {
        match model.named(name).as_slice() {
            [one] => return Ok(*one),
            [] => {}
            many => {
                let names: Vec<String> = many
                    .iter()
                    .map(|&id| model.get(id).name.to_string())
                    .collect();
                return Err(format!("`{name}` is ambiguous: {}", names.join(", ")));
            }
        }
    }
    // Compared as written: qualified names with qualified ones, a simple name with simple ones.
    let qualified = name.contains('.');
    let all: Vec<(String, String)> = model
        .ids()
        .map(|id| {
            let n = &model.get(id).name;
            let key = if qualified {
                n.to_string()
            } else {
                n.name.clone()
            };
            (key, n.to_string())
        })
        .collect();
    let hint = crate::model::suggest::closest(name, all.iter().map(|(k, _)| k.as_str()))
        .and_then(|k| all.iter().find(|(key, _)| key == k))
        .map(|(_, full)| format!("; did you mean `{full}`?"))
        .unwrap_or_default();
    Err(format!("no type `{name}` in the model{hint}"))
}

/// Resolves a navigation path such as `user/manager` or
/// `microsoft.graph.user/messages/attachments`: a type, then one
/// navigation property per segment (inherited ones included; a segment may
/// also be a qualified subtype to cast to, as in `group/members/microsoft.graph.user/manager`).
pub(crate) fn resolve_path(model: &Model, path: &str) -> Result<Vec<(TypeId, String)>, String> {
    let mut segments = path.split('/').map(str::trim);
    let first = segments.next().unwrap_or_default();
    let mut here = resolve_type(model, first).map_err(|e| format!("`{path}`: {e}"))?;
    let mut steps = Vec::new();
    for seg in segments {
        if seg.contains('.') {
            let cast = resolve_type(model, seg).map_err(|e| format!("`{path}`: {e}"))?;
            if !model.derived_transitive(here).contains(&cast) {
                return Err(format!(
                    "`{path}`: `{}` is not a subtype of `{}`",
                    model.get(cast).name,
                    model.get(here).name
                ));
            }
            here = cast;
            continue;
        }
        let navs = model.navigation(here);
        let Some(t) = navigation_target(model, here, seg) else {
            let hint =
                crate::model::suggest::closest(seg, navs.iter().map(|(n, _)| n.name.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
            return Err(format!(
                "`{path}`: `{seg}` is not a navigation property of `{}`{hint}",
                model.get(here).name
            ));
        };
        steps.push((here, seg.to_string()));
        here = t;
    }
    if steps.is_empty() {
        return Err(format!(
            "`{path}`: a navigation path names a type and at least one navigation property (`user/manager`)"
        ));
    }
    Ok(steps)
}

/// A root as written in a list: a type name or resource path, optionally
/// followed by `:N` (navigation depth) or `:all`.
pub(crate) fn parse_root(text: &str) -> Result<(&str, Option<Navigation>), String> {
    match text.rsplit_once(':') {
        Some((name, nav)) if !nav.contains('/') => {
            Ok((name.trim(), Some(Navigation::parse_text(nav)?)))
        }
        _ => Ok((text.trim(), None)),
    }
}

impl Spec {
    /// A spec from names as a user writes them: roots (types or resource
    /// paths, each optionally with `:N` or `:all`), the navigation of roots
    /// that say nothing, navigation paths, and types to exclude.
    pub fn from_names(
        model: &Model,
        roots: &[String],
        navigation: Navigation,
        paths: &[String],
        excluded: &[String],
    ) -> Result<Spec, crate::Error> {
        Self::from_text(model, roots, navigation, paths, excluded)
            .map_err(crate::Error::UnknownRoot)
    }

    fn from_text(
        model: &Model,
        roots: &[String],
        navigation: Navigation,
        paths: &[String],
        excluded: &[String],
    ) -> Result<Spec, String> {
        let mut spec = Spec::default();
        for r in roots {
            let (name, nav) = parse_root(r)?;
            let id = match model.root(name) {
                Ok(Some(id)) => id,
                Err(why) => return Err(format!("`{name}`: {why}")),
                // Not a qualified name: an unqualified one, or a misspelling.
                Ok(None) => resolve_type(model, name)?,
            };
            spec.roots.push((id, nav.unwrap_or(navigation)));
        }
        for p in paths {
            spec.paths.push(resolve_path(model, p)?);
        }
        for e in excluded {
            spec.excluded.insert(resolve_type(model, e)?);
        }
        Ok(spec)
    }
}

impl Closure {
    /// A report of the closure's size and of what was cut, by reason, with
    /// the size of the same roots with all navigation followed.
    pub fn report(&self, model: &Model, spec: &Spec) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(out, "{} types", self.types.len());
        if self.cuts.is_empty() {
            let _ = writeln!(out, "nothing cut");
        }
        for (cut, c) in &self.cuts {
            let _ = writeln!(
                out,
                "cut ({cut}): {} properties, to {} types not generated",
                c.properties,
                c.types.len()
            );
        }
        if spec.roots.iter().any(|(_, n)| *n != Navigation::All) || !spec.excluded.is_empty() {
            let full = Spec {
                roots: spec
                    .roots
                    .iter()
                    .map(|&(t, _)| (t, Navigation::All))
                    .collect(),
                paths: Vec::new(),
                excluded: BTreeSet::new(),
            };
            let _ = writeln!(
                out,
                "with all navigation followed and nothing excluded: {} types",
                closure(model, &full).types.len()
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSDL: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="n" Alias="a">
  <EntityType Name="person"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/>
    <Property Name="home" Type="n.address"/>
    <NavigationProperty Name="manager" Type="n.person"/>
    <NavigationProperty Name="mail" Type="Collection(n.message)"/>
  </EntityType>
  <ComplexType Name="address"><Property Name="city" Type="Edm.String"/><Property Name="geo" Type="n.point"/></ComplexType>
  <ComplexType Name="point"><Property Name="x" Type="Edm.Double"/></ComplexType>
  <EntityType Name="message"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/>
    <NavigationProperty Name="attachments" Type="Collection(n.attachment)"/>
    <Property Name="oddity" Type="n.nowhere"/>
  </EntityType>
  <EntityType Name="attachment"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
</Schema></edmx:DataServices></edmx:Edmx>"#;

    fn model() -> Model {
        crate::model::load_str("t.xml", CSDL, Default::default()).unwrap()
    }

    fn names(m: &Model, c: &Closure) -> Vec<String> {
        c.types
            .iter()
            .map(|&t| m.get(t).name.name.clone())
            .collect()
    }

    fn root(m: &Model, n: Navigation) -> Spec {
        Spec {
            roots: vec![(m.lookup("n.person").unwrap(), n)],
            ..Spec::default()
        }
    }

    #[test]
    fn navigation_is_followed_as_far_as_asked() {
        let m = model();
        let none = closure(&m, &root(&m, Navigation::None));
        assert_eq!(names(&m, &none), ["person", "address", "point"]);
        let c = &none.cuts[&Cut::NavigationNotFollowed];
        // `manager` is typed: its type is in the closure anyway.
        assert_eq!((c.properties, c.types.len()), (1, 1));
        let one = closure(&m, &root(&m, Navigation::Depth(1)));
        assert_eq!(names(&m, &one), ["person", "address", "point", "message"]);
        assert_eq!(
            one.cuts[&Cut::NavigationNotFollowed].types,
            BTreeSet::from(["n.attachment".to_string()])
        );
        assert_eq!(one.cuts[&Cut::Unresolved].properties, 1);
        let all = closure(&m, &root(&m, Navigation::All));
        assert_eq!(all.types.len(), 5);
        assert!(!all.cuts.contains_key(&Cut::NavigationNotFollowed));
    }

    #[test]
    fn paths_and_exclusions() {
        let m = model();
        let mut spec = root(&m, Navigation::None);
        spec.paths
            .push(resolve_path(&m, "person/mail/attachments").unwrap());
        spec.excluded.insert(m.lookup("n.point").unwrap());
        let c = closure(&m, &spec);
        assert_eq!(
            names(&m, &c),
            ["person", "address", "message", "attachment"]
        );
        assert_eq!(c.cuts[&Cut::Excluded].properties, 1);
        let report = c.report(&m, &spec);
        assert!(report.starts_with("4 types\n"), "{report}");
        assert!(
            report.contains("cut (type excluded): 1 properties, to 1 types not generated"),
            "{report}"
        );
        assert!(
            report.contains("with all navigation followed and nothing excluded: 5 types"),
            "{report}"
        );
    }

    #[test]
    fn bad_paths_name_the_place() {
        let m = model();
        assert_eq!(
            resolve_path(&m, "person/managr").unwrap_err(),
            "`person/managr`: `managr` is not a navigation property of `n.person`; did you mean `manager`?"
        );
        assert_eq!(
            resolve_path(&m, "persn/manager").unwrap_err(),
            "`persn/manager`: no type `persn` in the model; did you mean `n.person`?"
        );
        assert!(resolve_path(&m, "person")
            .unwrap_err()
            .contains("at least one navigation property"));
        assert_eq!(
            resolve_path(&m, "a.person/manager/manager").unwrap().len(),
            2
        );
    }

    #[test]
    fn roots_with_depths() {
        assert_eq!(
            parse_root("n.person:2").unwrap(),
            ("n.person", Some(Navigation::Depth(2)))
        );
        assert_eq!(
            parse_root("n.person:all").unwrap(),
            ("n.person", Some(Navigation::All))
        );
        assert_eq!(parse_root("n.person").unwrap(), ("n.person", None));
        assert!(parse_root("n.person:x").is_err());
    }
}
