//! `graph-model-codegen`: inspect CSDL and generate Rust types from it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use graph_model_codegen::closure::{Navigation, Spec};
use graph_model_codegen::{inspect, load_file, Builder, LoadOptions};

#[derive(Parser)]
#[command(name = "graph-model-codegen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print counts per kind, or one type fully resolved.
    Inspect {
        /// A CSDL `$metadata` file.
        file: PathBuf,
        /// A qualified type name (`microsoft.graph.user` or `graph.user`).
        #[arg(long = "type")]
        type_name: Option<String>,
        /// Fail on any error in the model (every diagnostic is printed either way).
        #[arg(long)]
        strict: bool,
    },
    /// List the types a generation from these roots would include, and
    /// report what it cuts (properties left untyped, by reason).
    Closure {
        /// A CSDL `$metadata` file.
        file: PathBuf,
        /// Root types or resource paths (repeatable); `TYPE:N` or `TYPE:all`
        /// sets that root's navigation depth.
        #[arg(long = "root", required = true)]
        roots: Vec<String>,
        #[command(flatten)]
        closure: ClosureArgs,
    },
    /// Generate every type of a CSDL file with one Cargo feature per area
    /// (entity set or singleton: its type and its containment subtree) and
    /// `full`; features are additive (a type's code is the same whichever
    /// are on). Writes the modules, `mod.rs`, `features.toml` and
    /// `FEATURES.md` (the table of areas).
    Areas {
        /// A CSDL `$metadata` file.
        file: PathBuf,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
        /// The namespace whose types go to the root module (its
        /// sub-namespaces become child modules).
        #[arg(long, default_value = "microsoft.graph")]
        prefix: String,
        /// Path of the runtime crate in generated code.
        #[arg(long, default_value = "::graph_model")]
        runtime: String,
        /// Format with rustfmt.
        #[arg(long)]
        rustfmt: bool,
    },
    /// What changed between two `$metadata` snapshots, each change with
    /// its verdicts: reading responses, sending requests, the semver bump of
    /// the generated crate (rules: graph_model_codegen::diff::rules).
    Diff {
        /// The old snapshot (with --history: a folder of snapshots, diffed
        /// pair by pair in name order; NEW is not given).
        old: PathBuf,
        /// The new snapshot.
        #[arg(required_unless_present = "history")]
        new: Option<PathBuf>,
        /// `text`, `markdown` (a changelog) or `json` (stable fields).
        #[arg(long, default_value = "text", value_parser = ["text", "markdown", "json"])]
        format: String,
        /// Exit 1 when a change breaks the wire (`wire`: reading responses
        /// or sending requests), needs a major bump (`major`), or at least a
        /// minor one (`minor`).
        #[arg(long, value_parser = ["wire", "major", "minor"])]
        fail_on: Option<String>,
        /// OLD is a folder: a table of counts per consecutive pair.
        #[arg(long)]
        history: bool,
        /// Only the changes that reach these types (repeatable), as
        /// `generate` would include them, each with the path by which it
        /// does.
        #[arg(long = "root")]
        roots: Vec<String>,
        #[command(flatten)]
        closure: ClosureArgs,
    },
    /// Generate Rust types from a CSDL file into a directory.
    Generate {
        /// A CSDL `$metadata` file, and any documents it references.
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Root types; their closure is generated (repeatable).
        #[arg(long = "root", required_unless_present = "all")]
        roots: Vec<String>,
        /// Generate every type in the file.
        #[arg(long, conflicts_with = "roots")]
        all: bool,
        #[command(flatten)]
        closure: ClosureArgs,
        /// Output directory (gets `mod.rs` and one file per namespace).
        #[arg(long)]
        out: PathBuf,
        /// Path of the runtime crate in generated code.
        #[arg(long, default_value = "::graph_model")]
        runtime: String,
        /// Refuse a model with errors.
        #[arg(long)]
        strict: bool,
        /// One Cargo feature per namespace (writes features.toml).
        #[arg(long)]
        namespace_features: bool,
        /// An extra derive on every struct and enum (repeatable), e.g. `Eq`;
        /// `Clone`, `PartialEq` and `Debug` are always implemented.
        #[arg(long = "derive")]
        derives: Vec<String>,
        /// Put a namespace at a module path: `microsoft.graph=graph` (repeatable).
        #[arg(long = "module", value_parser = parse_module)]
        modules: Vec<(String, String)>,
        /// Also emit `visit_type(type_name, visitor)`: the generated type of a
        /// qualified name, for code that picks a type at run time.
        #[arg(long)]
        type_visitor: bool,
        /// Also emit `schemars::JsonSchema` impls (behind the generated crate's
        /// `schemars` feature) and `schema.json`.
        #[arg(long)]
        schemars: bool,
    },
}

