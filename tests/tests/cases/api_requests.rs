//! The sans-IO upload-session API: every request has the method, URL
//! (resolved against the bundled model), headers and body the pages
//! describe; the uploadFile body parses back with `multer`; responses decode
//! into the generated types, pages hand over their next request, and Graph
//! error bodies become typed errors.

use graph_model::graph::custom_data_provided_resource_payloads::{
    AccessReviewContextData, DataAny,
};
use graph_model::graph::{
    CustomDataProvidedResourceUploadSessionAny as SessionAny,
    CustomDataProvidedResourceUploadSessionRequest as CreateBody,
};
use graph_model_csdl::model::path;
use graph_model_odata::query::{self, Dialect};
use graph_model_tools::validate::{bundled_model, validate_typed, Mode};
use http::{Method, Response, StatusCode};
use serde_json::json;
use upload_sessions::api::{
    decode, decode_empty, decode_page, ApiError, FilePart, Multipart, Shape, UploadSessions,
};

const ROOT: &str = "https://graph.microsoft.com/beta";
const SHAPES: [Shape; 3] = [
    Shape::AccessPackageCatalogs,
    Shape::EntitlementManagementCatalogs,
    Shape::Catalogs,
];

fn api(shape: Shape) -> UploadSessions {
    UploadSessions::new(
        ROOT,
        shape,
        "6f4b1c6f-2a3d-4f8e-9b7a-5c1e2d3f4a6b",
        "7b8a1c6f-2a3d-4f8e-9b7a-5c1e2d3f4a6b",
    )
}

fn target(url: &str) -> (String, bool, Option<String>) {
    let model = bundled_model();
    let r = path::resolve(model, url).unwrap_or_else(|e| panic!("{url}: {e}"));
    let name = r
        .structured(model)
        .map(|t| model.get(t).name.to_string())
        .unwrap_or_default();
    let op = r.operation_in(model).map(|o| o.name.to_string());
    (name, r.collection, op)
}

fn create_body() -> CreateBody {
    let mut data = AccessReviewContextData::default();
    data.review_definition_id = Some("f5744a40-bca0-4506-a286-a8afac513d1c".into());
    data.review_instance_id = Some("dd1a7e3b-0d7f-4a6c-8f0b-5b3a1e2c9d4f".into());
    let mut body = CreateBody::default();
    body.data = Some(DataAny::AccessReviewContextData(data));
    body
}

