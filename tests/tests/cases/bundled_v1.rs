//! The bundled Microsoft Graph v1.0 (`graph_model::v1`): the committed
//! modules, feature table and `[features]` lines are what the generator
//! writes for the bundled `$metadata`; that file is the snapshot its
//! provenance names; and the area features are additive — every type is
//! defined once, nothing inside a type depends on a feature, the modules a
//! set of features compiles is the union of what each compiles, and each
//! area holds every type its types' typed fields need (so each feature
//! compiles alone).

use graph_model_codegen::areas::{self, Area};
use graph_model_codegen::{load_str, LoadOptions};
use graph_model_csdl::model::{Model, Target, TypeId};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

fn crate_dir() -> std::path::PathBuf {
    graph_model_tests::workspace_root().join("graph-model")
}

fn model() -> Model {
    let text = std::fs::read_to_string(crate_dir().join("metadata/v1.0.xml")).unwrap();
    load_str("v1.0.xml", &text, LoadOptions::default()).unwrap()
}

/// The generated files as the generator writes them now.
fn rendered(model: &Model) -> BTreeMap<String, String> {
    let opts = areas::RenderOptions {
        source: "v1.0.xml".into(),
        runtime: "::graph_model".into(),
        modules: areas::strip_namespace(model, "microsoft.graph"),
        rustfmt: false,
    };
    areas::render(model, &opts)
        .unwrap()
        .into_iter()
        .map(|f| (f.name, f.contents))
        .collect()
}

#[test]
fn the_committed_files_are_what_the_generator_writes() {
    let model = model();
    let files = rendered(&model);
    let dir = crate_dir().join("v1");
    let committed: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> = files
        .keys()
        .filter(|n| n.ends_with(".rs"))
        .cloned()
        .collect();
    assert_eq!(committed, expected, "run scripts/generate-v1.sh");
    for name in &expected {
        let on_disk = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(
            on_disk == files[name],
            "graph-model/v1/{name} differs from the generator's output: run scripts/generate-v1.sh"
        );
    }
    let table = std::fs::read_to_string(crate_dir().join("FEATURES.md")).unwrap();
    assert_eq!(table, files[areas::FEATURES_MD], "graph-model/FEATURES.md");
    // The manifest's [features] lines between the markers.
    let manifest = std::fs::read_to_string(crate_dir().join("Cargo.toml")).unwrap();
    let section = manifest
        .split_once("# BEGIN v1 features\n")
        .and_then(|(_, rest)| rest.split_once("# END v1 features\n"))
        .map(|(s, _)| s)
        .expect("markers in graph-model/Cargo.toml");
    let wanted: String = files[areas::FEATURES_TOML]
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(section, wanted, "graph-model/Cargo.toml [features]");
}

#[test]
fn the_bundled_metadata_is_the_snapshot_its_source_names() {
    let hash = Sha256::digest(graph_model::v1::METADATA.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, graph_model::v1::SOURCE.sha256);
    let shared = graph_model_tests::workspace_root().join("../shared/metadata/v1.0.xml");
    if let Ok(bytes) = std::fs::read(&shared) {
        assert!(
            bytes == graph_model::v1::METADATA.as_bytes(),
            "differs from {shared:?}"
        );
    }
}

/// The types a generated field of `id` names when only containment
/// navigation is typed: property types, containment targets, and (for a
/// polymorphic type) its subtypes.
fn typed_dependencies(model: &Model, id: TypeId) -> Vec<TypeId> {
    let mut out = Vec::new();
    if model.get(id).structured().is_none() {
        return out;
    }
    for p in model.properties(id) {
        if let Target::Named(t) = p.property.ty.target {
            out.push(t);
        }
    }
    for (n, _) in model.navigation(id) {
        if let (true, Target::Named(t)) = (n.contains_target, &n.ty.target) {
            out.push(*t);
        }
    }
    if model.is_polymorphic(id) {
        out.extend(model.derived_transitive(id));
    }
    out
}

#[test]
fn every_area_holds_what_its_types_need() {
    let model = model();
    let all = areas::areas(&model);
    assert_eq!(all.len(), 72, "v1.0 has 72 entity sets and singletons");
    let users = all.iter().find(|a| a.feature == "users").unwrap();
    assert_eq!(users.name, "users");
    let user = model.lookup("microsoft.graph.user").unwrap();
    assert!(users.types.contains(&user));
    // Containment is followed (a user's messages).
    let message = model.lookup("microsoft.graph.message").unwrap();
    assert!(users.types.contains(&message));
    for area in &all {
        assert!(area.types.contains(&area.root), "{}", area.feature);
        for &t in &area.types {
            for d in typed_dependencies(&model, t) {
                assert!(
                    area.types.contains(&d),
                    "area `{}`: `{}` needs `{}`",
                    area.feature,
                    model.get(t).name,
                    model.get(d).name
                );
            }
        }
    }
}

