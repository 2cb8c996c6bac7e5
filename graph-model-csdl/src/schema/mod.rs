//! JSON Schema (draft 2020-12) from the resolved model, saying exactly what
//! the validator (`graph_model_tools::validate`) says, in either of its modes.
//!
//! Every type has a definition in `$defs` under its qualified name: for an
//! entity or complex type, *a value declared as that type* — it dispatches on
//! `@odata.type` to the shape of the type or of one of its subtypes
//! (`<name>-properties`), as the validator does. Enum types and type
//! definitions have one definition each; the Edm primitives are shared
//! (`Edm.Int64`, `Edm.DateTimeOffset`...) with patterns that accept exactly
//! the texts the runtime's parsers accept.
//!
//! What no JSON Schema can say is left to the validator: trailing commas and
//! repeated keys (the schema sees parsed JSON), an integer written with a
//! fraction or exponent (`5.0` is an integer to JSON Schema, not to the
//! runtime), a numeric string beyond the range of a double, and the
//! `Precision`/`Scale` of `Edm.Decimal`.

mod documents;
mod patterns;
mod primitives;
mod structured;

pub use primitives::def_name;
pub use structured::collection_envelope;

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::model::{Model, TypeId, TypeKind};

/// The draft every schema is written in.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Which of the validator's modes a schema mirrors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// What Graph and its documentation send: any string for an enum, extra
    /// properties, unknown `@odata.type`s, abstract values without one.
    #[default]
    Lenient,
    /// Only what the model declares.
    Strict,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Lenient => "lenient",
            Mode::Strict => "strict",
        }
    }
}

/// Definition name of the exact shape of a structured type.
fn shape_name(qualified: &str) -> String {
    format!("{qualified}-properties")
}

/// A `$ref` to a definition.
fn reference(def: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{}", pointer_token(def)) })
}

/// A definition name as a JSON pointer token (`~` and `/` escaped).
fn pointer_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// Builds definitions on demand: asking for a reference queues its definition.
pub(crate) struct Defs<'m> {
    pub(crate) model: &'m Model,
    pub(crate) mode: Mode,
    defs: BTreeMap<String, Value>,
    queue: Vec<Def>,
    /// When set, the only types described; others are any JSON.
    within: Option<std::collections::BTreeSet<TypeId>>,
}

/// A definition to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Def {
    /// A value declared as this type (dispatching, for structured types).
    Declared(TypeId),
    /// The exact shape of a structured type.
    Shape(TypeId),
    /// A shared Edm primitive.
    Primitive(crate::model::Primitive),
    /// The JSON types of OData control information.
    Control,
    /// The parameter body of an operation (index into `Model::operations`).
    Parameters(usize),
    /// An entity reference.
    Reference,
    /// A link or deleted link of a delta response.
    Link,
    /// A deleted entity of a delta response.
    DeletedEntity(TypeId),
}

/// Definition name of the control-information rules every shape uses.
const CONTROL: &str = "odata-control-information";

impl<'m> Defs<'m> {
    fn new(model: &'m Model, mode: Mode) -> Self {
        Self {
            model,
            mode,
            defs: BTreeMap::new(),
            queue: Vec::new(),
            within: None,
        }
    }

    fn name_of(&self, def: Def) -> String {
        match def {
            Def::Declared(id) => self.model.get(id).name.to_string(),
            Def::Shape(id) => shape_name(&self.model.get(id).name.to_string()),
            Def::Primitive(p) => primitives::def_name(p).to_string(),
            Def::Control => CONTROL.to_string(),
            Def::Parameters(op) => documents::parameters_name(self.model, op),
            Def::Reference => documents::REFERENCE.to_string(),
            Def::Link => documents::LINK.to_string(),
            Def::DeletedEntity(id) => documents::deleted_name(&self.model.get(id).name.to_string()),
        }
    }

    /// A `$ref` to `def`, queueing it.
    fn refer(&mut self, def: Def) -> Value {
        let name = self.name_of(def);
        if !self.defs.contains_key(&name) {
            self.defs.insert(name.clone(), Value::Null);
            self.queue.push(def);
        }
        reference(&name)
    }

