//! `@odata.context` URLs (OData JSON Format 4.01 §10): what payload each
//! form describes, read with Graph's leniency.

use super::{resolve_url, split_key, Resolved, Special};
use crate::model::{Model, Primitive, Target};

/// Resolves an `@odata.context` URL to what the payload it heads is:
/// `#users` and `#Collection(microsoft.graph.user)` (a collection),
/// `#users/$entity` and `#microsoft.graph.user` (one entity),
/// `#identityGovernance/catalogs('c')/resources` (keys and navigation),
/// `#users('1')/displayName` (a property), `#users/microsoft.graph.x`
/// (a cast), `#users(displayName,mail)` (a select list), `#users/$delta`,
/// `#users/$deletedEntity`, `#users/$link`, `#users/$deletedLink`, `#$ref`,
/// `#Collection($ref)`, `#Edm.String` and `#Collection(Edm.String)`
/// (operation results and property values). Graph's departures are read
/// too and noted in [`Resolved::leniency`]: unqualified type names
/// (`#Collection(chatMessage)`), a set or singleton in another case
/// (`#Me/messages`), a singleton left out below a deeper service root
/// (`…/v1.0/identity/$metadata#conditionalAccess/namedLocations`); the
/// part before `$metadata` (absolute, relative, any service root) is not
/// read. What names nothing of the model is an error naming the segment.
pub fn resolve_context(model: &Model, context: &str) -> Result<Resolved, crate::Error> {
    context_url(model, context).map_err(|message| crate::Error::Path {
        input: context.to_string(),
        message,
    })
}

/// A payload-level form: no type, only the kind of payload.
fn special(special: Special, collection: bool) -> Resolved {
    Resolved {
        target: None,
        collection,
        operation: None,
        special: Some(special),
        leniency: Vec::new(),
    }
}

/// [`resolve_context`], its error as text.
fn context_url(model: &Model, context: &str) -> Result<Resolved, String> {
    let (_, fragment) = context
        .split_once("$metadata#")
        .ok_or_else(|| format!("`{context}` is not a context URL (no `$metadata#`)"))?;
    match fragment {
        "$ref" => return Ok(special(Special::Ref, false)),
        "Collection($ref)" => return Ok(special(Special::Ref, true)),
        "Collection(Edm.EntityType)" | "Collection(Edm.ComplexType)" => {
            return Err(format!(
                "`{fragment}` is a collection of values of any type: it names no type of the model"
            ))
        }
        _ => {}
    }
    if let Some(inner) = fragment
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return named_type(model, inner, true);
    }
    // A trailing system segment: one entity, a delta, deleted entities and
    // links of a delta response.
    let (path, collection, system) = match fragment.rsplit_once('/') {
        Some((path, "$entity")) => (path, Some(false), None),
        Some((path, "$delta")) => (path, Some(true), None),
        Some((path, "$deletedEntity")) => (path, Some(false), Some(Special::DeletedEntity)),
        Some((path, "$link")) => (path, Some(false), Some(Special::Link)),
        Some((path, "$deletedLink")) => (path, Some(false), Some(Special::DeletedLink)),
        _ => (fragment, None, None),
    };
    let path = without_select_list(path);
    if collection.is_none() && !path.contains('/') {
        // `#microsoft.graph.user`, `#Edm.String`: a type (an entity, a
        // complex value, an operation's result).
        if path.contains('.') && (model.lookup(path).is_some() || path.starts_with("Edm.")) {
            return named_type(model, path, false);
        }
        if model.unqualified(path).is_some() && !is_container_child(model, path) {
            return named_type(model, path, false);
        }
    }
    let mut r = lenient_path(model, path)?;
    if let Some(c) = collection {
        r.collection = c;
    }
    r.special = system.or(r.special);
    Ok(r)
}

