//! What a whole payload is expected to be, beyond a value of an entity or
//! complex type: a primitive or enum value (`{"value": …}`), entity
//! references (`$ref`), the parameters of an action.

use graph_model_csdl::model::{Model, Target, TypeId};

use super::finding::{child, Kind};
use super::model_check::{Checker, Expect};
use graph_model::json::Json;

/// The expected shape of a whole payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Document {
    /// A value declared as an entity or complex type, or (with `collection`)
    /// a collection response of such values.
    Structured {
        /// The declared type.
        id: TypeId,
        /// `{"value": [...]}`.
        collection: bool,
    },
    /// A primitive, enum or type-definition value — a property read on its
    /// own or an operation's result: `{"value": x}`, or `{"value": [...]}`.
    Value {
        /// The value's type.
        target: Target,
        /// A collection of them.
        collection: bool,
        /// Whether `null` is allowed (for a single value).
        nullable: bool,
    },
    /// Entity references (`$ref`): `{"@odata.id": "..."}`, or a collection
    /// of them in `value`.
    References {
        /// A collection of references.
        collection: bool,
    },
    /// The request body of an action: its non-binding parameters by name.
    Parameters {
        /// Index into [`Model::operations`].
        operation: usize,
    },
}

impl Document {
    /// A short description: the type (and whether a collection), for reports.
    pub fn describe(&self, model: &Model) -> String {
        let name = |t: &Target| match t {
            Target::Named(id) => model.get(*id).name.to_string(),
            Target::Primitive(p) => format!("Edm.{p:?}"),
            Target::Unresolved(s) => s.clone(),
        };
        match self {
            Document::Structured {
                id,
                collection: false,
            } => model.get(*id).name.to_string(),
            Document::Structured {
                id,
                collection: true,
            } => {
                format!("Collection({})", model.get(*id).name)
            }
            Document::Value {
                target,
                collection: false,
                ..
            } => name(target),
            Document::Value {
                target,
                collection: true,
                ..
            } => {
                format!("Collection({})", name(target))
            }
            Document::References { collection: false } => "entity reference".into(),
            Document::References { collection: true } => "Collection(entity reference)".into(),
            Document::Parameters { operation } => {
                format!("parameters of {}", model.operations[*operation].name)
            }
        }
    }
}

impl Checker<'_> {
    /// Checks a whole payload.
    pub fn whole(&mut self, doc: &Document, value: &Json) {
        match doc {
            Document::Structured { id, collection } => self.document(*id, *collection, value),
            Document::Value {
                target,
                collection,
                nullable,
            } => self.value_document(target, *collection, *nullable, value),
            Document::References { collection } => self.references(*collection, value),
            Document::Parameters { operation } => self.parameters(*operation, value),
        }
    }

    /// `{"value": …}` with control information around it.
    fn envelope<'v, 'a>(&mut self, value: &'v Json<'a>, what: &str) -> Option<&'v Json<'a>> {
        let Json::Object(members) = value else {
            self.push(
                "",
                Kind::WrongJsonType,
                format!(
                    "expected an object with `value` ({what}), found {}",
                    value.kind()
                ),
            );
            return None;
        };
        for (k, v) in members {
            if k.contains('@') {
                self.control(&child("", k), k, v);
            } else if k != "value" {
                self.push(
                    &child("", k),
                    Kind::NotInModel,
                    format!("`{k}` is not part of a response with {what}"),
                );
            }
        }
        value.get("value")
    }

    fn value_document(&mut self, target: &Target, collection: bool, nullable: bool, value: &Json) {
        let what = if collection {
            "a collection"
        } else {
            "a single value"
        };
        let Some(v) = self.envelope(value, what) else {
            return;
        };
        self.value(
            "/value",
            v,
            Expect {
                target,
                collection,
                nullable: nullable && !collection,
                facets: None,
            },
            "value",
        );
    }

    fn reference(&mut self, pointer: &str, v: &Json) {
        let Json::Object(members) = v else {
            return self.push(
                pointer,
                Kind::WrongJsonType,
                format!(
                    "expected an entity reference (an object with `@odata.id`), found {}",
                    v.kind()
                ),
            );
        };
        if v.get("@odata.id").is_none() {
            self.push(
                pointer,
                Kind::WrongJsonType,
                "an entity reference needs `@odata.id`",
            );
        }
        for (k, x) in members {
            let p = child(pointer, k);
            if k.contains('@') {
                self.control(&p, k, x);
            } else {
                self.push(
                    &p,
                    Kind::NotInModel,
                    format!("`{k}` is not part of an entity reference"),
                );
            }
        }
    }

    fn references(&mut self, collection: bool, value: &Json) {
        if !collection {
            return self.reference("", value);
        }
        let Some(v) = self.envelope(value, "a collection of entity references") else {
            return;
        };
        match v {
            Json::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.reference(&format!("/value/{i}"), item);
                }
            }
            other => self.push(
                "/value",
                Kind::WrongJsonType,
                format!("`value` must be an array, found {}", other.kind()),
            ),
        }
    }

    fn parameters(&mut self, operation: usize, value: &Json) {
        let model = self.model;
        let op = &model.operations[operation];
        let Json::Object(members) = value else {
            return self.push(
                "",
                Kind::WrongJsonType,
                format!(
                    "expected an object with the parameters of `{}`, found {}",
                    op.name,
                    value.kind()
                ),
            );
        };
        let params = &op.parameters[usize::from(op.is_bound)..];
        for (k, v) in members {
            let p = child("", k);
            if k.contains('@') {
                self.control(&p, k, v);
                continue;
            }
            match params.iter().find(|x| x.name == *k) {
                Some(param) => self.value(
                    &p,
                    v,
                    Expect {
                        target: &param.ty.target,
                        collection: param.ty.collection,
                        nullable: param.nullable,
                        facets: None,
                    },
                    &param.name,
                ),
                None => self.push(
                    &p,
                    Kind::NotInModel,
                    format!("`{k}` is not a parameter of `{}`", op.name),
                ),
            }
        }
    }
}
