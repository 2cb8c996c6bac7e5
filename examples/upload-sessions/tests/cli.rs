//! Runs the example program as a user would.

use std::path::PathBuf;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_upload-sessions"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The project's own sample page of the upload-session API.
fn sample_page() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../graph-model-tools/samples/upload-sessions.md")
}

#[test]
fn summary_of_the_sample_list_response() {
    let page = sample_page();
    let (code, out) = run(&["summary", page.to_str().unwrap()]);
    assert_eq!(code, 0);
    let rows: Vec<&str> = out.lines().skip(1).take(1).collect();
    assert!(
        rows[0].starts_with("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d   complete"),
        "{out}"
    );
    assert!(rows[0].trim_end().ends_with("1         4096"), "{out}");
    assert!(out.contains("4 finding(s) (lenient)"), "{out}");
}

#[test]
fn create_body_and_validate() {
    let (code, body) = run(&["create", "BuildingAccessData", "def", "inst"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["data"]["@odata.type"],
        "#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData"
    );
    assert_eq!(v["source"], "BuildingAccessData");
    let dir = std::env::temp_dir().join(format!("upload-sessions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ok = dir.join("ok.json");
    std::fs::write(&ok, r##"{"@odata.type":"#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession","status":"Active"}"##).unwrap();
    let (code, out) = run(&["validate", ok.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (0, "/status: warning[enum-case-mismatch]: `Active` differs from member `active` of `microsoft.graph.customDataProvidedResourceUploadStatus` only in case; kept as written\n"));
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"stats":{"filesUploaded":"one"}}"#).unwrap();
    let (code, out) = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("/stats/filesUploaded: error[wrong-json-type]"),
        "{out}"
    );
}
