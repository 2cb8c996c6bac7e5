//! The exported JSON Schema says what the validator says. For every model
//! (bundled, v1.0, beta-USNat) and mode: the bundle passes the draft 2020-12
//! meta-schema; and for every typed block of every sample file, and for
//! mutations of it with known effects, the verdict of the `jsonschema` crate
//! on the exported schema equals the validator's (no error / some error),
//! each schema error's location is among the validator's finding pointers,
//! and each mutation's verdict is the one its kind implies. What no JSON
//! Schema can express is counted as an exclusion by kind, never skipped
//! silently. One trial per (model, mode, sample file); a trial whose data is
//! absent is reported as ignored, with the reason.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;

use graph_model::json::{self, Json};
use graph_model_codegen::Model;
use graph_model_tests::corpus::{self, Block, ModelRef, MODELS, SAMPLE_FILES};
use graph_model_tests::mutate::{blind_mutations, model_mutations, Effect};
use graph_model_tests::trial_needing;
use graph_model_tools::lenient_json::strip_trailing_commas;
use graph_model_tools::schema::{self, Mode as SchemaMode};
use graph_model_tools::validate::{validate_document, Document, Kind, Mode, Report, Severity};
use libtest_mimic::{Failed, Trial};
use serde_json::{json, Value};

/// One `jsonschema` validator for a whole model: the bundle's definitions
/// under a root that dispatches on `{"t": type key, "v": payload}`, so that
/// the lazily compiled parts are shared by every block.
struct Judge {
    validator: jsonschema::Validator,
}

fn key(type_name: &str, collection: bool) -> String {
    if collection {
        format!("Collection({type_name})")
    } else {
        type_name.to_string()
    }
}

/// The key of a payload other than a value of a type.
fn doc_key(doc: &Document) -> String {
    format!("{doc:?}")
}

impl Judge {
    fn new(
        model: &Model,
        mode: SchemaMode,
        roots: &HashSet<(String, bool)>,
        docs: &[&Document],
    ) -> Self {
        let mut bundle = schema::bundle(model, mode);
        let mut defs = bundle["$defs"].take();
        let mut branches = Vec::new();
        let mut roots: Vec<_> = roots.iter().collect();
        roots.sort();
        for (t, collection) in roots {
            let body = if *collection {
                let mut s = schema::for_type(model, t, true, mode).expect("a structured type");
                let o = s.as_object_mut().unwrap();
                for k in ["$schema", "$id", "$defs"] {
                    o.remove(k);
                }
                s
            } else {
                let name = model.get(model.lookup(t).unwrap()).name.to_string();
                json!({ "$ref": format!("#/$defs/{name}") })
            };
            branches.push(json!({
                "if": { "properties": { "t": { "const": key(t, *collection) } } },
                "then": { "properties": { "v": body } },
            }));
        }
        // Other payloads: their own schema, definitions merged (a name
        // means the same definition in both).
        for doc in docs {
            let mut s = schema::for_document(model, doc, mode);
            let o = s.as_object_mut().unwrap();
            if let Some(Value::Object(d)) = o.remove("$defs") {
                for (k, v) in d {
                    defs.as_object_mut().unwrap().entry(k).or_insert(v);
                }
            }
            for k in ["$schema", "$id"] {
                o.remove(k);
            }
            branches.push(json!({
                "if": { "properties": { "t": { "const": doc_key(doc) } } },
                "then": { "properties": { "v": s } },
            }));
        }
        let root = json!({
            "$schema": schema::DRAFT,
            "type": "object",
            "allOf": branches,
            "$defs": defs,
        });
        Self {
            validator: jsonschema::draft202012::new(&root).expect("the schema compiles"),
        }
    }

    /// The locations of the schema's errors (empty when valid).
    fn errors(&self, key: &str, instance: Value) -> Vec<String> {
        let wrapped = json!({ "t": key, "v": instance });
        if self.validator.is_valid(&wrapped) {
            return Vec::new();
        }
        self.validator
            .iter_errors(&wrapped)
            .map(|e| {
                if std::env::var_os("AGREEMENT_DEBUG").is_some() {
                    eprintln!("schema error at {}: {e}", e.instance_path());
                }
                let p = e.instance_path().to_string();
                p.strip_prefix("/v").unwrap_or(&p).to_string()
            })
            .collect()
    }
}

/// Why a disagreement is not one: what the validator rejected that no JSON
/// Schema can see. `None` when some error is not of such a kind.
fn exclusion(report: &Report, text: &str) -> Option<&'static str> {
    let doc = json::parse(text).ok();
    let mut why = None;
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
    {
        let here = doc.as_ref().and_then(|d| at(d, &f.pointer));
        let kind = match f.kind {
            Kind::TrailingComma => "trailing comma (the schema sees parsed JSON)",
            Kind::DuplicateKey => "repeated key (the schema sees parsed JSON)",
            Kind::InvalidJson => "not JSON",
            Kind::MalformedPrimitive => match here {
                Some(Json::Number(n)) if n.contains(['.', 'e', 'E']) => {
                    "integer written with a fraction or exponent"
                }
                Some(Json::Number(n)) if n.parse::<i64>().is_err() && n.parse::<u64>().is_err() => {
                    "integer beyond 64 bits (a schema sees the nearest double)"
                }
                Some(Json::String(_)) if f.message.contains("beyond the range of a double") => {
                    "numeric string beyond the range of a double"
                }
                _ if f.message.contains("Precision is") || f.message.contains("Scale is") => {
                    "Edm.Decimal Precision/Scale"
                }
                _ => return None,
            },
            _ => return None,
        };
        why = Some(kind);
    }
    why
}

