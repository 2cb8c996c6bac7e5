//! Element tree → raw CSDL tree. Checks attribute syntax (booleans, integers,
//! required names) and reports unknown elements and attributes as warnings.

use super::attrs::{Ctx, OnBadName, IDENTIFIER, NAMESPACE, PATH, QUALIFIED};
use super::expr::annotation;
use super::raw::*;
use super::xml::Element;
use crate::diagnostics::Diagnostics;

/// Converts a parsed `edmx:Edmx` root into a [`Document`].
pub fn document(file: &str, root: Element, diags: &mut Diagnostics) -> Document {
    let mut cx = Ctx { diags };
    let mut doc = Document {
        file: file.to_string(),
        ..Default::default()
    };
    if root.name() != "Edmx" {
        cx.diags.error(
            "not-csdl",
            Some(&root.span()),
            format!("root element is <{}>, expected <edmx:Edmx>", root.name()),
        );
        return doc;
    }
    cx.check_attrs(root, &["Version"]);
    doc.version = root.attr("Version").unwrap_or_default().to_string();
    for child in root.children() {
        match child.name() {
            "Reference" => doc.references.push(reference(&mut cx, child)),
            "DataServices" => {
                for s in child.children() {
                    if s.name() == "Schema" {
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

fn reference(cx: &mut Ctx, el: Element) -> Reference {
    cx.check_attrs(el, &["Uri"]);
    let mut includes = Vec::new();
    for c in el.children() {
        match c.name() {
            "Include" => {
                cx.check_attrs(c, &["Namespace", "Alias"]);
                let skip = OnBadName::Skip("the include is skipped");
                if let Some(namespace) = cx.name(c, "Namespace", NAMESPACE, skip) {
                    includes.push(Include {
                        namespace,
                        alias: cx.opt_name(c, "Alias", IDENTIFIER, IGNORE_ALIAS),
                        span: c.span(),
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
        span: el.span(),
    }
}

fn schema(cx: &mut Ctx, el: Element) -> Option<Schema> {
    cx.check_attrs(el, &["Namespace", "Alias"]);
    let namespace = cx.name(
        el,
        "Namespace",
        NAMESPACE,
        OnBadName::Skip("the schema is skipped"),
    )?;
    let mut s = Schema {
        namespace,
        alias: cx.opt_name(el, "Alias", IDENTIFIER, IGNORE_ALIAS),
        entity_types: Vec::new(),
        complex_types: Vec::new(),
        enum_types: Vec::new(),
        type_definitions: Vec::new(),
        terms: Vec::new(),
        operations: Vec::new(),
        containers: Vec::new(),
        annotations: Vec::new(),
        span: el.span(),
    };
    for c in el.children() {
        match c.name() {
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

fn structured(cx: &mut Ctx, el: Element, kind: StructuredKind) -> Option<StructuredType> {
    cx.check_attrs(
        el,
        &["Name", "BaseType", "Abstract", "OpenType", "HasStream"],
    );
    let name = cx.name(el, "Name", IDENTIFIER, SKIP_TYPE)?;
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
        span: el.span(),
    };
    for c in el.children() {
        match c.name() {
            "Key" if kind == StructuredKind::Entity => {
                for r in c.children() {
                    if r.name() != "PropertyRef" {
                        cx.unknown_child(c, r);
                        continue;
                    }
                    cx.check_attrs(r, &["Name", "Alias"]);
                    if let Some(name) = cx.name(r, "Name", PATH, OnBadName::Warn) {
                        t.key.push(PropertyRef {
                            name,
                            alias: cx.opt(r, "Alias"),
                            span: r.span(),
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

const SKIP_TYPE: OnBadName = OnBadName::Skip("the type is skipped");
const IGNORE_ALIAS: OnBadName = OnBadName::Skip("the alias is ignored");

fn property(cx: &mut Ctx, el: Element) -> Option<Property> {
    cx.check_attrs_with_facets(el, &["Name", "Type", "Nullable", "DefaultValue"]);
    let name = cx.name(el, "Name", IDENTIFIER, OnBadName::Keep)?;
    let type_name = cx.required(el, "Type")?;
    Some(Property {
        name,
        type_name,
        nullable: cx.boolean(el, "Nullable"),
        default_value: cx.opt(el, "DefaultValue"),
        facets: cx.facets(el),
        annotations: child_annotations(cx, el),
        span: el.span(),
    })
}

fn navigation(cx: &mut Ctx, el: Element) -> Option<NavigationProperty> {
    cx.check_attrs(
        el,
        &["Name", "Type", "Nullable", "Partner", "ContainsTarget"],
    );
    let name = cx.name(el, "Name", IDENTIFIER, OnBadName::Keep)?;
    let type_name = cx.required(el, "Type")?;
    let mut annotations = Vec::new();
    for c in el.children() {
        match c.name() {
            "Annotation" => annotations.extend(annotation(cx, c)),
            "OnDelete" | "ReferentialConstraint" => {}
            _ => cx.unknown_child(el, c),
        }
    }
    Some(NavigationProperty {
        name,
        type_name,
        nullable: cx.boolean(el, "Nullable"),
        partner: cx.opt_name(el, "Partner", PATH, OnBadName::Warn),
        contains_target: cx.boolean(el, "ContainsTarget").unwrap_or(false),
        annotations,
        span: el.span(),
    })
}

/// Annotations among an element's children; anything else is unexpected.
fn child_annotations(cx: &mut Ctx, el: Element) -> Vec<Annotation> {
    let mut out = Vec::new();
    for c in el.children() {
        if c.name() == "Annotation" {
            out.extend(annotation(cx, c));
        } else {
            cx.unknown_child(el, c);
        }
    }
    out
}

fn enum_type(cx: &mut Ctx, el: Element) -> Option<EnumType> {
    cx.check_attrs(el, &["Name", "IsFlags", "UnderlyingType"]);
    let name = cx.name(el, "Name", IDENTIFIER, SKIP_TYPE)?;
    let mut t = EnumType {
        name,
        is_flags: cx.boolean(el, "IsFlags").unwrap_or(false),
        underlying_type: cx.opt(el, "UnderlyingType"),
        members: Vec::new(),
        annotations: Vec::new(),
        span: el.span(),
    };
    for c in el.children() {
        match c.name() {
            "Member" => {
                cx.check_attrs(c, &["Name", "Value"]);
                if let Some(name) = cx.name(c, "Name", IDENTIFIER, OnBadName::Keep) {
                    t.members.push(EnumMember {
                        name,
                        value: cx.integer(c, "Value"),
                        annotations: child_annotations(cx, c),
                        span: c.span(),
                    });
                }
            }
            "Annotation" => t.annotations.extend(annotation(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(t)
}

fn type_definition(cx: &mut Ctx, el: Element) -> Option<TypeDefinition> {
    cx.check_attrs_with_facets(el, &["Name", "UnderlyingType"]);
    Some(TypeDefinition {
        name: cx.name(el, "Name", IDENTIFIER, SKIP_TYPE)?,
        underlying_type: cx.required(el, "UnderlyingType")?,
        facets: cx.facets(el),
        annotations: child_annotations(cx, el),
        span: el.span(),
    })
}

fn term(cx: &mut Ctx, el: Element) -> Option<Term> {
    cx.check_attrs_with_facets(
        el,
        &[
            "Name",
            "Type",
            "BaseTerm",
            "AppliesTo",
            "DefaultValue",
            "Nullable",
        ],
    );
    Some(Term {
        name: cx.name(
            el,
            "Name",
            IDENTIFIER,
            OnBadName::Skip("the term is skipped"),
        )?,
        type_name: cx.required(el, "Type")?,
        base_term: cx.opt(el, "BaseTerm"),
        applies_to: el
            .attr("AppliesTo")
            .map(|s| s.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        default_value: cx.opt(el, "DefaultValue"),
        nullable: cx.boolean(el, "Nullable"),
        annotations: child_annotations(cx, el),
        span: el.span(),
    })
}

fn operation(cx: &mut Ctx, el: Element, kind: OperationKind) -> Option<Operation> {
    cx.check_attrs(el, &["Name", "IsBound", "IsComposable", "EntitySetPath"]);
    let skip = OnBadName::Skip(match kind {
        OperationKind::Action => "the action is skipped",
        OperationKind::Function => "the function is skipped",
    });
    let name = cx.name(el, "Name", IDENTIFIER, skip)?;
    let mut op = Operation {
        kind,
        name,
        is_bound: cx.boolean(el, "IsBound").unwrap_or(false),
        is_composable: cx.boolean(el, "IsComposable").unwrap_or(false),
        entity_set_path: cx.opt(el, "EntitySetPath"),
        parameters: Vec::new(),
        return_type: None,
        annotations: Vec::new(),
        span: el.span(),
    };
    for c in el.children() {
        match c.name() {
            "Parameter" => {
                cx.check_attrs_with_facets(c, &["Name", "Type", "Nullable"]);
                let (Some(name), Some(type_name)) = (
                    cx.name(c, "Name", IDENTIFIER, OnBadName::Keep),
                    cx.required(c, "Type"),
                ) else {
                    continue;
                };
                op.parameters.push(Parameter {
                    name,
                    type_name,
                    nullable: cx.boolean(c, "Nullable"),
                    facets: cx.facets(c),
                    annotations: child_annotations(cx, c),
                    span: c.span(),
                });
            }
            "ReturnType" => {
                cx.check_attrs_with_facets(c, &["Type", "Nullable"]);
                if let Some(type_name) = cx.required(c, "Type") {
                    op.return_type = Some(ReturnType {
                        type_name,
                        nullable: cx.boolean(c, "Nullable"),
                        facets: cx.facets(c),
                        span: c.span(),
                    });
                }
            }
            "Annotation" => op.annotations.extend(annotation(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(op)
}

fn container(cx: &mut Ctx, el: Element) -> Option<EntityContainer> {
    cx.check_attrs(el, &["Name", "Extends"]);
    let skip = OnBadName::Skip("the entity container is skipped");
    let mut ec = EntityContainer {
        name: cx.name(el, "Name", IDENTIFIER, skip)?,
        entity_sets: Vec::new(),
        singletons: Vec::new(),
        action_imports: Vec::new(),
        function_imports: Vec::new(),
        annotations: Vec::new(),
        span: el.span(),
    };
    for c in el.children() {
        match c.name() {
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

fn entity_set(cx: &mut Ctx, el: Element, type_attr: &str) -> Option<EntitySet> {
    cx.check_attrs(
        el,
        &["Name", type_attr, "IncludeInServiceDocument", "Nullable"],
    );
    let skip = OnBadName::Skip(if type_attr == "Type" {
        "the singleton is skipped"
    } else {
        "the entity set is skipped"
    });
    let mut es = EntitySet {
        name: cx.name(el, "Name", IDENTIFIER, skip)?,
        type_name: cx.required(el, type_attr)?,
        bindings: Vec::new(),
        annotations: Vec::new(),
        span: el.span(),
    };
    for c in el.children() {
        match c.name() {
            "NavigationPropertyBinding" => {
                cx.check_attrs(c, &["Path", "Target"]);
                if let (Some(path), Some(target)) = (
                    cx.name(c, "Path", PATH, OnBadName::Warn),
                    cx.name(c, "Target", PATH, OnBadName::Warn),
                ) {
                    es.bindings.push(NavigationPropertyBinding {
                        path,
                        target,
                        span: c.span(),
                    });
                }
            }
            "Annotation" => es.annotations.extend(annotation(cx, c)),
            _ => cx.unknown_child(el, c),
        }
    }
    Some(es)
}

fn import(cx: &mut Ctx, el: Element, op_attr: &str) -> Option<OperationImport> {
    cx.check_attrs(
        el,
        &["Name", op_attr, "EntitySet", "IncludeInServiceDocument"],
    );
    let skip = OnBadName::Skip("the import is skipped");
    Some(OperationImport {
        name: cx.name(el, "Name", IDENTIFIER, skip)?,
        operation: cx.name(el, op_attr, QUALIFIED, skip)?,
        entity_set: cx.opt(el, "EntitySet"),
        include_in_service_document: cx.boolean(el, "IncludeInServiceDocument"),
        annotations: child_annotations(cx, el),
        span: el.span(),
    })
}

fn annotations_block(cx: &mut Ctx, el: Element) -> Option<Annotations> {
    cx.check_attrs(el, &["Target", "Qualifier"]);
    Some(Annotations {
        target: cx.name(el, "Target", PATH, OnBadName::Warn)?,
        qualifier: cx.opt_name(el, "Qualifier", IDENTIFIER, OnBadName::Warn),
        annotations: child_annotations(cx, el),
        span: el.span(),
    })
}
