//! What one keystroke's checks cost in Chromium, built as the app ships (release). `cargo xtask bench` runs it with
//! `--nocapture`, which shows its lines; a debug build, as `cargo xtask test` makes, compiles it to nothing.
#![cfg(all(target_arch = "wasm32", not(debug_assertions)))]

mod keystroke;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Fewer calls than natively, as a call costs more here; still many steps of the browser's coarse clock (0.1 ms).
const CALLS: u32 = 100_000;

#[wasm_bindgen_test]
fn keystroke_cost() {
    let performance = web_sys::window().and_then(|w| w.performance()).expect("a page's performance clock");
    for line in keystroke::measure(CALLS, || performance.now() * 1e6) {
        console_log!("{line}");
    }
}
