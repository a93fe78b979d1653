//! In the browser the rules' patterns run on JavaScript's `RegExp`; natively on the `regex`
//! crate. This test runs in Chromium and checks that both engines give the same answer for every
//! pattern on thousands of generated inputs.
#![cfg(target_arch = "wasm32")]

use shared::pattern::Regex;
use shared::rules::{email, phone, username};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PATTERNS: [&str; 3] = [username::PATTERN, email::PATTERN, phone::PATTERN];
/// Characters near the patterns' edges: their classes, separators, Polish and other Unicode.
const ALPHABET: &[char] = &[
    'a', 'z', 'A', 'Z', 'q', '0', '4', '8', '9', '_', '-', '.', '@', '+', ' ', '#', '%', '\'', '/', '`', '{', '|', '}', '~', '!', '=', '?', '^', '$', '&', '*',
    '(', ')', '[', '\\', '\n', '\t', 'ą', 'Ż', 'é', 'ß', 'ſ', 'K', '０', '٣', '😀', '\u{0}',
];

/// A small xorshift generator, so every run checks the same inputs.
struct Inputs(u64);

impl Inputs {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn string(&mut self) -> String {
        let len = self.next() % 24;
        (0..len).map(|_| ALPHABET[(self.next() % ALPHABET.len() as u64) as usize]).collect()
    }
}

fn assert_agree(input: &str) {
    for pattern in PATTERNS {
        let native = regex::Regex::new(pattern).unwrap().is_match(input);
        let browser = Regex::new(pattern).is_match(input);
        assert_eq!(native, browser, "pattern {pattern} on {input:?}");
    }
}

#[wasm_bindgen_test]
fn engines_agree_on_the_rules_own_examples() {
    for input in ["jan_kowalski", "jan.kowalski", "łukasz", "a@b", "jan@example..pl", "+48600123456", "0048600123456", "60012345", ""] {
        assert_agree(input);
    }
}

#[wasm_bindgen_test]
fn engines_agree_on_generated_inputs() {
    let mut inputs = Inputs(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5000 {
        assert_agree(&inputs.string());
    }
}

#[wasm_bindgen_test]
fn engines_agree_on_generated_email_and_phone_shapes() {
    let mut inputs = Inputs(42);
    for _ in 0..2000 {
        let (local, domain) = (inputs.string(), inputs.string());
        assert_agree(&format!("{local}@{domain}"));
        assert_agree(&format!("+48{}", inputs.next() % 10_000_000_000));
    }
}

/// Names and domains near the edges of NFC and UTS 46: Polish letters composed and decomposed,
/// capitals, other scripts, full-width letters and digits, and what is not a domain.
const UNICODE_SAMPLES: &[&str] = &[
    "Zażółć",
    "Zaz\u{307}o\u{301}łc\u{301}",
    "ĄĘŁŃÓŚŹŻ",
    "A\u{328}E\u{328}N\u{301}O\u{301}S\u{301}Z\u{301}Z\u{307}",
    "Å",
    "A\u{30a}",
    "ﬁ",
    "Ｗｏｊｔｅｋ",
    "한국",
    "e\u{301}\u{301}",
    "",
    "żółw.pl",
    "Żółw.PL",
    "zo\u{301}łw.pl",
    "xn--w-uga1v8h.pl",
    "bücher.de",
    "ｅｘａｍｐｌｅ．ｐｌ",
    "straße.de",
    "例え.jp",
    "a-.pl",
    "xn--zz.pl",
    "-a.pl",
    "a..pl",
    "münchen.de",
    "ąę",
    "0.pl",
    "١٢٣.pl",
];

#[wasm_bindgen_test]
fn nfc_agrees_with_the_unicode_normalization_crate() {
    use unicode_normalization::UnicodeNormalization;
    for sample in UNICODE_SAMPLES {
        assert_eq!(shared::text::nfc(sample), sample.nfc().collect::<String>(), "{sample:?}");
    }
}

#[wasm_bindgen_test]
fn the_browsers_url_gives_a_domain_the_ascii_form_the_idna_crate_gives() {
    for sample in UNICODE_SAMPLES {
        let native = idna::domain_to_ascii(sample).ok().filter(|a| !a.is_empty() && a.is_ascii());
        let prechecked = shared::text::is_typed_domain(sample);
        assert_eq!(shared::text::domain_to_ascii(sample), native.filter(|_| prechecked), "{sample:?}");
    }
    for email in ["jan@żółw.pl", "jan@zo\u{301}łw.pl", "Jan@Bücher.DE"] {
        assert!(email::validate(email).is_ok(), "{email}");
    }
}
