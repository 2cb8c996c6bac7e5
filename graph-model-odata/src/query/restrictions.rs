//! What a service allows beyond what the model's types allow: the
//! `Org.OData.Capabilities.V1` restrictions the metadata declares on types
//! and navigation properties, and tables a user supplies (like the list
//! page's "which operators each file property allows").

use std::collections::BTreeMap;

use graph_model_csdl::csdl::raw::{Annotation, Expr as AnnotationExpr};
use graph_model_csdl::model::{Model, TypeId};

use super::ast::BinaryOp;

/// The operators `$filter` may apply to one property, and whether
/// `$orderby` may sort by it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operators {
    /// Comparison (and other) operators allowed on the property.
    pub filter: Vec<BinaryOp>,
    /// `$orderby` allowed.
    pub sortable: bool,
}

/// Per-property tables, by the qualified name of the type that has the
/// property. A type that has a table allows only what its table lists:
/// an unlisted property cannot be filtered or sorted on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Restrictions {
    tables: BTreeMap<String, BTreeMap<String, Operators>>,
    include_unknown_enum_members: bool,
}

/// The comparison operators.
const COMPARISONS: [BinaryOp; 6] = [
    BinaryOp::Eq,
    BinaryOp::Ne,
    BinaryOp::Gt,
    BinaryOp::Ge,
    BinaryOp::Lt,
    BinaryOp::Le,
];

impl Restrictions {
    /// No tables: everything the model and its annotations allow.
    pub fn new() -> Self {
        Self::default()
    }

    /// The request sends `Prefer: include-unknown-enum-members` (`on`), so
    /// its query may name evolvable enum members (those declared after
    /// `unknownFutureValue`); without it Graph answers `400 Bad Request`.
    pub fn include_unknown_enum_members(mut self, on: bool) -> Self {
        self.include_unknown_enum_members = on;
        self
    }

    /// Whether the request sends `Prefer: include-unknown-enum-members`.
    pub fn includes_unknown_enum_members(&self) -> bool {
        self.include_unknown_enum_members
    }

    /// Allows `ops` on `type_name`/`property` in `$filter` and, when
    /// `sortable`, `$orderby` by it.
    pub fn allow(
        &mut self,
        type_name: &str,
        property: &str,
        ops: &[BinaryOp],
        sortable: bool,
    ) -> &mut Self {
        self.tables
            .entry(type_name.to_string())
            .or_default()
            .insert(
                property.to_string(),
                Operators {
                    filter: ops.to_vec(),
                    sortable,
                },
            );
        self
    }

    /// The table of the upload-session list page ("List
    /// customDataProvidedResourceUploadSession objects"): on `files`,
    /// `name` allows `eq`, `ne`; `size` and `uploadedDateTime` allow
    /// `eq`, `ne`, `gt`, `ge`, `lt`, `le`; all three can be sorted by.
    pub fn upload_session_files() -> Self {
        let file = "microsoft.graph.customDataProvidedResourceFile";
        let mut r = Self::new();
        r.allow(file, "name", &COMPARISONS[..2], true)
            .allow(file, "size", &COMPARISONS, true)
            .allow(file, "uploadedDateTime", &COMPARISONS, true);
        r
    }

    /// The table for `type_name`, if one was given.
    pub(crate) fn table(&self, type_name: &str) -> Option<&BTreeMap<String, Operators>> {
        self.tables.get(type_name)
    }
}

/// The `Org.OData.Capabilities.V1` restrictions in force for a query on a
/// type, reached (or not) through a navigation property: the navigation
/// property's annotations first, then the type's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Capabilities {
    pub(crate) filterable: Option<bool>,
    pub(crate) sortable: Option<bool>,
    pub(crate) expandable: Option<bool>,
    pub(crate) selectable: Option<bool>,
    pub(crate) countable: Option<bool>,
    pub(crate) searchable: Option<bool>,
    pub(crate) top: Option<bool>,
    pub(crate) skip: Option<bool>,
    pub(crate) non_filterable: Vec<String>,
    pub(crate) non_sortable: Vec<String>,
    pub(crate) non_expandable: Vec<String>,
}

impl Capabilities {
    pub(crate) fn of(model: &Model, ty: TypeId, via: &[Annotation]) -> Self {
        let mut c = Self::default();
        // The nearer declaration wins: navigation property, then type.
        for annotations in [via, model.get(ty).annotations.as_slice()] {
            c.read(annotations);
        }
        c
    }

    fn read(&mut self, annotations: &[Annotation]) {
        for a in annotations {
            let Some(term) = a
                .term
                .strip_prefix("Org.OData.Capabilities.V1.")
                .or_else(|| a.term.strip_prefix("Capabilities."))
            else {
                continue;
            };
            let v = a.value.as_ref();
            let flag = |name: &str| v.and_then(|v| v.record_property(name)).and_then(as_bool);
            let paths = |name: &str| {
                v.and_then(|v| v.record_property(name))
                    .map(as_paths)
                    .unwrap_or_default()
            };
            let set = |slot: &mut Option<bool>, value: Option<bool>| {
                if slot.is_none() {
                    *slot = value;
                }
            };
            match term {
                "FilterRestrictions" => {
                    set(&mut self.filterable, flag("Filterable"));
                    self.non_filterable.extend(paths("NonFilterableProperties"));
                }
                "SortRestrictions" => {
                    set(&mut self.sortable, flag("Sortable"));
                    self.non_sortable.extend(paths("NonSortableProperties"));
                }
                "ExpandRestrictions" => {
                    set(&mut self.expandable, flag("Expandable"));
                    self.non_expandable.extend(paths("NonExpandableProperties"));
                }
                "SelectSupport" => set(&mut self.selectable, flag("Supported")),
                "CountRestrictions" => set(&mut self.countable, flag("Countable")),
                "SearchRestrictions" => set(&mut self.searchable, flag("Searchable")),
                "TopSupported" => set(&mut self.top, v.and_then(as_bool)),
                "SkipSupported" => set(&mut self.skip, v.and_then(as_bool)),
                _ => {}
            }
        }
    }
}

fn as_bool(e: &AnnotationExpr) -> Option<bool> {
    match e {
        AnnotationExpr::Constant { kind, text } if kind == "Bool" => Some(text == "true"),
        _ => None,
    }
}

fn as_paths(e: &AnnotationExpr) -> Vec<String> {
    match e {
        AnnotationExpr::Collection(items) => items
            .iter()
            .filter_map(|i| match i {
                AnnotationExpr::Path { path, .. } => Some(path.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
