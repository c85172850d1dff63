//! The `sentinelle` binary: parse the command line, run, map the outcome to an exit code
//! (0 success, 2 error). A closed output pipe (`sentinelle scan … | head`) ends the run
//! quietly with 0, as ripgrep does.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = sentinelle::cli::Cli::parse();
    match sentinelle::cli::run(cli) {
        Ok(code) => code,
        Err(err) if broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Never panics: a closed standard error is not worth a second failure.
            let _ = writeln!(std::io::stderr(), "sentinelle: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// True when the error is a write to a closed pipe.
fn broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
