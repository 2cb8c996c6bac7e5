//! The resolved model: full names, resolved type references, inheritance,
//! attached annotations, and every problem found on the way.

mod annotations;
mod attach;
mod checks;
mod confusable;
pub mod conventions;
mod document;
pub mod path;
mod resolve;
pub mod suggest;
mod types;

pub use annotations::{Deprecation, Documentation};
pub use document::Document;
pub use resolve::{load_file, load_files, load_sources, load_str, resolve, LoadOptions};
pub use types::*;

use std::collections::HashMap;

use crate::csdl::raw::{Annotation, StructuredKind};
use crate::diagnostics::Diagnostics;

/// The maps of names used while loading: foldhash, seeded per process (a
/// crafted document cannot choose collisions), in place of SipHash, which
/// was 7 % of a load of v1.0.
pub(crate) type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A resolved CSDL model. Types are stored in a `Vec` indexed by [`TypeId`],
/// in document order.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Schemas, one per namespace, in document order.
    pub namespaces: Vec<Namespace>,
    /// Every named type, indexed by [`TypeId`].
    pub types: Vec<TypeDef>,
    /// Actions and functions.
    pub operations: Vec<Operation>,
    /// Entity containers.
    pub containers: Vec<Container>,
    /// Vocabulary terms declared by the documents.
    pub terms: Vec<QualifiedName>,
    /// External annotations whose target is not a type or a property
    /// (containers, entity sets, operations...), kept as data: `(target, annotation)`.
    pub other_annotations: Vec<(String, Annotation)>,
    /// Warnings, and (unless loaded strictly) errors, found while loading.
    pub diagnostics: Diagnostics,
    /// References to `microsoft.graph.Json` that the resolver read as
    /// `Edm.Untyped`, Graph's convention ([`conventions`]).
    pub json_as_untyped: usize,
    /// Namespace → local name → type: a lookup splits the name it is given
    /// instead of building the full name.
    index: Map<String, Map<String, TypeId>>,
    aliases: Map<String, String>,
}

/// Counts per kind, as `inspect` prints them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Schemas (namespaces).
    pub schemas: usize,
    /// Entity types.
    pub entity_types: usize,
    /// Complex types.
    pub complex_types: usize,
    /// Enum types.
    pub enum_types: usize,
    /// Enum types with an `unknownFutureValue` member.
    pub enums_with_unknown_future_value: usize,
    /// Enum types with evolvable members (after `unknownFutureValue`).
    pub enums_with_evolvable_members: usize,
    /// Evolvable members, in all enum types.
    pub evolvable_members: usize,
    /// References to `microsoft.graph.Json` read as `Edm.Untyped`.
    pub json_as_untyped: usize,
    /// Flags enum types.
    pub flags_enums: usize,
    /// Type definitions.
    pub type_definitions: usize,
    /// Actions.
    pub actions: usize,
    /// Functions.
    pub functions: usize,
    /// Entity sets.
    pub entity_sets: usize,
    /// Singletons.
    pub singletons: usize,
    /// Terms.
    pub terms: usize,
}

impl Model {
    /// The type with this id.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    /// A type reference's target as written in messages and reports:
    /// `microsoft.graph.user`, `Edm.String`, or an unresolved name as given.
    pub fn target_name(&self, t: &Target) -> String {
        match t {
            Target::Named(id) => self.get(*id).name.to_string(),
            Target::Primitive(p) => format!("Edm.{p:?}"),
            Target::Unresolved(s) => s.clone(),
        }
    }

    /// [`Model::target_name`] of a type reference, `Collection(…)` around
    /// it for a collection.
    pub fn type_ref_name(&self, t: &TypeRef) -> String {
        let inner = self.target_name(&t.target);
        if t.collection {
            format!("Collection({inner})")
        } else {
            inner
        }
    }