fn at<'a, 'b>(doc: &'b Json<'a>, pointer: &str) -> Option<&'b Json<'a>> {
    let mut cur = doc;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        cur = match cur {
            Json::Object(_) => cur.get(&token)?,
            Json::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

#[derive(Default)]
struct Tally {
    blocks: usize,
    documents: usize,
    mutations: usize,
    agreed: usize,
    excluded: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

impl Tally {
    fn fail(&mut self, msg: String) {
        if self.failures.len() < 25 {
            self.failures.push(msg);
        }
    }
}

struct Case<'a> {
    model: &'a Model,
    mode: Mode,
    judge: &'a Judge,
}

/// What a block is checked as, and the key of its branch in the judge.
struct Subject<'a> {
    id: &'a str,
    doc: Document,
    key: String,
}

impl<'a> Subject<'a> {
    fn of_block(model: &Model, b: &'a Block) -> Self {
        let id = model.lookup(&b.type_name).expect("a type of the model");
        Subject {
            id: &b.id,
            doc: Document::Structured {
                id,
                collection: b.collection,
            },
            key: key(&b.type_name, b.collection),
        }
    }
}

impl Case<'_> {
    /// Compares the two verdicts on `text`; returns the validator's verdict
    /// (`Some(invalid)`), or `None` when excluded.
    fn compare(&self, b: &Subject, what: &str, text: &str, tally: &mut Tally) -> Option<bool> {
        tally.documents += 1;
        let report = validate_document(self.model, &b.doc, text, self.mode);
        let invalid = report.has_errors();
        let instance: Option<Value> = serde_json::from_str(&strip_trailing_commas(text).0).ok();
        let Some(instance) = instance else {
            // Not JSON: nothing for a schema to judge.
            *tally.excluded.entry("not JSON").or_default() += 1;
            return None;
        };
        let errors = self.judge.errors(&b.key, instance);
        let schema_invalid = !errors.is_empty();
        if invalid == schema_invalid {
            let pointers: HashSet<&str> =
                report.findings.iter().map(|f| f.pointer.as_str()).collect();
            if let Some(p) = errors.iter().find(|p| !pointers.contains(p.as_str())) {
                tally.fail(format!(
                    "{} ({what}): the schema reports {p:?}, which the validator does not name\n  validator: {}",
                    b.id,
                    report.to_string().replace('\n', "\n             ")
                ));
                return Some(invalid);
            }
            tally.agreed += 1;
            return Some(invalid);
        }
        if invalid {
            if let Some(kind) = exclusion(&report, text) {
                *tally.excluded.entry(kind).or_default() += 1;
                return None;
            }
        }
        tally.fail(format!(
            "{} ({what}): validator {}, schema {} at {errors:?}\n  validator: {}\n  document: {}",
            b.id,
            if invalid { "invalid" } else { "valid" },
            if errors.is_empty() {
                "valid"
            } else {
                "invalid"
            },
            report
                .to_string()
                .trim_end()
                .replace('\n', "\n             "),
            text.chars().take(400).collect::<String>(),
        ));
        Some(invalid)
    }
}

