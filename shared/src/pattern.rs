//! The one regular-expression type the rules use: the `regex` crate natively, the browser's own
//! `RegExp` in wasm (no engine shipped in the download). `tests/browser_patterns.rs` proves the
//! two agree on every pattern of the rules.

/// A compiled pattern; only whole-input matching is needed (every pattern is anchored).
pub struct Regex(#[cfg(not(target_arch = "wasm32"))] regex::Regex, #[cfg(target_arch = "wasm32")] js_sys::RegExp);

impl Regex {
    /// Compiles a pattern that is a constant of this crate; the tests compile every one of them.
    pub fn new(pattern: &str) -> Regex {
        #[cfg(not(target_arch = "wasm32"))]
        return Regex(regex::Regex::new(pattern).expect("the crate's own patterns are valid"));
        #[cfg(target_arch = "wasm32")]
        return Regex(js_sys::RegExp::new(pattern, "u"));
    }

    pub fn is_match(&self, input: &str) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.is_match(input);
        #[cfg(target_arch = "wasm32")]
        return self.0.test(input);
    }
}
