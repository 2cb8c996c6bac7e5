//! Raw documents → [`Model`]: registers names, resolves type references and
//! inheritance, attaches annotations and validates, collecting all problems.

use std::collections::BTreeMap;
use std::path::Path;

use super::types::*;
use super::{Map, Model};
use crate::csdl::raw::{self, Document, OperationKind, StructuredKind};
use crate::csdl::MAX_DOCUMENT_BYTES;
use crate::diagnostics::{Diagnostics, Span};

/// How strictly to load.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Fail on any error-level diagnostic. Without it a partial model (one
    /// that references types it does not contain) loads, and its errors stay in
    /// [`Model::diagnostics`].
    pub strict: bool,
}

/// Reads and resolves one CSDL text. `file` names it in diagnostics.
pub fn load_str(file: &str, text: &str, opts: LoadOptions) -> Result<Model, Diagnostics> {
    load_sources(&[(file, text)], opts)
}

/// Reads and resolves several CSDL texts into one model (a `$metadata` and
/// the documents it references, say): `(name, text)` pairs.
pub fn load_sources(sources: &[(&str, &str)], opts: LoadOptions) -> Result<Model, Diagnostics> {
    let mut docs = Vec::new();
    let mut all = Diagnostics::default();
    let mut unreadable = false;
    for (file, text) in sources {
        match crate::csdl::read(file, text) {
            Ok((doc, diags)) => {
                docs.push(doc);
                all.extend(diags);
            }
            Err(diags) => {
                all.extend(diags);
                unreadable = true;
            }
        }
    }
    let mut model = resolve_all(docs);
    all.extend(std::mem::take(&mut model.diagnostics));
    all.sort();
    if unreadable || opts.strict && all.has_errors() || all.errors().any(|d| d.code == "not-csdl") {
        return Err(all);
    }
    model.diagnostics = all;
    Ok(model)
}

/// Reads and resolves a CSDL file; I/O errors become a diagnostic naming the path.
pub fn load_file(path: impl AsRef<Path>, opts: LoadOptions) -> Result<Model, Diagnostics> {
    load_files(&[path.as_ref()], opts)
}

/// Reads and resolves several CSDL files into one model.
pub fn load_files<P: AsRef<Path>>(paths: &[P], opts: LoadOptions) -> Result<Model, Diagnostics> {
    let mut texts = Vec::new();
    let mut io = Diagnostics::default();
    for path in paths {
        let shown = path.as_ref().display().to_string();
        match read_bounded(path.as_ref()) {
            Ok(text) => texts.push((shown, text)),
            Err(e) => io.error("io", None, format!("cannot read {shown}: {e}")),
        }
    }
    if !io.is_empty() {
        return Err(io);
    }
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    load_sources(&sources, opts)
}

/// Reads a file as UTF-8, refusing more than [`MAX_DOCUMENT_BYTES`] (also
/// for a file that does not say its size, such as a pipe).
fn read_bounded(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_string(&mut text)?;
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {MAX_DOCUMENT_BYTES} bytes (MAX_DOCUMENT_BYTES)"
        )));
    }
    Ok(text)
}

/// Resolves one or more raw documents into one model.
pub fn resolve(docs: &[Document], opts: LoadOptions) -> Result<Model, Diagnostics> {
    let model = resolve_all(docs.to_vec());
    if opts.strict && model.diagnostics.has_errors() {
        return Err(model.diagnostics);
    }
    Ok(model)
}

/// Resolves documents it owns: names, types and annotations move from the
/// raw tree into the model instead of being copied.
fn resolve_all(mut docs: Vec<Document>) -> Model {
    let mut r = Resolver::default();
    r.register(&docs);
    r.resolve_types(&mut docs);
    r.resolve_operations(&mut docs);
    r.resolve_containers(&mut docs);
    r.attach_annotations(&mut docs);
    r.link_derived();
    r.model.json_as_untyped = super::conventions::json_as_untyped(&mut r.model);
    // Whole-model checks: they read the model and return their findings.
    // (Run side by side on two threads they measured no faster: the
    // thread's start and the allocator's per-thread arenas ate the gain.)
    let structure = super::checks::structure(&r.model);
    let confusable = super::confusable::check(&r.model);
    let enums = super::conventions::check_enums(&r.model);
    r.diags.extend(structure);
    r.diags.extend(enums);
    r.diags.extend(confusable);
    let mut model = r.model;
    model.diagnostics = r.diags;
    model.diagnostics.sort();
    model
}

