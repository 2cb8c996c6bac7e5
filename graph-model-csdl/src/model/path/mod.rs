//! Resolving a request URL (`/identityGovernance/catalogs/{id}/...`) against
//! a model: entity sets and singletons, key segments, navigation properties,
//! type casts, bound actions and functions; and `@odata.context` URLs
//! ([`resolve_context`]).

mod context;

pub use context::resolve_context;

use super::{Model, Operation, Target, TypeId};

/// What a URL addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The addressed type (the element type for a collection): an entity or
    /// complex type, an enum or type definition, or a primitive. `None` for
    /// an operation that returns nothing.
    pub target: Option<Target>,
    /// A collection (so a GET returns `{"value": [...]}`).
    pub collection: bool,
    /// The action or function the URL calls last: its index in
    /// [`Model::operations`] (the overload whose binding fits best).
    pub operation: Option<usize>,
    /// `$ref`, `$count` or `$value` at the end (for a context URL, also
    /// `$deletedEntity`, `$link`, `$deletedLink`).
    pub special: Option<Special>,
    /// Where the text departs from the model's spelling or from the OData
    /// grammar and was read as Graph writes it, one note each (a set in
    /// another case, an unqualified type name, a singleton left out).
    /// Empty when the text is exact.
    pub leniency: Vec<String>,
}

/// A system segment at the end of a resource path or context URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Special {
    /// `$ref`: entity references (`{"@odata.id": ...}`).
    Ref,
    /// `$count`: the number of items, as plain text.
    Count,
    /// `$value`: the raw value (media stream or primitive).
    Value,
    /// `$deletedEntity` (context URLs only): an entity removed from a delta
    /// response's set, `{"id": ..., "reason": ...}` or with `@removed`.
    DeletedEntity,
    /// `$link` (context URLs only): a relationship added in a delta
    /// response, `{"source": ..., "relationship": ..., "target": ...}`.
    Link,
    /// `$deletedLink` (context URLs only): a relationship removed.
    DeletedLink,
}

impl Resolved {
    /// What the URL addresses, for a person: `Collection(ns.T)`, `ns.T`,
    /// `Edm.Int64`, with the bound operation and `$ref`/`$count`/`$value`
    /// when there is one; `nothing` for an operation that returns nothing.
    pub fn describe(&self, model: &Model) -> String {
        let mut out = match &self.target {
            None => "nothing".to_string(),
            Some(t) => {
                let name = model.target_name(t);
                if self.collection {
                    format!("Collection({name})")
                } else {
                    name
                }
            }
        };
        if let Some(op) = self.operation_in(model) {
            out = format!("{out} (returned by {})", op.name);
        }
        if let Some(s) = self.special {
            out = format!("{} of {out}", special_name(s));
        }
        out
    }

    /// The operation the URL calls last, if any.
    pub fn operation_in<'m>(&self, model: &'m Model) -> Option<&'m Operation> {
        self.operation.and_then(|i| model.operations.get(i))
    }

    /// The addressed entity or complex type, if that is what it is.
    pub fn structured(&self, model: &Model) -> Option<TypeId> {
        match self.target {
            Some(Target::Named(t)) if model.get(t).structured().is_some() => Some(t),
            _ => None,
        }
    }
}

/// Resolves the path of `url` (scheme, host, `/v1.0` or `/beta`, query string
/// and fragment are ignored): entity sets, singletons and operation imports;
/// keys; navigation and structural properties; type casts; bound actions and
/// functions (a composable function may be followed by more segments);
/// `$ref`, `$count`, `$value`.
pub fn resolve(model: &Model, url: &str) -> Result<Resolved, crate::Error> {
    resolve_url(model, url).map_err(|message| crate::Error::Path {
        input: url.to_string(),
        message,
    })
}

