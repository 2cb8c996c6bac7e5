//! Generates the model types into `OUT_DIR/graph/` from the bundled
//! `metadata/graph-seed.xml` (inside this package), or from the file named by
//! `GRAPH_MODEL_METADATA`, optionally limited to the closure of the
//! comma-separated `GRAPH_MODEL_ROOTS` (each `TYPE` or `TYPE:N`), with
//! navigation followed as `GRAPH_MODEL_NAVIGATION` says (`none`, the
//! default; `all`; or a depth), along the comma-separated
//! `GRAPH_MODEL_NAVIGATION_PATHS` (`user/manager`), and without the
//! comma-separated `GRAPH_MODEL_EXCLUDE` types. What the closure cut is
//! written to `OUT_DIR/graph/closure.txt`.
//!
//! That takes the `codegen` feature. Without it (the default) the build
//! compiles no generator: the bundled model's types are copied from
//! `generated/`, byte for byte what the generator writes for the bundled
//! metadata (`tests/tests/cases/bundled_generated.rs` checks it).

use std::path::PathBuf;

/// The variables that choose what to generate.
const VARIABLES: [&str; 5] = [
    "GRAPH_MODEL_METADATA",
    "GRAPH_MODEL_ROOTS",
    "GRAPH_MODEL_NAVIGATION",
    "GRAPH_MODEL_NAVIGATION_PATHS",
    "GRAPH_MODEL_EXCLUDE",
];

fn main() {
    for var in VARIABLES {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let seed = manifest.join("metadata").join("graph-seed.xml");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("graph");
    #[cfg(feature = "codegen")]
    generate(seed, out);
    #[cfg(not(feature = "codegen"))]
    copy_bundled(&manifest, &seed, &out);
}

/// The bundled model's committed types into `out`.
#[cfg(not(feature = "codegen"))]
fn copy_bundled(manifest: &std::path::Path, seed: &std::path::Path, out: &std::path::Path) {
    if let Some(var) = VARIABLES
        .iter()
        .find(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
    {
        panic!(
            "graph-model: {var} is set, but generating types needs graph-model's `codegen` \
             feature (add `features = [\"codegen\"]`)"
        );
    }
    let generated = manifest.join("generated");
    println!("cargo:rerun-if-changed={}", generated.display());
    println!("cargo:rerun-if-changed={}", seed.display());
    std::fs::create_dir_all(out).expect("create OUT_DIR/graph");
    for entry in std::fs::read_dir(&generated).expect("read generated/") {
        let path = entry.expect("read generated/").path();
        if path.is_file() {
            let name = path.file_name().expect("a file name");
            std::fs::copy(&path, out.join(name)).expect("copy into OUT_DIR/graph");
        }
    }
    std::fs::copy(seed, out.join("model.xml")).expect("copy the CSDL into OUT_DIR/graph");
}

/// Generates the types into `out` from the bundled metadata or the one the
/// environment names.
#[cfg(feature = "codegen")]
fn generate(seed: PathBuf, out: PathBuf) {
    let input = match std::env::var_os("GRAPH_MODEL_METADATA") {
        Some(p) => PathBuf::from(p),
        None => seed,
    };
    println!("cargo:rerun-if-changed={}", input.display());
    let roots = list("GRAPH_MODEL_ROOTS");
    let mut builder = graph_model_codegen::Builder::new();
    builder = roots.iter().fold(builder, |b, r| b.root(r));
    builder = list("GRAPH_MODEL_NAVIGATION_PATHS")
        .iter()
        .fold(builder, |b, p| b.navigation_path(p));
    builder = list("GRAPH_MODEL_EXCLUDE")
        .iter()
        .fold(builder, |b, t| b.exclude(t));
    let navigation = std::env::var("GRAPH_MODEL_NAVIGATION").unwrap_or_default();
    builder = match graph_model_codegen::closure::Navigation::parse(&navigation) {
        Ok(n) => builder.navigation_mode(n),
        Err(e) => panic!("graph-model: GRAPH_MODEL_NAVIGATION={e}"),
    };
    let builder = builder.input(&input).all(roots.is_empty());
    let result = builder
        .clone()
        .type_visitor(true)
        .schemars(true)
        .out_dir(&out)
        .generate();
    match result {
        Ok((model, _)) => {
            // The same CSDL, for run-time validation against the model the types came from.
            let text = std::fs::read(&input).expect("read the CSDL again");
            graph_model_codegen::write_inside(&out, "model.xml", &text)
                .expect("write the CSDL into OUT_DIR");
            if let Ok((spec, closure)) = builder.closure(&model) {
                graph_model_codegen::write_inside(
                    &out,
                    "closure.txt",
                    closure.report(&model, &spec).as_bytes(),
                )
                .expect("write the closure report into OUT_DIR");
            }
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

/// A comma-separated environment variable, trimmed, without empty items.
#[cfg(feature = "codegen")]
fn list(var: &str) -> Vec<String> {
    std::env::var(var)
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}