/// How far the closure reaches: navigation and exclusions.
#[derive(Args)]
struct ClosureArgs {
    /// Follow navigation properties from the roots without limit.
    #[arg(long, conflicts_with_all = ["navigation_depth", "containment"])]
    navigation: bool,
    /// Follow containment navigation only (what the roots' URL subtrees
    /// hold); every other navigation property is untyped JSON, so that a
    /// type's code is the same in every closure.
    #[arg(long, conflicts_with = "navigation_depth")]
    containment: bool,
    /// Follow navigation properties this many steps from the roots.
    #[arg(long, value_name = "N")]
    navigation_depth: Option<u32>,
    /// Type the navigation properties along a path, e.g. `user/manager`
    /// (repeatable).
    #[arg(long = "navigation-path", value_name = "PATH")]
    navigation_paths: Vec<String>,
    /// Leave a type out: properties of it are untyped JSON (repeatable).
    #[arg(long = "exclude", value_name = "TYPE")]
    excluded: Vec<String>,
}

impl ClosureArgs {
    fn navigation(&self) -> Navigation {
        match (self.navigation, self.navigation_depth) {
            _ if self.containment => Navigation::Containment,
            (true, _) => Navigation::All,
            (false, None | Some(0)) => Navigation::None,
            (false, Some(d)) => Navigation::Depth(d),
        }
    }

    fn apply(self, builder: Builder) -> Builder {
        let builder = builder.navigation_mode(self.navigation());
        let builder = self
            .navigation_paths
            .into_iter()
            .fold(builder, Builder::navigation_path);
        self.excluded.into_iter().fold(builder, Builder::exclude)
    }
}

fn parse_module(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((ns, path)) if !ns.is_empty() && !path.is_empty() => {
            Ok((ns.to_string(), path.to_string()))
        }
        _ => Err(format!("`{s}`: expected NAMESPACE=module::path")),
    }
}

/// Loads a CSDL file; on failure prints its diagnostics and gives the exit
/// code to return.
fn load(file: &std::path::Path, strict: bool) -> Result<graph_model_codegen::Model, ExitCode> {
    load_file(file, LoadOptions { strict }).map_err(|diags| {
        eprint!("{diags}");
        ExitCode::FAILURE
    })
}

