//! `graph-model-codegen`: inspect CSDL and generate Rust types from it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use graph_model_codegen::{inspect, load_file, LoadOptions};

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
        /// Fail on any error in the model, and print every diagnostic.
        #[arg(long)]
        strict: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Inspect {
            file,
            type_name,
            strict,
        } => {
            let model = match load_file(&file, LoadOptions { strict }) {
                Ok(m) => m,
                Err(diags) => {
                    eprint!("{diags}");
                    return ExitCode::FAILURE;
                }
            };
            if strict {
                eprint!("{}", model.diagnostics);
            }
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