/// [`resolve`], its error as text.
fn resolve_url(model: &Model, url: &str) -> Result<Resolved, String> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = match path.find("://") {
        Some(i) => path[i + 3..].split_once('/').map(|(_, p)| p).unwrap_or(""),
        None => path.trim_start_matches('/'),
    };
    let mut segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if matches!(segs.first(), Some(&"v1.0") | Some(&"beta")) {
        segs.remove(0);
    }
    let Some((&first, rest)) = segs.split_first() else {
        return Err("the URL has no resource path".into());
    };
    let (name, key) = split_key(first);
    let mut r = match model
        .containers
        .iter()
        .flat_map(|c| &c.entity_sets)
        .find(|s| s.name == name)
    {
        Some(set) => Resolved {
            target: Some(set.ty.target.clone()),
            collection: !set.singleton && key.is_none(),
            operation: None,
            special: None,
            leniency: Vec::new(),
        },
        None => match import(model, name) {
            Some(op) => returned(model, op, key),
            None => {
                return Err(format!(
                    "`{name}` is not an entity set, singleton or operation import of the model"
                ))
            }
        },
    };
    // Whether more segments may follow (not after a non-composable operation).
    let mut open = r.operation_in(model).is_none_or(|op| op.is_composable);
    for &seg in rest {
        if let Some(s) = r.special {
            return Err(format!("`{seg}` follows `{}`", special_name(s)));
        }
        if !open {
            return Err(format!("`{seg}` follows an operation"));
        }
        if seg == "$" {
            // Graph's workbook pages write `tables/$/add`: the collection itself.
            continue;
        }
        if seg.starts_with('$') {
            r.special = Some(match seg {
                "$ref" => Special::Ref,
                "$count" => Special::Count,
                "$value" => Special::Value,
                _ => return Err(format!("unknown segment `{seg}`")),
            });
            continue;
        }
        let (name, key) = split_key(seg);
        let ty = match &r.target {
            Some(Target::Named(t)) if model.get(*t).structured().is_some() => *t,
            Some(Target::Named(_) | Target::Primitive(_)) if r.collection => {
                // A key (or index) into a collection of values.
                r.collection = false;
                continue;
            }
            Some(t) => {
                return Err(format!(
                    "`{seg}` follows a value of type `{}`, which has no segments",
                    model.target_name(t)
                ))
            }
            None => return Err(format!("`{seg}` follows an operation that returns nothing")),
        };
        if !r.collection {
            if let Some((nav, _)) = model
                .navigation(ty)
                .into_iter()
                .find(|(n, _)| n.name == name)
            {
                r.target = Some(nav.ty.target.clone());
                r.collection = nav.ty.collection && key.is_none();
                continue;
            }
            if let Some(p) = model
                .properties(ty)
                .into_iter()
                .find(|p| p.property.name == name)
            {
                r.target = Some(p.property.ty.target.clone());
                r.collection = p.property.ty.collection && key.is_none();
                continue;
            }
        }
        if let Some(op) = bound(model, ty, r.collection, name) {
            r = returned(model, op, key);
            open = op.is_composable;
            continue;
        }
        if let Some(cast) = model
            .lookup(name)
            .filter(|c| model.base_chain(*c).contains(&ty))
        {
            r.target = Some(Target::Named(cast));
            continue;
        }
        if r.collection {
            // A key segment: `{id}`, a GUID, or any literal.
            r.collection = false;
            continue;
        }
        let here = &model.get(ty).name;
        return Err(format!(
            "`{name}` is not a property, navigation property, bound operation or subtype of `{here}`"
        ));
    }
    Ok(r)
}

fn special_name(s: Special) -> &'static str {
    match s {
        Special::Ref => "$ref",
        Special::Count => "$count",
        Special::Value => "$value",
        Special::DeletedEntity => "$deletedEntity",
        Special::Link => "$link",
        Special::DeletedLink => "$deletedLink",
    }
}

/// What calling `op` addresses (its return type).
fn returned(model: &Model, op: &Operation, key: Option<&str>) -> Resolved {
    let _ = key; // the parameters of a function call
    Resolved {
        target: op.return_type.as_ref().map(|(r, _)| r.target.clone()),
        collection: op.return_type.as_ref().is_some_and(|(r, _)| r.collection),
        operation: model.operations.iter().position(|o| std::ptr::eq(o, op)),
        special: None,
        leniency: Vec::new(),
    }
}

/// An unbound operation imported into a container under `name`.
fn import<'m>(model: &'m Model, name: &str) -> Option<&'m Operation> {
    let imported: Vec<&String> = model
        .containers
        .iter()
        .flat_map(|c| c.action_imports.iter().chain(&c.function_imports))
        .collect();
    model.operations.iter().find(|op| {
        !op.is_bound
            && op.name.name == name
            && imported
                .iter()
                .any(|i| model.full_name(i) == op.name.to_string())
    })
}

/// `users('id')` → (`users`, Some(`'id'`)).
fn split_key(seg: &str) -> (&str, Option<&str>) {
    match seg.split_once('(') {
        Some((name, rest)) => (name, Some(rest.trim_end_matches(')'))),
        None => (seg, None),
    }
}

/// A bound operation named `name` (or `namespace.name`) whose binding
/// parameter is `ty` or one of its bases (collection-ness must match): the
/// overload bound to the most derived of them, as OData resolves it.
fn bound<'m>(model: &'m Model, ty: TypeId, collection: bool, name: &str) -> Option<&'m Operation> {
    let mut types = vec![ty];
    types.extend(model.base_chain(ty));
    types.into_iter().find_map(|t| {
        model.operations.iter().find(|op| {
            (op.name.name == name || op.name.to_string() == name)
                && op
                    .binding()
                    .is_some_and(|b| b.collection == collection && b.target == Target::Named(t))
        })
    })
}

#[cfg(test)]
mod tests;