#[test]
fn every_request_addresses_what_the_model_says() {
    let session = "microsoft.graph.customDataProvidedResourceUploadSession";
    for shape in SHAPES {
        let a = api(shape);
        let create = a.create(&create_body());
        assert_eq!(create.method(), Method::POST);
        assert_eq!(
            target(&create.uri().to_string()),
            (session.into(), true, None)
        );
        assert_eq!(create.headers()["content-type"], "application/json");
        let body = std::str::from_utf8(create.body()).unwrap();
        let report = validate_typed::<CreateBody>(body, Mode::Strict);
        assert!(report.is_clean(), "{report:?}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(body).unwrap()["data"]["@odata.type"],
            "#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData"
        );

        let get = a.get("23f27c15-72f9-45fe-9e9c-e3d8f75bdc44", None);
        assert_eq!((get.method(), get.body().len()), (&Method::GET, 0));
        assert_eq!(get.headers()["accept"], "application/json");
        assert_eq!(
            target(&get.uri().to_string()),
            (session.into(), false, None)
        );

        let list = a.list(None);
        assert_eq!(
            target(&list.uri().to_string()),
            (session.into(), true, None)
        );

        let update = a.update("s1", &json!({"isUploadDone": true}));
        assert_eq!(update.method(), Method::PATCH);
        assert_eq!(update.body(), br#"{"isUploadDone":true}"#);
        assert_eq!(
            target(&update.uri().to_string()),
            (session.into(), false, None)
        );

        let upload = a.upload_file("s1", "building-access-data.csv", b"principalId\n");
        assert_eq!(upload.method(), Method::POST);
        let (_, _, op) = target(&upload.uri().to_string());
        assert_eq!(op.as_deref(), Some("microsoft.graph.uploadFile"));

        let delete = a.delete("s1");
        assert_eq!((delete.method(), delete.body().len()), (&Method::DELETE, 0));
        assert_eq!(
            target(&delete.uri().to_string()),
            (session.into(), false, None)
        );
    }
    // The create page's own URL.
    assert_eq!(
        api(Shape::AccessPackageCatalogs).create(&create_body()).uri().to_string(),
        "https://graph.microsoft.com/beta/identityGovernance/entitlementManagement/accessPackageCatalogs/6f4b1c6f-2a3d-4f8e-9b7a-5c1e2d3f4a6b/accessPackageResources/7b8a1c6f-2a3d-4f8e-9b7a-5c1e2d3f4a6b/uploadSessions"
    );
}

#[test]
fn keys_are_encoded_and_queries_round_trip_through_the_url_crate() {
    let a = UploadSessions::new(ROOT, Shape::Catalogs, "a/b c", "r?#%");
    let q = query::parse(
        "$expand=files($filter=name eq 'a&b.csv';$orderby=uploadedDateTime desc)",
        Dialect::STANDARD,
    )
    .unwrap();
    let r = a.get("s 1", Some(&q));
    let uri = r.uri().to_string();
    assert!(
        uri.contains("/catalogs/a%2Fb%20c/accessPackageResources/r%3F%23%25/uploadSessions/s%201?"),
        "{uri}"
    );
    let url = url::Url::parse(&uri).unwrap();
    let segments: Vec<_> = url.path_segments().unwrap().collect();
    assert_eq!(segments[3], "a%2Fb%20c", "one segment, as written");
    assert_eq!(url.query(), Some(q.to_canonical().as_str()));
    let (query_text, _) = query::query_of(&uri).unwrap();
    let again = query::parse(query_text, Dialect::STANDARD).unwrap();
    assert_eq!(again.options(), q.options());
    assert_eq!(again.to_canonical(), q.to_canonical());
}

/// Reads a multipart body back with `multer` (the fake server's reader):
/// (field, file name, type, bytes).
fn parse_multipart(content_type: &str, body: Vec<u8>) -> Vec<(String, String, String, Vec<u8>)> {
    upload_sessions::fake::read_multipart(content_type, body)
        .expect("a well-formed body")
        .into_iter()
        .map(|p| {
            let text = |s: Option<String>| s.unwrap_or_default();
            (
                text(p.name),
                text(p.file_name),
                text(p.content_type),
                p.content,
            )
        })
        .collect()
}

#[test]
fn the_upload_body_parses_back_with_multer() {
    let csv = "principalId,principalType,permissionId\r\n550e8400-e29b-41d4-a716-446655440000,user,6ba7b810\r\n";
    let r = api(Shape::Catalogs).upload_file("s1", "building-access-data.csv", csv.as_bytes());
    let ct = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let parts = parse_multipart(&ct, r.body().clone());
    assert_eq!(
        parts,
        [(
            "file".into(),
            "building-access-data.csv".into(),
            "text/csv".into(),
            csv.as_bytes().to_vec()
        )]
    );
    // Content that holds the boundary the first choice would take, binary
    // bytes, and a file name with a quote all survive.
    let first = Multipart::new(&[FilePart {
        field: "file",
        file_name: "x",
        content_type: "text/csv",
        content: b"a",
    }]);
    let taken = first
        .content_type
        .split("boundary=")
        .nth(1)
        .unwrap()
        .to_string();
    let tricky: Vec<u8> = [
        b"a".as_slice(),
        b"\r\n--",
        taken.as_bytes(),
        b"\r\n\x00\xff",
    ]
    .concat();
    let m = Multipart::new(&[FilePart {
        field: "file",
        file_name: "q\"uote.csv",
        content_type: "text/csv",
        content: &tricky,
    }]);
    assert!(!m.content_type.ends_with(&taken));
    let parts = parse_multipart(&m.content_type, m.body);
    assert_eq!(parts[0].3, tricky);
    assert_eq!(parts[0].1, "q%22uote.csv");
}

fn response(status: u16, body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn responses_decode_into_types_pages_and_errors() {
    let created = response(
        201,
        r##"{"@odata.type": "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession", "id": "0b64", "status": "active", "isUploadDone": false}"##,
    );
    let s: SessionAny = decode(&created).unwrap();
    assert!(
        matches!(s, SessionAny::CustomDataProvidedResourceAccessReviewUploadSession(ref x) if x.id.as_deref() == Some("0b64"))
    );

    let page = response(
        200,
        r#"{"value": [{"id": "a"}, {"id": "b"}], "@odata.count": 5, "@odata.nextLink": "https://graph.microsoft.com/beta/identityGovernance/catalogs/c/accessPackageResources/r/uploadSessions?$skiptoken=X1"}"#,
    );
    let (p, next) = decode_page::<SessionAny>(&page).unwrap();
    assert_eq!(p.items().len(), 2);
    assert_eq!(p.count.as_ref().map(|c| c.get()), Some(5));
    let next = next.expect("a next page");
    assert_eq!(
        (next.method(), next.uri().query()),
        (&Method::GET, Some("$skiptoken=X1"))
    );
    let last = response(200, r#"{"value": []}"#);
    assert!(decode_page::<SessionAny>(&last).unwrap().1.is_none());

    let no_content = response(204, "");
    decode_empty(&no_content).unwrap();
    assert!(
        matches!(decode::<SessionAny>(&no_content), Err(ApiError::NoBody { status }) if status == StatusCode::NO_CONTENT)
    );

    let not_found = response(
        404,
        r#"{"error": {"code": "ResourceNotFound", "message": "No upload session 'x'.", "details": [{"code": "NotFound", "message": "x", "target": "id"}], "innerError": {"date": "2026-01-01T00:00:00", "request-id": "9f1d", "client-request-id": "9f1d"}}}"#,
    );
    match decode::<SessionAny>(&not_found) {
        Err(ApiError::Graph(e)) => {
            assert_eq!(
                (e.status, e.code.as_str(), e.message.as_str()),
                (404, "ResourceNotFound", "No upload session 'x'.")
            );
            assert_eq!(e.request_id(), Some("9f1d"));
            assert_eq!(e.details[0].target.as_deref(), Some("id"));
            assert_eq!(
                e.to_string(),
                "404 ResourceNotFound: No upload session 'x'."
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        decode::<SessionAny>(&response(502, "<html>bad gateway</html>")),
        Err(ApiError::Status { .. })
    ));
    assert!(matches!(
        decode::<SessionAny>(&response(200, "{\"id\": 5}")),
        Err(ApiError::Json { .. })
    ));
}

/// With the preference on, every request asks for evolvable enum members;
/// a response says whether Graph applied it, and is judged accordingly.
#[test]
fn the_evolvable_enum_preference_is_sent_and_its_answer_read() {
    let plain = api(Shape::Catalogs);
    let preferring = api(Shape::Catalogs).include_unknown_enum_members(true);
    let body: CreateBody = serde_json::from_value(json!({"data": {}})).unwrap();
    let requests = |a: &UploadSessions| {
        vec![
            a.create(&body),
            a.get("s", None),
            a.list(None),
            a.update("s", &json!({"isUploadDone": true})),
            a.upload_file("s", "a.csv", b"x"),
            a.delete("s"),
        ]
    };
    for r in requests(&preferring) {
        let prefer: Vec<_> = r.headers().get_all("prefer").iter().collect();
        assert_eq!(
            prefer,
            ["include-unknown-enum-members"],
            "{} {}",
            r.method(),
            r.uri()
        );
    }
    for r in requests(&plain) {
        assert!(
            r.headers().get("prefer").is_none(),
            "{} {}",
            r.method(),
            r.uri()
        );
    }
    let answer = |applied: Option<&str>| {
        let mut b = Response::builder().status(200);
        if let Some(a) = applied {
            b = b.header("Preference-Applied", a);
        }
        b.body(br#"{"id":"s","status":"unknownFutureValue"}"#.to_vec())
            .unwrap()
    };
    use upload_sessions::api::{decode_judged, preference_applied};
    assert!(!preference_applied(&answer(None)));
    assert!(!preference_applied(&answer(Some("return=minimal"))));
    assert!(preference_applied(&answer(Some(
        "return=minimal, Include-Unknown-Enum-Members"
    ))));
    // The sentinel is what Graph sends without the preference: a clean read
    // either way (the bundled model has no evolvable members to flag).
    for applied in [None, Some("include-unknown-enum-members")] {
        let (session, report): (SessionAny, _) =
            decode_judged(&answer(applied), Mode::Strict).unwrap();
        let SessionAny::Base(s) = session else {
            panic!()
        };
        assert!(graph_model::WireEnum::is_sentinel(
            s.status.as_ref().unwrap()
        ));
        assert_eq!(
            report.kinds(),
            [graph_model_tools::validate::Kind::AbstractWithoutOdataType]
        );
    }
}
