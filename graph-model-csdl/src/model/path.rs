//! Resolving a request URL (`/identityGovernance/catalogs/{id}/...`) against
//! a model: entity sets and singletons, key segments, navigation properties,
//! type casts, bound actions and functions.

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
    /// The bound action or function the URL ends in, by qualified name.
    pub operation: Option<String>,
    /// `$ref`, `$count` or `$value` at the end.
    pub special: Option<Special>,
}

/// A system segment at the end of a resource path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    /// `$ref`: entity references (`{"@odata.id": ...}`).
    Ref,
    /// `$count`: the number of items, as plain text.
    Count,
    /// `$value`: the raw value (media stream or primitive).
    Value,
}

impl Resolved {
    /// What the URL addresses, for a person: `Collection(ns.T)`, `ns.T`,
    /// `Edm.Int64`, with the bound operation and `$ref`/`$count`/`$value`
    /// when there is one; `nothing` for an operation that returns nothing.
    pub fn describe(&self, model: &Model) -> String {
        let mut out = match &self.target {
            None => "nothing".to_string(),
            Some(t) => {
                let name = target_name(model, t);
                if self.collection {
                    format!("Collection({name})")
                } else {
                    name
                }
            }
        };
        if let Some(op) = &self.operation {
            out = format!("{out} (returned by {op})");
        }
        if let Some(s) = self.special {
            out = format!("{} of {out}", special_name(s));
        }
        out
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
        },
        None => match import(model, name) {
            Some(op) => returned(op, key),
            None => {
                return Err(format!(
                    "`{name}` is not an entity set, singleton or operation import of the model"
                ))
            }
        },
    };
    // Whether more segments may follow (not after a non-composable operation).
    let mut open = r.operation.is_none() || composable(model, r.operation.as_deref());
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
                    target_name(model, t)
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
            r = returned(op, key);
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
    }
}

fn target_name(model: &Model, t: &Target) -> String {
    match t {
        Target::Named(id) => model.get(*id).name.to_string(),
        Target::Primitive(p) => format!("Edm.{p:?}"),
        Target::Unresolved(s) => s.clone(),
    }
}

/// What calling `op` addresses (its return type).
fn returned(op: &Operation, key: Option<&str>) -> Resolved {
    let _ = key; // the parameters of a function call
    Resolved {
        target: op.return_type.as_ref().map(|(r, _)| r.target.clone()),
        collection: op.return_type.as_ref().is_some_and(|(r, _)| r.collection),
        operation: Some(op.name.to_string()),
        special: None,
    }
}

