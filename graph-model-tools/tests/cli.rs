//! The `graph-model` command line: validate and conformance.

use std::process::Command;

fn graph_model(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_graph-model"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("graph-model-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn validate_prints_findings_like_a_compiler_and_sets_the_exit_code() {
    let t = "microsoft.graph.customDataProvidedResourceFile";
    let ok = temp(
        "ok.json",
        r#"{"id":"1","name":"a.csv","size":"12","uploadedDateTime":"2026-03-24T21:34:57.1713709Z",}"#,
    );
    let (code, out, _) = graph_model(&["validate", "--type", t, &ok]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        format!("{ok}:/: warning[trailing-comma]: trailing comma at line 1 column 87\n")
    );
    let (code, _, _) = graph_model(&["validate", "--type", t, "--strict", &ok]);
    assert_eq!(
        code, 1,
        "strict mode turns the trailing comma into an error"
    );
    let bad = temp(
        "bad.json",
        r#"{"size":12.5,"uploadedDateTime":"yesterday","name":null}"#,
    );
    let (code, out, _) = graph_model(&["validate", "--type", t, &bad]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out
        .lines()
        .map(|l| l.strip_prefix(&format!("{bad}:")).unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "/size: error[malformed-primitive]: `size`: `12.5` is not a valid Edm.Int64: not a 64-bit integer",
            "/uploadedDateTime: error[malformed-primitive]: `uploadedDateTime`: `yesterday` is not a valid Edm.DateTimeOffset: a year needs four digits",
            "/name: error[nullability]: `name` is not nullable but is `null`",
        ]
    );
    let (code, _, err) = graph_model(&["validate", "--type", "microsoft.graph.nope", &ok]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no type `microsoft.graph.nope` in the model"),
        "{err}"
    );
}

#[test]
fn conformance_writes_markdown_and_json() {
    let page = temp(
        "page.md",
        "<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.customDataProvidedResourceUploadStats\"} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"filesUploaded\": 1, \"totalBytesUploaded\": 5}\n```\n",
    );
    let out_dir = std::env::temp_dir().join(format!("graph-model-conf-{}", std::process::id()));
    let (code, out, err) = graph_model(&[
        "conformance",
        "--samples",
        &page,
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("| page.md | 1 | 1 | 1 | – | – |"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("report.json")).unwrap())
            .unwrap();
    assert_eq!(json["sets"][0]["blocks"][0]["outcome"], "exact");
    assert!(std::fs::read_to_string(out_dir.join("report.md"))
        .unwrap()
        .contains("as `microsoft.graph.customDataProvidedResourceUploadStats`: exact"));
}

#[test]
fn validate_takes_the_type_from_the_url_or_the_context() {
    let list = temp(
        "list.json",
        r#"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#identityGovernance/catalogs('c')/accessPackageResources('r')/uploadSessions","value":[{"status":"paused"}]}"#,
    );
    let (code, out, err) = graph_model(&["validate", &list]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(":/value/0/status: warning[unknown-enum-value]: `paused` is not a member of `microsoft.graph.customDataProvidedResourceUploadStatus`; kept as written"), "{out}");
    let url = "https://graph.microsoft.com/beta/identityGovernance/entitlementManagement/accessPackageCatalogs/c/accessPackageResources/r/uploadSessions";
    let (code, out2, _) = graph_model(&["validate", "--url", url, &list]);
    assert_eq!((code, &out2), (0, &out));
    let (code, _, err) = graph_model(&[
        "validate",
        "--url",
        "https://graph.microsoft.com/beta/nope",
        &list,
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "--url: `nope` is not an entity set, singleton or operation import of the model"
        ),
        "{err}"
    );
    let bare = temp("bare.json", r#"{"id":"1"}"#);
    let (code, _, err) = graph_model(&["validate", &bare]);
    assert_eq!(code, 2);
    assert!(err.contains("give --type or --url"), "{err}");
}

#[test]
fn conformance_against_several_models_in_one_report() {
    let page = temp(
        "two.md",
        "<!-- {\"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.customDataProvidedResourceFile\"} -->\n```http\nHTTP/1.1 200 OK\n\n{\"name\": \"a.csv\", \"size\": 1, \"color\": \"red\"}\n```\n",
    );
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../graph-model/metadata/graph-seed.xml"
    );
    let out_dir = std::env::temp_dir().join(format!("graph-model-conf2-{}", std::process::id()));
    let (code, out, err) = graph_model(&[
        "conformance",
        "--metadata",
        "bundled",
        "--metadata",
        seed,
        "--samples",
        &page,
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("| two.md vs bundled | 1 | 1 | 0 | not-in-model 1 | – |"),
        "{out}"
    );
    assert!(
        out.contains("| two.md vs graph-seed.xml | 1 | 1 | 0 | not-in-model 1 | – |"),
        "{out}"
    );
}

#[test]
fn schema_prints_a_draft_2020_12_schema_for_a_type_or_the_bundle() {
    let session = "microsoft.graph.customDataProvidedResourceUploadSession";
    let (code, out, err) = graph_model(&["schema", "--type", session, "--strict"]);
    assert_eq!(code, 0, "{err}");
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["$id"], format!("urn:graph-model:strict:{session}"));
    assert_eq!(s["$ref"], format!("#/$defs/{session}"));
    assert!(jsonschema::meta::is_valid(&s));
    let (code, out, _) = graph_model(&["schema", "--openapi"]);
    assert_eq!(code, 0);
    let o: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(o["openapi"], "3.1.0");
    assert!(o["components"]["schemas"][session].is_object());
    let (code, _, err) = graph_model(&[
        "schema",
        "--type",
        "microsoft.graph.customDataProvidedResourceUploadStatus",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is an enum type, not an entity or complex type"),
        "{err}"
    );
}

#[test]
fn control_information_of_the_wrong_type_is_reported_at_its_member() {
    let t = "microsoft.graph.customDataProvidedResourceUploadSession";
    let p = temp("context.json", r#"{"@odata.context": 3, "value": []}"#);
    for strict in [false, true] {
        let mut args = vec!["validate", "--type", t, "--collection", p.as_str()];
        if strict {
            args.push("--strict");
        }
        let (code, out, _) = graph_model(&args);
        assert_eq!(code, 1);
        assert_eq!(
            out,
            format!("{p}:/@odata.context: error[wrong-json-type]: `@odata.context` is control information and must be a string, found the number 3\n")
        );
    }
}

#[test]
fn validate_takes_collection_types_and_infers_a_list() {
    let list = temp(
        "plain-list.json",
        r#"{"value":[{"name":"a.csv","size":"x"}]}"#,
    );
    let expected = format!("{list}:/value/0/size: error[malformed-primitive]: `size`: `x` is not a valid Edm.Int64: not a 64-bit integer\n");
    for t in [
        "Collection(microsoft.graph.customDataProvidedResourceFile)",
        "microsoft.graph.customDataProvidedResourceFile",
    ] {
        let (code, out, err) = graph_model(&["validate", "--type", t, &list]);
        assert_eq!((code, out.as_str()), (1, expected.as_str()), "{t}: {err}");
    }
    // A primitive response.
    let value = temp("value.json", r#"{"value": [1, "2"]}"#);
    let (code, out, _) = graph_model(&["validate", "--type", "Collection(Edm.Int32)", &value]);
    assert_eq!(code, 1);
    assert!(out.contains(":/value/1: error[wrong-json-type]: `value` is Edm.Int32; expected an integer, found a string"), "{out}");
}

#[test]
fn validate_judges_a_request_body_by_its_method_and_the_preference() {
    // `unknownFutureValue` is the sentinel of the session status enum.
    let t = "microsoft.graph.customDataProvidedResourceUploadSession";
    let body = temp(
        "sentinel.json",
        r##"{"@odata.type":"#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession","status":"unknownFutureValue"}"##,
    );
    // As a response: the sentinel is what Graph sends; nothing to say.
    let (code, out, _) = graph_model(&["validate", "--type", t, &body]);
    assert_eq!((code, out.as_str()), (0, ""));
    // In a POST or PUT body: Graph answers 400.
    for method in ["POST", "put"] {
        let (code, out, _) = graph_model(&["validate", "--type", t, "--request", method, &body]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("/status: error[unknown-future-value-in-request]: `unknownFutureValue` of `microsoft.graph.customDataProvidedResourceUploadStatus` in a"),
            "{out}"
        );
    }
    // In a PATCH body: treated as absent, a warning.
    let (code, out, _) = graph_model(&["validate", "--type", t, "--request", "PATCH", &body]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("/status: warning[unknown-future-value-in-request]")
            && out.contains("treats the property as absent"),
        "{out}"
    );
    // A method that sends no body, and a preference that is not the one.
    let (code, _, err) = graph_model(&["validate", "--type", t, "--request", "GET", &body]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--request: `GET` is not a method that sends a body"),
        "{err}"
    );
    let (code, _, err) =
        graph_model(&["validate", "--type", t, "--prefer", "return=minimal", &body]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn odata_check_resolves_parses_and_binds_a_url_without_a_payload() {
    let base = "https://graph.microsoft.com/beta/identityGovernance/catalogs/c/accessPackageResources/r/uploadSessions";
    let url = format!("{base}?$expand=files($filter=size gt 1000000;$orderby=name asc)&$top=5");
    let (code, out, err) = graph_model(&["odata", "check", &url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "addresses: Collection(microsoft.graph.customDataProvidedResourceUploadSession)\n\
             canonical: {base}?$expand=files($filter=size%20gt%201000000;$orderby=name)&$top=5\n"
        )
    );
    // A misspelt navigation property: its byte range in the URL, and a hint.
    let url = format!("{base}/s?$expand=filez");
    let (code, out, _) = graph_model(&["odata", "check", &url]);
    assert_eq!(code, 1);
    let at = url.find("filez").unwrap();
    assert!(
        out.ends_with(&format!(
            "error at {at}..{}: `filez` is not a navigation property of `microsoft.graph.customDataProvidedResourceUploadSession` (did you mean `files`?)\n",
            at + 5
        )),
        "{out}"
    );
    // A path the model does not have: which segment.
    let (code, _, err) = graph_model(&["odata", "check", "/identityGovernance/nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("`nope` is not a property"), "{err}");
    // A count: what it counts.
    let (code, out, _) = graph_model(&["odata", "check", &format!("{base}/$count")]);
    assert_eq!(code, 0);
    assert!(out.starts_with("addresses: $count of Collection(microsoft.graph.customDataProvidedResourceUploadSession)\n"), "{out}");
}
