//! Deciding what a documentation block is: from its annotation, its request
//! URL (resolved against the model), or its own `@odata.context`.

use crate::lenient_json::TopLevel;
use graph_model_csdl::model::path::{self as odata_path, Resolved, Special};
use graph_model_csdl::model::{Primitive, Target, TypeId};
use graph_model_csdl::Model;

use super::Outcome;
use crate::samples::{BlockType, Sample};
use crate::validate::Document;

/// What a block is checked as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// A payload.
    Payload(Document),
    /// A "JSON representation" of a type, with placeholders for values.
    Representation(TypeId),
    /// A body where the model expects none (the response of an operation
    /// that returns nothing): the message.
    Unexpected(String),
}

/// A block's check, how its type was found, and the `$select` list that
/// applies to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typed {
    /// What to check.
    pub check: Check,
    /// `annotation`, `request URL` or `@odata.context`.
    pub typed_by: &'static str,
    /// The request's `$select` (or the context's select list), if any.
    pub select: Option<Vec<String>>,
    /// Where the `@odata.context` that typed the block departs from the
    /// model's spelling or the OData grammar (reported as warnings).
    pub leniency: Vec<String>,
}

fn not_checkable<T>(reason: &'static str, detail: impl Into<String>) -> Result<T, Outcome> {
    Err(Outcome::NotCheckable {
        reason,
        detail: detail.into(),
    })
}

/// `Collection(ns.T)`, `ns.T`, `Edm.String`... as a target and collection.
fn named_type(model: &Model, written: &str) -> Option<(Target, bool)> {
    let w = written.trim().trim_start_matches('#');
    let (inner, collection) = match w
        .strip_prefix("Collection(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(i) => (i, true),
        None => (w, false),
    };
    let target = match inner.strip_prefix("Edm.").and_then(Primitive::from_edm) {
        Some(p) => Target::Primitive(p),
        None => Target::Named(model.lookup(inner)?),
    };
    Some((target, collection))
}

/// The payload a value of `target` is written as: an object for an entity
/// or complex type (or a collection response of them), `{"value": …}` for
/// anything else.
fn payload(model: &Model, target: Target, collection: bool, nullable: bool) -> Document {
    match target {
        Target::Named(id) if model.get(id).structured().is_some() => {
            Document::Structured { id, collection }
        }
        target => Document::Value {
            target,
            collection,
            nullable,
        },
    }
}

