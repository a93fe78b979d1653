//! E-mail address: the WHATWG "valid e-mail address" pattern that browsers use for
//! `<input type="email">`, at most 254 characters; compared case-insensitively.

use super::error_codes;
use crate::pattern::Regex;
use crate::Lang;
use validator::ValidateLength;

pub const MAX_LEN: u64 = 254;
pub const PATTERN: &str =
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

thread_local! {
    static SHAPE: Regex = Regex::new(PATTERN);
}

error_codes! {
    /// Why an e-mail address is refused.
    pub enum EmailError {
        Required = "email.required",
        TooLong = "email.too_long",
        Format = "email.format",
    }
}

impl EmailError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz adres e-mail", "Enter your e-mail address"),
            Self::TooLong => ("Adres e-mail może mieć najwyżej 254 znaki", "The e-mail address must be at most 254 characters long"),
            Self::Format => (
                "Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl",
                "Enter an e-mail address in the correct format, like jan.kowalski@example.pl",
            ),
        };
        lang.pick(pl, en)
    }
}

/// Checks an address, ignoring surrounding white space; answers it trimmed.
pub fn validate(input: &str) -> Result<&str, EmailError> {
    let email = input.trim();
    if email.is_empty() {
        return Err(EmailError::Required);
    }
    if !email.validate_length(None, Some(MAX_LEN), None) {
        return Err(EmailError::TooLong);
    }
    if !SHAPE.with(|shape| shape.is_match(email)) {
        return Err(EmailError::Format);
    }
    Ok(email)
}

/// The form under which two addresses are the same: trimmed, lower-case.
pub fn normalise(email: &str) -> String {
    email.trim().to_ascii_lowercase()
}

/// The address with its local part hidden but for the first character, for screens: `d***@example.pl`.
pub fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_shows_the_first_character_and_the_domain() {
        assert_eq!(masked("dariusz_kaminski@example.pl"), "d***@example.pl");
        assert_eq!(masked("nie-adres"), "***");
    }

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in ["jan.kowalski@example.pl", "a+b@sub.example.gov.pl", " x@y ", "o'brien@example.ie"] {
            assert!(validate(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_browsers_refuse() {
        assert_eq!(validate(""), Err(EmailError::Required));
        for bad in ["jan", "jan@", "@example.pl", "jan kowalski@example.pl", "jan@exa mple.pl", "jan@-example.pl", "żaneta@example.pl", "jan@example..pl"] {
            assert_eq!(validate(bad), Err(EmailError::Format), "{bad}");
        }
        let long = format!("{}@example.pl", "a".repeat(250));
        assert_eq!(validate(&long), Err(EmailError::TooLong));
    }
}
