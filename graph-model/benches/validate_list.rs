//! Validating a large list response (30,000 upload sessions, ~31 MB)
//! against the bundled model, next to parsing the same bytes into
//! `serde_json::Value` and into `IgnoredAny`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use graph_model::validate::{bundled_model, validate_document, Document, Mode};
use serde_json::{json, Value};

fn payload(n: usize) -> String {
    let sessions: Vec<Value> = (0..n)
        .map(|i| {
            let status = ["active", "complete", "expired"][i % 3];
            json!({
                "@odata.type": "#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession",
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
        })
        .collect();
    serde_json::to_string(&json!({"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "value": sessions})).unwrap()
}

fn bench(c: &mut Criterion) {
    let text = payload(30_000);
    let model = bundled_model();
    let id = model
        .lookup("microsoft.graph.customDataProvidedResourceUploadSession")
        .expect("the bundled model has sessions");
    let doc = Document::Structured {
        id,
        collection: true,
    };
    assert!(!validate_document(model, &doc, &text, Mode::Strict).has_errors());
    let mut g = c.benchmark_group(format!(
        "validate a list of 30,000 sessions ({} bytes)",
        text.len()
    ));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("IgnoredAny (parse only)", |b| {
        b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(&text)).unwrap())
    });
    g.bench_function("serde_json::Value parse (baseline)", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&text)).unwrap())
    });
    g.bench_function("validate_document (strict)", |b| {
        b.iter(|| validate_document(model, &doc, black_box(&text), Mode::Strict))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
