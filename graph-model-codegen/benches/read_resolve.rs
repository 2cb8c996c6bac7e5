//! Reading + resolving the full v1.0 `$metadata`, against a baseline that
//! only scans the same bytes with quick-xml (no tree, no model).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use graph_model_codegen::{load_str, LoadOptions};
use quick_xml::events::Event;
use quick_xml::Reader;

fn metadata() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/metadata/v1.0.xml"
    );
    match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipping: {path} is not present");
            None
        }
    }
}

fn scan(text: &str) -> usize {
    let mut reader = Reader::from_str(text);
    let mut n = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return n,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => n += e.attributes().count(),
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    }
}

fn bench(c: &mut Criterion) {
    let Some(text) = metadata() else { return };
    let mut g = c.benchmark_group("v1.0.xml");
    g.sample_size(20);
    g.bench_function("quick-xml event scan (baseline)", |b| {
        b.iter(|| scan(black_box(&text)))
    });
    g.bench_function("read + resolve", |b| {
        b.iter(|| load_str("v1.0.xml", black_box(&text), LoadOptions::default()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
