//! Annotations and their expressions, in attribute form (`String="..."`)
//! and element form (`<Record>`, `<Collection>`, `<PropertyValue>`...).

use super::attrs::{Ctx, OnBadName, IDENTIFIER, QUALIFIED};
use super::raw::{Annotation, Expr, PropertyValue};
use super::xml::Element;

const CONSTANTS: [&str; 12] = [
    "String",
    "Bool",
    "Int",
    "Float",
    "Decimal",
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "Binary",
    "TimeOfDay",
    "EnumMember",
];
const PATHS: [&str; 6] = [
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
    "ModelElementPath",
    "UrlRef",
];

pub(super) fn annotation(cx: &mut Ctx, el: Element) -> Option<Annotation> {
    cx.check_attrs_by(el, |k| {
        k == "Term" || k == "Qualifier" || CONSTANTS.contains(&k) || PATHS.contains(&k)
    });
    let term = cx.name(el, "Term", QUALIFIED, OnBadName::Warn)?;
    let value = inline_expr(el).or_else(|| {
        el.children()
            .find(|c| c.name() != "Annotation")
            .map(|c| expr(cx, c))
    });
    Some(Annotation {
        term,
        qualifier: cx.opt_name(el, "Qualifier", IDENTIFIER, OnBadName::Warn),
        value,
        span: el.span(),
    })
}

/// An expression given as an attribute (`String="..."`, `Path="..."`).
fn inline_expr(el: Element) -> Option<Expr> {
    el.attrs().find_map(|(k, v)| {
        if CONSTANTS.contains(&k) {
            Some(Expr::Constant {
                kind: k.to_string(),
                text: v.to_string(),
            })
        } else if PATHS.contains(&k) {
            Some(Expr::Path {
                kind: k.to_string(),
                path: v.to_string(),
            })
        } else {
            None
        }
    })
}

fn expr(cx: &mut Ctx, el: Element) -> Expr {
    let name = el.name();
    if CONSTANTS.contains(&name) {
        return Expr::Constant {
            kind: name.to_string(),
            text: el.text().trim().to_string(),
        };
    }
    if PATHS.contains(&name) {
        return Expr::Path {
            kind: name.to_string(),
            path: el.text().trim().to_string(),
        };
    }
    match name {
        "Null" => Expr::Null,
        "Collection" => Expr::Collection(el.children().map(|c| expr(cx, c)).collect()),
        "Record" => {
            let mut properties = Vec::new();
            let mut annotations = Vec::new();
            for c in el.children() {
                match c.name() {
                    "PropertyValue" => {
                        let Some(property) = cx.required(c, "Property") else {
                            continue;
                        };
                        let value = inline_expr(c)
                            .or_else(|| {
                                c.children()
                                    .find(|x| x.name() != "Annotation")
                                    .map(|x| expr(cx, x))
                            })
                            .unwrap_or(Expr::Null);
                        properties.push(PropertyValue { property, value });
                    }
                    "Annotation" => annotations.extend(annotation(cx, c)),
                    _ => cx.unknown_child(el, c),
                }
            }
            Expr::Record {
                type_name: cx.opt(el, "Type"),
                properties,
                annotations,
            }
        }
        _ => Expr::Other {
            name: name.to_string(),
            text: el.text().trim().to_string(),
        },
    }
}