/// A type by name: qualified, alias-qualified, `Edm.*`, or (as Graph
/// writes it, noted) without its namespace.
fn named_type(model: &Model, name: &str, collection: bool) -> Result<Resolved, String> {
    let mut leniency = Vec::new();
    let target = if let Some(p) = name.strip_prefix("Edm.").and_then(Primitive::from_edm) {
        Target::Primitive(p)
    } else if let Some(ty) = model.lookup(name) {
        Target::Named(ty)
    } else if let Some(ty) = model.unqualified(name) {
        leniency.push(format!(
            "`{name}` is read as `{}`: a context URL names types with their namespace",
            model.get(ty).name
        ));
        Target::Named(ty)
    } else {
        return Err(format!("`{name}` is not a type of the model"));
    };
    Ok(Resolved {
        target: Some(target),
        collection,
        operation: None,
        special: None,
        leniency,
    })
}

/// Whether `name` is an entity set, singleton or operation import (in any
/// case), so that a bare `#name` is a path, not an unqualified type.
fn is_container_child(model: &Model, name: &str) -> bool {
    model.containers.iter().any(|c| {
        c.entity_sets
            .iter()
            .map(|s| s.name.as_str())
            .chain(
                c.action_imports
                    .iter()
                    .chain(&c.function_imports)
                    .map(|i| i.rsplit('.').next().unwrap_or(i)),
            )
            .any(|n| n.eq_ignore_ascii_case(name))
    })
}

/// The path without a select list at its end (`users(displayName,mail)`,
/// `users('1')/manager(id)`); keys (`users('1')`) stay.
fn without_select_list(fragment: &str) -> &str {
    let (dir, last) = match fragment.rsplit_once('/') {
        Some((dir, last)) => (Some(dir), last),
        None => (None, fragment),
    };
    match last.split_once('(') {
        Some((name, tail)) if is_select_list(tail.strip_suffix(')').unwrap_or(tail)) => {
            let keep = dir.map_or(0, |d| d.len() + 1) + name.len();
            &fragment[..keep]
        }
        _ => fragment,
    }
}

/// A context URL's path: as a request URL's, else with its first segment
/// a set or singleton written in another case (`Me/messages`) or a
/// navigation property of a singleton the context URL leaves out
/// (`conditionalAccess/…` for `identity/conditionalAccess/…`, as Graph
/// writes it below a deeper service root); each departure noted.
fn lenient_path(model: &Model, fragment: &str) -> Result<Resolved, String> {
    let error = match resolve_url(model, fragment) {
        Ok(r) => return Ok(r),
        Err(e) => e,
    };
    let (first, rest) = fragment.split_once('/').unwrap_or((fragment, ""));
    let (name, key) = split_key(first);
    let key = key.map(|k| format!("({k})")).unwrap_or_default();
    for (head, note) in lenient_heads(model, name) {
        let joined = if rest.is_empty() {
            format!("{head}{key}")
        } else {
            format!("{head}{key}/{rest}")
        };
        if let Ok(mut r) = resolve_url(model, &joined) {
            r.leniency.push(note);
            return Ok(r);
        }
    }
    Err(error)
}

/// What a context URL's first segment `name` may stand for when it is not
/// a set, singleton or import as written, with the note that says so: one
/// of those in another case, or `singleton/name` for every singleton with
/// a navigation property `name` (tried in turn).
fn lenient_heads(model: &Model, name: &str) -> Vec<(String, String)> {
    let sets = model.containers.iter().flat_map(|c| &c.entity_sets);
    let mut heads: Vec<(String, String)> = sets
        .clone()
        .filter(|es| es.name != name && es.name.eq_ignore_ascii_case(name))
        .map(|es| {
            let note = format!("`{name}` is read as `{}` (the model's case)", es.name);
            (es.name.clone(), note)
        })
        .collect();
    for es in sets.filter(|es| es.singleton) {
        let Target::Named(ty) = es.ty.target else {
            continue;
        };
        if model.navigation(ty).iter().any(|(n, _)| n.name == name) {
            let note = format!(
                "`{name}` is read as `{0}/{name}`: the context URL leaves out singleton `{0}`",
                es.name
            );
            heads.push((format!("{}/{name}", es.name), note));
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
