//! Resolving a request URL (`/identityGovernance/catalogs/{id}/...`) against
//! a model: entity sets and singletons, key segments, navigation properties,
//! type casts, bound actions and functions.

use graph_model_codegen::model::{Model, Operation, Target, TypeId};

/// What a URL addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub ty: TypeId,
    /// A collection (so a GET returns `{"value": [...]}`).
    pub collection: bool,
    /// The bound action or function the URL ends in, by qualified name.
    pub operation: Option<String>,
}

/// Resolves the path of `url` (scheme, host, `/v1.0` or `/beta`, query string
/// and fragment are ignored).
pub fn resolve(model: &Model, url: &str) -> Result<Resolved, String> {
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
    let set = model
        .containers
        .iter()
        .flat_map(|c| &c.entity_sets)
        .find(|s| s.name == name)
        .ok_or_else(|| format!("`{name}` is not an entity set or singleton of the model"))?;
    let Target::Named(mut ty) = set.ty.target else {
        return Err(format!("`{name}` has an unresolved type"));
    };
    let mut collection = !set.singleton && key.is_none();
    let mut operation = None;
    for &seg in rest {
        if operation.is_some() {
            return Err(format!("`{seg}` follows an operation"));
        }
        if seg.starts_with('$') {
            match seg {
                "$count" | "$value" | "$ref" => {
                    return Err(format!("`{seg}` does not address JSON of a model type"))
                }
                _ => return Err(format!("unknown segment `{seg}`")),
            }
        }
        let (name, key) = split_key(seg);
        if let Some((nav, _)) = model
            .navigation(ty)
            .into_iter()
            .find(|(n, _)| n.name == name)
            .filter(|_| !collection)
        {
            let Target::Named(t) = nav.ty.target else {
                return Err(format!("navigation `{name}` has an unresolved type"));
            };
            ty = t;
            collection = nav.ty.collection && key.is_none();
            continue;
        }
        if let Some(op) = bound(model, ty, collection, name) {
            operation = Some(op.name.to_string());
            match &op.return_type {
                Some((r, _)) => match r.target {
                    Target::Named(t) if model.get(t).structured().is_some() => {
                        ty = t;
                        collection = r.collection;
                    }
                    _ => {
                        return Err(format!(
                            "`{name}` returns `{}`, not an entity or complex type",
                            r.written
                        ))
                    }
                },
                None => return Err(format!("`{name}` returns nothing")),
            }
            continue;
        }
        if let Some(cast) = model
            .lookup(name)
            .filter(|c| model.base_chain(*c).contains(&ty))
        {
            ty = cast;
            continue;
        }
        if collection {
            // A key segment: `{id}`, a GUID, or any literal.
            collection = false;
            continue;
        }
        let here = &model.get(ty).name;
        return Err(format!(
            "`{name}` is not a navigation property, bound operation or subtype of `{here}`"
        ));
    }
    Ok(Resolved {
        ty,
        collection,
        operation,
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
/// parameter is `ty` or one of its bases (collection-ness must match).
fn bound<'m>(model: &'m Model, ty: TypeId, collection: bool, name: &str) -> Option<&'m Operation> {
    let mut types = vec![ty];
    types.extend(model.base_chain(ty));
    model.operations.iter().find(|op| {
        (op.name.name == name || op.name.to_string() == name)
            && op.binding().is_some_and(|b| {
                b.collection == collection
                    && matches!(b.target, Target::Named(t) if types.contains(&t))
            })
    })
}
