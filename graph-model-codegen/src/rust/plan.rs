//! The Rust plan: an IR between the model and the emitted code. Every type
//! gets its Rust name and module here, every field its name, type and boxing;
//! emitters only render it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::boxing::BoxAnalysis;
use super::naming::{self, Scope};
use crate::diagnostics::Diagnostics;
use crate::model::{
    Deprecation, Documentation, Model, Primitive, Target, TypeId, TypeKind, TypeRef,
};

/// A reference to a generated type: module path and name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path {
    pub module: Vec<String>,
    pub name: String,
}

/// The Rust type of a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RustType {
    Primitive(Primitive),
    /// A generated struct, enum or polymorphic enum.
    Named(Path),
    /// A flags enum: `Flags<Member>`.
    Flags(Path),
    Vec(Box<RustType>),
    Box(Box<RustType>),
    /// A value whose type is not generated (not in the closure, or not
    /// resolved): `Untyped`, its JSON kept as read.
    Untyped,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub rust_name: String,
    pub json_name: String,
    pub ty: RustType,
    /// `Nullable<T>` (three states) instead of `Option<T>` (absent or value).
    pub nullable: bool,
    pub doc: Documentation,
    pub deprecated: Option<Deprecation>,
    pub navigation: bool,
    /// Why the field is untyped JSON, when its type is not generated.
    pub untyped: Option<String>,
    /// With namespace features: the features of other namespaces this field's
    /// type needs; when any is off the field is `fallback` instead.
    pub needs: BTreeSet<String>,
    pub fallback: RustType,
}

#[derive(Clone, Debug)]
pub struct Struct {
    pub id: TypeId,
    pub path: Path,
    pub csdl_name: String,
    pub doc: Documentation,
    pub deprecated: Option<Deprecation>,
    pub is_abstract: bool,
    /// Values declared as it may be of a subtype (it has an `…Any` enum).
    pub polymorphic: bool,
    pub fields: Vec<Field>,
    /// Name of the field holding extra properties and annotations.
    pub extra_field: String,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub rust_name: String,
    pub wire: String,
    pub value: i64,
    pub doc: Documentation,
    /// After `unknownFutureValue`: sent only with `Prefer:
    /// include-unknown-enum-members`.
    pub evolvable: bool,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub path: Path,
    pub csdl_name: String,
    pub doc: Documentation,
    pub deprecated: Option<Deprecation>,
    pub variants: Vec<Variant>,
    /// The index of the `unknownFutureValue` sentinel among the variants.
    pub sentinel: Option<usize>,
    /// The variant that keeps a value the model does not know.
    pub other_variant: String,
}

#[derive(Clone, Debug)]
pub struct PolyVariant {
    pub rust_name: String,
    /// Qualified CSDL name matched against `@odata.type`.
    pub csdl_name: String,
    pub ty: Path,
    /// With namespace features: the subtype's namespace feature, when it
    /// lives in another namespace (without it the subtype reads as unknown).
    pub needs: Option<String>,
}

/// `…Any`: dispatch on `@odata.type` for a polymorphic type.
#[derive(Clone, Debug)]
pub struct Poly {
    pub path: Path,
    pub csdl_name: String,
    /// The declared type's own struct (used without `@odata.type`).
    pub base: Path,
    pub base_variant: String,
    pub variants: Vec<PolyVariant>,
    pub unknown_variant: String,
}

#[derive(Clone, Debug)]
pub struct Alias {
    pub path: Path,
    pub csdl_name: String,
    pub doc: Documentation,
    pub ty: RustType,
}

#[derive(Clone, Debug)]
pub enum Item {
    Struct(Struct),
    Enum(Enum),
    Poly(Poly),
    Alias(Alias),
}

impl Item {
    pub fn path(&self) -> &Path {
        match self {
            Item::Struct(s) => &s.path,
            Item::Enum(e) => &e.path,
            Item::Poly(p) => &p.path,
            Item::Alias(a) => &a.path,
        }
    }
}

