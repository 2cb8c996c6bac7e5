//! `@odata.type` dispatch for abstract and derived-from types.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Error as _, MapAccess, Visitor};
use serde::{Serialize, Serializer};

use super::key::{next_key, next_text};
use super::read::{read_place, stream_into};
use super::structs::{duplicate, insert_unique};
use super::value::{Place, View};
use super::{Extra, Struct};
use crate::extra::Member;

/// Implemented by every generated `…Any` enum, in code that does not
/// depend on the format.
pub trait Polymorphic {
    /// The declared (base) type's qualified name.
    fn base_name(&self) -> &'static str;
    /// `(alias, namespace)` pairs of the model, to accept `#graph.x`.
    fn aliases(&self) -> &'static [(&'static str, &'static str)];
    /// Becomes a blank value of the variant for the normalised type name
    /// (the declared type's own name included) and gives its struct; `None`
    /// (unchanged) for a name that is not the declared type or a subtype.
    fn select(&mut self, type_name: &str) -> Option<&mut dyn Struct>;
    /// Becomes the unknown variant.
    fn set_unknown(&mut self, value: UnknownSubtype);
    /// The variant, for the writer.
    fn variant(&self) -> Variant<'_>;
}

/// A polymorphic value's variant, as the writer sees it.
pub enum Variant<'a> {
    /// The declared type itself: written with no `@odata.type` of its own.
    Base(&'a dyn Struct),
    /// A subtype: written after its `@odata.type` (`#` + qualified name)
    /// unless it kept one as read.
    Derived(&'static str, &'a dyn Struct),
    /// A type the model does not have, kept whole.
    Unknown(&'a UnknownSubtype),
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
/// written.
struct Head<'de> {
    before: Extra,
    odata_type: Cow<'de, str>,
}

impl Head<'_> {
    /// Every member read, the `@odata.type` last (`before` has none: the
    /// reader dispatches at the first).
    fn into_extra(self) -> Extra {
        let mut extra = self.before;
        let value = serde_json::Value::String(self.odata_type.into_owned());
        extra.push_new("@odata.type", value.into());
        extra
    }

    /// The members a struct of type `type_name` keeps: all of them, unless
    /// the `@odata.type` came first and is spelled `#` + the qualified name
    /// — what the variant writes back in that place, so keeping it would
    /// only cost an allocation per object.
    fn for_struct(self, type_name: &str) -> Extra {
        let canonical = self.odata_type.strip_prefix('#') == Some(type_name);
        if canonical && self.before.is_empty() {
            self.before
        } else {
            self.into_extra()
        }
    }
}

/// Reads the rest of an object into `out`, with `head` (members read
/// already) among its extra members.
fn read_struct<'de, A: MapAccess<'de>>(
    out: &mut dyn Struct,
    head: Head<'de>,
    map: &mut A,
) -> Result<(), A::Error> {
    let extra = head.for_struct(out.type_name());
    out.set_extra(extra);
    match stream_into(out, None, map, true)? {
        None => Ok(()),
        // Refused whether or not the first one was kept among the extras.
        Some(_) => Err(duplicate("@odata.type")),
    }
}

/// Reads the rest of an object into `object`, kept whole.
fn read_rest<'de, A: MapAccess<'de>>(
    mut object: Extra,
    map: &mut A,
) -> Result<UnknownSubtype, A::Error> {
    while let Some(key) = next_key(map)? {
        let value: Member = map.next_value()?;
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
pub(super) struct PolyVisitor<'a>(pub(super) &'a mut dyn Polymorphic);

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

impl<'de> Visitor<'de> for PolyVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a JSON object of type {} or a subtype",
            self.0.base_name()
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let p = self.0;
        let (base, aliases) = (p.base_name(), p.aliases());
        let mut head = Extra::new();
        loop {
            let Some(key) = next_key(&mut map)? else {
                // Only control information (or nothing): no `@odata.type`.
                if let Some(s) = p.select(base) {
                    s.set_extra(head);
                }
                return Ok(());
            };
            if key == "@odata.type" {
                let raw = next_text(&mut map, "`@odata.type` as a string")?;
                // Borrowed from the input, not from `raw`, which moves on.
                let name = match &raw {
                    Cow::Borrowed(text) => normalize_type_name(text, aliases),
                    Cow::Owned(text) => Cow::Owned(normalize_type_name(text, aliases).into_owned()),
                };
                if name == base {
                    // The base struct writes no type of its own: keep it.
                    let value = serde_json::Value::String(raw.into_owned());
                    insert_unique(&mut head, &key, value.into())?;
                    return stream_base(p, head, None, map);
                }
                let head = Head {
                    before: head,
                    odata_type: raw,
                };
                return match p.select(&name) {
                    Some(s) => read_struct(s, head, &mut map),
                    None => {
                        let unknown = read_rest(head.into_extra(), &mut map)?;
                        p.set_unknown(unknown);
                        Ok(())
                    }
                };
            }
            if key.starts_with('@') {
                let value: Member = map.next_value()?;
                insert_unique(&mut head, &key, value)?;
                continue;
            }
            return stream_base(p, head, Some(key), map);
        }
    }
}

fn stream_base<'de, A: MapAccess<'de>>(
    p: &mut dyn Polymorphic,
    head: Extra,
    pending: Option<Cow<'de, str>>,
    mut map: A,
) -> Result<(), A::Error> {
    let base_name = p.base_name();
    let Some(base) = p.select(base_name) else {
        return Err(A::Error::custom("a polymorphic type without its base"));
    };
    base.set_extra(head);
    let Some(value) = stream_into(base, pending, &mut map, true)? else {
        return Ok(());
    };
    // Out of order: the type first, then what was read, then the rest.
    type_name::<A::Error>(&value, p.aliases())?;
    let rest = read_rest(Extra::new(), &mut map)?;
    let text = reordered(&value, p, &rest.object).map_err(A::Error::custom)?;
    let mut de = serde_json::Deserializer::from_str(&text);
    read_place(&mut de, Place::Poly(p))
        .and_then(|()| de.end())
        .map_err(A::Error::custom)
}

/// JSON text of the object in OData's order: `@odata.type` first, then what
/// the base struct read (as it writes it: control information, properties,
/// other members), then `rest`. Read again through serde_json's text
/// reader, which the runtime has compiled once for every type — not a
/// second format (a `Value`) for every type a polymorphic value can hold.
fn reordered(
    odata_type: &serde_json::Value,
    p: &dyn Polymorphic,
    rest: &Extra,
) -> Result<String, serde_json::Error> {
    let written = serde_json::to_string(&View::Poly(p))?;
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
    for (k, v) in rest.members() {
        text.push(',');
        text.push_str(&serde_json::to_string(k)?);
        text.push(':');
        text.push_str(&serde_json::to_string(v)?);
    }
    text.push('}');
    Ok(text)
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
