//! Compile tests: the generated types are usable as intended, and misuse
//! (null for a non-nullable property, ignoring unknown enum values or
//! subtypes) does not compile. The code generated from every hostile
//! fixture (non-identifier names, confusables, device names...) compiles
//! without warnings.

use std::path::{Path, PathBuf};

use graph_model_codegen::Builder;
use graph_model_tests::fixture;

/// Generates each hostile fixture that loads, and writes a program that
/// includes the result.
fn hostile_programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-compile");
    let mut programs = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(fixture("hostile"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    names.sort();
    for input in names {
        let stem = input
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace('-', "_");
        let out = root.join(&stem);
        let _ = std::fs::remove_dir_all(&out);
        let generated = Builder::new()
            .input(&input)
            .all(true)
            .navigation(true)
            .out_dir(&out)
            .generate();
        if generated.is_err() {
            continue; // refused documents generate nothing (see hostile_metadata.rs)
        }
        let program = root.join(format!("{stem}.rs"));
        let text = format!(
            "#![deny(warnings)]\n#![allow(dead_code)]\nmod generated {{\n    include!({:?});\n}}\nfn main() {{}}\n",
            out.join("mod.rs").display().to_string()
        );
        std::fs::write(&program, text).unwrap();
        programs.push(program);
    }
    assert!(programs.len() >= 9, "{programs:?}");
    programs
}

/// The bundled model's `customDataProvidedResource` generated without
/// navigation: its `uploadSessions` is an untyped field, and a program reads
/// an expanded payload into it and writes it back byte for byte.
fn closure_program() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("closure-compile");
    let out = root.join("generated");
    let _ = std::fs::remove_dir_all(&root);
    Builder::new()
        .input(graph_model_tests::workspace_root().join("graph-model/metadata/graph-seed.xml"))
        .root("microsoft.graph.customDataProvidedResource")
        .out_dir(&out)
        .generate()
        .unwrap();
    let program = root.join("closure_untyped_navigation.rs");
    let text = format!(
        r####"#![deny(warnings)]
#![allow(dead_code)]
mod generated {{
    include!({:?});
}}
use generated::microsoft::graph::CustomDataProvidedResource;

fn main() {{
    // Graph's order: control information, then properties; the expanded
    // navigation property holds a session type the closure left out.
    let text = r##"{{"@odata.type":"#microsoft.graph.customDataProvidedResource","id":"r1","uploadSessions":[{{"@odata.type":"#microsoft.graph.customDataProvidedResourceAccessReviewUploadSession","id":"s1","status":"Complete","stats":{{"rowsCount":12,"total":1.50e3}},"data":{{"z":1,"a":2}}}}]}}"##;
    let r: CustomDataProvidedResource = serde_json::from_str(text).unwrap();
    let sessions: &Vec<graph_model::Untyped> = r.upload_sessions.value().unwrap();
    assert!(sessions[0].get().starts_with("{{\"@odata.type\""));
    assert!(r.extra.get("uploadSessions").is_none(), "a field, not an extra property");
    assert_eq!(serde_json::to_string(&r).unwrap(), text);
    // Untyped all the same, and readable on request.
    let v: serde_json::Value = sessions[0].parse().unwrap();
    assert_eq!(v["status"], "Complete");
}}
"####,
        out.join("mod.rs").display().to_string()
    );
    std::fs::write(&program, text).unwrap();
    program
}

#[test]
fn ui() {
    let programs = hostile_programs();
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    for p in &programs {
        t.pass(p);
    }
    t.pass(closure_program());
    t.compile_fail("ui/fail/*.rs");
}
