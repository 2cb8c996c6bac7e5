//! Decoding and re-encoding a large list response (10,000 upload sessions
//! with two files each) with the generated types, against
//! `serde_json::Value`, `serde::de::IgnoredAny` (parse only), and plain
//! `#[derive(Serialize, Deserialize)]` structs of the same shape (what a
//! user would write by hand: unknown members dropped, enums as strings,
//! numbers through `i64`) on the same bytes.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use graph_model::graph::CustomDataProvidedResourceUploadSessionAny as SessionAny;
use graph_model::Collection;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Serialize, Deserialize)]
struct PlainList {
    #[serde(rename = "@odata.context", skip_serializing_if = "Option::is_none")]
    context: Option<String>,
    value: Vec<PlainSession>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainSession {
    id: Option<String>,
    reference_id: Option<String>,
    status: Option<String>,
    is_upload_done: Option<bool>,
    created_date_time: Option<String>,
    stats: Option<PlainStats>,
    data: Option<PlainData>,
    files: Option<Vec<PlainFile>>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainStats {
    files_uploaded: Option<i32>,
    total_bytes_uploaded: Option<i64>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainData {
    #[serde(rename = "@odata.type")]
    odata_type: Option<String>,
    review_definition_id: Option<String>,
    review_instance_id: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainFile {
    id: Option<String>,
    name: Option<String>,
    size: Option<i64>,
    uploaded_date_time: Option<String>,
}

fn payload(n: usize) -> String {
    let sessions: Vec<Value> = (0..n)
        .map(|i| {
            let status = ["active", "complete", "expired", "Active"][i % 4];
            json!({
                "id": format!("2fa3bc17-de50-4f48-91f0-{i:012}"),
                "referenceId": format!("6ddffb12-922b-4825-93c3-{i:012}"),
                "status": status,
                "isUploadDone": i % 2 == 0,
                "createdDateTime": "2026-03-24T21:34:56.220345Z",
                "source": "BuildingAccessData",
                "type": "#microsoft.graph.accessReviewDataUploadTriggerCallbackData",
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
        })
        .collect();
    serde_json::to_string(&json!({"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "value": sessions})).unwrap()
}

fn bench(c: &mut Criterion) {
    let text = payload(10_000);
    let mut g = c.benchmark_group("list of 10,000 upload sessions");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("IgnoredAny (parse only, baseline)", |b| {
        b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(&text)).unwrap())
    });
    g.bench_function("serde_json::Value de+ser", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(&text)).unwrap();
            serde_json::to_string(&v).unwrap()
        })
    });
    g.bench_function("plain derive structs de+ser (baseline)", |b| {
        b.iter(|| {
            let v: PlainList = serde_json::from_str(black_box(&text)).unwrap();
            serde_json::to_string(&v).unwrap()
        })
    });
    g.bench_function("typed Collection<SessionAny> de+ser", |b| {
        b.iter(|| {
            let v: Collection<SessionAny> = serde_json::from_str(black_box(&text)).unwrap();
            serde_json::to_string(&v).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
