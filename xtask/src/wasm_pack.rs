//! `wasm-pack test` in headless Chromium through the installed ChromeDriver, with the flags of
//! `browser`.

use crate::browser::{webdriver_json, CHROMEDRIVER};
use crate::shell::{command, root, run};

/// Runs `wasm-pack test` with `args` after the browser options (e.g. `["app"]`, or
/// `["--release", "shared", "--test", "t", "--", "--nocapture"]`).
pub fn test(args: &[&str]) -> Result<(), String> {
    let capabilities = root().join("target/webdriver.json");
    std::fs::create_dir_all(root().join("target")).map_err(|e| format!("target/: {e}"))?;
    std::fs::write(&capabilities, webdriver_json()).map_err(|e| format!("{}: {e}", capabilities.display()))?;
    run(command("wasm-pack")
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &capabilities)
        .args(["test", "--headless", "--chrome", "--chromedriver", CHROMEDRIVER])
        .args(args))
}
