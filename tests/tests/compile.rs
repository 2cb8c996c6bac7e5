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

#[test]
fn ui() {
    let programs = hostile_programs();
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    for p in &programs {
        t.pass(p);
    }
    t.compile_fail("ui/fail/*.rs");
}