fn run(model: Arc<Model>, mode: Mode, file: &std::path::Path, name: &str) -> Result<(), Failed> {
    let samples = corpus::samples(file);
    let (blocks, _) = corpus::blocks(&model, &samples);
    if blocks.is_empty() {
        eprintln!("{name}: no block of this file has a type in this model");
        return Ok(());
    }
    let roots: HashSet<(String, bool)> = blocks
        .iter()
        .map(|b| (b.type_name.clone(), b.collection))
        .collect();
    let others = corpus::other_documents(&model, &samples);
    let mut docs: Vec<&Document> = others.iter().map(|(_, d, _)| d).collect();
    docs.sort_by_key(|d| doc_key(d));
    docs.dedup();
    let judge = Judge::new(&model, mode.into(), &roots, &docs);
    let case = Case {
        model: &model,
        mode,
        judge: &judge,
    };
    let mut tally = Tally::default();
    // Action parameters, entity references, `{"value": …}` documents,
    // deleted entities and links: as written, and blind mutations.
    let mut other_kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (id, doc, body) in &others {
        let kind = match doc {
            Document::Parameters { .. } => "action parameter bodies",
            Document::References { .. } => "entity references",
            Document::Value { .. } => "value documents",
            _ => "deleted entities and links",
        };
        *other_kinds.entry(kind).or_default() += 1;
        let subject = Subject {
            id,
            doc: doc.clone(),
            key: doc_key(doc),
        };
        case.compare(&subject, "as written", body, &mut tally);
        let Ok(parsed) = serde_json::from_str::<Value>(&strip_trailing_commas(body).0) else {
            continue;
        };
        let text = serde_json::to_string(&parsed).unwrap();
        for m in blind_mutations(&text, &parsed, id, 4) {
            tally.mutations += 1;
            let what = format!("mutation {} at {:?}", m.kind, m.pointer);
            case.compare(&subject, &what, &m.text, &mut tally);
        }
    }
    for b in &blocks {
        tally.blocks += 1;
        let b_subject = Subject::of_block(&model, b);
        case.compare(&b_subject, "as written", &b.body, &mut tally);
        // Mutations start from the parsed document.
        let Ok(doc) = serde_json::from_str::<Value>(&strip_trailing_commas(&b.body).0) else {
            continue;
        };
        let base_text = serde_json::to_string(&doc).unwrap();
        let Some(base_invalid) = case.compare(&b_subject, "re-serialized", &base_text, &mut tally)
        else {
            continue;
        };
        let mut mutations = model_mutations(&model, &b.type_name, b.collection, &doc, &b.id, 1);
        mutations.extend(blind_mutations(&base_text, &doc, &b.id, 4));
        for m in mutations {
            tally.mutations += 1;
            let what = format!("mutation {} at {:?}", m.kind, m.pointer);
            let Some(invalid) = case.compare(&b_subject, &what, &m.text, &mut tally) else {
                continue;
            };
            let expected = match (m.effect, mode) {
                _ if base_invalid => None,
                (Effect::Valid, _) | (Effect::StrictOnly, Mode::Lenient) => Some(false),
                (Effect::Invalid, _) | (Effect::StrictOnly, Mode::Strict) => Some(true),
                (Effect::Unknown, _) => None,
            };
            if let Some(e) = expected {
                if e != invalid {
                    tally.fail(format!(
                        "{} ({what}): expected {} in {mode:?} mode, the validator says {}\n  document: {}",
                        b.id,
                        if e { "invalid" } else { "valid" },
                        if invalid { "invalid" } else { "valid" },
                        m.text.chars().take(400).collect::<String>()
                    ));
                }
            }
        }
    }
    let compared = tally.documents - tally.excluded.values().sum::<usize>();
    let others: Vec<String> = other_kinds
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let mut line = format!(
        "{name}: {} blocks of types ({}), {} documents ({} mutations), {} compared, {} agreed",
        tally.blocks,
        if others.is_empty() {
            "and no other payload".to_string()
        } else {
            format!("and {}", others.join(", "))
        },
        tally.documents,
        tally.mutations,
        compared,
        tally.agreed
    );
    for (k, n) in &tally.excluded {
        let _ = write!(line, "; excluded {k}: {n}");
    }
    eprintln!("{line}");
    let dir = graph_model_tests::workspace_root().join("target/schema-agreement");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{}.txt", name.replace('/', "_"))), &line);
    if tally.failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{line}\n{}", tally.failures.join("\n")).into())
    }
}

fn model_trial<F>(name: String, m: ModelRef, extra: &[&str], f: F) -> Trial
where
    F: FnOnce(Arc<Model>, &[std::path::PathBuf]) -> Result<(), Failed> + Send + 'static,
{
    let mut rels: Vec<&str> = m.shared.into_iter().collect();
    rels.extend_from_slice(extra);
    let has_model = m.shared.is_some();
    trial_needing(name, &rels, move |paths| {
        let (model_path, rest) = if has_model {
            (Some(paths[0].as_path()), &paths[1..])
        } else {
            (None, paths)
        };
        f(corpus::model(model_path), rest)
    })
}

/// This file's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let mut trials = Vec::new();
    for m in MODELS {
        for mode in [Mode::Lenient, Mode::Strict] {
            let mode_name = format!("{mode:?}").to_lowercase();
            trials.push(model_trial(
                format!("meta-schema/{}/{mode_name}", m.name),
                m,
                &[],
                move |model, _| {
                    let bundle = schema::bundle(&model, mode.into());
                    if let Err(e) = jsonschema::meta::validate(&bundle) {
                        return Err(format!("the bundle is not a 2020-12 schema: {e}").into());
                    }
                    let openapi = schema::openapi(&model, mode.into(), "t");
                    let defs = openapi["components"]["schemas"].clone();
                    if jsonschema::meta::validate(&json!({ "$defs": defs })).is_err() {
                        return Err("the OpenAPI component schemas are not 2020-12 schemas".into());
                    }
                    Ok(())
                },
            ));
            for file in SAMPLE_FILES {
                let short = file.rsplit('/').next().unwrap();
                let name = format!("agreement/{}/{mode_name}/{short}", m.name);
                let trial_name = name.clone();
                trials.push(model_trial(trial_name, m, &[file], move |model, paths| {
                    run(model, mode, &paths[0], &name)
                }));
            }
        }
    }
    trials
}
