//! Attaching external `Annotations` blocks to their targets.

use super::resolve::Resolver;
use super::types::TypeKind;
use crate::csdl::raw::{Annotation, Document};

impl Resolver {
    /// External `Annotations` blocks: a type target attaches to the type,
    /// `Type/property` to the property; anything else is kept as data.
    pub(super) fn attach_annotations(&mut self, docs: &mut [Document]) {
        let blocks = docs
            .iter_mut()
            .flat_map(|d| &mut d.schemas)
            .flat_map(|s| std::mem::take(&mut s.annotations));
        for block in blocks {
            let qualifier = &block.qualifier;
            let with_q = |mut a: Annotation| {
                if a.qualifier.is_none() {
                    a.qualifier = qualifier.clone();
                }
                a
            };
            let annotations = block.annotations;
            let (type_part, member) = match block.target.split_once('/') {
                Some((t, m)) => (t, Some(m)),
                None => (block.target.as_str(), None),
            };
            let found = if type_part.contains('(') {
                None
            } else {
                self.model.lookup(type_part)
            };
            let Some(id) = found else {
                for a in annotations {
                    self.model
                        .other_annotations
                        .push((block.target.clone(), with_q(a)));
                }
                continue;
            };
            let def = &mut self.model.types[id.0 as usize];
            match (member, &mut def.kind) {
                (None, _) => def.annotations.extend(annotations.into_iter().map(with_q)),
                (Some(m), TypeKind::Structured(s)) => {
                    if let Some(p) = s.properties.iter_mut().find(|p| p.name == m) {
                        p.annotations.extend(annotations.into_iter().map(with_q));
                    } else if let Some(n) = s.navigation.iter_mut().find(|n| n.name == m) {
                        n.annotations.extend(annotations.into_iter().map(with_q));
                    } else {
                        self.diags.warning(
                            "unresolved-annotation-target",
                            Some(&block.span),
                            format!(
                                "annotation target `{}`: `{type_part}` has no property `{m}`",
                                block.target
                            ),
                        );
                    }
                }
                (Some(m), TypeKind::Enum(e)) => match e.members.iter_mut().find(|x| x.name == m) {
                    Some(x) => x.annotations.extend(annotations.into_iter().map(with_q)),
                    None => self.diags.warning(
                        "unresolved-annotation-target",
                        Some(&block.span),
                        format!(
                            "annotation target `{}`: enum `{type_part}` has no member `{m}`",
                            block.target
                        ),
                    ),
                },
                (Some(_), TypeKind::Definition(_)) => {
                    for a in annotations {
                        self.model
                            .other_annotations
                            .push((block.target.clone(), with_q(a)));
                    }
                }
            }
        }
    }
}
