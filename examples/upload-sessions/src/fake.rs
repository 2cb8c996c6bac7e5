//! An in-process stand-in for Graph's upload-session endpoints: takes the
//! `http::Request`s that `upload_sessions::api` builds and answers with
//! `http::Response`s, keeping sessions in memory and answering queries
//! with `graph_model_odata::query`. No network.

use bytes::Bytes;
use graph_model::graph::CustomDataProvidedResourceUploadSessionRequest as CreateBody;
use graph_model_odata::percent_decode;
use graph_model_odata::query::{self, bind, eval, Dialect, Restrictions};
use graph_model_tools::validate::{bundled_model, validate_typed, Mode};
use http::{Method, Request, Response};
use serde_json::{json, Value};

const SESSION: &str = "microsoft.graph.customDataProvidedResourceUploadSession";

/// The fake service: sessions by (catalog, resource).
#[derive(Default)]
pub struct FakeGraph {
    sessions: Vec<((String, String), Value)>,
    created: u32,
    uploaded: u32,
}

/// What a request's path addresses.
enum Route {
    Collection,
    Session(String),
    UploadFile(String),
}

impl FakeGraph {
    /// A new, empty service.
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers one request.
    pub fn handle(&mut self, req: &Request<Vec<u8>>) -> Response<Vec<u8>> {
        let Some((owner, route)) = route(req.uri().path()) else {
            return error(404, "ResourceNotFound", "no such resource");
        };
        let query = req.uri().query().unwrap_or_default().to_string();
        match (req.method().clone(), route) {
            (Method::POST, Route::Collection) => self.create(owner, req.body()),
            (Method::GET, Route::Collection) => self.list(&owner, &query),
            (Method::GET, Route::Session(id)) => match self.find(&owner, &id) {
                Some(s) => answer(s, &query, false),
                None => not_found(&id),
            },
            (Method::PATCH, Route::Session(id)) => {
                let Ok(Value::Object(changes)) = serde_json::from_slice(req.body()) else {
                    return error(400, "BadRequest", "the body is not a JSON object");
                };
                match self.find_mut(&owner, &id) {
                    Some(s) => {
                        for (k, v) in changes {
                            s[k.as_str()] = v;
                        }
                        empty(204)
                    }
                    None => not_found(&id),
                }
            }
            (Method::DELETE, Route::Session(id)) => {
                let before = self.sessions.len();
                self.sessions
                    .retain(|(o, s)| !(*o == owner && s["id"] == id.as_str()));
                if self.sessions.len() < before {
                    empty(204)
                } else {
                    not_found(&id)
                }
            }
            (Method::POST, Route::UploadFile(id)) => self.upload(&owner, &id, req),
            _ => error(405, "MethodNotAllowed", "not supported here"),
        }
    }

    fn find(&self, owner: &(String, String), id: &str) -> Option<&Value> {
        self.sessions
            .iter()
            .find(|(o, s)| o == owner && s["id"] == id)
            .map(|(_, s)| s)
    }

    fn find_mut(&mut self, owner: &(String, String), id: &str) -> Option<&mut Value> {
        self.sessions
            .iter_mut()
            .find(|(o, s)| o == owner && s["id"] == id)
            .map(|(_, s)| s)
    }

    fn create(&mut self, owner: (String, String), body: &[u8]) -> Response<Vec<u8>> {
        let text = String::from_utf8_lossy(body);
        let report = validate_typed::<CreateBody>(&text, Mode::Strict);
        if report.has_errors() {
            return error(400, "BadRequest", &report.to_string());
        }
        let Ok(request) = serde_json::from_slice::<Value>(body) else {
            return error(400, "BadRequest", "the body is not JSON");
        };
        self.created += 1;
        let session = json!({
            "@odata.type": "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession",
            "id": format!("session-{}", self.created),
            "status": "active",
            "isUploadDone": false,
            "createdDateTime": format!("2026-11-24T10:{:02}:00Z", self.created),
            "stats": {"filesUploaded": 0, "totalBytesUploaded": 0},
            "data": request["data"],
            "files": []
        });
        self.sessions.push((owner, session.clone()));
        without_files(session, 201)
    }

    fn list(&self, owner: &(String, String), query: &str) -> Response<Vec<u8>> {
        let items: Vec<Value> = self
            .sessions
            .iter()
            .filter(|(o, _)| o == owner)
            .map(|(_, s)| s.clone())
            .collect();
        answer(&json!({"value": items}), query, true)
    }

