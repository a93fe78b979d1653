//! The contract check: api-mock's OpenAPI document is valid, a client generated from it works, and schemathesis finds the server true to it.

use crate::mock::ApiMock;
use crate::shell::{self, root, run, step};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Where the tools live, made from `contract/requirements.txt`.
const VENV: &str = "target/contract-venv";
/// Where the generated client goes (replaced on every run).
const CLIENT: &str = "target/contract-client";
/// The server's request log under target/, for a failure's details.
const SERVER_LOG: &str = "contract-api-mock.log";
/// Replays a run: its seed, as the run printed it (else every run draws a new one).
const SEED_VARIABLE: &str = "CONTRACT_SEED";
/// The flags of the server under test: the dev tools, the `citizens` world (the hooks sign in one
/// of its citizens), and no per-address limit, so that the requests reach the logic behind it
/// (the limits have route tests of their own).
const SERVER_FLAGS: [&str; 7] = ["--dev", "--scenario", "citizens", "--rate-limit", "0", "--registration-limit", "0"];
/// The dev tools that replace the world (reset, scenarios) or make the API fail on purpose (fault
/// rules): schemathesis tries them apart, after the rest, so that they cannot change what the
/// other operations answer halfway through.
const WORLD_CHANGING: [&str; 4] = ["resetState", "loadScenario", "setFault", "setClock"];

pub fn check() -> Result<(), String> {
    let started = Instant::now();
    let bin = tools()?;
    let seed = seed()?;
    println!("contract: seed {seed} (replay with {SEED_VARIABLE}={seed} cargo xtask contract)");
    step("contract: api-mock (server profile)");
    let server = ApiMock::start(&SERVER_FLAGS, SERVER_LOG)?;
    let document = format!("{}/api/openapi.json", server.url);

    step("contract: the document is valid OpenAPI 3.1 (openapi-spec-validator)");
    run(tool(&bin, "python").args(["contract/validate.py", &document]))?;

    step("contract: a client generated from the document registers a citizen (openapi-python-client)");
    let client = root().join(CLIENT);
    if client.exists() {
        std::fs::remove_dir_all(&client).map_err(|e| format!("cannot empty {}: {e}", client.display()))?;
    }
    let generate = ["generate", "--url", &document, "--config", "contract/client.yaml", "--meta", "none", "--fail-on-warning", "--output-path"];
    run(tool(&bin, "openapi-python-client").args(generate).arg(client.join("pz_client")))?;
    run(tool(&bin, "python").args(["contract/register.py", &server.url]).env("PYTHONPATH", &client))?;

    step("contract: schemathesis, every check, the stateful phase included (all but the dev tools that change the world)");
    run(schemathesis(&bin, &server.url, &seed).args(WORLD_CHANGING.iter().flat_map(|id| ["--exclude-operation-id", id])))?;
    step("contract: schemathesis, every check, on the dev tools that change the world (no links among them: no stateful phase)");
    run(schemathesis(&bin, &server.url, &seed)
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(WORLD_CHANGING.iter().flat_map(|id| ["--include-operation-id", id])))?;
    println!("contract: passed in {:.0} s (seed {seed})", started.elapsed().as_secs_f64());
    Ok(())
}

/// The seed of the run's generated requests: `CONTRACT_SEED` if set (not empty), else drawn from the clock.
fn seed() -> Result<String, String> {
    match std::env::var(SEED_VARIABLE).unwrap_or_default() {
        seed if !seed.is_empty() && seed.bytes().all(|b| b.is_ascii_digit()) => Ok(seed),
        seed if !seed.is_empty() => Err(format!("{SEED_VARIABLE}={seed:?}: a seed is a number")),
        _ => {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(|e| format!("the clock is before 1970: {e}"))?;
            Ok((now.as_micros() % 1_000_000_000).to_string())
        }
    }
}

/// schemathesis against the server at `url`, every check, with the run's seed; the hooks sign in
/// at `url` too.
fn schemathesis(bin: &Path, url: &str, seed: &str) -> Command {
    let mut command = tool(bin, "st");
    command.args(["--config-file", "contract/schemathesis.toml", "run", &format!("{url}/api/openapi.json"), "--checks", "all", "--seed", seed]);
    command.env("CONTRACT_BASE_URL", url);
    command
}

/// The Python tools, installed into a virtual environment unless it already holds these very versions.
fn tools() -> Result<PathBuf, String> {
    let venv = root().join(VENV);
    let requirements = std::fs::read_to_string(root().join("contract/requirements.txt")).map_err(|e| format!("contract/requirements.txt: {e}"))?;
    let stamp = venv.join("installed-requirements.txt");
    if std::fs::read_to_string(&stamp).is_ok_and(|installed| installed == requirements) {
        println!("contract tools: installed ({VENV})");
        return Ok(venv.join("bin"));
    }
    step(&format!("set-up: the contract check's tools ({VENV})"));
    run(shell::command("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    run(tool(&venv.join("bin"), "pip").args(["install", "--quiet", "--disable-pip-version-check", "-r", "contract/requirements.txt"]))?;
    std::fs::write(&stamp, requirements).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(venv.join("bin"))
}

fn tool(bin: &Path, name: &str) -> Command {
    shell::command(bin.join(name).to_str().expect("a UTF-8 path"))
}
