//! Checking a whole payload as the [`Document`] it is expected to be,
//! beyond a value of an entity or complex type: a primitive or enum value
//! (`{"value": …}`), entity references (`$ref`), the parameters of an
//! action, deleted entities and links of a delta response.

use graph_model_csdl::model::{Document, Target, TypeId};

use super::finding::{child, Kind};
use super::model_check::{Checker, Expect};
use graph_model::json::Json;

/// The members of a link (OData JSON Format 4.0, delta responses).
const LINK_MEMBERS: [&str; 3] = ["source", "relationship", "target"];

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
            Document::DeletedEntity { id } => self.deleted_entity(*id, value),
            Document::Link { .. } => self.link(value),
            // A kind of payload added later: nothing known to check.
            _ => {}
        }
    }

    /// A deleted entity: `reason` is `deleted` or `changed`; other members
    /// are control information or properties of the entity type (`id`
    /// among them), checked as such.
    fn deleted_entity(&mut self, id: TypeId, value: &Json) {
        let model = self.model;
        let Json::Object(members) = value else {
            return self.push(
                "",
                Kind::WrongJsonType,
                format!(
                    "expected a deleted entity (an object), found {}",
                    value.kind()
                ),
            );
        };
        let props = model.properties(id);
        let navs = model.navigation(id);
        for (k, v) in members {
            let p = child("", k);
            if k.contains('@') {
                self.control(&p, k, v);
            } else if k == "reason" {
                if !matches!(v, Json::String(r) if r == "deleted" || r == "changed") {
                    self.push(
                        &p,
                        Kind::WrongJsonType,
                        "`reason` of a deleted entity is \"deleted\" or \"changed\"",
                    );
                }
            } else if self.member((&props, &navs), &p, k, v) {
                continue;
            } else if k == "id" {
                if !matches!(v, Json::String(_)) {
                    self.push(
                        &p,
                        Kind::WrongJsonType,
                        "`id` of a deleted entity is a string",
                    );
                }
            } else {
                let msg = format!("`{k}` is not part of a deleted `{}`", model.get(id).name);
                self.push(&p, Kind::NotInModel, msg);
            }
        }
    }

    /// A link or deleted link: `source`, `relationship` and `target`, each a
    /// string, and control information.
    fn link(&mut self, value: &Json) {
        let Json::Object(members) = value else {
            return self.push(
                "",
                Kind::WrongJsonType,
                format!("expected a link (an object), found {}", value.kind()),
            );
        };
        for key in LINK_MEMBERS {
            if value.get(key).is_none() {
                self.push("", Kind::WrongJsonType, format!("a link needs `{key}`"));
            }
        }
        for (k, v) in members {
            let p = child("", k);
            if k.contains('@') {
                self.control(&p, k, v);
            } else if LINK_MEMBERS.contains(&k.as_ref()) {
                if !matches!(v, Json::String(_)) {
                    let msg = format!("`{k}` of a link is a string, found {}", v.kind());
                    self.push(&p, Kind::WrongJsonType, msg);
                }
            } else {
                self.push(&p, Kind::NotInModel, format!("`{k}` is not part of a link"));
            }
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
