//! Microsoft Graph's own conventions, applied to the resolved model:
//!
//! * **`microsoft.graph.Json` is any JSON.** The raw `$metadata` declares
//!   `<ComplexType Name="Json"/>` and types values with it that are any
//!   JSON (a workbook range's `values` is a 2-D array, a named item's
//!   `value` a string or a number). Microsoft's own clean metadata rewrites
//!   every use to `Edm.Untyped`; so does the resolver, for an empty complex
//!   type of that name (no base, no properties, no navigation): every
//!   reference to it becomes [`Primitive::Untyped`] (its `written` text
//!   stays `graph.Json`), so the generated field type, the validator, the
//!   JSON Schema and the query binder all treat it as `Edm.Untyped`.
//! * **Evolvable enums.** `unknownFutureValue` is the sentinel of Graph's
//!   evolvable enums ([`Enum::sentinel`], [`Enum::is_evolvable`]): a member
//!   numerically after it is returned only to a request that sent
//!   `Prefer: include-unknown-enum-members`. The sentinel must not be
//!   aliased to another member, and in a flags enum it must be a power of
//!   two that no combined member includes; each breach is a warning at the
//!   member (the model is Graph's to fix, and stays usable: v1.0 has two
//!   flags enums whose sentinel is not a power of two).

use super::types::{Enum, Primitive, Target, TypeId, TypeKind, TypeRef};
use super::Model;
use crate::diagnostics::Diagnostics;

/// The qualified name of Graph's any-JSON complex type.
pub const JSON_TYPE: &str = "microsoft.graph.Json";

/// The name of the evolvable-enum sentinel member.
pub const SENTINEL: &str = "unknownFutureValue";

/// The Graph any-JSON type of `model`, when it declares it as the
/// convention has it (an empty complex type without a base).
pub fn json_type(model: &Model) -> Option<TypeId> {
    let id = model.lookup(JSON_TYPE)?;
    let s = model.get(id).structured()?;
    let empty = s.base.is_none() && s.properties.is_empty() && s.navigation.is_empty();
    (empty && model.get(id).name.to_string() == JSON_TYPE).then_some(id)
}

/// Rewrites every reference to [`JSON_TYPE`] into `Edm.Untyped`; how many.
pub(super) fn json_as_untyped(model: &mut Model) -> usize {
    let Some(json) = json_type(model) else {
        return 0;
    };
    let mut n = 0;
    let mut rewrite = |r: &mut TypeRef| {
        if r.target == Target::Named(json) {
            r.target = Target::Primitive(Primitive::Untyped);
            n += 1;
        }
    };
    for t in &mut model.types {
        if let TypeKind::Structured(s) = &mut t.kind {
            s.properties.iter_mut().for_each(|p| rewrite(&mut p.ty));
        }
    }
    for op in &mut model.operations {
        op.parameters.iter_mut().for_each(|p| rewrite(&mut p.ty));
        if let Some((r, _)) = &mut op.return_type {
            rewrite(r);
        }
    }
    n
}

impl Enum {
    /// The index of the `unknownFutureValue` sentinel among the members.
    pub fn sentinel(&self) -> Option<usize> {
        self.members.iter().position(|m| m.name == SENTINEL)
    }

    /// Whether the member at `index` is evolvable: numerically after the
    /// sentinel, so that Graph sends `unknownFutureValue` in its place
    /// unless the request sent `Prefer: include-unknown-enum-members`.
    pub fn is_evolvable(&self, index: usize) -> bool {
        self.sentinel()
            .is_some_and(|s| self.after_sentinel(s, index))
    }

    /// The indexes of the evolvable members.
    pub fn evolvable(&self) -> impl Iterator<Item = usize> + '_ {
        let sentinel = self.sentinel();
        (0..self.members.len())
            .filter(move |&i| sentinel.is_some_and(|s| self.after_sentinel(s, i)))
    }

    /// Whether the member at `index` is numerically after the sentinel at `s`.
    fn after_sentinel(&self, s: usize, index: usize) -> bool {
        self.members
            .get(index)
            .is_some_and(|m| m.value > self.members[s].value)
    }
}

/// Whether `v` is a power of two (one flag).
fn single_bit(v: i64) -> bool {
    v > 0 && v & (v - 1) == 0
}

