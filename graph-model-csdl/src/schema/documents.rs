//! Whole payloads other than a value of a type: action parameter bodies,
//! entity references, `{"value": …}` documents, deleted entities and links
//! of a delta response — each described as the validator judges it.

use serde_json::{json, Map, Value};

use super::structured::annotations;
use super::{Def, Defs, Mode};
use crate::csdl::raw::OperationKind;
use crate::model::{Document, Model, TypeRef};

/// Definition name of an entity reference (`{"@odata.id": …}`).
pub(super) const REFERENCE: &str = "odata-entity-reference";
/// Definition name of a delta response's link or deleted link.
pub(super) const LINK: &str = "odata-link";
/// The members every link has.
const LINK_MEMBERS: [&str; 3] = ["source", "relationship", "target"];

/// The definition name of an operation's parameter body:
/// `ns.name(ns.BindingType)-parameters`, `ns.name(Collection(ns.T))-parameters`,
/// `ns.name()-parameters` when unbound.
pub(super) fn parameters_name(model: &Model, operation: usize) -> String {
    let op = &model.operations[operation];
    let binding = op
        .binding()
        .map_or(String::new(), |b| model.type_ref_name(b));
    format!("{}({binding})-parameters", op.name)
}

/// The definition name of a deleted entity of type `qualified`.
pub(super) fn deleted_name(qualified: &str) -> String {
    format!("{qualified}-deleted-entity")
}

/// An object whose members are `properties` and annotations; in strict
/// mode nothing else (`{"not": {}}`, so that a validator reports the member).
fn object(properties: Map<String, Value>, mode: Mode) -> Map<String, Value> {
    let mut o = Map::new();
    o.insert("type".into(), "object".into());
    o.insert("properties".into(), Value::Object(properties));
    o.insert("patternProperties".into(), annotations(mode, true));
    if mode == Mode::Strict {
        o.insert("additionalProperties".into(), json!({ "not": {} }));
    }
    o
}

/// Whether `operation` takes its parameters in a request body (actions do;
/// functions take them in the URL).
pub(super) fn has_body(model: &Model, operation: usize) -> bool {
    model.operations[operation].kind == OperationKind::Action
}

impl Defs<'_> {
    /// The schema of a whole payload (a `$ref`, or a collection envelope
    /// around one), queueing the definitions it needs.
    pub(super) fn document(&mut self, doc: &Document) -> Value {
        match doc {
            Document::Structured {
                id,
                collection: false,
            } => self.declared(*id),
            Document::Structured {
                id,
                collection: true,
            } => self.collection(*id),
            Document::Value {
                target,
                collection,
                nullable,
            } => {
                let ty = TypeRef {
                    collection: *collection,
                    target: target.clone(),
                    written: String::new(),
                };
                let value = self.value(&ty, *nullable && !*collection, None);
                Value::Object(object(
                    [("value".to_string(), value)].into_iter().collect(),
                    self.mode,
                ))
            }
            Document::References { collection } => {
                let one = self.refer(Def::Reference);
                if *collection {
                    super::collection_envelope(one, self.mode)
                } else {
                    one
                }
            }
            Document::Parameters { operation } => self.refer(Def::Parameters(*operation)),
            Document::DeletedEntity { id } => self.refer(Def::DeletedEntity(*id)),
            Document::Link { .. } => self.refer(Def::Link),
        }
    }

    /// The non-binding parameters of an operation, by name; anything else
    /// only in lenient mode.
    pub(super) fn parameters(&mut self, operation: usize) -> Value {
        let model = self.model;
        let op = &model.operations[operation];
        let mut properties = Map::new();
        for p in &op.parameters[usize::from(op.is_bound)..] {
            if p.name.contains('@') || properties.contains_key(&p.name) {
                continue; // read as an annotation / the first one
            }
            let schema = self.value(&p.ty, p.nullable, None);
            properties.insert(p.name.clone(), schema);
        }
        let mut o = object(properties, self.mode);
        o.insert("title".into(), format!("parameters of {}", op.name).into());
        super::describe(&mut o, &op.annotations);
        Value::Object(o)
    }

    /// An entity reference: `@odata.id` required, annotations, nothing else
    /// in strict mode.
    pub(super) fn reference(&self) -> Value {
        let mut o = object(Map::new(), self.mode);
        o.insert("title".into(), "entity reference".into());
        o.insert("required".into(), json!(["@odata.id"]));
        Value::Object(o)
    }

    /// A link or deleted link of a delta response.
    pub(super) fn link(&self) -> Value {
        let properties = LINK_MEMBERS
            .iter()
            .map(|m| (m.to_string(), json!({ "type": "string" })))
            .collect();
        let mut o = object(properties, self.mode);
        o.insert("title".into(), "link (delta response)".into());
        o.insert("required".into(), json!(LINK_MEMBERS));
        Value::Object(o)
    }

    /// A deleted entity of entity type `id`: its properties, `id` as a
    /// string if the type has no such property, `reason`.
    pub(super) fn deleted_entity(&mut self, id: crate::model::TypeId) -> Value {
        let model = self.model;
        let mut properties = self.members(id, false);
        properties
            .entry("id")
            .or_insert_with(|| json!({ "type": "string" }));
        properties.insert(
            "reason".into(),
            json!({ "type": "string", "enum": ["deleted", "changed"] }),
        );
        let mut o = object(properties, self.mode);
        o.insert(
            "title".into(),
            format!("deleted {}", model.get(id).name).into(),
        );
        Value::Object(o)
    }
}
