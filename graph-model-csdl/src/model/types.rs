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
    /// The full namespace.
    pub namespace: String,
    /// The local name.
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
    /// `Edm.String`.
    String,
    /// `Edm.Boolean`.
    Boolean,
    /// `Edm.Byte`.
    Byte,
    /// `Edm.SByte`.
    SByte,
    /// `Edm.Int16`.
    Int16,
    /// `Edm.Int32`.
    Int32,
    /// `Edm.Int64`.
    Int64,
    /// `Edm.Single`.
    Single,
    /// `Edm.Double`.
    Double,
    /// `Edm.Decimal`.
    Decimal,
    /// `Edm.Guid`.
    Guid,
    /// `Edm.Binary`.
    Binary,
    /// `Edm.Date`.
    Date,
    /// `Edm.DateTimeOffset`.
    DateTimeOffset,
    /// `Edm.TimeOfDay`.
    TimeOfDay,
    /// `Edm.Duration`.
    Duration,
    /// `Edm.Stream`.
    Stream,
    /// `Edm.Untyped`.
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
    /// An Edm primitive type.
    Primitive(Primitive),
    /// A named type of the model.
    Named(TypeId),
    /// Not found in the model (a diagnostic was reported); keeps the text.
    Unresolved(String),
}

/// A resolved type reference: `Collection(T)` or `T`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeRef {
    /// `Collection(...)`.
    pub collection: bool,
    /// The element type.
    pub target: Target,
    /// The type exactly as written in the CSDL.
    pub written: String,
}

#[derive(Clone, Debug)]
/// A structural property.
pub struct Property {
    /// `Name`.
    pub name: String,
    /// `Type`, resolved.
    pub ty: TypeRef,
    /// `Nullable` (default true).
    pub nullable: bool,
    /// `DefaultValue`, as written.
    pub default_value: Option<String>,
    /// `MaxLength`, `Precision`, `Scale`, `Unicode`, `SRID`.
    pub facets: Facets,
    /// Inline and external annotations.
    pub annotations: Vec<Annotation>,
    /// Where it is declared.
    pub span: Span,
}

#[derive(Clone, Debug)]
/// A navigation property.
pub struct NavigationProperty {
    /// `Name`.
    pub name: String,
    /// `Type`, resolved.
    pub ty: TypeRef,
    /// `Nullable` (default true).
    pub nullable: bool,
    /// `Partner`.
    pub partner: Option<String>,
    /// `ContainsTarget`.
    pub contains_target: bool,
    /// Inline and external annotations.
    pub annotations: Vec<Annotation>,
    /// Where it is declared.
    pub span: Span,
}

#[derive(Clone, Debug)]
/// An entity or complex type.
pub struct Structured {
    /// Entity or complex.
    pub kind: StructuredKind,
    /// `Abstract`.
    pub is_abstract: bool,
    /// `OpenType`: undeclared properties are allowed.
    pub open_type: bool,
    /// `HasStream`.
    pub has_stream: bool,
    /// `BaseType`, resolved.
    pub base: Option<TypeId>,
    /// Key property names declared on this type (not inherited).
    pub key: Vec<String>,
    /// Properties declared on this type (not inherited; see [`super::Model::properties`]).
    pub properties: Vec<Property>,
    /// Navigation properties declared on this type.
    pub navigation: Vec<NavigationProperty>,
    /// Direct subtypes, in name order.
    pub derived: Vec<TypeId>,
}

#[derive(Clone, Debug)]
/// An enum member.
pub struct EnumMember {
    /// `Name`.
    pub name: String,
    /// `Value` (or its position, when the enum gives none).
    pub value: i64,
    /// Inline and external annotations.
    pub annotations: Vec<Annotation>,
    /// Where it is declared.
    pub span: Span,
}

#[derive(Clone, Debug)]
/// An enum type.
pub struct Enum {
    /// `IsFlags`.
    pub is_flags: bool,
    /// `UnderlyingType` (default `Edm.Int32`).
    pub underlying: Primitive,
    /// Members in document order.
    pub members: Vec<EnumMember>,
}

impl Enum {
    /// Whether it has the evolvable-enum sentinel `unknownFutureValue`.
    pub fn has_unknown_future_value(&self) -> bool {
        self.sentinel().is_some()
    }
}

