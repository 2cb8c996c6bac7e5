//! The areas of a model, for Cargo features: one per entity set and
//! singleton of its entity container. An area holds the set's entity type
//! and everything its URL subtree contains (containment navigation, without
//! limit), with the structural closure and every subtype of a polymorphic
//! type, as any closure ([`crate::closure`]) has them. Navigation that is
//! not containment is untyped JSON in every area, so that the code of a
//! type is the same whichever areas are on: features built from areas are
//! additive.

use std::collections::{BTreeMap, BTreeSet};

use crate::closure::{closure, Navigation, Spec};
use crate::model::{Model, Target, TypeId};

/// Feature names that are not areas (the runtime's own features, and the
/// feature that turns every area on).
pub const RESERVED: [&str; 5] = ["default", "full", "time", "schemars", "codegen"];

/// One area: an entity set or singleton and the types it brings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Area {
    /// The Cargo feature: the set's name in snake case (`users`,
    /// `identity_governance`).
    pub feature: String,
    /// The entity set or singleton, as the container names it.
    pub name: String,
    /// A singleton rather than an entity set.
    pub singleton: bool,
    /// Its entity type.
    pub root: TypeId,
    /// The types it brings (the root's containment closure).
    pub types: BTreeSet<TypeId>,
}

/// The areas of `model`, sorted by feature name. Sets whose names differ
/// only in case get a numbered feature (`users_2`); a name that would be
/// one of [`RESERVED`] gets `_set`.
pub fn areas(model: &Model) -> Vec<Area> {
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    for set in model.containers.iter().flat_map(|c| &c.entity_sets) {
        let Target::Named(root) = set.ty.target else {
            continue;
        };
        let base = feature_name(&set.name);
        let mut feature = if RESERVED.contains(&base.as_str()) {
            format!("{base}_set")
        } else {
            base.clone()
        };
        let mut n = 2;
        while !taken.insert(feature.clone()) {
            feature = format!("{base}_{n}");
            n += 1;
        }
        out.push(Area {
            feature,
            name: set.name.clone(),
            singleton: set.singleton,
            root,
            types: subtree(model, root),
        });
    }
    out.sort_by(|a, b| a.feature.cmp(&b.feature));
    out
}

/// The types of `root`'s URL subtree: its containment closure. (Bound
/// operations' parameter and return types are not followed: a search's
/// `entity` results, a directory object's `getByIds`, would bring most of a
/// model into every area; they are in `full`.)
fn subtree(model: &Model, root: TypeId) -> BTreeSet<TypeId> {
    let spec = Spec {
        roots: vec![(root, Navigation::Containment)],
        ..Spec::default()
    };
    closure(model, &spec).types
}

/// A set's name as a Cargo feature: snake case, ASCII letters, digits and
/// `_` only.
fn feature_name(set: &str) -> String {
    let snake = crate::rust::naming::snake(set);
    let name: String = snake
        .trim_start_matches("r#")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("set_{name}")
    } else {
        name
    }
}

/// For each type of the model, the areas that bring it (sorted feature
/// names); a type no area brings maps to an empty list (only `full` has it).
pub fn features_of_types(model: &Model, areas: &[Area]) -> BTreeMap<TypeId, Vec<String>> {
    let mut of: BTreeMap<TypeId, Vec<String>> = model.ids().map(|id| (id, Vec::new())).collect();
    for a in areas {
        for t in &a.types {
            of.entry(*t).or_default().push(a.feature.clone());
        }
    }
    for v in of.values_mut() {
        v.sort();
    }
    of
}

/// How [`render`] writes a model's areas.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// The model file's name, for the `@generated` header.
    pub source: String,
    /// Path of the runtime crate in generated code (`::graph_model`).
    pub runtime: String,
    /// Namespace → module path (default: [`strip_namespace`] of
    /// `microsoft.graph`).
    pub modules: BTreeMap<String, Vec<String>>,
    /// Format with rustfmt.
    pub rustfmt: bool,
}

/// Namespace → module path with `prefix` removed: `microsoft.graph` → the
/// root, `microsoft.graph.callRecords` → `call_records`; other namespaces
/// keep their whole path.
pub fn strip_namespace(model: &Model, prefix: &str) -> BTreeMap<String, Vec<String>> {
    model
        .namespaces
        .iter()
        .map(|ns| {
            let rest = if ns.name == prefix {
                Some("")
            } else {
                ns.name
                    .strip_prefix(prefix)
                    .and_then(|r| r.strip_prefix('.'))
            };
            let module = match rest {
                Some(rest) => rest
                    .split('.')
                    .filter(|s| !s.is_empty())
                    .map(crate::rust::naming::snake)
                    .collect(),
                None => crate::rust::naming::module_path(&ns.name),
            };
            (ns.name.clone(), module)
        })
        .collect()
}