/// The sentinel's rules, for every enum type: not aliased; in a flags enum
/// a power of two that no combined member includes.
pub(super) fn check_enums(model: &Model) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for id in model.ids() {
        let def = model.get(id);
        let TypeKind::Enum(e) = &def.kind else {
            continue;
        };
        let Some(s) = e.sentinel() else { continue };
        let sentinel = &e.members[s];
        for (i, m) in e.members.iter().enumerate() {
            if i != s && m.value == sentinel.value {
                diags.warning(
                    "sentinel-aliased",
                    Some(&m.span),
                    format!(
                        "`{}.{}` has the value of `{SENTINEL}` ({}): the evolvable-enum sentinel must not be aliased",
                        def.name, m.name, sentinel.value
                    ),
                );
            }
        }
        if !e.is_flags {
            continue;
        }
        let v = sentinel.value;
        if !single_bit(v) {
            diags.warning(
                "flags-sentinel-not-power-of-two",
                Some(&sentinel.span),
                format!(
                    "`{}.{SENTINEL}` is {v}: in a flags enum the sentinel must be a power of two",
                    def.name
                ),
            );
            continue;
        }
        for (i, m) in e.members.iter().enumerate() {
            let combined = m.value > 0 && !single_bit(m.value);
            if i != s && combined && m.value & v != 0 {
                diags.warning(
                    "flags-sentinel-combined",
                    Some(&m.span),
                    format!(
                        "`{}.{}` ({}) includes `{SENTINEL}` ({v}): the sentinel must not be part of a combined member",
                        def.name, m.name, m.value
                    ),
                );
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_str, LoadOptions};

    fn model(body: &str) -> Model {
        let csdl = format!(
            r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0"><edmx:DataServices>
<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="microsoft.graph" Alias="graph">
{body}
</Schema></edmx:DataServices></edmx:Edmx>"#
        );
        load_str("t.xml", &csdl, LoadOptions::default()).unwrap()
    }

    fn kinds(m: &Model) -> Vec<(&str, u32)> {
        m.diagnostics
            .iter()
            .map(|d| (d.code, d.span.as_ref().map_or(0, |s| s.line)))
            .collect()
    }

    #[test]
    fn json_is_read_as_untyped_everywhere() {
        let m = model(
            r#"<ComplexType Name="Json"/>
<ComplexType Name="range"><Property Name="values" Type="graph.Json"/><Property Name="text" Type="Collection(microsoft.graph.Json)"/></ComplexType>
<Action Name="act"><Parameter Name="v" Type="graph.Json"/><ReturnType Type="graph.Json"/></Action>"#,
        );
        assert_eq!(m.json_as_untyped, 4);
        let range = m.lookup("microsoft.graph.range").unwrap();
        let props = m.properties(range);
        assert_eq!(
            props[0].property.ty.target,
            Target::Primitive(Primitive::Untyped)
        );
        assert_eq!(props[0].property.ty.written, "graph.Json");
        assert!(props[1].property.ty.collection);
        assert_eq!(
            props[1].property.ty.target,
            Target::Primitive(Primitive::Untyped)
        );
        let op = &m.operations[0];
        assert_eq!(
            op.parameters[0].ty.target,
            Target::Primitive(Primitive::Untyped)
        );
        assert_eq!(
            op.return_type.as_ref().unwrap().0.target,
            Target::Primitive(Primitive::Untyped)
        );
    }

    #[test]
    fn a_json_type_with_members_or_elsewhere_is_left_alone() {
        let m = model(
            r#"<ComplexType Name="Json"><Property Name="x" Type="Edm.String"/></ComplexType>
<ComplexType Name="range"><Property Name="values" Type="graph.Json"/></ComplexType>"#,
        );
        assert_eq!(m.json_as_untyped, 0);
        let range = m.lookup("microsoft.graph.range").unwrap();
        assert!(matches!(
            m.properties(range)[0].property.ty.target,
            Target::Named(_)
        ));
    }

    #[test]
    fn evolvable_members_follow_the_sentinel() {
        let m = model(
            r#"<EnumType Name="status"><Member Name="a" Value="0"/><Member Name="unknownFutureValue" Value="1"/><Member Name="b" Value="2"/><Member Name="c" Value="3"/></EnumType>
<EnumType Name="plain"><Member Name="a" Value="0"/><Member Name="b" Value="1"/></EnumType>"#,
        );
        let TypeKind::Enum(e) = &m.get(m.lookup("graph.status").unwrap()).kind else {
            panic!()
        };
        assert_eq!(e.sentinel(), Some(1));
        assert_eq!(e.evolvable().collect::<Vec<_>>(), [2, 3]);
        assert!(!e.is_evolvable(0) && !e.is_evolvable(1) && !e.is_evolvable(9));
        let TypeKind::Enum(p) = &m.get(m.lookup("graph.plain").unwrap()).kind else {
            panic!()
        };
        assert_eq!((p.sentinel(), p.evolvable().count()), (None, 0));
        let st = m.stats();
        assert_eq!(
            (st.enums_with_evolvable_members, st.evolvable_members),
            (1, 2)
        );
        assert!(m.diagnostics.iter().next().is_none(), "{:?}", kinds(&m));
    }

    #[test]
    fn the_sentinels_rules_are_checked_at_the_member() {
        let m = model(
            r#"<EnumType Name="aliased"><Member Name="a" Value="0"/><Member Name="unknownFutureValue" Value="1"/><Member Name="alias" Value="1"/></EnumType>
<EnumType Name="flagsOdd" IsFlags="true"><Member Name="a" Value="1"/><Member Name="b" Value="2"/><Member Name="unknownFutureValue" Value="6"/></EnumType>
<EnumType Name="flagsCombined" IsFlags="true"><Member Name="a" Value="1"/><Member Name="unknownFutureValue" Value="2"/><Member Name="both" Value="3"/><Member Name="later" Value="4"/></EnumType>
<EnumType Name="flagsGood" IsFlags="true"><Member Name="a" Value="1"/><Member Name="unknownFutureValue" Value="2"/><Member Name="later" Value="4"/><Member Name="aLater" Value="5"/></EnumType>"#,
        );
        // Lines: the schema opens on line 2, the body starts on line 3.
        assert_eq!(
            kinds(&m),
            [
                ("sentinel-aliased", 3),
                ("flags-sentinel-not-power-of-two", 4),
                ("flags-sentinel-combined", 5),
            ]
        );
        assert!(m
            .diagnostics
            .iter()
            .all(|d| d.severity == crate::Severity::Warning));
    }
}
