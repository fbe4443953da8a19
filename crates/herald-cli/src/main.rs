//! `herald`: one binary for the whole site. See `herald --help`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = herald_cli::cli::Cli::parse();
    match herald_cli::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
