//! Collection responses checked item by item: each item of `value` is
//! checked as soon as it is read and then dropped, so a large list is never
//! held whole in memory. The findings are the same, in the same order, as
//! reading the whole document first and checking it
//! ([`Checker::document`]): duplicate keys in document order, then the
//! checks in document order; none but `invalid-json` when the text is not
//! JSON.

use graph_model_csdl::model::{Model, TypeId};

use super::context::Context;
use super::finding::{child, Mode, Report};
use super::json::{duplicates, not_json, repeated_keys};
use super::model_check::Checker;
use graph_model::json::{self, Json};

/// Checks `text` as a collection response of `id`.
pub fn collection(
    model: &Model,
    id: TypeId,
    text: &str,
    mode: Mode,
    context: Context,
    report: &mut Report,
) {
    let mut item_keys = Report::default();
    let mut item_checks = Report::default();
    let parsed = json::parse_streaming(text, &mut |index, item| {
        let pointer = format!("/value/{index}");
        duplicates(&pointer, &item, mode, &mut item_keys);
        Checker {
            model,
            mode,
            context,
            report: &mut item_checks,
        }
        .structured(id, &pointer, &item);
    });
    let (top, streamed) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => return not_json(&e, mode, report),
    };
    let (Json::Object(members), Some(at)) = (&top, streamed) else {
        // No `value` array: nothing was streamed.
        duplicates("", &top, mode, report);
        return Checker {
            model,
            mode,
            context,
            report,
        }
        .document(id, true, &top);
    };
    repeated_keys("", members, mode, report);
    for (i, (k, v)) in members.iter().enumerate() {
        if i == at {
            report.findings.append(&mut item_keys.findings);
        } else {
            duplicates(&child("", k), v, mode, report);
        }
    }
    let mut checker = Checker {
        model,
        mode,
        context,
        report,
    };
    for (i, (k, v)) in members.iter().enumerate() {
        if i == at {
            checker.report.findings.append(&mut item_checks.findings);
        } else {
            checker.collection_member(id, k, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{bundled_model, json as read};

    /// The whole-document path the streaming one must match.
    fn whole(model: &Model, id: TypeId, text: &str, mode: Mode) -> Report {
        let mut report = Report::default();
        if let Some(v) = read::parse(text, mode, &mut report) {
            Checker {
                model,
                mode,
                context: Context::RESPONSE,
                report: &mut report,
            }
            .document(id, true, &v);
        }
        report
    }

    const SESSION: &str = r#"{"id": "s1", "status": "Active", "extra": 1, "stats": {"filesUploaded": "2", "filesUploaded": 3}, "data": {"reviewInstanceId": "x"}, "files": [{"name": "a.csv", "size": "big", "name": "b"}]}"#;

    fn documents() -> Vec<String> {
        let item = SESSION;
        let mut docs = vec![
            format!(r#"{{"@odata.context": "x", "value": [{item}, {item}, null, 5]}}"#),
            format!(r#"{{"value": [{item}], "@odata.nextLink": 5, "stray": {{"a": 1, "a": 2}}}}"#),
            format!(r#"{{"stray": [{{"a": 1, "a": 2}}], "value": [{item}], "value": [{item}]}}"#),
            format!(r#"{{"value": [], "value": [{item}]}}"#),
            format!(r#"{{"value": 5, "value": [{item}], "value": [{item}]}}"#),
            format!(r#"{{"@odata.count": "1", "value": {item}}}"#),
            format!(r#"{{"val\u0075e": [{item}], "x": 1, "x": 2}}"#),
            format!(r#"[{item}]"#),
            r#"{"value": [[[{"a": 1, "a": 1}]]]}"#.to_string(),
            r#"{"value": []}"#.to_string(),
            r#"{}"#.to_string(),
            r#""value""#.to_string(),
        ];
        // Every body of the bundled documentation samples, as items of a
        // list (a single object twice; a list's own items as they are).
        for sample in crate::samples::bundled() {
            let Some(body) = sample.body.as_deref() else {
                continue;
            };
            let body = body.trim();
            if body.starts_with('{') {
                docs.push(format!(
                    r#"{{"value": [{body}, {body}], "@odata.count": 2}}"#
                ));
                docs.push(body.to_string());
            }
        }
        // Cut short anywhere: not JSON, and no finding of the items read
        // before the cut may remain.
        let base = docs[0].clone();
        docs.extend((0..base.len()).step_by(7).map(|n| base[..n].to_string()));
        docs
    }

    #[test]
    fn item_by_item_reports_what_the_whole_document_reports() {
        let model = bundled_model();
        let id = model
            .lookup("microsoft.graph.customDataProvidedResourceUploadSession")
            .unwrap();
        let mut with_findings = 0;
        for text in documents() {
            // As the validator hands it over: trailing commas removed.
            let text = crate::lenient_json::strip_trailing_commas(&text).0;
            for mode in [Mode::Lenient, Mode::Strict] {
                let mut streamed = Report::default();
                collection(model, id, &text, mode, Context::RESPONSE, &mut streamed);
                let expected = whole(model, id, &text, mode);
                assert_eq!(streamed, expected, "{text}");
                with_findings += usize::from(expected.findings.len() > 3);
            }
        }
        // The cases do exercise the splicing (many findings each).
        assert!(with_findings >= 20, "{with_findings}");
    }
}
