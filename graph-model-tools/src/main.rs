//! `graph-model`: validate Graph JSON against a model, and check
//! documentation samples for conformance.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use graph_model_csdl::{load_file, LoadOptions, Model};
use graph_model_tools::conformance::{self, Checked, Summary};
use graph_model_tools::samples::{read_file, BUNDLED};
use graph_model_tools::schema;
use graph_model_tools::validate::{bundled_model, validate_document_in, Context, Method, Mode};

#[derive(Parser)]
#[command(name = "graph-model", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The OData protocol's text forms.
    Odata {
        #[command(subcommand)]
        command: OdataCommand,
    },
    /// Validate one JSON payload; prints `pointer: severity[kind]: message`,
    /// exits 1 when there is an error.
    Validate {
        /// CSDL to validate against (default: the bundled model).
        #[arg(long)]
        metadata: Option<PathBuf>,
        /// Qualified type name, e.g. microsoft.graph.customDataProvidedResourceUploadSession,
        /// or `Collection(...)` of one; primitive and enum types too (`Edm.String`).
        /// Without it the type comes from --url, or from the payload's `@odata.context`.
        #[arg(long = "type")]
        type_name: Option<String>,
        /// The request URL the payload answers (a GET of a collection gives a collection).
        #[arg(long, conflicts_with = "type_name")]
        url: Option<String>,
        /// The payload is a collection response (`{"value": [...]}`); with --type
        /// (a `{"value": [...]}` body of an entity or complex type reads as one anyway).
        #[arg(long)]
        collection: bool,
        /// Every deviation is an error.
        #[arg(long)]
        strict: bool,
        /// The payload is a request body sent with this method (POST, PUT,
        /// PATCH; an action's parameters are a POST body). Default: a response.
        #[arg(long, value_name = "METHOD")]
        request: Option<String>,
        /// `include-unknown-enum-members`: the request sent `Prefer:
        /// include-unknown-enum-members` (for a response: the service applied
        /// it), so evolvable enum members are expected.
        #[arg(long, value_name = "PREFERENCE", value_parser = ["include-unknown-enum-members"])]
        prefer: Option<String>,
        payload: PathBuf,
    },
    /// Export JSON Schema (draft 2020-12) that agrees with `validate`: one
    /// type with its definitions, or every type (`--all`), optionally as an
    /// OpenAPI 3.1 document (`--openapi`).
    Schema {
        /// CSDL to export from (default: the bundled model).
        #[arg(long)]
        metadata: Option<PathBuf>,
        /// Qualified type name, e.g. microsoft.graph.customDataProvidedResourceUploadSession.
        #[arg(long = "type", required_unless_present_any = ["all", "openapi"])]
        type_name: Option<String>,
        /// The schema of a collection response (`{"value": [...]}`) of --type.
        #[arg(long, requires = "type_name")]
        collection: bool,
        /// Every type in one document's `$defs`.
        #[arg(long, conflicts_with = "type_name")]
        all: bool,
        /// Every type as OpenAPI 3.1 `components.schemas`.
        #[arg(long, conflicts_with = "type_name")]
        openapi: bool,
        /// Mirror strict validation (default: lenient).
        #[arg(long)]
        strict: bool,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check documentation samples (Markdown pages, plain-text pages, or
    /// doc-samples .jsonl files) and write a Markdown and JSON report.
    Conformance {
        /// CSDL files to check against, each in turn (repeatable; the word
        /// `bundled` names the bundled model, which is also the default).
        #[arg(long)]
        metadata: Vec<PathBuf>,
        /// Sample files (default: the bundled samples of the upload-session
        /// API, graph-model-tools/samples/upload-sessions.md).
        #[arg(long, num_args = 1..)]
        samples: Vec<PathBuf>,
        /// Where to write report.md and report.json.
        #[arg(long, default_value = "target/conformance")]
        out: PathBuf,
        #[arg(long)]
        strict: bool,
    },
}

fn load(metadata: &Option<PathBuf>) -> Result<Model, String> {
    match metadata {
        None => Ok(bundled_model().clone()),
        Some(p) => load_file(p, LoadOptions::default()).map_err(|d| d.to_string()),
    }
}

#[derive(Subcommand)]
enum OdataCommand {
    /// Check a request URL without a payload: resolve its path against the
    /// model, parse its query (Graph's dialect) and bind it to the type the
    /// path addresses. Prints what the URL addresses and its canonical form;
    /// each problem as `error at A..B: …` (a byte range of the URL), and
    /// exits 1 when there is an error.
    Check {
        /// CSDL to check against (default: the bundled model).
        #[arg(long)]
        metadata: Option<PathBuf>,
        /// `include-unknown-enum-members`: the request sends `Prefer:
        /// include-unknown-enum-members`, so its query may name evolvable
        /// enum members.
        #[arg(long, value_name = "PREFERENCE", value_parser = ["include-unknown-enum-members"])]
        prefer: Option<String>,
        /// The request URL (absolute, or a path below the service root).
        url: String,
    },
    /// Match one input against an ABNF rule of "OData ABNF Construction
    /// Rules 4.01" (e.g. `odataRelativeUri`, `queryOptions`,
    /// `boolCommonExpr`, `context`, `preference`, `dateTimeOffsetValue`);
    /// prints the canonical form and exits 0, or prints `error at N: …`
    /// (N: the 0-based character position) and exits 1.
    Parse {
        /// The ABNF rule name (`--rule list` prints the ones implemented).
        #[arg(long)]
        rule: String,
        /// Names by role, as a JSON object of rule name to array of names
        /// (e.g. `{"entitySetName": ["Orders"], "entityColNavigationProperty":
        /// ["Items"]}`, the form of the OData TC's constraints.json). Without
        /// it every name fits every role.
        #[arg(long, value_name = "FILE")]
        constraints: Option<std::path::PathBuf>,
        /// The input, as it appears in a URL, header or body.
        #[arg(default_value = "")]
        input: String,
    },
}

fn odata(cmd: OdataCommand) -> Result<ExitCode, String> {
    match cmd {
        OdataCommand::Check {
            metadata,
            prefer,
            url,
        } => check_url(&load(&metadata)?, &url, prefer.is_some()),
        OdataCommand::Parse {
            rule,
            constraints,
            input,
        } => {
            if rule == "list" {
                graph_model_odata::rules().for_each(|r| println!("{r}"));
                return Ok(ExitCode::SUCCESS);
            }
            let roles = match constraints {
                None => graph_model_odata::Roles::new(),
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    graph_model_odata::Roles::from_json(&text)
                        .map_err(|e| format!("{}: {e}", path.display()))?
                }
            };
            match graph_model_odata::parse_rule_with(&rule, &input, &roles) {
                None => Err(format!(
                    "rule `{rule}` is not implemented (`--rule list` prints the ones that are)"
                )),
                Some(Ok(canonical)) => {
                    println!("{canonical}");
                    Ok(ExitCode::SUCCESS)
                }
                Some(Err(e)) => {
                    eprintln!("{e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}

/// `odata check`: the URL's path resolved, its query parsed and bound.
fn check_url(model: &Model, url: &str, prefer: bool) -> Result<ExitCode, String> {
    use graph_model_odata::query::{self, bind, Dialect, Restrictions, Severity};
    let resolved = graph_model_csdl::model::path::resolve(model, url).map_err(|e| e.to_string())?;
    println!("addresses: {}", resolved.describe(model));
    let (path, query_text) = match query::query_of(url) {
        Some((q, at)) => (&url[..at - 1], Some((q, at))),
        None => (url.split('#').next().unwrap_or(url), None),
    };
    let Some((q, at)) = query_text.filter(|(q, _)| !q.is_empty()) else {
        println!("canonical: {path}");
        return Ok(ExitCode::SUCCESS);
    };
    let report = |severity: Severity, span: &std::ops::Range<usize>, message: &str| {
        println!(
            "{severity} at {}..{}: {message}",
            span.start + at,
            span.end + at
        );
    };
    let hinted = |e: &query::QueryError| match &e.suggestion {
        Some(s) => format!("{} (did you mean `{s}`?)", e.message),
        None => e.message.clone(),
    };
    let parsed = match query::parse(q, Dialect::graph()) {
        Ok(p) => p,
        Err(e) => {
            report(Severity::Error, &e.span, &hinted(&e));
            return Ok(ExitCode::FAILURE);
        }
    };
    let canonical = format!("{path}?{}", parsed.to_canonical());
    let Some(ty) = resolved.structured(model) else {
        println!("canonical: {canonical}");
        return Ok(ExitCode::SUCCESS);
    };
    let restrictions = Restrictions::new().include_unknown_enum_members(prefer);
    match bind(model, ty, resolved.collection, parsed, &restrictions) {
        Ok(bound) => {
            for w in &bound.warnings {
                report(Severity::Warning, &w.span, &hinted(w));
            }
            println!("canonical: {canonical}");
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for e in &errors {
                report(e.severity, &e.span, &hinted(e));
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cmd: Command) -> Result<ExitCode, String> {
    match cmd {
        Command::Odata { command } => odata(command),
        Command::Validate {
            metadata,
            type_name,
            url,
            collection,
            strict,
            request,
            prefer,
            payload,
        } => {
            let method = match request.as_deref().map(str::parse::<Method>) {
                Some(Err(e)) => return Err(format!("--request: {e}")),
                Some(Ok(m)) => Some(m),
                None => None,
            };
            let context = Context {
                request: method,
                include_unknown_enum_members: prefer.is_some(),
            };
            let model = load(&metadata)?;
            let text = std::fs::read_to_string(&payload)
                .map_err(|e| format!("cannot read {}: {e}", payload.display()))?;
            let mode = if strict { Mode::Strict } else { Mode::Lenient };
            let doc = conformance::document_of(
                &model,
                type_name.as_deref(),
                url.as_deref(),
                collection,
                &text,
            )
            .map_err(|e| e.to_string())?;
            let mut report = validate_document_in(&model, &doc, &text, mode, context);
            // `$select` narrows what the response may carry.
            if let (
                Some(select),
                graph_model_tools::validate::Document::Structured { id, collection },
            ) = (url.as_deref().and_then(conformance::select_of), &doc)
            {
                conformance::check_selection(
                    &model,
                    *id,
                    *collection,
                    &select,
                    &text,
                    mode,
                    &mut report,
                );
            }
            // The query too: `$expand=filez` is an error at its place in the URL.
            let query_errors = url
                .as_deref()
                .map(|u| conformance::query_errors(&model, u, context.include_unknown_enum_members))
                .unwrap_or_default();
            for e in &query_errors {
                println!("--url:{e}");
            }
            for f in &report.findings {
                println!("{}:{f}", payload.display());
            }
            Ok(if report.has_errors() || !query_errors.is_empty() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Schema {
            metadata,
            type_name,
            collection,
            all,
            openapi,
            strict,
            out,
        } => {
            let model = load(&metadata)?;
            let mode = if strict {
                schema::Mode::Strict
            } else {
                schema::Mode::Lenient
            };
            let doc = match type_name {
                Some(t) if !all && !openapi => {
                    schema::for_type(&model, &t, collection, mode).map_err(|e| e.to_string())?
                }
                _ if openapi => {
                    let title = metadata
                        .as_ref()
                        .and_then(|p| p.file_name())
                        .map_or("bundled model".into(), |n| n.to_string_lossy().into_owned());
                    schema::openapi(&model, mode, &title)
                }
                _ => schema::bundle(&model, mode),
            };
            let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n";
            match out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Conformance {
            metadata,
            samples,
            out,
            strict,
        } => {
            let mode = if strict { Mode::Strict } else { Mode::Lenient };
            let models: Vec<Option<PathBuf>> = if metadata.is_empty() {
                vec![None]
            } else {
                metadata
                    .into_iter()
                    .map(|p| (p.as_os_str() != "bundled").then_some(p))
                    .collect()
            };
            let several = models.len() > 1;
            let mut sets: Vec<(String, Vec<Checked>)> = Vec::new();
            for m in &models {
                let model = load(m)?;
                let model_name = m
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map_or("bundled".into(), |n| n.to_string_lossy().into_owned());
                // The bundled model has generated types: check through them too.
                let typed = m.is_none().then_some(
                    graph_model_tools::validate::validate_bundled as conformance::TypedValidator,
                );
                let files: Vec<(String, Vec<graph_model_tools::samples::Sample>)> =
                    if samples.is_empty() {
                        vec![(BUNDLED.0.to_string(), graph_model_tools::samples::bundled())]
                    } else {
                        samples
                            .iter()
                            .map(|path| {
                                let file = path
                                    .file_name()
                                    .map(|n| n.to_string_lossy().into_owned())
                                    .unwrap_or_default();
                                read_file(path).map(|s| (file, s))
                            })
                            .collect::<Result<_, _>>()
                            .map_err(|e| e.to_string())?
                    };
                for (file, blocks) in &files {
                    let name = if several {
                        format!("{file} vs {model_name}")
                    } else {
                        file.clone()
                    };
                    let results = blocks
                        .iter()
                        .map(|s| conformance::check_with(&model, s, mode, typed))
                        .collect();
                    sets.push((name, results));
                }
            }
            std::fs::create_dir_all(&out)
                .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
            let md = conformance::markdown(&sets);
            std::fs::write(out.join("report.md"), &md).map_err(|e| e.to_string())?;
            let json = serde_json::json!({
                "sets": sets.iter().map(|(n, r)| serde_json::json!({"samples": n, "summary": Summary::of(r), "blocks": r})).collect::<Vec<_>>(),
            });
            let json = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
            std::fs::write(out.join("report.json"), json).map_err(|e| e.to_string())?;
            println!("| samples | blocks | checked | exact round-trip | blocks with findings, by kind | not checkable, by reason |");
            println!("|---|---|---|---|---|---|");
            for (name, results) in &sets {
                println!("{}", Summary::of(results).markdown_row(name));
            }
            println!(
                "\nreport: {} and report.json",
                out.join("report.md").display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
