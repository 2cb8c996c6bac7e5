//! The upload-session API end to end against [`FakeGraph`]: create a
//! session, upload three CSV files, read it back with
//! `$expand=files($filter=size gt 1000000;$orderby=name asc)`, mark it done,
//! list the finished sessions, and see two errors come back typed.

use crate::api::{decode, decode_empty, decode_page, ApiError, Shape, UploadSessions};
use graph_model::graph::custom_data_provided_resource_payloads::{
    AccessReviewContextData, DataAny,
};
use graph_model::graph::{
    CustomDataProvidedResourceUploadSessionAny as SessionAny,
    CustomDataProvidedResourceUploadSessionRequest as CreateBody,
};
use graph_model_odata::query::{self, Dialect};
use http::{Request, Response};
use serde_json::json;

use crate::fake::FakeGraph;

/// The session's id, whichever type it came as.
fn id_of(s: &SessionAny) -> String {
    match s {
        SessionAny::Base(s) => s.id.clone(),
        SessionAny::CustomDataProvidedResourceAccessReviewUploadSession(s) => s.id.clone(),
        // An unknown subtype, or one the model gains later.
        _ => None,
    }
    .unwrap_or_default()
}

fn file_names(s: &SessionAny) -> Vec<String> {
    let files = match s {
        SessionAny::Base(s) => s.files.value().cloned(),
        SessionAny::CustomDataProvidedResourceAccessReviewUploadSession(s) => {
            s.files.value().cloned()
        }
        _ => None,
    };
    files
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.name)
        .collect()
}

/// Runs the walk-through; each line says what was sent and what came back.
pub fn run() -> Result<Vec<String>, String> {
    let mut graph = FakeGraph::new();
    let mut send = |r: Request<Vec<u8>>| -> Response<Vec<u8>> { graph.handle(&r) };
    let err = |e: ApiError| e.to_string();
    let api = UploadSessions::new(
        "https://graph.example/beta",
        Shape::AccessPackageCatalogs,
        "catalog-1",
        "resource-1",
    );
    let mut log = Vec::new();

    // Generated types are `#[non_exhaustive]` (a property Graph adds is a
    // minor release): built from `Default`, fields assigned.
    let mut data = AccessReviewContextData::default();
    data.review_definition_id = Some("f5744a40-bca0-4506-a286-a8afac513d1c".into());
    data.review_instance_id = Some("dd1a7e3b-0d7f-4a6c-8f0b-5b3a1e2c9d4f".into());
    let mut body = CreateBody::default();
    body.data = Some(DataAny::AccessReviewContextData(data));
    let session: SessionAny = decode(&send(api.create(&body))).map_err(err)?;
    let id = id_of(&session);
    log.push(format!("created {id}"));

    for (name, rows) in [("c.csv", 20), ("a.csv", 40_000), ("b.csv", 60_000)] {
        let csv = "principalId,principalType,permissionId\n".to_string()
            + &"550e8400-e29b-41d4-a716-446655440000,user,6ba7b810\n".repeat(rows);
        decode::<SessionAny>(&send(api.upload_file(&id, name, csv.as_bytes()))).map_err(err)?;
        log.push(format!("uploaded {name} ({} bytes)", csv.len()));
    }

    let q = query::parse(
        "$expand=files($filter=size gt 1000000;$orderby=name asc)",
        Dialect::STANDARD,
    )
    .map_err(|e| e.to_string())?;
    let got: SessionAny = decode(&send(api.get(&id, Some(&q)))).map_err(err)?;
    log.push(format!(
        "files over 1 MB, by name: {}",
        file_names(&got).join(", ")
    ));

    decode_empty(&send(api.update(&id, &json!({"isUploadDone": true})))).map_err(err)?;
    log.push("marked done".into());

    let q = query::parse(
        "$filter=isUploadDone eq true&$count=true",
        Dialect::STANDARD,
    )
    .map_err(|e| e.to_string())?;
    let (page, next) = decode_page::<SessionAny>(&send(api.list(Some(&q)))).map_err(err)?;
    log.push(format!(
        "done sessions: {} (count {}), next page: {}",
        page.items().len(),
        page.count.as_ref().map_or(-1, |c| c.get()),
        next.is_some()
    ));

    // Queries are bound on the client side too; the fake refuses the same way.
    let q = query::parse("$expand=filez", Dialect::STANDARD).map_err(|e| e.to_string())?;
    match decode::<SessionAny>(&send(api.get(&id, Some(&q)))) {
        Err(ApiError::Graph(e)) => log.push(format!("refused: {e}")),
        other => return Err(format!("expected a refusal, got {other:?}")),
    }
    match decode::<SessionAny>(&send(api.get("nope", None))) {
        Err(ApiError::Graph(e)) => log.push(format!(
            "refused: {e} (request-id {})",
            e.request_id().unwrap_or("-")
        )),
        other => return Err(format!("expected a refusal, got {other:?}")),
    }
    decode_empty(&send(api.delete(&id))).map_err(err)?;
    log.push(format!("deleted {id}"));
    Ok(log)
}
