//! `herald`: one binary for the whole site. See `herald --help`.

use std::process::ExitCode;

use clap::Parser;

/// Page rendering allocates many small strings; mimalloc handles that with far
/// less contention between threads than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option that commits whole arenas as soon as they are made.
const EAGER_COMMIT: &str = "MIMALLOC_ARENA_EAGER_COMMIT";

/// By default mimalloc commits whole arenas up front, which under load kept
/// about 60 MiB resident that was never used (`scripts/bench.sh`: 150.6 MiB
/// peak with the page cache, 88.5 MiB without eager commit, at the same
/// speed). mimalloc reads its options from the environment before `main`, and
/// changing the environment from Rust is unsafe, so the binary starts itself
/// once more with the option off. A value the user set is kept; if the restart
/// fails, Herald goes on as it is.
#[cfg(unix)]
fn with_allocator_options() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os(EAGER_COMMIT).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    // `exec` returns only when it failed.
    let _failed = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(EAGER_COMMIT, "0")
        .exec();
}

#[cfg(not(unix))]
fn with_allocator_options() {}

fn main() -> ExitCode {
    with_allocator_options();
    let cli = herald_cli::cli::Cli::parse();
    match herald_cli::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
