//! Reading the well-known vocabulary annotations (Core.Description,
//! Core.LongDescription, Core.Revisions) off a list of annotations.

use crate::csdl::raw::{Annotation, Expr};

/// True when `term` names `Org.OData.Core.V1.<local>`, under its full name
/// or the conventional `Core` alias.
fn is_core(term: &str, local: &str) -> bool {
    term.strip_suffix(local)
        .and_then(|p| p.strip_suffix('.'))
        .is_some_and(|ns| ns == "Org.OData.Core.V1" || ns == "Core")
}

fn string_term(annotations: &[Annotation], local: &str) -> Option<String> {
    annotations
        .iter()
        .filter(|a| is_core(&a.term, local))
        .find_map(|a| a.value.as_ref()?.as_str().map(str::to_string))
}

/// Human-readable documentation for a model element.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Documentation {
    /// `Core.Description`.
    pub description: Option<String>,
    /// `Core.LongDescription`.
    pub long_description: Option<String>,
}

impl Documentation {
    /// Reads them off `annotations`.
    pub fn of(annotations: &[Annotation]) -> Self {
        Self {
            description: string_term(annotations, "Description"),
            long_description: string_term(annotations, "LongDescription"),
        }
    }
}

/// A `Core.Revisions` entry of kind `Deprecated`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// When it was deprecated.
    pub date: Option<String>,
    /// When it is to be removed.
    pub removal_date: Option<String>,
    /// What to use instead, or why.
    pub description: Option<String>,
    /// The version that deprecated it.
    pub version: Option<String>,
}

impl Deprecation {
    /// The first `Deprecated` revision in `annotations`, if any.
    pub fn of(annotations: &[Annotation]) -> Option<Self> {
        let revisions = annotations.iter().find(|a| is_core(&a.term, "Revisions"))?;
        let Some(Expr::Collection(items)) = &revisions.value else {
            return None;
        };
        items.iter().find_map(|r| {
            let kind = r.record_property("Kind")?;
            let text = match kind {
                Expr::Constant { text, .. } => text,
                _ => return None,
            };
            if !text.ends_with("/Deprecated") && text != "Deprecated" {
                return None;
            }
            let field = |name: &str| match r.record_property(name) {
                Some(Expr::Constant { text, .. }) => Some(text.clone()),
                _ => None,
            };
            Some(Deprecation {
                date: field("Date"),
                removal_date: field("RemovalDate"),
                description: field("Description"),
                version: field("Version"),
            })
        })
    }

    /// One line for `#[deprecated(note = ...)]`.
    pub fn note(&self) -> String {
        let mut parts = Vec::new();
        if let Some(d) = &self.description {
            parts.push(d.clone());
        }
        if let Some(d) = &self.date {
            parts.push(format!("deprecated since {d}"));
        }
        if let Some(d) = &self.removal_date {
            parts.push(format!("removal on {d}"));
        }
        if parts.is_empty() {
            "deprecated".to_string()
        } else {
            parts.join("; ")
        }
    }
}