#[derive(Default)]
pub(super) struct Resolver {
    pub(super) model: Model,
    pub(super) diags: Diagnostics,
}

impl Resolver {
    fn register(&mut self, docs: &[Document]) {
        let mut alias_spans: Map<String, Span> = Map::default();
        for doc in docs {
            for include in doc.references.iter().flat_map(|r| &r.includes) {
                if let Some(alias) = &include.alias {
                    self.model
                        .aliases
                        .insert(alias.clone(), include.namespace.clone());
                }
            }
            for s in &doc.schemas {
                if let Some(alias) = &s.alias {
                    if let Some(prev) = alias_spans.get(alias) {
                        if self.model.aliases.get(alias) != Some(&s.namespace) {
                            self.diags.error(
                                "duplicate-alias",
                                Some(&s.span),
                                format!("alias `{alias}` is already used at {prev}"),
                            );
                        }
                    }
                    alias_spans.insert(alias.clone(), s.span.clone());
                    self.model
                        .aliases
                        .insert(alias.clone(), s.namespace.clone());
                }
                if !self.model.namespaces.iter().any(|n| n.name == s.namespace) {
                    self.model.namespaces.push(Namespace {
                        name: s.namespace.clone(),
                        alias: s.alias.clone(),
                        span: s.span.clone(),
                    });
                }
                let mut names: Vec<_> = s
                    .entity_types
                    .iter()
                    .chain(&s.complex_types)
                    .map(|t| (&t.name, &t.span, placeholder_structured(t)))
                    .chain(
                        s.enum_types
                            .iter()
                            .map(|e| (&e.name, &e.span, placeholder_enum(e))),
                    )
                    .chain(
                        s.type_definitions
                            .iter()
                            .map(|d| (&d.name, &d.span, placeholder_definition())),
                    )
                    .collect();
                // Document order, so "already defined" points at the earlier one.
                names.sort_by_key(|(_, span, _)| (span.line, span.col));
                for (name, span, kind) in names {
                    self.add_type(&s.namespace, name, span, kind);
                }
                for t in &s.terms {
                    self.model.terms.push(QualifiedName {
                        namespace: s.namespace.clone(),
                        name: t.name.clone(),
                    });
                }
            }
        }
    }

    fn add_type(&mut self, ns: &str, name: &str, span: &Span, kind: TypeKind) {
        if let Some(prev) = self.model.id_of(ns, name) {
            let prev_span = self.model.get(prev).span.clone();
            self.diags.error(
                "duplicate-name",
                Some(span),
                format!("`{ns}.{name}` is already defined at {prev_span}"),
            );
            return;
        }
        let id = TypeId(self.model.types.len() as u32);
        // The namespace's map, made (and its name copied) only once.
        let names = match self.model.index.get_mut(ns) {
            Some(names) => names,
            None => self.model.index.entry(ns.to_string()).or_default(),
        };
        names.insert(name.to_string(), id);
        self.model.types.push(TypeDef {
            name: QualifiedName {
                namespace: ns.to_string(),
                name: name.to_string(),
            },
            kind,
            annotations: Vec::new(),
            span: span.clone(),
        });
    }

    /// Resolves a written type (`graph.x`, `Collection(Edm.String)`...),
    /// which the reference keeps.
    fn type_ref(&mut self, written: String, span: &Span) -> TypeRef {
        let (collection, target) = self
            .target(&written, span)
            .unwrap_or_else(|| (false, Target::Unresolved(written.clone())));
        TypeRef {
            collection,
            target,
            written,
        }
    }

