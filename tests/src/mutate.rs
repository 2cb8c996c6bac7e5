//! Mutations of documentation payloads, chosen with the model in hand so
//! that each has a known effect: a wrong JSON type, an unknown or
//! case-variant enum string, a malformed date, guid or duration, an integer
//! out of range, `null` for a non-nullable property, an unknown or
//! incompatible `@odata.type`, an extra property, an abstract value without
//! `@odata.type`, Int64 beyond 2^53, and control information of the wrong
//! JSON type. Plus blind ones (truncations, byte edits, swaps) whose effect
//! is unknown.

use graph_model_csdl::model::{Model, Primitive, Target, TypeId, TypeKind};
use serde_json::{json, Value};

/// What a mutation does to the verdict of a document that was valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Still valid in both modes.
    Valid,
    /// Invalid in both modes.
    Invalid,
    /// Valid when lenient, invalid when strict.
    StrictOnly,
    /// Not known in advance (only agreement is checked).
    Unknown,
}

/// One mutated document.
#[derive(Clone, Debug)]
pub struct Mutation {
    /// What kind of change (a stable name, for counting).
    pub kind: &'static str,
    /// Where it was made.
    pub pointer: String,
    /// The mutated document.
    pub text: String,
    /// Its effect on a valid document.
    pub effect: Effect,
}

/// What the model expects at one place of a document.
#[derive(Clone, Debug)]
enum Site {
    Primitive {
        p: Primitive,
        nullable: bool,
    },
    Enum {
        id: TypeId,
        nullable: bool,
    },
    Object {
        declared: TypeId,
        /// The type its `@odata.type` names, if that is in the family.
        actual: TypeId,
        has_type: bool,
        nullable: bool,
    },
    /// A collection property (the array itself).
    Array {
        nullable: bool,
    },
}

/// Walks `v` as the validator does, collecting the places mutations can
/// target.
struct Walker<'m> {
    model: &'m Model,
    sites: Vec<(String, Site)>,
}

fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}

impl Walker<'_> {
    fn object(&mut self, declared: TypeId, pointer: &str, v: &Value, nullable: bool) {
        let Value::Object(o) = v else { return };
        let model = self.model;
        let mut actual = declared;
        let mut known = true;
        let has_type = o.contains_key("@odata.type");
        if let Some(Value::String(t)) = o.get("@odata.type") {
            match model.lookup(t) {
                Some(id) if id == declared || model.base_chain(id).contains(&declared) => {
                    actual = id
                }
                _ => known = false,
            }
        }
        self.sites.push((
            pointer.to_string(),
            Site::Object {
                declared,
                actual,
                has_type,
                nullable,
            },
        ));
        if !known {
            return;
        }
        let props = model.properties(actual);
        let navs = model.navigation(actual);
        for (key, value) in o {
            if key.contains('@') {
                continue;
            }
            let p = child(pointer, key);
            if let Some(prop) = props.iter().find(|x| x.property.name == *key) {
                let pr = prop.property;
                self.value(&p, value, &pr.ty.target, pr.ty.collection, pr.nullable);
            } else if let Some((nav, _)) = navs.iter().find(|(n, _)| n.name == *key) {
                self.value(&p, value, &nav.ty.target, nav.ty.collection, true);
            }
        }
    }

    fn value(
        &mut self,
        pointer: &str,
        v: &Value,
        target: &Target,
        collection: bool,
        nullable: bool,
    ) {
        if v.is_null() {
            return;
        }
        if collection {
            let Value::Array(items) = v else { return };
            self.sites
                .push((pointer.to_string(), Site::Array { nullable }));
            for (i, item) in items.iter().enumerate() {
                if !item.is_null() {
                    self.single(&child(pointer, &i.to_string()), item, target, nullable);
                }
            }
            return;
        }
        self.single(pointer, v, target, nullable);
    }

    fn single(&mut self, pointer: &str, v: &Value, target: &Target, nullable: bool) {
        let site = match target {
            Target::Unresolved(_) => return,
            Target::Primitive(p) => Site::Primitive { p: *p, nullable },
            Target::Named(id) => match &self.model.get(*id).kind {
                TypeKind::Structured(_) => return self.object(*id, pointer, v, nullable),
                TypeKind::Enum(_) => Site::Enum { id: *id, nullable },
                TypeKind::Definition(d) => Site::Primitive {
                    p: d.underlying,
                    nullable,
                },
            },
        };
        self.sites.push((pointer.to_string(), site));
    }
}

