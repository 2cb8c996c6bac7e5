//! Reading, resolving, and planning + emitting the full v1.0 and beta-USNat
//! `$metadata`, each in the group of its file beside a baseline that only
//! scans the same bytes with quick-xml (no tree, no model).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use graph_model_codegen::{load_str, Builder, LoadOptions};
use graph_model_csdl::csdl;
use quick_xml::events::Event;
use quick_xml::Reader;

fn metadata(file: &str) -> Option<String> {
    let path = format!(
        "{}/../../shared/metadata/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    match std::fs::read_to_string(&path) {
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
    for file in ["v1.0.xml", "beta-USNat.xml"] {
        let Some(text) = metadata(file) else { continue };
        let mut g = c.benchmark_group(file);
        g.sample_size(20);
        g.bench_function("quick-xml event scan (baseline)", |b| {
            b.iter(|| scan(black_box(&text)))
        });
        g.bench_function("read (XML to the raw CSDL tree)", |b| {
            b.iter(|| csdl::read(file, black_box(&text)).unwrap())
        });
        g.bench_function("read + resolve", |b| {
            b.iter(|| load_str(file, black_box(&text), LoadOptions::default()).unwrap())
        });
        let model = load_str(file, &text, LoadOptions::default()).unwrap();
        let builder = Builder::new().all(true).navigation(true);
        g.sample_size(10);
        g.bench_function("plan + emit (every type, navigation followed)", |b| {
            b.iter(|| builder.render_model(black_box(&model), file).unwrap())
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