    /// Whether `written` is a collection, and its element type; `None` when
    /// it is not a type name at all (reported).
    fn target(&mut self, written: &str, span: &Span) -> Option<(bool, Target)> {
        let trimmed = written.trim();
        let (collection, inner) = match trimmed.strip_prefix("Collection(") {
            Some(rest) => match rest.strip_suffix(')') {
                Some(inner) if !inner.is_empty() && !inner.contains(['(', ')']) => (true, inner),
                _ => {
                    self.diags.error(
                        "bad-collection",
                        Some(span),
                        format!("malformed collection type `{written}`: expected `Collection(Namespace.Type)`"),
                    );
                    return None;
                }
            },
            None if trimmed.contains(['(', ')']) => {
                self.diags.error(
                    "bad-collection",
                    Some(span),
                    format!("malformed type `{written}`: parentheses are only allowed as `Collection(...)`"),
                );
                return None;
            }
            None => (false, trimmed),
        };
        if let Err(e) = crate::csdl::names::qualified_name(inner) {
            self.diags.error(
                "invalid-name",
                Some(span),
                format!(
                    "type `{}` is not a CSDL qualified name: {e}",
                    crate::csdl::shown(written)
                ),
            );
            return None;
        }
        let target = if let Some(edm) = inner.strip_prefix("Edm.") {
            match Primitive::from_edm(edm) {
                Some(p) => Target::Primitive(p),
                None => {
                    self.diags.error(
                        "unknown-primitive",
                        Some(span),
                        format!("`{inner}` is not an Edm primitive type"),
                    );
                    Target::Unresolved(inner.to_string())
                }
            }
        } else {
            match self.model.lookup(inner) {
                Some(id) => Target::Named(id),
                None => {
                    self.diags.error(
                        "unresolved-type",
                        Some(span),
                        format!("type `{inner}` is not defined in the model"),
                    );
                    Target::Unresolved(inner.to_string())
                }
            }
        };
        Some((collection, target))
    }

    fn resolve_types(&mut self, docs: &mut [Document]) {
        for s in docs.iter_mut().flat_map(|d| &mut d.schemas) {
            let structured = std::mem::take(&mut s.entity_types)
                .into_iter()
                .chain(std::mem::take(&mut s.complex_types));
            for t in structured {
                self.resolve_structured(&s.namespace, t);
            }
            for e in std::mem::take(&mut s.enum_types) {
                self.resolve_enum(&s.namespace, e);
            }
            for d in std::mem::take(&mut s.type_definitions) {
                self.resolve_definition(&s.namespace, d);
            }
        }
    }

    fn resolve_structured(&mut self, ns: &str, t: raw::StructuredType) {
        let Some(id) = self.model.id_of(ns, &t.name) else {
            return;
        };
        if self.model.get(id).span != t.span {
            return; // a duplicate; the first definition wins
        }
        let base = t.base_type.as_ref().and_then(|b| {
            let r = self.target(b, &t.span)?;
            match r {
                (false, Target::Named(bid)) => {
                    let bdef = self.model.get(bid);
                    match bdef.structured() {
                        Some(bs) if bs.kind == t.kind => Some(bid),
                        _ => {
                            let msg = format!(
                                "base type `{b}` of {} `{}` is a {}",
                                kind_word(t.kind),
                                t.name,
                                bdef.kind_name()
                            );
                            self.diags.error("base-kind-mismatch", Some(&t.span), msg);
                            None
                        }
                    }
                }
                _ => None,
            }
        });
        let properties: Vec<Property> = t
            .properties
            .into_iter()
            .map(|p| Property {
                ty: self.type_ref(p.type_name, &p.span),
                name: p.name,
                nullable: p.nullable.unwrap_or(true),
                default_value: p.default_value,
                facets: p.facets,
                annotations: p.annotations,
                span: p.span,
            })
            .collect();
        let navigation: Vec<NavigationProperty> = t
            .navigation_properties
            .into_iter()
            .map(|n| NavigationProperty {
                ty: self.type_ref(n.type_name, &n.span),
                name: n.name,
                nullable: n.nullable.unwrap_or(true),
                partner: n.partner,
                contains_target: n.contains_target,
                annotations: n.annotations,
                span: n.span,
            })
            .collect();
        for k in &t.key {
            if !properties.iter().any(|p| p.name == k.name) {
                self.diags.error(
                    "unknown-key-property",
                    Some(&k.span),
                    format!(
                        "key property `{}` is not a property of `{}`",
                        k.name, t.name
                    ),
                );
            }
        }
        let def = &mut self.model.types[id.0 as usize];
        def.annotations = t.annotations;
        def.kind = TypeKind::Structured(Structured {
            kind: t.kind,
            is_abstract: t.is_abstract,
            open_type: t.open_type,
            has_stream: t.has_stream,
            base,
            key: t.key.into_iter().map(|k| k.name).collect(),
            properties,
            navigation,
            derived: Vec::new(),
        });
    }

