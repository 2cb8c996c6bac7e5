//! The library front end: a `Config`-style builder used by `build.rs` files
//! and by the CLI.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::emit::{self, EmitOptions, File};
use crate::rust::naming;
use std::collections::BTreeMap;

use crate::closure::{closure, Closure, Navigation, Spec};
use crate::model::{load_files, LoadOptions, Model};
use crate::rust::plan::{plan, PlanOptions};

/// Generates Rust types from a CSDL file.
///
/// ```no_run
/// graph_model_codegen::Builder::new()
///     .input("metadata.xml")
///     .root("microsoft.graph.user")
///     // Type `user/manager` and `user/messages` (and what their types need);
///     // other navigation properties stay untyped JSON, kept exactly.
///     .navigation_path("user/manager")
///     .navigation_path("user/messages")
///     .out_dir(std::env::var("OUT_DIR").unwrap())
///     .generate()
///     .unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    derives: Vec<String>,
    modules: BTreeMap<String, String>,
    roots: Vec<String>,
    all: bool,
    navigation: Navigation,
    navigation_paths: Vec<String>,
    excluded: Vec<String>,
    runtime: String,
    out_dir: Option<PathBuf>,
    strict: bool,
    rustfmt: bool,
    namespace_features: bool,
    registry: bool,
    schemars: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self {
            inputs: Vec::new(),
            derives: Vec::new(),
            modules: BTreeMap::new(),
            roots: Vec::new(),
            all: false,
            navigation: Navigation::None,
            navigation_paths: Vec::new(),
            excluded: Vec::new(),
            runtime: "::graph_model".into(),
            out_dir: None,
            strict: false,
            rustfmt: false,
            namespace_features: false,
            registry: false,
            schemars: false,
        }
    }
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// No input file was given.
    NoInput,
    /// No output directory was given.
    NoOutDir,
    /// Neither roots nor `all` were given.
    NoRoots,
    /// The model could not be loaded (or has errors, when strict).
    Model(Diagnostics),
    /// A root, navigation path, navigation depth or excluded type that does
    /// not resolve.
    UnknownRoot(String),
    /// The generated code could not be rendered.
    Emit(String),
    /// A `module` override that is not a Rust module path.
    InvalidModule {
        /// The namespace.
        namespace: String,
        /// The module path as given.
        path: String,
    },
    /// A file would have been written outside the output directory, or
    /// through a symbolic link.
    UnsafePath {
        /// The file.
        path: PathBuf,
        /// Why it was refused.
        why: &'static str,
    },
    /// A file could not be written.
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoInput => f.write_str("no input file: call Builder::input"),
            Error::NoOutDir => f.write_str("no output directory: call Builder::out_dir"),
            Error::NoRoots => f.write_str("no roots: call Builder::root or Builder::all"),
            Error::Model(d) => write!(f, "{d}"),
            Error::UnknownRoot(s) | Error::Emit(s) => f.write_str(s),
            Error::InvalidModule { namespace, path } => write!(
                f,
                "module override `{namespace}={path}`: `{path}` is not a `::`-separated path of Rust identifiers"
            ),
            Error::UnsafePath { path, why } => {
                write!(f, "refusing to write {}: {why}", path.display())
            }
            Error::Io { path, source } => write!(f, "cannot write {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Builder {
    /// A builder with the defaults: no inputs, no roots, runtime `::graph_model`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A CSDL `$metadata` file. Call it again for documents the first one
    /// references: all inputs resolve into one model.
    pub fn input(mut self, path: impl AsRef<Path>) -> Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// An extra derive on every generated struct and enum, e.g. `Eq` or
    /// `schemars::JsonSchema` (the generated crate must provide it).
    pub fn derive(mut self, path: impl Into<String>) -> Self {
        self.derives.push(path.into());
        self
    }

    /// Places a namespace at a module path of your choice (`::`-separated,
    /// relative to the generated root), instead of one module per namespace
    /// segment: `.module("microsoft.graph", "graph")`.
    pub fn module(mut self, namespace: impl Into<String>, path: impl Into<String>) -> Self {
        self.modules.insert(namespace.into(), path.into());
        self
    }

    /// Adds a root: a type (qualified, alias-qualified, or unqualified when
    /// one namespace has it), or a resource path such as
    /// `identityGovernance/entitlementManagement/catalogs/{id}/resources`
    /// (its type, resolved through the entity container). A suffix `:N` or
    /// `:all` sets how far this root's navigation is followed
    /// (`microsoft.graph.user:1`); without one, [`Builder::navigation_depth`] applies.
    pub fn root(mut self, name: impl Into<String>) -> Self {
        self.roots.push(name.into());
        self
    }

    /// Generates every type of the model.
    pub fn all(mut self, all: bool) -> Self {
        self.all = all;
        self
    }

    /// Follows navigation properties from the roots without limit (`true`)
    /// or not at all (`false`, the default). Navigation properties are
    /// fields either way: typed when their type is generated, otherwise
    /// [`Untyped`](../graph_model/struct.Untyped.html) JSON kept exactly as read.
    pub fn navigation(mut self, on: bool) -> Self {
        self.navigation = if on {
            Navigation::All
        } else {
            Navigation::None
        };
        self
    }

    /// Follows navigation from the roots as `navigation` says (what
    /// [`Navigation::parse`] reads from `none`, `all`, `containment` or a
    /// depth).
    pub fn navigation_mode(mut self, navigation: Navigation) -> Self {
        self.navigation = navigation;
        self
    }

    /// Follows containment navigation only (`ContainsTarget="true"`: what
    /// the roots' URL subtrees hold), without limit (`true`), or not at all
    /// (`false`, the default). Every other navigation property is then
    /// [`Untyped`](../graph_model/struct.Untyped.html) JSON even when its
    /// type is generated, so that a type's code is the same in every
    /// closure (what additive Cargo features need).
    pub fn containment(mut self, on: bool) -> Self {
        self.navigation = if on {
            Navigation::Containment
        } else {
            Navigation::None
        };
        self
    }

    /// Follows navigation properties from the roots this many steps
    /// (`0`: not at all).
    pub fn navigation_depth(mut self, depth: u32) -> Self {
        self.navigation = if depth == 0 {
            Navigation::None
        } else {
            Navigation::Depth(depth)
        };
        self
    }

    /// Types the navigation properties along a path, whatever the depth:
    /// a type then navigation property names (`user/manager`,
    /// `user/messages/attachments`; a qualified segment casts to a subtype).
    pub fn navigation_path(mut self, path: impl Into<String>) -> Self {
        self.navigation_paths.push(path.into());
        self
    }

    /// Leaves a type out even where a property needs it: such properties
    /// are untyped JSON, kept exactly as read (and still validated against
    /// the model at run time).
    pub fn exclude(mut self, type_name: impl Into<String>) -> Self {
        self.excluded.push(type_name.into());
        self
    }

    /// The runtime crate's path in generated code (default `::graph_model`).
    pub fn runtime(mut self, path: impl Into<String>) -> Self {
        self.runtime = path.into();
        self
    }

    /// The directory the files are written to (for `build.rs`: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Refuses a model with errors (by default a partial model generates,
    /// with unresolved types as [`Untyped`](../graph_model/struct.Untyped.html) JSON).
    pub fn strict(mut self, on: bool) -> Self {
        self.strict = on;
        self
    }

    /// Puts each namespace behind a Cargo feature named after it
    /// (`microsoft-graph-call-records`) and writes `features.toml` with the
    /// `[features]` table. Each namespace compiles on its own: a property
    /// whose type lives in a disabled namespace is `Untyped` JSON, and a
    /// subtype from one reads as an unknown subtype.
    pub fn namespace_features(mut self, on: bool) -> Self {
        self.namespace_features = on;
        self
    }

    /// Emits `visit_type(type_name, visitor)` in the root file: the
    /// generated type of a qualified name, handed to a
    /// `graph_model::TypeVisitor` (how the validator picks a type at run
    /// time). Off by default; it costs nothing until called, but its match
    /// is type-checked with the crate.
    pub fn type_visitor(mut self, on: bool) -> Self {
        self.registry = on;
        self
    }

    /// Emits `schemars::JsonSchema` impls for every generated type, behind
    /// `#[cfg(feature = "schemars")]` (the generated crate's feature, which
    /// must enable `graph-model/schemars`), and writes `schema.json`: the
    /// lenient JSON Schema of the generated types, which the impls return
    /// definition by definition — the same schema `graph-model schema` exports.
    pub fn schemars(mut self, on: bool) -> Self {
        self.schemars = on;
        self
    }

    /// Also passes the output through rustfmt when it can be run (default
    /// off: the output is written laid out as rustfmt lays it out).
    pub fn rustfmt(mut self, on: bool) -> Self {
        self.rustfmt = on;
        self
    }

    /// Loads the input and renders files in memory.
    pub fn render(&self) -> Result<(Model, Vec<File>), Error> {
        if self.inputs.is_empty() {
            return Err(Error::NoInput);
        }
        let model = load_files(
            &self.inputs,
            LoadOptions {
                strict: self.strict,
            },
        )
        .map_err(Error::Model)?;
        let names: Vec<String> = self.inputs.iter().map(|p| file_name(p)).collect();
        let (files, warnings) = self.render_model(&model, &names.join(", "))?;
        let mut model = model;
        model.diagnostics.extend(warnings);
        Ok((model, files))
    }

    /// Renders files for an already loaded model, with the warnings of
    /// planning (namespaces that would share a module after sanitising).
    pub fn render_model(
        &self,
        model: &Model,
        source: &str,
    ) -> Result<(Vec<File>, Diagnostics), Error> {
        for (namespace, path) in &self.modules {
            if !naming::is_module_path(path) {
                return Err(Error::InvalidModule {
                    namespace: namespace.clone(),
                    path: path.clone(),
                });
            }
        }
        let (spec, closure) = self.closure(model)?;
        let types = closure.types;
        let plan = plan(
            model,
            &types,
            PlanOptions {
                excluded: spec.excluded.clone(),
                containment_only: self.navigation == Navigation::Containment,
                areas: BTreeMap::new(),
                namespace_features: self.namespace_features,
                modules: self
                    .modules
                    .iter()
                    .map(|(ns, path)| (ns.clone(), path.split("::").map(str::to_string).collect()))
                    .collect(),
            },
        );
        let files = emit::render(
            &plan,
            &EmitOptions {
                runtime: self.runtime.clone(),
                source: source.to_string(),
                rustfmt: self.rustfmt,
                derives: self.derives.clone(),
                registry: self.registry,
                schemars: self.schemars,
            },
        )
        .map_err(Error::Emit)?;
        let mut files = files;
        if self.schemars {
            let bundle = crate::schema::bundle_of(
                model,
                types.iter().copied(),
                crate::schema::Mode::Lenient,
            );
            files.push(File {
                name: emit::SCHEMA_FILE.to_string(),
                contents: serde_json::to_string_pretty(&bundle).expect("JSON serializes") + "\n",
            });
        }
        Ok((files, plan.diagnostics))
    }

    /// The closure this builder generates for `model`, with its spec (the
    /// roots, paths and exclusions resolved); [`Closure::report`] says
    /// what it cuts.
    pub fn closure(&self, model: &Model) -> Result<(Spec, Closure), Error> {
        let mut spec = if self.all {
            Spec {
                roots: model.ids().map(|id| (id, Navigation::All)).collect(),
                ..Spec::default()
            }
        } else {
            if self.roots.is_empty() {
                return Err(Error::NoRoots);
            }
            Spec::from_names(model, &self.roots, self.navigation, &[], &[])?
        };
        let more = Spec::from_names(
            model,
            &[],
            self.navigation,
            &self.navigation_paths,
            &self.excluded,
        )?;
        spec.paths = more.paths;
        spec.excluded = more.excluded;
        let c = closure(model, &spec);
        Ok((spec, c))
    }

    /// Renders and writes the files; a file whose contents did not change is
    /// not rewritten. Every file goes into the output directory itself (see
    /// [`write_inside`]). Returns the model and the paths written.
    pub fn generate(&self) -> Result<(Model, Vec<PathBuf>), Error> {
        let out = self.out_dir.as_ref().ok_or(Error::NoOutDir)?;
        let (model, files) = self.render()?;
        std::fs::create_dir_all(out).map_err(|source| Error::Io {
            path: out.clone(),
            source,
        })?;
        let mut written = Vec::new();
        for f in files {
            written.push(write_inside(out, &f.name, f.contents.as_bytes())?);
        }
        Ok((model, written))
    }
}

/// Writes `contents` to the file `name` directly inside `dir`, unless it
/// already holds exactly that.
///
/// `name` must be one plain file name (ASCII letters, digits, `_`, `-` and
/// `.`, not starting with `.`), so nothing is written outside `dir`. An
/// existing symbolic link (or anything but a regular file) at that name is
/// refused rather than followed. The file is written to a temporary name in
/// `dir` and renamed over the old one, so a reader never sees half a file.
pub fn write_inside(dir: &Path, name: &str, contents: &[u8]) -> Result<PathBuf, Error> {
    let path = dir.join(name);
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if !plain || path.parent() != Some(dir) {
        return Err(Error::UnsafePath {
            path,
            why: "the name is not a plain file name inside the output directory",
        });
    }
    match std::fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(Error::UnsafePath {
                path,
                why: "it is a symbolic link, which would be followed",
            })
        }
        Ok(m) if !m.is_file() => {
            return Err(Error::UnsafePath {
                path,
                why: "it exists and is not a regular file",
            })
        }
        Ok(_) => {
            if std::fs::read(&path).ok().as_deref() == Some(contents) {
                return Ok(path);
            }
        }
        Err(_) => {}
    }
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)?;
    Ok(path)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
