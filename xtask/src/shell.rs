//! Running commands with the project's tools on PATH. A leaf: it uses no other module of xtask.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_path_buf()
}

/// Cargo's home: its registry's sources and the binaries `cargo install` puts in `bin`.
pub fn cargo_home() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    home.unwrap_or_default()
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin() -> PathBuf {
    cargo_home().join("bin")
}

/// A command run from the root, with npm's tools and cargo's binaries first on PATH.
pub fn command(program: &str) -> Command {
    let mut paths = vec![root().join("node_modules/.bin"), cargo_bin()];
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    let mut command = Command::new(program);
    command.current_dir(root()).env("PATH", std::env::join_paths(paths).expect("PATH entries without separators"));
    command
}

pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("could not start {:?}: {e}", command.get_program()))?;
    status.success().then_some(()).ok_or_else(|| format!("{:?} {:?} failed: {status}", command.get_program(), command.get_args().collect::<Vec<_>>()))
}

/// The trimmed standard output of a command, or None when it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

pub fn cargo(args: &[&str]) -> Result<(), String> {
    run(command(env!("CARGO")).args(args))
}

pub fn step(title: &str) {
    println!("\n==> {title}");
}
