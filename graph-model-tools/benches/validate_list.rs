//! Validating a large list response (30,000 upload sessions, ~31 MB)
//! against the bundled model, next to parsing the same bytes into
//! `serde_json::Value` and into `IgnoredAny`.

#[path = "../../graph-model/benches/shape/mod.rs"]
mod shape;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use graph_model_tools::validate::{bundled_model, validate_document, Document, Mode};
use serde_json::Value;

fn bench(c: &mut Criterion) {
    let text = shape::clean_payload(30_000);
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
