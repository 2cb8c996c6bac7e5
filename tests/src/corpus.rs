//! The corpus the data-driven tests run over: models (the bundled one and
//! the real Graph `$metadata` in `../shared/metadata`) and documentation
//! samples (`../shared/seeds`, `../shared/doc-samples`), reduced to the
//! blocks whose type is known.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use graph_model_csdl::{load_file, LoadOptions, Model};
use graph_model_tools::conformance::{block_type, Check};
use graph_model_tools::samples::{read_file, Sample};
use graph_model_tools::validate::bundled_model;
use graph_model_tools::validate::Document;

/// A model by name: `bundled`, or a file under `../shared/metadata`.
#[derive(Clone, Copy, Debug)]
pub struct ModelRef {
    /// Short name for trial names.
    pub name: &'static str,
    /// Path under `../shared`, or `None` for the bundled model.
    pub shared: Option<&'static str>,
}

/// The models every corpus test runs against.
pub const MODELS: [ModelRef; 3] = [
    ModelRef {
        name: "bundled",
        shared: None,
    },
    ModelRef {
        name: "v1.0",
        shared: Some("metadata/v1.0.xml"),
    },
    ModelRef {
        name: "beta-USNat",
        shared: Some("metadata/beta-USNat.xml"),
    },
];

/// The sample files under `../shared`.
pub const SAMPLE_FILES: [&str; 7] = [
    "seeds/000_6fae3d6d646efe2b.txt",
    "seeds/001_0ec09f640ac9541f.txt",
    "seeds/002_bf11bd85dbb2cd1a.txt",
    "seeds/003_0a12583d3c2c0358.txt",
    "doc-samples/identity-governance-beta.jsonl",
    "doc-samples/identity-governance-beta-contrib-supplement.jsonl",
    "doc-samples/graph-docs-beta-2021.jsonl",
];

/// Loads a model once per process (tests run on several threads).
pub fn model(path: Option<&Path>) -> Arc<Model> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<Model>>>> = OnceLock::new();
    let Some(path) = path else {
        static BUNDLED: OnceLock<Arc<Model>> = OnceLock::new();
        return BUNDLED
            .get_or_init(|| Arc::new(bundled_model().clone()))
            .clone();
    };
    let cache = CACHE.get_or_init(Default::default);
    if let Some(m) = cache.lock().unwrap().get(path) {
        return m.clone();
    }
    let m = Arc::new(load_file(path, LoadOptions::default()).expect("the model loads"));
    cache
        .lock()
        .unwrap()
        .entry(path.to_path_buf())
        .or_insert(m)
        .clone()
}

/// A block whose type is known: what it is, and its body.
#[derive(Clone, Debug)]
pub struct Block {
    /// `page#n`.
    pub id: String,
    /// The qualified type it is checked as.
    pub type_name: String,
    /// Checked as a collection response.
    pub collection: bool,
    /// The body, verbatim.
    pub body: String,
    /// The request method, for request blocks.
    pub method: Option<String>,
}

/// The blocks of a sample file that `model` types as an entity or complex
/// type (or a collection of one), and the number of other blocks.
pub fn blocks(model: &Model, samples: &[Sample]) -> (Vec<Block>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    for s in samples {
        let typed = block_type(model, s).map(|t| t.check);
        match typed {
            Ok(Check::Payload(Document::Structured { id, collection })) => out.push(Block {
                type_name: model.get(id).name.to_string(),
                id: s.id.clone(),
                collection,
                body: s.body.clone().unwrap_or_default(),
                method: s.method.clone(),
            }),
            _ => skipped += 1,
        }
    }
    (out, skipped)
}

/// The blocks of a sample file that `model` types as a payload other than
/// a value of an entity or complex type: `{"value": …}` documents, entity
/// references, action parameter bodies, deleted entities and links.
pub fn other_documents(model: &Model, samples: &[Sample]) -> Vec<(String, Document, String)> {
    samples
        .iter()
        .filter_map(|s| match block_type(model, s).map(|t| t.check) {
            Ok(Check::Payload(Document::Structured { .. })) | Err(_) => None,
            Ok(Check::Payload(doc)) => {
                Some((s.id.clone(), doc, s.body.clone().unwrap_or_default()))
            }
            Ok(_) => None,
        })
        .collect()
}

/// Reads a sample file.
pub fn samples(path: &Path) -> Vec<Sample> {
    read_file(path).expect("the sample file reads")
}
