//! What the list benches share: the payload, and the plain derive structs
//! a user would write by hand for it (unknown members dropped, enums as
//! strings, numbers through `i64`).

// Each bench uses part of this.
#![allow(dead_code)]

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Serialize, Deserialize)]
pub struct PlainList {
    #[serde(rename = "@odata.context", skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    pub value: Vec<PlainSession>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainSession {
    pub id: Option<String>,
    pub reference_id: Option<String>,
    pub status: Option<String>,
    pub is_upload_done: Option<bool>,
    pub created_date_time: Option<String>,
    pub stats: Option<PlainStats>,
    pub data: Option<PlainData>,
    pub files: Option<Vec<PlainFile>>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainStats {
    pub files_uploaded: Option<i32>,
    pub total_bytes_uploaded: Option<i64>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainData {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub review_definition_id: Option<String>,
    pub review_instance_id: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainFile {
    pub id: Option<String>,
    pub name: Option<String>,
    pub size: Option<i64>,
    pub uploaded_date_time: Option<String>,
}

/// A list response of `n` upload sessions with two files each, as the
/// documentation writes them: two members the model does not have
/// (`source`, `type`) and, one in four, a capitalised status.
pub fn payload(n: usize) -> String {
    list(n, |i| {
        let status = ["active", "complete", "expired", "Active"][i % 4];
        let mut s = session(i, status);
        s["source"] = json!("BuildingAccessData");
        s["type"] = json!("#microsoft.graph.accessReviewDataUploadTriggerCallbackData");
        s
    })
}

/// [`payload`] without the two members the model does not have: what the
/// typed path costs when there is nothing to keep beyond the model.
pub fn modelled_payload(n: usize) -> String {
    list(n, |i| {
        session(i, ["active", "complete", "expired", "Active"][i % 4])
    })
}

/// A list response of `n` upload sessions that validates without a
/// finding (each names its concrete type; nothing the model lacks).
pub fn clean_payload(n: usize) -> String {
    list(n, |i| {
        let mut s = session(i, ["active", "complete", "expired"][i % 3]);
        s["@odata.type"] =
            json!("#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession");
        s
    })
}

fn list(n: usize, item: impl Fn(usize) -> Value) -> String {
    let sessions: Vec<Value> = (0..n).map(item).collect();
    serde_json::to_string(&json!({"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "value": sessions})).unwrap()
}

fn session(i: usize, status: &str) -> Value {
    json!({
        "id": format!("2fa3bc17-de50-4f48-91f0-{i:012}"),
        "referenceId": format!("6ddffb12-922b-4825-93c3-{i:012}"),
        "status": status,
        "isUploadDone": i % 2 == 0,
        "createdDateTime": "2026-03-24T21:34:56.220345Z",
        "stats": {"filesUploaded": 2, "totalBytesUploaded": 10331 + i},
        "data": {
            "@odata.type": "#microsoft.graph.customDataProvidedResourcePayloads.accessReviewContextData",
            "reviewDefinitionId": "a89003b1-d457-4b8a-b060-42a3b6ad6c44",
            "reviewInstanceId": "6ddffb12-922b-4825-93c3-9457dc2c1f81"
        },
        "files": [
            {"id": "330667fd-c977-4367-99ea-2eb12c42c573", "name": "test-data.csv", "size": 10331, "uploadedDateTime": "2026-03-24T21:34:57.1713709Z"},
            {"id": "2d66944b-6fa8-4604-a60e-d03ec4962d00", "name": "more.csv", "size": i, "uploadedDateTime": "2026-03-27T21:02:58.9849683Z"}
        ]
    })
}
