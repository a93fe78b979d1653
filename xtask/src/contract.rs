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
/// The seed of every generated request, so that a run can be repeated.
const SEED: &str = "20231031";
/// The dev tools that replace the world (reset, scenarios) or make the API fail on purpose (fault
/// rules): schemathesis tries them apart, after the rest, so that they cannot change what the
/// other operations answer halfway through.
const WORLD_CHANGING: [&str; 3] = ["resetState", "loadScenario", "setFault"];

pub fn check() -> Result<(), String> {
    let started = Instant::now();
    let bin = tools()?;
    step("contract: api-mock (server profile)");
    let server = ApiMock::start(&["--dev"], SERVER_LOG)?;
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
    run(schemathesis(&bin, &document).args(WORLD_CHANGING.iter().flat_map(|id| ["--exclude-operation-id", id])))?;
    step("contract: schemathesis, every check, on the dev tools that change the world (no links among them: no stateful phase)");
    run(schemathesis(&bin, &document)
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(WORLD_CHANGING.iter().flat_map(|id| ["--include-operation-id", id])))?;
    println!("contract: passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn schemathesis(bin: &Path, document: &str) -> Command {
    let mut command = tool(bin, "st");
    command.args(["--config-file", "contract/schemathesis.toml", "run", document, "--checks", "all", "--seed", SEED]);
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
