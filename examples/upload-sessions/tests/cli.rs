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

fn seed_list() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds/002_bf11bd85dbb2cd1a.txt");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is not present", p.display());
        None
    }
}

#[test]
fn summary_of_the_seed_list_page() {
    let Some(page) = seed_list() else { return };
    let (code, out) = run(&["summary", page.to_str().unwrap()]);
    assert_eq!(code, 0);
    let rows: Vec<&str> = out.lines().skip(1).take(2).collect();
    assert!(
        rows[0].starts_with("2fa3bc17-de50-4f48-91f0-dd4aede5c424   complete"),
        "{out}"
    );
    assert!(rows[0].trim_end().ends_with("1        10331"), "{out}");
    assert!(rows[1].trim_end().ends_with("1         2415"), "{out}");
    assert!(out.contains("8 finding(s) (lenient)"), "{out}");
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
