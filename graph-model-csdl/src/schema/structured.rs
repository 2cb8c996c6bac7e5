//! Entity and complex types: `@odata.type` dispatch, shapes, property
//! values, collection responses.

use serde_json::{json, Map, Value};

use super::{describe, Def, Defs, Mode};
use crate::csdl::raw::Facets;
use crate::model::{Target, TypeId, TypeKind, TypeRef};

/// Control information whose value is a string (OData JSON format).
const STRING_CONTROL: [&str; 15] = [
    "context",
    "metadataEtag",
    "type",
    "nextLink",
    "deltaLink",
    "id",
    "editLink",
    "readLink",
    "etag",
    "navigationLink",
    "associationLink",
    "mediaEditLink",
    "mediaReadLink",
    "mediaEtag",
    "mediaContentType",
];

/// `{"required": ["@odata.type"], "properties": {"@odata.type": <s>}}`.
fn with_type(spelling: Value) -> Value {
    json!({ "required": ["@odata.type"], "properties": { "@odata.type": spelling } })
}

/// Rejects `null`, whatever else `inner` accepts.
fn not_null(inner: Value) -> Value {
    if inner == json!(true) {
        json!({ "not": { "type": "null" } })
    } else {
        // Every other schema written here requires a type other than null.
        inner
    }
}

/// `null`, or what `inner` accepts. Written as `if`/`then` rather than
/// `anyOf`, so that a validator reports the errors inside `inner` at their
/// own places (an `anyOf` failure names only the value).
fn or_null(inner: Value) -> Value {
    if inner == json!(true) {
        return inner;
    }
    json!({ "if": { "not": { "type": "null" } }, "then": inner })
}

/// Members that are annotations: control information with the JSON type
/// the OData JSON format gives it; in strict mode (`all`), any other
/// annotation too (`@…`, `name@…`), since nothing else is allowed.
pub(super) fn annotations(mode: Mode, all: bool) -> Value {
    let mut o = Map::new();
    o.insert(
        format!("^[^@]*@odata\\.(?:{})$", STRING_CONTROL.join("|")),
        json!({ "type": "string" }),
    );
    o.insert(
        "^[^@]*@odata\\.count$".into(),
        json!({ "anyOf": [
            { "type": "integer", "minimum": 0, "maximum": i64::MAX },
            { "type": "string", "pattern": super::patterns::digits_at_most(i64::MAX) },
        ] }),
    );
    o.insert(
        "^[^@]*@odata\\.bind$".into(),
        json!({ "anyOf": [ { "type": "string" }, { "type": "array", "items": { "type": "string" } } ] }),
    );
    o.insert(
        "^[^@]*@odata\\.removed$".into(),
        json!({ "type": "object" }),
    );
    o.insert("^[^@]*@odata\\.delta$".into(), json!({ "type": "array" }));
    o.insert("^[^@]*@odata\\.null$".into(), json!({ "type": "boolean" }));
    if mode == Mode::Strict && all {
        o.insert("@".into(), json!(true));
    }
    Value::Object(o)
}

/// A collection response whose items are `item`: `value` holds them,
/// control information has its JSON type, other members are annotations
/// (anything else only in lenient mode).
pub fn collection_envelope(item: Value, mode: Mode) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), "object".into());
    o.insert(
        "properties".into(),
        json!({ "value": { "type": "array", "items": item } }),
    );
    o.insert("patternProperties".into(), annotations(mode, true));
    if mode == Mode::Strict {
        o.insert("additionalProperties".into(), json!({ "not": {} }));
    }
    Value::Object(o)
}

