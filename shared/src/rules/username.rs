//! Username ("Nazwa użytkownika"): ASCII letters, digits, `_` and `-`; unique, case-insensitively.

use super::error_codes;
use crate::pattern::Regex;
use crate::Lang;
use validator::ValidateLength;

pub const MIN_LEN: u64 = 4;
pub const MAX_LEN: u64 = 32;
pub const PATTERN: &str = r"^[A-Za-z0-9_-]+$";
const POLISH_LETTERS: &str = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";

thread_local! {
    static ALLOWED: Regex = Regex::new(PATTERN);
}

error_codes! {
    /// Why a username is refused.
    pub enum UsernameError {
        Required = "username.required",
        TooShort = "username.too_short",
        TooLong = "username.too_long",
        PolishLetter = "username.polish_letter",
        ForbiddenChar = "username.forbidden_char",
        /// Another account has this name (compared case-insensitively); only the server knows.
        Taken = "username.taken",
    }
}

impl UsernameError {
    pub fn message(self, lang: Lang) -> &'static str {
        let (pl, en) = match self {
            Self::Required => ("Wpisz nazwę użytkownika", "Enter a username"),
            Self::TooShort => ("Nazwa użytkownika musi mieć co najmniej 4 znaki", "The username must be at least 4 characters long"),
            Self::TooLong => ("Nazwa użytkownika może mieć najwyżej 32 znaki", "The username must be at most 32 characters long"),
            Self::PolishLetter => (
                "Nazwa użytkownika nie może zawierać polskich znaków (ą, ć, ę, ł, ń, ó, ś, ź, ż)",
                "The username cannot contain Polish letters (ą, ć, ę, ł, ń, ó, ś, ź, ż)",
            ),
            Self::ForbiddenChar => (
                "Nazwa użytkownika może zawierać tylko litery bez polskich znaków, cyfry, podkreślenie (_) i łącznik (-), bez spacji i kropki",
                "The username can contain only letters without Polish accents, digits, underscore (_) and hyphen (-), with no spaces or dots",
            ),
            Self::Taken => ("Ta nazwa użytkownika jest już zajęta. Wybierz inną", "This username is already taken. Choose another one"),
        };
        lang.pick(pl, en)
    }
}

/// Checks a username as typed (not trimmed: a space is an error the citizen should see).
pub fn validate(username: &str) -> Result<(), UsernameError> {
    if username.is_empty() {
        return Err(UsernameError::Required);
    }
    // A Polish letter typed decomposed ("z" and a dot above) is named as one too.
    if !username.is_ascii() && crate::text::nfc(username).chars().any(|c| POLISH_LETTERS.contains(c)) {
        return Err(UsernameError::PolishLetter);
    }
    if !ALLOWED.with(|allowed| allowed.is_match(username)) {
        return Err(UsernameError::ForbiddenChar);
    }
    if !username.validate_length(Some(MIN_LEN), None, None) {
        return Err(UsernameError::TooShort);
    }
    if !username.validate_length(None, Some(MAX_LEN), None) {
        return Err(UsernameError::TooLong);
    }
    Ok(())
}

/// The form under which uniqueness is decided: usernames differ only if they differ ignoring case.
pub fn uniqueness_key(username: &str) -> String {
    username.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_letters_digits_underscore_and_hyphen() {
        for ok in ["jan_kowalski", "Jan-Kowalski-1985", "ABCD", "a_-9", &"x".repeat(32)] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_what_the_seed_forbids() {
        assert_eq!(validate(""), Err(UsernameError::Required));
        assert_eq!(validate("jan.kowalski"), Err(UsernameError::ForbiddenChar));
        assert_eq!(validate("jan kowalski"), Err(UsernameError::ForbiddenChar));
        assert_eq!(validate("jan@kowalski"), Err(UsernameError::ForbiddenChar));
        assert_eq!(validate("łukasz"), Err(UsernameError::PolishLetter));
        assert_eq!(validate("ŻANETA"), Err(UsernameError::PolishLetter));
        assert_eq!(validate("jürgen"), Err(UsernameError::ForbiddenChar));
        assert_eq!(validate("abc"), Err(UsernameError::TooShort));
        assert_eq!(validate(&"x".repeat(33)), Err(UsernameError::TooLong));
    }

    #[test]
    fn messages_state_the_limits() {
        assert!(UsernameError::TooShort.message(Lang::Pl).contains(&MIN_LEN.to_string()));
        assert!(UsernameError::TooLong.message(Lang::En).contains(&MAX_LEN.to_string()));
    }

    #[test]
    fn uniqueness_ignores_case() {
        assert_eq!(uniqueness_key("Jan_Kowalski"), uniqueness_key("jan_KOWALSKI"));
    }
}