/// All items, by module, in name order.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Module path → (namespace, items sorted by Rust name).
    pub modules: BTreeMap<Vec<String>, (String, Vec<Item>)>,
    /// `(alias, namespace)` pairs, for `@odata.type` matching.
    pub aliases: Vec<(String, String)>,
    /// Module path → feature name, when namespace features are on.
    pub features: BTreeMap<Vec<String>, String>,
    /// With area features: module path of each group of types (the types
    /// of one namespace that the same areas bring) → those areas' features,
    /// any of which compiles the module.
    pub groups: BTreeMap<Vec<String>, Vec<String>>,
    /// Warnings about names (namespaces sharing a module after sanitising).
    pub diagnostics: Diagnostics,
}

#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// One Cargo feature per namespace (see [`naming::feature_name`]).
    pub namespace_features: bool,
    /// Namespace → module path overrides (default: [`naming::module_path`]).
    pub modules: BTreeMap<String, Vec<String>>,
    /// Types excluded on purpose (for the notes on untyped fields).
    pub excluded: BTreeSet<TypeId>,
    /// Type containment navigation only; every other navigation property
    /// is untyped JSON even when its type is generated.
    pub containment_only: bool,
    /// Area features: for each type, the features that bring it (an empty
    /// list: only `full`). Each namespace's types are then split into one
    /// module per list, re-exported by the namespace's module.
    pub areas: BTreeMap<TypeId, Vec<String>>,
}

/// Untyped JSON in the shape of `t` (a `Vec` of it for a collection).
fn untyped_like(t: &TypeRef) -> RustType {
    if t.collection {
        RustType::Vec(Box::new(RustType::Untyped))
    } else {
        RustType::Untyped
    }
}

impl RustType {
    /// Modules of the generated types this type mentions.
    fn modules(&self, out: &mut BTreeSet<Vec<String>>) {
        match self {
            RustType::Named(p) | RustType::Flags(p) => {
                out.insert(p.module.clone());
            }
            RustType::Vec(t) | RustType::Box(t) => t.modules(out),
            RustType::Primitive(_) | RustType::Untyped => {}
        }
    }

    /// The same shape with every generated type from outside `module`
    /// replaced by JSON.
    fn without_foreign(&self, module: &[String]) -> RustType {
        match self {
            RustType::Named(p) | RustType::Flags(p) if p.module != module => RustType::Untyped,
            RustType::Vec(t) => RustType::Vec(Box::new(t.without_foreign(module))),
            RustType::Box(t) => match t.without_foreign(module) {
                RustType::Untyped => RustType::Untyped,
                inner => RustType::Box(Box::new(inner)),
            },
            other => other.clone(),
        }
    }
}