/// A small deterministic generator (xorshift), so that a failure reproduces.
pub struct Rng(u64);

impl Rng {
    /// Seeded from a string (a block id).
    pub fn new(seed: &str) -> Self {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for b in seed.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        Self(h | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A value of the wrong JSON type for primitive `p`.
fn wrong_type(p: Primitive) -> Value {
    use Primitive::*;
    match p {
        Boolean => json!("true"),
        Byte | SByte | Int16 | Int32 => json!("5"),
        Int64 | Decimal | Single | Double => json!(true),
        _ => json!(42),
    }
}

/// A malformed value for `p`, if it has a syntax to break.
fn malformed(p: Primitive) -> Option<(&'static str, Value)> {
    use Primitive::*;
    Some(match p {
        Date => ("malformed-date", json!("2023-02-29")),
        DateTimeOffset => ("malformed-date", json!("2024-02-30T00:00:00Z")),
        TimeOfDay => ("malformed-time", json!("24:00")),
        Guid => ("malformed-guid", json!("0000-not-a-guid")),
        Duration => ("malformed-duration", json!("PT")),
        Binary => ("malformed-binary", json!("***")),
        Byte => ("int-out-of-range", json!(256)),
        SByte => ("int-out-of-range", json!(128)),
        Int16 => ("int-out-of-range", json!(32768)),
        Int32 => ("int-out-of-range", json!(2147483648i64)),
        Int64 => ("int-out-of-range", json!("9223372036854775808")),
        Decimal | Single | Double => ("malformed-number", json!("one")),
        _ => return None,
    })
}

fn set(doc: &mut Value, pointer: &str, v: Value) -> bool {
    if pointer.is_empty() {
        *doc = v;
        return true;
    }
    match doc.pointer_mut(pointer) {
        Some(slot) => {
            *slot = v;
            true
        }
        None => false,
    }
}

/// Model-aware mutations of `doc` (a value declared as `type_name`, or a
/// collection response of it): up to `per_kind` of each kind.
pub fn model_mutations(
    model: &Model,
    type_name: &str,
    collection: bool,
    doc: &Value,
    seed: &str,
    per_kind: usize,
) -> Vec<Mutation> {
    let Some(root) = model.lookup(type_name) else {
        return Vec::new();
    };
    let mut w = Walker {
        model,
        sites: Vec::new(),
    };
    if collection {
        if let Some(Value::Array(items)) = doc.get("value") {
            for (i, item) in items.iter().enumerate() {
                w.object(root, &format!("/value/{i}"), item, false);
            }
        }
    } else {
        w.object(root, "", doc, false);
    }
    let mut rng = Rng::new(seed);
    let mut out: Vec<Mutation> = Vec::new();
    let mut push =
        |kind: &'static str, pointer: &str, effect: Effect, f: &dyn Fn(&mut Value) -> bool| {
            if out.iter().filter(|m| m.kind == kind).count() >= per_kind {
                return;
            }
            let mut d = doc.clone();
            if f(&mut d) {
                out.push(Mutation {
                    kind,
                    pointer: pointer.to_string(),
                    text: serde_json::to_string(&d).expect("serializes"),
                    effect,
                });
            }
        };
    if collection {
        control(&mut push, "", doc);
    }
    // Visit sites in a seeded order so that different blocks exercise
    // different places.
    let mut order: Vec<usize> = (0..w.sites.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for &i in &order {
        let (pointer, site) = &w.sites[i];
        match site {
            Site::Primitive { p, nullable } => {
                let p = *p;
                if !matches!(
                    p,
                    Primitive::Stream | Primitive::Untyped | Primitive::Geo | Primitive::Abstract
                ) {
                    push("wrong-json-type", pointer, Effect::Invalid, &|d| {
                        set(d, pointer, wrong_type(p))
                    });
                }
                if let Some((kind, bad)) = malformed(p) {
                    push(kind, pointer, Effect::Invalid, &|d| {
                        set(d, pointer, bad.clone())
                    });
                }
                if p == Primitive::Int64 {
                    push("int64-beyond-2^53", pointer, Effect::Valid, &|d| {
                        set(d, pointer, json!(9007199254740993u64))
                    });
                    push(
                        "int64-beyond-2^53-as-string",
                        pointer,
                        Effect::Valid,
                        &|d| set(d, pointer, json!("9007199254740993")),
                    );
                }
                if !nullable && !pointer.is_empty() && !is_item(pointer) {
                    push("null-for-non-nullable", pointer, Effect::Invalid, &|d| {
                        set(d, pointer, Value::Null)
                    });
                }
            }
            Site::Enum { id, nullable } => {
                let e = model.get(*id).as_enum().expect("an enum");
                let current = doc
                    .pointer(pointer)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                if e.is_flags && !current.is_empty() {
                    let text = format!("{current},");
                    push("flags-empty-part", pointer, Effect::StrictOnly, &|d| {
                        set(d, pointer, json!(text.clone()))
                    });
                }
                push("enum-not-a-string", pointer, Effect::Invalid, &|d| {
                    set(d, pointer, json!(7))
                });
                push("unknown-enum-value", pointer, Effect::StrictOnly, &|d| {
                    set(d, pointer, json!("zzNotAMember"))
                });
                // Graph's evolvable enums, judged as a response without the
                // preference (the default context): the sentinel is what
                // Graph sends; an evolvable member is what it would not.
                if let Some(s) = e.sentinel() {
                    let sentinel = e.members[s].name.clone();
                    push("sentinel-enum-value", pointer, Effect::Valid, &|d| {
                        set(d, pointer, json!(sentinel.clone()))
                    });
                }
                if let Some(i) = e.evolvable().next() {
                    let member = e.members[i].name.clone();
                    push("evolvable-enum-value", pointer, Effect::StrictOnly, &|d| {
                        set(d, pointer, json!(member.clone()))
                    });
                }
                if let Some(m) = e.members.iter().find(|m| m.name == current) {
                    let variant = flip_case(&m.name);
                    if !e.members.iter().any(|x| x.name == variant) {
                        push(
                            "case-variant-enum-value",
                            pointer,
                            Effect::StrictOnly,
                            &|d| set(d, pointer, json!(variant.clone())),
                        );
                    }
                }
                if !nullable && !is_item(pointer) {
                    push("null-for-non-nullable", pointer, Effect::Invalid, &|d| {
                        set(d, pointer, Value::Null)
                    });
                }
            }
            Site::Object {
                declared,
                actual,
                has_type,
                nullable,
            } => {
                let open = model.get(*actual).structured().is_some_and(|s| s.open_type);
                let extra_effect = if open {
                    Effect::Valid
                } else {
                    Effect::StrictOnly
                };
                push(
                    "extra-property",
                    pointer,
                    extra_effect,
                    &|d| match d.pointer_mut(pointer) {
                        Some(Value::Object(o)) if !o.contains_key("zzUnexpected") => {
                            o.insert("zzUnexpected".into(), json!(1));
                            true
                        }
                        _ => false,
                    },
                );
                push("wrong-json-type", pointer, Effect::Invalid, &|d| {
                    set(d, pointer, json!("an object was expected"))
                });
                // Another name: the declared type's own properties are then
                // checked; subtype properties become unchecked extras.
                let effect = if actual == declared {
                    Effect::StrictOnly
                } else {
                    Effect::Unknown
                };
                push("unknown-odata-type", pointer, effect, &|d| {
                    set_type(d, pointer, "#microsoft.graph.zzNoSuchType")
                });
                if let Some(other) = incompatible(model, *declared, &mut rng) {
                    let name = format!("#{}", model.get(other).name);
                    push("incompatible-odata-type", pointer, effect, &|d| {
                        set_type(d, pointer, &name)
                    });
                }
                push("odata-type-not-a-string", pointer, Effect::Invalid, &|d| {
                    set_type_value(d, pointer, json!(1))
                });
                let abstract_ = model
                    .get(*declared)
                    .structured()
                    .is_some_and(|s| s.is_abstract);
                if abstract_ && *has_type {
                    let effect = if actual == declared {
                        Effect::StrictOnly
                    } else {
                        Effect::Unknown
                    };
                    push("abstract-without-odata-type", pointer, effect, &|d| match d
                        .pointer_mut(pointer)
                    {
                        Some(Value::Object(o)) => o.remove("@odata.type").is_some(),
                        _ => false,
                    });
                }
                if !nullable && !pointer.is_empty() && !is_item(pointer) {
                    push("null-for-non-nullable", pointer, Effect::Invalid, &|d| {
                        set(d, pointer, Value::Null)
                    });
                }
                control(&mut push, pointer, doc);
            }
            Site::Array { nullable } => {
                push("wrong-json-type", pointer, Effect::Invalid, &|d| {
                    set(d, pointer, json!({"not": "an array"}))
                });
                push(
                    "null-item",
                    pointer,
                    Effect::Invalid,
                    &|d| match d.pointer_mut(pointer) {
                        Some(Value::Array(a)) => {
                            a.push(Value::Null);
                            true
                        }
                        _ => false,
                    },
                );
                let effect = if *nullable {
                    Effect::StrictOnly
                } else {
                    Effect::Invalid
                };
                push("null-collection", pointer, effect, &|d| {
                    set(d, pointer, Value::Null)
                });
            }
        }
    }
    out
}

type Push<'a> = dyn FnMut(&'static str, &str, Effect, &dyn Fn(&mut Value) -> bool) + 'a;

/// Control information of the wrong JSON type on the object at `pointer`:
/// `@odata.context`, `@odata.etag`, `@odata.id`, `@odata.count`,
/// `@odata.nextLink`, and a property annotation.
fn control(push: &mut Push<'_>, pointer: &str, doc: &Value) {
    let Some(Value::Object(o)) = (if pointer.is_empty() {
        Some(doc)
    } else {
        doc.pointer(pointer)
    }) else {
        return;
    };
    let first_property = o.keys().find(|k| !k.contains('@')).cloned();
    let cases: [(&'static str, String, Value); 8] = [
        (
            "control-information-wrong-type",
            "@odata.context".into(),
            json!(3),
        ),
        (
            "control-information-wrong-type",
            "@odata.context".into(),
            Value::Null,
        ),
        (
            "control-information-wrong-type",
            "@odata.etag".into(),
            json!({}),
        ),
        (
            "control-information-wrong-type",
            "@odata.id".into(),
            json!(true),
        ),
        ("count-not-an-integer", "@odata.count".into(), json!("INF")),
        ("count-not-an-integer", "@odata.count".into(), json!(1.5)),
        (
            "control-information-wrong-type",
            "@odata.nextLink".into(),
            json!({}),
        ),
        (
            "control-information-wrong-type",
            format!(
                "{}@odata.context",
                first_property.unwrap_or_else(|| "x".into())
            ),
            json!([]),
        ),
    ];
    for (kind, key, value) in cases {
        push(kind, pointer, Effect::Invalid, &|d| {
            let target = if pointer.is_empty() {
                Some(d)
            } else {
                d.pointer_mut(pointer)
            };
            match target {
                Some(Value::Object(o)) => {
                    o.insert(key.clone(), value.clone());
                    true
                }
                _ => false,
            }
        });
    }
}

/// Whether the pointer's last token is an array index.
fn is_item(pointer: &str) -> bool {
    pointer
        .rsplit('/')
        .next()
        .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
}

fn flip_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn set_type(d: &mut Value, pointer: &str, name: &str) -> bool {
    set_type_value(d, pointer, json!(name))
}

fn set_type_value(d: &mut Value, pointer: &str, v: Value) -> bool {
    let target = if pointer.is_empty() {
        Some(d)
    } else {
        d.pointer_mut(pointer)
    };
    match target {
        Some(Value::Object(o)) => {
            o.insert("@odata.type".into(), v);
            true
        }
        _ => false,
    }
}

/// A structured type that is not `declared` and does not derive from it.
fn incompatible(model: &Model, declared: TypeId, rng: &mut Rng) -> Option<TypeId> {
    let n = model.types.len();
    for _ in 0..16 {
        let id = TypeId(rng.below(n) as u32);
        if id != declared
            && model.get(id).structured().is_some()
            && !model.base_chain(id).contains(&declared)
        {
            return Some(id);
        }
    }
    None
}

/// Mutations that know nothing of the model (byte edits, truncations,
/// values swapped for `null`, `true`, numbers out of range, `"INF"`, lone
/// surrogates, impossible dates, objects and arrays): `count` of them.
pub fn blind_mutations(text: &str, doc: &Value, seed: &str, count: usize) -> Vec<Mutation> {
    let mut rng = Rng::new(seed);
    let mut pointers = Vec::new();
    collect_pointers(doc, "", &mut pointers);
    let replacements = [
        json!(null),
        json!(true),
        json!(1e300),
        json!(-9223372036854775809.0),
        json!(18446744073709551616.0),
        json!("INF"),
        json!("2024-13-45T25:61:00Z"),
        json!({}),
        json!([]),
        json!([null]),
        json!(""),
        json!(3.5),
        json!(-1),
    ];
    let mut out = Vec::new();
    for i in 0..count {
        let m = match i % 4 {
            0 if !text.is_empty() => {
                let cut = rng.below(text.len());
                let cut = (0..=cut)
                    .rev()
                    .find(|c| text.is_char_boundary(*c))
                    .unwrap_or(0);
                ("truncated", String::new(), text[..cut].to_string())
            }
            1 if !text.is_empty() => {
                let at = rng.below(text.len());
                let at = (0..=at)
                    .rev()
                    .find(|c| text.is_char_boundary(*c))
                    .unwrap_or(0);
                let bytes = [b'"', b',', b'}', b'{', b'0', b':', b'\\', b']'];
                let mut s = text.to_string();
                let end = s[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                s.replace_range(
                    at..end,
                    &(bytes[rng.below(bytes.len())] as char).to_string(),
                );
                ("byte-edit", String::new(), s)
            }
            2 if !pointers.is_empty() => {
                let p = pointers[rng.below(pointers.len())].clone();
                let mut d = doc.clone();
                let v = replacements[rng.below(replacements.len())].clone();
                set(&mut d, &p, v);
                (
                    "value-swap",
                    p,
                    serde_json::to_string(&d).expect("serializes"),
                )
            }
            _ if !pointers.is_empty() => {
                // A lone surrogate inside a string value.
                let p = pointers[rng.below(pointers.len())].clone();
                let mut d = doc.clone();
                set(&mut d, &p, json!("x"));
                let s = serde_json::to_string(&d).expect("serializes");
                ("lone-surrogate", p, s.replacen("\"x\"", "\"x\\ud800\"", 1))
            }
            _ => continue,
        };
        out.push(Mutation {
            kind: m.0,
            pointer: m.1,
            text: m.2,
            effect: Effect::Unknown,
        });
    }
    out
}

fn collect_pointers(v: &Value, pointer: &str, out: &mut Vec<String>) {
    out.push(pointer.to_string());
    match v {
        Value::Object(o) => {
            for (k, v) in o {
                collect_pointers(v, &child(pointer, k), out);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                collect_pointers(v, &child(pointer, &i.to_string()), out);
            }
        }
        _ => {}
    }
}
