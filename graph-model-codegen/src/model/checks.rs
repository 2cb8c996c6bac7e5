//! Whole-model checks, after every name is resolved: inheritance cycles,
//! property names repeated along a base chain, navigation to non-entities.

use std::collections::HashMap;

use super::resolve::Resolver;
use super::types::{Target, TypeId};
use crate::diagnostics::Span;

impl Resolver {
    /// Checks that need the whole model: cycles, property names repeated
    /// along a base chain, navigation to non-entities.
    pub(super) fn validate_structure(&mut self) {
        for id in self.model.ids() {
            let def = self.model.get(id);
            let Some(s) = def.structured() else { continue };
            if self.has_cycle(id) {
                self.diags.error(
                    "inheritance-cycle",
                    Some(&def.span),
                    format!("`{}` inherits from itself", def.name),
                );
                continue;
            }
            let mut seen: HashMap<&str, (&Span, TypeId)> = HashMap::new();
            let props = self.model.properties(id);
            let navs = self.model.navigation(id);
            let members = props
                .iter()
                .map(|p| (p.property.name.as_str(), &p.property.span, p.declared_in))
                .chain(navs.iter().map(|(n, t)| (n.name.as_str(), &n.span, *t)));
            for (name, span, declared_in) in members {
                if let Some((prev, prev_in)) = seen.insert(name, (span, declared_in)) {
                    // Report once, on the declaring type.
                    if declared_in == id {
                        let origin = if prev_in == id { "" } else { " (inherited)" };
                        self.diags.error(
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
                    if !self.is_entity(t) {
                        self.diags.error(
                            "navigation-not-entity",
                            Some(&n.span),
                            format!("navigation property `{}` has type `{}`, which is not an entity type", n.name, n.ty.written),
                        );
                    }
                }
            }
        }
    }

    fn has_cycle(&self, id: TypeId) -> bool {
        let mut cur = self.model.get(id).structured().and_then(|s| s.base);
        let mut steps = 0;
        while let Some(b) = cur {
            if b == id {
                return true;
            }
            steps += 1;
            if steps > self.model.types.len() {
                return false; // a cycle further up; reported on its members
            }
            cur = self.model.get(b).structured().and_then(|s| s.base);
        }
        false
    }
}
