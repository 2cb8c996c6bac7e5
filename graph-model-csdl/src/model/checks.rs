//! Whole-model checks, after every name is resolved: inheritance cycles,
//! property names repeated along a base chain, navigation to non-entities.

use super::types::{Target, TypeId};
use super::{Map, Model};
use crate::diagnostics::{Diagnostics, Span};

/// A member of a structured type: its name, where it is declared, and the
/// type that declares it.
pub(super) type Member<'m> = (&'m str, &'m Span, TypeId);

/// Every member of the type whose base chain ([`base_chain`]) is `chain`
/// into `out` (cleared first): structural properties from the root base
/// down, then navigation properties from the root base down. `out` does not
/// allocate once it has grown.
pub(super) fn members<'m>(model: &'m Model, chain: &[TypeId], out: &mut Vec<Member<'m>>) {
    out.clear();
    for &t in chain.iter().rev() {
        if let Some(s) = model.get(t).structured() {
            out.extend(s.properties.iter().map(|p| (p.name.as_str(), &p.span, t)));
        }
    }
    for &t in chain.iter().rev() {
        if let Some(s) = model.get(t).structured() {
            out.extend(s.navigation.iter().map(|n| (n.name.as_str(), &n.span, t)));
        }
    }
}

/// `id` and its bases, nearest first, into `chain` (cleared first); a
/// cycle ends it at the first repeat.
pub(super) fn base_chain(model: &Model, id: TypeId, chain: &mut Vec<TypeId>) {
    chain.clear();
    chain.push(id);
    let mut cur = model.get(id).structured().and_then(|s| s.base);
    while let Some(b) = cur {
        if chain.contains(&b) {
            break;
        }
        chain.push(b);
        cur = model.get(b).structured().and_then(|s| s.base);
    }
}

/// Checks that need the whole model: cycles, property names repeated along
/// a base chain, navigation to non-entities. Reads the model only, so it
/// runs beside the confusable-name check.
pub(super) fn structure(model: &Model) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut chain = Vec::new();
    let mut all = Vec::new();
    let mut seen: Map<&str, (&Span, TypeId)> = Map::default();
    for id in model.ids() {
        let def = model.get(id);
        let Some(s) = def.structured() else { continue };
        if has_cycle(model, id) {
            diags.error(
                "inheritance-cycle",
                Some(&def.span),
                format!("`{}` inherits from itself", def.name),
            );
            continue;
        }
        base_chain(model, id, &mut chain);
        members(model, &chain, &mut all);
        seen.clear();
        for &(name, span, declared_in) in &all {
            if let Some((prev, prev_in)) = seen.insert(name, (span, declared_in)) {
                // Report once, on the declaring type.
                if declared_in == id {
                    let origin = if prev_in == id { "" } else { " (inherited)" };
                    diags.error(
                        "duplicate-property",
                        Some(span),
                        format!(
                            "`{}` already has a property `{name}`{origin} at {prev}",
                            def.name.name
                        ),
                    );
                }
            }
        }
        for n in &s.navigation {
            if let Target::Named(t) = n.ty.target {
                if !model.is_entity(t) {
                    diags.error(
                        "navigation-not-entity",
                        Some(&n.span),
                        format!(
                            "navigation property `{}` has type `{}`, which is not an entity type",
                            n.name, n.ty.written
                        ),
                    );
                }
            }
        }
    }
    diags
}

fn has_cycle(model: &Model, id: TypeId) -> bool {
    let mut cur = model.get(id).structured().and_then(|s| s.base);
    let mut steps = 0;
    while let Some(b) = cur {
        if b == id {
            return true;
        }
        steps += 1;
        if steps > model.types.len() {
            return false; // a cycle further up; reported on its members
        }
        cur = model.get(b).structured().and_then(|s| s.base);
    }
    false
}