/// Plans the given types (usually a [`super::closure::closure`]).
pub fn plan(model: &Model, types: &BTreeSet<TypeId>, opts: PlanOptions) -> Plan {
    let mut diagnostics = Diagnostics::default();
    let (names, groups) = assign_names(model, types, &opts.modules, &opts.areas, &mut diagnostics);
    let poly: BTreeSet<TypeId> = types
        .iter()
        .copied()
        .filter(|&t| model.is_polymorphic(t))
        .collect();
    let boxed = BoxAnalysis::new(model, types, &poly, opts.containment_only);
    let mut plan = Plan {
        groups,
        aliases: model
            .namespaces
            .iter()
            .filter_map(|n| Some((n.alias.clone()?, n.name.clone())))
            .collect(),
        ..Default::default()
    };
    plan.aliases.sort();
    if opts.namespace_features {
        plan.features = names
            .features
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
    }
    let cx = Cx {
        model,
        names: &names,
        poly: &poly,
        types,
        excluded: &opts.excluded,
    };
    for &id in types {
        let def = model.get(id);
        let path = names.own[&id].clone();
        let csdl_name = def.name.to_string();
        let doc = Documentation::of(&def.annotations);
        let deprecated = Deprecation::of(&def.annotations);
        let mut items = Vec::new();
        match &def.kind {
            TypeKind::Structured(s) => {
                let mut fields_src: Vec<FieldSource> = model
                    .properties(id)
                    .iter()
                    .map(|p| FieldSource {
                        json_name: &p.property.name,
                        ty: &p.property.ty,
                        nullable: p.property.nullable,
                        annotations: &p.property.annotations,
                        navigation: false,
                        contains: false,
                    })
                    .collect();
                // Every navigation property is a field: typed when its type
                // is generated, untyped JSON (exactly as read) otherwise.
                fields_src.extend(model.navigation(id).iter().map(|(n, _)| FieldSource {
                    json_name: &n.name,
                    ty: &n.ty,
                    // A collection may be absent or null in a response.
                    nullable: n.nullable || n.ty.collection,
                    annotations: &n.annotations,
                    navigation: true,
                    contains: n.contains_target,
                }));
                let json: Vec<&str> = fields_src.iter().map(|f| f.json_name).collect();
                let mut extra_scope = Scope::new();
                for n in json.iter().map(|j| naming::snake(j)) {
                    extra_scope.reserve(&n);
                }
                let extra_field = extra_scope.unique("extra".to_string());
                let rust_names = naming::field_names(&json, &[&extra_field]);
                let fields = fields_src
                    .iter()
                    .zip(rust_names)
                    .map(|(src, rust_name)| {
                        // Only containment navigation is typed, whatever the
                        // closure holds: the type's code is then the same in
                        // every closure.
                        let uncontained =
                            opts.containment_only && src.navigation && !src.contains;
                        let mut rt = if uncontained {
                            untyped_like(src.ty)
                        } else {
                            cx.rust_type(src.ty)
                        };
                        if !uncontained && boxed.needs_box(id, src.ty) {
                            rt = RustType::Box(Box::new(rt));
                        }
                        let mut modules = BTreeSet::new();
                        if opts.namespace_features {
                            rt.modules(&mut modules);
                        }
                        let needs: BTreeSet<String> = modules
                            .into_iter()
                            .filter(|m| *m != path.module)
                            .map(|m| names.features[&m].clone())
                            .collect();
                        let fallback = rt.without_foreign(&path.module);
                        let untyped = if uncontained {
                            Some(format!(
                                "Untyped: a navigation property that is not containment (`{}`); the JSON is kept exactly as read and the validator checks it against the model.",
                                model.target_name(&src.ty.target)
                            ))
                        } else {
                            cx.untyped_note(src.ty, src.navigation)
                        };
                        Field {
                            untyped,
                            needs,
                            fallback,
                            rust_name,
                            json_name: src.json_name.to_string(),
                            ty: rt,
                            nullable: src.nullable,
                            doc: Documentation::of(src.annotations),
                            deprecated: Deprecation::of(src.annotations),
                            navigation: src.navigation,
                        }
                    })
                    .collect();
                items.push(Item::Struct(Struct {
                    id,
                    path: path.clone(),
                    csdl_name: csdl_name.clone(),
                    doc,
                    deprecated,
                    is_abstract: s.is_abstract,
                    polymorphic: poly.contains(&id),
                    fields,
                    extra_field,
                }));
                if poly.contains(&id) {
                    let mut p = cx.poly(id, &path);
                    if opts.namespace_features {
                        for v in &mut p.variants {
                            if v.ty.module != path.module {
                                v.needs = Some(names.features[&v.ty.module].clone());
                            }
                        }
                    }
                    items.push(Item::Poly(p));
                }
            }
            TypeKind::Enum(e) => {
                let mut scope = Scope::new();
                let variants: Vec<Variant> = e
                    .members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| Variant {
                        rust_name: scope.unique(naming::pascal(&m.name)),
                        wire: m.name.clone(),
                        value: m.value,
                        doc: Documentation::of(&m.annotations),
                        evolvable: e.is_evolvable(i),
                    })
                    .collect();
                let other_variant = scope.unique("Other".to_string());
                items.push(Item::Enum(Enum {
                    path,
                    csdl_name,
                    doc,
                    deprecated,
                    variants,
                    sentinel: e.sentinel(),
                    other_variant,
                }));
            }
            TypeKind::Definition(d) => items.push(Item::Alias(Alias {
                path,
                csdl_name,
                doc,
                ty: RustType::Primitive(d.underlying),
            })),
        }
        let module = names.placed.get(&id).unwrap_or(&names.own[&id].module);
        let entry = plan
            .modules
            .entry(module.clone())
            .or_insert_with(|| (def.name.namespace.clone(), Vec::new()));
        entry.1.extend(items);
    }
    for (_, items) in plan.modules.values_mut() {
        items.sort_by(|a, b| a.path().name.cmp(&b.path().name));
    }
    plan.diagnostics = diagnostics;
    plan
}

/// A property or navigation property about to become a field.
struct FieldSource<'m> {
    json_name: &'m str,
    ty: &'m TypeRef,
    nullable: bool,
    annotations: &'m [crate::csdl::raw::Annotation],
    navigation: bool,
    /// A navigation property with `ContainsTarget="true"`.
    contains: bool,
}