    fn resolve_enum(&mut self, ns: &str, e: raw::EnumType) {
        let Some(id) = self.model.id_of(ns, &e.name) else {
            return;
        };
        if self.model.get(id).span != e.span {
            return;
        }
        let underlying = match e.underlying_type.as_deref() {
            None => Primitive::Int32,
            Some(u) => match u.strip_prefix("Edm.").and_then(Primitive::from_edm) {
                Some(
                    p @ (Primitive::Byte
                    | Primitive::SByte
                    | Primitive::Int16
                    | Primitive::Int32
                    | Primitive::Int64),
                ) => p,
                _ => {
                    self.diags.error(
                        "invalid-underlying-type",
                        Some(&e.span),
                        format!("enum `{}` has underlying type `{u}`; it must be Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64", e.name),
                    );
                    Primitive::Int32
                }
            },
        };
        let mut members: Vec<EnumMember> = Vec::with_capacity(e.members.len());
        for (i, m) in e.members.into_iter().enumerate() {
            // Enums have tens of members: a scan is cheaper than hashing.
            if let Some(prev) = members.iter().rev().find(|x| x.name == m.name) {
                let prev = &prev.span;
                self.diags.error(
                    "duplicate-member",
                    Some(&m.span),
                    format!(
                        "enum `{}` already has a member `{}` (at {prev})",
                        e.name, m.name
                    ),
                );
                continue;
            }
            let value = match m.value {
                Some(v) => v,
                None if e.is_flags => {
                    self.diags.error(
                        "flags-member-without-value",
                        Some(&m.span),
                        format!(
                            "member `{}` of flags enum `{}` needs a Value",
                            m.name, e.name
                        ),
                    );
                    0
                }
                None => i as i64,
            };
            members.push(EnumMember {
                name: m.name,
                value,
                annotations: m.annotations,
                span: m.span,
            });
        }
        let def = &mut self.model.types[id.0 as usize];
        def.annotations = e.annotations;
        def.kind = TypeKind::Enum(Enum {
            is_flags: e.is_flags,
            underlying,
            members,
        });
    }

    fn resolve_definition(&mut self, ns: &str, d: raw::TypeDefinition) {
        let Some(id) = self.model.id_of(ns, &d.name) else {
            return;
        };
        let underlying = match d
            .underlying_type
            .strip_prefix("Edm.")
            .and_then(Primitive::from_edm)
        {
            Some(p) => p,
            None => {
                self.diags.error(
                    "unknown-primitive",
                    Some(&d.span),
                    format!(
                        "type definition `{}` must have a primitive underlying type, found `{}`",
                        d.name, d.underlying_type
                    ),
                );
                Primitive::String
            }
        };
        let def = &mut self.model.types[id.0 as usize];
        def.annotations = d.annotations;
        def.kind = TypeKind::Definition(Definition {
            underlying,
            facets: d.facets,
        });
    }

