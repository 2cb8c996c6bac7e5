//! `schemars::JsonSchema`: generated types return definitions of the JSON
//! Schema that `graph-model schema` exports (embedded by the generator as
//! `SCHEMA_BUNDLE`), so that a schemars-based API framework describes Graph
//! types exactly as the validator reads them. The runtime's own types
//! (`Nullable`, `Collection`, `Flags`, Edm primitives...) describe themselves
//! the same way.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

use crate::edm;

/// The JSON Schema of each Edm primitive and of a collection response, as
/// `graph-model-csdl`'s export writes them (`tests/tests/cases/schemars_impls.rs`
/// holds this file to that export), so that this crate does not depend on
/// the CSDL reader for them.
const RUNTIME_SCHEMAS: &str = include_str!("runtime_schemas.json");

/// [`RUNTIME_SCHEMAS`], parsed once.
fn runtime_schemas() -> &'static Map<String, Value> {
    static PARSED: OnceLock<Map<String, Value>> = OnceLock::new();
    PARSED.get_or_init(|| match serde_json::from_str(RUNTIME_SCHEMAS) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    })
}

/// Parsed bundles by the address of their text.
type Parsed = Mutex<HashMap<usize, Arc<Map<String, Value>>>>;

/// The parsed `$defs` of a bundle, parsed once per process.
fn definitions(bundle: &'static str) -> Arc<Map<String, Value>> {
    static CACHE: OnceLock<Parsed> = OnceLock::new();
    let key = bundle.as_ptr() as usize;
    let cache = CACHE.get_or_init(Default::default);
    if let Some(d) = cache.lock().expect("not poisoned").get(&key) {
        return d.clone();
    }
    let mut root: Value = serde_json::from_str(bundle).expect("the generated bundle is JSON");
    let defs = match root.get_mut("$defs").map(Value::take) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let defs = Arc::new(defs);
    cache
        .lock()
        .expect("not poisoned")
        .insert(key, defs.clone());
    defs
}

const EXPORTED: &str = "#/$defs/";

/// The generator's prefix for references (`#/$defs/` by default).
fn prefix(g: &SchemaGenerator) -> String {
    let path = g.settings().definitions_path.as_ref();
    format!("#{}/", path.trim_start_matches('#').trim_end_matches('/'))
}

/// `v` with references into the bundle pointed at the generator's
/// definitions, and the names it refers to.
fn retarget(v: &Value, to: &str, refs: &mut Vec<String>) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| match (k.as_str(), v) {
                    ("$ref", Value::String(s)) if s.starts_with(EXPORTED) => {
                        let name = s[EXPORTED.len()..].replace("~1", "/").replace("~0", "~");
                        refs.push(name);
                        (
                            k.clone(),
                            Value::String(format!("{to}{}", &s[EXPORTED.len()..])),
                        )
                    }
                    _ => (k.clone(), retarget(v, to, refs)),
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|v| retarget(v, to, refs)).collect()),
        other => other.clone(),
    }
}

/// The definition `name` of a generated bundle, with every definition it
/// refers to (transitively) added to the generator. What the generated
/// `JsonSchema::json_schema` impls call.
pub fn schema_definition(bundle: &'static str, name: &str, g: &mut SchemaGenerator) -> Schema {
    let defs = definitions(bundle);
    let to = prefix(g);
    let mut refs = Vec::new();
    let own = retarget(defs.get(name).unwrap_or(&Value::Bool(true)), &to, &mut refs);
    let mut seen: HashSet<String> = HashSet::from([name.to_string()]);
    while let Some(r) = refs.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        let Some(def) = defs.get(&r) else { continue };
        let def = retarget(def, &to, &mut refs);
        g.definitions_mut().entry(r).or_insert(def);
    }
    Schema::try_from(own).unwrap_or_else(|_| Schema::from(true))
}

/// A shared Edm primitive definition, by its qualified name.
fn primitive(name: &str) -> Schema {
    let def = runtime_schemas()
        .get("primitives")
        .and_then(|p| p.get(name))
        .cloned()
        .unwrap_or(Value::Bool(true));
    Schema::try_from(def).unwrap_or_else(|_| Schema::from(true))
}

macro_rules! edm_schema {
    ($($ty:ty => $name:literal;)*) => {$(
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
            fn schema_id() -> Cow<'static, str> {
                Cow::Borrowed(concat!("graph-model:", $name))
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                primitive($name)
            }
        }
    )*};
}

edm_schema! {
    edm::Int64 => "Edm.Int64";
    edm::Double => "Edm.Double";
    edm::Decimal => "Edm.Decimal";
    edm::Guid => "Edm.Guid";
    edm::Binary => "Edm.Binary";
    edm::Date => "Edm.Date";
    edm::DateTimeOffset => "Edm.DateTimeOffset";
    edm::TimeOfDay => "Edm.TimeOfDay";
    edm::Duration => "Edm.Duration";
}

impl<T: JsonSchema> JsonSchema for crate::Nullable<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("Nullable_{}", T::schema_name()).into()
    }
    /// `null` or a `T` (as `if`/`then`, like the exported schema).
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let inner = g.subschema_for::<T>().to_value();
        Schema::try_from(json!({ "if": { "not": { "type": "null" } }, "then": inner }))
            .expect("an object")
    }
}

impl<T: JsonSchema> JsonSchema for crate::Collection<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("Collection_{}", T::schema_name()).into()
    }
    /// A collection response, as the exported (lenient) schema describes it.
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let item = g.subschema_for::<T>().to_value();
        let mut envelope = runtime_schemas()
            .get("collection")
            .cloned()
            .unwrap_or_else(|| json!({ "type": "object" }));
        if let Some(items) = envelope.pointer_mut("/properties/value/items") {
            *items = item;
        }
        Schema::try_from(envelope).expect("an object")
    }
}

impl<E: JsonSchema> JsonSchema for crate::Flags<E> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        E::schema_name()
    }
    /// The flags enum's definition (a comma-separated list of members).
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        g.subschema_for::<E>()
    }
}

impl JsonSchema for crate::Extra {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Extra")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        Schema::try_from(json!({ "type": "object" })).expect("an object")
    }
}

impl JsonSchema for crate::UnknownSubtype {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("UnknownSubtype")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        Schema::try_from(json!({
            "type": "object",
            "required": ["@odata.type"],
            "properties": { "@odata.type": { "type": "string" } },
        }))
        .expect("an object")
    }
}

impl JsonSchema for crate::Untyped {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Untyped")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        Schema::try_from(json!({
            "description": "Any JSON: its type is not among the generated types (the validator checks it against the model)."
        }))
        .expect("an object")
    }
}
