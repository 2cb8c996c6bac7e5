//! Which changes reach a user's types: the closure of their roots (as
//! `generate` computes it), and for each type the path by which it is
//! reached (`microsoft.graph.user/authentication/methods`).

use std::collections::{BTreeMap, VecDeque};

use super::{Change, Diff};
use crate::closure::{Navigation, Spec};
use crate::model::{Model, Target, TypeId};

/// The first path (breadth first) from a root to each type of the closure
/// of `spec` in `model`: the root's qualified name, then property names;
/// a subtype reached through its polymorphic base adds its qualified name.
fn paths(model: &Model, spec: &Spec) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut queue: VecDeque<(TypeId, String, u32)> = VecDeque::new();
    for &(root, nav) in &spec.roots {
        let budget = match nav {
            Navigation::All => u32::MAX,
            Navigation::Depth(d) => d,
            _ => 0,
        };
        queue.push_back((root, model.get(root).name.to_string(), budget));
    }
    let containment = spec
        .roots
        .iter()
        .any(|(_, n)| *n == Navigation::Containment);
    while let Some((id, path, budget)) = queue.pop_front() {
        let name = model.get(id).name.to_string();
        if spec.excluded.contains(&id) || out.contains_key(&name) {
            continue;
        }
        out.insert(name, path.clone());
        if model.get(id).structured().is_none() {
            continue;
        }
        for p in model.properties(id) {
            if let Target::Named(t) = p.property.ty.target {
                queue.push_back((t, format!("{path}/{}", p.property.name), budget));
            }
        }
        for (n, _) in model.navigation(id) {
            let follow = budget > 0 || (containment && n.contains_target);
            if let (true, Target::Named(t)) = (follow, &n.ty.target) {
                let next = if budget == u32::MAX {
                    budget
                } else {
                    budget.saturating_sub(1)
                };
                queue.push_back((*t, format!("{path}/{}", n.name), next));
            }
        }
        if model.is_polymorphic(id) {
            for d in model.derived_transitive(id) {
                let sub = model.get(d).name.to_string();
                queue.push_back((d, format!("{path}/{sub}"), budget));
            }
        }
    }
    out
}

/// The changes of `diff` that reach the closure of the roots in either
/// model (`old_spec` resolves the roots in `old`, `new_spec` in `new`),
/// each with the path by which it does ([`Change::via`]): changes to a
/// type of the closure (or its members), to an entity set or singleton of
/// such a type, to an operation bound to one.
pub fn reaching(diff: &Diff, old: (&Model, &Spec), new: (&Model, &Spec)) -> Diff {
    let mut via = paths(old.0, old.1);
    for (k, v) in paths(new.0, new.1) {
        via.entry(k).or_insert(v);
    }
    let owner_of = |c: &Change| -> Option<String> {
        let head = c.subject.split('/').next().unwrap_or_default();
        if head == "container" || head == "annotations" {
            // `container/set`, `annotations/ns.Container/set[/…]`: the set's
            // type, in the model that has it.
            let mut segs = c.subject.split('/').skip(1);
            let set = if head == "container" {
                segs.next()?
            } else {
                segs.nth(1)?
            };
            [old.0, new.0].iter().find_map(|m| {
                m.containers
                    .iter()
                    .flat_map(|c| &c.entity_sets)
                    .find(|s| s.name == set)
                    .and_then(|s| match s.ty.target {
                        Target::Named(t) => Some(m.get(t).name.to_string()),
                        _ => None,
                    })
            })
        } else if let Some((_, binding)) = head.split_once('(') {
            // `ns.op(ns.T)[…]`: the binding type.
            let binding = binding.split(')').next().unwrap_or_default();
            let binding = binding.strip_prefix("Collection(").unwrap_or(binding);
            (!binding.is_empty()).then(|| binding.to_string())
        } else {
            Some(head.to_string())
        }
    };
    let changes = diff
        .changes
        .iter()
        .filter_map(|c| {
            let path = via.get(&owner_of(c)?)?;
            let mut c = c.clone();
            c.via = Some(path.clone());
            Some(c)
        })
        .collect();
    Diff { changes }
}
