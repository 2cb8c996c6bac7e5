//! `@odata.type` dispatch for abstract and derived-from types.

use std::borrow::Cow;

use serde::de::{DeserializeOwned, Error as _, MapAccess};
use serde::{Deserializer, Serialize, Serializer};

use super::key::{next_key, next_text};
use super::structs::{duplicate, insert_unique, read_entry, stream_into};
use super::{Extra, Struct};

/// Implemented by every generated `…Any` enum.
pub trait Polymorphic: Sized + DeserializeOwned {
    /// The declared type's own struct.
    type Base: Struct + Serialize;

    /// The declared (base) type's qualified name.
    const BASE: &'static str;
    /// `(alias, namespace)` pairs of the model, to accept `#graph.x`.
    const ALIASES: &'static [(&'static str, &'static str)];

    /// Reads the rest of an object whose normalised `@odata.type` is
    /// `type_name` (not the declared type) into its variant: a known subtype
    /// streams into its struct ([`read_struct`]), anything else is kept
    /// whole as unknown ([`read_unknown`]). `head` holds what was read
    /// before, the `@odata.type` included.
    fn read_variant<'de, A: MapAccess<'de>>(
        type_name: &str,
        head: Head<'de>,
        map: A,
    ) -> Result<Self, A::Error>;

    /// The variant for a value of the declared type itself.
    fn from_base(base: Self::Base) -> Self;
}

/// `#microsoft.graph.x`, `microsoft.graph.x` and `#graph.x` → `microsoft.graph.x`
/// (borrowed unless an alias is replaced).
pub fn normalize_type_name<'a>(raw: &'a str, aliases: &[(&str, &str)]) -> Cow<'a, str> {
    let t = raw.strip_prefix('#').unwrap_or(raw);
    // `alias.local`, with no dot in `local` (the namespace is all before
    // the last dot): tested from the front, so a name that starts with no
    // alias is not searched for its last dot.
    for (alias, full) in aliases {
        let local = t.strip_prefix(alias).and_then(|r| r.strip_prefix('.'));
        if let Some(local) = local.filter(|l| !l.contains('.')) {
            return Cow::Owned(format!("{full}.{local}"));
        }
    }
    Cow::Borrowed(t)
}

/// What a polymorphic object held when its `@odata.type` named a type other
/// than the declared one: the members read before it and the type as
/// written, for the generated `read_variant` to hand to [`read_struct`] or
/// [`read_unknown`].
pub struct Head<'de> {
    before: Extra,
    odata_type: Cow<'de, str>,
}

impl Head<'_> {
    /// Every member read, the `@odata.type` last (`before` has none: the
    /// reader dispatches at the first).
    fn into_extra(self) -> Extra {
        let mut extra = self.before;
        let value = serde_json::Value::String(self.odata_type.into_owned());
        extra.push_new("@odata.type", value);
        extra
    }

    /// The members `T`'s struct keeps: all of them, unless the
    /// `@odata.type` came first and is spelled `#` + `T`'s qualified name —
    /// what the variant writes back in that place, so keeping it would only
    /// cost an allocation per object.
    fn for_struct<T: Struct>(self) -> Extra {
        let canonical = self.odata_type.strip_prefix('#') == Some(T::TYPE_NAME);
        if canonical && self.before.is_empty() {
            self.before
        } else {
            self.into_extra()
        }
    }
}

/// Reads the rest of an object into a `T`, with `head` (members read
/// already) among its extra members. For generated `read_variant`s.
pub fn read_struct<'de, T: Struct, A: MapAccess<'de>>(
    head: Head<'de>,
    mut map: A,
) -> Result<T, A::Error> {
    let mut out = T::default();
    *out.extra_mut() = head.for_struct::<T>();
    match stream_into(&mut out, &mut map, true)? {
        None => Ok(out),
        // Refused whether or not the first one was kept among the extras.
        Some(_) => Err(duplicate("@odata.type")),
    }
}

/// Reads the rest of an object as an unknown subtype, kept whole.
pub fn read_unknown<'de, A: MapAccess<'de>>(
    head: Head<'de>,
    map: A,
) -> Result<UnknownSubtype, A::Error> {
    read_rest(head.into_extra(), map)
}

/// Reads the rest of an object into `object`, kept whole.
fn read_rest<'de, A: MapAccess<'de>>(
    mut object: Extra,
    mut map: A,
) -> Result<UnknownSubtype, A::Error> {
    while let Some(key) = next_key(&mut map)? {
        let value: serde_json::Value = map.next_value()?;
        insert_unique(&mut object, &key, value)?;
    }
    Ok(UnknownSubtype::new(object))
}

/// Reads a polymorphic object.
///
/// Graph writes control information (`@odata.type` included) before the
/// properties, so every common case streams: control entries are read
/// first; an `@odata.type` naming the declared type, or the first property
/// arriving with no `@odata.type` before it, streams into the declared
/// type's struct; an `@odata.type` naming a subtype streams into that
/// subtype's struct. Only an `@odata.type` that comes after properties (out
/// of order) costs a buffer: what was read so far is written back into one,
/// with the type first, and read again.
struct PolyVisitor<P>(std::marker::PhantomData<P>);

fn type_name<'v, E: serde::de::Error>(
    v: &'v serde_json::Value,
    aliases: &[(&str, &str)],
) -> Result<Cow<'v, str>, E> {
    match v {
        serde_json::Value::String(s) => Ok(normalize_type_name(s, aliases)),
        other => Err(E::custom(format_args!(
            "`@odata.type` must be a string, found {other}"
        ))),
    }
}