struct Names {
    own: HashMap<TypeId, Path>,
    any: HashMap<TypeId, Path>,
    /// Module → namespace feature name.
    features: HashMap<Vec<String>, String>,
    /// With area features: the module a type's items are placed in (its
    /// group's), when it is not its path's.
    placed: HashMap<TypeId, Vec<String>>,
}

/// Module paths per namespace, in document order. Two namespaces whose
/// files would have the same name (equal after sanitising, or differing only
/// in case) do not share a module: the later one's last segment is numbered,
/// with a warning.
fn assign_modules(
    model: &Model,
    types: &BTreeSet<TypeId>,
    overrides: &BTreeMap<String, Vec<String>>,
    diagnostics: &mut Diagnostics,
) -> HashMap<String, Vec<String>> {
    let used: BTreeSet<&str> = types
        .iter()
        .map(|&id| model.get(id).name.namespace.as_str())
        .collect();
    let mut files: HashMap<String, String> = HashMap::new();
    let mut out = HashMap::new();
    for ns in model
        .namespaces
        .iter()
        .filter(|n| used.contains(n.name.as_str()))
    {
        let mut module: Vec<String> = match overrides.get(&ns.name) {
            Some(m) => m.iter().map(|s| naming::snake(s)).collect(),
            None => naming::module_path(&ns.name),
        };
        let key = |m: &[String]| naming::file_name(m).to_ascii_lowercase();
        if let Some(other) = files.get(&key(&module)) {
            let wanted = naming::file_name(&module);
            let mut parent = module.clone();
            let last = parent.pop().unwrap_or_default();
            let last = last.strip_prefix("r#").unwrap_or(&last).to_string();
            let numbered = (2..)
                .map(|n| {
                    let mut m = parent.clone();
                    m.push(format!("{last}_{n}"));
                    m
                })
                .find(|m| !files.contains_key(&key(m)))
                .expect("an unbounded range has a free name");
            diagnostics.warning(
                "module-collision",
                Some(&ns.span),
                format!(
                    "namespace `{}` would share the file `{wanted}` with namespace `{other}`; it is generated as module `{}` in `{}`",
                    ns.name,
                    numbered.join("::"),
                    naming::file_name(&numbered),
                ),
            );
            module = numbered;
        }
        files.insert(key(&module), ns.name.clone());
        out.insert(ns.name.clone(), module);
    }
    out
}

/// Type names per module: struct/enum names first (in CSDL name order, so the
/// result does not depend on closure order), then `…Any` names.
/// The module of a group of types that the areas `features` bring, inside
/// its namespace's module: `area_<feature>` for one area, `area_full` for
/// none, `area_shared_<hash>` for several (a hash of their names, so that
/// a group keeps its file when other groups come and go).
fn group_module(features: &[String]) -> String {
    match features {
        [] => "area_full".to_string(),
        [one] => format!("area_{one}"),
        many => {
            // FNV-1a, 64 bits: stable across platforms and releases.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in many.join(",").bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            format!("area_shared_{:08x}", h >> 32)
        }
    }
}