    /// A `$ref` to the definition of a type declared as `id`.
    pub(crate) fn declared(&mut self, id: TypeId) -> Value {
        self.refer(Def::Declared(id))
    }

    /// Builds everything queued.
    fn drain(&mut self) {
        while let Some(def) = self.queue.pop() {
            let name = self.name_of(def);
            let schema = match def {
                Def::Declared(id) => self.type_def(id),
                Def::Shape(id) => self.shape(id),
                Def::Primitive(p) => primitives::shared(p),
                Def::Control => {
                    let mut c = json!({
                        "description": "OData control information: the JSON type of `@odata.*` members and property annotations (`name@odata.*`).",
                        "patternProperties": structured::annotations(Mode::Lenient, false),
                    });
                    c["title"] = "OData control information".into();
                    c
                }
                Def::Parameters(op) => self.parameters(op),
                Def::Reference => self.reference(),
                Def::Link => self.link(),
                Def::DeletedEntity(id) => self.deleted_entity(id),
            };
            self.defs.insert(name, schema);
        }
    }

    fn type_def(&mut self, id: TypeId) -> Value {
        let def = self.model.get(id);
        let mut schema = match &def.kind {
            TypeKind::Structured(_) => self.declared_as(id),
            TypeKind::Enum(e) => primitives::enumeration(e, self.mode),
            TypeKind::Definition(d) => self.primitive(d.underlying, Some(&d.facets)),
        };
        annotate(&mut schema, &def.name.to_string(), &def.annotations);
        schema
    }

    fn finish(mut self) -> Map<String, Value> {
        self.drain();
        self.defs.into_iter().collect()
    }
}

/// `title`, `description` and `deprecated` from the CSDL annotations.
fn annotate(schema: &mut Value, title: &str, annotations: &[crate::csdl::raw::Annotation]) {
    let Value::Object(o) = schema else { return };
    o.insert("title".into(), title.into());
    describe(o, annotations);
}

fn describe(o: &mut Map<String, Value>, annotations: &[crate::csdl::raw::Annotation]) {
    let doc = crate::model::Documentation::of(annotations);
    let text: Vec<&str> = [&doc.description, &doc.long_description]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let deprecation = crate::model::Deprecation::of(annotations);
    let mut description = text.join("\n\n");
    if let Some(d) = &deprecation {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&d.note());
    }
    if !description.is_empty() {
        o.insert("description".into(), description.into());
    }
    if deprecation.is_some() {
        o.insert("deprecated".into(), true.into());
    }
}

fn root(id_uri: String, body: Value, defs: Map<String, Value>) -> Value {
    let mut o = Map::new();
    o.insert("$schema".into(), DRAFT.into());
    o.insert("$id".into(), id_uri.into());
    if let Value::Object(b) = body {
        o.extend(b);
    }
    if !defs.is_empty() {
        o.insert("$defs".into(), Value::Object(defs));
    }
    Value::Object(o)
}

fn id_uri(mode: Mode, what: &str) -> String {
    format!("urn:graph-model:{}:{what}", mode.name())
}

/// The schema of a value declared as `type_name` (with `collection`, of a
/// collection response `{"value": [...]}` of it), with the definitions it
/// needs in `$defs`. `type_name` may be qualified, alias-qualified or
/// `#`-prefixed; it must name an entity or complex type.
pub fn for_type(
    model: &Model,
    type_name: &str,
    collection: bool,
    mode: Mode,
) -> Result<Value, crate::Error> {
    let id = model.structured_type(type_name)?;
    let qualified = model.get(id).name.to_string();
    let mut defs = Defs::new(model, mode);
    let body = if collection {
        defs.collection(id)
    } else {
        defs.declared(id)
    };
    let what = if collection {
        format!("Collection({qualified})")
    } else {
        qualified
    };
    Ok(root(id_uri(mode, &what), body, defs.finish()))
}

/// The schema of a whole payload as the validator judges it
/// (`graph_model_tools::validate::validate_document`): a value of a type or
/// a collection response of one, a `{"value": …}` document, entity
/// references, an action's parameter body, a deleted entity or a link of a
/// delta response; with the definitions it needs in `$defs`.
pub fn for_document(model: &Model, doc: &crate::model::Document, mode: Mode) -> Value {
    let mut defs = Defs::new(model, mode);
    let body = defs.document(doc);
    let what = doc.describe(model).replace(' ', "-");
    root(id_uri(mode, &what), body, defs.finish())
}

