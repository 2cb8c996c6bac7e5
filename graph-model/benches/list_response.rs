//! Decoding and re-encoding a large list response (10,000 upload sessions
//! with two files each) with the generated types, against
//! `serde_json::Value`, `serde::de::IgnoredAny` (parse only), and plain
//! `#[derive(Serialize, Deserialize)]` structs of the same shape (what a
//! user would write by hand: unknown members dropped, enums as strings,
//! numbers through `i64`) on the same bytes.

mod shape;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use graph_model::graph::CustomDataProvidedResourceUploadSessionAny as SessionAny;
use graph_model::Collection;
use serde_json::Value;
use shape::{payload, PlainList};

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