impl Defs<'_> {
    /// A value declared as structured type `id`. Without `@odata.type` it is
    /// the type itself (in strict mode an abstract type needs one); with the
    /// name of the type or a subtype, that type's shape; with any other name
    /// (one the model does not have, or a type that does not derive from
    /// this one), the declared type's shape in lenient mode (extra members
    /// allowed), refused at `/@odata.type` in strict mode.
    pub(super) fn declared_as(&mut self, id: TypeId) -> Value {
        let model = self.model;
        let abstract_ = model.get(id).structured().is_some_and(|s| s.is_abstract);
        let own_shape = self.refer(Def::Shape(id));
        let absent = if self.mode == Mode::Strict && abstract_ {
            json!({ "allOf": [ { "required": ["@odata.type"] }, own_shape ] })
        } else {
            own_shape.clone()
        };
        let mut all_of = vec![json!({
            "if": { "not": { "required": ["@odata.type"] } },
            "then": absent,
        })];
        let family: Vec<TypeId> = std::iter::once(id)
            .chain(model.derived_transitive(id))
            .collect();
        let mut family_spellings = Vec::new();
        for &t in &family {
            let spellings = model.spellings(t);
            family_spellings.extend(spellings.iter().cloned());
            let shape = self.refer(Def::Shape(t));
            all_of.push(json!({
                "if": with_type(json!({ "enum": spellings })),
                "then": shape,
            }));
        }
        let other = match self.mode {
            Mode::Lenient => own_shape,
            Mode::Strict => json!({ "properties": { "@odata.type": false } }),
        };
        all_of.push(json!({
            "if": with_type(json!({ "type": "string", "not": { "enum": family_spellings } })),
            "then": other,
        }));
        json!({
            "type": "object",
            "properties": { "@odata.type": { "type": "string" } },
            "allOf": all_of,
        })
    }

    /// The exact shape of structured type `id`: its properties (inherited
    /// first) and navigation properties; in strict mode, unless the type is
    /// open, nothing else but annotations (`@…`, `name@…`).
    pub(super) fn shape(&mut self, id: TypeId) -> Value {
        let model = self.model;
        let properties = self.members(id, true);
        let open = model.get(id).structured().is_some_and(|s| s.open_type);
        let mut o = Map::new();
        o.insert(
            "title".into(),
            format!("{} (its own properties)", model.get(id).name).into(),
        );
        o.insert("type".into(), "object".into());
        o.insert("properties".into(), Value::Object(properties));
        // Control information, shared by every shape.
        let control = self.refer(Def::Control);
        o.insert("allOf".into(), json!([control]));
        if self.mode == Mode::Strict && !open {
            o.insert("patternProperties".into(), json!({ "@": true }));
            // `{"not": {}}` rather than `false`, so that a validator reports
            // the member itself, as the runtime does.
            o.insert("additionalProperties".into(), json!({ "not": {} }));
        }
        Value::Object(o)
    }

    /// The schemas of `id`'s properties (inherited first) and navigation
    /// properties by name, with their descriptions when `documented`.
    pub(super) fn members(&mut self, id: TypeId, documented: bool) -> Map<String, Value> {
        let model = self.model;
        let mut properties = Map::new();
        let props = model.properties(id);
        let navs = model.navigation(id);
        let props = props.iter().map(|p| {
            let p = p.property;
            (&p.name, &p.ty, p.nullable, Some(&p.facets), &p.annotations)
        });
        let navs = navs
            .iter()
            .map(|(n, _)| (&n.name, &n.ty, true, None, &n.annotations));
        for (name, ty, nullable, facets, annotations) in props.chain(navs) {
            if name.contains('@') || properties.contains_key(name) {
                continue; // the validator reads such a key as an annotation / the first one
            }
            let mut schema = self.value(ty, nullable, facets);
            if let (true, Value::Object(o)) = (documented, &mut schema) {
                describe(o, annotations);
            }
            properties.insert(name.clone(), schema);
        }
        properties
    }

    /// A property value: a collection (never `null` items; the collection
    /// itself `null` only where nullable and only when lenient), `null` (if
    /// nullable), or one value.
    pub(super) fn value(&mut self, ty: &TypeRef, nullable: bool, facets: Option<&Facets>) -> Value {
        let single = self.single(&ty.target, facets);
        if ty.collection {
            let array = json!({ "type": "array", "items": not_null(single) });
            return if nullable && self.mode == Mode::Lenient {
                or_null(array)
            } else {
                array
            };
        }
        if nullable {
            or_null(single)
        } else {
            not_null(single)
        }
    }

    fn single(&mut self, target: &Target, facets: Option<&Facets>) -> Value {
        match target {
            Target::Unresolved(_) => json!(true),
            Target::Primitive(p) => self.primitive(*p, facets),
            Target::Named(id) if self.within.as_ref().is_some_and(|w| !w.contains(id)) => json!({
                "description": format!(
                    "`{}` is not among the generated types: any JSON, kept as read (the validator checks it against the model)",
                    self.model.get(*id).name
                )
            }),
            Target::Named(id) => match &self.model.get(*id).kind {
                // A definition of an untyped primitive accepts anything.
                TypeKind::Definition(d) if super::primitives::is_any(d.underlying) => json!(true),
                TypeKind::Structured(_) | TypeKind::Enum(_) | TypeKind::Definition(_) => {
                    self.declared(*id)
                }
            },
        }
    }

    /// A collection response: `value` holds values declared as `id`;
    /// `@odata.count` is a number or a string; other members are annotations
    /// (anything else only in lenient mode).
    pub(super) fn collection(&mut self, id: TypeId) -> Value {
        let item = self.declared(id);
        collection_envelope(item, self.mode)
    }
}
