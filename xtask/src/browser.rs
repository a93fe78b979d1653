//! Chromium and ChromeDriver: where Debian installs them and the flags every headless run gives
//! Chromium (the set-up checks them, wasm-pack's runner, Lighthouse and the end-to-end journeys
//! start them). Depends on nothing, so `e2e` includes this very file (`#[path]`).

/// Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver, of the same release as Chromium.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Headless, in a container (no sandbox, no GPU, a small /dev/shm), and quiet: nothing fetched in
/// the background that could slow a measurement or reach outside.
pub const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// The capabilities wasm-bindgen-test-runner reads (`WASM_BINDGEN_TEST_WEBDRIVER_JSON`).
#[allow(dead_code)] // e2e includes this file and does not need it
pub fn webdriver_json() -> String {
    let args: Vec<String> = CHROMIUM_FLAGS.iter().map(|flag| format!("\"{flag}\"")).collect();
    format!("{{\"goog:chromeOptions\": {{\"args\": [{}]}}}}\n", args.join(", "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_webdriver_capabilities_carry_every_flag() {
        let capabilities: serde_json::Value = serde_json::from_str(&super::webdriver_json()).expect("JSON");
        let args = capabilities["goog:chromeOptions"]["args"].as_array().expect("args");
        assert_eq!(args.iter().map(|a| a.as_str().unwrap()).collect::<Vec<_>>(), super::CHROMIUM_FLAGS);
    }
}