    fn resolve_operations(&mut self, docs: &mut [Document]) {
        for s in docs.iter_mut().flat_map(|d| &mut d.schemas) {
            for op in std::mem::take(&mut s.operations) {
                if op.is_bound && op.parameters.is_empty() {
                    self.diags.error(
                        "bound-without-parameter",
                        Some(&op.span),
                        format!(
                            "bound {} `{}` has no binding parameter",
                            op_word(op.kind),
                            op.name
                        ),
                    );
                }
                if op.kind == OperationKind::Function && op.return_type.is_none() {
                    self.diags.error(
                        "function-without-return",
                        Some(&op.span),
                        format!("function `{}` has no ReturnType", op.name),
                    );
                }
                let parameters = op
                    .parameters
                    .into_iter()
                    .map(|p| Parameter {
                        ty: self.type_ref(p.type_name, &p.span),
                        name: p.name,
                        nullable: p.nullable.unwrap_or(true),
                        span: p.span,
                    })
                    .collect();
                let return_type = op.return_type.map(|r| {
                    (
                        self.type_ref(r.type_name, &r.span),
                        r.nullable.unwrap_or(true),
                    )
                });
                self.model.operations.push(Operation {
                    kind: op.kind,
                    name: QualifiedName {
                        namespace: s.namespace.clone(),
                        name: op.name,
                    },
                    is_bound: op.is_bound,
                    is_composable: op.is_composable,
                    entity_set_path: op.entity_set_path,
                    parameters,
                    return_type,
                    annotations: op.annotations,
                    span: op.span,
                });
            }
        }
    }

    fn resolve_containers(&mut self, docs: &mut [Document]) {
        for s in docs.iter_mut().flat_map(|d| &mut d.schemas) {
            for c in std::mem::take(&mut s.containers) {
                let mut sets = Vec::new();
                for (es, singleton) in c
                    .entity_sets
                    .into_iter()
                    .map(|e| (e, false))
                    .chain(c.singletons.into_iter().map(|e| (e, true)))
                {
                    let ty = self.type_ref(es.type_name, &es.span);
                    if let Target::Named(id) = ty.target {
                        if !self.model.is_entity(id) {
                            self.diags.error(
                                "not-an-entity-type",
                                Some(&es.span),
                                format!(
                                    "`{}` has type `{}`, which is not an entity type",
                                    es.name, ty.written
                                ),
                            );
                        }
                    }
                    sets.push(EntitySet {
                        name: es.name,
                        ty,
                        singleton,
                        bindings: es
                            .bindings
                            .into_iter()
                            .map(|b| (b.path, b.target))
                            .collect(),
                        annotations: es.annotations,
                        span: es.span,
                    });
                }
                self.model.containers.push(Container {
                    name: QualifiedName {
                        namespace: s.namespace.clone(),
                        name: c.name,
                    },
                    entity_sets: sets,
                    action_imports: c.action_imports.into_iter().map(|i| i.operation).collect(),
                    function_imports: c
                        .function_imports
                        .into_iter()
                        .map(|i| i.operation)
                        .collect(),
                    span: c.span,
                });
            }
        }
    }

    fn link_derived(&mut self) {
        let mut derived: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
        for id in self.model.ids() {
            if let Some(b) = self.model.get(id).structured().and_then(|s| s.base) {
                derived.entry(b).or_default().push(id);
            }
        }
        for (base, mut kids) in derived {
            kids.sort_by(|a, b| self.model.get(*a).name.cmp(&self.model.get(*b).name));
            if let TypeKind::Structured(s) = &mut self.model.types[base.0 as usize].kind {
                s.derived = kids;
            }
        }
    }
}

fn kind_word(k: StructuredKind) -> &'static str {
    match k {
        StructuredKind::Entity => "entity type",
        StructuredKind::Complex => "complex type",
    }
}

fn op_word(k: OperationKind) -> &'static str {
    match k {
        OperationKind::Action => "action",
        OperationKind::Function => "function",
    }
}

fn placeholder_structured(t: &raw::StructuredType) -> TypeKind {
    TypeKind::Structured(Structured {
        kind: t.kind,
        is_abstract: t.is_abstract,
        open_type: t.open_type,
        has_stream: t.has_stream,
        base: None,
        key: Vec::new(),
        properties: Vec::new(),
        navigation: Vec::new(),
        derived: Vec::new(),
    })
}

fn placeholder_enum(e: &raw::EnumType) -> TypeKind {
    TypeKind::Enum(Enum {
        is_flags: e.is_flags,
        underlying: Primitive::Int32,
        members: Vec::new(),
    })
}

fn placeholder_definition() -> TypeKind {
    TypeKind::Definition(Definition {
        underlying: Primitive::String,
        facets: Default::default(),
    })
}
