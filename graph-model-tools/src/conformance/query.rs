//! The query of a block's request URL, parsed (Graph's dialect) and bound to
//! the type its path addresses: an invalid query is a finding with its
//! byte range in the URL.

use graph_model_csdl::model::path;
use graph_model_csdl::Model;

use graph_model_odata::query::{self, bind, Dialect, QueryError, Restrictions, Severity};

/// The errors of `url`'s query (byte ranges of `url`); none when it has no
/// query, writes a placeholder (`{id}`, `<n>`), or its path does not
/// resolve to an entity or complex type. Capability warnings are left out:
/// Graph's capability annotations are often wrong. `include_unknown_enum_members`:
/// the request sends `Prefer: include-unknown-enum-members`, so the query
/// may name evolvable enum members.
pub fn query_errors(
    model: &Model,
    url: &str,
    include_unknown_enum_members: bool,
) -> Vec<QueryError> {
    let Some((q, offset)) = query::query_of(url) else {
        return Vec::new();
    };
    if q.is_empty() || q.contains(['{', '<']) {
        return Vec::new();
    }
    let shift = |mut e: QueryError| {
        e.span = e.span.start + offset..e.span.end + offset;
        e
    };
    let parsed = match query::parse(q, Dialect::graph()) {
        Ok(p) => p,
        Err(e) => return vec![shift(e)],
    };
    let Some((ty, collection)) = path::resolve(model, url)
        .ok()
        .and_then(|r| Some((r.structured(model)?, r.collection)))
    else {
        return Vec::new();
    };
    match bind(
        model,
        ty,
        collection,
        parsed,
        &Restrictions::upload_session_files()
            .include_unknown_enum_members(include_unknown_enum_members),
    ) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .filter(|e| e.severity == Severity::Error)
            .map(shift)
            .collect(),
    }
}
