//! Element tree → raw CSDL tree. Checks attribute syntax (booleans, integers,
//! required names) and reports unknown elements and attributes as warnings.

use super::expr::annotation;
use super::raw::*;
use super::xml::Element;
use crate::diagnostics::Diagnostics;

/// Attributes every element may carry without a warning.
fn is_ambient(attr: &str) -> bool {
    attr == "xmlns" || attr.starts_with("xmlns:") || attr.starts_with("xml:")
}

pub(super) struct Ctx<'d> {
    pub(super) diags: &'d mut Diagnostics,
}

impl Ctx<'_> {
    pub(super) fn check_attrs(&mut self, el: &Element, known: &[&str]) {
        for (k, _) in &el.attrs {
            if !known.contains(&k.as_str()) && !is_ambient(k) {
                self.diags.warning(
                    "unknown-attribute",
                    Some(&el.span),
                    format!("attribute `{k}` on <{}> is not CSDL; ignored", el.name),
                );
            }
        }
    }

    pub(super) fn unknown_child(&mut self, parent: &Element, child: &Element) {
        self.diags.warning(
            "unknown-element",
            Some(&child.span),
            format!(
                "<{}> is not expected inside <{}>; ignored",
                child.name, parent.name
            ),
        );
    }

    pub(super) fn required(&mut self, el: &Element, attr: &str) -> Option<String> {
        match el.attr(attr) {
            Some(v) if !v.is_empty() => Some(v.to_string()),
            _ => {
                self.diags.error(
                    "missing-attribute",
                    Some(&el.span),
                    format!("<{}> needs a `{attr}` attribute", el.name),
                );
                None
            }
        }
    }

    pub(super) fn opt(&self, el: &Element, attr: &str) -> Option<String> {
        el.attr(attr).map(str::to_string)
    }

    fn boolean(&mut self, el: &Element, attr: &str) -> Option<bool> {
        match el.attr(attr)? {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.diags.error(
                    "invalid-attribute",
                    Some(&el.span),
                    format!("`{attr}` must be `true` or `false`, found `{other}`"),
                );
                None
            }
        }
    }

    fn integer<T: std::str::FromStr>(&mut self, el: &Element, attr: &str) -> Option<T> {
        let text = el.attr(attr)?;
        match text.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.diags.error(
                    "invalid-attribute",
                    Some(&el.span),
                    format!("`{attr}` must be an integer, found `{text}`"),
                );
                None
            }
        }
    }

    fn facets(&mut self, el: &Element) -> Facets {
        let scale = match el.attr("Scale") {
            None => None,
            Some("variable") => Some(Scale::Variable),
            Some("floating") => Some(Scale::Floating),
            Some(_) => self.integer(el, "Scale").map(Scale::Fixed),
        };
        Facets {
            max_length: self.opt(el, "MaxLength"),
            precision: self.integer(el, "Precision"),
            scale,
            unicode: self.boolean(el, "Unicode"),
            srid: self.opt(el, "SRID"),
        }
    }
}

/// Converts a parsed `edmx:Edmx` root into a [`Document`].
pub fn document(file: &str, root: &Element, diags: &mut Diagnostics) -> Document {
    let mut cx = Ctx { diags };
    let mut doc = Document {
        file: file.to_string(),
        ..Default::default()
    };
    if root.name != "Edmx" {
        cx.diags.error(
            "not-csdl",
            Some(&root.span),
            format!("root element is <{}>, expected <edmx:Edmx>", root.name),
        );
        return doc;
    }
    cx.check_attrs(root, &["Version"]);
    doc.version = root.attr("Version").unwrap_or_default().to_string();
    for child in &root.children {
        match child.name.as_str() {
            "Reference" => doc.references.push(reference(&mut cx, child)),
            "DataServices" => {
                for s in &child.children {
                    if s.name == "Schema" {
                        if let Some(schema) = schema(&mut cx, s) {
                            doc.schemas.push(schema);
                        }
                    } else {
                        cx.unknown_child(child, s);
                    }
                }
            }
            _ => cx.unknown_child(root, child),
        }
    }
    doc
}