/// `mod.rs`'s group modules: module name → the features any of which
/// compiles it.
fn group_cfgs(mod_rs: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    let mut in_cfg = false;
    for line in mod_rs.lines() {
        let l = line.trim();
        if l.starts_with("#[cfg(") {
            pending.clear();
            in_cfg = !l.ends_with(")]");
        }
        if l.starts_with("#[cfg(") || in_cfg {
            for part in l.split("feature = \"").skip(1) {
                pending.push(part.split('"').next().unwrap().to_string());
            }
            if in_cfg && l.ends_with(")]") {
                in_cfg = false;
            }
            continue;
        }
        if let Some(name) = l.strip_prefix("mod ").and_then(|r| r.strip_suffix(" {")) {
            out.insert(name.to_string(), std::mem::take(&mut pending));
        }
    }
    out
}

#[test]
fn area_features_are_additive() {
    let model = model();
    let files = rendered(&model);
    let all: Vec<Area> = areas::areas(&model);
    let features: Vec<&str> = all.iter().map(|a| a.feature.as_str()).collect();
    // Nothing inside a type depends on a feature: no `cfg` outside the
    // root file, whose only `cfg`s are `any(...)` of area features (on
    // group modules, their re-exports and `visit_type`'s arms).
    for (name, text) in &files {
        if name.ends_with(".rs") && name != "mod.rs" {
            assert!(!text.contains("cfg("), "{name} has a cfg");
        }
    }
    let root = &files["mod.rs"];
    assert!(!root.contains("cfg(not") && !root.contains("cfg(all"));
    // Every generated type is defined in exactly one file.
    let mut defined: BTreeMap<String, usize> = BTreeMap::new();
    for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".rs")) {
        for l in text.lines() {
            for kw in ["pub struct ", "pub enum ", "pub type "] {
                if let Some(rest) = l.strip_prefix(kw) {
                    let ident: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    let module = name.rsplit_once('.').map_or("", |(m, _)| m);
                    let module = module.rsplit_once('.').map_or("", |(m, _)| m);
                    *defined.entry(format!("{module}::{ident}")).or_default() += 1;
                }
            }
        }
    }
    let twice: Vec<_> = defined.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "defined more than once: {twice:?}");
    // For pairs of features (a fixed pseudo-random sample), the modules
    // compiled with both are those compiled with either: a type's module,
    // and so its code, does not depend on what else is on.
    let groups = group_cfgs(root);
    assert!(groups.len() > 100, "{} groups", groups.len());
    let on = |set: &[&str]| -> BTreeSet<&String> {
        groups
            .iter()
            .filter(|(_, f)| f.iter().any(|x| set.contains(&x.as_str())))
            .map(|(m, _)| m)
            .collect()
    };
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..200 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let a = features[(seed % features.len() as u64) as usize];
        let b = features[((seed >> 32) % features.len() as u64) as usize];
        let both = on(&[a, b]);
        let either: BTreeSet<&String> = on(&[a]).union(&on(&[b])).copied().collect();
        assert_eq!(both, either, "{a} + {b}");
    }
    // Every module is compiled by some area or by `full` alone.
    let mut everything = features.clone();
    everything.push("full");
    assert_eq!(on(&everything).len(), groups.len());
}

#[test]
fn the_bundled_types_read_and_write_a_user() {
    // Compiled only with the `users` feature (the tests enable it). Graph
    // writes properties in the model's order; so do the types.
    let text = r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity","id":"87d349ed","accountEnabled":true,"businessPhones":["+1 412 555 0109"],"displayName":"Megan Bowen","manager":{"@odata.type":"#microsoft.graph.user","id":"5bde3e51"},"messages":[{"id":"m1","importance":"high","subject":"Hi"}],"futureProperty":{"x":1}}"##;
    let user: graph_model::v1::User = serde_json::from_str(text).unwrap();
    assert_eq!(
        user.display_name.value().map(String::as_str),
        Some("Megan Bowen")
    );
    // Containment navigation is typed; other navigation is JSON as read.
    let messages = user.messages.value().unwrap();
    let graph_model::v1::MessageAny::Base(message) = &messages[0] else {
        panic!("read as another type: {:?}", messages[0]);
    };
    assert_eq!(message.subject.value().map(String::as_str), Some("Hi"));
    assert!(user.manager.value().unwrap().get().contains("5bde3e51"));
    assert!(user.extra.get("futureProperty").is_some());
    assert_eq!(serde_json::to_string(&user).unwrap(), text);
}
