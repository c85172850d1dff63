//! The `sentinelle` binary: parse the command line, run, map the outcome to an exit code
//! (0 success, 2 error).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = sentinelle::cli::Cli::parse();
    match sentinelle::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("sentinelle: {err:#}");
            ExitCode::from(2)
        }
    }
}
