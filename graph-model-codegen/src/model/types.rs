//! The resolved model's data types. Built by [`super::resolve`]; read by every
//! later stage.

use std::fmt;

use crate::csdl::raw::{Annotation, Facets, OperationKind, StructuredKind};
use crate::diagnostics::Span;

/// Index of a named type in [`super::Model::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// A namespace-qualified name, always with the full namespace (never an alias).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QualifiedName {
    pub namespace: String,
    pub name: String,
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.namespace, self.name)
    }
}

/// The Edm primitive types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Guid,
    Binary,
    Date,
    DateTimeOffset,
    TimeOfDay,
    Duration,
    Stream,
    Untyped,
    /// `Edm.Geography*` / `Edm.Geometry*`: GeoJSON values.
    Geo,
    /// `Edm.PrimitiveType`, `Edm.ComplexType`, `Edm.EntityType`, `Edm.AnnotationPath`...
    Abstract,
}

impl Primitive {
    /// Parses the part after `Edm.`.
    pub fn from_edm(name: &str) -> Option<Self> {
        use Primitive::*;
        Some(match name {
            "String" => String,
            "Boolean" => Boolean,
            "Byte" => Byte,
            "SByte" => SByte,
            "Int16" => Int16,
            "Int32" => Int32,
            "Int64" => Int64,
            "Single" => Single,
            "Double" => Double,
            "Decimal" => Decimal,
            "Guid" => Guid,
            "Binary" => Binary,
            "Date" => Date,
            "DateTimeOffset" => DateTimeOffset,
            "TimeOfDay" => TimeOfDay,
            "Duration" => Duration,
            "Stream" => Stream,
            "Untyped" => Untyped,
            n if n.starts_with("Geography") || n.starts_with("Geometry") => Geo,
            "PrimitiveType"
            | "ComplexType"
            | "EntityType"
            | "AnnotationPath"
            | "PropertyPath"
            | "NavigationPropertyPath"
            | "AnyPropertyPath"
            | "ModelElementPath" => Abstract,
            _ => return None,
        })
    }
}

/// What a type reference points to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Primitive(Primitive),
    Named(TypeId),
    /// Not found in the model (a diagnostic was reported); keeps the text.
    Unresolved(String),
}

/// A resolved type reference: `Collection(T)` or `T`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeRef {
    pub collection: bool,
    pub target: Target,
    /// The type exactly as written in the CSDL.
    pub written: String,
}

#[derive(Clone, Debug)]
pub struct Property {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
    pub default_value: Option<String>,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct NavigationProperty {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
    pub partner: Option<String>,
    pub contains_target: bool,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Structured {
    pub kind: StructuredKind,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    pub base: Option<TypeId>,
    /// Key property names declared on this type (not inherited).
    pub key: Vec<String>,
    pub properties: Vec<Property>,
    pub navigation: Vec<NavigationProperty>,
    /// Direct subtypes, in name order.
    pub derived: Vec<TypeId>,
}

#[derive(Clone, Debug)]
pub struct EnumMember {
    pub name: String,
    pub value: i64,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub is_flags: bool,
    pub underlying: Primitive,
    pub members: Vec<EnumMember>,
}

impl Enum {
    pub fn has_unknown_future_value(&self) -> bool {
        self.members.iter().any(|m| m.name == "unknownFutureValue")
    }
}

#[derive(Clone, Debug)]
pub struct Definition {
    pub underlying: Primitive,
    pub facets: Facets,
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    Structured(Structured),
    Enum(Enum),
    Definition(Definition),
}

/// A named type of the model.
#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: QualifiedName,
    pub kind: TypeKind,
    /// Inline annotations plus external `Annotations` that target this type.
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

impl TypeDef {
    pub fn structured(&self) -> Option<&Structured> {
        match &self.kind {
            TypeKind::Structured(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_enum(&self) -> Option<&Enum> {
        match &self.kind {
            TypeKind::Enum(e) => Some(e),
            _ => None,
        }
    }

    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            TypeKind::Structured(s) if s.kind == StructuredKind::Entity => "entity type",
            TypeKind::Structured(_) => "complex type",
            TypeKind::Enum(_) => "enum type",
            TypeKind::Definition(_) => "type definition",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Parameter {
    pub name: String,
    pub ty: TypeRef,
    pub nullable: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Operation {
    pub kind: OperationKind,
    pub name: QualifiedName,
    pub is_bound: bool,
    pub is_composable: bool,
    pub entity_set_path: Option<String>,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<(TypeRef, bool)>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

impl Operation {
    /// The binding parameter's type, for a bound operation.
    pub fn binding(&self) -> Option<&TypeRef> {
        if self.is_bound {
            self.parameters.first().map(|p| &p.ty)
        } else {
            None
        }
    }
}

#[derive(Clone, Debug)]
pub struct EntitySet {
    pub name: String,
    pub ty: TypeRef,
    pub singleton: bool,
    /// `(path, target)` navigation property bindings, as written.
    pub bindings: Vec<(String, String)>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Container {
    pub name: QualifiedName,
    pub entity_sets: Vec<EntitySet>,
    pub action_imports: Vec<String>,
    pub function_imports: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Namespace {
    pub name: String,
    pub alias: Option<String>,
    pub span: Span,
}

/// A property of a structured type together with the type that declares it.
#[derive(Clone, Copy, Debug)]
pub struct InheritedProperty<'m> {
    pub property: &'m Property,
    pub declared_in: TypeId,
}