/// Names per namespace; with `areas`, each type's module is its group's
/// (see [`group_module`]), returned with the group's features.
#[allow(clippy::type_complexity)]
fn assign_names(
    model: &Model,
    types: &BTreeSet<TypeId>,
    overrides: &BTreeMap<String, Vec<String>>,
    areas: &BTreeMap<TypeId, Vec<String>>,
    diagnostics: &mut Diagnostics,
) -> (Names, BTreeMap<Vec<String>, Vec<String>>) {
    let modules = assign_modules(model, types, overrides, diagnostics);
    let mut by_module: BTreeMap<Vec<String>, Vec<TypeId>> = BTreeMap::new();
    for &id in types {
        let module = modules[&model.get(id).name.namespace].clone();
        by_module.entry(module).or_default().push(id);
    }
    let mut names = Names {
        own: HashMap::new(),
        any: HashMap::new(),
        features: HashMap::new(),
        placed: HashMap::new(),
    };
    let mut groups: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for (module, mut ids) in by_module {
        names.features.insert(
            module.clone(),
            naming::feature_name(&model.get(ids[0]).name.namespace),
        );
        ids.sort_by(|a, b| model.get(*a).name.name.cmp(&model.get(*b).name.name));
        let mut scope = Scope::new();
        for name in naming::PRELUDE {
            scope.reserve(name);
        }
        // Where a type's items are placed: its namespace's module, or its
        // group's inside it (private, re-exported by the namespace's module,
        // so that paths to the type name the namespace's module).
        let mut place = |id: TypeId| {
            let Some(features) = areas.get(&id) else {
                return;
            };
            let mut m = module.clone();
            m.push(group_module(features));
            let cfg = if features.is_empty() {
                vec!["full".to_string()]
            } else {
                features.clone()
            };
            let previous = groups.insert(m.clone(), cfg.clone());
            assert!(
                previous.is_none_or(|p| p == cfg),
                "two groups of types share the module `{}`",
                m.join("::")
            );
            names.placed.insert(id, m);
        };
        for &id in &ids {
            let name = scope.unique(naming::pascal(&model.get(id).name.name));
            place(id);
            let module = module.clone();
            names.own.insert(id, Path { module, name });
        }
        for &id in &ids {
            if model.is_polymorphic(id) {
                let name = scope.unique(format!("{}Any", names.own[&id].name));
                let module = module.clone();
                names.any.insert(id, Path { module, name });
            }
        }
    }
    (names, groups)
}

struct Cx<'a> {
    model: &'a Model,
    names: &'a Names,
    poly: &'a BTreeSet<TypeId>,
    types: &'a BTreeSet<TypeId>,
    excluded: &'a BTreeSet<TypeId>,
}

impl Cx<'_> {
    fn rust_type(&self, t: &TypeRef) -> RustType {
        let inner = match &t.target {
            Target::Primitive(p) => RustType::Primitive(*p),
            Target::Unresolved(_) => RustType::Untyped,
            Target::Named(id) if !self.types.contains(id) => RustType::Untyped,
            Target::Named(id) => match &self.model.get(*id).kind {
                TypeKind::Enum(e) if e.is_flags => RustType::Flags(self.names.own[id].clone()),
                TypeKind::Structured(_) if self.poly.contains(id) => {
                    RustType::Named(self.names.any[id].clone())
                }
                _ => RustType::Named(self.names.own[id].clone()),
            },
        };
        if t.collection {
            RustType::Vec(Box::new(inner))
        } else {
            inner
        }
    }

    /// Why a field of type `t` is untyped, if it is.
    fn untyped_note(&self, t: &TypeRef, navigation: bool) -> Option<String> {
        match &t.target {
            Target::Unresolved(name) => Some(format!(
                "Untyped: the model does not resolve `{name}`; the JSON is kept exactly as read."
            )),
            Target::Named(id) if !self.types.contains(id) => Some(format!(
                "Untyped: `{}` is not among the generated types ({}); the JSON is kept exactly as read and the validator checks it against the model.",
                self.model.get(*id).name,
                if self.excluded.contains(id) {
                    "excluded"
                } else if navigation {
                    "navigation not followed"
                } else {
                    "not in the closure"
                }
            )),
            _ => None,
        }
    }

    fn poly(&self, id: TypeId, base: &Path) -> Poly {
        let mut scope = Scope::new();
        let base_variant = scope.unique("Base".to_string());
        let unknown_variant = scope.unique("Unknown".to_string());
        let variants = self
            .model
            .derived_transitive(id)
            .into_iter()
            .filter(|d| self.types.contains(d))
            .map(|d| PolyVariant {
                rust_name: {
                    // Same name from another namespace: qualify with its last segment.
                    let own = &self.names.own[&d];
                    let name = if scope.is_taken(&own.name) && own.module != base.module {
                        let ns = own
                            .module
                            .last()
                            .map(|m| naming::pascal(m))
                            .unwrap_or_default();
                        format!("{ns}{}", own.name)
                    } else {
                        own.name.clone()
                    };
                    scope.unique(name)
                },
                csdl_name: self.model.get(d).name.to_string(),
                ty: self.names.own[&d].clone(),
                needs: None,
            })
            .collect();
        Poly {
            path: self.names.any[&id].clone(),
            csdl_name: self.model.get(id).name.to_string(),
            base: base.clone(),
            base_variant,
            variants,
            unknown_variant,
        }
    }
}
