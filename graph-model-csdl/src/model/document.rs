//! What a whole payload is: a value of an entity or complex type (or a
//! collection response of them), a primitive or enum value in `{"value": …}`,
//! entity references (`$ref`), the parameters of an action, and the
//! deleted entities and links of a delta response. The validator judges a
//! payload as one of these, and the JSON Schema export describes each.

use super::{Model, Target, TypeId};

/// The expected shape of a whole payload.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
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
    /// An entity removed from a delta response's set (`#set/$deletedEntity`):
    /// `id` and `reason` (`deleted` or `changed`), or `@removed`, and
    /// properties of the entity type.
    DeletedEntity {
        /// The entity type of the set.
        id: TypeId,
    },
    /// A relationship added to (`#set/$link`) or removed from
    /// (`#set/$deletedLink`) a delta response: `source`, `relationship`,
    /// `target`, all strings.
    Link {
        /// `$deletedLink` rather than `$link`.
        deleted: bool,
    },
}

impl Document {
    /// A short description: the type (and whether a collection), for reports.
    pub fn describe(&self, model: &Model) -> String {
        let name = |t: &Target| model.target_name(t);
        match self {
            Document::Structured {
                id,
                collection: false,
            } => model.get(*id).name.to_string(),
            Document::Structured {
                id,
                collection: true,
            } => format!("Collection({})", model.get(*id).name),
            Document::Value {
                target,
                collection: false,
                ..
            } => name(target),
            Document::Value {
                target,
                collection: true,
                ..
            } => format!("Collection({})", name(target)),
            Document::References { collection: false } => "entity reference".into(),
            Document::References { collection: true } => "Collection(entity reference)".into(),
            Document::Parameters { operation } => {
                format!("parameters of {}", model.operations[*operation].name)
            }
            Document::DeletedEntity { id } => format!("deleted {}", model.get(*id).name),
            Document::Link { deleted: false } => "link".into(),
            Document::Link { deleted: true } => "deleted link".into(),
        }
    }

    /// Whether the payload is a collection response (`{"value": [...]}`).
    pub fn is_collection(&self) -> bool {
        matches!(
            self,
            Document::Structured {
                collection: true,
                ..
            } | Document::Value {
                collection: true,
                ..
            } | Document::References { collection: true }
        )
    }
}
