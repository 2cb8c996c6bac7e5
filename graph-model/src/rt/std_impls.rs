//! `Clone`, `PartialEq` and `Debug` of generated structs and `…Any` enums,
//! written once over their [`View`]s and [`Place`]s — the same walk the
//! writer and the reader make — so that a generated type's impl is a
//! one-line call here, and no code is compiled per field type for them (a
//! derive is expanded for every field of every type). They do what the
//! derives did, except that `Debug` names a struct by its CSDL type and its
//! fields by their JSON names, leaves out the absent ones, and shows enum
//! values as their wire strings.

use std::fmt;

use super::poly::Variant;
use super::structs::{Field, Struct};
use super::value::{copy_primitive, debug_primitive, eq_primitive, Place, Value, View};

/// A copy of `value`: a blank value filled from it. Inlined into each
/// type's `clone` (one function per type, not two).
#[inline(always)]
pub fn clone_value<T: Value>(value: &T) -> T {
    let mut out = T::blank();
    copy(value.view(), out.place());
    out
}

/// Whether two values of one type are equal, as the derive would say
/// (`eq_views(Value::view(self), Value::view(other))`: not generic, so
/// nothing is compiled for it per type).
pub fn eq_views(a: View<'_>, b: View<'_>) -> bool {
    eq(&a, &b)
}

/// `microsoft.graph.user { id: "1", displayName: "Adele" }`
/// (`debug_view(Value::view(self), f)`).
pub fn debug_view(value: View<'_>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    fmt::Debug::fmt(&value, f)
}

/// Copies `from` into `to`, a blank place of the same type.
fn copy(from: View<'_>, to: Place<'_>) {
    let Err(pair) = copy_primitive(from, to) else {
        return;
    };
    match pair {
        (View::Enum(v), Place::Enum(p)) => p.copy_from(v),
        (View::Struct(v), Place::Struct(p)) => copy_fields(v, p),
        (View::Poly(v), Place::Poly(p)) => match v.variant() {
            Variant::Base(s) | Variant::Derived(_, s) => {
                if let Some(target) = p.select(s.type_name()) {
                    copy_fields(s, target);
                }
            }
            Variant::Unknown(u) => p.set_unknown(u.clone()),
        },
        (View::Seq(v), Place::Seq(p)) => {
            p.reserve(v.len());
            for i in 0..v.len() {
                if let Some(item) = v.item(i) {
                    copy(item, p.push());
                }
            }
        }
        // A view and a place of one type are of one kind.
        _ => {}
    }
}

/// Copies every field and the extra members of `from` into `to`, a blank
/// struct of the same type.
fn copy_fields(from: &dyn Struct, to: &mut dyn Struct) {
    from.slots(&mut |source, source_extra| {
        to.slots_mut(&mut |target, extra| {
            for (t, s) in target.iter_mut().zip(source) {
                match s.field() {
                    Field::Absent => {}
                    Field::Null => {
                        t.set_null();
                    }
                    Field::Value(v) => copy(v, t.fill()),
                }
            }
            extra.clone_from(source_extra);
        });
    });
}

fn eq(a: &View<'_>, b: &View<'_>) -> bool {
    if let Some(equal) = eq_primitive(a, b) {
        return equal;
    }
    match (a, b) {
        (View::Enum(x), View::Enum(y)) => x.same_as(*y),
        (View::Struct(x), View::Struct(y)) => eq_fields(*x, *y),
        (View::Poly(x), View::Poly(y)) => match (x.variant(), y.variant()) {
            (Variant::Base(l), Variant::Base(r)) => eq_fields(l, r),
            (Variant::Derived(_, l), Variant::Derived(_, r)) => eq_fields(l, r),
            (Variant::Unknown(l), Variant::Unknown(r)) => l == r,
            _ => false,
        },
        (View::Seq(x), View::Seq(y)) => {
            x.len() == y.len()
                && (0..x.len()).all(|i| match (x.item(i), y.item(i)) {
                    (Some(l), Some(r)) => eq(&l, &r),
                    (l, r) => l.is_none() && r.is_none(),
                })
        }
        _ => false,
    }
}

/// Whether two structs are of one type with equal fields and extra members.
fn eq_fields(a: &dyn Struct, b: &dyn Struct) -> bool {
    let mut equal = a.type_name() == b.type_name();
    if equal {
        a.slots(&mut |left, left_extra| {
            b.slots(&mut |right, right_extra| {
                equal = left_extra == right_extra
                    && left.len() == right.len()
                    && left
                        .iter()
                        .zip(right)
                        .all(|(l, r)| match (l.field(), r.field()) {
                            (Field::Absent, Field::Absent) | (Field::Null, Field::Null) => true,
                            (Field::Value(x), Field::Value(y)) => eq(&x, &y),
                            _ => false,
                        });
            });
        });
    }
    equal
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(v) = debug_primitive(self) {
            return v.fmt(f);
        }
        match self {
            View::Enum(e) => fmt::Debug::fmt(&e.wire(), f),
            View::Struct(s) => debug_fields(*s, f),
            View::Poly(p) => match p.variant() {
                Variant::Base(s) | Variant::Derived(_, s) => debug_fields(s, f),
                Variant::Unknown(u) => u.fmt(f),
            },
            View::Seq(items) => f
                .debug_list()
                .entries((0..items.len()).filter_map(|i| items.item(i)))
                .finish(),
            _ => Ok(()),
        }
    }
}

/// The fields that are not absent (`null` as `None`), then the extra
/// members if any.
fn debug_fields(value: &dyn Struct, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = f.debug_struct(value.type_name());
    let names = value.fields();
    value.slots(&mut |slots, extra| {
        for (name, slot) in names.iter().zip(slots) {
            match slot.field() {
                Field::Absent => {}
                Field::Null => {
                    out.field(name, &None::<()>);
                }
                Field::Value(v) => {
                    out.field(name, &v);
                }
            }
        }
        if !extra.is_empty() {
            out.field("extra", extra);
        }
    });
    out.finish()
}