#[derive(Clone, Debug)]
/// A type definition.
pub struct Definition {
    /// `UnderlyingType`.
    pub underlying: Primitive,
    /// Its facets.
    pub facets: Facets,
}

#[derive(Clone, Debug)]
/// What kind of type a [`TypeDef`] is.
pub enum TypeKind {
    /// Entity or complex type.
    Structured(Structured),
    /// Enum type.
    Enum(Enum),
    /// Type definition.
    Definition(Definition),
}

/// A named type of the model.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// The qualified name.
    pub name: QualifiedName,
    /// What kind of type.
    pub kind: TypeKind,
    /// Inline annotations plus external `Annotations` that target this type.
    pub annotations: Vec<Annotation>,
    /// Where it is declared.
    pub span: Span,
}

impl TypeDef {
    /// The structured type, if it is one.
    pub fn structured(&self) -> Option<&Structured> {
        match &self.kind {
            TypeKind::Structured(s) => Some(s),
            _ => None,
        }
    }

    /// The enum, if it is one.
    pub fn as_enum(&self) -> Option<&Enum> {
        match &self.kind {
            TypeKind::Enum(e) => Some(e),
            _ => None,
        }
    }

    /// `an entity type`, `a complex type`, `an enum type` or `a type definition`.
    pub fn kind_name_with_article(&self) -> &'static str {
        match &self.kind {
            TypeKind::Structured(s) if s.kind == StructuredKind::Entity => "an entity type",
            TypeKind::Structured(_) => "a complex type",
            TypeKind::Enum(_) => "an enum type",
            TypeKind::Definition(_) => "a type definition",
        }
    }

    /// `entity type`, `complex type`, `enum type` or `type definition`.
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
/// An action or function parameter.
pub struct Parameter {
    /// `Name`.
    pub name: String,
    /// `Type`, resolved.
    pub ty: TypeRef,
    /// `Nullable` (default true).
    pub nullable: bool,
    /// Where it is declared.
    pub span: Span,
}

#[derive(Clone, Debug)]
/// An action or function.
pub struct Operation {
    /// Action or function.
    pub kind: OperationKind,
    /// The qualified name.
    pub name: QualifiedName,
    /// `IsBound`: the first parameter is the binding parameter.
    pub is_bound: bool,
    /// `IsComposable`.
    pub is_composable: bool,
    /// `EntitySetPath`.
    pub entity_set_path: Option<String>,
    /// Parameters in order.
    pub parameters: Vec<Parameter>,
    /// `ReturnType` and its nullability.
    pub return_type: Option<(TypeRef, bool)>,
    /// Annotations.
    pub annotations: Vec<Annotation>,
    /// Where it is declared.
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
/// An entity set or a singleton.
pub struct EntitySet {
    /// `Name`.
    pub name: String,
    /// `EntityType` (or `Type` for a singleton), resolved.
    pub ty: TypeRef,
    /// A singleton rather than an entity set.
    pub singleton: bool,
    /// `(path, target)` navigation property bindings, as written.
    pub bindings: Vec<(String, String)>,
    /// Annotations.
    pub annotations: Vec<Annotation>,
    /// Where it is declared.
    pub span: Span,
}

#[derive(Clone, Debug)]
/// An entity container.
pub struct Container {
    /// The qualified name.
    pub name: QualifiedName,
    /// Entity sets and singletons.
    pub entity_sets: Vec<EntitySet>,
    /// Imported actions, by qualified name.
    pub action_imports: Vec<String>,
    /// Imported functions, by qualified name.
    pub function_imports: Vec<String>,
    /// Where it is declared.
    pub span: Span,
}

#[derive(Clone, Debug)]
/// A schema.
pub struct Namespace {
    /// `Namespace`.
    pub name: String,
    /// `Alias`.
    pub alias: Option<String>,
    /// Where it is declared.
    pub span: Span,
}

/// A property of a structured type together with the type that declares it.
#[derive(Clone, Copy, Debug)]
pub struct InheritedProperty<'m> {
    /// The property.
    pub property: &'m Property,
    /// The type that declares it (the type itself or a base).
    pub declared_in: TypeId,
}