    /// Every type id, in document order.
    pub fn ids(&self) -> impl Iterator<Item = TypeId> + '_ {
        (0..self.types.len() as u32).map(TypeId)
    }

    /// Expands an alias (`graph.user` → `microsoft.graph.user`); full names pass through.
    pub fn full_name(&self, name: &str) -> String {
        let name = name.strip_prefix('#').unwrap_or(name);
        match name.rsplit_once('.') {
            Some((ns, local)) => match self.aliases.get(ns) {
                Some(full) => format!("{full}.{local}"),
                None => name.to_string(),
            },
            None => name.to_string(),
        }
    }

    /// The aliases that name `namespace` (schema aliases and `Include`
    /// aliases), sorted.
    pub fn aliases_of(&self, namespace: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .aliases
            .iter()
            .filter(|(_, ns)| *ns == namespace)
            .map(|(a, _)| a.as_str())
            .collect();
        out.sort_unstable();
        out
    }

    /// Every spelling of a type's name that [`Model::lookup`] accepts:
    /// `ns.T`, `#ns.T`, and the same with each alias of the namespace.
    pub fn spellings(&self, id: TypeId) -> Vec<String> {
        let name = &self.get(id).name;
        let mut out = vec![name.to_string(), format!("#{name}")];
        for alias in self.aliases_of(&name.namespace) {
            out.push(format!("{alias}.{}", name.name));
            out.push(format!("#{alias}.{}", name.name));
        }
        out
    }

    /// Finds a type by qualified name, alias-qualified name, or `#`-prefixed
    /// `@odata.type` form.
    pub fn lookup(&self, name: &str) -> Option<TypeId> {
        let name = name.strip_prefix('#').unwrap_or(name);
        let (ns, local) = name.rsplit_once('.')?;
        let ns = self.aliases.get(ns).map_or(ns, String::as_str);
        self.id_of(ns, local)
    }

    /// Every type whose local name (without its namespace) is `name`.
    pub fn named(&self, name: &str) -> Vec<TypeId> {
        self.ids()
            .filter(|&id| self.get(id).name.name == name)
            .collect()
    }

    /// A type written without its namespace, as Graph writes names in
    /// context URLs: `microsoft.graph.name`, else the only type of that
    /// local name. `None` for a qualified name, or one that is not unique.
    pub fn unqualified(&self, name: &str) -> Option<TypeId> {
        if name.contains(['.', '/', '(']) {
            return None;
        }
        if let Some(id) = self.lookup(&format!("microsoft.graph.{name}")) {
            return Some(id);
        }
        match self.named(name).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Whether `id` is an entity type.
    fn is_entity(&self, id: TypeId) -> bool {
        self.get(id)
            .structured()
            .is_some_and(|s| s.kind == StructuredKind::Entity)
    }

    /// The type `local` of namespace `ns` (a full namespace, not an alias).
    fn id_of(&self, ns: &str, local: &str) -> Option<TypeId> {
        self.index.get(ns)?.get(local).copied()
    }

    /// A generation root: a type name, or a resource path (it has a `/`)
    /// resolved through the entity container. `Ok(None)`: no type of that
    /// name; `Err`: the path does not resolve, or addresses no entity or
    /// complex type.
    pub fn root(&self, root: &str) -> Result<Option<TypeId>, crate::Error> {
        if root.contains('/') {
            let r = path::resolve(self, root)?;
            return match r.structured(self) {
                Some(id) => Ok(Some(id)),
                None => Err(crate::Error::Path {
                    input: root.to_string(),
                    message: format!("`{root}` does not address an entity or complex type"),
                }),
            };
        }
        Ok(self.lookup(root))
    }

    /// The entity or complex type `name` (qualified, alias-qualified or
    /// `#`-prefixed); an [`Error::Type`](crate::Error::Type) saying why
    /// not otherwise.
    pub fn structured_type(&self, name: &str) -> Result<TypeId, crate::Error> {
        let message = match self.lookup(name) {
            Some(id) if self.get(id).structured().is_some() => return Ok(id),
            Some(id) => format!(
                "`{name}` is {}, not an entity or complex type",
                self.get(id).kind_name_with_article()
            ),
            None => format!("no type `{name}` in the model"),
        };
        Err(crate::Error::Type {
            name: name.to_string(),
            message,
        })
    }

    /// The base types of `id`, nearest first. Stops at a cycle.
    pub fn base_chain(&self, id: TypeId) -> Vec<TypeId> {
        let mut chain = Vec::new();
        let mut cur = self.get(id).structured().and_then(|s| s.base);
        while let Some(b) = cur {
            if b == id || chain.contains(&b) {
                break;
            }
            chain.push(b);
            cur = self.get(b).structured().and_then(|s| s.base);
        }
        chain
    }

    /// The structured types from the root base down to `id`.
    fn chain_root_first(&self, id: TypeId) -> impl Iterator<Item = (TypeId, &Structured)> {
        let mut chain = self.base_chain(id);
        chain.reverse();
        chain.push(id);
        chain
            .into_iter()
            .filter_map(|t| self.get(t).structured().map(|s| (t, s)))
    }

    /// All structural properties, inherited first (root base's first), each
    /// with the type that declares it.
    pub fn properties(&self, id: TypeId) -> Vec<InheritedProperty<'_>> {
        self.chain_root_first(id)
            .flat_map(|(t, s)| {
                s.properties.iter().map(move |property| InheritedProperty {
                    property,
                    declared_in: t,
                })
            })
            .collect()
    }

    /// All navigation properties, inherited first, with their declaring type.
    pub fn navigation(&self, id: TypeId) -> Vec<(&NavigationProperty, TypeId)> {
        self.chain_root_first(id)
            .flat_map(|(t, s)| s.navigation.iter().map(move |n| (n, t)))
            .collect()
    }

    /// The key, from the nearest type in the chain that declares one.
    pub fn key(&self, id: TypeId) -> Vec<String> {
        std::iter::once(id)
            .chain(self.base_chain(id))
            .filter_map(|t| self.get(t).structured())
            .find(|s| !s.key.is_empty())
            .map(|s| s.key.clone())
            .unwrap_or_default()
    }

    /// Every subtype of `id`, transitively, in breadth-first then name order.
    pub fn derived_transitive(&self, id: TypeId) -> Vec<TypeId> {
        let mut out: Vec<TypeId> = Vec::new();
        let mut queue = vec![id];
        while let Some(t) = queue.pop() {
            if let Some(s) = self.get(t).structured() {
                for &d in &s.derived {
                    if d != id && !out.contains(&d) {
                        out.push(d);
                        queue.push(d);
                    }
                }
            }
        }
        out.sort_by(|a, b| self.get(*a).name.cmp(&self.get(*b).name));
        out
    }

    /// True when values of this type may carry a more derived `@odata.type`.
    pub fn is_polymorphic(&self, id: TypeId) -> bool {
        self.get(id)
            .structured()
            .is_some_and(|s| s.is_abstract || !s.derived.is_empty())
    }

    /// Counts per kind.
    pub fn stats(&self) -> Stats {
        let mut st = Stats {
            schemas: self.namespaces.len(),
            terms: self.terms.len(),
            ..Default::default()
        };
        for t in &self.types {
            match &t.kind {
                TypeKind::Structured(s) if s.kind == StructuredKind::Entity => st.entity_types += 1,
                TypeKind::Structured(_) => st.complex_types += 1,
                TypeKind::Enum(e) => {
                    st.enum_types += 1;
                    st.flags_enums += e.is_flags as usize;
                    st.enums_with_unknown_future_value += e.has_unknown_future_value() as usize;
                    let evolvable = e.evolvable().count();
                    st.enums_with_evolvable_members += (evolvable > 0) as usize;
                    st.evolvable_members += evolvable;
                }
                TypeKind::Definition(_) => st.type_definitions += 1,
            }
        }
        st.json_as_untyped = self.json_as_untyped;
        for op in &self.operations {
            match op.kind {
                crate::csdl::raw::OperationKind::Action => st.actions += 1,
                crate::csdl::raw::OperationKind::Function => st.functions += 1,
            }
        }
        for c in &self.containers {
            for es in &c.entity_sets {
                if es.singleton {
                    st.singletons += 1;
                } else {
                    st.entity_sets += 1;
                }
            }
        }
        st
    }

    /// Bound operations whose binding parameter is `id` (or `Collection(id)`).
    pub fn bound_operations(&self, id: TypeId) -> Vec<&Operation> {
        self.operations
            .iter()
            .filter(|o| o.binding().is_some_and(|b| b.target == Target::Named(id)))
            .collect()
    }
}
