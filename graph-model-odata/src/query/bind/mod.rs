//! Binding a parsed query to the model at the type its URL addresses:
//! names exist (inherited ones, and derived ones through casts), navigation
//! is expandable, operands compare, literals fit their property, enum
//! literals are members, and what the metadata's capability annotations
//! and a supplied operator table allow. Every problem names its byte range.

use graph_model_csdl::model::{Model, Primitive, Target, TypeId, TypeKind, TypeRef};

mod exprs;
mod names;
mod options;

use super::ast::*;
use super::restrictions::Restrictions;
use super::QueryError;

/// A query that binds to a type: what [`super::eval`] runs.
#[derive(Clone, Debug)]
pub struct Bound<'m> {
    /// The model it was bound against.
    pub model: &'m Model,
    /// The addressed type (the element type for a collection).
    pub ty: TypeId,
    /// Whether the URL addresses a collection.
    pub collection: bool,
    /// The query.
    pub query: Query,
    /// Capability warnings (the metadata says the service does not support
    /// something the query uses).
    pub warnings: Vec<QueryError>,
    /// The request sends `Prefer: include-unknown-enum-members` (from the
    /// [`Restrictions`] it was bound with): evaluation keeps evolvable enum
    /// members instead of replacing them with `unknownFutureValue`.
    pub include_unknown_enum_members: bool,
}

/// The type of an expression, as far as binding knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprType {
    /// An Edm primitive (type definitions are their underlying type).
    Primitive(Primitive),
    /// An enum type.
    Enum(TypeId),
    /// An entity or complex type.
    Structured(TypeId),
    /// A collection.
    Collection(Box<ExprType>),
    /// `null`.
    Null,
    /// Not known: an open type's undeclared property, `Edm.Untyped`, an
    /// alias, a type missing from the model.
    Unknown,
}

/// Binds `query` to `ty` (a collection of it when `collection`). `Err`:
/// every error, in text order; warnings alone do not fail binding.
pub fn bind<'m>(
    model: &'m Model,
    ty: TypeId,
    collection: bool,
    query: Query,
    restrictions: &Restrictions,
) -> Result<Bound<'m>, Vec<QueryError>> {
    let mut b = Binder {
        model,
        restrictions,
        findings: Vec::new(),
        scope: Vec::new(),
        ignore_case: query.dialect.case_insensitive,
    };
    b.query(&query, ty, collection, &[]);
    let mut findings = b.findings;
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    let (errors, warnings): (Vec<_>, Vec<_>) = findings
        .into_iter()
        .partition(|f| f.severity == super::Severity::Error);
    if errors.is_empty() {
        Ok(Bound {
            model,
            ty,
            collection,
            query,
            warnings,
            include_unknown_enum_members: restrictions.includes_unknown_enum_members(),
        })
    } else {
        Err(errors)
    }
}

struct Binder<'m, 'r> {
    model: &'m Model,
    restrictions: &'r Restrictions,
    findings: Vec<QueryError>,
    /// `$it` first, then lambda variables, innermost last.
    scope: Vec<(String, ExprType)>,
    /// Names match ignoring case (Graph), with a warning.
    ignore_case: bool,
}

/// A resolved path: its type, and the property it ends in with the type
/// it was reached on (for operator tables).
struct PathEnd {
    ty: ExprType,
    property: Option<(TypeId, String)>,
}

impl<'m> Binder<'m, '_> {
    fn error(&mut self, span: &Span, message: impl Into<String>) -> QueryError {
        QueryError::new(span.clone(), message)
    }

    fn push(&mut self, e: QueryError) {
        self.findings.push(e);
    }

    fn name(&self, id: TypeId) -> String {
        self.model.get(id).name.to_string()
    }

    fn display(&self, t: &ExprType) -> String {
        match t {
            ExprType::Primitive(p) => format!("Edm.{p:?}"),
            ExprType::Enum(id) | ExprType::Structured(id) => self.name(*id),
            ExprType::Collection(inner) => format!("Collection({})", self.display(inner)),
            ExprType::Null => "null".into(),
            ExprType::Unknown => "a value of unknown type".into(),
        }
    }

    fn of_ref(&self, r: &TypeRef) -> ExprType {
        let single = match &r.target {
            Target::Primitive(p) => ExprType::Primitive(*p),
            Target::Named(id) => match &self.model.get(*id).kind {
                TypeKind::Structured(_) => ExprType::Structured(*id),
                TypeKind::Enum(_) => ExprType::Enum(*id),
                TypeKind::Definition(d) => ExprType::Primitive(d.underlying),
            },
            Target::Unresolved(_) => ExprType::Unknown,
        };
        if r.collection {
            ExprType::Collection(Box::new(single))
        } else {
            single
        }
    }
}
