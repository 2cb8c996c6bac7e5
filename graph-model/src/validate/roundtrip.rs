//! The typed round trip: JSON → `T` → JSON, and every difference.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::finding::{child, Kind, Mode, Report, Severity};

/// Reads `value` into `T` and writes it back; returns the typed value when
/// it could be read.
pub fn check<T: DeserializeOwned + Serialize>(
    value: &Value,
    mode: Mode,
    report: &mut Report,
) -> Option<T> {
    let typed: T = match serde_path_to_error::deserialize(value) {
        Ok(t) => t,
        Err(e) => {
            let pointer = pointer_of(e.path());
            // A model check already explains an error at or below this place
            // (inside a polymorphic value the reader sees only the value's pointer).
            let explained = report.findings.iter().any(|f| {
                f.severity == Severity::Error
                    && (f.pointer == pointer || f.pointer.starts_with(&format!("{pointer}/")))
            });
            if !explained {
                report.push(
                    mode,
                    &pointer,
                    Kind::TypedDecode,
                    format!("cannot read into the typed model: {}", e.inner()),
                );
            }
            return None;
        }
    };
    match serde_json::to_value(&typed) {
        Ok(back) => diff("", value, &back, mode, report),
        Err(e) => report.push(
            mode,
            "",
            Kind::RoundTripDifference,
            format!("cannot write the typed value back: {e}"),
        ),
    }
    Some(typed)
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut p = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => p = child(&p, &index.to_string()),
            Segment::Map { key } => p = child(&p, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    p
}

fn diff(pointer: &str, a: &Value, b: &Value, mode: Mode, report: &mut Report) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => diff(&child(pointer, k), v, w, mode, report),
                    None => report.push(
                        mode,
                        &child(pointer, k),
                        Kind::RoundTripDifference,
                        "lost when written back",
                    ),
                }
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                report.push(
                    mode,
                    &child(pointer, k),
                    Kind::RoundTripDifference,
                    "added when written back",
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(&child(pointer, &i.to_string()), v, w, mode, report);
            }
        }
        _ if a == b => {}
        _ => report.push(
            mode,
            pointer,
            Kind::RoundTripDifference,
            format!("read {a}, written back as {b}"),
        ),
    }
}
