//! Typed and dynamic validation must say the same thing: for a document and
//! a type, the findings of the dynamic validator (model checks on parsed
//! JSON) and of the generated types (the same checks, then read into the
//! Rust type and written back) are equal — same pointer, kind and severity.
//! Run over documentation blocks and mutations of them; used by
//! `tests/tests/trials/typed_agreement.rs` (bundled model) and, through [`main_with`], by
//! the crates `scripts/check-generated.sh` generates from all of v1.0 and
//! beta-USNat (and for long runs).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use graph_model_codegen::Model;
use graph_model_tools::conformance::TypedValidator;
use graph_model_tools::lenient_json::strip_trailing_commas;
use graph_model_tools::validate::{validate_dynamic_in, Context, Method, Mode, Report};
use serde_json::Value;

use crate::corpus::{self, Block};
use crate::mutate::{blind_mutations, model_mutations};

/// Totals of a run.
#[derive(Debug, Default)]
pub struct Tally {
    /// Blocks typed by the model.
    pub blocks: usize,
    /// Documents compared (blocks as written and mutations).
    pub documents: usize,
    /// Of those, mutations.
    pub mutations: usize,
    /// Blocks whose type has generated Rust types.
    pub through_types: usize,
    /// Blocks read into their type and written back without any finding.
    pub identical: usize,
    /// Disagreements, described (the first 25).
    pub failures: Vec<String>,
    /// Number of disagreements.
    pub disagreements: usize,
    /// Per block type: (blocks, through the generated types, without a finding).
    pub by_type: std::collections::BTreeMap<String, (usize, usize, usize)>,
}

fn key(r: &Report) -> Vec<(String, String, String)> {
    let mut k: Vec<_> = r
        .findings
        .iter()
        .map(|f| {
            (
                f.pointer.clone(),
                f.kind.to_string(),
                format!("{:?}", f.severity),
            )
        })
        .collect();
    k.sort();
    k
}

/// Compares both paths on one document. `Ok(None)`: no generated type.
pub fn compare(
    model: &Model,
    typed: TypedValidator,
    b: &Block,
    text: &str,
    (mode, context): (Mode, Context),
) -> Result<Option<Report>, String> {
    let Some(t) = typed(model, &b.type_name, b.collection, text, mode, context) else {
        return Ok(None);
    };
    let d = validate_dynamic_in(model, &b.type_name, b.collection, text, mode, context)
        .map_err(|e| format!("{}: {e}", b.id))?;
    if key(&t) == key(&d) {
        return Ok(Some(t));
    }
    Err(format!(
        "{} as {}{} ({mode:?}, {context:?}): typed and dynamic differ\n  typed:   {}\n  dynamic: {}\n  document: {}",
        b.id,
        b.type_name,
        if b.collection { " (collection)" } else { "" },
        t.to_string().trim_end().replace('\n', "\n           "),
        d.to_string().trim_end().replace('\n', "\n           "),
        text.chars().take(600).collect::<String>()
    ))
}

/// The contexts the differential rotates through.
pub const CONTEXTS: [Context; 4] = [
    Context::RESPONSE,
    Context {
        request: None,
        include_unknown_enum_members: true,
    },
    Context {
        request: Some(Method::Post),
        include_unknown_enum_members: false,
    },
    Context {
        request: Some(Method::Patch),
        include_unknown_enum_members: false,
    },
];

/// Runs over `blocks`: each as written, plus its model-aware mutations (up
/// to `per_kind` of each kind) and `blind` blind ones.
pub fn run(
    model: &Model,
    typed: TypedValidator,
    blocks: &[Block],
    per_kind: usize,
    blind: usize,
    mode: Mode,
) -> Tally {
    let mut tally = Tally::default();
    let fail = |tally: &mut Tally, e: String| {
        tally.disagreements += 1;
        if tally.failures.len() < 25 {
            tally.failures.push(e);
        }
    };
    for b in blocks {
        tally.blocks += 1;
        tally.documents += 1;
        let counts = tally.by_type.entry(b.type_name.clone()).or_default();
        counts.0 += 1;
        // Where the payload is, in turn: a response without and with the
        // preference, a POST and a PATCH body (the evolvable-enum rules).
        let context = CONTEXTS[tally.blocks % CONTEXTS.len()];
        match compare(model, typed, b, &b.body, (mode, context)) {
            Ok(Some(r)) => {
                counts.1 += 1;
                tally.through_types += 1;
                if r.is_clean() {
                    counts.2 += 1;
                    tally.identical += 1;
                }
            }
            Ok(None) => continue,
            Err(e) => fail(&mut tally, e),
        }
        let Ok(doc) = serde_json::from_str::<Value>(&strip_trailing_commas(&b.body).0) else {
            continue;
        };
        let base = serde_json::to_string(&doc).expect("serializes");
        let mut mutations =
            model_mutations(model, &b.type_name, b.collection, &doc, &b.id, per_kind);
        mutations.extend(blind_mutations(&base, &doc, &b.id, blind));
        for m in mutations {
            tally.documents += 1;
            tally.mutations += 1;
            let context = CONTEXTS[tally.documents % CONTEXTS.len()];
            if let Err(e) = compare(model, typed, b, &m.text, (mode, context)) {
                fail(
                    &mut tally,
                    format!("mutation {} at {:?} of {e}", m.kind, m.pointer),
                );
            }
        }
    }
    tally
}

