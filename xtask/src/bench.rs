//! The benchmark: one figure a line, for the budgets the issues set.

use crate::mock::ApiMock;
use crate::paths::{ACCOUNT_STEP_PATH, HOME_PATH, LOGIN_PATH};
use crate::shell::{self, step};

/// The pages a citizen arrives at: each one's first load must stay within the budget.
const ENTRY_PAGES: [&str; 3] = [HOME_PATH, ACCOUNT_STEP_PATH, LOGIN_PATH];

pub fn run() -> Result<(), String> {
    crate::setup::for_build()?;
    let build = crate::build::release()?;
    step("the release build's files as served (brotli and gzip copies written at build time)");
    for path in crate::build::files_in(&build)?.iter().filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("br" | "gz"))) {
        let size = |suffix: &str| std::fs::metadata(format!("{}{suffix}", path.display())).map(|m| m.len()).unwrap_or(0);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        println!("{name:<60} raw {:>8} B   gzip -9 {:>8} B   brotli {:>8} B", size(""), size(".gz"), size(".br"));
    }
    step("validation cost per call, natively (release build)");
    shell::cargo(&["run", "--quiet", "--release", "-p", "shared", "--example", "validation_cost"])?;
    crate::setup::for_tests()?;
    step("validation cost per call in headless Chromium (wasm, release build)");
    // --nocapture: the runner shows a passing test's console lines only with it.
    crate::wasm_pack::test(&["--release", "shared", "--test", "keystroke_cost", "--", "--nocapture"])?;
    step("the first load of each entry page, on the wire (Chromium, empty cache, Accept-Encoding: br, gzip)");
    shell::cargo(&[&["run", "--quiet", "--profile", "server", "-p", "e2e", "--example", "first_load", "--"], &ENTRY_PAGES[..]].concat())?;
    step("time to interactive in headless Chromium");
    shell::cargo(&["run", "--quiet", "--profile", "server", "-p", "e2e", "--example", "time_to_interactive"])?;
    step("Lighthouse, mobile preset (simulated slow 4G, 4x CPU slowdown)");
    let server = ApiMock::start(&["--static", "dist"], "lighthouse-api-mock.log")?;
    crate::lighthouse::report(&server.url, &ENTRY_PAGES)?;
    drop(server);
    step("api-mock throughput on loopback");
    shell::cargo(&["run", "--quiet", "--profile", "server", "-p", "e2e", "--example", "mock_load"])?;
    step("31 October 2023 replayed: the renewal storm against the real api-mock, state on disk, on loopback");
    shell::cargo(&["build", "--quiet", "--profile", "server", "-p", "api-mock"])?;
    shell::cargo(&["run", "--quiet", "--profile", "server", "-p", "e2e", "--example", "storm"])
}