/// What a block is, or why it cannot be checked.
pub fn block_type(model: &Model, s: &Sample) -> Result<Typed, Outcome> {
    let Some(body) = s.body.as_deref() else {
        return not_checkable("no body", "the block has no body");
    };
    if s.block_type == BlockType::Resource {
        // Older pages name the type `@type`; some only in the body.
        let body_type = crate::lenient_json::top_level(body).and_then(|t| t.odata_type);
        let Some(t) = s
            .annotation_str("@odata.type")
            .or_else(|| s.annotation_str("@type"))
            .map(str::to_string)
            .or(body_type)
        else {
            return not_checkable("type unknown", "a representation without `@odata.type`");
        };
        let t = t.as_str();
        return match model.lookup(t) {
            Some(id) if model.get(id).structured().is_some() => Ok(Typed {
                check: Check::Representation(id),
                typed_by: "annotation",
                select: None,
                leniency: Vec::new(),
            }),
            Some(_) => not_checkable("non-JSON content", format!("`{t}` is not an object type")),
            None => not_checkable(
                "type absent from the metadata",
                format!("`{t}` is not in the model"),
            ),
        };
    }
    let looks_json = body.trim_start().starts_with(['{', '[']);
    let json_header = s.content_type().is_none_or(|c| c.contains("json"));
    if !looks_json || !json_header {
        return not_checkable(
            "non-JSON content",
            format!(
                "content type {}",
                s.content_type().unwrap_or_else(|| "not given".into())
            ),
        );
    }
    let is_request = s.method.is_some();
    let parsed = crate::lenient_json::top_level(body);
    let (url, method) = if is_request {
        (s.url.clone(), s.method.clone())
    } else {
        (s.request_url.clone(), s.request_method.clone())
    };
    let select = url.as_deref().and_then(select_of);
    if !is_request {
        if let Some(t) = s.annotation_str("@odata.type") {
            let Some((target, mut collection)) = named_type(model, t) else {
                let inner = t.trim_start_matches("Collection(").trim_end_matches(')');
                return not_checkable(
                    "type absent from the metadata",
                    format!("`{inner}` is not in the model"),
                );
            };
            collection |= s.annotation_bool("isCollection")
                || looks_like_collection(model, &target, parsed.as_ref());
            return Ok(Typed {
                check: Check::Payload(payload(model, target, collection, true)),
                typed_by: "annotation",
                select,
                leniency: Vec::new(),
            });
        }
    }
    let resolved = match &url {
        Some(url) => odata_path::resolve(model, url).map_err(|e| e.to_string()),
        None => Err("no @odata.type annotation and no request URL".to_string()),
    };
    let r = match resolved {
        Ok(r) => r,
        // A response that names its own context: `@odata.context`.
        Err(e) => {
            let context = (!is_request).then(|| context_of(parsed.as_ref())).flatten();
            return match context.map(|c| (context_of_model(model, &c), c)) {
                Some((Ok(r), c)) => {
                    let (check, select) = match (special_document(model, &r), &r.target) {
                        (Some(doc), _) => (doc, None),
                        (None, Some(t)) => (
                            payload(model, t.clone(), r.collection, true),
                            context_select(&c),
                        ),
                        (None, None) => return not_checkable("URL does not resolve", e),
                    };
                    Ok(Typed {
                        check: Check::Payload(check),
                        typed_by: "@odata.context",
                        select,
                        leniency: r.leniency,
                    })
                }
                _ if url.is_none() => not_checkable("type unknown", e),
                _ => not_checkable("URL does not resolve", e),
            };
        }
    };
    let method = method.unwrap_or_default();
    let check = if is_request {
        Check::Payload(request_document(model, &r)?)
    } else {
        response_document(model, &r, &method)?
    };
    Ok(Typed {
        check,
        typed_by: "request URL",
        select,
        leniency: Vec::new(),
    })
}

/// [`graph_model_odata::context::resolve_context`], with the model's roles
/// built once per model and thread (a few milliseconds each on v1.0), not
/// per block. The cache is keyed by the model's address and sizes, and
/// holds one model.
fn context_of_model(model: &Model, url: &str) -> Result<Resolved, graph_model_odata::Error> {
    use std::cell::RefCell;
    use std::rc::Rc;
    type Key = (usize, usize, usize, usize);
    thread_local! {
        static ROLES: RefCell<Option<(Key, Rc<graph_model_odata::Roles>)>> = const { RefCell::new(None) };
    }
    let key: Key = (
        std::ptr::from_ref(model) as usize,
        model.types.len(),
        model.operations.len(),
        model.containers.iter().map(|c| c.entity_sets.len()).sum(),
    );
    let roles = ROLES.with_borrow_mut(|cache| match cache {
        Some((k, roles)) if *k == key => roles.clone(),
        _ => {
            let roles = Rc::new(graph_model_odata::Roles::from_model(model));
            *cache = Some((key, roles.clone()));
            roles
        }
    });
    graph_model_odata::context::resolve_context_with(model, &roles, url)
}

/// The payload a context URL's system segment stands for: entity
/// references, a deleted entity, a link.
fn special_document(model: &Model, r: &Resolved) -> Option<Document> {
    Some(match r.special? {
        Special::Ref => Document::References {
            collection: r.collection,
        },
        Special::DeletedEntity => Document::DeletedEntity {
            id: r.structured(model)?,
        },
        Special::Link => Document::Link { deleted: false },
        Special::DeletedLink => Document::Link { deleted: true },
        _ => return None,
    })
}

