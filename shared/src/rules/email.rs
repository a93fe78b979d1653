//! E-mail address: the WHATWG "valid e-mail address" pattern that browsers use for
//! `<input type="email">`, at most 254 characters; compared case-insensitively. An internationalised
//! domain (`jan@żółw.pl`) is accepted and judged, sent and kept in its ASCII (punycode) form
//! (`jan@xn--w-uga1v8h.pl`), the form every mail system takes; the local part stays ASCII, as the
//! browsers' pattern has it.

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

/// Checks an address, ignoring surrounding white space; answers it trimmed, its domain in ASCII.
pub fn validate(input: &str) -> Result<String, EmailError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(EmailError::Required);
    }
    let email = ascii_domain(trimmed);
    if !email.validate_length(None, Some(MAX_LEN), None) {
        return Err(EmailError::TooLong);
    }
    if !SHAPE.with(|shape| shape.is_match(&email)) {
        return Err(EmailError::Format);
    }
    Ok(email)
}

/// The address with a non-ASCII domain in its punycode form; as it is otherwise.
fn ascii_domain(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) if !domain.is_ascii() => match crate::text::domain_to_ascii(&crate::text::nfc(domain)) {
            Some(ascii) => format!("{local}@{ascii}"),
            None => email.to_owned(),
        },
        _ => email.to_owned(),
    }
}

/// The form under which two addresses are the same, and the one kept: trimmed, the domain in
/// ASCII, lower-case.
pub fn normalise(email: &str) -> String {
    ascii_domain(email.trim()).to_ascii_lowercase()
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
    fn an_international_domain_is_taken_in_its_ascii_form() {
        assert_eq!(validate(" jan@żółw.pl ").as_deref(), Ok("jan@xn--w-uga1v8h.pl"));
        assert_eq!(normalise("Jan@Żółw.PL"), "jan@xn--w-uga1v8h.pl");
        assert_eq!(normalise("jan@xn--w-uga1v8h.pl"), "jan@xn--w-uga1v8h.pl");
        assert_eq!(validate("jan@żółw..pl"), Err(EmailError::Format));
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