/// The name under which [`bundle`] and [`for_document`] define a payload
/// that has a definition of its own (`#/$defs/<name>`): a type's qualified
/// name, `ns.action(ns.BindingType)-parameters` for an action's parameter
/// body (`ns.action()-parameters` when unbound), `odata-entity-reference`,
/// `odata-link`, `ns.T-deleted-entity`. `None` for a collection response
/// or a `{"value": …}` document, which are written out where used.
pub fn document_definition(model: &Model, doc: &crate::model::Document) -> Option<String> {
    use crate::model::Document as D;
    Some(match doc {
        D::Structured {
            id,
            collection: false,
        } => model.get(*id).name.to_string(),
        D::References { collection: false } => documents::REFERENCE.to_string(),
        D::Parameters { operation } => documents::parameters_name(model, *operation),
        D::DeletedEntity { id } => documents::deleted_name(&model.get(*id).name.to_string()),
        D::Link { .. } => documents::LINK.to_string(),
        _ => return None,
    })
}

/// The schema of an Edm primitive on its own (what a property of that type
/// accepts apart from `null`), as the exported definitions use it.
pub fn primitive(p: crate::model::Primitive) -> Value {
    primitives::shared(p)
}

/// Every type of the model in one document's `$defs` (the root accepts any
/// value; refer to `#/$defs/<qualified name>`), with the parameter body of
/// every action, an entity reference and a delta link (names as
/// [`document_definition`] gives them).
pub fn bundle(model: &Model, mode: Mode) -> Value {
    let mut defs = Defs::new(model, mode);
    for id in model.ids() {
        defs.declared(id);
    }
    for op in 0..model.operations.len() {
        if documents::has_body(model, op) {
            defs.refer(Def::Parameters(op));
        }
    }
    defs.refer(Def::Reference);
    defs.refer(Def::Link);
    root(id_uri(mode, "bundle"), json!({}), defs.finish())
}

/// Like [`bundle`], for the given types only: what a generated crate embeds
/// for its `schemars` impls. A property whose type is not among them is
/// described as any JSON, as the generated field (`Untyped`) holds it.
pub fn bundle_of(model: &Model, ids: impl IntoIterator<Item = TypeId>, mode: Mode) -> Value {
    let ids: std::collections::BTreeSet<TypeId> = ids.into_iter().collect();
    let mut defs = Defs::new(model, mode);
    defs.within = Some(ids.clone());
    for id in ids {
        defs.declared(id);
        if model.get(id).structured().is_some() {
            defs.refer(Def::Shape(id));
        }
    }
    root(id_uri(mode, "bundle"), json!({}), defs.finish())
}

/// The definition name of a structured type's exact shape (what its
/// generated struct holds, without `@odata.type` dispatch).
pub fn shape_definition(qualified: &str) -> String {
    shape_name(qualified)
}

/// An OpenAPI 3.1 document whose `components.schemas` hold every type
/// (OpenAPI 3.1 schemas are JSON Schema 2020-12).
pub fn openapi(model: &Model, mode: Mode, title: &str) -> Value {
    let Value::Object(mut b) = bundle(model, mode) else {
        unreachable!("a bundle is an object")
    };
    let schemas = b.remove("$defs").unwrap_or_else(|| json!({}));
    let schemas = retarget(schemas, "#/$defs/", "#/components/schemas/");
    json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": DRAFT,
        "info": { "title": title, "version": "1.0.0" },
        "paths": {},
        "components": { "schemas": schemas },
    })
}

/// Rewrites every `$ref` that starts with `from`.
fn retarget(v: Value, from: &str, to: &str) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| match (k.as_str(), v) {
                    ("$ref", Value::String(s)) if s.starts_with(from) => {
                        let r = format!("{to}{}", &s[from.len()..]);
                        (k, Value::String(r))
                    }
                    (_, v) => (k, retarget(v, from, to)),
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(|v| retarget(v, from, to)).collect()),
        other => other,
    }
}
