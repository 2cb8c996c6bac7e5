//! The Rust column of the diff's verdict table, witnessed: the synthetic
//! pair in `tests/fixtures/diff` is generated into two versions of one
//! crate (`witness-types`, all types, as a user's generated crate would
//! be), and for each witnessed rule a small user program — written the way
//! the README says to use the types — is checked against the old version
//! (it must compile) and the new one (it must compile exactly when the
//! rule's bump is minor or patch; a major bump's failure is its witness).

use std::path::{Path, PathBuf};
use std::process::Command;

use graph_model_codegen::diff::{Bump, RULES};
use graph_model_codegen::Builder;

/// A rule id and the body of `main` that exercises it.
const WITNESSES: &[(&str, &str)] = &[
    // A new property: building from Default and assigning keeps compiling.
    (
        "property-added",
        "let mut u = User::default(); u.id = Some(\"1\".into()); let User { id, .. } = u; assert!(id.is_some());",
    ),
    // New members, before or after the sentinel, in flags or not: a `_`
    // arm is required already.
    (
        "member-added",
        "let p = Plain::X; let n = match p { Plain::X => 1, _ => 0 }; assert_eq!(n, 1);",
    ),
    (
        "member-added-after-sentinel",
        "let k = Kind::A; let n = match k { Kind::A => 0, Kind::B => 1, _ => 2 }; assert_eq!(n, 0);",
    ),
    (
        "member-added-before-sentinel",
        "let s = Status::Active; assert!(matches!(s, Status::Active));",
    ),
    // A subtype of a polymorphic type: `…Any` gains a variant.
    (
        "derived-type-added",
        "let e = EntityAny::Unknown(Default::default()); let n = match e { EntityAny::Unknown(_) => 1, _ => 0 }; assert_eq!(n, 1);",
    ),
    // A new type: nothing old names it.
    ("type-added", "let _ = Note::default();"),
    // The first subtype of a concrete type: fields of it become `…Any`.
    (
        "first-derived-type-added",
        "let u = User::default(); let _notes: Option<&Vec<Note>> = u.notes.value();",
    ),
    // Removed, re-typed, nullability changed: the field's use breaks.
    (
        "property-removed",
        "let mut u = User::default(); u.gone = graph_model::Nullable::Null;",
    ),
    (
        "property-type-changed",
        "let u = User::default(); let _a: &graph_model::Nullable<i32> = &u.age;",
    ),
    (
        "property-now-nullable",
        "let u = User::default(); let _m: &Option<String> = &u.mail;",
    ),
    (
        "property-now-not-nullable",
        "let u = User::default(); let _d: &graph_model::Nullable<String> = &u.display_name;",
    ),
];

fn work() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-witness")
}

/// `witness-types` generated from `xml` into `dir`.
fn types_crate(dir: &Path, xml: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    Builder::new()
        .input(xml)
        .all(true)
        .out_dir(dir.join("src/gen"))
        .generate()
        .unwrap();
    let runtime = graph_model_tests::workspace_root().join("graph-model");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"witness-types\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n[dependencies]\ngraph-model = {{ path = {:?} }}\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! Generated types.\n#![allow(missing_docs)]\npub mod generated { include!(\"gen/mod.rs\"); }\n",
    )
    .unwrap();
}

/// Whether the user program compiles against the types at `types`.
fn compiles(user: &Path, types: &Path, body: &str, target: &Path) -> (bool, String) {
    let _ = std::fs::create_dir_all(user.join("src"));
    let runtime = graph_model_tests::workspace_root().join("graph-model");
    std::fs::write(
        user.join("Cargo.toml"),
        format!(
            "[package]\nname = \"witness-user\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n[dependencies]\nwitness-types = {{ path = {:?} }}\ngraph-model = {{ path = {:?} }}\n[workspace]\n",
            types.display().to_string(),
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        user.join("src/main.rs"),
        format!(
            "#![allow(unused)]\nuse witness_types::generated::microsoft::graph::*;\nfn main() {{ {body} }}\n"
        ),
    )
    .unwrap();
    let lock = graph_model_tests::workspace_root().join("Cargo.lock");
    let _ = std::fs::copy(lock, user.join("Cargo.lock"));
    let out = Command::new(env!("CARGO"))
        .args(["check", "-q", "--offline", "--manifest-path"])
        .arg(user.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_witnessed_rule_compiles_or_breaks_as_its_bump_says() {
    let fixtures = graph_model_tests::workspace_root().join("tests/fixtures/diff");
    let root = work();
    let (old, new) = (root.join("old"), root.join("new"));
    types_crate(&old, &fixtures.join("old.xml"));
    types_crate(&new, &fixtures.join("new.xml"));
    let target = root.join("target");
    let mut failures = Vec::new();
    for (id, body) in WITNESSES {
        let rule = RULES
            .iter()
            .find(|r| r.id == *id)
            .expect("a rule of the table");
        let user = root.join(format!("user-{id}"));
        let (with_old, err_old) = compiles(&user, &old, body, &target);
        if !with_old {
            failures.push(format!("{id}: does not compile against OLD:\n{err_old}"));
            continue;
        }
        let (with_new, err_new) = compiles(&user, &new, body, &target);
        let expected = rule.rust != Bump::Major;
        if with_new != expected {
            failures.push(format!(
                "{id} ({}): against NEW {}, expected {}\n{err_new}",
                rule.rust,
                if with_new { "compiles" } else { "fails" },
                if expected { "to compile" } else { "a failure" }
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
