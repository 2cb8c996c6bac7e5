//! The typed round trip: JSON → `T` → JSON, and every difference.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::finding::{child, Kind, Mode, Report, Severity};
use graph_model::json::{self, Json};

/// Reads `text` (already known to be JSON: `value`) into `T` with
/// serde_json's reader, writes it back with serde_json's writer, and
/// reports every difference; returns the typed value when it could be read.
pub fn check<T: DeserializeOwned + Serialize>(
    text: &str,
    value: &Json<'_>,
    mode: Mode,
    report: &mut Report,
) -> Option<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let typed: T = match serde_path_to_error::deserialize(&mut de) {
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
    let written = serde_json::to_string(&typed);
    match written.as_ref().map(|w| json::parse(w)) {
        Ok(Ok(back)) => diff("", value, &back, mode, report),
        Ok(Err(e)) => report.push(
            mode,
            "",
            Kind::RoundTripDifference,
            format!("the typed value was written back as text that is not JSON: {e}"),
        ),
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

fn diff(pointer: &str, a: &Json<'_>, b: &Json<'_>, mode: Mode, report: &mut Report) {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            for (i, (k, v)) in x.iter().enumerate() {
                // A repeated key (reported as `duplicate-key`): a reader
                // keeps the last value, so only that one is compared (with
                // the last one written: members the model does not have
                // are written back as read, repeats included).
                if x[i + 1..].iter().any(|(later, _)| later == k) {
                    continue;
                }
                match y.iter().rev().find(|(key, _)| key == k).map(|(_, w)| w) {
                    Some(w) => diff(&child(pointer, k), v, w, mode, report),
                    None => report.push(
                        mode,
                        &child(pointer, k),
                        Kind::RoundTripDifference,
                        "lost when written back",
                    ),
                }
            }
            for (k, _) in y.iter().filter(|(k, _)| a.get(k).is_none()) {
                report.push(
                    mode,
                    &child(pointer, k),
                    Kind::RoundTripDifference,
                    "added when written back",
                );
            }
        }
        (Json::Array(x), Json::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(&child(pointer, &i.to_string()), v, w, mode, report);
            }
        }
        _ if a.same(b) => {}
        _ => report.push(
            mode,
            pointer,
            Kind::RoundTripDifference,
            format!("read {a}, written back as {b}"),
        ),
    }
}