fn reference(cx: &mut Ctx, el: &Element) -> Reference {
    cx.check_attrs(el, &["Uri"]);
    let mut includes = Vec::new();
    for c in &el.children {
        match c.name.as_str() {
            "Include" => {
                cx.check_attrs(c, &["Namespace", "Alias"]);
                if let Some(namespace) = cx.required(c, "Namespace") {
                    includes.push(Include {
                        namespace,
                        alias: cx.opt(c, "Alias"),
                        span: c.span.clone(),
                    });
                }
            }
            "IncludeAnnotations" | "Annotation" => {}
            _ => cx.unknown_child(el, c),
        }
    }
    Reference {
        uri: el.attr("Uri").unwrap_or_default().to_string(),
        includes,
        span: el.span.clone(),
    }
}

fn schema(cx: &mut Ctx, el: &Element) -> Option<Schema> {
    cx.check_attrs(el, &["Namespace", "Alias"]);
    let namespace = cx.required(el, "Namespace")?;
    let mut s = Schema {
        namespace,
        alias: cx.opt(el, "Alias"),
        entity_types: Vec::new(),
        complex_types: Vec::new(),
        enum_types: Vec::new(),
        type_definitions: Vec::new(),
        terms: Vec::new(),
        operations: Vec::new(),
        containers: Vec::new(),
        annotations: Vec::new(),
        span: el.span.clone(),
    };
    for c in &el.children {
        match c.name.as_str() {
            "EntityType" => s
                .entity_types
                .extend(structured(cx, c, StructuredKind::Entity)),
            "ComplexType" => s
                .complex_types
                .extend(structured(cx, c, StructuredKind::Complex)),
            "EnumType" => s.enum_types.extend(enum_type(cx, c)),
            "TypeDefinition" => s.type_definitions.extend(type_definition(cx, c)),
            "Term" => s.terms.extend(term(cx, c)),
            "Action" => s.operations.extend(operation(cx, c, OperationKind::Action)),
            "Function" => s
                .operations
                .extend(operation(cx, c, OperationKind::Function)),
            "EntityContainer" => s.containers.extend(container(cx, c)),
            "Annotations" => s.annotations.extend(annotations_block(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(s)
}

fn structured(cx: &mut Ctx, el: &Element, kind: StructuredKind) -> Option<StructuredType> {
    cx.check_attrs(
        el,
        &["Name", "BaseType", "Abstract", "OpenType", "HasStream"],
    );
    let name = cx.required(el, "Name")?;
    let mut t = StructuredType {
        kind,
        name,
        base_type: cx.opt(el, "BaseType"),
        is_abstract: cx.boolean(el, "Abstract").unwrap_or(false),
        open_type: cx.boolean(el, "OpenType").unwrap_or(false),
        has_stream: cx.boolean(el, "HasStream").unwrap_or(false),
        key: Vec::new(),
        properties: Vec::new(),
        navigation_properties: Vec::new(),
        annotations: Vec::new(),
        span: el.span.clone(),
    };
    for c in &el.children {
        match c.name.as_str() {
            "Key" if kind == StructuredKind::Entity => {
                for r in &c.children {
                    if r.name != "PropertyRef" {
                        cx.unknown_child(c, r);
                        continue;
                    }
                    cx.check_attrs(r, &["Name", "Alias"]);
                    if let Some(name) = cx.required(r, "Name") {
                        t.key.push(PropertyRef {
                            name,
                            alias: cx.opt(r, "Alias"),
                            span: r.span.clone(),
                        });
                    }
                }
            }
            "Property" => t.properties.extend(property(cx, c)),
            "NavigationProperty" => t.navigation_properties.extend(navigation(cx, c)),
            "Annotation" => t.annotations.extend(annotation(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(t)
}

const FACETS: [&str; 5] = ["MaxLength", "Precision", "Scale", "Unicode", "SRID"];

fn with_facets<'a>(names: &[&'a str]) -> Vec<&'a str> {
    names.iter().copied().chain(FACETS).collect()
}

fn property(cx: &mut Ctx, el: &Element) -> Option<Property> {
    cx.check_attrs(
        el,
        &with_facets(&["Name", "Type", "Nullable", "DefaultValue"]),
    );
    let name = cx.required(el, "Name")?;
    let type_name = cx.required(el, "Type")?;
    Some(Property {
        name,
        type_name,
        nullable: cx.boolean(el, "Nullable"),
        default_value: cx.opt(el, "DefaultValue"),
        facets: cx.facets(el),
        annotations: child_annotations(cx, el),
        span: el.span.clone(),
    })
}

fn navigation(cx: &mut Ctx, el: &Element) -> Option<NavigationProperty> {
    cx.check_attrs(
        el,
        &["Name", "Type", "Nullable", "Partner", "ContainsTarget"],
    );
    let name = cx.required(el, "Name")?;
    let type_name = cx.required(el, "Type")?;
    let mut annotations = Vec::new();
    for c in &el.children {
        match c.name.as_str() {
            "Annotation" => annotations.extend(annotation(cx, c)),
            "OnDelete" | "ReferentialConstraint" => {}
            _ => cx.unknown_child(el, c),
        }
    }
    Some(NavigationProperty {
        name,
        type_name,
        nullable: cx.boolean(el, "Nullable"),
        partner: cx.opt(el, "Partner"),
        contains_target: cx.boolean(el, "ContainsTarget").unwrap_or(false),
        annotations,
        span: el.span.clone(),
    })
}

/// Annotations among an element's children; anything else is unexpected.
fn child_annotations(cx: &mut Ctx, el: &Element) -> Vec<Annotation> {
    let mut out = Vec::new();
    for c in &el.children {
        if c.name == "Annotation" {
            out.extend(annotation(cx, c));
        } else {
            cx.unknown_child(el, c);
        }
    }
    out
}

fn enum_type(cx: &mut Ctx, el: &Element) -> Option<EnumType> {
    cx.check_attrs(el, &["Name", "IsFlags", "UnderlyingType"]);
    let name = cx.required(el, "Name")?;
    let mut t = EnumType {
        name,
        is_flags: cx.boolean(el, "IsFlags").unwrap_or(false),
        underlying_type: cx.opt(el, "UnderlyingType"),
        members: Vec::new(),
        annotations: Vec::new(),
        span: el.span.clone(),
    };
    for c in &el.children {
        match c.name.as_str() {
            "Member" => {
                cx.check_attrs(c, &["Name", "Value"]);
                if let Some(name) = cx.required(c, "Name") {
                    t.members.push(EnumMember {
                        name,
                        value: cx.integer(c, "Value"),
                        annotations: child_annotations(cx, c),
                        span: c.span.clone(),
                    });
                }
            }
            "Annotation" => t.annotations.extend(annotation(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(t)
}

fn type_definition(cx: &mut Ctx, el: &Element) -> Option<TypeDefinition> {
    cx.check_attrs(el, &with_facets(&["Name", "UnderlyingType"]));
    Some(TypeDefinition {
        name: cx.required(el, "Name")?,
        underlying_type: cx.required(el, "UnderlyingType")?,
        facets: cx.facets(el),
        annotations: child_annotations(cx, el),
        span: el.span.clone(),
    })
}

fn term(cx: &mut Ctx, el: &Element) -> Option<Term> {
    cx.check_attrs(
        el,
        &with_facets(&[
            "Name",
            "Type",
            "BaseTerm",
            "AppliesTo",
            "DefaultValue",
            "Nullable",
        ]),
    );
    Some(Term {
        name: cx.required(el, "Name")?,
        type_name: cx.required(el, "Type")?,
        base_term: cx.opt(el, "BaseTerm"),
        applies_to: el
            .attr("AppliesTo")
            .map(|s| s.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        default_value: cx.opt(el, "DefaultValue"),
        nullable: cx.boolean(el, "Nullable"),
        annotations: child_annotations(cx, el),
        span: el.span.clone(),
    })
}

fn operation(cx: &mut Ctx, el: &Element, kind: OperationKind) -> Option<Operation> {
    cx.check_attrs(el, &["Name", "IsBound", "IsComposable", "EntitySetPath"]);
    let name = cx.required(el, "Name")?;
    let mut op = Operation {
        kind,
        name,
        is_bound: cx.boolean(el, "IsBound").unwrap_or(false),
        is_composable: cx.boolean(el, "IsComposable").unwrap_or(false),
        entity_set_path: cx.opt(el, "EntitySetPath"),
        parameters: Vec::new(),
        return_type: None,
        annotations: Vec::new(),
        span: el.span.clone(),
    };
    for c in &el.children {
        match c.name.as_str() {
            "Parameter" => {
                cx.check_attrs(c, &with_facets(&["Name", "Type", "Nullable"]));
                let (Some(name), Some(type_name)) =
                    (cx.required(c, "Name"), cx.required(c, "Type"))
                else {
                    continue;
                };
                op.parameters.push(Parameter {
                    name,
                    type_name,
                    nullable: cx.boolean(c, "Nullable"),
                    facets: cx.facets(c),
                    annotations: child_annotations(cx, c),
                    span: c.span.clone(),
                });
            }
            "ReturnType" => {
                cx.check_attrs(c, &with_facets(&["Type", "Nullable"]));
                if let Some(type_name) = cx.required(c, "Type") {
                    op.return_type = Some(ReturnType {
                        type_name,
                        nullable: cx.boolean(c, "Nullable"),
                        facets: cx.facets(c),
                        span: c.span.clone(),
                    });
                }
            }
            "Annotation" => op.annotations.extend(annotation(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(op)
}

fn container(cx: &mut Ctx, el: &Element) -> Option<EntityContainer> {
    cx.check_attrs(el, &["Name", "Extends"]);
    let mut ec = EntityContainer {
        name: cx.required(el, "Name")?,
        entity_sets: Vec::new(),
        singletons: Vec::new(),
        action_imports: Vec::new(),
        function_imports: Vec::new(),
        annotations: Vec::new(),
        span: el.span.clone(),
    };
    for c in &el.children {
        match c.name.as_str() {
            "EntitySet" => ec.entity_sets.extend(entity_set(cx, c, "EntityType")),
            "Singleton" => ec.singletons.extend(entity_set(cx, c, "Type")),
            "ActionImport" => ec.action_imports.extend(import(cx, c, "Action")),
            "FunctionImport" => ec.function_imports.extend(import(cx, c, "Function")),
            "Annotation" => ec.annotations.extend(annotation(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(ec)
}

fn entity_set(cx: &mut Ctx, el: &Element, type_attr: &str) -> Option<EntitySet> {
    cx.check_attrs(
        el,
        &["Name", type_attr, "IncludeInServiceDocument", "Nullable"],
    );
    let mut es = EntitySet {
        name: cx.required(el, "Name")?,
        type_name: cx.required(el, type_attr)?,
        bindings: Vec::new(),
        annotations: Vec::new(),
        span: el.span.clone(),
    };
    for c in &el.children {
        match c.name.as_str() {
            "NavigationPropertyBinding" => {
                cx.check_attrs(c, &["Path", "Target"]);
                if let (Some(path), Some(target)) =
                    (cx.required(c, "Path"), cx.required(c, "Target"))
                {
                    es.bindings.push(NavigationPropertyBinding {
                        path,
                        target,
                        span: c.span.clone(),
                    });
                }
            }
            "Annotation" => es.annotations.extend(annotation(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(es)
}

fn import(cx: &mut Ctx, el: &Element, op_attr: &str) -> Option<OperationImport> {
    cx.check_attrs(
        el,
        &["Name", op_attr, "EntitySet", "IncludeInServiceDocument"],
    );
    Some(OperationImport {
        name: cx.required(el, "Name")?,
        operation: cx.required(el, op_attr)?,
        entity_set: cx.opt(el, "EntitySet"),
        include_in_service_document: cx.boolean(el, "IncludeInServiceDocument"),
        annotations: child_annotations(cx, el),
        span: el.span.clone(),
    })
}

fn annotations_block(cx: &mut Ctx, el: &Element) -> Option<Annotations> {
    cx.check_attrs(el, &["Target", "Qualifier"]);
    Some(Annotations {
        target: cx.required(el, "Target")?,
        qualifier: cx.opt(el, "Qualifier"),
        annotations: child_annotations(cx, el),
        span: el.span.clone(),
    })
}
