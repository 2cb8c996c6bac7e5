//! Checks a JSON value against a resolved model, by qualified type name.
//! This is the one engine behind both typed and dynamic validation.

use graph_model_csdl::model::{
    Enum, InheritedProperty, Model, NavigationProperty, Primitive, Target, TypeId, TypeKind,
};

use super::context::{Context, Method};
use super::control;
use super::finding::{child, Kind, Mode, Report, Severity};
use graph_model::edm;
use graph_model::json::{push_index, push_token, Json};

/// What a value is expected to be.
#[derive(Clone, Copy, Debug)]
pub struct Expect<'m> {
    pub target: &'m Target,
    pub collection: bool,
    pub nullable: bool,
    pub facets: Option<&'m graph_model_csdl::csdl::raw::Facets>,
}

pub struct Checker<'a> {
    pub model: &'a Model,
    pub mode: Mode,
    pub context: Context,
    pub report: &'a mut Report,
}

fn json_type(v: &Json) -> &'static str {
    v.kind()
}

impl Checker<'_> {
    /// Graph's evolvable-enum rules for the member at `index` of the enum
    /// `id`, judged by where the payload is ([`Context`]).
    fn evolvable(&mut self, pointer: &str, id: TypeId, en: &Enum, index: usize) {
        let Some(sentinel) = en.sentinel() else {
            return;
        };
        let ctx = self.context;
        let name = &self.model.get(id).name;
        let member = &en.members[index].name;
        if en.is_evolvable(index) && !ctx.include_unknown_enum_members {
            let kind = Kind::EvolvableMemberWithoutPreference;
            match ctx.request {
                None => self.push(pointer, kind, format!("`{member}` of `{name}` is evolvable (after `unknownFutureValue`): Graph returns it only with `Prefer: include-unknown-enum-members`, which this response did not apply; kept as written")),
                Some(m) => self.report.push_as(Severity::Error, pointer, kind, format!("`{member}` of `{name}` is evolvable (after `unknownFutureValue`): in a {m} body it needs `Prefer: include-unknown-enum-members`, or Graph answers 400 Bad Request")),
            }
        }
        if let (Some(m), true) = (ctx.request, index == sentinel) {
            let (severity, why) = match m {
                Method::Patch => (Severity::Warning, "Graph treats the property as absent"),
                Method::Post | Method::Put => (Severity::Error, "Graph answers 400 Bad Request"),
            };
            self.report.push_as(
                severity,
                pointer,
                Kind::UnknownFutureValueInRequest,
                format!("`unknownFutureValue` of `{name}` in a {m} body: {why}"),
            );
        }
    }

    pub(super) fn push(&mut self, pointer: &str, kind: Kind, msg: impl Into<String>) {
        self.report.push(self.mode, pointer, kind, msg);
    }

    /// Checks a document whose whole value is of type `id` (or a collection
    /// envelope `{"value": [...]}` of it).
    pub fn document(&mut self, id: TypeId, collection: bool, value: &Json) {
        if !collection {
            return self.structured(id, "", value);
        }
        let Json::Object(obj) = value else {
            return self.push(
                "",
                Kind::WrongJsonType,
                format!(
                    "expected a collection object with `value`, found {}",
                    json_type(value)
                ),
            );
        };
        for (k, v) in obj {
            self.collection_member(id, k, v);
        }
    }

    /// One member of a collection response of `id`.
    pub(super) fn collection_member(&mut self, id: TypeId, key: &str, v: &Json) {
        let p = child("", key);
        match key {
            "value" => match v {
                Json::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.structured(id, &child(&p, &i.to_string()), item);
                    }
                }
                other => self.push(
                    &p,
                    Kind::WrongJsonType,
                    format!("`value` must be an array, found {}", json_type(other)),
                ),
            },
            k if k.contains('@') => self.control(&p, k, v),
            _ => self.push(
                &p,
                Kind::NotInModel,
                format!("`{key}` is not part of a collection response"),
            ),
        }
    }

    /// A value declared as structured type `declared`.
    pub fn structured(&mut self, declared: TypeId, pointer: &str, value: &Json) {
        let Json::Object(obj) = value else {
            let name = &self.model.get(declared).name;
            return self.push(
                pointer,
                Kind::WrongJsonType,
                format!(
                    "expected an object of type `{name}`, found {}",
                    json_type(value)
                ),
            );
        };
        let model = self.model;
        let declared_def = model.get(declared);
        let mut actual = declared;
        let mut know_all_properties = true;
        match value.get("@odata.type") {
            None => {
                if declared_def.structured().is_some_and(|s| s.is_abstract) {
                    let msg = format!("`{}` is abstract, but the value has no `@odata.type`; read as the abstract type", declared_def.name);
                    self.push(pointer, Kind::AbstractWithoutOdataType, msg);
                }
            }
            Some(Json::String(t)) => match model.lookup(t) {
                None => {
                    self.push(&child(pointer, "@odata.type"), Kind::UnknownOdataType, format!("`{t}` is not a type in the model; the value is kept as an unknown subtype of `{}`", declared_def.name));
                    know_all_properties = false;
                }
                Some(id) if id == declared || model.base_chain(id).contains(&declared) => {
                    actual = id
                }
                Some(_) => {
                    self.push(
                        &child(pointer, "@odata.type"),
                        Kind::IncompatibleOdataType,
                        format!("`{t}` does not derive from `{}`; the value is kept as an unknown subtype of it", declared_def.name),
                    );
                    know_all_properties = false;
                }
            },
            Some(other) => self.push(
                &child(pointer, "@odata.type"),
                Kind::WrongJsonType,
                format!("`@odata.type` must be a string, found {}", json_type(other)),
            ),
        }
        let props = model.properties(actual);
        let navs = model.navigation(actual);
        let open = model.get(actual).structured().is_some_and(|s| s.open_type);
        // One buffer for every member's pointer, not a string each.
        let mut p = pointer.to_string();
        for (key, v) in obj {
            p.truncate(pointer.len());
            push_token(&mut p, key);
            if key.contains('@') {
                // Control information and other annotations; the object's
                // own `@odata.type` was checked above.
                if key != "@odata.type" {
                    self.control(&p, key, v);
                }
                continue;
            }
            if self.member((&props, &navs), &p, key, v) {
                continue;
            }
            if know_all_properties && !open {
                let msg = format!(
                    "`{key}` is not a property of `{}`; kept as an extra property",
                    model.get(actual).name
                );
                self.push(&p, Kind::NotInModel, msg);
            }
        }
    }

    /// Checks `v` as the property or navigation property `key` among
    /// `members` (a type's, as `Model::properties` and `Model::navigation`
    /// give them); `false` when `key` is neither.
    pub(super) fn member(
        &mut self,
        (props, navs): (&[InheritedProperty<'_>], &[(&NavigationProperty, TypeId)]),
        pointer: &str,
        key: &str,
        v: &Json,
    ) -> bool {
        if let Some(prop) = props.iter().find(|x| x.property.name == key) {
            let pr = prop.property;
            let e = Expect {
                target: &pr.ty.target,
                collection: pr.ty.collection,
                nullable: pr.nullable,
                facets: Some(&pr.facets),
            };
            self.value(pointer, v, e, &pr.name);
        } else if let Some((nav, _)) = navs.iter().find(|(n, _)| n.name == key) {
            let e = Expect {
                target: &nav.ty.target,
                collection: nav.ty.collection,
                nullable: true,
                facets: None,
            };
            self.value(pointer, v, e, &nav.name);
        } else {
            return false;
        }
        true
    }

    /// A control-information member: its JSON type per the OData JSON format.
    pub(super) fn control(&mut self, pointer: &str, key: &str, v: &Json) {
        if let Some((_, shape)) = control::shape_of(key) {
            if let Err(msg) = control::check(key, shape, v) {
                self.push(pointer, Kind::WrongJsonType, msg);
            }
        }
    }

    pub(super) fn value(&mut self, pointer: &str, v: &Json, e: Expect, name: &str) {
        if v.is_null() {
            if !e.nullable {
                self.push(
                    pointer,
                    Kind::Nullability,
                    format!("`{name}` is not nullable but is `null`"),
                );
            } else if e.collection {
                // CSDL: a collection is never null (its Nullable is about its items).
                self.push(
                    pointer,
                    Kind::NullCollection,
                    format!(
                        "`{name}` is a collection, which CSDL never makes `null`; read as `null`"
                    ),
                );
            }
            return;
        }
        if e.collection {
            let Json::Array(items) = v else {
                return self.push(
                    pointer,
                    Kind::WrongJsonType,
                    format!(
                        "`{name}` is a collection; expected an array, found {}",
                        json_type(v)
                    ),
                );
            };
            let mut p = pointer.to_string();
            for (i, item) in items.iter().enumerate() {
                p.truncate(pointer.len());
                push_index(&mut p, i);
                if item.is_null() {
                    let msg = if e.nullable {
                        format!("`{name}` has a `null` item: the model allows it (the collection's Nullable is not false), but the generated types hold items as values and cannot read it")
                    } else {
                        format!("`{name}` does not allow `null` items")
                    };
                    self.push(&p, Kind::Nullability, msg);
                    continue;
                }
                self.single(&p, item, e, name);
            }
            return;
        }
        self.single(pointer, v, e, name);
    }

    fn single(&mut self, pointer: &str, v: &Json, e: Expect, name: &str) {
        match e.target {
            Target::Unresolved(_) => {}
            Target::Primitive(p) => self.primitive(pointer, v, *p, e, name),
            Target::Named(id) => match &self.model.get(*id).kind {
                TypeKind::Structured(_) => self.structured(*id, pointer, v),
                TypeKind::Enum(en) => {
                    let Json::String(s) = v else {
                        return self.push(
                            pointer,
                            Kind::WrongJsonType,
                            format!(
                                "`{name}` is an enum; expected a string, found {}",
                                json_type(v)
                            ),
                        );
                    };
                    let parts: Vec<&str> = if en.is_flags {
                        s.split(',').collect()
                    } else {
                        vec![s.as_ref()]
                    };
                    for part in parts {
                        if let Some(i) = en.members.iter().position(|m| m.name == part) {
                            self.evolvable(pointer, *id, en, i);
                            continue;
                        }
                        let enum_name = &self.model.get(*id).name;
                        match en.members.iter().find(|m| m.name.eq_ignore_ascii_case(part)) {
                            Some(m) => self.push(pointer, Kind::EnumCaseMismatch, format!("`{part}` differs from member `{}` of `{enum_name}` only in case; kept as written", m.name)),
                            None => self.push(pointer, Kind::UnknownEnumValue, format!("`{part}` is not a member of `{enum_name}`; kept as written")),
                        }
                    }
                }
                TypeKind::Definition(d) => self.primitive(
                    pointer,
                    v,
                    d.underlying,
                    Expect {
                        facets: Some(&d.facets),
                        ..e
                    },
                    name,
                ),
            },
        }
    }

    fn primitive(&mut self, pointer: &str, v: &Json, p: Primitive, e: Expect, name: &str) {
        use Primitive as P;
        let wrong = |this: &mut Self, want: &str| {
            this.push(
                pointer,
                Kind::WrongJsonType,
                format!(
                    "`{name}` is Edm.{p:?}; expected {want}, found {}",
                    json_type(v)
                ),
            );
        };
        let malformed =
            |this: &mut Self, msg: String| this.push(pointer, Kind::MalformedPrimitive, msg);
        match p {
            P::String => {
                if v.as_str().is_none() {
                    wrong(self, "a string");
                } else if let (Some(s), Some(max)) =
                    (v.as_str(), e.facets.and_then(|f| f.max_length.as_deref()))
                {
                    if let Ok(max) = max.parse::<usize>() {
                        if s.chars().count() > max {
                            malformed(self, format!("`{name}` is longer than MaxLength {max}"));
                        }
                    }
                }
            }
            P::Boolean => {
                if !matches!(v, Json::Bool(_)) {
                    wrong(self, "a boolean");
                }
            }
            P::Byte | P::SByte | P::Int16 | P::Int32 => {
                let range: (i64, i64) = match p {
                    P::Byte => (0, 255),
                    P::SByte => (-128, 127),
                    P::Int16 => (i16::MIN as i64, i16::MAX as i64),
                    _ => (i32::MIN as i64, i32::MAX as i64),
                };
                match v {
                    Json::Number(n) => match n.parse::<i64>().ok() {
                        Some(x) if x >= range.0 && x <= range.1 => {}
                        _ => malformed(
                            self,
                            format!(
                                "`{name}`: {n} is not an Edm.{p:?} (integer from {} to {})",
                                range.0, range.1
                            ),
                        ),
                    },
                    _ => wrong(self, "an integer"),
                }
            }
            P::Int64 | P::Decimal | P::Single | P::Double => {
                let (text, form) = match v {
                    Json::Number(n) => (*n, edm::Form::Number),
                    Json::String(s) => (s.as_ref(), edm::Form::String),
                    _ => return wrong(self, "a number"),
                };
                let res = match p {
                    P::Int64 => edm::Int64::with_form(text, form).map(|_| ()),
                    P::Decimal => edm::Decimal::with_form(text, form)
                        .map(|d| self.decimal_facets(pointer, &d, e, name)),
                    _ => edm::Double::with_form(text, form).map(|_| ()),
                };
                if let Err(err) = res {
                    malformed(self, format!("`{name}`: {err}"));
                }
            }
            P::Guid | P::Date | P::DateTimeOffset | P::TimeOfDay | P::Duration | P::Binary => {
                let Json::String(s) = v else {
                    return wrong(self, "a string");
                };
                let res = match p {
                    P::Guid => edm::Guid::parse(s).map(|_| ()),
                    P::Date => edm::Date::parse(s).map(|_| ()),
                    P::DateTimeOffset => edm::DateTimeOffset::parse(s).map(|_| ()),
                    P::TimeOfDay => edm::TimeOfDay::parse(s).map(|_| ()),
                    P::Duration => edm::Duration::parse(s).map(|_| ()),
                    _ => edm::Binary::parse(s).map(|_| ()),
                };
                if let Err(err) = res {
                    malformed(self, format!("`{name}`: {err}"));
                }
            }
            P::Stream | P::Untyped | P::Geo | P::Abstract => {}
        }
    }

    fn decimal_facets(&mut self, pointer: &str, d: &edm::Decimal, e: Expect, name: &str) {
        use graph_model_csdl::csdl::raw::Scale;
        let Some(f) = e.facets else { return };
        let (precision, scale) = d.precision_and_scale();
        if let Some(max) = f.precision {
            if precision > max {
                self.push(
                    pointer,
                    Kind::MalformedPrimitive,
                    format!("`{name}`: {d} has {precision} digits; Precision is {max}"),
                );
            }
        }
        if let Some(Scale::Fixed(s)) = f.scale {
            if scale > s {
                self.push(
                    pointer,
                    Kind::MalformedPrimitive,
                    format!("`{name}`: {d} has {scale} decimal places; Scale is {s}"),
                );
            }
        }
    }
}
