//! The bundled `metadata/graph-seed.xml` was written by hand from the
//! documented facts. This checks every fact in it against the real
//! `$metadata` (v1.0, or the beta excerpt for beta-only names).

use graph_model_csdl::model::{Model, Target, TypeKind, TypeRef};
use graph_model_csdl::{load_file, LoadOptions};
use graph_model_tests::{shared, workspace_root};

fn type_name(m: &Model, t: &TypeRef) -> String {
    let inner = match &t.target {
        Target::Named(id) => m.get(*id).name.to_string(),
        Target::Primitive(p) => format!("Edm.{p:?}"),
        Target::Unresolved(s) => m.full_name(s),
    };
    if t.collection {
        format!("Collection({inner})")
    } else {
        inner
    }
}

fn bundled_metadata_agrees_with_the_real_metadata() {
    let bundled = load_file(
        workspace_root().join("graph-model/metadata/graph-seed.xml"),
        LoadOptions { strict: true },
    )
    .unwrap();
    let Some(v1) = shared("metadata/v1.0.xml") else {
        return;
    };
    let refs = [
        load_file(v1, LoadOptions::default()).unwrap(),
        load_file(
            shared("metadata/seed-closure-excerpt.xml").unwrap(),
            LoadOptions::default(),
        )
        .unwrap(),
        load_file(
            shared("metadata/beta-USNat.xml").unwrap(),
            LoadOptions::default(),
        )
        .unwrap(),
    ];
    let mut checked = 0;
    for id in bundled.ids() {
        let def = bundled.get(id);
        let name = def.name.to_string();
        let found: Vec<(&Model, _)> = refs
            .iter()
            .filter_map(|m| Some((m, m.lookup(&name)?)))
            .collect();
        assert!(!found.is_empty(), "{name} is in no reference metadata");
        match &def.kind {
            TypeKind::Structured(s) => {
                let base = s.base.map(|b| bundled.get(b).name.to_string());
                assert!(
                    found.iter().any(|(m, r)| m
                        .get(*r)
                        .structured()
                        .unwrap()
                        .base
                        .map(|b| m.get(b).name.to_string())
                        == base
                        && m.get(*r).structured().unwrap().is_abstract == s.is_abstract
                        && m.get(*r).structured().unwrap().has_stream == s.has_stream),
                    "{name}: base type, Abstract or HasStream differ"
                );
                for p in &s.properties {
                    let mine = (type_name(&bundled, &p.ty), p.nullable);
                    let ok =
                        found.iter().any(|(m, r)| {
                            m.get(*r).structured().unwrap().properties.iter().any(|q| {
                                q.name == p.name && (type_name(m, &q.ty), q.nullable) == mine
                            })
                        });
                    assert!(
                        ok,
                        "{name}.{}: {mine:?} is not what the real metadata says",
                        p.name
                    );
                    checked += 1;
                }
                for n in &s.navigation {
                    let mine = (type_name(&bundled, &n.ty), n.contains_target);
                    let ok = found.iter().any(|(m, r)| {
                        m.get(*r).structured().unwrap().navigation.iter().any(|q| {
                            q.name == n.name && (type_name(m, &q.ty), q.contains_target) == mine
                        })
                    });
                    assert!(
                        ok,
                        "{name}/{}: {mine:?} is not what the real metadata says",
                        n.name
                    );
                    checked += 1;
                }
            }
            TypeKind::Enum(e) => {
                let mine: Vec<_> = e
                    .members
                    .iter()
                    .map(|x| (x.name.clone(), x.value))
                    .collect();
                assert!(
                    found.iter().any(|(m, r)| m
                        .get(*r)
                        .as_enum()
                        .unwrap()
                        .members
                        .iter()
                        .map(|x| (x.name.clone(), x.value))
                        .collect::<Vec<_>>()
                        == mine),
                    "{name}: members differ"
                );
                checked += 1;
            }
            TypeKind::Definition(_) => {}
        }
    }
    assert_eq!(checked, 47, "facts checked");
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let trials = vec![graph_model_tests::test_needing(
        "bundled_metadata_agrees_with_the_real_metadata",
        &[
            "metadata/beta-USNat.xml",
            "metadata/seed-closure-excerpt.xml",
            "metadata/v1.0.xml",
        ],
        bundled_metadata_agrees_with_the_real_metadata,
    )];
    trials
}
