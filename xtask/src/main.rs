//! Project chores as one small program: `cargo xtask setup | run | test | bench`.
//! Every command first installs what it needs (idempotently), so a fresh machine needs nothing
//! but this repository and the Rust toolchain.

mod bench;
mod browser;
mod build;
mod contract;
mod lighthouse;
mod mock;
/// The app's paths, from `shared` (the file depends on nothing, so xtask need not build `shared`).
#[path = "../../shared/src/paths.rs"]
#[allow(dead_code)]
mod paths;
mod setup;
mod shell;
mod wasm_pack;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup   install every tool the build and the tests need (skips what is already there)
  build   build the app in release mode, split by area, into dist/
  run     build the app in release mode and serve it with api-mock on http://127.0.0.1:8080
          (more api-mock flags may follow, e.g. `cargo xtask run --scenario citizens`)
  test    run every test: shared and api-mock, wasm-pack in Chromium, end-to-end with axe-core
  contract  check api-mock's API document: valid OpenAPI, a generated client, schemathesis
  bench   print the figures: first-load sizes, validation cost per call (natively and in
          Chromium), time to interactive, api-mock requests/s, Lighthouse scores";

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_default();
    let outcome = match command.as_str() {
        "setup" => setup::for_tests(),
        "build" => setup::for_build().and_then(|()| build::app()),
        "run" => run(&std::env::args().skip(2).collect::<Vec<_>>()),
        "test" => test(),
        "bench" => bench::run(),
        "contract" => contract::check(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {command}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Serves the app and the API with the dev tools on; `extra` goes to api-mock as it is.
fn run(extra: &[String]) -> Result<(), String> {
    setup::for_build()?;
    build::app()?;
    shell::step("api-mock on http://127.0.0.1:8080 (state in data/, dev tools on: /api/docs/, /dev/outbox)");
    let mut args = vec!["run", "--profile", "server", "-p", "api-mock", "--", "--static", "dist", "--listen", "127.0.0.1:8080", "--data", "data", "--dev"];
    args.extend(extra.iter().map(String::as_str));
    shell::cargo(&args)
}

fn test() -> Result<(), String> {
    setup::for_tests()?;
    shell::step("formatting (cargo fmt --check)");
    shell::cargo(&["fmt", "--all", "--check"])?;
    shell::step("lints (cargo clippy -D warnings): the native crates, then the browser's");
    shell::cargo(&["clippy", "--quiet", "-p", "shared", "-p", "api-mock", "-p", "e2e", "-p", "xtask", "--all-targets", "--", "-D", "warnings"])?;
    shell::cargo(&["clippy", "--quiet", "-p", "app", "-p", "shared", "--target", "wasm32-unknown-unknown", "--all-targets", "--", "-D", "warnings"])?;
    contract::check()?;
    for (title, krate) in [("shared's patterns in the browser engine", "shared"), ("app components", "app")] {
        shell::step(&format!("{title}: headless Chromium (wasm-pack)"));
        wasm_pack::test(&[krate])?;
    }
    build::app()?;
    // One cargo run for all four crates: cargo unifies features over the packages it is given, so
    // testing api-mock alone and e2e alone built every shared dependency twice (time and disk).
    shell::step("unit, property and route tests (shared, api-mock, xtask), then the end-to-end tests in headless Chromium against the release build");
    shell::cargo(&["test", "-p", "shared", "-p", "api-mock", "-p", "xtask", "-p", "e2e", "--", "--test-threads=2"])
}