/// A request body sent to what `r` addresses.
fn request_document(model: &Model, r: &Resolved) -> Result<Document, Outcome> {
    if r.special == Some(Special::Ref) {
        return Ok(Document::References { collection: false });
    }
    if let Some(operation) = r.operation {
        return Ok(Document::Parameters { operation });
    }
    match &r.target {
        Some(Target::Unresolved(t)) => not_checkable(
            "type absent from the metadata",
            format!("`{t}` is not in the model"),
        ),
        // POST to a collection creates one member; PATCH/PUT send one.
        Some(t) => Ok(payload(model, t.clone(), false, true)),
        None => not_checkable("URL does not resolve", "the URL addresses nothing"),
    }
}

/// A response to `method` on what `r` addresses.
fn response_document(model: &Model, r: &Resolved, method: &str) -> Result<Check, Outcome> {
    if let Some(doc) = special_document(model, r) {
        return Ok(Check::Payload(doc));
    }
    if let Some(Special::Count | Special::Value) = r.special {
        return not_checkable(
            "non-JSON content",
            "`$count` and `$value` answer with plain text or bytes",
        );
    }
    let collection = if r.operation.is_some() {
        r.collection
    } else {
        r.collection && method == "GET"
    };
    match &r.target {
        Some(Target::Unresolved(t)) => not_checkable(
            "type absent from the metadata",
            format!("`{t}` is not in the model"),
        ),
        Some(t) => Ok(Check::Payload(payload(model, t.clone(), collection, true))),
        None => Ok(Check::Unexpected(format!(
            "`{}` returns nothing, but the response has a body",
            r.operation_in(model)
                .map_or("the operation".to_string(), |op| op.name.to_string())
        ))),
    }
}

/// The body's top-level `@odata.context`, if it has one.
fn context_of(body: Option<&TopLevel>) -> Option<String> {
    body?.context.clone()
}

/// A list response whose annotation forgot `isCollection`: `value` is an
/// array and the type has no `value` property of its own.
fn looks_like_collection(model: &Model, target: &Target, body: Option<&TopLevel>) -> bool {
    let Some(top) = body else {
        return false;
    };
    let has_value_prop = match target {
        Target::Named(id) => model
            .properties(*id)
            .iter()
            .any(|p| p.property.name == "value"),
        _ => false,
    };
    top.value_is_array && !has_value_prop
}

/// The top-level `$select` of a URL: property names (a path's first
/// segment; `*` means everything, which is no selection).
pub fn select_of(url: &str) -> Option<Vec<String>> {
    let query = url.split_once('?')?.1;
    let value = split_options(query)
        .into_iter()
        .find_map(|o| o.strip_prefix("$select=").map(str::to_string))?;
    names(&value.replace("%2C", ",").replace("%20", " "))
}

/// A context URL's select list (`#users(displayName,mail)`, `…/$entity`).
fn context_select(context: &str) -> Option<Vec<String>> {
    let fragment = context.split_once("$metadata#")?.1;
    let fragment = fragment.strip_suffix("/$entity").unwrap_or(fragment);
    let last = fragment.rsplit('/').next()?;
    let open = last.find('(')?;
    let inner = last[open + 1..].strip_suffix(')')?;
    if inner.contains(['\'', '=']) || inner.starts_with(|c: char| c.is_ascii_digit()) {
        return None; // a key, not a select list
    }
    names(inner)
}

fn names(list: &str) -> Option<Vec<String>> {
    let items: Vec<String> = split_options_by(list, ',')
        .into_iter()
        .map(|i| {
            let i = i.trim();
            let i = i.split(['(', '/']).next().unwrap_or(i);
            i.to_string()
        })
        .filter(|i| !i.is_empty())
        .collect();
    (!items.is_empty() && !items.iter().any(|i| i == "*")).then_some(items)
}

/// `&`-separated query options, keeping `&` inside parentheses.
fn split_options(query: &str) -> Vec<&str> {
    split_options_by(query, '&')
}

