//! The one regular-expression type the rules use: `regex` natively, `regex-lite` in wasm (smaller).

#[cfg(not(target_arch = "wasm32"))]
pub use regex::Regex;
#[cfg(target_arch = "wasm32")]
pub use regex_lite::Regex;

/// Compiles a pattern that is a constant of this crate; the tests compile every one of them.
pub fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the crate's own patterns are valid")
}
