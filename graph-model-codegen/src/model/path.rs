//! Resolving a request URL (`/identityGovernance/catalogs/{id}/...`) against
//! a model: entity sets and singletons, key segments, navigation properties,
//! type casts, bound actions and functions.

use super::{Model, Operation, Target, TypeId};

/// What a URL addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The addressed type (the element type for a collection).
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

/// Resolves an `@odata.context` URL (`…/$metadata#users`,
/// `…#users/$entity`, `…#Collection(microsoft.graph.user)`,
/// `…#microsoft.graph.user`, `…#identityGovernance/catalogs('c')/resources`)
/// to the type of the payload it describes.
pub fn resolve_context(model: &Model, context: &str) -> Result<Resolved, String> {
    let (_, fragment) = context
        .split_once("$metadata#")
        .ok_or_else(|| format!("`{context}` is not a context URL (no `$metadata#`)"))?;
    let resolved_type = |name: &str, collection: bool| match model.lookup(name) {
        Some(ty) if model.get(ty).structured().is_some() => Ok(Resolved {
            ty,
            collection,
            operation: None,
        }),
        _ => Err(format!("`{name}` is not a structured type of the model")),
    };
    if let Some(inner) = fragment
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return resolved_type(inner, true);
    }
    if let Some(path) = fragment.strip_suffix("/$entity") {
        return resolve(model, path).map(|r| Resolved {
            collection: false,
            ..r
        });
    }
    // `#microsoft.graph.user` (a type) or a path; a select list at the end
    // (`users(displayName,mail)`) is not a key and is dropped.
    let fragment = match fragment.split_once('(') {
        Some((head, tail))
            if !head.contains('/') && is_select_list(tail.strip_suffix(')').unwrap_or(tail)) =>
        {
            head
        }
        _ => match fragment.rsplit_once('/') {
            Some((dir, last)) => match last.split_once('(') {
                Some((name, tail)) if is_select_list(tail.strip_suffix(')').unwrap_or(tail)) => {
                    &fragment[..dir.len() + 1 + name.len()]
                }
                _ => fragment,
            },
            None => fragment,
        },
    };
    if !fragment.contains('/') && fragment.contains('.') && model.lookup(fragment).is_some() {
        return resolved_type(fragment, false);
    }
    resolve(model, fragment)
}

/// A context URL's select list (`displayName,mail`, `*`, `manager(id)`), as
/// opposed to a key (`'id'`, `42`, a GUID, `id='x'`).
fn is_select_list(inner: &str) -> bool {
    let is_guid = inner.len() == 36 && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-');
    !inner.is_empty()
        && !is_guid
        && !inner.contains(['\'', '='])
        && inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '*' || c == '_')
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_str, LoadOptions};

    fn model() -> Model {
        load_str(
            "graph-seed.xml",
            include_str!("../../../metadata/graph-seed.xml"),
            LoadOptions { strict: true },
        )
        .unwrap()
    }

    fn name(m: &Model, url: &str) -> (String, bool, Option<String>) {
        let r = resolve(m, url).unwrap();
        (m.get(r.ty).name.name.clone(), r.collection, r.operation)
    }

    #[test]
    fn resolves_the_upload_session_paths() {
        let m = model();
        let base = "https://graph.microsoft.com/beta/identityGovernance/entitlementManagement/accessPackageCatalogs/6f4b/accessPackageResources/7b8a/uploadSessions";
        assert_eq!(
            name(&m, base),
            ("customDataProvidedResourceUploadSession".into(), true, None)
        );
        assert_eq!(
            name(&m, &format!("{base}/{{id}}")),
            (
                "customDataProvidedResourceUploadSession".into(),
                false,
                None
            )
        );
        assert!(
            !name(
                &m,
                &format!("{base}/x?$expand=files($filter=size gt 1000000;$orderby=name asc)")
            )
            .1
        );
        assert_eq!(
            name(&m, &format!("{base}/x/files")),
            ("customDataProvidedResourceFile".into(), true, None)
        );
        assert_eq!(
            name(&m, &format!("{base}/x/uploadFile")),
            (
                "customDataProvidedResourceUploadSession".into(),
                false,
                Some("microsoft.graph.uploadFile".into())
            )
        );
        assert_eq!(
            name(&m, &format!("{base}/x/microsoft.graph.uploadFile"))
                .2
                .as_deref(),
            Some("microsoft.graph.uploadFile")
        );
        assert!(
            name(
                &m,
                "/v1.0/identityGovernance/catalogs('c')/resources('r')/uploadSessions"
            )
            .1
        );
        assert_eq!(
            name(&m, "identityGovernance/catalogs/c/resources/r/microsoft.graph.customDataProvidedResource").0,
            "customDataProvidedResource"
        );
    }

    #[test]
    fn resolves_context_urls() {
        let m = model();
        let c = |u: &str| {
            let r = resolve_context(&m, u).unwrap();
            (m.get(r.ty).name.name.clone(), r.collection)
        };
        let seed = "https://graph.microsoft.com/beta/$metadata#identityGovernance/catalogs('3c9f')/accessPackageResources('15ee')/uploadSessions";
        assert_eq!(
            c(seed),
            ("customDataProvidedResourceUploadSession".into(), true)
        );
        assert_eq!(
            c(&format!("{seed}/$entity")),
            ("customDataProvidedResourceUploadSession".into(), false)
        );
        assert_eq!(c("https://x/v1.0/$metadata#Collection(microsoft.graph.customDataProvidedResourceFile)"), ("customDataProvidedResourceFile".into(), true));
        assert_eq!(
            c("$metadata#microsoft.graph.customDataProvidedResourceUploadStats"),
            ("customDataProvidedResourceUploadStats".into(), false)
        );
        assert_eq!(
            c("$metadata#identityGovernance/catalogs(displayName)"),
            ("accessPackageCatalog".into(), true)
        );
        assert_eq!(c("$metadata#identityGovernance/catalogs(3c9f2b1e-8a4d-4e7f-9d2a-6b3e1c7f5a9d)/resources"), ("accessPackageResource".into(), true));
        assert!(resolve_context(&m, "https://graph.microsoft.com/beta/users").is_err());
    }

    #[test]
    fn explains_what_does_not_resolve() {
        let m = model();
        assert_eq!(
            resolve(&m, "/users").unwrap_err(),
            "`users` is not an entity set or singleton of the model"
        );
        assert_eq!(
            resolve(&m, "/identityGovernance/nope").unwrap_err(),
            "`nope` is not a navigation property, bound operation or subtype of `microsoft.graph.identityGovernance`"
        );
        assert_eq!(
            resolve(&m, "/identityGovernance/catalogs/$count").unwrap_err(),
            "`$count` does not address JSON of a model type"
        );
        assert!(resolve(&m, "https://graph.microsoft.com/beta").is_err());
    }
}
