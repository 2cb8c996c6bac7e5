//! Graph's evolvable enums when a query is evaluated: a property whose
//! type is an enum with `unknownFutureValue` compares and sorts by its
//! members' numeric values, and — without `Prefer:
//! include-unknown-enum-members` — by the guideline's filter table:
//!
//! | `$filter` | without the preference | with it |
//! |---|---|---|
//! | `p eq unknownFutureValue` | values after the sentinel (returned as the sentinel) | none (no value is the sentinel) |
//! | `p gt unknownFutureValue` | values after the sentinel (returned as the sentinel) | values after the sentinel |
//! | `p lt unknownFutureValue` | the known values | the known values |
//! | `p eq newValue` (evolvable) | refused when binding (400) | that value |
//!
//! `$orderby` sorts by the numeric value; then, without the preference,
//! every evolvable value in what is returned is replaced by
//! `unknownFutureValue`. Applies to the properties of the type the query is
//! bound to (not to those of expanded navigation targets).

use std::collections::HashMap;

use graph_model_csdl::model::{Target, TypeKind};
use serde_json::Value;

use super::ast::{BinaryOp, Expr, ExprKind};
use super::bind::Bound;

/// One evolvable enum: its members' values and the sentinel.
struct Evolvable {
    values: HashMap<String, i64>,
    sentinel: (String, i64),
}

/// The evolvable-enum properties of the bound type, and whether the
/// request sends the preference.
#[derive(Default)]
pub(super) struct EnumProps {
    props: HashMap<String, Evolvable>,
    prefer: bool,
}

impl EnumProps {
    /// Nothing known (nested expansions).
    pub(super) fn none() -> Self {
        Self::default()
    }

    /// The single-valued, non-flags properties of the bound type
    /// (inherited ones too) whose enum type has the sentinel, and the
    /// preference the query was bound with.
    pub(super) fn of(bound: &Bound) -> Self {
        let (model, ty, prefer) = (bound.model, bound.ty, bound.include_unknown_enum_members);
        let mut props = HashMap::new();
        for p in model.properties(ty) {
            let prop = p.property;
            let Target::Named(id) = prop.ty.target else {
                continue;
            };
            let TypeKind::Enum(e) = &model.get(id).kind else {
                continue;
            };
            let Some(s) = e.sentinel() else { continue };
            if prop.ty.collection || e.is_flags {
                continue;
            }
            let values = e
                .members
                .iter()
                .map(|m| (m.name.clone(), m.value))
                .collect();
            let sentinel = (e.members[s].name.clone(), e.members[s].value);
            props.insert(prop.name.clone(), Evolvable { values, sentinel });
        }
        EnumProps { props, prefer }
    }

    /// The evolvable enum of `e`, when it is a path of one property.
    fn of_expr(&self, e: &Expr) -> Option<&Evolvable> {
        match &e.kind {
            ExprKind::Path {
                root: None,
                segments,
            } if segments.len() == 1 => self.props.get(&segments[0].name),
            _ => None,
        }
    }

    /// `l op r` by the rules above, when one side is an evolvable-enum
    /// property and the other names one of its members (`a` and `b` are
    /// their evaluated texts); `None` otherwise (the ordinary comparison).
    pub(super) fn compare(
        &self,
        op: BinaryOp,
        (l, a): (&Expr, Option<&str>),
        (r, b): (&Expr, Option<&str>),
    ) -> Option<bool> {
        use BinaryOp::*;
        let (e, actual, literal, op) = match (self.of_expr(l), self.of_expr(r)) {
            (Some(e), _) => (e, a?, b?, op),
            (None, Some(e)) => {
                let flipped = match op {
                    Gt => Lt,
                    Ge => Le,
                    Lt => Gt,
                    Le => Ge,
                    other => other,
                };
                (e, b?, a?, flipped)
            }
            (None, None) => return None,
        };
        let av = *e.values.get(actual)?;
        let lv = *e.values.get(literal)?;
        let s = e.sentinel.1;
        Some(match op {
            Eq if lv == s && !self.prefer => av >= s,
            Ne if lv == s && !self.prefer => av < s,
            Eq => av == lv,
            Ne => av != lv,
            Gt => av > lv,
            Ge => av >= lv,
            Lt => av < lv,
            Le => av <= lv,
            _ => return None,
        })
    }

    /// The sort key of `e`'s value `text`: its member's numeric value, for
    /// an evolvable-enum property.
    pub(super) fn order_key(&self, e: &Expr, text: Option<&str>) -> Option<i64> {
        self.of_expr(e)?.values.get(text?).copied()
    }

    /// Without the preference: every evolvable value among `item`'s
    /// properties replaced by `unknownFutureValue`.
    pub(super) fn replace(&self, item: &mut Value) {
        if self.prefer {
            return;
        }
        let Value::Object(o) = item else { return };
        for (name, e) in &self.props {
            if let Some(Value::String(v)) = o.get_mut(name) {
                if e.values.get(v.as_str()).is_some_and(|&x| x > e.sentinel.1) {
                    *v = e.sentinel.0.clone();
                }
            }
        }
    }
}