    fn upload(
        &mut self,
        owner: &(String, String),
        id: &str,
        req: &Request<Vec<u8>>,
    ) -> Response<Vec<u8>> {
        let Some(ct) = req
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
        else {
            return error(415, "UnsupportedMediaType", "multipart/form-data expected");
        };
        let files = match read_multipart(ct, req.body().clone()) {
            Ok(f) => f,
            Err(e) => return error(400, "BadRequest", &e),
        };
        self.uploaded += 1;
        let n = self.uploaded;
        let Some(session) = self.find_mut(owner, id) else {
            return not_found(id);
        };
        for part in files {
            let name = part.file_name.unwrap_or_else(|| "unnamed".to_string());
            let size = part.content.len() as u64;
            session["files"]
                .as_array_mut()
                .expect("files is a list")
                .push(json!({
                    "id": format!("file-{n}"),
                    "name": name,
                    "size": size,
                    "uploadedDateTime": format!("2026-11-24T11:{n:02}:00Z"),
                }));
            let stats = &mut session["stats"];
            stats["filesUploaded"] = (stats["filesUploaded"].as_u64().unwrap_or(0) + 1).into();
            stats["totalBytesUploaded"] =
                (stats["totalBytesUploaded"].as_u64().unwrap_or(0) + size).into();
        }
        without_files(session.clone(), 200)
    }
}

/// `(catalog, resource)` and what follows `uploadSessions`.
fn route(path: &str) -> Option<((String, String), Route)> {
    let segs: Vec<String> = path.split('/').map(percent_decode).collect();
    let after = |name: &str| {
        segs.iter()
            .position(|s| s == name)
            .and_then(|i| segs.get(i + 1))
            .cloned()
    };
    let catalog = after("accessPackageCatalogs").or_else(|| after("catalogs"))?;
    let resource = after("accessPackageResources")?;
    let at = segs.iter().position(|s| s == "uploadSessions")?;
    let route = match &segs[at + 1..] {
        [] => Route::Collection,
        [id] => Route::Session(id.clone()),
        [id, action] if action == "uploadFile" => Route::UploadFile(id.clone()),
        _ => return None,
    };
    Some(((catalog, resource), route))
}

/// A session or a page, shaped by the query (files only when expanded).
fn answer(value: &Value, query_text: &str, collection: bool) -> Response<Vec<u8>> {
    let model = bundled_model();
    let ty = model
        .lookup(SESSION)
        .expect("the bundled model has sessions");
    let parsed = match query::parse(query_text, Dialect::graph()) {
        Ok(q) => q,
        Err(e) => return error(400, "BadRequest", &format!("query {e}")),
    };
    let expands_files = parsed
        .expand
        .iter()
        .any(|e| e.path.iter().any(|s| s.name == "files"));
    let bound = match bind(
        model,
        ty,
        collection,
        parsed,
        &Restrictions::upload_session_files(),
    ) {
        Ok(b) => b,
        Err(es) => return error(400, "BadRequest", &format!("query {}", es[0])),
    };
    let mut value = value.clone();
    if !expands_files {
        strip_files(&mut value);
    }
    match eval(&bound, &value) {
        Ok(v) => json_response(200, &v),
        Err(e) => error(400, "BadRequest", &e.to_string()),
    }
}

fn strip_files(v: &mut Value) {
    match v {
        Value::Object(o) if o.contains_key("value") => {
            for item in o["value"].as_array_mut().into_iter().flatten() {
                strip_files(item);
            }
        }
        Value::Object(o) => {
            o.remove("files");
        }
        _ => {}
    }
}

fn without_files(mut session: Value, status: u16) -> Response<Vec<u8>> {
    strip_files(&mut session);
    json_response(status, &session)
}

/// One part of a `multipart/form-data` body, as a server reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadPart {
    /// The form field name.
    pub name: Option<String>,
    /// The file name.
    pub file_name: Option<String>,
    /// The part's media type.
    pub content_type: Option<String>,
    /// The bytes.
    pub content: Vec<u8>,
}

/// Every part of a `multipart/form-data` body, read with `multer` (what
/// the fake server does with an upload; the fuzz property reads the
/// builder's bodies back with it).
pub fn read_multipart(content_type: &str, body: Vec<u8>) -> Result<Vec<ReadPart>, String> {
    let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
    let stream =
        futures::stream::once(
            async move { Ok::<Bytes, std::convert::Infallible>(Bytes::from(body)) },
        );
    let mut mp = multer::Multipart::new(stream, boundary);
    futures::executor::block_on(async move {
        let mut out = Vec::new();
        while let Some(field) = mp.next_field().await.map_err(|e| e.to_string())? {
            let name = field.name().map(str::to_string);
            let file_name = field.file_name().map(str::to_string);
            let content_type = field.content_type().map(ToString::to_string);
            let content = field.bytes().await.map_err(|e| e.to_string())?.to_vec();
            out.push(ReadPart {
                name,
                file_name,
                content_type,
                content,
            });
        }
        Ok(out)
    })
}

fn json_response(status: u16, v: &Value) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(http::header::CONTENT_TYPE, "application/json")
        .body(serde_json::to_vec(v).expect("JSON values serialise"))
        .expect("a valid status")
}

fn empty(status: u16) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .body(Vec::new())
        .expect("a valid status")
}

fn error(status: u16, code: &str, message: &str) -> Response<Vec<u8>> {
    json_response(
        status,
        &json!({"error": {"code": code, "message": message, "innerError": {"request-id": "fake-0001"}}}),
    )
}

fn not_found(id: &str) -> Response<Vec<u8>> {
    error(
        404,
        "ResourceNotFound",
        &format!("no upload session `{id}`"),
    )
}
