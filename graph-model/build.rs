//! Generates the model types into `OUT_DIR/graph/` from the bundled
//! `metadata/graph-seed.xml`, or from the file named by
//! `GRAPH_MODEL_METADATA` (optionally limited to the closure of the
//! comma-separated `GRAPH_MODEL_ROOTS`).

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=GRAPH_MODEL_METADATA");
    println!("cargo:rerun-if-env-changed=GRAPH_MODEL_ROOTS");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let input = match std::env::var_os("GRAPH_MODEL_METADATA") {
        Some(p) => PathBuf::from(p),
        None => manifest.join("..").join("metadata").join("graph-seed.xml"),
    };
    println!("cargo:rerun-if-changed={}", input.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("graph");
    let roots = std::env::var("GRAPH_MODEL_ROOTS").unwrap_or_default();
    let builder = roots
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .fold(graph_model_codegen::Builder::new(), |b, r| b.root(r));
    let all = roots.trim().is_empty();
    let result = builder
        .input(&input)
        .all(all)
        .navigation(true)
        .typed_registry(true)
        .schemars(true)
        .out_dir(&out)
        .generate();
    match result {
        Ok((model, _)) => {
            // The same CSDL, for run-time validation against the model the types came from.
            let text = std::fs::read(&input).expect("read the CSDL again");
            graph_model_codegen::write_inside(&out, "model.xml", &text)
                .expect("write the CSDL into OUT_DIR");
            for d in model.diagnostics.iter() {
                println!("cargo:warning={d}");
            }
        }
        Err(e) => {
            for line in e.to_string().lines() {
                println!("cargo:warning={line}");
            }
            panic!(
                "graph-model: cannot generate types from {}",
                input.display()
            );
        }
    }
}
