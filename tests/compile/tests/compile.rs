//! Compile tests: the generated types are usable as intended, and misuse
//! (null for a non-nullable property, ignoring unknown enum values or
//! subtypes) does not compile. The code generated from every hostile
//! fixture (non-identifier names, confusables, device names...) compiles
//! without warnings.

use std::path::{Path, PathBuf};

use graph_model_codegen::Builder;

/// The workspace root (this crate is `tests/compile`).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `tests/fixtures/<rel>`.
fn fixture(rel: &str) -> PathBuf {
    workspace_root().join("tests/fixtures").join(rel)
}

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
            continue; // refused documents generate nothing (see tests/tests/cases/hostile_metadata.rs)
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
        .input(workspace_root().join("graph-model/metadata/graph-seed.xml"))
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

/// Excel's workbook types of the bundled v1.0 `$metadata`, generated
/// without navigation: `microsoft.graph.Json` values (2-D arrays, strings,
/// numbers) are `Untyped`, and the documentation's range, named item and
/// chart payloads read and write back unchanged.
fn workbook_program() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("workbook-compile");
    let out = root.join("generated");
    let _ = std::fs::remove_dir_all(&root);
    Builder::new()
        .input(workspace_root().join("graph-model/metadata/v1.0.xml"))
        .root("microsoft.graph.workbookRange")
        .root("microsoft.graph.workbookNamedItem")
        .root("microsoft.graph.workbookChart")
        .out_dir(&out)
        .generate()
        .unwrap();
    let program = root.join("workbook_json_values.rs");
    let text = format!(
        r####"#![deny(warnings)]
#![allow(dead_code)]
mod generated {{
    include!({:?});
}}
use generated::microsoft::graph::{{WorkbookChart, WorkbookNamedItem, WorkbookRange}};

/// Reads `text` as `T` and writes it back: the same JSON.
fn same<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> T {{
    let v: T = serde_json::from_str(text).unwrap();
    let back: serde_json::Value = serde_json::to_value(&v).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).unwrap(), "{{text}}");
    v
}}

fn main() {{
    let r: WorkbookRange = same(r#"{{"values":[[1,"x",null]],"text":[["1","x",""]]}}"#);
    assert_eq!(r.values.value().unwrap().get(), r#"[[1,"x",null]]"#);
    assert_eq!(r.text.value().unwrap().get(), r#"[["1","x",""]]"#);
    let r: WorkbookRange = same(r#"{{"address":"Sheet1!A1:B2","addressLocal":"Sheet1!A1:B2","cellCount":4,"columnCount":2,"columnHidden":false,"columnIndex":0,"formulas":[[1,"=A1*2"],["x",""]],"hidden":false,"numberFormat":[["General","0.00"],["General","General"]],"rowCount":2,"rowHidden":false,"rowIndex":0,"text":[["1","2.00"],["x",""]],"values":[[1,2],["x",""]],"valueTypes":[["Double","Double"],["String","Empty"]]}}"#);
    assert_eq!(r.formulas.value().unwrap().get(), r#"[[1,"=A1*2"],["x",""]]"#);
    let n: WorkbookNamedItem = same(r#"{{"name":"test5","comment":"","scope":"Workbook","type":"String","value":"=Sheet1!$F$15:$N$27","visible":true}}"#);
    assert_eq!(n.value.value().unwrap().get(), r#""=Sheet1!$F$15:$N$27""#);
    let n: WorkbookNamedItem = same(r#"{{"name":"rate","type":"Double","value":0.0725,"visible":true}}"#);
    assert_eq!(n.value.value().unwrap().get(), "0.0725");
    let _: WorkbookChart = same(r#"{{"id":"{{00000000-0008-0000-0100-000003000000}}","height":234.0,"left":0,"name":"Chart 1","top":0,"width":360}}"#);
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
    t.pass(workbook_program());
    t.compile_fail("ui/fail/*.rs");
}
