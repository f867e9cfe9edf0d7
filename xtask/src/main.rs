//! The project's two set-up commands (see README.md):
//!
//! - `cargo xtask run`: installs what is missing, builds the frontend (release) and the
//!   server, and serves the demo portal on http://127.0.0.1:8080.
//! - `cargo xtask test`: fmt, clippy, every Rust test on SQLite (and on PostgreSQL when
//!   `TEST_DATABASE_URL` is set), and the browser tests in `e2e/`.

mod size_budget;
mod steps;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let result = match arguments.first().map(String::as_str) {
        Some("run") => steps::serve_demo(),
        Some("test") => steps::test(&arguments[1..]),
        Some("frontend") => steps::build_frontend(),
        Some("bench") => steps::bench(&arguments[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 run        build everything and serve the demo portal on http://127.0.0.1:8080\n  \
                 test       fmt, clippy, Rust tests (SQLite, and PostgreSQL with TEST_DATABASE_URL), browser tests\n             \
                 (`test --no-e2e` skips the browser tests)\n  \
                 frontend   build the frontend into dist/ only\n  \
                 bench      every scenario: `bench [--products 10k,100k,1m] [--scenarios page,product] [--seconds 10] [--clients 32] [--postgres]`\n             \
                 ordering benchmark: `bench orders [--seconds 10] [--clients 32] [--postgres]`\n             \
                 long fuzz pass: `bench fuzz [--cases 5000]`; crash rounds: `bench crash [--runs 20]`"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}
