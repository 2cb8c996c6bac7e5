//! In-memory evaluation of a bound query over JSON, as a server would
//! answer it: `$filter`, `$count`, `$orderby`, `$skip`, `$top`, then for
//! each item the nested `$expand` options and `$select`. For mocks, fakes
//! and tests; values of the generated types go through their JSON
//! ([`eval_items`]).

use std::cmp::Ordering;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::ast::*;
use super::bind::Bound;
use super::evolvable::EnumProps;
use graph_model::edm;

/// Why a query could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// The part of the query that could not be evaluated.
    pub span: Span,
    /// Why.
    pub message: String,
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "at {}..{}: {}",
            self.span.start, self.span.end, self.message
        )
    }
}

impl std::error::Error for EvalError {}

type Result<T> = std::result::Result<T, EvalError>;

fn fail<T>(span: &Span, message: impl Into<String>) -> Result<T> {
    Err(EvalError {
        span: span.clone(),
        message: message.into(),
    })
}

/// Applies the bound query to `value`: a collection page
/// (`{"value": [...]}`, which gets `@odata.count` when `$count=true`), a
/// JSON array, or a single entity (only `$expand` options and `$select`
/// apply).
pub fn eval(bound: &Bound, value: &Value) -> Result<Value> {
    let q = &bound.query;
    let enums = &EnumProps::of(bound);
    match value {
        Value::Array(items) => Ok(Value::Array(collection(q, items, enums)?.0)),
        Value::Object(page)
            if page.get("value").is_some_and(Value::is_array) && bound.collection =>
        {
            let items = page["value"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            let (items, count) = collection(q, items, enums)?;
            let mut out = Map::new();
            for (k, v) in page {
                if k == "value" {
                    if let Some(n) = count {
                        out.insert("@odata.count".into(), n.into());
                    }
                    out.insert(k.clone(), Value::Array(items.clone()));
                } else if k != "@odata.count" {
                    out.insert(k.clone(), v.clone());
                }
            }
            Ok(Value::Object(out))
        }
        other => {
            let mut one = shape(q, other)?;
            enums.replace(&mut one);
            Ok(one)
        }
    }
}

/// [`eval`] over values of generated types (through their JSON): the
/// items the query keeps, in its order, each with its expansions filtered
/// and its selection applied.
pub fn eval_items<T: Serialize + DeserializeOwned>(bound: &Bound, items: &[T]) -> Result<Vec<T>> {
    let json = |e: serde_json::Error| EvalError {
        span: 0..0,
        message: format!("the items do not convert through JSON: {e}"),
    };
    let values = items
        .iter()
        .map(serde_json::to_value)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(json)?;
    let enums = &EnumProps::of(bound);
    let (kept, _) = collection(&bound.query, &values, enums)?;
    kept.into_iter()
        .map(|v| serde_json::from_value(v).map_err(json))
        .collect()
}

/// Filter, count, order, skip, top, then shape each item (with Graph's
/// evolvable-enum rules for the properties `enums` knows).
fn collection(
    q: &Query,
    items: &[Value],
    enums: &EnumProps,
) -> Result<(Vec<Value>, Option<usize>)> {
    let mut kept: Vec<&Value> = Vec::new();
    for item in items {
        let keep = match &q.filter {
            Some(f) => truthy(&Ctx::new(q, item, enums).eval(f)?),
            None => true,
        };
        if keep {
            kept.push(item);
        }
    }
    let count = matches!(q.count, Some((true, _))).then_some(kept.len());
    if !q.orderby.is_empty() {
        let mut keyed = Vec::with_capacity(kept.len());
        for item in kept {
            let ctx = Ctx::new(q, item, enums);
            let keys = q
                .orderby
                .iter()
                .map(|o| {
                    let v = ctx.eval(&o.expr)?;
                    // An evolvable enum sorts by its members' values.
                    Ok(match enums.order_key(&o.expr, v.text()) {
                        Some(n) => V::Int(n.into()),
                        None => v,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            keyed.push((keys, item));
        }
        // Stable: equal keys keep their order.
        keyed.sort_by(|(a, _), (b, _)| {
            for ((x, y), o) in a.iter().zip(b).zip(&q.orderby) {
                let ord = order(x, y);
                let ord = if o.descending { ord.reverse() } else { ord };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            Ordering::Equal
        });
        kept = keyed.into_iter().map(|(_, i)| i).collect();
    }
    let skip = q.skip.as_ref().map_or(0, |n| n.value as usize);
    let top = q.top.as_ref().map_or(usize::MAX, |n| n.value as usize);
    let out = kept
        .into_iter()
        .skip(skip)
        .take(top)
        .map(|i| {
            let mut one = shape(q, i)?;
            enums.replace(&mut one);
            Ok(one)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((out, count))
}

/// Nested `$expand` options and `$select` on one item.
fn shape(q: &Query, item: &Value) -> Result<Value> {
    let Value::Object(obj) = item else {
        return Ok(item.clone());
    };
    let mut obj = obj.clone();
    for e in &q.expand {
        let Some(nav) = e.path.iter().rev().find(|s| !s.is_cast()) else {
            continue;
        };
        match obj.get(&nav.name) {
            Some(Value::Array(items)) => {
                let (items, count) = collection(&e.options, items, &EnumProps::none())?;
                if let Some(n) = count {
                    obj.insert(format!("{}@odata.count", nav.name), n.into());
                }
                obj.insert(nav.name.clone(), Value::Array(items));
            }
            Some(v @ Value::Object(_)) => {
                let v = shape(&e.options, v)?;
                obj.insert(nav.name.clone(), v);
            }
            _ => {}
        }
    }
    let selected: Vec<&str> = q
        .select
        .iter()
        .filter_map(|s| {
            s.path
                .iter()
                .find(|p| !p.is_cast())
                .map(|p| p.name.as_str())
        })
        .collect();
    if q.select.is_empty() || q.select.iter().any(|s| s.path.is_empty()) {
        return Ok(Value::Object(obj));
    }
    let expanded: Vec<&str> = q
        .expand
        .iter()
        .filter_map(|e| {
            e.path
                .iter()
                .rev()
                .find(|s| !s.is_cast())
                .map(|s| s.name.as_str())
        })
        .collect();
    let keep = |k: &str| {
        let name = k.split('@').next().unwrap_or(k);
        name.is_empty() || selected.contains(&name) || expanded.contains(&name)
    };
    obj.retain(|k, _| keep(k));
    Ok(Value::Object(obj))
}

/// A value during evaluation.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    DateTime(edm::DateTimeOffset),
    /// Dates, times of day, durations, Guids, binary: compared by text.
    Text(String),
    List(Vec<V>),
    Obj(Value),
}

impl V {
    fn from_json(v: &Value) -> V {
        match v {
            Value::Null => V::Null,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => V::Int(i.into()),
                (_, Some(u)) => V::Int(u.into()),
                _ => V::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => V::Str(s.clone()),
            Value::Array(a) => V::List(a.iter().map(V::from_json).collect()),
            Value::Object(_) => V::Obj(v.clone()),
        }
    }

    fn as_number(&self) -> Option<f64> {
        match self {
            V::Int(i) => Some(*i as f64),
            V::Float(f) => Some(*f),
            V::Str(s) => s.parse().ok(),
            _ => None,
        }
    }

    fn as_int(&self) -> Option<i128> {
        match self {
            V::Int(i) => Some(*i),
            V::Str(s) => s.parse().ok(),
            _ => None,
        }
    }

    fn as_datetime(&self) -> Option<edm::DateTimeOffset> {
        match self {
            V::DateTime(d) => Some(d.clone()),
            V::Str(s) => edm::DateTimeOffset::parse(s).ok(),
            _ => None,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            V::Str(s) | V::Text(s) => Some(s),
            _ => None,
        }
    }
}

fn truthy(v: &V) -> bool {
    matches!(v, V::Bool(true))
}

/// Compares two values of the same kind; `None` when they have no order.
fn compare(a: &V, b: &V) -> Option<Ordering> {
    match (a, b) {
        (V::Null, V::Null) => Some(Ordering::Equal),
        (V::Null, _) | (_, V::Null) => None,
        (V::Bool(x), V::Bool(y)) => Some(x.cmp(y)),
        (V::Int(_), _) | (_, V::Int(_)) if a.as_int().is_some() && b.as_int().is_some() => {
            Some(a.as_int()?.cmp(&b.as_int()?))
        }
        (V::Int(_) | V::Float(_), _) | (_, V::Int(_) | V::Float(_)) => {
            a.as_number()?.partial_cmp(&b.as_number()?)
        }
        (V::DateTime(_), _) | (_, V::DateTime(_)) => {
            Some(a.as_datetime()?.cmp_instant(&b.as_datetime()?))
        }
        (V::Str(x), V::Str(y)) => {
            // Two date-times written differently compare by instant.
            match (a.as_datetime(), b.as_datetime()) {
                (Some(p), Some(q)) => Some(p.cmp_instant(&q)),
                _ => Some(x.cmp(y)),
            }
        }
        (V::Text(x), V::Str(y) | V::Text(y)) | (V::Str(x), V::Text(y)) => {
            Some(x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()))
        }
        (V::List(x), V::List(y)) => (x == y).then_some(Ordering::Equal),
        (V::Obj(x), V::Obj(y)) => (x == y).then_some(Ordering::Equal),
        _ => None,
    }
}

/// `$orderby`'s order: null first, then by value; no order is equal.
fn order(a: &V, b: &V) -> Ordering {
    match (a, b) {
        (V::Null, V::Null) => Ordering::Equal,
        (V::Null, _) => Ordering::Less,
        (_, V::Null) => Ordering::Greater,
        _ => compare(a, b).unwrap_or(Ordering::Equal),
    }
}

/// One item's evaluation context: `$it`, lambda variables, aliases.
struct Ctx<'a> {
    query: &'a Query,
    it: V,
    vars: Vec<(String, V)>,
    enums: &'a EnumProps,
}

impl<'a> Ctx<'a> {
    fn new(query: &'a Query, item: &Value, enums: &'a EnumProps) -> Self {
        Ctx {
            query,
            it: V::from_json(item),
            vars: Vec::new(),
            enums,
        }
    }

    fn eval(&self, e: &Expr) -> Result<V> {
        Ok(match &e.kind {
            ExprKind::Literal(l) => literal(l),
            ExprKind::Path { root, segments } => self.path(root.as_ref(), segments)?,
            ExprKind::Alias(a) => match self.query.aliases.iter().find(|(n, _)| n == a) {
                Some((_, value)) => self.eval(value)?,
                None => return fail(&e.span, format!("the alias `@{a}` is not given a value")),
            },
            ExprKind::TypeName(_) => V::Null,
            ExprKind::Lambda {
                collection,
                all,
                body,
            } => {
                let items = match self.eval(collection)? {
                    V::List(items) => items,
                    _ => Vec::new(),
                };
                let Some((var, body)) = body else {
                    return Ok(V::Bool(!items.is_empty()));
                };
                let mut inner = Ctx {
                    query: self.query,
                    it: self.it.clone(),
                    vars: self.vars.clone(),
                    enums: self.enums,
                };
                let mut result = *all;
                for item in items {
                    inner.vars.push((var.name.clone(), item));
                    let hit = truthy(&inner.eval(body)?);
                    inner.vars.pop();
                    if hit != *all {
                        result = !*all;
                        break;
                    }
                }
                V::Bool(result)
            }
            ExprKind::Unary(UnaryOp::Not, inner) => match self.eval(inner)? {
                V::Bool(b) => V::Bool(!b),
                _ => V::Null,
            },
            ExprKind::Unary(UnaryOp::Negate, inner) => match self.eval(inner)? {
                V::Int(i) => V::Int(-i),
                V::Float(f) => V::Float(-f),
                _ => V::Null,
            },
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, &e.span)?,
            ExprKind::In(l, items) => {
                let v = self.eval(l)?;
                let mut candidates = Vec::new();
                for item in items {
                    match self.eval(item)? {
                        V::List(list) if items.len() == 1 => candidates.extend(list),
                        other => candidates.push(other),
                    }
                }
                V::Bool(
                    candidates
                        .iter()
                        .any(|c| compare(&v, c) == Some(Ordering::Equal)),
                )
            }
            ExprKind::Call(name, args) => self.call(name, args, &e.span)?,
        })
    }

    fn path(&self, root: Option<&Segment>, segments: &[Segment]) -> Result<V> {
        let mut segs = segments;
        let mut cur = match root {
            Some(r) if r.name == "$it" => self.it.clone(),
            Some(r) if r.name == "$this" => {
                self.vars.last().map_or(self.it.clone(), |(_, v)| v.clone())
            }
            Some(r) => return fail(&r.span, format!("`{}` is not evaluated in memory", r.name)),
            None => match segs
                .first()
                .and_then(|f| self.vars.iter().rev().find(|(n, _)| *n == f.name))
            {
                Some((_, v)) => {
                    segs = &segs[1..];
                    v.clone()
                }
                None => self.it.clone(),
            },
        };
        for seg in segs {
            cur = match (cur, seg.name.as_str()) {
                (V::List(items), "$count") => V::Int(items.len() as i128),
                (V::Obj(o), _) if seg.is_cast() => {
                    let t = o
                        .get("@odata.type")
                        .and_then(Value::as_str)
                        .map(|t| t.trim_start_matches('#'));
                    // Without `@odata.type` a value is of its declared type;
                    // the binder has checked the cast can apply.
                    if t.is_none_or(|t| t.ends_with(seg.name.rsplit('.').next().unwrap_or(""))) {
                        V::Obj(o)
                    } else {
                        V::Null
                    }
                }
                (V::Obj(o), name) => o.get(name).map_or(V::Null, V::from_json),
                _ => V::Null,
            };
        }
        Ok(cur)
    }

    fn binary(&self, op: BinaryOp, l: &Expr, r: &Expr, span: &Span) -> Result<V> {
        use BinaryOp::*;
        if matches!(op, And | Or) {
            let a = truthy(&self.eval(l)?);
            // Short-circuit as the server may.
            if (op == And && !a) || (op == Or && a) {
                return Ok(V::Bool(a));
            }
            return Ok(V::Bool(truthy(&self.eval(r)?)));
        }
        let (a, b) = (self.eval(l)?, self.eval(r)?);
        if let Some(hit) = self.enums.compare(op, (l, a.text()), (r, b.text())) {
            return Ok(V::Bool(hit));
        }
        Ok(match op {
            Eq => V::Bool(compare(&a, &b) == Some(Ordering::Equal)),
            Ne => V::Bool(compare(&a, &b) != Some(Ordering::Equal)),
            Gt => V::Bool(compare(&a, &b) == Some(Ordering::Greater)),
            Ge => V::Bool(matches!(
                compare(&a, &b),
                Some(Ordering::Greater | Ordering::Equal)
            )),
            Lt => V::Bool(compare(&a, &b) == Some(Ordering::Less)),
            Le => V::Bool(matches!(
                compare(&a, &b),
                Some(Ordering::Less | Ordering::Equal)
            )),
            Has => match (a.text(), b.text()) {
                (Some(flags), Some(wanted)) => {
                    let set: Vec<&str> = flags.split(',').map(str::trim).collect();
                    V::Bool(wanted.split(',').map(str::trim).all(|w| set.contains(&w)))
                }
                _ => V::Null,
            },
            _ => arithmetic(op, &a, &b, span)?,
        })
    }

    fn call(&self, name: &str, args: &[Expr], span: &Span) -> Result<V> {
        let vals = args
            .iter()
            .filter(|a| !matches!(a.kind, ExprKind::TypeName(_)))
            .map(|a| self.eval(a))
            .collect::<Result<Vec<_>>>()?;
        let s = |i: usize| vals.get(i).and_then(V::text).map(str::to_string);
        let int = |i: usize| vals.get(i).and_then(V::as_int);
        let text2 = || Some((s(0)?, s(1)?));
        Ok(match name {
            "contains" => text2().map_or(V::Null, |(a, b)| V::Bool(a.contains(&b))),
            "startswith" => text2().map_or(V::Null, |(a, b)| V::Bool(a.starts_with(&b))),
            "endswith" => text2().map_or(V::Null, |(a, b)| V::Bool(a.ends_with(&b))),
            "indexof" => text2().map_or(V::Null, |(a, b)| {
                V::Int(a.find(&b).map_or(-1, |i| a[..i].chars().count() as i128))
            }),
            "concat" => text2().map_or(V::Null, |(a, b)| V::Str(a + &b)),
            "length" => s(0).map_or(V::Null, |a| V::Int(a.chars().count() as i128)),
            "tolower" => s(0).map_or(V::Null, |a| V::Str(a.to_lowercase())),
            "toupper" => s(0).map_or(V::Null, |a| V::Str(a.to_uppercase())),
            "trim" => s(0).map_or(V::Null, |a| V::Str(a.trim().to_string())),
            "substring" => match (s(0), int(1)) {
                (Some(a), Some(start)) => {
                    let chars = a.chars().skip(start.max(0) as usize);
                    V::Str(match int(2) {
                        Some(n) => chars.take(n.max(0) as usize).collect(),
                        None => chars.collect(),
                    })
                }
                _ => V::Null,
            },
            "year" | "month" | "day" | "hour" | "minute" | "second" => {
                s(0).and_then(|t| part(&t, name)).map_or(V::Null, V::Int)
            }
            "round" | "floor" | "ceiling" => match vals.first() {
                Some(V::Int(i)) => V::Int(*i),
                Some(v) => v.as_number().map_or(V::Null, |f| {
                    V::Float(match name {
                        "round" => f.round(),
                        "floor" => f.floor(),
                        _ => f.ceil(),
                    })
                }),
                None => V::Null,
            },
            "now" => V::DateTime(now()),
            "isof" => {
                let t = args.iter().find_map(|a| match &a.kind {
                    ExprKind::TypeName(t) => Some(t.as_str()),
                    _ => None,
                });
                let target = if args.len() == 1 {
                    &self.it
                } else {
                    vals.first().unwrap_or(&V::Null)
                };
                match (target, t) {
                    (V::Obj(o), Some(t)) => {
                        let written = o
                            .get("@odata.type")
                            .and_then(Value::as_str)
                            .map(|w| w.trim_start_matches('#'));
                        V::Bool(
                            written.is_some_and(|w| w.rsplit('.').next() == t.rsplit('.').next()),
                        )
                    }
                    _ => V::Bool(false),
                }
            }
            "cast" => vals.into_iter().next().unwrap_or(V::Null),
            other => return fail(span, format!("`{other}` is not evaluated in memory")),
        })
    }
}

fn arithmetic(op: BinaryOp, a: &V, b: &V, span: &Span) -> Result<V> {
    use BinaryOp::*;
    if let (V::Int(x), V::Int(y)) = (a, b) {
        let r = match op {
            Add => x.checked_add(*y),
            Sub => x.checked_sub(*y),
            Mul => x.checked_mul(*y),
            Div | Mod if *y == 0 => return fail(span, "division by zero"),
            Div => Some(x / y),
            Mod => Some(x % y),
            DivBy => return Ok(V::Float(*x as f64 / *y as f64)),
            _ => None,
        };
        return Ok(r.map_or(V::Null, V::Int));
    }
    let (Some(x), Some(y)) = (a.as_number(), b.as_number()) else {
        return Ok(V::Null);
    };
    Ok(V::Float(match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        Div | DivBy => x / y,
        Mod => x % y,
        _ => return Ok(V::Null),
    }))
}

/// A part of `2026-01-31T13:45:30Z`, `2026-01-31` or `13:45:30`.
fn part(text: &str, name: &str) -> Option<i128> {
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (Some(d), Some(t)),
        None if text.contains(':') => (None, Some(text)),
        None => (Some(text), None),
    };
    let num = |s: &str| s.parse::<i128>().ok();
    match name {
        "year" => num(date?.split('-').next()?),
        "month" => num(date?.get(5..7)?),
        "day" => num(date?.get(8..10)?),
        "hour" => num(time?.get(0..2)?),
        "minute" => num(time?.get(3..5)?),
        _ => num(time?.get(6..8)?),
    }
}

fn literal(l: &Literal) -> V {
    match l {
        Literal::Null => V::Null,
        Literal::Boolean(b) => V::Bool(*b),
        Literal::Integer(t) => t.parse().map_or(V::Null, V::Int),
        Literal::Decimal(t) => t.parse().map_or(V::Null, V::Float),
        Literal::String(s) => V::Str(s.clone()),
        Literal::DateTimeOffset(t) => {
            edm::DateTimeOffset::parse(t).map_or(V::Text(t.clone()), V::DateTime)
        }
        Literal::Guid(t)
        | Literal::Date(t)
        | Literal::TimeOfDay(t)
        | Literal::Duration(t)
        | Literal::Binary(t)
        | Literal::Geo(t) => V::Text(t.clone()),
        Literal::Enum { members, .. } => V::Str(members.clone()),
    }
}

/// The current time, as `Edm.DateTimeOffset` in UTC.
fn now() -> edm::DateTimeOffset {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil(days);
    let text = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
    edm::DateTimeOffset::parse(&text).expect("a well-formed date-time")
}

/// Days since 1970-01-01 to (year, month, day) (proleptic Gregorian).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