impl<'de, P: Polymorphic> serde::de::Visitor<'de> for PolyVisitor<P> {
    type Value = P;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a JSON object of type {} or a subtype", P::BASE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
        let mut head = Extra::new();
        loop {
            let Some(key) = next_key(&mut map)? else {
                // Only control information (or nothing): no `@odata.type`.
                let mut base = P::Base::default();
                *base.extra_mut() = head;
                return Ok(P::from_base(base));
            };
            if key == "@odata.type" {
                let raw = next_text(&mut map, "`@odata.type` as a string")?;
                // Borrowed from the input, not from `raw`, which moves on.
                let name = match &raw {
                    Cow::Borrowed(text) => normalize_type_name(text, P::ALIASES),
                    Cow::Owned(text) => {
                        Cow::Owned(normalize_type_name(text, P::ALIASES).into_owned())
                    }
                };
                if name == P::BASE {
                    // The base struct writes no type of its own: keep it.
                    let value = serde_json::Value::String(raw.into_owned());
                    insert_unique(&mut head, &key, value)?;
                    return stream_base::<P, A>(head, None, map);
                }
                let head = Head {
                    before: head,
                    odata_type: raw,
                };
                return P::read_variant(&name, head, map);
            }
            if key.starts_with('@') {
                let value: serde_json::Value = map.next_value()?;
                insert_unique(&mut head, &key, value)?;
                continue;
            }
            return stream_base::<P, A>(head, Some(key), map);
        }
    }
}

fn stream_base<'de, P: Polymorphic, A: MapAccess<'de>>(
    head: Extra,
    pending: Option<Cow<'de, str>>,
    mut map: A,
) -> Result<P, A::Error> {
    let mut base = P::Base::default();
    *base.extra_mut() = head;
    if let Some(key) = pending {
        read_entry(&mut base, key, &mut map)?;
    }
    match stream_into(&mut base, &mut map, true)? {
        None => Ok(P::from_base(base)),
        Some(value) => {
            // Out of order: the type first, then what was read, then the rest.
            type_name::<A::Error>(&value, P::ALIASES)?;
            let rest = read_rest(Extra::new(), map)?;
            reread::<P>(&value, &base, &rest.object).map_err(A::Error::custom)
        }
    }
}

/// Reads `P` again from JSON text written in OData's order: `@odata.type`
/// first, then what `base` read (as it writes it: control information,
/// properties, other members), then `rest`. Through serde_json's text
/// writer and reader, which a program that reads and writes JSON text has
/// compiled for its types already — not a second format (a `Value`) for
/// every type a polymorphic value can hold.
fn reread<P: Polymorphic>(
    odata_type: &serde_json::Value,
    base: &P::Base,
    rest: &Extra,
) -> Result<P, serde_json::Error> {
    let written = serde_json::to_string(base)?;
    let mut text = String::with_capacity(written.len() + 64);
    text.push_str("{\"@odata.type\":");
    text.push_str(&serde_json::to_string(odata_type)?);
    let members = written
        .strip_prefix('{')
        .and_then(|w| w.strip_suffix('}'))
        .unwrap_or_default();
    if !members.is_empty() {
        text.push(',');
        text.push_str(members);
    }
    for (k, v) in rest {
        text.push(',');
        text.push_str(&serde_json::to_string(k)?);
        text.push(':');
        text.push_str(&serde_json::to_string(v)?);
    }
    text.push('}');
    serde_json::from_str(&text)
}

/// Deserializes a polymorphic value (see the module docs).
pub fn de_poly<'de, D: Deserializer<'de>, P: Polymorphic>(d: D) -> Result<P, D::Error> {
    d.deserialize_map(PolyVisitor(std::marker::PhantomData))
}

/// A value whose `@odata.type` names a type the model does not have (or
/// one that does not derive from the declared type). Kept whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnknownSubtype {
    /// `@odata.type` exactly as written.
    pub odata_type: String,
    /// The whole object, `@odata.type` included, in the order read.
    pub object: Extra,
}

impl UnknownSubtype {
    /// Keeps `object`, reading its `@odata.type`.
    pub fn new(object: Extra) -> Self {
        let odata_type = object
            .get("@odata.type")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        Self { odata_type, object }
    }
}

impl Serialize for UnknownSubtype {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.object.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_type_name;

    /// What the name means: the namespace is everything before the last
    /// dot, and an alias names a whole namespace.
    fn by_last_dot(raw: &str, aliases: &[(&str, &str)]) -> String {
        let t = raw.strip_prefix('#').unwrap_or(raw);
        match t.rsplit_once('.') {
            Some((ns, local)) => match aliases.iter().find(|(a, _)| *a == ns) {
                Some((_, full)) => format!("{full}.{local}"),
                None => t.to_string(),
            },
            None => t.to_string(),
        }
    }

    #[test]
    fn an_alias_is_replaced_only_when_it_is_the_whole_namespace() {
        let aliases = [("g", "microsoft.graph.g"), ("graph", "microsoft.graph")];
        let names = [
            "#graph.user",
            "graph.user",
            "#microsoft.graph.user",
            "graph.x.y",
            "graphx.y",
            "x.graph.y",
            "graph",
            "graph.",
            "#g.x",
            "g.graph.x",
            "gr.x",
            "",
            "#",
        ];
        for name in names {
            assert_eq!(
                normalize_type_name(name, &aliases),
                by_last_dot(name, &aliases),
                "{name}"
            );
        }
        assert!(matches!(
            normalize_type_name("#microsoft.graph.user", &aliases),
            std::borrow::Cow::Borrowed("microsoft.graph.user")
        ));
    }
}
