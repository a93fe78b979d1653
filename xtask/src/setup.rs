//! Installs the tools, each only when missing or at the wrong version.

use crate::browser::{CHROMEDRIVER, CHROMIUM};
use crate::shell::{self, command, output, root, run, step};

const TRUNK: &str = "0.21.14";
const WASM_PACK: &str = "0.15.1";

/// What `run` needs: the wasm target, trunk, wasm-bindgen-cli and npm's wasm-opt.
pub fn for_build() -> Result<(), String> {
    step("set-up: build tools");
    wasm_target()?;
    cargo_tool("trunk", TRUNK, &["install", "--locked", &format!("trunk@{TRUNK}")])?;
    let bindgen = wasm_bindgen_version()?;
    // Without --locked: its lock file names a crate release the registry does not serve.
    cargo_tool("wasm-bindgen", &bindgen, &["install", &format!("wasm-bindgen-cli@{bindgen}")])?;
    npm_tools()
}

/// What `test` needs besides: wasm-pack, Chromium and ChromeDriver.
pub fn for_tests() -> Result<(), String> {
    for_build()?;
    step("set-up: test tools");
    cargo_tool("wasm-pack", WASM_PACK, &["install", "--locked", &format!("wasm-pack@{WASM_PACK}")])?;
    chromium()
}

fn wasm_target() -> Result<(), String> {
    let installed = output(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|t| t == "wasm32-unknown-unknown") {
        println!("wasm32-unknown-unknown: installed");
        return Ok(());
    }
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Installs `binary` with `cargo <args>` unless `binary --version` already names `version`.
fn cargo_tool(binary: &str, version: &str, args: &[&str]) -> Result<(), String> {
    let found = output(command(binary).arg("--version")).unwrap_or_default();
    if found.split_whitespace().any(|word| word == version) {
        println!("{binary} {version}: installed");
        return Ok(());
    }
    println!("{binary} {version}: installing (found {found:?})");
    shell::cargo(args)
}

/// The wasm-bindgen version of Cargo.lock, which Trunk.toml must name too.
fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let version = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"wasm-bindgen\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_owned())
        .ok_or("Cargo.lock has no wasm-bindgen")?;
    let trunk = std::fs::read_to_string(root().join("Trunk.toml")).map_err(|e| format!("Trunk.toml: {e}"))?;
    if !trunk.contains(&format!("wasm_bindgen = \"{version}\"")) {
        return Err(format!("Trunk.toml's wasm_bindgen must be {version}, the version in Cargo.lock"));
    }
    Ok(version)
}

/// binaryen (wasm-opt), axe-core and lighthouse from npm, as package.json pins them.
fn npm_tools() -> Result<(), String> {
    const PACKAGES: [&str; 3] = ["binaryen", "axe-core", "lighthouse"];
    let pinned = std::fs::read_to_string(root().join("package.json")).map_err(|e| format!("package.json: {e}"))?;
    let installed = |package: &str| {
        let manifest = std::fs::read_to_string(root().join("node_modules").join(package).join("package.json")).unwrap_or_default();
        let version = manifest.lines().find_map(|l| l.trim().strip_prefix("\"version\": \"")).map(|v| v.trim_end_matches([',', '"']).to_owned());
        version.is_some_and(|v| pinned.contains(&format!("\"{package}\": \"{v}\"")))
    };
    if PACKAGES.into_iter().all(installed) {
        println!("npm tools ({}): installed", PACKAGES.join(", "));
        return Ok(());
    }
    if output(command("npm").arg("--version")).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    run(command("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn chromium() -> Result<(), String> {
    if std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists() {
        println!("chromium, chromedriver: installed");
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// Installs Debian packages, through sudo when not root.
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let is_root = output(command("id").arg("-u")).as_deref() == Some("0");
    let apt = |args: &[&str]| {
        let mut c = if is_root { command("apt-get") } else { command("sudo") };
        if !is_root {
            c.arg("apt-get");
        }
        c.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        run(&mut c)
    };
    apt(&["update", "-qq"])?;
    apt(&[&["install", "-y", "-qq"], packages].concat())
}