/// A command line for a crate with generated types:
/// `--metadata FILE [--per-kind N] [--blind N] [--expect-types T,...] --samples FILE...`;
/// prints one line per sample file and mode, and the disagreements; exits 1
/// on any. With `--expect-types` (qualified names), every block typed as one
/// of those types, or a subtype, must go through the generated types (for
/// a crate generated from a root closure), and there must be some; their
/// counts are printed.
pub fn main_with(typed: TypedValidator) -> ExitCode {
    let mut expect: Vec<String> = Vec::new();
    let mut metadata: Option<PathBuf> = None;
    let mut samples: Vec<PathBuf> = Vec::new();
    let mut blind = 8usize;
    let mut per_kind = 2usize;
    let mut args = std::env::args().skip(1);
    let mut in_samples = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--metadata" => metadata = args.next().map(PathBuf::from),
            "--blind" => blind = args.next().and_then(|n| n.parse().ok()).unwrap_or(blind),
            "--per-kind" => per_kind = args.next().and_then(|n| n.parse().ok()).unwrap_or(per_kind),
            "--expect-types" => {
                expect = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(str::to_string)
                    .collect()
            }
            "--samples" => in_samples = true,
            _ if in_samples => samples.push(PathBuf::from(a)),
            other => {
                eprintln!("unexpected argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let model = corpus::model(metadata.as_deref());
    let mut total = 0;
    let mut failed = 0;
    // Expected type → (blocks, through the types, clean), over every file (lenient runs).
    let mut expected: std::collections::BTreeMap<String, (usize, usize, usize)> =
        expect.iter().map(|t| (t.clone(), (0, 0, 0))).collect();
    for path in &samples {
        let (blocks, _) = corpus::blocks(&model, &corpus::samples(path));
        for mode in [Mode::Lenient, Mode::Strict] {
            let t = run(&model, typed, &blocks, per_kind, blind, mode);
            total += t.documents;
            failed += t.disagreements;
            println!("{}", summary(path, mode, &t));
            for f in &t.failures {
                println!("{f}");
            }
            if mode == Mode::Lenient {
                for (ty, counts) in &t.by_type {
                    if let Some(e) = expected_entry(&model, &mut expected, ty) {
                        e.0 += counts.0;
                        e.1 += counts.1;
                        e.2 += counts.2;
                    }
                }
            }
        }
    }
    for (ty, (blocks, through, clean)) in &expected {
        println!("{ty} and its subtypes: {blocks} blocks, {through} through the generated types, {clean} read and written back without a finding");
        if *blocks == 0 || through != blocks {
            println!("error: every block typed as {ty} must go through the generated types");
            failed += 1;
        }
    }
    println!("{total} documents compared, {failed} disagreements");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// One line: blocks, documents, through the types, identical, disagreements.
pub fn summary(path: &Path, mode: Mode, t: &Tally) -> String {
    format!(
        "{} ({mode:?}): {} blocks, {} through the generated types, {} read and written back without a finding; {} documents ({} mutations), {} disagreements",
        path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
        t.blocks,
        t.through_types,
        t.identical,
        t.documents,
        t.mutations,
        t.disagreements
    )
}

/// The entry of `expected` that `ty` belongs to: the type itself or its
/// nearest expected base.
fn expected_entry<'a>(
    model: &Model,
    expected: &'a mut std::collections::BTreeMap<String, (usize, usize, usize)>,
    ty: &str,
) -> Option<&'a mut (usize, usize, usize)> {
    let id = model.lookup(ty)?;
    let chain = std::iter::once(id).chain(model.base_chain(id));
    let name = chain
        .map(|t| model.get(t).name.to_string())
        .find(|n| expected.contains_key(n))?;
    expected.get_mut(&name)
}
