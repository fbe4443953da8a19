//! `herald`: one binary for the whole site. See `herald --help`.

use std::process::ExitCode;

use clap::Parser;

/// Page rendering allocates many small strings; mimalloc handles that with far
/// less contention between threads than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
