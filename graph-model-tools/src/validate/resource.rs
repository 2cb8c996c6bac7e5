//! Documentation "JSON representation" blocks: placeholders instead of
//! values (`"String"`, `"Int64"`, `"String (timestamp)"`,
//! `{"@odata.type": "microsoft.graph.x"}`, `["String"]`). Checked both ways,
//! as Microsoft's own doc checker does: every documented property against the
//! model (present? the placeholder's type compatible with the declared
//! one?), and every structural property of the model against the
//! documentation (documented?).

use graph_model_csdl::model::{Model, Primitive, Target, TypeId, TypeKind};

use super::finding::{child, Kind, Mode, Report};
use super::json;
use graph_model::json::Json;

/// Checks a representation block of type `id`.
pub fn check(model: &Model, id: TypeId, text: &str, mode: Mode) -> Report {
    let mut report = Report::default();
    let text = json::repaired(text, mode, &mut report);
    let Some(value) = json::parse(&text, mode, &mut report) else {
        return report;
    };
    let mut r = Resource {
        model,
        mode,
        report: &mut report,
    };
    r.object(id, "", &value, true);
    report
}

struct Resource<'a> {
    model: &'a Model,
    mode: Mode,
    report: &'a mut Report,
}

impl Resource<'_> {
    fn push(&mut self, pointer: &str, kind: Kind, msg: String) {
        self.report.push(self.mode, pointer, kind, msg);
    }

    fn object(&mut self, id: TypeId, pointer: &str, v: &Json, top: bool) {
        let model = self.model;
        let Json::Object(members) = v else {
            return self.push(
                pointer,
                Kind::PlaceholderMismatch,
                format!(
                    "documented as {}, but `{}` is an object type",
                    v.kind(),
                    model.get(id).name
                ),
            );
        };
        // A documented `@odata.type` may name a subtype: its properties count.
        let actual = match v.get("@odata.type").and_then(Json::as_str) {
            Some(t) => match model.lookup(t) {
                Some(s) if s == id || model.base_chain(s).contains(&id) => s,
                _ => id,
            },
            None => id,
        };
        let props = model.properties(actual);
        let navs = model.navigation(actual);
        let open = model.get(actual).structured().is_some_and(|s| s.open_type);
        for (key, placeholder) in members {
            if key.contains('@') {
                continue;
            }
            let p = child(pointer, key);
            if let Some(prop) = props.iter().find(|x| x.property.name == *key) {
                let ty = &prop.property.ty;
                self.placeholder(&p, key, placeholder, &ty.target, ty.collection);
            } else if let Some((nav, _)) = navs.iter().find(|(n, _)| n.name == *key) {
                self.placeholder(&p, key, placeholder, &nav.ty.target, nav.ty.collection);
            } else if !open {
                let msg = format!(
                    "`{key}` is documented, but is not a property of `{}`",
                    model.get(actual).name
                );
                self.push(&p, Kind::NotInModel, msg);
            }
        }
        if top {
            for prop in &props {
                let name = &prop.property.name;
                if !members.iter().any(|(k, _)| k == name) {
                    let msg = format!(
                        "`{name}` is a property of `{}` that the representation does not document",
                        model.get(actual).name
                    );
                    self.push(&child(pointer, name), Kind::Undocumented, msg);
                }
            }
        }
    }

    fn placeholder(
        &mut self,
        pointer: &str,
        name: &str,
        v: &Json,
        target: &Target,
        collection: bool,
    ) {
        match (v, collection) {
            (Json::Null, _) => {}
            (Json::Array(items), true) => {
                for (i, item) in items.iter().enumerate() {
                    self.placeholder(&child(pointer, &i.to_string()), name, item, target, false);
                }
            }
            (Json::Array(_), false) => self.mismatch(pointer, name, "a collection", target, false),
            (_, true) => self.mismatch(pointer, name, "a single value", target, true),
            (Json::Object(_), false) => match target {
                _ if self.accepts_anything(target) => {}
                Target::Named(id) if self.model.get(*id).structured().is_none() => {
                    // Pages also write `{"@odata.type": "ns.someEnum"}` for an enum.
                    match v.get("@odata.type").and_then(Json::as_str) {
                        Some(t) if self.related(t, *id) => {}
                        _ => self.mismatch(pointer, name, "an object", target, false),
                    }
                }
                Target::Named(id) => {
                    match v.get("@odata.type").and_then(Json::as_str) {
                        Some(t) if !self.related(t, *id) => {
                            let what = format!("`{}`", t.trim_start_matches('#'));
                            self.mismatch(pointer, name, &what, target, false)
                        }
                        // Documented inline: check its members too.
                        None if v.as_object().is_some_and(|m| !m.is_empty()) => {
                            self.object(*id, pointer, v, false)
                        }
                        _ => {}
                    }
                }
                Target::Unresolved(_) => {}
                Target::Primitive(_) => self.mismatch(pointer, name, "an object", target, false),
            },
            (Json::String(s), false) => {
                if !self.accepts_anything(target) && self.string_fits(s, target) == Some(false) {
                    self.mismatch(pointer, name, &format!("`{s}`"), target, false);
                }
            }
            (Json::Number(_), false) => {
                if !matches!(target, Target::Primitive(p) if is_number(*p)) {
                    self.mismatch(pointer, name, "a number", target, false);
                }
            }
            (Json::Bool(_), false) => {
                if !matches!(target, Target::Primitive(Primitive::Boolean)) {
                    self.mismatch(pointer, name, "a boolean", target, false);
                }
            }
        }
    }

    /// A complex type without properties or subtypes (`microsoft.graph.Json`)
    /// or an untyped primitive: any placeholder fits.
    fn accepts_anything(&self, target: &Target) -> bool {
        match target {
            Target::Primitive(Primitive::Untyped | Primitive::Abstract) => true,
            Target::Named(id) => {
                self.model.get(*id).structured().is_some()
                    && !self.model.is_polymorphic(*id)
                    && self.model.properties(*id).is_empty()
                    && self.model.navigation(*id).is_empty()
            }
            _ => false,
        }
    }

    /// Whether the type named `t` is `id`, derives from it, or is a base of it.
    fn related(&self, t: &str, id: TypeId) -> bool {
        self.model.lookup(t).is_some_and(|s| {
            s == id
                || self.model.base_chain(s).contains(&id)
                || self.model.base_chain(id).contains(&s)
        })
    }

    /// Whether a string placeholder fits; `None` when it is not one this
    /// checker recognises.
    fn string_fits(&self, s: &str, target: &Target) -> Option<bool> {
        let (base, qualifier) = match s.split_once('(') {
            Some((b, q)) => (
                b.trim(),
                q.trim_end_matches(')').trim().to_ascii_lowercase(),
            ),
            None => (s.trim(), String::new()),
        };
        let model = self.model;
        // An example value rather than a placeholder: fine when it is one.
        if let Target::Primitive(p) = target {
            if example_fits(s, *p) {
                return Some(true);
            }
        }
        let p = match target {
            Target::Primitive(p) => Some(*p),
            Target::Named(id) => match &model.get(*id).kind {
                TypeKind::Definition(d) => Some(d.underlying),
                TypeKind::Enum(_) => None,
                TypeKind::Structured(_) => None,
            },
            Target::Unresolved(_) => return None,
        };
        if base.contains('.') && graph_model_csdl::csdl::names::qualified_name(base).is_ok() {
            // A type name: the declared one, or related to it.
            return match target {
                Target::Named(id) => Some(self.related(base, *id)),
                Target::Primitive(p) => Some(base.eq_ignore_ascii_case(&format!("Edm.{p:?}"))),
                Target::Unresolved(_) => None,
            };
        }
        use Primitive as P;
        let allowed: &[P] = match (base.to_ascii_lowercase().as_str(), qualifier.as_str()) {
            ("string", "timestamp") => &[P::DateTimeOffset, P::Date, P::TimeOfDay],
            ("string", "identifier") => &[P::String, P::Guid],
            ("string", "binary") => &[P::Binary],
            ("string", "duration") => &[P::Duration],
            ("string", _) => &[
                P::String,
                P::Guid,
                P::Date,
                P::DateTimeOffset,
                P::TimeOfDay,
                P::Duration,
                P::Binary,
                P::Decimal,
                P::Int64,
            ],
            ("guid", _) => &[P::Guid, P::String],
            ("boolean" | "bool", _) => &[P::Boolean],
            ("int16" | "int32" | "int" | "integer" | "byte" | "sbyte", _) => {
                &[P::Byte, P::SByte, P::Int16, P::Int32, P::Int64]
            }
            ("int64", _) => &[P::Int64],
            ("double" | "single" | "float" | "decimal" | "number", _) => {
                &[P::Double, P::Single, P::Decimal]
            }
            ("datetimeoffset", _) => &[P::DateTimeOffset],
            ("date", _) => &[P::Date],
            ("timeofday", _) => &[P::TimeOfDay],
            ("duration", _) => &[P::Duration],
            ("binary", _) => &[P::Binary],
            ("stream", _) => &[P::Stream],
            _ => return None,
        };
        Some(match p {
            Some(p) => allowed.contains(&p) || matches!(p, P::Untyped | P::Abstract),
            // An enum is written as a string.
            None => {
                matches!(target, Target::Named(id) if model.get(*id).as_enum().is_some())
                    && base.eq_ignore_ascii_case("string")
            }
        })
    }

    fn mismatch(
        &mut self,
        pointer: &str,
        name: &str,
        documented: &str,
        target: &Target,
        collection: bool,
    ) {
        let model = self.model;
        let declared = model.target_name(target);
        let declared = if collection {
            format!("Collection({declared})")
        } else {
            declared
        };
        self.push(
            pointer,
            Kind::PlaceholderMismatch,
            format!("`{name}` is documented as {documented}; the model declares `{declared}`"),
        );
    }
}

/// Whether `s` is a valid value of `p` (pages sometimes show an example
/// value instead of a placeholder).
fn example_fits(s: &str, p: Primitive) -> bool {
    use graph_model::edm;
    use Primitive as P;
    match p {
        P::DateTimeOffset => edm::DateTimeOffset::parse(s).is_ok(),
        P::Date => edm::Date::parse(s).is_ok(),
        P::TimeOfDay => edm::TimeOfDay::parse(s).is_ok(),
        P::Duration => edm::Duration::parse(s).is_ok(),
        P::Guid => edm::Guid::parse(s).is_ok(),
        P::Int64 | P::Int32 | P::Int16 | P::Byte | P::SByte => s.parse::<i64>().is_ok(),
        P::Double | P::Single | P::Decimal => s.parse::<f64>().is_ok(),
        P::String => !s.is_empty(),
        _ => false,
    }
}

fn is_number(p: Primitive) -> bool {
    use Primitive as P;
    matches!(
        p,
        P::Byte | P::SByte | P::Int16 | P::Int32 | P::Int64 | P::Single | P::Double | P::Decimal
    )
}
