//! Which names play which role: the model a URL is parsed against, as far
//! as the grammar needs it. The OData grammar writes `entitySetName`,
//! `entityNavigationProperty`, `primitiveFunction`... all as
//! `odataIdentifier`; only a model tells `Orders(1)` (an entity set and a
//! key) from `Orders()` (a function import). A rule given a name list
//! matches only those names; a rule without one matches any identifier.

use std::collections::{HashMap, HashSet};

/// The rules whose names come from a model's schema: entity sets and
/// singletons, types, properties, navigation properties, operations and
/// their imports and parameters, namespaces.
pub const MODEL_RULES: &[&str] = &[
    "entitySetName",
    "singletonEntity",
    "entityTypeName",
    "complexTypeName",
    "typeDefinitionName",
    "enumerationTypeName",
    "namespacePart",
    "primitiveKeyProperty",
    "primitiveNonKeyProperty",
    "primitiveColProperty",
    "complexProperty",
    "complexColProperty",
    "streamProperty",
    "entityNavigationProperty",
    "entityColNavigationProperty",
    "action",
    "actionImport",
    "entityFunction",
    "entityColFunction",
    "complexFunction",
    "complexColFunction",
    "primitiveFunction",
    "primitiveColFunction",
    "entityFunctionImport",
    "entityColFunctionImport",
    "complexFunctionImport",
    "complexColFunctionImport",
    "primitiveFunctionImport",
    "primitiveColFunctionImport",
    "parameterName",
];

/// Name lists by grammar rule.
#[derive(Clone, Debug, Default)]
pub struct Roles {
    pub(crate) by_rule: HashMap<String, HashSet<String>>,
}

impl Roles {
    /// No lists: every role matches any name.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every rule of [`MODEL_RULES`] matching nothing until [`Roles::allow`]
    /// names it: a model that is complete (what is not listed does not
    /// exist). Rules outside the model (lambda variables, computed
    /// properties, term names, custom options) stay open.
    pub fn closed() -> Self {
        let mut roles = Self::new();
        for rule in MODEL_RULES {
            roles.allow(rule, Vec::<String>::new());
        }
        roles
    }

    /// Restricts rule `rule` (an ABNF rule name, any case) to `names`
    /// (compared exactly, as written in the URL); adds to earlier names.
    pub fn allow<I, S>(&mut self, rule: &str, names: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.by_rule
            .entry(rule.to_ascii_lowercase())
            .or_default()
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// The rules that have a list.
    pub fn rules(&self) -> impl Iterator<Item = &str> {
        self.by_rule.keys().map(String::as_str)
    }

    /// Reads a JSON object of rule name → array of names (the form of the
    /// OData TC's `constraints.json`). An empty array means the rule
    /// matches nothing.
    pub fn from_json(text: &str) -> Result<Self, crate::Error> {
        Self::read_json(text).map_err(crate::Error::Roles)
    }

    fn read_json(text: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let object = value
            .as_object()
            .ok_or("expected an object of rule name to array of names")?;
        let mut roles = Self::new();
        for (rule, names) in object {
            let names = names
                .as_array()
                .ok_or_else(|| format!("/{rule}: expected an array of names"))?;
            let mut list = Vec::with_capacity(names.len());
            for (i, n) in names.iter().enumerate() {
                list.push(
                    n.as_str()
                        .ok_or_else(|| format!("/{rule}/{i}: expected a string"))?,
                );
            }
            roles.allow(rule, list);
        }
        Ok(roles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_name_lists_and_names_bad_places() {
        let r =
            Roles::from_json(r#"{"entitySetName": ["Orders"], "customAggregate": []}"#).unwrap();
        assert!(r.by_rule["entitysetname"].contains("Orders"));
        assert!(r.by_rule["customaggregate"].is_empty());
        assert_eq!(
            Roles::from_json(r#"{"a": ["x", 1]}"#)
                .unwrap_err()
                .to_string(),
            "roles: /a/1: expected a string"
        );
        assert_eq!(
            Roles::from_json(r#"{"a": "x"}"#).unwrap_err().to_string(),
            "roles: /a: expected an array of names"
        );
    }
}