fn split_options_by(s: &str, sep: char) -> Vec<&str> {
    let mut depth = 0i32;
    let mut start = 0;
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// What a payload is, for `graph-model validate`: from a type name
/// (`ns.T` or `Collection(ns.T)`; a `{"value": [...]}` body of an entity or
/// complex type reads as a collection, as conformance reads annotated blocks),
/// from the URL of the GET it answers, or else from its own `@odata.context`.
pub fn document_of(
    model: &Model,
    type_name: Option<&str>,
    url: Option<&str>,
    collection: bool,
    text: &str,
) -> Result<Document, crate::Error> {
    document(model, type_name, url, collection, text).map_err(crate::Error::Document)
}

/// [`document_of`], its error as text.
fn document(
    model: &Model,
    type_name: Option<&str>,
    url: Option<&str>,
    collection: bool,
    text: &str,
) -> Result<Document, String> {
    // Reading the top level is a pass over the whole text: made only when
    // the type is not given in full and no URL says what the payload is.
    let parsed = || crate::lenient_json::top_level(text);
    if let Some(t) = type_name {
        let (target, written_collection) =
            named_type(model, t).ok_or_else(|| format!("no type `{t}` in the model"))?;
        let collection = collection
            || written_collection
            || looks_like_collection(model, &target, parsed().as_ref());
        return Ok(payload(model, target, collection, true));
    }
    let r = match url {
        Some(url) => odata_path::resolve(model, url).map_err(|e| format!("--url: {e}"))?,
        None => {
            let context = context_of(parsed().as_ref()).ok_or(
                "give --type or --url: the payload has no @odata.context to take the type from",
            )?;
            odata_path::resolve_context(model, &context)
                .map_err(|e| format!("@odata.context: {e}"))?
        }
    };
    match response_document(model, &r, "GET") {
        Ok(Check::Payload(doc)) => Ok(doc),
        Ok(Check::Unexpected(msg)) => Err(msg),
        Ok(Check::Representation(_)) => unreachable!("responses are payloads"),
        Err(Outcome::NotCheckable { detail, .. }) => Err(detail),
        Err(_) => Err("cannot type the payload".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_lists() {
        assert_eq!(
            select_of("https://x/users?$select=displayName,mail&$top=2"),
            Some(vec!["displayName".to_string(), "mail".to_string()])
        );
        assert_eq!(select_of("/users?$expand=manager($select=id)"), None);
        assert_eq!(select_of("/users?$select=*"), None);
        assert_eq!(
            context_select("https://x/$metadata#users(displayName,id)/$entity"),
            Some(vec!["displayName".to_string(), "id".to_string()])
        );
        assert_eq!(context_select("https://x/$metadata#users('a')"), None);
    }

    #[test]
    fn a_payload_is_typed_from_its_name_its_url_or_its_context() {
        let m = crate::validate::bundled_model();
        let session = "microsoft.graph.customDataProvidedResourceUploadSession";
        let id = m.lookup(session).unwrap();
        let typed = |type_name: Option<&str>, url: Option<&str>, text: &str| match document_of(
            m, type_name, url, false, text,
        ) {
            Ok(Document::Structured {
                id: got,
                collection,
            }) if got == id => Ok(collection),
            Ok(other) => Err(format!("{other:?}")),
            Err(e) => Err(e.to_string()),
        };
        // Named: one object, or a `{"value": [...]}` body (trailing commas
        // allowed) read as a collection; `Collection(...)` needs no look at
        // the text, which here is not even JSON.
        assert_eq!(typed(Some(session), None, r#"{"id": "x"}"#), Ok(false));
        assert_eq!(
            typed(Some(session), None, r#"{"value": [{"id": "x"},],}"#),
            Ok(true)
        );
        let listed = format!("Collection({session})");
        assert_eq!(typed(Some(&listed), None, "not JSON"), Ok(true));
        // From the URL of the GET it answers, whatever the text says.
        let list = "https://graph.microsoft.com/beta/identityGovernance/entitlementManagement\
                    /catalogs('c')/accessPackageResources('r')/uploadSessions";
        assert_eq!(typed(None, Some(list), "not JSON"), Ok(true));
        // From its own @odata.context when neither is given.
        let context = r#"{"@odata.context": "https://graph.microsoft.com/beta/$metadata#identityGovernance/catalogs('c')/accessPackageResources('r')/uploadSessions", "value": []}"#;
        assert_eq!(typed(None, None, context), Ok(true));
        let none = typed(None, None, r#"{"value": []}"#).unwrap_err();
        assert!(none.contains("@odata.context"), "{none}");
    }
}
