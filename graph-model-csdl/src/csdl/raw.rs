//! The raw CSDL tree: what the XML says, with spans, before any names are
//! resolved. Type names are kept exactly as written (aliases, `Collection(...)`).

use crate::diagnostics::Span;

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub file: String,
    pub version: String,
    pub references: Vec<Reference>,
    pub schemas: Vec<Schema>,
}

#[derive(Clone, Debug)]
pub struct Reference {
    pub uri: String,
    pub includes: Vec<Include>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Include {
    pub namespace: String,
    pub alias: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Schema {
    pub namespace: String,
    pub alias: Option<String>,
    pub entity_types: Vec<StructuredType>,
    pub complex_types: Vec<StructuredType>,
    pub enum_types: Vec<EnumType>,
    pub type_definitions: Vec<TypeDefinition>,
    pub terms: Vec<Term>,
    pub operations: Vec<Operation>,
    pub containers: Vec<EntityContainer>,
    pub annotations: Vec<Annotations>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StructuredKind {
    Entity,
    Complex,
}

#[derive(Clone, Debug)]
pub struct StructuredType {
    pub kind: StructuredKind,
    pub name: String,
    pub base_type: Option<String>,
    pub is_abstract: bool,
    pub open_type: bool,
    pub has_stream: bool,
    pub key: Vec<PropertyRef>,
    pub properties: Vec<Property>,
    pub navigation_properties: Vec<NavigationProperty>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct PropertyRef {
    pub name: String,
    pub alias: Option<String>,
    pub span: Span,
}

/// Type facets shared by properties, parameters, return types and type definitions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub max_length: Option<String>,
    pub precision: Option<u32>,
    pub scale: Option<Scale>,
    pub unicode: Option<bool>,
    pub srid: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Fixed(u32),
    Variable,
    Floating,
}

#[derive(Clone, Debug)]
pub struct Property {
    pub name: String,
    pub type_name: String,
    pub nullable: Option<bool>,
    pub default_value: Option<String>,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct NavigationProperty {
    pub name: String,
    pub type_name: String,
    pub nullable: Option<bool>,
    pub partner: Option<String>,
    pub contains_target: bool,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EnumType {
    pub name: String,
    pub is_flags: bool,
    pub underlying_type: Option<String>,
    pub members: Vec<EnumMember>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EnumMember {
    pub name: String,
    pub value: Option<i64>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct TypeDefinition {
    pub name: String,
    pub underlying_type: String,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Term {
    pub name: String,
    pub type_name: String,
    pub base_term: Option<String>,
    pub applies_to: Vec<String>,
    pub default_value: Option<String>,
    pub nullable: Option<bool>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperationKind {
    Action,
    Function,
}

#[derive(Clone, Debug)]
pub struct Operation {
    pub kind: OperationKind,
    pub name: String,
    pub is_bound: bool,
    pub is_composable: bool,
    pub entity_set_path: Option<String>,
    pub parameters: Vec<Parameter>,
    pub return_type: Option<ReturnType>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Parameter {
    pub name: String,
    pub type_name: String,
    pub nullable: Option<bool>,
    pub facets: Facets,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ReturnType {
    pub type_name: String,
    pub nullable: Option<bool>,
    pub facets: Facets,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EntityContainer {
    pub name: String,
    pub entity_sets: Vec<EntitySet>,
    pub singletons: Vec<EntitySet>,
    pub action_imports: Vec<OperationImport>,
    pub function_imports: Vec<OperationImport>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// An `EntitySet` or a `Singleton` (same shape; `type_name` is `EntityType` or `Type`).
#[derive(Clone, Debug)]
pub struct EntitySet {
    pub name: String,
    pub type_name: String,
    pub bindings: Vec<NavigationPropertyBinding>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct NavigationPropertyBinding {
    pub path: String,
    pub target: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct OperationImport {
    pub name: String,
    /// The qualified name of the action or function it imports.
    pub operation: String,
    pub entity_set: Option<String>,
    pub include_in_service_document: Option<bool>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// An external `<Annotations Target="...">` block.
#[derive(Clone, Debug)]
pub struct Annotations {
    pub target: String,
    pub qualifier: Option<String>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub term: String,
    pub qualifier: Option<String>,
    pub value: Option<Expr>,
    pub span: Span,
}

/// An annotation expression, in attribute or element form.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// `String`, `Bool`, `Int`, `Float`, `Decimal`, `Date`, `DateTimeOffset`,
    /// `Duration`, `Guid`, `Binary`, `TimeOfDay`, `EnumMember`: kind and text.
    Constant {
        kind: String,
        text: String,
    },
    /// `Path`, `PropertyPath`, `NavigationPropertyPath`, `AnnotationPath`, ...
    Path {
        kind: String,
        path: String,
    },
    Collection(Vec<Expr>),
    Record {
        type_name: Option<String>,
        properties: Vec<PropertyValue>,
        annotations: Vec<Annotation>,
    },
    Null,
    /// Any other dynamic expression (`Apply`, `If`, `LabeledElement`, ...) kept by name.
    Other {
        name: String,
        text: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct PropertyValue {
    pub property: String,
    pub value: Expr,
}

impl Expr {
    /// The text of a `String` constant.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::Constant { kind, text } if kind == "String" => Some(text),
            _ => None,
        }
    }

    /// The value of a record property.
    pub fn record_property(&self, name: &str) -> Option<&Expr> {
        match self {
            Expr::Record { properties, .. } => properties
                .iter()
                .find(|p| p.property == name)
                .map(|p| &p.value),
            _ => None,
        }
    }
}