/// File of the `[features]` table (areas and `full`).
pub const FEATURES_TOML: &str = "features.toml";
/// File of the table of areas, for a README.
pub const FEATURES_MD: &str = "FEATURES.md";

/// Every type of `model`, each module of types compiled when any area
/// that brings them is on (`full` for the types of no area); navigation
/// typed only where it is containment; `visit_type` over what is on. Also
/// writes [`FEATURES_TOML`] and [`FEATURES_MD`]. The code of a type does
/// not depend on which features are on.
pub fn render(model: &Model, opts: &RenderOptions) -> Result<Vec<crate::File>, crate::Error> {
    use crate::emit::{self, EmitOptions};
    use crate::rust::plan::{plan, PlanOptions};
    let areas = areas(model);
    let of = features_of_types(model, &areas);
    let types: BTreeSet<TypeId> = model.ids().collect();
    let plan = plan(
        model,
        &types,
        PlanOptions {
            containment_only: true,
            areas: of.clone(),
            modules: opts.modules.clone(),
            ..PlanOptions::default()
        },
    );
    let mut files = emit::render(
        &plan,
        &EmitOptions {
            runtime: opts.runtime.clone(),
            source: opts.source.clone(),
            rustfmt: opts.rustfmt,
            derives: Vec::new(),
            registry: true,
            schemars: false,
        },
    )
    .map_err(crate::Error::Emit)?;
    files.push(crate::File {
        name: FEATURES_TOML.to_string(),
        contents: features_toml(&areas, &opts.source),
    });
    // Lines each area compiles: its groups' files.
    let mut lines: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for (module, features) in &plan.groups {
        let file = crate::rust::naming::file_name(module);
        let n = files
            .iter()
            .find(|f| f.name == file)
            .map_or(0, |f| f.contents.lines().count());
        total += n;
        for f in features {
            *lines.entry(f.as_str()).or_default() += n;
        }
    }
    lines.insert("full", total);
    let table = features_md(model, &areas, &of, &lines);
    files.push(crate::File {
        name: FEATURES_MD.to_string(),
        contents: table,
    });
    Ok(files)
}

fn features_toml(areas: &[Area], source: &str) -> String {
    let mut out = format!(
        "# @generated by graph-model-codegen from {source}: one feature per area\n\
         # (entity set or singleton) and `full`. Do not edit by hand.\n"
    );
    let names: Vec<String> = areas.iter().map(|a| format!("\"{}\"", a.feature)).collect();
    out.push_str("full = [\n");
    for n in &names {
        out.push_str(&format!("    {n},\n"));
    }
    out.push_str("]\n");
    for a in areas {
        out.push_str(&format!("{} = []\n", a.feature));
    }
    out
}

fn features_md(
    model: &Model,
    areas: &[Area],
    of: &BTreeMap<TypeId, Vec<String>>,
    lines: &BTreeMap<&str, usize>,
) -> String {
    let kinds = |ids: &mut dyn Iterator<Item = &TypeId>| {
        let (mut structured, mut enums, mut other) = (0, 0, 0);
        for id in ids {
            match &model.get(*id).kind {
                crate::model::TypeKind::Structured(_) => structured += 1,
                crate::model::TypeKind::Enum(_) => enums += 1,
                crate::model::TypeKind::Definition(_) => other += 1,
            }
        }
        (structured, enums, other)
    };
    let mut out = String::from(
        "| feature | entity set or singleton | entity type | types | entity and complex | enums | lines |\n|---|---|---|---:|---:|---:|---:|\n",
    );
    for a in areas {
        let (s, e, _) = kinds(&mut a.types.iter());
        out.push_str(&format!(
            "| `{}` | `{}`{} | `{}` | {} | {s} | {e} | {} |\n",
            a.feature,
            a.name,
            if a.singleton { " (singleton)" } else { "" },
            model.get(a.root).name,
            a.types.len(),
            lines.get(a.feature.as_str()).copied().unwrap_or(0),
        ));
    }
    let only_full: Vec<&TypeId> = of
        .iter()
        .filter(|(_, f)| f.is_empty())
        .map(|(t, _)| t)
        .collect();
    let (s, e, _) = kinds(&mut of.keys());
    out.push_str(&format!(
        "| `full` | every area, and the {} types no area brings | | {} | {s} | {e} | {} |\n",
        only_full.len(),
        of.len(),
        lines.get("full").copied().unwrap_or(0),
    ));
    out
}
