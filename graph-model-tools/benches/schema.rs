//! JSON Schema export of the whole v1.0 model, and validation of the
//! documentation corpus through the exported schema (`jsonschema` crate)
//! next to the crate's own validator, on the same documents.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use graph_model_csdl::{load_file, LoadOptions};
use graph_model_tools::conformance::{block_type, Check};
use graph_model_tools::lenient_json::strip_trailing_commas;
use graph_model_tools::samples::read_file;
use graph_model_tools::schema::{self, Mode};
use graph_model_tools::validate::Document;
use graph_model_tools::validate::{self, validate_dynamic};
use serde_json::{json, Value};

fn shared(rel: &str) -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is not present", p.display());
        None
    }
}

fn bench(c: &mut Criterion) {
    let (Some(v1), Some(corpus)) = (
        shared("metadata/v1.0.xml"),
        shared("doc-samples/graph-docs-beta-2021.jsonl"),
    ) else {
        return;
    };
    let model = load_file(&v1, LoadOptions::default()).unwrap();
    let mut g = c.benchmark_group("v1.0.xml schema export");
    g.sample_size(10);
    for mode in [Mode::Lenient, Mode::Strict] {
        let size = serde_json::to_string(&schema::bundle(&model, mode))
            .unwrap()
            .len();
        eprintln!("v1.0.xml {mode:?} bundle: {size} bytes");
        g.bench_function(format!("bundle, {mode:?}"), |b| {
            b.iter(|| serde_json::to_string(&schema::bundle(black_box(&model), mode)).unwrap())
        });
    }
    g.finish();

    // Every block of the corpus that v1.0 types as an entity or complex type.
    let mut docs: Vec<(String, bool, String, Value)> = Vec::new();
    for s in read_file(&corpus).unwrap() {
        let Ok(Check::Payload(Document::Structured { id, collection })) =
            block_type(&model, &s).map(|t| t.check)
        else {
            continue;
        };
        let t = model.get(id).name.to_string();
        let text = strip_trailing_commas(s.body.as_deref().unwrap_or_default()).0;
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        docs.push((t, collection, text.into_owned(), v));
    }
    let mut g = c.benchmark_group(format!("{} corpus documents against v1.0.xml", docs.len()));
    g.sample_size(10);
    g.bench_function("serde_json::Value parse (baseline)", |b| {
        b.iter(|| {
            for (_, _, text, _) in &docs {
                black_box(serde_json::from_str::<Value>(text).unwrap());
            }
        })
    });
    g.bench_function("graph-model validate_dynamic", |b| {
        b.iter(|| {
            for (t, collection, text, _) in &docs {
                black_box(
                    validate_dynamic(&model, t, *collection, text, validate::Mode::Lenient)
                        .unwrap(),
                );
            }
        })
    });
    // One compiled schema for all documents: the bundle under a root that
    // dispatches on the document's type.
    let mut bundle = schema::bundle(&model, Mode::Lenient);
    let mut roots: Vec<(String, bool)> = docs.iter().map(|(t, c, _, _)| (t.clone(), *c)).collect();
    roots.sort();
    roots.dedup();
    let branches: Vec<Value> = roots
        .iter()
        .map(|(t, c)| {
            let mut body = schema::for_type(&model, t, *c, Mode::Lenient).unwrap();
            body.as_object_mut().unwrap().retain(|k, _| !k.starts_with('$') || k == "$ref");
            json!({"if": {"properties": {"t": {"const": format!("{t}{c}")}}}, "then": {"properties": {"v": body}}})
        })
        .collect();
    let root = json!({"allOf": branches, "$defs": bundle["$defs"].take()});
    let validator = jsonschema::draft202012::new(&root).unwrap();
    let wrapped: Vec<Value> = docs
        .iter()
        .map(|(t, c, _, v)| json!({"t": format!("{t}{c}"), "v": v}))
        .collect();
    g.bench_function(
        "jsonschema crate on the exported schema (parsed input)",
        |b| {
            b.iter(|| {
                for w in &wrapped {
                    black_box(validator.is_valid(w));
                }
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