/// `graph-model-codegen areas`.
fn areas(file: PathBuf, out: PathBuf, prefix: &str, runtime: String, rustfmt: bool) -> ExitCode {
    use graph_model_codegen::areas;
    let model = match load(&file, false) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let source = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let opts = areas::RenderOptions {
        source,
        runtime,
        modules: areas::strip_namespace(&model, prefix),
        rustfmt,
    };
    let started = std::time::Instant::now();
    let files = match areas::render(&model, &opts) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("error: cannot create {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let mut lines = 0;
    for f in &files {
        lines += f.contents.lines().count();
        if let Err(e) = graph_model_codegen::write_inside(&out, &f.name, f.contents.as_bytes()) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "generated {} files, {lines} lines into {} in {:.2?}",
        files.len(),
        out.display(),
        started.elapsed()
    );
    ExitCode::SUCCESS
}

/// `graph-model-codegen diff`.
/// How `diff` limits itself to the user's types.
struct Reach {
    roots: Vec<String>,
    closure: ClosureArgs,
}

fn diff_command(
    old: PathBuf,
    new: Option<PathBuf>,
    format: &str,
    fail_on: Option<&str>,
    history: bool,
    reach: Reach,
) -> ExitCode {
    use graph_model_codegen::diff::{self, Bump, Wire};
    if history {
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&old) {
            Ok(d) => d
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "xml"))
                .collect(),
            Err(e) => {
                eprintln!("error: {}: {e}", old.display());
                return ExitCode::FAILURE;
            }
        };
        files.sort();
        match diff::history(&files) {
            Ok(table) => print!("{table}"),
            Err(d) => {
                eprint!("{d}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    let Some(new) = new else {
        eprintln!("error: give OLD and NEW");
        return ExitCode::FAILURE;
    };
    let (old_model, new_model) = match (load(&old, false), load(&new, false)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let mut d = diff::diff(&old_model, &new_model);
    if !reach.roots.is_empty() {
        let c = &reach.closure;
        // A root missing from one side (added or removed) limits the other.
        let spec = |m: &graph_model_codegen::Model| {
            Spec::from_names(
                m,
                &reach.roots,
                c.navigation(),
                &c.navigation_paths,
                &c.excluded,
            )
        };
        let (so, sn) = match (spec(&old_model), spec(&new_model)) {
            (Err(e), Err(_)) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
            (Ok(o), Ok(n)) => (o, n),
            (Ok(o), Err(_)) => (o, Spec::default()),
            (Err(_), Ok(n)) => (Spec::default(), n),
        };
        d = diff::reaching(&d, (&old_model, &so), (&new_model, &sn));
    }
    match format {
        "markdown" => print!("{}", d.markdown()),
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&d.json()).unwrap_or_default()
        ),
        _ => {
            use std::io::IsTerminal;
            print!("{}", d.text_with(std::io::stdout().is_terminal()));
        }
    }
    let fails = match fail_on {
        Some("wire") => d
            .changes
            .iter()
            .any(|c| c.rule.read == Wire::Breaking || c.rule.send == Wire::Breaking),
        Some("major") => d.bump() >= Bump::Major,
        Some("minor") => d.bump() >= Bump::Minor,
        _ => false,
    };
    if fails {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Diff {
            old,
            new,
            format,
            fail_on,
            history,
            roots,
            closure,
        } => diff_command(
            old,
            new,
            &format,
            fail_on.as_deref(),
            history,
            Reach { roots, closure },
        ),
        Command::Areas {
            file,
            out,
            prefix,
            runtime,
            rustfmt,
        } => areas(file, out, &prefix, runtime, rustfmt),
        Command::Closure {
            file,
            roots,
            closure,
        } => {
            let model = match load(&file, false) {
                Ok(m) => m,
                Err(code) => return code,
            };
            let spec = Spec::from_names(
                &model,
                &roots,
                closure.navigation(),
                &closure.navigation_paths,
                &closure.excluded,
            );
            match spec.map(|spec| inspect::closure(&model, &spec)) {
                Ok((names, report)) => {
                    for n in &names {
                        println!("{n}");
                    }
                    eprint!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Generate {
            files,
            roots,
            all,
            closure,
            out,
            runtime,
            strict,
            namespace_features,
            derives,
            modules,
            type_visitor,
            schemars,
        } => {
            let builder = closure.apply(roots.into_iter().fold(Builder::new(), Builder::root));
            let builder = files.iter().fold(builder, Builder::input);
            let builder = derives.into_iter().fold(builder, Builder::derive);
            let builder = modules
                .into_iter()
                .fold(builder, |b, (ns, path)| b.module(ns, path))
                .all(all)
                .runtime(runtime)
                .strict(strict)
                .namespace_features(namespace_features)
                .type_visitor(type_visitor)
                .schemars(schemars)
                .out_dir(&out);
            let started = std::time::Instant::now();
            match builder.generate() {
                Ok((model, paths)) => {
                    eprint!("{}", model.diagnostics);
                    let warnings = model.diagnostics.len();
                    let lines: usize = paths
                        .iter()
                        .filter_map(|p| std::fs::read_to_string(p).ok())
                        .map(|t| t.lines().count())
                        .sum();
                    eprintln!(
                        "generated {} files, {lines} lines into {} in {:.2?} ({warnings} model diagnostics)",
                        paths.len(),
                        out.display(),
                        started.elapsed()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprint!("{e}");
                    eprintln!();
                    ExitCode::FAILURE
                }
            }
        }
        Command::Inspect {
            file,
            type_name,
            strict,
        } => {
            let model = match load(&file, strict) {
                Ok(m) => m,
                Err(code) => return code,
            };
            eprint!("{}", model.diagnostics);
            match type_name {
                None => print!("{}", inspect::summary(&model)),
                Some(name) => match model.lookup(&name) {
                    Some(id) => print!("{}", inspect::describe(&model, id)),
                    None => {
                        eprintln!("error: no type `{name}` in {}", file.display());
                        return ExitCode::FAILURE;
                    }
                },
            }
            ExitCode::SUCCESS
        }
    }
}
