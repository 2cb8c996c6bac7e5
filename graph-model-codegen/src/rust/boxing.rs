//! Where a field must be `Box`ed: only where a type can contain itself by
//! value (found with strongly connected components), not everywhere.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Model, Target, TypeId, TypeRef};

/// Decides which single-valued fields must be boxed: those whose type can
/// contain the owning type again by value (same strongly connected component).
pub(super) struct BoxAnalysis {
    component: HashMap<TypeId, usize>,
    /// For each type, the types a single-valued field of it holds by value.
    edges_of_target: HashMap<TypeId, Vec<TypeId>>,
}

impl BoxAnalysis {
    /// With `containment_only`, navigation properties that are not
    /// containment are untyped fields and hold nothing: the decision for a
    /// type then depends only on what its typed fields reach, which every
    /// closure that has the type holds too.
    pub(super) fn new(
        model: &Model,
        types: &BTreeSet<TypeId>,
        poly: &BTreeSet<TypeId>,
        containment_only: bool,
    ) -> Self {
        // A field of type T holds T, and for a polymorphic T every subtype.
        let mut edges_of_target: HashMap<TypeId, Vec<TypeId>> = HashMap::new();
        for &t in types {
            let mut held = vec![t];
            if poly.contains(&t) {
                held.extend(
                    model
                        .derived_transitive(t)
                        .into_iter()
                        .filter(|d| types.contains(d)),
                );
            }
            edges_of_target.insert(t, held);
        }
        let mut graph: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
        for &id in types {
            let mut out = Vec::new();
            let mut refs: Vec<&TypeRef> = model
                .properties(id)
                .iter()
                .map(|p| &p.property.ty)
                .collect();
            // Navigation properties are fields too (typed when their type is generated).
            refs.extend(
                model
                    .navigation(id)
                    .iter()
                    .filter(|(n, _)| n.contains_target || !containment_only)
                    .map(|(n, _)| &n.ty),
            );
            for r in refs {
                if let (false, Target::Named(t)) = (r.collection, &r.target) {
                    if let Some(held) = edges_of_target.get(t) {
                        if model.get(*t).structured().is_some() {
                            out.extend(held.iter().copied());
                        }
                    }
                }
            }
            // A polymorphic enum holds each subtype by value.
            if poly.contains(&id) {
                out.extend(edges_of_target[&id].iter().copied().filter(|&d| d != id));
            }
            graph.insert(id, out);
        }
        Self {
            component: tarjan(&graph),
            edges_of_target,
        }
    }

    pub(super) fn needs_box(&self, owner: TypeId, ty: &TypeRef) -> bool {
        if ty.collection {
            return false;
        }
        let Target::Named(t) = &ty.target else {
            return false;
        };
        let Some(held) = self.edges_of_target.get(t) else {
            return false;
        };
        let Some(own) = self.component.get(&owner) else {
            return false;
        };
        held.iter()
            .any(|h| h == &owner || self.component.get(h) == Some(own))
    }
}

/// Strongly connected components (iterative Tarjan); returns a component
/// number per node.
fn tarjan(graph: &BTreeMap<TypeId, Vec<TypeId>>) -> HashMap<TypeId, usize> {
    let mut index: HashMap<TypeId, usize> = HashMap::new();
    let mut low: HashMap<TypeId, usize> = HashMap::new();
    let mut on_stack: BTreeSet<TypeId> = BTreeSet::new();
    let mut stack: Vec<TypeId> = Vec::new();
    let mut comp: HashMap<TypeId, usize> = HashMap::new();
    let mut next = 0;
    let mut ncomp = 0;
    for &start in graph.keys() {
        if index.contains_key(&start) {
            continue;
        }
        let mut call: Vec<(TypeId, usize)> = vec![(start, 0)];
        index.insert(start, next);
        low.insert(start, next);
        next += 1;
        stack.push(start);
        on_stack.insert(start);
        while let Some(&mut (v, ref mut i)) = call.last_mut() {
            let succ = graph.get(&v).map(Vec::as_slice).unwrap_or(&[]);
            if *i < succ.len() {
                let w = succ[*i];
                *i += 1;
                if !graph.contains_key(&w) {
                    continue;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = index.entry(w) {
                    e.insert(next);
                    low.insert(w, next);
                    next += 1;
                    stack.push(w);
                    on_stack.insert(w);
                    call.push((w, 0));
                } else if on_stack.contains(&w) {
                    let lw = index[&w].min(low[&v]);
                    low.insert(v, lw);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    let lp = low[&parent].min(low[&v]);
                    low.insert(parent, lp);
                }
                if low[&v] == index[&v] {
                    while let Some(w) = stack.pop() {
                        on_stack.remove(&w);
                        comp.insert(w, ncomp);
                        if w == v {
                            break;
                        }
                    }
                    ncomp += 1;
                }
            }
        }
    }
    comp
}