fn composable(model: &Model, op: Option<&str>) -> bool {
    op.and_then(|n| model.operations.iter().find(|o| o.name.to_string() == n))
        .is_some_and(|o| o.is_composable)
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

/// Resolves an `@odata.context` URL (`…/$metadata#users`,
/// `…#users/$entity`, `…#Collection(microsoft.graph.user)`,
/// `…#microsoft.graph.user`, `…#identityGovernance/catalogs('c')/resources`)
/// to the type of the payload it describes.
pub fn resolve_context(model: &Model, context: &str) -> Result<Resolved, crate::Error> {
    context_url(model, context).map_err(|message| crate::Error::Path {
        input: context.to_string(),
        message,
    })
}

/// [`resolve_context`], its error as text.
fn context_url(model: &Model, context: &str) -> Result<Resolved, String> {
    let (_, fragment) = context
        .split_once("$metadata#")
        .ok_or_else(|| format!("`{context}` is not a context URL (no `$metadata#`)"))?;
    let resolved_type = |name: &str, collection: bool| {
        let target = match name
            .strip_prefix("Edm.")
            .and_then(super::Primitive::from_edm)
        {
            Some(p) => Target::Primitive(p),
            None => match model.lookup(name).or_else(|| model.unqualified(name)) {
                Some(ty) => Target::Named(ty),
                None => return Err(format!("`{name}` is not a type of the model")),
            },
        };
        Ok(Resolved {
            target: Some(target),
            collection,
            operation: None,
            special: None,
        })
    };
    // Entity references: `#$ref`, `#Collection($ref)`.
    let references = |collection| Resolved {
        target: None,
        collection,
        operation: None,
        special: Some(Special::Ref),
    };
    match fragment {
        "$ref" => return Ok(references(false)),
        "Collection($ref)" => return Ok(references(true)),
        _ => {}
    }
    if let Some(inner) = fragment
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return resolved_type(inner, true);
    }
    // A delta response of a set or navigation: its items' type.
    if let Some(path) = fragment.strip_suffix("/$delta") {
        return lenient_path(model, path).map(|r| Resolved {
            collection: true,
            ..r
        });
    }
    if let Some(path) = fragment.strip_suffix("/$entity") {
        return lenient_path(model, path).map(|r| Resolved {
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
    if !fragment.contains('/')
        && fragment.contains('.')
        && (model.lookup(fragment).is_some() || fragment.starts_with("Edm."))
    {
        return resolved_type(fragment, false);
    }
    // Graph's leniency: a bare type name without its namespace (`#workflow`).
    if let Some(ty) = model.unqualified(fragment) {
        return Ok(Resolved {
            target: Some(Target::Named(ty)),
            collection: false,
            operation: None,
            special: None,
        });
    }
    lenient_path(model, fragment)
}

/// A context URL's path: as a request URL's, else with its first segment
/// a set or singleton written in another case (`Me/messages`) or a
/// navigation property of a singleton the context URL leaves out
/// (`conditionalAccess/…` for `identity/conditionalAccess/…`, as Graph
/// writes it below a deeper service root).
fn lenient_path(model: &Model, fragment: &str) -> Result<Resolved, String> {
    let error = match resolve_url(model, fragment) {
        Ok(r) => return Ok(r),
        Err(e) => e,
    };
    let (first, rest) = fragment.split_once('/').unwrap_or((fragment, ""));
    let (name, key) = first.split_at(first.find('(').unwrap_or(first.len()));
    let join = |head: &str| {
        if rest.is_empty() {
            format!("{head}{key}")
        } else {
            format!("{head}{key}/{rest}")
        }
    };
    for head in lenient_heads(model, name) {
        if let Ok(r) = resolve_url(model, &join(&head)) {
            return Ok(r);
        }
    }
    Err(error)
}

/// What a context URL's first segment `name` may stand for when it is not
/// a set, singleton or import as written: one of those in another case,
/// or `singleton/name` for every singleton with a navigation property
/// `name` (tried in turn).
fn lenient_heads(model: &Model, name: &str) -> Vec<String> {
    let sets = model.containers.iter().flat_map(|c| &c.entity_sets);
    let mut heads: Vec<String> = sets
        .clone()
        .filter(|es| es.name != name && es.name.eq_ignore_ascii_case(name))
        .map(|es| es.name.clone())
        .collect();
    for es in sets.filter(|es| es.singleton) {
        let Target::Named(ty) = es.ty.target else {
            continue;
        };
        if model.navigation(ty).iter().any(|(n, _)| n.name == name) {
            heads.push(format!("{}/{name}", es.name));
        }
    }
    heads
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
            include_str!("../../../graph-model/metadata/graph-seed.xml"),
            LoadOptions { strict: true },
        )
        .unwrap()
    }

    fn name(m: &Model, url: &str) -> (String, bool, Option<String>) {
        let r = resolve(m, url).unwrap();
        let ty = r.structured(m).unwrap();
        (m.get(ty).name.name.clone(), r.collection, r.operation)
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
            (
                m.get(r.structured(&m).unwrap()).name.name.clone(),
                r.collection,
            )
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
            resolve(&m, "/users").unwrap_err().to_string(),
            "`users` is not an entity set, singleton or operation import of the model"
        );
        assert_eq!(
            resolve(&m, "/identityGovernance/nope").unwrap_err().to_string(),
            "`nope` is not a property, navigation property, bound operation or subtype of `microsoft.graph.identityGovernance`"
        );
        let count = resolve(&m, "/identityGovernance/catalogs/$count").unwrap();
        assert_eq!(
            (count.collection, count.special),
            (true, Some(Special::Count))
        );
        assert_eq!(
            resolve(&m, "/identityGovernance/catalogs/$count/x")
                .unwrap_err()
                .to_string(),
            "`x` follows `$count`"
        );
        // Structural properties: complex, primitive, enum.
        let base = "/identityGovernance/catalogs/c/resources/r/uploadSessions/s";
        let stats = resolve(&m, &format!("{base}/stats")).unwrap();
        assert_eq!(
            m.get(stats.structured(&m).unwrap()).name.name,
            "customDataProvidedResourceUploadStats"
        );
        let total = resolve(&m, &format!("{base}/stats/totalBytesUploaded")).unwrap();
        assert_eq!(
            total.target,
            Some(Target::Primitive(crate::model::Primitive::Int64))
        );
        assert_eq!(
            resolve(&m, &format!("{base}/stats/totalBytesUploaded/x"))
                .unwrap_err()
                .to_string(),
            "`x` follows a value of type `Edm.Int64`, which has no segments"
        );
        let refs = resolve(&m, &format!("{base}/files/$ref")).unwrap();
        assert_eq!((refs.collection, refs.special), (true, Some(Special::Ref)));
        assert!(resolve(&m, "https://graph.microsoft.com/beta").is_err());
    }
}
