//! The browser runs the rules' patterns on `regex-lite`, the server on `regex`: they must agree.

use proptest::prelude::*;
use shared::rules::{email, phone, username};

const PATTERNS: [&str; 3] = [username::PATTERN, email::PATTERN, phone::PATTERN];

fn agree(input: &str) -> Result<(), TestCaseError> {
    for pattern in PATTERNS {
        let full = regex::Regex::new(pattern).unwrap().is_match(input);
        let lite = regex_lite::Regex::new(pattern).unwrap().is_match(input);
        prop_assert_eq!(full, lite, "pattern {} on {:?}", pattern, input);
    }
    Ok(())
}

#[test]
fn both_engines_compile_every_pattern() {
    for pattern in PATTERNS {
        regex::Regex::new(pattern).unwrap();
        regex_lite::Regex::new(pattern).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn engines_agree_on_strings_near_the_patterns(input in "[a-zA-Z0-9_.@+ -]{0,12}(@[a-z0-9.-]{0,10})?") {
        agree(&input)?;
    }

    #[test]
    fn engines_agree_on_any_unicode(input in "\\PC{0,20}") {
        agree(&input)?;
    }

    #[test]
    fn engines_agree_on_phone_like_strings(input in "(\\+48|0048)?[0-9]{7,11}") {
        agree(&input)?;
    }
}
