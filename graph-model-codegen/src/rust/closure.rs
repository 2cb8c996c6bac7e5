//! Which types to generate: everything reachable from the roots through
//! properties (and, on request, navigation properties), plus every subtype
//! of a polymorphic type that is reachable.

use std::collections::BTreeSet;

use crate::model::{Model, Target, TypeId};

/// The type closure of `roots`.
pub fn closure(model: &Model, roots: &[TypeId], navigation: bool) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut work: Vec<TypeId> = roots.to_vec();
    while let Some(id) = work.pop() {
        if !seen.insert(id) {
            continue;
        }
        if model.get(id).structured().is_none() {
            continue;
        }
        let mut next: Vec<TypeId> = model
            .properties(id)
            .iter()
            .filter_map(|p| named(&p.property.ty.target))
            .collect();
        if navigation {
            next.extend(
                model
                    .navigation(id)
                    .iter()
                    .filter_map(|(n, _)| named(&n.ty.target)),
            );
        }
        if model.is_polymorphic(id) {
            next.extend(model.derived_transitive(id));
        }
        work.extend(next.into_iter().filter(|t| !seen.contains(t)));
    }
    seen
}

fn named(t: &Target) -> Option<TypeId> {
    match t {
        Target::Named(id) => Some(*id),
        _ => None,
    }
}
